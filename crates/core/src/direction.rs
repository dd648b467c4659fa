//! The direction of a bare number: is `20万元`, `2小时` or `0起` an upper or a lower bound?
//!
//! A target typed without a comparison word (不低于/不高于 …) is read the way the forms mean
//! it, from the indicator's name, its 二级指标 and the figure itself. The whole inference is the
//! ordered table [`RULES`] below: the first rule that matches decides, and the reason it gives is
//! shown under the cell so that the user can flip a wrong guess. docs/rules.md describes it.

use crate::model::Direction;
use crate::parse::normalize;
use crate::units::{Unit, UnitKind};
use rust_decimal::Decimal;
use serde::Serialize;

/// Why a bare number got its direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inference {
    /// A word of the name decided (`事故` → 反向, `合格率` → 正向).
    NameWord { word: &'static str },
    /// The target is 0 (`0起`, `0%`): nothing may happen, so it is an upper bound.
    ZeroTarget,
    /// A 成本指标 (by its 二级指标) or an amount in a cost indicator: an upper bound.
    CostIndicator,
    /// Nothing says otherwise: more is better.
    Default,
}

impl Inference {
    /// Shown under the cell: "指标名称含“事故”".
    pub fn reason(self) -> String {
        match self {
            Inference::NameWord { word } => format!("指标名称含“{word}”"),
            Inference::ZeroTarget => "指标值为0（不应发生）".to_string(),
            Inference::CostIndicator => "成本指标的金额是上限".to_string(),
            Inference::Default => "指标名称未见反向用词".to_string(),
        }
    }
}

/// What a rule looks at.
enum Test {
    /// The name contains one of these words.
    Name(&'static [&'static str]),
    /// The target's figure is zero.
    Zero,
    /// The 二级指标 is 成本指标, or the name says 成本/费用 and the figure is money.
    Cost,
}

/// The inference, in order: the first match decides.
///
/// 0. A negated quality (不合格率, 未达标) counts failures: an upper bound (before 合格率 in 2).
/// 1. A name that measures a decrease (下降率, 减少幅度) wants a larger figure.
/// 2. A rate of doing something well (及时率, 合格率, 成本控制率 …) wants a larger figure, even
///    when it names something bad (事故处置及时率, 投诉办结率).
/// 3. A target of 0 is an upper bound: met by 0, missed by anything above.
/// 4. Names of things that should be few or short (事故, 投诉, 损失, 时间 …) are upper bounds.
/// 5. A cost indicator's amount is an upper bound.
/// 6. Otherwise more is better.
const RULES: &[(Test, Direction)] = &[
    (Test::Name(NEGATED_WORDS), Direction::Reverse),
    (Test::Name(DECREASE_WORDS), Direction::Positive),
    (Test::Name(POSITIVE_RATE_WORDS), Direction::Positive),
    (Test::Zero, Direction::Reverse),
    (Test::Name(REVERSE_WORDS), Direction::Reverse),
    (Test::Cost, Direction::Reverse),
];

/// Failures, spelled with a quality word that rule 2 would otherwise read as a good rate.
const NEGATED_WORDS: &[&str] = &["不合格", "不达标", "未达标", "不及时", "未完成", "不满意"];

/// A larger decrease is the good outcome.
const DECREASE_WORDS: &[&str] = &["下降", "减少", "降低", "压减", "减幅", "缩短", "节约", "节省"];

/// Rates where more is better whatever the subject.
const POSITIVE_RATE_WORDS: &[&str] = &[
    "及时率",
    "完成率",
    "办结率",
    "处理率",
    "处置率",
    "结案率",
    "整改率",
    "救助率",
    "救治率",
    "覆盖率",
    "保障率",
    "达标率",
    "合格率",
    "优良率",
    "通过率",
    "知晓率",
    "满意",
    "响应率",
    "回访率",
    "到位率",
    "执行率",
    "利用率",
    "使用率",
    "成活率",
    "治愈率",
    "破案率",
    "出勤率",
    "参与率",
    "入住率",
    "就业率",
    "普及率",
    "准确率",
    "正确率",
    "控制率",
    "核算率",
    "治理率",
    "清运率",
    "回收率",
    "入学率",
    "巩固率",
];

/// Things that should be few, small or short.
const REVERSE_WORDS: &[&str] = &[
    "成本",
    "费用",
    "单价",
    "造价",
    "时间",
    "时长",
    "耗时",
    "用时",
    "周期",
    "时限",
    "发生率",
    "发生数",
    "发生次数",
    "发生起数",
    "事故",
    "投诉",
    "死亡",
    "伤亡",
    "受灾",
    "火灾",
    "差错",
    "错误",
    "失误",
    "不合格",
    "变质",
    "损失",
    "损耗",
    "超标",
    "违规",
    "违纪",
    "违法",
    "延误",
    "逾期",
    "返工",
    "故障",
    "误差",
    "偏差",
    "流失",
    "空置",
    "闲置",
    "上访",
    "信访",
    "案件",
    "欠薪",
    "能耗",
    "排放",
    "污染物",
    "辍学",
    "返贫",
];

/// The direction a bare number is read with, and why.
///
/// `name` is the 三级指标, `level2` the 二级指标 (may be empty), `unit` and `value` the figure.
pub fn infer(name: &str, level2: &str, unit: &Unit, value: Decimal) -> (Direction, Inference) {
    let name = normalize(name);
    let cost_level2 = level2.contains("成本");
    for (test, direction) in RULES {
        let inference = match test {
            Test::Name(words) => crate::text::find_any(&name, words).map(|word| Inference::NameWord { word }),
            Test::Zero => value.is_zero().then_some(Inference::ZeroTarget),
            Test::Cost => {
                let money = unit.kind == Some(UnitKind::Money);
                (cost_level2 || (money && name.contains("经费"))).then_some(Inference::CostIndicator)
            }
        };
        if let Some(inference) = inference {
            return (*direction, inference);
        }
    }
    (Direction::Positive, Inference::Default)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::parse_unit;

    fn dir(name: &str, level2: &str, target: &str) -> Direction {
        let chars: Vec<char> = target.chars().collect();
        let digits: String = chars.iter().take_while(|c| c.is_ascii_digit() || **c == '.').collect();
        let unit_text: String = chars[digits.chars().count()..].iter().collect();
        let unit = parse_unit(&unit_text).unwrap_or_else(Unit::none);
        infer(name, level2, &unit, digits.parse().unwrap()).0
    }

    /// Indicator names as published 自评表 and 绩效目标表 write them, with the 二级 and a bare
    /// target, and the direction a reviewer reads them with.
    #[test]
    fn real_indicator_names() {
        use Direction::{Positive as Up, Reverse as Down};
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, Direction)] = &[
            ("村社区安全生产网格化管理数量", "数量指标", "9个", Up),
            ("开展应急安全宣传活动场次", "数量指标", "15场", Up),
            ("培训参训人次", "数量指标", "500人次", Up),
            ("新建农村供水管网长度", "数量指标", "12公里", Up),
            ("改造农村户厕数量", "数量指标", "300户", Up),
            ("发放补贴资金", "数量指标", "50万元", Up),
            ("种植面积", "数量指标", "29.5亩", Up),
            ("设备采购数量", "数量指标", "20台", Up),
            ("道路硬化里程", "数量指标", "3.5公里", Up),
            ("工程验收合格率", "质量指标", "100%", Up),
            ("设备验收通过率", "质量指标", "100%", Up),
            ("隐患整改率", "质量指标", "95%", Up),
            ("资金核算率", "质量指标", "100%", Up),
            ("产品抽检合格率", "质量指标", "98%", Up),
            ("水质达标率", "质量指标", "100%", Up),
            ("疫苗接种覆盖率", "质量指标", "95%", Up),
            ("不合格产品数", "质量指标", "2批", Down),
            ("食品变质比例", "质量指标", "1%", Down),
            ("账务差错次数", "质量指标", "0次", Down),
            ("违规使用资金比例", "质量指标", "0%", Down),
            ("物资损失率", "质量指标", "2%", Down),
            ("药品超标比例", "质量指标", "1%", Down),
            ("项目完成时间", "时效指标", "12个月", Down),
            ("突发事故处置反应时间", "时效指标", "2小时", Down),
            ("资金拨付及时率", "时效指标", "100%", Up),
            ("审批办理时限", "时效指标", "5个工作日", Down),
            ("工程建设周期", "时效指标", "6个月", Down),
            ("项目延误天数", "时效指标", "0天", Down),
            ("维修响应率", "时效指标", "100%", Up),
            ("项目总成本", "成本指标", "50万元", Down),
            ("人均培训费用", "成本指标", "800元", Down),
            ("单位造价", "成本指标", "300元", Down),
            ("每公里建设成本", "成本指标", "40万元", Down),
            ("设备购置", "成本指标", "20万元", Down),
            ("宣传资料印制", "成本指标", "2万元", Down),
            ("成本控制率", "成本指标", "100%", Up),
            ("预算执行率", "成本指标", "95%", Up),
            ("带动农民增收", "经济效益指标", "20万元", Up),
            ("村集体经济收入增加", "经济效益指标", "5万元", Up),
            ("带动就业人数", "社会效益指标", "50人", Up),
            ("安全事故发生起数", "社会效益指标", "3起", Down),
            ("安全事故发生数", "社会效益指标", "0起", Down),
            ("较大以上安全事故", "社会效益指标", "0起", Down),
            ("火灾发生率", "社会效益指标", "1%", Down),
            ("群众投诉次数", "社会效益指标", "5次", Down),
            ("投诉办结率", "社会效益指标", "100%", Up),
            ("事故死亡人数下降率", "社会效益指标", "10%", Up),
            ("事故处置及时率", "社会效益指标", "100%", Up),
            ("受灾群众救助率", "社会效益指标", "100%", Up),
            ("受灾人口", "社会效益指标", "100人", Down),
            ("群众安全意识知晓率", "社会效益指标", "90%", Up),
            ("学生辍学人数", "社会效益指标", "0人", Down),
            ("脱贫人口返贫人数", "社会效益指标", "0人", Down),
            ("信访案件发生数", "社会效益指标", "2件", Down),
            ("森林覆盖率", "生态效益指标", "60%", Up),
            ("污染物排放量", "生态效益指标", "10吨", Down),
            ("生活垃圾清运率", "生态效益指标", "100%", Up),
            ("能耗降低率", "生态效益指标", "5%", Up),
            ("水土流失面积", "生态效益指标", "2平方公里", Down),
            ("设施使用年限", "可持续影响指标", "10年", Up),
            ("长效管护机制建立", "可持续影响指标", "1套", Up),
            ("服务对象满意度", "服务对象满意度指标", "90%", Up),
            ("群众满意率", "服务对象满意度指标", "95%", Up),
            ("受益群众投诉率", "服务对象满意度指标", "5%", Down),
            ("安全生产事故", "社会效益指标", "0%", Down),
            ("因灾死亡人数", "社会效益指标", "0人", Down),
            ("举办活动次数", "数量指标", "0次", Down),
            ("产品不合格率", "质量指标", "2%", Down),
            ("群众不满意率", "服务对象满意度指标", "5%", Down),
        ];
        assert!(cases.len() >= 60);
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(name, level2, target, want)| dir(name, level2, target) != *want)
            .map(|(name, level2, target, want)| format!("{name}（{level2}，{target}）应为{}", want.label()))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn reasons_name_what_decided() {
        assert_eq!(infer("较大安全事故", "", &Unit::none(), Decimal::ONE).1, Inference::NameWord { word: "事故" });
        assert_eq!(infer("举办活动次数", "", &Unit::none(), Decimal::ZERO).1, Inference::ZeroTarget);
        assert_eq!(infer("设备购置", "成本指标", &Unit::none(), Decimal::TEN).1, Inference::CostIndicator);
        assert_eq!(infer("培训人次", "数量指标", &Unit::none(), Decimal::TEN).1, Inference::Default);
        assert_eq!(Inference::ZeroTarget.reason(), "指标值为0（不应发生）");
    }
}
