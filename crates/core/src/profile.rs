//! Regional rule profiles (评分口径). Every regional difference of the scoring rules
//! (docs/rules.md §2) is a field here; scoring and checks read these settings and never branch
//! on a region's name.

use rust_decimal::Decimal;
use serde::Serialize;

pub const DEFAULT_PROFILE_ID: &str = "national-2020";

/// How a 反向指标 that missed its target (B > A) is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReverseFormula {
    /// w × A / B (财预〔2020〕10号 附表说明)
    Ratio,
    /// w × (1 − (B − A) / A), 0 from B ≥ 2A (some provincial systems)
    Linear,
}

/// Which budget figure 执行率 is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExecutionBase {
    /// 全年预算数
    AnnualBudget,
    /// 调整后预算数
    AdjustedBudget,
}

impl ExecutionBase {
    pub fn column(self) -> crate::model::FundColumn {
        match self {
            ExecutionBase::AnnualBudget => crate::model::FundColumn::AnnualBudget,
            ExecutionBase::AdjustedBudget => crate::model::FundColumn::AdjustedBudget,
        }
    }
}

/// Default points of each 一级指标 (the unit splits them among its 三级指标).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct WeightSplit {
    pub output: u32,
    pub benefit: u32,
    pub satisfaction: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub id: &'static str,
    pub name: &'static str,
    /// One line: how it differs from the national rules.
    pub description: &'static str,
    /// Points of 预算执行率 (10 nationally, 20 in 湖北).
    pub execution_weight: u32,
    pub execution_base: ExecutionBase,
    /// Below this 执行率 (percent) a reason is required as an error; `None`: the national warning level.
    pub execution_reason_below_percent: Option<u32>,
    pub weight_split: WeightSplit,
    /// Lower bounds (percent of w) of the 定性 tiers 达成 / 部分达成; 未达成 starts at 0.
    pub tier_achieved_from: u32,
    pub tier_partial_from: u32,
    pub reverse_formula: ReverseFormula,
    /// Lower bounds of 优 / 良 / 中.
    pub grade_excellent_from: u32,
    pub grade_good_from: u32,
    pub grade_fair_from: u32,
    /// B/A (percent) from which an over-achievement must be explained (反向: B/A ≤ 200 − this).
    pub over_achievement_percent: u32,
}

impl Profile {
    pub fn execution_weight(&self) -> Decimal {
        Decimal::from(self.execution_weight)
    }

    pub fn over_achievement_ratio(&self) -> Decimal {
        Decimal::from(self.over_achievement_percent) / Decimal::ONE_HUNDRED
    }

    /// The reverse mirror of the over-achievement threshold: 130 % → 70 %.
    pub fn reverse_over_achievement_ratio(&self) -> Decimal {
        Decimal::TWO - self.over_achievement_ratio()
    }
}

const NATIONAL: Profile = Profile {
    id: DEFAULT_PROFILE_ID,
    name: "全国通用（财预〔2020〕10号）",
    description: "执行率10分；定性档次80%/60%；反向指标按 A/B 计分；优≥90、良≥80、中≥60；超过130%须说明原因。",
    execution_weight: 10,
    execution_base: ExecutionBase::AnnualBudget,
    execution_reason_below_percent: None,
    weight_split: WeightSplit { output: 50, benefit: 30, satisfaction: 10 },
    tier_achieved_from: 80,
    tier_partial_from: 60,
    reverse_formula: ReverseFormula::Ratio,
    grade_excellent_from: 90,
    grade_good_from: 80,
    grade_fair_from: 60,
    over_achievement_percent: 130,
};

/// All built-in profiles, the default first.
pub const PROFILES: &[Profile] = &[
    NATIONAL,
    Profile { id: "chongqing", name: "重庆", description: "与全国通用口径相同。", ..NATIONAL },
    Profile {
        id: "hubei",
        name: "湖北",
        description: "执行率20分（得分 = 20 × 执行率），产出指标相应为40分；定性档次80%/50%。",
        execution_weight: 20,
        weight_split: WeightSplit { output: 40, benefit: 30, satisfaction: 10 },
        tier_partial_from: 50,
        ..NATIONAL
    },
    Profile {
        id: "jiangxi",
        name: "江西",
        description: "定性指标“部分达成”档次为50%–80%。",
        tier_partial_from: 50,
        ..NATIONAL
    },
    Profile {
        id: "sichuan",
        name: "四川",
        description: "执行率以调整后预算数为基数；执行率低于90%必须说明原因。",
        execution_base: ExecutionBase::AdjustedBudget,
        execution_reason_below_percent: Some(90),
        ..NATIONAL
    },
    Profile {
        id: "reverse-linear",
        name: "反向指标线性扣分",
        description: "反向指标超出时按 w × (1 − (B−A)/A) 线性扣分，B ≥ 2A 时得0分（部分省级系统）。",
        reverse_formula: ReverseFormula::Linear,
        ..NATIONAL
    },
    Profile {
        id: "grades-80-70-60",
        name: "等级 80/70/60",
        description: "等级线为 优≥80、良≥70、中≥60（部分地区）。",
        grade_excellent_from: 80,
        grade_good_from: 70,
        grade_fair_from: 60,
        ..NATIONAL
    },
];

/// The profile with this id, if it exists.
pub fn find(id: &str) -> Option<&'static Profile> {
    PROFILES.iter().find(|p| p.id == id)
}

/// The default (national) profile.
pub fn default_profile() -> &'static Profile {
    &PROFILES[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_adds_up_to_100() {
        for p in PROFILES {
            let s = p.weight_split;
            assert_eq!(p.execution_weight + s.output + s.benefit + s.satisfaction, 100, "{}", p.id);
            assert!(p.tier_partial_from < p.tier_achieved_from && p.tier_achieved_from <= 100, "{}", p.id);
            assert!(p.grade_fair_from < p.grade_good_from && p.grade_good_from < p.grade_excellent_from);
        }
    }

    #[test]
    fn ids_are_unique_and_default_is_national() {
        let mut ids: Vec<_> = PROFILES.iter().map(|p| p.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), PROFILES.len());
        assert_eq!(default_profile().id, "national-2020");
        assert!(find("nope").is_none());
    }
}
