//! The score card (执行率, indicator scores, subtotals, 总分, 等级) and the list of findings.

use crate::editor::use_editor;
use crate::route::{focus_field, use_router, Step};
use jixiao_core::money::{fixed2, natural, percent2};
use jixiao_core::Severity;
use leptos::prelude::*;

#[component]
pub fn ScoreCard() -> impl IntoView {
    let editor = use_editor();
    let eval = editor.evaluation;
    let funds = move || eval.with(|e| e.funds.clone());
    view! {
        <section class="card score-card" data-testid="score-card" aria-labelledby="score-card-title">
            <h2 id="score-card-title">"评分结果"</h2>
            <dl class="figures">
                <div>
                    <dt>"执行率"</dt>
                    <dd data-testid="execution-rate">{move || funds().execution_rate.show(percent2)}</dd>
                </div>
                <div>
                    <dt>"到位率"</dt>
                    <dd data-testid="arrival-rate">{move || funds().arrival_rate.show(percent2)}</dd>
                </div>
                <div>
                    <dt>"执行率得分"</dt>
                    <dd>
                        <span data-testid="execution-score">{move || funds().execution_score.show(fixed2)}</span>
                        <span class="of">{move || format!(" / {}", natural(funds().execution_weight))}</span>
                    </dd>
                </div>
                <div class="total">
                    <dt>"总分"</dt>
                    <dd data-testid="total-score">{move || eval.with(|e| e.total_shown())}</dd>
                </div>
                <div class="grade">
                    <dt>"等级"</dt>
                    <dd data-testid="grade" title=move || eval.with(|e| e.grade_withheld.clone().unwrap_or_default())>
                        {move || eval.with(|e| e.grade_shown())}
                    </dd>
                </div>
            </dl>
            <table class="grid indicators-result">
                <caption>"绩效指标得分"</caption>
                <thead>
                    <tr>
                        <th scope="col">"序号"</th>
                        <th scope="col">"一级指标"</th>
                        <th scope="col">"二级指标"</th>
                        <th scope="col">"三级指标"</th>
                        <th scope="col">"年度指标值"</th>
                        <th scope="col">"实际完成值"</th>
                        <th scope="col">"完成率"</th>
                        <th scope="col">"分值"</th>
                        <th scope="col">"得分"</th>
                        <th scope="col">"状态"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let draft = editor.draft.get();
                        eval.with(|e| {
                            e.indicators
                                .iter()
                                .zip(&draft.indicators)
                                .map(|(row, ind)| {
                                    let weight = row.weight.clone().ok().flatten().map(natural).unwrap_or_default();
                                    view! {
                                        <tr>
                                            <td>{row.number}</td>
                                            <td>{ind.level1.label()}</td>
                                            <td>{ind.level2.clone()}</td>
                                            <td>{ind.name.clone()}</td>
                                            <td>{ind.target.clone()}</td>
                                            <td>{ind.actual.clone()}</td>
                                            <td class="num">{row.completion.show(percent2)}</td>
                                            <td class="num">{weight}</td>
                                            <td class="num" data-testid="indicator-score">{row.score.show(fixed2)}</td>
                                            <td>{row.status.label()}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
                <tfoot>
                    {move || {
                        eval.with(|e| {
                            e.subtotals
                                .iter()
                                .map(|s| {
                                    view! {
                                        <tr class="subtotal">
                                            <th scope="row" colspan="7">{format!("{}小计", s.level1.label())}</th>
                                            <td class="num">{natural(s.weight)}</td>
                                            <td class="num">{s.score.show(fixed2)}</td>
                                            <td></td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </tfoot>
            </table>
            <p class="base-column">{move || format!("执行率以{}为基数。", funds().execution_base.label())}</p>
        </section>
    }
}

#[component]
pub fn FindingList() -> impl IntoView {
    let editor = use_editor();
    let router = use_router();
    let eval = editor.evaluation;
    view! {
        <section class="card findings" aria-labelledby="findings-title">
            <h2 id="findings-title">"检查结果"</h2>
            {move || {
                eval.with(|e| {
                    [Severity::Error, Severity::Warning, Severity::Hint]
                        .into_iter()
                        .map(|severity| {
                            let items: Vec<_> = e.findings.iter().filter(|f| f.severity == severity).cloned().collect();
                            let class = match severity {
                                Severity::Error => "severity error",
                                Severity::Warning => "severity warning",
                                Severity::Hint => "severity hint",
                            };
                            view! {
                                <div class=class>
                                    <h3>{format!("{}（{}）", severity.label(), items.len())}</h3>
                                    <ul>
                                        {items
                                            .into_iter()
                                            .map(|f| {
                                                let anchor = f.field.anchor();
                                                let step = Step::of_field(&f.field);
                                                view! {
                                                    <li data-testid="finding" data-check=f.check.code()>
                                                        <a
                                                            class="message"
                                                            href=format!("#{anchor}")
                                                            on:click=move |ev| {
                                                                ev.prevent_default();
                                                                router.go(step);
                                                                focus_field(&anchor);
                                                            }
                                                        >
                                                            {f.message.clone()}
                                                        </a>
                                                        <p class="rule">{format!("依据：{}", f.rule)}</p>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                        })
                        .collect_view()
                })
            }}
        </section>
    }
}
