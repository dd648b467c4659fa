//! Opening a workbook's bytes and turning every sheet into a grid of the texts its cells display.
//!
//! The form is found by its labels later ([`super::form`]); here each cell becomes the text a user
//! sees in Excel/WPS, because this app keeps every figure as typed: a percent-formatted 0.95 is
//! `95%`, not `0.95`. What cannot be shown safely is marked on the cell, never guessed.

use super::ImportError;
use calamine::{open_workbook_auto_from_rs, Data, DataRef, Reader, Sheets};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::io::Cursor;

/// Larger files are refused before they are opened (a 自评表 is a few dozen KB); the page refuses
/// them before reading them at all.
pub use jixiao_core::imported::MAX_FILE_BYTES;
/// The sum of the sizes a .xlsx's parts unpack to: a guard against zip bombs.
pub const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;
/// Cells with content across the workbook.
pub const MAX_CELLS: usize = 200_000;

/// One cell as displayed, with what the reader must know about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CellText {
    pub text: String,
    /// A formula whose result was never saved (a file written by a program, not by Excel/WPS).
    pub formula_without_value: bool,
    /// A plain number whose display format is unknown (.xls): 0.95 may be shown as 95%.
    pub format_unknown: bool,
    /// The cell shows the number rounded (89.974 under format 0.00 shows 89.97).
    pub shown_as: Option<String>,
}

/// A merged range, zero-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    pub first: (u32, u32),
    pub last: (u32, u32),
}

/// One worksheet: its cells with content, and its merged ranges.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub name: String,
    pub cells: BTreeMap<(u32, u32), CellText>,
    merges: Vec<Merge>,
}

impl Grid {
    pub fn new(name: &str) -> Grid {
        Grid { name: name.to_string(), ..Grid::default() }
    }

    pub fn set(&mut self, pos: (u32, u32), cell: CellText) {
        self.cells.insert(pos, cell);
    }

    pub fn add_merge(&mut self, merge: Merge) {
        self.merges.push(merge);
    }

    /// The top-left cell of the merged range holding `pos`, or `pos` itself.
    pub fn anchor(&self, pos: (u32, u32)) -> (u32, u32) {
        self.merge_of(pos).map_or(pos, |m| m.first)
    }

    pub fn merge_of(&self, pos: (u32, u32)) -> Option<Merge> {
        self.merges
            .iter()
            .copied()
            .find(|m| (m.first.0..=m.last.0).contains(&pos.0) && (m.first.1..=m.last.1).contains(&pos.1))
    }

    /// The last column of the merged range holding `pos` (a label's value starts after it).
    pub fn right_edge(&self, pos: (u32, u32)) -> u32 {
        self.merge_of(pos).map_or(pos.1, |m| m.last.1)
    }

    /// The last row of the merged range holding `pos`.
    pub fn bottom_edge(&self, pos: (u32, u32)) -> u32 {
        self.merge_of(pos).map_or(pos.0, |m| m.last.0)
    }

    /// What the cell at `pos` shows: a cell inside a merged range shows its anchor's text.
    pub fn text(&self, pos: (u32, u32)) -> &str {
        self.cells.get(&self.anchor(pos)).map_or("", |c| c.text.as_str())
    }

    pub fn cell(&self, pos: (u32, u32)) -> Option<&CellText> {
        self.cells.get(&self.anchor(pos))
    }

    pub fn last_row(&self) -> u32 {
        self.cells.keys().map(|p| p.0).max().unwrap_or(0)
    }

    pub fn last_col(&self) -> u32 {
        self.cells.keys().map(|p| p.1).max().unwrap_or(0)
    }

    /// `Sheet1!D12`
    pub fn cell_ref(&self, pos: (u32, u32)) -> String {
        format!("{}!{}{}", self.name, column_letters(pos.1), pos.0 + 1)
    }
}

pub fn column_letters(mut col: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (col % 26) as u8));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Opens the bytes of a .xlsx/.xls (or .xlsb/.ods) file and reads every visible sheet.
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<Grid>, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if !is_zip && !is_ole {
        return Err(ImportError::NotSpreadsheet);
    }
    if is_zip {
        check_unpacked_size(bytes)?;
    }
    if is_ole && is_encrypted_package(bytes) {
        return Err(ImportError::Password);
    }
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(open_error)?;
    let names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        // Hidden sheets are not the form (templates hide their lookup lists), except this app's own data.
        .filter(|s| s.visible == calamine::SheetVisible::Visible || super::hidden::is_data_sheet(&s.name))
        .map(|s| s.name.clone())
        .collect();
    let mut grids = Vec::new();
    let mut cells = 0;
    for name in names {
        let grid = match &mut workbook {
            Sheets::Xlsx(xlsx) => read_xlsx_sheet(xlsx, &name)?,
            other => read_other_sheet(other, &name)?,
        };
        cells += grid.cells.len();
        if cells > MAX_CELLS {
            return Err(ImportError::TooManyCells);
        }
        grids.push(grid);
    }
    Ok(grids)
}

fn open_error(error: calamine::Error) -> ImportError {
    match error {
        calamine::Error::Xlsx(calamine::XlsxError::Password) | calamine::Error::Xls(calamine::XlsError::Password) => {
            ImportError::Password
        }
        other => ImportError::Unreadable(other.to_string()),
    }
}

/// A password-protected .xlsx is not a zip but an OLE compound file holding an `EncryptedPackage`
/// stream (MS-OFFCRYPTO); calamine reports it only as an unknown format. Directory entry names are
/// UTF-16LE, so the name is looked for in that encoding.
fn is_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// Sums the sizes the zip says its parts unpack to, before anything is unpacked.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ImportError::NotSpreadsheet)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|_| ImportError::NotSpreadsheet)?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(ImportError::ZipBomb { unpacked: total });
    }
    Ok(())
}

/// .xlsx is read cell by cell (never as a dense rectangle: one cell at XFD1048576 would ask for
/// billions), in two passes over the sheet: values with formulas, then number formats.
fn read_xlsx_sheet(xlsx: &mut calamine::Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Grid, ImportError> {
    let unreadable = |e: calamine::XlsxError| ImportError::Unreadable(e.to_string());
    let mut grid = Grid::new(name);
    let mut formulas = Vec::new();
    {
        let mut reader = xlsx.worksheet_cells_reader(name).map_err(unreadable)?;
        let mut seen = 0usize;
        while let Some(cell) = reader.next_cell_with_formula().map_err(unreadable)? {
            seen += 1;
            if seen > MAX_CELLS {
                return Err(ImportError::TooManyCells);
            }
            let has_formula = cell.formula.as_deref().is_some_and(|f| !f.is_empty());
            let empty = matches!(cell.value, DataRef::Empty);
            if empty && has_formula {
                formulas.push(cell.pos);
            }
            if let Some(text) = data_text(&Data::from(cell.value)) {
                grid.set(cell.pos, CellText { text, ..CellText::default() });
            }
        }
    }
    for pos in formulas {
        grid.set(pos, CellText { formula_without_value: true, ..CellText::default() });
    }
    {
        let mut reader = xlsx.worksheet_cells_reader(name).map_err(unreadable)?;
        let mut numbers = Vec::new();
        while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(unreadable)? {
            match *cell.get_value() {
                DataRef::Float(value) => numbers.push((cell.get_position(), value, style)),
                DataRef::Int(value) => numbers.push((cell.get_position(), value as f64, style)),
                _ => {}
            }
        }
        let styles = reader.styles().to_vec();
        for (pos, value, style) in numbers {
            let format = styles.get(style).and_then(|s| s.number_format.as_ref()).map(|f| f.format_code.as_str());
            grid.set(pos, number_cell(value, format));
        }
    }
    for merge in xlsx.merge_cells_by_sheet_name(name).map_err(unreadable)? {
        grid.add_merge(Merge { first: merge.start, last: merge.end });
    }
    Ok(grid)
}

/// .xls (and .xlsb/.ods) through calamine's common reader. Number formats are not available
/// for these, so a fraction is marked `format_unknown`.
fn read_other_sheet(workbook: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Result<Grid, ImportError> {
    let range = workbook.worksheet_range(name).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    let mut grid = Grid::new(name);
    for (row, col, value) in range.used_cells() {
        let pos = (range.start().unwrap_or((0, 0)).0 + row as u32, range.start().unwrap_or((0, 0)).1 + col as u32);
        let cell = match value {
            Data::Float(v) => CellText { format_unknown: *v > 0.0 && *v <= 1.0, ..number_cell(*v, None) },
            Data::Int(v) => CellText { format_unknown: *v == 1, ..number_cell(*v as f64, None) },
            other => match data_text(other) {
                Some(text) => CellText { text, ..CellText::default() },
                None => continue,
            },
        };
        grid.set(pos, cell);
    }
    let merges = match workbook {
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    for merge in merges {
        grid.add_merge(Merge { first: merge.start, last: merge.end });
    }
    Ok(grid)
}

fn data_text(value: &Data) -> Option<String> {
    match value {
        Data::Empty => None,
        Data::String(s) => Some(s.trim().to_string()),
        Data::Float(v) => Some(number_text(*v)),
        Data::Int(v) => Some(v.to_string()),
        Data::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(d) => Some(date_text(d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        Data::Error(e) => Some(e.to_string()),
    }
    .filter(|t| !t.is_empty())
}

/// A number as Excel shows it under the General format: at most 15 significant digits, so a
/// stored 0.30000000000000004 (from a formula) is 0.3, and trailing zeros dropped.
pub fn number_text(value: f64) -> String {
    number_decimal(value).map_or_else(|| value.to_string(), |d| d.to_string())
}

fn number_decimal(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    Decimal::from_scientific(&format!("{value:.14e}")).ok().map(|d| d.normalize())
}

/// A number under its cell's format: percent formats show ×100 with `%`; a format with fewer
/// decimals than the value is noted (the draft keeps the full value, the preview says so).
fn number_cell(value: f64, format: Option<&str>) -> CellText {
    let section = format.map(first_section).unwrap_or("General");
    let Some(decimal) = number_decimal(value) else {
        return CellText { text: value.to_string(), ..CellText::default() };
    };
    let percent = section.contains('%');
    let shown = if percent { (decimal * Decimal::ONE_HUNDRED).normalize() } else { decimal };
    let text = if percent { format!("{shown}%") } else { shown.to_string() };
    let shown_as = format_decimals(section).filter(|&places| shown.scale() > places).map(|places| {
        let rounded = shown.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        if percent {
            format!("{rounded}%")
        } else {
            rounded.to_string()
        }
    });
    CellText { text, shown_as, ..CellText::default() }
}

fn first_section(format: &str) -> &str {
    format.split(';').next().unwrap_or(format)
}

/// Decimal places a fixed format shows (`0.00` → 2, `0%` → 0); `None` for General.
fn format_decimals(section: &str) -> Option<u32> {
    let code: String = strip_quoted(section);
    if code.eq_ignore_ascii_case("general") || code.is_empty() {
        return None;
    }
    if !code.contains('0') && !code.contains('#') {
        return None;
    }
    Some(
        code.split_once('.')
            .map_or(0, |(_, after)| after.chars().take_while(|c| matches!(c, '0' | '#')).count() as u32),
    )
}

fn strip_quoted(section: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut bracket = false;
    for c in section.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            _ if quoted || bracket => {}
            _ => out.push(c),
        }
    }
    out
}

/// An Excel date serial as 2023年3月10日 (the 1900 system; serial 60 is Excel's phantom 29 Feb).
fn date_text(serial: f64) -> String {
    let days = serial.floor() as i64;
    if days < 1 {
        return number_text(serial);
    }
    let days_since_1899_12_30 = if days < 60 { days + 1 } else { days };
    let (y, m, d) = jixiao_core::calendar::civil_from_days(days_since_1899_12_30 - 25_569);
    format!("{y}年{m}月{d}日")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_excel_shows_them() {
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(89.974), "89.974");
        assert_eq!(number_text(50.0), "50");
        assert_eq!(number_text(500000.0), "500000");
        assert_eq!(number_cell(0.95, Some("0%")).text, "95%");
        assert_eq!(number_cell(0.955, Some("0%")).shown_as.as_deref(), Some("96%"));
        assert_eq!(number_cell(0.9812, Some("0.00%")).text, "98.12%");
        assert_eq!(number_cell(89.974, Some("0.00")).shown_as.as_deref(), Some("89.97"));
        assert_eq!(number_cell(89.97, Some("0.00")).shown_as, None);
        assert_eq!(number_cell(12.0, Some("#,##0")).text, "12");
        assert_eq!(number_cell(3.0, Some("\"第\"0\"季度\"")).text, "3");
    }

    #[test]
    fn date_serials() {
        assert_eq!(date_text(44995.0), "2023年3月10日");
        assert_eq!(date_text(1.0), "1900年1月1日");
        assert_eq!(date_text(61.0), "1900年3月1日");
    }

    #[test]
    fn columns() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
    }
}
