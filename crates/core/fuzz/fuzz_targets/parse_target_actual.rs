//! The 年度指标值 / 实际完成值 reader on arbitrary text: never panics, and what it reads holds
//! together. Input: `target \n actual \n indicator name` (missing parts are empty).
#![no_main]

use jixiao_core::model::Direction;
use jixiao_core::parse::{self, Target};
use jixiao_core::scoring;
use jixiao_core::Decimal;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\n');
    let (target_text, actual_text, name) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));

    let _ = parse::normalize(&text);
    let _ = parse::parse_amount(target_text);
    let _ = parse::parse_points(target_text);
    let _ = parse::parse_count(actual_text);

    let profile = jixiao_core::profile::default_profile();
    for chosen in [None, Some(Direction::Positive), Some(Direction::Reverse)] {
        let Ok(target) = parse::parse_target(target_text, name, chosen) else { continue };
        let _ = target.understood();
        if let Target::Range { low, high, .. } = &target {
            assert!(low <= high, "{target_text:?}: range {low} > {high}");
        }
        match parse::parse_actual(actual_text, &target) {
            Ok(Some(actual)) => {
                let outcome = scoring::score_quantitative(&target, &actual, profile);
                assert!(
                    outcome.fraction >= Decimal::ZERO && outcome.fraction <= Decimal::ONE,
                    "{target_text:?} / {actual_text:?}: share {}",
                    outcome.fraction
                );
                let points = outcome.share.of(Decimal::TEN, Decimal::ONE);
                assert!(
                    points >= Decimal::ZERO && points <= Decimal::TEN,
                    "{target_text:?} / {actual_text:?}: {points}"
                );
            }
            Ok(None) => assert!(target.is_qualitative(), "{target_text:?}: no actual for a quantitative target"),
            Err(_) => {}
        }
    }
});
