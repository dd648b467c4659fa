use super::ErrorSummary;
use crate::editor::use_editor;
use crate::fields::{field_view, Field, Kind};
use crate::route::Step;
use jixiao_core::profile::{self, PROFILES};
use leptos::prelude::*;

#[component]
pub fn ProjectStep() -> impl IntoView {
    let editor = use_editor();
    let description = move || {
        editor
            .draft
            .with(|d| profile::find(&d.profile).map_or("未知的评分规则，将按全国通用口径计算。", |p| p.description))
    };
    view! {
        <section class="step" aria-labelledby="step-title">
            <h2 id="step-title">"项目信息"</h2>
            <ErrorSummary step=Step::Project />
            <div class="form-grid">
                {field_view(
                    Field::new("project-name", "项目名称", Kind::Text).placeholder("如：应急管理项目"),
                    |d| d.project.name.clone(),
                    |d, v| d.project.name = v,
                )}
                {field_view(
                    Field::new("project-department", "主管部门", Kind::Text),
                    |d| d.project.department.clone(),
                    |d, v| d.project.department = v,
                )}
                {field_view(
                    Field::new("project-implementing_unit", "实施单位", Kind::Text),
                    |d| d.project.implementing_unit.clone(),
                    |d, v| d.project.implementing_unit = v,
                )}
                {field_view(
                    Field::new("project-year", "年度", Kind::Decimal).placeholder("如：2022"),
                    |d| d.project.year.clone(),
                    |d, v| d.project.year = v,
                )}
                {field_view(
                    Field::new("project-leader", "项目负责人", Kind::Text),
                    |d| d.project.leader.clone(),
                    |d, v| d.project.leader = v,
                )}
                {field_view(
                    Field::new("project-phone", "联系电话", Kind::Text),
                    |d| d.project.phone.clone(),
                    |d, v| d.project.phone = v,
                )}
                {field_view(
                    Field::new("project-fill_date", "填报日期", Kind::Text).placeholder("如：2023年3月15日"),
                    |d| d.project.fill_date.clone(),
                    |d, v| d.project.fill_date = v,
                )}
            </div>
            <div class="field profile-field">
                <label for="profile">"评分规则（地区口径）"</label>
                <select
                    id="profile"
                    aria-describedby="profile-description"
                    prop:value=move || editor.draft.with(|d| d.profile.clone())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        editor.edit_step("profile", |d| d.profile = v);
                    }
                    disabled=move || editor.read_only.get()
                >
                    {PROFILES.iter().map(|p| view! { <option value=p.id>{p.name}</option> }).collect_view()}
                </select>
                <p id="profile-description" class="help">{description}</p>
            </div>
        </section>
    }
}
