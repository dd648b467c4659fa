//! 分值: the sum, the 一级 split and a dominant indicator (checks 1 and 12).

use super::*;

pub(super) fn check_weights(draft: &Draft, eval: &Evaluation, profile: &Profile, c: &mut Collector) {
    if draft.indicators.is_empty() {
        c.push(
            CheckId::NoIndicators,
            Severity::Error,
            FieldRef::Indicators,
            "还没有绩效指标，请至少填写一项三级指标".into(),
            RULE_TABLE,
        );
        return;
    }
    let all_weights_read = eval.indicators.iter().all(|r| matches!(r.weight, Ok(Some(_))));
    if all_weights_read && eval.total_weight != Decimal::ONE_HUNDRED {
        c.push(
            CheckId::WeightsSum,
            Severity::Error,
            FieldRef::Indicators,
            format!(
                "分值合计为{}分（执行率{}分 + 各指标{}分），应为100分；合计不是100分时总分按{}分计、不评定等级",
                natural(eval.total_weight),
                profile.execution_weight,
                natural(eval.total_weight - eval.funds.execution_weight),
                natural(eval.total_weight)
            ),
            RULE_WEIGHTS,
        );
    }
    // 一级 split: the profile's split; without 满意度 its points may go to 产出/效益.
    if all_weights_read && is_placeholder(&draft.weight_split_reason) {
        let split = profile.weight_split;
        let sum_of = |l: Level1| eval.subtotals.iter().find(|s| s.level1 == l).map_or(Decimal::ZERO, |s| s.weight);
        let (o, b, s) = (sum_of(Level1::Output), sum_of(Level1::Benefit), sum_of(Level1::Satisfaction));
        let standard = o == Decimal::from(split.output)
            && b == Decimal::from(split.benefit)
            && s == Decimal::from(split.satisfaction);
        // Without 满意度 its points go to 产出/效益: each keeps at least its own default.
        let without_satisfaction_ok = s.is_zero()
            && o + b == Decimal::from(split.output + split.benefit + split.satisfaction)
            && o >= Decimal::from(split.output)
            && b >= Decimal::from(split.benefit);
        if !standard && !without_satisfaction_ok {
            c.push(
                CheckId::WeightSplit,
                Severity::Warning,
                FieldRef::WeightSplitReason,
                format!(
                    "一级指标分值为 产出{} / 效益{} / 满意度{}，与通常的 {}/{}/{} 不同；如有特殊情况请填写调整说明",
                    natural(o),
                    natural(b),
                    natural(s),
                    split.output,
                    split.benefit,
                    split.satisfaction
                ),
                RULE_WEIGHTS,
            );
        }
    }
    // Check 12: ≥ 50 % of all points (执行率 included: the form's 100).
    // w × 2 ≥ Σ, as w ≥ Σ / 2 with the half worked out once (exact unless Σ has 28 decimals).
    let half = eval.total_weight / Decimal::TWO;
    let exact_half = half * Decimal::TWO == eval.total_weight;
    for (row, ind) in eval.indicators.iter().zip(&draft.indicators) {
        if let Ok(Some(w)) = row.weight {
            let dominant =
                if exact_half { crate::money::at_least(w, half) } else { w * Decimal::TWO >= eval.total_weight };
            if !w.is_zero() && dominant {
                c.push(
                    CheckId::DominantIndicator,
                    Severity::Warning,
                    at(ind, IndicatorField::Weight),
                    format!(
                        "{}的分值为{}分，占全部分值（{}分）的一半及以上；一个指标分值过高会使评价失衡，请拆分或调整",
                        label(row, ind),
                        natural(w),
                        natural(eval.total_weight)
                    ),
                    RULE_WEIGHTS,
                );
            }
        }
    }
    if eval.indicators.iter().all(|r| r.status == Status::NotApplicable) {
        c.push(
            CheckId::NotComputable,
            Severity::Error,
            FieldRef::Indicators,
            "所有指标都标记为不适用，无法计分".into(),
            RULE_TABLE,
        );
    }
}
