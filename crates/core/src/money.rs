//! Decimal helpers: the one rounding rule (四舍五入) and the ways numbers are shown.
//!
//! `Decimal::round_dp` rounds half-to-even (2.345 → 2.34), which is not what a Chinese
//! finance form expects. Every rounding in the project goes through [`round2`].

use rust_decimal::{Decimal, RoundingStrategy};

/// 四舍五入 to 2 decimal places (MidpointAwayFromZero). The only rounding used for money,
/// rates and scores.
pub fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// An indicator's score rounded to 2 dp: 四舍五入, except that a score never rounds above the
/// row's 分值 (`cap`). A 分值 with more than 2 decimals (0.009) would otherwise show a full
/// score of 0.01, and many such rows would add up to more than the form's 100 points; there the
/// score is cut to 2 dp instead (0.00), so that every row and the total stay within their base.
pub fn round2_within(score: Decimal, cap: Decimal) -> Decimal {
    let rounded = round2(score);
    if rounded > cap {
        score.min(cap).round_dp_with_strategy(2, RoundingStrategy::ToZero)
    } else {
        rounded
    }
}

/// Fixed 2 decimals, as in the table: `50` → `"50.00"`.
pub fn fixed2(value: Decimal) -> String {
    let mut rounded = round2(value);
    rounded.rescale(2);
    if rounded.is_zero() {
        // "-0.00" would look like a typing error on the form.
        return "0.00".to_string();
    }
    rounded.to_string()
}

/// Rounded to 2 decimals with trailing zeros dropped, as in narrative text:
/// `50` → `"50"`, `89.974` → `"89.97"`, `0.5` → `"0.5"`.
pub fn natural(value: Decimal) -> String {
    let rounded = round2(value).normalize();
    if rounded.is_zero() {
        return "0".to_string();
    }
    rounded.to_string()
}

/// A ratio as the percentage shown, rounded: `0.89996` → `90.00`. Thresholds (执行率 < 90 %,
/// B/A ≥ 130 % …) are applied to this figure, so that a finding never contradicts the rate
/// printed beside it ("执行率为90.00%，低于90%"). `None` if out of range.
pub fn percent_value(ratio: Decimal) -> Option<Decimal> {
    ratio.checked_mul(Decimal::ONE_HUNDRED).map(round2)
}

/// A ratio shown as a percentage with 2 decimals: `1` → `"100.00%"`.
pub fn percent2(ratio: Decimal) -> String {
    match ratio.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", fixed2(p)),
        None => "—".to_string(),
    }
}

/// A ratio shown as a percentage in narrative style: `1` → `"100%"`, `0.955` → `"95.5%"`.
pub fn percent_natural(ratio: Decimal) -> String {
    match ratio.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", natural(p)),
        None => "—".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounds_half_up_not_half_even() {
        assert_eq!(round2(d("2.345")), d("2.35"));
        assert_eq!(round2(d("2.335")), d("2.34"));
        assert_eq!(round2(d("-2.345")), d("-2.35"));
        assert_eq!(round2(d("0.005")), d("0.01"));
        assert_eq!(round2(d("89.974")), d("89.97"));
    }

    #[test]
    fn formats() {
        assert_eq!(fixed2(d("50")), "50.00");
        assert_eq!(fixed2(d("132.912")), "132.91");
        assert_eq!(fixed2(d("-0.001")), "0.00");
        assert_eq!(natural(d("50.00")), "50");
        assert_eq!(natural(d("0.50")), "0.5");
        assert_eq!(percent2(d("1")), "100.00%");
        assert_eq!(percent2(d("0.99995")), "100.00%");
        assert_eq!(percent_natural(d("0.955")), "95.5%");
        assert_eq!(percent_natural(d("1")), "100%");
        assert_eq!(percent_value(d("0.89996")), Some(d("90")));
        assert_eq!(percent_value(d("0.899949")), Some(d("89.99")));
    }

    #[test]
    fn scores_round_half_up_but_never_above_the_weight() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(round2_within(d("2.345"), d("6")), d("2.35"));
        assert_eq!(round2_within(d("0.009"), d("0.009")), d("0.00"));
        assert_eq!(round2_within(d("3.3333333"), d("3.3333333")), d("3.33"));
        assert_eq!(round2_within(d("3.336"), d("3.3366")), d("3.33"));
        assert_eq!(round2_within(d("3.335"), d("3.34")), d("3.34"));
    }
}
