//! The 复核 table: one row per submitted project (or unreadable file), sorted and filtered here
//! (a few hundred rows: microseconds), each opened read-only with 「打开」.

use super::{use_review_desk, ReviewDesk};
use crate::jobs::{self, Export, JobStatus};
use jixiao_core::checks::claimed::claimed_number;
use jixiao_core::money::{fixed2, percent2};
use jixiao_core::review::{ReviewRow, Submission};
use jixiao_core::Decimal;
use leptos::prelude::*;
use std::cmp::Ordering;

/// Which rows are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    All,
    /// 自评分与复核分不一致
    ClaimDiffers,
    /// 有错误
    HasErrors,
    /// 无法读取
    Unreadable,
}

impl Filter {
    const ALL: [Filter; 4] = [Filter::All, Filter::ClaimDiffers, Filter::HasErrors, Filter::Unreadable];

    fn label(self) -> &'static str {
        match self {
            Filter::All => "全部",
            Filter::ClaimDiffers => "自评分与复核分不一致",
            Filter::HasErrors => "有错误",
            Filter::Unreadable => "无法读取",
        }
    }

    fn keeps(self, submission: &Submission) -> bool {
        match (self, submission.row()) {
            (Filter::All, _) => true,
            (Filter::ClaimDiffers, Some(row)) => row.claim_differs(),
            (Filter::HasErrors, Some(row)) => row.errors > 0,
            (Filter::Unreadable, row) => row.is_none(),
            (_, None) => false,
        }
    }
}

/// A sortable column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    File,
    Unit,
    Project,
    Budget,
    ExecutionRate,
    Claimed,
    Computed,
    Difference,
    Grade,
    Errors,
    Warnings,
}

impl Column {
    const ALL: [Column; 11] = [
        Column::File,
        Column::Unit,
        Column::Project,
        Column::Budget,
        Column::ExecutionRate,
        Column::Claimed,
        Column::Computed,
        Column::Difference,
        Column::Grade,
        Column::Errors,
        Column::Warnings,
    ];

    fn label(self) -> &'static str {
        match self {
            Column::File => "文件",
            Column::Unit => "单位",
            Column::Project => "项目",
            Column::Budget => "全年预算数（万元）",
            Column::ExecutionRate => "执行率",
            Column::Claimed => "自评分",
            Column::Computed => "复核分",
            Column::Difference => "差额",
            Column::Grade => "等级",
            Column::Errors => "错误",
            Column::Warnings => "警告",
        }
    }

    /// Two rows compared by this column, in the direction asked; a missing figure sorts after
    /// every figure either way.
    fn compare(self, a: &ReviewRow, b: &ReviewRow, ascending: bool) -> Ordering {
        let direct = |o: Ordering| if ascending { o } else { o.reverse() };
        let figures = |a: Option<Decimal>, b: Option<Decimal>| match (a, b) {
            (Some(a), Some(b)) => direct(a.cmp(&b)),
            (a, b) => a.is_none().cmp(&b.is_none()),
        };
        match self {
            Column::File => Ordering::Equal,
            // By character code: a pinyin collation would need its own table in the page.
            Column::Unit => direct(a.unit.cmp(&b.unit)),
            Column::Project => direct(a.project.cmp(&b.project)),
            Column::Budget => figures(a.annual_budget, b.annual_budget),
            Column::ExecutionRate => figures(a.execution_rate, b.execution_rate),
            Column::Claimed => {
                figures(claimed_number(&a.claimed_total, false), claimed_number(&b.claimed_total, false))
            }
            Column::Computed => figures(a.computed_total, b.computed_total),
            Column::Difference => figures(a.difference.map(|d| d.abs()), b.difference.map(|d| d.abs())),
            Column::Grade => direct(grade_rank(&a.grade).cmp(&grade_rank(&b.grade))),
            Column::Errors => direct(a.errors.cmp(&b.errors)),
            Column::Warnings => direct(a.warnings.cmp(&b.warnings)),
        }
    }
}

/// 优 first; 不评定 and 「—」 after every grade.
fn grade_rank(grade: &str) -> usize {
    ["优", "良", "中", "差"].iter().position(|g| *g == grade).unwrap_or(4)
}

/// The indices of the submissions shown, in order: filtered, then sorted by the column, by file
/// name among equals. A file that could not be read comes after every project (except by 文件).
pub fn order(submissions: &[Submission], filter: Filter, column: Column, ascending: bool) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..submissions.len()).filter(|&i| filter.keeps(&submissions[i])).collect();
    shown.sort_by(|&i, &j| {
        let (a, b) = (&submissions[i], &submissions[j]);
        let by_file = || if ascending || column != Column::File { a.file.cmp(&b.file) } else { b.file.cmp(&a.file) };
        match (a.row(), b.row()) {
            (Some(x), Some(y)) => column.compare(x, y, ascending).then_with(by_file),
            (x, y) if column != Column::File => x.is_none().cmp(&y.is_none()).then_with(by_file),
            _ => by_file(),
        }
    });
    shown
}

fn show(value: Option<Decimal>, format: fn(Decimal) -> String) -> String {
    value.map(format).unwrap_or_else(|| "—".into())
}

#[component]
pub fn ReviewTable() -> impl IntoView {
    let desk = use_review_desk();
    let shown = Memo::new(move |_| {
        let (column, ascending) = desk.sort.get();
        desk.submissions.with(|s| order(s, desk.filter.get(), column, ascending))
    });
    let any = Memo::new(move |_| desk.submissions.with(|s| !s.is_empty()));
    let counts = move || {
        desk.submissions.with(|all| {
            let count = |f: Filter| all.iter().filter(|s| f.keeps(s)).count();
            format!(
                "共 {} 项，显示 {} 项；自评分与复核分不一致 {} 项，有错误 {} 项，无法读取 {} 项",
                all.len(),
                shown.with(Vec::len),
                count(Filter::ClaimDiffers),
                count(Filter::HasErrors),
                count(Filter::Unreadable)
            )
        })
    };
    let filters = move || {
        Filter::ALL
            .into_iter()
            .map(|f| view! { <option value=f.label() selected=move || desk.filter.get() == f>{f.label()}</option> })
            .collect_view()
    };
    let on_filter = move |ev: leptos::ev::Event| {
        let label = event_target_value(&ev);
        if let Some(f) = Filter::ALL.into_iter().find(|f| f.label() == label) {
            desk.filter.set(f);
        }
    };
    let headers = move || Column::ALL.into_iter().map(|column| header(desk, column)).collect_view();
    let rows =
        move || desk.submissions.with(|all| shown.get().into_iter().map(|i| row_view(desk, i, &all[i])).collect_view());
    let export = move |_| {
        let payload = desk.submissions.with(|s| serde_json::to_string(s).unwrap_or_default());
        let name = crate::download::safe_file_name(&format!("{}-绩效自评复核汇总.xlsx", jobs::today()));
        jobs::export(Export::ReviewSummary, desk.export, payload, name);
    };
    let clear = move |_| {
        if !desk.unsaved.with_untracked(|u| u.is_empty())
            && !confirm("有项目的复核意见尚未保存为草稿，清空后会丢失。仍要清空吗？")
        {
            return;
        }
        desk.unsaved.set(Default::default());
        desk.submissions.set(Vec::new());
        desk.export.set(JobStatus::Idle);
    };
    move || {
        any.get().then(|| {
            view! {
                <div class="toolbar">
                    <label for="review-filter">"显示"</label>
                    <select id="review-filter" on:change=on_filter data-testid="review-filter">{filters()}</select>
                    <button type="button" on:click=export data-testid="review-export-xlsx">"导出复核汇总（Excel）"</button>
                    <button type="button" class="secondary" on:click=clear>"清空列表"</button>
                    <span role="status" data-testid="review-export-status">{move || desk.export_note()}</span>
                </div>
                <p class="help" data-testid="review-counts">{counts}</p>
                <div class="table-scroll">
                    <table class="grid review-table" data-testid="review-table">
                        <thead><tr>{headers()}<th scope="col">"操作"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
    }
}

/// The browser's own yes/no question (true outside a browser, where nothing asks).
fn confirm(question: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(true)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = question;
        true
    }
}

fn header(desk: ReviewDesk, column: Column) -> impl IntoView {
    let sorted = move || desk.sort.with(|(c, ascending)| (*c == column).then_some(*ascending));
    let aria = move || match sorted() {
        Some(true) => "ascending",
        Some(false) => "descending",
        None => "none",
    };
    let sort = move |_| {
        let ascending = match sorted() {
            Some(ascending) => !ascending,
            // Figures first from the largest (the reviewer looks for the biggest gaps and budgets).
            None => matches!(column, Column::File | Column::Unit | Column::Project | Column::Grade),
        };
        desk.sort.set((column, ascending));
    };
    let mark = move || match sorted() {
        Some(true) => " ▲",
        Some(false) => " ▼",
        None => "",
    };
    view! {
        <th scope="col" aria-sort=aria>
            <button type="button" class="link" on:click=sort data-testid=format!("review-sort-{}", column.label())>
                {column.label()}
                {mark}
            </button>
        </th>
    }
}

fn row_view(desk: ReviewDesk, index: usize, submission: &Submission) -> impl IntoView {
    let file = submission.file.clone();
    match &submission.outcome {
        Ok(submitted) => {
            let r = &submitted.row;
            let claimed = if r.claimed_total.is_empty() { "—".to_string() } else { r.claimed_total.clone() };
            view! {
                <tr class:differs=r.claim_differs() data-testid="review-row">
                    <td>{file}</td>
                    <td>{r.unit.clone()}</td>
                    <td>{r.project.clone()}</td>
                    <td class="num">{show(r.annual_budget, fixed2)}</td>
                    <td class="num">{show(r.execution_rate, percent2)}</td>
                    <td class="num">{claimed}</td>
                    <td class="num" data-testid="review-computed">{show(r.computed_total, fixed2)}</td>
                    <td class="num">{show(r.difference, fixed2)}</td>
                    <td>{r.grade.clone()}</td>
                    <td class="num">{r.errors}</td>
                    <td class="num">{r.warnings}</td>
                    <td>
                        <button type="button" on:click=move |_| desk.open.set(Some(index)) data-testid="review-open">
                            "打开"
                        </button>
                    </td>
                </tr>
            }
            .into_any()
        }
        Err(reason) => view! {
            <tr class="unreadable" data-testid="review-row">
                <td>{file}</td>
                <td colspan="11" data-testid="review-reason">{format!("无法读取：{reason}")}</td>
            </tr>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_core::example_draft;

    fn submissions() -> Vec<Submission> {
        let mut claimed = example_draft();
        claimed.claimed.total = "98".into();
        claimed.project.implementing_unit = "甲单位".into();
        let mut broken = example_draft();
        broken.indicators[0].weight = "abc".into();
        broken.project.implementing_unit = "乙单位".into();
        vec![
            Submission::read("c.json".into(), claimed),
            Submission::unreadable("a.json".into(), "不是绩效自评草稿文件".into()),
            Submission::read("b.json".into(), broken),
        ]
    }

    #[test]
    fn filters_keep_what_they_name() {
        let s = submissions();
        assert_eq!(order(&s, Filter::All, Column::File, true), vec![1, 2, 0]);
        assert_eq!(order(&s, Filter::ClaimDiffers, Column::File, true), vec![0]);
        assert_eq!(order(&s, Filter::HasErrors, Column::File, true), vec![2]);
        assert_eq!(order(&s, Filter::Unreadable, Column::File, true), vec![1]);
    }

    #[test]
    fn sorting_puts_unreadable_files_last_and_breaks_ties_by_file() {
        let s = submissions();
        // Text sorts by character code (乙 U+4E59 before 甲 U+7532), not by pinyin.
        assert_eq!(order(&s, Filter::All, Column::Unit, true), vec![2, 0, 1]);
        // Descending reverses the projects, the unreadable file stays last.
        assert_eq!(order(&s, Filter::All, Column::Errors, false), vec![2, 0, 1]);
        assert_eq!(order(&s, Filter::All, Column::File, false), vec![0, 2, 1]);
        // A missing 自评分 sorts after every written one, in both directions.
        assert_eq!(order(&s, Filter::All, Column::Claimed, true), vec![0, 2, 1]);
        assert_eq!(order(&s, Filter::All, Column::Claimed, false), vec![0, 2, 1]);
    }
}
