//! The pages of the guided form, one module per step.

pub mod check;
pub mod drafts;
pub mod export;
pub mod funds;
pub mod goals;
pub mod indicators;
pub mod project;
pub mod spreadsheet_import;
pub mod summary;

use crate::editor::use_editor;
use crate::route::{focus_field, use_router, Step};
use jixiao_core::Severity;
use leptos::prelude::*;

/// The errors of one step, at its top (role="alert"); each links to its field.
///
/// Brought up to date when a field is left (and when the step opens), not at every keystroke: a
/// summary appearing and disappearing above the table while a number is typed would move the
/// whole form under the user's eyes (and make the browser lay out and repaint all of it). The
/// field's own message stays live.
#[component]
pub fn ErrorSummary(step: Step) -> impl IntoView {
    let editor = use_editor();
    let router = use_router();
    let fields_left = RwSignal::new(0u32);
    #[cfg(target_arch = "wasm32")]
    {
        let handle = window_event_listener(leptos::ev::focusout, move |_| fields_left.update(|n| *n += 1));
        on_cleanup(move || handle.remove());
    }
    let errors = Memo::new(move |_| {
        fields_left.track();
        let show_all = editor.show_all_messages.get();
        let touched = editor.touched.get();
        editor.evaluation.with_untracked(|e| {
            e.findings
                .iter()
                .filter(|f| f.severity == Severity::Error && Step::of_field(&f.field) == step)
                .filter(|f| show_all || touched.contains(&f.field.anchor()))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !errors.with(Vec::is_empty)>
            <div class="error-summary" role="alert" data-testid="error-summary">
                <h3>{move || format!("本页有 {} 处错误需要修改", errors.with(Vec::len))}</h3>
                <ul>
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|f| {
                                let anchor = f.field.anchor();
                                let target = Step::of_field(&f.field);
                                view! {
                                    <li>
                                        <a
                                            href=format!("#{anchor}")
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                router.go(target);
                                                focus_field(&anchor);
                                            }
                                        >
                                            {f.message}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
