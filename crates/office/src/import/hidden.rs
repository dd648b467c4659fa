//! The app's own data inside an exported .xlsx: a very hidden sheet holding the draft file, so that
//! what the form has no cell for (方向, 档次, 不适用, 满意度调查, 报告文字 …) comes back on import.
//!
//! The visible table stays the truth: whatever was changed in Excel/WPS wins over the saved data,
//! and a figure only keeps its saved spelling (`５０`, `500000元`) when it still means the same.

use super::workbook::Grid;
use super::Warning;
use jixiao_core::model::{Draft, FundColumn, FundSource, Indicator};
use jixiao_core::parse::{parse_amount, parse_points};

/// The sheet's name; the exporter writes the draft file into its column A, in pieces.
pub const DATA_SHEET: &str = "jixiao-data";
/// Excel's limit of characters in one cell is 32 767.
pub const PIECE_CHARS: usize = 30_000;

pub fn is_data_sheet(name: &str) -> bool {
    name == DATA_SHEET
}

/// The saved draft, when the workbook has one and it decodes (a damaged one is ignored: the
/// visible table is read as from any other workbook).
pub fn read(grids: &[Grid]) -> Vec<Draft> {
    let Some(grid) = grids.iter().find(|g| is_data_sheet(&g.name)) else { return Vec::new() };
    let text: String = grid.cells.iter().filter(|(pos, _)| pos.1 == 0).map(|(_, c)| c.text.as_str()).collect();
    jixiao_core::file_format::decode(&text).into_iter().collect()
}

fn same_amount(a: &str, b: &str) -> bool {
    matches!((parse_amount(a), parse_amount(b)), (Ok(x), Ok(y)) if x == y)
}

fn same_points(a: &str, b: &str) -> bool {
    matches!((parse_points(a), parse_points(b)), (Ok(x), Ok(y)) if x == y)
}

/// The visible figure, or the saved spelling of the same figure.
fn keep_spelling(saved: &str, visible: String, same: fn(&str, &str) -> bool) -> String {
    if same(saved, &visible) {
        saved.to_string()
    } else {
        visible
    }
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
}

/// The saved draft updated with everything the visible table says.
pub fn merge(saved: &Draft, visible: Draft, warnings: &mut Vec<Warning>) -> Draft {
    let mut out = saved.clone();
    let mut project = visible.project;
    for field in jixiao_core::model::ProjectField::ALL {
        let kept = keep_spelling(saved.project.field(field), std::mem::take(project.field_mut(field)), same_text);
        *project.field_mut(field) = kept;
    }
    // 填报日期 has no cell on the form.
    if project.fill_date.is_empty() {
        project.fill_date = saved.project.fill_date.clone();
    }
    out.project = project;
    for source in FundSource::ROWS {
        let seen = visible.funds.row(source).expect("source row");
        let row = out.funds.row_mut(source).expect("source row");
        for column in
            [FundColumn::InitialBudget, FundColumn::AnnualBudget, FundColumn::AdjustedBudget, FundColumn::Executed]
        {
            let kept = keep_spelling(row.cell(column), seen.cell(column).to_string(), same_amount);
            *row.cell_mut(column) = kept;
        }
    }
    out.goals.expected = keep_spelling(&saved.goals.expected, visible.goals.expected, same_text);
    out.goals.actual = keep_spelling(&saved.goals.actual, visible.goals.actual, same_text);
    if visible.indicators.len() == saved.indicators.len() {
        for (row, seen) in out.indicators.iter_mut().zip(visible.indicators) {
            take_visible(row, seen);
        }
    } else {
        warnings.push(Warning {
            cell: DATA_SHEET.to_string(),
            message: format!(
                "表中有{}行指标，导出时为{}行：按表中内容导入，方向、档次等设置按指标名称对应恢复，请核对",
                visible.indicators.len(),
                saved.indicators.len()
            ),
        });
        out.indicators = visible
            .indicators
            .into_iter()
            .map(|seen| match saved.indicators.iter().find(|s| s.name.trim() == seen.name.trim()) {
                Some(s) => {
                    let mut row = s.clone();
                    take_visible(&mut row, seen);
                    row
                }
                None => seen,
            })
            .collect();
        let mut id = 0;
        for row in &mut out.indicators {
            id += 1;
            row.id = id;
        }
    }
    out
}

fn take_visible(row: &mut Indicator, seen: Indicator) {
    row.level1 = seen.level1;
    row.level2 = keep_spelling(&row.level2, seen.level2, same_text);
    row.name = keep_spelling(&row.name, seen.name, same_text);
    row.target = keep_spelling(&row.target, seen.target, same_text);
    row.actual = keep_spelling(&row.actual, seen.actual, same_text);
    row.deviation = keep_spelling(&row.deviation, seen.deviation, same_text);
    if row.children.len() == seen.children.len() {
        for (child, shown) in row.children.iter_mut().zip(seen.children) {
            child.name = keep_spelling(&child.name, shown.name, same_text);
            child.target = keep_spelling(&child.target, shown.target, same_text);
            child.actual = keep_spelling(&child.actual, shown.actual, same_text);
        }
    } else {
        row.children = seen.children;
    }
    row.weight = keep_spelling(&row.weight, seen.weight, same_points);
}
