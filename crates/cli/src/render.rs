//! Plain-text rendering of an evaluation for the terminal.

use jixiao_core::model::{Draft, FundColumn, FundSource};
use jixiao_core::money::{fixed2, natural, percent2};
use jixiao_core::profile::{self, PROFILES};
use jixiao_core::{Decimal, Evaluation, Severity};
use std::fmt::Write;

fn amount(v: Option<Decimal>) -> String {
    v.map(fixed2).unwrap_or_else(|| "—".into())
}

pub fn check(file: &str, draft: &Draft, eval: &Evaluation) -> String {
    let mut s = String::new();
    let p = &draft.project;
    let prof = profile::find(eval.profile_id).unwrap_or_else(profile::default_profile);
    let _ = writeln!(s, "== {file}");
    let _ = writeln!(
        s,
        "项目：{}（{}年度）  实施单位：{}  主管部门：{}",
        p.name, p.year, p.implementing_unit, p.department
    );
    let _ = writeln!(s, "评分规则：{}", prof.name);
    let f = &eval.funds;
    let _ = writeln!(s, "资金（万元）      年初预算数  全年预算数  全年执行数  到位数");
    for row in f.rows.iter().map(|r| (r.source, &r.figures)).chain([(FundSource::Total, &f.total)]) {
        let (source, fig) = row;
        let _ = writeln!(
            s,
            "  {:<10}  {:>10}  {:>10}  {:>10}  {:>8}",
            source.label(),
            amount(fig.get(FundColumn::InitialBudget)),
            amount(fig.get(FundColumn::AnnualBudget)),
            amount(fig.get(FundColumn::Executed)),
            amount(fig.get(FundColumn::Received)),
        );
    }
    let _ = writeln!(
        s,
        "  执行率 {}  到位率 {}  执行率得分 {} / {}",
        f.execution_rate.show(percent2),
        f.arrival_rate.show(percent2),
        f.execution_score.show(fixed2),
        natural(f.execution_weight)
    );
    let _ = writeln!(s, "指标：");
    for (row, ind) in eval.indicators.iter().zip(&draft.indicators) {
        let typed = row.weight.clone().ok().flatten();
        // The weight the score is out of: rescaled when other rows are 不适用.
        let weight = match (row.effective_weight, typed) {
            (Some(e), Some(t)) if e != t => format!("{}（原分值 {}）", fixed2(e), natural(t)),
            (_, Some(t)) => natural(t),
            (_, None) => "—".into(),
        };
        let _ = writeln!(
            s,
            "  指标{:<3} {} / {} / {}｜指标值 {}｜实际 {}｜完成率 {}｜得分 {} / {}｜{}{}",
            row.number,
            ind.level1.label(),
            ind.level2,
            ind.name,
            ind.target,
            ind.actual,
            row.completion.show(percent2),
            row.score.show(fixed2),
            weight,
            row.status.label(),
            if row.overridden {
                format!("（手工调整，公式得分 {}）", row.formula_score.show(fixed2))
            } else {
                String::new()
            },
        );
    }
    for sub in &eval.subtotals {
        let rescaled = if sub.effective_weight == sub.weight {
            String::new()
        } else {
            format!("（原分值 {}，不适用指标的分值已折算）", natural(sub.weight))
        };
        let _ = writeln!(
            s,
            "  小计 {}：{} / {}{rescaled}",
            sub.level1.label(),
            sub.score.show(fixed2),
            natural(sub.effective_weight)
        );
    }
    let _ =
        writeln!(s, "总分：{} / {}  等级：{}", eval.total.show(fixed2), natural(eval.total_weight), eval.grade_shown());
    if let Some(reason) = eval.total.reason() {
        let _ = writeln!(s, "  （{reason}）");
    }
    if let Some(reason) = &eval.grade_withheld {
        let _ = writeln!(s, "  （{reason}）");
    }
    let count = |sev| eval.findings.iter().filter(|f| f.severity == sev).count();
    let _ = writeln!(
        s,
        "检查结果：错误 {}，警告 {}，提示 {}",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Hint)
    );
    for finding in &eval.findings {
        let _ = writeln!(s, "  [{}] {} {}", finding.severity.label(), finding.check.code(), finding.message);
        let _ = writeln!(s, "        依据：{}", finding.rule);
    }
    s.push('\n');
    s
}

/// The figures of the score card as shown (for `check --json`).
pub fn summary(eval: &Evaluation) -> serde_json::Value {
    let f = &eval.funds;
    let count = |sev| eval.findings.iter().filter(|f| f.severity == sev).count();
    serde_json::json!({
        "profile": eval.profile_id,
        "execution_rate": f.execution_rate.show(percent2),
        "arrival_rate": f.arrival_rate.show(percent2),
        "execution_score": f.execution_score.show(fixed2),
        "execution_weight": natural(f.execution_weight),
        "total": eval.total.show(fixed2),
        "total_weight": natural(eval.total_weight),
        "grade": eval.grade.map(|g| g.label()),
        "grade_withheld": eval.grade_withheld,
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "hints": count(Severity::Hint),
    })
}

pub fn profiles() -> String {
    let mut s = String::new();
    for p in PROFILES {
        let _ = writeln!(s, "{:<16} {}：{}", p.id, p.name, p.description);
    }
    s.push_str("\n规则说明：docs/rules.md（评分口径、读数规则、每项检查的编号与依据）\n");
    s
}
