//! The 复核意见表 (`render_review`): its text read back from the PDF with lopdf, and its pages.

mod common;

use common::in_order;
use jixiao_core::file_format;
use jixiao_core::model::Draft;
use jixiao_pdf::pages::Item;
use jixiao_pdf::PdfError;
use lopdf::Document;

fn v3_full() -> Draft {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/drafts/v3/full.json");
    file_format::decode(&std::fs::read_to_string(path).expect("the fixture")).expect("a v3 draft")
}

fn render(draft: &Draft) -> Vec<u8> {
    jixiao_pdf::render_review(draft, common::FONT, &common::options()).expect("the 复核意见表 renders")
}

/// The text of each page as lopdf extracts it (runs in the order drawn), without its page
/// number, so that a cell broken over two pages reads on.
fn pages_text(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("lopdf reads it");
    let count = doc.get_pages().len() as u32;
    (1..=count)
        .map(|n| {
            let text = doc.extract_text(&[n]).expect("the page's text").replace('\n', "");
            let footer = format!("第 {n} 页 共 {count} 页");
            assert!(text.ends_with(&footer), "page {n} ends with its number: {text}");
            text[..text.len() - footer.len()].to_string()
        })
        .collect()
}

#[test]
fn the_reviewers_score_reason_findings_opinion_and_name() {
    let draft = v3_full();
    let pdf = render(&draft);
    common::write("review-full.pdf", &pdf);
    let text = pages_text(&pdf).concat();

    let mut at =
        in_order(&text, 0, &["项目支出绩效自评复核意见表", "（2023年度）", "项目名称", "社区居家养老服务补助项目"]);
    at = in_order(&text, at, &["主管部门", "某区民政局", "实施单位", "某街道办事处"]);
    // The unit's claimed 执行率 and 得分 (自评) over the rules' (复核).
    at = in_order(&text, at, &["全年预算数", "全年执行数", "分值", "执行率", "得分", "自评", "96.82%", "9.68", "复核"]);
    let header =
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评分", "复核分", "复核意见"];
    at = in_order(&text, at, &header);
    // The unit wrote 25 for row 1; the rules give 22.22, marked, with the reviewer's opinion.
    at = in_order(&text, at, &["居家养老服务人次", "20.00", "25", "22.22▲", "与验收报告一致。"]);
    // The last row: the reviewer's 复核分 8 beside the row's own 10.00, with the reason.
    at = in_order(&text, at, &["服务对象满意度", "≥90%", "94.5%", "10.00", "10.00", "8.00▲"]);
    at = in_order(&text, at, &["问卷样本不足30份，依据不充分。", "调整理由：样本量不足，按部分达成计分"]);
    // 自评总分 as the unit wrote it, 复核总分 and the 复核 grade.
    at = in_order(&text, at, &["总分", "100.00", "92.5", "87.23▲", "复核等级：良"]);
    // The findings are the submission's own: the reviewer's 8 on a row that met its target is not
    // reported as the unit's 未完成 error.
    assert!(!text.contains("【错误】"), "{text}");
    at = in_order(&text, at, &["复核发现的问题", "1.【警告】"]);
    at = in_order(
        &text,
        at,
        &["【警告】单位自评表中的总分为92.5，按表中数据和评分规则复核为89.23", "依据：财预〔2020〕10号"],
    );
    at = in_order(&text, at, &["总体复核意见", &draft.review.opinion]);
    at = in_order(&text, at, &["复核人", "区财政局绩效科 李某", "复核日期", "2023年3月31日"]);
    in_order(&text, at, &["注："]);

    let pages = jixiao_pdf::layout_review(&draft, common::FONT, &common::options()).unwrap();
    assert_eq!(pages.info.title, "社区居家养老服务补助项目绩效自评复核意见");
    assert_eq!(pages.info.author, "区财政局绩效科 李某");
}

#[test]
fn without_a_review_the_reviewed_score_is_the_units_own() {
    let draft = jixiao_core::example_draft();
    assert!(draft.review.is_blank() && draft.claimed.is_blank());
    let eval = jixiao_core::evaluate(&draft);
    let text = pages_text(&render(&draft)).concat();
    let mut at = in_order(&text, 0, &["复核意见"]);
    for (ind, row) in draft.indicators.iter().zip(&eval.indicators) {
        let name: String = ind.name.chars().take(5).collect();
        let score = row.score.show(jixiao_core::money::fixed2);
        // 分值 and 得分 are equal in the seed: three times the same figure, none marked.
        at = in_order(&text, at, &[&name, &ind.actual, &format!("{score}{score}{score}")]);
    }
    in_order(&text, at, &["总分", "100.00100.00100.00", "复核等级：优"]);
    assert_eq!(text.matches('▲').count(), 1, "only the note's: {text}");
}

#[test]
fn a_score_that_does_not_count_says_why() {
    let mut draft = v3_full();
    let id = draft.indicators[0].id;
    let review = draft.review.of_mut(id);
    (review.score, review.reason) = ("15".into(), String::new());
    let text = pages_text(&render(&draft)).concat();
    // Scored by the rules, and the reason it was not taken is in the row's 复核意见.
    in_order(
        &text,
        0,
        &["居家养老服务人次", "25", "22.22▲", "与验收报告一致。", "（请填写调整复核分的理由，否则按规则计分）"],
    );

    for (score, says) in [("999", "超过该指标分值，已按分值上限计"), ("九十", "（复核分：")] {
        let review = draft.review.of_mut(id);
        (review.score, review.reason) = (score.into(), "复核".into());
        let text = pages_text(&render(&draft)).concat();
        in_order(&text, 0, &["居家养老服务人次", "调整理由：复核", says]);
    }
}

#[test]
fn a_very_long_opinion_goes_on_over_pages_without_loss() {
    let mut draft = v3_full();
    let sentence =
        "经复核，该项目资金拨付及时，但部分佐证材料不完整，建议主管部门督促实施单位补充完善服务台账和验收记录。";
    let opinion: String = (1..=60).map(|n| format!("第{n}条：{sentence}")).collect();
    draft.review.opinion = opinion.clone();
    // A row's opinion makes its row grow (a row is only broken over pages when it ends one).
    let row_opinion = sentence.repeat(2);
    draft.review.of_mut(draft.indicators[3].id).opinion = row_opinion.clone();

    let pdf = render(&draft);
    common::write("review-long.pdf", &pdf);
    let pages = pages_text(&pdf);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let text = pages.concat();
    let at = in_order(&text, 0, &[&row_opinion, "总体复核意见", &opinion, "复核人", "区财政局绩效科 李某"]);
    assert!(at > 0);
    // The opinion spans a page break.
    let opinion_pages = pages.iter().filter(|p| p.contains(sentence)).count();
    assert!(opinion_pages >= 2, "{opinion_pages}");

    // Every run stays in the 156 × 225 mm text block (the page number under it).
    let mm = 72.0 / 25.4;
    let (left, right, top, bottom) = (28.0 * mm, (28.0 + 156.0) * mm, 37.0 * mm, (37.0 + 225.0) * mm);
    let laid = jixiao_pdf::layout_review(&draft, common::FONT, &common::options()).unwrap();
    for (n, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            match item {
                Item::Text(run) if run.text().starts_with("第 ") => assert!(run.baseline > bottom),
                Item::Text(run) => {
                    assert!(run.x >= left - 0.05 && run.right() <= right + 0.05, "page {n}: {run:?}");
                    assert!(run.baseline - run.size >= top - 0.05 && run.baseline <= bottom, "page {n}: {run:?}");
                }
                Item::Frame { y, height, .. } => assert!(*y >= top - 0.05 && y + height <= bottom + 0.05),
                Item::Rule { .. } => {}
            }
        }
    }
}

#[test]
fn a_character_missing_from_the_font_is_named_with_its_place() {
    let mut draft = v3_full();
    draft.review.reviewer = "𰻞".into();
    let id = draft.indicators[7].id;
    draft.review.of_mut(id).reason = "𰻞".into();
    let Err(PdfError::MissingGlyphs(missing)) = jixiao_pdf::render_review(&draft, common::FONT, &common::options())
    else {
        panic!("refused")
    };
    let places: Vec<&str> = missing[0].places.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(places, ["指标8「服务对象满意度」的复核分理由", "复核人"]);
}

#[test]
fn same_draft_and_date_give_the_same_bytes() {
    let draft = v3_full();
    assert!(render(&draft) == render(&draft));
}
