//! Reading one 自评表 off a sheet by its labels: project info, the money grid, 年度总体目标 and the
//! indicator rows (continued on later sheets when those have only an indicator table).
//!
//! Every cell read is recorded with the field it went to; every cell with content that is
//! neither a label nor read is kept (in the draft's 备注), never dropped.

use super::labels::{label_of, normalize, points_in, says_yuan, Label};
use super::workbook::Grid;
use super::{Placed, Warning};
use jixiao_core::model::{ChildRow, Draft, FundColumn, FundSource, Indicator, Level1};
use jixiao_core::parse::parse_amount;
use std::collections::HashSet;

type Pos = (u32, u32);

/// What was read of one form, before the checks against the engine.
#[derive(Debug, Default)]
pub struct FormReading {
    pub sheets: Vec<String>,
    pub draft: Draft,
    pub placed: Vec<Placed>,
    pub skipped: Vec<Placed>,
    pub warnings: Vec<Warning>,
    /// Figures the sheet claims that the engine computes: compared after reading.
    pub claims: Claims,
    pub has_adjusted_column: bool,
    pub in_yuan: bool,
    /// Cells with content read as neither label nor value, with their references.
    pub leftovers: Vec<Placed>,
}

#[derive(Debug, Default)]
pub struct Claims {
    pub execution_weight: Option<(String, String)>,
    pub execution_rate: Option<(String, String)>,
    pub execution_score: Option<(String, String)>,
    pub total_score: Option<(String, String)>,
    /// (indicator index, cell, text) of each row's 得分.
    pub row_scores: Vec<(usize, String, String)>,
    pub total_funds: Vec<(FundColumn, String, String)>,
}

/// A sheet holds a 自评表 when it names a project and has the money grid or the indicator table
/// (a list of projects with a 项目名称 column is not one).
pub fn has_project(grid: &Grid) -> bool {
    let all = labels(grid);
    let has = |label: Label| all.iter().any(|(_, l)| *l == label);
    let money_grid =
        has(Label::Executed) && (has(Label::AnnualBudget) || has(Label::AdjustedBudget) || has(Label::InitialBudget));
    has(Label::ProjectName) && (money_grid || indicator_header(grid).is_some())
}

pub fn has_indicator_header(grid: &Grid) -> bool {
    indicator_header(grid).is_some()
}

fn labels(grid: &Grid) -> Vec<(Pos, Label)> {
    grid.cells.iter().filter_map(|(pos, cell)| label_of(&cell.text).map(|l| (*pos, l))).collect()
}

fn is_placeholder_dash(text: &str) -> bool {
    matches!(text.trim(), "—" | "-" | "——" | "/" | "－" | "\\" | "–")
}

/// The reader of one sheet: which cells it used.
struct SheetReader<'g> {
    grid: &'g Grid,
    used: HashSet<Pos>,
}

impl<'g> SheetReader<'g> {
    fn new(grid: &'g Grid) -> Self {
        let mut used = HashSet::new();
        // Labels carry no content of their own (their bracketed units and points are read where they matter).
        for (pos, cell) in &grid.cells {
            if label_of(&cell.text).is_some() {
                used.insert(*pos);
            }
        }
        SheetReader { grid, used }
    }

    fn find(&self, label: Label) -> Option<Pos> {
        self.grid.cells.iter().find(|(_, c)| label_of(&c.text) == Some(label)).map(|(p, _)| *p)
    }

    /// The value beside a label: the first cell to its right with content, unless that is another label.
    fn right_of(&mut self, pos: Pos) -> Option<Pos> {
        let row = pos.0;
        let mut col = self.grid.right_edge(pos) + 1;
        while col <= self.grid.last_col() {
            let anchor = self.grid.anchor((row, col));
            let text = self.grid.text(anchor);
            if anchor.0 == row && !text.is_empty() {
                if label_of(text).is_some() {
                    return None;
                }
                return Some(anchor);
            }
            col = self.grid.right_edge((row, col)) + 1;
        }
        None
    }

    /// The value under a label (goal texts sit under 预期目标 / 实际完成情况).
    fn below(&self, pos: Pos) -> Option<Pos> {
        let anchor = self.grid.anchor((self.grid.bottom_edge(pos) + 1, pos.1));
        let text = self.grid.text(anchor);
        (!text.is_empty() && label_of(text).is_none()).then_some(anchor)
    }

    fn take(&mut self, pos: Pos) -> String {
        self.used.insert(self.grid.anchor(pos));
        self.grid.text(pos).to_string()
    }
}

fn place(out: &mut FormReading, grid: &Grid, field: impl Into<String>, pos: Pos, text: &str) {
    out.placed.push(Placed { field: field.into(), cell: grid.cell_ref(pos), text: text.to_string() });
}

fn warn(out: &mut FormReading, grid: &Grid, pos: Pos, message: impl Into<String>) {
    out.warnings.push(Warning { cell: grid.cell_ref(pos), message: message.into() });
}

/// Reads a sheet that holds a whole form (项目名称 …).
pub fn read_form(grid: &Grid) -> FormReading {
    let mut out = FormReading { sheets: vec![grid.name.clone()], ..FormReading::default() };
    let mut reader = SheetReader::new(grid);
    read_title(&mut reader, &mut out);
    read_project(&mut reader, &mut out);
    read_funds(&mut reader, &mut out);
    read_goals(&mut reader, &mut out);
    let mut carry = Carry::default();
    let end = read_indicators(&mut reader, &mut out, &mut carry);
    read_signatures(&mut reader, &mut out, end);
    finish_sheet(&reader, &mut out);
    out
}

/// Appends the indicator rows of a continuation sheet (an indicator table without project info).
pub fn continue_form(grid: &Grid, out: &mut FormReading) {
    out.sheets.push(grid.name.clone());
    let mut reader = SheetReader::new(grid);
    let mut carry = Carry::from_last(&out.draft);
    let end = read_indicators(&mut reader, out, &mut carry);
    read_signatures(&mut reader, out, end);
    finish_sheet(&reader, out);
}

fn finish_sheet(reader: &SheetReader, out: &mut FormReading) {
    let grid = reader.grid;
    for (pos, cell) in &grid.cells {
        if !reader.used.contains(pos) && !cell.text.trim().is_empty() {
            out.leftovers.push(Placed { field: "备注".into(), cell: grid.cell_ref(*pos), text: cell.text.clone() });
        }
    }
}

fn read_title(reader: &mut SheetReader, out: &mut FormReading) {
    let grid = reader.grid;
    let title =
        grid.cells.iter().find(|(_, c)| c.text.contains("自评表") && c.text.chars().count() <= 60).map(|(p, _)| *p);
    if let Some(pos) = title {
        let text = reader.take(pos);
        if let Some(year) = year_in(&text) {
            out.draft.project.year = year.clone();
            place(out, grid, "年度", pos, &year);
        }
    }
    // "附件2" and the like above the title are part of the template, not content.
    for (pos, cell) in &grid.cells {
        let core = normalize(&cell.text).core;
        if core.starts_with("附件") && core.chars().count() <= 5 || says_yuan(&cell.text) || core == "单位:万元" {
            reader.used.insert(*pos);
            if says_yuan(&cell.text) {
                out.in_yuan = true;
            }
        }
    }
}

/// A four-digit year followed by 年 (`（2022年度）`, `2022年度项目支出…`).
fn year_in(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        let digits = &chars[i..i + 4];
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        (before_ok && digits.iter().all(char::is_ascii_digit) && chars[i + 4] == '年').then(|| digits.iter().collect())
    })
}

fn read_project(reader: &mut SheetReader, out: &mut FormReading) {
    let grid = reader.grid;
    let fields: [(Label, &str); 5] = [
        (Label::ProjectName, "项目名称"),
        (Label::Department, "主管部门"),
        (Label::ImplementingUnit, "实施单位"),
        (Label::Leader, "项目负责人"),
        (Label::LeaderAndPhone, "项目负责人"),
    ];
    for (label, field) in fields {
        let Some(pos) = reader.find(label) else { continue };
        let Some(value) = reader.right_of(pos) else { continue };
        let text = reader.take(value);
        let slot = match label {
            Label::ProjectName => &mut out.draft.project.name,
            Label::Department => &mut out.draft.project.department,
            Label::ImplementingUnit => &mut out.draft.project.implementing_unit,
            _ => &mut out.draft.project.leader,
        };
        *slot = text.clone();
        place(out, grid, field, value, &text);
    }
    // 联系电话 beside 项目负责人 (the signature lines' own 联系电话 are read with them).
    if let Some(pos) = reader.find(Label::Phone) {
        if let Some(value) = reader.right_of(pos) {
            let text = reader.take(value);
            out.draft.project.phone = text.clone();
            place(out, grid, "联系电话", value, &text);
        }
    }
}

const MONEY_COLUMNS: [(Label, Option<FundColumn>); 8] = [
    (Label::InitialBudget, Some(FundColumn::InitialBudget)),
    (Label::AnnualBudget, Some(FundColumn::AnnualBudget)),
    (Label::AdjustedBudget, Some(FundColumn::AdjustedBudget)),
    (Label::Executed, Some(FundColumn::Executed)),
    (Label::Received, Some(FundColumn::Received)),
    (Label::Weight, None),
    (Label::ExecutionRate, None),
    (Label::Score, None),
];

fn read_funds(reader: &mut SheetReader, out: &mut FormReading) {
    let grid = reader.grid;
    let all = labels(grid);
    let Some(header_row) = all.iter().filter(|(_, l)| *l == Label::Executed).map(|(p, _)| p.0).find(|&r| {
        all.iter()
            .any(|(p, l)| p.0 == r && matches!(l, Label::AnnualBudget | Label::AdjustedBudget | Label::InitialBudget))
    }) else {
        return;
    };
    let header: Vec<(Pos, Label)> = all.iter().copied().filter(|(p, _)| p.0 == header_row).collect();
    // 元 said by a column header (全年预算数（元）) or by the block's label (项目资金（元）), which may
    // sit on a row of its own above the header.
    let block = all.iter().filter(|(_, l)| *l == Label::FundsBlock);
    if header.iter().chain(block).any(|(p, _)| says_yuan(grid.text(*p))) {
        out.in_yuan = true;
    }
    let columns: Vec<(u32, Label, Option<FundColumn>)> = header
        .iter()
        .filter_map(|(p, l)| MONEY_COLUMNS.iter().find(|(ml, _)| ml == l).map(|(_, c)| (p.1, *l, *c)))
        .collect();
    out.has_adjusted_column = columns.iter().any(|(_, l, _)| *l == Label::AdjustedBudget);
    let first_money_col = columns.iter().map(|c| c.0).min().unwrap_or(0);
    let mut total_values: Vec<(FundColumn, Pos, String)> = Vec::new();
    let mut any_source_value = false;
    for row in header_row + 1..=header_row + 8 {
        let row_label = (0..first_money_col).find_map(|c| {
            let pos = grid.anchor((row, c));
            (pos.0 == row).then(|| label_of(grid.text(pos))).flatten()
        });
        let source = match row_label {
            Some(Label::TotalFunds) => None,
            Some(Label::CurrentYear) => Some(FundSource::CurrentYear),
            Some(Label::CarriedOver) => Some(FundSource::CarriedOver),
            Some(Label::OtherFunds) => Some(FundSource::Other),
            Some(Label::Goals | Label::IndicatorBlock | Label::Level1 | Label::Level3) => break,
            _ => continue,
        };
        for &(col, label, column) in &columns {
            let pos = grid.anchor((row, col));
            if pos.0 != row {
                continue;
            }
            let raw = reader.take(pos);
            if raw.is_empty() || is_placeholder_dash(&raw) {
                continue;
            }
            let text = money_text(&raw, out.in_yuan, label);
            match (source, column) {
                (Some(source), Some(column)) => {
                    any_source_value = true;
                    *out.draft.funds.row_mut(source).expect("source row").cell_mut(column) = text.clone();
                    place(out, grid, format!("{}·{}", source.label(), column.label()), pos, &text);
                    note_cell(out, grid, pos, false);
                }
                (None, Some(column)) => total_values.push((column, pos, text)),
                (None, None) => {
                    let slot = match label {
                        Label::Weight => &mut out.claims.execution_weight,
                        Label::ExecutionRate => &mut out.claims.execution_rate,
                        _ => &mut out.claims.execution_score,
                    };
                    *slot = Some((grid.cell_ref(pos), raw.clone()));
                    place(out, grid, format!("年度资金总额·{}（核对）", label_name(label)), pos, &raw);
                }
                (Some(source), None) => {
                    // A source row's own 执行率 is computed; its 分值/得分 are "—" on the form.
                    place(out, grid, format!("{}·{}（核对）", source.label(), label_name(label)), pos, &raw);
                }
            }
        }
    }
    // Only the total filled in: it is all there is, so it is read as 当年财政拨款, and said.
    // (A total of 0 beside empty rows is a SUM over nothing, not a figure.)
    let typed_total = total_values.iter().any(|(_, _, t)| parse_amount(t).ok().flatten().is_some_and(|v| !v.is_zero()));
    if !any_source_value && typed_total {
        for (column, pos, text) in &total_values {
            *out.draft.funds.current_year.cell_mut(*column) = text.clone();
            place(out, grid, format!("当年财政拨款·{}", column.label()), *pos, text);
        }
        let pos = total_values[0].1;
        warn(out, grid, pos, "表中只填写了年度资金总额，未分列来源：已记为“当年财政拨款”，请核对资金来源");
    } else {
        for (column, pos, text) in total_values {
            place(out, grid, format!("年度资金总额·{}（核对）", column.label()), pos, &text);
            out.claims.total_funds.push((column, grid.cell_ref(pos), text));
        }
    }
}

fn label_name(label: Label) -> &'static str {
    match label {
        Label::Weight => "分值",
        Label::ExecutionRate => "执行率",
        _ => "得分",
    }
}

/// Money as the sheet shows it; a sheet in 元 keeps its figures in 元 (`500000元`), which the
/// engine reads as 50 万元.
fn money_text(raw: &str, in_yuan: bool, label: Label) -> String {
    let is_money = matches!(
        label,
        Label::InitialBudget | Label::AnnualBudget | Label::AdjustedBudget | Label::Executed | Label::Received
    );
    let plain_number = raw.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
    if in_yuan && is_money && plain_number {
        format!("{raw}元")
    } else {
        raw.to_string()
    }
}

/// Warnings a cell's number format calls for.
fn note_cell(out: &mut FormReading, grid: &Grid, pos: Pos, may_be_percent: bool) {
    let Some(cell) = grid.cell(pos) else { return };
    if let Some(shown) = &cell.shown_as {
        warn(out, grid, pos, format!("单元格显示为{shown}，存储的数值为{}：按存储值导入", cell.text));
    }
    if cell.format_unknown && may_be_percent {
        warn(
            out,
            grid,
            pos,
            format!(".xls文件读不出单元格格式：数值{}若在表中显示为百分数，请改为带%的写法", cell.text),
        );
    }
}

fn read_goals(reader: &mut SheetReader, out: &mut FormReading) {
    let grid = reader.grid;
    let Some(goals) = reader.find(Label::Goals) else { return };
    let near = |p: Pos| p.0 >= goals.0 && p.0 <= grid.bottom_edge(goals) + 1;
    let expected = labels(grid).into_iter().find(|(p, l)| *l == Label::GoalExpected && near(*p)).map(|(p, _)| p);
    let actual = labels(grid).into_iter().find(|(p, l)| *l == Label::GoalActual && near(*p)).map(|(p, _)| p);
    match expected {
        Some(label) => {
            if let Some(value) = reader.below(label).or_else(|| reader.right_of(label)) {
                let text = reader.take(value);
                out.draft.goals.expected = text.clone();
                place(out, grid, "年度总体目标·预期目标", value, &text);
            }
        }
        None => {
            if let Some(value) = reader.right_of(goals) {
                let text = reader.take(value);
                out.draft.goals.expected = text.clone();
                place(out, grid, "年度总体目标·预期目标", value, &text);
            }
        }
    }
    if let Some(label) = actual {
        if let Some(value) = reader.below(label).or_else(|| reader.right_of(label)) {
            let text = reader.take(value);
            out.draft.goals.actual = text.clone();
            place(out, grid, "年度总体目标·实际完成情况", value, &text);
        }
    }
}

/// The columns of the indicator table, by their header labels.
#[derive(Clone, Copy, Debug, Default)]
struct IndicatorColumns {
    row: u32,
    level1: Option<u32>,
    level2: Option<u32>,
    name: u32,
    target: Option<u32>,
    actual: Option<u32>,
    weight: Option<u32>,
    score: Option<u32>,
    deviation: Option<u32>,
    nature: Option<u32>,
    unit: Option<u32>,
}

fn indicator_header(grid: &Grid) -> Option<IndicatorColumns> {
    let all = labels(grid);
    let name = all.iter().find(|(p, l)| {
        *l == Label::Level3 && all.iter().any(|(q, m)| q.0 == p.0 && matches!(m, Label::Target | Label::Actual))
    })?;
    let row = name.0 .0;
    let col = |label: Label| all.iter().find(|(p, l)| p.0 == row && *l == label).map(|(p, _)| p.1);
    Some(IndicatorColumns {
        row,
        level1: col(Label::Level1),
        level2: col(Label::Level2),
        name: name.0 .1,
        target: col(Label::Target),
        actual: col(Label::Actual),
        weight: col(Label::Weight),
        score: col(Label::Score),
        deviation: col(Label::Deviation),
        nature: col(Label::Nature),
        unit: col(Label::MeasureUnit),
    })
}

/// 一级/二级 carried down the rows (merged cells, or blanks under the first row of a group).
#[derive(Default)]
struct Carry {
    level1: Option<Level1>,
    level2: String,
}

impl Carry {
    fn from_last(draft: &Draft) -> Carry {
        draft.indicators.last().map(|i| Carry { level1: Some(i.level1), level2: i.level2.clone() }).unwrap_or_default()
    }
}

fn is_placeholder_name(name: &str) -> bool {
    let t = name.trim();
    let numbered = t.strip_prefix("指标").is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
    numbered || t.chars().all(|c| matches!(c, '…' | '.' | '。' | '-' | '—'))
}

/// Reads the indicator rows; returns the row after the table (where signatures may follow).
fn read_indicators(reader: &mut SheetReader, out: &mut FormReading, carry: &mut Carry) -> u32 {
    let grid = reader.grid;
    let Some(cols) = indicator_header(grid) else { return 0 };
    let last_row = grid.last_row();
    let mut row = cols.row + 1;
    while row <= last_row {
        let own = |c: Option<u32>| c.map(|c| grid.anchor((row, c))).filter(|p| p.0 == row);
        let row_labels: Vec<Label> = (0..=grid.last_col())
            .filter_map(|c| label_of(grid.text((row, c))).filter(|_| grid.anchor((row, c)).0 == row))
            .collect();
        if row_labels.iter().any(|l| matches!(l, Label::Signature | Label::FillDate))
            || (0..=grid.last_col()).any(|c| is_signature_text(grid.text((row, c))) && grid.anchor((row, c)).0 == row)
        {
            return row;
        }
        if row_labels.iter().any(|l| matches!(l, Label::TotalScore | Label::TotalFunds)) {
            read_total_row(reader, out, &cols, row);
            return row + 1;
        }
        if row_labels.contains(&Label::Level3) {
            row += 1; // the header repeated on a new page
            continue;
        }
        if row_labels.contains(&Label::Subtotal) {
            // Sums of the rows above: computed by the engine, so only shown as read.
            for c in [cols.weight, cols.score].into_iter().flatten() {
                let pos = grid.anchor((row, c));
                if pos.0 == row {
                    let text = reader.take(pos);
                    place(out, grid, "小计（核对）", pos, &text);
                }
            }
            row += 1;
            continue;
        }
        let text_at = |c: Option<u32>| c.map(|c| grid.text((row, c)).to_string()).unwrap_or_default();
        // 一级/二级: a merged cell shows its anchor's text on every row it spans.
        let level1_text = text_at(cols.level1);
        let level2_text = text_at(cols.level2);
        let name = own(Some(cols.name)).map(|p| grid.text(p).to_string()).unwrap_or_default();
        let target_raw = own(cols.target).map(|p| grid.text(p).to_string()).unwrap_or_default();
        let actual_raw = own(cols.actual).map(|p| grid.text(p).to_string()).unwrap_or_default();
        let weight = own(cols.weight).map(|p| grid.text(p).to_string()).unwrap_or_default();
        let deviation = own(cols.deviation).map(|p| grid.text(p).to_string()).unwrap_or_default();
        let nature = own(cols.nature).map(|p| grid.text(p).to_string()).unwrap_or_default();
        let unit = own(cols.unit).map(|p| grid.text(p).to_string()).unwrap_or_default();
        let score = own(cols.score).map(|p| (p, grid.text(p).to_string()));

        if let Some(level1) = Level1::from_label(&level1_text) {
            if carry.level1 != Some(level1) {
                carry.level2.clear();
            }
            carry.level1 = Some(level1);
            if let Some(points) = points_in(&level1_text) {
                out.placed.push(Placed {
                    field: format!("{}分值（标签中）", level1.label()),
                    cell: grid.cell_ref(grid.anchor((row, cols.level1.unwrap_or(0)))),
                    text: points.to_string(),
                });
            }
        }
        if let Some(c) = cols.level1 {
            reader.used.insert(grid.anchor((row, c)));
        }
        if !level2_text.is_empty() {
            carry.level2 = level2_text.clone();
        }
        if let Some(c) = cols.level2 {
            reader.used.insert(grid.anchor((row, c)));
        }
        let content = [&name, &target_raw, &actual_raw, &weight, &deviation, &nature, &unit];
        if content.iter().all(|t| t.is_empty()) {
            row += 1;
            continue;
        }
        let cells_of_row: Vec<Pos> = [
            Some(cols.name),
            cols.target,
            cols.actual,
            cols.weight,
            cols.deviation,
            cols.nature,
            cols.unit,
            cols.score,
        ]
        .into_iter()
        .filter_map(own)
        .collect();
        if (name.is_empty() || is_placeholder_name(&name))
            && target_raw.is_empty()
            && actual_raw.is_empty()
            && weight.is_empty()
        {
            for p in &cells_of_row {
                reader.used.insert(*p);
            }
            out.skipped.push(Placed {
                field: "模板占位行".into(),
                cell: grid.cell_ref((row, cols.name)),
                text: name.clone(),
            });
            row += 1;
            continue;
        }
        for p in &cells_of_row {
            reader.used.insert(*p);
        }
        let target = with_nature_and_unit(&nature, &target_raw, &unit);
        let actual = with_nature_and_unit("", &actual_raw, &unit);
        let trimmed_name = name.trim();
        let child_name = ["其中：", "其中:", "其中"].iter().find_map(|p| trimmed_name.strip_prefix(p)).map(str::trim);
        if let Some(child_name) = child_name {
            if let Some(parent) = out.draft.indicators.last_mut() {
                parent.children.push(ChildRow {
                    name: child_name.to_string(),
                    target: target.clone(),
                    actual: actual.clone(),
                });
                let n = out.draft.indicators.len();
                place(out, grid, format!("指标{n}·明细"), (row, cols.name), &name);
                row += 1;
                continue;
            }
        }
        let level1 = *carry.level1.get_or_insert_with(|| {
            warn(out, grid, (row, cols.level1.unwrap_or(cols.name)), "这一行没有一级指标：按产出指标导入，请核对");
            Level1::Output
        });
        let id = out.draft.next_indicator_id();
        let n = out.draft.indicators.len() + 1;
        let indicator = Indicator {
            id,
            level1,
            level2: carry.level2.clone(),
            name: name.clone(),
            target: target.clone(),
            actual: actual.clone(),
            weight: weight.clone(),
            deviation: deviation.clone(),
            ..Indicator::default()
        };
        out.draft.indicators.push(indicator);
        place(out, grid, format!("指标{n}·三级指标"), (row, cols.name), &name);
        for (col, field, text) in [
            (cols.target, "年度指标值", &target),
            (cols.actual, "实际完成值", &actual),
            (cols.weight, "分值", &weight),
            (cols.deviation, "偏差原因", &deviation),
        ] {
            if let (Some(pos), false) = (own(col), text.is_empty()) {
                place(out, grid, format!("指标{n}·{field}"), pos, text);
                note_cell(out, grid, pos, matches!(field, "年度指标值" | "实际完成值"));
            }
        }
        if let Some((pos, text)) = score.filter(|(_, t)| !t.is_empty()) {
            out.claims.row_scores.push((n - 1, grid.cell_ref(pos), text.clone()));
            place(out, grid, format!("指标{n}·得分（核对）"), pos, &text);
        }
        row += 1;
    }
    row
}

/// `≥` + `95` + `%` from forms that split the target into 指标性质, 指标值 and 度量单位.
fn with_nature_and_unit(nature: &str, value: &str, unit: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    let is_number = value.chars().all(|c| c.is_ascii_digit() || c == '.');
    let unit_part = if is_number && !unit.is_empty() { unit } else { "" };
    let nature = nature.trim();
    let nature = if matches!(nature, "定性" | "定量") { "" } else { nature };
    format!("{nature}{value}{unit_part}")
}

fn is_signature_text(text: &str) -> bool {
    let core = normalize(text).core;
    ["填表人:", "填报人:", "单位负责人:", "审核人:", "财务负责人:", "填报日期:", "填表日期:"]
        .iter()
        .any(|p| core.starts_with(p))
}

fn read_total_row(reader: &mut SheetReader, out: &mut FormReading, cols: &IndicatorColumns, row: u32) {
    let grid = reader.grid;
    if let Some(c) = cols.score {
        let pos = grid.anchor((row, c));
        if pos.0 == row {
            let text = reader.take(pos);
            if !text.is_empty() {
                out.claims.total_score = Some((grid.cell_ref(pos), text.clone()));
                place(out, grid, "总分（核对）", pos, &text);
            }
        }
    }
    for c in 0..=grid.last_col() {
        let pos = grid.anchor((row, c));
        if pos.0 != row || reader.used.contains(&pos) {
            continue;
        }
        let text = grid.text(pos);
        // The base (100) and the grade are computed from the table.
        let core = normalize(text).core;
        if text.parse::<f64>().is_ok() || core.starts_with("等级") || matches!(core.as_str(), "优" | "良" | "中" | "差")
        {
            reader.used.insert(pos);
            place(out, grid, "总分行（核对）", pos, text);
        }
    }
}

/// 填报日期 in the lines under the table (`填表人：张三  填报日期：2023年3月10日`). The 联系电话 there
/// is the 填表人's, not the project's: it stays in 备注 with the other signature lines.
fn read_signatures(reader: &mut SheetReader, out: &mut FormReading, from_row: u32) {
    let grid = reader.grid;
    if from_row == 0 {
        return;
    }
    let positions: Vec<Pos> = grid.cells.keys().copied().filter(|p| p.0 >= from_row).collect();
    for pos in positions {
        if reader.used.contains(&pos) {
            continue;
        }
        let text = grid.text(pos).to_string();
        let pairs = key_values(&text);
        for (key, value) in &pairs {
            if label_of(key) == Some(Label::FillDate) {
                out.draft.project.fill_date = value.clone();
                place(out, grid, "填报日期", pos, value);
                if pairs.len() == 1 {
                    reader.used.insert(pos);
                }
            }
        }
    }
    // A label cell (填报日期) followed by its value in the next cell.
    if let Some(pos) = reader.find(Label::FillDate).filter(|p| p.0 >= from_row) {
        if let Some(value) = reader.right_of(pos) {
            let text = reader.take(value);
            out.draft.project.fill_date = text.clone();
            place(out, grid, "填报日期", value, &text);
        }
    }
}

/// `填表人：张三  联系电话：023-6588` → [("填表人", "张三"), ("联系电话", "023-6588")].
fn key_values(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for part in text.split(|c: char| c.is_whitespace()).filter(|p| !p.is_empty()) {
        if let Some((k, v)) = part.split_once(['：', ':']) {
            pairs.push((k.to_string(), v.to_string()));
        } else if let Some(last) = pairs.last_mut() {
            // A value with a space inside (2023年 3月10日).
            last.1.push(' ');
            last.1.push_str(part);
        } else {
            return Vec::new();
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_titles() {
        assert_eq!(year_in("项目支出绩效自评表（2022年度）").as_deref(), Some("2022"));
        assert_eq!(year_in("2023年度项目支出绩效自评表").as_deref(), Some("2023"));
        assert_eq!(year_in("项目支出绩效自评表"), None);
    }

    #[test]
    fn split_targets_are_joined() {
        assert_eq!(with_nature_and_unit("≥", "95", "%"), "≥95%");
        assert_eq!(with_nature_and_unit("定性", "有效提升", ""), "有效提升");
        assert_eq!(with_nature_and_unit("", "12", "次"), "12次");
        assert_eq!(with_nature_and_unit("", "12次", "次"), "12次");
    }

    #[test]
    fn signature_lines() {
        assert_eq!(
            key_values("填表人：张三  联系电话：023-65881234"),
            vec![("填表人".to_string(), "张三".to_string()), ("联系电话".to_string(), "023-65881234".to_string())]
        );
        assert!(key_values("本表数据经审计").is_empty());
    }

    #[test]
    fn placeholders() {
        assert!(is_placeholder_name("指标2"));
        assert!(is_placeholder_name("……"));
        assert!(!is_placeholder_name("指标完成率"));
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;
    use crate::import::workbook::CellText;

    /// A sheet from rows of texts ("" for an empty cell), starting at A1.
    fn grid(rows: &[&[&str]]) -> Grid {
        let mut g = Grid::new("表1");
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    g.set((r as u32, c as u32), CellText { text: text.to_string(), ..CellText::default() });
                }
            }
        }
        g
    }

    #[test]
    fn a_target_split_into_nature_value_and_unit_is_read_whole() {
        // The provincial layout: 指标性质 | 指标值 | 度量单位, 一级/二级 written once and left blank below (no merges).
        let g = grid(&[
            &["项目名称", "2022年农村饮水安全项目"],
            &["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "全年完成值", "分值", "得分"],
            &["产出指标（50分）", "数量指标", "新建供水站", "≥", "12", "个", "12", "20", "20"],
            &["", "", "受益人口", "≥", "3000", "人", "3150", "15", "15"],
            &["", "质量指标", "水质达标率", "=", "100", "%", "100", "15", "15"],
            &["效益指标", "社会效益指标", "群众饮水条件", "定性", "明显改善", "", "明显改善", "30", "30"],
        ]);
        let reading = read_form(&g);
        let rows: Vec<(Level1, &str, &str, &str, &str)> = reading
            .draft
            .indicators
            .iter()
            .map(|i| (i.level1, i.level2.as_str(), i.name.as_str(), i.target.as_str(), i.actual.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (Level1::Output, "数量指标", "新建供水站", "≥12个", "12个"),
                (Level1::Output, "数量指标", "受益人口", "≥3000人", "3150人"),
                (Level1::Output, "质量指标", "水质达标率", "=100%", "100%"),
                (Level1::Benefit, "社会效益指标", "群众饮水条件", "明显改善", "明显改善"),
            ]
        );
        // The points printed in the 一级 label are shown as read, the label itself is not a leftover.
        assert!(reading.placed.iter().any(|p| p.field.starts_with("产出指标分值") && p.text == "50"));
        assert!(reading.leftovers.is_empty(), "{:?}", reading.leftovers);
    }

    #[test]
    fn a_row_without_a_level1_anywhere_above_is_said_not_guessed_silently() {
        let g = grid(&[
            &["项目名称", "某项目"],
            &["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            &["", "数量指标", "培训人次", "≥100人次", "120人次"],
        ]);
        let reading = read_form(&g);
        assert_eq!(reading.draft.indicators.len(), 1);
        assert!(
            reading.warnings.iter().any(|w| w.message.contains("没有一级指标") && w.cell == "表1!A3"),
            "{:?}",
            reading.warnings
        );
    }

    #[test]
    fn unknown_display_formats_of_xls_are_flagged_only_where_a_percent_may_hide() {
        let mut g = grid(&[
            &["项目名称", "某项目"],
            &["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"],
            &["产出指标", "质量指标", "验收合格率", "", "", "10"],
        ]);
        // What the .xls reader gives for a 0.95 typed under a percent format: a bare fraction.
        g.set((2, 3), CellText { text: "0.95".into(), format_unknown: true, ..CellText::default() });
        g.set((2, 4), CellText { text: "0.98".into(), format_unknown: true, ..CellText::default() });
        let reading = read_form(&g);
        let flagged: Vec<&str> = reading.warnings.iter().map(|w| w.cell.as_str()).collect();
        assert_eq!(flagged, ["表1!D3", "表1!E3"]);
        assert!(reading.warnings[0].message.contains("百分数"));
    }
}
