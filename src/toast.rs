//! A short message at the bottom of the screen ("已删除指标3" [撤销]).

use crate::editor::use_editor;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct ToastMessage {
    pub text: String,
    /// Offer 「撤销」 (the last edit).
    pub undo: bool,
    serial: u64,
}

#[derive(Clone, Copy)]
pub struct Toast {
    message: RwSignal<Option<ToastMessage>>,
}

impl Toast {
    pub fn new() -> Toast {
        Toast { message: RwSignal::new(None) }
    }

    pub fn show(&self, text: impl Into<String>, undo: bool) {
        let serial = self.message.with_untracked(|m| m.as_ref().map_or(0, |m| m.serial + 1));
        self.message.set(Some(ToastMessage { text: text.into(), undo, serial }));
        let message = self.message;
        set_timeout(
            move || {
                if message.with_untracked(|m| m.as_ref().is_some_and(|m| m.serial == serial)) {
                    message.set(None);
                }
            },
            std::time::Duration::from_secs(8),
        );
    }

    pub fn hide(&self) {
        self.message.set(None);
    }
}

impl Default for Toast {
    fn default() -> Self {
        Toast::new()
    }
}

pub fn use_toast() -> Toast {
    expect_context::<Toast>()
}

#[component]
pub fn ToastView() -> impl IntoView {
    let toast = use_toast();
    let editor = use_editor();
    view! {
        <div class="toast-area" role="status" aria-live="polite">
            {move || {
                toast
                    .message
                    .get()
                    .map(|m| {
                        view! {
                            <div class="toast" data-testid="toast">
                                <span>{m.text}</span>
                                {m
                                    .undo
                                    .then(|| {
                                        view! {
                                            <button
                                                type="button"
                                                on:click=move |_| {
                                                    editor.undo();
                                                    toast.hide();
                                                }
                                            >
                                                "撤销"
                                            </button>
                                        }
                                    })}
                                <button type="button" class="link" aria-label="关闭提示" on:click=move |_| toast.hide()>
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
