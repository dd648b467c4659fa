//! If the app panics, a Chinese error panel appears with a working 「下载草稿文件」 link. The
//! panel is plain DOM and a Blob URL made inside the hook, so it works after the wasm is gone.

use jixiao_core::Draft;
use std::cell::RefCell;

thread_local! {
    /// The latest state of the open draft (kept current by the autosave effect).
    static LAST_DRAFT: RefCell<Option<Draft>> = const { RefCell::new(None) };
}

pub fn remember(draft: &Draft) {
    LAST_DRAFT.with(|d| {
        if let Ok(mut slot) = d.try_borrow_mut() {
            *slot = Some(draft.clone());
        }
    });
}

pub fn install() {
    #[cfg(target_arch = "wasm32")]
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panel(&info.to_string());
    }));
}

#[cfg(target_arch = "wasm32")]
fn show_panel(detail: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id("crash-panel").is_some() {
        return;
    }
    let draft = LAST_DRAFT.with(|d| d.try_borrow().ok().and_then(|d| d.clone()));
    let link = draft.and_then(|d| {
        let text = jixiao_core::file_format::encode(&d);
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        Some((url, crate::download::draft_file_name(&d.project.name, &d.project.year)))
    });
    let Ok(panel) = document.create_element("div") else { return };
    panel.set_id("crash-panel");
    let _ = panel.set_attribute("role", "alertdialog");
    let _ = panel.set_attribute("aria-labelledby", "crash-title");
    panel.set_class_name("crash-panel");
    let add = |tag: &str, text: &str, parent: &web_sys::Element| -> Option<web_sys::Element> {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        parent.append_child(&el).ok()?;
        Some(el)
    };
    if let Some(h) = add("h2", "程序出错了", &panel) {
        h.set_id("crash-title");
    }
    add("p", "很抱歉，绩效自评助手遇到了意外错误。您填写的内容没有丢失：请先点击下面的按钮下载草稿文件保存到电脑，然后刷新页面（已自动保存的内容刷新后仍在）。", &panel);
    match link {
        Some((url, name)) => {
            if let Some(a) = add("a", "下载草稿文件", &panel) {
                let _ = a.set_attribute("href", &url);
                let _ = a.set_attribute("download", &name);
                a.set_class_name("crash-download");
            }
        }
        None => {
            add("p", "（当前没有打开的草稿。）", &panel);
        }
    }
    if let Some(d) = add("details", "", &panel) {
        add("summary", "技术信息（反馈问题时请附上）", &d);
        add("pre", detail, &d);
    }
    if let Ok(panel) = panel.dyn_into::<web_sys::HtmlElement>() {
        let _ = body.append_child(&panel);
    }
}
