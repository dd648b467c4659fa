//! Every scoring rule of docs/rules.md (profile national-2020 unless said), through `evaluate` on
//! small drafts: the figures a 财政局 reviewer would recompute by hand.

mod common;

use common::*;
use jixiao_core::checks::{FieldRef, IndicatorField};
use jixiao_core::computed::Computed;
use jixiao_core::model::{Direction, Indicator, Level1, Tier};
use jixiao_core::money::{fixed2, percent2, round2};
use jixiao_core::profile;
use jixiao_core::scoring::{self, Grade, Status};
use jixiao_core::{evaluate, Decimal, Severity};

fn with_profile(mut draft: jixiao_core::Draft, id: &str) -> jixiao_core::Draft {
    draft.profile = id.into();
    draft
}

/// The clean draft whose first indicator (25 points) is replaced.
fn one(target: &str, actual: &str) -> jixiao_core::Evaluation {
    one_named("道路维修里程", target, actual)
}

fn one_named(name: &str, target: &str, actual: &str) -> jixiao_core::Evaluation {
    let mut draft = clean_draft();
    draft.indicators[0] = Indicator {
        deviation: "原因已分析，下一步将改进。".into(),
        ..ind(1, Level1::Output, name, target, actual, "25")
    };
    evaluate(&draft)
}

#[test]
fn the_clean_base_draft_raises_nothing_and_scores_100() {
    let eval = evaluate(&clean_draft());
    assert!(eval.findings.is_empty(), "{:#?}", eval.findings);
    assert_eq!(eval.total.value(), Some(d("100")));
    assert_eq!(eval.total_weight, d("100"));
    assert_eq!(eval.grade, Some(Grade::Excellent));
}

// ---- 执行率, 执行率得分, 到位率 -------------------------------------------------------------

#[test]
fn execution_rate_is_executed_over_annual_budget_of_the_total_row() {
    let mut draft = clean_draft();
    draft.funds = funds("100", "120.5", "110", "120.5");
    draft.funds.carried_over.annual_budget = "9.474".into();
    draft.funds.carried_over.executed = "8".into();
    draft.funds.deviation_reason = "年中追加预算，部分项目跨年支付。".into();
    let eval = evaluate(&draft);
    // (110 + 8) ÷ (120.5 + 9.474) = 118 ÷ 129.974
    assert_eq!(eval.funds.execution_rate.value(), Some(d("118") / d("129.974")));
    assert_eq!(eval.funds.execution_rate.show(percent2), "90.79%");
    // min(B/A, 1) × 10 = 9.0787… → 9.08
    assert_eq!(eval.funds.execution_score.value(), Some(d("9.08")));
}

#[test]
fn execution_score_is_capped_at_its_weight_and_prorated_below() {
    let mut draft = clean_draft();
    draft.funds = funds("100", "100", "95", "100");
    draft.funds.deviation_reason = "部分合同尾款跨年支付。".into();
    assert_eq!(evaluate(&draft).funds.execution_score.value(), Some(d("9.5")));
    draft.funds = funds("100", "100", "120", "100");
    let eval = evaluate(&draft);
    assert_eq!(eval.funds.execution_rate.show(percent2), "120.00%");
    assert_eq!(eval.funds.execution_score.value(), Some(d("10")));
    assert_eq!(eval.total.value(), Some(d("100")));
}

#[test]
fn execution_weight_20_in_hubei() {
    let mut draft = with_profile(clean_draft(), "hubei");
    draft.funds = funds("100", "100", "72", "100");
    draft.funds.deviation_reason = "项目延期。".into();
    let eval = evaluate(&draft);
    assert_eq!(eval.funds.execution_weight, d("20"));
    assert_eq!(eval.funds.execution_score.value(), Some(d("14.4")));
}

#[test]
fn execution_rate_with_zero_budget_is_a_dash_with_a_reason_never_zero_percent() {
    let mut draft = clean_draft();
    draft.funds = funds("0", "0", "0", "0");
    let eval = evaluate(&draft);
    assert_eq!(eval.funds.execution_rate.show(percent2), "—");
    assert_eq!(eval.funds.execution_rate.reason(), Some("全年预算数为0，无法计算比率"));
    assert_eq!(eval.funds.arrival_rate.show(percent2), "—");
    assert_eq!(eval.funds.execution_score.show(fixed2), "—");
    assert!(eval.total.value().is_none(), "no total without 执行率得分");
    assert!(eval.grade.is_none());
    assert!(!format!("{eval:?}").contains("NaN"));
}

#[test]
fn arrival_rate_is_received_over_annual_budget() {
    let mut draft = clean_draft();
    draft.funds = funds("100", "100", "100", "80");
    let eval = evaluate(&draft);
    assert_eq!(eval.funds.arrival_rate.show(percent2), "80.00%");
    // 四川 measures 执行率 against 调整后预算数, but 到位率 stays against 全年预算数.
    let mut draft = with_profile(draft, "sichuan");
    draft.funds.current_year.adjusted_budget = "90".into();
    let eval = evaluate(&draft);
    assert_eq!(eval.funds.arrival_rate.show(percent2), "80.00%");
    assert_eq!(eval.funds.execution_rate.value(), Some(d("100") / d("90")));
}

// ---- 正向, 反向, 等于, strict -----------------------------------------------------------------

#[test]
fn positive_met_earns_the_full_weight() {
    for (target, actual) in
        [("≥20公里", "20公里"), ("不低于20公里", "25公里"), ("高于20公里", "21公里"), ("20公里以上", "20公里")]
    {
        let eval = one(target, actual);
        assert_eq!(score(&eval, 1), Some(d("25")), "{target} / {actual}");
        assert_eq!(row(&eval, 1).status, Status::Met, "{target} / {actual}");
    }
}

#[test]
fn positive_missed_earns_w_times_b_over_a() {
    let eval = one("不低于20公里", "15公里");
    let r = row(&eval, 1);
    assert_eq!(r.score.value(), Some(d("18.75")));
    assert_eq!(r.status, Status::NotMet);
    assert_eq!(r.completion.show(percent2), "75.00%");
    assert_eq!(one("高于20公里", "15公里").indicators[0].score.value(), Some(d("18.75")));
    assert_eq!(one("≥20公里", "0公里").indicators[0].score.value(), Some(d("0")));
}

#[test]
fn reverse_met_earns_the_full_weight_missed_earns_w_times_a_over_b() {
    let met = one_named("平均处置时间", "不高于2小时", "1.5小时");
    assert_eq!(score(&met, 1), Some(d("25")));
    let missed = one_named("平均处置时间", "≤2小时", "2.5小时");
    assert_eq!(score(&missed, 1), Some(d("20")), "25 × 2 ÷ 2.5");
    assert_eq!(row(&missed, 1).completion.show(percent2), "80.00%");
    assert_eq!(score(&one_named("平均处置时间", "低于2小时", "4小时"), 1), Some(d("12.5")));
    // 分钟 are converted to the target's 小时 before comparing.
    assert_eq!(score(&one_named("平均处置时间", "≤2小时", "150分钟"), 1), Some(d("20")));
}

#[test]
fn reverse_with_zero_actual_earns_the_full_weight_and_shows_no_fake_rate() {
    let eval = one_named("安全事故起数", "不超过3起", "0起");
    let r = row(&eval, 1);
    assert_eq!(r.score.value(), Some(d("25")));
    assert_eq!(r.completion.show(percent2), "—", "A/B with B = 0 is not computable");
    assert!(r.completion.reason().is_some());
}

#[test]
fn reverse_linear_profile_deducts_linearly_to_zero_at_2a() {
    let mut draft = with_profile(clean_draft(), "reverse-linear");
    draft.indicators[0] = Indicator {
        deviation: "原因已分析。".into(),
        ..ind(1, Level1::Output, "平均处置时间", "≤2小时", "3小时", "25")
    };
    assert_eq!(score(&evaluate(&draft), 1), Some(d("12.5")), "25 × (1 − (3 − 2) ÷ 2)");
    draft.indicators[0].actual = "4小时".into();
    assert_eq!(score(&evaluate(&draft), 1), Some(d("0")));
    draft.indicators[0].actual = "9小时".into();
    assert_eq!(score(&evaluate(&draft), 1), Some(d("0")), "never negative");
}

#[test]
fn equal_scores_as_positive() {
    assert_eq!(score(&one("为100%", "100%"), 1), Some(d("25")));
    assert_eq!(score(&one("等于100%", "110%"), 1), Some(d("25")));
    assert_eq!(score(&one("=100%", "90%"), 1), Some(d("22.5")));
}

#[test]
fn equal_to_zero_is_pass_or_fail() {
    let met = one_named("安全事故起数", "为0起", "0起");
    assert_eq!(score(&met, 1), Some(d("25")));
    assert_eq!(row(&met, 1).status, Status::Met);
    let missed = one_named("安全事故起数", "为0起", "2起");
    assert_eq!(score(&missed, 1), Some(d("0")));
    assert_eq!(row(&missed, 1).status, Status::NotMet);
    assert_eq!(row(&missed, 1).completion.show(percent2), "—", "B ÷ 0 is never shown as a rate");
}

#[test]
fn strict_more_than_at_the_boundary_keeps_the_score_but_is_not_met() {
    let eval = one("高于20公里", "20公里");
    let r = row(&eval, 1);
    assert_eq!(r.score.value(), Some(d("25")), "B = A gives ratio 1");
    assert_eq!(r.status, Status::StrictBoundary);
    assert!(r.status.is_missed());
    assert_eq!(findings(&eval, "c04-strict-boundary").len(), 1);
    let eval = one_named("平均处置时间", "低于2小时", "2小时");
    assert_eq!(row(&eval, 1).status, Status::StrictBoundary);
    assert_eq!(score(&eval, 1), Some(d("25")));
    // Not strict: B = A simply meets it.
    assert_eq!(row(&one("不低于20公里", "20公里"), 1).status, Status::Met);
}

// ---- 定性 --------------------------------------------------------------------------------------

fn qualitative(tier: Option<Tier>, tier_score: &str, profile_id: &str) -> jixiao_core::Evaluation {
    let mut draft = with_profile(clean_draft(), profile_id);
    draft.indicators[0] = Indicator {
        tier,
        tier_score: tier_score.into(),
        deviation: "部分村组管网尚未完工，下一步将加快施工。".into(),
        ..ind(1, Level1::Output, "供水管网改造质量", "有效提升", "新建管网12公里，水压达标", "25")
    };
    evaluate(&draft)
}

#[test]
fn qualitative_achieved_defaults_to_the_full_weight_and_accepts_80_to_100_percent() {
    assert_eq!(score(&qualitative(Some(Tier::Achieved), "", "national-2020"), 1), Some(d("25")));
    assert_eq!(score(&qualitative(Some(Tier::Achieved), "20", "national-2020"), 1), Some(d("20")));
    assert_eq!(score(&qualitative(Some(Tier::Achieved), "25", "national-2020"), 1), Some(d("25")));
    let below = qualitative(Some(Tier::Achieved), "19.99", "national-2020");
    assert!(score(&below, 1).is_none());
    expect_one(&below, "c02-tier-score-band", Severity::Error, at(1, IndicatorField::TierScore), &["指标1", "20–25分"]);
    let above = qualitative(Some(Tier::Achieved), "26", "national-2020");
    assert!(score(&above, 1).is_none(), "a tier score above the weight is outside the band");
}

#[test]
fn qualitative_partial_band_is_60_to_80_percent_exclusive() {
    let eval = qualitative(Some(Tier::Partial), "15", "national-2020");
    assert_eq!(score(&eval, 1), Some(d("15")));
    assert_eq!(row(&eval, 1).status, Status::NotMet);
    assert_eq!(score(&qualitative(Some(Tier::Partial), "19.99", "national-2020"), 1), Some(d("19.99")));
    assert!(score(&qualitative(Some(Tier::Partial), "20", "national-2020"), 1).is_none(), "80 % belongs to 达成");
    assert!(score(&qualitative(Some(Tier::Partial), "14.99", "national-2020"), 1).is_none());
    // Without a typed score: the band's lower bound, with a warning to settle it.
    let eval = qualitative(Some(Tier::Partial), "", "national-2020");
    assert_eq!(score(&eval, 1), Some(d("15")));
    expect_one(&eval, "x-tier-score-default", Severity::Warning, at(1, IndicatorField::TierScore), &["指标1"]);
}

#[test]
fn qualitative_not_achieved_band_is_below_60_percent() {
    assert_eq!(score(&qualitative(Some(Tier::NotAchieved), "14.99", "national-2020"), 1), Some(d("14.99")));
    assert_eq!(score(&qualitative(Some(Tier::NotAchieved), "0", "national-2020"), 1), Some(d("0")));
    assert!(score(&qualitative(Some(Tier::NotAchieved), "15", "national-2020"), 1).is_none());
    assert_eq!(score(&qualitative(Some(Tier::NotAchieved), "", "national-2020"), 1), Some(d("0")));
}

#[test]
fn qualitative_bands_80_50_in_jiangxi_and_hubei() {
    for p in ["jiangxi", "hubei"] {
        assert_eq!(score(&qualitative(Some(Tier::Partial), "12.5", p), 1), Some(d("12.5")), "{p}: 50 % is 部分达成");
        assert!(score(&qualitative(Some(Tier::NotAchieved), "12.5", p), 1).is_none(), "{p}");
        assert_eq!(score(&qualitative(Some(Tier::NotAchieved), "12.49", p), 1), Some(d("12.49")), "{p}");
        assert_eq!(
            score(&qualitative(Some(Tier::Partial), "", p), 1),
            Some(d("12.5")),
            "{p}: default is the lower bound"
        );
    }
    // Nationally 12.5 of 25 (50 %) is 未达成.
    assert!(score(&qualitative(Some(Tier::Partial), "12.5", "national-2020"), 1).is_none());
}

#[test]
fn qualitative_without_a_tier_is_not_scored() {
    let eval = qualitative(None, "", "national-2020");
    assert!(score(&eval, 1).is_none());
    assert!(eval.total.value().is_none());
    expect_one(&eval, "x-tier-missing", Severity::Error, at(1, IndicatorField::Tier), &["指标1", "供水管网改造质量"]);
}

// ---- cap, over-achievement ----------------------------------------------------------------------

#[test]
fn no_score_exceeds_its_weight_and_there_is_no_bonus() {
    let eval = one("≥20公里", "40公里");
    let r = row(&eval, 1);
    assert_eq!(r.score.value(), Some(d("25")));
    assert_eq!(r.status, Status::OverAchieved);
    assert_eq!(eval.total.value(), Some(d("100")));
}

#[test]
fn over_achievement_starts_at_130_percent() {
    assert_eq!(row(&one("≥20公里", "26公里"), 1).status, Status::OverAchieved, "130 %");
    assert_eq!(row(&one("≥20公里", "25.9公里"), 1).status, Status::Met, "129.5 %");
    let mut draft = clean_draft();
    draft.indicators[0] = ind(1, Level1::Output, "道路维修里程", "≥20公里", "26公里", "25");
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c03-over-achievement",
        Severity::Warning,
        at(1, IndicatorField::Deviation),
        &["指标1「道路维修里程」", "130.00%", "指标值设定偏低"],
    );
}

#[test]
fn over_achievement_is_judged_on_the_rate_as_shown() {
    // 25.999 ÷ 20 = 129.995 % is shown 130.00 %: over-achieved, as the reviewer reads it.
    let eval = one("≥20公里", "25.999公里");
    assert_eq!(row(&eval, 1).completion.show(percent2), "130.00%");
    assert_eq!(row(&eval, 1).status, Status::OverAchieved);
    let eval = one("≥20公里", "25.998公里");
    assert_eq!(row(&eval, 1).completion.show(percent2), "129.99%");
    assert_eq!(row(&eval, 1).status, Status::Met);
}

#[test]
fn reverse_over_achievement_starts_at_70_percent() {
    assert_eq!(row(&one_named("平均处置时间", "≤2小时", "1.4小时"), 1).status, Status::OverAchieved);
    assert_eq!(row(&one_named("平均处置时间", "≤2小时", "1.41小时"), 1).status, Status::Met);
}

// ---- not applicable ----------------------------------------------------------------------------

#[test]
fn not_applicable_rows_are_excluded_and_their_points_stay_in_their_level() {
    let mut draft = clean_draft();
    // 产出: 25 + 25, the second is 不适用 → the first counts 50.
    draft.indicators[1].not_applicable = true;
    draft.indicators[0].actual = "15公里".into(); // 75 %
    draft.indicators[0].deviation = "雨季停工，下一步将提前安排施工。".into();
    let eval = evaluate(&draft);
    let first = row(&eval, 1);
    assert_eq!(first.effective_weight, Some(d("50")));
    assert_eq!(first.score.value(), Some(d("37.5")));
    let second = row(&eval, 2);
    assert_eq!(second.status, Status::NotApplicable);
    assert!(second.score.value().is_none());
    let output = eval.subtotals.iter().find(|s| s.level1 == Level1::Output).unwrap();
    assert_eq!((output.weight, output.effective_weight), (d("50"), d("50")));
    // 效益 and 满意度 keep their points: no subtotal exceeds its 分值.
    for s in &eval.subtotals {
        assert!(s.score.value().unwrap() <= s.weight, "{:?}", s);
    }
    assert_eq!(eval.total_weight, d("100"));
    assert_eq!(eval.total.value(), Some(d("87.5")));
}

#[test]
fn a_level_entirely_not_applicable_spreads_its_points_over_the_rest() {
    let mut draft = clean_draft();
    draft.indicators[2].not_applicable = true; // the only 效益 row, 30 points
    let eval = evaluate(&draft);
    // 60 remaining points carry 90: × 1.5.
    assert_eq!(row(&eval, 1).effective_weight, Some(d("37.5")));
    assert_eq!(row(&eval, 4).effective_weight, Some(d("15")));
    assert_eq!(eval.total.value(), Some(d("100")));
    let benefit = eval.subtotals.iter().find(|s| s.level1 == Level1::Benefit).unwrap();
    assert_eq!(benefit.effective_weight, d("0"));
}

#[test]
fn rescaled_scores_are_rounded_once() {
    let mut draft = clean_draft();
    // 产出 25 + 25 + 0.5 … use three rows so the factor repeats: 50 ÷ 45.
    draft.indicators[1] = ind(2, Level1::Output, "培训参训人次", "不少于400人次", "420人次", "20");
    draft
        .indicators
        .insert(2, Indicator { not_applicable: true, ..ind(5, Level1::Output, "宣传场次", "≥5场", "6场", "5") });
    draft.indicators[0].actual = "19公里".into(); // 95 %
    draft.indicators[0].deviation = "雨季停工。".into();
    let eval = evaluate(&draft);
    // 25 × 50/45 × 19/20 = 26.388… → 26.39; 20 × 50/45 = 22.222… → 22.22
    assert_eq!(score(&eval, 1), Some(d("26.39")));
    assert_eq!(score(&eval, 2), Some(d("22.22")));
    let output = eval.subtotals.iter().find(|s| s.level1 == Level1::Output).unwrap();
    assert_eq!(output.score.value(), Some(d("48.61")), "the sum of the rounded scores");
}

// ---- manual override ---------------------------------------------------------------------------

#[test]
fn override_with_a_reason_replaces_the_score_and_keeps_the_formula_visible() {
    let mut draft = clean_draft();
    draft.indicators[0].actual = "40公里".into();
    draft.indicators[0].override_score = "20".into();
    draft.indicators[0].override_reason = "年初指标值设定偏低，按偏离度调减分值".into();
    draft.indicators[0].deviation = "年初指标值设定偏低，下一步将科学设定指标值。".into();
    let eval = evaluate(&draft);
    let r = row(&eval, 1);
    assert!(r.overridden);
    assert_eq!(r.score.value(), Some(d("20")));
    assert_eq!(r.formula_score.value(), Some(d("25")));
    assert_eq!(eval.total.value(), Some(d("95")));
    assert_no(&eval, "x-override");
}

#[test]
fn override_without_a_reason_is_ignored_with_an_error() {
    let mut draft = clean_draft();
    draft.indicators[0].override_score = "20".into();
    for reason in ["", "无", "/"] {
        draft.indicators[0].override_reason = reason.into();
        let eval = evaluate(&draft);
        let r = row(&eval, 1);
        assert!(!r.overridden, "{reason:?}");
        assert_eq!(r.score.value(), Some(d("25")), "the formula score stays");
        expect_one(&eval, "x-override", Severity::Error, at(1, IndicatorField::OverrideReason), &["指标1", "25.00"]);
    }
}

#[test]
fn override_above_the_weight_is_capped() {
    let mut draft = clean_draft();
    draft.indicators[0].override_score = "30".into();
    draft.indicators[0].override_reason = "复核调整".into();
    let eval = evaluate(&draft);
    assert_eq!(score(&eval, 1), Some(d("25")));
    expect_one(
        &eval,
        "c02-score-above-weight",
        Severity::Error,
        at(1, IndicatorField::OverrideScore),
        &["指标1", "30", "25"],
    );
}

// ---- rounding and the total --------------------------------------------------------------------

#[test]
fn rounding_is_half_up_at_two_decimals() {
    assert_eq!(round2(d("2.345")), d("2.35"));
    assert_eq!(round2(d("2.335")), d("2.34"), "not banker's rounding");
    // 6 × 1.1725 ÷ 3 = 2.345 exactly → 2.35, even though 1.1725 ÷ 3 repeats.
    let mut draft = clean_draft();
    draft.indicators[0] = Indicator {
        deviation: "原因已分析。".into(),
        ..ind(1, Level1::Output, "设备数量", "≥3台", "1.1725台", "6")
    };
    draft.indicators[1].weight = "44".into();
    let eval = evaluate(&draft);
    assert_eq!(score(&eval, 1), Some(d("2.35")));
    assert_eq!(row(&eval, 1).score.show(fixed2), "2.35");
}

#[test]
fn the_total_is_the_sum_of_the_rounded_parts() {
    let mut draft = clean_draft();
    // Three rows of 10 points at 1/3: each 3.333… → 3.33; the total counts 9.99, not 10.
    draft.indicators = vec![
        ind(1, Level1::Output, "改造户数", "≥3户", "1户", "10"),
        ind(2, Level1::Output, "维修处数", "≥3处", "1处", "10"),
        ind(3, Level1::Output, "培训场次", "≥3场", "1场", "10"),
        ind(4, Level1::Output, "道路维修里程", "≥20公里", "22公里", "20"),
        ind(5, Level1::Benefit, "群众饮水保障率", "≥90%", "96%", "30"),
        Indicator {
            survey: survey("问卷调查", "200", "190"),
            ..ind(6, Level1::Satisfaction, "群众满意度", "≥90%", "95%", "10")
        },
    ];
    draft.funds = funds("3", "3", "2.8035", "3"); // 执行率 93.45 % → 9.345 → 9.35
    let eval = evaluate(&draft);
    for id in 1..=3 {
        assert_eq!(score(&eval, id), Some(d("3.33")));
    }
    assert_eq!(eval.funds.execution_score.value(), Some(d("9.35")));
    let parts: Decimal = eval.indicators.iter().filter_map(|r| r.score.value()).sum::<Decimal>()
        + eval.funds.execution_score.value().unwrap();
    assert_eq!(parts, d("79.34"));
    assert_eq!(eval.total.value(), Some(parts));
    assert_eq!(eval.grade, Some(Grade::Fair));
}

#[test]
fn an_unscorable_row_leaves_the_total_unavailable_with_the_reason() {
    let mut draft = clean_draft();
    draft.indicators[1].actual = String::new();
    let eval = evaluate(&draft);
    assert!(matches!(&eval.total, Computed::Unavailable(r) if r.contains("指标2")), "{:?}", eval.total);
    assert!(eval.grade.is_none());
}

// ---- grades ------------------------------------------------------------------------------------

#[test]
fn grade_bands_national_and_80_70_60() {
    use Grade::{Excellent as 优, Fair as 中, Good as 良, Poor as 差};
    let cases: [(&str, &[(&str, Grade)]); 2] = [
        (
            "national-2020",
            &[("100", 优), ("90", 优), ("89.99", 良), ("80", 良), ("79.99", 中), ("60", 中), ("59.99", 差), ("0", 差)],
        ),
        ("grades-80-70-60", &[("80", 优), ("79.99", 良), ("70", 良), ("69.99", 中), ("60", 中), ("59.99", 差)]),
    ];
    for (id, bands) in cases {
        let p = profile::find(id).unwrap();
        for &(total, grade) in bands {
            assert_eq!(scoring::grade(d(total), p), grade, "{id}: {total}");
        }
    }
}

#[test]
fn the_grade_follows_the_rounded_total_in_evaluate() {
    // 产出 first row 25 × 15/20 = 18.75: total 93.75 → 优 nationally.
    let mut draft = clean_draft();
    draft.indicators[0].actual = "15公里".into();
    draft.indicators[0].deviation = "雨季停工。".into();
    let eval = evaluate(&draft);
    assert_eq!(eval.total.value(), Some(d("93.75")));
    assert_eq!(eval.grade, Some(Grade::Excellent));
    // 25 × 1/20 = 1.25 → total 76.25: 中 nationally, 良 with 80/70/60.
    draft.indicators[0].actual = "1公里".into();
    assert_eq!(evaluate(&draft).grade, Some(Grade::Fair));
    assert_eq!(evaluate(&with_profile(draft, "grades-80-70-60")).grade, Some(Grade::Good));
}

// ---- weights -----------------------------------------------------------------------------------

#[test]
fn default_weights_50_30_10_10_raise_no_weight_finding() {
    let mut draft = clean_draft();
    for ind in &mut draft.indicators {
        ind.weight.clear();
    }
    for (id, w) in jixiao_core::weights::default_weights(&draft, profile::default_profile()) {
        draft.indicators.iter_mut().find(|i| i.id == id).unwrap().weight = w;
    }
    let eval = evaluate(&draft);
    assert_eq!(eval.total_weight, d("100"));
    assert_no(&eval, "c01-weights-sum");
    assert_no(&eval, "c01-weight-split");
}

#[test]
fn without_satisfaction_its_ten_points_go_to_output_and_benefit() {
    let mut draft = clean_draft();
    draft.indicators.pop();
    for ind in &mut draft.indicators {
        ind.weight.clear();
    }
    for (id, w) in jixiao_core::weights::default_weights(&draft, profile::default_profile()) {
        draft.indicators.iter_mut().find(|i| i.id == id).unwrap().weight = w;
    }
    let eval = evaluate(&draft);
    assert_eq!(eval.total_weight, d("100"));
    assert_no(&eval, "c01-weight-split");
    assert_eq!(eval.total.value(), Some(d("100")));
}

#[test]
fn the_unit_splits_a_level_among_its_indicators_as_it_likes() {
    let mut draft = clean_draft();
    draft.indicators[0].weight = "40".into();
    draft.indicators[1].weight = "10".into();
    assert!(evaluate(&draft).findings.is_empty());
}

// ---- division by zero --------------------------------------------------------------------------

#[test]
fn division_by_zero_shows_a_dash_never_nan_or_zero_percent() {
    let cases = [("≥0个", "0个"), ("为0起", "3起"), ("≤3起", "0起"), ("≤0起", "0起")];
    for (target, actual) in cases {
        let eval = one_named("安全事故起数", target, actual);
        let r = row(&eval, 1);
        assert!(r.score.value().is_some(), "{target}/{actual} still scores");
        assert_eq!(r.completion.show(percent2), "—", "{target}/{actual}");
        assert_eq!(
            findings(&eval, "c14-not-computable").iter().filter(|f| f.field == at(1, IndicatorField::Target)).count(),
            1,
            "{target}/{actual}"
        );
        let json = serde_json::to_string(&eval).unwrap();
        assert!(!json.contains("NaN") && !json.contains("Infinity"), "{json}");
    }
}

#[test]
fn a_bare_number_is_read_by_the_name_and_the_user_can_flip_it() {
    let eval = one_named("平均处置时间", "2小时", "3小时");
    assert_eq!(row(&eval, 1).direction(), Some(Direction::Reverse));
    assert_eq!(score(&eval, 1), Some(d("16.67")), "25 × 2 ÷ 3 = 16.666…");
    expect_one(&eval, "x-direction-inferred", Severity::Hint, at(1, IndicatorField::Target), &["指标1", "反向"]);
    let mut draft = clean_draft();
    draft.indicators[0] = Indicator {
        direction: Some(Direction::Positive),
        ..ind(1, Level1::Output, "平均处置时间", "2小时", "3小时", "25")
    };
    let eval = evaluate(&draft);
    assert_eq!(score(&eval, 1), Some(d("25")));
    assert_no(&eval, "x-direction-inferred");
    let _ = FieldRef::Indicators;
}

// ---- totals a reviewer would sign -----------------------------------------------------------------

#[test]
fn a_table_not_out_of_100_gets_its_total_out_of_its_base_and_no_grade() {
    // 110 points: the 满意度 row carries 20 instead of 10.
    let mut draft = clean_draft();
    draft.indicators[3].weight = "20".into();
    let eval = evaluate(&draft);
    assert_eq!(eval.total.value(), Some(d("110")));
    assert_eq!(eval.grade, None, "110/110 is not 优 out of 100");
    assert_eq!(eval.total_shown(), "110.00/110");
    assert_eq!(eval.grade_shown(), "不评定");
    let why = eval.grade_withheld.as_deref().unwrap();
    assert!(why.contains("110分") && why.contains("不评定等级"), "{why}");
    expect_one(&eval, "c01-weights-sum", Severity::Error, FieldRef::Indicators, &["110分", "不评定等级"]);
    // 90 points: a row is missing.
    draft.indicators.pop();
    let eval = evaluate(&draft);
    assert_eq!((eval.total_shown().as_str(), eval.grade), ("90.00/90", None));
    // Back to 100: graded again, shown plainly.
    let eval = evaluate(&clean_draft());
    assert_eq!(
        (eval.total_shown().as_str(), eval.grade_shown(), eval.grade_withheld.is_none()),
        ("100.00", "优", true)
    );
}

#[test]
fn many_small_weights_never_add_up_to_more_than_the_base() {
    // 9 000 rows of 0.01 points would be fine; 10 000 rows of 0.009 used to round each full score
    // up to 0.01 and reach 110 out of 100.
    let mut draft = clean_draft();
    draft.indicators =
        (0..10_000).map(|i| ind(i + 1, Level1::Output, &format!("维修点位{i}"), "≥1个", "1个", "0.009")).collect();
    let eval = evaluate(&draft);
    assert_eq!(eval.total_weight, d("100"));
    let total = eval.total.value().unwrap();
    assert!(total <= d("100"), "total {total}");
    assert!(eval.indicators.iter().all(|r| r.score.value().unwrap() <= d("0.009")));
    assert!(findings(&eval, "c02-rounded-above-weight").is_empty());
}

#[test]
fn an_evaluator_redoes_the_rows_whose_rescaling_changed() {
    // Marking one row 不适用 changes the other rows' points without touching them.
    let mut evaluator = jixiao_core::evaluate::Evaluator::new();
    let mut draft = clean_draft();
    draft.indicators.push(ind(5, Level1::Output, "维修点位", "≥10个", "10个", "0"));
    assert_eq!(evaluator.evaluate(&draft), evaluate(&draft));
    draft.indicators[0].not_applicable = true;
    let fresh = evaluate(&draft);
    assert_eq!(row(&fresh, 2).score.value(), Some(d("50")), "产出's 50 points now on 指标2");
    assert_eq!(evaluator.evaluate(&draft), fresh);
    draft.indicators[0].not_applicable = false;
    assert_eq!(evaluator.evaluate(&draft), evaluate(&draft));
    // Moving a row changes its number (指标N in every message).
    draft.indicators.swap(0, 1);
    assert_eq!(evaluator.evaluate(&draft), evaluate(&draft));
    draft.profile = "hubei".into();
    assert_eq!(evaluator.evaluate(&draft), evaluate(&draft));
}

#[test]
fn every_cell_is_read_once_and_the_score_and_the_checks_see_the_same_reading() {
    let draft = jixiao_core::example_draft();
    let parsed = jixiao_core::parsed::parse(&draft);
    let eval = evaluate(&draft);
    for (p, row) in parsed.indicators.iter().zip(&eval.indicators) {
        assert_eq!((&p.target, &p.actual, &p.weight), (&row.target, &row.actual, &row.weight));
        assert_eq!(p.survey, row.survey);
        assert_eq!(p.children, row.children);
    }
    // A survey count that cannot be read is reported from the reading, once.
    let mut draft = clean_draft();
    draft.indicators[3].survey.sample_size = "两百".into();
    let eval = evaluate(&draft);
    assert!(row(&eval, 4).survey.sample.is_err());
    expect_one(&eval, "c09-satisfaction-basis", Severity::Error, at(4, IndicatorField::Survey), &["调查依据", "两百"]);
}

#[test]
fn subtotals_and_total_are_sums_of_their_rows_and_name_unscored_rows_in_table_order() {
    // Rows out of 一级 order: a 效益 row first, two 产出 rows after it, one of which is unscored.
    let draft = draft_with(vec![
        ind(1, Level1::Benefit, "群众饮水保障率", "≥90%", "", "30"),
        ind(2, Level1::Output, "道路维修里程", "不低于20公里", "22公里", "25.5"),
        ind(3, Level1::Output, "培训参训人次", "不少于400人次", "", "24.50"),
        // The clean draft's 满意度 row, with its survey.
        clean_indicators()[3].clone(),
    ]);
    let eval = evaluate(&draft);
    assert_eq!(eval.total, Computed::unavailable("指标1、指标3的得分无法计算"));
    let output = &eval.subtotals[0];
    assert_eq!((output.level1, output.weight.to_string()), (Level1::Output, "50.00".to_string()));
    assert_eq!(output.score, Computed::unavailable("指标3的得分无法计算"));
    assert_eq!(eval.subtotals.iter().map(|s| s.level1).collect::<Vec<_>>(), Level1::ALL);
    assert_eq!(eval.total_weight, d("100"));
    // Without the unscored rows: the total is 执行率得分 + each score.
    let mut scored = draft.clone();
    scored.indicators[0].actual = "96%".into();
    scored.indicators[2].actual = "420人次".into();
    let eval = evaluate(&scored);
    assert_eq!(eval.total.value(), Some(d("100")));
    assert_eq!(eval.subtotals[0].score.value(), Some(d("50")));
}
