//! The 自评表 and 自评报告 as a PDF: A4, official-document margins, a 宋体-style font embedded
//! as a subset, real selectable Chinese text. No web dependency: it runs natively (CLI, tests)
//! and in the browser's Web Worker (wasm32) alike.
//!
//! Two steps, as typst does it:
//! - [`layout`] measures, wraps and paginates everything into [`Pages`] of positioned text
//!   runs and rules (testable without any PDF);
//! - [`paint`] turns those pages into PDF bytes.
//!
//! [`render`] does both.
//!
//! [`render_review`] sets a reviewer's 复核意见表 of one project (the 自评表's rows with 自评分,
//! 复核分 and 复核意见, the findings and the overall opinion) by the same layout code.
//!
//! ```
//! let font = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fonts/NotoSerifSC-Regular.subset.ttf")).unwrap();
//! let draft = jixiao_core::example_draft();
//! let eval = jixiao_core::evaluate(&draft);
//! let options = jixiao_pdf::RenderOptions::new("2023-03-31".parse().unwrap());
//! let pdf = jixiao_pdf::render(&draft, &eval, &font, &options).unwrap();
//! assert!(pdf.starts_with(b"%PDF-"));
//! ```

mod coverage;
mod error;
mod flow;
mod font;
mod grid;
mod layout;
pub mod linebreak;
mod narrative;
pub mod pages;
mod paint;
mod review;
mod style;
mod targets;
mod tidy;

pub use error::{MissingGlyph, PdfError, Place};
pub use layout::{layout, layout_with_report};
pub use pages::Pages;
pub use paint::paint;
pub use review::{layout_review, render_review};
pub use targets::{layout_targets, render_targets};

use jixiao_core::{Draft, Evaluation};
use std::fmt;
use std::str::FromStr;

/// How to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderOptions {
    /// Written as the PDF's creation date. Passed in (not read from the clock) so that the same
    /// draft and date always give the same bytes.
    pub creation_date: PdfDate,
    /// 「草稿」 across every page.
    pub watermark: bool,
    /// 填报人 / 审核人 / 填报日期 blanks under the table.
    pub signature_line: bool,
}

impl RenderOptions {
    /// No watermark, no signature line.
    pub fn new(creation_date: PdfDate) -> Self {
        RenderOptions { creation_date, watermark: false, signature_line: false }
    }
}

/// A calendar date (the PDF's creation date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PdfDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl PdfDate {
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, PdfError> {
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if (1..=9999).contains(&year) && (1..=days).contains(&day) {
            Ok(PdfDate { year, month, day })
        } else {
            Err(PdfError::Date(format!("{year:04}-{month:02}-{day:02}")))
        }
    }
}

impl FromStr for PdfDate {
    type Err = PdfError;

    /// `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, PdfError> {
        let bad = || PdfError::Date(s.to_string());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let [y, m, d] = parts[..] else { return Err(bad()) };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 || !s.trim().bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return Err(bad());
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else { return Err(bad()) };
        PdfDate::new(y, m, d).map_err(|_| bad())
    }
}

impl fmt::Display for PdfDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The 自评表 and 自评报告 of `draft` as PDF bytes, set in `font` (a TrueType font with the
/// characters used, e.g. the committed fonts/NotoSerifSC-Regular.subset.ttf).
///
/// Fails with [`PdfError::MissingGlyphs`], naming the characters and fields, when the draft
/// contains a character the font cannot draw.
pub fn render(draft: &Draft, eval: &Evaluation, font: &[u8], options: &RenderOptions) -> Result<Vec<u8>, PdfError> {
    let pages = layout(draft, eval, font, options)?;
    paint(&pages, font)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!("2024-02-29".parse::<PdfDate>().unwrap(), PdfDate { year: 2024, month: 2, day: 29 });
        assert_eq!(PdfDate::new(2023, 3, 31).unwrap().to_string(), "2023-03-31");
        for bad in ["2023-02-29", "2023-13-01", "2023-1-01", "20230301", "2023-03-3x", "", "2023-04-31"] {
            let err = bad.parse::<PdfDate>().unwrap_err();
            assert!(err.to_string().contains("应为 YYYY-MM-DD"), "{bad}: {err}");
        }
    }
}
