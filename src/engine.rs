//! The scoring engine — `jixiao_core`'s evaluation: reading cells, scoring, the checks, the report
//! text — is a part of the app's wasm of its own (src/lazy.rs), loaded right after the first
//! frame instead of before it. Meanwhile the live figures show 「—」; the pages,
//! which all show figures, wait for it like for their own part. The rest of the app reaches the
//! engine only through the function pointers of [`Engine`], which the part hands over once it is
//! loaded: a direct call would pull the engine back into the first load.

use jixiao_core::evaluate::Evaluator;
use jixiao_core::{Draft, Evaluation};
use leptos::prelude::*;
use std::sync::OnceLock;

/// What the main module asks of the engine.
#[derive(Clone, Copy)]
pub struct Engine {
    /// `Evaluator::evaluate`: a keystroke re-reads only the row it changed.
    pub evaluate: fn(&mut Evaluator, &Draft) -> Evaluation,
    /// The draft list's 总分 and 等级, e.g. 「95.00 优」, or 「—」.
    pub score_line: fn(&Draft) -> String,
}

impl Engine {
    /// The engine's functions. Called only in its part (and directly off the web).
    pub fn direct() -> Engine {
        Engine { evaluate: |evaluator, draft| evaluator.evaluate(draft), score_line }
    }
}

fn score_line(draft: &Draft) -> String {
    let eval = jixiao_core::evaluate(draft);
    match eval.total.value() {
        Some(_) => format!("{} {}", eval.total_shown(), eval.grade_shown()),
        None => "—".to_string(),
    }
}

/// Why a figure is missing while the engine loads (`Computed::Unavailable`).
pub const LOADING: &str = "正在载入评分程序";

static ENGINE: OnceLock<Engine> = OnceLock::new();

thread_local! {
    /// Set when the engine arrives, so that what was computed without it is computed again.
    static ARRIVED: ArcTrigger = ArcTrigger::new();
}

/// The engine if it is loaded (tracked: a memo that found none runs again once it is). Off the
/// web there is nothing to load.
pub fn loaded() -> Option<&'static Engine> {
    #[cfg(not(target_arch = "wasm32"))]
    return Some(ENGINE.get_or_init(Engine::direct));
    #[cfg(target_arch = "wasm32")]
    {
        ARRIVED.with(|a| a.track());
        ENGINE.get()
    }
}

/// Loads the engine's part, once; a failed load is tried again on the next call (a page opened
/// later, after the network came back).
pub async fn load() -> Result<&'static Engine, crate::lazy::NotLoaded> {
    if let Some(engine) = ENGINE.get() {
        return Ok(engine);
    }
    let engine = crate::lazy::engine().await?;
    let engine = ENGINE.get_or_init(|| engine);
    ARRIVED.with(|a| a.notify());
    Ok(engine)
}
