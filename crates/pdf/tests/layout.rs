//! The laid-out pages, checked without any PDF: where things are, that nothing is lost or
//! leaves the text block, and how tables continue over pages.

mod common;

use jixiao_core::model::Draft;
use jixiao_pdf::pages::{Item, Pages, TextRun};
use jixiao_pdf::{PdfError, RenderOptions};

const MM: f32 = 72.0 / 25.4;
// GB/T 9704-2012: 天头 37 mm, 订口 28 mm, text block 156 × 225 mm.
const LEFT: f32 = 28.0 * MM;
const RIGHT: f32 = LEFT + 156.0 * MM;
const TOP: f32 = 37.0 * MM;
const BOTTOM: f32 = TOP + 225.0 * MM;
const SLACK: f32 = 0.05;

fn lay_out_with(draft: &Draft, options: &RenderOptions) -> Result<Pages, PdfError> {
    jixiao_pdf::layout(draft, &jixiao_core::evaluate(draft), common::FONT, options)
}

fn lay_out(draft: &Draft) -> Pages {
    lay_out_with(draft, &common::options()).expect("lays out")
}

fn is_footer(run: &TextRun) -> bool {
    run.text().starts_with("第 ") && run.text().ends_with(" 页")
}

/// Pages of the table: those before the report's title.
fn table_pages(pages: &Pages) -> usize {
    pages.pages.iter().position(|p| p.texts().any(|t| t.text().ends_with("绩效自评报告"))).expect("a report")
}

#[test]
fn everything_stays_inside_the_text_block() {
    for draft in [jixiao_core::example_draft(), common::long_draft(60)] {
        let pages = lay_out(&draft);
        for (n, page) in pages.pages.iter().enumerate() {
            for item in &page.items {
                match item {
                    Item::Text(run) if is_footer(run) => assert!(run.baseline > BOTTOM, "footer below the block"),
                    Item::Text(run) => {
                        assert!(run.x >= LEFT - SLACK && run.right() <= RIGHT + SLACK, "page {n}: {run:?}");
                        assert!(run.baseline - run.size >= TOP - SLACK && run.baseline <= BOTTOM, "page {n}: {run:?}");
                    }
                    Item::Frame { x, y, width, height, .. } => {
                        assert!(*x >= LEFT - SLACK && x + width <= RIGHT + SLACK, "page {n}: {item:?}");
                        assert!(*y >= TOP - SLACK && y + height <= BOTTOM + SLACK, "page {n}: {item:?}");
                    }
                    Item::Rule { .. } => {}
                }
            }
        }
    }
}

#[test]
fn every_page_is_numbered() {
    let pages = lay_out(&jixiao_core::example_draft());
    let count = pages.pages.len();
    assert!(count >= 3, "a table page and report pages");
    for (n, page) in pages.pages.iter().enumerate() {
        let footers: Vec<String> = page.texts().filter(|r| is_footer(r)).map(TextRun::text).collect();
        assert_eq!(footers, [format!("第 {} 页 共 {count} 页", n + 1)]);
    }
}

#[test]
fn title_and_year_head_the_form() {
    let mut draft = jixiao_core::example_draft();
    draft.project.year = "2023年度".into();
    let pages = lay_out(&draft);
    let texts: Vec<String> = pages.pages[0].texts().take(2).map(TextRun::text).collect();
    assert_eq!(texts, ["项目支出绩效自评表", "（2023年度）"]);
    assert!(pages.pages[0].texts().next().unwrap().bold);
    assert_eq!((pages.info.title.as_str(), pages.info.author.as_str()), ("应急管理项目绩效自评", "西永街道办事处"));
}

/// The text of every run on the table pages, in the order drawn (cell by cell, row by row).
fn table_text(pages: &Pages) -> String {
    pages.pages[..table_pages(pages)]
        .iter()
        .flat_map(|p| p.texts())
        .filter(|r| !is_footer(r))
        .map(TextRun::text)
        .collect()
}

#[test]
fn every_indicator_row_is_in_the_table_cell_by_cell() {
    let draft = common::long_draft(60);
    let eval = jixiao_core::evaluate(&draft);
    let pages = lay_out(&draft);
    let text = table_text(&pages);
    for (ind, row) in draft.indicators.iter().zip(&eval.indicators) {
        let weight = jixiao_core::money::fixed2(row.weight.clone().unwrap().unwrap());
        let score = row.score.show(jixiao_core::money::fixed2);
        let cells = format!("{}{}{}{weight}{score}", ind.name, ind.target, ind.actual);
        assert_eq!(text.matches(&cells).count(), 1, "indicator {} ({cells}) once, cell by cell", ind.id);
    }
    // 偏差原因 (some rows broken over two pages): the column holds them all, in order, whole.
    let first = draft.indicators.iter().find(|i| !i.deviation.is_empty()).unwrap();
    let start: String = first.deviation.chars().take(5).collect();
    let x = pages.pages.iter().flat_map(|p| p.texts()).find(|r| r.text().starts_with(&start)).unwrap().x;
    let column: String = pages.pages[..table_pages(&pages)]
        .iter()
        .flat_map(|p| p.texts())
        .filter(|r| (r.x - x).abs() < 0.01)
        .map(TextRun::text)
        .collect();
    let all: String = draft.indicators.iter().map(|i| i.deviation.as_str()).collect();
    assert_eq!(column, all);
}

#[test]
fn a_long_table_repeats_its_headers_and_continues_merged_cells() {
    let pages = lay_out(&common::long_draft(60));
    let n = table_pages(&pages);
    assert!(n >= 3, "60 indicators take several pages, got {n}");
    for (k, page) in pages.pages[..n].iter().enumerate().skip(1) {
        let texts: Vec<String> = page.texts().map(TextRun::text).collect();
        let has = |s: &str| texts.iter().any(|t| t == s);
        assert!(has("三级指标") && has("年度指标值") && has("实际完成值"), "page {}: column headers repeated", k + 1);
        assert!(has("绩效指标"), "page {}: the 绩效指标 cell continues", k + 1);
        let joined = texts.concat();
        assert!(
            ["产出指标", "效益指标", "满意度指标"].iter().any(|l| joined.contains(l)),
            "page {}: the 一级 cell continues with its label",
            k + 1
        );
        // The headers come first on the page, right at the top of the text block.
        let first_frame = page.items.iter().find_map(|i| match i {
            Item::Frame { y, .. } => Some(*y),
            _ => None,
        });
        assert!((first_frame.unwrap() - TOP).abs() < SLACK, "page {}: the table starts at the top", k + 1);
    }
    // 「总分」 closes the table on its last page.
    assert!(pages.pages[n - 1].texts().any(|t| t.text() == "总分"));
}

#[test]
fn a_row_taller_than_a_page_is_broken_between_lines_and_loses_nothing() {
    let mut draft = jixiao_core::example_draft();
    let long: String = (1..=60).map(|k| format!("第{k}项原因：汛期强降雨导致现场作业多次中断，进度滞后。")).collect();
    draft.indicators[2].deviation = long.clone();
    draft.indicators[2].actual = "18次".into();
    let pages = lay_out(&draft);
    // The deviation column's lines all start at one x: collect them over the pages.
    let x = pages.pages[0].texts().find(|r| r.text().starts_with("第1项原因")).expect("on the first page").x;
    let mut on_pages = Vec::new();
    let mut collected = String::new();
    for (n, page) in pages.pages.iter().enumerate() {
        for run in page.texts().filter(|r| (r.x - x).abs() < 0.01) {
            collected.push_str(&run.text());
            if on_pages.last() != Some(&n) {
                on_pages.push(n);
            }
        }
    }
    assert_eq!(collected, long, "every character, in order, each line whole");
    assert!(on_pages.len() >= 2, "the row is continued: {on_pages:?}");
    // The continuation page starts with the repeated column headers.
    let next = &pages.pages[on_pages[1]];
    assert!(next.texts().any(|t| t.text() == "三级指标"));
}

#[test]
fn report_headings_and_paragraphs_start_two_characters_in_and_paragraphs_are_justified() {
    let draft = jixiao_core::example_draft();
    let eval = jixiao_core::evaluate(&draft);
    let report = common::frozen_seed_report();
    let pages = jixiao_pdf::layout_with_report(&draft, &eval, &report, common::FONT, &common::options()).unwrap();
    let report = &pages.pages[table_pages(&pages)..];
    let runs: Vec<&TextRun> = report.iter().flat_map(|p| p.texts()).filter(|r| !is_footer(r)).collect();
    let indent = 2.0 * 14.0;
    let heading = runs.iter().find(|r| r.text() == "一、绩效目标分解下达情况").unwrap();
    assert!(heading.bold && (heading.x - (LEFT + indent)).abs() < SLACK);
    let level4 = runs.iter().find(|r| r.text() == "（1）数量指标。").unwrap();
    assert!(!level4.bold && (level4.x - (LEFT + indent)).abs() < SLACK);
    let first = runs.iter().position(|r| r.text().starts_with("2022年度高新区财政局年初共下达")).unwrap();
    assert!((runs[first].x - (LEFT + indent)).abs() < SLACK);
    assert!((runs[first].right() - RIGHT).abs() < 0.1, "a full line is justified to the right edge");
    assert!(runs[first].pieces.len() > 10, "spread between the hanzi");
    let second = runs[first + 1];
    assert!((second.x - LEFT).abs() < SLACK && second.right() < RIGHT - 14.0, "the last line stays natural");
    // Numbers with units are never spread apart.
    assert!(
        runs[first].pieces.iter().any(|p| p.text == "50万元")
            || second.pieces.iter().any(|p| p.text.contains("50万元"))
    );
}

#[test]
fn report_headings_follow_the_core_report_in_order() {
    let draft = jixiao_core::example_draft();
    let report = jixiao_core::report::generate(&draft, &jixiao_core::evaluate(&draft));
    let pages = lay_out(&draft);
    let texts: Vec<String> = pages.pages.iter().flat_map(|p| p.texts()).map(TextRun::text).collect();
    let mut at = 0;
    for block in report.blocks.iter().filter(|b| matches!(b.kind, jixiao_core::report::BlockKind::Heading { .. })) {
        let found = texts[at..].iter().position(|t| *t == block.text);
        at += found.unwrap_or_else(|| panic!("heading {:?} in order", block.text)) + 1;
    }
}

#[test]
fn watermark_and_signature_line_are_options() {
    let draft = jixiao_core::example_draft();
    let plain = lay_out(&draft);
    let all = |p: &Pages, s: &str| p.pages.iter().filter(|page| page.texts().any(|t| t.text() == s)).count();
    assert_eq!(all(&plain, "草稿"), 0);
    assert_eq!(all(&plain, "填报人："), 0);
    let mut options = common::options();
    options.watermark = true;
    options.signature_line = true;
    let marked = lay_out_with(&draft, &options).unwrap();
    assert_eq!(all(&marked, "草稿"), marked.pages.len(), "on every page");
    let mark = marked.pages[0].texts().next().unwrap();
    assert!(mark.angle == 45.0 && mark.gray > 0.5, "turned and light, drawn first");
    assert_eq!(all(&marked, "填报人："), 1);
    let last_table_page = &marked.pages[table_pages(&marked) - 1];
    assert!(last_table_page.texts().any(|t| t.text() == "审核人："), "right under the table");
}

#[test]
fn characters_missing_from_the_font_stop_the_pdf_and_are_named_with_their_fields() {
    let mut draft = jixiao_core::example_draft();
    draft.project.name = "应急𰻞管理项目".into(); // U+30EDE biáng: not in the font
    draft.indicators[2].actual = "20次😀".into();
    draft.narrative.problems.push('𰻞');
    let err = lay_out_with(&draft, &common::options()).unwrap_err();
    let PdfError::MissingGlyphs(missing) = &err else { panic!("{err:?}") };
    let chars: Vec<char> = missing.iter().map(|m| m.ch).collect();
    assert_eq!(chars, ['😀', '𰻞']);
    let places: Vec<&str> = missing[1].places.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(places, ["项目名称", "存在问题"]);
    assert_eq!(missing[0].places[0].label, "指标3「企业安全生产监管巡查次数」的实际完成值");
    assert_eq!(missing[0].places[0].field.as_ref().map(|f| f.anchor()).as_deref(), Some("indicator-3-actual"));
    let message = err.to_string();
    assert!(message.contains("“𰻞”（U+30EDE，见项目名称、存在问题）"), "{message}");
    assert!(message.contains("U+1F600"), "{message}");
}

#[test]
fn markup_is_just_text() {
    let mut draft = jixiao_core::example_draft();
    draft.project.name = "<script>alert('x')</script>".into();
    draft.indicators[0].deviation = "<b>&amp;</b>".into();
    let text = table_text(&lay_out(&draft));
    assert!(text.contains("<script>alert('x')</script>"));
    assert!(text.contains("<b>&amp;</b>"));
}

#[test]
fn an_empty_draft_and_odd_text_still_lay_out() {
    let pages = lay_out(&Draft::default());
    assert!(pages.pages.len() >= 2, "the empty form and the report outline");
    assert!(pages.pages[0].texts().any(|t| t.text() == "（\u{3000}\u{3000}\u{3000}\u{3000}年度）"), "a blank year");
    let mut draft = jixiao_core::example_draft();
    draft.indicators[0].target = "编号12345678901234567890123456789".into();
    draft.indicators[1].name = "多\t行\r\n名称\n\n第三行".into();
    draft.goals.expected = String::new();
    let pages = lay_out(&draft);
    let text = table_text(&pages);
    assert!(text.contains("编号12345678901234567890123456789"), "cut between characters, all there");
    assert!(text.contains("多 行名称第三行"), "tabs become spaces");
    let runs: Vec<&TextRun> = pages.pages[0].texts().collect();
    let at = |s: &str| runs.iter().find(|r| r.text() == s).unwrap_or_else(|| panic!("{s} is a line")).baseline;
    assert!((at("名称") - at("多 行") - 12.0).abs() < 0.01, "a newline starts a line (table lines are 12 pt)");
    assert!((at("第三行") - at("名称") - 24.0).abs() < 0.01, "an empty line is kept");
}

#[test]
fn the_money_grid_shows_the_profiles_base_column_and_each_rows_rate() {
    let seed = lay_out(&jixiao_core::example_draft());
    let text = table_text(&seed);
    assert!(text.contains("全年预算数") && !text.contains("调整后预算数"));
    // 执行率 of the 其中：当年财政拨款 row, besides the total's.
    assert_eq!(text.matches("100.00%").count(), 2, "{text}");

    let mut sichuan = jixiao_core::example_draft();
    sichuan.profile = "sichuan".into();
    sichuan.funds.current_year.adjusted_budget = "40".into();
    let text = table_text(&lay_out(&sichuan));
    assert!(text.contains("调整后预算数") && text.contains("40.00"), "{text}");
    assert!(text.contains("125.00%"), "50 executed of 40: {text}");
}
