//! Work done in the Web Worker (its own wasm, loaded on first use, so printpdf, the spreadsheet
//! reader and the office writers are not part of the first page load, and the page never
//! freezes): 「导出PDF」, 「导出Excel」, 「导出Word」, reading a spreadsheet for import, and the
//! reviewer's files for the 复核 table.

use jixiao_core::imported::Import;
#[cfg(target_arch = "wasm32")]
use jixiao_core::review::Submission;
use leptos::prelude::*;

/// What an export button shows.
#[derive(Clone, Debug, PartialEq)]
pub enum JobStatus {
    Idle,
    Working(String),
    Done { file: String, kb: usize, ms: u32 },
    Failed(String),
}

/// A file the worker makes from the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Pdf {
        watermark: bool,
        signature: bool,
    },
    Xlsx,
    Docx,
    /// The reviewer's table as .xlsx (the draft field carries the submissions as JSON).
    ReviewSummary,
    /// One project's 复核意见 as PDF.
    ReviewPdf,
    /// The 项目支出绩效目标申报表 (next year's targets) as PDF or .xlsx.
    TargetsPdf,
    TargetsXlsx,
}

impl Export {
    /// The worker's name for it (crates/pdf-worker).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn op(self) -> &'static str {
        match self {
            Export::Pdf { .. } => "pdf",
            Export::Xlsx => "xlsx",
            Export::Docx => "docx",
            Export::ReviewSummary => "review-xlsx",
            Export::ReviewPdf => "review-pdf",
            Export::TargetsPdf => "targets-pdf",
            Export::TargetsXlsx => "targets-xlsx",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Export::Pdf { .. } | Export::ReviewPdf | Export::TargetsPdf => "application/pdf",
            Export::Xlsx | Export::ReviewSummary | Export::TargetsXlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            Export::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    }

    /// `{项目名称}-{年度}年度绩效自评.pdf`, `…绩效自评表.xlsx`, `…绩效自评报告.docx`.
    pub fn file_name(self, name: &str, year: &str) -> String {
        let name = if name.trim().is_empty() { "未命名项目" } else { name.trim() };
        let year = year.trim().trim_end_matches("年度").trim_end_matches('年');
        let what = match self {
            Export::Pdf { .. } => "绩效自评.pdf",
            Export::Xlsx => "绩效自评表.xlsx",
            Export::Docx => "绩效自评报告.docx",
            Export::ReviewSummary => "绩效自评复核汇总.xlsx",
            Export::ReviewPdf => "绩效自评复核意见.pdf",
            Export::TargetsPdf => "绩效目标申报表.pdf",
            Export::TargetsXlsx => "绩效目标申报表.xlsx",
        };
        crate::download::safe_file_name(&format!("{name}-{year}年度{what}"))
    }
}

/// Today's date (local), as the file's creation date.
pub fn today() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
    }
    #[cfg(not(target_arch = "wasm32"))]
    "2000-01-01".to_string()
}

/// Asks the worker for `export` of `draft_file` (a draft file's text) and downloads it.
pub fn export(export: Export, status: RwSignal<JobStatus>, draft_file: String, file_name: String) {
    #[cfg(target_arch = "wasm32")]
    worker::export(export, status, draft_file, file_name);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (export, draft_file, file_name);
        status.set(JobStatus::Failed("只能在浏览器中导出".into()));
    }
}

/// Reads a spreadsheet's bytes in the worker; `done` gets the drafts found, or why not (Chinese).
pub fn import_spreadsheet(
    bytes: Vec<u8>,
    status: RwSignal<JobStatus>,
    done: impl FnOnce(Result<Import, String>) + 'static,
) {
    #[cfg(target_arch = "wasm32")]
    worker::import(bytes, status, Box::new(done));
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = bytes;
        status.set(JobStatus::Idle);
        done(Err("只能在浏览器中导入".into()));
    }
}

/// Reads the reviewer's files in the worker; `progress` follows (files read, files in all), and
/// `done` gets one submission per project or unreadable file, or why nothing could be read.
#[cfg(target_arch = "wasm32")]
pub fn review_files(
    files: Vec<web_sys::File>,
    status: RwSignal<JobStatus>,
    progress: RwSignal<(u32, u32)>,
    done: impl FnOnce(Result<Vec<Submission>, String>) + 'static,
) {
    worker::review(files, status, progress, Box::new(done));
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use super::{Export, JobStatus, Submission};
    use jixiao_core::imported::Import;
    use js_sys::{Object, Reflect, Uint8Array};
    use leptos::prelude::*;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{MessageEvent, Worker};

    /// Written by Trunk next to the page (`data-type="worker"`; see index.html).
    const WORKER_URL: &str = "./jixiao-pdf-worker_loader.js";

    /// What the worker sends back for a request.
    enum Reply {
        Bytes(Vec<u8>),
        Json(String),
    }

    struct Pending {
        status: RwSignal<JobStatus>,
        /// Files read and in all, for a request that reports them.
        progress: Option<RwSignal<(u32, u32)>>,
        started: f64,
        on_reply: Box<dyn FnOnce(Result<Reply, String>, f64)>,
    }

    thread_local! {
        static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
        static READY: RefCell<bool> = const { RefCell::new(false) };
        /// The request waiting for the worker to be ready, and the one in progress.
        static QUEUED: RefCell<Option<JsValue>> = const { RefCell::new(None) };
        static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
    }

    fn now() -> f64 {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }

    fn set_status(s: JobStatus) {
        PENDING.with(|p| {
            if let Some(p) = p.borrow().as_ref() {
                p.status.set(s);
            }
        });
    }

    fn finish(result: Result<Reply, String>) {
        let Some(pending) = PENDING.with(|p| p.borrow_mut().take()) else { return };
        let ms = (now() - pending.started).max(0.0);
        (pending.on_reply)(result, ms);
    }

    fn on_message(event: MessageEvent) {
        let data = event.data();
        let kind = Reflect::get(&data, &"kind".into()).ok().and_then(|k| k.as_string()).unwrap_or_default();
        let text =
            |field: &str| Reflect::get(&data, &field.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        match kind.as_str() {
            "ready" => {
                READY.with(|r| *r.borrow_mut() = true);
                if let Some(request) = QUEUED.with(|q| q.borrow_mut().take()) {
                    post(&request);
                }
            }
            "progress" => {
                set_status(JobStatus::Working(text("text")));
                let number = |field: &str| Reflect::get(&data, &field.into()).ok().and_then(|v| v.as_f64());
                if let (Some(done), Some(total)) = (number("done"), number("total")) {
                    PENDING.with(|p| {
                        if let Some(signal) = p.borrow().as_ref().and_then(|p| p.progress) {
                            signal.set((done as u32, total as u32));
                        }
                    });
                }
            }
            "done" => {
                let bytes = Reflect::get(&data, &"bytes".into()).map(|b| Uint8Array::new(&b).to_vec());
                finish(bytes.map(Reply::Bytes).map_err(|_| "生成的文件无法读取".to_string()));
            }
            "imported" | "reviewed" => finish(Ok(Reply::Json(text("json")))),
            "error" => finish(Err(text("message"))),
            _ => {}
        }
    }

    fn post(request: &JsValue) {
        WORKER.with(|w| {
            if let Some(worker) = w.borrow().as_ref() {
                if worker.post_message(request).is_err() {
                    finish(Err("无法启动后台程序".into()));
                }
            }
        });
    }

    /// The worker from Trunk's files next to the page, or, in the single file `jixiao.html` (no
    /// files next to it), from the page's `window.jixiaoCreatePdfWorker()` (a Blob URL worker
    /// with the embedded wasm and font; scripts/make-single-file.mjs).
    fn create_worker() -> Result<Worker, JsValue> {
        let window: JsValue = web_sys::window().ok_or(JsValue::NULL)?.into();
        let hook = Reflect::get(&window, &"jixiaoCreatePdfWorker".into())?;
        match hook.dyn_ref::<js_sys::Function>() {
            Some(create) => create.call0(&window)?.dyn_into::<Worker>(),
            None => Worker::new(WORKER_URL),
        }
    }

    fn spawn() -> Result<(), String> {
        if WORKER.with(|w| w.borrow().is_some()) {
            return Ok(());
        }
        let worker = create_worker().map_err(|_| "无法启动后台程序（浏览器不支持 Web Worker）".to_string())?;
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(on_message);
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // A crash inside the worker (or a failed load) must not leave the button spinning.
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
            event.prevent_default();
            WORKER.with(|w| {
                if let Some(worker) = w.borrow_mut().take() {
                    worker.terminate();
                }
            });
            READY.with(|r| *r.borrow_mut() = false);
            finish(Err("后台程序出错。请导出草稿文件并反馈问题；您填写的内容没有丢失。".into()));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        WORKER.with(|w| *w.borrow_mut() = Some(worker));
        Ok(())
    }

    /// Sends a request, starting the worker on first use; one request at a time.
    fn request(
        message: Object,
        status: RwSignal<JobStatus>,
        progress: Option<RwSignal<(u32, u32)>>,
        working: &str,
        on_reply: Box<dyn FnOnce(Result<Reply, String>, f64)>,
    ) {
        if PENDING.with(|p| p.borrow().is_some()) {
            status.set(JobStatus::Failed("上一个任务还在进行，请稍候再试".into()));
            return;
        }
        PENDING.with(|p| *p.borrow_mut() = Some(Pending { status, progress, started: now(), on_reply }));
        let message: JsValue = message.into();
        if READY.with(|r| *r.borrow()) {
            status.set(JobStatus::Working(working.into()));
            post(&message);
            return;
        }
        status.set(JobStatus::Working("正在加载后台程序…".into()));
        QUEUED.with(|q| *q.borrow_mut() = Some(message));
        if let Err(e) = spawn() {
            QUEUED.with(|q| *q.borrow_mut() = None);
            finish(Err(e));
        }
    }

    pub fn export(export: Export, status: RwSignal<JobStatus>, draft_file: String, file_name: String) {
        let message = Object::new();
        let _ = Reflect::set(&message, &"op".into(), &export.op().into());
        let _ = Reflect::set(&message, &"draft".into(), &draft_file.into());
        let _ = Reflect::set(&message, &"date".into(), &super::today().into());
        if let Export::Pdf { watermark, signature } = export {
            let _ = Reflect::set(&message, &"watermark".into(), &watermark.into());
            let _ = Reflect::set(&message, &"signature".into(), &signature.into());
        }
        let working = if matches!(export, Export::Pdf { .. } | Export::ReviewPdf) {
            "正在排版…"
        } else {
            "正在生成文件…"
        };
        let on_reply = Box::new(move |result: Result<Reply, String>, ms: f64| match result {
            Ok(Reply::Bytes(bytes)) => match crate::download::download(&file_name, export.mime(), &bytes) {
                Ok(()) => {
                    status.set(JobStatus::Done { file: file_name, kb: bytes.len().div_ceil(1024), ms: ms as u32 })
                }
                Err(e) => status.set(JobStatus::Failed(e)),
            },
            Ok(Reply::Json(_)) => status.set(JobStatus::Failed("后台程序的回答无法识别".into())),
            Err(message) => status.set(JobStatus::Failed(message)),
        });
        request(message, status, None, working, on_reply);
    }

    /// A reply in JSON, read into `T` for `done`; the job is over either way.
    fn json_reply<T: serde::de::DeserializeOwned + 'static>(
        status: RwSignal<JobStatus>,
        done: Box<dyn FnOnce(Result<T, String>)>,
    ) -> Box<dyn FnOnce(Result<Reply, String>, f64)> {
        Box::new(move |result: Result<Reply, String>, _ms: f64| {
            status.set(JobStatus::Idle);
            done(match result {
                Ok(Reply::Json(json)) => serde_json::from_str(&json).map_err(|e| format!("读取结果无法识别：{e}")),
                Ok(Reply::Bytes(_)) => Err("后台程序的回答无法识别".into()),
                Err(message) => Err(message),
            });
        })
    }

    pub fn import(bytes: Vec<u8>, status: RwSignal<JobStatus>, done: Box<dyn FnOnce(Result<Import, String>)>) {
        let message = Object::new();
        let array = Uint8Array::from(bytes.as_slice());
        let _ = Reflect::set(&message, &"op".into(), &"import".into());
        let _ = Reflect::set(&message, &"bytes".into(), &array);
        request(message, status, None, "正在读取表格…", json_reply(status, done));
    }

    pub fn review(
        files: Vec<web_sys::File>,
        status: RwSignal<JobStatus>,
        progress: RwSignal<(u32, u32)>,
        done: Box<dyn FnOnce(Result<Vec<Submission>, String>)>,
    ) {
        let message = Object::new();
        let _ = Reflect::set(&message, &"op".into(), &"review".into());
        let _ = Reflect::set(&message, &"files".into(), &files.into_iter().collect::<js_sys::Array>());
        progress.set((0, 0));
        request(message, status, Some(progress), "正在读取文件…", json_reply(status, done));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        let pdf = Export::Pdf { watermark: false, signature: false };
        assert_eq!(pdf.file_name("应急管理项目", "2022"), "应急管理项目-2022年度绩效自评.pdf");
        assert_eq!(pdf.file_name("a/b", "2023年度"), "a_b-2023年度绩效自评.pdf");
        assert_eq!(Export::Xlsx.file_name("应急管理项目", "2022年"), "应急管理项目-2022年度绩效自评表.xlsx");
        assert_eq!(Export::Docx.file_name(" ", "2022"), "未命名项目-2022年度绩效自评报告.docx");
        assert_eq!(Export::TargetsPdf.file_name("应急管理项目", "2023"), "应急管理项目-2023年度绩效目标申报表.pdf");
    }
}
