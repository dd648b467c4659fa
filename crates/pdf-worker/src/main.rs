//! The PDF Web Worker. The page posts `{draft, date, watermark, signature}` (the draft as a draft
//! file, the same envelope as storage and export); the worker answers with progress messages and
//! then `{kind: "done", bytes}` or `{kind: "error", message}`. The font is fetched on the first
//! request and kept for the next ones.

#[cfg(target_arch = "wasm32")]
mod worker;

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
