//! The drafts the engine is measured on, shared by the criterion bench and the
//! `evaluate_loop` example (instruction counts under callgrind).

use jixiao_core::model::{Draft, Indicator, Level1};

/// The seed's indicators repeated to `rows` rows, each name made unique, with the seed's
/// narrative (what check 13 reads).
pub fn large_draft(rows: u32) -> Draft {
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
