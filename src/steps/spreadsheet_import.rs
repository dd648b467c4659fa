//! Importing a 自评表 spreadsheet: the file is read in the worker, then shown here before anything
//! is stored. Each project found lists every field with the cell it came from, what was kept in
//! 备注, the template rows skipped and what to check, with the 评分口径 the form suggests (the user
//! can change it). Only 「导入为新草稿」 stores anything, always as new drafts.

use crate::jobs::{self, JobStatus};
use crate::route::{use_router, Step};
use crate::session::use_session;
use crate::toast::use_toast;
use jixiao_core::imported::{Import, ImportedDraft};
use leptos::prelude::*;

/// A workbook read and waiting for the user's decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub file: String,
    pub drafts: Vec<ImportedDraft>,
    pub sheets_without_form: Vec<String>,
}

/// The preview in progress (at most one), shared by the file picker and drag-and-drop.
#[derive(Clone, Copy)]
pub struct SpreadsheetImport {
    pub preview: RwSignal<Option<Preview>>,
    pub status: RwSignal<JobStatus>,
    pub error: RwSignal<Option<String>>,
}

impl SpreadsheetImport {
    pub fn new() -> Self {
        SpreadsheetImport {
            preview: RwSignal::new(None),
            status: RwSignal::new(JobStatus::Idle),
            error: RwSignal::new(None),
        }
    }

    /// Reads the file in the worker and shows the preview (or why it cannot be imported).
    pub fn start(self, file: String, bytes: Vec<u8>) {
        self.error.set(None);
        self.preview.set(None);
        let this = self;
        jobs::import_spreadsheet(bytes, self.status, move |result: Result<Import, String>| match result {
            Ok(import) => this.preview.set(Some(Preview {
                file,
                drafts: import.drafts,
                sheets_without_form: import.sheets_without_form,
            })),
            Err(message) => this.error.set(Some(format!("无法导入“{file}”：{message}"))),
        });
    }
}

impl Default for SpreadsheetImport {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_spreadsheet_import() -> SpreadsheetImport {
    expect_context::<SpreadsheetImport>()
}

/// Reads a picked or dropped spreadsheet and starts its preview.
#[cfg(target_arch = "wasm32")]
pub async fn read_and_preview(file: web_sys::File, import: SpreadsheetImport) {
    let name = file.name();
    match crate::download::read_bytes(&file, jixiao_core::imported::MAX_FILE_BYTES).await {
        Ok(bytes) => import.start(name, bytes),
        Err(e) => import.error.set(Some(format!("无法导入“{name}”：{e}"))),
    }
}

/// The reading status, an error, or the preview dialog; placed once at the top of the page.
/// (Plain `Option` views rather than `<Show>`: every view here adds to the first page load.)
#[component]
pub fn SpreadsheetImportView() -> impl IntoView {
    let import = use_spreadsheet_import();
    let status = move || match import.status.get() {
        JobStatus::Working(text) => {
            Some(view! { <p class="banner info" role="status" data-testid="spreadsheet-status">{text}</p> })
        }
        _ => None,
    };
    let error = move || {
        import.error.get().map(|message| {
            view! {
                <div class="banner warning" role="alert" data-testid="spreadsheet-error">
                    <span>{message}</span>
                    <button type="button" class="link" on:click=move |_| import.error.set(None)>"知道了"</button>
                </div>
            }
        })
    };
    // The dialog's code is a part loaded when a workbook has been read (src/lazy.rs).
    let preview =
        move || import.preview.get().map(|preview| crate::lazy::page(crate::lazy::spreadsheet_preview(preview)));
    view! { {status} {error} {preview} }
}

/// The preview of a workbook read for import (`SpreadsheetImport::preview`).
pub fn preview_dialog(preview: Preview) -> impl IntoView {
    let import = use_spreadsheet_import();
    let session = use_session();
    let router = use_router();
    let toast = use_toast();
    let count = preview.drafts.len();
    // Per project: taken or not, and the 评分口径 chosen.
    let chosen: Vec<(RwSignal<bool>, RwSignal<String>)> =
        preview.drafts.iter().map(|d| (RwSignal::new(true), RwSignal::new(d.draft.profile.clone()))).collect();
    let drafts = preview.drafts.clone();
    let chosen_for_confirm = chosen.clone();
    let confirm = move |_| {
        let mut made = 0;
        for (imported, (take, profile)) in drafts.iter().zip(&chosen_for_confirm) {
            if !take.get_untracked() {
                continue;
            }
            let mut draft = imported.draft.clone();
            draft.profile = profile.get_untracked();
            match session.create(draft) {
                Ok(_) => made += 1,
                Err(e) => {
                    import.error.set(Some(format!("导入失败：{e}")));
                    break;
                }
            }
        }
        import.preview.set(None);
        if made > 0 {
            toast.show(format!("已从表格导入 {made} 个新草稿"), false);
            router.go(Step::Project);
        }
    };
    let projects = preview
        .drafts
        .into_iter()
        .zip(chosen)
        .enumerate()
        .map(|(i, (imported, (take, profile)))| project_preview(i, imported, take, profile))
        .collect_view();
    let without = (!preview.sheets_without_form.is_empty()).then(|| {
        let names = preview.sheets_without_form.join("、");
        view! { <p class="help">{format!("这些工作表中没有自评表，未导入：{names}")}</p> }
    });
    view! {
        <div class="dialog-backdrop">
            <section class="dialog import-preview" role="dialog" aria-modal="true" aria-labelledby="import-preview-title" data-testid="import-preview">
                <h2 id="import-preview-title">{format!("从“{}”导入（找到 {count} 个项目）", preview.file)}</h2>
                <p class="help">
                    "请核对每个字段来自哪个单元格。导入只会新建草稿，不会覆盖已有草稿；未能归入字段的内容记入草稿的备注。"
                </p>
                {projects}
                {without}
                <div class="toolbar">
                    <button type="button" class="primary" on:click=confirm data-testid="import-confirm">"导入为新草稿"</button>
                    <button type="button" on:click=move |_| import.preview.set(None) data-testid="import-cancel">"取消"</button>
                </div>
            </section>
        </div>
    }
}

/// A list of `cell text` lines under a heading, or nothing when empty.
fn cell_list(title: &'static str, testid: &'static str, items: Vec<(String, String)>) -> Option<impl IntoView> {
    (!items.is_empty()).then(|| {
        let lines = items
            .into_iter()
            .map(|(cell, text)| view! { <li><span class="cell-ref">{cell}</span>" "{text}</li> })
            .collect_view();
        view! { <h4>{title}</h4><ul data-testid=testid>{lines}</ul> }
    })
}

fn project_preview(
    index: usize,
    imported: ImportedDraft,
    take: RwSignal<bool>,
    profile: RwSignal<String>,
) -> impl IntoView {
    let draft = imported.draft.clone();
    // The total under the profile chosen, by the engine (as the draft will score once imported).
    let total = move || {
        let mut scored = draft.clone();
        scored.profile = profile.get();
        let evaluation = jixiao_core::evaluate(&scored);
        format!("总分：{}（等级：{}）", evaluation.total_shown(), evaluation.grade_shown())
    };
    let name = if imported.draft.project.name.trim().is_empty() {
        "（未填项目名称）".to_string()
    } else {
        imported.draft.project.name.clone()
    };
    let select_id = format!("import-profile-{index}");
    let initial = imported.draft.profile.clone();
    let profiles = jixiao_core::profile::PROFILES
        .iter()
        .map(|p| view! { <option value=p.id selected=p.id == initial>{p.name}</option> })
        .collect_view();
    let rows = imported
        .placed
        .iter()
        .map(|p| view! { <tr><td>{p.field.clone()}</td><td class="cell-ref">{p.cell.clone()}</td><td>{p.text.clone()}</td></tr> })
        .collect_view();
    let pairs =
        |items: &[jixiao_core::imported::Placed]| items.iter().map(|k| (k.cell.clone(), k.text.clone())).collect();
    let warnings = cell_list(
        "请核对",
        "import-warnings",
        imported.warnings.iter().map(|w| (w.cell.clone(), w.message.clone())).collect(),
    );
    let kept = cell_list("未能归入字段、已记入备注", "import-kept", pairs(&imported.kept_in_notes));
    let skipped = cell_list("跳过的模板占位行", "import-skipped", pairs(&imported.skipped));
    view! {
        <section class="card" data-testid="import-project">
            <h3>
                <label>
                    <input type="checkbox" prop:checked=move || take.get() on:change=move |ev| take.set(event_target_checked(&ev)) />
                    {format!(" {name}")}
                </label>
            </h3>
            <p class="help">{format!("工作表：{}", imported.sheets.join("、"))}</p>
            <div class="field">
                <label for=select_id.clone()>"评分口径"</label>
                <select id=select_id on:change=move |ev| profile.set(event_target_value(&ev))>{profiles}</select>
                <p class="help">{format!("根据表格判断：{}", imported.profile_reason)}</p>
            </div>
            <p data-testid="import-total">{total}</p>
            {warnings}
            {kept}
            {skipped}
            <details>
                <summary>{format!("每个字段来自哪个单元格（{} 项）", imported.placed.len())}</summary>
                <table class="mapping">
                    <thead><tr><th>"字段"</th><th>"单元格"</th><th>"内容"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </section>
    }
}
