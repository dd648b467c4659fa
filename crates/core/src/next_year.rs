//! 结果应用: next year's 绩效目标 from this year's 自评. The same indicators, with each target
//! suggested from this year's result: a 正向 target not below what was achieved, a 反向 one not
//! above it, 定性 and 区间 targets kept. A target exceeded by the over-achievement threshold (130 %
//! nationally) was set too low, and is flagged with the rule. Funds, actuals, tiers, claims and the
//! report are left for next year.

use crate::evaluate::Evaluation;
use crate::model::{ChildRow, Draft, Funds, Goals, Indicator, Narrative};
use crate::money::natural;
use crate::parse::{Comparison, Target};
use crate::profile::Profile;
use crate::scoring::Status;
use rust_decimal::Decimal;
use serde::Serialize;

/// What happened to one indicator's target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub id: u32,
    pub name: String,
    /// This year's 年度指标值, as typed.
    pub this_year: String,
    /// The suggested 年度指标值 for next year (the same text when kept).
    pub next_year: String,
    /// Set too low this year: exceeded by the over-achievement threshold or more.
    pub set_too_low: bool,
    /// Why, in Chinese (empty when the target was simply kept).
    pub note: String,
}

impl Suggestion {
    /// One line for a person: `指标「培训人次」：不低于9个 → 不低于12个　【设定偏低】本年度实际完成…`, or
    /// `…：不低于132次（保持）` when kept. What `jixiao next-year` prints and the new draft's 备注 holds.
    pub fn line(&self) -> String {
        if self.this_year == self.next_year && !self.set_too_low {
            let note = if self.note.is_empty() { String::new() } else { format!("　{}", self.note) };
            return format!("指标「{}」：{}（保持）{note}", self.name, self.next_year);
        }
        let mark = if self.set_too_low { "【设定偏低】" } else { "" };
        format!("指标「{}」：{} → {}　{mark}{}", self.name, self.this_year, self.next_year, self.note)
    }
}

pub const RULE_SET_TOO_LOW: &str = crate::checks::RULE_OVER_ACHIEVEMENT;

/// The next year's draft and what was suggested for each indicator.
pub fn next_year(draft: &Draft, evaluation: &Evaluation) -> (Draft, Vec<Suggestion>) {
    let profile = crate::profile::find(&draft.profile).unwrap_or_else(crate::profile::default_profile);
    let year = draft.project.year.trim().trim_end_matches("年度").trim_end_matches('年');
    let next = year.parse::<u32>().map(|y| (y + 1).to_string()).unwrap_or_default();
    let mut out = Draft {
        profile: draft.profile.clone(),
        project: draft.project.clone(),
        funds: Funds::default(),
        goals: Goals {
            // This year's 实际完成情况 is where next year's goal starts; the unit rewrites it.
            expected: if draft.goals.actual.trim().is_empty() {
                draft.goals.expected.clone()
            } else {
                draft.goals.actual.clone()
            },
            actual: String::new(),
        },
        weight_split_reason: draft.weight_split_reason.clone(),
        narrative: Narrative::default(),
        notes: if year.is_empty() {
            "由上一年度绩效自评生成的绩效目标草稿：请核对指标值、填写资金。".to_string()
        } else {
            format!("由{year}年度绩效自评生成的{next}年度绩效目标草稿：请核对指标值、填写资金。")
        },
        ..Draft::default()
    };
    out.project.year = next;
    out.project.fill_date = String::new();
    let mut suggestions = Vec::new();
    for (ind, row) in draft.indicators.iter().zip(&evaluation.indicators) {
        let (mut target, set_too_low, mut note) = suggest(ind, row, profile);
        // A deadline of this year (2022年12月31日前) becomes next year's.
        if !year.is_empty() && !out.project.year.is_empty() && target.contains(&format!("{year}年")) {
            target = target.replace(&format!("{year}年"), &format!("{}年", out.project.year));
            if note.is_empty() {
                note = format!("年份改为{}年", out.project.year);
            }
        }
        suggestions.push(Suggestion {
            id: ind.id,
            name: ind.name.clone(),
            this_year: ind.target.clone(),
            next_year: target.clone(),
            set_too_low,
            note,
        });
        out.indicators.push(Indicator {
            id: ind.id,
            level1: ind.level1,
            level2: ind.level2.clone(),
            name: ind.name.clone(),
            target,
            weight: ind.weight.clone(),
            direction: ind.direction,
            children: ind
                .children
                .iter()
                .map(|c| ChildRow { name: c.name.clone(), target: c.target.clone(), actual: String::new() })
                .collect(),
            ..Indicator::default()
        });
    }
    // The suggestions travel with the draft (the app has no other place to show them once the new
    // draft is open): one line per changed target, the rule once.
    for s in suggestions.iter().filter(|s| s.next_year != s.this_year || s.set_too_low) {
        out.notes.push('\n');
        out.notes.push_str(&s.line());
    }
    if suggestions.iter().any(|s| s.set_too_low) {
        out.notes.push_str(&format!("\n依据：{RULE_SET_TOO_LOW}"));
    }
    (out, suggestions)
}

fn suggest(ind: &Indicator, row: &crate::IndicatorEvaluation, profile: &Profile) -> (String, bool, String) {
    let kept = |note: &str| (ind.target.clone(), false, note.to_string());
    let Ok(Target::Quantitative { comparison, quantity, .. }) = &row.target else {
        return kept("");
    };
    if row.status == Status::NotApplicable {
        return kept("本年度不适用，指标值未调整");
    }
    let Ok(Some(actual)) = &row.actual else { return kept("没有可读的实际完成值，指标值未调整") };
    if quantity.value.is_zero() {
        return kept(""); // 0起 and the like: nothing to raise or lower
    }
    let same_unit = actual.unit.text.is_empty() || actual.unit.text == quantity.unit.text;
    if !same_unit || actual.soft_unit_mismatch || actual.upper_bound {
        return kept("实际完成值的单位或写法与指标值不同，指标值未调整，请自行核定");
    }
    let ratio = actual.value / quantity.value;
    let (better, too_low) = match comparison {
        Comparison::AtLeast | Comparison::MoreThan => {
            (actual.value > quantity.value, ratio >= profile.over_achievement_ratio())
        }
        Comparison::AtMost | Comparison::LessThan => {
            (actual.value < quantity.value, ratio <= profile.reverse_over_achievement_ratio())
        }
        Comparison::Equal => (false, false),
    };
    if !better {
        return kept("");
    }
    // A rate cannot be asked above 100 %.
    let mut value = actual.value;
    if quantity.unit.text == "%" {
        value = value.min(Decimal::ONE_HUNDRED);
    }
    let target = with_value(&ind.target, quantity.value, value)
        .unwrap_or_else(|| format!("{}{}{}", comparison.symbol(), natural(value), quantity.unit.text));
    let note = if too_low {
        format!(
            "本年度实际完成{}，为指标值的{}%，指标值设定明显偏低：按实际完成值提高",
            ind.actual.trim(),
            natural(ratio * Decimal::ONE_HUNDRED)
        )
    } else {
        format!("按本年度实际完成{}调整", ind.actual.trim())
    };
    (target, too_low, note)
}

/// The target's own text with its number replaced, so that its wording stays (`不低于9个` →
/// `不低于12个`); `None` when the number is not written plainly (full-width digits, 万).
fn with_value(text: &str, old: Decimal, new: Decimal) -> Option<String> {
    let old = natural(old);
    let bytes = text.as_bytes();
    let is_digit = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_digit() || *b == b'.');
    let found: Vec<usize> = text
        .match_indices(&old)
        .map(|(i, _)| i)
        .filter(|&i| (i == 0 || !is_digit(i - 1)) && !is_digit(i + old.len()))
        .collect();
    // Only the one number of the target, outside a remark in brackets: otherwise rewritten whole.
    let [at] = found[..] else { return None };
    let depth: i32 = text[..at]
        .chars()
        .map(|c| match c {
            '（' | '(' => 1,
            '）' | ')' => -1,
            _ => 0,
        })
        .sum();
    (depth == 0).then(|| format!("{}{}{}", &text[..at], natural(new), &text[at + old.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, target: &str, actual: &str) -> Indicator {
        Indicator {
            id: 0,
            name: name.into(),
            level2: "数量指标".into(),
            target: target.into(),
            actual: actual.into(),
            weight: "10".into(),
            ..Indicator::default()
        }
    }

    #[test]
    fn targets_follow_this_years_results() {
        let mut draft = crate::example_draft();
        draft.indicators = vec![
            row("培训人次", "不低于9个", "12个"),
            row("覆盖村社区数量", "≥9个", "10个"),
            row("应急响应时间", "≤2小时", "1小时"),
            row("群众满意度", "≥95%", "98%"),
            row("工作成效", "有效提升", "明显提升"),
            row("巡查次数", "不低于132次", "120次"),
            row("完成时间", "2022年12月31日前", "按时完成"),
            row("安全事故起数", "0起", "0起"),
        ];
        for (k, ind) in draft.indicators.iter_mut().enumerate() {
            ind.id = k as u32 + 1;
        }
        draft.claimed.total = "100".into();
        draft.review.opinion = "今年的复核意见".into();
        draft.review.of_mut(1).score = "5".into();
        let (next, suggested) = next_year(&draft, &crate::evaluate(&draft));
        let targets: Vec<&str> = next.indicators.iter().map(|i| i.target.as_str()).collect();
        assert_eq!(
            targets,
            ["不低于12个", "≥10个", "≤1小时", "≥98%", "有效提升", "不低于132次", "2023年12月31日前", "0起"]
        );
        let too_low: Vec<bool> = suggested.iter().map(|s| s.set_too_low).collect();
        // 12/9 = 133 % and 1/2 = 50 % pass the thresholds (130 %, 70 %); 10/9 and 98/95 do not.
        assert_eq!(too_low, [true, false, true, false, false, false, false, false]);
        assert_eq!(suggested[7].note, "");
        assert!(suggested[0].note.contains("133.33%"), "{}", suggested[0].note);
        assert_eq!(next.project.year, "2023");
        assert!(next.indicators.iter().all(|i| i.actual.is_empty() && i.tier.is_none() && i.claimed_score.is_empty()));
        assert_eq!(next.funds, Funds::default());
        assert!(next.claimed.is_blank());
        assert!(next.review.is_blank(), "this year's 复核 does not follow into next year's targets");
        assert_eq!(next.goals.expected, draft.goals.actual);
        // The suggestions are kept in the new draft's 备注: the changed targets, the rule once.
        assert!(next.notes.contains("指标「培训人次」：不低于9个 → 不低于12个　【设定偏低】"), "{}", next.notes);
        assert!(next.notes.contains("指标「完成时间」：2022年12月31日前 → 2023年12月31日前"), "{}", next.notes);
        assert!(!next.notes.contains("「安全事故起数」"), "{}", next.notes);
        assert_eq!(next.notes.matches("依据：").count(), 1, "{}", next.notes);
    }

    #[test]
    fn the_number_is_replaced_in_place_or_the_target_is_rewritten() {
        assert_eq!(with_value("不低于9个", Decimal::from(9), Decimal::from(12)).as_deref(), Some("不低于12个"));
        assert_eq!(with_value("≥19个（含9个新建）", Decimal::from(9), Decimal::from(12)), None);
        assert_eq!(
            with_value("≥19个（含9个新建）", Decimal::from(19), Decimal::from(21)).as_deref(),
            Some("≥21个（含9个新建）")
        );
        assert_eq!(with_value("9个村9个社区", Decimal::from(9), Decimal::from(12)), None);
        assert_eq!(with_value("≥0.5小时", "0.5".parse().unwrap(), Decimal::ONE).as_deref(), Some("≥1小时"));
    }
}
