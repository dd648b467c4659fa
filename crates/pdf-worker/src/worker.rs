use js_sys::{Object, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Next to the worker's script (Trunk copies it there); fetched only when a PDF is asked for.
const FONT_URL: &str = "./NotoSerifSC-Regular.subset.ttf";

thread_local! {
    static FONT: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(kind: &str, field: &str, value: &JsValue, transfer: Option<&JsValue>) {
    let message = Object::new();
    let _ = Reflect::set(&message, &"kind".into(), &kind.into());
    let _ = Reflect::set(&message, &field.into(), value);
    // A failed post cannot be reported to the page either; the page's error handler covers a dead worker.
    let _ = match transfer {
        Some(t) => scope().post_message_with_transfer(&message, &js_sys::Array::of1(t)),
        None => scope().post_message(&message),
    };
}

fn progress(text: &str) {
    post("progress", "text", &text.into(), None);
}

fn fail(message: &str) {
    post("error", "message", &message.into(), None);
}

pub fn start() {
    console_error_panic_hook::set_once();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        wasm_bindgen_futures::spawn_local(handle(event.data()));
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before the wasm was ready would be lost: the page waits for this.
    post("ready", "text", &JsValue::NULL, None);
}

fn text_field(data: &JsValue, name: &str) -> String {
    Reflect::get(data, &name.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

fn bool_field(data: &JsValue, name: &str) -> bool {
    Reflect::get(data, &name.into()).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// In the single file `jixiao.html` there is no font file to fetch: its worker bootstrap
/// (web/single-file/worker.js) defines `self.jixiaoLoadFont()`, a Promise of the embedded font,
/// brotli-compressed.
fn font_hook() -> Option<js_sys::Promise> {
    let hook = Reflect::get(&scope(), &"jixiaoLoadFont".into()).ok()?;
    let load = hook.dyn_ref::<js_sys::Function>()?;
    load.call0(&scope()).ok()?.dyn_into::<js_sys::Promise>().ok()
}

async fn font() -> Result<Vec<u8>, String> {
    if let Some(bytes) = FONT.with(|f| f.borrow().clone()) {
        return Ok(bytes);
    }
    progress("正在加载字体…");
    let failed = |_| "无法加载字体文件，请检查网络连接或刷新页面后重试".to_string();
    let bytes = match font_hook() {
        Some(promise) => {
            // The hook's error (a damaged file) says what is wrong, in Chinese.
            let compressed = JsFuture::from(promise).await.map_err(|e| match e.dyn_ref::<js_sys::Error>() {
                Some(e) => String::from(e.message()),
                None => "无法读取本文件内嵌的字体".to_string(),
            })?;
            jixiao_unbrotli::decompress(&Uint8Array::new(&compressed).to_vec())?
        }
        None => {
            let response: web_sys::Response =
                JsFuture::from(scope().fetch_with_str(FONT_URL)).await.map_err(failed)?.unchecked_into();
            if !response.ok() {
                return Err(format!("无法加载字体文件（HTTP {}）", response.status()));
            }
            Uint8Array::new(&JsFuture::from(response.array_buffer().map_err(failed)?).await.map_err(failed)?).to_vec()
        }
    };
    FONT.with(|f| *f.borrow_mut() = Some(bytes.clone()));
    Ok(bytes)
}

async fn handle(data: JsValue) {
    let result = match text_field(&data, "op").as_str() {
        "xlsx" | "docx" | "targets-xlsx" => office_export(&data),
        "import" => return import(&data),
        "review" => return review(&data).await,
        "review-xlsx" => review_summary(&data),
        _ => render(&data).await,
    };
    match result {
        Ok(bytes) => {
            let array = Uint8Array::from(bytes.as_slice());
            post("done", "bytes", &array, Some(&array.buffer()));
        }
        Err(message) => fail(&message),
    }
}

/// The 自评表 or the 绩效目标申报表 as .xlsx, or the report as .docx (crates/office).
fn office_export(data: &JsValue) -> Result<Vec<u8>, String> {
    let draft = jixiao_core::file_format::decode(&text_field(data, "draft")).map_err(|e| e.to_string())?;
    let date = text_field(data, "date").parse::<jixiao_pdf::PdfDate>().map_err(|e| e.to_string())?;
    let date = jixiao_office::xlsx::ExportDate { year: date.year, month: date.month, day: date.day };
    let evaluation = jixiao_core::evaluate(&draft);
    let made = match text_field(data, "op").as_str() {
        "xlsx" => jixiao_office::xlsx::export(&draft, &evaluation, date),
        "targets-xlsx" => jixiao_office::targets_xlsx::export(&draft, &evaluation, date),
        _ => jixiao_office::docx::export(&draft, &evaluation, date),
    };
    made.map_err(|e| e.to_string())
}

/// A spreadsheet read into drafts for the page's preview: `{kind: "imported", json}` (the
/// `jixiao_core::imported::Import` as JSON), or an error in Chinese.
fn import(data: &JsValue) {
    progress("正在读取表格…");
    let bytes = Reflect::get(data, &"bytes".into()).map(|b| Uint8Array::new(&b).to_vec()).unwrap_or_default();
    match jixiao_office::import::import(&bytes) {
        Ok(imported) => match serde_json::to_string(&imported) {
            Ok(json) => post("imported", "json", &json.into(), None),
            Err(e) => fail(&e.to_string()),
        },
        Err(e) => fail(&e.to_string()),
    }
}

/// The reviewer's files (`files`, an array of `File`), each read into its projects and scored as
/// the reviewer scores it: `{kind: "reviewed", json}` with every `jixiao_core::review::Submission`,
/// one per project or per unreadable file. A file that cannot be read gets its row with the reason;
/// the others go on. Progress is posted after each file (`done`, `total`).
async fn review(data: &JsValue) {
    let files = Reflect::get(data, &"files".into()).map(|f| js_sys::Array::from(&f)).unwrap_or_default();
    let total = files.length();
    let mut submissions = Vec::new();
    for (done, file) in files.iter().enumerate() {
        let Ok(file) = file.dyn_into::<web_sys::File>() else { continue };
        let name = file.name();
        submissions.extend(review_file(&file, name.clone()).await);
        let message = Object::new();
        let _ = Reflect::set(&message, &"kind".into(), &"progress".into());
        let _ = Reflect::set(&message, &"text".into(), &format!("已读取 {} / {total} 个文件：{name}", done + 1).into());
        let _ = Reflect::set(&message, &"done".into(), &(done as u32 + 1).into());
        let _ = Reflect::set(&message, &"total".into(), &total.into());
        let _ = scope().post_message(&message);
    }
    match serde_json::to_string(&submissions) {
        Ok(json) => post("reviewed", "json", &json.into(), None),
        Err(e) => fail(&e.to_string()),
    }
}

async fn review_file(file: &web_sys::File, name: String) -> Vec<jixiao_core::review::Submission> {
    use jixiao_core::review::Submission;
    let limit = jixiao_core::imported::MAX_FILE_BYTES;
    if file.size() > limit as f64 {
        return vec![Submission::unreadable(name, format!("文件超过了可读取的 {} MB", limit / 1_048_576))];
    }
    let bytes = match JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => Uint8Array::new(&buffer).to_vec(),
        Err(_) => return vec![Submission::unreadable(name, "无法读取这个文件".into())],
    };
    if !jixiao_core::imported::is_spreadsheet_name(&name) {
        return vec![Submission::from_draft_file(name, &bytes)];
    }
    match jixiao_office::import::import(&bytes) {
        Ok(imported) if imported.drafts.is_empty() => {
            vec![Submission::unreadable(name, "文件中没有找到自评表".into())]
        }
        Ok(imported) => {
            let several = imported.drafts.len() > 1;
            imported
                .drafts
                .into_iter()
                .map(|d| {
                    let file = match d.sheets.first() {
                        Some(sheet) if several => format!("{name}#{sheet}"),
                        _ => name.clone(),
                    };
                    Submission::read(file, d.draft)
                })
                .collect()
        }
        Err(e) => vec![Submission::unreadable(name, e.to_string())],
    }
}

/// The reviewer's table as .xlsx: `payload` is the page's submissions as JSON.
fn review_summary(data: &JsValue) -> Result<Vec<u8>, String> {
    let submissions: Vec<jixiao_core::review::Submission> =
        serde_json::from_str(&text_field(data, "draft")).map_err(|e| e.to_string())?;
    let date = text_field(data, "date").parse::<jixiao_pdf::PdfDate>().map_err(|e| e.to_string())?;
    let date = jixiao_office::xlsx::ExportDate { year: date.year, month: date.month, day: date.day };
    let rows: Vec<jixiao_office::review_xlsx::Reviewed> = submissions
        .iter()
        .map(|s| jixiao_office::review_xlsx::Reviewed {
            file: &s.file,
            result: s.outcome.as_ref().map(|o| &o.row).map_err(String::as_str),
        })
        .collect();
    jixiao_office::review_xlsx::export(&rows, date).map_err(|e| e.to_string())
}

/// A PDF: the 自评表 and report (`pdf`), a 复核意见表 (`review-pdf`) or a 绩效目标申报表 (`targets-pdf`).
async fn render(data: &JsValue) -> Result<Vec<u8>, String> {
    let draft = jixiao_core::file_format::decode(&text_field(data, "draft")).map_err(|e| e.to_string())?;
    let date = text_field(data, "date").parse::<jixiao_pdf::PdfDate>().map_err(|e| e.to_string())?;
    let mut options = jixiao_pdf::RenderOptions::new(date);
    options.watermark = bool_field(data, "watermark");
    options.signature_line = bool_field(data, "signature");
    let font = font().await?;
    progress("正在排版…");
    let made = match text_field(data, "op").as_str() {
        "review-pdf" => jixiao_pdf::render_review(&draft, &font, &options),
        "targets-pdf" => jixiao_pdf::render_targets(&draft, &font, &options),
        _ => jixiao_pdf::render(&draft, &jixiao_core::evaluate(&draft), &font, &options),
    };
    made.map_err(|e| e.to_string())
}
