//! The .docx holds the report and the form as Word reads them (its document.xml); LibreOffice's
//! reading of it is checked by tests/office/check_exports.py.

use jixiao_office::docx::export;
use jixiao_office::xlsx::ExportDate;
use std::io::Read;

fn document_xml(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn the_report_and_the_form_are_in_the_document() {
    let draft = jixiao_core::example_draft();
    let evaluation = jixiao_core::evaluate(&draft);
    let bytes = export(&draft, &evaluation, ExportDate { year: 2023, month: 3, day: 31 }).unwrap();
    let xml = document_xml(&bytes);
    let report = jixiao_core::report::generate(&draft, &evaluation);
    assert!(xml.contains(&report.title));
    for block in &report.blocks {
        let first_line = block.text.lines().next().unwrap_or("");
        let escaped = first_line.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        assert!(xml.contains(&escaped), "{first_line}");
    }
    for indicator in &draft.indicators {
        assert!(xml.contains(&indicator.name), "{}", indicator.name);
    }
    assert!(xml.contains("项目支出绩效自评表（2022年度）"));
    assert!(xml.contains("等级：优"));
    // 一级/二级 cells are merged down their rows, and the page is A4.
    assert!(xml.contains(r#"<w:vMerge w:val="restart" />"#) || xml.contains(r#"w:vMerge w:val="restart""#));
    assert!(xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#));
    // The same draft and date give the same bytes.
    assert_eq!(bytes, export(&draft, &evaluation, ExportDate { year: 2023, month: 3, day: 31 }).unwrap());
}
