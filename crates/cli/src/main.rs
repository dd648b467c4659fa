//! `jixiao`: checks, scores and reports 绩效自评 draft files on the command line, with the same
//! engine as the app. A 财政局 reviewer can check a folder of submitted drafts with it.

mod office;
mod pdf;
mod render;
mod review;
mod targets;

use clap::{Parser, Subcommand};
use jixiao_core::file_format;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "jixiao", version, about = "绩效自评助手命令行：检查、计分、生成报告文字")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查草稿文件：资金、每项指标、小计、总分、等级和检查结果。退出码：0 无错误，1 有错误，2 文件无法读取
    Check {
        /// 草稿文件（.json）或自评表电子表格（.xlsx/.xls），可以多个；“-”表示从标准输入读取
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 输出由表格生成的自评报告文字
    Report {
        /// 草稿文件（.json）；“-”表示从标准输入读取
        file: PathBuf,
    },
    /// 输出内置示例草稿（西永街道办事处 2022 年应急管理项目）
    Example,
    /// 输出草稿文件的 JSON Schema
    Schema,
    /// 列出评分规则（地区口径）
    Profiles,
    /// 生成自评表和自评报告的 PDF。退出码：0 已生成，1 草稿无法排版（字体缺字、日期无效），2 文件无法读写
    Pdf(pdf::PdfArgs),
    /// 导入自评表电子表格（.xlsx/.xls）：列出每个字段来自哪个单元格，用 -o 写出草稿文件。退出码：0 已读出，1 不是可导入的自评表，2 文件无法读写
    Import(office::ImportArgs),
    /// 把草稿导出为自评表 Excel 文件（.xlsx，含公式）。退出码同 pdf
    Xlsx(office::ExportArgs),
    /// 把自评表和自评报告导出为 Word 文件（.docx），便于修改、盖章、打印。退出码同 pdf
    Docx(office::ExportArgs),
    /// 复核：读入多个草稿文件和自评表（或文件夹），每个项目一行：自评分、复核分、差额、等级、错误和警告数
    Review(review::ReviewArgs),
    /// 生成一个项目的复核意见表 PDF：各项指标的自评分、复核分和复核意见，复核发现的问题，总体复核意见和复核人。退出码同 pdf
    ReviewPdf(office::ExportArgs),
    /// 由本年度自评生成下一年度绩效目标草稿：同样的指标，指标值按本年度实际完成情况建议，设定偏低的逐项说明
    NextYear {
        /// 本年度的草稿文件（.json）或自评表（.xlsx/.xls）
        file: PathBuf,
        /// 写出的下一年度草稿文件
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 导出项目支出绩效目标申报表（PDF 和/或 Excel）：项目、年度资金、年度总体目标和三级指标的指标值，不含实际完成值和得分。退出码同 pdf
    Targets(targets::TargetsArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { files, json } => check(&files, json),
        Command::Report { file } => match load(&file) {
            Ok(draft) => {
                let eval = jixiao_core::evaluate(&draft);
                print!("{}", jixiao_core::report::generate(&draft, &eval).to_plain_text());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(2)
            }
        },
        Command::Example => {
            println!("{}", file_format::encode(&jixiao_core::example_draft()));
            ExitCode::SUCCESS
        }
        Command::Schema => {
            println!("{}", file_format::json_schema());
            ExitCode::SUCCESS
        }
        Command::Profiles => {
            print!("{}", render::profiles());
            ExitCode::SUCCESS
        }
        Command::Pdf(args) => pdf::run(&args, load),
        Command::Import(args) => office::run_import(&args),
        Command::Xlsx(args) => office::run_export(&args, load, office::xlsx),
        Command::Docx(args) => office::run_export(&args, load, office::docx),
        Command::Review(args) => review::run(&args),
        Command::ReviewPdf(args) => office::run_export(&args, load, pdf::review),
        Command::NextYear { file, output } => next_year(&file, &output),
        Command::Targets(args) => targets::run(&args, load),
    }
}

/// `jixiao next-year`: exit 0 written, 2 a file cannot be read or written.
fn next_year(file: &PathBuf, output: &PathBuf) -> ExitCode {
    let draft = match load(file) {
        Ok(draft) => draft,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let evaluation = jixiao_core::evaluate(&draft);
    let (next, suggestions) = jixiao_core::next_year::next_year(&draft, &evaluation);
    for s in &suggestions {
        println!("{}", s.line());
    }
    if suggestions.iter().any(|s| s.set_too_low) {
        println!("依据：{}", jixiao_core::next_year::RULE_SET_TOO_LOW);
    }
    match std::fs::write(output, file_format::encode(&next)) {
        Ok(()) => {
            eprintln!("已写出 {}（{}年度）", output.display(), next.project.year);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: 无法写入文件：{e}", output.display());
            ExitCode::from(2)
        }
    }
}

/// Reads and decodes one draft file ("-": standard input); the error names the file (and the
/// line when known), as `file:line: reason`.
fn load(path: &PathBuf) -> Result<jixiao_core::Draft, String> {
    let shown = path.display();
    if office::is_spreadsheet(path) {
        let mut drafts = office::load_spreadsheet(path)?;
        if drafts.len() > 1 {
            return Err(format!("{shown}: 工作簿中有{}个项目，请先用 jixiao import 分别导出草稿文件", drafts.len()));
        }
        return Ok(drafts.remove(0).1);
    }
    let text = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    let text = text.map_err(|e| format!("{shown}: 无法读取文件：{e}"))?;
    let text = String::from_utf8(text).map_err(|_| format!("{shown}: 文件不是 UTF-8 编码的文本"))?;
    file_format::decode(&text).map_err(|e| match e.line() {
        Some(line) => format!("{shown}:{line}: {e}"),
        None => format!("{shown}: {e}"),
    })
}

fn check(files: &[PathBuf], json: bool) -> ExitCode {
    use std::io::Write;
    let mut unreadable = 0;
    let mut with_errors = 0;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut entries = JsonArray::default();
    let loaded = files.iter().flat_map(|path| -> Vec<(String, Result<jixiao_core::Draft, String>)> {
        if office::is_spreadsheet(path) {
            match office::load_spreadsheet(path) {
                Ok(drafts) => drafts.into_iter().map(|(name, draft)| (name, Ok(draft))).collect(),
                Err(message) => vec![(path.display().to_string(), Err(message))],
            }
        } else {
            vec![(path.display().to_string(), load(path))]
        }
    });
    for (file, result) in loaded {
        match result {
            Ok(draft) => {
                let eval = jixiao_core::evaluate(&draft);
                if eval.findings.iter().any(|f| f.severity == jixiao_core::Severity::Error) {
                    with_errors += 1;
                }
                if json {
                    drop(draft);
                    // Serialized from the evaluation itself (as a JSON value it would take several
                    // times the memory of a large draft).
                    entries
                        .push(&mut out, &Checked { file: &file, summary: render::summary(&eval), evaluation: &eval });
                } else {
                    let _ = write!(out, "{}", render::check(&file, &draft, &eval));
                }
            }
            Err(message) => {
                unreadable += 1;
                if json {
                    entries.push(&mut out, &serde_json::json!({ "file": file, "error": message }));
                } else {
                    let _ = out.flush();
                    eprintln!("{message}");
                }
            }
        }
    }
    if json {
        entries.finish(&mut out);
    } else if files.len() > 1 {
        let _ = writeln!(out, "合计：{} 个文件，{} 个有错误，{} 个无法读取", files.len(), with_errors, unreadable);
    }
    let _ = out.flush();
    if unreadable > 0 {
        ExitCode::from(2)
    } else if with_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A JSON array written one entry at a time, as each file is checked: one tree of every
/// evaluation would take several times the memory of the drafts themselves.
#[derive(Default)]
struct JsonArray {
    written: usize,
}

impl JsonArray {
    fn push(&mut self, out: &mut impl std::io::Write, entry: &impl serde::Serialize) {
        let _ = out.write_all(if self.written == 0 { b"[\n" } else { b",\n" });
        let _ = serde_json::to_writer_pretty(&mut *out, entry);
        self.written += 1;
    }

    fn finish(self, out: &mut impl std::io::Write) {
        let _ = out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" });
    }
}

/// One checked file in `check --json`.
#[derive(serde::Serialize)]
struct Checked<'a> {
    file: &'a str,
    summary: serde_json::Value,
    evaluation: &'a jixiao_core::Evaluation,
}
