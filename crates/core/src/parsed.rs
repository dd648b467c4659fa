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

/// A row as it was read before: its cells ([`Indicator`]) and what they gave.
pub struct Previous<'a> {
    pub row: &'a Indicator,
    pub target: &'a Result<Target, ValueError>,
    pub actual: &'a Result<Option<Actual>, ValueError>,
    pub weight: &'a Result<Option<Decimal>, ValueError>,
    pub survey: &'a SurveyCounts,
    pub children: &'a [ChildUnits],
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

/// [`parse_indicator`] of a row that was read before: a cell whose text, and what its reading
/// depends on, is unchanged keeps its reading, so that a keystroke in one cell reads that cell
/// again and not the row. Gives exactly what `parse_indicator(ind)` gives (a property test checks).
pub fn parse_indicator_after(ind: &Indicator, before: Previous) -> ParsedIndicator {
    let was = before.row;
    // A target is read with the name, 二级 and direction (a bare number's direction).
    let same_target =
        ind.target == was.target && ind.name == was.name && ind.level2 == was.level2 && ind.direction == was.direction;
    let target = if same_target {
        before.target.clone()
    } else {
        parse_target_in(&ind.target, &ind.name, &ind.level2, ind.direction)
    };
    let actual =
        if same_target && ind.actual == was.actual { before.actual.clone() } else { read_actual(&ind.actual, &target) };
    let same_survey = ind.survey.sample_size == was.survey.sample_size && ind.survey.satisfied == was.survey.satisfied;
    ParsedIndicator {
        target,
        actual,
        weight: if ind.weight == was.weight { before.weight.clone() } else { parse_points(&ind.weight) },
        tier_score: parse_points(&ind.tier_score),
        override_score: parse_points(&ind.override_score),
        survey: if same_survey { before.survey.clone() } else { read_survey(ind) },
        children: if ind.children == was.children { before.children.to_vec() } else { read_children(ind) },
    }
}

/// Reads every cell of one indicator row.
pub fn parse_indicator(ind: &Indicator) -> ParsedIndicator {
    let target = parse_target_in(&ind.target, &ind.name, &ind.level2, ind.direction);
    let actual = read_actual(&ind.actual, &target);
    ParsedIndicator {
        target,
        actual,
        weight: parse_points(&ind.weight),
        tier_score: parse_points(&ind.tier_score),
        override_score: parse_points(&ind.override_score),
        survey: read_survey(ind),
        children: read_children(ind),
    }
}

fn read_actual(text: &str, target: &Result<Target, ValueError>) -> Result<Option<Actual>, ValueError> {
    match target {
        Ok(t) => parse_actual(text, t),
        Err(_) => Err(ValueError::Empty),
    }
}

fn read_survey(ind: &Indicator) -> SurveyCounts {
    SurveyCounts { sample: parse_count(&ind.survey.sample_size), satisfied: parse_count(&ind.survey.satisfied) }
}

fn read_children(ind: &Indicator) -> Vec<ChildUnits> {
    let unit_of = |text: &str, name: &str| {
        parse_target(text, name, None).ok().and_then(|t| t.unit().cloned()).filter(|u| !u.is_none())
    };
    ind.children
        .iter()
        .map(|child| ChildUnits {
            target: unit_of(&child.target, &child.name),
            actual: unit_of(&child.actual, &child.name),
        })
        .collect()
}
