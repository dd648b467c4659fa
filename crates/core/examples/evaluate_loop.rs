//! Calls the engine N times on the bench's drafts, for instruction counts that do not depend on
//! the machine's load (see BENCHMARKS.md, "Core engine"):
//!
//! ```sh
//! cargo build --release -p jixiao-core --example evaluate_loop
//! valgrind --tool=callgrind target/release/examples/evaluate_loop cold-200 11
//! ```
//!
//! What to run: `cold-200`, `cold-seed`, or `edit-200` (an `Evaluator`, one cell changed per call).

#[path = "../benches/drafts.rs"]
mod drafts;

use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "cold-200".into());
    let calls: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let draft = if which == "cold-seed" { jixiao_core::example_draft() } else { drafts::large_draft(200) };
    let started = std::time::Instant::now();
    let mut findings = 0;
    if which == "edit-200" {
        let mut evaluator = jixiao_core::evaluate::Evaluator::new();
        let mut edited = draft.clone();
        evaluator.evaluate(&edited);
        for i in 0..calls {
            edited.indicators[99].actual = if i % 2 == 0 { "7个".into() } else { draft.indicators[99].actual.clone() };
            findings += evaluator.evaluate(black_box(&edited)).findings.len();
        }
    } else {
        for _ in 0..calls {
            findings += jixiao_core::evaluate(black_box(&draft)).findings.len();
        }
    }
    let calls = calls.max(1);
    eprintln!("{which}: {:?} per call, {} findings", started.elapsed() / calls, findings / calls as usize);
}
