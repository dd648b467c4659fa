//! "The stored format only grows": every field path and enumerated value of the draft file, as
//! committed in tests/fixtures/schema-fields-v{SCHEMA_VERSION}.txt, must still exist. A user's
//! saved draft holds these names; drop or rename one and that part of their draft is lost on
//! the next load (serde ignores fields it does not know).
//!
//! New fields make this test fail too, until they are appended to the snapshot:
//!     UPDATE_SCHEMA_SNAPSHOT=1 cargo test -p jixiao-core --test schema_guard
//! (which only ever adds lines).

use jixiao_core::file_format::{schema_enum_values, schema_field_paths};
use jixiao_core::model::SCHEMA_VERSION;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/schema-fields-v{SCHEMA_VERSION}.txt"))
}

fn current() -> BTreeSet<String> {
    schema_field_paths().into_iter().chain(schema_enum_values()).collect()
}

fn read_snapshot() -> (Vec<String>, BTreeSet<String>) {
    let updating = std::env::var_os("UPDATE_SCHEMA_SNAPSHOT").is_some();
    let text = std::fs::read_to_string(snapshot_path()).or_else(|e| if updating { Ok(String::new()) } else { Err(e) });
    let text = text.unwrap_or_else(|e| {
        panic!(
            "no schema snapshot at {} ({e}); create it with UPDATE_SCHEMA_SNAPSHOT=1 cargo test -p jixiao-core --test schema_guard",
            snapshot_path().display()
        )
    });
    let header = text.lines().take_while(|l| l.starts_with('#')).map(str::to_string).collect();
    let entries =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect();
    (header, entries)
}

#[test]
fn no_field_of_the_stored_format_disappears() {
    let (header, snapshot) = read_snapshot();
    let now = current();
    let missing: Vec<&String> = snapshot.difference(&now).collect();
    assert!(
        missing.is_empty(),
        "\n\nThe draft file format (schema version {SCHEMA_VERSION}) lost these fields or values:\n  {}\n\n\
         Drafts saved by users contain them: removing or renaming them silently drops that part of every\n\
         stored draft on its next load. Either\n\
         - keep the old name (a rename can read it with #[serde(alias = \"old_name\")]), or\n\
         - raise model::SCHEMA_VERSION, add the step from the old version in file_format::migrate(),\n\
         \x20 keep a fixture of the old version under tests/fixtures/drafts/v{SCHEMA_VERSION}/ (repository root)\n\
         \x20 and start a new snapshot tests/fixtures/schema-fields-v<new>.txt.\n\
         Never delete lines from {}.\n",
        missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  "),
        snapshot_path().display()
    );
    let added: Vec<&String> = now.difference(&snapshot).collect();
    if added.is_empty() {
        return;
    }
    if std::env::var_os("UPDATE_SCHEMA_SNAPSHOT").is_some() {
        let mut lines = if header.is_empty() { default_header() } else { header };
        lines.extend(snapshot.union(&now).cloned());
        std::fs::write(snapshot_path(), lines.join("\n") + "\n").expect("write the snapshot");
        return;
    }
    panic!(
        "\n\nNew fields or values in the draft file format:\n  {}\n\nGood — the format may grow. Record them in the snapshot so they are protected too:\n  \
         UPDATE_SCHEMA_SNAPSHOT=1 cargo test -p jixiao-core --test schema_guard\nand commit {}. Old drafts without them \
         must still load (give them #[serde(default)]). If a build that does not know them could meet a file \
         that has them, also raise SCHEMA_VERSION (docs/draft-format.md, \"Versions and migrations\"): that \
         build then refuses the file instead of dropping the new fields on its next save.\n",
        added.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  "),
        snapshot_path().display()
    );
}

fn default_header() -> Vec<String> {
    vec![
        format!(
            "# The draft file format (schema version {SCHEMA_VERSION}): every field path and every enumerated value."
        ),
        "# Checked by crates/core/tests/schema_guard.rs: lines may be added, never removed.".to_string(),
        "# Update with: UPDATE_SCHEMA_SNAPSHOT=1 cargo test -p jixiao-core --test schema_guard".to_string(),
    ]
}

#[test]
fn the_snapshot_holds_the_essential_fields() {
    let (_, snapshot) = read_snapshot();
    for must in [
        "type",
        "version",
        "data.indicators[].target",
        "data.funds.current_year.executed",
        "data.indicators[].level1 = output",
    ] {
        assert!(snapshot.contains(must), "the snapshot lacks {must}");
    }
}
