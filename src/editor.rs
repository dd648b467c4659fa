//! The open draft, its undo history and everything derived from it.

use crate::history::History;
use crate::route::Step;
use jixiao_core::checks::Finding;
use jixiao_core::evaluate::Evaluator;
use jixiao_core::{Draft, Evaluation};
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Findings keyed by the element id of their field.
pub type FindingMap = HashMap<String, Vec<Finding>>;

/// At least 100 undo steps (issue: guided form).
const UNDO_LIMIT: usize = 200;

/// The draft being edited, shared through context. Everything computed is a memo over the
/// draft, derived and never written by an effect — except the indicator rows' own signals
/// (`crate::rows`), which the editor sets itself after each change, for speed.
#[derive(Clone, Copy)]
pub struct Editor {
    pub draft: RwSignal<Draft>,
    pub evaluation: Memo<Evaluation>,
    /// Findings by the element id of the field they point at (fields outside the indicator table).
    pub findings_by_anchor: Memo<Arc<FindingMap>>,
    /// The same, split per indicator row: a row's fields subscribe to their row's map only, so a
    /// keystroke re-runs the message bindings of the rows whose findings changed, not all of them
    /// (with a thousand subscribers on one map, re-subscribing is what cost the time).
    pub findings_by_row: Memo<Arc<HashMap<u32, Arc<FindingMap>>>>,
    /// The draft's 评分口径 (the national one for an unknown id): rows read it without subscribing
    /// to the whole draft.
    pub profile: Memo<&'static jixiao_core::profile::Profile>,
    /// The indicator rows' own signals, set after each change (see `crate::rows`).
    rows: crate::rows::Rows,
    history: StoredValue<History<Draft>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// A draft from a newer version, or one the user chose to view only: edits are refused.
    pub read_only: RwSignal<bool>,
    /// Fields the user has left at least once: their "please fill in" messages may show.
    pub touched: RwSignal<HashSet<String>>,
    /// Set once the user has asked for the check: every message shows.
    pub show_all_messages: RwSignal<bool>,
    /// Steps the user has left or edited: their findings count in the live panel. A fresh form
    /// does not open with a list of errors for pages nobody has filled in yet.
    pub seen_steps: RwSignal<HashSet<Step>>,
    /// The step on screen (kept by the router), so that an edit marks its step as seen.
    on_step: StoredValue<Step>,
}

impl Editor {
    pub fn new(draft: Draft) -> Editor {
        let draft = RwSignal::new(draft);
        // One evaluator per open draft: a keystroke re-reads only the row it changed.
        let evaluator = Arc::new(std::sync::Mutex::new(Evaluator::new()));
        let evaluation = Memo::new(move |_| {
            let Some(engine) = crate::engine::loaded() else {
                return Evaluation::pending(crate::engine::LOADING);
            };
            let mut evaluator = evaluator.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            draft.with(|d| (engine.evaluate)(&mut evaluator, d))
        });
        let findings_by_anchor = Memo::new(move |_| {
            evaluation.with(|e| {
                let mut map: HashMap<String, Vec<Finding>> = HashMap::new();
                for f in &e.findings {
                    map.entry(f.field.anchor()).or_default().push(f.clone());
                }
                Arc::new(map)
            })
        });
        let findings_by_row = Memo::new(move |_| {
            evaluation.with(|e| {
                let mut rows: HashMap<u32, FindingMap> = HashMap::new();
                for f in &e.findings {
                    if let jixiao_core::FieldRef::Indicator { id, .. } = f.field {
                        rows.entry(id).or_default().entry(f.field.anchor()).or_default().push(f.clone());
                    }
                }
                Arc::new(rows.into_iter().map(|(id, m)| (id, Arc::new(m))).collect())
            })
        });
        let profile = Memo::new_with_compare(
            move |_| {
                draft.with(|d| {
                    jixiao_core::profile::find(&d.profile).unwrap_or_else(jixiao_core::profile::default_profile)
                })
            },
            |a, b| !matches!((a, b), (Some(a), Some(b)) if std::ptr::eq(*a, *b)),
        );
        Editor {
            draft,
            evaluation,
            profile,
            rows: crate::rows::Rows::new(),
            findings_by_anchor,
            findings_by_row,
            history: StoredValue::new(History::new(UNDO_LIMIT)),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            read_only: RwSignal::new(false),
            touched: RwSignal::new(HashSet::new()),
            show_all_messages: RwSignal::new(false),
            seen_steps: RwSignal::new(HashSet::new()),
            on_step: StoredValue::new(Step::Drafts),
        }
    }

    /// Applies one edit. `key` names what is edited (the field's id); consecutive edits of the
    /// same key coalesce into one undo step.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut Draft)) {
        if self.read_only.get_untracked() {
            return;
        }
        let history = self.history;
        let mut changed = false;
        self.draft.maybe_update(|d| {
            let before = d.clone();
            change(d);
            if *d == before {
                return false;
            }
            history.update_value(|h| h.record(before, key, now_ms()));
            changed = true;
            true
        });
        if changed {
            self.sync_rows();
        }
        self.mark_seen(self.on_step.get_value());
        self.sync_flags();
    }

    /// The router moved from `left` to `now`: the step left has been seen.
    pub fn step_changed(&self, left: Option<Step>, now: Step) {
        self.on_step.set_value(now);
        if let Some(left) = left.filter(|l| *l != now) {
            self.mark_seen(left);
        }
    }

    fn mark_seen(&self, step: Step) {
        if step.is_form() && !self.seen_steps.with_untracked(|s| s.contains(&step)) {
            self.seen_steps.update(|s| {
                s.insert(step);
            });
        }
    }

    /// Whether a finding counts in the live panel: its step was left or edited, its field was
    /// left, or every message shows (after the check, or for a draft opened with content).
    pub fn finding_counts(&self, finding: &Finding) -> bool {
        self.show_all_messages.get()
            || self.seen_steps.with(|s| s.contains(&Step::of_field(&finding.field)))
            || self.touched.with(|t| t.contains(&finding.field.anchor()))
    }

    /// A structural edit (add, delete, move, paste): always its own undo step.
    pub fn edit_step(&self, key: &str, change: impl FnOnce(&mut Draft)) {
        self.history.update_value(History::seal);
        self.edit(key, change);
        self.history.update_value(History::seal);
    }

    pub fn undo(&self) {
        if self.read_only.get_untracked() {
            return;
        }
        let current = self.draft.get_untracked();
        if let Some(previous) = self.history.try_update_value(|h| h.undo(current)).flatten() {
            self.draft.set(previous);
            self.sync_rows();
        }
        self.sync_flags();
    }

    pub fn redo(&self) {
        if self.read_only.get_untracked() {
            return;
        }
        let current = self.draft.get_untracked();
        if let Some(next) = self.history.try_update_value(|h| h.redo(current)).flatten() {
            self.draft.set(next);
            self.sync_rows();
        }
        self.sync_flags();
    }

    /// Opens another draft: history starts afresh.
    pub fn replace(&self, draft: Draft, read_only: bool) {
        self.history.update_value(History::clear);
        self.read_only.set(read_only);
        self.touched.set(HashSet::new());
        self.show_all_messages.set(false);
        self.seen_steps.set(HashSet::new());
        self.draft.set(draft);
        self.sync_rows();
        self.sync_flags();
    }

    pub fn touch(&self, anchor: &str) {
        if !self.touched.with_untracked(|t| t.contains(anchor)) {
            self.touched.update(|t| {
                t.insert(anchor.to_string());
            });
        }
    }

    fn sync_flags(&self) {
        let (u, r) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        if self.can_undo.get_untracked() != u {
            self.can_undo.set(u);
        }
        if self.can_redo.get_untracked() != r {
            self.can_redo.set(r);
        }
    }

    /// The findings of one field (tracked).
    pub fn findings_at(&self, anchor: &str) -> Vec<Finding> {
        self.findings_by_anchor.with(|m| m.get(anchor).cloned().unwrap_or_default())
    }

    /// The signals of one indicator row: its cells, evaluation and findings, each changing only
    /// when that row's do.
    pub fn row(&self, id: u32) -> crate::rows::RowSignals {
        self.draft.with_untracked(|d| {
            self.evaluation.with_untracked(|e| self.findings_by_row.with_untracked(|f| self.rows.get(id, d, e, f)))
        })
    }

    /// After every write of the draft (evaluating it now, which the page would do in this tick anyway).
    fn sync_rows(&self) {
        self.draft.with_untracked(|d| {
            self.evaluation.with_untracked(|e| self.findings_by_row.with_untracked(|f| self.rows.sync(d, e, f)))
        });
    }
}

pub fn use_editor() -> Editor {
    expect_context::<Editor>()
}

/// Milliseconds since page load (monotonic), or 0 outside a browser.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
