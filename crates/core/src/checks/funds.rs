//! The 资金 table: amounts, 执行率, 年中调整 (checks 3, 7, 14) and 执行率 against the indicators (check 8).

use super::*;
use crate::money::DecimalSum;

pub(super) fn check_funds(draft: &Draft, eval: &Evaluation, profile: &Profile, c: &mut Collector) {
    let funds = &eval.funds;
    for e in &funds.cell_errors {
        c.push(
            CheckId::AmountInvalid,
            Severity::Error,
            FieldRef::Fund { source: e.source, column: e.column },
            format!("{} {}：{}", e.source.label(), e.column.label(), e.error),
            RULE_TABLE,
        );
    }
    let base = funds.execution_base;
    let total_field = |column| FieldRef::Fund { source: FundSource::CurrentYear, column };
    if funds.total.get(base).is_none() && !funds.cell_errors.iter().any(|e| e.column == base) {
        c.push(
            CheckId::AmountInvalid,
            Severity::Error,
            total_field(base),
            format!("请填写{}（万元）", base.label()),
            RULE_TABLE,
        );
    }
    if funds.total.received.is_none()
        && funds.total.annual_budget.is_some()
        && !funds.cell_errors.iter().any(|e| e.column == FundColumn::Received)
    {
        c.push(
            CheckId::AmountInvalid,
            Severity::Hint,
            total_field(FundColumn::Received),
            "请填写实际到位数（万元），报告中的“资金到位情况分析”要用它计算资金到位率".into(),
            RULE_REPORT,
        );
    }
    if funds.total.executed.is_none() && !funds.cell_errors.iter().any(|e| e.column == FundColumn::Executed) {
        c.push(
            CheckId::AmountInvalid,
            Severity::Error,
            total_field(FundColumn::Executed),
            "请填写全年执行数（万元）".into(),
            RULE_TABLE,
        );
    }
    // Check 14: a zero base shows "—" and says why.
    if funds.total.get(base).is_some_and(|a| a.is_zero()) {
        c.push(
            CheckId::NotComputable,
            Severity::Warning,
            total_field(base),
            format!("{}合计为0，执行率无法计算（显示为“—”），执行率得分不计", base.label()),
            RULE_TABLE,
        );
    }
    let explanation_missing = is_placeholder(&draft.funds.deviation_reason);
    if let Some(rate) = funds.execution_rate.value() {
        // Thresholds apply to the rate as shown (rounded to 2 dp).
        let shown = crate::money::percent_value(rate).unwrap_or(rate);
        if shown > Decimal::ONE_HUNDRED {
            c.push(
                CheckId::ExecutedOverBudget,
                Severity::Warning,
                total_field(FundColumn::Executed),
                format!(
                    "全年执行数超过{}（执行率{}），请核对金额；执行率得分最高按满分计",
                    base.label(),
                    percent2(rate)
                ),
                RULE_CAP,
            );
        }
        if shown < Decimal::from(90) && explanation_missing {
            let severity =
                if profile.execution_reason_below_percent.is_some() { Severity::Error } else { Severity::Warning };
            c.push(
                CheckId::FundsExplanationRequired,
                severity,
                FieldRef::FundsExplanation,
                format!("执行率为{}，低于90%，请在资金执行偏差说明中分析原因并提出改进措施", percent2(rate)),
                RULE_EXPLAIN,
            );
        }
    }
    let t = &funds.total;
    if let (Some(initial), Some(annual)) = (t.initial_budget, t.annual_budget) {
        if initial != annual && explanation_missing {
            c.push(
                CheckId::FundsExplanationRequired,
                Severity::Warning,
                FieldRef::FundsExplanation,
                format!(
                    "全年预算数（{}万元）与年初预算数（{}万元）不同（年中调整），请说明调整原因",
                    fixed2(annual),
                    fixed2(initial)
                ),
                RULE_EXPLAIN,
            );
        }
        // Check 7.
        if let Some(executed) = t.executed {
            if annual == executed && annual < initial {
                c.push(
                    CheckId::BudgetLoweredToSpending,
                    Severity::Warning,
                    total_field(FundColumn::AnnualBudget),
                    format!(
                        "全年预算数被调减到与全年执行数相同（{}万元，年初{}万元），执行率因此为100%；请确认调整有正式批复，并在说明中写明",
                        fixed2(annual),
                        fixed2(initial)
                    ),
                    RULE_COMPLETE,
                );
            }
        }
    }
}

/// Check 8.
pub(super) fn check_execution_vs_indicators(eval: &Evaluation, c: &mut Collector) {
    let Some(rate) = eval.funds.execution_rate.value() else { return };
    let shown = crate::money::percent_value(rate).unwrap_or(rate);
    // The rows scored by the formula, in one pass (on every keystroke); each comparison below
    // only when its rate applies.
    let (mut any_scored, mut all_full) = (false, true);
    let (mut earned, mut possible) = (DecimalSum::default(), DecimalSum::default());
    for r in eval.indicators.iter().filter(|r| r.fraction.is_some()) {
        any_scored = true;
        all_full &= r.fraction == Some(Decimal::ONE);
        if let Some(score) = r.score.value() {
            earned.add(score);
        }
        if let Some(weight) = r.effective_weight {
            possible.add(weight);
        }
    }
    if !any_scored {
        return;
    }
    if shown < Decimal::from(90) && all_full {
        c.push(
            CheckId::ExecutionVsIndicators,
            Severity::Warning,
            FieldRef::FundsExplanation,
            format!(
                "执行率只有{}，但所有绩效指标都已满分完成；请说明资金结余的原因，或核对指标值是否设定偏低",
                percent2(rate)
            ),
            RULE_COMPLETE,
        );
    }
    if shown < Decimal::ONE_HUNDRED {
        return;
    }
    let (earned, possible) = (earned.total(), possible.total());
    let badly_missed = !possible.is_zero() && earned < possible * Decimal::new(8, 1);
    if badly_missed {
        c.push(
            CheckId::ExecutionVsIndicators,
            Severity::Warning,
            FieldRef::Indicators,
            format!("资金已全部执行（执行率{}），但绩效指标只得到{}分中的{}分；请核对实际完成值，并说明资金使用与产出不匹配的原因", percent2(rate), natural(possible), natural(earned)),
            RULE_COMPLETE,
        );
    }
}
