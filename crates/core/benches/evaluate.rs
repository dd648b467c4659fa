//! `evaluate` on a generated 200-indicator draft (goal ≤ 50 µs; figures in BENCHMARKS.md).
//! Run: cargo bench -p jixiao-core --bench evaluate

use criterion::{criterion_group, criterion_main, Criterion};
use jixiao_core::model::{Draft, Indicator, Level1};
use std::hint::black_box;

fn large_draft(rows: u32) -> Draft {
    let mut draft = jixiao_core::example_draft();
    let templates = draft.indicators.clone();
    draft.indicators = (0..rows)
        .map(|i| {
            let t = &templates[i as usize % templates.len()];
            Indicator { id: i + 1, weight: "0.45".into(), name: format!("{}{}", t.name, i), ..t.clone() }
        })
        .collect();
    draft.indicators[0].level1 = Level1::Output;
    draft
}

fn bench(c: &mut Criterion) {
    let draft = large_draft(200);
    c.bench_function("evaluate 200 indicators", |b| b.iter(|| jixiao_core::evaluate(black_box(&draft))));
    let seed = jixiao_core::example_draft();
    c.bench_function("evaluate seed (11 indicators)", |b| b.iter(|| jixiao_core::evaluate(black_box(&seed))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
