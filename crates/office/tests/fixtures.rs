//! Each spreadsheet under tests/fixtures/office (made by tests/office/make_fixtures.py) is imported
//! and compared with the expected result written beside it from the same data.

use jixiao_office::import::{import, ImportError};
use serde_json::Value;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/office")
}

fn check(name: &str) {
    let bytes = std::fs::read(fixtures().join(name)).unwrap();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join(format!("{name}.expected.json"))).unwrap())
            .unwrap();
    let result = import(&bytes);
    if let Some(error) = expected["error"].as_str() {
        let err = result.expect_err(name);
        match (error, &err) {
            ("formula-without-value", ImportError::FormulaWithoutValue { cell }) => {
                assert_eq!(cell, expected["cell"].as_str().unwrap(), "{name}")
            }
            ("no-table", ImportError::NoForm { .. })
            | ("not-a-spreadsheet", ImportError::NotSpreadsheet)
            | ("password", ImportError::Password)
            | ("zip-bomb", ImportError::ZipBomb { .. }) => {}
            _ => panic!("{name}: expected {error}, got {err:?}"),
        }
        // The message is for people: Chinese, and names what to do.
        assert!(err.to_string().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        return;
    }
    let imported = result.unwrap_or_else(|e| panic!("{name}: {e}"));
    let wanted = expected["drafts"].as_array().unwrap();
    assert_eq!(imported.drafts.len(), wanted.len(), "{name}: number of drafts");
    for (got, want) in imported.drafts.iter().zip(wanted) {
        let draft = serde_json::to_value(&got.draft).unwrap();
        let context = format!("{name} / {}", got.sheets.join("+"));
        assert_eq!(got.sheets[0], want["sheet"].as_str().unwrap(), "{context}");
        assert_eq!(draft["profile"], want["profile"], "{context}: profile ({})", got.profile_reason);
        for (key, value) in want["project"].as_object().unwrap() {
            assert_eq!(&draft["project"][key], value, "{context}: project.{key}");
        }
        for (row, columns) in want["funds"].as_object().unwrap() {
            for (key, value) in columns.as_object().unwrap() {
                assert_eq!(&draft["funds"][row][key], value, "{context}: funds.{row}.{key}");
            }
        }
        assert_eq!(draft["goals"]["expected"], want["goals"]["expected"], "{context}: goals.expected");
        assert_eq!(draft["goals"]["actual"], want["goals"]["actual"], "{context}: goals.actual");
        let rows = want["indicators"].as_array().unwrap();
        let got_rows = draft["indicators"].as_array().unwrap();
        let names: Vec<&Value> = got_rows.iter().map(|r| &r["name"]).collect();
        assert_eq!(got_rows.len(), rows.len(), "{context}: indicator rows {names:?}");
        for (i, (g, w)) in got_rows.iter().zip(rows).enumerate() {
            for (key, value) in w.as_object().unwrap() {
                assert_eq!(&g[key], value, "{context}: indicator {} {key}", i + 1);
            }
        }
        if let Some(kept) = want.get("kept_in_notes").and_then(Value::as_array) {
            for text in kept {
                let text = text.as_str().unwrap();
                assert!(got.draft.notes.contains(text), "{context}: {text} kept in notes: {}", got.draft.notes);
                assert!(got.kept_in_notes.iter().any(|k| k.text == text), "{context}: {text} listed");
            }
        }
        if let Some(total) = want.get("total").and_then(Value::as_str) {
            let evaluation = jixiao_core::evaluate(&got.draft);
            assert_eq!(evaluation.total_shown(), total, "{context}: total");
        }
        // Every field read names its cell.
        assert!(got.placed.iter().all(|p| p.cell.contains('!')), "{context}");
    }
}

macro_rules! fixture_tests {
    ($($test:ident => $file:literal,)*) => {$(
        #[test]
        fn $test() {
            check($file);
        }
    )*};
}

fixture_tests! {
    national => "national.xlsx",
    national_xls => "national.xls",
    ab_columns => "ab-columns.xlsx",
    adjusted => "adjusted.xlsx",
    twenty_points => "twenty-points.xlsx",
    offset_title => "offset-title.xlsx",
    continued => "continued.xlsx",
    several => "several.xlsx",
    percent_format => "percent-format.xlsx",
    formula_no_cache => "formula-no-cache.xlsx",
    placeholders => "placeholders.xlsx",
    no_table => "no-table.xlsx",
    not_a_spreadsheet => "not-a-spreadsheet.xlsx",
    password => "password.xlsx",
    zip_bomb => "zip-bomb.xlsx",
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.resize(jixiao_office::import::MAX_FILE_BYTES + 1, 0);
    let err = import(&bytes).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }));
    assert!(err.to_string().contains("20 MB"), "{err}");
}

#[test]
fn a_damaged_zip_is_refused_with_a_message() {
    let mut bytes = std::fs::read(fixtures().join("national.xlsx")).unwrap();
    bytes.truncate(bytes.len() / 2);
    let err = import(&bytes).unwrap_err();
    assert!(matches!(err, ImportError::NotSpreadsheet | ImportError::Unreadable(_)), "{err:?}");
}

#[test]
fn the_units_own_scores_are_kept_beside_the_computed_ones() {
    let bytes = std::fs::read(fixtures().join("national.xlsx")).unwrap();
    let imported = import(&bytes).unwrap();
    let draft = &imported.drafts[0].draft;
    assert_eq!(draft.claimed.total, "99.96");
    assert_eq!(draft.claimed.execution_score, "9.96");
    assert!(draft.indicators.iter().all(|i| !i.claimed_score.is_empty()), "every row's 得分 kept");
    // This sheet's scores follow the rules: check 18 has nothing to say.
    let evaluation = jixiao_core::evaluate(draft);
    assert!(evaluation.findings.iter().all(|f| f.check.code() != "c18-claimed-differs"));
    // The same sheet with a row claiming more: named by check 18 in the app, and at its cell in the preview.
    let mut changed = draft.clone();
    changed.indicators[0].claimed_score = "20".into();
    let findings = jixiao_core::evaluate(&changed).findings;
    assert!(findings.iter().any(|f| f.check.code() == "c18-claimed-differs" && f.message.contains("得分为20")));
}
