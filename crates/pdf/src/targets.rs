//! The 项目支出绩效目标申报表: the targets a unit sets for a year (next year's draft from
//! `jixiao_core::next_year`, or any draft). The project, 年度资金总额 and its three sources (their
//! 全年预算数, as the engine reads and sums them), the 年度总体目标, and the 一级/二级/三级 indicators
//! with each 指标值 as typed. No actuals and no scores: it is set before the year, not after.
//!
//! One table on the 自评表's nine-column [`Grid`], so it looks like the 自评表 and long texts wrap
//! and break over pages by the same rules. The indicator rows are the 自评表's own
//! ([`table::build`]), its 一级 to 年度指标值 columns widened over the ones this form has not: the
//! 一级/二级 cells merge over the same rows, detail rows included.

use crate::coverage;
use crate::flow::Flow;
use crate::font::Font;
use crate::grid::Grid;
use crate::layout::{finish, form_title, signature};
use crate::pages::Pages;
use crate::style::TABLE_SIZE;
use crate::{paint, PdfError, RenderOptions};
use jixiao_core::form_table::{self as table, Align, Cell, Row, Section, Table};
use jixiao_core::model::{FundColumn, FundSource};
use jixiao_core::money::fixed2;
use jixiao_core::{Draft, Evaluation};

pub const TITLE: &str = "项目支出绩效目标申报表";

/// The source rows as the 申报表 names them.
const SOURCES: [(FundSource, &str); 3] =
    [(FundSource::CurrentYear, "财政拨款"), (FundSource::CarriedOver, "上年结转"), (FundSource::Other, "其他资金")];

/// Lays out the 绩效目标申报表 of `draft`. Fails, before anything is laid out, when a character
/// of a field it prints is not in `font`.
pub fn layout_targets(draft: &Draft, font: &[u8], options: &RenderOptions) -> Result<Pages, PdfError> {
    let font = Font::parse(font)?;
    coverage::check_targets(draft, &font, options.signature_line)?;
    let eval = jixiao_core::evaluate(draft);
    let table = targets_table(draft, &eval, font.width("其中：", TABLE_SIZE));

    let mut flow = Flow::new();
    form_title(&font, draft, TITLE, &mut flow);
    Grid::new(&font, &table).lay_out(&mut flow);
    if options.signature_line {
        signature(&font, draft, &mut flow);
    }
    let title = format!("{}绩效目标申报表", draft.project.name.trim());
    finish(&font, flow, options, title, &draft.project.implementing_unit)
}

/// The 绩效目标申报表 of `draft` as PDF bytes, set in `font` (as [`crate::render`]).
pub fn render_targets(draft: &Draft, font: &[u8], options: &RenderOptions) -> Result<Vec<u8>, PdfError> {
    paint(&layout_targets(draft, font, options)?, font)
}

fn cell(col: usize, colspan: usize, text: &str, align: Align) -> Cell {
    Cell { col, colspan, rowspan: 1, text: text.trim().to_string(), align, indent: 0.0 }
}

/// Where the 自评表's indicator columns go: 一级 and 二级 stay, 三级 takes three columns and
/// 年度指标值 (this form's 指标值) the last three; 实际完成值, 分值, 得分 and 偏差原因 are not on it.
fn widened(cell: &Cell) -> Option<Cell> {
    let (col, colspan) = match cell.col {
        1 | 2 => (cell.col, 1),
        3 => (3, 3),
        4 => (6, 3),
        _ => return None,
    };
    Some(Cell { col, colspan, ..cell.clone() })
}

fn targets_table(draft: &Draft, eval: &Evaluation, other_rows_indent: f32) -> Table {
    let mut rows = Vec::new();
    let mut push = |section, header, cells| rows.push(Row { cells, section, header, keep_with_next: header });
    let p = &draft.project;
    push(Section::Project, false, vec![cell(0, 1, "项目名称", Align::Center), cell(1, 8, &p.name, Align::Left)]);
    for [(label, value), (label2, value2)] in [
        [("主管部门", &p.department), ("实施单位", &p.implementing_unit)],
        [("项目负责人", &p.leader), ("联系电话", &p.phone)],
    ] {
        let cells = vec![
            cell(0, 1, label, Align::Center),
            cell(1, 3, value, Align::Left),
            cell(4, 1, label2, Align::Center),
            cell(5, 4, value2, Align::Left),
        ];
        push(Section::Project, false, cells);
    }

    // The engine's figures; an unreadable cell is printed as typed, an empty one stays blank.
    let funds = &eval.funds;
    let annual = FundColumn::AnnualBudget;
    let total = funds.total.get(annual).map(fixed2).unwrap_or_default();
    let mut label = Cell { rowspan: 4, ..cell(0, 1, "项目资金（万元）", Align::Center) };
    push(
        Section::Funds,
        false,
        vec![label.clone(), cell(1, 3, "年度资金总额", Align::Left), cell(4, 5, &total, Align::Right)],
    );
    for (n, (source, name)) in SOURCES.into_iter().enumerate() {
        let typed = draft.funds.row(source).map(|r| r.annual_budget.as_str()).unwrap_or_default();
        let figure = funds.rows.iter().find(|r| r.source == source).and_then(|r| r.figures.get(annual));
        let shown = figure.map(fixed2).unwrap_or_else(|| typed.trim().to_string());
        label = cell(1, 3, name, Align::Left);
        if n == 0 {
            label.text = format!("其中：{name}");
        } else {
            label.indent = other_rows_indent;
        }
        push(Section::Funds, false, vec![label.clone(), cell(4, 5, &shown, Align::Right)]);
    }

    push(
        Section::Goals,
        false,
        vec![cell(0, 1, "年度总体目标", Align::Center), cell(1, 8, &draft.goals.expected, Align::Left)],
    );

    let body: Vec<Vec<Cell>> = table::build(draft, eval, other_rows_indent)
        .rows
        .iter()
        .filter(|r| r.section == Section::Indicators && !r.header)
        .map(|r| r.cells.iter().filter_map(widened).collect::<Vec<_>>())
        // 总分 has none of these columns: it is not on this form.
        .filter(|cells| !cells.is_empty())
        .collect();
    let header = [(1, 1, "一级指标"), (2, 1, "二级指标"), (3, 3, "三级指标"), (6, 3, "指标值")];
    let mut cells = vec![Cell { rowspan: 1 + body.len(), ..cell(0, 1, "绩效指标", Align::Center) }];
    cells.extend(header.into_iter().map(|(col, span, text)| cell(col, span, text, Align::Center)));
    push(Section::Indicators, true, cells);
    for cells in body {
        push(Section::Indicators, false, cells);
    }
    Table { rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(table: &Table) -> Vec<Vec<&str>> {
        table.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect()
    }

    #[test]
    fn the_example_as_rows_of_the_target_form() {
        let draft = jixiao_core::example_draft();
        let table = targets_table(&draft, &jixiao_core::evaluate(&draft), 27.0);
        let rows = texts(&table);
        assert_eq!(rows[0], ["项目名称", "应急管理项目"]);
        assert_eq!(rows[3], ["项目资金（万元）", "年度资金总额", "50.00"]);
        assert_eq!(rows[4], ["其中：财政拨款", "50.00"]);
        assert_eq!((rows[5][0], table.rows[5].cells[0].indent), ("上年结转", 27.0));
        assert_eq!(rows[6], ["其他资金", ""]);
        assert_eq!(rows[7][0], "年度总体目标");
        assert_eq!(rows[8], ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]);
        assert_eq!(table.rows[8].cells[0].rowspan, 1 + draft.indicators.len());
        assert_eq!(rows[9], ["产出指标", "数量指标", "村社区安全生产网格化管理数量", "不低于9个"]);
        let first = &table.rows[9].cells;
        assert_eq!((first[0].rowspan, first[1].rowspan), (8, 5), "merged as on the 自评表");
        assert_eq!((first[2].col, first[2].colspan, first[3].col, first[3].colspan), (3, 3, 6, 3));
        assert_eq!(table.rows.len(), 9 + draft.indicators.len(), "no 总分 row");
        assert!(table.rows.iter().flat_map(|r| &r.cells).all(|c| c.col + c.colspan <= 9));
    }
}
