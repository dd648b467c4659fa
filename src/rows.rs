//! One set of signals per indicator row — its cells, its evaluation, its findings — set by the
//! editor after every change of the draft, and only for the rows that changed.
//!
//! Why not a memo per row over the draft: with a hundred rows, every keystroke marked each row's
//! memos and, through them, every binding of every row before any memo could say "unchanged"
//! (Leptos' mark phase clones each node's subscriber set): measured, that was most of the app's
//! own work per key (BENCHMARKS.md, "Keystroke"). Here the rows do not subscribe to the draft at
//! all: [`Rows::sync`] compares each row with what its signal holds (no allocation) and sets the
//! one or two that differ.

use crate::editor::FindingMap;
use jixiao_core::model::Indicator;
use jixiao_core::{Draft, Evaluation, IndicatorEvaluation};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// A row's signals. Reading them tracks only this row.
#[derive(Clone, Copy)]
pub struct RowSignals {
    pub indicator: RwSignal<Option<Indicator>>,
    /// The row's evaluation (the evaluator hands back the same `Arc` for a row it did not redo).
    pub evaluation: RwSignal<Option<Arc<IndicatorEvaluation>>>,
    pub findings: RwSignal<Arc<FindingMap>>,
}

/// The rows' signals by indicator id, owned by the editor (they outlive the row components, so
/// a row shown again reads the current values; a row deleted keeps `None`).
#[derive(Clone, Copy)]
pub struct Rows {
    map: StoredValue<HashMap<u32, RowSignals>>,
    owner: StoredValue<Option<Owner>>,
}

fn row_of(evaluation: &Evaluation, id: u32) -> Option<&Arc<IndicatorEvaluation>> {
    evaluation.indicators.iter().find(|r| r.id == id)
}

fn find(draft: &Draft, id: u32) -> Option<&Indicator> {
    draft.indicators.iter().find(|i| i.id == id)
}

impl Rows {
    pub fn new() -> Rows {
        Rows { map: StoredValue::new(HashMap::new()), owner: StoredValue::new(Owner::current()) }
    }

    /// The signals of row `id`, made on first use from the current values.
    pub fn get(
        &self,
        id: u32,
        draft: &Draft,
        evaluation: &Evaluation,
        findings: &HashMap<u32, Arc<FindingMap>>,
    ) -> RowSignals {
        if let Some(signals) = self.map.with_value(|m| m.get(&id).copied()) {
            return signals;
        }
        let make = || RowSignals {
            indicator: RwSignal::new(find(draft, id).cloned()),
            evaluation: RwSignal::new(row_of(evaluation, id).cloned()),
            findings: RwSignal::new(findings.get(&id).cloned().unwrap_or_default()),
        };
        // Owned by the editor's owner, not by the row component that asked first.
        let signals = match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.map.update_value(|m| {
            m.insert(id, signals);
        });
        signals
    }

    /// After the draft (and so its evaluation) changed: sets the signals of the rows whose cells,
    /// evaluation or findings differ from what they hold.
    pub fn sync(&self, draft: &Draft, evaluation: &Evaluation, findings: &HashMap<u32, Arc<FindingMap>>) {
        self.map.with_value(|m| {
            for (&id, signals) in m {
                let now = find(draft, id);
                if signals.indicator.with_untracked(|held| held.as_ref() != now) {
                    signals.indicator.set(now.cloned());
                }
                let now = row_of(evaluation, id);
                let same = signals.evaluation.with_untracked(|held| match (held, now) {
                    (Some(held), Some(now)) => Arc::ptr_eq(held, now),
                    (None, None) => true,
                    _ => false,
                });
                if !same {
                    signals.evaluation.set(now.cloned());
                }
                let now = findings.get(&id);
                let same = signals.findings.with_untracked(|held| match now {
                    Some(now) => Arc::ptr_eq(held, now) || held == now,
                    None => held.is_empty(),
                });
                if !same {
                    signals.findings.set(now.cloned().unwrap_or_default());
                }
            }
        });
    }
}

impl Default for Rows {
    fn default() -> Self {
        Self::new()
    }
}
