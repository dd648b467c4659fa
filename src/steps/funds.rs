use super::ErrorSummary;
use crate::editor::use_editor;
use crate::fields::{field_view, Field, Kind};
use crate::route::Step;
use jixiao_core::checks::FieldRef;
use jixiao_core::model::{FundColumn, FundSource};
use jixiao_core::money::{fixed2, natural, percent2};
use jixiao_core::profile::ExecutionBase;
use leptos::prelude::*;

#[component]
pub fn FundsStep() -> impl IntoView {
    let editor = use_editor();
    let eval = editor.evaluation;
    let adjusted = Memo::new(move |_| eval.with(|e| e.funds.execution_base == ExecutionBase::AdjustedBudget.column()));
    let columns = move || {
        let mut c = vec![FundColumn::InitialBudget, FundColumn::AnnualBudget];
        if adjusted.get() {
            c.push(FundColumn::AdjustedBudget);
        }
        c.extend([FundColumn::Executed, FundColumn::Received]);
        c
    };
    let insert_template = move |_| {
        editor.edit_step("narrative-funds_management", |d| {
            let template = jixiao_core::example::funds_management_template(&d.project.year);
            let text = &mut d.narrative.funds_management;
            if !text.trim().is_empty() {
                text.push('\n');
            }
            text.push_str(&template);
        });
    };
    view! {
        <section class="step" aria-labelledby="step-title">
            <h2 id="step-title">"资金"</h2>
            <ErrorSummary step=Step::Funds />
            <p class="help">"金额单位为万元，可直接填写“50”“1,000.5”，也可写“500000元”（自动换算为万元）。年度资金总额由下面三行相加，不需填写。"</p>
            <table class="grid funds-grid" data-testid="funds-grid">
                <caption>"项目资金（万元）"</caption>
                <thead>
                    <tr>
                        <th scope="col">"资金来源"</th>
                        {move || columns().into_iter().map(|c| view! { <th scope="col">{c.label()}</th> }).collect_view()}
                        <th scope="col">"分值"</th>
                        <th scope="col">"执行率"</th>
                        <th scope="col">"得分"</th>
                    </tr>
                </thead>
                <tbody>
                    <tr class="total-row">
                        <th scope="row">"年度资金总额"</th>
                        {move || {
                            columns()
                                .into_iter()
                                .map(|c| {
                                    view! {
                                        <td class="num" data-testid=FieldRef::Fund { source: FundSource::Total, column: c }.anchor()>
                                            {move || eval.with(|e| e.funds.total.get(c).map(fixed2).unwrap_or_else(|| "—".into()))}
                                        </td>
                                    }
                                })
                                .collect_view()
                        }}
                        <td class="num">{move || eval.with(|e| natural(e.funds.execution_weight))}</td>
                        <td class="num" data-testid="funds-execution-rate">
                            {move || eval.with(|e| e.funds.execution_rate.show(percent2))}
                        </td>
                        <td class="num" data-testid="funds-execution-score">
                            {move || eval.with(|e| e.funds.execution_score.show(fixed2))}
                        </td>
                    </tr>
                    {FundSource::ROWS
                        .into_iter()
                        .enumerate()
                        .map(|(i, source)| {
                            view! {
                                <tr>
                                    <th scope="row">{format!("其中：{}", source.label())}</th>
                                    {move || {
                                        columns()
                                            .into_iter()
                                            .map(|column| {
                                                let anchor = FieldRef::Fund { source, column }.anchor();
                                                let label = format!("{} {}", source.label(), column.label());
                                                view! {
                                                    <td>
                                                        {field_view(
                                                            Field::new(anchor, label, Kind::Decimal).in_cell(),
                                                            move |d| d.funds.row(source).map(|r| r.cell(column).to_string()).unwrap_or_default(),
                                                            move |d, v| {
                                                                if let Some(r) = d.funds.row_mut(source) {
                                                                    *r.cell_mut(column) = v;
                                                                }
                                                            },
                                                        )}
                                                    </td>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                    <td class="num muted">"—"</td>
                                    <td class="num">{move || eval.with(|e| e.funds.rows[i].execution_rate.show(percent2))}</td>
                                    <td class="num muted">"—"</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <dl class="figures inline">
                <div>
                    <dt>"到位率"</dt>
                    <dd data-testid="funds-arrival-rate">{move || eval.with(|e| e.funds.arrival_rate.show(percent2))}</dd>
                </div>
                <div>
                    <dt>"执行率"</dt>
                    <dd>{move || eval.with(|e| e.funds.execution_rate.show(percent2))}</dd>
                </div>
                <div>
                    <dt>"执行率得分"</dt>
                    <dd>{move || eval.with(|e| format!("{} / {}", e.funds.execution_score.show(fixed2), natural(e.funds.execution_weight)))}</dd>
                </div>
            </dl>
            <p class="help reason">
                {move || eval.with(|e| e.funds.execution_rate.reason().map(|r| format!("执行率无法计算：{r}")).unwrap_or_default())}
            </p>
            {field_view(
                Field::new("funds-explanation", "资金执行偏差说明（执行率低于90%或年中调整预算时填写）", Kind::Area { rows: 3 }),
                |d| d.funds.deviation_reason.clone(),
                |d, v| d.funds.deviation_reason = v,
            )}
            {field_view(
                Field::new("narrative-funds_management", "资金管理情况", Kind::Area { rows: 6 }),
                |d| d.narrative.funds_management.clone(),
                |d, v| d.narrative.funds_management = v,
            )}
            <button type="button" class="secondary" on:click=insert_template disabled=move || editor.read_only.get()>
                "插入常用表述（可再修改）"
            </button>
        </section>
    }
}
