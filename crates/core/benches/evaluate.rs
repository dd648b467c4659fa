//! `evaluate` on a generated 200-indicator draft and on the seed, cold, and an editor's
//! `Evaluator` after one cell changed (goals and figures in BENCHMARKS.md).
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

    // An editor typing into one cell: the actual of row 100 alternates between two values, so
    // every call sees one changed cell.
    let mut evaluator = jixiao_core::evaluate::Evaluator::new();
    let mut edited = draft.clone();
    let original = edited.indicators[99].actual.clone();
    evaluator.evaluate(&edited);
    let mut flip = false;
    c.bench_function("re-evaluate 200 indicators after one cell changed", |b| {
        b.iter(|| {
            flip = !flip;
            edited.indicators[99].actual = if flip { "7个".into() } else { original.clone() };
            evaluator.evaluate(black_box(&edited))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
