//! The generated 自评报告 sentences (docs/rules.md §5) for met, missed, over-achieved, 反向, 定性 and
//! edited rows.

mod common;

use common::*;
use jixiao_core::model::{Direction, Indicator, Level1, Tier};
use jixiao_core::{evaluate, report, Draft};

fn paragraph(draft: &Draft, key: &str) -> String {
    let eval = evaluate(draft);
    let report = report::generate(draft, &eval);
    report.blocks.iter().find(|b| b.key == key).unwrap_or_else(|| panic!("no paragraph {key}")).text.clone()
}

#[test]
fn a_missed_indicator_gives_the_rate_the_reason_and_the_next_step() {
    let mut draft = clean_draft();
    draft.indicators[0].actual = "15公里".into();
    draft.indicators[0].deviation = "雨季停工两个月。下一步将提前安排施工。".into();
    assert_eq!(
        paragraph(&draft, "indicator-1"),
        "指标1，本年度道路维修里程不低于20公里，本年度实际道路维修里程为15公里，完成率75%，未完成年初预期目标，\
         主要原因是雨季停工两个月。下一步将提前安排施工。"
    );
    assert_eq!(
        paragraph(&draft, "deviation-1"),
        "指标1“道路维修里程”未完成年度指标值，雨季停工两个月。下一步将提前安排施工。"
    );
}

#[test]
fn an_over_achieved_indicator_says_by_how_much() {
    let mut draft = clean_draft();
    draft.indicators[0].actual = "26公里".into();
    draft.indicators[0].deviation = "上级追加了维修任务".into();
    let text = paragraph(&draft, "indicator-1");
    assert!(
        text.contains("为26公里，超出年度指标值30%，本年度已完成年初预期目标，主要原因是上级追加了维修任务。"),
        "{text}"
    );
    assert!(paragraph(&draft, "deviation-1").contains("完成值高于年度指标值较多"));
}

#[test]
fn a_reverse_indicator_far_below_its_value_is_better_not_higher() {
    let mut draft = clean_draft();
    draft.indicators[0] = Indicator {
        deviation: "集中采购降低了成本".into(),
        ..ind(1, Level1::Output, "人均服务成本", "≤150元", "96元", "25")
    };
    let text = paragraph(&draft, "indicator-1");
    assert!(text.contains("不高于150元") && text.contains("优于年度指标值36%"), "{text}");
    let deviation = paragraph(&draft, "deviation-1");
    assert!(deviation.contains("完成值明显优于年度指标值") && !deviation.contains("高于"), "{deviation}");
}

#[test]
fn a_bare_number_is_written_with_its_comparison_whether_inferred_or_chosen() {
    let mut draft = clean_draft();
    draft.indicators[0] = Indicator {
        direction: Some(Direction::Reverse),
        ..ind(1, Level1::Output, "投诉平均办理时间", "3个工作日", "2个工作日", "25")
    };
    assert!(paragraph(&draft, "indicator-1").starts_with("指标1，本年度投诉平均办理时间不高于3个工作日，"));
    draft.indicators[0].direction = None;
    draft.indicators[0].target = "3个月".into();
    draft.indicators[0].actual = "2个月".into();
    draft.indicators[0].name = "项目完成时间".into();
    assert!(paragraph(&draft, "indicator-1").starts_with("指标1，本年度项目完成时间不高于3个月，"));
    // Written with a 比较词, the target is quoted as typed.
    draft.indicators[0].target = "控制在3个月以内".into();
    assert!(paragraph(&draft, "indicator-1").starts_with("指标1，本年度项目完成时间控制在3个月以内，"));
}

#[test]
fn a_qualitative_indicator_states_its_goal_and_what_was_done() {
    let mut draft = clean_draft();
    draft.indicators[2] = Indicator {
        tier: Some(Tier::Partial),
        tier_score: "20".into(),
        deviation: "部分村组管网未完工，下一步将加快施工".into(),
        ..ind(3, Level1::Benefit, "农村供水保障水平", "明显改善", "新建管网12公里", "30")
    };
    assert_eq!(
        paragraph(&draft, "indicator-3"),
        "指标3，本年度农村供水保障水平的目标为明显改善，实际完成情况为：新建管网12公里，部分完成年初预期目标并具有一定效果，\
         主要原因是部分村组管网未完工。下一步将加快施工。"
    );
}

#[test]
fn an_edited_paragraph_replaces_the_generated_one() {
    let mut draft = clean_draft();
    draft.report_edits.insert("indicator-1".into(), "指标1，全年完成道路维修22公里，超额完成任务。".into());
    let eval = evaluate(&draft);
    let report = report::generate(&draft, &eval);
    let block = report.blocks.iter().find(|b| b.key == "indicator-1").unwrap();
    assert!(block.edited && block.generated);
    assert_eq!(block.text, "指标1，全年完成道路维修22公里，超额完成任务。");
    let unedited = report::generate_unedited(&draft, &eval);
    assert!(unedited
        .blocks
        .iter()
        .find(|b| b.key == "indicator-1")
        .unwrap()
        .text
        .starts_with("指标1，本年度道路维修里程"));
}
