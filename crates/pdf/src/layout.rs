//! `layout`: the whole document measured, wrapped and paginated into [`Pages`], without
//! touching PDF: the 自评表 (title, table, signature line), then the 自评报告, then the page
//! numbers and the optional watermark on every page.

use crate::coverage;
use crate::flow::{baseline, run, wrap_text, Flow, RunStyle};
use crate::font::Font;
use crate::grid::Grid;
use crate::pages::{DocumentInfo, Item, Page, Pages, Piece, TextRun};
use crate::style::*;
use crate::{PdfError, RenderOptions};
use jixiao_core::form_table as table;
use jixiao_core::{Draft, Evaluation, Report};

/// Lays out the 自评表 and 自评报告 of `draft`. Fails, before anything is laid out, when a
/// character typed in the draft is not in `font`.
pub fn layout(draft: &Draft, eval: &Evaluation, font: &[u8], options: &RenderOptions) -> Result<Pages, PdfError> {
    layout_with_report(draft, eval, &jixiao_core::report::generate(draft, eval), font, options)
}

/// As [`layout`], with the report given: one already generated (the app has it), or a fixed one
/// (the visual tests, so that a change of wording in the core does not move their pages).
pub fn layout_with_report(
    draft: &Draft,
    eval: &Evaluation,
    report: &Report,
    font: &[u8],
    options: &RenderOptions,
) -> Result<Pages, PdfError> {
    let font = Font::parse(font)?;
    coverage::check_draft(draft, report, &font)?;

    let mut flow = Flow::new();
    form_title(&font, draft, "项目支出绩效自评表", &mut flow);
    let table = table::build(draft, eval, font.width("其中：", TABLE_SIZE));
    Grid::new(&font, &table).lay_out(&mut flow);
    if options.signature_line {
        signature(&font, draft, &mut flow);
    }
    flow.new_page();
    crate::narrative::lay_out(&font, report, &mut flow);

    let title = format!("{}绩效自评", draft.project.name.trim());
    finish(&font, flow, options, title, &draft.project.implementing_unit)
}

/// The laid-out pages, numbered (and watermarked when asked for), with the PDF's title and
/// author. Fails when a text the layout generated has a character the font lacks.
pub(crate) fn finish(
    font: &Font,
    flow: Flow,
    options: &RenderOptions,
    title: String,
    author: &str,
) -> Result<Pages, PdfError> {
    let mut pages = flow.pages;
    number_pages(font, &mut pages, options);
    let pages = Pages {
        width: PAGE_WIDTH,
        height: PAGE_HEIGHT,
        pages,
        info: DocumentInfo { title, author: author.trim().to_string(), creation_date: options.creation_date },
    };
    coverage::check_pages(&pages, font)?;
    Ok(pages)
}

/// The year as the form prints it: "2022", "2022年" and "2022年度" all give "2022".
fn year(draft: &Draft) -> &str {
    draft.project.year.trim().trim_end_matches("年度").trim_end_matches('年').trim()
}

/// A single centred line (it wraps if it must).
fn centred(font: &Font, flow: &mut Flow, text: &str, size: f32, line: f32, bold: bool) {
    let style = RunStyle { size, bold };
    for l in wrap_text(font, text, size, BODY_WIDTH, 0.0) {
        let x = LEFT + (BODY_WIDTH - l.width) / 2.0;
        let base = baseline(font, flow.y, size, line);
        flow.push(Item::Text(run(font, text, &l, x, base, &style, None)));
        flow.y += line;
    }
}

/// A form's name over its year: 「项目支出绩效自评表」「（2022年度）」.
pub(crate) fn form_title(font: &Font, draft: &Draft, name: &str, flow: &mut Flow) {
    centred(font, flow, name, TITLE_SIZE, TITLE_SIZE * 1.6, true);
    let year = year(draft);
    let year = if year.is_empty() { "\u{3000}\u{3000}\u{3000}\u{3000}" } else { year };
    centred(font, flow, &format!("（{year}年度）"), SUBTITLE_SIZE, SUBTITLE_SIZE * 1.8, false);
    flow.y += 4.0;
}

/// 填报人 / 审核人 / 填报日期 with blanks to sign on, right under the table.
pub(crate) fn signature(font: &Font, draft: &Draft, flow: &mut Flow) {
    let size = 10.5;
    let line = size * 2.4;
    if flow.remaining() < line {
        flow.new_page();
    }
    let base = baseline(font, flow.y, size, line);
    let group = BODY_WIDTH / 3.0;
    let date = draft.project.fill_date.trim();
    for (k, label) in ["填报人：", "审核人：", "填报日期："].into_iter().enumerate() {
        let x = LEFT + k as f32 * group;
        flow.push(Item::Text(plain(font, label, x, base, size)));
        let start = x + font.width(label, size);
        let end = x + group - 3.0 * MM;
        if k == 2 && !date.is_empty() {
            flow.push(Item::Text(plain(font, date, start + 2.0, base, size)));
        }
        flow.push(Item::Rule { x1: start, y1: base + 2.0, x2: end, y2: base + 2.0, thickness: RULE });
    }
    flow.y += line;
}

fn plain(font: &Font, text: &str, x: f32, baseline: f32, size: f32) -> TextRun {
    let width = font.width(text, size);
    TextRun {
        x,
        baseline,
        size,
        bold: false,
        gray: 0.0,
        angle: 0.0,
        pieces: vec![Piece { text: text.to_string(), offset: 0.0, width }],
    }
}

/// 「第 X 页 共 Y 页」 under every page, and the watermark when asked for.
fn number_pages(font: &Font, pages: &mut [Page], options: &RenderOptions) {
    let count = pages.len();
    for (n, page) in pages.iter_mut().enumerate() {
        footer(font, page, n + 1, count);
        if options.watermark {
            page.items.insert(0, Item::Text(watermark(font)));
        }
    }
}

fn footer(font: &Font, page: &mut Page, n: usize, count: usize) {
    let text = format!("第 {n} 页 共 {count} 页");
    let x = LEFT + (BODY_WIDTH - font.width(&text, FOOTER_SIZE)) / 2.0;
    let base = FOOTER_TOP + font.ascent() * FOOTER_SIZE;
    page.items.push(Item::Text(plain(font, &text, x, base, FOOTER_SIZE)));
}

/// 「草稿」 at 45°, its centre on the page's centre.
fn watermark(font: &Font) -> TextRun {
    let text = "草稿";
    let size = WATERMARK_SIZE;
    let angle: f32 = 45.0;
    let (sin, cos) = angle.to_radians().sin_cos();
    // The text's own centre: half its width along the baseline, half the em box above it.
    let (a, b) = (font.width(text, size) / 2.0, (font.ascent() - 0.5) * size);
    let (cx, cy) = (PAGE_WIDTH / 2.0, PAGE_HEIGHT / 2.0);
    TextRun {
        x: cx - (a * cos - b * sin),
        baseline: cy + (a * sin + b * cos),
        gray: WATERMARK_GRAY,
        angle,
        ..plain(font, text, 0.0, 0.0, size)
    }
}
