//! Every character that will be printed must be in the font: a missing one is an error that
//! names the character and the fields it was typed in, never a blank or a box on paper.

use crate::error::{MissingGlyph, Place};
use crate::font::Font;
use crate::pages::Pages;
use crate::PdfError;
use jixiao_core::checks::{GoalField, IndicatorField, ProjectField};
use jixiao_core::model::{FundColumn, FundSource, NarrativeSection};
use jixiao_core::report::Report;
use jixiao_core::{Draft, FieldRef};
use std::collections::BTreeMap;

/// Characters that are not drawn (line ends, tabs turn into spaces).
fn drawn(c: char) -> bool {
    !matches!(c, '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

#[derive(Default)]
struct Missing {
    by_char: BTreeMap<char, Vec<Place>>,
}

impl Missing {
    fn scan(&mut self, font: &Font, text: &str, place: impl Fn() -> Place) {
        for c in text.chars().filter(|&c| drawn(c) && !font.has(c)) {
            let places = self.by_char.entry(c).or_default();
            let here = place();
            if !places.contains(&here) {
                places.push(here);
            }
        }
    }

    fn into_result(self) -> Result<(), PdfError> {
        if self.by_char.is_empty() {
            return Ok(());
        }
        Err(PdfError::MissingGlyphs(self.by_char.into_iter().map(|(ch, places)| MissingGlyph { ch, places }).collect()))
    }
}

fn at(field: FieldRef, label: impl Into<String>) -> impl Fn() -> Place {
    let label = label.into();
    move || Place { field: Some(field.clone()), label: label.clone() }
}

/// The indicator fields both forms print as typed (the 自评表 adds its 偏差原因).
const INDICATOR_CELLS: [IndicatorField; 5] = [
    IndicatorField::Level2,
    IndicatorField::Name,
    IndicatorField::Target,
    IndicatorField::Actual,
    IndicatorField::Weight,
];

/// Checks every field of the draft that the PDF prints, and the rewritten report paragraphs.
pub fn check_draft(draft: &Draft, report: &Report, font: &Font) -> Result<(), PdfError> {
    let mut m = Missing::default();
    scan_project(&mut m, font, draft, &ProjectField::ALL);
    for source in FundSource::ROWS {
        let row = draft.funds.row(source).expect("source rows exist");
        for column in FundColumn::ALL {
            let label = format!("项目资金“{}”行的{}", source.label(), column.label());
            m.scan(font, row.cell(column), at(FieldRef::Fund { source, column }, label));
        }
    }
    m.scan(font, &draft.funds.deviation_reason, at(FieldRef::FundsExplanation, "资金执行偏差原因说明"));
    m.scan(font, &draft.goals.expected, at(FieldRef::Goal { field: GoalField::Expected }, "年度总体目标的预期目标"));
    m.scan(font, &draft.goals.actual, at(FieldRef::Goal { field: GoalField::Actual }, "年度总体目标的实际完成情况"));
    let mut printed = INDICATOR_CELLS.to_vec();
    printed.push(IndicatorField::Deviation);
    scan_indicators(&mut m, font, draft, &printed);
    for section in NarrativeSection::ALL {
        m.scan(font, draft.narrative.section(section), at(FieldRef::Narrative { section }, section.label()));
    }
    for block in report.blocks.iter().filter(|b| b.edited) {
        let field = FieldRef::ReportParagraph { key: block.key.clone() };
        m.scan(font, &block.text, at(field, format!("报告中改写过的段落（{}）", block.key)));
    }
    m.into_result()
}

/// Checks the fields the 复核意见表 prints: the project, the indicator rows with the unit's own
/// scores, and everything the reviewer wrote.
pub fn check_review(draft: &Draft, font: &Font) -> Result<(), PdfError> {
    let mut m = Missing::default();
    let project = [ProjectField::Name, ProjectField::Department, ProjectField::ImplementingUnit, ProjectField::Year];
    scan_project(&mut m, font, draft, &project);
    let claimed = &draft.claimed;
    for (text, label) in [
        (&claimed.execution_rate, "单位自评表中的执行率"),
        (&claimed.execution_score, "单位自评表中的执行率得分"),
        (&claimed.total, "单位自评表中的总分"),
    ] {
        m.scan(font, text, || Place { field: None, label: label.to_string() });
    }
    scan_indicators(&mut m, font, draft, &INDICATOR_CELLS);
    for (n, ind) in draft.indicators.iter().enumerate() {
        let who = indicator_label(n, &ind.name);
        let claimed = at(FieldRef::Indicator { id: ind.id, field: IndicatorField::Name }, format!("{who}的单位自评分"));
        m.scan(font, &ind.claimed_score, claimed);
        let Some(review) = draft.review.of(ind.id) else { continue };
        for (text, what) in [(&review.opinion, "复核意见"), (&review.score, "复核分"), (&review.reason, "复核分理由")]
        {
            m.scan(font, text, || Place { field: None, label: format!("{who}的{what}") });
        }
    }
    m.scan(font, &draft.review.opinion, || Place { field: None, label: "总体复核意见".to_string() });
    m.scan(font, &draft.review.reviewer, || Place { field: None, label: "复核人".to_string() });
    m.into_result()
}

/// Checks the fields the 绩效目标申报表 prints: the project (the 填报日期 with the signature
/// line), the 全年预算数 of each source, the 预期目标 and the indicators' 二级/三级/指标值.
pub fn check_targets(draft: &Draft, font: &Font, signature_line: bool) -> Result<(), PdfError> {
    let mut m = Missing::default();
    let project: Vec<ProjectField> =
        ProjectField::ALL.into_iter().filter(|&f| signature_line || f != ProjectField::FillDate).collect();
    scan_project(&mut m, font, draft, &project);
    for source in FundSource::ROWS {
        let column = FundColumn::AnnualBudget;
        let row = draft.funds.row(source).expect("source rows exist");
        let label = format!("项目资金“{}”行的{}", source.label(), column.label());
        m.scan(font, row.cell(column), at(FieldRef::Fund { source, column }, label));
    }
    m.scan(font, &draft.goals.expected, at(FieldRef::Goal { field: GoalField::Expected }, "年度总体目标的预期目标"));
    scan_indicators(&mut m, font, draft, &[IndicatorField::Level2, IndicatorField::Name, IndicatorField::Target]);
    m.into_result()
}

fn scan_project(m: &mut Missing, font: &Font, draft: &Draft, fields: &[ProjectField]) {
    for &field in fields {
        m.scan(font, draft.project.field(field), at(FieldRef::Project { field }, field.label()));
    }
}

/// 「指标3「群众满意度」」, or 「指标3」 for a row without a name.
fn indicator_label(n: usize, name: &str) -> String {
    if name.trim().is_empty() {
        format!("指标{}", n + 1)
    } else {
        format!("指标{}「{}」", n + 1, name.trim())
    }
}

/// The given text fields of every indicator row, and its detail rows.
fn scan_indicators(m: &mut Missing, font: &Font, draft: &Draft, fields: &[IndicatorField]) {
    for (n, ind) in draft.indicators.iter().enumerate() {
        let who = indicator_label(n, &ind.name);
        for &field in fields {
            let text = match field {
                IndicatorField::Level2 => &ind.level2,
                IndicatorField::Name => &ind.name,
                IndicatorField::Target => &ind.target,
                IndicatorField::Actual => &ind.actual,
                IndicatorField::Weight => &ind.weight,
                IndicatorField::Deviation => &ind.deviation,
                // Not printed as typed by either form.
                _ => continue,
            };
            m.scan(font, text, at(FieldRef::Indicator { id: ind.id, field }, format!("{who}的{}", field.label())));
        }
        for (k, child) in ind.children.iter().enumerate() {
            let field = FieldRef::Indicator { id: ind.id, field: IndicatorField::Name };
            let text = format!("{}{}{}", child.name, child.target, child.actual);
            m.scan(font, &text, at(field, format!("{who}的明细第{}行", k + 1)));
        }
    }
}

/// The last word: every run laid out (the form's own labels and the report's generated
/// sentences included) is drawable.
pub fn check_pages(pages: &Pages, font: &Font) -> Result<(), PdfError> {
    let mut m = Missing::default();
    for run in pages.pages.iter().flat_map(|p| p.texts()) {
        for piece in &run.pieces {
            m.scan(font, &piece.text, || Place { field: None, label: "表格或报告中生成的文字".to_string() });
        }
    }
    m.into_result()
}
