//! Rows pasted from Excel/WPS into the indicator table: tab-separated, with or without a header
//! row, in any column order that has recognisable headers (三级指标 / 年度指标值 / 实际完成值 / 分值 …).
//! Merged 一级/二级 cells arrive as blanks and are carried down from the row above.

use crate::model::{Draft, Indicator, Level1};
use serde::Serialize;

/// Which field a pasted column fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PasteColumn {
    Level1,
    Level2,
    Name,
    Target,
    Actual,
    Weight,
    Deviation,
    /// Recognised but not taken (得分 is computed; 绩效指标 is a label column).
    Ignored,
}

impl PasteColumn {
    pub fn label(self) -> &'static str {
        match self {
            PasteColumn::Level1 => "一级指标",
            PasteColumn::Level2 => "二级指标",
            PasteColumn::Name => "三级指标",
            PasteColumn::Target => "年度指标值",
            PasteColumn::Actual => "实际完成值",
            PasteColumn::Weight => "分值",
            PasteColumn::Deviation => "偏差原因分析及改进措施",
            PasteColumn::Ignored => "（不导入）",
        }
    }
}

/// One indicator read from the paste.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PastedRow {
    /// 1-based line in the pasted text.
    pub line: usize,
    pub level1: Option<Level1>,
    pub level2: String,
    pub name: String,
    pub target: String,
    pub actual: String,
    pub weight: String,
    pub deviation: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PastePreview {
    /// The column layout used, left to right (`None`: column not used).
    pub columns: Vec<Option<PasteColumn>>,
    pub header_found: bool,
    pub rows: Vec<PastedRow>,
    /// What could not be read, in Chinese, one line each.
    pub problems: Vec<String>,
}

/// Splits clipboard text into rows of cells. Excel quotes cells that contain tabs, line breaks or
/// quotes ("a""b" is a"b).
pub fn split_cells(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // Quoted cell: read to the closing quote.
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows.into_iter().map(|r| r.into_iter().map(|c| c.trim().to_string()).collect()).collect()
}

/// Header text without spaces and bracketed notes: 「年度指标值（A）」 → 「年度指标值」.
fn clean_header(cell: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in cell.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = (depth - 1).max(0),
            c if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out
}

fn header_column(cell: &str) -> Option<PasteColumn> {
    let h = clean_header(cell);
    let any = |names: &[&str]| names.iter().any(|n| h == *n);
    let starts = |names: &[&str]| names.iter().any(|n| h.starts_with(n));
    if h.is_empty() {
        None
    } else if starts(&["一级"]) {
        Some(PasteColumn::Level1)
    } else if starts(&["二级"]) {
        Some(PasteColumn::Level2)
    } else if starts(&["三级"]) || any(&["指标名称", "指标内容", "具体指标"]) {
        Some(PasteColumn::Name)
    } else if starts(&["偏差", "未完成原因", "原因分析"]) {
        Some(PasteColumn::Deviation)
    } else if starts(&["实际完成值", "实际值", "全年实际值", "实际完成", "完成值", "完成情况"])
    {
        Some(PasteColumn::Actual)
    } else if starts(&["年度指标值", "指标值", "目标值", "年度目标值", "计划值", "预期值", "年初指标值"])
    {
        Some(PasteColumn::Target)
    } else if any(&["分值", "权重", "指标分值", "权重分值", "标准分值"]) {
        Some(PasteColumn::Weight)
    } else if any(&["得分", "自评得分", "绩效指标", "评分"]) {
        Some(PasteColumn::Ignored)
    } else {
        None
    }
}

fn looks_like_header(row: &[String]) -> bool {
    let known = row.iter().filter_map(|c| header_column(c)).filter(|c| *c != PasteColumn::Ignored).count();
    known >= 2 && row.iter().any(|c| header_column(c) == Some(PasteColumn::Name))
}

const SUBTOTAL_LABELS: &[&str] = &["合计", "小计", "总分", "总计"];

/// Reads pasted rows into a preview; nothing is changed until [`apply`].
pub fn parse_pasted_table(text: &str) -> PastePreview {
    let table = split_cells(text);
    let mut preview = PastePreview::default();
    // The header may sit below a title row or a "绩效指标" row, so look at the first three rows.
    let Some(header_index) = table.iter().take(3).position(|r| looks_like_header(r)) else {
        return read_without_header(table, preview);
    };
    preview.header_found = true;
    preview.columns = table[header_index].iter().map(|c| header_column(c)).collect();
    read_rows(&table[header_index + 1..], header_index + 1, &mut preview);
    preview
}

fn read_without_header(table: Vec<Vec<String>>, mut preview: PastePreview) -> PastePreview {
    let width = table.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        preview.problems.push("粘贴的内容是空的".into());
        return preview;
    }
    // A column whose filled cells are mostly 一级 labels anchors the official order
    // 一级 / 二级 / 三级 / 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因.
    let level1_column = (0..width).find(|&c| {
        let filled: Vec<&String> = table.iter().filter_map(|r| r.get(c)).filter(|s| !s.is_empty()).collect();
        !filled.is_empty() && filled.iter().filter(|s| Level1::from_label(s).is_some()).count() * 2 >= filled.len()
    });
    use PasteColumn as C;
    let (start, order): (usize, &[PasteColumn]) = match level1_column {
        Some(c) => (c, &[C::Level1, C::Level2, C::Name, C::Target, C::Actual, C::Weight, C::Ignored, C::Deviation]),
        None if width >= 4 => (0, &[C::Name, C::Target, C::Actual, C::Weight, C::Deviation]),
        None => {
            preview.problems.push(
                "没有找到表头，且列数太少：请连同表头行（三级指标、年度指标值、实际完成值、分值）一起复制".into(),
            );
            return preview;
        }
    };
    preview.columns = vec![None; width];
    for (k, col) in order.iter().enumerate() {
        if let Some(slot) = preview.columns.get_mut(start + k) {
            *slot = Some(*col);
        }
    }
    let order_text: Vec<&str> = order.iter().filter(|c| **c != C::Ignored).map(|c| c.label()).collect();
    preview.problems.push(format!("没有找到表头，已按“{}”的顺序读取，请核对预览", order_text.join("、")));
    read_rows(&table, 0, &mut preview);
    preview
}

fn read_rows(rows: &[Vec<String>], first_line_offset: usize, preview: &mut PastePreview) {
    let mut level1: Option<Level1> = None;
    let mut level2 = String::new();
    for (i, cells) in rows.iter().enumerate() {
        let line = first_line_offset + i + 1;
        if cells.iter().all(String::is_empty) {
            continue;
        }
        // 合计/小计/总分 rows (often in the 一级 column) are not indicators.
        if let Some(label) =
            cells.iter().take(4).map(|c| c.trim()).find(|c| SUBTOTAL_LABELS.iter().any(|k| c.starts_with(k)))
        {
            preview.problems.push(format!("第{line}行是合计行（{label}），已跳过"));
            continue;
        }
        let mut row = PastedRow { line, ..PastedRow::default() };
        for (cell, column) in cells.iter().zip(&preview.columns) {
            match column {
                Some(PasteColumn::Level1) if !cell.is_empty() => match Level1::from_label(cell) {
                    Some(l) => {
                        if Some(l) != level1 {
                            level2.clear();
                        }
                        level1 = Some(l);
                    }
                    None => preview.problems.push(format!("第{line}行：一级指标“{cell}”无法识别，沿用上一行")),
                },
                Some(PasteColumn::Level2) if !cell.is_empty() => level2 = cell.clone(),
                Some(PasteColumn::Name) => row.name = cell.clone(),
                Some(PasteColumn::Target) => row.target = cell.clone(),
                Some(PasteColumn::Actual) => row.actual = cell.clone(),
                Some(PasteColumn::Weight) => row.weight = cell.clone(),
                Some(PasteColumn::Deviation) => row.deviation = cell.clone(),
                _ => {}
            }
        }
        let name = row.name.trim();
        if name.is_empty() {
            if !(name.is_empty() && row.target.is_empty() && row.actual.is_empty()) {
                preview.problems.push(format!(
                    "第{line}行不是三级指标行（{}），已跳过",
                    if name.is_empty() { "没有三级指标名称" } else { name }
                ));
            }
            continue;
        }
        row.level1 = level1;
        row.level2 = level2.clone();
        if level1.is_none() {
            preview.problems.push(format!("第{line}行“{name}”没有一级指标，将归入产出指标"));
        }
        preview.rows.push(row);
    }
    if preview.rows.is_empty() {
        preview.problems.push("没有读到任何三级指标行".into());
    }
}

/// Appends the previewed rows to the draft as new indicators (new ids). Returns their ids.
pub fn apply(draft: &mut Draft, rows: &[PastedRow]) -> Vec<u32> {
    let mut ids = Vec::new();
    for row in rows {
        let id = draft.next_indicator_id();
        draft.indicators.push(Indicator {
            id,
            level1: row.level1.unwrap_or_default(),
            level2: row.level2.clone(),
            name: row.name.clone(),
            target: row.target.clone(),
            actual: row.actual.clone(),
            weight: row.weight.clone(),
            deviation: row.deviation.clone(),
            ..Indicator::default()
        });
        ids.push(id);
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_cells_with_tabs_and_line_breaks() {
        let rows = split_cells("a\t\"b\tc\"\t\"多\n行\"\r\n\"say \"\"hi\"\"\"\tx\r\n");
        assert_eq!(rows, vec![vec!["a", "b\tc", "多\n行"], vec!["say \"hi\"", "x"]]);
    }

    #[test]
    fn header_in_any_order_with_merged_cells_carried_down() {
        let text = "三级指标\t分值\t实际完成值（B）\t年度指标值（A）\t一级指标\t二级指标\n\
                    巡查次数\t6\t132次\t≥132次\t产出指标（50分）\t数量指标\n\
                    宣传场次\t6\t15场\t≥15场\t\t\n\
                    群众满意度\t10\t95%\t≥95%\t满意度指标\t服务对象满意度指标\n";
        let p = parse_pasted_table(text);
        assert!(p.header_found);
        assert_eq!(p.rows.len(), 3);
        assert_eq!(p.rows[1].level1, Some(Level1::Output));
        assert_eq!(p.rows[1].level2, "数量指标");
        assert_eq!(
            (p.rows[1].target.as_str(), p.rows[1].actual.as_str(), p.rows[1].weight.as_str()),
            ("≥15场", "15场", "6")
        );
        assert_eq!(p.rows[2].level1, Some(Level1::Satisfaction));
        assert!(p.problems.is_empty(), "{:?}", p.problems);
    }

    #[test]
    fn official_layout_without_header() {
        let text = "产出指标\t数量指标\t巡查次数\t≥132次\t132次\t6\t6\t\n\t质量指标\t整改率\t100%\t100%\t7\t7\t";
        let p = parse_pasted_table(text);
        assert!(!p.header_found);
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[1].level2, "质量指标");
        assert_eq!(p.rows[1].level1, Some(Level1::Output));
        assert_eq!(p.rows[1].weight, "7");
        assert_eq!(p.problems.len(), 1, "tells the user the order it assumed");
    }

    #[test]
    fn subtotal_rows_are_skipped_and_reported() {
        let text = "三级指标\t年度指标值\t实际完成值\t分值\n巡查次数\t≥132次\t132次\t6\n合计\t\t\t90\n";
        let p = parse_pasted_table(text);
        assert_eq!(p.rows.len(), 1);
        assert!(p.problems.iter().any(|m| m.contains("第3行是合计行") && m.contains("合计")), "{:?}", p.problems);
        assert!(p.problems.iter().any(|m| m.contains("没有一级指标")));
    }

    #[test]
    fn apply_appends_with_fresh_ids() {
        let mut draft = crate::example::example_draft();
        let before = draft.indicators.len();
        let p = parse_pasted_table("三级指标\t年度指标值\t实际完成值\t分值\n新指标\t≥1次\t1次\t1\n");
        let ids = apply(&mut draft, &p.rows);
        assert_eq!(draft.indicators.len(), before + 1);
        assert_eq!(ids, vec![12]);
        assert_eq!(draft.indicators[before].name, "新指标");
    }

    #[test]
    fn garbage_gives_a_message_not_a_panic() {
        let p = parse_pasted_table("hello");
        assert!(p.rows.is_empty());
        assert!(!p.problems.is_empty());
        assert!(parse_pasted_table("").problems.iter().any(|m| m.contains("空")));
    }
}
