//! 导出: the PDF and the draft file.

use crate::download::{download, draft_file_name};
use crate::editor::use_editor;
use crate::pdf_export::{self, pdf_file_name, PdfStatus};
use crate::steps::drafts::ImportButton;
use crate::toast::use_toast;
use jixiao_core::file_format;
use leptos::prelude::*;

#[component]
pub fn ExportStep() -> impl IntoView {
    let editor = use_editor();
    let toast = use_toast();
    let import_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(PdfStatus::Idle);
    let watermark = RwSignal::new(false);
    let signature = RwSignal::new(true);
    // Export works with errors present, but first lists them and asks.
    let confirming = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        editor.evaluation.with(|e| {
            e.findings
                .iter()
                .filter(|f| f.severity == jixiao_core::Severity::Error)
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
        })
    });
    let run_export = move || {
        confirming.set(false);
        let (text, name) =
            editor.draft.with_untracked(|d| (file_format::encode(d), pdf_file_name(&d.project.name, &d.project.year)));
        pdf_export::export(status, text, name, watermark.get_untracked(), signature.get_untracked());
    };
    let on_pdf = move |_| {
        if errors.with(Vec::is_empty) {
            run_export();
        } else {
            confirming.set(true);
        }
    };
    let busy = move || matches!(status.get(), PdfStatus::Working(_));
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
                <p class="help">"生成含自评表和自评报告的 PDF 文件（A4，中文可选中复制），可直接打印或提交。"</p>
                <div class="field checkbox">
                    <label>
                        <input type="checkbox" prop:checked=move || signature.get() on:change=move |ev| signature.set(event_target_checked(&ev)) />
                        "表格下方加“填报人 / 审核人 / 填报日期”签字栏"
                    </label>
                </div>
                <div class="field checkbox">
                    <label>
                        <input type="checkbox" prop:checked=move || watermark.get() on:change=move |ev| watermark.set(event_target_checked(&ev)) />
                        "加“草稿”水印（正式提交前的版本）"
                    </label>
                </div>
                <button type="button" class="primary" on:click=on_pdf disabled=busy data-testid="export-pdf">
                    "导出PDF"
                </button>
                <Show when=move || confirming.get()>
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-title" data-testid="pdf-confirm">
                        <h4 id="confirm-title">{move || format!("草稿中还有 {} 处错误，仍要导出吗？", errors.with(Vec::len))}</h4>
                        <ul>{move || errors.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                        <button type="button" class="primary" on:click=move |_| run_export()>"仍然导出"</button>
                        <a class="button-like" href=crate::route::Step::Check.href()>"先去修改"</a>
                        <button type="button" on:click=move |_| confirming.set(false)>"取消"</button>
                    </div>
                </Show>
                <p class="pdf-status" role="status" data-testid="pdf-status">
                    {move || match status.get() {
                        PdfStatus::Idle => String::new(),
                        PdfStatus::Working(text) => text,
                        PdfStatus::Done { file, kb, ms } => format!("已生成“{file}”（{kb} KB，用时 {ms} 毫秒）"),
                        PdfStatus::Failed(message) => format!("导出失败：{message}"),
                    }}
                </p>
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
