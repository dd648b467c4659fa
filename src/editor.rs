//! The open draft and everything derived from it.

use jixiao_core::{evaluate, Draft, Evaluation};
use leptos::prelude::*;

/// The draft being edited, shared through context. `evaluation` is a memo over the draft:
/// derived, never written.
#[derive(Clone, Copy)]
pub struct Editor {
    pub draft: RwSignal<Draft>,
    pub evaluation: Memo<Evaluation>,
}

impl Editor {
    pub fn new(draft: Draft) -> Editor {
        let draft = RwSignal::new(draft);
        let evaluation = Memo::new(move |_| draft.with(evaluate));
        Editor { draft, evaluation }
    }
}

pub fn use_editor() -> Editor {
    expect_context::<Editor>()
}
