//! 项目信息 and 年度总体目标.

use super::*;

pub(super) fn check_project(draft: &Draft, c: &mut Collector) {
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

pub(super) fn check_goals(draft: &Draft, c: &mut Collector) {
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
        } else if only_a_figure(value) {
            c.push(
                CheckId::GoalOnlyFigure,
                Severity::Warning,
                FieldRef::Goal { field },
                format!(
                    "年度总体目标的{name}只写了“{}”；总体目标应概括写明用这笔资金做什么、做多少、达到什么效果（如“完成9个村社区网格化管理，开展宣传15场，群众满意度不低于90%”）",
                    value.trim()
                ),
                RULE_TABLE,
            );
        }
    }
}

/// "50万元", "50", "100%", "9个": a goal text that is a figure and nothing else.
fn only_a_figure(text: &str) -> bool {
    // A figure with its unit is short; a sentence is not (and is not worth normalising here).
    if text.chars().filter(|c| !c.is_whitespace()).nth(24).is_some() {
        return false;
    }
    let norm = crate::parse::normalize(text);
    let chars: Vec<char> = norm.trim_matches(|c: char| "。.；;，,".contains(c)).chars().collect();
    let Some(start) = chars.iter().position(|c| c.is_ascii_digit()) else { return false };
    let before: String = chars[..start].iter().collect();
    if !["", "¥", "￥", "共", "约", "合计", "共计", "资金", "预算", "金额"].contains(&before.as_str()) {
        return false;
    }
    let mut end = start;
    while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.') {
        end += 1;
    }
    let (unit, used, _) = crate::units::read_unit(&chars[end..]);
    let rest = &chars[end + used..];
    rest.is_empty() && (used == 0 || unit.kind.is_some())
}
