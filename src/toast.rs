//! A short message at the bottom of the screen ("已删除指标3" [撤销]).

use crate::editor::Editor;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone)]
pub struct ToastMessage {
    pub text: String,
    /// A button: its label and what it does (「撤销」 the last edit by default).
    pub action: Option<(String, Arc<dyn Fn() + Send + Sync>)>,
    serial: u64,
}

#[derive(Clone, Copy)]
pub struct Toast {
    message: RwSignal<Option<ToastMessage>>,
    editor: Editor,
}

impl Toast {
    pub fn new(editor: Editor) -> Toast {
        Toast { message: RwSignal::new(None), editor }
    }

    /// A message; with `undo`, a 「撤销」 button that undoes the last edit of the draft.
    pub fn show(&self, text: impl Into<String>, undo: bool) {
        let action: Option<(String, Arc<dyn Fn() + Send + Sync>)> = if undo {
            let editor = self.editor;
            Some(("撤销".to_string(), Arc::new(move || editor.undo())))
        } else {
            None
        };
        self.post(text.into(), action);
    }

    /// A message with a button of its own.
    pub fn show_action(&self, text: impl Into<String>, label: &str, action: impl Fn() + Send + Sync + 'static) {
        self.post(text.into(), Some((label.to_string(), Arc::new(action))));
    }

    fn post(&self, text: String, action: Option<(String, Arc<dyn Fn() + Send + Sync>)>) {
        let serial = self.message.with_untracked(|m| m.as_ref().map_or(0, |m| m.serial + 1));
        self.message.set(Some(ToastMessage { text, action, serial }));
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

pub fn use_toast() -> Toast {
    expect_context::<Toast>()
}

#[component]
pub fn ToastView() -> impl IntoView {
    let toast = use_toast();
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
                                    .action
                                    .map(|(label, action)| {
                                        view! {
                                            <button
                                                type="button"
                                                on:click=move |_| {
                                                    action();
                                                    toast.hide();
                                                }
                                            >
                                                {label}
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
