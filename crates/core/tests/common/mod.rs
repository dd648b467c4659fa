//! Small drafts for the integration tests: a clean base that raises no finding, and helpers to
//! build indicators and look at what `evaluate` says about them.
#![allow(dead_code)] // each test file uses a different part

use jixiao_core::checks::{FieldRef, IndicatorField};
use jixiao_core::evaluate::IndicatorEvaluation;
use jixiao_core::model::{Draft, FundRow, Funds, Goals, Indicator, Level1, Narrative, ProjectInfo, Survey};
use jixiao_core::{Decimal, Evaluation, Finding, Severity};
use std::str::FromStr;

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn ind(id: u32, level1: Level1, name: &str, target: &str, actual: &str, weight: &str) -> Indicator {
    Indicator {
        id,
        level1,
        level2: level1.official_level2()[0].into(),
        name: name.into(),
        target: target.into(),
        actual: actual.into(),
        weight: weight.into(),
        ..Indicator::default()
    }
}

pub fn survey(method: &str, sample: &str, satisfied: &str) -> Survey {
    Survey { method: method.into(), sample_size: sample.into(), satisfied: satisfied.into() }
}

/// 50 / 30 / 10 over five rows, every target met without being matched exactly or exceeded by
/// 30 %, a survey behind the satisfaction figure, all narrative sections written.
pub fn clean_indicators() -> Vec<Indicator> {
    vec![
        ind(1, Level1::Output, "道路维修里程", "不低于20公里", "22公里", "25"),
        ind(2, Level1::Output, "培训参训人次", "不少于400人次", "420人次", "25"),
        ind(3, Level1::Benefit, "群众饮水保障率", "≥90%", "96%", "30"),
        Indicator {
            survey: survey("问卷调查", "200", "190"),
            ..ind(4, Level1::Satisfaction, "群众满意度", "≥90%", "95%", "10")
        },
    ]
}

pub fn funds(initial: &str, annual: &str, executed: &str, received: &str) -> Funds {
    Funds {
        current_year: FundRow {
            initial_budget: initial.into(),
            annual_budget: annual.into(),
            executed: executed.into(),
            received: received.into(),
            ..FundRow::default()
        },
        ..Funds::default()
    }
}

/// A complete draft that `evaluate` finds nothing wrong with.
pub fn clean_draft() -> Draft {
    Draft {
        project: ProjectInfo {
            name: "农村供水保障项目".into(),
            department: "某区水利局".into(),
            implementing_unit: "某镇人民政府".into(),
            year: "2023".into(),
            ..ProjectInfo::default()
        },
        funds: funds("100", "100", "100", "100"),
        goals: Goals {
            expected: "完成道路维修和供水设施改造，保障群众饮水安全。".into(),
            actual: "完成了道路维修和供水设施改造，群众饮水得到保障。".into(),
        },
        indicators: clean_indicators(),
        narrative: Narrative {
            funds_management: "严格按照专项资金管理办法使用资金，未发现截留挪用。".into(),
            achievements: "供水设施运行平稳，群众反映良好。".into(),
            problems: "部分设施老化，维护力量不足。".into(),
            improvements: "下一步将加强日常巡查和维护。".into(),
            result_application: "自评结果将在部门网站公开，并作为下年度预算安排的参考。".into(),
            other: String::new(),
        },
        ..Draft::default()
    }
}

/// The clean draft with these indicators (ids as given).
pub fn draft_with(indicators: Vec<Indicator>) -> Draft {
    Draft { indicators, ..clean_draft() }
}

pub fn row(eval: &Evaluation, id: u32) -> &IndicatorEvaluation {
    eval.indicators.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no indicator {id}"))
}

/// The findings of one check (by its code, "c04-strict-boundary").
pub fn findings<'a>(eval: &'a Evaluation, code: &str) -> Vec<&'a Finding> {
    eval.findings.iter().filter(|f| f.check.code() == code).collect()
}

pub fn codes(eval: &Evaluation) -> Vec<String> {
    eval.findings.iter().map(|f| f.check.code()).collect()
}

pub fn score(eval: &Evaluation, id: u32) -> Option<Decimal> {
    row(eval, id).score.value()
}

pub fn at(id: u32, field: IndicatorField) -> FieldRef {
    FieldRef::Indicator { id, field }
}

/// Exactly one finding of `code`, with this severity and field; its message is Chinese and
/// contains every one of `mentions` (the indicator's 「指标N」 and name, the figures …).
pub fn expect_one<'a>(
    eval: &'a Evaluation,
    code: &str,
    severity: Severity,
    field: FieldRef,
    mentions: &[&str],
) -> &'a Finding {
    let found = findings(eval, code);
    assert_eq!(found.len(), 1, "expected one {code}, got {:#?}", eval.findings);
    let f = found[0];
    assert_eq!(f.severity, severity, "{code}: {}", f.message);
    assert_eq!(f.field, field, "{code}: {}", f.message);
    assert!(is_chinese(&f.message), "{code} message is not Chinese: {}", f.message);
    for m in mentions {
        assert!(f.message.contains(m), "{code} message should mention {m:?}: {}", f.message);
    }
    assert!(!f.rule.is_empty(), "{code} cites no rule");
    f
}

/// Mostly CJK: at least a third of the non-ASCII-punctuation characters are Han.
pub fn is_chinese(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let han = letters.iter().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(*c)).count();
    han * 3 >= letters.len() && han > 0
}

pub fn assert_no(eval: &Evaluation, code: &str) {
    let found = findings(eval, code);
    assert!(found.is_empty(), "{code} should not fire: {found:#?}");
}
