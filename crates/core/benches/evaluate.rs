//! `evaluate` on a generated 200-indicator draft and on the seed, cold, and an editor's
//! `Evaluator` after one cell changed (goals and figures in BENCHMARKS.md).
//! Run: cargo bench -p jixiao-core --bench evaluate

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

#[path = "drafts.rs"]
mod drafts;
use drafts::large_draft;

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
