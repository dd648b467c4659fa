//! The font as layout sees it: which characters it can draw and how wide each one is.
//!
//! Widths are the font's own advances (hmtx), the same numbers printpdf writes into the PDF's
//! /W array, so a line measured here is exactly as wide on paper.

use crate::PdfError;

pub struct Font<'a> {
    face: ttf_parser::Face<'a>,
    units_per_em: f32,
    ascent: f32,
}

impl<'a> Font<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<Self, PdfError> {
        let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| PdfError::Font(e.to_string()))?;
        let units_per_em = f32::from(face.units_per_em());
        // The ideographic em box (typo ascender 880 / descender -120 in Noto CJK): centring it
        // in the line box centres the hanzi, which is what a reader judges spacing by.
        let ascent = f32::from(face.typographic_ascender().unwrap_or_else(|| face.ascender())) / units_per_em;
        Ok(Font { face, units_per_em, ascent })
    }

    /// The font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// The advance of `c` at `size` pt. A character without a glyph measures as .notdef; the
    /// coverage check runs before layout, so that never reaches paper.
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) * size / self.units_per_em
    }

    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }

    /// Ascent of the em box as a fraction of the size.
    pub fn ascent(&self) -> f32 {
        self.ascent
    }
}
