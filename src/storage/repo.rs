//! Reading and writing drafts in a key-value store, losing nothing.
//!
//! Keys (all under `jixiao:`):
//! - `draft:{id}`      the draft file envelope, exactly as exported (one decode path for both)
//! - `meta:{id}`       `{"rev":N,"saved_at":ms}`: the revision detects writes from another tab
//! - `backup:{id}`     the previous good version (taken once per session, before the first save)
//! - `quarantine:{id}` a stored value that could not be read, moved aside, never overwritten
//! - `last`            `{"draft":id,"step":slug}`: reopening returns there
//!
//! Rules (tldraw, excalidraw): never write before the stored state was read; never overwrite
//! what could not be read; refuse data from a newer schema version instead of downgrading it.

use super::{KeyValue, StoreError, PREFIX};
use jixiao_core::file_format::{self, DecodeError};
use jixiao_core::Draft;
use serde::{Deserialize, Serialize};

pub fn draft_key(id: &str) -> String {
    format!("{PREFIX}draft:{id}")
}
pub fn meta_key(id: &str) -> String {
    format!("{PREFIX}meta:{id}")
}
pub fn backup_key(id: &str) -> String {
    format!("{PREFIX}backup:{id}")
}
pub fn quarantine_key(id: &str) -> String {
    format!("{PREFIX}quarantine:{id}")
}
pub const LAST_KEY: &str = "jixiao:last";

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub rev: u64,
    /// Milliseconds since the Unix epoch.
    pub saved_at: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LastOpen {
    pub draft: String,
    #[serde(default)]
    pub step: String,
}

/// One line of the draft list.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftSummary {
    pub id: String,
    pub name: String,
    pub year: String,
    /// 总分 and 等级 as shown ("100.00 优"), or "—".
    pub score: String,
    pub saved_at: f64,
    /// Written by a newer version of the app: opened read-only, never written.
    pub newer_version: Option<u32>,
    /// A one-step backup (the draft as it was when last opened) is kept.
    pub has_backup: bool,
}

/// A stored value that could not be read and now sits under a quarantine key.
#[derive(Clone, Debug, PartialEq)]
pub struct Quarantined {
    pub id: String,
    pub reason: String,
    pub bytes: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scan {
    pub drafts: Vec<DraftSummary>,
    pub quarantined: Vec<Quarantined>,
    /// Ids moved to quarantine during this scan (the user must be told).
    pub moved_now: Vec<String>,
}

fn meta(store: &dyn KeyValue, id: &str) -> Meta {
    store.get(&meta_key(id)).ok().flatten().and_then(|m| serde_json::from_str(&m).ok()).unwrap_or_default()
}

/// Reads a draft that a newer schema wrote, for viewing only: the fields this version knows.
/// The envelope is read with the draft file's own type (unknown fields are skipped), so that the
/// app carries one draft reader, not a second one over `serde_json::Value`.
fn view_newer(text: &str) -> Option<Draft> {
    serde_json::from_str::<file_format::DraftFile>(text.strip_prefix('\u{FEFF}').unwrap_or(text)).ok().map(|f| f.data)
}

fn summary(store: &dyn KeyValue, id: &str, draft: &Draft, saved_at: f64, newer_version: Option<u32>) -> DraftSummary {
    // 「…」 until the engine has loaded (src/engine.rs). The draft list waits for it and lists
    // the drafts again when it opens, so it never shows this.
    let score = crate::engine::loaded().map_or_else(|| "…".to_string(), |engine| (engine.score_line)(draft));
    DraftSummary {
        id: id.to_string(),
        name: draft.project.name.trim().to_string(),
        year: draft.project.year.trim().to_string(),
        score,
        saved_at,
        newer_version,
        has_backup: store.get(&backup_key(id)).ok().flatten().is_some(),
    }
}

/// Lists every stored draft. A value that cannot be read is moved to its quarantine key (only if
/// that copy succeeds is the original removed), so the app starts and the other drafts are untouched.
pub fn scan(store: &dyn KeyValue) -> Result<Scan, StoreError> {
    let mut out = Scan::default();
    let draft_prefix = format!("{PREFIX}draft:");
    let quarantine_prefix = format!("{PREFIX}quarantine:");
    for key in store.keys()? {
        if let Some(id) = key.strip_prefix(&draft_prefix) {
            let Some(text) = store.get(&key)? else { continue };
            match file_format::decode(&text) {
                Ok(draft) => out.drafts.push(summary(store, id, &draft, meta(store, id).saved_at, None)),
                Err(DecodeError::NewerVersion { found, .. }) => {
                    let shown = view_newer(&text).unwrap_or_default();
                    out.drafts.push(summary(store, id, &shown, meta(store, id).saved_at, Some(found)));
                }
                Err(e) => {
                    let q = quarantine_key(id);
                    // Keep an older quarantined value too: never overwrite what could not be read.
                    let q = if store.get(&q)?.is_some() { format!("{q}-{}", text.len()) } else { q };
                    if store.set(&q, &text).is_ok() {
                        store.remove(&key)?;
                        let _ = store.remove(&meta_key(id));
                        out.moved_now.push(id.to_string());
                    }
                    out.quarantined.push(Quarantined { id: id.to_string(), reason: e.to_string(), bytes: text.len() });
                }
            }
        } else if let Some(id) = key.strip_prefix(&quarantine_prefix) {
            if out.quarantined.iter().any(|q| q.id == id) {
                continue;
            }
            let text = store.get(&key)?.unwrap_or_default();
            let reason = file_format::decode(&text).err().map(|e| e.to_string()).unwrap_or_default();
            out.quarantined.push(Quarantined { id: id.to_string(), reason, bytes: text.len() });
        }
    }
    out.drafts.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
    Ok(out)
}

/// A draft read from the store.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub draft: Draft,
    pub rev: u64,
    /// Written by a newer version: view only.
    pub read_only_reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    Missing,
    Store(StoreError),
    Unreadable(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Missing => write!(f, "找不到这份草稿（可能已在其他窗口中删除）"),
            LoadError::Store(e) => write!(f, "{e}"),
            LoadError::Unreadable(m) => write!(f, "{m}"),
        }
    }
}

pub fn load(store: &dyn KeyValue, id: &str) -> Result<Loaded, LoadError> {
    let text = store.get(&draft_key(id)).map_err(LoadError::Store)?.ok_or(LoadError::Missing)?;
    let rev = meta(store, id).rev;
    match file_format::decode(&text) {
        Ok(draft) => Ok(Loaded { draft, rev, read_only_reason: None }),
        Err(e @ DecodeError::NewerVersion { .. }) => match view_newer(&text) {
            Some(draft) => Ok(Loaded { draft, rev, read_only_reason: Some(e.to_string()) }),
            None => Err(LoadError::Unreadable(e.to_string())),
        },
        Err(e) => Err(LoadError::Unreadable(e.to_string())),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    Store(StoreError),
    /// Another tab saved this draft since we read it (its revision is `stored`).
    Conflict {
        stored: u64,
    },
    /// The stored value is from a newer version: never overwritten.
    Newer,
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Store(StoreError::Full) => write!(f, "浏览器存储已满 — 请导出草稿文件"),
            SaveError::Store(e) => write!(f, "{e} — 请导出草稿文件"),
            SaveError::Conflict { .. } => write!(f, "这份草稿已在其他窗口中修改，未保存本窗口的修改"),
            SaveError::Newer => write!(f, "这份草稿由新版本保存，本版本不会覆盖它"),
        }
    }
}

/// Saves a draft if the stored revision is still `expected_rev`; returns the new revision.
pub fn save(store: &dyn KeyValue, id: &str, draft: &Draft, expected_rev: u64, now: f64) -> Result<u64, SaveError> {
    let stored = meta(store, id).rev;
    if stored != expected_rev {
        return Err(SaveError::Conflict { stored });
    }
    if let Some(existing) = store.get(&draft_key(id)).map_err(SaveError::Store)? {
        if matches!(file_format::decode(&existing), Err(DecodeError::NewerVersion { .. })) {
            return Err(SaveError::Newer);
        }
    }
    write(store, id, &file_format::encode_compact(draft), stored + 1, now)?;
    Ok(stored + 1)
}

/// Saves regardless of the stored revision (the user chose to keep this window's version).
pub fn save_over(store: &dyn KeyValue, id: &str, draft: &Draft, now: f64) -> Result<u64, SaveError> {
    let rev = meta(store, id).rev + 1;
    write(store, id, &file_format::encode_compact(draft), rev, now)?;
    Ok(rev)
}

fn write(store: &dyn KeyValue, id: &str, text: &str, rev: u64, now: f64) -> Result<(), SaveError> {
    store.set(&draft_key(id), text).map_err(SaveError::Store)?;
    let meta = serde_json::to_string(&Meta { rev, saved_at: now }).expect("meta serializes");
    store.set(&meta_key(id), &meta).map_err(SaveError::Store)
}

/// Copies the stored version to the backup key (if it reads fine). Called before the first save
/// of a session, so the backup is the draft as it was when the user opened it.
pub fn take_backup(store: &dyn KeyValue, id: &str) -> Result<(), StoreError> {
    if let Some(text) = store.get(&draft_key(id))? {
        if file_format::decode(&text).is_ok() {
            store.set(&backup_key(id), &text)?;
        }
    }
    Ok(())
}

/// The one-step backup, if any.
pub fn backup(store: &dyn KeyValue, id: &str) -> Option<Draft> {
    store.get(&backup_key(id)).ok().flatten().and_then(|t| file_format::decode(&t).ok())
}

/// Everything stored for a draft, so a deletion can be undone within the session.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Removed {
    pub id: String,
    pub entries: Vec<(String, String)>,
}

pub fn delete(store: &dyn KeyValue, id: &str) -> Result<Removed, StoreError> {
    let mut removed = Removed { id: id.to_string(), entries: Vec::new() };
    for key in [draft_key(id), meta_key(id), backup_key(id)] {
        if let Some(v) = store.get(&key)? {
            removed.entries.push((key.clone(), v));
            store.remove(&key)?;
        }
    }
    Ok(removed)
}

pub fn restore(store: &dyn KeyValue, removed: &Removed) -> Result<(), StoreError> {
    for (k, v) in &removed.entries {
        store.set(k, v)?;
    }
    Ok(())
}

pub fn quarantined_text(store: &dyn KeyValue, id: &str) -> Option<String> {
    store.get(&quarantine_key(id)).ok().flatten()
}

pub fn discard_quarantined(store: &dyn KeyValue, id: &str) -> Result<(), StoreError> {
    store.remove(&quarantine_key(id))
}

pub fn last_open(store: &dyn KeyValue) -> Option<LastOpen> {
    store.get(LAST_KEY).ok().flatten().and_then(|t| serde_json::from_str(&t).ok())
}

pub fn set_last_open(store: &dyn KeyValue, last: &LastOpen) -> Result<(), StoreError> {
    store.set(LAST_KEY, &serde_json::to_string(last).expect("serializes"))
}

/// A new draft id from a time and a random number (both from the caller, so tests are exact).
pub fn new_id(now_ms: f64, random: f64) -> String {
    let t = now_ms.max(0.0) as u64;
    let r = (random.clamp(0.0, 1.0) * 1_000_000.0) as u64;
    format!("{}{:04}", radix36(t), radix36(r))
}

fn radix36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if n == 0 {
        return "0".into();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
    }
    out.reverse();
    String::from_utf8(out).expect("ascii")
}

#[cfg(test)]
mod tests {
    use super::super::MemoryStore;
    use super::*;
    use jixiao_core::example_draft;

    fn saved(store: &MemoryStore, id: &str) -> u64 {
        save(store, id, &example_draft(), 0, 1000.0).unwrap()
    }

    #[test]
    fn save_load_and_list() {
        let store = MemoryStore::default();
        assert_eq!(saved(&store, "a"), 1);
        let loaded = load(&store, "a").unwrap();
        assert_eq!(loaded.draft, example_draft());
        assert_eq!(loaded.rev, 1);
        let s = scan(&store).unwrap();
        assert_eq!(s.drafts.len(), 1);
        assert_eq!((s.drafts[0].name.as_str(), s.drafts[0].score.as_str()), ("应急管理项目", "100.00 优"));
    }

    #[test]
    fn corrupt_values_are_moved_aside_and_others_untouched() {
        let store = MemoryStore::default();
        saved(&store, "good");
        store.set(&draft_key("bad"), "{\"type\":\"jixiao-draft\",\"data\":{tru").unwrap();
        let s = scan(&store).unwrap();
        assert_eq!(s.drafts.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), vec!["good"]);
        assert_eq!(s.moved_now, vec!["bad".to_string()]);
        assert_eq!(quarantined_text(&store, "bad").as_deref(), Some("{\"type\":\"jixiao-draft\",\"data\":{tru"));
        assert_eq!(store.get(&draft_key("bad")).unwrap(), None);
        // A second scan lists it as quarantined without moving anything.
        let again = scan(&store).unwrap();
        assert!(again.moved_now.is_empty());
        assert_eq!(again.quarantined.len(), 1);
        assert!(again.quarantined[0].reason.contains("JSON"), "{}", again.quarantined[0].reason);
    }

    #[test]
    fn a_full_store_keeps_the_corrupt_value_where_it_was() {
        let store = MemoryStore::with_capacity(40);
        store.set(&draft_key("bad"), "not json").unwrap();
        let s = scan(&store).unwrap();
        assert!(s.moved_now.is_empty());
        assert_eq!(store.get(&draft_key("bad")).unwrap().as_deref(), Some("not json"));
        assert_eq!(s.quarantined.len(), 1);
    }

    #[test]
    fn newer_versions_are_listed_read_only_and_never_overwritten() {
        let store = MemoryStore::default();
        let mut text: serde_json::Value = serde_json::from_str(&file_format::encode(&example_draft())).unwrap();
        text["version"] = 7.into();
        text["data"]["schema_version"] = 7.into();
        text["data"]["future_field"] = "x".into();
        let text = text.to_string();
        store.set(&draft_key("n"), &text).unwrap();
        let s = scan(&store).unwrap();
        assert_eq!(s.drafts[0].newer_version, Some(7));
        assert_eq!(s.drafts[0].name, "应急管理项目");
        let loaded = load(&store, "n").unwrap();
        assert!(loaded.read_only_reason.unwrap().contains("较新版本"));
        assert_eq!(save(&store, "n", &loaded.draft, loaded.rev, 1.0), Err(SaveError::Newer));
        assert_eq!(store.get(&draft_key("n")).unwrap().as_deref(), Some(text.as_str()));
    }

    #[test]
    fn another_tabs_save_is_a_conflict_not_a_silent_overwrite() {
        let store = MemoryStore::default();
        let rev = saved(&store, "a");
        // Tab B saves on top.
        let mut other = example_draft();
        other.project.name = "B".into();
        save(&store, "a", &other, rev, 2.0).unwrap();
        // Tab A, still at `rev`, is refused.
        assert_eq!(save(&store, "a", &example_draft(), rev, 3.0), Err(SaveError::Conflict { stored: 2 }));
        assert_eq!(load(&store, "a").unwrap().draft.project.name, "B");
        // Unless the user chooses to keep this window's version.
        assert_eq!(save_over(&store, "a", &example_draft(), 4.0), Ok(3));
    }

    #[test]
    fn full_storage_fails_cleanly() {
        let store = MemoryStore::with_capacity(100);
        assert_eq!(save(&store, "a", &example_draft(), 0, 1.0), Err(SaveError::Store(StoreError::Full)));
        assert_eq!(SaveError::Store(StoreError::Full).to_string(), "浏览器存储已满 — 请导出草稿文件");
    }

    #[test]
    fn backup_delete_restore() {
        let store = MemoryStore::default();
        let rev = saved(&store, "a");
        take_backup(&store, "a").unwrap();
        let mut changed = example_draft();
        changed.project.name = "改过".into();
        save(&store, "a", &changed, rev, 5.0).unwrap();
        assert_eq!(backup(&store, "a").unwrap().project.name, "应急管理项目");
        assert!(scan(&store).unwrap().drafts[0].has_backup);
        let removed = delete(&store, "a").unwrap();
        assert!(scan(&store).unwrap().drafts.is_empty());
        restore(&store, &removed).unwrap();
        assert_eq!(load(&store, "a").unwrap().draft.project.name, "改过");
    }

    #[test]
    fn ids_are_short_and_distinct() {
        assert_ne!(new_id(1_700_000_000_000.0, 0.1), new_id(1_700_000_000_000.0, 0.2));
        assert!(new_id(1_700_000_000_000.0, 0.5).len() < 16);
    }

    #[test]
    fn last_open_round_trips() {
        let store = MemoryStore::default();
        assert_eq!(last_open(&store), None);
        set_last_open(&store, &LastOpen { draft: "x".into(), step: "funds".into() }).unwrap();
        assert_eq!(last_open(&store).unwrap().step, "funds");
    }
}
