//! The 自评表 in and out of office files, for the browser's worker and the CLI alike:
//! [`import`] reads .xlsx/.xls (calamine), [`xlsx`] writes the form as a spreadsheet with live
//! formulas (rust_xlsxwriter), [`docx`] writes the 自评报告 for Word/WPS (docx-rs).
//! Bytes in, bytes out: no file system, no web dependency.

pub mod docx;
pub mod import;
pub mod review_xlsx;
pub mod targets_xlsx;
pub mod xlsx;
