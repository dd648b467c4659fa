//! One line of a reviewer's (复核) table: a submitted project's own figures beside the figures the
//! rules give. Shared by `jixiao review` and, later, the app's reviewer mode.

use crate::checks::claimed::claimed_number;
use crate::checks::Severity;
use crate::evaluate::Evaluation;
use crate::model::Draft;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReviewRow {
    /// 实施单位
    pub unit: String,
    /// 项目名称
    pub project: String,
    /// 全年预算数（万元），as computed from the source rows.
    pub annual_budget: Option<Decimal>,
    /// 执行率 (ratio)
    pub execution_rate: Option<Decimal>,
    /// 自评分: the 总分 the unit wrote, as written (empty when the draft has none).
    pub claimed_total: String,
    /// 复核分: the 总分 by the rules.
    pub computed_total: Option<Decimal>,
    /// 自评分 − 复核分, when both are numbers.
    pub difference: Option<Decimal>,
    /// 等级 by the rules (「不评定」 when the 分值 do not total 100, 「—」 when no total).
    pub grade: &'static str,
    pub errors: usize,
    pub warnings: usize,
}

impl ReviewRow {
    pub fn new(draft: &Draft, evaluation: &Evaluation) -> ReviewRow {
        let computed_total = evaluation.total.value();
        let claimed = claimed_number(&draft.claimed.total, false);
        let count = |severity: Severity| evaluation.findings.iter().filter(|f| f.severity == severity).count();
        ReviewRow {
            unit: draft.project.implementing_unit.trim().to_string(),
            project: draft.project.name.trim().to_string(),
            annual_budget: evaluation.funds.total.annual_budget,
            execution_rate: evaluation.funds.execution_rate.value(),
            claimed_total: draft.claimed.total.trim().to_string(),
            computed_total,
            difference: claimed.zip(computed_total).map(|(c, t)| crate::money::round2(c - t)),
            grade: evaluation.grade_shown(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        }
    }

    /// The unit's own 总分 is not what the rules give (the reviewer's first filter).
    pub fn claim_differs(&self) -> bool {
        self.difference.is_some_and(|d| !d.is_zero())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_with_and_without_a_claim() {
        let mut draft = crate::example_draft();
        let row = ReviewRow::new(&draft, &crate::evaluate(&draft));
        assert_eq!(row.unit, "西永街道办事处");
        assert_eq!(row.computed_total, Some(Decimal::ONE_HUNDRED));
        assert_eq!((row.difference, row.claim_differs(), row.grade), (None, false, "优"));
        draft.claimed.total = "98.5".into();
        let row = ReviewRow::new(&draft, &crate::evaluate(&draft));
        assert_eq!(row.difference, Some("-1.5".parse().unwrap()));
        assert!(row.claim_differs() && row.warnings >= 1);
    }
}
