//! 「导出PDF」: the PDF is made in a Web Worker (its own wasm, loaded on the first export, so
//! printpdf is not part of the first page load and the page never freezes).

use leptos::prelude::*;

/// What the export button shows.
#[derive(Clone, Debug, PartialEq)]
pub enum PdfStatus {
    Idle,
    Working(String),
    Done { file: String, kb: usize, ms: u32 },
    Failed(String),
}

/// The PDF's file name: `{项目名称}-{年度}年度绩效自评.pdf`.
pub fn pdf_file_name(name: &str, year: &str) -> String {
    let name = if name.trim().is_empty() { "未命名项目" } else { name.trim() };
    let year = year.trim().trim_end_matches("年度").trim_end_matches('年');
    crate::download::safe_file_name(&format!("{name}-{year}年度绩效自评.pdf"))
}

/// Today's date (local), as the PDF's creation date.
pub fn today() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
    }
    #[cfg(not(target_arch = "wasm32"))]
    "2000-01-01".to_string()
}

/// Asks the worker for a PDF of `draft_file` (a draft file's text) and downloads it.
pub fn export(status: RwSignal<PdfStatus>, draft_file: String, file_name: String, watermark: bool, signature: bool) {
    #[cfg(target_arch = "wasm32")]
    worker::request(status, draft_file, file_name, watermark, signature);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (draft_file, file_name, watermark, signature);
        status.set(PdfStatus::Failed("只能在浏览器中导出".into()));
    }
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use super::PdfStatus;
    use js_sys::{Object, Reflect, Uint8Array};
    use leptos::prelude::*;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{MessageEvent, Worker};

    /// Written by Trunk next to the page (`data-type="worker"`; see index.html).
    const WORKER_URL: &str = "./jixiao-pdf-worker_loader.js";

    struct Pending {
        status: RwSignal<PdfStatus>,
        file_name: String,
        started: f64,
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

    fn set_status(s: PdfStatus) {
        PENDING.with(|p| {
            if let Some(p) = p.borrow().as_ref() {
                p.status.set(s);
            }
        });
    }

    fn finish(result: Result<Vec<u8>, String>) {
        let Some(pending) = PENDING.with(|p| p.borrow_mut().take()) else { return };
        match result {
            Ok(bytes) => {
                let ms = (now() - pending.started).max(0.0) as u32;
                match crate::download::download(&pending.file_name, "application/pdf", &bytes) {
                    Ok(()) => pending.status.set(PdfStatus::Done {
                        file: pending.file_name,
                        kb: bytes.len().div_ceil(1024),
                        ms,
                    }),
                    Err(e) => pending.status.set(PdfStatus::Failed(e)),
                }
            }
            Err(message) => pending.status.set(PdfStatus::Failed(message)),
        }
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
            "progress" => set_status(PdfStatus::Working(text("text"))),
            "done" => {
                let bytes = Reflect::get(&data, &"bytes".into()).map(|b| Uint8Array::new(&b).to_vec());
                finish(bytes.map_err(|_| "生成的文件无法读取".to_string()));
            }
            "error" => finish(Err(text("message"))),
            _ => {}
        }
    }

    fn post(request: &JsValue) {
        WORKER.with(|w| {
            if let Some(worker) = w.borrow().as_ref() {
                if worker.post_message(request).is_err() {
                    finish(Err("无法启动排版程序".into()));
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
        let worker = create_worker().map_err(|_| "无法启动排版程序（浏览器不支持 Web Worker）".to_string())?;
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
            finish(Err("生成 PDF 时出错。请导出草稿文件并反馈问题；您填写的内容没有丢失。".into()));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        WORKER.with(|w| *w.borrow_mut() = Some(worker));
        Ok(())
    }

    pub fn request(
        status: RwSignal<PdfStatus>,
        draft_file: String,
        file_name: String,
        watermark: bool,
        signature: bool,
    ) {
        if PENDING.with(|p| p.borrow().is_some()) {
            return;
        }
        PENDING.with(|p| *p.borrow_mut() = Some(Pending { status, file_name, started: now() }));
        let message = Object::new();
        let _ = Reflect::set(&message, &"draft".into(), &draft_file.into());
        let _ = Reflect::set(&message, &"date".into(), &super::today().into());
        let _ = Reflect::set(&message, &"watermark".into(), &watermark.into());
        let _ = Reflect::set(&message, &"signature".into(), &signature.into());
        let message: JsValue = message.into();
        if READY.with(|r| *r.borrow()) {
            status.set(PdfStatus::Working("正在排版…".into()));
            post(&message);
            return;
        }
        status.set(PdfStatus::Working("正在加载排版程序…".into()));
        QUEUED.with(|q| *q.borrow_mut() = Some(message));
        if let Err(e) = spawn() {
            QUEUED.with(|q| *q.borrow_mut() = None);
            finish(Err(e));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name() {
        assert_eq!(pdf_file_name("应急管理项目", "2022"), "应急管理项目-2022年度绩效自评.pdf");
        assert_eq!(pdf_file_name("a/b", "2023年度"), "a_b-2023年度绩效自评.pdf");
    }
}
