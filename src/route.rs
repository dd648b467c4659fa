//! The steps of the guided form and the URL hash that names the current one (`#/funds`), so
//! Back works and a refresh returns to the same step. A hash, not a path: the app must also
//! run from a single file opened with `file://`.

use jixiao_core::checks::FieldRef;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Drafts,
    Project,
    Funds,
    Goals,
    Indicators,
    Summary,
    Check,
    Export,
    /// The reviewer's desk (复核), outside the form like the draft list.
    Review,
}

impl Step {
    /// The steps of the form, in order (the draft list is the home page, not a step).
    pub const FORM: [Step; 7] =
        [Step::Project, Step::Funds, Step::Goals, Step::Indicators, Step::Summary, Step::Check, Step::Export];

    pub fn slug(self) -> &'static str {
        match self {
            Step::Drafts => "drafts",
            Step::Project => "project",
            Step::Funds => "funds",
            Step::Goals => "goals",
            Step::Indicators => "indicators",
            Step::Summary => "summary",
            Step::Check => "check",
            Step::Export => "export",
            Step::Review => "review",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::Drafts => "草稿箱",
            Step::Project => "项目信息",
            Step::Funds => "资金",
            Step::Goals => "年度总体目标",
            Step::Indicators => "绩效指标",
            Step::Summary => "总结与报告",
            Step::Check => "检查",
            Step::Export => "导出",
            Step::Review => "复核",
        }
    }

    /// A step of the form (not the draft list or the reviewer's desk).
    pub fn is_form(self) -> bool {
        Step::FORM.contains(&self)
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    pub fn from_hash(hash: &str) -> Option<Step> {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        let slug = slug.split(['/', '?']).next().unwrap_or("");
        Step::FORM.into_iter().chain([Step::Drafts, Step::Review]).find(|s| s.slug() == slug)
    }

    /// The step whose page holds a field.
    pub fn of_field(field: &FieldRef) -> Step {
        match field {
            FieldRef::Project { .. } | FieldRef::Profile => Step::Project,
            FieldRef::Fund { .. } | FieldRef::FundsExplanation => Step::Funds,
            FieldRef::Goal { .. } => Step::Goals,
            FieldRef::Indicators | FieldRef::WeightSplitReason | FieldRef::Indicator { .. } => Step::Indicators,
            FieldRef::Narrative { section } => match section {
                jixiao_core::model::NarrativeSection::FundsManagement => Step::Funds,
                _ => Step::Summary,
            },
            FieldRef::ReportParagraph { .. } => Step::Summary,
        }
    }
}

/// The current step, following the URL hash.
#[derive(Clone, Copy)]
pub struct Router {
    pub step: RwSignal<Step>,
}

impl Router {
    pub fn new(default: Step) -> Router {
        let initial = current_hash().and_then(|h| Step::from_hash(&h)).unwrap_or(default);
        let step = RwSignal::new(initial);
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let on_change = Closure::<dyn Fn()>::new(move || {
                if let Some(s) = current_hash().and_then(|h| Step::from_hash(&h)) {
                    step.set(s);
                }
            });
            if let Some(w) = web_sys::window() {
                let _ = w.add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
            }
            // The listener lives as long as the page.
            on_change.forget();
        }
        Router { step }
    }

    /// Goes to a step (a new history entry, so Back returns).
    pub fn go(&self, step: Step) {
        set_hash(&step.href());
        self.step.set(step);
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}

fn current_hash() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.location().hash().ok())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

fn set_hash(hash: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(w) = web_sys::window() {
        if w.location().hash().ok().as_deref() != Some(hash) {
            let _ = w.location().set_hash(hash);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = hash;
}

/// Moves keyboard focus to a field by its id, opening a collapsed row if needed. The field may
/// belong to a step that is still rendering, so it is looked for over a few frames.
pub fn focus_field(anchor: &str) {
    #[cfg(target_arch = "wasm32")]
    try_focus(anchor.to_string(), 30);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = anchor;
}

#[cfg(target_arch = "wasm32")]
fn try_focus(anchor: String, attempts_left: u32) {
    use wasm_bindgen::JsCast;
    set_timeout(
        move || {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
            let Some(el) = doc.get_element_by_id(&anchor) else {
                if attempts_left > 0 {
                    try_focus(anchor, attempts_left - 1);
                }
                return;
            };
            if let Ok(Some(details)) = el.closest("details") {
                let _ = details.set_attribute("open", "");
            }
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
                let _ = el.focus();
            }
        },
        std::time::Duration::from_millis(16),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_round_trip() {
        for s in Step::FORM.into_iter().chain([Step::Drafts, Step::Review]) {
            assert_eq!(Step::from_hash(&s.href()), Some(s));
        }
        assert_eq!(Step::from_hash("#/nope"), None);
        assert_eq!(Step::from_hash(""), None);
    }
}
