//! The draft files kept under tests/fixtures/drafts/vN/ (repository root), one folder per schema
//! version, forever: every one must still decode (migrated to the current version) and evaluate.
//! `full.json` fills every field of the format, so a field that stops being read shows up here.

use jixiao_core::file_format::{self, schema_enum_values, schema_field_paths};
use jixiao_core::model::SCHEMA_VERSION;
use jixiao_core::scoring::Grade;
use jixiao_core::{evaluate, report, Draft};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixtures_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/drafts")
}

/// Every fixture file, by version folder.
fn fixture_files() -> Vec<(u32, PathBuf)> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(fixtures_root()).expect("tests/fixtures/drafts exists") {
        let dir = dir.unwrap().path();
        let Some(version) = dir.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_prefix('v')) else {
            continue;
        };
        let version: u32 = version.parse().expect("folders are named v1, v2, …");
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "json") {
                out.push((version, file));
            }
        }
    }
    out.sort();
    out
}

fn load(path: &Path) -> Draft {
    let text = std::fs::read_to_string(path).unwrap();
    file_format::decode(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn there_is_a_fixture_folder_for_every_version_up_to_the_current_one() {
    let versions: BTreeSet<u32> = fixture_files().iter().map(|(v, _)| *v).collect();
    assert_eq!(versions, (1..=SCHEMA_VERSION).collect(), "keep tests/fixtures/drafts/vN/ for every schema version");
}

#[test]
fn every_fixture_decodes_evaluates_and_reports() {
    let files = fixture_files();
    assert!(files.len() >= 2, "{files:?}");
    for (_, path) in files {
        let draft = load(&path);
        assert_eq!(draft.schema_version, SCHEMA_VERSION, "{}", path.display());
        let eval = evaluate(&draft);
        assert!(eval.total.value().is_some(), "{}: {:?}", path.display(), eval.total);
        let report = report::generate(&draft, &eval);
        assert!(report.blocks.len() > 10, "{}", path.display());
        // Saving what was loaded and loading it again changes nothing.
        assert_eq!(file_format::decode(&file_format::encode(&draft)).unwrap(), draft, "{}", path.display());
    }
}

#[test]
fn the_example_fixture_is_the_seed() {
    let draft = load(&fixtures_root().join("v1/example.json"));
    assert_eq!(draft.project.implementing_unit, "西永街道办事处");
    let eval = evaluate(&draft);
    assert_eq!(eval.total.value(), Some(jixiao_core::Decimal::ONE_HUNDRED));
    assert_eq!(eval.grade, Some(Grade::Excellent));
    let codes: Vec<String> = eval.findings.iter().map(|f| f.check.code()).collect();
    assert!(codes.contains(&"c04-strict-boundary".to_string()) && codes.contains(&"c06-unit-differs".to_string()));
}

/// Paths present in a JSON document, spelled as schema_field_paths spells them, plus the string
/// values found at enumerated paths.
fn collect(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                out.insert(path.clone());
                collect(v, &path, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, &format!("{prefix}[]"), out)),
        Value::String(s) => {
            out.insert(format!("{prefix} = {s}"));
        }
        _ => {}
    }
}

#[test]
fn the_full_fixture_fills_every_field_and_every_enumerated_value() {
    let path = fixtures_root().join(format!("v{SCHEMA_VERSION}/full.json"));
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut present = BTreeSet::new();
    collect(&value, "", &mut present);
    // report_edits is a map: its keys are not schema paths.
    for expected in schema_field_paths().into_iter().chain(schema_enum_values()) {
        assert!(present.contains(&expected), "{} does not fill {expected}", path.display());
    }
    // …and with real content: every text field is non-empty in at least one place.
    let filled: BTreeSet<&str> =
        present.iter().filter(|p| !p.ends_with(" = ")).filter_map(|p| p.split(" = ").next()).collect();
    let never_filled: Vec<&String> =
        present.iter().filter(|p| p.ends_with(" = ") && !filled.contains(p.trim_end_matches(" = "))).collect();
    assert!(never_filled.is_empty(), "fields that are empty everywhere in full.json: {never_filled:?}");
}

#[test]
fn the_full_fixture_of_version_2_keeps_the_units_claims_and_names_the_differences() {
    let draft = load(&fixtures_root().join("v2/full.json"));
    assert_eq!(draft.claimed.total, "92.5");
    let eval = evaluate(&draft);
    assert_eq!(eval.total.value(), Some("89.23".parse().unwrap()), "the same figures as version 1's full.json");
    let claims: Vec<&str> =
        eval.findings.iter().filter(|f| f.check.code() == "c18-claimed-differs").map(|f| &*f.message).collect();
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert!(claims[0].contains("得分为25") && claims[0].contains("22.22"), "{claims:?}");
    assert!(claims[1].contains("总分为92.5") && claims[1].contains("89.23"), "{claims:?}");
}

#[test]
fn the_full_fixture_scores_as_worked_out_by_hand() {
    let draft = load(&fixtures_root().join("v1/full.json"));
    let eval = evaluate(&draft);
    let d = |s: &str| s.parse::<jixiao_core::Decimal>().unwrap();
    // 执行率 = (128.5 + 8.5 + 0.4) ÷ (132.912 + 8.5 + 0.5) = 137.4 ÷ 141.912 → 9.68
    assert_eq!(eval.funds.execution_score.value(), Some(d("9.68")));
    // 指标4 不适用 (5 of 产出 50): the other 产出 rows × 50/45.
    let score = |id: u32| eval.indicators.iter().find(|r| r.id == id).unwrap().score.value();
    assert_eq!(score(1), Some(d("22.22")));
    assert_eq!(score(3), Some(d("9")), "manual override with a reason");
    assert_eq!(score(4), None);
    assert_eq!(score(5), Some(d("2.22")), "定性 未达成 2 of 5, × 50/45");
    assert_eq!(score(6), Some(d("10")));
    assert_eq!(eval.total.value(), Some(d("89.23")));
    assert_eq!(eval.grade, Some(Grade::Good));
}

#[test]
fn the_examples_in_docs_draft_format_md_decode() {
    let doc = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/draft-format.md"))
        .expect("docs/draft-format.md");
    let blocks: Vec<&str> = doc.split("```json").skip(1).filter_map(|rest| rest.split("```").next()).collect();
    let mut drafts = 0;
    for block in blocks {
        // The envelope sketch elides with "…": only complete documents are drafts to decode.
        let Ok(value) = serde_json::from_str::<Value>(block) else { continue };
        if value["type"] == "jixiao-draft" {
            let draft = file_format::decode(block).unwrap_or_else(|e| panic!("{e}\n{block}"));
            let _ = evaluate(&draft);
            drafts += 1;
        }
    }
    assert!(drafts >= 2, "the minimal file and the example");
}

#[test]
fn the_full_fixture_of_version_3_keeps_the_reviewers_score_apart_from_the_units() {
    let draft = load(&fixtures_root().join("v3/full.json"));
    let last = draft.indicators.last().unwrap().id;
    assert_eq!(draft.review.of(last).map(|r| r.score.as_str()), Some("8"));
    let own = evaluate(&draft);
    let reviewed = jixiao_core::review::evaluate_reviewed(&draft);
    assert_eq!(own.total.value(), Some("89.23".parse().unwrap()), "the unit's own figures are unchanged");
    let row = |e: &jixiao_core::Evaluation| e.indicators.last().unwrap().score.value().unwrap();
    assert_eq!(row(&reviewed), "8".parse().unwrap());
    assert_ne!(row(&own), row(&reviewed));
    // Only that row moves (totals are rounded once, so compare before rounding is not possible: the
    // difference is at most one cent of rounding).
    let moved = own.total.value().unwrap() - reviewed.total.value().unwrap();
    assert!((moved - (row(&own) - row(&reviewed))).abs() <= "0.01".parse().unwrap(), "{moved}");
}
