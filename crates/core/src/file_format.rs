//! The draft file: what "导出草稿" writes, what the browser stores, and what `jixiao check` reads.
//! A versioned envelope `{type, version, source, data}` (see docs/draft-format.md).
//!
//! Loading never guesses: a file that is not JSON, not a draft, or from a newer schema is
//! refused with a Chinese message, and the caller keeps the original text untouched.

use crate::model::{Draft, SCHEMA_VERSION};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `type` of every draft file.
pub const FILE_TYPE: &str = "jixiao-draft";

/// The envelope as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DraftFile {
    /// 固定为 "jixiao-draft"
    #[serde(rename = "type")]
    pub kind: String,
    /// 草稿结构版本（与 data.schema_version 相同）
    pub version: u32,
    /// 保存它的程序，如 "绩效自评助手 0.1.0"
    #[serde(default)]
    pub source: String,
    /// 草稿内容
    pub data: Draft,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("文件不是有效的 JSON（第{line}行第{column}列）：{detail}")]
    NotJson { line: usize, column: usize, detail: String },
    #[error("这不是绩效自评草稿文件（应含有 \"type\": \"jixiao-draft\" 和 data）")]
    NotADraft,
    #[error("此草稿由较新版本的绩效自评助手保存（结构版本 {found}，本程序支持到 {supported}）；请用新版本打开。为免丢失内容，本程序不会修改它")]
    NewerVersion { found: u32, supported: u32 },
    #[error("草稿中的“{path}”无效{location}：{detail}")]
    InvalidField {
        path: String,
        location: String,
        detail: String,
        /// The line of the field in the file, when known (shown in `location`).
        line: Option<usize>,
    },
}

impl DecodeError {
    /// The line of the problem in the file, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            DecodeError::NotJson { line, .. } => Some(*line),
            DecodeError::InvalidField { line, .. } => *line,
            _ => None,
        }
    }
}

/// Writes a draft as a file (pretty JSON, stable field order).
pub fn encode(draft: &Draft) -> String {
    let file = DraftFile {
        kind: FILE_TYPE.to_string(),
        version: SCHEMA_VERSION,
        source: format!("绩效自评助手 {}", env!("CARGO_PKG_VERSION")),
        data: Draft { schema_version: SCHEMA_VERSION, ..draft.clone() },
    };
    serde_json::to_string_pretty(&file).expect("a draft always serializes")
}

/// Compact form for browser storage (same envelope, no indentation).
pub fn encode_compact(draft: &Draft) -> String {
    let file = DraftFile {
        kind: FILE_TYPE.to_string(),
        version: SCHEMA_VERSION,
        source: format!("绩效自评助手 {}", env!("CARGO_PKG_VERSION")),
        data: Draft { schema_version: SCHEMA_VERSION, ..draft.clone() },
    };
    serde_json::to_string(&file).expect("a draft always serializes")
}

/// Reads a draft file, migrating older schema versions.
pub fn decode(text: &str) -> Result<Draft, DecodeError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let not_json = |e: serde_json::Error| DecodeError::NotJson {
        line: e.line(),
        column: e.column(),
        detail: translate_serde(&e.to_string()),
    };
    // The envelope first, skipping over the data: a whole document as a `Value` takes about ten
    // times the file's size, and a reviewer's CLI reads drafts of tens of megabytes.
    let probe: Probe = match serde_json::from_str(text) {
        Ok(probe) => probe,
        Err(e) if e.is_syntax() || e.is_eof() => return Err(not_json(e)),
        Err(_) => return Err(DecodeError::NotADraft),
    };
    let data = probe.data.ok_or(DecodeError::NotADraft)?;
    if probe.kind.as_deref() != Some(FILE_TYPE) {
        return Err(DecodeError::NotADraft);
    }
    // The envelope and the data each say a version; the file is as new as the newer of the two
    // (a newer program must never have its file half-read and then overwritten by this one).
    let version = [data.schema_version, probe.version]
        .into_iter()
        .flatten()
        .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
        .max()
        .ok_or(DecodeError::NotADraft)?;
    if version > SCHEMA_VERSION {
        return Err(DecodeError::NewerVersion { found: version, supported: SCHEMA_VERSION });
    }
    if version == 0 {
        return Err(DecodeError::NotADraft);
    }
    // Straight from the text when no step has to rewrite it (so a bad field is reported with its
    // line); otherwise migrated as a JSON tree and read back from its text, so that the draft has
    // one reader (a second one, from the tree, would double the decoder in the app's first load).
    let migrated;
    let source = if rewritten_from(version) {
        let mut value: Value = serde_json::from_str(text).map_err(not_json)?;
        migrate(&mut value, version);
        migrated = value.to_string();
        migrated.as_str()
    } else {
        text
    };
    let file: DraftFile = serde_json::from_str(source).map_err(|e| field_error(source, e))?;
    let mut draft = file.data;
    draft.schema_version = SCHEMA_VERSION;
    renumber_duplicate_ids(&mut draft);
    Ok(draft)
}

/// The envelope's `type` and `version`, and `data`'s `schema_version`, read without keeping the
/// data. A `data` that is not an object, a `type` that is not text or a version that is not a
/// whole number (or null) fails to read here, which makes the file not a draft. Typed fields, not
/// `serde_json::Value`: the app then links no `Value` reader at all.
#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "type")]
    kind: Option<String>,
    version: Option<u64>,
    data: Option<ProbeData>,
}

/// `data`'s `schema_version`; every other field is skipped over.
struct ProbeData {
    schema_version: Option<u64>,
}

impl<'de> Deserialize<'de> for ProbeData {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, Visitor};
        struct ProbeVisitor;
        impl<'de> Visitor<'de> for ProbeVisitor {
            type Value = ProbeData;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the draft's data object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ProbeData, A::Error> {
                let mut schema_version = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "schema_version" {
                        schema_version = map.next_value::<Option<u64>>()?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(ProbeData { schema_version })
            }
        }
        deserializer.deserialize_map(ProbeVisitor)
    }
}

/// Whether a file of this version needs a step that rewrites its JSON. Steps that only add
/// fields (with defaults) need none: 1 → 2 added the unit's claimed figures, 2 → 3 the
/// reviewer's 复核.
fn rewritten_from(version: u32) -> bool {
    let _ = version;
    false
}

/// Brings an older envelope up to [`SCHEMA_VERSION`], one version at a time. Each step is
/// tested on fixture files kept under tests/fixtures/drafts/vN/ forever.
fn migrate(value: &mut Value, from: u32) {
    // A step for version N → N+1 goes here as `if from <= N { … }`.
    // 1 → 2 added the unit's claimed figures (`claimed`, `indicators[].claimed_score`): an older
    // file simply has none, so there is nothing to rewrite. 2 → 3 added the reviewer's `review`,
    // likewise absent from an older file.
    let _ = (value, from);
}

/// Indicator ids key rows in the app and edits in the report: make them unique without
/// touching anything else (a hand-edited file may repeat or omit them).
fn renumber_duplicate_ids(draft: &mut Draft) {
    let mut seen = std::collections::HashSet::new();
    let mut next = draft.next_indicator_id();
    for ind in &mut draft.indicators {
        if ind.id == 0 || !seen.insert(ind.id) {
            ind.id = next;
            seen.insert(next);
            next = next.saturating_add(1);
        }
    }
}

fn field_error(source: &str, e: serde_json::Error) -> DecodeError {
    let path = match crate::json_path::path_at(source, e.line(), e.column()) {
        p if p.is_empty() => "（文件顶层）".to_string(),
        p => p,
    };
    let line = (e.line() > 0).then(|| e.line());
    let location = line.map(|l| format!("（第{l}行）")).unwrap_or_default();
    DecodeError::InvalidField {
        path: path.trim_start_matches("data.").to_string(),
        location,
        detail: translate_serde(&e.to_string()),
        line,
    }
}

/// serde's messages are English; say the common ones in Chinese.
fn translate_serde(message: &str) -> String {
    let core = message.split(" at line ").next().unwrap_or(message);
    if core.starts_with("invalid type") {
        let expected = core.split("expected ").nth(1).unwrap_or("");
        let want = match expected {
            e if e.contains("string") => "文字",
            e if e.contains("sequence") => "列表",
            e if e.contains("bool") => "true 或 false",
            e if e.contains("u32") || e.contains("integer") => "整数",
            e if e.contains("struct") || e.contains("map") => "对象",
            _ => expected,
        };
        format!("类型不对，应为{want}（{core}）")
    } else if core.starts_with("unknown variant") {
        format!("取值不在允许的范围内（{core}）")
    } else if core.starts_with("missing field") {
        format!("缺少必需的字段（{core}）")
    } else if core.starts_with("EOF") {
        format!("文件不完整，可能被截断（{core}）")
    } else {
        core.to_string()
    }
}

/// The JSON Schema of the draft file (`jixiao schema`).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(DraftFile);
    serde_json::to_string_pretty(&schema).expect("a schema always serializes")
}

/// Every property path of the schema ("data.indicators[].target"), sorted: the committed
/// snapshot of this list lets the stored format only grow.
pub fn schema_field_paths() -> Vec<String> {
    schema_walk().0
}

/// Every allowed value of an enumerated field ("data.indicators[].level1 = output"), sorted.
/// Renaming one breaks old files as surely as renaming a field: it is in the snapshot too.
pub fn schema_enum_values() -> Vec<String> {
    schema_walk().1
}

fn schema_walk() -> (Vec<String>, Vec<String>) {
    let schema: Value = serde_json::to_value(schemars::schema_for!(DraftFile)).expect("schema");
    let defs = schema.get("$defs").cloned().unwrap_or(Value::Null);
    let mut walk = SchemaWalk { defs: &defs, paths: Vec::new(), values: Vec::new() };
    walk.visit(&schema, "", 0);
    let SchemaWalk { mut paths, mut values, .. } = walk;
    for list in [&mut paths, &mut values] {
        list.sort();
        list.dedup();
    }
    (paths, values)
}

struct SchemaWalk<'a> {
    defs: &'a Value,
    paths: Vec<String>,
    values: Vec<String>,
}

impl SchemaWalk<'_> {
    fn visit(&mut self, node: &Value, prefix: &str, depth: usize) {
        if depth > 12 {
            return;
        }
        let node = match node.get("$ref").and_then(Value::as_str) {
            Some(r) => self.defs.get(r.trim_start_matches("#/$defs/")).unwrap_or(&Value::Null),
            None => node,
        };
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            for (name, sub) in props {
                let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
                self.paths.push(path.clone());
                self.visit(sub, &path, depth + 1);
            }
        }
        if let Some(items) = node.get("items") {
            self.visit(items, &format!("{prefix}[]"), depth + 1);
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(list) = node.get(key).and_then(Value::as_array) {
                for sub in list {
                    self.visit(sub, prefix, depth + 1);
                }
            }
        }
        if let Some(extra) = node.get("additionalProperties").filter(|v| v.is_object()) {
            self.visit(extra, &format!("{prefix}{{}}"), depth + 1);
        }
        let constants =
            node.get("const").into_iter().chain(node.get("enum").and_then(Value::as_array).into_iter().flatten());
        for value in constants.filter_map(Value::as_str) {
            self.values.push(format!("{prefix} = {value}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_draft;

    #[test]
    fn round_trips() {
        let draft = example_draft();
        assert_eq!(decode(&encode(&draft)).unwrap(), draft);
        assert_eq!(decode(&encode_compact(&draft)).unwrap(), draft);
    }

    #[test]
    fn refuses_what_is_not_a_draft() {
        assert!(matches!(decode("{not json"), Err(DecodeError::NotJson { line: 1, .. })));
        assert_eq!(decode("[1,2]"), Err(DecodeError::NotADraft));
        assert_eq!(decode(r#"{"type":"other","data":{}}"#), Err(DecodeError::NotADraft));
        let newer = r#"{"type":"jixiao-draft","version":9,"data":{"schema_version":9}}"#;
        assert_eq!(decode(newer), Err(DecodeError::NewerVersion { found: 9, supported: SCHEMA_VERSION }));
        // Either version saying newer is enough.
        let envelope_newer = r#"{"type":"jixiao-draft","version":4,"data":{"schema_version":1}}"#;
        assert_eq!(decode(envelope_newer), Err(DecodeError::NewerVersion { found: 4, supported: SCHEMA_VERSION }));
        let data_newer = r#"{"type":"jixiao-draft","version":1,"data":{"schema_version":4}}"#;
        assert_eq!(decode(data_newer), Err(DecodeError::NewerVersion { found: 4, supported: SCHEMA_VERSION }));
        assert_eq!(decode(r#"{"type":"jixiao-draft","version":"1","data":{}}"#), Err(DecodeError::NotADraft));
        for data in ["[1]", "\"x\"", "7", "null"] {
            let text = format!(r#"{{"type":"jixiao-draft","version":1,"data":{data}}}"#);
            assert_eq!(decode(&text), Err(DecodeError::NotADraft), "{text}");
        }
        // A file cut inside the data is still reported as broken JSON, with its line.
        let cut = "{\"type\":\"jixiao-draft\",\"version\":1,\"data\":{\n\"indicators\":[{";
        assert!(matches!(decode(cut), Err(DecodeError::NotJson { line: 2, .. })), "{:?}", decode(cut));
        match decode(r#"{"type":"jixiao-draft","data":{"schema_version":1}}"#) {
            Err(DecodeError::InvalidField { path, detail, .. }) => {
                assert_eq!(path, "（文件顶层）");
                assert!(detail.contains("version"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn names_the_bad_field_and_its_line() {
        let text = "{\"type\":\"jixiao-draft\",\"version\":1,\"data\":{\n\"schema_version\":1,\n\"indicators\":[{\"level1\":\"nonsense\"}]}}";
        match decode(text) {
            Err(e @ DecodeError::InvalidField { .. }) if e.line() == Some(3) => {
                let DecodeError::InvalidField { path, location, detail, .. } = e else { unreachable!() };
                assert_eq!(path, "indicators[0].level1");
                assert_eq!(location, "（第3行）");
                assert!(detail.starts_with("取值不在允许的范围内"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn numbers_are_accepted_where_text_is_expected() {
        let text = r#"{"type":"jixiao-draft","version":1,"data":{"schema_version":1,"funds":{"current_year":{"annual_budget":50}},"indicators":[{"id":1,"weight":6}]}}"#;
        let draft = decode(text).unwrap();
        assert_eq!(draft.funds.current_year.annual_budget, "50");
        assert_eq!(draft.indicators[0].weight, "6");
    }

    #[test]
    fn duplicate_ids_are_renumbered_losslessly() {
        let mut draft = example_draft();
        draft.indicators[1].id = draft.indicators[0].id;
        draft.indicators[2].id = 0;
        let back = decode(&encode(&draft)).unwrap();
        let mut ids: Vec<u32> = back.indicators.iter().map(|i| i.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), draft.indicators.len());
        assert_eq!(back.indicators[1].name, draft.indicators[1].name);
    }
}
