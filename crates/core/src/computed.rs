//! A figure that may not be computable (a division by zero, a missing cell): it carries the
//! reason instead of NaN, ∞ or a misleading 0.00 %.

use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Computed {
    Value(Decimal),
    /// Why the figure cannot be computed, in Chinese (shown beside the "—"). Most reasons are
    /// fixed texts, kept without an allocation (every row starts as "无法评定").
    Unavailable(Cow<'static, str>),
}

impl Computed {
    pub fn unavailable(reason: impl Into<Cow<'static, str>>) -> Computed {
        Computed::Unavailable(reason.into())
    }

    pub fn value(&self) -> Option<Decimal> {
        match self {
            Computed::Value(v) => Some(*v),
            Computed::Unavailable(_) => None,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Computed::Value(_) => None,
            Computed::Unavailable(r) => Some(r),
        }
    }

    /// Formats the value, or "—" when it cannot be computed.
    pub fn show(&self, format: impl Fn(Decimal) -> String) -> String {
        match self {
            Computed::Value(v) => format(*v),
            Computed::Unavailable(_) => "—".to_string(),
        }
    }
}

impl From<Result<Decimal, String>> for Computed {
    fn from(r: Result<Decimal, String>) -> Self {
        match r {
            Ok(v) => Computed::Value(v),
            Err(e) => Computed::Unavailable(e.into()),
        }
    }
}
