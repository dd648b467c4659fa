//! `jixiao pdf DRAFT.json -o OUT.pdf [--date YYYY-MM-DD] [--watermark] [--signature]`: the 自评表
//! and 自评报告 as a PDF, set in the font committed under fonts/ (compiled in, so the binary
//! needs no files beside it). The same draft and date always give the same bytes.

use clap::Args;
use jixiao_core::Draft;
use jixiao_pdf::{PdfDate, RenderOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) const FONT: &[u8] = include_bytes!("../../../fonts/NotoSerifSC-Regular.subset.ttf");

#[derive(Args)]
pub struct PdfArgs {
    /// 草稿文件（.json）；“-”表示从标准输入读取
    file: PathBuf,
    /// 输出的 PDF 文件；“-”表示写到标准输出
    #[arg(short, long)]
    output: PathBuf,
    #[command(flatten)]
    options: PdfOptions,
}

/// How a PDF is made, for every command that writes one.
#[derive(Args)]
pub struct PdfOptions {
    /// 写入文件的创建日期（YYYY-MM-DD），默认为今天（北京时间）
    #[arg(long)]
    date: Option<String>,
    /// PDF 每页加“草稿”水印
    #[arg(long)]
    watermark: bool,
    /// PDF 表格后加填报人、审核人、填报日期签字栏
    #[arg(long)]
    signature: bool,
}

impl PdfOptions {
    /// The render options, or why the date cannot be used.
    pub(crate) fn render_options(&self) -> Result<RenderOptions, jixiao_pdf::PdfError> {
        let creation_date = match &self.date {
            Some(text) => text.parse()?,
            None => today(),
        };
        Ok(RenderOptions { creation_date, watermark: self.watermark, signature_line: self.signature })
    }
}

/// Exit codes: 0 written, 1 the draft cannot be set (a character the font lacks, a bad
/// date), 2 a file cannot be read or written.
pub fn run(args: &PdfArgs, load: impl Fn(&PathBuf) -> Result<Draft, String>) -> ExitCode {
    let draft = match load(&args.file) {
        Ok(draft) => draft,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let pdf = args.options.render_options().and_then(|options| pdf(&draft, &options));
    let (bytes, pages) = match pdf {
        Ok(done) => done,
        Err(e) => {
            eprintln!("{}: {e}", args.file.display());
            return ExitCode::from(1);
        }
    };
    match write(&args.output, &bytes) {
        Ok(()) => {
            eprintln!("已生成 {}：{pages} 页，{} 字节", args.output.display(), bytes.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: 无法写入文件：{e}", args.output.display());
            ExitCode::from(2)
        }
    }
}

/// The PDF and its page count.
fn pdf(draft: &Draft, options: &RenderOptions) -> Result<(Vec<u8>, usize), jixiao_pdf::PdfError> {
    let eval = jixiao_core::evaluate(draft);
    let pages = jixiao_pdf::layout(draft, &eval, FONT, options)?;
    Ok((jixiao_pdf::paint(&pages, FONT)?, pages.pages.len()))
}

/// `jixiao review-pdf`: the reviewer's 复核意见表 of one project, dated as asked.
pub fn review(draft: &Draft, date: jixiao_office::xlsx::ExportDate) -> Result<Vec<u8>, String> {
    let date = PdfDate::new(date.year, date.month, date.day).map_err(|e| e.to_string())?;
    jixiao_pdf::render_review(draft, FONT, &RenderOptions::new(date)).map_err(|e| e.to_string())
}

pub(crate) fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()
    } else {
        std::fs::write(path, bytes)
    }
}

/// Today in Beijing time (the PDF writes its dates at +08:00).
pub(crate) fn today() -> PdfDate {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil((seconds + 8 * 3600) / 86_400)
}

/// The calendar date `days` after 1970-01-01.
fn civil(days: u64) -> PdfDate {
    let (year, month, day) = jixiao_core::calendar::civil_from_days(days as i64);
    PdfDate::new(year as u16, month as u8, day as u8).expect("a computed calendar date is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_from_days() {
        assert_eq!(civil(0).to_string(), "1970-01-01");
        assert_eq!(civil(19_447).to_string(), "2023-03-31");
        assert_eq!(civil(19_782).to_string(), "2024-02-29");
        assert_eq!(civil(20_818).to_string(), "2026-12-31");
    }

    #[test]
    fn the_example_gives_the_same_bytes_for_the_same_date() {
        let draft = jixiao_core::example_draft();
        let options = RenderOptions::new("2023-03-31".parse().unwrap());
        let (first, pages) = pdf(&draft, &options).unwrap();
        assert!(first.starts_with(b"%PDF-") && pages >= 3);
        assert!(first == pdf(&draft, &options).unwrap().0);
    }

    #[test]
    fn writes_the_file_and_reports_bad_input() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("out.pdf");
        let args = |date: Option<&str>| PdfArgs {
            file: "example.json".into(),
            output: output.clone(),
            options: PdfOptions { date: date.map(str::to_string), watermark: true, signature: false },
        };
        let example = |_: &PathBuf| Ok(jixiao_core::example_draft());
        assert_eq!(run(&args(Some("2023-03-31")), example), ExitCode::SUCCESS);
        assert!(std::fs::read(&output).unwrap().starts_with(b"%PDF-"));
        assert_eq!(run(&args(Some("2023-02-30")), example), ExitCode::from(1));
        let mut odd = jixiao_core::example_draft();
        odd.project.name = "𰻞".into();
        assert_eq!(run(&args(None), |_: &PathBuf| Ok(odd.clone())), ExitCode::from(1));
        assert_eq!(run(&args(None), |_: &PathBuf| Err("坏文件".to_string())), ExitCode::from(2));
    }
}
