//! The field a serde_json error points at, as a path (`data.indicators[2].weight`), found from
//! the error's line and column by re-reading the text up to there.
//!
//! Hand-written instead of `serde_path_to_error` on purpose: that crate wraps every `Deserialize`
//! of the draft in a tracking seed, which compiles the whole draft reader a second time into the
//! app's first load (about 66 KB of wasm before optimisation, issue 12). A bad field is rare and
//! the text is at hand, so this scanner finds the same path after the fact, in a few dozen lines
//! with no generics. `tests/json_path.rs` checks it against `serde_path_to_error` on every field
//! of a draft file.

/// What the scanner is inside of.
enum Frame {
    /// An object: the key of the member being read (or last read), and whether a key is due.
    Object { key: Option<String>, key_due: bool },
    /// An array: the index of the element being read (or last read); none before the first.
    Array { index: Option<usize> },
}

/// The path of the value at `line`/`column` (1-based, as serde_json counts: bytes within the
/// line) in `text`, spelled `a.b[2].c`; empty at the top level.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let offset = byte_offset(text, line, column);
    let bytes = &text.as_bytes()[..offset];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(Frame::Array { index: index @ None }) = stack.last_mut() {
            if !bytes[i].is_ascii_whitespace() && bytes[i] != b']' {
                *index = Some(0);
            }
        }
        match bytes[i] {
            b'{' => stack.push(Frame::Object { key: None, key_due: true }),
            b'[' => stack.push(Frame::Array { index: None }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key_due, .. }) => *key_due = true,
                Some(Frame::Array { index }) => *index = Some(index.map_or(0, |i| i + 1)),
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { key_due, .. }) = stack.last_mut() {
                    *key_due = false;
                }
            }
            b'"' => {
                let (content, end) = read_string(bytes, i + 1);
                if let Some(Frame::Object { key, key_due: true }) = stack.last_mut() {
                    *key = Some(content);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            // A key without its colon yet is the error itself (an unknown variant): its object is
            // the place.
            Frame::Object { key: Some(key), key_due: false } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { .. } | Frame::Array { index: None } => {}
            Frame::Array { index: Some(index) } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// The byte just past `line`:`column`, clamped to the text and to a character boundary.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start =
        if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1).unwrap_or(text.len()) };
    let mut offset = (line_start + column).min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// A string's content from just after its opening quote, and the index past its closing quote
/// (or the end of `bytes` when it is cut off there). Escapes other than `\"` and `\\` are kept
/// as written: draft keys are plain ASCII names.
fn read_string(bytes: &[u8], start: usize) -> (String, usize) {
    let mut content = Vec::new();
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return (String::from_utf8_lossy(&content).into_owned(), i + 1),
            b'\\' if i + 1 < bytes.len() => {
                let next = bytes[i + 1];
                if next != b'"' && next != b'\\' {
                    content.push(b'\\');
                }
                content.push(next);
                i += 2;
            }
            b => {
                content.push(b);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&content).into_owned(), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::path_at;

    fn at_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let e = serde_json::from_str::<T>(text).unwrap_err();
        path_at(text, e.line(), e.column())
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Row {
        weight: u32,
        name: String,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Doc {
        data: Data,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Data {
        rows: Vec<Row>,
    }

    #[test]
    fn a_wrong_type_in_an_array_element() {
        let text = r#"{"data": {"rows": [{"weight": 1, "name": "a"}, {"name": "b,\"}", "weight": "x"}]}}"#;
        assert_eq!(at_error::<Doc>(text), "data.rows[1].weight");
    }

    #[test]
    fn a_missing_field_names_its_object() {
        let text = "{\n  \"data\": {\n    \"rows\": [\n      {\"weight\": 1}\n    ]\n  }\n}";
        assert_eq!(at_error::<Doc>(text), "data.rows[0]");
    }

    #[test]
    fn the_top_level_and_chinese_text_before_the_error() {
        assert_eq!(at_error::<Doc>("\"x\""), "");
        assert_eq!(at_error::<Doc>(r#"{"data": {"rows": [{"name": [1], "weight": 1}]}}"#), "data.rows[0].name");
        let text = "{\"data\": {\"rows\": [{\"name\": \"三级指标，含逗号\", \"weight\": -1}]}}";
        assert_eq!(at_error::<Doc>(text), "data.rows[0].weight");
    }
}
