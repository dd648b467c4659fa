//! 绩效自评助手: the Leptos (CSR) app. Every figure it shows comes from `jixiao_core`; the view
//! binds fields and shows results, it never computes a score itself.

pub mod editor;
pub mod fields;
pub mod history;
pub mod route;
pub mod score_card;
pub mod steps;
pub mod toast;

use editor::{use_editor, Editor};
use jixiao_core::money::{fixed2, percent2};
use jixiao_core::Severity;
use leptos::prelude::*;
use route::{Router, Step};
use toast::{Toast, ToastView};

#[component]
pub fn App() -> impl IntoView {
    let editor = Editor::new(jixiao_core::example_draft());
    editor.show_all_messages.set(true);
    provide_context(editor);
    provide_context(Router::new(Step::Project));
    provide_context(Toast::new());
    install_shortcuts(editor);
    view! {
        <div id="app" data-ready="">
            <TopBar />
            <StepNav />
            <div class="layout">
                <main class="page" id="main">
                    <CurrentStep />
                </main>
                <LiveScore />
            </div>
            <ToastView />
        </div>
    }
}

#[component]
fn TopBar() -> impl IntoView {
    let editor = use_editor();
    let title = move || {
        editor.draft.with(|d| {
            let name = d.project.name.trim();
            if name.is_empty() {
                "未命名项目".to_string()
            } else {
                format!("{name} {}", d.project.year.trim())
            }
        })
    };
    view! {
        <header class="topbar no-print">
            <h1>"绩效自评助手"</h1>
            <span class="draft-title" data-testid="draft-title">{title}</span>
            <span class="spacer"></span>
            <button
                type="button"
                on:click=move |_| editor.undo()
                disabled=move || !editor.can_undo.get()
                title="撤销（Ctrl+Z）"
                aria-keyshortcuts="Control+Z"
            >
                "撤销"
            </button>
            <button
                type="button"
                on:click=move |_| editor.redo()
                disabled=move || !editor.can_redo.get()
                title="重做（Ctrl+Shift+Z）"
                aria-keyshortcuts="Control+Shift+Z"
            >
                "重做"
            </button>
        </header>
    }
}

#[component]
fn StepNav() -> impl IntoView {
    let editor = use_editor();
    let router = route::use_router();
    let errors_in = move |step: Step| {
        editor.evaluation.with(|e| {
            e.findings.iter().filter(|f| f.severity == Severity::Error && Step::of_field(&f.field) == step).count()
        })
    };
    view! {
        <nav class="steps no-print" aria-label="填报步骤">
            <ol>
                {Step::FORM
                    .into_iter()
                    .enumerate()
                    .map(|(i, step)| {
                        view! {
                            <li>
                                <a
                                    href=step.href()
                                    aria-current=move || (router.step.get() == step).then_some("step")
                                    data-testid=format!("nav-{}", step.slug())
                                >
                                    <span class="n">{i + 1}</span>
                                    {step.label()}
                                    {move || {
                                        let n = errors_in(step);
                                        (n > 0 && editor.show_all_messages.get())
                                            .then(|| view! { <span class="badge" title=format!("{n} 处错误")>{n}</span> })
                                    }}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn CurrentStep() -> impl IntoView {
    let router = route::use_router();
    move || match router.step.get() {
        Step::Drafts | Step::Project => view! { <steps::project::ProjectStep /> }.into_any(),
        Step::Funds => view! { <steps::funds::FundsStep /> }.into_any(),
        Step::Goals => view! { <steps::goals::GoalsStep /> }.into_any(),
        Step::Indicators => view! { <steps::indicators::IndicatorsStep /> }.into_any(),
        Step::Summary => view! { <steps::summary::SummaryStep /> }.into_any(),
        Step::Check => view! { <steps::check::CheckStep /> }.into_any(),
        Step::Export => view! { <steps::export::ExportStep /> }.into_any(),
    }
}

/// Always-visible figures: every keystroke updates them.
#[component]
fn LiveScore() -> impl IntoView {
    let editor = use_editor();
    let eval = editor.evaluation;
    let count = move |s: Severity| eval.with(|e| e.findings.iter().filter(|f| f.severity == s).count());
    view! {
        <aside class="live-score no-print" aria-label="实时得分" data-testid="live-score">
            <dl>
                <div>
                    <dt>"执行率"</dt>
                    <dd data-testid="live-execution-rate">{move || eval.with(|e| e.funds.execution_rate.show(percent2))}</dd>
                </div>
                <div>
                    <dt>"执行率得分"</dt>
                    <dd>{move || eval.with(|e| e.funds.execution_score.show(fixed2))}</dd>
                </div>
                <div class="big">
                    <dt>"总分"</dt>
                    <dd data-testid="live-total">{move || eval.with(|e| e.total.show(fixed2))}</dd>
                </div>
                <div class="big">
                    <dt>"等级"</dt>
                    <dd data-testid="live-grade">{move || eval.with(|e| e.grade.map_or("—", |g| g.label()))}</dd>
                </div>
            </dl>
            <p class="counts">
                <a href=Step::Check.href()>
                    {move || format!("错误 {} · 警告 {} · 提示 {}", count(Severity::Error), count(Severity::Warning), count(Severity::Hint))}
                </a>
            </p>
        </aside>
    }
}

/// Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo across all edits, also inside text fields:
/// one history for the whole draft is what a user of a form expects.
fn install_shortcuts(editor: Editor) {
    #[cfg(target_arch = "wasm32")]
    {
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            let key = ev.key().to_lowercase();
            if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
                return;
            }
            if key == "z" && !ev.shift_key() {
                ev.prevent_default();
                editor.undo();
            } else if (key == "z" && ev.shift_key()) || key == "y" {
                ev.prevent_default();
                editor.redo();
            }
        });
        // Lives as long as the page.
        std::mem::forget(handle);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = editor;
}
