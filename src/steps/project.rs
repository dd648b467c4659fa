use super::ErrorSummary;
use crate::editor::use_editor;
use crate::fields::{field_view, Field, Kind};
use crate::route::Step;
use jixiao_core::checks::FieldRef;
use jixiao_core::model::ProjectField;
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
                {ProjectField::ALL
                    .into_iter()
                    .map(|field| {
                        let kind = if field == ProjectField::Year { Kind::Decimal } else { Kind::Text };
                        let anchor = FieldRef::Project { field }.anchor();
                        field_view(
                            Field::new(anchor, field.label(), kind).placeholder(placeholder(field)),
                            move |d| d.project.field(field).to_string(),
                            move |d, v| *d.project.field_mut(field) = v,
                        )
                    })
                    .collect_view()}
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

fn placeholder(field: ProjectField) -> &'static str {
    match field {
        ProjectField::Name => "如：应急管理项目",
        ProjectField::Year => "如：2022",
        ProjectField::FillDate => "如：2023年3月15日",
        _ => "",
    }
}
