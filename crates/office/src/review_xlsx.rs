//! The 复核 summary as .xlsx: one row per submission, the unit's own 总分 beside the 复核分.

use crate::xlsx::{ExportDate, ExportError};
use jixiao_core::review::ReviewRow;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};

/// A reviewed file: its name and its row, or why it could not be read.
pub struct Reviewed<'a> {
    pub file: &'a str,
    pub result: Result<&'a ReviewRow, &'a str>,
}

fn number(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or(0.0)
}

pub fn export(rows: &[Reviewed], date: ExportDate) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(date.year, date.month, date.day)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created).set_title("绩效自评复核汇总"));
    let base = Format::new().set_font_name("宋体").set_font_size(10).set_border(FormatBorder::Thin);
    let head = base.clone().set_bold().set_align(FormatAlign::Center).set_text_wrap();
    let money = base.clone().set_num_format("0.00##");
    let percent = base.clone().set_num_format("0.00%");
    let points = base.clone().set_num_format("0.00");
    let ws = workbook.add_worksheet();
    ws.set_name("复核汇总")?;
    let headings = [
        "文件",
        "实施单位",
        "项目名称",
        "全年预算数（万元）",
        "执行率",
        "自评分",
        "复核分",
        "差额",
        "等级",
        "错误",
        "警告",
        "无法读取的原因",
    ];
    let widths = [28.0, 18.0, 24.0, 12.0, 9.0, 9.0, 9.0, 8.0, 7.0, 6.0, 6.0, 30.0];
    for (col, (title, width)) in headings.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, col as u16, *title, &head)?;
        ws.set_column_width(col as u16, width)?;
    }
    for (i, reviewed) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, reviewed.file, &base)?;
        match reviewed.result {
            Ok(row) => {
                ws.write_string_with_format(r, 1, &row.unit, &base)?;
                ws.write_string_with_format(r, 2, &row.project, &base)?;
                let figures = [(3, row.annual_budget, &money), (4, row.execution_rate, &percent)];
                for (col, value, format) in figures {
                    match value {
                        Some(v) => ws.write_number_with_format(r, col, number(v), format)?,
                        None => ws.write_blank(r, col, format)?,
                    };
                }
                ws.write_string_with_format(r, 5, &row.claimed_total, &base)?;
                for (col, value) in [(6, row.computed_total), (7, row.difference)] {
                    match value {
                        Some(v) => ws.write_number_with_format(r, col, number(v), &points)?,
                        None => ws.write_blank(r, col, &points)?,
                    };
                }
                ws.write_string_with_format(r, 8, &row.grade, &base)?;
                ws.write_number_with_format(r, 9, row.errors as f64, &base)?;
                ws.write_number_with_format(r, 10, row.warnings as f64, &base)?;
                ws.write_blank(r, 11, &base)?;
            }
            Err(reason) => {
                for col in 1..11 {
                    ws.write_blank(r, col, &base)?;
                }
                ws.write_string_with_format(r, 11, reason, &base)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, (headings.len() - 1) as u16)?;
    Ok(workbook.save_to_buffer()?)
}
