//! Every check of docs/rules.md: a draft where it fires (id, severity, the field it points at,
//! a Chinese message naming the indicator or the figures) and one where it does not.

mod common;

use common::*;
use jixiao_core::checks::{FieldRef, GoalField, IndicatorField};
use jixiao_core::model::{FundColumn, FundSource, Indicator, Level1, NarrativeSection, Tier};
use jixiao_core::{evaluate, Decimal, Draft, Severity};

fn narrative(section: NarrativeSection) -> FieldRef {
    FieldRef::Narrative { section }
}

fn fund(source: FundSource, column: FundColumn) -> FieldRef {
    FieldRef::Fund { source, column }
}

/// The clean draft with its first indicator missed (15 of 20 公里) and explained.
fn with_a_miss() -> Draft {
    let mut draft = clean_draft();
    draft.indicators[0].actual = "15公里".into();
    draft.indicators[0].deviation = "雨季停工两个月，下一步将提前安排施工。".into();
    draft
}

#[test]
fn the_clean_draft_raises_no_finding_at_all() {
    let eval = evaluate(&clean_draft());
    assert!(eval.findings.is_empty(), "{:#?}", eval.findings);
}

// ---- 1. weights ----------------------------------------------------------------------------------

#[test]
fn c01_weights_not_summing_to_100() {
    let mut draft = clean_draft();
    draft.indicators[0].weight = "20".into();
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c01-weights-sum",
        Severity::Error,
        FieldRef::Indicators,
        &["95分", "执行率10分", "85分", "100分"],
    );
    draft.indicators[1].weight = "30".into();
    assert_no(&evaluate(&draft), "c01-weights-sum");
}

#[test]
fn c01_weight_split_differs_from_50_30_10_without_a_reason() {
    let mut draft = clean_draft();
    draft.indicators[0].weight = "35".into(); // 产出 60
    draft.indicators[2].weight = "20".into(); // 效益 20
    let eval = evaluate(&draft);
    assert_no(&eval, "c01-weights-sum");
    expect_one(
        &eval,
        "c01-weight-split",
        Severity::Warning,
        FieldRef::WeightSplitReason,
        &["产出60", "效益20", "满意度10", "50/30/10"],
    );
    draft.weight_split_reason = "本项目以工程建设为主，经主管部门同意提高产出指标权重。".into();
    assert_no(&evaluate(&draft), "c01-weight-split");
}

#[test]
fn c01_without_satisfaction_its_points_may_go_to_output_and_benefit_but_not_away_from_them() {
    let mut draft = clean_draft();
    draft.indicators.pop();
    draft.indicators[0].weight = "30".into(); // 产出 55, 效益 35
    draft.indicators[2].weight = "35".into();
    assert_no(&evaluate(&draft), "c01-weight-split");
    // 产出 90, 效益 0: not “its 10 points go to 产出/效益”.
    draft.indicators[0].weight = "45".into();
    draft.indicators[1].weight = "45".into();
    draft.indicators[2].weight = "0".into();
    let eval = evaluate(&draft);
    assert_no(&eval, "c01-weights-sum");
    expect_one(&eval, "c01-weight-split", Severity::Warning, FieldRef::WeightSplitReason, &["产出90", "效益0"]);
}

// ---- 2. score above weight, tier band --------------------------------------------------------------

#[test]
fn c02_an_override_above_the_weight() {
    let mut draft = clean_draft();
    draft.indicators[1].override_score = "26".into();
    draft.indicators[1].override_reason = "复核后调整".into();
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c02-score-above-weight",
        Severity::Error,
        at(2, IndicatorField::OverrideScore),
        &["指标2「培训参训人次」", "26", "25"],
    );
    draft.indicators[1].override_score = "24".into();
    draft.indicators[1].deviation = "部分学员缺课，下一步加强考勤。".into();
    assert_no(&evaluate(&draft), "c02-score-above-weight");
}

#[test]
fn c02_a_qualitative_score_outside_its_tier_band() {
    let mut draft = clean_draft();
    draft.indicators[2] = Indicator {
        tier: Some(Tier::Partial),
        tier_score: "25".into(),
        deviation: "部分村组管网未完工，下一步加快施工。".into(),
        ..ind(3, Level1::Benefit, "农村供水保障水平", "有效提升", "新建管网12公里，水压达标", "30")
    };
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c02-tier-score-band",
        Severity::Error,
        at(3, IndicatorField::TierScore),
        &["指标3「农村供水保障水平」", "“25”", "部分达成", "18–24分"],
    );
    draft.indicators[2].tier_score = "20".into();
    assert_no(&evaluate(&draft), "c02-tier-score-band");
}

// ---- 3. 偏差原因分析及改进措施 required ------------------------------------------------------------

#[test]
fn c03_a_miss_needs_a_deviation_explanation_and_placeholders_do_not_count() {
    let mut draft = with_a_miss();
    assert_no(&evaluate(&draft), "c03-deviation-required");
    draft.indicators[0].deviation = "".into();
    expect_one(
        &evaluate(&draft),
        "c03-deviation-required",
        Severity::Error,
        at(1, IndicatorField::Deviation),
        &["指标1「道路维修里程」", "75.00%", "18.75", "偏差原因分析及改进措施"],
    );
    for placeholder in ["无", "0", "/", "略", "无。", "原", "—", "同上"] {
        draft.indicators[0].deviation = placeholder.into();
        let eval = evaluate(&draft);
        assert_no(&eval, "c03-deviation-required");
        expect_one(
            &eval,
            "c03-deviation-placeholder",
            Severity::Error,
            at(1, IndicatorField::Deviation),
            &["指标1「道路维修里程」", &format!("只写了“{placeholder}”"), "具体原因", "改进措施"],
        );
    }
}

#[test]
fn c03_a_placeholder_on_a_row_that_deviated_by_30_percent_or_more() {
    let mut draft = clean_draft();
    draft.indicators[0].actual = "30公里".into(); // 150 % of 20
    draft.indicators[0].deviation = "/".into();
    let eval = evaluate(&draft);
    assert_no(&eval, "c03-over-achievement");
    expect_one(
        &eval,
        "c03-deviation-placeholder",
        Severity::Warning,
        at(1, IndicatorField::Deviation),
        &["指标1「道路维修里程」", "150.00%", "30%", "“/”", "偏低"],
    );
    draft.indicators[0].deviation = "上级追加了维修任务，年初指标值设定偏低。".into();
    assert_no(&evaluate(&draft), "c03-deviation-placeholder");
    // A row met within 30 % needs no explanation, whatever the cell holds.
    let mut draft = clean_draft();
    draft.indicators[0].deviation = "无".into();
    assert_no(&evaluate(&draft), "c03-deviation-placeholder");
}

#[test]
fn c03_a_reverse_miss_and_a_lowered_override_need_it_too() {
    let mut draft = clean_draft();
    draft.indicators[0] = ind(1, Level1::Output, "平均处置时间", "≤2小时", "2.5小时", "25");
    expect_one(
        &evaluate(&draft),
        "c03-deviation-required",
        Severity::Error,
        at(1, IndicatorField::Deviation),
        &["指标1「平均处置时间」"],
    );
    let mut draft = clean_draft();
    draft.indicators[0].override_score = "22".into();
    draft.indicators[0].override_reason = "年初指标值偏低，调减分值".into();
    expect_one(
        &evaluate(&draft),
        "c03-deviation-required",
        Severity::Error,
        at(1, IndicatorField::Deviation),
        &["指标1"],
    );
}

#[test]
fn c03_over_achievement_asks_for_an_analysis() {
    let mut draft = clean_draft();
    draft.indicators[1].actual = "600人次".into(); // 150 %
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c03-over-achievement",
        Severity::Warning,
        at(2, IndicatorField::Deviation),
        &["指标2「培训参训人次」", "150.00%", "30%", "调减分值"],
    );
    assert_no(&eval, "c03-deviation-required");
    draft.indicators[1].deviation = "上级追加培训任务，下一步合理设定指标值。".into();
    assert_no(&evaluate(&draft), "c03-over-achievement");
}

#[test]
fn c03_execution_below_90_percent_needs_an_explanation() {
    let mut draft = with_a_miss();
    draft.funds = funds("100", "100", "85", "100");
    let eval = evaluate(&draft);
    expect_one(&eval, "c03-funds-explanation", Severity::Warning, FieldRef::FundsExplanation, &["85.00%", "90%"]);
    // 四川: an error.
    let mut sichuan = draft.clone();
    sichuan.profile = "sichuan".into();
    sichuan.funds.current_year.adjusted_budget = "100".into();
    expect_one(&evaluate(&sichuan), "c03-funds-explanation", Severity::Error, FieldRef::FundsExplanation, &["85.00%"]);
    draft.funds.deviation_reason = "部分工程款按合同约定于次年支付。".into();
    assert_no(&evaluate(&draft), "c03-funds-explanation");
    draft.funds = funds("100", "100", "90", "100");
    draft.funds.deviation_reason.clear();
    assert_no(&evaluate(&draft), "c03-funds-explanation");
}

#[test]
fn c03_the_90_percent_line_applies_to_the_rate_as_shown() {
    let mut draft = with_a_miss();
    draft.funds = funds("100", "100", "89.996", "100"); // shown 90.00 %
    let eval = evaluate(&draft);
    assert_eq!(eval.funds.execution_rate.show(jixiao_core::money::percent2), "90.00%");
    assert_no(&eval, "c03-funds-explanation");
    draft.funds = funds("100", "100", "89.994", "100"); // shown 89.99 %
    expect_one(&evaluate(&draft), "c03-funds-explanation", Severity::Warning, FieldRef::FundsExplanation, &["89.99%"]);
    // 100.004 % is shown 100.00 %: not "over budget".
    let mut draft = clean_draft();
    draft.funds = funds("100", "100", "100.004", "100");
    assert_no(&evaluate(&draft), "x-executed-over-budget");
    draft.funds = funds("100", "100", "100.005", "100");
    assert_eq!(findings(&evaluate(&draft), "x-executed-over-budget").len(), 1);
}

#[test]
fn c03_a_mid_year_budget_change_needs_an_explanation() {
    let mut draft = clean_draft();
    draft.funds = funds("100", "120", "120", "120");
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c03-funds-explanation",
        Severity::Warning,
        FieldRef::FundsExplanation,
        &["120.00万元", "100.00万元", "年中调整"],
    );
    draft.funds.deviation_reason = "年中追加应急抢修资金20万元。".into();
    assert_no(&evaluate(&draft), "c03-funds-explanation");
}

// ---- 4. strict boundary ---------------------------------------------------------------------------

#[test]
fn c04_more_than_with_the_actual_exactly_at_the_value() {
    let mut draft = clean_draft();
    draft.indicators[2].target = "高于90%".into();
    draft.indicators[2].actual = "90%".into();
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c04-strict-boundary",
        Severity::Warning,
        at(3, IndicatorField::Actual),
        &["指标3「群众饮水保障率」", "高于90%", "恰好等于"],
    );
    draft.indicators[2].actual = "91%".into();
    assert_no(&evaluate(&draft), "c04-strict-boundary");
    draft.indicators[2].target = "不低于90%".into();
    draft.indicators[2].actual = "90%".into();
    assert_no(&evaluate(&draft), "c04-strict-boundary");
}

#[test]
fn c04_less_than_with_the_actual_exactly_at_the_value() {
    let mut draft = clean_draft();
    draft.indicators[0] = ind(1, Level1::Output, "平均处置时间", "低于2小时", "2小时", "25");
    expect_one(
        &evaluate(&draft),
        "c04-strict-boundary",
        Severity::Warning,
        at(1, IndicatorField::Actual),
        &["指标1「平均处置时间」", "低于2小时"],
    );
}

// ---- 5. every actual equals its target ------------------------------------------------------------

#[test]
fn c05_every_actual_copied_from_its_target() {
    let mut draft = clean_draft();
    draft.indicators[0].actual = "20公里".into();
    draft.indicators[1].actual = "400人次".into();
    draft.indicators[2].actual = "90%".into();
    draft.indicators[3].actual = "90%".into();
    draft.indicators[3].survey = survey("问卷调查", "200", "180");
    let eval = evaluate(&draft);
    expect_one(&eval, "c05-actual-equals-target", Severity::Warning, FieldRef::Indicators, &["全部4项", "完全相同"]);
    draft.indicators[0].actual = "21公里".into();
    assert_no(&evaluate(&draft), "c05-actual-equals-target");
}

// ---- 6. actual with an operator, non-numeric for a numeric target ---------------------------------

#[test]
fn c06_an_actual_that_copies_the_operator() {
    let mut draft = clean_draft();
    draft.indicators[0].actual = "≥22公里".into();
    let eval = evaluate(&draft);
    assert_no(&eval, "c06-actual-invalid");
    expect_one(
        &eval,
        "c06-operator-in-actual",
        Severity::Warning,
        at(1, IndicatorField::Actual),
        &["指标1「道路维修里程」", "“≥”", "22公里", "实际完成值应填写实际数，不带比较词"],
    );
    // Read and scored: the total does not disappear.
    assert_eq!(row(&eval, 1).score.value(), Some(d("25")));
    assert_eq!(eval.total.value(), Some(d("100")));
    draft.indicators[0].actual = "不低于15公里".into();
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c06-operator-in-actual",
        Severity::Warning,
        at(1, IndicatorField::Actual),
        &["不低于", "15公里"],
    );
    assert_eq!(row(&eval, 1).score.value(), Some(d("18.75")));
    draft.indicators[0].actual = "22公里".into();
    assert_no(&evaluate(&draft), "c06-operator-in-actual");
}

#[test]
fn c06_child_rows_in_another_unit() {
    use jixiao_core::model::ChildRow;
    let child = |name: &str, target: &str, actual: &str| ChildRow {
        name: name.into(),
        target: target.into(),
        actual: actual.into(),
    };
    let mut draft = clean_draft();
    draft.indicators[0].children = vec![child("主干道", "12公里", "13公里"), child("支路", "8000米", "9000米")];
    assert_no(&evaluate(&draft), "c06-child-units");
    draft.indicators[0].children[1] = child("支路", "8处", "9处");
    let eval = evaluate(&draft);
    let found = findings(&eval, "c06-child-units");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].field, at(1, IndicatorField::Target));
    assert!(
        found[0].message.contains("“支路”") && found[0].message.contains("“处”") && found[0].message.contains("“公里”")
    );
    // Without a unit on the parent, the children must agree with each other.
    draft.indicators[0].target = "道路维修完成".into();
    draft.indicators[0].tier = Some(Tier::Achieved);
    draft.indicators[0].actual = "主干道13公里，支路9处均已完工".into();
    let eval = evaluate(&draft);
    assert!(findings(&eval, "c06-child-units").iter().any(|f| f.message.contains("明细“主干道”")));
}

#[test]
fn c06_a_word_for_a_numeric_target() {
    let mut draft = clean_draft();
    draft.indicators[0] = ind(1, Level1::Output, "项目成本", "≤30万元", "完成", "25");
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c06-actual-invalid",
        Severity::Error,
        at(1, IndicatorField::Actual),
        &["指标1「项目成本」", "“完成”", "≤30万元"],
    );
    draft.indicators[0].actual = "28万元".into();
    assert_no(&evaluate(&draft), "c06-actual-invalid");
    draft.indicators[0].actual = "280000元".into();
    let eval = evaluate(&draft);
    assert_no(&eval, "c06-actual-invalid");
    assert_eq!(score(&eval, 1), Some(d("25")));
}

#[test]
fn c06_units_that_cannot_be_compared() {
    let mut draft = clean_draft();
    draft.indicators[0].actual = "22小时".into();
    expect_one(
        &evaluate(&draft),
        "c06-actual-invalid",
        Severity::Error,
        at(1, IndicatorField::Actual),
        &["指标1", "小时", "公里"],
    );
}

#[test]
fn c06_a_different_measure_word_is_a_soft_warning() {
    let mut draft = clean_draft();
    draft.indicators[0] = ind(1, Level1::Output, "网格化管理社区数量", "不低于9个", "10家", "25");
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c06-unit-differs",
        Severity::Warning,
        at(1, IndicatorField::Actual),
        &["指标1「网格化管理社区数量」", "“家”", "“个”"],
    );
    assert_eq!(score(&eval, 1), Some(d("25")), "compared as numbers");
    draft.indicators[0].actual = "10个".into();
    assert_no(&evaluate(&draft), "c06-unit-differs");
}

// ---- 7. budget lowered to spending ----------------------------------------------------------------

#[test]
fn c07_budget_lowered_to_equal_spending() {
    let mut draft = clean_draft();
    draft.funds = funds("100", "80", "80", "80");
    draft.funds.deviation_reason = "年中调减预算。".into();
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c07-budget-lowered",
        Severity::Warning,
        fund(FundSource::CurrentYear, FundColumn::AnnualBudget),
        &["80.00万元", "100.00万元", "100%"],
    );
    draft.funds = funds("100", "80", "78", "80");
    assert_no(&evaluate(&draft), "c07-budget-lowered");
    draft.funds = funds("100", "100", "100", "100");
    assert_no(&evaluate(&draft), "c07-budget-lowered");
}

// ---- 8. execution rate against the indicators -----------------------------------------------------

#[test]
fn c08_low_execution_while_every_indicator_is_full() {
    let mut draft = clean_draft();
    draft.funds = funds("100", "100", "70", "100");
    draft.funds.deviation_reason = "结余资金按规定收回。".into();
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c08-execution-vs-indicators",
        Severity::Warning,
        FieldRef::FundsExplanation,
        &["70.00%", "满分"],
    );
    let mut draft = with_a_miss();
    draft.funds = funds("100", "100", "70", "100");
    draft.funds.deviation_reason = "结余资金按规定收回。".into();
    assert_no(&evaluate(&draft), "c08-execution-vs-indicators");
}

#[test]
fn c08_full_execution_while_indicators_are_badly_missed() {
    let mut draft = clean_draft();
    draft.indicators[0].actual = "2公里".into();
    draft.indicators[0].deviation = "施工单位违约，下一步依法追责。".into();
    draft.indicators[1].actual = "100人次".into();
    draft.indicators[1].deviation = "疫情影响，下一步改为线上培训。".into();
    let eval = evaluate(&draft);
    // 2.5 + 6.25 + 30 + 10 = 48.75 of 90 (< 80 %)
    expect_one(
        &eval,
        "c08-execution-vs-indicators",
        Severity::Warning,
        FieldRef::Indicators,
        &["100.00%", "90分", "48.75分"],
    );
    assert_no(&evaluate(&with_a_miss()), "c08-execution-vs-indicators");
}

// ---- 9. satisfaction without a survey basis -------------------------------------------------------

#[test]
fn c09_satisfaction_without_a_survey() {
    let mut draft = clean_draft();
    draft.indicators[3].survey = survey("", "", "");
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c09-satisfaction-basis",
        Severity::Warning,
        at(4, IndicatorField::Survey),
        &["指标4「群众满意度」", "调查方式", "样本数", "满意人数"],
    );
}

#[test]
fn c09_survey_rate_is_computed_and_compared_with_the_actual() {
    let mut draft = clean_draft();
    draft.indicators[3].survey = survey("问卷调查", "200", "170");
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c09-satisfaction-basis",
        Severity::Warning,
        at(4, IndicatorField::Actual),
        &["指标4「群众满意度」", "170/200", "85.00%", "95%"],
    );
    draft.indicators[3].survey = survey("问卷调查", "200", "250");
    expect_one(
        &evaluate(&draft),
        "c09-satisfaction-basis",
        Severity::Error,
        at(4, IndicatorField::Survey),
        &["250", "200"],
    );
    draft.indicators[3].survey = survey("问卷调查", "200人", "190人");
    assert_no(&evaluate(&draft), "c09-satisfaction-basis");
    // Only for 满意度指标.
    let mut draft = clean_draft();
    draft.indicators[2].survey = survey("", "", "");
    assert_no(&evaluate(&draft), "c09-satisfaction-basis");
}

// ---- 10. qualitative 达成 without a description ----------------------------------------------------

#[test]
fn c10_qualitative_achieved_without_saying_what() {
    let mut draft = clean_draft();
    draft.indicators[2] = Indicator {
        tier: Some(Tier::Achieved),
        ..ind(3, Level1::Benefit, "农村供水保障水平", "有效提升", "无", "30")
    };
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c10-qualitative-description",
        Severity::Warning,
        at(3, IndicatorField::Actual),
        &["指标3「农村供水保障水平」", "达成"],
    );
    assert_no(&eval, "c10-actual-restates-target");
    draft.indicators[2].actual = "新建管网12公里，3个村通自来水".into();
    assert_no(&evaluate(&draft), "c10-qualitative-description");
}

#[test]
fn c10_a_qualitative_actual_that_only_restates_the_target_or_the_verdict() {
    let mut draft = clean_draft();
    draft.indicators[2] = Indicator {
        tier: Some(Tier::Achieved),
        ..ind(3, Level1::Benefit, "农村供水保障水平", "有效提升", "达成预期指标", "30")
    };
    for restating in ["达成预期指标", "已完成", "完成", "达到预期", "有效提升", "已达到预期目标。", "全部完成"]
    {
        draft.indicators[2].actual = restating.into();
        let eval = evaluate(&draft);
        expect_one(
            &eval,
            "c10-actual-restates-target",
            Severity::Warning,
            at(3, IndicatorField::Actual),
            &["指标3「农村供水保障水平」", &format!("“{restating}”"), "实际做了什么"],
        );
        assert_no(&eval, "c10-qualitative-description");
    }
    for factual in ["新建管网12公里，3个村通自来水", "达到预期，全镇自来水普及率提高到96%", "完成水厂改造"]
    {
        draft.indicators[2].actual = factual.into();
        assert_no(&evaluate(&draft), "c10-actual-restates-target");
    }
}

// ---- 11. unlikely 二级 ------------------------------------------------------------------------------

#[test]
fn c11_a_cost_under_benefit_and_a_count_under_satisfaction() {
    let mut draft = clean_draft();
    draft.indicators[2] = Indicator {
        level2: "生态效益指标".into(),
        ..ind(3, Level1::Benefit, "项目成本控制", "≤30万元", "28万元", "30")
    };
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c11-unlikely-category",
        Severity::Hint,
        at(3, IndicatorField::Level2),
        &["指标3「项目成本控制」", "成本指标", "生态效益指标"],
    );

    let mut draft = clean_draft();
    draft.indicators[3] = Indicator {
        survey: survey("问卷调查", "200", "190"),
        ..ind(4, Level1::Satisfaction, "回访户数", "≥100户", "120户", "10")
    };
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c11-unlikely-category",
        Severity::Hint,
        at(4, IndicatorField::Level2),
        &["指标4「回访户数」", "计数", "数量指标"],
    );
    assert_no(&evaluate(&clean_draft()), "c11-unlikely-category");
}

// ---- 12. one indicator with half the points -------------------------------------------------------

#[test]
fn c12_one_indicator_carrying_half_of_all_points() {
    let mut draft = clean_draft();
    draft.indicators[0].weight = "50".into();
    draft.indicators.remove(1);
    draft.weight_split_reason = "单一产出".into();
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c12-dominant-indicator",
        Severity::Warning,
        at(1, IndicatorField::Weight),
        &["指标1「道路维修里程」", "50分", "100分"],
    );
    draft.indicators[0].weight = "49".into();
    assert_no(&evaluate(&draft), "c12-dominant-indicator");
}

#[test]
fn c12_is_relative_to_all_points_when_they_do_not_add_up_to_100() {
    // 10 (执行率) + 30 + 5 + 5 + 5 = 55 points: the 30-point indicator carries more than half.
    let mut draft = clean_draft();
    for (ind, w) in draft.indicators.iter_mut().zip(["30", "5", "5", "5"]) {
        ind.weight = w.into();
    }
    let eval = evaluate(&draft);
    assert_eq!(eval.total_weight, d("55"));
    expect_one(&eval, "c12-dominant-indicator", Severity::Warning, at(1, IndicatorField::Weight), &["30分", "55分"]);
    draft.indicators[1].weight = "15".into(); // 65 points: 30 is 46 %
    assert_no(&evaluate(&draft), "c12-dominant-indicator");
}

// ---- 13. narrative numbers against the table ------------------------------------------------------

#[test]
fn c13_a_figure_in_the_achievements_that_disagrees_with_the_table() {
    let mut draft = clean_draft();
    draft.narrative.achievements = "全年完成道路维修25公里，供水设施运行平稳。".into();
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c13-narrative-numbers",
        Severity::Warning,
        narrative(NarrativeSection::Achievements),
        &["全年完成道路维修25公里", "指标1「道路维修里程」", "22公里"],
    );
    draft.narrative.achievements = "全年完成道路维修22公里，约30余公里的支线待明年安排。".into();
    assert_no(&evaluate(&draft), "c13-narrative-numbers");
}

#[test]
fn c13_the_goal_description_and_edited_report_paragraphs_are_checked_too() {
    let mut draft = clean_draft();
    draft.goals.actual = "完成道路维修30公里。".into();
    expect_one(
        &evaluate(&draft),
        "c13-narrative-numbers",
        Severity::Warning,
        FieldRef::Goal { field: GoalField::Actual },
        &["30公里", "22公里"],
    );

    let mut draft = clean_draft();
    draft.report_edits.insert("indicator-1".into(), "指标1，本年度道路维修里程不低于20公里，实际完成25公里。".into());
    expect_one(
        &evaluate(&draft),
        "c13-narrative-numbers",
        Severity::Warning,
        FieldRef::ReportParagraph { key: "indicator-1".into() },
        &["25公里", "22公里"],
    );
}

// ---- 14. division by zero --------------------------------------------------------------------------

#[test]
fn c14_a_zero_budget() {
    let mut draft = clean_draft();
    draft.funds = funds("0", "0", "0", "0");
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c14-not-computable",
        Severity::Warning,
        fund(FundSource::CurrentYear, FundColumn::AnnualBudget),
        &["全年预算数", "为0", "—"],
    );
    assert_no(&evaluate(&clean_draft()), "c14-not-computable");
}

#[test]
fn c14_a_zero_target_or_actual() {
    let mut draft = clean_draft();
    draft.indicators[0] = ind(1, Level1::Output, "安全事故起数", "为0起", "0起", "25");
    expect_one(
        &evaluate(&draft),
        "c14-not-computable",
        Severity::Hint,
        at(1, IndicatorField::Target),
        &["指标1「安全事故起数」", "—"],
    );
}

#[test]
fn c14_a_survey_of_nobody() {
    let mut draft = clean_draft();
    draft.indicators[3].survey = survey("问卷调查", "0", "0");
    expect_one(
        &evaluate(&draft),
        "c14-not-computable",
        Severity::Warning,
        at(4, IndicatorField::Survey),
        &["指标4「群众满意度」", "样本数为0"],
    );
}

// ---- 15. problems and improvements ---------------------------------------------------------------

#[test]
fn c15_problems_and_improvements_empty_while_indicators_are_missed() {
    let mut draft = with_a_miss();
    draft.narrative.problems = "无".into();
    draft.narrative.improvements = String::new();
    let eval = evaluate(&draft);
    assert_eq!(findings(&eval, "c15-problems-missing").len(), 2);
    for section in [NarrativeSection::Problems, NarrativeSection::Improvements] {
        let f = eval
            .findings
            .iter()
            .find(|f| f.check.code() == "c15-problems-missing" && f.field == narrative(section))
            .unwrap_or_else(|| panic!("{section:?}"));
        assert_eq!(f.severity, Severity::Warning);
        assert!(is_chinese(&f.message) && f.message.contains("指标1「道路维修里程」"), "{}", f.message);
    }
    // Nothing missed: empty sections are fine as far as check 15 goes.
    let mut draft = clean_draft();
    draft.narrative.problems.clear();
    draft.narrative.improvements.clear();
    assert_no(&evaluate(&draft), "c15-problems-missing");
}

// ---- stable ids --------------------------------------------------------------------------------------

#[test]
fn check_ids_are_stable() {
    use jixiao_core::CheckId::*;
    let ids: Vec<String> = [
        WeightsSum,
        WeightSplit,
        ScoreAboveWeight,
        TierScoreOutsideBand,
        DeviationRequired,
        OverAchievement,
        FundsExplanationRequired,
        StrictBoundary,
        ActualsEqualTargets,
        ActualInvalid,
        UnitDiffers,
        BudgetLoweredToSpending,
        ExecutionVsIndicators,
        SatisfactionBasis,
        QualitativeDescription,
        UnlikelyCategory,
        DominantIndicator,
        NarrativeNumbers,
        NotComputable,
        ProblemsMissing,
    ]
    .iter()
    .map(|c| c.code())
    .collect();
    assert_eq!(
        ids,
        [
            "c01-weights-sum",
            "c01-weight-split",
            "c02-score-above-weight",
            "c02-tier-score-band",
            "c03-deviation-required",
            "c03-over-achievement",
            "c03-funds-explanation",
            "c04-strict-boundary",
            "c05-actual-equals-target",
            "c06-actual-invalid",
            "c06-unit-differs",
            "c07-budget-lowered",
            "c08-execution-vs-indicators",
            "c09-satisfaction-basis",
            "c10-qualitative-description",
            "c11-unlikely-category",
            "c12-dominant-indicator",
            "c13-narrative-numbers",
            "c14-not-computable",
            "c15-problems-missing",
        ]
    );
}

#[test]
fn findings_come_errors_first() {
    let mut draft = with_a_miss();
    draft.indicators[0].deviation.clear();
    draft.indicators[1].actual = "≥400人次".into();
    draft.narrative.problems.clear();
    let eval = evaluate(&draft);
    let severities: Vec<Severity> = eval.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    assert!(severities.contains(&Severity::Error) && severities.contains(&Severity::Warning));
}

#[test]
fn every_field_ref_has_a_stable_anchor() {
    assert_eq!(at(3, IndicatorField::Actual).anchor(), "indicator-3-actual");
    assert_eq!(fund(FundSource::CurrentYear, FundColumn::Executed).anchor(), "fund-current_year-executed");
    assert_eq!(narrative(NarrativeSection::Problems).anchor(), "narrative-problems");
    assert_eq!(FieldRef::FundsExplanation.anchor(), "funds-explanation");
    assert_eq!(FieldRef::ReportParagraph { key: "indicator-1".into() }.anchor(), "report-indicator-1");
}

#[test]
fn a_missing_received_amount_is_hinted_because_the_report_needs_it() {
    let mut draft = clean_draft();
    draft.funds.current_year.received.clear();
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "x-amount-invalid",
        Severity::Hint,
        fund(FundSource::CurrentYear, FundColumn::Received),
        &["到位数", "到位率"],
    );
    assert_eq!(eval.funds.arrival_rate.show(jixiao_core::money::percent2), "—");
}

// ---- new checks of the published forms ----------------------------------------------------------

#[test]
fn c11_a_satisfaction_indicator_under_an_unofficial_level2() {
    let mut draft = clean_draft();
    draft.indicators[3].level2 = "社会满意度指标".into();
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c11-satisfaction-level2",
        Severity::Warning,
        at(4, IndicatorField::Level2),
        &["指标4「群众满意度」", "“社会满意度指标”", "服务对象满意度指标"],
    );
    assert_no(&eval, "c11-unlikely-category");
    draft.indicators[3].level2 = "服务对象满意度指标".into();
    assert_no(&evaluate(&draft), "c11-satisfaction-level2");
}

#[test]
fn c16_a_cost_indicator_against_the_funds_table() {
    let cost = |name: &str, target: &str, actual: &str| Indicator {
        level2: "成本指标".into(),
        deviation: String::new(),
        ..ind(2, Level1::Output, name, target, actual, "25")
    };
    let mut draft = clean_draft();
    draft.indicators[1] = cost("设备购置成本", "≤120万元", "90万元");
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c16-cost-vs-funds",
        Severity::Warning,
        at(2, IndicatorField::Target),
        &["指标2「设备购置成本」", "120万元", "全年预算数100万元"],
    );
    draft.indicators[1] = cost("设备购置成本", "≤900000元", "850000元");
    assert_no(&evaluate(&draft), "c16-cost-vs-funds");
    // The whole project's cost is what the funds table says was spent.
    draft.indicators[1] = cost("项目总成本", "≤100万元", "95万元");
    let eval = evaluate(&draft);
    expect_one(
        &eval,
        "c16-cost-vs-funds",
        Severity::Warning,
        at(2, IndicatorField::Actual),
        &["指标2「项目总成本」", "95万元", "全年执行数为100万元"],
    );
    draft.indicators[1] = cost("项目总成本", "≤100万元", "1000000元");
    assert_no(&evaluate(&draft), "c16-cost-vs-funds");
    // Outside a 成本指标 an amount is not a cost.
    draft.indicators[1] =
        Indicator { level2: "数量指标".into(), ..cost("发放补贴资金", "≥120万元", "125万元") };
    assert_no(&evaluate(&draft), "c16-cost-vs-funds");
}

#[test]
fn c17_a_goal_that_is_only_an_amount_or_a_number() {
    let mut draft = clean_draft();
    for (figure, field) in [("50万元", GoalField::Expected), ("100%", GoalField::Actual), ("9个", GoalField::Expected)]
    {
        let mut d = draft.clone();
        match field {
            GoalField::Expected => d.goals.expected = figure.into(),
            GoalField::Actual => d.goals.actual = figure.into(),
        }
        expect_one(
            &evaluate(&d),
            "c17-goal-only-figure",
            Severity::Warning,
            FieldRef::Goal { field },
            &[&format!("只写了“{figure}”"), "做什么"],
        );
    }
    draft.goals.expected = "投入50万元，完成9个村社区网格化管理".into();
    assert_no(&evaluate(&draft), "c17-goal-only-figure");
}

#[test]
fn c02_a_rounded_score_above_its_weight_is_caught() {
    // The rounding rule keeps this from happening; the check guards it.
    let mut draft = clean_draft();
    draft.indicators[0].weight = "24.996".into();
    draft.indicators[1].weight = "25.004".into();
    let eval = evaluate(&draft);
    assert_eq!(row(&eval, 1).score.value(), Some(d("24.99")), "never rounded above 24.996");
    assert_no(&eval, "c02-rounded-above-weight");
    let mut tampered = eval.clone();
    std::sync::Arc::make_mut(&mut tampered.indicators[0]).score = jixiao_core::Computed::Value(d("25"));
    let profile = jixiao_core::profile::default_profile();
    let found = jixiao_core::checks::run(&draft, &tampered, profile);
    let found: Vec<_> = found.iter().filter(|f| f.check.code() == "c02-rounded-above-weight").collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Error);
    assert!(found[0].message.contains("25.00") && found[0].message.contains("24.996"), "{}", found[0].message);
}

#[test]
fn c18_the_units_own_scores_against_the_rules() {
    let mut draft = clean_draft();
    let evaluation = evaluate(&draft);
    let first = evaluation.indicators[0].score.value().unwrap();
    let total = evaluation.total.value().unwrap();
    let rate = evaluation.funds.execution_rate.value().unwrap() * Decimal::ONE_HUNDRED;
    // Claims that follow from the figures: nothing to say (2 dp as the form shows them; a rate as % or ratio).
    draft.indicators[0].claimed_score = jixiao_core::money::fixed2(first);
    draft.claimed.total = format!("{}分", jixiao_core::money::natural(total));
    draft.claimed.execution_rate = format!("{}%", jixiao_core::money::natural(rate));
    assert_no(&evaluate(&draft), "c18-claimed-differs");
    draft.claimed.execution_rate = (rate / Decimal::ONE_HUNDRED).to_string();
    assert_no(&evaluate(&draft), "c18-claimed-differs");
    // A row claiming more than the rules give, and a total that does not add up: each named.
    draft.indicators[0].claimed_score = (first + Decimal::ONE).to_string();
    let id = draft.indicators[0].id;
    expect_one(
        &evaluate(&draft),
        "c18-claimed-differs",
        Severity::Warning,
        FieldRef::Indicator { id, field: IndicatorField::Name },
        &["单位自评表中的得分为", &jixiao_core::money::fixed2(first)],
    );
    draft.indicators[0].claimed_score = String::new();
    let off = |v: Decimal| jixiao_core::money::natural(v - Decimal::new(35, 1));
    draft.claimed.total = off(total);
    draft.claimed.execution_score = off(evaluation.funds.execution_score.value().unwrap());
    let found: Vec<_> =
        evaluate(&draft).findings.into_iter().filter(|f| f.check.code() == "c18-claimed-differs").collect();
    let shown: Vec<&str> = found.iter().map(|f| &*f.message).collect();
    assert_eq!(found.len(), 2, "{shown:?}");
    assert!(shown.iter().any(|m| m.contains(&format!("总分为{}", off(total)))), "{shown:?}");
    assert!(shown.iter().any(|m| m.contains("执行率得分为")), "{shown:?}");
    // An unreadable claim is not compared (nothing invented).
    draft.claimed = Default::default();
    draft.indicators[0].claimed_score = "满分".into();
    assert_no(&evaluate(&draft), "c18-claimed-differs");
}
