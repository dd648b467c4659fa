//! The 自评报告 text, generated from the table in the phrasing units use (the seed report),
//! as structured blocks (heading / paragraph) for the app and the PDF.
//!
//! Outline and sentence patterns: docs/rules.md §5. Generated paragraphs have a stable `key`;
//! the user may rewrite one (stored in `Draft::report_edits`), and check 13 compares its
//! figures with the generated text.

use crate::evaluate::{Evaluation, IndicatorEvaluation};
use crate::model::{Draft, Indicator, Level1, Tier};
use crate::money::{natural, percent_natural};
use crate::parse::{normalize, Target};
use crate::scoring::Status;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockKind {
    /// 1 = 一、 2 = （一） 3 = 1. 4 = （1）
    Heading {
        level: u8,
    },
    Paragraph,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Stable key ("funds-arrival", "indicator-3"); edits are stored under it.
    pub key: String,
    pub text: String,
    /// Generated from the table (and so may be rewritten); `false` for the user's own sections.
    pub generated: bool,
    /// The user rewrote this paragraph.
    pub edited: bool,
}

impl Report {
    /// Plain text: headings and paragraphs, one per line, paragraphs indented two full-width spaces.
    pub fn to_plain_text(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for b in &self.blocks {
            match b.kind {
                BlockKind::Heading { .. } => out.push_str(&b.text),
                BlockKind::Paragraph => {
                    out.push_str("\u{3000}\u{3000}");
                    out.push_str(&b.text);
                }
            }
            out.push('\n');
        }
        out
    }
}

struct Builder {
    blocks: Vec<Block>,
}

impl Builder {
    fn heading(&mut self, level: u8, key: &str, text: String) {
        self.blocks.push(Block {
            kind: BlockKind::Heading { level },
            key: key.to_string(),
            text,
            generated: false,
            edited: false,
        });
    }

    fn generated(&mut self, key: String, text: String) {
        self.blocks.push(Block { kind: BlockKind::Paragraph, key, text, generated: true, edited: false });
    }

    /// The user's own text, one block per non-empty line.
    fn user_text(&mut self, key: &str, text: &str) {
        for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
            self.blocks.push(Block {
                kind: BlockKind::Paragraph,
                key: format!("{key}-{}", i + 1),
                text: line.to_string(),
                generated: false,
                edited: false,
            });
        }
    }
}

/// The report with the user's rewritten paragraphs in place.
pub fn generate(draft: &Draft, eval: &Evaluation) -> Report {
    let mut report = generate_unedited(draft, eval);
    for block in &mut report.blocks {
        if let Some(edit) = draft.report_edits.get(&block.key) {
            if block.generated && edit.trim() != block.text {
                block.text = edit.trim().to_string();
                block.edited = true;
            }
        }
    }
    report
}

fn sentence(text: &str) -> String {
    let t = text.trim().trim_end_matches(['。', '.', '；', ';', '，', ',']);
    format!("{t}。")
}

fn amount(v: Option<Decimal>) -> String {
    v.map(natural).unwrap_or_else(|| "—".to_string())
}

/// The report exactly as generated from the table, without the user's rewrites.
pub fn generate_unedited(draft: &Draft, eval: &Evaluation) -> Report {
    let p = &draft.project;
    let year = p.year.trim().trim_end_matches("年度").trim_end_matches('年');
    let name = p.name.trim();
    let funds = &eval.funds;
    let t = &funds.total;
    let rate = funds.execution_rate.show(percent_natural);
    let arrival = funds.arrival_rate.show(percent_natural);
    let mut b = Builder { blocks: Vec::new() };

    b.heading(1, "h-targets", "一、绩效目标分解下达情况".into());
    let issued = t.initial_budget.or(t.annual_budget);
    let mut text = format!(
        "{year}年度{}年初共下达{}{name}资金{}万元，",
        p.department.trim(),
        p.implementing_unit.trim(),
        amount(issued)
    );
    if t.initial_budget.is_some() && t.annual_budget.is_some() && t.initial_budget != t.annual_budget {
        text.push_str(&format!("年中调整后全年预算数为{}万元，", amount(t.annual_budget)));
    }
    text.push_str(&format!("全年执行数为{}万元，执行率为{rate}。", amount(t.executed)));
    b.generated("targets-issued".into(), text);

    b.heading(1, "h-analysis", "二、绩效目标完成情况分析".into());
    b.heading(2, "h-funds", "（一）资金投入情况分析".into());
    b.heading(3, "h-funds-arrival", "1.资金到位情况分析".into());
    b.generated(
        "funds-arrival".into(),
        format!(
            "截至{year}年末，预算资金为{}万元，实际到位资金{}万元，资金到位率为{arrival}。",
            amount(t.annual_budget),
            amount(t.received)
        ),
    );
    b.heading(3, "h-funds-execution", "2.资金执行情况分析".into());
    b.generated(
        "funds-execution".into(),
        format!(
            "截至{year}年末，实际支出资金{}万元，实际到位资金{}万元。预算执行率为{rate}。",
            amount(t.executed),
            amount(t.received)
        ),
    );
    b.user_text("funds-explanation", &draft.funds.deviation_reason);
    b.heading(3, "h-funds-management", "3.资金管理情况分析".into());
    b.user_text("funds-management", &draft.narrative.funds_management);

    b.heading(2, "h-goals", "（二）总体绩效目标完成情况分析".into());
    if !draft.goals.expected.trim().is_empty() {
        b.generated(
            "goal-expected".into(),
            format!("本项目{year}年度总体绩效目标是：{}", sentence(&draft.goals.expected)),
        );
    }
    if !draft.goals.actual.trim().is_empty() {
        b.generated("goal-actual".into(), format!("实际完成情况是：{}", sentence(&draft.goals.actual)));
    }

    b.heading(2, "h-indicators", "（三）绩效指标完成情况分析".into());
    let mut level1_number = 0;
    for level1 in Level1::ALL {
        let rows: Vec<(&IndicatorEvaluation, &Indicator)> = eval
            .indicators
            .iter()
            .map(|r| r.as_ref())
            .zip(&draft.indicators)
            .filter(|(_, i)| i.level1 == level1)
            .collect();
        if rows.is_empty() {
            continue;
        }
        level1_number += 1;
        b.heading(3, &format!("h-{}", level1_key(level1)), format!("{level1_number}.{}完成情况分析", level1.label()));
        for (n, level2) in level2_groups(level1, &rows).into_iter().enumerate() {
            b.heading(4, &format!("h-{}-{}", level1_key(level1), n + 1), format!("（{}）{}。", n + 1, level2));
            for (row, ind) in rows.iter().filter(|(_, i)| level2_label(i) == level2) {
                b.generated(format!("indicator-{}", ind.id), indicator_sentence(row, ind));
            }
        }
    }

    b.heading(1, "h-deviations", "三、偏离绩效目标的原因和下一步改进措施".into());
    b.heading(2, "h-deviation-reasons", "（一）偏离绩效目标的原因".into());
    let deviating: Vec<_> = eval
        .indicators
        .iter()
        .zip(&draft.indicators)
        .filter(|(r, _)| r.status.is_missed() || r.status == Status::OverAchieved)
        .collect();
    if deviating.is_empty()
        && funds.execution_rate.value().and_then(crate::money::percent_value).is_none_or(|p| p >= Decimal::from(90))
    {
        b.generated("deviations".into(), "本年度各项绩效指标均已完成，未出现偏离绩效目标的情况。".into());
    }
    for (row, ind) in deviating {
        let what = if row.status == Status::OverAchieved {
            if row.direction() == Some(crate::model::Direction::Reverse) {
                // 反向: the actual is far *below* the value (成本、时间…), which is better.
                "完成值明显优于年度指标值"
            } else {
                "完成值高于年度指标值较多"
            }
        } else {
            "未完成年度指标值"
        };
        let reason = if crate::text::is_placeholder(&ind.deviation) {
            "原因待说明".to_string()
        } else {
            ind.deviation.trim().to_string()
        };
        b.generated(
            format!("deviation-{}", ind.id),
            sentence(&format!("指标{}{}{what}，{reason}", row.number, quoted(&ind.name))),
        );
    }
    b.heading(2, "h-improvements", "（二）下一步改进措施".into());
    b.user_text("improvements", &draft.narrative.improvements);

    b.heading(1, "h-application", "四、绩效自评结果拟应用和公开情况".into());
    b.user_text("result-application", &draft.narrative.result_application);

    b.heading(1, "h-other", "五、其他需要说明的问题".into());
    b.heading(2, "h-achievements", "（一）工作成效".into());
    b.user_text("achievements", &draft.narrative.achievements);
    b.heading(2, "h-problems", "（二）存在问题".into());
    b.user_text("problems", &draft.narrative.problems);
    if !draft.narrative.other.trim().is_empty() {
        b.heading(2, "h-other-notes", "（三）其他".into());
        b.user_text("other", &draft.narrative.other);
    }

    let title = format!("{name}{year}年度绩效自评报告");
    Report { title, blocks: b.blocks }
}

fn quoted(name: &str) -> String {
    if name.trim().is_empty() {
        String::new()
    } else {
        format!("“{}”", name.trim())
    }
}

fn level1_key(level1: Level1) -> &'static str {
    match level1 {
        Level1::Output => "output",
        Level1::Benefit => "benefit",
        Level1::Satisfaction => "satisfaction",
    }
}

fn level2_label(ind: &Indicator) -> String {
    let l = ind.level2.trim();
    if l.is_empty() {
        "其他指标".to_string()
    } else {
        l.to_string()
    }
}

/// The 二级 groups present, official ones first in the official order, then others as they come.
fn level2_groups(level1: Level1, rows: &[(&IndicatorEvaluation, &Indicator)]) -> Vec<String> {
    let present: Vec<String> = rows.iter().map(|(_, i)| level2_label(i)).collect();
    let mut groups: Vec<String> =
        level1.official_level2().iter().map(|s| s.to_string()).filter(|s| present.contains(s)).collect();
    for p in present {
        if !groups.contains(&p) {
            groups.push(p);
        }
    }
    groups
}

/// 「本年度…不低于9个」: the target as written when it is in words, otherwise in words.
fn target_phrase(row: &IndicatorEvaluation, ind: &Indicator) -> String {
    let typed = ind.target.trim();
    match &row.target {
        Ok(Target::Quantitative { comparison, quantity, inferred }) => {
            let symbolic = normalize(typed).chars().any(|c| "≥≤<>=".contains(c));
            // A bare number ("3个工作日") whose direction the user chose has no 比较词 of its
            // own either: say it in words (不高于3个工作日).
            let bare = inferred.is_some()
                || matches!(
                    crate::parse::parse_target(typed, "", None),
                    Ok(Target::Quantitative { inferred: Some(_), .. })
                );
            if bare || symbolic {
                format!("{}{}", comparison.phrase(), quantity.show())
            } else {
                typed.to_string()
            }
        }
        _ => typed.to_string(),
    }
}

fn actual_phrase(row: &IndicatorEvaluation, ind: &Indicator) -> String {
    let typed = ind.actual.trim();
    match (&row.actual, row.target_unit()) {
        (Ok(Some(a)), Some(unit))
            if a.unit.is_none() && !unit.is_none() && !typed.ends_with(unit.text.as_ref() as &str) =>
        {
            format!("{typed}{}", unit.text)
        }
        _ => typed.to_string(),
    }
}

fn subject(ind: &Indicator) -> String {
    let name = ind.name.trim();
    name.strip_prefix("本年度").unwrap_or(name).to_string()
}

/// Splits 偏差原因分析及改进措施 into the reason and the measures at 「下一步」/「改进措施」.
fn reason_and_measures(text: &str) -> (String, Option<String>) {
    let t = text.trim();
    for marker in ["下一步", "改进措施："] {
        if let Some(pos) = t.find(marker) {
            if pos > 0 {
                let reason = t[..pos].trim_end_matches(['。', '；', '，', ';', ',']).to_string();
                let reason = reason.strip_prefix("偏差原因：").unwrap_or(&reason).to_string();
                return (reason, Some(sentence(&t[pos..])));
            }
        }
    }
    (t.strip_prefix("偏差原因：").unwrap_or(t).trim_end_matches(['。', '；', ';']).to_string(), None)
}

fn indicator_sentence(row: &IndicatorEvaluation, ind: &Indicator) -> String {
    let n = row.number;
    let what = subject(ind);
    if row.status == Status::NotApplicable {
        return format!("指标{n}，{what}本年度不适用，未纳入评分。");
    }
    let target = target_phrase(row, ind);
    let actual = actual_phrase(row, ind);
    let explained = !crate::text::is_placeholder(&ind.deviation);
    let (reason, measures) = reason_and_measures(&ind.deviation);
    let because = |s: &mut String| {
        if explained {
            s.push_str(&format!("，主要原因是{reason}。"));
            if let Some(m) = &measures {
                s.push_str(m);
            }
        } else {
            s.push('。');
        }
    };
    if row.is_qualitative() {
        let mut s = format!("指标{n}，本年度{what}的目标为{target}，实际完成情况为：{}", actual.trim_end_matches('。'));
        match ind.tier {
            Some(Tier::Achieved) => s.push_str("，本年度已完成年初预期目标。"),
            Some(Tier::Partial) => {
                s.push_str("，部分完成年初预期目标并具有一定效果");
                because(&mut s);
            }
            Some(Tier::NotAchieved) => {
                s.push_str("，未完成年初预期目标");
                because(&mut s);
            }
            None => s.push('。'),
        }
        return s;
    }
    let mut s = format!("指标{n}，本年度{what}{target}，本年度实际{what}为{actual}");
    match row.status {
        Status::Met => s.push_str("，本年度已完成年初预期目标。"),
        Status::OverAchieved => {
            let beyond = row.actual_over_target.map(|r| {
                if row.direction() == Some(crate::model::Direction::Reverse) {
                    format!("，优于年度指标值{}", percent_natural(Decimal::ONE - r))
                } else {
                    format!("，超出年度指标值{}", percent_natural(r - Decimal::ONE))
                }
            });
            s.push_str(&beyond.unwrap_or_default());
            s.push_str("，本年度已完成年初预期目标");
            because(&mut s);
        }
        Status::StrictBoundary => {
            s.push_str(&format!("，恰好等于指标值，未达到“{target}”的要求，未完成年初预期目标"));
            because(&mut s);
        }
        Status::NotMet => {
            if let Some(c) = row.completion.value() {
                s.push_str(&format!("，完成率{}", percent_natural(c)));
            }
            s.push_str("，未完成年初预期目标");
            because(&mut s);
        }
        Status::NotApplicable | Status::NotAssessed => s.push('。'),
    }
    s
}
