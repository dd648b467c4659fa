//! The parts of the app loaded when first needed (code splitting; the build side is
//! `scripts/split-app.mjs`): each group of pages, and the scoring engine (src/engine.rs). Each
//! `#[wasm_split(part)]` function below goes, with all code only it reaches, to the part's own
//! .wasm file; calling it loads that file once, then runs the function. Code that the main module
//! also uses stays in the main module.
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::future::Future;

/// A page's code could not be loaded (a file missing from the server, or no network before the
/// offline copy was complete).
#[derive(Debug)]
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

type Page = Result<AnyView, NotLoaded>;

/// `$part` names the .wasm file a page's code goes to (`split_$part-HASH.wasm`). Pages are grouped so
/// that opening one loads a few files, not dozens: wasm-split writes a file for each set of
/// parts that share code the main module does not have.
macro_rules! lazy_pages {
    ($($part:ident: $name:ident => $page:path;)*) => {$(
        #[wasm_split($part, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Page {
            Ok(untrack(|| $page().into_any()))
        }
    )*};
}

lazy_pages! {
    // The home page when no draft is open.
    drafts: drafts => crate::steps::drafts::DraftsPage;
    // The short steps of the form.
    form: project => crate::steps::project::ProjectStep;
    form: funds => crate::steps::funds::FundsStep;
    form: goals => crate::steps::goals::GoalsStep;
    form: summary => crate::steps::summary::SummaryStep;
    // The indicator table, the largest step.
    indicators: indicators => crate::steps::indicators::IndicatorsStep;
    // Checking and exporting.
    finish: check => crate::steps::check::CheckStep;
    finish: export => crate::steps::export::ExportStep;
    // The reviewer's desk: its users are not the units filling in the form.
    review: review => crate::review::ReviewPage;
}

/// The preview of a workbook read for import: with the draft list, where imports start.
#[wasm_split(drafts, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn spreadsheet_preview(preview: crate::steps::spreadsheet_import::Preview) -> Page {
    Ok(untrack(|| crate::steps::spreadsheet_import::preview_dialog(preview).into_any()))
}

/// The scoring engine (src/engine.rs): not a page, but loaded the same way.
#[wasm_split(engine, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn engine() -> Result<crate::engine::Engine, NotLoaded> {
    Ok(crate::engine::Engine::direct())
}

/// Resolves once the page's first frame has been painted (a timeout queued from an animation frame
/// runs after that frame's paint); at once after that. The parts are fetched and compiled after the
/// first frame, so that their work on the main thread cannot hold it back.
async fn after_first_paint() {
    #[cfg(target_arch = "wasm32")]
    {
        use std::sync::atomic::{AtomicBool, Ordering};
        static PAINTED: AtomicBool = AtomicBool::new(false);
        if PAINTED.load(Ordering::Relaxed) {
            return;
        }
        let painted = js_sys::Promise::new(&mut |resolve, _| {
            request_animation_frame(move || {
                set_timeout(move || drop(resolve.call0(&wasm_bindgen::JsValue::NULL)), std::time::Duration::ZERO)
            })
        });
        let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
        PAINTED.store(true, Ordering::Relaxed);
    }
}

/// Loads the scoring engine (src/engine.rs) after the first frame.
pub async fn engine_after_first_paint() -> Result<&'static crate::engine::Engine, NotLoaded> {
    after_first_paint().await;
    crate::engine::load().await
}

/// Shows the page once its code and the engine are there (at once when they already are), or says
/// that it could not be loaded. Rendering needs a `Send` future; ours holds browser promises, and
/// the app has one thread.
pub fn page(load: impl Future<Output = Page> + 'static) -> AnyView {
    Suspend::new(send_wrapper::SendWrapper::new(async move {
        after_first_paint().await;
        // The engine is usually loading since the app started (App): both are fetched at once.
        let page = load.await;
        match crate::engine::load().await.and(page) {
            Ok(page) => page,
            Err(NotLoaded) => view! {
                <section class="step" role="alert">
                    <h2>"这一页没有载入"</h2>
                    <p>"这一页的程序文件没有取到（网络中断，或文件不全）。请检查网络后刷新页面；已填写的内容都已保存在本机。"</p>
                </section>
            }
            .into_any(),
        }
    }))
    .into_any()
}
