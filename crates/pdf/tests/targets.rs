//! The 项目支出绩效目标申报表 PDF: its text read back with lopdf, and its laid-out pages.

mod common;

use jixiao_core::model::{ChildRow, Draft};
use jixiao_pdf::pages::{Item, Pages, TextRun};
use jixiao_pdf::PdfError;
use lopdf::Document;

fn lay_out(draft: &Draft) -> Pages {
    jixiao_pdf::layout_targets(draft, common::FONT, &common::options()).expect("lays out")
}

/// Every page's text as lopdf extracts it (through the font's ToUnicode map), white space and page
/// numbers removed so that a text wrapped over lines or pages reads as one.
fn pdf_text(draft: &Draft) -> (String, usize) {
    let pdf = jixiao_pdf::render_targets(draft, common::FONT, &common::options()).expect("renders");
    assert!(pdf.starts_with(b"%PDF-"));
    let doc = Document::load_mem(&pdf).expect("lopdf reads it");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("lopdf extracts the text");
    let mut text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // Each page's number is drawn last on it: out of the way of a text continued on the next page.
    for n in 1..=pages.len() {
        text = text.replacen(&format!("第{n}页共{}页", pages.len()), "", 1);
    }
    (text, pages.len())
}

fn is_footer(run: &TextRun) -> bool {
    run.text().starts_with("第 ") && run.text().ends_with(" 页")
}

fn next_year_draft() -> Draft {
    let this_year = jixiao_core::example_draft();
    jixiao_core::next_year::next_year(&this_year, &jixiao_core::evaluate(&this_year)).0
}

#[test]
fn the_pdf_reads_back_with_title_year_funds_and_every_target() {
    let draft = jixiao_core::example_draft();
    let (text, pages) = pdf_text(&draft);
    assert_eq!(pages, 1, "the example's form fits a page");
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in {text}"));
    assert!(at("项目支出绩效目标申报表") < at("（2022年度）"));
    assert!(at("（2022年度）") < at("项目名称") && at("项目名称") < at("应急管理项目"));
    for label in ["主管部门", "高新区财政局", "实施单位", "西永街道办事处", "项目负责人", "联系电话"]
    {
        at(label);
    }
    // 年度资金总额 as the engine sums the three sources' 全年预算数.
    let total = jixiao_core::evaluate(&draft).funds.total.annual_budget.unwrap();
    assert!(text.contains(&format!("年度资金总额{}", jixiao_core::money::fixed2(total))), "{text}");
    assert!(text.contains("其中：财政拨款50.00") && text.contains("上年结转") && text.contains("其他资金"));
    assert!(text.contains(&format!("年度总体目标{}", draft.goals.expected.trim())));
    assert!(at("年度总体目标") < at("一级指标"));
    // Row by row; merged cells (绩效指标, 产出指标 …) are drawn after the rows they cover.
    assert!(text.contains("一级指标二级指标三级指标指标值"), "{text}");
    // 产出指标 is one cell over its eight rows: printed once, beside the first of them.
    assert_eq!(text.matches("产出指标").count(), 1);
    assert_eq!(text.matches("数量指标").count(), 1);
    for ind in &draft.indicators {
        assert!(text.contains(ind.target.trim()), "指标值 {} in {text}", ind.target);
    }
    // A target form: no actuals, no scores.
    for absent in ["实际完成值", "分值", "得分", "总分", "偏差原因", "9家"] {
        assert!(!text.contains(absent), "{absent} is not on the form");
    }
}

#[test]
fn the_merged_first_level_cell_spans_its_rows() {
    let draft = jixiao_core::example_draft();
    let pages = lay_out(&draft);
    let page = &pages.pages[0];
    let run = page.texts().find(|r| r.text() == "产出指标").expect("产出指标 is drawn");
    // The frame the label is drawn in.
    let frame = page
        .items
        .iter()
        .find_map(|i| match *i {
            Item::Frame { x, y, width, height, .. }
                if x <= run.x && run.right() <= x + width && y <= run.baseline && run.baseline <= y + height =>
            {
                Some((y, y + height))
            }
            _ => None,
        })
        .expect("a frame around 产出指标");
    let outputs = draft.indicators.iter().filter(|i| i.level1 == jixiao_core::model::Level1::Output);
    let mut count = 0;
    for ind in outputs {
        let target = page.texts().find(|r| r.text() == ind.target.trim()).expect("the target is one line");
        assert!(frame.0 < target.baseline && target.baseline < frame.1, "{} beside 产出指标", ind.name);
        count += 1;
    }
    assert_eq!(count, 8);
    let benefit = page.texts().find(|r| r.text() == "效益指标").unwrap();
    assert!(benefit.baseline > frame.1, "the next 一级 starts below");
}

#[test]
fn next_years_draft_has_blank_money_and_its_own_year() {
    let draft = next_year_draft();
    let pages = lay_out(&draft);
    let page = &pages.pages[0];
    let texts: Vec<String> = page.texts().map(TextRun::text).collect();
    assert_eq!(texts[..2], ["项目支出绩效目标申报表", "（2023年度）"]);
    // The four money rows hold their labels and nothing else.
    let run = |s: &str| page.texts().find(|r| r.text() == s).unwrap_or_else(|| panic!("{s}"));
    let (first, last) = (run("年度资金总额"), run("其他资金").baseline);
    // Right of the 项目资金（万元） label: the row names and the amounts.
    let funds: Vec<String> = page
        .texts()
        .filter(|r| first.baseline - 0.1 <= r.baseline && r.baseline <= last + 0.1 && r.x >= first.x - 0.1)
        .map(TextRun::text)
        .collect();
    assert_eq!(funds, ["年度资金总额", "其中：财政拨款", "上年结转", "其他资金"], "labels only, no figures");
    let (text, _) = pdf_text(&draft);
    for ind in &draft.indicators {
        assert!(text.contains(ind.target.trim()), "next year's 指标值 {} in {text}", ind.target);
    }
}

#[test]
fn a_long_goal_wraps_over_pages_and_loses_nothing() {
    let mut draft = jixiao_core::example_draft();
    let goal: String =
        (1..=80).map(|k| format!("第{k}项：完成辖区安全生产网格化巡查，消除重大隐患，提升应急处置能力。")).collect();
    draft.goals.expected = goal.clone();
    let pages = lay_out(&draft);
    assert!(pages.pages.len() >= 2, "{} pages", pages.pages.len());
    // The goal's lines all start at one x: collect them over the pages.
    let x = pages.pages[0].texts().find(|r| r.text().starts_with("第1项")).expect("starts on page 1").x;
    let mut collected = String::new();
    let mut on = Vec::new();
    let runs = pages.pages.iter().enumerate().flat_map(|(n, p)| p.texts().map(move |r| (n, r)));
    // The project and money rows above share the column's x.
    let goal_runs = runs.skip_while(|(_, r)| !r.text().starts_with("第1项"));
    for (n, run) in goal_runs.filter(|(_, r)| (r.x - x).abs() < 0.01 && !is_footer(r)) {
        collected.push_str(&run.text());
        if on.last() != Some(&n) {
            on.push(n);
        }
    }
    assert_eq!(collected, goal, "every character, in order");
    assert!(on.len() >= 2, "continued on the next page: {on:?}");
    // Then the indicator table follows, whole.
    let (text, _) = pdf_text(&draft);
    // The merged 项目资金（万元） is drawn after the rows of its page, the goal's first part among them.
    let text = text.replacen("项目资金（万元）", "", 1);
    assert!(text.contains(&goal), "lopdf reads the goal whole: {text}");
    assert!(text.find(&goal).unwrap() < text.find("一级指标").unwrap());
    for ind in &draft.indicators {
        assert!(text.contains(ind.target.trim()));
    }
    for (n, page) in pages.pages.iter().enumerate() {
        let footer: Vec<String> = page.texts().filter(|r| is_footer(r)).map(TextRun::text).collect();
        assert_eq!(footer, [format!("第 {} 页 共 {} 页", n + 1, pages.pages.len())]);
    }
}

#[test]
fn detail_rows_and_a_long_table_continue_over_pages() {
    let mut draft = common::long_draft(60);
    draft.indicators[0].children =
        vec![ChildRow { name: "水稻".into(), target: "12亩".into(), actual: "11亩".into() }, ChildRow::default()];
    let pages = lay_out(&draft);
    assert!(pages.pages.len() >= 2);
    let all: Vec<String> = pages.pages.iter().flat_map(|p| p.texts()).map(TextRun::text).collect();
    assert!(all.iter().any(|t| t == "其中：水稻") && all.iter().any(|t| t == "12亩"));
    assert!(!all.iter().any(|t| t == "11亩"), "a detail row's actual is not printed");
    for page in &pages.pages[1..] {
        let has = |s: &str| page.texts().any(|t| t.text() == s);
        assert!(has("三级指标") && has("指标值") && has("绩效指标"), "the column headers repeat");
    }
    let (text, _) = pdf_text(&draft);
    for ind in &draft.indicators {
        assert!(text.contains(ind.target.trim()), "{}", ind.target);
    }
}

#[test]
fn characters_missing_from_the_font_are_named_only_where_printed() {
    let mut draft = jixiao_core::example_draft();
    draft.indicators[2].target = "不低于18次😀".into();
    let err = jixiao_pdf::layout_targets(&draft, common::FONT, &common::options()).unwrap_err();
    let PdfError::MissingGlyphs(missing) = &err else { panic!("{err:?}") };
    assert_eq!(missing[0].ch, '😀');
    assert_eq!(missing[0].places[0].label, "指标3「企业安全生产监管巡查次数」的年度指标值");
    // Fields this form does not print do not stop it.
    let mut draft = jixiao_core::example_draft();
    draft.indicators[2].actual = "20次😀".into();
    draft.indicators[2].deviation = "𰻞".into();
    draft.goals.actual = "𰻞".into();
    draft.funds.current_year.executed = "𰻞".into();
    assert!(jixiao_pdf::render_targets(&draft, common::FONT, &common::options()).is_ok());
}

#[test]
fn an_empty_draft_with_every_option_still_lays_out_in_the_font() {
    // Every fixed text of the form (申报 …), the footer, watermark and signature line are in the
    // subset font: the last check of the layout would name any that is not.
    let mut options = common::options();
    options.watermark = true;
    options.signature_line = true;
    let pages = jixiao_pdf::layout_targets(&Draft::default(), common::FONT, &options).expect("lays out");
    let texts: Vec<String> = pages.pages[0].texts().map(TextRun::text).collect();
    for fixed in ["草稿", "项目支出绩效目标申报表", "（\u{3000}\u{3000}\u{3000}\u{3000}年度）", "填报人：", "审核人："]
    {
        assert!(texts.iter().any(|t| t == fixed), "{fixed} in {texts:?}");
    }
    assert_eq!(pages.info.title, "绩效目标申报表");
}
