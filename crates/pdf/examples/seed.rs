//! Renders the built-in example to a PDF: `cargo run -p jixiao-pdf --example seed -- out.pdf`.

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "seed.pdf".to_string());
    let font = include_bytes!("../../../fonts/NotoSerifSC-Regular.subset.ttf");
    let draft = jixiao_core::example_draft();
    let eval = jixiao_core::evaluate(&draft);
    let mut options = jixiao_pdf::RenderOptions::new("2023-03-31".parse().expect("a valid date"));
    options.watermark = std::env::var_os("WATERMARK").is_some();
    options.signature_line = true;
    let start = std::time::Instant::now();
    match jixiao_pdf::render(&draft, &eval, font, &options) {
        Ok(pdf) => {
            println!("{} bytes in {:?}", pdf.len(), start.elapsed());
            std::fs::write(&out, pdf).expect("writable output");
        }
        Err(e) => eprintln!("{e}"),
    }
}
