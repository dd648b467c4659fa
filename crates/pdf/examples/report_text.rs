//! Prints the seed example's report in the fixture format of tests/fixtures/seed-report.txt
//! (`#N ` before a heading of level N): `cargo run -p jixiao-pdf --example report_text`.

fn main() {
    let draft = jixiao_core::example_draft();
    let report = jixiao_core::report::generate(&draft, &jixiao_core::evaluate(&draft));
    println!("{}", report.title);
    for block in &report.blocks {
        match block.kind {
            jixiao_core::report::BlockKind::Heading { level } => println!("#{level} {}", block.text),
            jixiao_core::report::BlockKind::Paragraph => println!("{}", block.text),
        }
    }
}
