//! `jixiao review DIR_OR_FILE... [--json] [--xlsx OUT.xlsx]`: a 财政局/主管部门 reviewer's table of
//! many submissions (draft files and 自评表 spreadsheets), one row per project: the unit's own
//! 总分 beside the 复核分 the rules give. Files are read on every core (rayon); a file that cannot
//! be read gets its row with the reason, and the others go on.

use clap::Args;
use jixiao_core::money;
use jixiao_core::review::{ReviewRow, Submission};
use jixiao_office::review_xlsx::Reviewed;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct ReviewArgs {
    /// 草稿文件（.json）、自评表电子表格（.xlsx/.xls）或包含它们的文件夹，可以多个
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
    /// 同时写出复核汇总表（.xlsx）
    #[arg(long)]
    xlsx: Option<PathBuf>,
}

/// One row of the table: a project of a file, or the file and why it could not be read.
#[derive(serde::Serialize)]
struct Line {
    file: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    row: Option<ReviewRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Every reviewable file under the paths, in name order.
fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("json"))
            || crate::office::is_spreadsheet(&path)
            || paths.contains(&path)
        {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn review_file(path: &Path) -> Vec<Line> {
    let file = path.display().to_string();
    let submissions = if crate::office::is_spreadsheet(path) {
        match crate::office::load_spreadsheet(path) {
            Ok(drafts) => drafts.into_iter().map(|(name, draft)| Submission::read(name, draft)).collect(),
            Err(e) => vec![Submission::unreadable(file, e)],
        }
    } else {
        match std::fs::read(path) {
            Ok(bytes) => vec![Submission::from_draft_file(file, &bytes)],
            Err(e) => vec![Submission::unreadable(file, format!("无法读取文件：{e}"))],
        }
    };
    submissions
        .into_iter()
        .map(|s| match s.outcome {
            Ok(submitted) => Line { file: s.file, row: Some(submitted.row), error: None },
            Err(error) => Line { file: s.file, row: None, error: Some(error) },
        })
        .collect()
}

fn show(value: Option<jixiao_core::Decimal>, format: fn(jixiao_core::Decimal) -> String) -> String {
    value.map(format).unwrap_or_else(|| "—".into())
}

pub fn run(args: &ReviewArgs) -> ExitCode {
    let files = files(&args.paths);
    let lines: Vec<Line> = files.par_iter().flat_map_iter(|path| review_file(path)).collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        let _ = serde_json::to_writer_pretty(&mut out, &lines);
        let _ = writeln!(out);
    } else {
        let _ = writeln!(out, "文件\t实施单位\t项目名称\t全年预算数\t执行率\t自评分\t复核分\t差额\t等级\t错误\t警告");
        for line in &lines {
            match (&line.row, &line.error) {
                (Some(r), _) => {
                    let _ = writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        line.file,
                        r.unit,
                        r.project,
                        show(r.annual_budget, money::fixed2),
                        show(r.execution_rate, money::percent2),
                        if r.claimed_total.is_empty() { "—" } else { &r.claimed_total },
                        show(r.computed_total, money::fixed2),
                        show(r.difference, money::fixed2),
                        r.grade,
                        r.errors,
                        r.warnings
                    );
                }
                (None, error) => {
                    let _ = writeln!(out, "{}\t无法读取：{}", line.file, error.as_deref().unwrap_or(""));
                }
            }
        }
        let rows: Vec<&ReviewRow> = lines.iter().filter_map(|l| l.row.as_ref()).collect();
        let _ = writeln!(
            out,
            "合计：{} 个文件，{} 个项目，{} 个自评分与复核分不一致，{} 个有错误，{} 个文件无法读取",
            files.len(),
            rows.len(),
            rows.iter().filter(|r| r.claim_differs()).count(),
            rows.iter().filter(|r| r.errors > 0).count(),
            lines.iter().filter(|l| l.error.is_some()).count()
        );
    }
    let _ = out.flush();
    if let Some(path) = &args.xlsx {
        let reviewed: Vec<Reviewed> = lines
            .iter()
            .map(|l| Reviewed {
                file: &l.file,
                result: match (&l.row, &l.error) {
                    (Some(row), _) => Ok(row),
                    (None, error) => Err(error.as_deref().unwrap_or("")),
                },
            })
            .collect();
        let written = crate::office::export_date(&None)
            .and_then(|date| jixiao_office::review_xlsx::export(&reviewed, date).map_err(|e| e.to_string()))
            .and_then(|bytes| std::fs::write(path, bytes).map_err(|e| format!("无法写入文件：{e}")));
        if let Err(e) = written {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(2);
        }
        eprintln!("已写出复核汇总表 {}", path.display());
    }
    ExitCode::SUCCESS
}
