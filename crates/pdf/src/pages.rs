//! What layout hands to paint: pages of positioned text runs and rules, in pt, measured from
//! the top-left corner of the page with y growing downwards (paint flips it for PDF).

use crate::PdfDate;

#[derive(Clone, Debug, PartialEq)]
pub struct Pages {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub info: DocumentInfo,
}

/// The PDF's /Info dictionary.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentInfo {
    pub title: String,
    pub author: String,
    pub creation_date: PdfDate,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text(TextRun),
    /// A straight line (table rules, signature blanks).
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
    },
    /// A stroked rectangle (a table cell).
    Frame {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        thickness: f32,
    },
}

/// One line of text in one font size.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Start of the baseline.
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    /// Drawn filled and stroked (bold without a second font file).
    pub bold: bool,
    /// 0 = black, 1 = white.
    pub gray: f32,
    /// Counter-clockwise, in degrees, around (x, baseline).
    pub angle: f32,
    /// Pieces at their own offsets from `x`: a justified line is spaced out between pieces.
    pub pieces: Vec<Piece>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub text: String,
    /// Offset from the run's `x`, along the baseline.
    pub offset: f32,
    /// Natural width (sum of the glyph advances).
    pub width: f32,
}

impl TextRun {
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }

    /// Where the last piece ends, from the page's left edge (for unrotated runs).
    pub fn right(&self) -> f32 {
        self.pieces.last().map_or(self.x, |p| self.x + p.offset + p.width)
    }
}

impl Page {
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}
