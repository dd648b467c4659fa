//! Labelled inputs bound to one field of the draft, with their messages.
//!
//! Validation rules live in the core (they are domain rules); this module only decides when a
//! message shows (thaw's "blur first, then live" trigger): once the field was left, once it
//! holds text, or once the user asked for the check. Messages are linked to their input with
//! `aria-describedby`, and an error sets `aria-invalid`.

use crate::editor::{use_editor, Editor, FindingMap};
use jixiao_core::{Draft, Finding, Severity};
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Money and points: text input with a decimal keyboard (not type=number, which drops
    /// what it cannot parse — "５０", "1,000.5", "50万元" must be kept as typed).
    Decimal,
    Area {
        rows: u32,
    },
    /// One line of text that wraps instead of scrolling sideways (a long 三级指标 name stays
    /// readable in a narrow column). A textarea that grows with its text; Enter never adds a line
    /// (the indicator table uses it for a new row) and pasted line breaks are dropped, as an
    /// `<input>` does.
    Line,
}

/// How a field is shown.
#[derive(Clone)]
pub struct Field {
    /// The element id, equal to the core's `FieldRef::anchor()` for this field.
    pub anchor: String,
    /// The official field/column name (全年预算数, 实际完成值 …).
    pub label: String,
    pub kind: Kind,
    /// `false` in table cells: the label becomes the accessible name only.
    pub show_label: bool,
    pub placeholder: &'static str,
    /// Extra element ids that describe the input (e.g. "understood as ≥ 9 个").
    pub described_by: Vec<String>,
    /// A `<datalist>` of suggestions (the official 二级指标).
    pub list: Option<String>,
    /// Where the field's findings come from: its indicator row's map, or (`None`) the draft's.
    pub findings: Option<RwSignal<Arc<FindingMap>>>,
}

impl Field {
    pub fn new(anchor: impl Into<String>, label: impl Into<String>, kind: Kind) -> Field {
        Field {
            anchor: anchor.into(),
            label: label.into(),
            kind,
            show_label: true,
            placeholder: "",
            described_by: Vec::new(),
            list: None,
            findings: None,
        }
    }

    /// Reads this field's findings from its row's map (see `Editor::row`).
    pub fn findings_from(mut self, row: RwSignal<Arc<FindingMap>>) -> Field {
        self.findings = Some(row);
        self
    }

    pub fn in_cell(mut self) -> Field {
        self.show_label = false;
        self
    }

    pub fn placeholder(mut self, text: &'static str) -> Field {
        self.placeholder = text;
        self
    }

    pub fn suggestions(mut self, datalist_id: impl Into<String>) -> Field {
        self.list = Some(datalist_id.into());
        self
    }

    pub fn described_by(mut self, id: impl Into<String>) -> Field {
        self.described_by.push(id.into());
        self
    }
}

/// The findings of a field that should be visible now.
pub fn visible_findings(editor: Editor, anchor: &str, value_is_empty: bool) -> Vec<Finding> {
    if !message_visible(editor, anchor, value_is_empty) {
        return Vec::new();
    }
    editor.findings_at(anchor)
}

fn message_visible(editor: Editor, anchor: &str, value_is_empty: bool) -> bool {
    editor.show_all_messages.get() || !value_is_empty || editor.touched.with(|t| t.contains(anchor))
}

/// An input (or textarea) bound to the draft through `get`/`set`, with its label and messages.
pub fn field_view(
    field: Field,
    get: impl Fn(&Draft) -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Draft, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let editor = use_editor();
    field_view_with(field, move || editor.draft.with(get), set)
}

/// Like [`field_view`], reading the value from a narrower source than the whole draft (a row's
/// memo), so typing in one row does not re-run the bindings of the other hundred.
pub fn field_view_with(
    field: Field,
    value: impl Fn() -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Draft, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let (control, messages, invalid) = field_parts_with(field, value, set);
    view! {
        <div class="field" class:invalid=invalid>
            {control}
            {messages}
        </div>
    }
}

/// A field's two parts, for a table that shows the messages of a row's cells under the row
/// (where they have the row's width) rather than inside narrow cells: the label and control,
/// the messages (linked to the control by `aria-describedby` wherever they are placed), and
/// whether an error is shown.
pub fn field_parts_with(
    field: Field,
    value: impl Fn() -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Draft, String) + Copy + Send + Sync + 'static,
) -> (AnyView, AnyView, impl Fn() -> bool + Copy + Send + Sync + 'static) {
    let editor = use_editor();
    let Field { anchor, label, kind, show_label, placeholder, described_by, list, findings: source } = field;
    let msg_id = format!("{anchor}-msg");
    let findings = {
        let anchor = anchor.clone();
        Memo::new(move |_| match source {
            // Read the row's map first: unless it changes, this memo does not re-run.
            Some(row) => {
                let found = row.with(|m| m.get(&anchor).cloned().unwrap_or_default());
                if found.is_empty() || !message_visible(editor, &anchor, value().trim().is_empty()) {
                    Vec::new()
                } else {
                    found
                }
            }
            None => visible_findings(editor, &anchor, value().trim().is_empty()),
        })
    };
    let invalid = move || findings.with(|f| f.iter().any(|f| f.severity == Severity::Error));
    let describedby = std::iter::once(msg_id.clone()).chain(described_by).collect::<Vec<_>>().join(" ");
    let key = anchor.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let mut v = event_target_value(&ev);
        if kind == Kind::Line && v.contains(['\r', '\n']) {
            v.retain(|c| c != '\r' && c != '\n');
        }
        editor.edit(&key, |d| set(d, v));
    };
    let blur_anchor = anchor.clone();
    let on_blur = move |_| editor.touch(&blur_anchor);
    let aria_label = (!show_label).then(|| label.clone());
    let control = match kind {
        Kind::Area { .. } | Kind::Line => {
            let line = kind == Kind::Line;
            let rows = if let Kind::Area { rows } = kind { rows } else { 1 };
            let textarea = view! {
                <textarea
                    id=anchor.clone()
                    class=line.then_some("line")
                    rows=rows
                    placeholder=placeholder
                    aria-label=aria_label
                    aria-describedby=describedby
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    prop:value=value
                    on:input=on_input
                    on:blur=on_blur
                    readonly=move || editor.read_only.get()
                ></textarea>
            };
            // The hidden copy of the text in `data-value` sizes the grid cell, and the textarea
            // fills it (style/main.css `.grow`): growing without measuring in script, on
            // Chromium 86 too.
            if line {
                view! { <div class="grow" data-value=value>{textarea}</div> }.into_any()
            } else {
                textarea.into_any()
            }
        }
        Kind::Text | Kind::Decimal => view! {
            <input
                type="text"
                id=anchor.clone()
                inputmode=if kind == Kind::Decimal { "decimal" } else { "text" }
                autocomplete="off"
                list=list
                placeholder=placeholder
                aria-label=aria_label
                aria-describedby=describedby
                aria-invalid=move || if invalid() { "true" } else { "false" }
                class:num=kind == Kind::Decimal
                prop:value=value
                on:input=on_input
                on:blur=on_blur
                readonly=move || editor.read_only.get()
            />
        }
        .into_any(),
    };
    let label_view = show_label.then(|| view! { <label for=anchor.clone()>{label.clone()}</label> });
    let messages = view! { <FieldMessages id=msg_id findings=findings in_cell=!show_label /> }.into_any();
    (view! { {label_view} {control} }.into_any(), messages, invalid)
}

/// The messages under a field. Always rendered (possibly empty) so `aria-describedby` resolves.
#[component]
pub fn FieldMessages(
    id: String,
    findings: Memo<Vec<Finding>>,
    /// In a table cell the row already names the indicator: drop the 「指标3「…」：」 lead.
    #[prop(optional)]
    in_cell: bool,
) -> impl IntoView {
    view! {
        <div id=id class="field-msg" aria-live="polite">
            {move || {
                findings
                    .get()
                    .into_iter()
                    .map(|f| {
                        let class = severity_class(f.severity);
                        let text = if in_cell { without_row_lead(&f.message).to_string() } else { f.message.to_string() };
                        view! { <p class=class>{text}</p> }
                    })
                    .collect_view()
            }}
        </div>
    }
}

pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "msg error",
        Severity::Warning => "msg warning",
        Severity::Hint => "msg hint",
    }
}

/// 「指标3「巡查次数」实际完成值：请填写」 → 「实际完成值：请填写」.
fn without_row_lead(message: &str) -> &str {
    if !message.starts_with("指标") {
        return message;
    }
    match message.find('：') {
        Some(i) if i < 120 => &message[i + '：'.len_utf8()..],
        _ => message,
    }
}
