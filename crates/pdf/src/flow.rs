//! The page cursor, and turning wrapped lines into positioned text runs.

use crate::font::Font;
use crate::linebreak::{wrap, Line};
use crate::pages::{Item, Page, Piece, TextRun};
use crate::style::{BOTTOM, TOP};

/// Pages filled from the top down.
pub struct Flow {
    pub pages: Vec<Page>,
    /// Top of the free space on the last page.
    pub y: f32,
}

impl Flow {
    pub fn new() -> Self {
        Flow { pages: vec![Page::default()], y: TOP }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    pub fn remaining(&self) -> f32 {
        BOTTOM - self.y
    }

    pub fn push(&mut self, item: Item) {
        self.pages.last_mut().expect("a flow always has a page").items.push(item);
    }
}

/// Text as drawn: tabs become spaces and every kind of newline becomes `\n`.
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{b}', '\u{c}', '\u{85}'], "\n")
        .replace('\t', " ")
}

/// Wraps `text` at `size` into lines `width` wide (the first `indent` narrower).
pub fn wrap_text(font: &Font, text: &str, size: f32, width: f32, indent: f32) -> Vec<Line> {
    wrap(text, width - indent, width, |c| font.advance(c, size))
}

/// The baseline of a line box of height `line` whose top is `top`: the em box is centred in it.
pub fn baseline(font: &Font, top: f32, size: f32, line: f32) -> f32 {
    top + (line - size) / 2.0 + font.ascent() * size
}

pub struct RunStyle {
    pub size: f32,
    pub bold: bool,
}

/// A text run for one wrapped line. With `justify_to`, a line that does not end its paragraph
/// is spread to that width by spacing it out at its break opportunities (between hanzi, never
/// inside a Latin word or "50万元"). A line with too few places to spread stays natural.
pub fn run(
    font: &Font,
    text: &str,
    line: &Line,
    x: f32,
    baseline: f32,
    style: &RunStyle,
    justify_to: Option<f32>,
) -> TextRun {
    let visible = &text[line.start..line.end];
    let extra = match justify_to {
        Some(width) if !line.last && !line.gaps.is_empty() => {
            let per_gap = (width - line.width) / line.gaps.len() as f32;
            (per_gap > 0.0 && per_gap < style.size * 0.5).then_some(per_gap)
        }
        _ => None,
    };
    let pieces = match extra {
        None => vec![Piece { text: visible.to_string(), offset: 0.0, width: line.width }],
        Some(extra) => {
            let mut cuts = vec![line.start];
            cuts.extend(&line.gaps);
            cuts.push(line.end);
            let mut offset = 0.0;
            cuts.windows(2)
                .enumerate()
                .map(|(k, w)| {
                    let piece = &text[w[0]..w[1]];
                    let width = font.width(piece, style.size);
                    let p = Piece { text: piece.to_string(), offset: offset + extra * k as f32, width };
                    offset += width;
                    p
                })
                .collect()
        }
    };
    TextRun { x, baseline, size: style.size, bold: style.bold, gray: 0.0, angle: 0.0, pieces }
}
