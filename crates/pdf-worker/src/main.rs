//! The Web Worker for everything heavy the page does on request (loaded on first use, so none of
//! it is in the first page load): the PDF, the .xlsx and .docx exports, and reading a spreadsheet.
//! The page posts `{op, draft, date, …}` (the draft as a draft file, the same envelope as storage
//! and export): `op` "pdf" (or none; with `watermark`, `signature`), "xlsx", "docx", or "import"
//! (with `bytes`). The worker answers with progress messages and then `{kind: "done", bytes}`,
//! `{kind: "imported", json}` or `{kind: "error", message}`. The font is fetched on the first PDF
//! and kept for the next ones.

#[cfg(target_arch = "wasm32")]
mod worker;

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
