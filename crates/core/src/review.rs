//! The reviewer's (复核) side: one line of the 复核 table — a submitted project's own figures
//! beside the figures the rules give — and the 复核分 of a project whose rows the reviewer
//! re-scored. Shared by `jixiao review` and the app's reviewer mode.
//!
//! A reviewer's 复核分 for a row follows the same rules as the unit's own 手工调整得分: a number
//! within the row's 分值, with a reason, or it does not count. It is applied to a copy of the
//! draft ([`reviewed`]); the unit's figures are never changed.

use crate::checks::claimed::claimed_number;
use crate::checks::Severity;
use crate::evaluate::{Evaluation, IndicatorEvaluation, OverrideProblem};
use crate::model::Draft;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    pub grade: String,
    /// Errors and warnings of the draft as submitted (a reviewer's 复核分 is not the unit's error).
    pub errors: usize,
    pub warnings: usize,
}

impl ReviewRow {
    /// The row of a draft: its 复核分 with the reviewer's scores, if any, applied.
    pub fn of(draft: &Draft) -> ReviewRow {
        let own = crate::evaluate(draft);
        match reviewed(draft) {
            Cow::Borrowed(_) => ReviewRow::new(draft, &own, &own),
            Cow::Owned(copy) => ReviewRow::new(draft, &own, &crate::evaluate(&copy)),
        }
    }

    /// `own` is the submitted draft's evaluation, `evaluation` the 复核 one ([`evaluate_reviewed`]).
    pub fn new(draft: &Draft, own: &Evaluation, evaluation: &Evaluation) -> ReviewRow {
        let computed_total = evaluation.total.value();
        let claimed = claimed_number(&draft.claimed.total, false);
        let count = |severity: Severity| own.findings.iter().filter(|f| f.severity == severity).count();
        ReviewRow {
            unit: draft.project.implementing_unit.trim().to_string(),
            project: draft.project.name.trim().to_string(),
            annual_budget: evaluation.funds.total.annual_budget,
            execution_rate: evaluation.funds.execution_rate.value(),
            claimed_total: draft.claimed.total.trim().to_string(),
            computed_total,
            difference: claimed.zip(computed_total).map(|(c, t)| crate::money::round2(c - t)),
            grade: evaluation.grade_shown().to_string(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        }
    }

    /// The unit's own 总分 is not what the rules give (the reviewer's first filter).
    pub fn claim_differs(&self) -> bool {
        self.difference.is_some_and(|d| !d.is_zero())
    }
}

/// One project of a submitted file as the reviewer's table holds it (the app's worker reads the
/// files and sends these to the page): the file's name (`name.xlsx#工作表` for one form of a
/// workbook), and the project with its row, or why the file could not be read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub file: String,
    pub outcome: Result<Submitted, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Submitted {
    pub row: ReviewRow,
    pub draft: Draft,
}

impl Submission {
    /// A project read: scored as the reviewer scores it.
    pub fn read(file: String, draft: Draft) -> Submission {
        let row = ReviewRow::of(&draft);
        Submission { file, outcome: Ok(Submitted { row, draft }) }
    }

    pub fn unreadable(file: String, reason: String) -> Submission {
        Submission { file, outcome: Err(reason) }
    }

    /// A draft file's bytes (UTF-8 text), read as a submission.
    pub fn from_draft_file(file: String, bytes: &[u8]) -> Submission {
        match std::str::from_utf8(bytes).map(crate::file_format::decode) {
            Ok(Ok(draft)) => Submission::read(file, draft),
            Ok(Err(e)) => Submission::unreadable(file, e.to_string()),
            Err(_) => Submission::unreadable(file, "文件不是 UTF-8 编码的文本".into()),
        }
    }

    /// After the reviewer changed the project's 复核: its row again.
    pub fn rescore(&mut self) {
        if let Ok(submitted) = &mut self.outcome {
            submitted.row = ReviewRow::of(&submitted.draft);
        }
    }

    pub fn row(&self) -> Option<&ReviewRow> {
        self.outcome.as_ref().ok().map(|s| &s.row)
    }
}

/// The draft as the reviewer scores it: every row with a 复核分 is scored with it (in place of
/// the unit's own 手工调整, if any). Borrowed as it is when the reviewer re-scored nothing.
pub fn reviewed(draft: &Draft) -> Cow<'_, Draft> {
    let scored = |id: u32| draft.review.of(id).filter(|r| !r.score.trim().is_empty());
    if !draft.indicators.iter().any(|ind| scored(ind.id).is_some()) {
        return Cow::Borrowed(draft);
    }
    let mut copy = draft.clone();
    for ind in &mut copy.indicators {
        if let Some(review) = draft.review.of(ind.id).filter(|r| !r.score.trim().is_empty()) {
            ind.override_score = review.score.clone();
            ind.override_reason = review.reason.clone();
        }
    }
    Cow::Owned(copy)
}

/// The 复核 evaluation: the rules applied to [`reviewed`].
pub fn evaluate_reviewed(draft: &Draft) -> Evaluation {
    crate::evaluate(&reviewed(draft))
}

/// Why a reviewer's 复核分 for this row does not count as typed, in Chinese; `row` is the row of
/// [`evaluate_reviewed`]. None when the row has no 复核分 or it counts.
pub fn score_problem(draft: &Draft, row: &IndicatorEvaluation) -> Option<String> {
    let review = draft.review.of(row.id).filter(|r| !r.score.trim().is_empty())?;
    Some(match row.override_problem.as_ref()? {
        OverrideProblem::MissingReason => "请填写调整复核分的理由，否则按规则计分".to_string(),
        OverrideProblem::Unreadable { error } => format!("复核分：{error}"),
        OverrideProblem::AboveWeight => {
            format!("复核分“{}”超过该指标分值，已按分值上限计", review.score.trim())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submissions_from_files() {
        let text = crate::file_format::encode(&crate::example_draft());
        let good = Submission::from_draft_file("a.json".into(), text.as_bytes());
        assert_eq!(good.row().and_then(|r| r.computed_total), Some(Decimal::ONE_HUNDRED));
        let bad = Submission::from_draft_file("b.json".into(), b"{\"type\": \"other\"}");
        assert!(bad.outcome.unwrap_err().contains("不是"));
        let binary = Submission::from_draft_file("c.json".into(), &[0xff, 0xfe, 0x00]);
        assert_eq!(binary.outcome, Err("文件不是 UTF-8 编码的文本".to_string()));
        // Rescoring follows the reviewer's 复核分.
        let mut good = good;
        if let Ok(s) = &mut good.outcome {
            let id = s.draft.indicators[0].id;
            let review = s.draft.review.of_mut(id);
            (review.score, review.reason) = ("0".into(), "无佐证".into());
        }
        good.rescore();
        assert!(good.row().unwrap().computed_total < Some(Decimal::ONE_HUNDRED));
        // The page and the worker exchange them as JSON.
        let json = serde_json::to_string(&good).unwrap();
        assert_eq!(serde_json::from_str::<Submission>(&json).unwrap(), good);
    }

    #[test]
    fn a_reviewers_score_counts_with_a_reason_and_within_the_weight() {
        let mut draft = crate::example_draft();
        let id = draft.indicators[0].id;
        let weight: Decimal = draft.indicators[0].weight.trim().parse().unwrap();
        assert!(matches!(reviewed(&draft), Cow::Borrowed(_)));
        // A 复核分 without a reason does not count.
        draft.review.of_mut(id).score = "1".into();
        let eval = evaluate_reviewed(&draft);
        assert_eq!(eval.total.value(), Some(Decimal::ONE_HUNDRED));
        assert!(score_problem(&draft, &eval.indicators[0]).unwrap().contains("理由"));
        // With one it does, and the unit's draft is unchanged.
        draft.review.of_mut(id).reason = "佐证材料不足".into();
        let eval = evaluate_reviewed(&draft);
        assert_eq!(eval.total.value(), Some(Decimal::ONE_HUNDRED - weight + Decimal::ONE));
        assert_eq!(score_problem(&draft, &eval.indicators[0]), None);
        assert_eq!(crate::evaluate(&draft).total.value(), Some(Decimal::ONE_HUNDRED));
        assert!(draft.indicators[0].override_score.is_empty());
        // Above the 分值 it is capped and said.
        draft.review.of_mut(id).score = "999".into();
        let eval = evaluate_reviewed(&draft);
        assert_eq!(eval.total.value(), Some(Decimal::ONE_HUNDRED));
        assert!(score_problem(&draft, &eval.indicators[0]).unwrap().contains("超过"));
        draft.review.of_mut(id).score = "九十".into();
        assert!(score_problem(&draft, &evaluate_reviewed(&draft).indicators[0]).unwrap().starts_with("复核分："));
    }

    #[test]
    fn the_seed_with_and_without_a_claim() {
        let mut draft = crate::example_draft();
        let row = ReviewRow::of(&draft);
        assert_eq!(row.unit, "西永街道办事处");
        assert_eq!(row.computed_total, Some(Decimal::ONE_HUNDRED));
        assert_eq!((row.difference, row.claim_differs(), row.grade.as_str()), (None, false, "优"));
        draft.claimed.total = "98.5".into();
        let row = ReviewRow::of(&draft);
        assert_eq!(row.difference, Some("-1.5".parse().unwrap()));
        assert!(row.claim_differs() && row.warnings >= 1);
    }
}
