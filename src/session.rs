//! Which draft is open, and keeping it saved: debounced autosave, flushed on blur /
//! visibilitychange / pagehide, a visible save state, and every storage fault survived.

use crate::editor::Editor;
use crate::storage::repo::{self, LastOpen, Removed, SaveError, Scan};
use crate::storage::{BrowserStore, KeyValue, MemoryStore, StoreError};
use jixiao_core::Draft;
use leptos::prelude::*;
use std::rc::Rc;

/// Typing pauses longer than this trigger a save.
const DEBOUNCE_MS: u64 = 800;

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// No draft open.
    Idle,
    Saved {
        at: String,
    },
    Pending,
    Failed(String),
    /// Storage is unavailable: the draft lives in this page only.
    MemoryOnly,
    /// Another tab changed this draft: saving is paused until the user chooses.
    Conflict,
    ReadOnly(String),
}

impl SaveState {
    pub fn label(&self) -> String {
        match self {
            SaveState::Idle => String::new(),
            SaveState::Saved { at } => format!("已保存 {at}"),
            SaveState::Pending => "正在保存…".into(),
            SaveState::Failed(reason) => format!("保存失败：{reason}"),
            SaveState::MemoryOnly => "未保存到浏览器（存储不可用）— 请导出草稿文件".into(),
            SaveState::Conflict => "已在其他窗口中修改，暂停保存".into(),
            SaveState::ReadOnly(_) => "只读".into(),
        }
    }

    pub fn is_problem(&self) -> bool {
        matches!(self, SaveState::Failed(_) | SaveState::MemoryOnly | SaveState::Conflict)
    }
}

/// The store the session writes to: the browser's, or memory when that is unavailable.
fn store(ok: bool) -> Rc<dyn KeyValue> {
    thread_local! {
        static MEMORY: Rc<MemoryStore> = Rc::new(MemoryStore::default());
    }
    if ok {
        Rc::new(BrowserStore)
    } else {
        MEMORY.with(|m| m.clone() as Rc<dyn KeyValue>)
    }
}

#[derive(Clone, Copy)]
pub struct Session {
    editor: Editor,
    pub current: RwSignal<Option<String>>,
    pub state: RwSignal<SaveState>,
    /// `false`: the browser's storage cannot be used; drafts live in memory.
    pub storage_ok: RwSignal<bool>,
    pub scan: RwSignal<Scan>,
    /// Messages for the draft list (a corrupt draft moved aside …).
    pub notices: RwSignal<Vec<String>>,
    rev: StoredValue<u64>,
    dirty: StoredValue<bool>,
    backed_up: StoredValue<Vec<String>>,
    skip_next_change: StoredValue<bool>,
    timer: StoredValue<u64>,
    trash: StoredValue<Vec<Removed>>,
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn clock() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

fn wall_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    0.0
}

fn random() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::random()
    }
    #[cfg(not(target_arch = "wasm32"))]
    0.5
}

impl Session {
    /// Reads the stored drafts (before anything is written) and reopens the last one.
    pub fn start(editor: Editor) -> (Session, Option<LastOpen>) {
        let probe = BrowserStore.get(repo::LAST_KEY);
        let storage_ok = !matches!(probe, Err(StoreError::Unavailable));
        let session = Session {
            editor,
            current: RwSignal::new(None),
            state: RwSignal::new(if storage_ok { SaveState::Idle } else { SaveState::MemoryOnly }),
            storage_ok: RwSignal::new(storage_ok),
            scan: RwSignal::new(Scan::default()),
            notices: RwSignal::new(Vec::new()),
            rev: StoredValue::new(0),
            dirty: StoredValue::new(false),
            backed_up: StoredValue::new(Vec::new()),
            skip_next_change: StoredValue::new(false),
            timer: StoredValue::new(0),
            trash: StoredValue::new(Vec::new()),
        };
        session.refresh();
        let last = repo::last_open(&*store(storage_ok));
        if let Some(last) = &last {
            if session.scan.with_untracked(|s| s.drafts.iter().any(|d| d.id == last.draft)) {
                if let Err(e) = session.open(&last.draft) {
                    session.notices.update(|n| n.push(format!("无法打开上次的草稿：{e}")));
                }
            }
        }
        (session, last)
    }

    fn store(&self) -> Rc<dyn KeyValue> {
        store(self.storage_ok.get_untracked())
    }

    /// The store drafts are read from (the browser's, or memory).
    pub fn store_handle(&self) -> Rc<dyn KeyValue> {
        self.store()
    }

    /// Re-reads the list of drafts; corrupt values are moved aside and reported.
    pub fn refresh(&self) {
        match repo::scan(&*self.store()) {
            Ok(scan) => {
                for id in &scan.moved_now {
                    let reason =
                        scan.quarantined.iter().find(|q| &q.id == id).map(|q| q.reason.clone()).unwrap_or_default();
                    self.notices.update(|n| {
                        n.push(format!("有一份草稿无法读取（{reason}），已原样另存，可在下方“无法读取的草稿”中下载；其他草稿不受影响。"))
                    });
                }
                self.scan.set(scan);
            }
            Err(e) => {
                self.notices.update(|n| n.push(format!("无法读取草稿列表：{e}")));
            }
        }
    }

    /// Opens a stored draft in the editor (saving the current one first).
    pub fn open(&self, id: &str) -> Result<(), String> {
        self.flush();
        let loaded = repo::load(&*self.store(), id).map_err(|e| e.to_string())?;
        self.skip_next_change.set_value(true);
        let read_only = loaded.read_only_reason.clone();
        self.editor.replace(loaded.draft, read_only.is_some());
        let has_content =
            self.editor.draft.with_untracked(|d| !d.indicators.is_empty() || !d.project.name.trim().is_empty());
        self.editor.show_all_messages.set(has_content);
        self.rev.set_value(loaded.rev);
        self.dirty.set_value(false);
        self.current.set(Some(id.to_string()));
        self.state.set(match read_only {
            Some(reason) => SaveState::ReadOnly(reason),
            None if !self.storage_ok.get_untracked() => SaveState::MemoryOnly,
            None => SaveState::Saved { at: clock() },
        });
        self.remember_last(None);
        Ok(())
    }

    /// Stores a new draft and opens it.
    pub fn create(&self, draft: Draft) -> Result<String, String> {
        self.flush();
        let id = repo::new_id(wall_ms(), random());
        match repo::save(&*self.store(), &id, &draft, 0, wall_ms()) {
            Ok(_) => {}
            Err(SaveError::Store(StoreError::Full)) => {
                return Err("浏览器存储已满，无法新建草稿。请先导出并删除不再需要的草稿。".into())
            }
            Err(e) => return Err(e.to_string()),
        }
        self.refresh();
        self.open(&id)?;
        Ok(id)
    }

    /// Called on every change of the open draft.
    pub fn changed(&self) {
        crate::crash::remember(&self.editor.draft.get_untracked());
        if self.skip_next_change.get_value() {
            self.skip_next_change.set_value(false);
            return;
        }
        if self.current.get_untracked().is_none() || self.editor.read_only.get_untracked() {
            return;
        }
        self.dirty.set_value(true);
        if !matches!(self.state.get_untracked(), SaveState::Conflict | SaveState::MemoryOnly) {
            self.state.set(SaveState::Pending);
        }
        let serial = self.timer.get_value().wrapping_add(1);
        self.timer.set_value(serial);
        let this = *self;
        set_timeout(
            move || {
                if this.timer.get_value() == serial {
                    this.flush();
                }
            },
            std::time::Duration::from_millis(DEBOUNCE_MS),
        );
    }

    /// Saves now if there is anything unsaved.
    pub fn flush(&self) {
        if !self.dirty.get_value() {
            return;
        }
        let Some(id) = self.current.get_untracked() else { return };
        if matches!(self.state.get_untracked(), SaveState::Conflict) {
            return;
        }
        let store = self.store();
        if !self.backed_up.with_value(|b| b.contains(&id)) {
            let _ = repo::take_backup(&*store, &id);
            self.backed_up.update_value(|b| b.push(id.clone()));
        }
        let result = crate::perf::measure("jixiao-save", || {
            self.editor.draft.with_untracked(|d| repo::save(&*store, &id, d, self.rev.get_value(), wall_ms()))
        });
        match result {
            Ok(rev) => {
                self.rev.set_value(rev);
                self.dirty.set_value(false);
                self.state.set(if self.storage_ok.get_untracked() {
                    SaveState::Saved { at: clock() }
                } else {
                    SaveState::MemoryOnly
                });
            }
            Err(SaveError::Conflict { .. }) => self.state.set(SaveState::Conflict),
            Err(e) => self.state.set(SaveState::Failed(e.to_string())),
        }
    }

    /// Another tab wrote `key`: if it is the open draft, stop and ask.
    pub fn external_change(&self, key: &str) {
        let Some(id) = self.current.get_untracked() else { return };
        if key == repo::meta_key(&id) || key == repo::draft_key(&id) {
            let stored = repo::load(&*self.store(), &id).map(|l| l.rev).unwrap_or(0);
            if stored != self.rev.get_value() {
                self.state.set(SaveState::Conflict);
            }
        }
    }

    /// Conflict resolution: take the other window's version.
    pub fn reload(&self) {
        if let Some(id) = self.current.get_untracked() {
            self.dirty.set_value(false);
            self.state.set(SaveState::Idle);
            let _ = self.open(&id);
        }
    }

    /// Conflict resolution: keep this window's version and save it over the other.
    pub fn keep_mine(&self) {
        let Some(id) = self.current.get_untracked() else { return };
        let result = self.editor.draft.with_untracked(|d| repo::save_over(&*self.store(), &id, d, wall_ms()));
        match result {
            Ok(rev) => {
                self.rev.set_value(rev);
                self.dirty.set_value(false);
                self.state.set(SaveState::Saved { at: clock() });
            }
            Err(e) => self.state.set(SaveState::Failed(e.to_string())),
        }
    }

    pub fn delete(&self, id: &str) -> Result<(), String> {
        if self.current.get_untracked().as_deref() == Some(id) {
            self.dirty.set_value(false);
            self.current.set(None);
            self.skip_next_change.set_value(true);
            self.editor.replace(Draft::default(), false);
            self.state.set(SaveState::Idle);
        }
        let removed = repo::delete(&*self.store(), id).map_err(|e| e.to_string())?;
        self.trash.update_value(|t| t.push(removed));
        self.refresh();
        Ok(())
    }

    /// Puts back the most recently deleted draft.
    pub fn undelete(&self) -> Result<(), String> {
        let Some(removed) = self.trash.try_update_value(|t| t.pop()).flatten() else { return Ok(()) };
        repo::restore(&*self.store(), &removed).map_err(|e| e.to_string())?;
        self.refresh();
        Ok(())
    }

    /// Opens the one-step backup of a draft as a new draft (the current version stays as it is).
    pub fn restore_backup(&self, id: &str) -> Result<String, String> {
        let mut draft = repo::backup(&*self.store(), id).ok_or("这份草稿没有可恢复的备份")?;
        draft.project.name = format!("{}（备份）", draft.project.name.trim());
        self.create(draft)
    }

    pub fn duplicate(&self, id: &str) -> Result<String, String> {
        let mut draft = repo::load(&*self.store(), id).map_err(|e| e.to_string())?.draft;
        draft.project.name = format!("{}（副本）", draft.project.name.trim());
        self.create(draft)
    }

    /// Renames a stored draft (its 项目名称).
    pub fn rename(&self, id: &str, name: String) -> Result<(), String> {
        if self.current.get_untracked().as_deref() == Some(id) {
            self.editor.edit_step("project-name", |d| d.project.name = name);
            self.dirty.set_value(true);
            self.flush();
            self.refresh();
            return Ok(());
        }
        let store = self.store();
        let loaded = repo::load(&*store, id).map_err(|e| e.to_string())?;
        if loaded.read_only_reason.is_some() {
            return Err("这份草稿由新版本保存，不能在本版本中修改".into());
        }
        let mut draft = loaded.draft;
        draft.project.name = name;
        repo::save(&*store, id, &draft, loaded.rev, wall_ms()).map_err(|e| e.to_string())?;
        self.refresh();
        Ok(())
    }

    pub fn quarantined_text(&self, id: &str) -> Option<String> {
        repo::quarantined_text(&*self.store(), id)
    }

    pub fn discard_quarantined(&self, id: &str) {
        let _ = repo::discard_quarantined(&*self.store(), id);
        self.refresh();
    }

    /// Remembers the open draft and step, so reopening the page returns there.
    pub fn remember_last(&self, step: Option<&str>) {
        let Some(draft) = self.current.get_untracked() else { return };
        let store = self.store();
        let step = step.map(str::to_string).or_else(|| repo::last_open(&*store).map(|l| l.step)).unwrap_or_default();
        let _ = repo::set_last_open(&*store, &LastOpen { draft, step });
    }

    /// Hooks the session to the page: autosave on change, flush when the page is left,
    /// and the `storage` event from other tabs.
    pub fn install(self) {
        let editor = self.editor;
        Effect::new(move |previous: Option<()>| {
            editor.draft.track();
            if previous.is_some() {
                self.changed();
            } else {
                crate::crash::remember(&editor.draft.get_untracked());
            }
        });
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let flush = Closure::<dyn Fn()>::new(move || self.flush());
            let on_storage = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
                if let Some(key) = ev.key() {
                    self.external_change(&key);
                }
            });
            if let Some(w) = web_sys::window() {
                for event in ["blur", "pagehide"] {
                    let _ = w.add_event_listener_with_callback(event, flush.as_ref().unchecked_ref());
                }
                if let Some(d) = w.document() {
                    let _ = d.add_event_listener_with_callback("visibilitychange", flush.as_ref().unchecked_ref());
                }
                let _ = w.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
            }
            // Both live as long as the page.
            flush.forget();
            on_storage.forget();
        }
    }
}
