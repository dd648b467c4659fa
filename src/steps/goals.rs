use super::ErrorSummary;
use crate::fields::{field_view, Field, Kind};
use crate::route::Step;
use leptos::prelude::*;

#[component]
pub fn GoalsStep() -> impl IntoView {
    view! {
        <section class="step" aria-labelledby="step-title">
            <h2 id="step-title">"年度总体目标"</h2>
            <ErrorSummary step=Step::Goals />
            <div class="side-by-side">
                {field_view(
                    Field::new("goal-expected", "预期目标", Kind::Area { rows: 12 })
                        .placeholder("年初批复的年度总体绩效目标"),
                    |d| d.goals.expected.clone(),
                    |d, v| d.goals.expected = v,
                )}
                {field_view(
                    Field::new("goal-actual", "实际完成情况", Kind::Area { rows: 12 })
                        .placeholder("对照预期目标，逐项写明实际完成了什么"),
                    |d| d.goals.actual.clone(),
                    |d, v| d.goals.actual = v,
                )}
            </div>
        </section>
    }
}
