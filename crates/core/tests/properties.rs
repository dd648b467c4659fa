//! Properties over generated input: the readers never panic, scores stay in [0, w], 正向 scores
//! rise with the actual and 反向 scores fall, the total is the sum of its parts, and `evaluate`
//! survives any draft.

use jixiao_core::model::{
    ChildRow, Claimed, Direction, Draft, FundRow, Funds, Goals, Indicator, IndicatorReview, Level1, Narrative,
    ProjectInfo, Review, Survey, Tier, SCHEMA_VERSION,
};
use jixiao_core::parse::{self, Target};
use jixiao_core::{evaluate, file_format, report, text, units, Decimal};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Text shaped like what people type into the form's cells, so that generated cases reach past
/// "not a number": digits (also full-width), separators, operators, units, ranges.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[0-9０-９.,，%‰ 万亿元个家次场小时分钟天日年月周米亩吨≥≤><=±~\\-半两三内以上下及为达到不低于高少超过控制在]{0,14}",
        2 => any::<String>(),
        1 => prop::sample::select(vec![
            "不低于9个", "9家", "≥95%", "100", "半小时内", "不高于2小时", "90分钟", "高于10%", "10%", "为0起",
            "0起", "2-3次", "±10%以内", "有效提升", "2022年12月底前", "≤30万元", "280000元", "完成", "1,000.5",
            "５０", "", "无", "-5", "99999999999999999999", "0.0000000000000000000000000001", "1e9", "∞", "NaN",
        ])
        .prop_map(str::to_string),
    ]
}

fn direction() -> impl Strategy<Value = Option<Direction>> {
    prop::option::of(prop::sample::select(vec![Direction::Positive, Direction::Reverse]))
}

fn tier() -> impl Strategy<Value = Option<Tier>> {
    prop::option::of(prop::sample::select(Tier::ALL.to_vec()))
}

fn level1() -> impl Strategy<Value = Level1> {
    prop::sample::select(Level1::ALL.to_vec())
}

fn fund_row() -> impl Strategy<Value = FundRow> {
    (cell(), cell(), cell(), cell(), cell()).prop_map(
        |(initial_budget, annual_budget, adjusted_budget, executed, received)| FundRow {
            initial_budget,
            annual_budget,
            adjusted_budget,
            executed,
            received,
        },
    )
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        (level1(), any::<String>(), cell(), cell(), cell(), cell()),
        (direction(), tier(), cell(), cell(), any::<String>(), any::<String>(), any::<bool>()),
        (any::<String>(), cell(), cell(), prop::collection::vec((any::<String>(), cell(), cell()), 0..2), cell()),
    )
        .prop_map(
            |(
                (level1, level2, name, target, actual, weight),
                (direction, tier, tier_score, override_score, override_reason, deviation, not_applicable),
                (method, sample_size, satisfied, children, claimed_score),
            )| Indicator {
                id: 0,
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
                children: children
                    .into_iter()
                    .map(|(name, target, actual)| ChildRow { name, target, actual })
                    .collect(),
                claimed_score,
            },
        )
}

fn draft() -> impl Strategy<Value = Draft> {
    let profile = prop_oneof![
        prop::sample::select(jixiao_core::profile::PROFILES.iter().map(|p| p.id.to_string()).collect::<Vec<_>>()),
        any::<String>(),
    ];
    (
        (profile, any::<String>(), cell(), fund_row(), fund_row(), fund_row(), any::<String>()),
        prop::collection::vec(indicator(), 0..8),
        (cell(), cell(), cell(), any::<String>(), any::<String>()),
        prop::collection::btree_map("(indicator-[0-9]|funds-arrival|targets-issued)", cell(), 0..3),
        (cell(), cell(), cell()),
        (any::<String>(), prop::collection::vec((0u32..10, cell(), cell(), any::<String>()), 0..3)),
    )
        .prop_map(
            |(
                (profile, name, year, current_year, carried_over, other, deviation_reason),
                indicators,
                (goal_actual, achievements, problems, improvements, weight_split_reason),
                report_edits,
                (execution_rate, execution_score, total),
                (opinion, reviewed_rows),
            )| {
                let indicators =
                    indicators.into_iter().enumerate().map(|(i, ind)| Indicator { id: i as u32 + 1, ..ind }).collect();
                Draft {
                    schema_version: SCHEMA_VERSION,
                    profile,
                    project: ProjectInfo { name, year, ..ProjectInfo::default() },
                    funds: Funds { current_year, carried_over, other, deviation_reason },
                    goals: Goals { expected: String::new(), actual: goal_actual },
                    indicators,
                    weight_split_reason,
                    narrative: Narrative { achievements, problems, improvements, ..Narrative::default() },
                    report_edits: report_edits.into_iter().collect::<BTreeMap<_, _>>(),
                    notes: String::new(),
                    claimed: Claimed { execution_rate, execution_score, total },
                    review: Review {
                        reviewer: String::new(),
                        opinion,
                        indicators: reviewed_rows
                            .into_iter()
                            .map(|(id, opinion, score, reason)| IndicatorReview { id, opinion, score, reason })
                            .collect(),
                    },
                }
            },
        )
}

proptest! {
    #[test]
    fn readers_never_panic(text in cell(), other in cell(), name in any::<String>(), dir in direction()) {
        let _ = parse::normalize(&text);
        let _ = parse::parse_amount(&text);
        let _ = parse::parse_points(&text);
        let _ = parse::parse_count(&text);
        let _ = jixiao_core::direction::infer(&name, &other, &units::Unit::none(), Decimal::ONE);
        let _ = units::parse_unit(&text);
        let _ = text::numbers_in(&text);
        let _ = text::is_placeholder(&text);
        let _ = text::clauses_with_digits(&text).count();
        if let Ok(target) = parse::parse_target(&text, &name, dir) {
            let _ = target.understood();
            let _ = parse::parse_actual(&other, &target);
        }
        let _ = parse::parse_actual(&text, &Target::Qualitative);
        let _ = file_format::decode(&text);
    }

    #[test]
    fn decode_never_panics_on_mangled_draft_files(cut in 0usize..2000, junk in cell(), at in 0usize..2000) {
        let file = file_format::encode(&jixiao_core::example_draft());
        let mut chars: Vec<char> = file.chars().collect();
        chars.truncate(cut.max(1) * chars.len() / 2000);
        let at = at.min(chars.len());
        chars.splice(at..at, junk.chars());
        let _ = file_format::decode(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn evaluate_never_panics_and_its_figures_hold_together(draft in draft()) {
        let eval = evaluate(&draft);
        // The reviewer's scores change only the rows they name, and never the unit's own draft.
        let reviewed = jixiao_core::review::evaluate_reviewed(&draft);
        for (r, mine) in reviewed.indicators.iter().zip(&eval.indicators) {
            if draft.review.of(r.id).is_none_or(|n| n.score.trim().is_empty()) {
                prop_assert_eq!(&r.score, &mine.score);
            }
            if let (Some(score), Some(cap)) = (r.score.value(), r.effective_weight) {
                prop_assert!(score >= Decimal::ZERO && score <= cap, "复核分 {} of 指标{}", score, r.number);
            }
        }
        let _ = report::generate(&draft, &eval);
        prop_assert_eq!(eval.indicators.len(), draft.indicators.len());
        for r in &eval.indicators {
            if let (Some(score), Some(cap)) = (r.score.value(), r.effective_weight) {
                prop_assert!(score >= Decimal::ZERO, "指标{} score {} < 0", r.number, score);
                // Rounded, a score never exceeds its weight (not even a rescaled, unrounded one).
                prop_assert!(score <= cap, "指标{} score {} > weight {}", r.number, score, cap);
            }
            if let Some(f) = r.fraction {
                prop_assert!(f >= Decimal::ZERO && f <= Decimal::ONE, "fraction {}", f);
            }
        }
        if let Some(total) = eval.total.value() {
            let parts: Decimal = eval.funds.execution_score.value().unwrap()
                + eval.indicators.iter().filter_map(|r| r.score.value()).sum::<Decimal>();
            prop_assert_eq!(total, parts);
            // A grade only out of 100; otherwise the reason why not.
            prop_assert_eq!(eval.grade.is_some(), eval.total_weight == Decimal::ONE_HUNDRED);
            prop_assert_eq!(eval.grade_withheld.is_some(), eval.total_weight != Decimal::ONE_HUNDRED);
            prop_assert!(total <= eval.total_weight.max(eval.funds.execution_weight), "total {} > base {}", total, eval.total_weight);
        }
        // The subtotals and totals are the plain sums of their rows (the engine adds them up in one
        // pass, at a common scale), and a total that cannot be computed names its rows in table order.
        let typed = |r: &jixiao_core::evaluate::IndicatorEvaluation| r.weight.clone().ok().flatten();
        for sub in &eval.subtotals {
            let rows: Vec<_> = eval.indicators.iter().map(|r| r.as_ref()).filter(|r| r.level1 == sub.level1).collect();
            let weight: Decimal = rows.iter().copied().filter_map(typed).sum();
            prop_assert_eq!(sub.weight, weight);
            prop_assert_eq!(sub.weight.scale(), weight.scale());
            if rows.iter().any(|r| r.status == jixiao_core::scoring::Status::NotApplicable) {
                prop_assert_eq!(sub.effective_weight, rows.iter().filter_map(|r| r.effective_weight).sum::<Decimal>());
            } else {
                prop_assert_eq!(sub.effective_weight, sub.weight);
            }
        }
        let weights: Decimal = eval.indicators.iter().map(|r| r.as_ref()).filter_map(typed).sum();
        prop_assert_eq!(eval.total_weight, eval.funds.execution_weight + weights);
        let unscored: Vec<String> = eval
            .indicators
            .iter()
            .filter(|r| r.score.value().is_none() && r.status != jixiao_core::scoring::Status::NotApplicable)
            .map(|r| format!("指标{}", r.number))
            .collect();
        if !unscored.is_empty() && eval.funds.execution_score.value().is_some() {
            let reason = format!("{}的得分无法计算", unscored.join("、"));
            prop_assert_eq!(&eval.total, &jixiao_core::Computed::unavailable(reason));
        }
        // Every figure shows as a number or "—": never NaN, ∞ or a made-up 0.
        let shown_ok = |s: String| s == "—" || s.trim_end_matches('%').parse::<Decimal>().is_ok();
        let f = &eval.funds;
        let mut figures = vec![&f.execution_rate, &f.arrival_rate, &f.execution_score, &eval.total];
        for r in &eval.indicators {
            figures.extend([&r.completion, &r.formula_score, &r.score]);
        }
        for figure in figures {
            prop_assert!(shown_ok(figure.show(jixiao_core::money::percent2)), "{:?}", figure);
            prop_assert!(shown_ok(figure.show(jixiao_core::money::fixed2)), "{:?}", figure);
            if let jixiao_core::Computed::Unavailable(reason) = figure {
                prop_assert!(!reason.is_empty(), "a \"—\" always says why");
            }
        }
        prop_assert!(f.execution_rate.value().is_some() || f.execution_score.value().is_none());
    }

    #[test]
    fn draft_files_round_trip(draft in draft()) {
        prop_assert_eq!(file_format::decode(&file_format::encode(&draft)).unwrap(), draft.clone());
        prop_assert_eq!(file_format::decode(&file_format::encode_compact(&draft)).unwrap(), draft);
    }
}

// ---- scores against the actual ----------------------------------------------------------------------

fn one_indicator(target: &str, actual: &str, weight: &str, name: &str) -> Draft {
    let mut draft = jixiao_core::example_draft();
    draft.indicators.truncate(1);
    draft.indicators[0].name = name.into();
    draft.indicators[0].target = target.into();
    draft.indicators[0].actual = actual.into();
    draft.indicators[0].weight = weight.into();
    draft
}

fn score_of(target: &str, actual: Decimal, weight: Decimal, profile: &str) -> Option<Decimal> {
    let mut draft = one_indicator(target, &format!("{actual}次"), &weight.to_string(), "巡查次数");
    draft.profile = profile.into();
    evaluate(&draft).indicators[0].score.value()
}

/// Up to 4 decimals, as on real forms.
fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..100_000_000, 0u32..=4).prop_map(|(m, scale)| Decimal::new(m, scale))
}

fn weight() -> impl Strategy<Value = Decimal> {
    (1i64..10_000, 0u32..=2).prop_map(|(m, scale)| Decimal::new(m, scale))
}

fn profile() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["national-2020", "reverse-linear", "hubei"])
}

proptest! {
    #[test]
    fn a_score_is_within_zero_and_the_weight(
        op in prop::sample::select(vec!["不低于", "高于", "为", "不高于", "低于", ""]),
        a in amount(), b in amount(), w in weight(), profile in profile(),
    ) {
        let target = format!("{op}{a}次");
        if let Some(s) = score_of(&target, b, w, profile) {
            prop_assert!(s >= Decimal::ZERO && s <= w, "{} with {} of {}: {}", target, b, w, s);
        }
    }

    #[test]
    fn positive_scores_never_fall_as_the_actual_rises(
        op in prop::sample::select(vec!["不低于", "高于", "为", "≥", ">"]),
        a in amount(), b1 in amount(), b2 in amount(), w in weight(), profile in profile(),
    ) {
        let (lo, hi) = if b1 <= b2 { (b1, b2) } else { (b2, b1) };
        let target = format!("{op}{a}次");
        let (s_lo, s_hi) = (score_of(&target, lo, w, profile).unwrap(), score_of(&target, hi, w, profile).unwrap());
        prop_assert!(s_lo <= s_hi, "{}: {} → {}, {} → {}", target, lo, s_lo, hi, s_hi);
    }

    #[test]
    fn reverse_scores_never_rise_as_the_actual_rises(
        op in prop::sample::select(vec!["不高于", "低于", "≤", "<", "控制在"]),
        a in amount(), b1 in amount(), b2 in amount(), w in weight(), profile in profile(),
    ) {
        let (lo, hi) = if b1 <= b2 { (b1, b2) } else { (b2, b1) };
        let target = format!("{op}{a}次");
        let (s_lo, s_hi) = (score_of(&target, lo, w, profile).unwrap(), score_of(&target, hi, w, profile).unwrap());
        prop_assert!(s_lo >= s_hi, "{}: {} → {}, {} → {}", target, lo, s_lo, hi, s_hi);
    }

    #[test]
    fn the_total_is_the_execution_score_plus_the_indicator_scores(
        budget in amount(), spent in amount(), rows in prop::collection::vec((amount(), amount(), weight(), any::<bool>()), 1..12),
    ) {
        let mut draft = jixiao_core::example_draft();
        draft.funds.current_year.annual_budget = budget.to_string();
        draft.funds.current_year.executed = spent.to_string();
        draft.indicators = rows
            .iter()
            .enumerate()
            .map(|(i, (a, b, w, reverse))| Indicator {
                id: i as u32 + 1,
                name: "巡查次数".into(),
                target: format!("{}{a}次", if *reverse { "不高于" } else { "不低于" }),
                actual: format!("{b}次"),
                weight: w.to_string(),
                ..Indicator::default()
            })
            .collect();
        let eval = evaluate(&draft);
        match (eval.funds.execution_score.value(), eval.total.value()) {
            (Some(e), Some(total)) => {
                let sum: Decimal = eval.indicators.iter().map(|r| r.score.value().unwrap()).sum();
                prop_assert_eq!(total, e + sum);
                prop_assert!(e <= Decimal::TEN);
            }
            (None, total) => prop_assert!(budget.is_zero() && total.is_none()),
            (Some(_), None) => prop_assert!(false, "every row is scorable here"),
        }
    }
}

/// A cell as people type it, from pieces: an optional comparison word, a number, something that
/// may or may not belong to it, a unit, an optional suffix, and a remark.
fn figure_cell() -> impl Strategy<Value = (String, bool)> {
    let prefix = prop::sample::select(vec!["", "≥", "≤", "不低于", "不高于", "达到", "高于", "为", "覆盖率不低于"]);
    let number = prop_oneof![
        (0u32..100_000).prop_map(|n| n.to_string()),
        (0u32..1000, 1u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
    ];
    // (text, leaves something unread)
    let junk = prop::sample::select(vec![
        ("", false),
        ("e3", true),
        (".5", true),
        ("x", true),
        ("7", false), // digits right after digits are part of the number
        ("（含2个）", false),
    ]);
    let unit = prop::sample::select(vec!["", "个", "%", "万元", "小时", "公里", "人次", "家", "km"]);
    let suffix = prop::sample::select(vec!["", "以上", "以内"]);
    let tail = prop::sample::select(vec![
        ("", false),
        ("和5个", true),
        ("，约3次", true),
        ("村社区", false),
        ("(抽检)", false),
    ]);
    (prefix, number, junk, unit, suffix, tail).prop_map(|(p, n, (j, jbad), u, s, (t, tbad))| {
        // ".5" after a whole number makes it a decimal (1.5); after a decimal it is left over (1.2.5).
        let jbad = if j == ".5" { n.contains('.') } else { jbad };
        (format!("{p}{n}{j}{u}{s}{t}"), jbad || tbad)
    })
}

proptest! {
    /// Every cell is either read whole, with a value whose printed form reads back to the same
    /// value, or refused with a reason; never read as a value that ignores part of the text.
    #[test]
    fn a_cell_is_read_whole_or_refused((text, leaves_something) in figure_cell()) {
        match parse::parse_target(&text, "", None) {
            Ok(Target::Quantitative { comparison, quantity, .. }) => {
                prop_assert!(!leaves_something, "“{}” read as {}{} although part of it was not read", text, comparison.symbol(), quantity.show());
                let printed = format!("{}{}", comparison.symbol(), quantity.show());
                match parse::parse_target(&printed, "", None) {
                    Ok(Target::Quantitative { comparison: c2, quantity: q2, .. }) => {
                        prop_assert_eq!(c2, comparison);
                        prop_assert_eq!(q2.value, quantity.value);
                        prop_assert_eq!(q2.unit.text, quantity.unit.text);
                    }
                    other => prop_assert!(false, "“{}” printed as “{}” reads back as {:?}", text, printed, other),
                }
                let target = parse::parse_target("≥1个", "", None).unwrap();
                let actual_text = text.trim_start_matches(['≥', '≤', '高', '于', '不', '低', '达', '到', '为', '覆', '盖', '率']);
                if let Ok(Some(a)) = parse::parse_actual(actual_text, &target) {
                    prop_assert!(!leaves_something, "actual “{}” read as {}", actual_text, a.value);
                }
            }
            Ok(_) => {}
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

proptest! {
    /// An editor's [`Evaluator`] re-uses what did not change; whatever the edits, it must give
    /// exactly what a fresh `evaluate` gives.
    #[test]
    fn an_evaluator_gives_what_a_fresh_evaluate_gives(
        first in draft(),
        edits in prop::collection::vec((0usize..8, 0usize..10, cell(), any::<bool>()), 1..6),
    ) {
        let mut evaluator = jixiao_core::evaluate::Evaluator::new();
        let mut draft = first;
        prop_assert_eq!(evaluator.evaluate(&draft), evaluate(&draft));
        for (row, field, text, flag) in edits {
            // The money table and the profile are remembered too (the funds' evaluation).
            match field {
                6 => draft.funds.current_year.executed = text.clone(),
                7 => draft.profile = if flag { "hubei".into() } else { jixiao_core::profile::default_profile().id.into() },
                // Rows taken out and added: the rows after move up or down a place.
                8 if !draft.indicators.is_empty() => {
                    let n = draft.indicators.len();
                    draft.indicators.remove(row % n);
                }
                9 if !draft.indicators.is_empty() => {
                    let n = draft.indicators.len();
                    let copy = draft.indicators[row % n].clone();
                    draft.indicators.insert(row % n, copy);
                }
                _ => {}
            }
            if !draft.indicators.is_empty() && field < 6 {
                let n = draft.indicators.len();
                let ind = &mut draft.indicators[row % n];
                match field {
                    0 => ind.target = text,
                    1 => ind.actual = text,
                    2 => ind.weight = text,
                    3 => ind.not_applicable = flag,
                    4 => ind.name = text,
                    _ => ind.deviation = text,
                }
            }
            if flag {
                draft.narrative.achievements.push_str("开展宣传18场");
            }
            prop_assert_eq!(evaluator.evaluate(&draft), evaluate(&draft));
        }
    }
}

proptest! {
    /// Re-reading a changed row keeps the reading of its unchanged cells: the result is exactly
    /// a fresh reading of the row, whichever cells changed.
    #[test]
    fn a_row_read_again_reads_as_a_fresh_row(before in indicator(), other in indicator(), changed in any::<u16>()) {
        use jixiao_core::parsed::{parse_indicator, parse_indicator_after};
        let mut after = before.clone();
        let take = |bit: u16| changed & (1 << bit) != 0;
        if take(0) { after.target = other.target.clone(); }
        if take(1) { after.actual = other.actual.clone(); }
        if take(2) { after.name = other.name.clone(); }
        if take(3) { after.level2 = other.level2.clone(); }
        if take(4) { after.direction = other.direction; }
        if take(5) { after.weight = other.weight.clone(); }
        if take(6) { after.tier_score = other.tier_score.clone(); }
        if take(7) { after.override_score = other.override_score.clone(); }
        if take(8) { after.survey.sample_size = other.survey.sample_size.clone(); }
        if take(9) { after.survey.satisfied = other.survey.satisfied.clone(); }
        if take(10) { after.children = other.children.clone(); }
        let read = parse_indicator(&before);
        prop_assert_eq!(parse_indicator_after(&after, previous(&before, &read)), parse_indicator(&after));
    }
}

/// A bare number's direction comes from the name and 二级: renaming the row alone reads its
/// unchanged target again.
#[test]
fn a_renamed_row_reads_its_target_again() {
    use jixiao_core::parsed::{parse_indicator, parse_indicator_after};
    let before =
        Indicator { name: "培训人数".into(), target: "20".into(), actual: "25".into(), ..Indicator::default() };
    let read = parse_indicator(&before);
    for (name, level2, direction) in [
        ("安全事故发生次数", before.level2.as_str(), None),
        (before.name.as_str(), "成本指标", None),
        (before.name.as_str(), "", Some(Direction::Reverse)),
    ] {
        let after = Indicator { name: name.into(), level2: level2.into(), direction, ..before.clone() };
        let again = parse_indicator_after(&after, previous(&before, &read));
        assert_eq!(again, parse_indicator(&after));
        assert_ne!(again.target, read.target, "{name} {level2} {direction:?}");
    }
}

/// A row and its reading, as the evaluator remembers them.
fn previous<'a>(
    row: &'a Indicator,
    read: &'a jixiao_core::parsed::ParsedIndicator,
) -> jixiao_core::parsed::Previous<'a> {
    jixiao_core::parsed::Previous {
        row,
        target: &read.target,
        actual: &read.actual,
        weight: &read.weight,
        survey: &read.survey,
        children: &read.children,
    }
}

/// Prose-like text: punctuation of both widths, white space of every kind, digits of both widths.
fn prose_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[宣传培训巡查场次0-9０-９，。；：！？、,;:!?\n \t\u{3000}\u{a0}a-z]{0,40}",
        1 => any::<String>(),
    ]
}

proptest! {
    /// The byte-level clause splitter and its digit test say what the char-level ones say.
    #[test]
    fn clauses_are_split_and_trimmed_as_by_chars(text in prose_text()) {
        let by_chars: Vec<&str> = text
            .split(['，', '。', '；', '：', '！', '？', ',', ';', ':', '!', '?', '\n', '、'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let digit = |clause: &str| clause.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        let with_digits: Vec<(&str, bool)> = by_chars.iter().map(|c| (*c, digit(c))).collect();
        prop_assert_eq!(text::clauses_with_digits(&text).collect::<Vec<_>>(), with_digits);
        prop_assert_eq!(text::trim(&text), text.trim());
    }
}

proptest! {
    /// `find_any` finds the first word, at the first place, that a scan char by char finds.
    #[test]
    fn find_any_finds_what_a_char_scan_finds(
        text in "[成本费用单价经费资金及时率完成时间限按a-c1 ]{0,16}",
        words in prop::collection::vec("[成本费用单价经费资金及时率完成时间限按a-c1]{0,3}", 0..6),
    ) {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let by_chars = text.char_indices().find_map(|(i, _)| words.iter().find(|w| text[i..].starts_with(**w)).copied());
        prop_assert_eq!(text::find_any(&text, &words), by_chars);
    }
}

proptest! {
    /// The char-by-char prefix and suffix tests agree with the slice methods.
    #[test]
    fn chars_start_and_end_with_as_slices_do(
        text in prop::collection::vec(prop::sample::select(vec!['不', '低', '于', '万', '元', '1']), 0..6),
        affix in prop::collection::vec(prop::sample::select(vec!['不', '低', '于', '万', '元', '1']), 0..4),
    ) {
        prop_assert_eq!(text::chars_start_with(&text, &affix), text.starts_with(&affix));
        prop_assert_eq!(text::chars_end_with(&text, &affix), text.ends_with(&affix));
    }
}
