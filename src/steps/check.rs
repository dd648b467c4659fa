//! 检查: the score card and every finding, grouped by severity; a finding jumps to its field.

use crate::editor::use_editor;
use crate::score_card::{FindingList, ScoreCard};
use leptos::prelude::*;

#[component]
pub fn CheckStep() -> impl IntoView {
    let editor = use_editor();
    // Asking for the check shows every field's message from now on.
    editor.show_all_messages.set(true);
    let print = move |_| {
        #[cfg(target_arch = "wasm32")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="step check-step" aria-labelledby="step-title">
            <h2 id="step-title">"检查"</h2>
            <div class="print-head">
                <p>{move || editor.draft.with(|d| format!("{} {}年度 绩效自评检查结果", d.project.name, d.project.year))}</p>
            </div>
            <ScoreCard />
            <FindingList />
            <button type="button" class="secondary no-print" on:click=print>"打印检查结果"</button>
        </section>
    }
}
