//! 绩效自评助手: the Leptos (CSR) app. Every figure it shows comes from `jixiao_core`; the view
//! binds fields and shows results, it never computes a score itself.

pub mod editor;
pub mod score_card;

use editor::Editor;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let editor = Editor::new(jixiao_core::example_draft());
    provide_context(editor);
    view! {
        <div id="app" data-ready="">
            <header class="topbar">
                <h1>"绩效自评助手"</h1>
                <span class="subtitle">"项目支出绩效自评 · 财预〔2020〕10号"</span>
            </header>
            <main class="page">
                <p class="notice">"当前显示内置示例：西永街道办事处2022年度应急管理项目（只读）。"</p>
                <score_card::ScoreCard />
                <score_card::FindingList />
            </main>
        </div>
    }
}
