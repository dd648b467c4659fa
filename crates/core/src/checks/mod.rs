//! The checks: each finding has a stable id, a severity, the field it points at, a Chinese
//! message and the rule it rests on (the list with every id is docs/rules.md). Checks only read
//! the draft and the evaluation; they never change a score. One file per area of the form:
//! [`project`] (项目信息, 年度总体目标), [`funds`] (资金), [`weights`] (分值), [`indicator`] (each
//! row: values, 定性, override, 偏差原因), [`satisfaction`], [`category`] (二级 placement),
//! [`narrative`] (the prose against the table) and [`claimed`] (the unit's own scores against the rules).

use crate::computed::Computed;
use crate::evaluate::{Evaluation, IndicatorEvaluation, OverrideProblem, QualitativeProblemKind};
use crate::model::{Draft, FundColumn, FundSource, Indicator, Level1, NarrativeSection, Tier};
use crate::money::{fixed2, natural, percent2};
use crate::parse::{Target, ValueError};
use crate::profile::Profile;
use crate::scoring::{tier_band, Status};
use crate::text::{is_placeholder, numbers_in};
use crate::units::{relate, UnitRelation};
use rust_decimal::Decimal;
use serde::Serialize;

mod category;
pub mod claimed;
mod cost;
mod funds;
mod indicator;
mod narrative;
mod project;
mod satisfaction;
mod weights;

use category::check_category;
use claimed::check_claimed;
use cost::check_cost_vs_funds;
use funds::{check_execution_vs_indicators, check_funds};
use indicator::{check_actuals_equal_targets, check_indicator};
pub(crate) use narrative::NarrativeMemo;
use narrative::{check_narrative_numbers, check_problems, check_report_sections};
use project::{check_goals, check_project};
use satisfaction::check_satisfaction;
use weights::check_weights;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 错误: the form is wrong or incomplete; a reviewer would return it.
    Error,
    /// 警告: likely a mistake or a point the reviewer will question.
    Warning,
    /// 提示: worth a look.
    Hint,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Hint => "提示",
        }
    }
}

/// Stable identifiers of the checks. `cNN-` is the number of the check in docs/rules.md (检查);
/// `x-` marks input checks outside that list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum CheckId {
    #[serde(rename = "c01-weights-sum")]
    WeightsSum,
    #[serde(rename = "c01-weight-split")]
    WeightSplit,
    #[serde(rename = "c02-score-above-weight")]
    ScoreAboveWeight,
    #[serde(rename = "c02-tier-score-band")]
    TierScoreOutsideBand,
    #[serde(rename = "c03-deviation-required")]
    DeviationRequired,
    #[serde(rename = "c03-over-achievement")]
    OverAchievement,
    #[serde(rename = "c03-funds-explanation")]
    FundsExplanationRequired,
    #[serde(rename = "c04-strict-boundary")]
    StrictBoundary,
    #[serde(rename = "c05-actual-equals-target")]
    ActualsEqualTargets,
    #[serde(rename = "c06-actual-invalid")]
    ActualInvalid,
    #[serde(rename = "c06-unit-differs")]
    UnitDiffers,
    #[serde(rename = "c07-budget-lowered")]
    BudgetLoweredToSpending,
    #[serde(rename = "c08-execution-vs-indicators")]
    ExecutionVsIndicators,
    #[serde(rename = "c09-satisfaction-basis")]
    SatisfactionBasis,
    #[serde(rename = "c10-qualitative-description")]
    QualitativeDescription,
    #[serde(rename = "c11-unlikely-category")]
    UnlikelyCategory,
    #[serde(rename = "c12-dominant-indicator")]
    DominantIndicator,
    #[serde(rename = "c13-narrative-numbers")]
    NarrativeNumbers,
    #[serde(rename = "c14-not-computable")]
    NotComputable,
    #[serde(rename = "c15-problems-missing")]
    ProblemsMissing,
    #[serde(rename = "c02-rounded-above-weight")]
    RoundedAboveWeight,
    #[serde(rename = "c03-deviation-placeholder")]
    DeviationPlaceholder,
    #[serde(rename = "c06-operator-in-actual")]
    OperatorInActual,
    #[serde(rename = "c06-child-units")]
    ChildUnits,
    #[serde(rename = "c10-actual-restates-target")]
    ActualRestatesTarget,
    #[serde(rename = "c11-satisfaction-level2")]
    SatisfactionLevel2,
    #[serde(rename = "c16-cost-vs-funds")]
    CostVsFunds,
    #[serde(rename = "c17-goal-only-figure")]
    GoalOnlyFigure,
    #[serde(rename = "c18-claimed-differs")]
    ClaimedDiffers,
    #[serde(rename = "x-project-info")]
    ProjectInfo,
    #[serde(rename = "x-profile")]
    UnknownProfile,
    #[serde(rename = "x-amount-invalid")]
    AmountInvalid,
    #[serde(rename = "x-executed-over-budget")]
    ExecutedOverBudget,
    #[serde(rename = "x-no-indicators")]
    NoIndicators,
    #[serde(rename = "x-target-invalid")]
    TargetInvalid,
    #[serde(rename = "x-weight-invalid")]
    WeightInvalid,
    #[serde(rename = "x-direction-inferred")]
    DirectionInferred,
    #[serde(rename = "x-tier-missing")]
    TierMissing,
    #[serde(rename = "x-tier-score-default")]
    TierScoreDefaulted,
    #[serde(rename = "x-override")]
    Override,
    #[serde(rename = "x-goals")]
    Goals,
    #[serde(rename = "x-report-section-empty")]
    ReportSectionEmpty,
}

impl CheckId {
    /// Every check, in the order of docs/rules.md (a test keeps that document complete).
    pub const ALL: &'static [CheckId] = &[
        CheckId::WeightsSum,
        CheckId::WeightSplit,
        CheckId::ScoreAboveWeight,
        CheckId::RoundedAboveWeight,
        CheckId::TierScoreOutsideBand,
        CheckId::DeviationRequired,
        CheckId::DeviationPlaceholder,
        CheckId::OverAchievement,
        CheckId::FundsExplanationRequired,
        CheckId::StrictBoundary,
        CheckId::ActualsEqualTargets,
        CheckId::ActualInvalid,
        CheckId::OperatorInActual,
        CheckId::UnitDiffers,
        CheckId::ChildUnits,
        CheckId::BudgetLoweredToSpending,
        CheckId::ExecutionVsIndicators,
        CheckId::SatisfactionBasis,
        CheckId::QualitativeDescription,
        CheckId::ActualRestatesTarget,
        CheckId::UnlikelyCategory,
        CheckId::SatisfactionLevel2,
        CheckId::DominantIndicator,
        CheckId::NarrativeNumbers,
        CheckId::NotComputable,
        CheckId::ProblemsMissing,
        CheckId::CostVsFunds,
        CheckId::GoalOnlyFigure,
        CheckId::ClaimedDiffers,
        CheckId::ProjectInfo,
        CheckId::UnknownProfile,
        CheckId::AmountInvalid,
        CheckId::ExecutedOverBudget,
        CheckId::NoIndicators,
        CheckId::TargetInvalid,
        CheckId::WeightInvalid,
        CheckId::DirectionInferred,
        CheckId::TierMissing,
        CheckId::TierScoreDefaulted,
        CheckId::Override,
        CheckId::Goals,
        CheckId::ReportSectionEmpty,
    ];

    /// The id as written in JSON and the CLI ("c04-strict-boundary").
    pub fn code(self) -> String {
        serde_name(&self)
    }
}

pub use crate::model::ProjectField;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalField {
    Expected,
    Actual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorField {
    Level2,
    Name,
    Target,
    Actual,
    Weight,
    Tier,
    TierScore,
    OverrideScore,
    OverrideReason,
    Deviation,
    Survey,
}

impl IndicatorField {
    pub fn label(self) -> &'static str {
        match self {
            IndicatorField::Level2 => "二级指标",
            IndicatorField::Name => "三级指标",
            IndicatorField::Target => "年度指标值",
            IndicatorField::Actual => "实际完成值",
            IndicatorField::Weight => "分值",
            IndicatorField::Tier => "完成档次",
            IndicatorField::TierScore => "档次得分",
            IndicatorField::OverrideScore => "调整得分",
            IndicatorField::OverrideReason => "调整理由",
            IndicatorField::Deviation => "偏差原因分析及改进措施",
            IndicatorField::Survey => "满意度调查依据",
        }
    }
}

/// Where a finding points: the field the user must look at.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldRef {
    Project {
        field: ProjectField,
    },
    Profile,
    Fund {
        source: FundSource,
        column: FundColumn,
    },
    FundsExplanation,
    Goal {
        field: GoalField,
    },
    /// The indicator table as a whole (weight sums).
    Indicators,
    WeightSplitReason,
    Indicator {
        id: u32,
        field: IndicatorField,
    },
    Narrative {
        section: NarrativeSection,
    },
    ReportParagraph {
        key: String,
    },
}

impl FieldRef {
    /// A stable element id for the field in the app ("indicator-3-actual", "fund-current_year-executed").
    pub fn anchor(&self) -> String {
        match self {
            FieldRef::Project { field } => format!("project-{}", serde_name(field)),
            FieldRef::Profile => "profile".to_string(),
            FieldRef::Fund { source, column } => format!("fund-{}-{}", serde_name(source), serde_name(column)),
            FieldRef::FundsExplanation => "funds-explanation".to_string(),
            FieldRef::Goal { field } => format!("goal-{}", serde_name(field)),
            FieldRef::Indicators => "indicators".to_string(),
            FieldRef::WeightSplitReason => "weight-split-reason".to_string(),
            FieldRef::Indicator { id, field } => format!("indicator-{id}-{}", serde_name(field)),
            FieldRef::Narrative { section } => format!("narrative-{}", serde_name(section)),
            FieldRef::ReportParagraph { key } => format!("report-{key}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub check: CheckId,
    pub severity: Severity,
    pub field: FieldRef,
    /// Shared, not copied, when an [`crate::evaluate::Evaluator`] re-uses a row's findings.
    pub message: std::sync::Arc<str>,
    /// The rule the finding rests on.
    pub rule: &'static str,
}

// The rules cited. Article numbers are those of 《项目支出绩效评价管理办法》(财预〔2020〕10号).
pub const RULE_WEIGHTS: &str = "财预〔2020〕10号 第十七条：原则上预算执行率和一级指标权重统一设置为：预算执行率10%、产出指标50%、效益指标30%、服务对象满意度指标10%；如有特殊情况，一级指标权重可做适当调整";
pub const RULE_QUANTITATIVE: &str =
    "财预〔2020〕10号 第十八条：完成指标值的，记该指标所赋全部分值；未完成指标值的，按照完成值与指标值的比例记分";
pub const RULE_OVER_ACHIEVEMENT: &str = "财预〔2020〕10号 第十八条：对完成值高于指标值较多的，要分析原因，如果是由于年初指标值设定明显偏低造成的，要按照偏离度适度调减分值";
pub const RULE_QUALITATIVE: &str = "财预〔2020〕10号 第十八条：定性指标按达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差三档，分别在该指标分值的100%-80%（含80%）、80%-60%（含60%）、60%-0%区间内合理确定分值";
pub const RULE_EXPLAIN: &str =
    "财预〔2020〕10号 第十九条：未完成绩效目标或偏离绩效目标较大的，要分析说明原因，研究提出改进措施";
pub const RULE_COMPLETE: &str = "财预〔2020〕10号 第十九条：自评表做到内容完整、权重合理、数据真实、结果客观";
pub const RULE_CAP: &str = "省级自评表填表说明：得分最高不能超过该指标分值上限";
pub const RULE_DIRECTION: &str =
    "省级自评表填表说明：正向指标（指标值为≥*）按 B/A×分值 计分，反向指标（指标值为≤*）按 A/B×分值 计分";
pub const RULE_TABLE: &str =
    "财预〔2020〕10号 附1 项目支出绩效自评表：年度资金总额及执行率、各项绩效指标的年度指标值、实际完成值、分值、得分";
pub const RULE_LEVEL2: &str = "财预〔2020〕10号 附1 项目支出绩效自评表：满意度指标下设的二级指标为“服务对象满意度指标”";
pub const RULE_REPORT: &str = "财政部项目支出绩效自评报告参考提纲：绩效目标完成情况、偏离绩效目标的原因和下一步改进措施、绩效自评结果拟应用和公开情况、其他需要说明的问题";

pub(crate) struct Collector {
    pub(crate) findings: Vec<Finding>,
}

impl Collector {
    pub(crate) fn push(
        &mut self,
        check: CheckId,
        severity: Severity,
        field: FieldRef,
        message: String,
        rule: &'static str,
    ) {
        self.findings.push(Finding { check, severity, field, message: message.into(), rule });
    }
}

pub(crate) fn label(row: &IndicatorEvaluation, ind: &Indicator) -> String {
    let who = Who::of(row, ind);
    let mut label = String::with_capacity(16 + who.name.len());
    // Writing into a String cannot fail.
    let _ = who.write_to(&mut label);
    label
}

/// How a message names an indicator: 「指标3「道路维修里程」」. Written into the message when one
/// is made (most rows raise none, so nothing is formatted for them).
#[derive(Clone, Copy)]
pub(crate) struct Who<'a> {
    number: usize,
    name: &'a str,
}

impl<'a> Who<'a> {
    pub(crate) fn of(row: &IndicatorEvaluation, ind: &'a Indicator) -> Who<'a> {
        Who { number: row.number, name: crate::text::trim(&ind.name) }
    }
}

impl Who<'_> {
    /// Writes the label piece by piece, without `write!`'s argument machinery: lists of rows
    /// (check 15 names every missed row on every keystroke) are built by this into a `String`, at
    /// a tenth of the cost of formatting.
    pub(crate) fn write_to(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        out.write_str("指标")?;
        out.write_str(itoa::Buffer::new().format(self.number))?;
        if !self.name.is_empty() {
            out.write_char('「')?;
            out.write_str(self.name)?;
            out.write_char('」')?;
        }
        Ok(())
    }
}

impl std::fmt::Display for Who<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_to(f)
    }
}

pub(crate) fn at(ind: &Indicator, field: IndicatorField) -> FieldRef {
    FieldRef::Indicator { id: ind.id, field }
}

/// Runs every check; findings come out errors first, then by position in the form.
pub fn run(draft: &Draft, eval: &Evaluation, profile: &Profile) -> Vec<Finding> {
    let rows: Vec<Vec<Finding>> =
        eval.indicators.iter().zip(&draft.indicators).map(|(row, ind)| indicator_findings(row, ind, profile)).collect();
    run_with(draft, eval, profile, rows.iter().map(Vec::as_slice), None)
}

/// The findings of one indicator row: a function of the row, its evaluation and the profile
/// only, so that an [`crate::evaluate::Evaluator`] can keep them while the row is unchanged.
pub(crate) fn indicator_findings(row: &IndicatorEvaluation, ind: &Indicator, profile: &Profile) -> Vec<Finding> {
    let mut c = Collector { findings: Vec::new() };
    check_indicator(row, ind, profile, &mut c);
    c.findings
}

/// [`run`] with each row's findings already made (`rows`, in table order) and the clause
/// matching of check 13 kept in `narrative` between calls.
pub(crate) fn run_with<'a>(
    draft: &Draft,
    eval: &Evaluation,
    profile: &Profile,
    rows: impl Iterator<Item = &'a [Finding]> + Clone,
    narrative: Option<&mut NarrativeMemo>,
) -> Vec<Finding> {
    // Sized once: the rows' findings and room for the whole-form ones.
    let capacity = rows.clone().map(<[Finding]>::len).sum::<usize>() + 16;
    let mut c = Collector { findings: Vec::with_capacity(capacity) };
    check_project(draft, &mut c);
    if crate::profile::find(&draft.profile).is_none() {
        c.push(
            CheckId::UnknownProfile,
            Severity::Error,
            FieldRef::Profile,
            format!("未知的评分规则“{}”，已按全国通用口径计算，请重新选择", draft.profile),
            RULE_TABLE,
        );
    }
    check_funds(draft, eval, profile, &mut c);
    check_goals(draft, &mut c);
    check_weights(draft, eval, profile, &mut c);
    for findings in rows {
        c.findings.extend_from_slice(findings);
    }
    check_actuals_equal_targets(eval, &mut c);
    check_cost_vs_funds(eval, draft, &mut c);
    check_execution_vs_indicators(eval, &mut c);
    check_narrative_numbers(draft, eval, &mut c, narrative);
    check_problems(draft, eval, &mut c);
    check_report_sections(draft, &mut c);
    check_claimed(draft, eval, &mut c);
    let mut findings = c.findings;
    findings.sort_by_key(|f| f.severity);
    findings
}

/// A unit variant's name as serde writes it ("c04-strict-boundary"). Through the string writer the
/// app already has, not `serde_json::Value`, whose serializer would be linked for this alone.
fn serde_name<T: Serialize>(v: &T) -> String {
    let quoted = serde_json::to_string(v).unwrap_or_default();
    quoted.trim_matches('"').to_string()
}
