//! 复核, the reviewer's desk (主管部门 or 财政局): many submissions opened at once — draft files
//! and 自评表 spreadsheets, read and scored in the worker — one row per project with the unit's
//! own 总分 beside the 复核分 the rules give; sort and filter; open one read-only to write 复核意见
//! and 复核分; export the table as .xlsx and a project's 复核意见 as PDF. Nothing is stored until
//! the reviewer keeps a project as a draft.

mod project;
mod table;

use crate::jobs::JobStatus;
use jixiao_core::review::Submission;
use leptos::prelude::*;
pub use table::{order, Column, Filter};

/// The reviewer's submissions and how they are shown; kept while the reviewer visits other pages.
#[derive(Clone, Copy)]
pub struct ReviewDesk {
    pub submissions: RwSignal<Vec<Submission>>,
    /// Reading files in the worker.
    pub status: RwSignal<JobStatus>,
    /// Files read, files in all.
    pub progress: RwSignal<(u32, u32)>,
    pub error: RwSignal<Option<String>>,
    pub filter: RwSignal<Filter>,
    /// The column sorted by, ascending or not.
    pub sort: RwSignal<(Column, bool)>,
    /// The submission opened read-only (an index into `submissions`).
    pub open: RwSignal<Option<usize>>,
    /// An export of the table or of a 复核意见.
    pub export: RwSignal<JobStatus>,
    /// Projects whose 复核 the reviewer wrote and has not kept as a draft (indices): leaving the
    /// page would lose it, so the browser asks first.
    pub unsaved: RwSignal<std::collections::BTreeSet<usize>>,
}

impl ReviewDesk {
    pub fn new() -> Self {
        ReviewDesk {
            submissions: RwSignal::new(Vec::new()),
            status: RwSignal::new(JobStatus::Idle),
            progress: RwSignal::new((0, 0)),
            error: RwSignal::new(None),
            filter: RwSignal::new(Filter::All),
            sort: RwSignal::new((Column::File, true)),
            open: RwSignal::new(None),
            export: RwSignal::new(JobStatus::Idle),
            unsaved: RwSignal::new(std::collections::BTreeSet::new()),
        }
    }

    /// Asks the browser to confirm leaving the page while a 复核 is unsaved. Installed once.
    pub fn guard_unload(self) {
        #[cfg(target_arch = "wasm32")]
        {
            let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
                if !self.unsaved.with_untracked(|u| u.is_empty()) {
                    ev.prevent_default();
                    // Older Chromium shows the prompt only when returnValue is set.
                    ev.set_return_value("复核意见尚未保存为草稿");
                }
            });
            // Lives as long as the page.
            std::mem::forget(handle);
        }
    }

    /// Changes the reviewer's part of a submission's draft, and scores it again.
    pub fn edit(self, index: usize, change: impl FnOnce(&mut jixiao_core::Draft)) {
        self.unsaved.update(|u| {
            u.insert(index);
        });
        self.submissions.update(|s| {
            if let Some(submission) = s.get_mut(index) {
                if let Ok(submitted) = &mut submission.outcome {
                    change(&mut submitted.draft);
                }
                submission.rescore();
            }
        })
    }

    /// What the last export did, for the line beside its button.
    pub fn export_note(self) -> Option<String> {
        match self.export.get() {
            JobStatus::Working(text) => Some(text),
            JobStatus::Done { file, .. } => Some(format!("已导出“{file}”")),
            JobStatus::Failed(message) => Some(format!("导出失败：{message}")),
            JobStatus::Idle => None,
        }
    }

    /// Reads the chosen files in the worker and adds what they hold to the table.
    #[cfg(target_arch = "wasm32")]
    fn read(self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            self.error.set(Some("所选文件夹中没有草稿文件（.json）或自评表（.xlsx、.xls）".into()));
            return;
        }
        self.error.set(None);
        crate::jobs::review_files(files, self.status, self.progress, move |result| match result {
            Ok(read) => self.submissions.update(|s| s.extend(read)),
            Err(message) => self.error.set(Some(format!("读取失败：{message}"))),
        });
    }
}

impl Default for ReviewDesk {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_review_desk() -> ReviewDesk {
    expect_context::<ReviewDesk>()
}

/// The files of a picker's change event: all of them from 「选择文件」, only draft files and
/// spreadsheets from a folder (which holds whatever else the unit sent along).
#[cfg(target_arch = "wasm32")]
fn picked(ev: &leptos::ev::Event, folder: bool) -> Vec<web_sys::File> {
    use wasm_bindgen::JsCast;
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let Some(list) = input.files() else { return Vec::new() };
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    input.set_value("");
    let reviewable =
        |name: &str| name.to_lowercase().ends_with(".json") || jixiao_core::imported::is_spreadsheet_name(name);
    files.into_iter().filter(|f| !folder || reviewable(&f.name())).collect()
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let desk = use_review_desk();
    let on_pick = move |folder: bool| {
        move |ev: leptos::ev::Event| {
            #[cfg(target_arch = "wasm32")]
            desk.read(picked(&ev, folder));
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (ev, folder);
        }
    };
    // The folder picker's attribute is not one Leptos knows by name.
    let folder_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = folder_input.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
    let reading = move || match desk.status.get() {
        JobStatus::Working(text) => {
            let (done, total) = desk.progress.get();
            Some(view! {
                <div class="banner info" role="status" data-testid="review-progress">
                    <progress max=total.max(1) value=done></progress>
                    " "
                    {text}
                </div>
            })
        }
        _ => None,
    };
    let error = move || {
        desk.error
            .get()
            .map(|message| view! { <p class="banner warning" role="alert" data-testid="review-error">{message}</p> })
    };
    let unsaved = move || {
        let n = desk.unsaved.with(|u| u.len());
        (n > 0).then(|| {
            view! {
                <p class="banner warning" role="status" data-testid="review-unsaved">
                    {format!("有 {n} 个项目的复核意见尚未保存：关闭或刷新页面会丢失。需要保留的，请在项目中点“保存为草稿”。")}
                </p>
            }
        })
    };
    let body = move || match desk.open.get() {
        Some(index) => view! { <project::OpenedProject index /> }.into_any(),
        None => view! { <table::ReviewTable /> }.into_any(),
    };
    view! {
        <section class="step review-page" aria-labelledby="review-title">
            <h2 id="review-title">"复核"</h2>
            <p class="help">
                "供主管部门、财政局复核各单位报送的绩效自评：可一次选择多个草稿文件（.json）或自评表（.xlsx、.xls），也可选择整个文件夹。文件只在本页面中读取，不会保存，除非您把某个项目“保存为草稿”。"
            </p>
            <div class="toolbar">
                <label class="button-like" for="review-files">"选择文件…"</label>
                <input
                    id="review-files"
                    class="visually-hidden"
                    type="file"
                    multiple
                    accept=".json,application/json,.xlsx,.xls,.xlsm,.et"
                    on:change=on_pick(false)
                    data-testid="review-files"
                />
                <label class="button-like" for="review-folder">"选择文件夹…"</label>
                <input
                    id="review-folder"
                    class="visually-hidden"
                    type="file"
                    multiple
                    node_ref=folder_input
                    on:change=on_pick(true)
                />
            </div>
            {reading}
            {error}
            {unsaved}
            {body}
        </section>
    }
}
