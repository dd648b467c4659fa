//! The 项目支出绩效自评复核意见表: a reviewer's (主管部门 or 财政局) opinion on one
//! self-evaluation. The 自评表's project rows, its funds with the unit's figures beside the
//! rules', its indicator table (the same merged 一级/二级 cells, from [`table::build`]) with a
//! 自评分 and a 复核分 column and the reviewer's 复核意见 of each row, then 总分, the problems the
//! checks find in the reviewed figures, the overall opinion and who reviewed it when.
//!
//! Everything is one table laid out by the 自评表's [`Grid`], so long texts wrap, rows grow and
//! break over pages by the same rules, and nothing is lost.

use crate::coverage;
use crate::flow::{baseline, run, wrap_text, Flow, RunStyle};
use crate::font::Font;
use crate::grid::Grid;
use crate::layout::{finish, form_title};
use crate::pages::{Item, Pages};
use crate::style::{BODY_WIDTH, CELL_PAD_Y, LEFT, MM, TABLE_LINE, TABLE_SIZE};
use crate::{paint, PdfError, RenderOptions};
use jixiao_core::checks::claimed::claimed_number;
use jixiao_core::form_table::{self as table, Align, Cell, Row, Section, Table};
use jixiao_core::model::FundColumn;
use jixiao_core::money::{fixed2, percent2};
use jixiao_core::review::{evaluate_reviewed, score_problem};
use jixiao_core::{Draft, Evaluation, Severity};

/// Column widths in mm: 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 自评分, 复核分, 复核意见.
/// The 复核意见 takes the room of the 自评表's 绩效指标 and 偏差原因 columns.
const COLUMNS_MM: [f32; 9] = [12.0, 15.0, 22.0, 17.0, 17.0, 12.0, 12.0, 15.0, 34.0];

/// After a 复核分 (or 复核得分) that is not the unit's own.
const MARK: &str = "▲";

const NOTE: &str = "注：自评分、自评得分为单位自评表中填写的分数，未填写的按评分规则计算；复核分按评分规则和复核人\
                    调整的得分计算，与自评不同的标“▲”。";

/// Lays out the 复核意见表 of `draft`. Fails, before anything is laid out, when a character of
/// the draft it prints (the reviewer's text included) is not in `font`.
pub fn layout_review(draft: &Draft, font: &[u8], options: &RenderOptions) -> Result<Pages, PdfError> {
    let font = Font::parse(font)?;
    coverage::check_review(draft, &font)?;
    let own = jixiao_core::evaluate(draft);
    let reviewed = evaluate_reviewed(draft);
    let table = review_table(draft, &own, &reviewed, font.width("其中：", TABLE_SIZE), options);

    let mut flow = Flow::new();
    form_title(&font, draft, "项目支出绩效自评复核意见表", &mut flow);
    Grid::with_columns(&font, &table, &COLUMNS_MM.map(|w| w * MM)).lay_out(&mut flow);
    note(&font, &mut flow, NOTE);

    let title = format!("{}绩效自评复核意见", draft.project.name.trim());
    finish(&font, flow, options, title, &draft.review.reviewer)
}

/// The 复核意见表 of `draft` as PDF bytes, set in `font` (as [`crate::render`]).
pub fn render_review(draft: &Draft, font: &[u8], options: &RenderOptions) -> Result<Vec<u8>, PdfError> {
    paint(&layout_review(draft, font, options)?, font)
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

fn figure(col: usize, text: impl Into<String>) -> Cell {
    cell(col, 1, text, Align::Right)
}

/// Two figures differ: as numbers when both are (「8」 is 「8.00」), else as written.
fn differs(own: &str, reviewed: &str) -> bool {
    match (claimed_number(own, false), claimed_number(reviewed, false)) {
        (Some(a), Some(b)) => a != b,
        _ => own.trim() != reviewed.trim(),
    }
}

/// The reviewed figure, marked when it is not the unit's.
fn marked(own: &str, reviewed: String) -> String {
    if differs(own, &reviewed) {
        reviewed + MARK
    } else {
        reviewed
    }
}

/// The unit's figure as its 自评表 wrote it, else the one the rules give.
fn own_or(claimed: &str, computed: String) -> String {
    let claimed = claimed.trim();
    if claimed.is_empty() {
        computed
    } else {
        claimed.to_string()
    }
}

fn review_table(draft: &Draft, own: &Evaluation, reviewed: &Evaluation, indent: f32, options: &RenderOptions) -> Table {
    let mut rows = Vec::new();
    let mut push = |section, header, cells| rows.push(Row { cells, section, header, keep_with_next: header });
    let p = &draft.project;
    push(Section::Project, false, vec![label(0, 2, "项目名称"), text(2, 7, &p.name)]);
    push(
        Section::Project,
        false,
        vec![
            label(0, 2, "主管部门"),
            text(2, 3, &p.department),
            label(5, 2, "实施单位"),
            text(7, 2, &p.implementing_unit),
        ],
    );

    // A 复核 changes scores, never money: the funds are the same in both evaluations.
    let funds = &reviewed.funds;
    let base = funds.execution_base;
    push(
        Section::Funds,
        true,
        vec![
            Cell { rowspan: 3, ..label(0, 2, "项目资金（万元）") },
            label(2, 1, base.label()),
            label(3, 1, "全年执行数"),
            label(4, 1, "分值"),
            label(5, 2, ""),
            label(7, 1, "执行率"),
            label(8, 1, "得分"),
        ],
    );
    let money = |column| funds.total.get(column).map(fixed2).unwrap_or_default();
    let rate = funds.execution_rate.show(percent2);
    let score = funds.execution_score.show(fixed2);
    let own_score = own_or(&draft.claimed.execution_score, score.clone());
    push(
        Section::Funds,
        false,
        vec![
            Cell { rowspan: 2, ..figure(2, money(base)) },
            Cell { rowspan: 2, ..figure(3, money(FundColumn::Executed)) },
            Cell { rowspan: 2, ..figure(4, fixed2(funds.execution_weight)) },
            label(5, 2, "自评"),
            figure(7, own_or(&draft.claimed.execution_rate, rate.clone())),
            figure(8, own_score.clone()),
        ],
    );
    push(Section::Funds, false, vec![label(5, 2, "复核"), figure(7, rate), figure(8, marked(&own_score, score))]);

    indicator_rows(draft, own, reviewed, indent, &mut rows);

    let own_total = own_or(&draft.claimed.total, own.total.show(fixed2));
    let reviewed_total = marked(&own_total, reviewed.total.show(fixed2));
    rows.push(Row {
        section: Section::Indicators,
        header: false,
        keep_with_next: false,
        cells: vec![
            label(0, 5, "总分"),
            figure(5, fixed2(reviewed.total_weight)),
            figure(6, own_total),
            figure(7, reviewed_total),
            label(8, 1, &format!("复核等级：{}", reviewed.grade_shown())),
        ],
    });

    // The reviewer's part: free text without column headers, so a page break inside a long
    // opinion repeats nothing above it.
    let tail = Section::Goals;
    let mut push = |cells| rows.push(Row { cells, section: tail, header: false, keep_with_next: false });
    // The submission's own findings: a 复核分 the reviewer set is not a fault of the unit's form.
    push(vec![label(0, 2, "复核发现的问题"), text(2, 7, &findings(own))]);
    push(vec![label(0, 2, "总体复核意见"), text(2, 7, &draft.review.opinion)]);
    let date = options.creation_date;
    push(vec![
        label(0, 2, "复核人"),
        text(2, 3, &draft.review.reviewer),
        label(5, 2, "复核日期"),
        text(7, 2, &format!("{}年{}月{}日", date.year, date.month, date.day)),
    ]);
    Table { rows }
}

/// The indicator part: the 自评表's own rows (its merged 一级/二级 cells, 三级 … 分值, detail rows)
/// one column to the left, then 自评分, 复核分 and 复核意见.
fn indicator_rows(draft: &Draft, own: &Evaluation, reviewed: &Evaluation, indent: f32, rows: &mut Vec<Row>) {
    rows.push(Row {
        section: Section::Indicators,
        header: true,
        keep_with_next: true,
        cells: ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评分", "复核分", "复核意见"]
            .iter()
            .enumerate()
            .map(|(k, l)| label(k, 1, l))
            .collect(),
    });
    // Built twice, so that both scores are shown exactly as the 自评表 shows its 得分.
    let (own_table, reviewed_table) = (table::build(draft, own, indent), table::build(draft, reviewed, indent));
    let score = |row: &Row| row.cells.iter().find(|c| c.col == 7).map(|c| c.text.clone()).unwrap_or_default();
    let body =
        own_table.rows.iter().zip(&reviewed_table.rows).filter(|(r, _)| r.section == Section::Indicators && !r.header);
    for ((own_row, reviewed_row), (i, child)) in body.zip(table::indicator_rows(draft)) {
        let mut cells: Vec<Cell> = own_row
            .cells
            .iter()
            .filter(|c| (1..=6).contains(&c.col))
            .map(|c| Cell { col: c.col - 1, ..c.clone() })
            .collect();
        if child.is_some() {
            cells.extend([label(6, 1, "—"), label(7, 1, "—"), text(8, 1, "")]);
        } else {
            let own_score = own_or(&draft.indicators[i].claimed_score, score(own_row));
            let reviewed_score = marked(&own_score, score(reviewed_row));
            let opinion = row_opinion(draft, reviewed, i);
            cells.extend([figure(6, own_score), figure(7, reviewed_score), text(8, 1, &opinion)]);
        }
        rows.push(Row { cells, ..own_row.clone() });
    }
}

/// The reviewer's opinion of row `i`, the reason of their 复核分, and why that 复核分 does not
/// count when it does not; each on its own line.
fn row_opinion(draft: &Draft, reviewed: &Evaluation, i: usize) -> String {
    let mut lines = Vec::new();
    if let Some(review) = draft.review.of(draft.indicators[i].id) {
        if !review.opinion.trim().is_empty() {
            lines.push(review.opinion.trim().to_string());
        }
        if !review.score.trim().is_empty() && !review.reason.trim().is_empty() {
            lines.push(format!("调整理由：{}", review.reason.trim()));
        }
    }
    if let Some(problem) = reviewed.indicators.get(i).and_then(|row| score_problem(draft, row)) {
        lines.push(format!("（{problem}）"));
    }
    lines.join("\n")
}

/// 「复核发现的问题」: the errors, then the warnings, of the reviewed figures, each with the rule it
/// rests on, as the app's 检查结果 lists them.
fn findings(reviewed: &Evaluation) -> String {
    let shown: Vec<String> = [Severity::Error, Severity::Warning]
        .into_iter()
        .flat_map(|severity| reviewed.findings.iter().filter(move |f| f.severity == severity))
        .enumerate()
        .map(|(n, f)| format!("{}.【{}】{}\n依据：{}", n + 1, f.severity.label(), f.message, f.rule))
        .collect();
    if shown.is_empty() {
        "未发现问题".to_string()
    } else {
        shown.join("\n")
    }
}

/// Small text under the table, continued on a new page where the page ends.
fn note(font: &Font, flow: &mut Flow, text: &str) {
    let style = RunStyle { size: TABLE_SIZE, bold: false };
    flow.y += CELL_PAD_Y;
    for line in wrap_text(font, text, TABLE_SIZE, BODY_WIDTH, 0.0) {
        if flow.remaining() < TABLE_LINE {
            flow.new_page();
        }
        let base = baseline(font, flow.y, TABLE_SIZE, TABLE_LINE);
        flow.push(Item::Text(run(font, text, &line, LEFT, base, &style, None)));
        flow.y += TABLE_LINE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_text_block() {
        let sum: f32 = COLUMNS_MM.iter().sum();
        assert!((sum - 156.0).abs() < 1e-3, "{sum}");
    }

    #[test]
    fn every_fixed_text_is_in_the_font() {
        let bytes = include_bytes!("../../../fonts/NotoSerifSC-Regular.subset.ttf");
        let font = Font::parse(bytes).unwrap();
        let mut draft = jixiao_core::example_draft();
        draft.review.of_mut(draft.indicators[0].id).score = "99".into();
        let reviewed = evaluate_reviewed(&draft);
        let table = review_table(&draft, &jixiao_core::evaluate(&draft), &reviewed, 0.0, &options());
        let problems =
            ["请填写调整复核分的理由，否则按规则计分", "复核分：", "复核分“99”超过该指标分值，已按分值上限计"];
        let fixed =
            table.rows.iter().flat_map(|r| &r.cells).filter(|c| c.align == Align::Center).map(|c| c.text.as_str());
        let fixed: Vec<&str> = fixed
            .chain([
                "项目支出绩效自评复核意见表",
                "（年度）",
                NOTE,
                MARK,
                "调整理由：",
                "【错误】【警告】依据：",
                "未发现问题",
                "年月日",
            ])
            .chain(problems)
            .collect();
        let missing: String = fixed.concat().chars().filter(|&c| !font.has(c)).collect();
        assert_eq!(missing, "");
    }

    fn options() -> RenderOptions {
        RenderOptions::new(crate::PdfDate::new(2023, 3, 31).unwrap())
    }

    #[test]
    fn no_error_or_warning_is_said() {
        let draft = jixiao_core::example_draft();
        let mut reviewed = evaluate_reviewed(&draft);
        assert!(findings(&reviewed).starts_with("1.【警告】"), "the seed has warnings");
        reviewed.findings.retain(|f| f.severity == Severity::Hint);
        assert_eq!(findings(&reviewed), "未发现问题");
    }

    #[test]
    fn scores_differ_as_numbers() {
        assert!(!differs("8", "8.00") && !differs("不适用", "不适用") && !differs("9分", "9.00"));
        assert!(differs("10", "8.00") && differs("", "8.00") && differs("约9", "9.00"));
        assert_eq!(marked("10", "8.00".into()), "8.00▲");
    }
}
