//! The `jixiao` binary as a user (or a 财政局 reviewer checking a folder of drafts) runs it.

use jixiao_core::file_format;
use jixiao_core::model::Draft;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao")).args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}

/// A file under tests/fixtures/ (repository root).
fn fixture_in(folder: &str, name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(folder)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn fixture(name: &str) -> String {
    fixture_in("drafts/v1", name)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// The example with mistakes a reviewer would return it for.
fn draft_with_mistakes() -> Draft {
    let mut draft = jixiao_core::example_draft();
    draft.indicators[1].actual = "≥132次".into(); // an operator copied into the actual (a warning)
    draft.indicators[2].actual = "15次".into(); // missed, no 偏差原因
    draft.indicators[3].weight = "16".into(); // weights add up to 110
    draft
}

#[test]
fn check_the_example() {
    let out = jixiao(&["check", &fixture("example.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "应急管理项目",
        "执行率 100.00%",
        "到位率 100.00%",
        "执行率得分 10.00 / 10",
        "总分：100.00 / 100",
        "等级：优",
        "错误 0",
        "c04-strict-boundary",
        "指标9「安全生产事故死亡人数下降幅度」",
        "c06-unit-differs",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn check_a_draft_with_mistakes_exits_1_and_lists_the_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "错误草稿.json", &file_format::encode(&draft_with_mistakes()));
    let out = jixiao(&["check", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    for expected in [
        "[警告] c06-operator-in-actual 指标2「铁道路安全巡查次数」",
        "[错误] c03-deviation-required 指标3「企业安全生产监管巡查次数」",
        "[错误] c01-weights-sum 分值合计为110分",
        "等级：不评定",
        "（分值合计为110分而不是100分，总分按110分计，不评定等级",
        "依据：财预〔2020〕10号",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // The JSON says the same: no grade, and why.
    let out = jixiao(&["check", "--json", &file]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let summary = &json[0]["summary"];
    assert_eq!(summary["grade"], serde_json::Value::Null);
    assert!(summary["grade_withheld"].as_str().unwrap().contains("110分"));
    let warned = json[0]["evaluation"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["check"] == "c06-operator-in-actual" && f["severity"] == "warning");
    assert!(warned, "{json}");
    // Errors are listed before warnings.
    let first_warning = text.find("[警告]").unwrap();
    assert!(text.rfind("[错误]").unwrap() < first_warning);
}

#[test]
fn a_corrupt_file_exits_2_naming_the_file_the_line_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let good = file_format::encode(&jixiao_core::example_draft());
    let cut: String = good.lines().take(20).collect::<Vec<_>>().join("\n");
    let file = write(dir.path(), "cut.json", &cut);
    let out = jixiao(&["check", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{file}:20:")), "{err}");
    assert!(err.contains("不是有效的 JSON") && err.contains("第20行"), "{err}");
    assert!(stdout(&out).is_empty());

    // Valid JSON, invalid field: the path and the line.
    let bad = good.replacen("\"level1\": \"output\"", "\"level1\": \"产出\"", 1);
    let line = bad.lines().position(|l| l.contains("\"产出\"")).unwrap() + 1;
    let file = write(dir.path(), "bad-field.json", &bad);
    let out = jixiao(&["check", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{file}:{line}:")), "{err}");
    assert!(err.contains("indicators[0].level1") && err.contains("取值不在允许的范围内"), "{err}");

    // Not a draft at all, a newer version, a missing file.
    let other = write(dir.path(), "other.json", r#"{"name": "x"}"#);
    let newer = write(dir.path(), "newer.json", r#"{"type":"jixiao-draft","version":7,"data":{"schema_version":7}}"#);
    for (file, reason) in [
        (other.as_str(), "这不是绩效自评草稿文件"),
        (newer.as_str(), "较新版本"),
        ("/nonexistent/draft.json", "无法读取文件"),
    ] {
        let out = jixiao(&["check", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = stderr(&out);
        assert!(err.starts_with(&format!("{file}: ")) && err.contains(reason), "{err}");
    }
}

#[test]
fn json_output_parses_and_carries_the_figures() {
    let out = jixiao(&["check", "--json", &fixture("example.json")]);
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let first = &value[0];
    assert!(first["file"].as_str().unwrap().ends_with("example.json"));
    let summary = &first["summary"];
    assert_eq!(summary["execution_rate"], "100.00%");
    assert_eq!(summary["arrival_rate"], "100.00%");
    assert_eq!(summary["execution_score"], "10.00");
    assert_eq!(summary["total"], "100.00");
    assert_eq!(summary["grade"], "优");
    assert_eq!(summary["errors"], 0);
    let eval = &first["evaluation"];
    assert_eq!(eval["profile_id"], "national-2020");
    assert_eq!(eval["indicators"].as_array().unwrap().len(), 11);
    let checks: Vec<&str> = eval["findings"].as_array().unwrap().iter().map(|f| f["check"].as_str().unwrap()).collect();
    assert!(checks.contains(&"c04-strict-boundary"), "{checks:?}");
    let strict = eval["findings"].as_array().unwrap().iter().find(|f| f["check"] == "c04-strict-boundary").unwrap();
    assert_eq!(strict["field"], serde_json::json!({"kind": "indicator", "id": 9, "field": "actual"}));
    assert_eq!(strict["severity"], "warning");
}

#[test]
fn several_files_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mistakes = write(dir.path(), "mistakes.json", &file_format::encode(&draft_with_mistakes()));
    let example = fixture("example.json");
    let full = fixture("full.json");

    let out = jixiao(&["check", &example, &full]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains(&format!("== {example}")) && text.contains(&format!("== {full}")));
    assert!(text.contains("社区居家养老服务补助项目") && text.contains("应急管理项目"));
    assert!(text.contains("合计：2 个文件，0 个有错误，0 个无法读取"), "{text}");

    let out = jixiao(&["check", &example, &mistakes]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("合计：2 个文件，1 个有错误，0 个无法读取"));

    // One unreadable file does not hide the others' results; the exit code says the worst.
    let broken = write(dir.path(), "broken.json", "{");
    let out = jixiao(&["check", &mistakes, &broken, &example]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains(&format!("== {example}")));
    assert!(stdout(&out).contains("合计：3 个文件，1 个有错误，1 个无法读取"));
    assert!(stderr(&out).contains(&broken));

    let out = jixiao(&["check", "--json", &example, &broken]);
    assert_eq!(out.status.code(), Some(2));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 2);
    assert!(value[1]["error"].as_str().unwrap().contains("不是有效的 JSON"));
}

#[test]
fn check_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(file_format::encode(&jixiao_core::example_draft()).as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("等级：优"));
}

#[test]
fn report_prints_the_outline_and_the_generated_sentences() {
    let out = jixiao(&["report", &fixture("example.json")]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("应急管理项目2022年度绩效自评报告\n"));
    for heading in [
        "一、绩效目标分解下达情况",
        "二、绩效目标完成情况分析",
        "（一）资金投入情况分析",
        "1.资金到位情况分析",
        "（三）绩效指标完成情况分析",
        "三、偏离绩效目标的原因和下一步改进措施",
        "四、绩效自评结果拟应用和公开情况",
        "五、其他需要说明的问题",
    ] {
        assert!(text.lines().any(|l| l == heading), "missing heading {heading}");
    }
    assert!(text.contains("\u{3000}\u{3000}截至2022年末，预算资金为50万元，实际到位资金50万元，资金到位率为100%。"));
    let out = jixiao(&["report", "/nonexistent.json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn schema_is_valid_json_schema_of_the_envelope() {
    let out = jixiao(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert!(schema["$schema"].as_str().unwrap().contains("json-schema.org"));
    let props = schema["properties"].as_object().unwrap();
    for key in ["type", "version", "source", "data"] {
        assert!(props.contains_key(key), "{key}");
    }
    assert!(schema["$defs"]["Indicator"]["properties"]["target"].is_object());
}

#[test]
fn example_writes_a_draft_file_that_checks_clean() {
    let out = jixiao(&["example"]);
    assert_eq!(out.status.code(), Some(0));
    let draft = file_format::decode(&stdout(&out)).expect("the example decodes");
    assert_eq!(draft, jixiao_core::example_draft());
}

#[test]
fn profiles_lists_every_profile() {
    let text = stdout(&jixiao(&["profiles"]));
    for p in jixiao_core::profile::PROFILES {
        assert!(text.contains(p.id) && text.contains(p.name), "{}", p.id);
    }
}

#[test]
fn usage_errors_exit_2_with_chinese_help() {
    let out = jixiao(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let help = stdout(&jixiao(&["--help"]));
    assert!(help.contains("检查草稿文件") && help.contains("退出码"), "{help}");
}

fn office_fixture(name: &str) -> String {
    fixture_in("office", name)
}

#[test]
fn import_prints_where_each_field_came_from_and_writes_one_draft_per_project() {
    let shown = jixiao(&["import", &office_fixture("placeholders.xlsx")]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    let text = stdout(&shown);
    assert!(text.contains("项目名称") && text.contains("Sheet1!C2"), "{text}");
    assert!(text.contains("Sheet1!K3") && text.contains("备注：本表数据经审计核实"), "{text}");
    assert!(text.contains("跳过的模板占位行") && text.contains("未写出草稿文件"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("draft.json");
    let written = jixiao(&["import", &office_fixture("several.xlsx"), "-o", &out.to_string_lossy()]);
    assert!(written.status.success(), "{}", stderr(&written));
    for name in ["draft.json", "draft-2.json", "draft-3.json"] {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(file_format::decode(&text).is_ok(), "{name}");
    }
    let json = jixiao(&["import", "--json", &office_fixture("national.xlsx")]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value["drafts"][0]["placed"][1]["cell"], "Sheet1!C2");
}

#[test]
fn import_refuses_what_is_not_a_form_with_exit_1_and_a_message() {
    for (file, said) in
        [("not-a-spreadsheet.xlsx", "不是电子表格"), ("no-table.xlsx", "没有找到自评表"), ("password.xlsx", "密码")]
    {
        let o = jixiao(&["import", &office_fixture(file)]);
        assert_eq!(o.status.code(), Some(1), "{file}");
        assert!(stderr(&o).contains(said), "{file}: {}", stderr(&o));
    }
    assert_eq!(jixiao(&["import", "/nonexistent/自评表.xlsx"]).status.code(), Some(2));
}

#[test]
fn check_reads_spreadsheets_and_xlsx_docx_write_files_that_come_back() {
    let checked = jixiao(&["check", &office_fixture("national.xlsx")]);
    assert!(stdout(&checked).contains("national.xlsx#Sheet1"), "{}", stdout(&checked));
    assert!(stdout(&checked).contains("总分：99.96"), "{}", stdout(&checked));

    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "seed.json", &file_format::encode(&jixiao_core::example_draft()));
    let xlsx = dir.path().join("seed.xlsx").to_string_lossy().into_owned();
    let docx = dir.path().join("seed.docx").to_string_lossy().into_owned();
    assert!(jixiao(&["xlsx", &draft, "-o", &xlsx, "--date", "2023-03-31"]).status.success());
    assert!(jixiao(&["docx", &draft, "-o", &docx, "--date", "2023-03-31"]).status.success());
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    let back = dir.path().join("back.json");
    assert!(jixiao(&["import", &xlsx, "-o", &back.to_string_lossy()]).status.success());
    let text = std::fs::read_to_string(back).unwrap();
    assert_eq!(file_format::decode(&text).unwrap(), jixiao_core::example_draft());
    assert_eq!(jixiao(&["xlsx", &draft, "-o", &xlsx, "--date", "2023-02-30"]).status.code(), Some(1));
}

#[test]
fn review_lists_every_project_of_a_folder_with_the_claims_beside_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut claimed = jixiao_core::example_draft();
    claimed.claimed.total = "98".into();
    write(dir.path(), "a.json", &file_format::encode(&claimed));
    write(dir.path(), "b.json", "{ broken");
    std::fs::copy(office_fixture("several.xlsx"), dir.path().join("c.xlsx")).unwrap();
    let summary = dir.path().join("summary.xlsx");
    let o = jixiao(&["review", &dir.path().to_string_lossy(), "--xlsx", &summary.to_string_lossy()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("合计：3 个文件，4 个项目，1 个自评分与复核分不一致"), "{text}");
    assert!(text.contains("a.json\t西永街道办事处\t应急管理项目\t50.00\t100.00%\t98\t100.00\t-2.00\t优"), "{text}");
    assert!(text.contains("b.json\t无法读取"), "{text}");
    assert!(text.contains("c.xlsx#图书购置"), "{text}");
    let bytes = std::fs::read(&summary).unwrap();
    let imported = jixiao_office::import::import(&bytes);
    // The summary is a table of projects, not a 自评表: the importer says so rather than misreading it.
    assert!(imported.is_err());
    let json = jixiao(&["review", "--json", &dir.path().join("a.json").to_string_lossy()]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value[0]["claimed_total"], "98");
    assert_eq!(value[0]["difference"], "-2");
}

/// A PDF's /Title as painted (UTF-16BE, hex).
fn pdf_title_hex(title: &str) -> String {
    let hex: String = title.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("/Title<FEFF{hex}>")
}

#[test]
fn review_pdf_writes_one_projects_review_from_a_draft_or_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("复核意见.pdf").to_string_lossy().into_owned();
    let full = fixture_in("drafts/v3", "full.json");
    let o = jixiao(&["review-pdf", &full, "-o", &out, "--date", "2024-04-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("已生成"), "{}", stderr(&o));
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let title = pdf_title_hex("社区居家养老服务补助项目绩效自评复核意见");
    assert!(pdf.windows(title.len()).any(|w| w == title.as_bytes()), "{title}");
    // The same draft and date give the same bytes.
    assert!(jixiao(&["review-pdf", &full, "-o", &out, "--date", "2024-04-01"]).status.success());
    assert!(std::fs::read(&out).unwrap() == pdf);

    let from_sheet = jixiao(&["review-pdf", &office_fixture("national.xlsx"), "-o", &out]);
    assert!(from_sheet.status.success(), "{}", stderr(&from_sheet));

    // A date that is none, a reviewer's name the font cannot set: 1, saying why; no file: 2.
    assert_eq!(jixiao(&["review-pdf", &full, "-o", &out, "--date", "2024-02-30"]).status.code(), Some(1));
    let mut odd = jixiao_core::example_draft();
    odd.review.reviewer = "𰻞".into();
    let odd = write(dir.path(), "odd.json", &file_format::encode(&odd));
    let refused = jixiao(&["review-pdf", &odd, "-o", &out]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("复核人"), "{}", stderr(&refused));
    assert_eq!(jixiao(&["review-pdf", "/nonexistent/草稿.json", "-o", &out]).status.code(), Some(2));
}

#[test]
fn next_year_writes_a_draft_with_targets_from_this_years_results() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("next.json");
    let o = jixiao(&["next-year", &office_fixture("national.xlsx"), "-o", &out.to_string_lossy()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("≥9次 → ≥12次") && text.contains("【设定偏低】"), "{text}");
    assert!(text.contains("依据：财预〔2020〕10号 第十八条"), "{text}");
    let next = file_format::decode(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(next.project.year, "2023");
    assert_eq!(next.indicators[0].target, "≥12次");
    assert!(next.indicators.iter().all(|i| i.actual.is_empty()));
    assert_eq!(jixiao(&["next-year", "/nonexistent.json", "-o", &out.to_string_lossy()]).status.code(), Some(2));
}

#[test]
fn targets_writes_the_target_form_of_next_years_draft_as_pdf_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (next, pdf, xlsx) = (path("2023年目标.json"), path("申报表.pdf"), path("申报表.xlsx"));
    assert!(jixiao(&["next-year", &fixture("example.json"), "-o", &next]).status.success());
    let o = jixiao(&["targets", &next, "--pdf", &pdf, "--xlsx", &xlsx, "--date", "2024-01-15"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o).matches("已生成").count(), 2, "{}", stderr(&o));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.windows(10).any(|w| w == b"D:20240115"));
    // The same draft and date give the same bytes.
    assert!(jixiao(&["targets", &next, "--pdf", &pdf, "--date", "2024-01-15"]).status.success());
    assert!(std::fs::read(&pdf).unwrap() == bytes);
    // The form's visible table reads back as the draft's indicators and targets.
    let back = path("back.json");
    assert!(jixiao(&["import", &xlsx, "-o", &back]).status.success());
    let back = file_format::decode(&std::fs::read_to_string(&back).unwrap()).unwrap();
    let draft = file_format::decode(&std::fs::read_to_string(&next).unwrap()).unwrap();
    let rows = |d: &Draft| -> Vec<(String, String, String)> {
        d.indicators.iter().map(|i| (i.level2.clone(), i.name.clone(), i.target.clone())).collect()
    };
    assert_eq!(rows(&back), rows(&draft));
    assert_eq!(back.project.name, draft.project.name);

    // A spreadsheet as input; and what cannot be done.
    assert!(jixiao(&["targets", &office_fixture("national.xlsx"), "--xlsx", &xlsx]).status.success());
    assert_eq!(jixiao(&["targets", &next]).status.code(), Some(2), "an output is required");
    assert_eq!(jixiao(&["targets", "/nonexistent.json", "--pdf", &pdf]).status.code(), Some(2));
    assert_eq!(jixiao(&["targets", &next, "--pdf", &pdf, "--date", "2024-02-30"]).status.code(), Some(1));
    let mut odd = draft.clone();
    odd.indicators[0].target = "不低于9个𰻞".into();
    let odd_file = write(dir.path(), "odd.json", &file_format::encode(&odd));
    let o = jixiao(&["targets", &odd_file, "--pdf", &path("odd.pdf"), "--xlsx", &path("odd.xlsx")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("U+30EDE") && stderr(&o).contains("年度指标值"), "{}", stderr(&o));
    assert!(!dir.path().join("odd.xlsx").exists(), "nothing written when the PDF cannot be made");
}
