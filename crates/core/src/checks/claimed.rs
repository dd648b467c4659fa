//! Check 18: the unit's own figures (kept from its imported 自评表) against the rules. Published
//! forms often carry scores that do not follow from their own figures; a reviewer (复核) wants
//! every such row named, with both numbers.

use super::*;
use crate::parse::parse_points;

/// A claim in points (`9.96`, `10分`) or, for a rate, in percent (`99.6%`) or as a ratio (`0.996`).
pub fn claimed_number(text: &str, percent: bool) -> Option<Decimal> {
    let t = text.trim();
    if percent {
        if let Some(p) = t.strip_suffix('%').or_else(|| t.strip_suffix('％')) {
            return p.trim().parse::<Decimal>().ok();
        }
        return t.parse::<Decimal>().ok().map(|ratio| ratio * Decimal::ONE_HUNDRED);
    }
    parse_points(t).ok().flatten()
}

/// Both rounded as the form shows them (四舍五入 to 2 dp).
pub fn differs(claimed: Decimal, computed: Decimal) -> bool {
    crate::money::round2(claimed) != crate::money::round2(computed)
}

pub(super) fn check_claimed(draft: &Draft, eval: &Evaluation, c: &mut Collector) {
    for (row, ind) in eval.indicators.iter().zip(&draft.indicators) {
        // Checked for every row on every keystroke, and almost always empty.
        if crate::text::trim(&ind.claimed_score).is_empty() {
            continue;
        }
        let (Some(claimed), Some(computed)) = (claimed_number(&ind.claimed_score, false), row.score.value()) else {
            continue;
        };
        if differs(claimed, computed) {
            c.push(
                CheckId::ClaimedDiffers,
                Severity::Warning,
                at(ind, IndicatorField::Name),
                format!(
                    "{}：单位自评表中的得分为{}，按评分规则复核为{}",
                    label(row, ind),
                    ind.claimed_score.trim(),
                    fixed2(computed)
                ),
                RULE_QUANTITATIVE,
            );
        }
    }
    let claims = &draft.claimed;
    if claims.is_blank() {
        return;
    }
    let funds = &eval.funds;
    let rate = funds.execution_rate.value().map(|r| r * Decimal::ONE_HUNDRED);
    let figures = [
        ("执行率", &claims.execution_rate, rate, true, FieldRef::FundsExplanation),
        ("执行率得分", &claims.execution_score, funds.execution_score.value(), false, FieldRef::FundsExplanation),
        ("总分", &claims.total, eval.total.value(), false, FieldRef::Indicators),
    ];
    for (what, text, computed, percent, field) in figures {
        let (Some(claimed), Some(computed)) = (claimed_number(text, percent), computed) else { continue };
        if differs(claimed, computed) {
            let shown = if percent { format!("{}%", fixed2(computed)) } else { fixed2(computed) };
            c.push(
                CheckId::ClaimedDiffers,
                Severity::Warning,
                field,
                format!("单位自评表中的{what}为{}，按表中数据和评分规则复核为{shown}", text.trim()),
                RULE_TABLE,
            );
        }
    }
}
