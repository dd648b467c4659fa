//! The 自评报告 as a .docx for Word/WPS: the 自评表 as a Word table with merged cells (the same
//! rows and cells as the PDF's, from `jixiao_core::form_table`), then the report's headings and
//! paragraphs, on A4 with the fonts of official documents (仿宋 body, 黑体/楷体 headings, 宋体 table)
//! and page numbers in the footer, so that the unit can edit, stamp and print it.

use crate::xlsx::{ExportDate, ExportError};
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};
use jixiao_core::form_table::{self, Align};
use jixiao_core::report::{BlockKind, Report};
use jixiao_core::{Draft, Evaluation};

/// A4 in twentieths of a point, and the margins of GB/T 9704 (3.7 / 3.5 / 2.8 / 2.6 cm).
const PAGE: (u32, u32) = (11_906, 16_838);
const MARGIN: (i32, i32, i32, i32) = (2_098, 1_984, 1_588, 1_474);
/// Grid of the form's nine columns, in twips (they add up to the text width, 8 844).
const GRID: [usize; 9] = [960, 820, 900, 1_160, 1_090, 1_040, 900, 900, 1_074];

/// Sizes in half-points: 三号 16 pt for the text, 二号 22 pt for titles, 小五 9 pt in the table.
const BODY: usize = 32;
const TITLE: usize = 44;
const TABLE_TEXT: usize = 18;

fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    // Line breaks typed in a cell or paragraph stay line breaks.
    let mut run = Run::new().fonts(fonts(font)).size(size);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, "宋体", TITLE).bold())
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(240))
}

/// The .docx bytes of the 自评表 and 自评报告.
pub fn export(draft: &Draft, evaluation: &Evaluation, date: ExportDate) -> Result<Vec<u8>, ExportError> {
    let report = jixiao_core::report::generate(draft, evaluation);
    let created = format!("{:04}-{:02}-{:02}T00:00:00Z", date.year, date.month, date.day);
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text("— ").size(28))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" —").size(28))
            .align(AlignmentType::Center),
    );
    let year = draft.project.year.trim();
    let form_title = if year.is_empty() {
        "项目支出绩效自评表".to_string()
    } else {
        format!("项目支出绩效自评表（{year}年度）")
    };
    let mut doc = Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_margin(PageMargin::new().top(MARGIN.0).bottom(MARGIN.1).left(MARGIN.2).right(MARGIN.3))
        .default_fonts(fonts("仿宋"))
        .default_size(BODY)
        .footer(footer)
        .created_at(&created)
        .updated_at(&created)
        .add_paragraph(title(&form_title))
        .add_table(form(draft, evaluation));
    doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    doc = narrative(doc, &report);
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).map_err(|e| ExportError::new(e.to_string()))?;
    deflate(&bytes.into_inner()).map_err(|e| ExportError::new(e.to_string()))
}

/// docx-rs stores its parts uncompressed (a 100-indicator report is 355 KB); Word writes them
/// deflated, and so do we (about a tenth). Same parts, same order, fixed timestamps.
fn deflate(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        let name = part.name()?.to_string();
        if part.is_dir() {
            out.add_directory(name, options)?;
            continue;
        }
        let mut content = Vec::with_capacity(part.size() as usize);
        part.read_to_end(&mut content)?;
        out.start_file(name, options)?;
        out.write_all(&content)?;
    }
    Ok(out.finish()?.into_inner())
}

fn narrative(mut doc: Docx, report: &Report) -> Docx {
    doc = doc.add_paragraph(title(&report.title));
    for block in &report.blocks {
        let paragraph = match block.kind {
            // 一、 in 黑体, （一） in 楷体, the deeper ones in 仿宋 bold (the usual official hierarchy).
            BlockKind::Heading { level } => {
                let heading = match level {
                    1 => run(&block.text, "黑体", BODY),
                    2 => run(&block.text, "楷体", BODY),
                    _ => run(&block.text, "仿宋", BODY).bold(),
                };
                Paragraph::new().add_run(heading).indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
            }
            BlockKind::Paragraph => Paragraph::new()
                .add_run(run(&block.text, "仿宋", BODY))
                .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                .align(AlignmentType::Both),
        };
        // 28 pt fixed lines, as official documents are set.
        doc = doc.add_paragraph(
            paragraph.line_spacing(LineSpacing::new().line(560).line_rule(docx_rs::LineSpacingType::Exact)),
        );
    }
    doc
}

/// The form's rows as a Word table. Word merges vertically by a cell that starts the merge and
/// "continue" cells below it, so every row is filled out to the nine grid columns.
fn form(draft: &Draft, evaluation: &Evaluation) -> Table {
    let table = form_table::build(draft, evaluation, 21.0);
    // Per grid column: rows still covered by a merged cell from above, and that cell's span.
    let mut covered: Vec<(usize, usize)> = vec![(0, 1); GRID.len()];
    let mut rows = Vec::new();
    for row in &table.rows {
        let mut cells = Vec::new();
        let mut col = 0;
        let mut placed = row.cells.iter().peekable();
        while col < GRID.len() {
            if covered[col].0 > 0 {
                let span = covered[col].1;
                covered[col].0 -= 1;
                cells.push(grid_cell(Paragraph::new(), span).vertical_merge(VMergeType::Continue));
                col += span;
                continue;
            }
            match placed.peek() {
                Some(cell) if cell.col == col => {
                    let paragraph =
                        Paragraph::new().add_run(run(cell.text.trim(), "宋体", TABLE_TEXT)).align(match cell.align {
                            Align::Left => AlignmentType::Left,
                            Align::Center => AlignmentType::Center,
                            Align::Right => AlignmentType::Right,
                        });
                    let mut word = grid_cell(paragraph, cell.colspan);
                    if cell.rowspan > 1 {
                        word = word.vertical_merge(VMergeType::Restart);
                        covered[col] = (cell.rowspan - 1, cell.colspan);
                    }
                    cells.push(word);
                    col += cell.colspan.max(1);
                    placed.next();
                }
                _ => {
                    cells.push(grid_cell(Paragraph::new(), 1));
                    col += 1;
                }
            }
        }
        rows.push(TableRow::new(cells));
    }
    Table::new(rows).set_grid(GRID.to_vec()).layout(TableLayoutType::Fixed).width(GRID.iter().sum(), WidthType::Dxa)
}

fn grid_cell(paragraph: Paragraph, span: usize) -> TableCell {
    let mut cell = TableCell::new().add_paragraph(paragraph).vertical_align(VAlignType::Center);
    if span > 1 {
        cell = cell.grid_span(span);
    }
    cell
}
