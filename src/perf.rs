//! `performance.measure` around work worth timing (the save), so the browser timing script
//! (scripts/bench-browser.mjs) can read real figures without instrumenting the app differently.

/// Runs `work` and records its duration as a `performance` measure named `name` (only the latest
/// one is kept, so the timeline does not grow over a day of typing).
pub fn measure<R>(name: &str, work: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "wasm32")]
    {
        let perf = web_sys::window().and_then(|w| w.performance());
        let (start, end) = (format!("{name}-start"), format!("{name}-end"));
        if let Some(p) = &perf {
            let _ = p.mark(&start);
        }
        let result = work();
        if let Some(p) = &perf {
            let _ = p.mark(&end);
            p.clear_measures_with_measure_name(name);
            let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
            p.clear_marks_with_mark_name(&start);
            p.clear_marks_with_mark_name(&end);
        }
        result
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = name;
        work()
    }
}
