//! What can go wrong, in Chinese for the person who pressed 「导出 PDF」.

use std::fmt;

/// Why no PDF was made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The font bytes are not a TrueType/OpenType font.
    #[error("字体文件无法读取：{0}")]
    Font(String),
    /// Characters the font cannot draw. Nothing is drawn rather than a PDF with gaps or boxes.
    #[error("以下字符在字体中没有字形，无法导出 PDF，请改写或删除后再试：{}", list(.0))]
    MissingGlyphs(Vec<MissingGlyph>),
    /// `RenderOptions::creation_date` was not a real date.
    #[error("日期“{0}”无效，应为 YYYY-MM-DD 形式的日期，例如 2023-03-31")]
    Date(String),
    /// printpdf reported an error while writing; a bug on our side, never silently ignored.
    #[error("PDF 生成出错（程序缺陷，请反馈）：{0}")]
    Paint(String),
}

/// One character the font lacks, and every place it was typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingGlyph {
    pub ch: char,
    /// Where it occurs, in form order, e.g. 「指标3「群众满意度」的实际完成值」.
    pub places: Vec<Place>,
}

/// A place in the draft (or in the PDF's own text) a character comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Points at the input field in the app (the same anchors as the checks use).
    pub field: Option<jixiao_core::FieldRef>,
    /// The place in words: 「项目名称」, 「指标3「群众满意度」的实际完成值」.
    pub label: String,
}

impl fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown =
            if self.ch.is_control() || self.ch.is_whitespace() { String::new() } else { format!("“{}”", self.ch) };
        let places: Vec<&str> = self.places.iter().map(|p| p.label.as_str()).collect();
        write!(f, "{shown}（U+{:04X}，见{}）", self.ch as u32, places.join("、"))
    }
}

fn list(missing: &[MissingGlyph]) -> String {
    missing.iter().map(ToString::to_string).collect::<Vec<_>>().join("；")
}
