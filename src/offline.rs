//! 「可离线使用」 in the top bar: said once everything the app needs is kept in this browser.
//! web/boot.js decides it (the service worker on a web host is ready; the single file always
//! is) and marks `<html data-offline="cached|single-file">`, then fires `jixiao:offline`; the
//! app only reads that mark.

use leptos::prelude::*;

/// How the app is available offline, if it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offline {
    /// Kept by the service worker after the first visit.
    Cached,
    /// The single file: the program and the font are inside it.
    SingleFile,
}

impl Offline {
    fn from_mark(mark: &str) -> Option<Self> {
        match mark {
            "cached" => Some(Self::Cached),
            "single-file" => Some(Self::SingleFile),
            _ => None,
        }
    }

    /// The tooltip: what 可离线使用 means here.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Cached => "本程序和字体已保存在此浏览器中：断网时也能打开本页、填写和导出 PDF。",
            Self::SingleFile => "本文件已包含全部程序和字体：不需要网络，也不会连接网络。",
        }
    }
}

fn read_mark() -> Option<Offline> {
    #[cfg(target_arch = "wasm32")]
    let mark = web_sys::window()?.document()?.document_element()?.get_attribute("data-offline")?;
    #[cfg(not(target_arch = "wasm32"))]
    let mark = String::new();
    Offline::from_mark(&mark)
}

/// The current state, updated when web/boot.js says the offline copy is ready.
pub fn offline_state() -> ReadSignal<Option<Offline>> {
    let (state, set_state) = signal(read_mark());
    #[cfg(target_arch = "wasm32")]
    {
        let handle = window_event_listener_untyped("jixiao:offline", move |_| set_state.set(read_mark()));
        // Lives as long as the page.
        std::mem::forget(handle);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = set_state;
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks() {
        assert_eq!(Offline::from_mark("cached"), Some(Offline::Cached));
        assert_eq!(Offline::from_mark("single-file"), Some(Offline::SingleFile));
        assert_eq!(Offline::from_mark(""), None);
    }
}
