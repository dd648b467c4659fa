//! `paint`: [`Pages`] to PDF bytes with printpdf. Nothing is measured or decided here.
//!
//! - The font is embedded once as a subset of the glyphs used (printpdf's `text_layout`
//!   subsetter), as a CID font with a ToUnicode map, so the text can be selected and copied.
//! - Output is reproducible: printpdf names fonts and the file /ID with a process-wide counter,
//!   and writes no real date on wasm; we name the font after the characters it holds and
//!   write /Info and /ID ourselves from the content.

use crate::pages::{Item, Page, Pages, TextRun};
use crate::{PdfDate, PdfError};
use lopdf::{Object, StringFormat};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfParseErrorSeverity, PdfSaveOptions, PdfWarnMsg, Point, Pt, TextItem, TextMatrix, TextRenderingMode,
};
use std::collections::BTreeSet;

/// Stroke width of bold text, as a share of its size: visibly heavier, counters still open.
const BOLD_STROKE: f32 = 0.035;

pub fn paint(pages: &Pages, font: &[u8]) -> Result<Vec<u8>, PdfError> {
    let mut font_warnings = Vec::new();
    let parsed = ParsedFont::from_bytes(font, 0, &mut font_warnings)
        .ok_or_else(|| PdfError::Font("不是可用的 TrueType/OpenType 字体".to_string()))?;
    let font_id = FontId(subset_tag(pages));
    let mut doc = PdfDocument::new(&pages.info.title);
    doc.resources.fonts.map.insert(font_id.clone(), PdfFont::new(parsed));
    let width = Mm(pages.width * 25.4 / 72.0);
    let height = Mm(pages.height * 25.4 / 72.0);
    let pdf_pages = pages.pages.iter().map(|p| printpdf::PdfPage::new(width, height, ops(p, pages.height, &font_id)));
    doc.with_pages(pdf_pages.collect());

    let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings: Vec<PdfWarnMsg> = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    let errors: Vec<String> =
        warnings.iter().filter(|w| w.severity == PdfParseErrorSeverity::Error).map(|w| w.msg.clone()).collect();
    if !errors.is_empty() {
        return Err(PdfError::Paint(errors.join("; ")));
    }
    set_info(&mut lo, pages);
    crate::tidy::tidy(&mut lo);
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(|e| PdfError::Paint(e.to_string()))?;
    Ok(out)
}

/// The six capital letters before the font name that mark a subset (ISO 32000-1 9.6.4),
/// derived from the characters used so that a different subset gets a different tag.
fn subset_tag(pages: &Pages) -> String {
    let used: BTreeSet<char> =
        pages.pages.iter().flat_map(|p| p.texts()).flat_map(|r| r.pieces.iter()).flat_map(|p| p.text.chars()).collect();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in used {
        hash = (hash ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6).map(|k| char::from(b'A' + ((hash >> (k * 8)) % 26) as u8)).collect()
}

fn ops(page: &Page, page_height: f32, font: &FontId) -> Vec<Op> {
    let mut ops = Vec::new();
    // Under everything: the watermark (any grey or turned text).
    let (under, over): (Vec<&TextRun>, Vec<&TextRun>) = page.texts().partition(|r| r.gray > 0.0 || r.angle != 0.0);
    text_section(&mut ops, &under, page_height, font);

    let point =
        |x: f32, y: f32| LinePoint { p: Point { x: Pt(round(x)), y: Pt(round(page_height - y)) }, bezier: false };
    let mut thickness = None;
    for (t, (x1, y1), (x2, y2)) in rules(page) {
        if thickness != Some(t) {
            ops.push(Op::SetOutlineThickness { pt: Pt(t) });
            thickness = Some(t);
        }
        ops.push(Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } });
    }
    text_section(&mut ops, &over, page_height, font);
    ops
}

type Segment = (f32, (f32, f32), (f32, f32));

/// The page's frames and rules as straight segments, each drawn once: neighbouring cells share
/// edges, and a table's rule is one line, not one per cell.
fn rules(page: &Page) -> Vec<Segment> {
    // (thickness, vertical?, position across, from, to), rounded as they will be printed.
    let mut pieces: Vec<(f32, bool, f32, f32, f32)> = Vec::new();
    let mut slanted = Vec::new();
    let mut add = |t: f32, (x1, y1): (f32, f32), (x2, y2): (f32, f32)| {
        let (x1, y1, x2, y2) = (round(x1), round(y1), round(x2), round(y2));
        if y1 == y2 {
            pieces.push((t, false, y1, x1.min(x2), x1.max(x2)));
        } else if x1 == x2 {
            pieces.push((t, true, x1, y1.min(y2), y1.max(y2)));
        } else {
            slanted.push((t, (x1, y1), (x2, y2)));
        }
    };
    for item in &page.items {
        match *item {
            Item::Rule { x1, y1, x2, y2, thickness } => add(thickness, (x1, y1), (x2, y2)),
            Item::Frame { x, y, width, height, thickness } => {
                let (x2, y2) = (x + width, y + height);
                add(thickness, (x, y), (x2, y));
                add(thickness, (x, y2), (x2, y2));
                add(thickness, (x, y), (x, y2));
                add(thickness, (x2, y), (x2, y2));
            }
            Item::Text(_) => {}
        }
    }
    pieces.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let mut out: Vec<Segment> = Vec::new();
    let mut current: Option<(f32, bool, f32, f32, f32)> = None;
    for p in pieces {
        match &mut current {
            Some(c) if (c.0, c.1, c.2) == (p.0, p.1, p.2) && p.3 <= c.4 + 0.01 => c.4 = c.4.max(p.4),
            _ => {
                out.extend(current.take().map(segment));
                current = Some(p);
            }
        }
    }
    out.extend(current.map(segment));
    out.extend(slanted);
    out
}

fn segment((t, vertical, at, from, to): (f32, bool, f32, f32, f32)) -> Segment {
    if vertical {
        (t, (at, from), (at, to))
    } else {
        (t, (from, at), (to, at))
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale { percent: level, icc_profile: None })
}

fn text_section(ops: &mut Vec<Op>, runs: &[&TextRun], page_height: f32, font: &FontId) {
    if runs.is_empty() {
        return;
    }
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::StartTextSection);
    let (mut size, mut bold, mut gray, mut stroke) = (None, None, None, None);
    // Start of the current line in page coordinates; `None` after a turned run (Td would be
    // relative to its rotated matrix).
    let mut line_start: Option<(f32, f32)> = Some((0.0, 0.0));
    for run in runs {
        if size != Some(run.size) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(run.size) });
            size = Some(run.size);
        }
        if gray != Some(run.gray) {
            ops.push(Op::SetFillColor { col: grey(run.gray) });
            ops.push(Op::SetOutlineColor { col: grey(run.gray) });
            gray = Some(run.gray);
        }
        if bold != Some(run.bold) {
            let mode = if run.bold { TextRenderingMode::FillStroke } else { TextRenderingMode::Fill };
            ops.push(Op::SetTextRenderingMode { mode });
            bold = Some(run.bold);
        }
        let width = run.size * BOLD_STROKE;
        if run.bold && stroke != Some(width) {
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            stroke = Some(width);
        }
        let (x, y) = (round(run.x), round(page_height - run.baseline));
        if run.angle == 0.0 {
            // Td moves from the previous line's start: "0 -25 Td" line after line compresses
            // to almost nothing, unlike a full matrix per line.
            match line_start {
                Some((px, py)) => {
                    ops.push(Op::SetTextCursor { pos: Point { x: Pt(round(x - px)), y: Pt(round(y - py)) } })
                }
                None => ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(y)) }),
            }
            line_start = Some((x, y));
        } else {
            let (sin, cos) = run.angle.to_radians().sin_cos();
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw([cos, sin, -sin, cos, x, y]) });
            line_start = None;
        }
        ops.push(Op::ShowText { items: items(run) });
    }
    ops.push(Op::EndTextSection);
    ops.push(Op::RestoreGraphicsState);
}

/// The pieces as one TJ: text, then the extra space to the next piece. TJ numbers are in
/// thousandths of the size (a negative one moves right); they are rounded to a tenth, and the
/// pen is followed as the viewer will move it, so rounding never adds up along a line (and
/// equal gaps print equal, which compresses well).
fn items(run: &TextRun) -> Vec<TextItem> {
    let mut items = Vec::new();
    let mut pen = 0.0;
    for piece in &run.pieces {
        let adjust = ((piece.offset - pen) * 10_000.0 / run.size).round() / 10.0;
        if adjust != 0.0 {
            items.push(TextItem::Offset(-adjust));
            pen += adjust * run.size / 1000.0;
        }
        items.push(TextItem::Text(piece.text.clone()));
        pen += piece.width;
    }
    items
}

/// Positions to a hundredth of a point (0.004 mm): shorter numbers, same page.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn pdf_string(text: &str) -> Object {
    // UTF-16BE with a byte order mark: the PDF text string form that holds Chinese.
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn date(d: PdfDate) -> Object {
    Object::String(
        format!("D:{:04}{:02}{:02}000000+08'00'", d.year, d.month, d.day).into_bytes(),
        StringFormat::Literal,
    )
}

/// Our own /Info (title, author, dates) and /ID, both from the content alone.
fn set_info(doc: &mut lopdf::Document, pages: &Pages) {
    let info = &pages.info;
    let dict = lopdf::Dictionary::from_iter(vec![
        ("Title", pdf_string(&info.title)),
        ("Author", pdf_string(&info.author)),
        ("Creator", pdf_string("绩效自评助手")),
        ("Producer", pdf_string(concat!("jixiao-pdf ", env!("CARGO_PKG_VERSION"), " (printpdf)"))),
        ("CreationDate", date(info.creation_date)),
        ("ModDate", date(info.creation_date)),
    ]);
    let info_id = doc.add_object(dict);
    doc.trailer.set("Info", Object::Reference(info_id));
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(info.title.as_bytes());
    feed(info.author.as_bytes());
    feed(format!("{:?}", info.creation_date).as_bytes());
    for page in &pages.pages {
        for run in page.texts() {
            feed(run.text().as_bytes());
            feed(&run.x.to_le_bytes());
            feed(&run.baseline.to_le_bytes());
        }
    }
    let mut id = hash.to_be_bytes().to_vec();
    id.extend((hash.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15).to_be_bytes());
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
}
