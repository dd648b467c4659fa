//! 导出: the PDF and the draft file.

use crate::download::{download, draft_file_name};
use crate::editor::use_editor;
use crate::steps::drafts::ImportButton;
use crate::toast::use_toast;
use jixiao_core::file_format;
use leptos::prelude::*;

#[component]
pub fn ExportStep() -> impl IntoView {
    let editor = use_editor();
    let toast = use_toast();
    let import_error = RwSignal::new(None::<String>);
    let export_draft = move |_| {
        let (name, text) = editor
            .draft
            .with_untracked(|d| (draft_file_name(&d.project.name, &d.project.year), file_format::encode(d)));
        match download(&name, "application/json", text.as_bytes()) {
            Ok(()) => toast.show(format!("已导出“{name}”"), false),
            Err(e) => toast.show(format!("导出失败：{e}"), false),
        }
    };
    view! {
        <section class="step" aria-labelledby="step-title">
            <h2 id="step-title">"导出"</h2>
            <section class="card" aria-labelledby="pdf-title">
                <h3 id="pdf-title">"自评表和自评报告（PDF）"</h3>
                <p class="help">"生成含自评表和自评报告的 PDF 文件，可直接打印或提交。"</p>
            </section>
            <section class="card" aria-labelledby="file-title">
                <h3 id="file-title">"草稿文件"</h3>
                <p class="help">
                    "草稿只保存在这台电脑的这个浏览器中。导出草稿文件可备份，或在另一台电脑上导入后继续填写。"
                </p>
                <div class="toolbar">
                    <button type="button" class="primary" on:click=export_draft data-testid="export-draft">
                        "导出草稿文件"
                    </button>
                    <ImportButton error=import_error />
                </div>
                <Show when=move || import_error.with(Option::is_some)>
                    <p class="msg error" role="alert" data-testid="import-error">{move || import_error.get().unwrap_or_default()}</p>
                </Show>
            </section>
        </section>
    }
}
