//! Office files on the command line: `jixiao import FILE.xlsx [-o DRAFT.json]`,
//! `jixiao xlsx DRAFT.json -o OUT.xlsx` and `jixiao docx DRAFT.json -o OUT.docx`, on the same code
//! as the app's worker (crates/office).

use clap::Args;
use jixiao_core::{file_format, Draft};
use jixiao_office::import::{import, ImportedDraft};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct ImportArgs {
    /// 自评表电子表格（.xlsx 或 .xls）
    file: PathBuf,
    /// 写出的草稿文件（.json）。工作簿中有多个项目时，依次写为 名称-2.json、名称-3.json …
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// 以 JSON 输出对应关系（每个字段来自哪个单元格）
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ExportArgs {
    /// 草稿文件（.json 或 .xlsx）；“-”表示从标准输入读取
    file: PathBuf,
    /// 输出文件
    #[arg(short, long)]
    output: PathBuf,
    /// 写入文件的创建日期（YYYY-MM-DD），默认为今天（北京时间）
    #[arg(long)]
    date: Option<String>,
}

/// Whether a path names a spreadsheet (read with the importer rather than as a draft file).
pub fn is_spreadsheet(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(jixiao_core::imported::is_spreadsheet_name)
}

/// Every draft in a spreadsheet, each named `file#sheet`.
pub fn load_spreadsheet(path: &Path) -> Result<Vec<(String, Draft)>, String> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: 无法读取文件：{e}"))?;
    let imported = import(&bytes).map_err(|e| format!("{shown}: {e}"))?;
    Ok(imported.drafts.into_iter().map(|d| (format!("{shown}#{}", d.sheets[0]), d.draft)).collect())
}

pub fn run_import(args: &ImportArgs) -> ExitCode {
    let shown = args.file.display();
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{shown}: 无法读取文件：{e}");
            return ExitCode::from(2);
        }
    };
    let imported = match import(&bytes) {
        Ok(imported) => imported,
        Err(e) => {
            eprintln!("{shown}: {e}");
            return ExitCode::from(1);
        }
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&imported).unwrap_or_default());
    } else {
        for draft in &imported.drafts {
            print!("{}", mapping(draft));
        }
        for sheet in &imported.sheets_without_form {
            println!("工作表“{sheet}”中没有自评表，未导入。");
        }
    }
    let Some(output) = &args.output else {
        if !args.json {
            println!("（未写出草稿文件：用 -o 指定文件名）");
        }
        return ExitCode::SUCCESS;
    };
    for (k, draft) in imported.drafts.iter().enumerate() {
        let path = numbered(output, k);
        if let Err(e) = std::fs::write(&path, file_format::encode(&draft.draft)) {
            eprintln!("{}: 无法写入文件：{e}", path.display());
            return ExitCode::from(2);
        }
        eprintln!("已写出 {}（{}）", path.display(), draft.sheets.join("、"));
    }
    ExitCode::SUCCESS
}

/// `out.json`, `out-2.json`, `out-3.json` …
fn numbered(path: &Path, k: usize) -> PathBuf {
    if k == 0 {
        return path.to_path_buf();
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("draft");
    let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("json");
    path.with_file_name(format!("{stem}-{}.{ext}", k + 1))
}

/// The preview as text: each field with its cell, what was kept, skipped, and what to check.
pub fn mapping(imported: &ImportedDraft) -> String {
    let mut out = String::new();
    let d = &imported.draft;
    let _ = writeln!(out, "== {}（工作表：{}）", d.project.name, imported.sheets.join("、"));
    let _ = writeln!(out, "评分口径：{}（{}）", d.profile, imported.profile_reason);
    for placed in &imported.placed {
        let _ = writeln!(out, "  {:<12} ← {:<14} {}", placed.field, placed.cell, one_line(&placed.text));
    }
    if !imported.kept_in_notes.is_empty() {
        let _ = writeln!(out, "未能归入字段、已记入备注：");
        for kept in &imported.kept_in_notes {
            let _ = writeln!(out, "  {:<14} {}", kept.cell, one_line(&kept.text));
        }
    }
    if !imported.skipped.is_empty() {
        let _ = writeln!(out, "跳过的模板占位行：");
        for skipped in &imported.skipped {
            let _ = writeln!(out, "  {:<14} {}", skipped.cell, one_line(&skipped.text));
        }
    }
    if !imported.warnings.is_empty() {
        let _ = writeln!(out, "请核对：");
        for warning in &imported.warnings {
            let _ = writeln!(out, "  {:<14} {}", warning.cell, warning.message);
        }
    }
    let evaluation = jixiao_core::evaluate(d);
    let _ = writeln!(out, "总分：{}　等级：{}", evaluation.total_shown(), evaluation.grade_shown());
    out
}

fn one_line(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 40 {
        format!("{}…", flat.chars().take(40).collect::<String>())
    } else {
        flat
    }
}

pub fn export_date(date: &Option<String>) -> Result<jixiao_office::xlsx::ExportDate, String> {
    let date: jixiao_pdf::PdfDate = match date {
        Some(text) => text.parse().map_err(|e: jixiao_pdf::PdfError| e.to_string())?,
        None => crate::pdf::today(),
    };
    Ok(jixiao_office::xlsx::ExportDate { year: date.year, month: date.month, day: date.day })
}

/// `jixiao xlsx` / `jixiao docx`: exit 0 written, 1 cannot be made, 2 a file cannot be read or written.
pub fn run_export(
    args: &ExportArgs,
    load: impl Fn(&PathBuf) -> Result<Draft, String>,
    make: impl Fn(&Draft, jixiao_office::xlsx::ExportDate) -> Result<Vec<u8>, String>,
) -> ExitCode {
    let draft = match load(&args.file) {
        Ok(draft) => draft,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let bytes = match export_date(&args.date).and_then(|date| make(&draft, date)) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("{}: {message}", args.file.display());
            return ExitCode::from(1);
        }
    };
    match crate::pdf::write(&args.output, &bytes) {
        Ok(()) => {
            eprintln!("已生成 {}：{} 字节", args.output.display(), bytes.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: 无法写入文件：{e}", args.output.display());
            ExitCode::from(2)
        }
    }
}

pub fn xlsx(draft: &Draft, date: jixiao_office::xlsx::ExportDate) -> Result<Vec<u8>, String> {
    let evaluation = jixiao_core::evaluate(draft);
    jixiao_office::xlsx::export(draft, &evaluation, date).map_err(|e| e.to_string())
}

pub fn docx(draft: &Draft, date: jixiao_office::xlsx::ExportDate) -> Result<Vec<u8>, String> {
    let evaluation = jixiao_core::evaluate(draft);
    jixiao_office::docx::export(draft, &evaluation, date).map_err(|e| e.to_string())
}
