//! Saving a file to the user's computer (a Blob and an `<a download>`), and reading one they chose.

/// Offers `bytes` as a download named `filename`.
pub fn download(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let array = js_sys::Uint8Array::from(bytes);
        let parts = js_sys::Array::of1(&array);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
            .map_err(|_| "无法生成文件".to_string())?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "无法生成下载链接".to_string())?;
        let document = web_sys::window().and_then(|w| w.document()).ok_or("页面不可用")?;
        let a: web_sys::HtmlAnchorElement =
            document.create_element("a").map_err(|_| "无法生成下载链接")?.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.set_attribute("hidden", "").ok();
        if let Some(body) = document.body() {
            body.append_child(&a).ok();
            a.click();
            body.remove_child(&a).ok();
        }
        // Revoke later: the download starts asynchronously.
        let revoke = url.clone();
        leptos::prelude::set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&revoke);
            },
            std::time::Duration::from_secs(60),
        );
        Ok(())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (filename, mime, bytes);
        Err("只能在浏览器中下载".into())
    }
}

/// `{项目名称}-{年度}-绩效自评草稿.json`, with characters Windows forbids in names replaced.
pub fn draft_file_name(name: &str, year: &str) -> String {
    let name = if name.trim().is_empty() { "未命名项目" } else { name.trim() };
    let year = year.trim().trim_end_matches("年度").trim_end_matches('年');
    let base = if year.is_empty() { name.to_string() } else { format!("{name}-{year}") };
    format!("{}-绩效自评草稿.json", safe_file_name(&base))
}

pub fn safe_file_name(name: &str) -> String {
    name.chars().map(|c| if "\\/:*?\"<>|\n\r\t".contains(c) { '_' } else { c }).collect()
}

/// The text of a file the user picked or dropped.
#[cfg(target_arch = "wasm32")]
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let value = wasm_bindgen_futures::JsFuture::from(file.text()).await.map_err(|_| "无法读取这个文件".to_string())?;
    value.as_string().ok_or_else(|| "无法读取这个文件".to_string())
}

/// The bytes of a file the user picked or dropped (a spreadsheet), refused above `limit`.
#[cfg(target_arch = "wasm32")]
pub async fn read_bytes(file: &web_sys::File, limit: usize) -> Result<Vec<u8>, String> {
    // Whole megabytes: formatting an f64 would add float printing to the first page load.
    if file.size() > limit as f64 {
        let megabytes = (file.size() as u64).div_ceil(1_048_576);
        return Err(format!("文件约有 {megabytes} MB，超过了可导入的 {} MB", limit / 1_048_576));
    }
    let buffer =
        wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|_| "无法读取这个文件".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

pub use jixiao_core::imported::is_spreadsheet_name;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(draft_file_name("应急管理项目", "2022"), "应急管理项目-2022-绩效自评草稿.json");
        assert_eq!(draft_file_name("", ""), "未命名项目-绩效自评草稿.json");
        assert_eq!(draft_file_name("a/b:c", "2023年"), "a_b_c-2023-绩效自评草稿.json");
    }

    #[test]
    fn spreadsheets_by_name() {
        assert!(is_spreadsheet_name("自评表.XLSX"));
        assert!(is_spreadsheet_name("2022年自评表.xls"));
        assert!(!is_spreadsheet_name("应急管理项目-2022-绩效自评草稿.json"));
    }
}
