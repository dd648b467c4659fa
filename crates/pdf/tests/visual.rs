//! Visual regression: pages rendered by poppler (`pdftoppm`, 50 dpi, grey) compared with the
//! reference images in docs/pdf/. A layout change that moves a rule or a line of text fails.
//! The seed's report is a frozen copy (tests/fixtures/seed-report.txt) and only the table pages
//! of the long draft are compared, so that the core rewording its sentences changes no page here.
//!
//! After an intended change, look at the new pages and take them as the references:
//!     JIXIAO_UPDATE_PDF_REFERENCES=1 cargo test -p jixiao-pdf --test visual
//! (see docs/pdf/README.md).

mod common;

use std::path::{Path, PathBuf};

const UPDATE: &str = "JIXIAO_UPDATE_PDF_REFERENCES";
/// A pixel counts as changed when its grey level moves by more than this (of 255): anti-aliasing
/// noise stays below it, a glyph or rule that moved does not.
const LEVEL: u8 = 48;
/// Share of a page's pixels allowed to change: one misplaced line of text is several times this.
const SHARE: f64 = 0.001;

fn references() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/pdf")
}

/// Renders pages `first..=last` of `pdf` to grey PNGs; returns them in page order.
fn rasterize(name: &str, pdf: &[u8], last: Option<usize>) -> Vec<PathBuf> {
    let dir = common::target_dir().join(format!("visual-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let mut args = vec!["-r".to_string(), "50".into(), "-gray".into(), "-png".into()];
    if let Some(last) = last {
        args.extend(["-l".to_string(), last.to_string()]);
    }
    args.extend([path.to_str().unwrap().to_string(), dir.join("page").to_str().unwrap().to_string()]);
    common::poppler("pdftoppm", &args.iter().map(String::as_str).collect::<Vec<_>>());
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pngs.sort();
    pngs
}

/// A PNG as one grey level per pixel (poppler 22 writes RGB even with -gray; references are
/// 4-bit grey, expanded here to 8 bits).
fn grey(path: &Path) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    buf.truncate(frame.buffer_size());
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::Rgb => 3,
        other => panic!("{path:?}: {other:?}"),
    };
    assert_eq!(frame.bit_depth, png::BitDepth::Eight, "{path:?}");
    (frame.width, frame.height, buf.chunks(channels).map(|p| p[0]).collect())
}

/// Stores a page as a 4-bit grey PNG: a sixth of the size, far finer than [`LEVEL`].
fn store(page: &Path, reference: &Path) {
    let (w, h, pixels) = grey(page);
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(std::fs::File::create(reference).unwrap()), w, h);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Four);
    encoder.set_compression(png::Compression::High);
    let mut packed = Vec::with_capacity((w as usize).div_ceil(2) * h as usize);
    for row in pixels.chunks(w as usize) {
        for pair in row.chunks(2) {
            let level = |v: u8| (u16::from(v) * 15 + 127) / 255;
            packed.push(((level(pair[0]) << 4) | pair.get(1).map_or(0, |&v| level(v))) as u8);
        }
    }
    encoder.write_header().unwrap().write_image_data(&packed).unwrap();
}

fn reference_name(name: &str, page: usize) -> String {
    format!("{name}-{page:02}.png")
}

fn check(name: &str, pages: Vec<PathBuf>) {
    let refs = references();
    if std::env::var_os(UPDATE).is_some() {
        for old in std::fs::read_dir(&refs).unwrap().map(|e| e.unwrap().path()) {
            let file = old.file_name().unwrap().to_str().unwrap();
            if file.starts_with(&format!("{name}-")) && file.ends_with(".png") {
                std::fs::remove_file(&old).unwrap();
            }
        }
        for (k, page) in pages.iter().enumerate() {
            store(page, &refs.join(reference_name(name, k + 1)));
        }
        return;
    }
    let expected = std::fs::read_dir(&refs)
        .unwrap()
        .filter(|e| {
            let f = e.as_ref().unwrap().file_name();
            let f = f.to_str().unwrap();
            f.starts_with(&format!("{name}-")) && f.ends_with(".png")
        })
        .count();
    assert_eq!(pages.len(), expected, "{name}: page count differs from docs/pdf (to accept: {UPDATE}=1)");
    let mut failures = Vec::new();
    for (k, page) in pages.iter().enumerate() {
        let reference = refs.join(reference_name(name, k + 1));
        let (w, h, actual) = grey(page);
        let (rw, rh, wanted) = grey(&reference);
        if (w, h) != (rw, rh) {
            failures.push(format!("page {}: {w}×{h}, reference {rw}×{rh}", k + 1));
            continue;
        }
        let changed = actual.iter().zip(&wanted).filter(|(a, b)| a.abs_diff(**b) > LEVEL).count();
        let allowed = ((w * h) as f64 * SHARE) as usize;
        if changed > allowed {
            failures.push(format!(
                "page {}: {changed} pixels changed (allowed {allowed}); now: {}",
                k + 1,
                page.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{name} differs from docs/pdf:\n{}\n(to accept an intended change: {UPDATE}=1)",
        failures.join("\n")
    );
}

#[test]
fn seed_example_looks_as_before() {
    check("seed", rasterize("seed", &common::render_frozen_seed(&common::options()), None));
}

#[test]
fn long_table_looks_as_before() {
    // The table pages of a 60-indicator draft, with the signature line under the table.
    let mut options = common::options();
    options.signature_line = true;
    let draft = common::long_draft(60);
    let pages = jixiao_pdf::layout(&draft, &jixiao_core::evaluate(&draft), common::FONT, &options).unwrap();
    let table = pages.pages.iter().position(|p| p.texts().any(|t| t.text().ends_with("绩效自评报告"))).unwrap();
    let pdf = jixiao_pdf::paint(&pages, common::FONT).unwrap();
    check("long60", rasterize("long60", &pdf, Some(table)));
}

#[test]
fn the_comparison_catches_a_moved_line() {
    // Guards the guard: one 三级 name growing by a line pushes every row below it down; that
    // must fail. (While references are being rewritten there is nothing to compare with.)
    if std::env::var_os(UPDATE).is_some() {
        return;
    }
    let mut draft = jixiao_core::example_draft();
    draft.indicators[0].name.push_str("（含新增社区）");
    let eval = jixiao_core::evaluate(&draft);
    let report = common::frozen_seed_report();
    let pages = jixiao_pdf::layout_with_report(&draft, &eval, &report, common::FONT, &common::options()).unwrap();
    let pages = rasterize("moved", &jixiao_pdf::paint(&pages, common::FONT).unwrap(), Some(1));
    let (w, h, actual) = grey(&pages[0]);
    let (_, _, wanted) = grey(&references().join(reference_name("seed", 1)));
    let changed = actual.iter().zip(&wanted).filter(|(a, b)| a.abs_diff(**b) > LEVEL).count();
    assert!(changed > 10 * ((w * h) as f64 * SHARE) as usize, "rows moved by a line change {changed} pixels");
}
