//! `json_path::path_at` against `serde_path_to_error`, the crate it replaces in the app: every
//! field of a full draft file is given a value of the wrong type, or removed, and both must name
//! the same field.

use jixiao_core::file_format::DraftFile;
use jixiao_core::json_path::path_at;
use serde_json::Value;

fn full_file() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/drafts/v3/full.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every JSON pointer in the document (objects' members and arrays' elements).
fn pointers(value: &Value, prefix: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{prefix}/{k}");
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let p = format!("{prefix}/{i}");
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        _ => {}
    }
}

/// Both readers' paths for `text`, or None when it reads fine.
fn both(text: &str) -> Option<(String, String)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let oracle = match serde_path_to_error::deserialize::<_, DraftFile>(&mut de) {
        Ok(_) => return None,
        Err(e) => e.path().to_string(),
    };
    let e = serde_json::from_str::<DraftFile>(text).unwrap_err();
    let ours = match path_at(text, e.line(), e.column()) {
        p if p.is_empty() => ".".to_string(),
        p => p,
    };
    Some((oracle, ours))
}

fn wrong_value(v: &Value) -> Value {
    match v {
        Value::String(_) => serde_json::json!({"x": [1, "，"]}),
        Value::Number(_) => Value::String("十二，三".into()),
        Value::Bool(_) => Value::String("是".into()),
        Value::Array(_) | Value::Object(_) => Value::from(7),
        Value::Null => Value::from(true),
    }
}

#[test]
fn every_field_wrong_or_missing_is_found_where_serde_path_to_error_finds_it() {
    let file = full_file();
    let mut all = Vec::new();
    pointers(&file, String::new(), &mut all);
    assert!(all.len() > 100, "the fixture has {} fields", all.len());
    let mut compared = 0;
    for pointer in &all {
        let mut wrong = file.clone();
        let slot = wrong.pointer_mut(pointer).unwrap();
        *slot = wrong_value(slot);
        let mut missing = file.clone();
        let (parent, last) = pointer.rsplit_once('/').unwrap();
        match missing.pointer_mut(if parent.is_empty() { "" } else { parent }).unwrap() {
            Value::Object(map) => {
                map.remove(last);
            }
            Value::Array(items) => {
                items.remove(last.parse::<usize>().unwrap());
            }
            _ => unreachable!(),
        }
        for doc in [wrong, missing] {
            for text in [serde_json::to_string(&doc).unwrap(), serde_json::to_string_pretty(&doc).unwrap()] {
                if let Some((oracle, ours)) = both(&text) {
                    assert_eq!(ours, oracle, "{pointer}");
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 100, "only {compared} bad files were compared");
}
