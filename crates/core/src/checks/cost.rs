//! Check 16: a 成本指标 against the 资金 table. A cost target above the whole budget cannot be
//! right, and an indicator that names the whole project's cost must show what the 资金 table
//! says was spent.

use super::*;
use crate::units::UnitKind;

/// Names that measure the cost of the whole project rather than of one unit or item.
const WHOLE_PROJECT_WORDS: &[&str] =
    &["项目总成本", "项目成本", "项目总投入", "项目总支出", "项目支出", "项目资金", "总成本"];

pub(super) fn check_cost_vs_funds(eval: &Evaluation, draft: &Draft, c: &mut Collector) {
    let budget = eval.funds.total.annual_budget;
    let executed = eval.funds.total.executed;
    for (row, ind) in eval.indicators.iter().zip(&draft.indicators) {
        // Only an amount can be compared with the 资金 table (the cheap test first).
        let Ok(Target::Quantitative { quantity, .. }) = &row.target else { continue };
        if quantity.unit.kind != Some(UnitKind::Money) || row.status == Status::NotApplicable {
            continue;
        }
        if !ind.level2.contains("成本") {
            continue;
        }
        // Money units carry their factor to 万元.
        let in_wan = |v: Decimal| v.checked_mul(quantity.unit.factor);
        let who = label(row, ind);
        if let (Some(target), Some(budget)) = (in_wan(quantity.value), budget) {
            if target > budget {
                c.push(
                    CheckId::CostVsFunds,
                    Severity::Warning,
                    at(ind, IndicatorField::Target),
                    format!(
                        "{who}的成本指标值为{}万元，高于资金表的全年预算数{}万元；成本指标不应超过项目预算，请核对指标值或单位（元/万元）",
                        natural(target),
                        natural(budget)
                    ),
                    RULE_COMPLETE,
                );
            }
        }
        let whole_project = WHOLE_PROJECT_WORDS.iter().any(|w| ind.name.contains(w));
        let actual = row.actual.as_ref().ok().and_then(Option::as_ref).and_then(|a| in_wan(a.value));
        if let (true, Some(actual), Some(executed)) = (whole_project, actual, executed) {
            if actual != executed {
                c.push(
                    CheckId::CostVsFunds,
                    Severity::Warning,
                    at(ind, IndicatorField::Actual),
                    format!(
                        "{who}写的是整个项目的成本，实际完成值为{}万元，而资金表的全年执行数为{}万元；两处应一致，请核对",
                        natural(actual),
                        natural(executed)
                    ),
                    RULE_COMPLETE,
                );
            }
        }
    }
}
