//! The "default weights" helper: splits each 一级指标's points (profile: 产出 50 / 效益 30 /
//! 满意度 10) evenly over its applicable 三级指标.

use crate::model::{Draft, Level1};
use crate::money::round2;
use crate::profile::Profile;
use rust_decimal::Decimal;

/// New 分值 text for each applicable indicator, as `(indicator id, weight)`.
///
/// Each 一级's points are split evenly, rounded to 2 dp, and the rounding remainder goes to the
/// group's last row, so every 一级 adds up exactly. When the table has no 满意度指标, its points
/// go to 产出 and 效益 in proportion to their own defaults (national: 50:30 → 56.25 / 33.75),
/// keeping the total at 100 (docs/rules.md §2.8).
pub fn default_weights(draft: &Draft, profile: &Profile) -> Vec<(u32, String)> {
    let split = profile.weight_split;
    let count = |l: Level1| draft.indicators.iter().filter(|i| i.level1 == l && !i.not_applicable).count();
    let mut points = [
        (Level1::Output, Decimal::from(split.output)),
        (Level1::Benefit, Decimal::from(split.benefit)),
        (Level1::Satisfaction, Decimal::from(split.satisfaction)),
    ];
    let empty: Vec<Level1> = Level1::ALL.into_iter().filter(|l| count(*l) == 0).collect();
    let orphaned: Decimal = points.iter().filter(|(l, _)| empty.contains(l)).map(|(_, p)| *p).sum();
    let receiving: Decimal = points.iter().filter(|(l, _)| !empty.contains(l)).map(|(_, p)| *p).sum();
    if !orphaned.is_zero() && !receiving.is_zero() {
        for (level, p) in points.iter_mut() {
            if !empty.contains(level) {
                *p += orphaned * *p / receiving;
            }
        }
    }
    let mut out = Vec::new();
    for (level, total) in points {
        let ids: Vec<u32> =
            draft.indicators.iter().filter(|i| i.level1 == level && !i.not_applicable).map(|i| i.id).collect();
        if ids.is_empty() {
            continue;
        }
        let n = Decimal::from(ids.len());
        let each = round2(total / n);
        let mut assigned = Decimal::ZERO;
        for (k, id) in ids.iter().enumerate() {
            let w = if k + 1 == ids.len() { round2(total - assigned) } else { each };
            assigned += w;
            out.push((*id, crate::money::natural(w)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Indicator;
    use crate::profile::default_profile;

    fn draft(levels: &[Level1]) -> Draft {
        Draft {
            indicators: levels
                .iter()
                .enumerate()
                .map(|(i, l)| Indicator { id: i as u32 + 1, level1: *l, ..Indicator::default() })
                .collect(),
            ..Draft::default()
        }
    }

    fn sum(weights: &[(u32, String)]) -> Decimal {
        weights.iter().map(|(_, w)| w.parse::<Decimal>().unwrap()).sum()
    }

    #[test]
    fn splits_each_level_evenly_and_exactly() {
        use Level1::*;
        let d = draft(&[Output, Output, Output, Benefit, Benefit, Satisfaction]);
        let w = default_weights(&d, default_profile());
        let texts: Vec<&str> = w.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(texts, vec!["16.67", "16.67", "16.66", "15", "15", "10"]);
        assert_eq!(sum(&w), Decimal::from(90));
    }

    #[test]
    fn without_satisfaction_its_points_move_to_output_and_benefit() {
        use Level1::*;
        let d = draft(&[Output, Benefit]);
        let w = default_weights(&d, default_profile());
        assert_eq!(w, vec![(1, "56.25".to_string()), (2, "33.75".to_string())]);
    }

    #[test]
    fn not_applicable_rows_are_left_alone() {
        use Level1::*;
        let mut d = draft(&[Output, Output, Benefit, Satisfaction]);
        d.indicators[1].not_applicable = true;
        let w = default_weights(&d, default_profile());
        assert_eq!(w.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![1, 3, 4]);
        assert_eq!(w[0].1, "50");
    }
}
