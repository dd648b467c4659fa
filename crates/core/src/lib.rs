//! 绩效自评助手的领域核心 (the 自评 engine): the draft model, reading what people type, scoring
//! by 财预〔2020〕10号 and regional profiles, the checks, the report text and the draft file
//! format. No web dependency: the app, the PDF crate and the CLI all call this.
//!
//! The rules it applies are written down in docs/rules.md (basis, scoring by profile, reading
//! typed values, every check id); a test keeps that document complete.
//!
//! ```
//! let draft = jixiao_core::example_draft();
//! let eval = jixiao_core::evaluate(&draft);
//! assert_eq!(eval.funds.execution_rate.show(jixiao_core::money::percent2), "100.00%");
//! assert_eq!(eval.grade.map(|g| g.label()), Some("优"));
//! ```

pub mod calendar;
pub mod checks;
pub mod computed;
pub mod direction;
pub mod evaluate;
pub mod example;
pub mod file_format;
pub mod form_table;
pub mod funds;
pub mod imported;
pub mod json_path;
pub mod model;
pub mod money;
pub mod next_year;
pub mod parse;
pub mod parsed;
pub mod paste;
pub mod profile;
pub mod report;
pub mod review;
pub mod scoring;
pub mod text;
pub mod units;
pub mod weights;

pub use checks::{CheckId, FieldRef, Finding, Severity};
pub use computed::Computed;
pub use evaluate::{evaluate, Evaluation, IndicatorEvaluation};
pub use example::example_draft;
pub use model::Draft;
pub use report::Report;
pub use rust_decimal::Decimal;
