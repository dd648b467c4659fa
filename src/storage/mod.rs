//! Keeping drafts in the browser: one small adapter over `localStorage` ([`BrowserStore`]) and the
//! rules for reading and writing drafts over any key-value store ([`repo`]), tested natively on a
//! [`MemoryStore`].
//!
//! Why not gloo-storage (re-checked for issue 12 §4, gloo-storage 0.3): a probe before each call
//! would guard its `raw()`, which panics when storage is disabled or throws on access, but not the
//! rest. Its `get`/`set` are typed: `set` writes a value as JSON, so a draft file (already JSON text)
//! would be stored as a JSON string of it — every stored draft would change format, and a corrupt
//! value could no longer be kept byte for byte in quarantine (its `get` fails on non-JSON text
//! instead of returning it). Its `delete` and `length` end in `expect_throw` (a JS exception that
//! leaves the wasm call half-done, as a panic would), and its error conversion `js_to_error` hits
//! `unreachable!` when the thrown value is not a JS `Error` object. What is left that we could use
//! is `raw()` behind our own probe, which is what `storage()` below is. So this is a thin,
//! non-panicking layer over web-sys, and every storage fault (disabled, full, throwing, corrupt,
//! newer version, two tabs) is handled here and tested in tests/browser/storage.test.mjs.

pub mod repo;

use std::cell::RefCell;
use std::collections::BTreeMap;

/// Every key this app writes starts with this: all `file://` pages share one storage origin.
pub const PREFIX: &str = "jixiao:";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Storage is disabled, or the browser throws on access.
    Unavailable,
    /// QuotaExceededError: the edit stays in memory.
    Full,
    Other(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable => write!(f, "浏览器存储不可用（可能被禁用或处于隐私模式）"),
            StoreError::Full => write!(f, "浏览器存储已满"),
            StoreError::Other(m) => write!(f, "浏览器存储出错：{m}"),
        }
    }
}

/// The operations the draft repository needs.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// All keys starting with [`PREFIX`].
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An in-memory store: for native tests, and the fallback when the browser's storage is unavailable.
#[derive(Default)]
pub struct MemoryStore {
    map: RefCell<BTreeMap<String, String>>,
    /// Writes beyond this many bytes fail with `Full` (to test the quota path).
    pub capacity: Option<usize>,
}

impl MemoryStore {
    pub fn with_capacity(bytes: usize) -> MemoryStore {
        MemoryStore { capacity: Some(bytes), ..MemoryStore::default() }
    }

    fn used_without(&self, key: &str) -> usize {
        self.map.borrow().iter().filter(|(k, _)| k.as_str() != key).map(|(k, v)| k.len() + v.len()).sum()
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(cap) = self.capacity {
            if self.used_without(key) + key.len() + value.len() > cap {
                return Err(StoreError::Full);
            }
        }
        self.map.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.map.borrow().keys().filter(|k| k.starts_with(PREFIX)).cloned().collect())
    }
}

/// `window.localStorage`, looked up on every call and never panicking.
#[derive(Clone, Copy, Default)]
pub struct BrowserStore;

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use wasm_bindgen::JsValue;

    fn storage() -> Result<web_sys::Storage, StoreError> {
        let window = web_sys::window().ok_or(StoreError::Unavailable)?;
        match window.local_storage() {
            Ok(Some(s)) => Ok(s),
            _ => Err(StoreError::Unavailable),
        }
    }

    fn classify(e: JsValue) -> StoreError {
        // DOMException's `name` says which fault it is.
        let name =
            js_sys::Reflect::get(&e, &JsValue::from_str("name")).ok().and_then(|n| n.as_string()).unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            StoreError::Full
        } else if name == "SecurityError" {
            StoreError::Unavailable
        } else {
            StoreError::Other(format!("{name} {}", e.as_string().unwrap_or_default()).trim().to_string())
        }
    }

    impl KeyValue for BrowserStore {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            storage()?.get_item(key).map_err(classify)
        }

        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            storage()?.set_item(key, value).map_err(classify)
        }

        fn remove(&self, key: &str) -> Result<(), StoreError> {
            storage()?.remove_item(key).map_err(classify)
        }

        fn keys(&self) -> Result<Vec<String>, StoreError> {
            let s = storage()?;
            let n = s.length().map_err(classify)?;
            Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(PREFIX)).collect())
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl KeyValue for BrowserStore {
    fn get(&self, _: &str) -> Result<Option<String>, StoreError> {
        Err(StoreError::Unavailable)
    }
    fn set(&self, _: &str, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable)
    }
    fn remove(&self, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Err(StoreError::Unavailable)
    }
}
