//! Native PDF generation time: layout alone, and layout + paint (what the user waits for),
//! for the seed example and a 60-indicator draft. Figures go to BENCHMARKS.md (## PDF).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

#[path = "../tests/common/mod.rs"]
mod common;

fn bench(c: &mut Criterion) {
    let options = common::options();
    for (name, draft) in [("seed", jixiao_core::example_draft()), ("60 indicators", common::long_draft(60))] {
        let eval = jixiao_core::evaluate(&draft);
        c.bench_function(&format!("layout {name}"), |b| {
            b.iter(|| jixiao_pdf::layout(black_box(&draft), &eval, common::FONT, &options).expect("renders"))
        });
        c.bench_function(&format!("render {name}"), |b| {
            b.iter(|| jixiao_pdf::render(black_box(&draft), &eval, common::FONT, &options).expect("renders"))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
