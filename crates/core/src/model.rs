//! The draft: everything the user types for one project's 自评, exactly as typed.
//!
//! Every figure is kept as the text the user entered (`"５０"`, `"1,000.5"`, `"不低于9个"`), so
//! nothing typed is ever lost or silently reformatted; [`crate::evaluate`] parses and scores it.
//! This struct is the draft file format (see docs/draft-format.md) and what the app binds to.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// The schema version this build writes. Older versions are migrated on load
/// (see [`crate::file_format`]); newer ones are refused, never overwritten.
pub const SCHEMA_VERSION: u32 = 3;

/// One project's self-evaluation draft (项目支出绩效自评草稿).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Draft {
    /// 草稿结构版本（见 [`SCHEMA_VERSION`]）。
    pub schema_version: u32,
    /// 评分规则（地区口径）的编号，如 `national-2020`。见 `jixiao profiles`。
    pub profile: String,
    /// 项目信息
    pub project: ProjectInfo,
    /// 项目资金（万元）
    pub funds: Funds,
    /// 年度总体目标
    pub goals: Goals,
    /// 绩效指标（三级指标），按表中顺序。
    pub indicators: Vec<Indicator>,
    /// 一级指标分值未按 50/30/10/10 分配时的说明。
    pub weight_split_reason: String,
    /// 报告中由用户撰写的部分。
    pub narrative: Narrative,
    /// 用户改写过的报告段落：段落编号 → 改写后的文字。
    pub report_edits: BTreeMap<String, String>,
    /// 备注（不进入报告）。
    pub notes: String,
    /// 单位自评表中自己填写的执行率、执行率得分和总分（从电子表格导入时保留；版本 2 起）。
    pub claimed: Claimed,
    /// 复核：主管部门或财政局复核人的意见和复核分（版本 3 起；单位自己填写时为空）。
    pub review: Review,
}

/// The unit's own figures for what the engine computes, as its 自评表 states them (kept from an
/// imported spreadsheet, so that a reviewer sees them beside the 复核 figures; check 18 names
/// every difference). Empty when the draft was typed in this app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Claimed {
    /// 自评表中的执行率（原文），如 "99.6%"
    #[serde(deserialize_with = "lenient_string")]
    pub execution_rate: String,
    /// 自评表中的执行率得分（原文）
    #[serde(deserialize_with = "lenient_string")]
    pub execution_score: String,
    /// 自评表中的总分（原文）
    #[serde(deserialize_with = "lenient_string")]
    pub total: String,
}

impl Claimed {
    pub fn is_blank(&self) -> bool {
        self.execution_rate.trim().is_empty() && self.execution_score.trim().is_empty() && self.total.trim().is_empty()
    }
}

/// A reviewer's (主管部门 or 财政局) 复核 of a submitted self-evaluation: kept in the draft so
/// that a project the reviewer keeps goes on carrying what they wrote. The unit's own figures are
/// never changed by it: a 复核分 is a separate score for a row (see [`crate::review`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Review {
    /// 复核人
    pub reviewer: String,
    /// 总体复核意见
    pub opinion: String,
    /// 各三级指标的复核意见和复核分，按指标编号（`indicators[].id`）。
    pub indicators: Vec<IndicatorReview>,
}

impl Review {
    pub fn is_blank(&self) -> bool {
        self.reviewer.trim().is_empty()
            && self.opinion.trim().is_empty()
            && self.indicators.iter().all(IndicatorReview::is_blank)
    }

    /// The reviewer's notes on one row, if any.
    pub fn of(&self, indicator_id: u32) -> Option<&IndicatorReview> {
        self.indicators.iter().find(|r| r.id == indicator_id)
    }

    /// The reviewer's notes on one row, made when first written to.
    pub fn of_mut(&mut self, indicator_id: u32) -> &mut IndicatorReview {
        match self.indicators.iter().position(|r| r.id == indicator_id) {
            Some(i) => &mut self.indicators[i],
            None => {
                self.indicators.push(IndicatorReview { id: indicator_id, ..IndicatorReview::default() });
                self.indicators.last_mut().expect("just pushed")
            }
        }
    }
}

/// The reviewer's notes on one 三级指标.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct IndicatorReview {
    /// 指标编号（`indicators[].id`）
    pub id: u32,
    /// 复核意见
    pub opinion: String,
    /// 复核人调整的得分（原文）；为空表示按规则计分。
    #[serde(deserialize_with = "lenient_string")]
    pub score: String,
    /// 调整得分的理由（必填，否则调整无效，与单位手工调整得分的规则相同）。
    pub reason: String,
}

impl IndicatorReview {
    pub fn is_blank(&self) -> bool {
        self.opinion.trim().is_empty() && self.score.trim().is_empty() && self.reason.trim().is_empty()
    }
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            schema_version: SCHEMA_VERSION,
            profile: crate::profile::DEFAULT_PROFILE_ID.to_string(),
            project: ProjectInfo::default(),
            funds: Funds::default(),
            goals: Goals::default(),
            indicators: Vec::new(),
            weight_split_reason: String::new(),
            narrative: Narrative::default(),
            report_edits: BTreeMap::new(),
            notes: String::new(),
            claimed: Claimed::default(),
            review: Review::default(),
        }
    }
}

impl Draft {
    /// An id not yet used by any indicator of this draft.
    pub fn next_indicator_id(&self) -> u32 {
        self.indicators.iter().map(|i| i.id).max().map_or(1, |m| m.saturating_add(1))
    }
}

/// 项目信息
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ProjectInfo {
    /// 项目名称
    pub name: String,
    /// 主管部门
    pub department: String,
    /// 实施单位
    pub implementing_unit: String,
    /// 年度，如 "2022"
    #[serde(deserialize_with = "lenient_string")]
    pub year: String,
    /// 项目负责人
    pub leader: String,
    /// 联系电话
    pub phone: String,
    /// 填报日期
    pub fill_date: String,
}

/// The fields of 项目信息, for pointing findings and UI fields at them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectField {
    Name,
    Department,
    ImplementingUnit,
    Year,
    Leader,
    Phone,
    FillDate,
}

impl ProjectField {
    pub const ALL: [ProjectField; 7] = [
        ProjectField::Name,
        ProjectField::Department,
        ProjectField::ImplementingUnit,
        ProjectField::Year,
        ProjectField::Leader,
        ProjectField::Phone,
        ProjectField::FillDate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ProjectField::Name => "项目名称",
            ProjectField::Department => "主管部门",
            ProjectField::ImplementingUnit => "实施单位",
            ProjectField::Year => "年度",
            ProjectField::Leader => "项目负责人",
            ProjectField::Phone => "联系电话",
            ProjectField::FillDate => "填报日期",
        }
    }
}

impl ProjectInfo {
    pub fn field(&self, field: ProjectField) -> &str {
        match field {
            ProjectField::Name => &self.name,
            ProjectField::Department => &self.department,
            ProjectField::ImplementingUnit => &self.implementing_unit,
            ProjectField::Year => &self.year,
            ProjectField::Leader => &self.leader,
            ProjectField::Phone => &self.phone,
            ProjectField::FillDate => &self.fill_date,
        }
    }

    pub fn field_mut(&mut self, field: ProjectField) -> &mut String {
        match field {
            ProjectField::Name => &mut self.name,
            ProjectField::Department => &mut self.department,
            ProjectField::ImplementingUnit => &mut self.implementing_unit,
            ProjectField::Year => &mut self.year,
            ProjectField::Leader => &mut self.leader,
            ProjectField::Phone => &mut self.phone,
            ProjectField::FillDate => &mut self.fill_date,
        }
    }
}

/// 项目资金（万元）：三个来源行。年度资金总额由三行相加，不单独填写。
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Funds {
    /// 其中：当年财政拨款
    pub current_year: FundRow,
    /// 其中：上年结转资金
    pub carried_over: FundRow,
    /// 其中：其他资金
    pub other: FundRow,
    /// 执行率偏低、年中调整预算等情况的说明（偏差原因分析及改进措施）。
    pub deviation_reason: String,
}

/// The three source rows of the money grid, in the order of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundSource {
    /// 当年财政拨款
    CurrentYear,
    /// 上年结转资金
    CarriedOver,
    /// 其他资金
    Other,
    /// 年度资金总额（三行之和）
    Total,
}

impl FundSource {
    pub const ROWS: [FundSource; 3] = [FundSource::CurrentYear, FundSource::CarriedOver, FundSource::Other];

    pub fn label(self) -> &'static str {
        match self {
            FundSource::CurrentYear => "当年财政拨款",
            FundSource::CarriedOver => "上年结转资金",
            FundSource::Other => "其他资金",
            FundSource::Total => "年度资金总额",
        }
    }
}

impl Funds {
    pub fn row(&self, source: FundSource) -> Option<&FundRow> {
        match source {
            FundSource::CurrentYear => Some(&self.current_year),
            FundSource::CarriedOver => Some(&self.carried_over),
            FundSource::Other => Some(&self.other),
            FundSource::Total => None,
        }
    }

    pub fn row_mut(&mut self, source: FundSource) -> Option<&mut FundRow> {
        match source {
            FundSource::CurrentYear => Some(&mut self.current_year),
            FundSource::CarriedOver => Some(&mut self.carried_over),
            FundSource::Other => Some(&mut self.other),
            FundSource::Total => None,
        }
    }
}

/// One source row: amounts in 万元, as typed ("50", "５０", "500000元").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct FundRow {
    /// 年初预算数
    #[serde(deserialize_with = "lenient_string")]
    pub initial_budget: String,
    /// 全年预算数
    #[serde(deserialize_with = "lenient_string")]
    pub annual_budget: String,
    /// 调整后预算数（仅部分地区口径使用，如四川）
    #[serde(deserialize_with = "lenient_string")]
    pub adjusted_budget: String,
    /// 全年执行数
    #[serde(deserialize_with = "lenient_string")]
    pub executed: String,
    /// 实际到位数
    #[serde(deserialize_with = "lenient_string")]
    pub received: String,
}

/// The columns of the money grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundColumn {
    InitialBudget,
    AnnualBudget,
    AdjustedBudget,
    Executed,
    Received,
}

impl FundColumn {
    pub const ALL: [FundColumn; 5] = [
        FundColumn::InitialBudget,
        FundColumn::AnnualBudget,
        FundColumn::AdjustedBudget,
        FundColumn::Executed,
        FundColumn::Received,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FundColumn::InitialBudget => "年初预算数",
            FundColumn::AnnualBudget => "全年预算数",
            FundColumn::AdjustedBudget => "调整后预算数",
            FundColumn::Executed => "全年执行数",
            FundColumn::Received => "到位数",
        }
    }
}

impl FundRow {
    pub fn cell(&self, column: FundColumn) -> &str {
        match column {
            FundColumn::InitialBudget => &self.initial_budget,
            FundColumn::AnnualBudget => &self.annual_budget,
            FundColumn::AdjustedBudget => &self.adjusted_budget,
            FundColumn::Executed => &self.executed,
            FundColumn::Received => &self.received,
        }
    }

    pub fn cell_mut(&mut self, column: FundColumn) -> &mut String {
        match column {
            FundColumn::InitialBudget => &mut self.initial_budget,
            FundColumn::AnnualBudget => &mut self.annual_budget,
            FundColumn::AdjustedBudget => &mut self.adjusted_budget,
            FundColumn::Executed => &mut self.executed,
            FundColumn::Received => &mut self.received,
        }
    }
}

/// 年度总体目标
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Goals {
    /// 预期目标
    pub expected: String,
    /// 实际完成情况
    pub actual: String,
}

/// 一级指标
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level1 {
    /// 产出指标
    #[default]
    Output,
    /// 效益指标
    Benefit,
    /// 满意度指标
    Satisfaction,
}

impl Level1 {
    pub const ALL: [Level1; 3] = [Level1::Output, Level1::Benefit, Level1::Satisfaction];

    pub fn label(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
        }
    }

    /// The official 二级指标 under this 一级 (财预〔2020〕10号 附1).
    pub fn official_level2(self) -> &'static [&'static str] {
        match self {
            Level1::Output => &["数量指标", "质量指标", "时效指标", "成本指标"],
            Level1::Benefit => &["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
            Level1::Satisfaction => &["服务对象满意度指标"],
        }
    }

    /// Reads a label as found in pasted tables ("产出指标（50分）", "效益").
    pub fn from_label(text: &str) -> Option<Level1> {
        let t = text.trim();
        if t.starts_with("产出") {
            Some(Level1::Output)
        } else if t.starts_with("效益") {
            Some(Level1::Benefit)
        } else if t.starts_with("满意") {
            Some(Level1::Satisfaction)
        } else {
            None
        }
    }
}

/// Direction of a quantitative indicator, used when the target is a bare number
/// (no 不低于/不高于 …) and the user corrects the inferred reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 正向指标（越大越好，≥）
    Positive,
    /// 反向指标（越小越好，≤）
    Reverse,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Positive => "正向",
            Direction::Reverse => "反向",
        }
    }
}

/// 定性指标的完成档次
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 达成年度指标
    Achieved,
    /// 部分达成年度指标并具有一定效果
    Partial,
    /// 未达成年度指标且效果较差
    NotAchieved,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Achieved, Tier::Partial, Tier::NotAchieved];

    pub fn label(self) -> &'static str {
        match self {
            Tier::Achieved => "达成年度指标",
            Tier::Partial => "部分达成年度指标并具有一定效果",
            Tier::NotAchieved => "未达成年度指标且效果较差",
        }
    }
}

/// One 三级指标 row of the indicator table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Indicator {
    /// 行的稳定编号（草稿内唯一），用于定位检查结果与改写的报告段落。
    pub id: u32,
    /// 一级指标
    pub level1: Level1,
    /// 二级指标，如 "数量指标"
    pub level2: String,
    /// 三级指标名称
    pub name: String,
    /// 年度指标值（原文），如 "不低于9个"、"≤2小时"、"有效提升"
    #[serde(deserialize_with = "lenient_string")]
    pub target: String,
    /// 实际完成值（原文）
    #[serde(deserialize_with = "lenient_string")]
    pub actual: String,
    /// 分值（原文）
    #[serde(deserialize_with = "lenient_string")]
    pub weight: String,
    /// 目标为裸数字时，用户确认的方向；为空表示按名称推断。
    pub direction: Option<Direction>,
    /// 定性指标的完成档次
    pub tier: Option<Tier>,
    /// 定性指标在档次区间内的得分（原文）；为空时按档次默认值。
    #[serde(deserialize_with = "lenient_string")]
    pub tier_score: String,
    /// 手工调整后的得分（原文）；为空表示按公式计分。
    #[serde(deserialize_with = "lenient_string")]
    pub override_score: String,
    /// 手工调整得分的理由（必填，否则调整无效）。
    pub override_reason: String,
    /// 偏差原因分析及改进措施
    pub deviation: String,
    /// 本年度不适用：不计分，其余指标按比例折算。
    pub not_applicable: bool,
    /// 满意度调查依据（仅满意度指标）。
    pub survey: Survey,
    /// 不计分的明细子行（如按作物拆分的种植面积）。
    pub children: Vec<ChildRow>,
    /// 单位自评表中该指标的得分（原文，从电子表格导入时保留；版本 2 起）；为空表示没有。
    #[serde(deserialize_with = "lenient_string")]
    pub claimed_score: String,
}

/// The basis of a satisfaction figure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Survey {
    /// 调查方式，如 "问卷调查"
    pub method: String,
    /// 有效样本数（原文）
    #[serde(deserialize_with = "lenient_string")]
    pub sample_size: String,
    /// 表示满意的人数（原文）
    #[serde(deserialize_with = "lenient_string")]
    pub satisfied: String,
}

impl Survey {
    pub fn is_blank(&self) -> bool {
        self.method.trim().is_empty() && self.sample_size.trim().is_empty() && self.satisfied.trim().is_empty()
    }
}

/// A detail row under a 三级指标, without weight.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ChildRow {
    /// 明细名称
    pub name: String,
    /// 年度指标值（原文）
    pub target: String,
    /// 实际完成值（原文）
    pub actual: String,
}

/// The parts of the report the unit writes itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Narrative {
    /// 资金管理情况分析
    pub funds_management: String,
    /// 工作成效
    pub achievements: String,
    /// 存在问题
    pub problems: String,
    /// 下一步改进措施
    pub improvements: String,
    /// 绩效自评结果拟应用和公开情况
    pub result_application: String,
    /// 其他需要说明的问题
    pub other: String,
}

/// The narrative sections, for pointing findings and UI fields at them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NarrativeSection {
    FundsManagement,
    Achievements,
    Problems,
    Improvements,
    ResultApplication,
    Other,
}

impl NarrativeSection {
    pub const ALL: [NarrativeSection; 6] = [
        NarrativeSection::FundsManagement,
        NarrativeSection::Achievements,
        NarrativeSection::Problems,
        NarrativeSection::Improvements,
        NarrativeSection::ResultApplication,
        NarrativeSection::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            NarrativeSection::FundsManagement => "资金管理情况",
            NarrativeSection::Achievements => "工作成效",
            NarrativeSection::Problems => "存在问题",
            NarrativeSection::Improvements => "改进措施",
            NarrativeSection::ResultApplication => "结果应用和公开情况",
            NarrativeSection::Other => "其他需要说明的问题",
        }
    }
}

impl Narrative {
    pub fn section(&self, section: NarrativeSection) -> &str {
        match section {
            NarrativeSection::FundsManagement => &self.funds_management,
            NarrativeSection::Achievements => &self.achievements,
            NarrativeSection::Problems => &self.problems,
            NarrativeSection::Improvements => &self.improvements,
            NarrativeSection::ResultApplication => &self.result_application,
            NarrativeSection::Other => &self.other,
        }
    }

    pub fn section_mut(&mut self, section: NarrativeSection) -> &mut String {
        match section {
            NarrativeSection::FundsManagement => &mut self.funds_management,
            NarrativeSection::Achievements => &mut self.achievements,
            NarrativeSection::Problems => &mut self.problems,
            NarrativeSection::Improvements => &mut self.improvements,
            NarrativeSection::ResultApplication => &mut self.result_application,
            NarrativeSection::Other => &mut self.other,
        }
    }
}

/// Text cells also accept a JSON number or null in hand-written files ("weight": 6 → "6").
fn lenient_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    // A visitor rather than an untagged enum: an untagged enum buffers the value and, when it
    // fails, reports no position inside it (so a bad cell could not be named), and its buffering
    // code is large in the app's wasm.
    struct TextOrNumber;
    impl serde::de::Visitor<'_> for TextOrNumber {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("文字或数字")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        // Spelled as serde_json spells the number (1e20, 0.1), as the untagged `Number` did.
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
            Ok(serde_json::Number::from_f64(v).map(|n| n.to_string()).unwrap_or_default())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
    }
    deserializer.deserialize_any(TextOrNumber)
}
