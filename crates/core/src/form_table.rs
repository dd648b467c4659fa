//! The 自评表 as rows of cells (the national layout of 附1 项目支出绩效自评表), before anything
//! is measured: the PDF sets it on pages, the .docx export writes it as a Word table.
//!
//! Nine grid columns carry every part of the form: the indicator block uses one column each
//! (绩效指标 | 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施) and
//! the parts above merge them (项目名称 spans eight, 预期目标 four, …).

use crate::evaluate::{Evaluation, IndicatorEvaluation};
use crate::model::{Draft, FundColumn, FundSource, Indicator, Level1};
use crate::money::{fixed2, percent2};
use crate::scoring::Status;
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub col: usize,
    pub colspan: usize,
    /// Rows this cell covers, starting with the one it belongs to (merged 一级/二级 cells).
    pub rowspan: usize,
    pub text: String,
    pub align: Align,
    /// Indent of the first line, in pt (其中 rows under 「其中：」).
    pub indent: f32,
}

/// The parts of the form. A page break inside a part repeats the part's header rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Project,
    Funds,
    Goals,
    /// The indicator rows and 总分 under them.
    Indicators,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub section: Section,
    /// Column headers of its section: repeated at the top of a continuation page.
    pub header: bool,
    /// Never the last row of a page (column headers; the row above 总分).
    pub keep_with_next: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
}

fn cell(col: usize, colspan: usize, text: impl Into<String>, align: Align) -> Cell {
    Cell { col, colspan, rowspan: 1, text: text.into(), align, indent: 0.0 }
}

fn label(col: usize, colspan: usize, text: &str) -> Cell {
    cell(col, colspan, text, Align::Center)
}

fn text(col: usize, colspan: usize, text: &str) -> Cell {
    cell(col, colspan, text.trim(), Align::Left)
}

fn figure(col: usize, text: String) -> Cell {
    cell(col, 1, text, Align::Right)
}

/// Column headings, one column each from `first` on.
fn headings(first: usize, labels: &[&str]) -> Vec<Cell> {
    labels.iter().enumerate().map(|(k, l)| label(first + k, 1, l)).collect()
}

fn merged(col: usize, rowspan: usize, text: &str) -> Cell {
    Cell { rowspan, ..label(col, 1, text) }
}

/// Builds the table; `other_rows_indent` is the width of 「其中：」 so the source rows line up.
pub fn build(draft: &Draft, eval: &Evaluation, other_rows_indent: f32) -> Table {
    let mut rows = Vec::new();
    let mut push = |section, header, cells| rows.push(Row { cells, section, header, keep_with_next: header });
    let p = &draft.project;

    push(Section::Project, false, vec![label(0, 1, "项目名称"), text(1, 8, &p.name)]);
    push(
        Section::Project,
        false,
        vec![
            label(0, 1, "主管部门"),
            text(1, 3, &p.department),
            label(4, 1, "实施单位"),
            text(5, 4, &p.implementing_unit),
        ],
    );
    // 项目负责人及电话 is printed by some regions; only when the unit filled it in.
    if !p.leader.trim().is_empty() || !p.phone.trim().is_empty() {
        push(
            Section::Project,
            false,
            vec![label(0, 1, "项目负责人"), text(1, 3, &p.leader), label(4, 1, "联系电话"), text(5, 4, &p.phone)],
        );
    }

    let funds = &eval.funds;
    // The middle column is the one 执行率 is measured against: 全年预算数 nationally, 调整后预算数
    // where the profile says so (四川).
    let base = funds.execution_base;
    push(
        Section::Funds,
        true,
        [merged(0, 5, "项目资金（万元）"), label(1, 2, "")]
            .into_iter()
            .chain(headings(3, &["年初预算数", base.label(), "全年执行数", "分值", "执行率", "得分"]))
            .collect(),
    );
    let money_columns = [FundColumn::InitialBudget, base, FundColumn::Executed];
    let mut total = vec![text(1, 2, FundSource::Total.label())];
    for (i, column) in money_columns.into_iter().enumerate() {
        total.push(figure(3 + i, amount(funds.total.get(column))));
    }
    total.push(figure(6, fixed2(funds.execution_weight)));
    total.push(figure(7, funds.execution_rate.show(percent2)));
    total.push(figure(8, funds.execution_score.show(fixed2)));
    push(Section::Funds, false, total);
    for (n, source) in FundSource::ROWS.into_iter().enumerate() {
        let typed = draft.funds.row(source).expect("source rows exist");
        let figures = funds.rows.iter().find(|r| r.source == source).map(|r| &r.figures);
        let mut name = text(1, 2, source.label());
        if n == 0 {
            name.text = format!("其中：{}", source.label());
        } else {
            name.indent = other_rows_indent;
        }
        let mut cells = vec![name];
        for (i, column) in money_columns.into_iter().enumerate() {
            // An unreadable cell is printed as typed: the PDF never invents a figure.
            let shown = match (figures.and_then(|f| f.get(column)), funds.cell_error(source, column)) {
                (Some(v), _) => fixed2(v),
                (None, Some(_)) => typed.cell(column).trim().to_string(),
                (None, None) => String::new(),
            };
            cells.push(figure(3 + i, shown));
        }
        // Each source row's own 执行率, when it has a base to divide by; 分值/得分 belong to the total.
        let row_rate = funds
            .rows
            .iter()
            .find(|r| r.source == source)
            .and_then(|r| r.figures.get(base).map(|_| r.execution_rate.show(percent2)))
            .unwrap_or_default();
        cells.extend([label(6, 1, "—"), figure(7, row_rate), label(8, 1, "—")]);
        push(Section::Funds, false, cells);
    }

    push(
        Section::Goals,
        true,
        vec![merged(0, 2, "年度总体目标"), label(1, 4, "预期目标"), label(5, 4, "实际完成情况")],
    );
    push(Section::Goals, false, vec![text(1, 4, &draft.goals.expected), text(5, 4, &draft.goals.actual)]);

    let groups = indicator_groups(draft);
    let body_rows: usize = groups.iter().flat_map(|(_, l2)| l2.iter()).map(|(_, rows)| rows_of(draft, rows)).sum();
    push(
        Section::Indicators,
        true,
        std::iter::once(merged(0, 1 + body_rows, "绩效指标"))
            .chain(headings(
                1,
                &[
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "年度指标值",
                    "实际完成值",
                    "分值",
                    "得分",
                    "偏差原因分析及改进措施",
                ],
            ))
            .collect(),
    );
    for (level1, level2s) in &groups {
        let mut first_of_level1 = true;
        for (level2, members) in level2s {
            let mut first_of_level2 = true;
            for &i in members {
                let (ind, row) = (&draft.indicators[i], &eval.indicators[i]);
                let mut cells = Vec::new();
                if first_of_level1 {
                    let span = level2s.iter().map(|(_, m)| rows_of(draft, m)).sum();
                    cells.push(merged(1, span, level1.label()));
                    first_of_level1 = false;
                }
                if first_of_level2 {
                    cells.push(merged(2, rows_of(draft, members), level2));
                    first_of_level2 = false;
                }
                cells.extend([
                    text(3, 1, &ind.name),
                    text(4, 1, &ind.target),
                    text(5, 1, &ind.actual),
                    figure(6, weight(ind, row)),
                    figure(7, score(row)),
                    text(8, 1, &ind.deviation),
                ]);
                push(Section::Indicators, false, cells);
                for (k, child) in ind.children.iter().enumerate() {
                    let mut name = text(3, 1, &child.name);
                    if k == 0 {
                        name.text = format!("其中：{}", child.name.trim());
                    } else {
                        name.indent = other_rows_indent;
                    }
                    push(
                        Section::Indicators,
                        false,
                        vec![
                            name,
                            text(4, 1, &child.target),
                            text(5, 1, &child.actual),
                            label(6, 1, "—"),
                            label(7, 1, "—"),
                            text(8, 1, ""),
                        ],
                    );
                }
            }
        }
    }

    // A total not out of 100 is not graded (the 分值 cell beside it shows the base).
    let grade = eval.grade_shown();
    // 总分 never stands alone on a page.
    if let Some(last) = rows.last_mut() {
        last.keep_with_next = true;
    }
    rows.push(Row {
        section: Section::Indicators,
        header: false,
        keep_with_next: false,
        cells: vec![
            label(0, 6, "总分"),
            figure(6, fixed2(eval.total_weight)),
            figure(7, eval.total.show(fixed2)),
            label(8, 1, &format!("等级：{grade}")),
        ],
    });
    Table { rows }
}

fn amount(v: Option<Decimal>) -> String {
    v.map(fixed2).unwrap_or_default()
}

fn weight(ind: &Indicator, row: &IndicatorEvaluation) -> String {
    match &row.weight {
        Ok(Some(w)) => fixed2(*w),
        Ok(None) => String::new(),
        Err(_) => ind.weight.trim().to_string(),
    }
}

fn score(row: &IndicatorEvaluation) -> String {
    if row.status == Status::NotApplicable {
        "不适用".to_string()
    } else {
        row.score.show(fixed2)
    }
}

/// Table rows taken by these indicators (each with its detail rows).
fn rows_of(draft: &Draft, members: &[usize]) -> usize {
    members.iter().map(|&i| 1 + draft.indicators[i].children.len()).sum()
}

/// What each body row of [`build`]'s indicator part shows, in table order: the indicator (its
/// index in `draft.indicators`) and, for a detail row, which of its children. Another form with
/// the same rows (the 复核意见表) takes [`build`]'s merged 一级/二级 cells and puts its own
/// columns beside them.
pub fn indicator_rows(draft: &Draft) -> Vec<(usize, Option<usize>)> {
    let groups = indicator_groups(draft);
    let members = groups.iter().flat_map(|(_, l2)| l2.iter()).flat_map(|(_, members)| members.iter().copied());
    members
        .flat_map(|i| {
            std::iter::once((i, None)).chain((0..draft.indicators[i].children.len()).map(move |k| (i, Some(k))))
        })
        .collect()
}

type Groups<'a> = Vec<(Level1, Vec<(&'a str, Vec<usize>)>)>;

/// Indicators grouped for the merged cells: 一级 in the official order, 二级 in the official
/// order then the others as they come (as the report orders them), rows in table order.
fn indicator_groups(draft: &Draft) -> Groups<'_> {
    let mut out = Vec::new();
    for level1 in Level1::ALL {
        let members: Vec<usize> =
            (0..draft.indicators.len()).filter(|&i| draft.indicators[i].level1 == level1).collect();
        if members.is_empty() {
            continue;
        }
        let mut labels: Vec<&str> = Vec::new();
        for official in level1.official_level2() {
            if members.iter().any(|&i| draft.indicators[i].level2.trim() == *official) {
                labels.push(official);
            }
        }
        for &i in &members {
            let l = draft.indicators[i].level2.trim();
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        let level2s = labels
            .into_iter()
            .map(|l| (l, members.iter().copied().filter(|&i| draft.indicators[i].level2.trim() == l).collect()))
            .collect();
        out.push((level1, level2s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(table: &Table) -> Vec<Vec<&str>> {
        table.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect()
    }

    #[test]
    fn seed_table_is_the_national_form() {
        let draft = crate::example_draft();
        let eval = crate::evaluate(&draft);
        let table = build(&draft, &eval, 27.0);
        let rows = texts(&table);
        assert_eq!(rows[0], ["项目名称", "应急管理项目"]);
        assert_eq!(rows[1], ["主管部门", "高新区财政局", "实施单位", "西永街道办事处"]);
        assert_eq!(rows[3], ["年度资金总额", "50.00", "50.00", "50.00", "10.00", "100.00%", "10.00"]);
        assert_eq!(rows[4], ["其中：当年财政拨款", "50.00", "50.00", "50.00", "—", "100.00%", "—"]);
        assert_eq!(rows[5][0], "上年结转资金");
        assert_eq!(table.rows[5].cells[0].indent, 27.0);
        // 项目资金（万元） covers its header and the four money rows.
        assert_eq!(table.rows[2].cells[0].rowspan, 5);
        assert_eq!(table.rows[7].cells[0].rowspan, 2, "年度总体目标");
        let header = &table.rows[9];
        assert!(header.header && header.cells[0].text == "绩效指标" && header.cells[0].rowspan == 12);
        // 产出指标 spans its 8 rows, 数量指标 its 5.
        assert_eq!(rows[10][..4], ["产出指标", "数量指标", "村社区安全生产网格化管理数量", "不低于9个"]);
        assert_eq!((table.rows[10].cells[0].rowspan, table.rows[10].cells[1].rowspan), (8, 5));
        assert_eq!(rows[10][4..7], ["9家", "6.00", "6.00"]);
        let last = texts(&table).pop().unwrap();
        assert_eq!(last, ["总分", "100.00", "100.00", "等级：优"]);
    }

    #[test]
    fn indicator_rows_follow_the_tables_order() {
        let mut draft = crate::example_draft();
        // A 产出 row moved to the end still sits with its 一级 and 二级; a detail row follows its row.
        let moved = draft.indicators.remove(1);
        draft.indicators.push(moved);
        draft.indicators[0].children = vec![crate::model::ChildRow::default()];
        let table = build(&draft, &crate::evaluate(&draft), 0.0);
        let header = table.rows.iter().position(|r| r.header && r.section == Section::Indicators).unwrap();
        let rows = indicator_rows(&draft);
        // 数量指标: rows 0 (and its detail row), 1, 2, 3, then the moved one.
        let last = draft.indicators.len() - 1;
        assert_eq!(rows[..6], [(0, None), (0, Some(0)), (1, None), (2, None), (3, None), (last, None)]);
        for (k, &(i, child)) in rows.iter().enumerate() {
            let name = table.rows[header + 1 + k].cells.iter().find(|c| c.col == 3).unwrap();
            if child.is_none() {
                assert_eq!(name.text, draft.indicators[i].name.trim());
            }
        }
        assert_eq!(table.rows.len(), header + 1 + rows.len() + 1, "then 总分");
    }

    #[test]
    fn unreadable_and_not_applicable_cells_are_shown_as_typed() {
        let mut draft = crate::example_draft();
        draft.funds.carried_over.annual_budget = "五万".into();
        draft.indicators[0].not_applicable = true;
        draft.indicators[1].weight = "六分半".into();
        let eval = crate::evaluate(&draft);
        let table = build(&draft, &eval, 0.0);
        assert_eq!(table.rows[5].cells[2].text, "五万");
        assert_eq!(table.rows[10].cells[6].text, "不适用");
        assert_eq!(table.rows[11].cells[3].text, "六分半");
    }
}
