//! Time of the office exports and of an import, for BENCHMARKS.md: the seed and a 100-indicator
//! draft exported as .xlsx and .docx, and the 100-row .xlsx imported (with and without the
//! saved draft it carries). `cargo bench -p jixiao-office --bench office`.

use criterion::{criterion_group, criterion_main, Criterion};
use jixiao_core::model::{Draft, Indicator};
use jixiao_office::xlsx::ExportDate;
use std::hint::black_box;

const DATE: ExportDate = ExportDate { year: 2023, month: 3, day: 31 };

/// The seed's indicators repeated to 100 rows, each name unique, 0.9 points each (10 + 90 = 100).
fn hundred_rows() -> Draft {
    let mut draft = jixiao_core::example_draft();
    let templates = draft.indicators.clone();
    draft.indicators = (0..100u32)
        .map(|i| {
            let t = &templates[i as usize % templates.len()];
            Indicator { id: i + 1, weight: "0.9".into(), name: format!("{}{}", t.name, i + 1), ..t.clone() }
        })
        .collect();
    draft
}

fn bench(c: &mut Criterion) {
    for (label, draft) in [("seed", jixiao_core::example_draft()), ("100 rows", hundred_rows())] {
        let evaluation = jixiao_core::evaluate(&draft);
        c.bench_function(&format!("xlsx export, {label}"), |b| {
            b.iter(|| jixiao_office::xlsx::export(black_box(&draft), &evaluation, DATE).unwrap())
        });
        c.bench_function(&format!("docx export, {label}"), |b| {
            b.iter(|| jixiao_office::docx::export(black_box(&draft), &evaluation, DATE).unwrap())
        });
        let xlsx = jixiao_office::xlsx::export(&draft, &evaluation, DATE).unwrap();
        let docx = jixiao_office::docx::export(&draft, &evaluation, DATE).unwrap();
        eprintln!("{label}: .xlsx {} bytes, .docx {} bytes", xlsx.len(), docx.len());
        c.bench_function(&format!("import, {label} .xlsx"), |b| {
            b.iter(|| jixiao_office::import::import(black_box(&xlsx)).unwrap())
        });
        c.bench_function(&format!("import of the table only, {label} .xlsx"), |b| {
            b.iter(|| jixiao_office::import::import_table_only(black_box(&xlsx)).unwrap())
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
