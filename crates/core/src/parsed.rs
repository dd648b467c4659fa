//! Every cell of an indicator row read once: [`parse_indicator`] is the one place where a row's
//! text becomes figures. Scoring ([`crate::evaluate`]) and the checks work on what it read and
//! never read a cell again, so a cell's reading (and its message) cannot differ between the
//! score and the findings, and an [`crate::evaluate::Evaluator`] that keeps an unchanged row keeps
//! its reading too.

use crate::model::{Draft, Indicator};
use crate::parse::{
    parse_actual, parse_count, parse_points, parse_target, parse_target_in, Actual, Target, ValueError,
};
use crate::units::Unit;
use rust_decimal::Decimal;
use serde::Serialize;

/// An indicator row as read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParsedIndicator {
    /// 年度指标值, with the direction of a bare number inferred from the name and 二级.
    pub target: Result<Target, ValueError>,
    /// 实际完成值 against the target (`Ok(None)` for a 定性 target; `Err(Empty)` when the target
    /// itself could not be read).
    pub actual: Result<Option<Actual>, ValueError>,
    /// 分值
    pub weight: Result<Option<Decimal>, ValueError>,
    /// The score typed inside a 定性 tier's band.
    pub tier_score: Result<Option<Decimal>, ValueError>,
    /// 手工调整得分
    pub override_score: Result<Option<Decimal>, ValueError>,
    /// 满意度调查: 有效样本数 and 满意人数.
    pub survey: SurveyCounts,
    /// The units of the 明细子行, in order.
    pub children: Vec<ChildUnits>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SurveyCounts {
    pub sample: Result<Option<Decimal>, ValueError>,
    pub satisfied: Result<Option<Decimal>, ValueError>,
}

/// The unit of a 明细子行's target and actual, when they have one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChildUnits {
    pub target: Option<Unit>,
    pub actual: Option<Unit>,
}

/// A draft's indicator rows as read, in table order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParsedDraft {
    pub indicators: Vec<ParsedIndicator>,
}

/// Reads every indicator cell of a draft. (The 资金 amounts are read by
/// [`crate::funds::evaluate_funds`], once each.)
pub fn parse(draft: &Draft) -> ParsedDraft {
    ParsedDraft { indicators: draft.indicators.iter().map(parse_indicator).collect() }
}

/// Reads every cell of one indicator row.
pub fn parse_indicator(ind: &Indicator) -> ParsedIndicator {
    let target = parse_target_in(&ind.target, &ind.name, &ind.level2, ind.direction);
    let actual = match &target {
        Ok(t) => parse_actual(&ind.actual, t),
        Err(_) => Err(ValueError::Empty),
    };
    let unit_of = |text: &str, name: &str| {
        parse_target(text, name, None).ok().and_then(|t| t.unit().cloned()).filter(|u| !u.is_none())
    };
    ParsedIndicator {
        target,
        actual,
        weight: parse_points(&ind.weight),
        tier_score: parse_points(&ind.tier_score),
        override_score: parse_points(&ind.override_score),
        survey: SurveyCounts {
            sample: parse_count(&ind.survey.sample_size),
            satisfied: parse_count(&ind.survey.satisfied),
        },
        children: ind
            .children
            .iter()
            .map(|child| ChildUnits {
                target: unit_of(&child.target, &child.name),
                actual: unit_of(&child.actual, &child.name),
            })
            .collect(),
    }
}
