//! One submission opened read-only: the unit's figures as submitted, per row the unit's own 得分,
//! the score the rules give and the reviewer's 复核分 (with its reason) and 复核意见; the
//! findings; the overall opinion. Only the reviewer's part is editable; it lives in the draft's
//! `review` (draft format version 3), so a project kept as a draft keeps it.

use super::use_review_desk;
use crate::jobs::{self, Export};
use crate::route::{use_router, Step};
use crate::session::use_session;
use crate::toast::use_toast;
use jixiao_core::model::{Draft, IndicatorReview};
use jixiao_core::money::{fixed2, percent2};
use jixiao_core::review::{evaluate_reviewed, score_problem};
use jixiao_core::{evaluate, Evaluation, Severity};
use leptos::prelude::*;

#[component]
pub fn OpenedProject(index: usize) -> impl IntoView {
    let desk = use_review_desk();
    let session = use_session();
    let toast = use_toast();
    let router = use_router();
    let draft = Memo::new(move |_| {
        desk.submissions.with(|s| s.get(index).and_then(|s| s.outcome.as_ref().ok()).map(|o| o.draft.clone()))
    });
    let Some(initial) = draft.get_untracked() else {
        desk.open.set(None);
        return ().into_any();
    };
    // The unit's figures do not change here; the reviewer's do, with every edit.
    let own = evaluate(&initial);
    let reviewed = Memo::new(move |_| draft.with(|d| d.as_ref().map(evaluate_reviewed)));
    let file = desk.submissions.with_untracked(|s| s[index].file.clone());
    let export_pdf = move |_| {
        let Some(d) = draft.get_untracked() else { return };
        let name = Export::ReviewPdf.file_name(&d.project.name, &d.project.year);
        jobs::export(Export::ReviewPdf, desk.export, jixiao_core::file_format::encode_compact(&d), name);
    };
    let keep = move |_| {
        let Some(d) = draft.get_untracked() else { return };
        match session.create(d) {
            Ok(_) => {
                desk.unsaved.update(|u| {
                    u.remove(&index);
                });
                toast.show_action("已保存为草稿（含复核意见）", "打开", move || router.go(Step::Project))
            }
            Err(e) => toast.show(format!("保存失败：{e}"), false),
        }
    };
    let claimed_total = match initial.claimed.total.trim() {
        "" => "未填写".to_string(),
        t => t.to_string(),
    };
    let own_total = own.total_shown();
    let totals = move || {
        reviewed.with(|r| {
            r.as_ref().map(|r| {
                view! {
                    <dl class="figures">
                        <div><dt>"自评分（单位填写）"</dt><dd data-testid="opened-claimed">{claimed_total.clone()}</dd></div>
                        <div><dt>"按规则计算"</dt><dd>{own_total.clone()}</dd></div>
                        <div class="total"><dt>"复核分"</dt><dd data-testid="opened-reviewed-total">{r.total_shown()}</dd></div>
                        <div class="grade"><dt>"复核等级"</dt><dd>{r.grade_shown()}</dd></div>
                    </dl>
                }
            })
        })
    };
    let rows = initial
        .indicators
        .iter()
        .zip(&own.indicators)
        .map(|(ind, mine)| {
            let id = ind.id;
            let notes = initial.review.of(id).cloned().unwrap_or_default();
            let reviewed_score = move || {
                reviewed.with(|r| {
                    r.as_ref()
                        .and_then(|r| r.indicators.iter().find(|row| row.id == id))
                        .map(|row| row.score.show(fixed2))
                })
            };
            let problem = move || {
                reviewed.with(|r| {
                    let r = r.as_ref()?;
                    let row = r.indicators.iter().find(|row| row.id == id)?;
                    draft.with(|d| d.as_ref().and_then(|d| score_problem(d, row)))
                })
            };
            let set = move |apply: fn(&mut IndicatorReview, String)| {
                move |ev: leptos::ev::Event| {
                    let value = event_target_value(&ev);
                    desk.edit(index, |d| apply(d.review.of_mut(id), value));
                }
            };
            let claimed =
                if ind.claimed_score.trim().is_empty() { "—".to_string() } else { ind.claimed_score.clone() };
            view! {
                <tr data-testid="opened-row">
                    <td>{mine.number}</td>
                    <td>{ind.name.clone()}</td>
                    <td>{ind.target.clone()}</td>
                    <td>{ind.actual.clone()}</td>
                    <td class="num">{ind.weight.clone()}</td>
                    <td class="num">{claimed}</td>
                    <td class="num">{mine.score.show(fixed2)}</td>
                    <td class="num" data-testid="opened-reviewed-score">{reviewed_score}</td>
                    <td>
                        <input
                            type="text"
                            inputmode="decimal"
                            class="short"
                            aria-label=format!("指标{}的复核分", mine.number)
                            prop:value=notes.score.clone()
                            on:change=set(|r, v| r.score = v)
                            data-testid="opened-score-input"
                        />
                        <input
                            type="text"
                            aria-label=format!("指标{}调整复核分的理由", mine.number)
                            placeholder="调整理由"
                            prop:value=notes.reason.clone()
                            on:change=set(|r, v| r.reason = v)
                            data-testid="opened-reason-input"
                        />
                        {move || problem().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
                    </td>
                    <td>
                        <textarea
                            rows="2"
                            aria-label=format!("指标{}的复核意见", mine.number)
                            prop:value=notes.opinion.clone()
                            on:change=set(|r, v| r.opinion = v)
                            data-testid="opened-opinion-input"
                        ></textarea>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let findings = findings(&own);
    let funds = &own.funds;
    let funds_line = format!(
        "全年预算数 {} 万元，全年执行数 {} 万元，执行率 {}，执行率得分 {}（单位填写：{}）",
        funds.total.annual_budget.map(fixed2).unwrap_or_else(|| "—".into()),
        funds.total.executed.map(fixed2).unwrap_or_else(|| "—".into()),
        funds.execution_rate.show(percent2),
        funds.execution_score.show(fixed2),
        if initial.claimed.execution_score.trim().is_empty() { "—" } else { initial.claimed.execution_score.trim() },
    );
    view! {
        <div class="opened-project" data-testid="opened-project">
            <div class="toolbar">
                <button type="button" on:click=move |_| desk.open.set(None) data-testid="opened-back">"← 返回列表"</button>
                <button type="button" on:click=export_pdf data-testid="opened-export-pdf">"导出复核意见（PDF）"</button>
                <button type="button" on:click=keep data-testid="opened-keep">"保存为草稿"</button>
                <span role="status" data-testid="opened-export-status">{move || desk.export_note()}</span>
            </div>
            <section class="card">
                <h3>{format!("{} {}", initial.project.name.trim(), initial.project.year.trim())}</h3>
                <p class="help">
                    {format!("实施单位：{}　主管部门：{}　文件：{file}", initial.project.implementing_unit.trim(), initial.project.department.trim())}
                </p>
                <p>{funds_line}</p>
                {totals}
            </section>
            <div class="table-scroll">
                <table class="grid opened-indicators">
                    <caption>"绩效指标（只读）与复核"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"序号"</th>
                            <th scope="col">"三级指标"</th>
                            <th scope="col">"年度指标值"</th>
                            <th scope="col">"实际完成值"</th>
                            <th scope="col">"分值"</th>
                            <th scope="col">"自评分"</th>
                            <th scope="col">"按规则"</th>
                            <th scope="col">"复核分"</th>
                            <th scope="col">"调整复核分（须写理由）"</th>
                            <th scope="col">"复核意见"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <section class="card">
                <h3>"检查发现的问题"</h3>
                {findings}
            </section>
            <section class="card">
                {overall_field("review-reviewer", "复核人", false, initial.review.reviewer.clone(), |d, v| d.review.reviewer = v)}
                {overall_field("review-opinion", "总体复核意见", true, initial.review.opinion.clone(), |d, v| d.review.opinion = v)}
            </section>
        </div>
    }
    .into_any()
}

/// 复核人 or 总体复核意见: a labelled text field written into the draft's `review` when it changes.
fn overall_field(
    id: &'static str,
    label: &'static str,
    long: bool,
    value: String,
    apply: fn(&mut Draft, String),
) -> impl IntoView {
    let desk = use_review_desk();
    let Some(index) = desk.open.get_untracked() else { return ().into_any() };
    let on_change = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        desk.edit(index, |d| apply(d, v));
    };
    let input = if long {
        view! { <textarea id=id rows="4" prop:value=value on:change=on_change data-testid=id></textarea> }.into_any()
    } else {
        view! { <input id=id type="text" prop:value=value on:change=on_change data-testid=id /> }.into_any()
    };
    view! { <div class="field"><label for=id>{label}</label>{input}</div> }.into_any()
}

/// Errors and warnings of the submitted draft, each with the rule it rests on.
fn findings(evaluation: &Evaluation) -> impl IntoView {
    let items: Vec<_> = evaluation
        .findings
        .iter()
        .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
        .map(|f| {
            view! {
                <li class=if f.severity == Severity::Error { "error" } else { "warning" }>
                    {format!("{}：{}", f.severity.label(), f.message)}
                    <span class="rule">{format!("（{}）", f.rule)}</span>
                </li>
            }
        })
        .collect();
    if items.is_empty() {
        view! { <p>"未发现错误或警告。"</p> }.into_any()
    } else {
        view! { <ul class="findings" data-testid="opened-findings">{items}</ul> }.into_any()
    }
}
