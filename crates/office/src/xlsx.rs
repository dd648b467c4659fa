//! The 自评表 as an .xlsx in the layout of the PDF's form (merged cells, borders, A4), with live
//! formulas for 年度资金总额, 执行率, 执行率得分 and 总分 whose saved results are the engine's values:
//! right when opened, and still right when a figure is edited in Excel/WPS. Indicator scores are
//! values (the scoring rules are not spreadsheet formulas); targets and actuals are as typed.
//!
//! A very hidden sheet carries the draft file itself, so that importing the export gives back
//! the whole draft (see `import::hidden`).

use crate::import::hidden::{DATA_SHEET, PIECE_CHARS};
use jixiao_core::model::{Draft, FundColumn, FundSource};
use jixiao_core::money::round2;
use jixiao_core::parse::{parse_amount, parse_points};
use jixiao_core::scoring::Status;
use jixiao_core::Evaluation;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

/// The date written as the file's creation date (the app passes today's; tests a fixed one).
#[derive(Clone, Copy, Debug)]
pub struct ExportDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, thiserror::Error)]
#[error("无法生成文件：{0}")]
pub struct ExportError(String);

impl ExportError {
    pub fn new(message: String) -> ExportError {
        ExportError(message)
    }
}

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> Self {
        ExportError(e.to_string())
    }
}

/// Cell formats of the form: 宋体 (SimSun), which every Excel and WPS has, thin borders.
pub(crate) struct Formats {
    pub(crate) title: Format,
    pub(crate) label: Format,
    pub(crate) text: Format,
    pub(crate) money: Format,
    percent: Format,
    points: Format,
    center: Format,
}

impl Formats {
    pub(crate) fn new() -> Formats {
        let base = Format::new()
            .set_font_name("宋体")
            .set_font_size(10)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            title: Format::new()
                .set_font_name("宋体")
                .set_font_size(16)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            label: base.clone().set_align(FormatAlign::Center),
            text: base.clone().set_align(FormatAlign::Left),
            // 万元 to 2 decimals; up to 4 when typed (89.974), so nothing typed is hidden.
            money: base.clone().set_align(FormatAlign::Right).set_num_format("0.00##"),
            percent: base.clone().set_align(FormatAlign::Right).set_num_format("0.00%"),
            points: base.clone().set_align(FormatAlign::Right).set_num_format("0.00"),
            center: base.set_align(FormatAlign::Center),
        }
    }
}

/// A Decimal as the f64 a spreadsheet stores (a file format's number, not arithmetic).
fn number(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or(0.0)
}

pub(crate) fn cached(value: Option<Decimal>) -> String {
    value.map(|v| v.normalize().to_string()).unwrap_or_default()
}

/// Writes `text` over a range (merged when wider than one cell).
pub(crate) fn put_text(
    ws: &mut Worksheet,
    rows: (u32, u32),
    cols: (u16, u16),
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if rows.0 == rows.1 && cols.0 == cols.1 {
        ws.write_string_with_format(rows.0, cols.0, text, format)?;
    } else {
        ws.merge_range(rows.0, cols.0, rows.1, cols.1, text, format)?;
    }
    Ok(())
}

/// A figure typed in the draft: a number cell when it reads as one, else the text as typed.
pub(crate) fn put_figure(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    typed: &str,
    value: Option<Decimal>,
    format: &Format,
    text: &Format,
) -> Result<(), XlsxError> {
    match value {
        Some(v) => ws.write_number_with_format(row, col, number(v), format)?,
        None if typed.trim().is_empty() => ws.write_blank(row, col, format)?,
        None => ws.write_string_with_format(row, col, typed.trim(), text)?,
    };
    Ok(())
}

pub(crate) fn cell(row: u32, col: u16) -> String {
    format!("{}{}", crate::import::column_letters(col.into()), row + 1)
}

/// The .xlsx bytes of the draft's 自评表.
pub fn export(draft: &Draft, evaluation: &Evaluation, date: ExportDate) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(date.year, date.month, date.day)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created).set_title("项目支出绩效自评表"));
    let f = Formats::new();
    let ws = workbook.add_worksheet();
    ws.set_name("自评表")?;
    // A formula with nothing to compute (no budget yet) saves an empty text as its result, as
    // Excel does, rather than rust_xlsxwriter's default 0 (a viewer would show 0.00%).
    ws.set_formula_result_default("");
    write_form(ws, draft, evaluation, &f)?;

    let data = workbook.add_worksheet();
    data.set_name(DATA_SHEET)?;
    let file = jixiao_core::file_format::encode_compact(draft);
    let chars: Vec<char> = file.chars().collect();
    for (i, piece) in chars.chunks(PIECE_CHARS).enumerate() {
        data.write_string(i as u32, 0, piece.iter().collect::<String>())?;
    }
    data.set_very_hidden(true);
    Ok(workbook.save_to_buffer()?)
}

fn write_form(ws: &mut Worksheet, draft: &Draft, eval: &Evaluation, f: &Formats) -> Result<(), ExportError> {
    let funds = &eval.funds;
    let show_adjusted = funds.execution_base == FundColumn::AdjustedBudget
        || FundSource::ROWS.iter().any(|s| !draft.funds.row(*s).expect("row").adjusted_budget.trim().is_empty());
    let money_columns: Vec<FundColumn> = [
        Some(FundColumn::InitialBudget),
        Some(FundColumn::AnnualBudget),
        show_adjusted.then_some(FundColumn::AdjustedBudget),
        Some(FundColumn::Executed),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Columns: A label, B:C row names, then the money columns, 分值, 执行率, 得分.
    let last: u16 = 2 + money_columns.len() as u16 + 3;
    let widths = [10.0, 11.0, 11.0, 20.0, 14.0, 14.0, 8.0, 9.0, 24.0, 24.0];
    for (col, width) in widths.iter().enumerate().take(usize::from(last) + 1) {
        ws.set_column_width(col as u16, *width)?;
    }

    let p = &draft.project;
    let title = if p.year.trim().is_empty() {
        "项目支出绩效自评表".to_string()
    } else {
        format!("项目支出绩效自评表（{}年度）", p.year.trim())
    };
    put_text(ws, (0, 0), (0, last), &title, &f.title)?;
    ws.set_row_height(0, 30)?;
    let mut row = 1;
    put_text(ws, (row, row), (0, 0), "项目名称", &f.label)?;
    put_text(ws, (row, row), (1, last), &p.name, &f.text)?;
    row += 1;
    let half = last / 2 + 1;
    put_text(ws, (row, row), (0, 0), "主管部门", &f.label)?;
    put_text(ws, (row, row), (1, half - 1), &p.department, &f.text)?;
    put_text(ws, (row, row), (half, half), "实施单位", &f.label)?;
    put_text(ws, (row, row), (half + 1, last), &p.implementing_unit, &f.text)?;
    row += 1;
    if !p.leader.trim().is_empty() || !p.phone.trim().is_empty() {
        put_text(ws, (row, row), (0, 0), "项目负责人", &f.label)?;
        put_text(ws, (row, row), (1, half - 1), &p.leader, &f.text)?;
        put_text(ws, (row, row), (half, half), "联系电话", &f.label)?;
        put_text(ws, (row, row), (half + 1, last), &p.phone, &f.text)?;
        row += 1;
    }

    // The money grid.
    let header = row;
    let (total_row, first_source, last_source) = (header + 1, header + 2, header + 4);
    put_text(ws, (header, last_source), (0, 0), "项目资金（万元）", &f.label)?;
    put_text(ws, (header, header), (1, 2), "", &f.label)?;
    let first_money: u16 = 3;
    for (i, column) in money_columns.iter().enumerate() {
        put_text(ws, (header, header), (first_money + i as u16, first_money + i as u16), column.label(), &f.label)?;
    }
    let weight_col = first_money + money_columns.len() as u16;
    let (rate_col, score_col) = (weight_col + 1, weight_col + 2);
    put_text(ws, (header, header), (weight_col, weight_col), "分值", &f.label)?;
    put_text(ws, (header, header), (rate_col, rate_col), "执行率", &f.label)?;
    put_text(ws, (header, header), (score_col, last), "得分", &f.label)?;
    let col_of = |column: FundColumn| first_money + money_columns.iter().position(|c| *c == column).unwrap_or(0) as u16;
    let base = col_of(funds.execution_base);
    let executed = col_of(FundColumn::Executed);

    put_text(ws, (total_row, total_row), (1, 2), FundSource::Total.label(), &f.text)?;
    for column in &money_columns {
        let col = col_of(*column);
        let formula = Formula::new(format!("=SUM({}:{})", cell(first_source, col), cell(last_source, col)))
            .set_result(cached(funds.total.get(*column)));
        ws.write_formula_with_format(total_row, col, formula, &f.money)?;
    }
    ws.write_number_with_format(total_row, weight_col, number(funds.execution_weight), &f.points)?;
    let (a, b, w) = (cell(total_row, base), cell(total_row, executed), cell(total_row, weight_col));
    let rate = Formula::new(format!("=IF(N({a})>0,{b}/{a},\"\")")).set_result(cached(funds.execution_rate.value()));
    ws.write_formula_with_format(total_row, rate_col, rate, &f.percent)?;
    // 执行率得分 = 分值 × min(B, A) ÷ A, 四舍五入 to 2 dp (Excel's ROUND rounds half away from zero, as the engine).
    let score = Formula::new(format!("=IF(N({a})>0,ROUND(MIN({b},{a})*{w}/{a},2),\"\")"))
        .set_result(cached(funds.execution_score.value()));
    if score_col == last {
        ws.write_formula_with_format(total_row, score_col, score, &f.points)?;
    } else {
        ws.merge_range(total_row, score_col, total_row, last, "", &f.points)?;
        ws.write_formula_with_format(total_row, score_col, score, &f.points)?;
    }
    for (k, source) in FundSource::ROWS.into_iter().enumerate() {
        let r = first_source + k as u32;
        let name = if k == 0 { format!("其中：{}", source.label()) } else { source.label().to_string() };
        put_text(ws, (r, r), (1, 2), &name, &f.text)?;
        let typed = draft.funds.row(source).expect("row");
        for column in &money_columns {
            let text = typed.cell(*column);
            let value = parse_amount(text).ok().flatten();
            put_figure(ws, r, col_of(*column), text, value, &f.money, &f.text)?;
        }
        put_text(ws, (r, r), (weight_col, weight_col), "—", &f.center)?;
        let row_rate = funds.rows.iter().find(|e| e.source == source).and_then(|e| e.execution_rate.value());
        let (ra, rb) = (cell(r, base), cell(r, executed));
        let formula = Formula::new(format!("=IF(N({ra})>0,{rb}/{ra},\"\")")).set_result(cached(row_rate));
        ws.write_formula_with_format(r, rate_col, formula, &f.percent)?;
        put_text(ws, (r, r), (score_col, last), "—", &f.center)?;
    }
    row = last_source + 1;

    put_text(ws, (row, row + 1), (0, 0), "年度总体目标", &f.label)?;
    let goal_split = 1 + (last - 1) / 2;
    put_text(ws, (row, row), (1, goal_split), "预期目标", &f.label)?;
    put_text(ws, (row, row), (goal_split + 1, last), "实际完成情况", &f.label)?;
    put_text(ws, (row + 1, row + 1), (1, goal_split), &draft.goals.expected, &f.text)?;
    put_text(ws, (row + 1, row + 1), (goal_split + 1, last), &draft.goals.actual, &f.text)?;
    let longest = draft.goals.expected.chars().count().max(draft.goals.actual.chars().count());
    ws.set_row_height(row + 1, (15 * (1 + longest / 40)).min(400) as f64)?;
    row += 2;

    // The indicator table: 绩效指标 | 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因.
    let ind_header = row;
    let headings = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"];
    for (k, h) in headings.iter().enumerate() {
        put_text(ws, (ind_header, ind_header), (1 + k as u16, 1 + k as u16), h, &f.label)?;
    }
    put_text(ws, (ind_header, ind_header), (8, last.max(8)), "偏差原因分析及改进措施", &f.label)?;
    ws.set_repeat_rows(ind_header, ind_header)?;
    let first_body = ind_header + 1;
    row = first_body;
    // 一级 and 二级 are merged over consecutive rows that share them, as on the form.
    let spans = |same: &dyn Fn(usize, usize) -> bool| -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..=draft.indicators.len() {
            if i == draft.indicators.len() || !same(start, i) {
                out.push((start, i - 1));
                start = i;
            }
        }
        out
    };
    let inds = &draft.indicators;
    let level1_spans = if inds.is_empty() { Vec::new() } else { spans(&|a, b| inds[a].level1 == inds[b].level1) };
    let level2_spans = if inds.is_empty() {
        Vec::new()
    } else {
        spans(&|a, b| inds[a].level1 == inds[b].level1 && inds[a].level2.trim() == inds[b].level2.trim())
    };
    // Each indicator with its detail rows; after each run of one 一级指标, its 小计 row (the PDF
    // leaves 小计 to the report; in a spreadsheet they are what a reviewer sums first).
    let mut first_row_of = Vec::with_capacity(inds.len());
    let mut subtotal_rows = Vec::new();
    for (i, ind) in inds.iter().enumerate() {
        first_row_of.push(row);
        row += 1 + ind.children.len() as u32;
        if let Some(&(a, _)) = level1_spans.iter().find(|&&(_, b)| b == i) {
            subtotal_rows.push((row, a, i));
            row += 1;
        }
    }
    let last_row_of = |i: usize| first_row_of[i] + inds[i].children.len() as u32;
    put_text(ws, (ind_header, row.max(first_body) - 1), (0, 0), "绩效指标", &f.label)?;
    for &(a, b) in &level1_spans {
        let label = inds[a].level1.label();
        put_text(ws, (first_row_of[a], last_row_of(b)), (1, 1), label, &f.label)?;
    }
    for &(a, b) in &level2_spans {
        put_text(ws, (first_row_of[a], last_row_of(b)), (2, 2), &inds[a].level2, &f.label)?;
    }
    // The 分值 and 得分 written, as numbers, per row: what the spreadsheet's sums add up.
    let mut weights_written = vec![None; inds.len()];
    let mut scores_written = vec![None; inds.len()];
    for (i, ind) in inds.iter().enumerate() {
        let r = first_row_of[i];
        let evaluation = &eval.indicators[i];
        put_text(ws, (r, r), (3, 3), &ind.name, &f.text)?;
        put_text(ws, (r, r), (4, 4), &ind.target, &f.text)?;
        put_text(ws, (r, r), (5, 5), &ind.actual, &f.text)?;
        weights_written[i] = parse_points(&ind.weight).ok().flatten();
        put_figure(ws, r, 6, &ind.weight, weights_written[i], &f.points, &f.text)?;
        if evaluation.status == Status::NotApplicable {
            put_text(ws, (r, r), (7, 7), "不适用", &f.center)?;
        } else {
            match evaluation.score.value() {
                Some(score) => {
                    scores_written[i] = Some(round2(score));
                    ws.write_number_with_format(r, 7, number(round2(score)), &f.points)?;
                }
                None => put_text(ws, (r, r), (7, 7), "", &f.points)?,
            }
        }
        put_text(ws, (r, r), (8, last.max(8)), &ind.deviation, &f.text)?;
        for (k, child) in ind.children.iter().enumerate() {
            let cr = r + 1 + k as u32;
            put_text(ws, (cr, cr), (3, 3), &format!("其中：{}", child.name.trim()), &f.text)?;
            put_text(ws, (cr, cr), (4, 4), &child.target, &f.text)?;
            put_text(ws, (cr, cr), (5, 5), &child.actual, &f.text)?;
            put_text(ws, (cr, cr), (6, 6), "—", &f.center)?;
            put_text(ws, (cr, cr), (7, 7), "—", &f.center)?;
            put_text(ws, (cr, cr), (8, last.max(8)), "", &f.text)?;
        }
    }
    let sum_of =
        |values: &[Option<Decimal>], a: usize, b: usize| values[a..=b].iter().flatten().copied().sum::<Decimal>();
    let (mut weight_cells, mut score_cells) = (Vec::new(), Vec::new());
    let (mut weights_total, mut scores_total) = (funds.execution_weight, Decimal::ZERO);
    for &(r, a, b) in &subtotal_rows {
        put_text(ws, (r, r), (1, 5), &format!("小计（{}）", inds[a].level1.label()), &f.label)?;
        let (from, to) = (first_row_of[a], last_row_of(b));
        let (w, s) = (sum_of(&weights_written, a, b), sum_of(&scores_written, a, b));
        let weights = Formula::new(format!("=SUM({}:{})", cell(from, 6), cell(to, 6))).set_result(cached(Some(w)));
        ws.write_formula_with_format(r, 6, weights, &f.points)?;
        let scores = Formula::new(format!("=SUM({}:{})", cell(from, 7), cell(to, 7))).set_result(cached(Some(s)));
        ws.write_formula_with_format(r, 7, scores, &f.points)?;
        put_text(ws, (r, r), (8, last.max(8)), "", &f.text)?;
        weight_cells.push(cell(r, 6));
        score_cells.push(cell(r, 7));
        weights_total += w;
        scores_total += s;
    }

    // 总分 = 执行率得分 + the 小计; its 分值 = 执行率分值 + the 小计' 分值.
    let total = row.max(first_body);
    put_text(ws, (total, total), (0, 5), "总分", &f.label)?;
    let plus = |cells: &[String]| cells.iter().map(|c| format!("+{c}")).collect::<String>();
    let weights = Formula::new(format!("={}{}", cell(total_row, weight_col), plus(&weight_cells)))
        .set_result(cached(Some(weights_total)));
    ws.write_formula_with_format(total, 6, weights, &f.points)?;
    let execution = cell(total_row, score_col);
    let sum = Formula::new(format!("=IF(ISNUMBER({execution}),{execution}{},\"\")", plus(&score_cells)))
        .set_result(cached(funds.execution_score.value().map(|e| e + scores_total)));
    ws.write_formula_with_format(total, 7, sum, &f.points)?;
    put_text(ws, (total, total), (8, last.max(8)), &format!("等级：{}", eval.grade_shown()), &f.label)?;

    print_setup(ws);
    Ok(())
}

/// A4 portrait, as wide as one page, centred, 「第 N 页，共 M 页」 below.
pub(crate) fn print_setup(ws: &mut Worksheet) {
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
}
