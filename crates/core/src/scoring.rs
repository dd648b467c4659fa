//! Every scoring rule of docs/rules.md (评分口径) in one place: 执行率得分, 正向 and 反向
//! (reverse) indicators, strict 高于/低于, 等于, ranges, 定性 tiers, the cap, over-achievement
//! and the grade. Regional variants come from [`Profile`] settings.
//!
//! Rules return the *share of the weight earned* (`fraction` in [0, 1], unrounded); the caller
//! multiplies by the weight and rounds once (四舍五入, [`crate::money::round2`]).
//!
//! Basis: 财预〔2020〕10号 第十八条 「完成指标值的，记该指标所赋全部分值；…未完成指标值的，按照完成值
//! 与指标值的比例记分」; provincial footnotes: 正向 B/A × w, 反向 A/B × w, 得分最高不能超过该指标分值上限.

use crate::model::{Direction, Tier};
use crate::parse::{Actual, Comparison, Target};
use crate::profile::{Profile, ReverseFormula};
use rust_decimal::Decimal;
use serde::Serialize;

/// How an indicator stands against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 已完成
    Met,
    /// 已完成，且完成值偏离指标值较多（≥130 %，反向 ≤70 %）：须分析原因
    OverAchieved,
    /// 未完成
    NotMet,
    /// 高于/低于 the value, and the actual is exactly the value: scored in full by the ratio,
    /// but the target is not met.
    StrictBoundary,
    /// 本年度不适用
    NotApplicable,
    /// Not assessable yet (missing or unreadable input).
    NotAssessed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "已完成",
            Status::OverAchieved => "超额完成",
            Status::NotMet => "未完成",
            Status::StrictBoundary => "未完成（恰等于临界值）",
            Status::NotApplicable => "不适用",
            Status::NotAssessed => "无法评定",
        }
    }

    pub fn is_missed(self) -> bool {
        matches!(self, Status::NotMet | Status::StrictBoundary)
    }
}

/// A share of an indicator's weight kept as the exact quotient `numerator / denominator`
/// (B/A, A/B, points/w …), so that a score is computed as `w × numerator ÷ denominator` with a
/// single division, last. Dividing first loses the last digit of a repeating quotient and
/// breaks 四舍五入 at the midpoint: w = 6, A = 3, B = 1.1725 gives 6 × 0.39083… = 2.34499…
/// → 2.34 instead of 2.345 → 2.35.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Share {
    pub numerator: Decimal,
    /// Never zero.
    pub denominator: Decimal,
}

impl Share {
    pub const FULL: Share = Share { numerator: Decimal::ONE, denominator: Decimal::ONE };
    pub const ZERO: Share = Share { numerator: Decimal::ZERO, denominator: Decimal::ONE };

    /// `numerator / denominator` clamped to [0, 1]; `ZERO` when the denominator is zero.
    pub fn clamped(numerator: Decimal, denominator: Decimal) -> Share {
        if denominator.is_zero() || numerator.is_sign_negative() != denominator.is_sign_negative() {
            return Share::ZERO;
        }
        let (n, d) = (numerator.abs(), denominator.abs());
        if n.is_zero() {
            Share::ZERO
        } else if n >= d {
            Share::FULL
        } else {
            Share { numerator: n, denominator: d }
        }
    }

    /// The share as a decimal in [0, 1] (for display and comparisons, not for scores).
    pub fn fraction(self) -> Decimal {
        self.numerator.checked_div(self.denominator).unwrap_or(Decimal::ZERO)
    }

    /// `weight × share`, unrounded, multiplying before dividing. A weight may itself be a
    /// quotient (a weight rescaled for 不适用 rows): `weight_numerator / weight_denominator`.
    pub fn of(self, weight_numerator: Decimal, weight_denominator: Decimal) -> Decimal {
        let exact = weight_numerator
            .checked_mul(self.numerator)
            .zip(weight_denominator.checked_mul(self.denominator))
            .and_then(|(n, d)| n.checked_div(d));
        // Only figures near Decimal's limit overflow; then accept the rounding of dividing first.
        exact.unwrap_or_else(|| {
            let weight = weight_numerator.checked_div(weight_denominator).unwrap_or(Decimal::ZERO);
            weight.checked_mul(self.fraction()).unwrap_or(Decimal::ZERO)
        })
    }
}

/// The result of applying a rule to one indicator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// Share of the weight earned, in [0, 1] (`share` as a decimal).
    pub fraction: Decimal,
    /// The same share as an exact quotient: scores are computed from it.
    pub share: Share,
    pub status: Status,
    /// 完成率: B/A for 正向, A/B for 反向; `None` where it divides by zero.
    pub completion: Option<Decimal>,
    /// B/A as such (for the over-achievement rule and report sentences).
    pub actual_over_target: Option<Decimal>,
}

fn ratio(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator.is_zero() {
        None
    } else {
        numerator.checked_div(denominator)
    }
}

/// B/A as the percentage shown (rounded to 2 dp): the over-achievement threshold applies to the
/// figure the user sees, so 129.996 % (shown 130.00 %) is over-achieved.
fn shown_percent(ratio: Option<Decimal>) -> Option<Decimal> {
    ratio.and_then(crate::money::percent_value)
}

fn clamp01(value: Decimal) -> Decimal {
    value.max(Decimal::ZERO).min(Decimal::ONE)
}

/// Share of a 正向 (≥, >, =) miss: B/A, or nothing when A is not positive.
fn positive_shortfall(target: Decimal, actual: Decimal) -> Share {
    if target > Decimal::ZERO {
        Share::clamped(actual.max(Decimal::ZERO), target)
    } else {
        Share::ZERO
    }
}

/// Share of a 反向 (≤, <) miss (B > A): A/B nationally, or linear 1 − (B−A)/A = (2A − B)/A.
/// A 反向 target of 0 that is exceeded earns nothing.
fn reverse_share(target: Decimal, actual: Decimal, formula: ReverseFormula) -> Share {
    if target <= Decimal::ZERO || actual <= Decimal::ZERO {
        return Share::ZERO;
    }
    match formula {
        ReverseFormula::Ratio => Share::clamped(target, actual),
        // 0 from B ≥ 2A; `clamped` turns a negative numerator into 0.
        ReverseFormula::Linear => match (target * Decimal::TWO).checked_sub(actual) {
            Some(numerator) => Share::clamped(numerator, target),
            None => Share::ZERO,
        },
    }
}

/// Share of the weight (in [0, 1]) of a 反向 (≤, <) miss (B > A): A/B nationally, or linear
/// 1 − (B−A)/A, 0 from B ≥ 2A. A 反向 target of 0 that is exceeded earns nothing.
pub fn reverse_overshoot(target: Decimal, actual: Decimal, formula: ReverseFormula) -> Decimal {
    reverse_share(target, actual, formula).fraction()
}

fn outcome(share: Share, status: Status, completion: Option<Decimal>, actual_over_target: Option<Decimal>) -> Outcome {
    Outcome { fraction: share.fraction(), share, status, completion, actual_over_target }
}

/// Scores a quantitative indicator (A = target, B = actual, both in the target's unit).
pub fn score_quantitative(target: &Target, actual: &Actual, profile: &Profile) -> Outcome {
    let b = actual.value;
    match target {
        Target::Quantitative { comparison, quantity, .. } => {
            let a = quantity.value;
            let b_over_a = ratio(b, a);
            match comparison.direction() {
                Direction::Positive => {
                    let zero_equal = *comparison == Comparison::Equal && a.is_zero();
                    let met = if zero_equal { b <= Decimal::ZERO } else { b >= a };
                    let share = if met {
                        Share::FULL
                    } else if zero_equal {
                        Share::ZERO
                    } else {
                        positive_shortfall(a, b)
                    };
                    let status = if !met {
                        Status::NotMet
                    } else if comparison.is_strict() && b == a {
                        Status::StrictBoundary
                    } else if a > Decimal::ZERO
                        && shown_percent(b_over_a).is_some_and(|p| p >= Decimal::from(profile.over_achievement_percent))
                    {
                        Status::OverAchieved
                    } else {
                        Status::Met
                    };
                    outcome(share, status, b_over_a, b_over_a)
                }
                Direction::Reverse => {
                    let met = b <= a;
                    let share = if met { Share::FULL } else { reverse_share(a, b, profile.reverse_formula) };
                    let status = if !met {
                        Status::NotMet
                    } else if comparison.is_strict() && b == a {
                        Status::StrictBoundary
                    } else if a > Decimal::ZERO
                        && shown_percent(b_over_a).is_some_and(|p| {
                            p <= Decimal::from(200u32.saturating_sub(profile.over_achievement_percent))
                        })
                    {
                        Status::OverAchieved
                    } else {
                        Status::Met
                    };
                    outcome(share, status, ratio(a, b), b_over_a)
                }
            }
        }
        Target::Range { low, high, .. } => {
            let (share, status, completion) = if b < *low {
                (positive_shortfall(*low, b), Status::NotMet, ratio(b, *low))
            } else if b > *high {
                (reverse_share(*high, b, profile.reverse_formula), Status::NotMet, ratio(*high, b))
            } else {
                (Share::FULL, Status::Met, Some(Decimal::ONE))
            };
            outcome(share, status, completion, None)
        }
        Target::Tolerance { limit, .. } => {
            let deviation = b.abs();
            let met = deviation <= *limit;
            let share = if met { Share::FULL } else { reverse_share(*limit, deviation, profile.reverse_formula) };
            let completion = if met { Some(Decimal::ONE) } else { ratio(*limit, deviation) };
            outcome(share, if met { Status::Met } else { Status::NotMet }, completion, None)
        }
        Target::Qualitative => outcome(Share::ZERO, Status::NotAssessed, None, None),
    }
}

/// The band of a 定性 tier as shares of the weight: `[low, high]`, with `high` excluded except
/// for 达成 (whose band ends at 100 % inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TierBand {
    pub low: Decimal,
    pub high: Decimal,
    pub high_inclusive: bool,
}

impl TierBand {
    pub fn contains(&self, fraction: Decimal) -> bool {
        fraction >= self.low && (fraction < self.high || (self.high_inclusive && fraction <= self.high))
    }
}

pub fn tier_band(tier: Tier, profile: &Profile) -> TierBand {
    let pct = |p: u32| Decimal::from(p) / Decimal::ONE_HUNDRED;
    match tier {
        Tier::Achieved => TierBand { low: pct(profile.tier_achieved_from), high: Decimal::ONE, high_inclusive: true },
        Tier::Partial => TierBand {
            low: pct(profile.tier_partial_from),
            high: pct(profile.tier_achieved_from),
            high_inclusive: false,
        },
        Tier::NotAchieved => {
            TierBand { low: Decimal::ZERO, high: pct(profile.tier_partial_from), high_inclusive: false }
        }
    }
}

/// Why a 定性 score could not be settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QualitativeProblem {
    /// No tier picked.
    NoTier,
    /// The typed score lies outside the tier's band.
    OutsideBand,
}

/// The share earned by a 定性 indicator. Without a typed score: 100 % for 达成, otherwise the
/// band's lower bound (the caller tells the user to settle it). `typed_points` is in points.
pub fn score_qualitative(
    tier: Option<Tier>,
    typed_points: Option<Decimal>,
    weight: Decimal,
    profile: &Profile,
) -> Result<Outcome, QualitativeProblem> {
    let tier = tier.ok_or(QualitativeProblem::NoTier)?;
    let band = tier_band(tier, profile);
    let share = match typed_points {
        None if tier == Tier::Achieved => Share::FULL,
        None => Share { numerator: band.low, denominator: Decimal::ONE },
        Some(_) if weight <= Decimal::ZERO => {
            if !band.contains(Decimal::ZERO) {
                return Err(QualitativeProblem::OutsideBand);
            }
            Share::ZERO
        }
        Some(points) => {
            // Compared exactly, points against band × w, without dividing.
            let inside = points >= band.low * weight
                && (points < band.high * weight || (band.high_inclusive && points <= band.high * weight));
            if !inside {
                return Err(QualitativeProblem::OutsideBand);
            }
            Share { numerator: points, denominator: weight }
        }
    };
    let status = if tier == Tier::Achieved { Status::Met } else { Status::NotMet };
    Ok(outcome(share, status, None, None))
}

/// 执行率得分 = min(执行率, 1) × 执行率分值 (unrounded).
pub fn execution_score(execution_rate: Decimal, weight: Decimal) -> Decimal {
    clamp01(execution_rate) * weight
}

/// 执行率得分 from the amounts: min(B, A) × 分值 ÷ A, multiplying first (see [`Share`]).
/// `None` when A is zero.
pub fn execution_points(executed: Decimal, base: Decimal, weight: Decimal) -> Option<Decimal> {
    if base.is_zero() {
        return None;
    }
    Some(Share::clamped(executed, base).of(weight, Decimal::ONE))
}

/// 优 / 良 / 中 / 差
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Excellent,
    Good,
    Fair,
    Poor,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }
}

/// The grade of a (rounded) total.
pub fn grade(total: Decimal, profile: &Profile) -> Grade {
    if total >= Decimal::from(profile.grade_excellent_from) {
        Grade::Excellent
    } else if total >= Decimal::from(profile.grade_good_from) {
        Grade::Good
    } else if total >= Decimal::from(profile.grade_fair_from) {
        Grade::Fair
    } else {
        Grade::Poor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_actual, parse_target};
    use crate::profile::{default_profile, find};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn outcome_with(target: &str, actual: &str, profile: &Profile) -> Outcome {
        let t = parse_target(target, "", None).unwrap();
        let a = parse_actual(actual, &t).unwrap().unwrap();
        score_quantitative(&t, &a, profile)
    }

    fn outcome(target: &str, actual: &str) -> Outcome {
        outcome_with(target, actual, default_profile())
    }

    #[test]
    fn positive_met_gets_full_weight() {
        let o = outcome("≥9个", "9个");
        assert_eq!((o.fraction, o.status), (Decimal::ONE, Status::Met));
        assert_eq!(outcome("≥9个", "11个").status, Status::Met);
    }

    #[test]
    fn positive_missed_is_prorated_b_over_a() {
        let o = outcome("≥20次", "15次");
        assert_eq!((o.fraction, o.status, o.completion), (d("0.75"), Status::NotMet, Some(d("0.75"))));
        assert_eq!(outcome("≥20次", "0次").fraction, Decimal::ZERO);
    }

    #[test]
    fn reverse_met_and_missed_a_over_b() {
        assert_eq!(outcome("≤2小时", "2小时").fraction, Decimal::ONE);
        let o = outcome("≤2小时", "4小时");
        assert_eq!((o.fraction, o.status, o.completion), (d("0.5"), Status::NotMet, Some(d("0.5"))));
        // B = 0 → full weight.
        assert_eq!(outcome("≤3起", "0起").fraction, Decimal::ONE);
        // A reverse target of 0 that is exceeded earns nothing.
        assert_eq!(outcome("≤0起", "1起").fraction, Decimal::ZERO);
    }

    #[test]
    fn reverse_linear_profile() {
        let linear = find("reverse-linear").unwrap();
        assert_eq!(outcome_with("≤2小时", "3小时", linear).fraction, d("0.5"));
        assert_eq!(outcome_with("≤2小时", "4小时", linear).fraction, Decimal::ZERO);
        assert_eq!(outcome_with("≤2小时", "5小时", linear).fraction, Decimal::ZERO);
        assert_eq!(outcome_with("≤2小时", "2.5小时", linear).fraction, d("0.75"));
    }

    #[test]
    fn equal_scores_as_positive_and_zero_target_is_pass_fail() {
        assert_eq!(outcome("为100%", "100%").fraction, Decimal::ONE);
        assert_eq!(outcome("为100%", "90%").fraction, d("0.9"));
        assert_eq!(outcome("=0起", "0起").fraction, Decimal::ONE);
        let o = outcome("=0起", "2起");
        assert_eq!((o.fraction, o.status, o.completion), (Decimal::ZERO, Status::NotMet, None));
    }

    #[test]
    fn strict_boundary_keeps_the_score_but_is_not_met() {
        let o = outcome("高于10%", "10%");
        assert_eq!((o.fraction, o.status), (Decimal::ONE, Status::StrictBoundary));
        let o = outcome("低于5%", "5%");
        assert_eq!((o.fraction, o.status), (Decimal::ONE, Status::StrictBoundary));
        assert_eq!(outcome("高于10%", "11%").status, Status::Met);
        assert_eq!(outcome("高于10%", "8%").fraction, d("0.8"));
    }

    #[test]
    fn over_achievement_is_flagged_without_bonus() {
        let o = outcome("≥10场", "13场");
        assert_eq!((o.fraction, o.status), (Decimal::ONE, Status::OverAchieved));
        assert_eq!(outcome("≥10场", "12.9场").status, Status::Met);
        assert_eq!(outcome("≤2小时", "1.4小时").status, Status::OverAchieved);
        assert_eq!(outcome("≤2小时", "1.5小时").status, Status::Met);
    }

    #[test]
    fn ranges_and_tolerances() {
        assert_eq!(outcome("2-3次", "2次").fraction, Decimal::ONE);
        assert_eq!(outcome("2-4次", "1次").fraction, d("0.5"));
        assert_eq!(outcome("2-3次", "6次").fraction, d("0.5"));
        assert_eq!(outcome("±10%以内", "-5%").fraction, Decimal::ONE);
        assert_eq!(outcome("±10%以内", "20%").fraction, d("0.5"));
    }

    #[test]
    fn qualitative_tiers_and_bands() {
        let p = default_profile();
        let w = d("10");
        assert_eq!(score_qualitative(Some(Tier::Achieved), None, w, p).unwrap().fraction, Decimal::ONE);
        assert_eq!(score_qualitative(Some(Tier::Achieved), Some(d("8")), w, p).unwrap().fraction, d("0.8"));
        assert_eq!(score_qualitative(Some(Tier::Achieved), Some(d("7.9")), w, p), Err(QualitativeProblem::OutsideBand));
        assert_eq!(score_qualitative(Some(Tier::Partial), Some(d("8")), w, p), Err(QualitativeProblem::OutsideBand));
        assert_eq!(score_qualitative(Some(Tier::Partial), Some(d("6")), w, p).unwrap().fraction, d("0.6"));
        assert_eq!(score_qualitative(Some(Tier::Partial), None, w, p).unwrap().fraction, d("0.6"));
        assert_eq!(score_qualitative(Some(Tier::NotAchieved), Some(d("5.99")), w, p).unwrap().fraction, d("0.599"));
        assert_eq!(
            score_qualitative(Some(Tier::NotAchieved), Some(d("6")), w, p),
            Err(QualitativeProblem::OutsideBand)
        );
        assert_eq!(score_qualitative(None, None, w, p), Err(QualitativeProblem::NoTier));
        let jiangxi = find("jiangxi").unwrap();
        assert_eq!(score_qualitative(Some(Tier::Partial), Some(d("5")), w, jiangxi).unwrap().fraction, d("0.5"));
        assert_eq!(
            score_qualitative(Some(Tier::NotAchieved), Some(d("5")), w, jiangxi),
            Err(QualitativeProblem::OutsideBand)
        );
    }

    #[test]
    fn scores_multiply_before_dividing_so_midpoints_round_half_up() {
        // 6 × 1.1725 ÷ 3 = 2.345 exactly; 6 × (1.1725 ÷ 3) = 2.34499… would round to 2.34.
        let o = outcome("≥3个", "1.1725个");
        assert_eq!(crate::money::round2(o.share.of(d("6"), Decimal::ONE)), d("2.35"));
        assert_eq!(crate::money::round2(o.fraction * d("6")), d("2.34"), "the naive product shows the bug");
        assert_eq!(Share::clamped(d("5"), d("4")), Share::FULL);
        assert_eq!(Share::clamped(d("-1"), d("4")), Share::ZERO);
        assert_eq!(Share::clamped(d("1"), Decimal::ZERO), Share::ZERO);
        assert_eq!(execution_points(d("2.8035"), d("3"), d("10")).map(crate::money::round2), Some(d("9.35")));
        assert_eq!(execution_points(d("1"), Decimal::ZERO, d("10")), None);
    }

    #[test]
    fn execution_score_is_capped() {
        assert_eq!(execution_score(d("0.95"), d("10")), d("9.5"));
        assert_eq!(execution_score(d("1.2"), d("10")), d("10"));
        assert_eq!(execution_score(d("0.95"), d("20")), d("19"));
    }

    #[test]
    fn grades_national_and_80_70_60() {
        let p = default_profile();
        assert_eq!(grade(d("90"), p), Grade::Excellent);
        assert_eq!(grade(d("89.99"), p), Grade::Good);
        assert_eq!(grade(d("80"), p), Grade::Good);
        assert_eq!(grade(d("79.99"), p), Grade::Fair);
        assert_eq!(grade(d("60"), p), Grade::Fair);
        assert_eq!(grade(d("59.99"), p), Grade::Poor);
        let alt = find("grades-80-70-60").unwrap();
        assert_eq!(grade(d("80"), alt), Grade::Excellent);
        assert_eq!(grade(d("75"), alt), Grade::Good);
        assert_eq!(grade(d("65"), alt), Grade::Fair);
    }
}
