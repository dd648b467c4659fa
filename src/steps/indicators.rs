//! 绩效指标: the indicator table grouped 一级 → 二级 → 三级, with live 完成率 and 得分.

use super::ErrorSummary;
use crate::editor::{use_editor, FindingMap};
use crate::fields::{field_parts_with, field_view, field_view_with, Field, Kind};
use crate::route::{focus_field, Step};
use crate::toast::use_toast;
use jixiao_core::evaluate::IndicatorEvaluation;
use jixiao_core::model::{ChildRow, Direction, Draft, Indicator, Level1, Tier};
use jixiao_core::money::{fixed2, natural, percent2};
use jixiao_core::parse::Target;
use jixiao_core::paste::{apply as apply_paste, parse_pasted_table};
use jixiao_core::profile;
use jixiao_core::weights::default_weights;
use leptos::prelude::*;
use std::sync::Arc;

/// Number of columns of the table (for the full-width rows).
const COLUMNS: u32 = 10;

// ---- Editing operations on the draft (pure; unit-tested below) --------------------------------

pub fn find(d: &Draft, id: u32) -> Option<&Indicator> {
    d.indicators.iter().find(|i| i.id == id)
}

pub fn update(d: &mut Draft, id: u32, change: impl FnOnce(&mut Indicator)) {
    if let Some(i) = d.indicators.iter_mut().find(|i| i.id == id) {
        change(i);
    }
}

/// Keeps the rows grouped 产出 → 效益 → 满意度 (stable), so numbering follows the table.
pub fn sort_by_level(d: &mut Draft) {
    d.indicators.sort_by_key(|i| i.level1);
}

/// Adds an empty row of `level1` (and `level2`) after `after` (or at the end of its group).
pub fn insert_row(d: &mut Draft, level1: Level1, level2: &str, after: Option<u32>) -> u32 {
    let id = d.next_indicator_id();
    let row = Indicator { id, level1, level2: level2.to_string(), ..Indicator::default() };
    let position = match after.and_then(|a| d.indicators.iter().position(|i| i.id == a)) {
        Some(p) => p + 1,
        None => d.indicators.iter().rposition(|i| i.level1 <= level1).map_or(0, |p| p + 1),
    };
    d.indicators.insert(position, row);
    sort_by_level(d);
    id
}

pub fn duplicate_row(d: &mut Draft, id: u32) -> Option<u32> {
    let position = d.indicators.iter().position(|i| i.id == id)?;
    let new_id = d.next_indicator_id();
    let copy = Indicator { id: new_id, ..d.indicators[position].clone() };
    d.indicators.insert(position + 1, copy);
    Some(new_id)
}

pub fn delete_row(d: &mut Draft, id: u32) -> Option<Indicator> {
    let position = d.indicators.iter().position(|i| i.id == id)?;
    d.report_edits.remove(&format!("indicator-{id}"));
    Some(d.indicators.remove(position))
}

/// Moves a row up or down within its 一级 group.
pub fn move_row(d: &mut Draft, id: u32, up: bool) {
    let Some(p) = d.indicators.iter().position(|i| i.id == id) else { return };
    let level = d.indicators[p].level1;
    let other = if up { p.checked_sub(1) } else { Some(p + 1) };
    if let Some(q) = other.filter(|&q| q < d.indicators.len() && d.indicators[q].level1 == level) {
        d.indicators.swap(p, q);
    }
}

fn tier_slug(t: Tier) -> &'static str {
    match t {
        Tier::Achieved => "achieved",
        Tier::Partial => "partial",
        Tier::NotAchieved => "not_achieved",
    }
}

fn level_slug(l: Level1) -> &'static str {
    match l {
        Level1::Output => "output",
        Level1::Benefit => "benefit",
        Level1::Satisfaction => "satisfaction",
    }
}

// ---- The page ----------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct PasteState {
    text: RwSignal<Option<String>>,
}

#[component]
pub fn IndicatorsStep() -> impl IntoView {
    let editor = use_editor();
    let toast = use_toast();
    let paste = PasteState { text: RwSignal::new(None) };
    provide_context(paste);
    let eval = editor.evaluation;
    let apply_default_weights = move |_| {
        editor.edit_step("default-weights", |d| {
            let p = profile::find(&d.profile).unwrap_or_else(profile::default_profile);
            for (id, w) in default_weights(d, p) {
                update(d, id, |i| i.weight = w);
            }
        });
        toast.show("已按默认权重分配分值", true);
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let text = ev.clipboard_data().and_then(|c| c.get_data("text/plain").ok()).unwrap_or_default();
        // A block of cells (tabs or several lines) goes to the preview; a single value pastes normally.
        if text.contains('\t') || text.trim().contains('\n') {
            ev.prevent_default();
            paste.text.set(Some(text));
        }
    };
    view! {
        <section class="step" aria-labelledby="step-title">
            <h2 id="step-title">"绩效指标"</h2>
            <ErrorSummary step=Step::Indicators />
            <div class="toolbar">
                <button type="button" on:click=apply_default_weights disabled=move || editor.read_only.get()>
                    "按默认权重分配分值"
                </button>
                <button
                    type="button"
                    on:click=move |_| {
                        paste.text.set(Some(String::new()));
                        focus_field("paste-input");
                    }
                    disabled=move || editor.read_only.get()
                >
                    "从 Excel / WPS 粘贴"
                </button>
                <span class="weights-sum" data-testid="weights-sum">
                    {move || {
                        eval.with(|e| {
                            format!("分值合计 {}（含执行率 {} 分），应为 100", natural(e.total_weight), natural(e.funds.execution_weight))
                        })
                    }}
                </span>
            </div>
            <PastePanel />
            <p class="help">
                "年度指标值可写“不低于9个”“≥95%”“≤2小时”“2-3次”或定性描述；实际完成值请填写实际测得的数值（如“9个”“96.5%”），不要带“≥”等比较词。在单元格中按 Enter 新增一行，Ctrl+Z 撤销。"
            </p>
            <table class="grid indicator-table" id="indicators" tabindex="-1" on:paste=on_paste>
                <caption>"绩效指标（三级指标）"</caption>
                <colgroup>
                    <col class="c-no" />
                    <col class="c-level2" />
                    <col class="c-name" />
                    <col class="c-target" />
                    <col class="c-actual" />
                    <col class="c-weight" />
                    <col class="c-rate" />
                    <col class="c-score" />
                    <col class="c-deviation" />
                    <col class="c-actions" />
                </colgroup>
                <thead>
                    <tr>
                        <th scope="col">"序号"</th>
                        <th scope="col">"二级指标"</th>
                        <th scope="col">"三级指标"</th>
                        <th scope="col">"年度指标值"</th>
                        <th scope="col">"实际完成值"</th>
                        <th scope="col">"分值"</th>
                        <th scope="col">"完成率"</th>
                        <th scope="col">"得分"</th>
                        <th scope="col">"偏差原因分析及改进措施"</th>
                        <th scope="col">"操作"</th>
                    </tr>
                </thead>
                {Level1::ALL.into_iter().map(|level| view! { <LevelGroup level=level /> }).collect_view()}
            </table>
            {Level1::ALL
                .into_iter()
                .map(|level| {
                    view! {
                        <datalist id=format!("level2-{}", level_slug(level))>
                            {level.official_level2().iter().map(|l| view! { <option value=*l></option> }).collect_view()}
                        </datalist>
                    }
                })
                .collect_view()}
            {field_view(
                Field::new("weight-split-reason", "一级指标分值调整说明（未按 产出50/效益30/满意度10 分配时填写）", Kind::Area { rows: 2 }),
                |d| d.weight_split_reason.clone(),
                |d, v| d.weight_split_reason = v,
            )}
        </section>
    }
}

#[component]
fn LevelGroup(level: Level1) -> impl IntoView {
    let editor = use_editor();
    let eval = editor.evaluation;
    let rows = move || {
        editor.draft.with(|d| {
            d.indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| i.level1 == level)
                .map(|(n, i)| (i.id, n + 1))
                .collect::<Vec<_>>()
        })
    };
    let add = move |_| {
        let mut new_id = 0;
        editor.edit_step("add-row", |d| {
            let level2 = level.official_level2().first().copied().unwrap_or_default();
            new_id = insert_row(d, level, level2, None);
        });
        focus_field(&format!("indicator-{new_id}-name"));
    };
    let subtotal = move || {
        eval.with(|e| {
            e.subtotals
                .iter()
                .find(|s| s.level1 == level)
                .map(|s| format!("{}小计：{} / {} 分", level.label(), s.score.show(fixed2), natural(s.weight)))
                .unwrap_or_else(|| format!("{}：暂无指标", level.label()))
        })
    };
    view! {
        <tbody class="level-group" data-level=level_slug(level)>
            <tr class="group-head">
                <th scope="rowgroup" colspan=COLUMNS>
                    {level.label()}
                </th>
            </tr>
            <For each=rows key=|pair| *pair let:pair>
                <IndicatorRow id=pair.0 number=pair.1 level=level />
            </For>
            <tr class="group-foot">
                <td colspan=COLUMNS>
                    <button type="button" class="add-row" on:click=add disabled=move || editor.read_only.get()>
                        {format!("＋ 添加{}", level.label())}
                    </button>
                    <span class="subtotal" data-testid=format!("subtotal-{}", level_slug(level))>
                        {subtotal}
                    </span>
                </td>
            </tr>
        </tbody>
    }
}

#[component]
fn IndicatorRow(id: u32, number: usize, level: Level1) -> impl IntoView {
    let editor = use_editor();
    let toast = use_toast();
    // This row's data: fields below re-run only when this row changes (see crate::rows).
    let crate::rows::RowSignals { indicator: ind, evaluation: row, findings } = editor.row(id);
    let anchor = move |field: &str| format!("indicator-{id}-{field}");
    let label = move |column: &str| format!("指标{number} {column}");
    let qualitative = move || row.with(|r| r.as_ref().is_some_and(|r| r.is_qualitative()));
    let understood_id = anchor("understood");
    let understood = move || row.with(|r| r.as_ref().map(|r| r.understood.clone()).unwrap_or_default());
    let can_flip = move || {
        ind.with(|i| i.as_ref().is_some_and(|i| i.direction.is_some()))
            || row.with(|r| {
                matches!(r.as_ref().map(|r| &r.target), Some(Ok(Target::Quantitative { inferred: Some(_), .. })))
            })
    };
    let direction = move || row.with(|r| r.as_ref().and_then(|r| r.direction()));
    let flip = move |_| {
        let next = match direction() {
            Some(Direction::Reverse) => Direction::Positive,
            _ => Direction::Reverse,
        };
        editor.edit_step(&anchor("direction"), |d| update(d, id, |i| i.direction = Some(next)));
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        use wasm_bindgen::JsCast;
        // A text input or a one-line wrapping name (`Kind::Line`), not a multi-line textarea.
        let target = ev.target();
        let in_text_input = target
            .clone()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|i| i.type_() == "text")
            || target
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                .is_some_and(|t| t.class_name().split_whitespace().any(|c| c == "line"));
        if ev.key() == "Enter" && in_text_input && !ev.shift_key() && !ev.ctrl_key() && !ev.is_composing() {
            ev.prevent_default();
            let mut new_id = 0;
            editor.edit_step("add-row", |d| {
                let level2 = find(d, id).map(|i| i.level2.clone()).unwrap_or_default();
                new_id = insert_row(d, level, &level2, Some(id));
            });
            focus_field(&format!("indicator-{new_id}-name"));
        }
    };
    let move_up = move |_| {
        editor.edit_step("move-row", |d| move_row(d, id, true));
        focus_field(&format!("indicator-{id}-up"));
    };
    let move_down = move |_| {
        editor.edit_step("move-row", |d| move_row(d, id, false));
        focus_field(&format!("indicator-{id}-down"));
    };
    let duplicate = move |_| {
        let mut new_id = None;
        editor.edit_step("duplicate-row", |d| new_id = duplicate_row(d, id));
        if let Some(n) = new_id {
            focus_field(&format!("indicator-{n}-name"));
        }
    };
    let delete = move |_| {
        let mut removed = None;
        editor.edit_step("delete-row", |d| removed = delete_row(d, id));
        if let Some(r) = removed {
            let name = if r.name.trim().is_empty() { String::new() } else { format!("「{}」", r.name.trim()) };
            toast.show(format!("已删除指标{number}{name}"), true);
        }
    };
    let status_class = move || {
        row.with(|r| match r.as_ref().map(|r| r.status) {
            Some(s) if s.is_missed() => "indicator missed",
            Some(jixiao_core::scoring::Status::NotApplicable) => "indicator not-applicable",
            _ => "indicator",
        })
    };
    let read_only = move || editor.read_only.get();
    let tier_value = move || ind.with(|i| i.as_ref().and_then(|i| i.tier).map(tier_slug).unwrap_or(""));
    let on_tier = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let tier = Tier::ALL.into_iter().find(|t| tier_slug(*t) == v);
        editor.edit_step(&anchor("tier"), |d| update(d, id, |i| i.tier = tier));
    };
    let band = move || {
        editor.profile.with(|p| {
            let t = ind.with(|i| i.as_ref().and_then(|i| i.tier));
            match t {
                Some(Tier::Achieved) => format!("本档为分值的{}%–100%", p.tier_achieved_from),
                Some(Tier::Partial) => {
                    format!("本档为分值的{}%–{}%（不含）", p.tier_partial_from, p.tier_achieved_from)
                }
                Some(Tier::NotAchieved) => format!("本档为分值的0–{}%（不含）", p.tier_partial_from),
                None => String::new(),
            }
        })
    };
    // The cells' messages are shown under the row, where they have its whole width.
    let mut messages = Vec::new();
    let level2_cell = cell(
        Field::new(anchor("level2"), label("二级指标"), Kind::Text)
            .in_cell()
            .findings_from(findings)
            .suggestions(format!("level2-{}", level_slug(level))),
        move || ind.with(|i| i.as_ref().map(|i| i.level2.clone()).unwrap_or_default()),
        move |d, v| update(d, id, |i| i.level2 = v),
        &mut messages,
    );
    let name_cell = cell(
        Field::new(anchor("name"), label("三级指标"), Kind::Line).in_cell().findings_from(findings),
        move || ind.with(|i| i.as_ref().map(|i| i.name.clone()).unwrap_or_default()),
        move |d, v| update(d, id, |i| i.name = v),
        &mut messages,
    );
    let target_cell = cell(
        Field::new(anchor("target"), label("年度指标值"), Kind::Text)
            .in_cell()
            .findings_from(findings)
            .placeholder("如 不低于9个")
            .described_by(understood_id.clone()),
        move || ind.with(|i| i.as_ref().map(|i| i.target.clone()).unwrap_or_default()),
        move |d, v| update(d, id, |i| i.target = v),
        &mut messages,
    );
    let actual_cell = cell(
        Field::new(anchor("actual"), label("实际完成值"), Kind::Text).in_cell().findings_from(findings),
        move || ind.with(|i| i.as_ref().map(|i| i.actual.clone()).unwrap_or_default()),
        move |d, v| update(d, id, |i| i.actual = v),
        &mut messages,
    );
    let weight_cell = cell(
        Field::new(anchor("weight"), label("分值"), Kind::Decimal).in_cell().findings_from(findings),
        move || ind.with(|i| i.as_ref().map(|i| i.weight.clone()).unwrap_or_default()),
        move |d, v| update(d, id, |i| i.weight = v),
        &mut messages,
    );
    let deviation_cell = cell(
        Field::new(anchor("deviation"), label("偏差原因分析及改进措施"), Kind::Area { rows: 2 })
            .in_cell()
            .findings_from(findings),
        move || ind.with(|i| i.as_ref().map(|i| i.deviation.clone()).unwrap_or_default()),
        move |d, v| update(d, id, |i| i.deviation = v),
        &mut messages,
    );
    view! {
        <tr class=status_class data-testid="indicator-row" data-id=id on:keydown=on_keydown>
            <th scope="row" class="no">{format!("指标{number}")}</th>
            <td>
                {level2_cell}
            </td>
            <td>
                {name_cell}
            </td>
            <td>
                {target_cell}
                <small class="understood" id=understood_id>{understood}</small>
                <Show when=can_flip>
                    <button
                        type="button"
                        class="link"
                        on:click=flip
                        disabled=read_only
                        aria-label=move || format!("指标{number} 更改指标方向")
                    >
                        {move || if direction() == Some(Direction::Reverse) { "改为正向（≥）" } else { "改为反向（≤）" }}
                    </button>
                </Show>
            </td>
            <td>
                {actual_cell}
                <Show when=qualitative>
                    <select
                        id=anchor("tier")
                        aria-label=label("完成档次")
                        prop:value=tier_value
                        on:change=on_tier
                        disabled=read_only
                    >
                        <option value="">"请选择完成档次"</option>
                        {Tier::ALL.into_iter().map(|t| view! { <option value=tier_slug(t)>{t.label()}</option> }).collect_view()}
                    </select>
                    {field_view_with(
                        Field::new(anchor("tier_score"), label("档次得分"), Kind::Decimal).in_cell().placeholder("档次内得分").findings_from(findings),
                        move || ind.with(|i| i.as_ref().map(|i| i.tier_score.clone()).unwrap_or_default()),
                        move |d, v| update(d, id, |i| i.tier_score = v),
                    )}
                    <small class="understood">{band}</small>
                </Show>
            </td>
            <td>
                {weight_cell}
            </td>
            <td class="num" title=move || row.with(|r| r.as_ref().and_then(|r| r.completion.reason().map(str::to_string)))>
                {move || row.with(|r| r.as_ref().map(|r| r.completion.show(percent2)).unwrap_or_default())}
            </td>
            <td class="num">
                <span data-testid="row-score">{move || row.with(|r| r.as_ref().map(|r| r.score.show(fixed2)).unwrap_or_default())}</span>
                {move || {
                    row.with(|r| {
                        r.as_ref()
                            .filter(|r| r.overridden)
                            .map(|r| view! { <small class="formula">{format!("公式 {}", r.formula_score.show(fixed2))}</small> })
                    })
                }}
            </td>
            <td>
                {deviation_cell}
            </td>
            <td class="actions">
                <button type="button" id=anchor("up") on:click=move_up disabled=read_only aria-label=label("上移") title="上移">"↑"</button>
                <button type="button" id=anchor("down") on:click=move_down disabled=read_only aria-label=label("下移") title="下移">"↓"</button>
                <button type="button" on:click=duplicate disabled=read_only aria-label=label("复制") title="复制">"复制"</button>
                <button type="button" class="danger" on:click=delete disabled=read_only aria-label=label("删除") title="删除">"删除"</button>
            </td>
        </tr>
        <tr class="row-extra">
            <td colspan=COLUMNS>
                <div class="row-msgs">{messages}</div>
                <RowDetails id=id number=number level=level ind=ind row=row findings=findings />
            </td>
        </tr>
    }
}

/// A cell's control, in the cell; its messages are added to `messages` (shown under the row).
fn cell(
    field: Field,
    value: impl Fn() -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Draft, String) + Copy + Send + Sync + 'static,
    messages: &mut Vec<AnyView>,
) -> impl IntoView {
    let (control, cell_messages, invalid) = field_parts_with(field, value, set);
    messages.push(cell_messages);
    view! { <div class="field" class:invalid=invalid>{control}</div> }
}

#[component]
fn RowDetails(
    id: u32,
    number: usize,
    level: Level1,
    ind: RwSignal<Option<Indicator>>,
    row: RwSignal<Option<Arc<IndicatorEvaluation>>>,
    findings: RwSignal<Arc<FindingMap>>,
) -> impl IntoView {
    let editor = use_editor();
    let anchor = move |field: &str| format!("indicator-{id}-{field}");
    let label = move |column: &str| format!("指标{number} {column}");
    let read_only = move || editor.read_only.get();
    let formula = move || {
        row.with(|r| r.as_ref().map(|r| format!("公式得分：{}", r.formula_score.show(fixed2))).unwrap_or_default())
    };
    let on_level = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Some(l) = Level1::ALL.into_iter().find(|l| level_slug(*l) == v) {
            editor.edit_step("change-level", |d| {
                update(d, id, |i| {
                    i.level1 = l;
                    if !l.official_level2().contains(&i.level2.as_str()) {
                        i.level2 = l.official_level2().first().copied().unwrap_or_default().to_string();
                    }
                });
                sort_by_level(d);
            });
            focus_field(&format!("indicator-{id}-name"));
        }
    };
    let children =
        move || ind.with(|i| i.as_ref().map(|i| (0..i.children.len()).collect::<Vec<_>>()).unwrap_or_default());
    let add_child = move |_| {
        editor.edit_step("add-child", |d| update(d, id, |i| i.children.push(ChildRow::default())));
    };
    view! {
        <details id=anchor("more")>
            <summary>{format!("指标{number} 更多设置：一级指标、不适用、手工调整得分、明细子行")}</summary>
            <div class="extra-grid">
                <div class="field">
                    <label for=anchor("level1")>"一级指标"</label>
                    <select id=anchor("level1") prop:value=level_slug(level) on:change=on_level disabled=read_only>
                        {Level1::ALL.into_iter().map(|l| view! { <option value=level_slug(l)>{l.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field checkbox">
                    <label>
                        <input
                            type="checkbox"
                            id=anchor("not_applicable")
                            prop:checked=move || ind.with(|i| i.as_ref().is_some_and(|i| i.not_applicable))
                            on:change=move |ev| {
                                let checked = event_target_checked(&ev);
                                editor.edit_step(&anchor("not_applicable"), |d| update(d, id, |i| i.not_applicable = checked));
                            }
                            disabled=read_only
                        />
                        "本年度不适用（不计分，其余指标按比例折算到原分值总数）"
                    </label>
                </div>
                {field_view_with(
                    Field::new(anchor("override_score"), label("手工调整得分"), Kind::Decimal).findings_from(findings),
                    move || ind.with(|i| i.as_ref().map(|i| i.override_score.clone()).unwrap_or_default()),
                    move |d, v| update(d, id, |i| i.override_score = v),
                )}
                {field_view_with(
                    Field::new(anchor("override_reason"), label("调整理由（必填）"), Kind::Text).findings_from(findings),
                    move || ind.with(|i| i.as_ref().map(|i| i.override_reason.clone()).unwrap_or_default()),
                    move |d, v| update(d, id, |i| i.override_reason = v),
                )}
                <p class="help">{formula}</p>
                {(level == Level1::Satisfaction)
                    .then(|| {
                        view! {
                            <fieldset class="survey">
                                <legend>"满意度调查依据"</legend>
                                {field_view_with(
                                    Field::new(anchor("survey"), label("调查方式"), Kind::Text).placeholder("如 问卷调查").findings_from(findings),
                                    move || ind.with(|i| i.as_ref().map(|i| i.survey.method.clone()).unwrap_or_default()),
                                    move |d, v| update(d, id, |i| i.survey.method = v),
                                )}
                                {field_view_with(
                                    Field::new(anchor("survey-sample"), label("有效样本数"), Kind::Decimal).findings_from(findings),
                                    move || ind.with(|i| i.as_ref().map(|i| i.survey.sample_size.clone()).unwrap_or_default()),
                                    move |d, v| update(d, id, |i| i.survey.sample_size = v),
                                )}
                                {field_view_with(
                                    Field::new(anchor("survey-satisfied"), label("满意人数"), Kind::Decimal).findings_from(findings),
                                    move || ind.with(|i| i.as_ref().map(|i| i.survey.satisfied.clone()).unwrap_or_default()),
                                    move |d, v| update(d, id, |i| i.survey.satisfied = v),
                                )}
                            </fieldset>
                        }
                    })}
                <fieldset class="children">
                    <legend>"明细子行（不计分）"</legend>
                    <For each=children key=|k| *k let:k>
                        <div class="child-row">
                            {field_view_with(
                                Field::new(format!("indicator-{id}-child-{k}-name"), format!("指标{number} 明细{} 名称", k + 1), Kind::Text),
                                move || ind.with(|i| i.as_ref().and_then(|i| i.children.get(k)).map(|c| c.name.clone()).unwrap_or_default()),
                                move |d, v| update(d, id, |i| if let Some(c) = i.children.get_mut(k) { c.name = v }),
                            )}
                            {field_view_with(
                                Field::new(format!("indicator-{id}-child-{k}-target"), format!("指标{number} 明细{} 年度指标值", k + 1), Kind::Text),
                                move || ind.with(|i| i.as_ref().and_then(|i| i.children.get(k)).map(|c| c.target.clone()).unwrap_or_default()),
                                move |d, v| update(d, id, |i| if let Some(c) = i.children.get_mut(k) { c.target = v }),
                            )}
                            {field_view_with(
                                Field::new(format!("indicator-{id}-child-{k}-actual"), format!("指标{number} 明细{} 实际完成值", k + 1), Kind::Text),
                                move || ind.with(|i| i.as_ref().and_then(|i| i.children.get(k)).map(|c| c.actual.clone()).unwrap_or_default()),
                                move |d, v| update(d, id, |i| if let Some(c) = i.children.get_mut(k) { c.actual = v }),
                            )}
                            <button
                                type="button"
                                class="danger"
                                disabled=read_only
                                on:click=move |_| {
                                    editor.edit_step("delete-child", |d| update(d, id, |i| if k < i.children.len() { i.children.remove(k); }));
                                }
                            >
                                "删除明细"
                            </button>
                        </div>
                    </For>
                    <button type="button" on:click=add_child disabled=read_only>"＋ 添加明细子行"</button>
                </fieldset>
            </div>
        </details>
    }
}

#[component]
fn PastePanel() -> impl IntoView {
    let editor = use_editor();
    let toast = use_toast();
    let paste = expect_context::<PasteState>();
    let preview = Memo::new(move |_| paste.text.with(|t| t.as_deref().map(parse_pasted_table)));
    let apply = move |_| {
        let Some(p) = preview.get_untracked() else { return };
        let count = p.rows.len();
        editor.edit_step("paste", |d| {
            apply_paste(d, &p.rows);
            sort_by_level(d);
        });
        paste.text.set(None);
        toast.show(format!("已导入 {count} 行指标"), true);
    };
    view! {
        <Show when=move || paste.text.with(Option::is_some)>
            <div class="paste-panel" role="region" aria-labelledby="paste-title" data-testid="paste-panel">
                <h3 id="paste-title">"从 Excel / WPS 粘贴指标"</h3>
                <p class="help">
                    "在 Excel 或 WPS 中选中指标表的行（最好连同表头一行）复制，粘贴到下面。识别结果先预览，确认后才导入。"
                </p>
                <textarea
                    id="paste-input"
                    rows="5"
                    aria-label="粘贴区"
                    prop:value=move || paste.text.get().unwrap_or_default()
                    on:input=move |ev| paste.text.set(Some(event_target_value(&ev)))
                ></textarea>
                {move || {
                    preview
                        .get()
                        .map(|p| {
                            let rows = p.rows.clone();
                            let problems = p.problems.clone();
                            view! {
                                <table class="grid paste-preview" data-testid="paste-preview">
                                    <caption>{format!("识别到 {} 行指标", rows.len())}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"行"</th>
                                            <th scope="col">"一级指标"</th>
                                            <th scope="col">"二级指标"</th>
                                            <th scope="col">"三级指标"</th>
                                            <th scope="col">"年度指标值"</th>
                                            <th scope="col">"实际完成值"</th>
                                            <th scope="col">"分值"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rows
                                            .into_iter()
                                            .map(|r| {
                                                view! {
                                                    <tr>
                                                        <td>{r.line}</td>
                                                        <td>{r.level1.unwrap_or_default().label()}</td>
                                                        <td>{r.level2}</td>
                                                        <td>{r.name}</td>
                                                        <td>{r.target}</td>
                                                        <td>{r.actual}</td>
                                                        <td>{r.weight}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <ul class="paste-problems" role="status">
                                    {problems.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                                </ul>
                            }
                        })
                }}
                <div class="buttons">
                    <button
                        type="button"
                        class="primary"
                        on:click=apply
                        disabled=move || preview.with(|p| p.as_ref().is_none_or(|p| p.rows.is_empty()))
                    >
                        {move || format!("导入 {} 行", preview.with(|p| p.as_ref().map_or(0, |p| p.rows.len())))}
                    </button>
                    <button type="button" on:click=move |_| paste.text.set(None)>"取消"</button>
                </div>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        jixiao_core::example_draft()
    }

    fn ids(d: &Draft) -> Vec<u32> {
        d.indicators.iter().map(|i| i.id).collect()
    }

    #[test]
    fn insert_goes_to_the_end_of_its_group_or_after_a_row() {
        let mut d = draft();
        let id = insert_row(&mut d, Level1::Output, "数量指标", None);
        assert_eq!(d.indicators.iter().position(|i| i.id == id), Some(8));
        let id2 = insert_row(&mut d, Level1::Output, "数量指标", Some(1));
        assert_eq!(d.indicators.iter().position(|i| i.id == id2), Some(1));
        let id3 = insert_row(&mut d, Level1::Satisfaction, "", None);
        assert_eq!(d.indicators.last().map(|i| i.id), Some(id3));
    }

    #[test]
    fn moves_stay_inside_the_group() {
        let mut d = draft();
        move_row(&mut d, 9, true); // first 效益 row cannot move into 产出
        assert_eq!(ids(&d)[8], 9);
        move_row(&mut d, 2, true);
        assert_eq!(&ids(&d)[..3], &[2, 1, 3]);
        move_row(&mut d, 11, false);
        assert_eq!(ids(&d).last(), Some(&11));
    }

    #[test]
    fn duplicate_and_delete() {
        let mut d = draft();
        let copy = duplicate_row(&mut d, 3).unwrap();
        assert_eq!(d.indicators[3].id, copy);
        assert_eq!(d.indicators[3].name, d.indicators[2].name);
        d.report_edits.insert("indicator-3".into(), "x".into());
        let removed = delete_row(&mut d, 3).unwrap();
        assert_eq!(removed.id, 3);
        assert!(!d.report_edits.contains_key("indicator-3"));
        assert!(delete_row(&mut d, 999).is_none());
    }
}
