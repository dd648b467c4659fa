//! The 项目支出绩效目标申报表 as an .xlsx: the project, 年度资金总额 and its sources (全年预算数, in
//! 万元, as numbers), the 年度总体目标, and the 一级/二级/三级 indicators with each 指标值 as typed. It
//! sets targets, so there are no actuals and no scores. The look is the 自评表's ([`crate::xlsx`]):
//! 宋体, thin borders, merged labels, A4.
//!
//! The indicator rows are the 自评表's (`form_table::build`, its columns 一级 to 年度指标值), so the
//! 一级/二级 cells are merged over the same rows as in the PDF and the .docx.

use crate::xlsx::{cached, cell, print_setup, put_figure, put_text, ExportDate, ExportError, Formats};
use jixiao_core::form_table::{self, Align, Section};
use jixiao_core::model::{Draft, FundColumn, FundSource};
use jixiao_core::Evaluation;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Formula, Workbook, Worksheet};

/// The form's title, also the sheet's.
pub const TITLE: &str = "项目支出绩效目标申报表";

/// Columns: A labels (绩效指标), B 一级指标, C 二级指标, D 三级指标, E 指标值: the 自评表's
/// columns 0 to 4, so its cells keep their column.
const LAST: u16 = 4;
const WIDTHS: [f64; 5] = [12.0, 12.0, 14.0, 34.0, 30.0];

/// The .xlsx bytes of the draft's 绩效目标申报表.
pub fn export(draft: &Draft, evaluation: &Evaluation, date: ExportDate) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(date.year, date.month, date.day)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created).set_title(TITLE));
    let ws = workbook.add_worksheet();
    ws.set_name("绩效目标申报表")?;
    // No budget yet (a next year's draft): 年度资金总额 saves an empty result, not 0.
    ws.set_formula_result_default("");
    write_form(ws, draft, evaluation, &Formats::new())?;
    Ok(workbook.save_to_buffer()?)
}

/// The year as the title prints it: "2024", "2024年" and "2024年度" all give "（2024年度）".
fn year_line(draft: &Draft) -> String {
    let year = draft.project.year.trim().trim_end_matches("年度").trim_end_matches('年').trim();
    let year = if year.is_empty() { "\u{3000}\u{3000}\u{3000}\u{3000}" } else { year };
    format!("（{year}年度）")
}

fn write_form(ws: &mut Worksheet, draft: &Draft, eval: &Evaluation, f: &Formats) -> Result<(), ExportError> {
    for (col, width) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    // The year in the title's cell, as the 自评表's export has it (and its importer reads it).
    put_text(ws, (0, 1), (0, LAST), &format!("{TITLE}{}", year_line(draft)), &f.title)?;
    ws.set_row_height(0, 24)?;
    ws.set_row_height(1, 24)?;

    let p = &draft.project;
    put_text(ws, (2, 2), (0, 0), "项目名称", &f.label)?;
    put_text(ws, (2, 2), (1, LAST), &p.name, &f.text)?;
    for (row, pairs) in [
        (3, [("主管部门", &p.department), ("实施单位", &p.implementing_unit)]),
        (4, [("项目负责人", &p.leader), ("联系电话", &p.phone)]),
    ] {
        put_text(ws, (row, row), (0, 0), pairs[0].0, &f.label)?;
        put_text(ws, (row, row), (1, 2), pairs[0].1.trim(), &f.text)?;
        put_text(ws, (row, row), (3, 3), pairs[1].0, &f.label)?;
        put_text(ws, (row, row), (4, 4), pairs[1].1.trim(), &f.text)?;
    }

    // A row under 「其中：」 starts past it (3 characters), as on the PDF.
    let indented = f.text.clone().set_indent(3);
    // 项目资金（万元）: 年度资金总额 over the three sources, each its 全年预算数.
    let (total, first, last) = (5, 6, 8);
    let funds = &eval.funds;
    put_text(ws, (total, last), (0, 0), "项目资金（万元）", &f.label)?;
    put_text(ws, (total, total), (1, 2), FundSource::Total.label(), &f.text)?;
    let range = format!("{}:{}", cell(first, 3), cell(last, 3));
    // Blank, as the engine leaves it, while no source has a figure; typed text is not summed.
    let sum = Formula::new(format!("=IF(COUNT({range})>0,SUM({range}),\"\")"))
        .set_result(cached(funds.total.get(FundColumn::AnnualBudget)));
    ws.merge_range(total, 3, total, LAST, "", &f.money)?;
    ws.write_formula_with_format(total, 3, sum, &f.money)?;
    for (k, (source, label)) in SOURCES.into_iter().enumerate() {
        let r = first + k as u32;
        put_text(ws, (r, r), (1, 2), label, if k == 0 { &f.text } else { &indented })?;
        let typed = draft.funds.row(source).map(|row| row.annual_budget.as_str()).unwrap_or_default();
        let value = funds.rows.iter().find(|e| e.source == source).and_then(|e| e.figures.annual_budget);
        ws.merge_range(r, 3, r, LAST, "", &f.money)?;
        put_figure(ws, r, 3, typed, value, &f.money, &f.text)?;
    }

    let goal = last + 1;
    put_text(ws, (goal, goal), (0, 0), "年度总体目标", &f.label)?;
    put_text(ws, (goal, goal), (1, LAST), draft.goals.expected.trim(), &f.text)?;
    let lines: usize = draft.goals.expected.trim().lines().map(|l| 1 + l.chars().count() / 40).sum();
    ws.set_row_height(goal, (15 * lines.max(1)).min(400) as f64)?;

    // 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值, then the 自评表's rows, cut after 年度指标值.
    let head = goal + 1;
    for (k, heading) in ["一级指标", "二级指标", "三级指标", "指标值"].into_iter().enumerate() {
        put_text(ws, (head, head), (1 + k as u16, 1 + k as u16), heading, &f.label)?;
    }
    ws.set_repeat_rows(head, head)?;
    // Any indent marks a detail row after the first (set as `indented`).
    let table = form_table::build(draft, eval, 1.0);
    let mut row = head + 1;
    for body in table.rows.iter().filter(|r| r.section == Section::Indicators && !r.header) {
        let cells: Vec<_> = body.cells.iter().filter(|c| (1..=LAST).contains(&(c.col as u16))).collect();
        // 总分 has no cell in these columns: it is not on this form.
        if cells.is_empty() {
            continue;
        }
        for c in cells {
            let format = match c.align {
                Align::Center => &f.label,
                _ if c.indent > 0.0 => &indented,
                _ => &f.text,
            };
            let col = c.col as u16;
            put_text(ws, (row, row + c.rowspan as u32 - 1), (col, col), &c.text, format)?;
        }
        row += 1;
    }
    put_text(ws, (head, row - 1), (0, 0), "绩效指标", &f.label)?;
    print_setup(ws);
    Ok(())
}

/// The source rows as the 申报表 names them.
const SOURCES: [(FundSource, &str); 3] = [
    (FundSource::CurrentYear, "其中：财政拨款"),
    (FundSource::CarriedOver, "上年结转"),
    (FundSource::Other, "其他资金"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_line_takes_any_way_of_writing_the_year() {
        let mut draft = Draft::default();
        for (typed, shown) in [("2024", "（2024年度）"), ("2024年", "（2024年度）"), (" 2024年度 ", "（2024年度）")]
        {
            draft.project.year = typed.into();
            assert_eq!(year_line(&draft), shown);
        }
        draft.project.year = String::new();
        assert_eq!(year_line(&draft), "（\u{3000}\u{3000}\u{3000}\u{3000}年度）");
    }
}
