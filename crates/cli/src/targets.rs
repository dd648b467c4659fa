//! `jixiao targets FILE [--pdf OUT.pdf] [--xlsx OUT.xlsx] [--date YYYY-MM-DD]`: the
//! 项目支出绩效目标申报表 of a draft (typically next year's, from `jixiao next-year`) as a PDF, an
//! .xlsx, or both, on the same code as the app (crates/pdf, crates/office).

use crate::pdf::{write, PdfOptions, FONT};
use clap::{ArgGroup, Args};
use jixiao_core::Draft;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
#[command(group(ArgGroup::new("outputs").required(true).multiple(true).args(["pdf", "xlsx"])))]
pub struct TargetsArgs {
    /// 草稿文件（.json，例如 jixiao next-year 写出的下一年度草稿）或自评表（.xlsx/.xls）；“-”表示从标准输入读取
    file: PathBuf,
    /// 输出的 PDF 文件
    #[arg(long, value_name = "OUT.pdf")]
    pdf: Option<PathBuf>,
    /// 输出的 Excel 文件（.xlsx）
    #[arg(long, value_name = "OUT.xlsx")]
    xlsx: Option<PathBuf>,
    #[command(flatten)]
    options: PdfOptions,
}

/// Exit codes: 0 written, 1 the form cannot be made (a character the font lacks, a bad date),
/// 2 a file cannot be read or written. Nothing is written unless every file asked for can be made.
pub fn run(args: &TargetsArgs, load: impl Fn(&PathBuf) -> Result<Draft, String>) -> ExitCode {
    let draft = match load(&args.file) {
        Ok(draft) => draft,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let files = match make(args, &draft) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("{}: {message}", args.file.display());
            return ExitCode::from(1);
        }
    };
    for (path, bytes) in files {
        if let Err(e) = write(path, &bytes) {
            eprintln!("{}: 无法写入文件：{e}", path.display());
            return ExitCode::from(2);
        }
        eprintln!("已生成 {}：{} 字节", path.display(), bytes.len());
    }
    ExitCode::SUCCESS
}

/// Each output asked for, with its bytes.
fn make<'a>(args: &'a TargetsArgs, draft: &Draft) -> Result<Vec<(&'a Path, Vec<u8>)>, String> {
    let options = args.options.render_options().map_err(|e| e.to_string())?;
    let date = options.creation_date;
    let mut files = Vec::new();
    if let Some(path) = &args.pdf {
        let pdf = jixiao_pdf::render_targets(draft, FONT, &options).map_err(|e| e.to_string())?;
        files.push((path.as_path(), pdf));
    }
    if let Some(path) = &args.xlsx {
        let date = jixiao_office::xlsx::ExportDate { year: date.year, month: date.month, day: date.day };
        let evaluation = jixiao_core::evaluate(draft);
        let xlsx = jixiao_office::targets_xlsx::export(draft, &evaluation, date).map_err(|e| e.to_string())?;
        files.push((path.as_path(), xlsx));
    }
    Ok(files)
}
