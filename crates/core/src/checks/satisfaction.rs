//! 满意度 indicators and their survey basis (check 9).

use super::*;
use crate::text::trim;

/// Check 9.
pub(super) fn check_satisfaction(row: &IndicatorEvaluation, ind: &Indicator, who: Who, c: &mut Collector) {
    if ind.level1 != Level1::Satisfaction {
        return;
    }
    let survey = &ind.survey;
    let field = at(ind, IndicatorField::Survey);
    if survey.is_blank() {
        c.push(
            CheckId::SatisfactionBasis,
            Severity::Warning,
            field,
            format!(
                "{who}：请填写满意度的调查依据（调查方式、有效样本数、满意人数），满意率将自动计算并与实际完成值核对"
            ),
            RULE_COMPLETE,
        );
        return;
    }
    if trim(&survey.method).is_empty() {
        c.push(
            CheckId::SatisfactionBasis,
            Severity::Warning,
            field.clone(),
            format!("{who}：请填写调查方式（如 问卷调查、电话回访）"),
            RULE_COMPLETE,
        );
    }
    match (&row.survey.sample, &row.survey.satisfied) {
        (Ok(Some(n)), Ok(Some(k))) => {
            if n.is_zero() {
                c.push(
                    CheckId::NotComputable,
                    Severity::Warning,
                    field,
                    format!("{who}：有效样本数为0，满意率无法计算"),
                    RULE_COMPLETE,
                );
            } else if k > n {
                c.push(
                    CheckId::SatisfactionBasis,
                    Severity::Error,
                    field,
                    format!("{who}：满意人数（{k}）多于有效样本数（{n}）"),
                    RULE_COMPLETE,
                );
            } else {
                let rate = k / n * Decimal::ONE_HUNDRED;
                let tolerance = Decimal::new(5, 1);
                if let Ok(Some(actual)) = &row.actual {
                    let comparable = actual.unit.is_percent() || actual.unit.is_none();
                    let differs = (crate::money::round2(rate) - crate::money::round2(actual.value)).abs() > tolerance;
                    if comparable && differs {
                        c.push(
                            CheckId::SatisfactionBasis,
                            Severity::Warning,
                            at(ind, IndicatorField::Actual),
                            format!(
                                "{who}：调查满意率为 {k}/{n} = {}%，与实际完成值“{}”不一致",
                                fixed2(rate),
                                trim(&ind.actual)
                            ),
                            RULE_COMPLETE,
                        );
                    }
                }
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            c.push(CheckId::SatisfactionBasis, Severity::Error, field, format!("{who} 调查依据：{e}"), RULE_COMPLETE)
        }
        _ => c.push(
            CheckId::SatisfactionBasis,
            Severity::Warning,
            field,
            format!("{who}：请同时填写有效样本数和满意人数"),
            RULE_COMPLETE,
        ),
    }
}
