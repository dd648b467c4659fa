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

/// Σ of decimals, the same value and scale as adding them with `Decimal`'s `+` (which the
/// totals did, ~1 200 times per keystroke on a 200-row form): the mantissas are added as one
/// `i128` at a common scale, and only a sum that grows past 95 bits is carried into a `Decimal`.
/// (Past 28 significant digits `+` rounds, and the two may round at a different step; no figure
/// of a form comes near that.)
/// `rust_decimal` has no such accumulator; its `+` re-aligns scales and checks for overflow on
/// every addition, about ten times the cost of this.
#[derive(Clone, Copy, Debug, Default)]
pub struct DecimalSum {
    mantissa: i128,
    scale: u32,
    carried: Decimal,
}

impl DecimalSum {
    /// Below 2^95, a mantissa always fits a `Decimal` (96 bits) and the next addition of a
    /// `Decimal` mantissa (< 2^96) cannot overflow an `i128`.
    const LIMIT: u128 = 1 << 95;

    #[inline(always)]
    pub fn add(&mut self, value: Decimal) {
        let (mantissa, scale) = (value.mantissa(), value.scale());
        // Both below 2^96 and at most 10^9 × apart (< 2^30): no product or sum here overflows an
        // i128, so none needs checking (a checked i128 multiply is a library call in the wasm).
        let (acc, m) = match scale.cmp(&self.scale) {
            std::cmp::Ordering::Equal => (self.mantissa, mantissa),
            std::cmp::Ordering::Less if self.scale - scale <= 9 => {
                (self.mantissa, mantissa * pow10(self.scale - scale))
            }
            std::cmp::Ordering::Greater if scale - self.scale <= 9 => {
                (self.mantissa * pow10(scale - self.scale), mantissa)
            }
            _ => return self.carry(value),
        };
        let sum = acc + m;
        if sum.unsigned_abs() >= Self::LIMIT {
            return self.carry(value);
        }
        self.mantissa = sum;
        self.scale = self.scale.max(scale);
    }

    /// Out of the fast range: what was summed so far goes into a Decimal, and so does `value`.
    fn carry(&mut self, value: Decimal) {
        self.carried += self.fast() + value;
        self.mantissa = 0;
    }

    fn fast(&self) -> Decimal {
        Decimal::from_i128_with_scale(self.mantissa, self.scale)
    }

    pub fn total(&self) -> Decimal {
        if self.carried.is_zero() {
            self.fast()
        } else {
            self.carried + self.fast()
        }
    }
}

impl std::iter::Sum<Decimal> for DecimalSum {
    fn sum<I: Iterator<Item = Decimal>>(iter: I) -> DecimalSum {
        let mut sum = DecimalSum::default();
        iter.for_each(|v| sum.add(v));
        sum
    }
}

/// Σ of decimals through [`DecimalSum`].
pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values.into_iter().sum::<DecimalSum>().total()
}

/// 10^e for e ≤ 9.
fn pow10(exponent: u32) -> i128 {
    const POWERS: [i128; 10] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];
    POWERS[exponent as usize]
}

/// `a >= b`, comparing the mantissas when both have the same scale (each row's 分值 against half
/// the total, on every keystroke); `Decimal`'s `Ord` re-aligns the scales every time.
pub fn at_least(a: Decimal, b: Decimal) -> bool {
    if a.scale() == b.scale() {
        a.mantissa() >= b.mantissa()
    } else {
        a >= b
    }
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

/// Writes `value` exactly as its `Display` does (every digit of its scale; `-` before a negative
/// value), without the formatter: every row's "how the target was understood" holds a figure,
/// and `format!` with `Decimal`'s `Display` cost more than the rest of that text.
pub fn write_plain(out: &mut String, value: Decimal) {
    if value.is_sign_negative() {
        out.push('-');
    }
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(value.mantissa().unsigned_abs());
    let scale = value.scale() as usize;
    if scale == 0 {
        out.push_str(digits);
    } else if digits.len() > scale {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - digits.len()));
        out.push_str(digits);
    }
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

    #[test]
    fn sums_like_decimal_addition() {
        let values = [d("0.5"), d("2"), d("0.125"), d("-3.00"), d("10")];
        let by_plus = values.iter().fold(Decimal::ZERO, |a, b| a + b);
        let summed = sum(values);
        assert_eq!(summed, by_plus);
        assert_eq!(summed.scale(), by_plus.scale(), "same scale, so the same text when shown");
        assert_eq!(sum([]), Decimal::ZERO);
        // Past the fast range: carried into a Decimal, still exact.
        let big = [Decimal::MAX / d("4"), Decimal::MAX / d("4"), d("0.01"), Decimal::MAX / d("-4")];
        assert_eq!(sum(big), big.iter().fold(Decimal::ZERO, |a, b| a + b));
    }

    proptest::proptest! {
        /// Any mantissas and scales whose sum `+` can hold without rounding: the same value.
        #[test]
        fn sum_equals_repeated_addition(
            parts in proptest::collection::vec((-(1i128 << 50)..(1i128 << 50), 0u32..=10), 0..40)
        ) {
            let values: Vec<Decimal> =
                parts.iter().map(|&(m, s)| Decimal::from_i128_with_scale(m, s)).collect();
            let by_plus = values.iter().try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
            // Where `+` would overflow (it panics) the comparison means nothing.
            if let Some(by_plus) = by_plus {
                let summed = sum(values.iter().copied());
                proptest::prop_assert_eq!(summed, by_plus);
            }
        }

        /// Sums past the fast range (carried into a Decimal on the way).
        #[test]
        fn sum_carries_large_values(
            parts in proptest::collection::vec(-(1i128 << 93)..(1i128 << 93), 2..6)
        ) {
            let values: Vec<Decimal> = parts.iter().map(|&m| Decimal::from_i128_with_scale(m, 0)).collect();
            let by_plus = values.iter().try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
            if let Some(by_plus) = by_plus {
                proptest::prop_assert_eq!(sum(values.iter().copied()), by_plus);
            }
        }

        /// `write_plain` writes what `Display` writes, for any mantissa and scale.
        #[test]
        fn plain_writing_is_display(mantissa in proptest::num::i128::ANY, scale in 0u32..=28, small in -1_000i128..1_000) {
            for m in [mantissa % (1i128 << 96), small] {
                let value = Decimal::from_i128_with_scale(m, scale);
                let mut written = String::new();
                write_plain(&mut written, value);
                proptest::prop_assert_eq!(&written, &value.to_string());
                let mut normalized = String::new();
                write_plain(&mut normalized, value.normalize());
                proptest::prop_assert_eq!(normalized, value.normalize().to_string());
            }
        }

        /// `at_least` is `>=`.
        #[test]
        fn at_least_is_greater_or_equal(a in (-1_000_000i128..1_000_000, 0u32..=4), b in (-1_000_000i128..1_000_000, 0u32..=4)) {
            let (a, b) = (Decimal::from_i128_with_scale(a.0, a.1), Decimal::from_i128_with_scale(b.0, b.1));
            proptest::prop_assert_eq!(at_least(a, b), a >= b);
            proptest::prop_assert_eq!(at_least(a, a), true);
        }

        /// Figures as typed in forms (a few decimals): the scale is `+`'s too.
        #[test]
        fn sum_keeps_the_scale_of_typed_figures(
            parts in proptest::collection::vec((-10_000_000i128..10_000_000, 0u32..=4), 0..300)
        ) {
            let values: Vec<Decimal> =
                parts.iter().map(|&(m, s)| Decimal::from_i128_with_scale(m, s)).collect();
            let by_plus = values.iter().fold(Decimal::ZERO, |a, b| a + b);
            let summed = sum(values.iter().copied());
            proptest::prop_assert_eq!(summed, by_plus);
            proptest::prop_assert_eq!(summed.scale(), by_plus.scale());
        }
    }
}
