//! The built-in example is a real published report (西永街道办事处 2022 应急管理项目, 50 万元):
//! what evaluating it must give.

mod common;

use common::*;
use jixiao_core::checks::{FieldRef, IndicatorField};
use jixiao_core::model::NarrativeSection;
use jixiao_core::money::{fixed2, percent2};
use jixiao_core::report::{self, BlockKind};
use jixiao_core::scoring::{Grade, Status};
use jixiao_core::{evaluate, example_draft, Severity};

#[test]
fn funds_arrive_and_are_spent_in_full() {
    let eval = evaluate(&example_draft());
    assert_eq!(eval.funds.arrival_rate.show(percent2), "100.00%");
    assert_eq!(eval.funds.execution_rate.show(percent2), "100.00%");
    assert_eq!(eval.funds.execution_score.value(), Some(d("10")));
    assert_eq!(eval.funds.execution_score.show(fixed2), "10.00");
    assert_eq!(eval.funds.total.annual_budget, Some(d("50")));
}

#[test]
fn every_indicator_scores_in_full_and_the_total_is_100() {
    let eval = evaluate(&example_draft());
    assert_eq!(eval.indicators.len(), 11);
    for r in &eval.indicators {
        assert_eq!(r.score.value(), r.weight.clone().unwrap(), "指标{}", r.number);
    }
    assert_eq!(eval.total_weight, d("100"));
    assert_eq!(eval.total.value(), Some(d("100")));
    assert_eq!(eval.grade, Some(Grade::Excellent));
    let subtotals: Vec<_> = eval.subtotals.iter().map(|s| (s.weight, s.score.value())).collect();
    assert_eq!(subtotals, [(d("50"), Some(d("50"))), (d("30"), Some(d("30"))), (d("10"), Some(d("10")))]);
}

#[test]
fn indicator_9_is_higher_than_10_percent_with_exactly_10_percent() {
    let eval = evaluate(&example_draft());
    assert_eq!(row(&eval, 9).status, Status::StrictBoundary);
    assert_eq!(score(&eval, 9), Some(d("15")), "scored by the ratio, not met");
    expect_one(
        &eval,
        "c04-strict-boundary",
        Severity::Warning,
        at(9, IndicatorField::Actual),
        &["指标9「安全生产事故死亡人数下降幅度」", "高于10%", "恰好等于10%"],
    );
    // Being 未完成, the report's 改进措施 are asked for (the seed has 存在问题 but no 改进措施).
    let f = expect_one(
        &eval,
        "c15-problems-missing",
        Severity::Warning,
        FieldRef::Narrative { section: NarrativeSection::Improvements },
        &["指标9"],
    );
    assert!(f.message.contains("改进措施"));
}

#[test]
fn indicator_1_counts_villages_in_个_and_reports_them_in_家() {
    let eval = evaluate(&example_draft());
    expect_one(
        &eval,
        "c06-unit-differs",
        Severity::Warning,
        at(1, IndicatorField::Actual),
        &["指标1「村社区安全生产网格化管理数量」", "“家”", "“个”"],
    );
    assert_eq!(score(&eval, 1), Some(d("6")));
}

#[test]
fn the_narrative_says_18_publicity_events_where_the_table_says_15() {
    let eval = evaluate(&example_draft());
    let f = findings(&eval, "c13-narrative-numbers")
        .into_iter()
        .find(|f| f.message.contains("18场"))
        .expect("the 18 场 / 15 场 disagreement");
    assert_eq!(f.field, FieldRef::Narrative { section: NarrativeSection::Achievements });
    assert!(f.message.contains("指标4「应急安全宣传活动场次」") && f.message.contains("15场"), "{}", f.message);
    // 「道路巡查142次」 is another activity than 指标2 铁道路安全巡查: not a disagreement.
    assert_eq!(findings(&eval, "c13-narrative-numbers").len(), 1);
}

#[test]
fn half_an_hour_meets_at_most_two_hours() {
    let eval = evaluate(&example_draft());
    let r = row(&eval, 8);
    assert_eq!(r.score.value(), Some(d("6")));
    assert!(matches!(r.actual, Ok(Some(ref a)) if a.upper_bound && a.value == d("0.5")));
    assert_no(&eval, "c06-actual-invalid");
}

#[test]
fn no_errors_only_points_to_look_at() {
    let eval = evaluate(&example_draft());
    let errors: Vec<_> = eval.findings.iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_report_opens_with_the_seed_sentences() {
    let draft = example_draft();
    let eval = evaluate(&draft);
    let report = report::generate(&draft, &eval);
    assert_eq!(report.title, "应急管理项目2022年度绩效自评报告");
    let text = |key: &str| report.blocks.iter().find(|b| b.key == key).map(|b| b.text.clone()).unwrap();
    assert_eq!(
        text("targets-issued"),
        "2022年度高新区财政局年初共下达西永街道办事处应急管理项目资金50万元，全年执行数为50万元，执行率为100%。"
    );
    assert_eq!(text("funds-arrival"), "截至2022年末，预算资金为50万元，实际到位资金50万元，资金到位率为100%。");
    assert_eq!(text("funds-execution"), "截至2022年末，实际支出资金50万元，实际到位资金50万元。预算执行率为100%。");
    assert!(text("indicator-1").starts_with("指标1，本年度村社区安全生产网格化管理数量不低于9个"));
    assert!(text("indicator-1").ends_with("为9家，本年度已完成年初预期目标。"));
    assert!(text("indicator-9").contains("未完成年初预期目标"));
    let headings: Vec<&str> = report
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { level: 1 }))
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "一、绩效目标分解下达情况",
            "二、绩效目标完成情况分析",
            "三、偏离绩效目标的原因和下一步改进措施",
            "四、绩效自评结果拟应用和公开情况",
            "五、其他需要说明的问题",
        ]
    );
}
