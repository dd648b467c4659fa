//! Export → import gives back the same draft: every figure, text and row. And the visible table
//! alone (what any other program sees) already carries every field the form has a cell for.

use jixiao_core::model::{ChildRow, Draft, FundRow, Indicator, Level1, Tier};
use jixiao_core::parse::{parse_amount, parse_points};
use jixiao_office::import::{import, import_table_only};
use jixiao_office::xlsx::{export, ExportDate};
use proptest::prelude::*;

const DATE: ExportDate = ExportDate { year: 2023, month: 3, day: 31 };

fn exported(draft: &Draft) -> Vec<u8> {
    export(draft, &jixiao_core::evaluate(draft), DATE).unwrap()
}

fn assert_round_trip(draft: &Draft) {
    let bytes = exported(draft);
    let back = import(&bytes).unwrap();
    assert_eq!(back.drafts.len(), 1);
    let got = &back.drafts[0];
    assert!(got.restored_from_export);
    if &got.draft != draft {
        let (a, b) = (jixiao_core::file_format::encode(&got.draft), jixiao_core::file_format::encode(draft));
        let first = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
        panic!("round trip differs at line {first}: got {:?}, want {:?}", a.lines().nth(first), b.lines().nth(first));
    }
    assert!(got.kept_in_notes.is_empty(), "{:?}", got.kept_in_notes);
    // No difference between the sheet's formulas/scores and the engine.
    let differences: Vec<_> = got.warnings.iter().filter(|w| w.message.contains("计算为")).collect();
    assert!(differences.is_empty(), "{differences:?}");

    let table = import_table_only(&bytes).unwrap();
    let seen = &table.drafts[0].draft;
    assert_eq!(seen.project.name.trim(), draft.project.name.trim());
    assert_eq!(seen.project.department.trim(), draft.project.department.trim());
    assert_eq!(seen.project.implementing_unit.trim(), draft.project.implementing_unit.trim());
    assert_eq!(seen.project.year.trim(), draft.project.year.trim());
    for source in jixiao_core::model::FundSource::ROWS {
        let (a, b) = (seen.funds.row(source).unwrap(), draft.funds.row(source).unwrap());
        for column in [
            jixiao_core::model::FundColumn::InitialBudget,
            jixiao_core::model::FundColumn::AnnualBudget,
            jixiao_core::model::FundColumn::Executed,
        ] {
            assert_eq!(parse_amount(a.cell(column)), parse_amount(b.cell(column)), "{source:?} {column:?}");
        }
    }
    assert_eq!(seen.goals.expected.trim(), draft.goals.expected.trim());
    assert_eq!(seen.goals.actual.trim(), draft.goals.actual.trim());
    assert_eq!(seen.indicators.len(), draft.indicators.len());
    for (a, b) in seen.indicators.iter().zip(&draft.indicators) {
        assert_eq!((a.level1, a.level2.trim(), a.name.trim()), (b.level1, b.level2.trim(), b.name.trim()));
        assert_eq!((a.target.trim(), a.actual.trim()), (b.target.trim(), b.actual.trim()));
        assert_eq!(parse_points(&a.weight), parse_points(&b.weight));
        assert_eq!(a.deviation.trim(), b.deviation.trim());
        assert_eq!(a.children.len(), b.children.len());
    }
}

#[test]
fn the_example_comes_back_whole() {
    assert_round_trip(&jixiao_core::example_draft());
}

#[test]
fn an_empty_draft_comes_back() {
    let mut draft = Draft::default();
    draft.project.name = "空白项目".into();
    assert_round_trip(&draft);
}

fn amount() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (0u32..100_000u32, 0u32..4u32).prop_map(|(n, places)| {
            let v = rust_decimal::Decimal::new(i64::from(n), places);
            v.to_string()
        }),
        (1u32..900u32).prop_map(|n| format!("{}元", n * 1000)),
        Just("５０".to_string()),
    ]
}

fn fund_row() -> impl Strategy<Value = FundRow> {
    (amount(), amount(), amount()).prop_map(|(initial_budget, annual_budget, executed)| FundRow {
        initial_budget,
        annual_budget,
        executed,
        ..FundRow::default()
    })
}

const NAMES: &[&str] =
    &["应急演练次数", "物资储备完好率", "项目完成时间", "群众安全意识", "服务对象满意度", "单位成本", "培训人次"];
const TARGETS: &[&str] = &["≥9次", "不低于95%", "2022年12月31日前", "有效提升", "≥90%", "≤500元", "100人次", "0起"];
const ACTUALS: &[&str] = &["12次", "98%", "按时完成", "明显提升", "95%", "482元", "", "0起"];
const LEVEL2: [&[&str]; 3] =
    [&["数量指标", "质量指标", "时效指标", "成本指标"], &["社会效益指标", "经济效益指标"], &["服务对象满意度指标"]];

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        0usize..3,
        0usize..4,
        0usize..NAMES.len(),
        0usize..TARGETS.len(),
        0usize..ACTUALS.len(),
        prop_oneof![Just(String::new()), (1u32..30).prop_map(|w| w.to_string()), Just("2.5".to_string())],
        prop::option::of(prop_oneof![Just(Tier::Achieved), Just(Tier::Partial)]),
        any::<bool>(),
        prop::collection::vec((0usize..NAMES.len(), 0usize..TARGETS.len()), 0..2),
        "[一-龥，。 ]{0,12}",
    )
        .prop_map(|(l1, l2, name, target, actual, weight, tier, not_applicable, children, deviation)| {
            let level2s = LEVEL2[l1];
            Indicator {
                level1: Level1::ALL[l1],
                level2: level2s[l2 % level2s.len()].to_string(),
                name: NAMES[name].to_string(),
                target: TARGETS[target].to_string(),
                actual: ACTUALS[actual].to_string(),
                weight,
                tier,
                not_applicable,
                deviation,
                children: children
                    .into_iter()
                    .map(|(n, t)| ChildRow {
                        name: format!("{}（明细）", NAMES[n]),
                        target: TARGETS[t].into(),
                        actual: String::new(),
                    })
                    .collect(),
                ..Indicator::default()
            }
        })
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        "[一-龥]{1,20}",
        "[一-龥]{0,10}",
        prop_oneof![Just("2022".to_string()), Just(String::new())],
        (fund_row(), fund_row(), fund_row()),
        "[一-龥，。0-9]{0,60}",
        prop::collection::vec(indicator(), 0..14),
        prop_oneof![Just("national-2020"), Just("hubei"), Just("sichuan")],
        "[一-龥\n]{0,30}",
    )
        .prop_map(|(name, department, year, (a, b, c), goal, indicators, profile, narrative)| {
            let mut draft = Draft { profile: profile.to_string(), ..Draft::default() };
            draft.project.name = name;
            draft.project.department = department;
            draft.project.year = year;
            draft.funds.current_year = a;
            draft.funds.carried_over = b;
            draft.funds.other = c;
            draft.goals.expected = goal;
            draft.narrative.problems = narrative;
            draft.indicators = indicators;
            for (k, row) in draft.indicators.iter_mut().enumerate() {
                row.id = k as u32 + 1;
            }
            draft
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_drafts_come_back_whole(draft in draft()) {
        assert_round_trip(&draft);
    }
}
