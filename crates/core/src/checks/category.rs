//! Check 11: an indicator filed under an unlikely 二级 (by keywords; a hint only).

use super::*;
use crate::text::find_any;

pub(super) fn check_category(row: &IndicatorEvaluation, ind: &Indicator, who: Who, c: &mut Collector) {
    let name = &ind.name;
    let level2 = crate::text::trim(&ind.level2);
    let mut hint = |message: String| {
        c.push(CheckId::UnlikelyCategory, Severity::Hint, at(ind, IndicatorField::Level2), message, RULE_WEIGHTS)
    };
    // Where a cost or time indicator is out of place; tested first, so that the names of the
    // rows filed where they belong (most rows) are not searched.
    let under_benefit_or_satisfaction = level2.contains("效益") || ind.level1 == Level1::Satisfaction;
    let is_cost = || {
        find_any(name, &["成本", "费用", "单价", "经费", "资金"]).is_some()
            || row.target_unit().is_some_and(|u| u.kind == Some(crate::units::UnitKind::Money))
    };
    if under_benefit_or_satisfaction && is_cost() {
        hint(format!("{who}看起来是成本/金额类指标，通常放在“产出指标—成本指标”下，而不是“{level2}”"));
    }
    if name.contains("满意") && ind.level1 != Level1::Satisfaction {
        hint(format!("{who}看起来是满意度指标，通常放在“满意度指标—服务对象满意度指标”下"));
    }
    if ind.level1 == Level1::Satisfaction {
        let counted = row.target_unit().is_some_and(|u| u.kind == Some(crate::units::UnitKind::Count));
        if counted && !name.contains("满意") {
            hint(format!(
                "{who}是计数类指标（{}），通常属于产出指标—数量指标；满意度指标一般为满意率（%）",
                row.target_unit().map(|u| u.text.clone()).unwrap_or_default()
            ));
        }
    }
    if under_benefit_or_satisfaction && find_any(name, &["及时率", "完成时间", "时限", "按时"]).is_some() {
        hint(format!("{who}看起来是时效类指标，通常放在“产出指标—时效指标”下"));
    }
    if ind.level1 == Level1::Satisfaction && !level2.is_empty() && level2 != "服务对象满意度指标" {
        c.push(
            CheckId::SatisfactionLevel2,
            Severity::Warning,
            at(ind, IndicatorField::Level2),
            format!("{who}的二级指标写为“{level2}”；满意度指标下的二级指标应为“服务对象满意度指标”，请改正"),
            RULE_LEVEL2,
        );
        return;
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
