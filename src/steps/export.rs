//! 导出: the PDF, the 自评表 as Excel, the report as Word, and the draft file.

use crate::download::{download, draft_file_name};
use crate::editor::use_editor;
use crate::jobs::{self, Export, JobStatus};
use crate::route::Step;
use crate::session::use_session;
use crate::steps::drafts::ImportButton;
use crate::toast::use_toast;
use jixiao_core::file_format;
use leptos::prelude::*;

/// The suggestions of the last 「生成下一年度绩效目标」, with the id of the draft it created.
#[derive(Clone, Copy)]
pub struct NextYearSuggestions(pub RwSignal<(String, Vec<jixiao_core::next_year::Suggestion>)>);

impl Default for NextYearSuggestions {
    fn default() -> NextYearSuggestions {
        NextYearSuggestions(RwSignal::new((String::new(), Vec::new())))
    }
}

#[component]
pub fn ExportStep() -> impl IntoView {
    let editor = use_editor();
    let toast = use_toast();
    let import_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(JobStatus::Idle);
    // The export the user asked for while the draft has errors, waiting for 「仍然导出」.
    let watermark = RwSignal::new(false);
    let signature = RwSignal::new(true);
    // Export works with errors present, but first lists them and asks.
    let confirming = RwSignal::new(None::<Export>);
    let errors = Memo::new(move |_| {
        editor.evaluation.with(|e| {
            e.findings
                .iter()
                .filter(|f| f.severity == jixiao_core::Severity::Error)
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
        })
    });
    // One job at a time; its progress or result shows beside the buttons that started it.
    let targets_job = RwSignal::new(false);
    let job_note = move || match status.get() {
        JobStatus::Idle => String::new(),
        JobStatus::Working(text) => text,
        JobStatus::Done { file, kb, ms } => format!("已生成“{file}”（{kb} KB，用时 {ms} 毫秒）"),
        JobStatus::Failed(message) => format!("导出失败：{message}"),
    };
    let run_export = move |export: Export| {
        confirming.set(None);
        targets_job.set(matches!(export, Export::TargetsPdf | Export::TargetsXlsx));
        let (text, name) = editor
            .draft
            .with_untracked(|d| (file_format::encode(d), export.file_name(&d.project.name, &d.project.year)));
        jobs::export(export, status, text, name);
    };
    let ask = move |export: Export| {
        if errors.with(Vec::is_empty) {
            run_export(export);
        } else {
            confirming.set(Some(export));
        }
    };
    let on_pdf =
        move |_| ask(Export::Pdf { watermark: watermark.get_untracked(), signature: signature.get_untracked() });
    let busy = move || matches!(status.get(), JobStatus::Working(_));
    let export_draft = move |_| {
        let (name, text) = editor
            .draft
            .with_untracked(|d| (draft_file_name(&d.project.name, &d.project.year), file_format::encode(d)));
        match download(&name, "application/json", text.as_bytes()) {
            Ok(()) => toast.show(format!("已导出“{name}”"), false),
            Err(e) => toast.show(format!("导出失败：{e}"), false),
        }
    };
    // 结果应用: next year's targets from this year's results, as a new draft (this one is kept).
    let session = use_session();
    // Kept above the step (opening the new draft re-renders it), shown while that draft is open.
    let NextYearSuggestions(shown) = expect_context::<NextYearSuggestions>();
    let suggested = Memo::new(move |_| {
        shown.with(|(id, list)| if session.current.get().as_ref() == Some(id) { list.clone() } else { Vec::new() })
    });
    let make_next_year = move |_| {
        let (next, suggestions) = editor
            .draft
            .with_untracked(|d| editor.evaluation.with_untracked(|e| jixiao_core::next_year::next_year(d, e)));
        let changed = suggestions.iter().filter(|s| s.next_year != s.this_year).count();
        let too_low = suggestions.iter().filter(|s| s.set_too_low).count();
        let year = next.project.year.clone();
        match session.create(next) {
            Ok(id) => {
                shown.set((id, suggestions));
                toast.show(
                    format!(
                        "已生成并打开{}绩效目标草稿（本年度草稿不变）：{changed} 个指标值按本年度实际调整，其中 {too_low} 个设定偏低",
                        if year.is_empty() { "下一年度".to_string() } else { format!("{year}年度") }
                    ),
                    false,
                );
            }
            Err(e) => toast.show(e, false),
        }
    };
    view! {
        <section class="step" aria-labelledby="step-title">
            <h2 id="step-title">"导出"</h2>
            <section class="card" aria-labelledby="pdf-title">
                <h3 id="pdf-title">"自评表和自评报告"</h3>
                <p class="help">
                    "PDF：含自评表和自评报告（A4，中文可选中复制），可直接打印或提交。Excel：自评表（含公式，可上传或在 Excel/WPS 中修改，导入本程序可恢复全部内容）。Word：自评报告（含自评表），便于修改、盖章。"
                </p>
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
                <div class="toolbar">
                    <button type="button" class="primary" on:click=on_pdf disabled=busy data-testid="export-pdf">
                        "导出PDF"
                    </button>
                    <button type="button" on:click=move |_| ask(Export::Xlsx) disabled=busy data-testid="export-xlsx">
                        "导出Excel（.xlsx）"
                    </button>
                    <button type="button" on:click=move |_| ask(Export::Docx) disabled=busy data-testid="export-docx">
                        "导出Word（.docx）"
                    </button>
                </div>
                <Show when=move || confirming.with(Option::is_some)>
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-title" data-testid="pdf-confirm">
                        <h4 id="confirm-title">{move || format!("草稿中还有 {} 处错误，仍要导出吗？", errors.with(Vec::len))}</h4>
                        <ul>{move || errors.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                        <button
                            type="button"
                            class="primary"
                            on:click=move |_| {
                                if let Some(export) = confirming.get_untracked() {
                                    run_export(export);
                                }
                            }
                        >
                            "仍然导出"
                        </button>
                        <a class="button-like" href=crate::route::Step::Check.href()>"先去修改"</a>
                        <button type="button" on:click=move |_| confirming.set(None)>"取消"</button>
                    </div>
                </Show>
                <p class="pdf-status" role="status" data-testid="pdf-status">
                    {move || if targets_job.get() { String::new() } else { job_note() }}
                </p>
            </section>
            <section class="card" aria-labelledby="next-year-title">
                <h3 id="next-year-title">"下一年度绩效目标"</h3>
                <p class="help">
                    "以本年度自评为依据新建下一年度的绩效目标草稿：指标相同，指标值按本年度实际完成情况建议（正向指标不低于本年实际，反向指标不高于本年实际；明显超额完成的（全国口径为超出30%及以上）标明“设定偏低”），年度总体目标预填本年度实际完成情况，资金留空。本年度草稿不变。"
                </p>
                <div class="toolbar">
                    <button type="button" on:click=make_next_year data-testid="next-year">
                        "生成下一年度绩效目标"
                    </button>
                    <button type="button" on:click=move |_| run_export(Export::TargetsPdf) disabled=busy data-testid="export-targets-pdf">
                        "导出绩效目标申报表（PDF）"
                    </button>
                    <button type="button" on:click=move |_| run_export(Export::TargetsXlsx) disabled=busy data-testid="export-targets-xlsx">
                        "导出绩效目标申报表（Excel）"
                    </button>
                </div>
                <p class="pdf-status" role="status" data-testid="targets-status">
                    {move || if targets_job.get() { job_note() } else { String::new() }}
                </p>
                <Show when=move || suggested.with(|s| !s.is_empty())>
                    <table class="grid" data-testid="next-year-suggestions">
                        <caption>"已打开新草稿。各指标的指标值建议（请到“绩效指标”核对）："</caption>
                        <thead>
                            <tr>
                                <th scope="col">"三级指标"</th>
                                <th scope="col">"本年度指标值"</th>
                                <th scope="col">"建议下一年度指标值"</th>
                                <th scope="col">"说明"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                suggested
                                    .get()
                                    .into_iter()
                                    .map(|s| {
                                        let mark = if s.set_too_low { "设定偏低：" } else { "" };
                                        view! {
                                            <tr class:missed=s.set_too_low>
                                                <td>{s.name}</td>
                                                <td>{s.this_year}</td>
                                                <td>{s.next_year}</td>
                                                <td>{format!("{mark}{}", s.note)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                    <p class="help">
                        {jixiao_core::next_year::RULE_SET_TOO_LOW}" "
                        <a href=Step::Indicators.href()>"去核对绩效指标"</a>
                    </p>
                </Show>
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
