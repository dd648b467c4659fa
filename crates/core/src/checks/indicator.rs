//! One indicator row: its cells, 定性 tiers, overrides, 偏差原因 (checks 2, 3, 4, 6, 10) and
//! every actual equal to its target (check 5).

use super::*;
use crate::text::trim;

pub(super) fn check_indicator(row: &IndicatorEvaluation, ind: &Indicator, profile: &Profile, c: &mut Collector) {
    let who = Who::of(row, ind);
    if trim(&ind.name).is_empty() {
        c.push(
            CheckId::TargetInvalid,
            Severity::Error,
            at(ind, IndicatorField::Name),
            format!("指标{}：请填写三级指标名称", row.number),
            RULE_TABLE,
        );
    }
    match &row.weight {
        Ok(None) => c.push(
            CheckId::WeightInvalid,
            Severity::Error,
            at(ind, IndicatorField::Weight),
            format!("{who}：请填写分值"),
            RULE_WEIGHTS,
        ),
        Err(e) => c.push(
            CheckId::WeightInvalid,
            Severity::Error,
            at(ind, IndicatorField::Weight),
            format!("{who} 分值：{e}"),
            RULE_WEIGHTS,
        ),
        Ok(Some(_)) => {}
    }
    if row.status == Status::NotApplicable {
        return;
    }
    match &row.target {
        Err(ValueError::Empty) => {
            c.push(CheckId::TargetInvalid, Severity::Error, at(ind, IndicatorField::Target), format!("{who}：请填写年度指标值"), RULE_TABLE)
        }
        Err(e) => c.push(CheckId::TargetInvalid, Severity::Error, at(ind, IndicatorField::Target), format!("{who} 年度指标值：{e}"), RULE_TABLE),
        Ok(Target::Quantitative { inferred: Some(why), comparison, quantity }) => c.push(
            CheckId::DirectionInferred,
            Severity::Hint,
            at(ind, IndicatorField::Target),
            format!(
                "{who}：年度指标值“{}”没有写“不低于/不高于”等比较词，{}，已理解为{}指标（{} {}）；如不对，请更改方向或在指标值前写明",
                trim(&ind.target),
                why.reason(),
                comparison.direction().label(),
                comparison.symbol(),
                quantity.show()
            ),
            RULE_DIRECTION,
        ),
        Ok(_) => {}
    }
    if row.target.is_ok() {
        match &row.actual {
            Err(ValueError::Empty) => c.push(
                CheckId::ActualInvalid,
                Severity::Error,
                at(ind, IndicatorField::Actual),
                format!("{who}：请填写实际完成值"),
                RULE_TABLE,
            ),
            Err(e) => c.push(
                CheckId::ActualInvalid,
                Severity::Error,
                at(ind, IndicatorField::Actual),
                format!("{who} 实际完成值：{e}"),
                RULE_TABLE,
            ),
            Ok(Some(a)) if a.copied_operator.is_some() => c.push(
                CheckId::OperatorInActual,
                Severity::Warning,
                at(ind, IndicatorField::Actual),
                format!(
                    "{who}：实际完成值“{}”带有比较词“{}”，已按数值{}计分；实际完成值应填写实际数，不带比较词（比较条件写在年度指标值中）",
                    trim(&ind.actual),
                    a.copied_operator.as_deref().unwrap_or_default(),
                    crate::parse::Quantity {
                        value: a.value,
                        unit: row.target_unit().cloned().unwrap_or_else(|| a.unit.clone())
                    }
                    .show()
                ),
                RULE_TABLE,
            ),
            Ok(Some(a)) if a.soft_unit_mismatch => {
                let target_unit =
                    row.target_unit().map(|u| u.text.clone()).unwrap_or_default();
                c.push(
                    CheckId::UnitDiffers,
                    Severity::Warning,
                    at(ind, IndicatorField::Actual),
                    format!(
                        "{who}：实际完成值的单位“{}”与年度指标值的单位“{}”不同，已按数字直接比较；请统一单位",
                        a.unit.text, target_unit
                    ),
                    RULE_TABLE,
                );
            }
            _ => {}
        }
    }

    check_qualitative(row, ind, profile, who, c);
    check_override(row, ind, who, c);
    check_rounded_score(row, ind, who, c);
    check_child_units(row, ind, who, c);
    check_deviation(row, ind, profile, who, c);
    check_satisfaction(row, ind, who, c);
    check_category(row, ind, who, c);
}

fn check_qualitative(row: &IndicatorEvaluation, ind: &Indicator, profile: &Profile, who: Who, c: &mut Collector) {
    if !row.is_qualitative() {
        return;
    }
    match row.qualitative_problem {
        Some(QualitativeProblemKind::NoTier) => c.push(
            CheckId::TierMissing,
            Severity::Error,
            at(ind, IndicatorField::Tier),
            format!("{who}是定性指标，请选择完成档次（达成 / 部分达成 / 未达成）"),
            RULE_QUALITATIVE,
        ),
        Some(QualitativeProblemKind::OutsideBand) => {
            let band = ind.tier.map(|t| tier_band(t, profile));
            let weight = row.weight.clone().ok().flatten().unwrap_or(Decimal::ZERO);
            let range = band
                .map(|b| {
                    format!(
                        "{}–{}分{}",
                        natural(b.low * weight),
                        natural(b.high * weight),
                        if b.high_inclusive { "" } else { "（不含上限）" }
                    )
                })
                .unwrap_or_default();
            c.push(
                CheckId::TierScoreOutsideBand,
                Severity::Error,
                at(ind, IndicatorField::TierScore),
                format!(
                    "{who}：得分“{}”不在“{}”档次的区间内（{range}）",
                    trim(&ind.tier_score),
                    ind.tier.map_or("", |t| t.label())
                ),
                RULE_QUALITATIVE,
            );
        }
        None => {}
    }
    if let Some(e) = &row.tier_score_error {
        c.push(
            CheckId::TierScoreOutsideBand,
            Severity::Error,
            at(ind, IndicatorField::TierScore),
            format!("{who} 档次得分：{e}"),
            RULE_QUALITATIVE,
        );
    }
    if row.tier_score_defaulted {
        c.push(
            CheckId::TierScoreDefaulted,
            Severity::Warning,
            at(ind, IndicatorField::TierScore),
            format!("{who}：暂按该档次下限计分，请在档次区间内确定得分"),
            RULE_QUALITATIVE,
        );
    }
    // Check 10.
    if ind.tier.is_some() && !is_placeholder(&ind.actual) && only_restates(&ind.actual, &ind.target) {
        c.push(
            CheckId::ActualRestatesTarget,
            Severity::Warning,
            at(ind, IndicatorField::Actual),
            format!(
                "{who}的实际完成值“{}”只是复述了指标值或结论，没有写出实际情况；请写明实际做了什么、覆盖多少、效果如何（如“开展培训12期，参训人员考核合格率98%”）",
                trim(&ind.actual)
            ),
            RULE_COMPLETE,
        );
    }
    if ind.tier == Some(Tier::Achieved) {
        let actual = trim(&ind.actual);
        if is_placeholder(actual) {
            c.push(
                CheckId::QualitativeDescription,
                Severity::Warning,
                at(ind, IndicatorField::Actual),
                format!("{who}评为“达成”，但实际完成值没有说明做成了什么；请简要写出实际完成情况（如 做了什么、覆盖多少、效果如何）"),
                RULE_COMPLETE,
            );
        }
    }
}

/// Words that state a verdict or restate a target without any fact: what is left of an actual
/// once they (and the target's own text) are taken out is what it says.
const VERDICT_WORDS: &[&str] = &[
    "已经",
    "已",
    "均",
    "全部",
    "全面",
    "基本",
    "达成",
    "达到",
    "完成",
    "实现",
    "预期",
    "年度",
    "年初",
    "指标值",
    "指标",
    "目标",
    "既定",
    "计划",
    "任务",
    "圆满",
    "顺利",
    "要求",
    "符合",
    "良好",
    "较好",
    "合格",
    "达标",
    "效果",
    "好",
    "是",
    "的",
    "了",
    "值",
];

/// A 定性 actual that says only "达成预期指标", "已完成", "完成", "达到预期" or the target again.
fn only_restates(actual: &str, target: &str) -> bool {
    let mut rest: String =
        crate::parse::normalize(actual).chars().filter(|c| crate::units::is_han(*c) || c.is_alphanumeric()).collect();
    let target: String = crate::parse::normalize(target).chars().filter(|c| crate::units::is_han(*c)).collect();
    if !target.is_empty() {
        rest = rest.replace(&target, "");
    }
    for word in VERDICT_WORDS {
        rest = rest.replace(word, "");
    }
    rest.is_empty()
}

fn check_override(row: &IndicatorEvaluation, ind: &Indicator, who: Who, c: &mut Collector) {
    match &row.override_problem {
        Some(OverrideProblem::MissingReason) => c.push(
            CheckId::Override,
            Severity::Error,
            at(ind, IndicatorField::OverrideReason),
            format!("{who}：手工调整得分必须填写理由；未填写前按公式得分 {} 计", row.formula_score.show(fixed2)),
            RULE_OVER_ACHIEVEMENT,
        ),
        Some(OverrideProblem::Unreadable { error }) => c.push(
            CheckId::Override,
            Severity::Error,
            at(ind, IndicatorField::OverrideScore),
            format!("{who} 调整得分：{error}"),
            RULE_TABLE,
        ),
        Some(OverrideProblem::AboveWeight) => c.push(
            CheckId::ScoreAboveWeight,
            Severity::Error,
            at(ind, IndicatorField::OverrideScore),
            format!(
                "{who}：调整得分“{}”超过该指标分值{}，已按分值上限计",
                trim(&ind.override_score),
                row.effective_weight.map(natural).unwrap_or_default()
            ),
            RULE_CAP,
        ),
        None => {}
    }
}

/// Check 2, as a guard on the rounding rule: a score as shown may never exceed the row's 分值
/// (scores are rounded by [`crate::money::round2_within`], which keeps this from happening).
fn check_rounded_score(row: &IndicatorEvaluation, ind: &Indicator, who: Who, c: &mut Collector) {
    let (Some(score), Some(cap)) = (row.score.value(), row.effective_weight) else { return };
    if score > cap {
        c.push(
            CheckId::RoundedAboveWeight,
            Severity::Error,
            at(ind, IndicatorField::Weight),
            // The weight exactly as it is (not rounded: 24.996 would show as 25).
            format!(
                "{who}：得分{}高于该指标分值{}，请核对分值和得分",
                fixed2(score),
                cap.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::ToZero).normalize()
            ),
            RULE_CAP,
        );
    }
}

/// Check 6 for 明细子行: the parts of an indicator are counted in the same unit as the whole,
/// so that they can be added up and compared with it.
fn check_child_units(row: &IndicatorEvaluation, ind: &Indicator, who: Who, c: &mut Collector) {
    // Most rows have no 明细: nothing to compare, and no label to allocate for the parent.
    if ind.children.is_empty() {
        return;
    }
    let parent = row.target_unit().filter(|u| !u.is_none()).cloned();
    let mut reference: Option<(crate::units::Unit, String)> = parent.map(|u| (u, "上级指标".to_string()));
    for (child, units) in ind.children.iter().zip(&row.children) {
        for (unit, what) in [(&units.target, "指标值"), (&units.actual, "实际完成值")] {
            let Some(unit) = unit.clone() else { continue };
            let child_name = if trim(&child.name).is_empty() { "（未命名）" } else { trim(&child.name) };
            match &reference {
                None => reference = Some((unit, format!("明细“{child_name}”"))),
                Some((expected, whose)) => {
                    if matches!(relate(expected, &unit), UnitRelation::Same | UnitRelation::Convert { .. }) {
                        continue;
                    }
                    c.push(
                        CheckId::ChildUnits,
                        Severity::Warning,
                        at(ind, IndicatorField::Target),
                        format!(
                            "{who}的明细“{child_name}”{what}的单位是“{}”，与{whose}的单位“{}”不一致；明细应与上级指标使用同一单位，才能相加核对",
                            unit.text, expected.text
                        ),
                        RULE_TABLE,
                    );
                }
            }
        }
    }
}

/// Check 3 (indicators) and check 4.
fn check_deviation(row: &IndicatorEvaluation, ind: &Indicator, profile: &Profile, who: Who, c: &mut Collector) {
    let below_full = row.fraction.is_some_and(|f| f < Decimal::ONE)
        || (row.overridden && row.score.value() < row.formula_score.value());
    // Empty, or holding "无", "0", "/" … (then the message says so, not that it is missing).
    let empty = trim(&ind.deviation).is_empty();
    let placeholder = !empty && is_placeholder(&ind.deviation);
    if below_full && placeholder {
        c.push(
            CheckId::DeviationPlaceholder,
            Severity::Error,
            at(ind, IndicatorField::Deviation),
            format!(
                "{who}未完成年度指标值，偏差原因分析只写了“{}”；请写明未完成的具体原因和下一步改进措施",
                trim(&ind.deviation)
            ),
            RULE_EXPLAIN,
        );
    } else if row.status == Status::OverAchieved && placeholder {
        let ratio = row.actual_over_target.map(percent2).unwrap_or_default();
        c.push(
            CheckId::DeviationPlaceholder,
            Severity::Warning,
            at(ind, IndicatorField::Deviation),
            format!(
                "{who}的实际完成值为指标值的{ratio}，偏离{}%以上，偏差原因分析却只写了“{}”；请分析偏离的原因（如年初指标值设定偏低）",
                profile.over_achievement_percent - 100,
                trim(&ind.deviation)
            ),
            RULE_OVER_ACHIEVEMENT,
        );
    }
    if below_full && empty {
        let detail = match (&row.completion, row.is_qualitative()) {
            (_, true) => format!("评为“{}”", ind.tier.map_or("", |t| t.label())),
            (Computed::Value(r), false) => format!("完成率{}，得分{}", percent2(*r), row.score.show(fixed2)),
            (Computed::Unavailable(_), false) => format!("得分{}", row.score.show(fixed2)),
        };
        c.push(
            CheckId::DeviationRequired,
            Severity::Error,
            at(ind, IndicatorField::Deviation),
            format!("{who}未完成年度指标值（{detail}），请填写偏差原因分析及改进措施"),
            RULE_EXPLAIN,
        );
    }
    if row.status == Status::OverAchieved && empty {
        let ratio = row.actual_over_target.map(percent2).unwrap_or_default();
        c.push(
            CheckId::OverAchievement,
            Severity::Warning,
            at(ind, IndicatorField::Deviation),
            format!(
                "{who}的实际完成值为指标值的{ratio}，偏离超过{}%；请分析原因。如果是年初指标值设定偏低，应按偏离度适度调减分值（可在“调整得分”中填写并说明理由）",
                profile.over_achievement_percent - 100
            ),
            RULE_OVER_ACHIEVEMENT,
        );
    }
    if row.status == Status::StrictBoundary {
        if let Ok(Target::Quantitative { comparison, quantity, .. }) = &row.target {
            c.push(
                CheckId::StrictBoundary,
                Severity::Warning,
                at(ind, IndicatorField::Actual),
                format!(
                    "{who}的指标值是“{}{}”，实际完成值恰好等于{}，严格来说未达到“{}”；按比例计分不扣分，但应如实写为未完成，或核对实际值",
                    comparison.phrase(),
                    quantity.show(),
                    quantity.show(),
                    comparison.phrase()
                ),
                RULE_QUANTITATIVE,
            );
        }
    }
    if matches!(row.completion, Computed::Unavailable(_)) && row.fraction.is_some() && !row.is_qualitative() {
        c.push(
            CheckId::NotComputable,
            Severity::Hint,
            at(ind, IndicatorField::Target),
            format!("{who}：指标值或实际值为0，完成率无法计算（显示为“—”），得分按是否达到指标值判定"),
            RULE_QUANTITATIVE,
        );
    }
}

/// Check 5: every quantitative actual equals its target.
pub(super) fn check_actuals_equal_targets(eval: &Evaluation, c: &mut Collector) {
    // Read up to the first row that differs (on most forms, the first row).
    let mut pairs = 0;
    for row in eval.indicators.iter().filter(|r| r.status != Status::NotApplicable) {
        if let (Ok(Target::Quantitative { quantity, .. }), Ok(Some(a))) = (&row.target, &row.actual) {
            if a.value != quantity.value {
                return;
            }
            pairs += 1;
        }
    }
    if pairs >= 3 {
        c.push(
            CheckId::ActualsEqualTargets,
            Severity::Warning,
            FieldRef::Indicators,
            format!(
                "全部{}项定量指标的实际完成值都与年度指标值完全相同，请确认填写的是实际测得的数值，而不是照抄指标值",
                pairs
            ),
            RULE_COMPLETE,
        );
    }
}
