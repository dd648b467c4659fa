//! 绩效自评助手: the Leptos (CSR) app. Every figure it shows comes from `jixiao_core`; the view
//! binds fields and shows results, it never computes a score itself.

pub mod crash;
pub mod download;
pub mod editor;
pub mod engine;
pub mod fields;
pub mod history;
pub mod jobs;
pub mod lazy;
pub mod offline;
pub mod perf;
pub mod review;
pub mod route;
pub mod rows;
pub mod score_card;
pub mod session;
pub mod steps;
pub mod storage;
pub mod toast;

use editor::{use_editor, Editor};
use jixiao_core::money::{fixed2, percent2};
use jixiao_core::Severity;
use leptos::prelude::*;
use route::{Router, Step};
use session::{use_session, SaveState, Session};
use toast::{Toast, ToastView};

#[component]
pub fn App() -> impl IntoView {
    crash::install();
    let editor = Editor::new(jixiao_core::Draft::default());
    provide_context(editor);
    let toast = Toast::new(editor);
    provide_context(toast);
    // Read what is stored before anything can be written.
    let (session, last) = Session::start(editor);
    provide_context(session);
    let opened = session.current.get_untracked().is_some();
    let default_step = match last.as_ref().and_then(|l| route::Step::from_hash(&l.step)) {
        Some(step) if opened => step,
        _ if opened => Step::Project,
        _ => Step::Drafts,
    };
    let router = Router::new(default_step);
    provide_context(router);
    session.install();
    // The scoring engine's part (src/engine.rs), fetched once the first frame is there (or later,
    // by the first page opened after a failed fetch).
    leptos::task::spawn_local(async move {
        if lazy::engine_after_first_paint().await.is_err() {
            toast.show("评分程序没有载入，得分暂时无法计算。请检查网络后刷新页面；已填写的内容都已保存在本机。", false);
        }
    });
    install_shortcuts(editor);
    crash_test_hook(editor);
    Effect::new(move |_| {
        let step = router.step.get();
        if step.is_form() {
            session.remember_last(Some(step.slug()));
        }
    });
    Effect::new(move |left: Option<Step>| {
        let now = router.step.get();
        editor.step_changed(left, now);
        now
    });
    provide_context(steps::export::NextYearSuggestions::default());
    let desk = review::ReviewDesk::new();
    desk.guard_unload();
    provide_context(desk);
    let spreadsheet = steps::spreadsheet_import::SpreadsheetImport::new();
    provide_context(spreadsheet);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        #[cfg(target_arch = "wasm32")]
        {
            let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) else { return };
            ev.prevent_default();
            if download::is_spreadsheet_name(&file.name()) {
                leptos::task::spawn_local(steps::spreadsheet_import::read_and_preview(file, spreadsheet));
                return;
            }
            let error = RwSignal::new(None::<String>);
            leptos::task::spawn_local(async move {
                steps::drafts::import_file(file, session, router, toast, error).await;
                if let Some(e) = error.get_untracked() {
                    toast.show(e, false);
                }
            });
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = ev;
    };
    view! {
        <div
            id="app"
            data-ready=""
            class:reviewing=move || router.step.get() == Step::Review
            on:dragover=|ev| ev.prevent_default()
            on:drop=on_drop
        >
            <TopBar />
            <StepNav />
            <StatusBanner />
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

/// Conflicts, read-only drafts, storage faults and notices, said at the top of every page; and a
/// spreadsheet being read or previewed for import.
#[component]
fn StatusBanner() -> impl IntoView {
    let session = use_session();
    let notices = move || {
        session
            .notices
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                view! {
                    <div class="banner warning" role="alert" data-testid="notice">
                        <span>{n}</span>
                        <a href=Step::Drafts.href()>"查看草稿箱"</a>
                        <button
                            type="button"
                            class="link"
                            on:click=move |_| {
                                session.notices.update(|v| {
                                    if i < v.len() {
                                        v.remove(i);
                                    }
                                })
                            }
                        >
                            "知道了"
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let state = move || match session.state.get() {
        SaveState::Conflict => view! {
            <div class="banner warning" role="alert" data-testid="conflict-banner">
                "这份草稿已在另一个窗口（标签页）中修改。为免互相覆盖，本窗口已暂停保存。"
                <button type="button" on:click=move |_| session.reload()>"载入另一个窗口的版本"</button>
                <button type="button" on:click=move |_| session.keep_mine()>"保留本窗口的修改（覆盖）"</button>
            </div>
        }
        .into_any(),
        SaveState::ReadOnly(reason) => view! {
            <div class="banner warning" role="alert" data-testid="readonly-banner">{format!("只读：{reason}")}</div>
        }
        .into_any(),
        SaveState::Failed(reason) => view! {
            <div class="banner error" role="alert" data-testid="save-failed-banner">
                {format!("保存失败：{reason}。您的修改仍在本页面中，")}
                <a href=Step::Export.href()>"请导出草稿文件"</a>
                "。"
            </div>
        }
        .into_any(),
        SaveState::MemoryOnly => view! {
            <div class="banner error" role="alert" data-testid="memory-banner">
                "浏览器存储不可用：草稿只保存在本页面中，关闭页面会丢失。"
                <a href=Step::Export.href()>"请导出草稿文件"</a>
                "。"
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! {
        {notices}
        {state}
        <steps::spreadsheet_import::SpreadsheetImportView />
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
    let session = use_session();
    let offline = offline::offline_state();
    view! {
        <header class="topbar no-print">
            <h1>"绩效自评助手"</h1>
            <a class="drafts-link" href=Step::Drafts.href()>"草稿箱"</a>
            <a class="drafts-link" href=Step::Review.href() data-testid="review-link">"复核"</a>
            <span class="draft-title" data-testid="draft-title">{title}</span>
            <span
                class="save-state"
                class:failed=move || session.state.with(SaveState::is_problem)
                data-testid="save-state"
                role="status"
            >
                {move || session.state.with(SaveState::label)}
            </span>
            {move || {
                offline
                    .get()
                    .map(|how| {
                        view! {
                            <span class="offline-ready" title=how.explanation() data-testid="offline-ready">
                                "可离线使用"
                            </span>
                        }
                    })
            }}
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
    let session = use_session();
    move || match router.step.get() {
        Step::Drafts => lazy::page(lazy::drafts()),
        Step::Review => lazy::page(lazy::review()),
        _ if session.current.get().is_none() => view! { <NoDraft /> }.into_any(),
        Step::Project => lazy::page(lazy::project()),
        Step::Funds => lazy::page(lazy::funds()),
        Step::Goals => lazy::page(lazy::goals()),
        Step::Indicators => lazy::page(lazy::indicators()),
        Step::Summary => lazy::page(lazy::summary()),
        Step::Check => lazy::page(lazy::check()),
        Step::Export => lazy::page(lazy::export()),
    }
}

/// A form step with no draft open.
#[component]
fn NoDraft() -> impl IntoView {
    view! {
        <section class="step">
            <h2>"还没有打开草稿"</h2>
            <p>"请先在草稿箱中新建一份草稿，或打开、导入已有的草稿。"</p>
            <a class="button-like" href=Step::Drafts.href()>"去草稿箱"</a>
        </section>
    }
}

/// Always-visible figures: every keystroke updates them.
#[component]
fn LiveScore() -> impl IntoView {
    let editor = use_editor();
    let eval = editor.evaluation;
    // What the user has been shown so far: a fresh form does not open with errors.
    let count = move |s: Severity| {
        eval.with(|e| e.findings.iter().filter(|f| f.severity == s && editor.finding_counts(f)).count())
    };
    let hidden = move || eval.with(|e| e.findings.iter().any(|f| !editor.finding_counts(f)));
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
                    <dd data-testid="live-total">{move || eval.with(|e| e.total_shown())}</dd>
                </div>
                <div class="big">
                    <dt>"等级"</dt>
                    <dd data-testid="live-grade" title=move || eval.with(|e| e.grade_withheld.clone().unwrap_or_default())>
                        {move || eval.with(|e| e.grade_shown())}
                    </dd>
                </div>
            </dl>
            <p class="counts">
                <a href=Step::Check.href() data-testid="live-counts">
                    {move || {
                        let (e, w, h) = (count(Severity::Error), count(Severity::Warning), count(Severity::Hint));
                        if e + w + h == 0 && hidden() {
                            "检查全部内容".to_string()
                        } else {
                            format!("错误 {e} · 警告 {w} · 提示 {h}")
                        }
                    }}
                </a>
            </p>
        </aside>
    }
}

/// `?crash-test=1` panics on purpose at the first edit after the page started (once that edit
/// has been remembered for the panel), so the browser tests can prove the error panel and its
/// 「下载草稿文件」 work, whatever the machine's speed. Nothing else triggers it.
fn crash_test_hook(editor: Editor) {
    #[cfg(target_arch = "wasm32")]
    if web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|s| s.contains("crash-test=1")) {
        Effect::new(move |started: Option<()>| {
            editor.draft.track();
            if started.is_some() {
                set_timeout(
                    || panic!("crash-test: deliberate panic to test the error panel"),
                    std::time::Duration::from_millis(50),
                );
            }
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = editor;
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
