//! `evaluate(&Draft) -> Evaluation`: every figure of the score card, computed from what was typed.

use crate::checks::{self, Finding};
use crate::computed::Computed;
use crate::funds::{evaluate_funds, FundsEvaluation};
use crate::model::{ChildRow, Direction, Draft, Indicator, Level1, Survey};
use crate::money::{fixed2, natural, round2_within, DecimalSum};
use crate::parse::{Actual, Target, ValueError};
use crate::parsed::{parse_indicator, parse_indicator_after, ChildUnits, ParsedIndicator, Previous, SurveyCounts};
use crate::profile::{self, Profile};
use crate::scoring::{self, Grade, Outcome, QualitativeProblem, Share, Status};
use crate::text::same_text;
use rust_decimal::Decimal;
use serde::Serialize;

/// Everything computed from a draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// The profile actually used (the default when the draft names an unknown one).
    pub profile_id: &'static str,
    pub funds: FundsEvaluation,
    /// Shared with an [`Evaluator`]'s memory of the row (a re-used row is not copied).
    pub indicators: Vec<std::sync::Arc<IndicatorEvaluation>>,
    /// Per 一级指标 present in the table, in the official order.
    pub subtotals: Vec<Subtotal>,
    /// 执行率分值 + Σ 分值 of every indicator (applicable or not): should be 100.
    pub total_weight: Decimal,
    /// 总分 = 执行率得分 + Σ indicator scores (each already rounded).
    pub total: Computed,
    /// `None` when the total cannot be computed or the 分值 do not total 100.
    pub grade: Option<Grade>,
    /// No 等级 although the total was computed: the 分值 do not total 100, so a grade would
    /// read the total as if it were out of 100. Says why, in Chinese.
    pub grade_withheld: Option<String>,
    pub findings: Vec<Finding>,
}

impl Evaluation {
    /// Before anything has been computed (the app shows its form while the part of it that
    /// evaluates is still loading): every figure unavailable for `reason`, no rows, no finding.
    pub fn pending(reason: &'static str) -> Evaluation {
        let profile = profile::default_profile();
        Evaluation {
            profile_id: profile.id,
            funds: FundsEvaluation::pending(reason, profile),
            indicators: Vec::new(),
            subtotals: Vec::new(),
            total_weight: Decimal::ONE_HUNDRED,
            total: Computed::unavailable(reason),
            grade: None,
            grade_withheld: None,
            findings: Vec::new(),
        }
    }

    /// 总分 as shown: "95.00" out of the form's 100, "110.00/110" when the 分值 total something
    /// else (so that it is never read as out of 100), "—" when it cannot be computed.
    pub fn total_shown(&self) -> String {
        match self.total.value() {
            Some(t) if self.total_weight != Decimal::ONE_HUNDRED => {
                format!("{}/{}", fixed2(t), natural(self.total_weight))
            }
            _ => self.total.show(fixed2),
        }
    }

    /// 等级 as shown: 优/良/中/差, "不评定" when withheld (see [`Evaluation::grade_withheld`]),
    /// "—" when the total cannot be computed.
    pub fn grade_shown(&self) -> &'static str {
        match (self.grade, &self.grade_withheld) {
            (Some(g), _) => g.label(),
            (None, Some(_)) => "不评定",
            (None, None) => "—",
        }
    }
}

/// One indicator row, evaluated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorEvaluation {
    pub id: u32,
    /// 指标序号 (1-based, table order), as in 「指标3」.
    pub number: usize,
    pub level1: Level1,
    pub target: Result<Target, ValueError>,
    /// `Ok(None)` for a qualitative target (the actual is a description).
    pub actual: Result<Option<Actual>, ValueError>,
    /// How the target was understood, shown under it (shared when the row is re-used).
    pub understood: std::sync::Arc<str>,
    pub weight: Result<Option<Decimal>, ValueError>,
    /// The weight after rescaling for 不适用 rows (equals `weight` when none).
    pub effective_weight: Option<Decimal>,
    pub status: Status,
    /// 完成率 (B/A, 反向 A/B), unrounded.
    pub completion: Computed,
    /// B/A as such, for over-achievement and report sentences.
    pub actual_over_target: Option<Decimal>,
    /// Share of the weight earned by the formula, in [0, 1].
    pub fraction: Option<Decimal>,
    /// The same share as an exact quotient (scores are computed from it).
    pub share: Option<Share>,
    /// The formula's score, rounded (shown beside a manual override).
    pub formula_score: Computed,
    /// The score counted in the total, rounded.
    pub score: Computed,
    /// A manual override with a reason is in force.
    pub overridden: bool,
    pub override_problem: Option<OverrideProblem>,
    pub qualitative_problem: Option<QualitativeProblemKind>,
    /// The typed 定性 score could not be read.
    pub tier_score_error: Option<ValueError>,
    /// 定性 with a partial/failed tier and no typed score: scored at the band's lower bound.
    pub tier_score_defaulted: bool,
    /// The 满意度调查 counts as read.
    pub survey: SurveyCounts,
    /// The units of the 明细子行 as read.
    pub children: Vec<ChildUnits>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QualitativeProblemKind {
    NoTier,
    OutsideBand,
}

/// Why a typed override is not used as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OverrideProblem {
    /// No reason given: the formula score stays.
    MissingReason,
    Unreadable {
        error: ValueError,
    },
    /// Above the weight: capped at the weight.
    AboveWeight,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Subtotal {
    pub level1: Level1,
    /// Σ 分值 as typed.
    pub weight: Decimal,
    /// Σ 分值 counted after 不适用 rows were excluded and their points given to the other rows
    /// (equals `weight` when no row is 不适用; 0 when every row of this 一级 is).
    pub effective_weight: Decimal,
    pub score: Computed,
}

/// Computes the score card and every finding of a draft. Never panics, whatever was typed.
/// Each call starts afresh; an editor that evaluates the same draft after every keystroke
/// uses an [`Evaluator`], which gives the same result.
pub fn evaluate(draft: &Draft) -> Evaluation {
    Evaluator::new().run(draft, false)
}

/// Evaluates a draft again and again as it is edited, doing again only what an edit changed.
///
/// It remembers, per indicator row, the row's evaluation and findings together with the row as
/// it was (every cell), the profile, the row's number and the 不适用 rescaling that applied; a
/// row equal in all of these is not read again. The clause matching of check 13 is kept while
/// the prose and the compared rows' names stay the same. What it remembers is exactly what the
/// next call compares against, so it never holds more than one draft's rows.
#[derive(Debug, Default)]
pub struct Evaluator {
    /// By position in the table (a row's number is part of what must be equal anyway).
    rows: Vec<RowMemo>,
    narrative: checks::NarrativeMemo,
    /// The money table as last read: it is not edited while the indicators are.
    funds: Option<FundsMemo>,
}

#[derive(Debug)]
struct FundsMemo {
    funds: crate::model::Funds,
    profile: &'static str,
    evaluation: FundsEvaluation,
}

/// One row scored: what the whole-form checks read, and, for an [`Evaluator`], what the row was
/// read from. It stays in the evaluator's list while the row is unchanged; a one-off
/// [`evaluate`] neither clones nor boxes the row (which cost 5 % of a cold evaluation's
/// instructions).
#[derive(Debug)]
struct RowMemo {
    /// `None` for a one-off [`evaluate`]: nothing will compare against it.
    read_from: Option<Box<ReadFrom>>,
    rescale: Option<(Decimal, Decimal)>,
    evaluation: std::sync::Arc<IndicatorEvaluation>,
    findings: Vec<Finding>,
}

/// Everything a row's evaluation depends on besides the 不适用 rescaling.
#[derive(Debug)]
struct ReadFrom {
    indicator: Indicator,
    profile: &'static str,
    number: usize,
}

impl Evaluator {
    pub fn new() -> Evaluator {
        Evaluator::default()
    }

    /// The same result as [`evaluate`], re-using what the previous call worked out.
    pub fn evaluate(&mut self, draft: &Draft) -> Evaluation {
        self.run(draft, true)
    }

    /// Whether row `i` as remembered stands for `ind` now: neither the row nor its profile or
    /// number changed.
    fn is_kept(&self, i: usize, ind: &Indicator, profile: &'static Profile) -> bool {
        let remembered = self.rows.get(i).and_then(|m| m.read_from.as_deref());
        remembered
            .is_some_and(|r| same_profile(r.profile, profile.id) && r.number == i + 1 && same_row(&r.indicator, ind))
    }

    /// Row `i` read: a changed row, mostly in one cell, keeps the reading of its unchanged cells.
    fn read(&self, i: usize, ind: &Indicator) -> ParsedIndicator {
        match self.rows.get(i) {
            Some(m @ RowMemo { read_from: Some(r), .. }) => parse_indicator_after(ind, m.previous(&r.indicator)),
            _ => parse_indicator(ind),
        }
    }

    /// Puts row `i`'s new memory in place (rows are scored in table order, so a row not
    /// remembered is the next one).
    fn keep(&mut self, i: usize, memo: RowMemo) {
        match self.rows.get_mut(i) {
            Some(slot) => *slot = memo,
            None => self.rows.push(memo),
        }
    }

    fn run(&mut self, draft: &Draft, remember: bool) -> Evaluation {
        let profile = profile::find(&draft.profile).unwrap_or_else(profile::default_profile);
        let funds = match &self.funds {
            Some(m) if remember && same_profile(m.profile, profile.id) && m.funds == draft.funds => {
                m.evaluation.clone()
            }
            _ => {
                let evaluation = evaluate_funds(&draft.funds, profile);
                if remember {
                    let memo =
                        FundsMemo { funds: draft.funds.clone(), profile: profile.id, evaluation: evaluation.clone() };
                    self.funds = Some(memo);
                }
                evaluation
            }
        };
        // Rows are replaced where they are: a remembered row that is kept does not move.
        self.rows.truncate(draft.indicators.len());
        let mut indicators = Vec::with_capacity(draft.indicators.len());
        // Every row's "how the target was understood" is written here first, then shared.
        let mut understood = String::with_capacity(64);
        if draft.indicators.iter().any(|i| i.not_applicable) {
            // First every row is either remembered unchanged (`None`) or read; the 不适用
            // rescaling needs every row's 分值 as read.
            let read: Vec<Option<ParsedIndicator>> = (draft.indicators.iter().enumerate())
                .map(|(i, ind)| (!self.is_kept(i, ind, profile)).then(|| self.read(i, ind)))
                .collect();
            let weight = |i: usize| match &read[i] {
                Some(parsed) => weight_or_zero(&parsed.weight),
                None => weight_or_zero(&self.rows[i].evaluation.weight),
            };
            let factors = RescaleFactors::of(draft.indicators.iter().enumerate().map(|(i, ind)| (ind, weight(i))));
            for (i, (ind, parsed)) in draft.indicators.iter().zip(read).enumerate() {
                let rescale = factors.of_row(ind);
                let parsed = match parsed {
                    Some(parsed) => parsed,
                    None if self.rows[i].rescale == rescale => {
                        indicators.push(self.rows[i].evaluation.clone());
                        continue;
                    }
                    // Its rescaling changed: scored again.
                    None => parse_indicator(ind),
                };
                let memo = score_row(i + 1, ind, parsed, rescale, profile, remember, &mut understood);
                indicators.push(memo.evaluation.clone());
                self.keep(i, memo);
            }
        } else {
            // No row is 不适用, so no 分值 is rescaled: each row is scored as soon as it is read.
            for (i, ind) in draft.indicators.iter().enumerate() {
                if !self.is_kept(i, ind, profile) || self.rows[i].rescale.is_some() {
                    let parsed = self.read(i, ind);
                    let memo = score_row(i + 1, ind, parsed, None, profile, remember, &mut understood);
                    self.keep(i, memo);
                }
                indicators.push(self.rows[i].evaluation.clone());
            }
        }
        let narrative = remember.then_some(&mut self.narrative);
        let row_findings = self.rows.iter().map(|m| m.findings.as_slice());
        finish(draft, profile, funds, indicators, row_findings, narrative)
    }
}

/// A 分值 as read, 0 when empty or unreadable (for the 不适用 rescaling).
fn weight_or_zero(weight: &Result<Option<Decimal>, ValueError>) -> Decimal {
    weight.as_ref().ok().copied().flatten().unwrap_or(Decimal::ZERO)
}

/// The same profile id: the same `&'static str` of the profile table, so the pointers are compared
/// before the text (a string comparison per row per keystroke otherwise).
fn same_profile(a: &'static str, b: &'static str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// `a == b` for the evaluator's memory, with each cell compared by [`same_text`] (the derived
/// `==` costs a `memcmp` call per cell, 200 rows × 15 cells per keystroke). Written out field by
/// field, destructured, so that a field added to `Indicator` does not compile until it is
/// compared here too (a field left out would keep a stale row).
fn same_row(a: &Indicator, b: &Indicator) -> bool {
    let Indicator {
        id,
        level1,
        level2,
        name,
        target,
        actual,
        weight,
        direction,
        tier,
        tier_score,
        override_score,
        override_reason,
        deviation,
        not_applicable,
        survey: Survey { method, sample_size, satisfied },
        children,
        claimed_score,
    } = a;
    *id == b.id
        && *level1 == b.level1
        && *direction == b.direction
        && *tier == b.tier
        && *not_applicable == b.not_applicable
        && same_text(actual, &b.actual)
        && same_text(target, &b.target)
        && same_text(weight, &b.weight)
        && same_text(name, &b.name)
        && same_text(level2, &b.level2)
        && same_text(tier_score, &b.tier_score)
        && same_text(override_score, &b.override_score)
        && same_text(override_reason, &b.override_reason)
        && same_text(deviation, &b.deviation)
        && same_text(claimed_score, &b.claimed_score)
        && same_text(method, &b.survey.method)
        && same_text(sample_size, &b.survey.sample_size)
        && same_text(satisfied, &b.survey.satisfied)
        && children.len() == b.children.len()
        && children.iter().zip(&b.children).all(|(x, y)| {
            let ChildRow { name, target, actual } = x;
            same_text(name, &y.name) && same_text(target, &y.target) && same_text(actual, &y.actual)
        })
}

/// Scores one row from its reading: rescaled, overridden, checked.
fn score_row(
    number: usize,
    ind: &Indicator,
    parsed: ParsedIndicator,
    rescale: Option<(Decimal, Decimal)>,
    profile: &'static Profile,
    remember: bool,
    understood: &mut String,
) -> RowMemo {
    let override_score = parsed.override_score.clone();
    let mut row = evaluate_indicator(number, ind, parsed, profile, understood);
    if let Some(factor) = rescale {
        apply_rescale(&mut row, factor);
    }
    apply_override(&mut row, ind, override_score);
    let findings = checks::indicator_findings(&row, ind, profile);
    RowMemo {
        read_from: remember.then(|| Box::new(ReadFrom { indicator: ind.clone(), profile: profile.id, number })),
        rescale,
        evaluation: std::sync::Arc::new(row),
        findings,
    }
}

impl RowMemo {
    /// `row`: the row this was read from (in `read_from`).
    fn previous<'a>(&'a self, row: &'a Indicator) -> Previous<'a> {
        let e = &self.evaluation;
        Previous {
            row,
            target: &e.target,
            actual: &e.actual,
            weight: &e.weight,
            survey: &e.survey,
            children: &e.children,
        }
    }
}

fn finish<'a>(
    draft: &Draft,
    profile: &'static Profile,
    funds: FundsEvaluation,
    indicators: Vec<std::sync::Arc<IndicatorEvaluation>>,
    row_findings: impl Iterator<Item = &'a [Finding]> + Clone,
    narrative: Option<&mut checks::NarrativeMemo>,
) -> Evaluation {
    let Tally { subtotals, total_weight: indicator_weight, indicator_sum } = Tally::of(&indicators);
    let total_weight = funds.execution_weight + indicator_weight;
    let total = match (&funds.execution_score, &indicator_sum) {
        (Computed::Value(e), Computed::Value(s)) => Computed::Value(e + s),
        (Computed::Unavailable(r), _) => Computed::unavailable(format!("执行率得分无法计算：{r}")),
        (_, Computed::Unavailable(r)) => Computed::Unavailable(r.clone()),
    };
    let base_is_100 = total_weight == Decimal::ONE_HUNDRED;
    let grade = total.value().filter(|_| base_is_100).map(|t| scoring::grade(t, profile));
    let grade_withheld = (total.value().is_some() && !base_is_100).then(|| {
        format!(
            "分值合计为{}分而不是100分，总分按{}分计，不评定等级；请先把分值调整为合计100分",
            natural(total_weight),
            natural(total_weight)
        )
    });

    let mut evaluation = Evaluation {
        profile_id: profile.id,
        funds,
        indicators,
        subtotals,
        total_weight,
        total,
        grade,
        grade_withheld,
        findings: Vec::new(),
    };
    evaluation.findings = checks::run_with(draft, &evaluation, profile, row_findings, narrative);
    evaluation
}

/// The subtotals and totals of the indicator rows, in one pass over the table.
struct Tally {
    /// Per 一级指标 present in the table, in the official order.
    subtotals: Vec<Subtotal>,
    /// Σ 分值 of every row as typed (applicable or not).
    total_weight: Decimal,
    /// Σ of the rows' scores, or which rows could not be scored.
    indicator_sum: Computed,
}

impl Tally {
    fn of(rows: &[std::sync::Arc<IndicatorEvaluation>]) -> Tally {
        #[derive(Default)]
        struct Sums {
            present: bool,
            any_not_applicable: bool,
            weight: DecimalSum,
            scores: ScoreSum,
        }
        // Two additions per row; the totals are the sums of the three 一级 (exact, so the same).
        let mut levels: [Sums; 3] = Default::default();
        for row in rows {
            let Some(level) = Level1::ALL.iter().position(|l| *l == row.level1) else { continue };
            let sums = &mut levels[level];
            sums.present = true;
            if let Ok(Some(w)) = row.weight {
                sums.weight.add(w);
            }
            sums.any_not_applicable |= row.status == Status::NotApplicable;
            sums.scores.add(row);
        }
        let mut total_weight = DecimalSum::default();
        let mut all = ScoreSum::default();
        let subtotals = Level1::ALL
            .iter()
            .zip(levels)
            .filter(|(_, sums)| sums.present)
            .map(|(&level1, sums)| {
                let weight = sums.weight.total();
                total_weight.add(weight);
                all.merge(&sums.scores);
                // Only where a row is 不适用 do the counted 分值 differ from the typed ones.
                let effective_weight = if sums.any_not_applicable {
                    crate::money::sum(rows.iter().filter(|r| r.level1 == level1).filter_map(|r| r.effective_weight))
                } else {
                    weight
                };
                Subtotal { level1, weight, effective_weight, score: sums.scores.total() }
            })
            .collect();
        Tally { subtotals, total_weight: total_weight.total(), indicator_sum: all.total() }
    }
}

/// Σ of scores; a row that cannot be scored (other than 不适用) makes the sum unavailable and is
/// named in the reason, in table order.
#[derive(Default)]
struct ScoreSum {
    sum: DecimalSum,
    missing: Vec<usize>,
}

impl ScoreSum {
    fn add(&mut self, row: &IndicatorEvaluation) {
        match &row.score {
            Computed::Value(v) => self.sum.add(*v),
            Computed::Unavailable(_) if row.status == Status::NotApplicable => {}
            Computed::Unavailable(_) => self.missing.push(row.number),
        }
    }

    fn merge(&mut self, other: &ScoreSum) {
        self.sum.add(other.sum.total());
        self.missing.extend_from_slice(&other.missing);
    }

    fn total(&self) -> Computed {
        if self.missing.is_empty() {
            return Computed::Value(self.sum.total());
        }
        // Named in table order, whichever 一级 they are under.
        let mut missing = self.missing.clone();
        missing.sort_unstable();
        let named: Vec<String> = missing.iter().map(|n| format!("指标{n}")).collect();
        Computed::unavailable(format!("{}的得分无法计算", named.join("、")))
    }
}

/// Scores one row from what [`parse_indicator`] read (the override is applied after the 不适用
/// rescaling, by [`apply_override`]).
fn evaluate_indicator(
    number: usize,
    ind: &Indicator,
    parsed: ParsedIndicator,
    profile: &Profile,
    text: &mut String,
) -> IndicatorEvaluation {
    let ParsedIndicator { target, actual, weight, tier_score, override_score: _, survey, children } = parsed;
    // Written into the caller's buffer and copied once into the shared text.
    text.clear();
    match &target {
        Ok(t) => t.write_understood(text),
        Err(e) => {
            text.push_str("无法识别：");
            let _ = std::fmt::Write::write_fmt(text, format_args!("{e}")); // into a String: cannot fail
        }
    }
    let understood = std::sync::Arc::from(text.as_str());
    let mut row = IndicatorEvaluation {
        id: ind.id,
        number,
        level1: ind.level1,
        target,
        actual,
        understood,
        weight,
        effective_weight: None,
        status: Status::NotAssessed,
        completion: Computed::unavailable("无法评定"),
        actual_over_target: None,
        fraction: None,
        share: None,
        formula_score: Computed::unavailable("无法评定"),
        score: Computed::unavailable("无法评定"),
        overridden: false,
        override_problem: None,
        qualitative_problem: None,
        tier_score_error: None,
        tier_score_defaulted: false,
        survey,
        children,
    };
    if ind.not_applicable {
        row.status = Status::NotApplicable;
        row.completion = Computed::unavailable("本年度不适用");
        row.formula_score = Computed::unavailable("本年度不适用");
        row.score = Computed::unavailable("本年度不适用");
        return row;
    }
    let weight = match &row.weight {
        Ok(Some(w)) => *w,
        Ok(None) => return unassessed(row, "未填写分值"),
        Err(_) => return unassessed(row, "分值无法识别"),
    };
    let outcome: Result<Outcome, &'static str> = match (&row.target, &row.actual) {
        (Ok(Target::Qualitative), _) => {
            let typed = tier_score;
            if let Err(e) = &typed {
                row.tier_score_error = Some(e.clone());
            }
            let typed = typed.ok().flatten();
            row.tier_score_defaulted = typed.is_none() && ind.tier.is_some_and(|t| t != crate::model::Tier::Achieved);
            scoring::score_qualitative(ind.tier, typed, weight, profile).map_err(|p| {
                row.qualitative_problem = Some(match p {
                    QualitativeProblem::NoTier => QualitativeProblemKind::NoTier,
                    QualitativeProblem::OutsideBand => QualitativeProblemKind::OutsideBand,
                });
                match p {
                    QualitativeProblem::NoTier => "未选择完成档次",
                    QualitativeProblem::OutsideBand => "得分不在所选档次的区间内",
                }
            })
        }
        (Ok(t), Ok(Some(a))) => Ok(scoring::score_quantitative(t, a, profile)),
        (Ok(_), Ok(None)) => Err("实际完成值无法识别"),
        (Err(_), _) => Err("年度指标值无法识别"),
        (Ok(_), Err(ValueError::Empty)) => Err("未填写实际完成值"),
        (Ok(_), Err(_)) => Err("实际完成值无法识别"),
    };
    match outcome {
        Ok(o) => {
            row.status = o.status;
            row.completion = match o.completion {
                Some(c) => Computed::Value(c),
                None => Computed::unavailable("指标值或实际值为0，完成率无法计算"),
            };
            row.actual_over_target = o.actual_over_target;
            row.fraction = Some(o.fraction);
            row.share = Some(o.share);
            row.effective_weight = Some(weight);
            let score = Computed::Value(round2_within(o.share.of(weight, Decimal::ONE), weight));
            row.formula_score = score.clone();
            row.score = score;
        }
        Err(reason) => {
            row.effective_weight = Some(weight);
            return unassessed(row, reason);
        }
    }
    row
}

fn unassessed(mut row: IndicatorEvaluation, reason: &'static str) -> IndicatorEvaluation {
    row.status = Status::NotAssessed;
    row.completion = Computed::unavailable(reason);
    row.formula_score = Computed::unavailable(reason);
    row.score = Computed::unavailable(reason);
    row
}

/// 不适用 rows are excluded and their points go to the remaining rows so that the total base
/// stays 100 (docs/rules.md, 不适用). The points stay inside their 一级指标 (the 一级
/// split 50/30/10 is kept, and no subtotal exceeds its 分值); only when every row of a 一级 is
/// 不适用 are its points spread over all remaining rows in proportion to their 分值.
///
/// Per 一级, the factor `(numerator, denominator)` by which its applicable rows' 分值 are
/// multiplied (none where every row of the 一级 is 不适用). Worked out only when some row is.
struct RescaleFactors {
    by_level: [Option<(Decimal, Decimal)>; 3],
}

impl RescaleFactors {
    /// From each row and its 分值 as read, when some row is 不适用 (the 分值 are read only then).
    fn of<'a>(rows: impl Iterator<Item = (&'a Indicator, Decimal)> + Clone) -> RescaleFactors {
        // Per 一级: (all points, points of applicable rows).
        let sums = Level1::ALL.map(|level1| {
            let in_level = rows.clone().filter(|(i, _)| i.level1 == level1);
            let all: Decimal = in_level.clone().map(|(_, w)| w).sum();
            let applicable: Decimal = in_level.filter(|(i, _)| !i.not_applicable).map(|(_, w)| w).sum();
            (all, applicable)
        });
        let orphaned: Decimal = sums.iter().filter(|(_, app)| app.is_zero()).map(|(all, _)| *all).sum();
        let kept: Decimal = sums.iter().filter(|(_, app)| !app.is_zero()).map(|(all, _)| *all).sum();
        // A row's weight w becomes w × numerator ÷ denominator of its 一级.
        let factor = |(all, applicable): (Decimal, Decimal)| -> Option<(Decimal, Decimal)> {
            if applicable.is_zero() {
                return None;
            }
            if orphaned.is_zero() || kept.is_zero() {
                return Some((all, applicable));
            }
            Some((all.checked_mul(kept + orphaned)?, applicable.checked_mul(kept)?))
        };
        RescaleFactors { by_level: sums.map(factor) }
    }

    /// The factor for one row (none for a 不适用 row itself).
    fn of_row(&self, ind: &Indicator) -> Option<(Decimal, Decimal)> {
        if ind.not_applicable {
            return None;
        }
        let index = Level1::ALL.iter().position(|l| *l == ind.level1)?;
        self.by_level[index]
    }
}

fn apply_rescale(row: &mut IndicatorEvaluation, (numerator, denominator): (Decimal, Decimal)) {
    let Some(w) = row.effective_weight else { return };
    let Some(weight_numerator) = w.checked_mul(numerator) else { return };
    let effective = Share::FULL.of(weight_numerator, denominator);
    row.effective_weight = Some(effective);
    if let Some(share) = row.share {
        let score = Computed::Value(round2_within(share.of(weight_numerator, denominator), effective));
        row.formula_score = score.clone();
        row.score = score;
    }
}

fn apply_override(row: &mut IndicatorEvaluation, ind: &Indicator, typed: Result<Option<Decimal>, ValueError>) {
    if crate::text::trim(&ind.override_score).is_empty() || row.status == Status::NotApplicable {
        return;
    }
    if crate::text::is_placeholder(&ind.override_reason) {
        row.override_problem = Some(OverrideProblem::MissingReason);
        return;
    }
    let typed = match typed {
        Ok(Some(v)) => v,
        Ok(None) => return,
        Err(error) => {
            row.override_problem = Some(OverrideProblem::Unreadable { error });
            return;
        }
    };
    let cap = row.effective_weight.or_else(|| row.weight.clone().ok().flatten());
    let score = match cap {
        Some(cap) if typed > cap => {
            row.override_problem = Some(OverrideProblem::AboveWeight);
            cap
        }
        _ => typed,
    };
    row.overridden = true;
    row.score = Computed::Value(match cap {
        Some(cap) => round2_within(score, cap),
        None => crate::money::round2(score),
    });
}

impl IndicatorEvaluation {
    /// The direction used for scoring, when the target is directional.
    pub fn direction(&self) -> Option<Direction> {
        match &self.target {
            Ok(Target::Quantitative { comparison, .. }) => Some(comparison.direction()),
            _ => None,
        }
    }

    pub fn is_qualitative(&self) -> bool {
        matches!(self.target, Ok(Target::Qualitative))
    }

    /// The unit of a target that was read (none for 定性 or an unreadable target).
    pub fn target_unit(&self) -> Option<&crate::units::Unit> {
        self.target.as_ref().ok().and_then(Target::unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Before the engine has run, nothing reads as a figure: no 0.00 that could be taken for a score.
    #[test]
    fn pending_shows_no_figure() {
        let e = Evaluation::pending("正在载入");
        assert_eq!((e.total_shown().as_str(), e.grade_shown()), ("—", "—"));
        assert_eq!(e.funds.execution_rate.show(crate::money::percent2), "—");
        assert_eq!(e.funds.execution_score.value(), None);
        assert!(e.findings.is_empty() && e.indicators.is_empty());
        assert_ne!(e, evaluate(&Draft::default()), "an empty draft is evaluated, not pending");
    }

    /// Every field counts: a row that differs in any one cell is not the remembered row.
    #[test]
    fn same_row_sees_every_field() {
        let row = Indicator {
            id: 3,
            name: "道路维修里程（按照年度计划完成）".into(),
            target: "≥20公里".into(),
            actual: "22公里".into(),
            weight: "10".into(),
            children: vec![ChildRow { name: "主干道".into(), target: "10公里".into(), actual: "11公里".into() }],
            ..Indicator::default()
        };
        assert!(same_row(&row, &row.clone()));
        let changes: Vec<fn(&mut Indicator)> = vec![
            |i| i.id = 4,
            |i| i.level1 = Level1::Benefit,
            |i| i.level2 = "质量指标".into(),
            |i| i.name = "道路维修里程（按照年度计划完成)".into(),
            |i| i.target = "≥21公里".into(),
            |i| i.actual = "23公里".into(),
            |i| i.weight = "11".into(),
            |i| i.direction = Some(Direction::Reverse),
            |i| i.tier = Some(crate::model::Tier::Achieved),
            |i| i.tier_score = "9".into(),
            |i| i.override_score = "9".into(),
            |i| i.override_reason = "理由".into(),
            |i| i.deviation = "原因".into(),
            |i| i.not_applicable = true,
            |i| i.survey.method = "问卷".into(),
            |i| i.survey.sample_size = "100".into(),
            |i| i.survey.satisfied = "90".into(),
            |i| i.children[0].name = "支路".into(),
            |i| i.children[0].target = "9公里".into(),
            |i| i.children[0].actual = "12公里".into(),
            |i| i.children.push(ChildRow::default()),
            |i| i.claimed_score = "10".into(),
        ];
        for (n, change) in changes.into_iter().enumerate() {
            let mut other = row.clone();
            change(&mut other);
            assert_ne!(row, other, "change {n} changes nothing");
            assert!(!same_row(&row, &other), "change {n} not seen");
        }
    }

    /// Every length up to past the last word-sized case, a difference at every place.
    #[test]
    fn same_text_sees_a_difference_anywhere() {
        for n in 0..=40 {
            let text: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            assert!(same_text(&text, &text.clone()), "{n}");
            for at in 0..n {
                let mut changed = text.clone().into_bytes();
                changed[at] = b'Z';
                let changed = String::from_utf8(changed).unwrap();
                assert!(!same_text(&text, &changed), "length {n}, difference at {at}");
            }
        }
    }

    #[test]
    fn same_text_is_string_equality() {
        let texts = ["", "a", "12345678", "123456789", "道路维修里程", "道路维修里程（", "≥20公里", "≥20公里 "];
        for a in texts {
            for b in texts {
                assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }
}
