//! What an import of an office file read, for the preview the user confirms before a draft is
//! made: each field with the cell it came from, what was kept in 备注, what was skipped, and what
//! to check. Made by the office importer (crates/office), shown by the app and the CLI.

use crate::model::Draft;
use serde::{Deserialize, Serialize};

/// The largest spreadsheet imported (a 自评表 is a few dozen KB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// A spreadsheet (read by the importer) rather than a draft file, by its name: Excel's formats, WPS's
/// .et and OpenDocument's .ods.
pub fn is_spreadsheet_name(name: &str) -> bool {
    let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    ["xlsx", "xls", "xlsm", "xlsb", "et", "ods"].iter().any(|ext| extension.eq_ignore_ascii_case(ext))
}

/// A cell read into a field (or kept, or skipped), for the preview: `项目名称 ← Sheet1!B2`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    pub field: String,
    pub cell: String,
    pub text: String,
}

/// Something the user should look at before taking the draft, at its cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub cell: String,
    pub message: String,
}

/// One project read from the workbook.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedDraft {
    /// The sheets it was read from (more than one when the indicator table continues).
    pub sheets: Vec<String>,
    /// Sent as a draft file (its text) so that the page reads it with the one decoder it has
    /// for draft files: a second derived decoder for `Draft` would add to the first page load.
    #[serde(with = "as_draft_file")]
    pub draft: Draft,
    pub placed: Vec<Placed>,
    /// Cells with content that fit no field: appended to the draft's 备注, never dropped.
    pub kept_in_notes: Vec<Placed>,
    /// Template rows left out (指标2, ……, an empty 经济效益指标 row).
    pub skipped: Vec<Placed>,
    pub warnings: Vec<Warning>,
    /// Why this 评分口径 was chosen (the user can change it in the preview).
    pub profile_reason: String,
    /// The draft came with this app's own data (an exported .xlsx): settings the form has no
    /// cell for (方向, 档次, 不适用 …) were restored from it.
    pub restored_from_export: bool,
}

/// The workbook as read: its projects, and the sheets that hold none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Import {
    pub drafts: Vec<ImportedDraft>,
    pub sheets_without_form: Vec<String>,
}

mod as_draft_file {
    use crate::file_format;
    use crate::model::Draft;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(draft: &Draft, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&file_format::encode_compact(draft))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Draft, D::Error> {
        let text = String::deserialize(deserializer)?;
        file_format::decode(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_travels_as_a_draft_file() {
        let imported = Import {
            drafts: vec![ImportedDraft {
                sheets: vec!["Sheet1".into()],
                draft: crate::example_draft(),
                placed: vec![Placed {
                    field: "项目名称".into(),
                    cell: "Sheet1!C2".into(),
                    text: "应急管理项目".into(),
                }],
                kept_in_notes: Vec::new(),
                skipped: Vec::new(),
                warnings: vec![Warning { cell: "Sheet1!H16".into(), message: "请核对".into() }],
                profile_reason: String::new(),
                restored_from_export: false,
            }],
            sheets_without_form: vec!["说明".into()],
        };
        let json = serde_json::to_string(&imported).unwrap();
        assert!(json.contains(r#""draft":"{\"type\":\"jixiao-draft\""#), "{}", &json[..200]);
        assert_eq!(serde_json::from_str::<Import>(&json).unwrap(), imported);
    }
}
