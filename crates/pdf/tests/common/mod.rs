//! Shared by the integration tests and the bench: the committed font, a long generated draft,
//! and running poppler's tools.
#![allow(dead_code)]

use jixiao_core::model::{ChildRow, Draft, Indicator, Level1};
use jixiao_pdf::{PdfDate, RenderOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const FONT: &[u8] = include_bytes!("../../../../fonts/NotoSerifSC-Regular.subset.ttf");

pub fn date() -> PdfDate {
    PdfDate::new(2023, 3, 31).expect("a valid date")
}

pub fn options() -> RenderOptions {
    RenderOptions::new(date())
}

pub fn render(draft: &Draft, options: &RenderOptions) -> Vec<u8> {
    let eval = jixiao_core::evaluate(draft);
    jixiao_pdf::render(draft, &eval, FONT, options).expect("the draft renders")
}

const SUBJECTS: &[&str] = &[
    "安全生产网格化",
    "企业监管巡查",
    "消防设施检查",
    "防汛物资储备",
    "地灾隐患巡查",
    "救援队伍培训",
    "交通安全劝导",
    "自建房排查",
    "森林防火宣传",
    "消防演练",
];

/// A long, realistic draft: `n` indicators (unique names of 8–12 characters, as real forms
/// have) over all three 一级 and their 二级, some targets missed with a 偏差原因, a few 定性,
/// detail rows under some. Deterministic.
pub fn long_draft(n: usize) -> Draft {
    let mut draft = jixiao_core::example_draft();
    draft.indicators.clear();
    let outputs = n * 3 / 5;
    let benefits = n * 3 / 10;
    let satisfaction = n - outputs - benefits;
    let plan = [
        (Level1::Output, outputs, 50.0, &["数量指标", "质量指标", "时效指标", "成本指标"][..]),
        (Level1::Benefit, benefits, 30.0, &["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"][..]),
        (Level1::Satisfaction, satisfaction, 10.0, &["服务对象满意度指标"][..]),
    ];
    let mut id: u32 = 0;
    for (level1, count, points, level2s) in plan {
        for k in 0..count {
            let subject = SUBJECTS[id as usize % SUBJECTS.len()];
            let kind = id as usize / SUBJECTS.len() % 6;
            id += 1;
            let level2 = level2s[k * level2s.len() / count.max(1)];
            let n = 10 + id;
            let (name, target, actual) = match (level1, kind) {
                (Level1::Satisfaction, _) => {
                    (format!("{subject}群众满意度"), "不低于90%".into(), format!("{}%", 88 + k % 5))
                }
                (_, 0) => (format!("{subject}次数"), format!("不低于{n}次"), format!("{n}次")),
                (_, 1) => (format!("{subject}覆盖社区数"), format!("≥{}个", 3 + id % 7), format!("{}个", 2 + id % 7)),
                (_, 2) => (format!("{subject}响应时间"), "不高于2小时".into(), "半小时内".into()),
                (_, 3) => (format!("{subject}长效机制"), "有效提升".into(), "明显改善，群众反映良好".into()),
                (_, 4) => (format!("{subject}完成率"), "100%".into(), format!("{}%", 96 + id % 5)),
                _ => (format!("{subject}资金"), format!("不高于{n}万元"), format!("{}.5万元", n - 1)),
            };
            let missed = matches!(kind, 1 | 4) && id.is_multiple_of(3);
            let deviation = if missed {
                "受汛期持续强降雨及疫情防控任务叠加影响，部分计划工作顺延至次年一季度。下一步将提前谋划、细化分解任务，按月调度进度，确保按期完成。"
            } else {
                ""
            };
            let mut indicator = Indicator {
                id,
                level1,
                level2: level2.to_string(),
                name,
                target,
                actual,
                weight: format!("{:.2}", points / count as f64),
                deviation: deviation.to_string(),
                ..Indicator::default()
            };
            if kind == 3 {
                indicator.tier = Some(jixiao_core::model::Tier::Achieved);
            }
            if id.is_multiple_of(17) {
                indicator.children = vec![
                    ChildRow { name: "水稻".into(), target: "12亩".into(), actual: "12亩".into() },
                    ChildRow { name: "玉米".into(), target: "17.5亩".into(), actual: "17.5亩".into() },
                ];
            }
            draft.indicators.push(indicator);
        }
    }
    draft
}

pub fn target_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jixiao-pdf");
    std::fs::create_dir_all(&dir).expect("a writable target dir");
    dir
}

/// Writes `pdf` to the test's temporary directory and returns the path.
pub fn write(name: &str, pdf: &[u8]) -> PathBuf {
    let path = target_dir().join(name);
    std::fs::write(&path, pdf).expect("a writable target dir");
    path
}

/// Runs a poppler tool; panics with its output when it fails or is missing.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed (poppler-utils: scripts/setup.sh test installs it): {e}"));
    assert!(out.status.success(), "{tool} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("poppler writes UTF-8")
}

/// The seed's report as it was when the visual references were made
/// (tests/fixtures/seed-report.txt, from `cargo run -p jixiao-pdf --example report_text`), so that
/// the core rewording a sentence does not move the reference pages.
pub fn frozen_seed_report() -> jixiao_core::Report {
    use jixiao_core::report::{Block, BlockKind};
    let text = include_str!("../fixtures/seed-report.txt");
    let mut lines = text.lines();
    let title = lines.next().expect("a title line").to_string();
    let blocks = lines
        .enumerate()
        .map(|(k, line)| {
            let (kind, text) = match line.strip_prefix('#').and_then(|l| l.split_once(' ')) {
                Some((level, text)) => (BlockKind::Heading { level: level.parse().expect("#N") }, text),
                None => (BlockKind::Paragraph, line),
            };
            Block { kind, key: format!("frozen-{k}"), text: text.to_string(), generated: false, edited: false }
        })
        .collect();
    jixiao_core::Report { title, blocks }
}

/// The seed example as PDF with its frozen report.
pub fn render_frozen_seed(options: &RenderOptions) -> Vec<u8> {
    let draft = jixiao_core::example_draft();
    let eval = jixiao_core::evaluate(&draft);
    let pages = jixiao_pdf::layout_with_report(&draft, &eval, &frozen_seed_report(), FONT, options).expect("lays out");
    jixiao_pdf::paint(&pages, FONT).expect("paints")
}

/// Finds each needle of a PDF's text after the previous one; returns where the last one ends.
pub fn in_order(haystack: &str, from: usize, needles: &[&str]) -> usize {
    let mut at = from;
    for needle in needles {
        let found = haystack[at..].find(needle).unwrap_or_else(|| {
            let context: String = haystack[at..].chars().take(200).collect();
            panic!("{needle:?} not found in order after: {context}")
        });
        at += found + needle.len();
    }
    at
}
