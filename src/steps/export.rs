//! 导出: the PDF and the draft file.

use leptos::prelude::*;

#[component]
pub fn ExportStep() -> impl IntoView {
    view! {
        <section class="step" aria-labelledby="step-title">
            <h2 id="step-title">"导出"</h2>
            <p class="help">"导出 PDF 和草稿文件的功能在此页。"</p>
        </section>
    }
}
