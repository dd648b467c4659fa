//! The checks of ../shared/domain.md §4. Each finding has a stable id, a severity, the field it
//! points at, a Chinese message and the rule it rests on. Checks only read the draft and the
//! evaluation; they never change a score.

use crate::computed::Computed;
use crate::evaluate::{Evaluation, IndicatorEvaluation, OverrideProblem, QualitativeProblemKind};
use crate::model::{Draft, FundColumn, FundSource, Indicator, Level1, NarrativeSection, Tier};
use crate::money::{fixed2, natural, percent2};
use crate::parse::{Target, ValueError};
use crate::profile::Profile;
use crate::scoring::{tier_band, Status};
use crate::text::{clauses, is_placeholder, numbers_in};
use crate::units::{relate, UnitRelation};
use rust_decimal::Decimal;
use serde::Serialize;

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

/// Stable identifiers of the checks. `cNN-` is the number of the check in domain.md §4;
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
    /// The id as written in JSON and the CLI ("c04-strict-boundary").
    pub fn code(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
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
        fn snake<T: Serialize>(v: &T) -> String {
            serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
        }
        match self {
            FieldRef::Project { field } => format!("project-{}", snake(field)),
            FieldRef::Profile => "profile".to_string(),
            FieldRef::Fund { source, column } => format!("fund-{}-{}", snake(source), snake(column)),
            FieldRef::FundsExplanation => "funds-explanation".to_string(),
            FieldRef::Goal { field } => format!("goal-{}", snake(field)),
            FieldRef::Indicators => "indicators".to_string(),
            FieldRef::WeightSplitReason => "weight-split-reason".to_string(),
            FieldRef::Indicator { id, field } => format!("indicator-{id}-{}", snake(field)),
            FieldRef::Narrative { section } => format!("narrative-{}", snake(section)),
            FieldRef::ReportParagraph { key } => format!("report-{key}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub check: CheckId,
    pub severity: Severity,
    pub field: FieldRef,
    pub message: String,
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
pub const RULE_REPORT: &str = "财政部项目支出绩效自评报告参考提纲：绩效目标完成情况、偏离绩效目标的原因和下一步改进措施、绩效自评结果拟应用和公开情况、其他需要说明的问题";

struct Collector {
    findings: Vec<Finding>,
}

impl Collector {
    fn push(&mut self, check: CheckId, severity: Severity, field: FieldRef, message: String, rule: &'static str) {
        self.findings.push(Finding { check, severity, field, message, rule });
    }
}

fn label(row: &IndicatorEvaluation, ind: &Indicator) -> String {
    let name = ind.name.trim();
    if name.is_empty() {
        format!("指标{}", row.number)
    } else {
        format!("指标{}「{}」", row.number, name)
    }
}

fn at(ind: &Indicator, field: IndicatorField) -> FieldRef {
    FieldRef::Indicator { id: ind.id, field }
}

/// Runs every check; findings come out errors first, then by position in the form.
pub fn run(draft: &Draft, eval: &Evaluation, profile: &Profile) -> Vec<Finding> {
    let mut c = Collector { findings: Vec::new() };
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
    for (row, ind) in eval.indicators.iter().zip(&draft.indicators) {
        check_indicator(row, ind, profile, &mut c);
    }
    check_actuals_equal_targets(eval, &mut c);
    check_execution_vs_indicators(eval, &mut c);
    check_narrative_numbers(draft, eval, &mut c);
    check_problems(draft, eval, &mut c);
    check_report_sections(draft, &mut c);
    let mut findings = c.findings;
    findings.sort_by_key(|f| f.severity);
    findings
}

fn check_project(draft: &Draft, c: &mut Collector) {
    let p = &draft.project;
    for (field, value, severity) in [
        (ProjectField::Name, &p.name, Severity::Error),
        (ProjectField::ImplementingUnit, &p.implementing_unit, Severity::Error),
        (ProjectField::Department, &p.department, Severity::Warning),
    ] {
        if value.trim().is_empty() {
            c.push(
                CheckId::ProjectInfo,
                severity,
                FieldRef::Project { field },
                format!("请填写{}", field.label()),
                RULE_TABLE,
            );
        }
    }
    let year = crate::parse::normalize(&p.year);
    let year = year.trim_end_matches("年度").trim_end_matches('年');
    let valid_year = year.len() == 4 && year.parse::<u32>().is_ok_and(|y| (2000..=2100).contains(&y));
    if !valid_year {
        let message = if p.year.trim().is_empty() {
            "请填写年度（如 2022）".to_string()
        } else {
            format!("年度“{}”无法识别，请填写四位年份（如 2022）", p.year.trim())
        };
        c.push(
            CheckId::ProjectInfo,
            Severity::Error,
            FieldRef::Project { field: ProjectField::Year },
            message,
            RULE_TABLE,
        );
    }
}

fn check_funds(draft: &Draft, eval: &Evaluation, profile: &Profile, c: &mut Collector) {
    let funds = &eval.funds;
    for e in &funds.cell_errors {
        c.push(
            CheckId::AmountInvalid,
            Severity::Error,
            FieldRef::Fund { source: e.source, column: e.column },
            format!("{} {}：{}", e.source.label(), e.column.label(), e.error),
            RULE_TABLE,
        );
    }
    let base = funds.execution_base;
    let total_field = |column| FieldRef::Fund { source: FundSource::CurrentYear, column };
    if funds.total.get(base).is_none() && !funds.cell_errors.iter().any(|e| e.column == base) {
        c.push(
            CheckId::AmountInvalid,
            Severity::Error,
            total_field(base),
            format!("请填写{}（万元）", base.label()),
            RULE_TABLE,
        );
    }
    if funds.total.received.is_none()
        && funds.total.annual_budget.is_some()
        && !funds.cell_errors.iter().any(|e| e.column == FundColumn::Received)
    {
        c.push(
            CheckId::AmountInvalid,
            Severity::Hint,
            total_field(FundColumn::Received),
            "请填写实际到位数（万元），报告中的“资金到位情况分析”要用它计算资金到位率".into(),
            RULE_REPORT,
        );
    }
    if funds.total.executed.is_none() && !funds.cell_errors.iter().any(|e| e.column == FundColumn::Executed) {
        c.push(
            CheckId::AmountInvalid,
            Severity::Error,
            total_field(FundColumn::Executed),
            "请填写全年执行数（万元）".into(),
            RULE_TABLE,
        );
    }
    // Check 14: a zero base shows "—" and says why.
    if funds.total.get(base).is_some_and(|a| a.is_zero()) {
        c.push(
            CheckId::NotComputable,
            Severity::Warning,
            total_field(base),
            format!("{}合计为0，执行率无法计算（显示为“—”），执行率得分不计", base.label()),
            RULE_TABLE,
        );
    }
    let explanation_missing = is_placeholder(&draft.funds.deviation_reason);
    if let Some(rate) = funds.execution_rate.value() {
        // Thresholds apply to the rate as shown (rounded to 2 dp).
        let shown = crate::money::percent_value(rate).unwrap_or(rate);
        if shown > Decimal::ONE_HUNDRED {
            c.push(
                CheckId::ExecutedOverBudget,
                Severity::Warning,
                total_field(FundColumn::Executed),
                format!(
                    "全年执行数超过{}（执行率{}），请核对金额；执行率得分最高按满分计",
                    base.label(),
                    percent2(rate)
                ),
                RULE_CAP,
            );
        }
        if shown < Decimal::from(90) && explanation_missing {
            let severity =
                if profile.execution_reason_below_percent.is_some() { Severity::Error } else { Severity::Warning };
            c.push(
                CheckId::FundsExplanationRequired,
                severity,
                FieldRef::FundsExplanation,
                format!("执行率为{}，低于90%，请在资金执行偏差说明中分析原因并提出改进措施", percent2(rate)),
                RULE_EXPLAIN,
            );
        }
    }
    let t = &funds.total;
    if let (Some(initial), Some(annual)) = (t.initial_budget, t.annual_budget) {
        if initial != annual && explanation_missing {
            c.push(
                CheckId::FundsExplanationRequired,
                Severity::Warning,
                FieldRef::FundsExplanation,
                format!(
                    "全年预算数（{}万元）与年初预算数（{}万元）不同（年中调整），请说明调整原因",
                    fixed2(annual),
                    fixed2(initial)
                ),
                RULE_EXPLAIN,
            );
        }
        // Check 7.
        if let Some(executed) = t.executed {
            if annual == executed && annual < initial {
                c.push(
                    CheckId::BudgetLoweredToSpending,
                    Severity::Warning,
                    total_field(FundColumn::AnnualBudget),
                    format!(
                        "全年预算数被调减到与全年执行数相同（{}万元，年初{}万元），执行率因此为100%；请确认调整有正式批复，并在说明中写明",
                        fixed2(annual),
                        fixed2(initial)
                    ),
                    RULE_COMPLETE,
                );
            }
        }
    }
}

fn check_goals(draft: &Draft, c: &mut Collector) {
    for (field, value, name) in [
        (GoalField::Expected, &draft.goals.expected, "预期目标"),
        (GoalField::Actual, &draft.goals.actual, "实际完成情况"),
    ] {
        if is_placeholder(value) {
            c.push(
                CheckId::Goals,
                Severity::Warning,
                FieldRef::Goal { field },
                format!("请填写年度总体目标的{name}"),
                RULE_TABLE,
            );
        }
    }
}

fn check_weights(draft: &Draft, eval: &Evaluation, profile: &Profile, c: &mut Collector) {
    if draft.indicators.is_empty() {
        c.push(
            CheckId::NoIndicators,
            Severity::Error,
            FieldRef::Indicators,
            "还没有绩效指标，请至少填写一项三级指标".into(),
            RULE_TABLE,
        );
        return;
    }
    let all_weights_read = eval.indicators.iter().all(|r| matches!(r.weight, Ok(Some(_))));
    if all_weights_read && eval.total_weight != Decimal::ONE_HUNDRED {
        c.push(
            CheckId::WeightsSum,
            Severity::Error,
            FieldRef::Indicators,
            format!(
                "分值合计为{}分（执行率{}分 + 各指标{}分），应为100分",
                natural(eval.total_weight),
                profile.execution_weight,
                natural(eval.total_weight - eval.funds.execution_weight)
            ),
            RULE_WEIGHTS,
        );
    }
    // 一级 split: the profile's split; without 满意度 its points may go to 产出/效益.
    if all_weights_read && is_placeholder(&draft.weight_split_reason) {
        let split = profile.weight_split;
        let sum_of = |l: Level1| eval.subtotals.iter().find(|s| s.level1 == l).map_or(Decimal::ZERO, |s| s.weight);
        let (o, b, s) = (sum_of(Level1::Output), sum_of(Level1::Benefit), sum_of(Level1::Satisfaction));
        let standard = o == Decimal::from(split.output)
            && b == Decimal::from(split.benefit)
            && s == Decimal::from(split.satisfaction);
        // Without 满意度 its points go to 产出/效益: each keeps at least its own default.
        let without_satisfaction_ok = s.is_zero()
            && o + b == Decimal::from(split.output + split.benefit + split.satisfaction)
            && o >= Decimal::from(split.output)
            && b >= Decimal::from(split.benefit);
        if !standard && !without_satisfaction_ok {
            c.push(
                CheckId::WeightSplit,
                Severity::Warning,
                FieldRef::WeightSplitReason,
                format!(
                    "一级指标分值为 产出{} / 效益{} / 满意度{}，与通常的 {}/{}/{} 不同；如有特殊情况请填写调整说明",
                    natural(o),
                    natural(b),
                    natural(s),
                    split.output,
                    split.benefit,
                    split.satisfaction
                ),
                RULE_WEIGHTS,
            );
        }
    }
    // Check 12: ≥ 50 % of all points (执行率 included: the form's 100).
    for (row, ind) in eval.indicators.iter().zip(&draft.indicators) {
        if let Ok(Some(w)) = row.weight {
            if !w.is_zero() && w * Decimal::TWO >= eval.total_weight {
                c.push(
                    CheckId::DominantIndicator,
                    Severity::Warning,
                    at(ind, IndicatorField::Weight),
                    format!(
                        "{}的分值为{}分，占全部分值（{}分）的一半及以上；一个指标分值过高会使评价失衡，请拆分或调整",
                        label(row, ind),
                        natural(w),
                        natural(eval.total_weight)
                    ),
                    RULE_WEIGHTS,
                );
            }
        }
    }
    if eval.indicators.iter().all(|r| r.status == Status::NotApplicable) {
        c.push(
            CheckId::NotComputable,
            Severity::Error,
            FieldRef::Indicators,
            "所有指标都标记为不适用，无法计分".into(),
            RULE_TABLE,
        );
    }
}

fn check_indicator(row: &IndicatorEvaluation, ind: &Indicator, profile: &Profile, c: &mut Collector) {
    let who = label(row, ind);
    if ind.name.trim().is_empty() {
        c.push(
            CheckId::TargetInvalid,
            Severity::Error,
            at(ind, IndicatorField::Name),
            format!("指标{}：请填写三级指标名称", row.number),
            RULE_TABLE,
        );
    }
    match &row.weight {
        Ok(None) => c.push(
            CheckId::WeightInvalid,
            Severity::Error,
            at(ind, IndicatorField::Weight),
            format!("{who}：请填写分值"),
            RULE_WEIGHTS,
        ),
        Err(e) => c.push(
            CheckId::WeightInvalid,
            Severity::Error,
            at(ind, IndicatorField::Weight),
            format!("{who} 分值：{e}"),
            RULE_WEIGHTS,
        ),
        Ok(Some(_)) => {}
    }
    if row.status == Status::NotApplicable {
        return;
    }
    match &row.target {
        Err(ValueError::Empty) => {
            c.push(CheckId::TargetInvalid, Severity::Error, at(ind, IndicatorField::Target), format!("{who}：请填写年度指标值"), RULE_TABLE)
        }
        Err(e) => c.push(CheckId::TargetInvalid, Severity::Error, at(ind, IndicatorField::Target), format!("{who} 年度指标值：{e}"), RULE_TABLE),
        Ok(Target::Quantitative { inferred: true, comparison, quantity }) => c.push(
            CheckId::DirectionInferred,
            Severity::Hint,
            at(ind, IndicatorField::Target),
            format!(
                "{who}：年度指标值“{}”没有写“不低于/不高于”等比较词，已按指标名称理解为{}指标（{} {}）；如不对，请更改方向或在指标值前写明",
                ind.target.trim(),
                comparison.direction().label(),
                comparison.symbol(),
                quantity.show()
            ),
            RULE_DIRECTION,
        ),
        Ok(_) => {}
    }
    if row.target.is_ok() {
        match &row.actual {
            Err(ValueError::Empty) => c.push(
                CheckId::ActualInvalid,
                Severity::Error,
                at(ind, IndicatorField::Actual),
                format!("{who}：请填写实际完成值"),
                RULE_TABLE,
            ),
            Err(e) => c.push(
                CheckId::ActualInvalid,
                Severity::Error,
                at(ind, IndicatorField::Actual),
                format!("{who} 实际完成值：{e}"),
                RULE_TABLE,
            ),
            Ok(Some(a)) if a.soft_unit_mismatch => {
                let target_unit =
                    row.target.as_ref().ok().and_then(Target::unit).map(|u| u.text.clone()).unwrap_or_default();
                c.push(
                    CheckId::UnitDiffers,
                    Severity::Warning,
                    at(ind, IndicatorField::Actual),
                    format!(
                        "{who}：实际完成值的单位“{}”与年度指标值的单位“{}”不同，已按数字直接比较；请统一单位",
                        a.unit.text, target_unit
                    ),
                    RULE_TABLE,
                );
            }
            _ => {}
        }
    }

    check_qualitative(row, ind, profile, &who, c);
    check_override(row, ind, &who, c);
    check_deviation(row, ind, profile, &who, c);
    check_satisfaction(row, ind, &who, c);
    check_category(row, ind, &who, c);
}

fn check_qualitative(row: &IndicatorEvaluation, ind: &Indicator, profile: &Profile, who: &str, c: &mut Collector) {
    if !row.is_qualitative() {
        return;
    }
    match row.qualitative_problem {
        Some(QualitativeProblemKind::NoTier) => c.push(
            CheckId::TierMissing,
            Severity::Error,
            at(ind, IndicatorField::Tier),
            format!("{who}是定性指标，请选择完成档次（达成 / 部分达成 / 未达成）"),
            RULE_QUALITATIVE,
        ),
        Some(QualitativeProblemKind::OutsideBand) => {
            let band = ind.tier.map(|t| tier_band(t, profile));
            let weight = row.weight.clone().ok().flatten().unwrap_or(Decimal::ZERO);
            let range = band
                .map(|b| {
                    format!(
                        "{}–{}分{}",
                        natural(b.low * weight),
                        natural(b.high * weight),
                        if b.high_inclusive { "" } else { "（不含上限）" }
                    )
                })
                .unwrap_or_default();
            c.push(
                CheckId::TierScoreOutsideBand,
                Severity::Error,
                at(ind, IndicatorField::TierScore),
                format!(
                    "{who}：得分“{}”不在“{}”档次的区间内（{range}）",
                    ind.tier_score.trim(),
                    ind.tier.map_or("", |t| t.label())
                ),
                RULE_QUALITATIVE,
            );
        }
        None => {}
    }
    if let Some(e) = &row.tier_score_error {
        c.push(
            CheckId::TierScoreOutsideBand,
            Severity::Error,
            at(ind, IndicatorField::TierScore),
            format!("{who} 档次得分：{e}"),
            RULE_QUALITATIVE,
        );
    }
    if row.tier_score_defaulted {
        c.push(
            CheckId::TierScoreDefaulted,
            Severity::Warning,
            at(ind, IndicatorField::TierScore),
            format!("{who}：暂按该档次下限计分，请在档次区间内确定得分"),
            RULE_QUALITATIVE,
        );
    }
    // Check 10.
    if ind.tier == Some(Tier::Achieved) {
        let actual = ind.actual.trim();
        let bare = ["达成", "已达成", "完成", "已完成", "达标", "是", "好", "较好", "良好"];
        if is_placeholder(actual) || bare.contains(&actual) || actual == ind.target.trim() {
            c.push(
                CheckId::QualitativeDescription,
                Severity::Warning,
                at(ind, IndicatorField::Actual),
                format!("{who}评为“达成”，但实际完成值没有说明做成了什么；请简要写出实际完成情况（如 做了什么、覆盖多少、效果如何）"),
                RULE_COMPLETE,
            );
        }
    }
}

fn check_override(row: &IndicatorEvaluation, ind: &Indicator, who: &str, c: &mut Collector) {
    match &row.override_problem {
        Some(OverrideProblem::MissingReason) => c.push(
            CheckId::Override,
            Severity::Error,
            at(ind, IndicatorField::OverrideReason),
            format!("{who}：手工调整得分必须填写理由；未填写前按公式得分 {} 计", row.formula_score.show(fixed2)),
            RULE_OVER_ACHIEVEMENT,
        ),
        Some(OverrideProblem::Unreadable { error }) => c.push(
            CheckId::Override,
            Severity::Error,
            at(ind, IndicatorField::OverrideScore),
            format!("{who} 调整得分：{error}"),
            RULE_TABLE,
        ),
        Some(OverrideProblem::AboveWeight) => c.push(
            CheckId::ScoreAboveWeight,
            Severity::Error,
            at(ind, IndicatorField::OverrideScore),
            format!(
                "{who}：调整得分“{}”超过该指标分值{}，已按分值上限计",
                ind.override_score.trim(),
                row.effective_weight.map(natural).unwrap_or_default()
            ),
            RULE_CAP,
        ),
        None => {}
    }
}

/// Check 3 (indicators) and check 4.
fn check_deviation(row: &IndicatorEvaluation, ind: &Indicator, profile: &Profile, who: &str, c: &mut Collector) {
    let explained = !is_placeholder(&ind.deviation);
    let below_full = row.fraction.is_some_and(|f| f < Decimal::ONE)
        || (row.overridden && row.score.value() < row.formula_score.value());
    if below_full && !explained {
        let detail = match (&row.completion, row.is_qualitative()) {
            (_, true) => format!("评为“{}”", ind.tier.map_or("", |t| t.label())),
            (Computed::Value(r), false) => format!("完成率{}，得分{}", percent2(*r), row.score.show(fixed2)),
            (Computed::Unavailable(_), false) => format!("得分{}", row.score.show(fixed2)),
        };
        c.push(
            CheckId::DeviationRequired,
            Severity::Error,
            at(ind, IndicatorField::Deviation),
            format!("{who}未完成年度指标值（{detail}），请填写偏差原因分析及改进措施"),
            RULE_EXPLAIN,
        );
    }
    if row.status == Status::OverAchieved && !explained {
        let ratio = row.actual_over_target.map(percent2).unwrap_or_default();
        c.push(
            CheckId::OverAchievement,
            Severity::Warning,
            at(ind, IndicatorField::Deviation),
            format!(
                "{who}的实际完成值为指标值的{ratio}，偏离超过{}%；请分析原因。如果是年初指标值设定偏低，应按偏离度适度调减分值（可在“调整得分”中填写并说明理由）",
                profile.over_achievement_percent - 100
            ),
            RULE_OVER_ACHIEVEMENT,
        );
    }
    if row.status == Status::StrictBoundary {
        if let Ok(Target::Quantitative { comparison, quantity, .. }) = &row.target {
            c.push(
                CheckId::StrictBoundary,
                Severity::Warning,
                at(ind, IndicatorField::Actual),
                format!(
                    "{who}的指标值是“{}{}”，实际完成值恰好等于{}，严格来说未达到“{}”；按比例计分不扣分，但应如实写为未完成，或核对实际值",
                    comparison.phrase(),
                    quantity.show(),
                    quantity.show(),
                    comparison.phrase()
                ),
                RULE_QUANTITATIVE,
            );
        }
    }
    if matches!(row.completion, Computed::Unavailable(_)) && row.fraction.is_some() && !row.is_qualitative() {
        c.push(
            CheckId::NotComputable,
            Severity::Hint,
            at(ind, IndicatorField::Target),
            format!("{who}：指标值或实际值为0，完成率无法计算（显示为“—”），得分按是否达到指标值判定"),
            RULE_QUANTITATIVE,
        );
    }
}

/// Check 9.
fn check_satisfaction(row: &IndicatorEvaluation, ind: &Indicator, who: &str, c: &mut Collector) {
    if ind.level1 != Level1::Satisfaction {
        return;
    }
    let survey = &ind.survey;
    let field = at(ind, IndicatorField::Survey);
    if survey.is_blank() {
        c.push(
            CheckId::SatisfactionBasis,
            Severity::Warning,
            field,
            format!(
                "{who}：请填写满意度的调查依据（调查方式、有效样本数、满意人数），满意率将自动计算并与实际完成值核对"
            ),
            RULE_COMPLETE,
        );
        return;
    }
    if survey.method.trim().is_empty() {
        c.push(
            CheckId::SatisfactionBasis,
            Severity::Warning,
            field.clone(),
            format!("{who}：请填写调查方式（如 问卷调查、电话回访）"),
            RULE_COMPLETE,
        );
    }
    let sample = crate::parse::parse_count(&survey.sample_size);
    let satisfied = crate::parse::parse_count(&survey.satisfied);
    match (sample, satisfied) {
        (Ok(Some(n)), Ok(Some(k))) => {
            if n.is_zero() {
                c.push(
                    CheckId::NotComputable,
                    Severity::Warning,
                    field,
                    format!("{who}：有效样本数为0，满意率无法计算"),
                    RULE_COMPLETE,
                );
            } else if k > n {
                c.push(
                    CheckId::SatisfactionBasis,
                    Severity::Error,
                    field,
                    format!("{who}：满意人数（{k}）多于有效样本数（{n}）"),
                    RULE_COMPLETE,
                );
            } else {
                let rate = k / n * Decimal::ONE_HUNDRED;
                let tolerance = Decimal::new(5, 1);
                if let Ok(Some(actual)) = &row.actual {
                    let comparable = actual.unit.is_percent() || actual.unit.is_none();
                    let differs = (crate::money::round2(rate) - crate::money::round2(actual.value)).abs() > tolerance;
                    if comparable && differs {
                        c.push(
                            CheckId::SatisfactionBasis,
                            Severity::Warning,
                            at(ind, IndicatorField::Actual),
                            format!(
                                "{who}：调查满意率为 {k}/{n} = {}%，与实际完成值“{}”不一致",
                                fixed2(rate),
                                ind.actual.trim()
                            ),
                            RULE_COMPLETE,
                        );
                    }
                }
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            c.push(CheckId::SatisfactionBasis, Severity::Error, field, format!("{who} 调查依据：{e}"), RULE_COMPLETE)
        }
        _ => c.push(
            CheckId::SatisfactionBasis,
            Severity::Warning,
            field,
            format!("{who}：请同时填写有效样本数和满意人数"),
            RULE_COMPLETE,
        ),
    }
}

/// Check 11: an indicator filed under an unlikely 二级 (by keywords; a hint only).
fn check_category(row: &IndicatorEvaluation, ind: &Indicator, who: &str, c: &mut Collector) {
    let name = &ind.name;
    let level2 = ind.level2.trim();
    let mut hint = |message: String| {
        c.push(CheckId::UnlikelyCategory, Severity::Hint, at(ind, IndicatorField::Level2), message, RULE_WEIGHTS)
    };
    let is_cost = ["成本", "费用", "单价", "经费", "资金"].iter().any(|k| name.contains(k))
        || row
            .target
            .as_ref()
            .ok()
            .and_then(Target::unit)
            .is_some_and(|u| u.kind == Some(crate::units::UnitKind::Money));
    if is_cost && (level2.contains("效益") || ind.level1 == Level1::Satisfaction) {
        hint(format!("{who}看起来是成本/金额类指标，通常放在“产出指标—成本指标”下，而不是“{level2}”"));
    }
    if name.contains("满意") && ind.level1 != Level1::Satisfaction {
        hint(format!("{who}看起来是满意度指标，通常放在“满意度指标—服务对象满意度指标”下"));
    }
    if ind.level1 == Level1::Satisfaction {
        let counted = row
            .target
            .as_ref()
            .ok()
            .and_then(Target::unit)
            .is_some_and(|u| u.kind == Some(crate::units::UnitKind::Count));
        if counted && !name.contains("满意") {
            hint(format!(
                "{who}是计数类指标（{}），通常属于产出指标—数量指标；满意度指标一般为满意率（%）",
                row.target.as_ref().ok().and_then(Target::unit).map(|u| u.text.clone()).unwrap_or_default()
            ));
        }
    }
    if ["及时率", "完成时间", "时限", "按时"].iter().any(|k| name.contains(k))
        && (level2.contains("效益") || ind.level1 == Level1::Satisfaction)
    {
        hint(format!("{who}看起来是时效类指标，通常放在“产出指标—时效指标”下"));
    }
    let official = ind.level1.official_level2();
    let known_variant = level2.is_empty()
        || official.contains(&level2)
        || level2.ends_with("满意度指标")
        || level2.ends_with("效益指标")
        || level2.ends_with("影响指标");
    if !known_variant {
        hint(format!(
            "{who}的二级指标“{level2}”不在{}的常用二级指标（{}）之中，请确认",
            ind.level1.label(),
            official.join("、")
        ));
    }
}

/// Check 5: every quantitative actual equals its target.
fn check_actuals_equal_targets(eval: &Evaluation, c: &mut Collector) {
    let pairs: Vec<bool> = eval
        .indicators
        .iter()
        .filter(|r| r.status != Status::NotApplicable)
        .filter_map(|r| match (&r.target, &r.actual) {
            (Ok(Target::Quantitative { quantity, .. }), Ok(Some(a))) => Some(a.value == quantity.value),
            _ => None,
        })
        .collect();
    if pairs.len() >= 3 && pairs.iter().all(|&same| same) {
        c.push(
            CheckId::ActualsEqualTargets,
            Severity::Warning,
            FieldRef::Indicators,
            format!(
                "全部{}项定量指标的实际完成值都与年度指标值完全相同，请确认填写的是实际测得的数值，而不是照抄指标值",
                pairs.len()
            ),
            RULE_COMPLETE,
        );
    }
}

/// Check 8.
fn check_execution_vs_indicators(eval: &Evaluation, c: &mut Collector) {
    let Some(rate) = eval.funds.execution_rate.value() else { return };
    let shown = crate::money::percent_value(rate).unwrap_or(rate);
    let scored: Vec<&IndicatorEvaluation> = eval.indicators.iter().filter(|r| r.fraction.is_some()).collect();
    if scored.is_empty() {
        return;
    }
    let all_full = scored.iter().all(|r| r.fraction == Some(Decimal::ONE));
    let earned: Decimal = scored.iter().filter_map(|r| r.score.value()).sum();
    let possible: Decimal = scored.iter().filter_map(|r| r.effective_weight).sum();
    let badly_missed = !possible.is_zero() && earned < possible * Decimal::new(8, 1);
    if shown < Decimal::from(90) && all_full {
        c.push(
            CheckId::ExecutionVsIndicators,
            Severity::Warning,
            FieldRef::FundsExplanation,
            format!(
                "执行率只有{}，但所有绩效指标都已满分完成；请说明资金结余的原因，或核对指标值是否设定偏低",
                percent2(rate)
            ),
            RULE_COMPLETE,
        );
    }
    if shown >= Decimal::ONE_HUNDRED && badly_missed {
        c.push(
            CheckId::ExecutionVsIndicators,
            Severity::Warning,
            FieldRef::Indicators,
            format!("资金已全部执行（执行率{}），但绩效指标只得到{}分中的{}分；请核对实际完成值，并说明资金使用与产出不匹配的原因", percent2(rate), natural(possible), natural(earned)),
            RULE_COMPLETE,
        );
    }
}

/// Bigrams that say nothing about which indicator a sentence is about.
#[rustfmt::skip]
const GENERIC_BIGRAMS: &[[char; 2]] = &[
    ['安', '全'], ['应', '急'], ['工', '作'], ['开', '展'], ['完', '成'], ['数', '量'], ['次', '数'], ['场', '次'],
    ['本', '年'], ['年', '度'], ['活', '动'], ['情', '况'], ['项', '目'], ['管', '理'], ['实', '际'], ['进', '行'],
    ['全', '年'], ['建', '设'], ['提', '升'], ['服', '务'], ['群', '众'], ['指', '标'], ['比', '例'], ['人', '数'],
    ['个', '数'], ['户', '数'], ['率', '达'], ['生', '产'],
];

/// The distinctive character pairs of an indicator name (Han only, generic pairs dropped).
fn keyword_bigrams(name: &str) -> Vec<(char, char)> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    for c in name.chars().filter(|c| crate::units::is_han(*c)) {
        if let Some(p) = previous.filter(|&p| !GENERIC_BIGRAMS.contains(&[p, c])) {
            out.push((p, c));
        }
        previous = Some(c);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The words of an indicator name that say nothing about which activity it measures; what is left
/// between them are the name's distinctive segments (铁道路安全巡查次数 → 铁道路, 巡查).
const GENERIC_WORDS: &[&str] = &[
    "本年度",
    "年度",
    "全年",
    "开展",
    "完成",
    "实际",
    "数量",
    "次数",
    "场次",
    "个数",
    "人数",
    "户数",
    "比例",
    "比率",
    "应急",
    "安全",
    "生产",
    "管理",
    "工作",
    "活动",
    "情况",
    "项目",
    "服务",
    "建设",
    "提升",
    "群众",
    "指标",
    "里程",
    "面积",
    "长度",
    "规模",
    "总量",
    "总数",
    "时长",
    "人次",
    "户次",
    "家次",
    "金额",
    "率",
];

/// The distinctive segments (2+ Han characters) of an indicator name.
fn name_segments(name: &str) -> Vec<String> {
    let han: String = name.chars().filter(|c| crate::units::is_han(*c)).collect();
    let mut text = han;
    for word in GENERIC_WORDS {
        text = text.replace(word, "|");
    }
    text.split('|').filter(|s| s.chars().count() >= 2).map(str::to_string).collect()
}

/// Check 13: figures in the prose that disagree with the table, and edited report paragraphs
/// whose figures no longer match the generated text.
fn check_narrative_numbers(draft: &Draft, eval: &Evaluation, c: &mut Collector) {
    let candidates: Vec<(&IndicatorEvaluation, &Indicator)> = eval
        .indicators
        .iter()
        .zip(&draft.indicators)
        .filter(|(r, _)| matches!((&r.target, &r.actual), (Ok(Target::Quantitative { .. }), Ok(Some(_)))))
        .collect();
    // Keyword pair → the candidates whose name has it (an index, so that each clause is read
    // once however many indicators there are).
    let mut by_pair: Vec<((char, char), usize)> = candidates
        .iter()
        .enumerate()
        .flat_map(|(k, (_, ind))| keyword_bigrams(&ind.name).into_iter().map(move |pair| (pair, k)))
        .collect();
    by_pair.sort_unstable();
    let segments: Vec<Vec<String>> = candidates.iter().map(|(_, ind)| name_segments(&ind.name)).collect();
    let mut shared = vec![0usize; candidates.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut pairs: Vec<(char, char)> = Vec::new();
    let prose: [(FieldRef, &str, &str); 2] = [
        (FieldRef::Goal { field: GoalField::Actual }, "年度总体目标实际完成情况", &draft.goals.actual),
        (FieldRef::Narrative { section: NarrativeSection::Achievements }, "工作成效", &draft.narrative.achievements),
    ];
    for (field, place, text) in prose {
        if by_pair.is_empty() {
            break;
        }
        for clause in clauses(text) {
            // Only a clause with a figure can disagree with the table.
            if !clause.chars().any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch)) {
                continue;
            }
            // The indicator this clause talks about: most shared keywords, unique.
            pairs.clear();
            pairs.extend(clause.chars().zip(clause.chars().skip(1)));
            pairs.sort_unstable();
            pairs.dedup();
            for &k in &touched {
                shared[k] = 0;
            }
            touched.clear();
            for pair in &pairs {
                let from = by_pair.partition_point(|(p, _)| p < pair);
                for &(_, k) in by_pair[from..].iter().take_while(|(p, _)| p == pair) {
                    if shared[k] == 0 {
                        touched.push(k);
                    }
                    shared[k] += 1;
                }
            }
            let most = touched.iter().map(|&k| shared[k]).max().unwrap_or(0);
            let mut best = touched.iter().copied().filter(|&k| shared[k] == most);
            let (Some(k), None) = (best.next(), best.next()) else { continue };
            let (row, ind) = candidates[k];
            // Sharing a keyword is not enough (道路巡查 is not 铁道路安全巡查): the clause must name
            // every distinctive segment of the indicator.
            let segments = &segments[k];
            if segments.is_empty() || !segments.iter().all(|seg| clause.contains(seg.as_str())) {
                continue;
            }
            let Ok(Some(actual)) = &row.actual else { continue };
            let unit =
                row.target.as_ref().ok().and_then(Target::unit).cloned().unwrap_or_else(crate::units::Unit::none);
            let typed_unit = if actual.unit.is_none() { &unit } else { &actual.unit };
            for number in numbers_in(clause) {
                if number.approximate || number.unit.is_none() || number.unit.text != typed_unit.text {
                    continue;
                }
                let table_value = match relate(&unit, &number.unit) {
                    UnitRelation::Same => actual.value,
                    _ => continue,
                };
                if number.value != table_value {
                    c.push(
                        CheckId::NarrativeNumbers,
                        Severity::Warning,
                        field.clone(),
                        format!(
                            "{place}中写“{}”（{}{}），而表中{}的实际完成值为{}；请核对两处是否一致",
                            clause,
                            number.value.normalize(),
                            number.unit.text,
                            label(row, ind),
                            ind.actual.trim()
                        ),
                        RULE_COMPLETE,
                    );
                }
            }
        }
    }
    // Edited report paragraphs.
    if draft.report_edits.is_empty() {
        return;
    }
    let report = crate::report::generate_unedited(draft, eval);
    for (key, edited) in &draft.report_edits {
        let Some(generated) = report.blocks.iter().find(|b| &b.key == key) else { continue };
        let expected = numbers_in(&generated.text);
        for number in numbers_in(edited) {
            if number.unit.is_none() || number.approximate {
                continue;
            }
            let same_unit: Vec<_> = expected.iter().filter(|e| e.unit.text == number.unit.text).collect();
            if !same_unit.is_empty() && !same_unit.iter().any(|e| e.value == number.value) {
                c.push(
                    CheckId::NarrativeNumbers,
                    Severity::Warning,
                    FieldRef::ReportParagraph { key: key.clone() },
                    format!(
                        "改写后的段落中有“{}{}”，与表中数据生成的文字（{}）不一致；请核对，或恢复为自动生成的文字",
                        number.value.normalize(),
                        number.unit.text,
                        same_unit
                            .iter()
                            .map(|e| format!("{}{}", e.value.normalize(), e.unit.text))
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    RULE_COMPLETE,
                );
            }
        }
    }
}

/// Check 15.
fn check_problems(draft: &Draft, eval: &Evaluation, c: &mut Collector) {
    let missed: Vec<String> = eval
        .indicators
        .iter()
        .zip(&draft.indicators)
        .filter(|(r, _)| r.status.is_missed())
        .map(|(r, i)| label(r, i))
        .collect();
    if missed.is_empty() {
        return;
    }
    for section in [NarrativeSection::Problems, NarrativeSection::Improvements] {
        if is_placeholder(draft.narrative.section(section)) {
            c.push(
                CheckId::ProblemsMissing,
                Severity::Warning,
                FieldRef::Narrative { section },
                format!("{}未完成年度指标值，但“{}”为空或只写了“无”；请写明", missed.join("、"), section.label()),
                RULE_EXPLAIN,
            );
        }
    }
}

fn check_report_sections(draft: &Draft, c: &mut Collector) {
    for section in
        [NarrativeSection::FundsManagement, NarrativeSection::Achievements, NarrativeSection::ResultApplication]
    {
        if is_placeholder(draft.narrative.section(section)) {
            c.push(
                CheckId::ReportSectionEmpty,
                Severity::Hint,
                FieldRef::Narrative { section },
                format!("报告的“{}”部分还没有填写", section.label()),
                RULE_REPORT,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::name_segments;

    #[test]
    fn distinctive_segments_of_names() {
        assert_eq!(name_segments("铁道路安全巡查次数"), vec!["铁道路", "巡查"]);
        assert_eq!(name_segments("应急安全宣传活动场次"), vec!["宣传"]);
        assert_eq!(name_segments("村社区安全生产网格化管理数量"), vec!["村社区", "网格化"]);
        assert_eq!(name_segments("道路维修里程"), vec!["道路维修"]);
        assert!(name_segments("安全生产工作").is_empty());
    }
}
