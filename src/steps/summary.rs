//! 总结与报告: the unit's own sections and the generated report, each generated paragraph
//! editable (an edited paragraph whose figures no longer match the table is flagged by the core).

use super::ErrorSummary;
use crate::editor::use_editor;
use crate::fields::{field_view, visible_findings, Field, FieldMessages, Kind};
use crate::route::Step;
use jixiao_core::model::NarrativeSection;
use jixiao_core::report::{self, BlockKind, Report};
use leptos::prelude::*;

fn section_field(section: NarrativeSection, rows: u32, placeholder: &'static str) -> impl IntoView {
    let anchor = jixiao_core::checks::FieldRef::Narrative { section }.anchor();
    field_view(
        Field::new(anchor, section.label(), Kind::Area { rows }).placeholder(placeholder),
        move |d| d.narrative.section(section).to_string(),
        move |d, v| *d.narrative.section_mut(section) = v,
    )
}

#[component]
pub fn SummaryStep() -> impl IntoView {
    let editor = use_editor();
    let report = Memo::new(move |_| editor.draft.with(|d| editor.evaluation.with(|e| report::generate(d, e))));
    view! {
        <section class="step" aria-labelledby="step-title">
            <h2 id="step-title">"总结与报告"</h2>
            <ErrorSummary step=Step::Summary />
            <p class="help">"每段一行；“一是……”“二是……”可各占一行。这些内容写入报告的第三、四、五部分。"</p>
            <div class="form-stack">
                {section_field(NarrativeSection::Achievements, 6, "一是……；二是……")}
                {section_field(NarrativeSection::Problems, 4, "一是……；二是……")}
                {section_field(NarrativeSection::Improvements, 4, "下一步将……")}
                {section_field(NarrativeSection::ResultApplication, 3, "如：自评结果将作为以后年度预算安排的参考，并按规定在部门网站公开。")}
                {section_field(NarrativeSection::Other, 3, "")}
            </div>
            <section class="report-preview" aria-labelledby="report-title" data-testid="report-preview">
                <h3 id="report-title">{move || report.with(|r| r.title.clone())}</h3>
                <p class="help">"以下报告文字由表格自动生成。可点“改写”修改某一段；改写后如与表中数据不一致会提示。"</p>
                <For
                    each=move || {
                        report.with(|r| r.blocks.iter().map(|b| (b.key.clone(), b.kind, b.generated)).collect::<Vec<_>>())
                    }
                    key=|item| item.0.clone()
                    let:item
                >
                    <ReportBlock report=report key=item.0 kind=item.1 generated=item.2 />
                </For>
            </section>
        </section>
    }
}

#[component]
fn ReportBlock(report: Memo<Report>, key: String, kind: BlockKind, generated: bool) -> impl IntoView {
    let editor = use_editor();
    let text = {
        let key = key.clone();
        move || report.with(|r| r.blocks.iter().find(|b| b.key == key).map(|b| b.text.clone()).unwrap_or_default())
    };
    match kind {
        BlockKind::Heading { level } => view! { <p class=format!("report-h{level}")>{text}</p> }.into_any(),
        BlockKind::Paragraph if !generated => {
            view! { <p class="report-p own" title="在上面的栏目中修改">{text}</p> }.into_any()
        }
        BlockKind::Paragraph => {
            let anchor = format!("report-{key}");
            let editing = {
                let key = key.clone();
                move || editor.draft.with(|d| d.report_edits.contains_key(&key))
            };
            let start_edit = {
                let key = key.clone();
                let anchor = anchor.clone();
                let text = text.clone();
                move |_| {
                    let current = text();
                    editor.edit_step(&anchor, |d| {
                        d.report_edits.insert(key.clone(), current);
                    });
                    crate::route::focus_field(&anchor);
                }
            };
            let restore = {
                let key = key.clone();
                let anchor = anchor.clone();
                move |_| {
                    editor.edit_step(&anchor, |d| {
                        d.report_edits.remove(&key);
                    })
                }
            };
            let findings = {
                let anchor = anchor.clone();
                Memo::new(move |_| visible_findings(editor, &anchor, false))
            };
            let value = {
                let key = key.clone();
                move || editor.draft.with(|d| d.report_edits.get(&key).cloned().unwrap_or_default())
            };
            let on_input = {
                let key = key.clone();
                let anchor = anchor.clone();
                move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    editor.edit(&anchor, |d| {
                        d.report_edits.insert(key.clone(), v);
                    });
                }
            };
            let msg_id = format!("{anchor}-msg");
            let described = msg_id.clone();
            let edited_class = editing.clone();
            view! {
                <div class="report-p generated" class:edited=edited_class>
                    <Show
                        when=editing
                        fallback=move || {
                            view! {
                                <p>{text.clone()}</p>
                                <button type="button" class="link" on:click=start_edit.clone() disabled=move || editor.read_only.get()>
                                    "改写"
                                </button>
                            }
                        }
                    >
                        <textarea
                            id=anchor.clone()
                            rows="3"
                            aria-label="改写报告段落"
                            aria-describedby=described.clone()
                            prop:value=value.clone()
                            on:input=on_input.clone()
                        ></textarea>
                        <button type="button" class="link" on:click=restore.clone()>"恢复自动生成的文字"</button>
                    </Show>
                    <FieldMessages id=msg_id findings=findings />
                </div>
            }
            .into_any()
        }
    }
}
