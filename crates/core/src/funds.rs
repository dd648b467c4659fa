//! The money grid: row sums into 年度资金总额, 执行率, 到位率 and 执行率得分.

use crate::computed::Computed;
use crate::model::{FundColumn, FundSource, Funds};
use crate::money::round2;
use crate::parse::{parse_amount, ValueError};
use crate::profile::Profile;
use crate::scoring;
use rust_decimal::Decimal;
use serde::Serialize;

/// The parsed figures of one row, in 万元 (`None`: empty or unreadable).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FundFigures {
    pub initial_budget: Option<Decimal>,
    pub annual_budget: Option<Decimal>,
    pub adjusted_budget: Option<Decimal>,
    pub executed: Option<Decimal>,
    pub received: Option<Decimal>,
}

impl FundFigures {
    pub fn get(&self, column: FundColumn) -> Option<Decimal> {
        match column {
            FundColumn::InitialBudget => self.initial_budget,
            FundColumn::AnnualBudget => self.annual_budget,
            FundColumn::AdjustedBudget => self.adjusted_budget,
            FundColumn::Executed => self.executed,
            FundColumn::Received => self.received,
        }
    }

    fn set(&mut self, column: FundColumn, value: Option<Decimal>) {
        let slot = match column {
            FundColumn::InitialBudget => &mut self.initial_budget,
            FundColumn::AnnualBudget => &mut self.annual_budget,
            FundColumn::AdjustedBudget => &mut self.adjusted_budget,
            FundColumn::Executed => &mut self.executed,
            FundColumn::Received => &mut self.received,
        };
        *slot = value;
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FundRowEvaluation {
    pub source: FundSource,
    pub figures: FundFigures,
    /// This row's 执行率 (全年执行数 ÷ the profile's base column), shown in the 其中 rows.
    pub execution_rate: Computed,
}

/// A cell that could not be read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FundCellError {
    pub source: FundSource,
    pub column: FundColumn,
    pub error: ValueError,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FundsEvaluation {
    /// The three source rows.
    pub rows: Vec<FundRowEvaluation>,
    /// 年度资金总额: each column is the sum of the rows, `None` when no row has a figure.
    pub total: FundFigures,
    pub cell_errors: Vec<FundCellError>,
    /// The column 执行率 is measured against (全年预算数, or 调整后预算数 by profile).
    pub execution_base: FundColumn,
    /// 执行率 as a ratio (1 = 100 %), unrounded.
    pub execution_rate: Computed,
    /// 到位率 = 到位数 ÷ 全年预算数, unrounded.
    pub arrival_rate: Computed,
    pub execution_weight: Decimal,
    /// 执行率得分, rounded to 2 dp.
    pub execution_score: Computed,
}

impl FundsEvaluation {
    /// Nothing computed yet (see `Evaluation::pending`).
    pub fn pending(reason: &'static str, profile: &Profile) -> FundsEvaluation {
        FundsEvaluation {
            rows: Vec::new(),
            total: FundFigures::default(),
            cell_errors: Vec::new(),
            execution_base: profile.execution_base.column(),
            execution_rate: Computed::unavailable(reason),
            arrival_rate: Computed::unavailable(reason),
            execution_weight: profile.execution_weight(),
            execution_score: Computed::unavailable(reason),
        }
    }

    /// The error of one cell, if it could not be read.
    pub fn cell_error(&self, source: FundSource, column: FundColumn) -> Option<&ValueError> {
        self.cell_errors.iter().find(|e| e.source == source && e.column == column).map(|e| &e.error)
    }

    fn column_has_error(&self, column: FundColumn) -> bool {
        self.cell_errors.iter().any(|e| e.column == column)
    }
}

pub fn evaluate_funds(funds: &Funds, profile: &Profile) -> FundsEvaluation {
    let mut rows = Vec::new();
    let mut cell_errors = Vec::new();
    let mut total = FundFigures::default();
    for source in FundSource::ROWS {
        let row = funds.row(source).expect("source rows exist");
        let mut figures = FundFigures::default();
        for column in FundColumn::ALL {
            match parse_amount(row.cell(column)) {
                Ok(value) => {
                    figures.set(column, value);
                    if let Some(v) = value {
                        let sum = total.get(column).unwrap_or(Decimal::ZERO) + v;
                        total.set(column, Some(sum));
                    }
                }
                Err(error) => cell_errors.push(FundCellError { source, column, error }),
            }
        }
        let execution_rate = row_rate(&figures, profile.execution_base.column());
        rows.push(FundRowEvaluation { source, figures, execution_rate });
    }

    let mut evaluation = FundsEvaluation {
        rows,
        total,
        cell_errors,
        execution_base: profile.execution_base.column(),
        execution_rate: Computed::unavailable(""),
        arrival_rate: Computed::unavailable(""),
        execution_weight: profile.execution_weight(),
        execution_score: Computed::unavailable(""),
    };
    let base = evaluation.execution_base;
    evaluation.execution_rate = rate(&evaluation, FundColumn::Executed, base);
    evaluation.arrival_rate = rate(&evaluation, FundColumn::Received, FundColumn::AnnualBudget);
    evaluation.execution_score = match &evaluation.execution_rate {
        Computed::Value(r) => {
            let t = &evaluation.total;
            let exact = t
                .executed
                .zip(t.get(base))
                .and_then(|(b, a)| scoring::execution_points(b, a, evaluation.execution_weight));
            let points = exact.unwrap_or_else(|| scoring::execution_score(*r, evaluation.execution_weight));
            Computed::Value(round2(points))
        }
        Computed::Unavailable(reason) => Computed::Unavailable(reason.clone()),
    };
    evaluation
}

fn row_rate(figures: &FundFigures, base: FundColumn) -> Computed {
    match (figures.executed, figures.get(base)) {
        (Some(b), Some(a)) if !a.is_zero() => {
            b.checked_div(a).map_or_else(|| Computed::unavailable("数值超出可计算范围"), Computed::Value)
        }
        (_, Some(_)) => Computed::unavailable(format!("{}为0或未填写全年执行数", base.label())),
        _ => Computed::unavailable(format!("未填写{}", base.label())),
    }
}

/// numerator column ÷ denominator column of 年度资金总额, or why not.
fn rate(evaluation: &FundsEvaluation, numerator: FundColumn, denominator: FundColumn) -> Computed {
    for column in [denominator, numerator] {
        if evaluation.column_has_error(column) {
            return Computed::unavailable(format!("{}中有无法识别的数值", column.label()));
        }
    }
    let Some(a) = evaluation.total.get(denominator) else {
        return Computed::unavailable(format!("未填写{}", denominator.label()));
    };
    let Some(b) = evaluation.total.get(numerator) else {
        return Computed::unavailable(format!("未填写{}", numerator.label()));
    };
    if a.is_zero() {
        return Computed::unavailable(format!("{}为0，无法计算比率", denominator.label()));
    }
    match b.checked_div(a) {
        Some(r) => Computed::Value(r),
        None => Computed::unavailable("数值超出可计算范围"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FundRow;
    use crate::profile::{default_profile, find};

    fn row(initial: &str, annual: &str, executed: &str, received: &str) -> FundRow {
        FundRow {
            initial_budget: initial.into(),
            annual_budget: annual.into(),
            executed: executed.into(),
            received: received.into(),
            ..FundRow::default()
        }
    }

    #[test]
    fn totals_are_the_sum_of_the_rows() {
        let funds = Funds {
            current_year: row("100", "120.5", "110", "120.5"),
            carried_over: row("", "9.474", "8", "9.474"),
            other: row("", "", "", ""),
            ..Funds::default()
        };
        let e = evaluate_funds(&funds, default_profile());
        assert_eq!(e.total.annual_budget, Some("129.974".parse().unwrap()));
        assert_eq!(e.total.initial_budget, Some("100".parse().unwrap()));
        assert_eq!(e.total.adjusted_budget, None);
        assert_eq!(e.execution_rate.value().map(crate::money::percent2).unwrap(), "90.79%");
        assert_eq!(e.execution_score, Computed::Value("9.08".parse().unwrap()));
        assert_eq!(e.arrival_rate.value(), Some(Decimal::ONE));
        assert_eq!(
            e.rows[0].execution_rate.value(),
            Some("110".parse::<Decimal>().unwrap() / "120.5".parse::<Decimal>().unwrap())
        );
        assert!(e.rows[2].execution_rate.value().is_none());
    }

    #[test]
    fn zero_budget_is_not_computable_and_never_zero_percent() {
        let funds = Funds { current_year: row("0", "0", "0", "0"), ..Funds::default() };
        let e = evaluate_funds(&funds, default_profile());
        assert_eq!(e.execution_rate.reason(), Some("全年预算数为0，无法计算比率"));
        assert_eq!(e.execution_rate.show(crate::money::percent2), "—");
        assert!(e.execution_score.value().is_none());
    }

    #[test]
    fn unreadable_cells_are_reported_and_block_the_rate() {
        let funds = Funds { current_year: row("50", "五十", "50", ""), ..Funds::default() };
        let e = evaluate_funds(&funds, default_profile());
        assert!(e.cell_error(FundSource::CurrentYear, FundColumn::AnnualBudget).is_some());
        assert_eq!(e.execution_rate.reason(), Some("全年预算数中有无法识别的数值"));
        assert_eq!(e.arrival_rate.reason(), Some("全年预算数中有无法识别的数值"));
    }

    #[test]
    fn hubei_weight_and_sichuan_base() {
        let funds = Funds {
            current_year: FundRow { adjusted_budget: "80".into(), ..row("100", "100", "72", "100") },
            ..Funds::default()
        };
        let hubei = evaluate_funds(&funds, find("hubei").unwrap());
        assert_eq!(hubei.execution_score.value(), Some("14.4".parse().unwrap()));
        let sichuan = evaluate_funds(&funds, find("sichuan").unwrap());
        assert_eq!(sichuan.execution_rate.value(), Some("0.9".parse().unwrap()));
        assert_eq!(sichuan.execution_score.value(), Some("9".parse().unwrap()));
    }
}
