//! The labels a 自评表 is found by, with every synonym published spreadsheets use for each.
//!
//! A cell is a label when its text, without spaces, line breaks and bracketed parts, is one of
//! the words below: `全年预算数（A）`, `全年 预算数`, `全年预算数(A)` are all 全年预算数. The bracketed
//! parts are kept: they may say the unit (`项目资金（万元）`, `（元）`) or the points (`产出指标（50分）`).

/// What a label cell names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    ProjectName,
    Department,
    ImplementingUnit,
    Leader,
    Phone,
    LeaderAndPhone,
    FundsBlock,
    InitialBudget,
    AnnualBudget,
    AdjustedBudget,
    Executed,
    Received,
    Weight,
    ExecutionRate,
    Score,
    TotalFunds,
    CurrentYear,
    CarriedOver,
    OtherFunds,
    Goals,
    GoalExpected,
    GoalActual,
    IndicatorBlock,
    Level1,
    Level2,
    Level3,
    Target,
    Actual,
    Deviation,
    Nature,
    MeasureUnit,
    TotalScore,
    /// A 一级指标's 小计 row (this app's .xlsx has one under each; computed, never read).
    Subtotal,
    /// 填表人, 单位负责人 …: the signature lines after the table.
    Signature,
    FillDate,
}

/// Every label with its synonyms, compared after [`Normalized::core`].
const LABELS: &[(Label, &[&str])] = &[
    (Label::ProjectName, &["项目名称", "专项资金名称", "资金名称"]),
    (Label::Department, &["主管部门", "县级主管部门", "市级主管部门", "省级主管部门", "预算部门"]),
    (Label::ImplementingUnit, &["实施单位", "项目实施单位"]),
    (Label::Leader, &["项目负责人"]),
    (Label::Phone, &["联系电话", "电话"]),
    (Label::LeaderAndPhone, &["项目负责人及电话", "项目负责人及联系电话"]),
    (Label::FundsBlock, &["项目资金", "项目资金情况", "资金情况"]),
    (Label::InitialBudget, &["年初预算数", "年初预算"]),
    (Label::AnnualBudget, &["全年预算数", "全年预算", "预算数"]),
    (Label::AdjustedBudget, &["调整后预算数", "调整预算数"]),
    (Label::Executed, &["全年执行数", "预算执行数", "执行数", "实际支出"]),
    (Label::Received, &["到位数", "实际到位数", "资金到位数", "实际到位资金"]),
    (Label::Weight, &["分值", "权重"]),
    (Label::ExecutionRate, &["执行率", "预算执行率"]),
    (Label::Score, &["得分"]),
    (Label::TotalFunds, &["年度资金总额", "资金总额", "年度资金总额:", "合计"]),
    (Label::CurrentYear, &["当年财政拨款", "本年财政拨款", "财政拨款"]),
    (Label::CarriedOver, &["上年结转资金", "上年结转", "结转资金"]),
    (Label::OtherFunds, &["其他资金"]),
    (Label::Goals, &["年度总体目标", "总体目标"]),
    (Label::GoalExpected, &["预期目标", "年度目标"]),
    (Label::GoalActual, &["实际完成情况", "全年实际完成情况", "目标实际完成情况"]),
    (Label::IndicatorBlock, &["绩效指标"]),
    (Label::Level1, &["一级指标"]),
    (Label::Level2, &["二级指标"]),
    (Label::Level3, &["三级指标"]),
    (Label::Target, &["年度指标值", "年初目标值", "指标值", "年度目标值"]),
    (Label::Actual, &["实际完成值", "全年实际值", "全年完成值", "实际完成", "实际值"]),
    (
        Label::Deviation,
        &["偏差原因分析及改进措施", "未完成原因及拟采取的改进措施", "未完成原因和改进措施", "原因", "偏差原因"],
    ),
    (Label::Nature, &["指标性质"]),
    (Label::MeasureUnit, &["度量单位", "计量单位"]),
    (Label::TotalScore, &["总分"]),
    (Label::Subtotal, &["小计"]),
    (Label::Signature, &["填表人", "单位负责人", "审核人", "财务负责人", "填报人"]),
    (Label::FillDate, &["填报日期", "填表日期"]),
];

/// A cell's text split for matching: the words outside brackets, without spaces, and the
/// bracketed parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    pub core: String,
    pub brackets: Vec<String>,
}

pub fn normalize(text: &str) -> Normalized {
    let mut core = String::new();
    let mut brackets = Vec::new();
    let mut inside: Option<String> = None;
    for c in text.chars() {
        let c = match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            other => other,
        };
        if c.is_whitespace() {
            continue;
        }
        match (c, inside.as_mut()) {
            ('(', None) => inside = Some(String::new()),
            (')', Some(part)) => {
                brackets.push(std::mem::take(part));
                inside = None;
            }
            (_, Some(part)) => part.push(c),
            (_, None) => core.push(c),
        }
    }
    if let Some(part) = inside {
        core.push('(');
        core.push_str(&part);
    }
    Normalized { core, brackets }
}

/// The label a cell's text is, if any. `其中：` before a row label is dropped.
pub fn label_of(text: &str) -> Option<Label> {
    if text.chars().count() > 24 {
        return None;
    }
    let normalized = normalize(text);
    let core = normalized.core.trim_end_matches(':');
    let core = core.strip_prefix("其中:").or_else(|| core.strip_prefix("其中")).unwrap_or(core);
    LABELS.iter().find(|(_, words)| words.contains(&core)).map(|(label, _)| *label)
}

/// The labels looked for when no 自评表 is found, for the message.
pub fn required_labels() -> &'static str {
    "项目名称（或专项资金名称、资金名称）、全年预算数/全年执行数、三级指标与年度指标值"
}

/// A bracket or cell saying the money is in 元 rather than 万元.
pub fn says_yuan(text: &str) -> bool {
    let n = normalize(text);
    let in_brackets = n.brackets.iter().any(|b| b == "元" || b == "单位:元");
    let whole = n.core.trim_end_matches(':');
    in_brackets || whole == "单位:元" || whole == "金额单位:元" || whole.ends_with("单位:元")
}

/// Points printed into a label: `产出指标（50分）` → 50.
pub fn points_in(text: &str) -> Option<u32> {
    normalize(text).brackets.iter().find_map(|b| b.strip_suffix('分').and_then(|n| n.parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_with_suffixes_brackets_and_spaces() {
        assert_eq!(label_of("全年预算数（A）"), Some(Label::AnnualBudget));
        assert_eq!(label_of("全年执行数(B)"), Some(Label::Executed));
        assert_eq!(label_of("执行率（B/A）"), Some(Label::ExecutionRate));
        assert_eq!(label_of("年度指标\n值（A）"), Some(Label::Target));
        assert_eq!(label_of("其中：当年财政拨款"), Some(Label::CurrentYear));
        assert_eq!(label_of("  其中: 本年财政拨款 "), Some(Label::CurrentYear));
        assert_eq!(label_of("专项资金名称"), Some(Label::ProjectName));
        assert_eq!(label_of("项目资金（万元）"), Some(Label::FundsBlock));
        assert_eq!(label_of("未完成原因及拟采取的改进措施"), Some(Label::Deviation));
        assert_eq!(label_of("应急演练次数"), None);
        assert_eq!(label_of("产出指标（50分）"), None);
    }

    #[test]
    fn units_and_points_in_labels() {
        assert!(says_yuan("单位：元"));
        assert!(says_yuan("项目资金（元）"));
        assert!(!says_yuan("项目资金（万元）"));
        assert!(!says_yuan("单位：万元"));
        assert_eq!(points_in("产出指标（40分）"), Some(40));
        assert_eq!(points_in("预算执行情况(20分)"), Some(20));
        assert_eq!(points_in("产出指标"), None);
    }
}
