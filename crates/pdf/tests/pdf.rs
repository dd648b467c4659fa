//! The PDF itself: its structure (lopdf), its font (pdffonts) and its text (pdftotext).

mod common;

use common::in_order;
use jixiao_core::money::fixed2;
use lopdf::{Document, Object};

fn object<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("a valid reference"),
        other => other,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a lopdf::Dictionary {
    object(doc, o).as_dict().expect("a dictionary")
}

fn utf16(o: &Object) -> String {
    let bytes = o.as_str().expect("a string");
    let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
    String::from_utf16(&units).expect("UTF-16")
}

#[test]
fn structure_pages_subset_font_and_tounicode() {
    let draft = jixiao_core::example_draft();
    let eval = jixiao_core::evaluate(&draft);
    let pages = jixiao_pdf::layout(&draft, &eval, common::FONT, &common::options()).unwrap();
    let pdf = jixiao_pdf::paint(&pages, common::FONT).unwrap();
    let doc = Document::load_mem(&pdf).expect("lopdf reads it");
    assert_eq!(doc.get_pages().len(), pages.pages.len());

    let fonts: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font".as_slice()))
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice()))
        .collect();
    assert_eq!(fonts.len(), 1, "one font, embedded once");
    let font = fonts[0];
    let base = String::from_utf8(font.get(b"BaseFont").unwrap().as_name().unwrap().to_vec()).unwrap();
    let (tag, name) = base.split_once('+').expect("a subset tag");
    assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()), "{base}");
    assert_eq!(name, "NotoSerifSC-Regular");

    let to_unicode = object(&doc, font.get(b"ToUnicode").expect("ToUnicode")).as_stream().unwrap();
    let cmap = String::from_utf8(to_unicode.decompressed_content().unwrap()).unwrap();
    assert!(cmap.contains("begincmap") && cmap.contains("<7EE9>"), "maps a glyph to 绩 (U+7EE9)");

    let descendant = object(&doc, &font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]);
    let descriptor = dict(&doc, dict(&doc, descendant).get(b"FontDescriptor").unwrap());
    let program = object(&doc, descriptor.get(b"FontFile2").expect("an embedded TrueType program"));
    let program = program.as_stream().unwrap().decompressed_content().unwrap();
    assert!(program.len() > 20_000, "real glyph outlines, not an empty stream: {}", program.len());
    assert!(program.len() < common::FONT.len() / 10, "a subset, not the 4 MB font: {}", program.len());

    let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
    assert_eq!(utf16(info.get(b"Title").unwrap()), "应急管理项目绩效自评");
    assert_eq!(utf16(info.get(b"Author").unwrap()), "西永街道办事处");
    assert_eq!(info.get(b"CreationDate").unwrap().as_str().unwrap(), b"D:20230331000000+08'00'");
}

#[test]
fn pdffonts_shows_the_font_embedded_subset_with_unicode() {
    let path = common::write("pdffonts.pdf", &common::render(&common::long_draft(60), &common::options()));
    let out = common::poppler("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{out}");
    let cols: Vec<&str> = rows[0].split_whitespace().collect();
    assert!(cols[0].ends_with("+NotoSerifSC-Regular"), "{out}");
    assert_eq!(cols[1..6], ["CID", "TrueType", "Identity-H", "yes", "yes"], "{out}");
    assert_eq!(cols[6], "yes", "uni: {out}");
}

#[test]
fn pdftotext_finds_every_table_value_and_report_heading_in_reading_order() {
    let draft = jixiao_core::example_draft();
    let eval = jixiao_core::evaluate(&draft);
    let path = common::write("seed.pdf", &common::render(&draft, &common::options()));
    let text = common::poppler("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);

    let mut at = in_order(&text, 0, &["项目支出绩效自评表", "（2022年度）", "项目名称", "应急管理项目"]);
    at = in_order(&text, at, &["主管部门", "高新区财政局", "实施单位", "西永街道办事处"]);
    at = in_order(&text, at, &["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]);
    at = in_order(&text, at, &["年度资金总额", "50.00", "50.00", "50.00", "10.00", "100.00%", "10.00"]);
    at = in_order(&text, at, &["当年财政拨款", "50.00", "50.00", "50.00", "—", "—"]);
    at = in_order(&text, at, &["上年结转资金", "—", "—", "其他资金", "—", "—"]);
    at = in_order(&text, at, &["预期目标", "实际完成情况"]);
    // The two goal texts sit side by side, each centred in the row: both before the next part.
    let goals = &text[at..at + text[at..].find("一级指标").unwrap()];
    for goal in [&draft.goals.expected, &draft.goals.actual] {
        let start: String = goal.chars().take(10).collect();
        assert!(goals.contains(&start), "{start} in the 年度总体目标 row: {goals}");
    }
    at = in_order(&text, at, &["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]);
    for (ind, row) in draft.indicators.iter().zip(&eval.indicators) {
        // A name that wraps is split over two text lines; its start comes first in the row.
        let name_start: String = ind.name.chars().take(5).collect();
        let weight = fixed2(row.weight.clone().unwrap().unwrap());
        let score = row.score.show(fixed2);
        at = in_order(&text, at, &[&name_start, &ind.target, &ind.actual, &weight, &score]);
    }
    at = in_order(&text, at, &["总分", "100.00", "100.00", "等级：优"]);

    let report = jixiao_core::report::generate(&draft, &eval);
    at = in_order(&text, at, &[&report.title]);
    for block in &report.blocks {
        if matches!(block.kind, jixiao_core::report::BlockKind::Heading { .. }) {
            at = in_order(&text, at, &[&block.text]);
        }
    }
    assert!(at > 0);
}

#[test]
fn same_draft_and_date_give_the_same_bytes() {
    let draft = jixiao_core::example_draft();
    let first = common::render(&draft, &common::options());
    let second = common::render(&draft, &common::options());
    assert!(first == second, "byte-identical");
    let mut later = common::options();
    later.creation_date = jixiao_pdf::PdfDate::new(2024, 1, 2).unwrap();
    let third = common::render(&draft, &later);
    assert!(third != first);
    assert!(third.windows(10).any(|w| w == b"D:20240102"));
}

#[test]
fn seed_pdf_stays_within_its_size_budget() {
    // With the frozen report, so that the core adding a sentence does not fail this test.
    let pdf = common::render_frozen_seed(&common::options());
    assert!(pdf.len() <= 150_000, "{} bytes (BENCHMARKS.md ## PDF)", pdf.len());
}

#[test]
fn markup_prints_literally() {
    let mut draft = jixiao_core::example_draft();
    draft.project.name = "<script>alert(1)</script>".into();
    let path = common::write("script.pdf", &common::render(&draft, &common::options()));
    let text = common::poppler("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
}

#[test]
fn watermark_is_text_under_the_page() {
    let mut options = common::options();
    options.watermark = true;
    let path = common::write("watermark.pdf", &common::render(&jixiao_core::example_draft(), &options));
    let first = common::poppler("pdftotext", &["-f", "1", "-l", "1", path.to_str().unwrap(), "-"]);
    // Turned 45°, its two characters are extracted apart.
    assert!(first.contains('草') && first.contains('稿'), "{first}");
    let plain = common::write("plain.pdf", &common::render(&jixiao_core::example_draft(), &common::options()));
    let plain = common::poppler("pdftotext", &["-f", "1", "-l", "1", plain.to_str().unwrap(), "-"]);
    assert!(!plain.contains('草') && !plain.contains('稿'));
}
