//! The 自评表 measured and paginated: rows grow to fit their wrapped text; a page break inside a
//! part repeats that part's column headers and continues the merged 一级/二级 cells (their label
//! repeated on the new page); a row is never cut inside a line of text. A row is broken between
//! two of its lines only when it is tall (six lines or more: three stay, two go on) or taller
//! than a page; a short row moves to the next page whole.

use crate::flow::{baseline, clean, run, wrap_text, Flow, RunStyle};
use crate::font::Font;
use crate::linebreak::Line;
use crate::pages::Item;
use crate::style::{columns, BOTTOM, CELL_PAD_X, CELL_PAD_Y, LEFT, RULE, TABLE_LINE, TABLE_SIZE, TOP};
use jixiao_core::form_table::{Align, Cell, Table};
use std::ops::Range;

const EPSILON: f32 = 0.01;
/// A row of this many lines may be broken at a page end rather than leave a gap.
const TALL_ROW: usize = 6;

struct Measured {
    /// Per cell of the row: its text (cleaned) and wrapped lines.
    cells: Vec<(String, Vec<Line>)>,
    /// Lines of the row's tallest one-row cell (at least 1).
    lines: usize,
}

/// A merged cell covering `rows`.
struct Span {
    row: usize,
    cell: usize,
    rows: Range<usize>,
    /// Height its label needs.
    need: f32,
}

/// A row (or the part of one) placed on a page.
struct Placed {
    row: usize,
    height: f32,
    /// The row's lines shown here (all of them unless the row is broken across pages).
    lines: Range<usize>,
}

pub struct Grid<'a> {
    font: &'a Font<'a>,
    table: &'a Table,
    edges: Vec<f32>,
    measured: Vec<Measured>,
    spans: Vec<Span>,
}

fn rows_height(lines: usize) -> f32 {
    2.0 * CELL_PAD_Y + lines as f32 * TABLE_LINE
}

/// A centred label whose last line would be short is set in lines of even length: 「偏差原因/分析及改/进措施」
/// rather than 「偏差原因分/析及改进措/施」. Same number of lines, narrowest width that keeps it.
fn balance(font: &Font, text: &str, lines: Vec<Line>) -> Vec<Line> {
    let widest = lines.iter().map(|l| l.width).fold(0.0, f32::max);
    // 「经济效益/指标」 reads better than 「经济效/益指标」: only a short last line is evened out.
    if lines.len() < 2 || lines.last().is_some_and(|l| l.width >= 0.4 * widest) {
        return lines;
    }
    let (mut low, mut high) = (widest / lines.len() as f32, widest);
    let mut best = lines;
    for _ in 0..12 {
        let mid = (low + high) / 2.0;
        let attempt = wrap_text(font, text, TABLE_SIZE, mid, 0.0);
        if attempt.len() <= best.len() {
            high = mid;
            best = attempt;
        } else {
            low = mid;
        }
    }
    best
}

impl<'a> Grid<'a> {
    /// The 自评表's nine columns.
    pub fn new(font: &'a Font<'a>, table: &'a Table) -> Self {
        Grid::with_columns(font, table, &columns())
    }

    /// A table of other columns (widths in pt, filling the text block) laid out by the same
    /// rules: the 复核意见表.
    pub fn with_columns(font: &'a Font<'a>, table: &'a Table, widths: &[f32]) -> Self {
        let mut edges = vec![LEFT];
        for w in widths {
            edges.push(edges.last().expect("starts with LEFT") + w);
        }
        let mut grid = Grid { font, table, edges, measured: Vec::new(), spans: Vec::new() };
        for (r, row) in table.rows.iter().enumerate() {
            let cells: Vec<(String, Vec<Line>)> = row
                .cells
                .iter()
                .map(|c| {
                    let text = clean(&c.text);
                    let lines = wrap_text(font, &text, TABLE_SIZE, grid.inner_width(c), c.indent);
                    let lines = if c.align == Align::Center { balance(font, &text, lines) } else { lines };
                    (text, lines)
                })
                .collect();
            let lines = row.cells.iter().zip(&cells).filter(|(c, _)| c.rowspan == 1).map(|(_, (_, l))| l.len());
            let lines = lines.max().unwrap_or(0).max(1);
            for (k, c) in row.cells.iter().enumerate().filter(|(_, c)| c.rowspan > 1) {
                let need = rows_height(cells[k].1.len().max(1));
                grid.spans.push(Span { row: r, cell: k, rows: r..r + c.rowspan, need });
            }
            grid.measured.push(Measured { cells, lines });
        }
        grid
    }

    fn inner_width(&self, cell: &Cell) -> f32 {
        self.edges[cell.col + cell.colspan] - self.edges[cell.col] - 2.0 * CELL_PAD_X
    }

    /// Extra height the last row on the page needs so that every merged cell in it has room
    /// for its label, if the page ended after a row of `height` at `row`.
    fn growth(&self, page: &[Placed], row: usize, height: f32) -> f32 {
        self.spans
            .iter()
            .filter(|s| s.rows.contains(&row))
            .map(|s| {
                let have: f32 = page.iter().filter(|p| s.rows.contains(&p.row)).map(|p| p.height).sum();
                s.need - have - height
            })
            .fold(0.0, f32::max)
    }

    /// Grows the last placed row for the merged cells that end with it; returns the growth.
    fn grow_last(&self, page: &mut [Placed], only_ending: bool) -> f32 {
        let Some(last) = page.last() else { return 0.0 };
        let last_row = last.row;
        let g = self
            .spans
            .iter()
            .filter(|s| s.rows.contains(&last_row) && (!only_ending || s.rows.end == last_row + 1))
            .map(|s| s.need - page.iter().filter(|p| s.rows.contains(&p.row)).map(|p| p.height).sum::<f32>())
            .fold(0.0, f32::max);
        if let Some(last) = page.last_mut() {
            last.height += g;
        }
        g
    }

    fn header_rows(&self, before: usize) -> Vec<usize> {
        let section = self.table.rows[before].section;
        (0..before).filter(|&r| self.table.rows[r].header && self.table.rows[r].section == section).collect()
    }

    /// Lays the table out from `flow.y` on, adding pages as needed.
    pub fn lay_out(&self, flow: &mut Flow) {
        let rows = &self.table.rows;
        let mut page: Vec<Placed> = Vec::new();
        let mut top = flow.y;
        let mut used = 0.0;
        let (mut i, mut from) = (0, 0);
        while i < rows.len() {
            let total = self.measured[i].lines;
            let height = rows_height(total - from);
            let available = BOTTOM - top - used;
            // Column headers never stay alone at the bottom of a page, nor 总分 at the top.
            let keep = match rows.get(i + 1) {
                Some(_) if rows[i].keep_with_next => rows_height(self.measured[i + 1].lines.min(2)),
                _ => 0.0,
            };
            if height + self.growth(&page, i, height) + keep <= available + EPSILON {
                page.push(Placed { row: i, height, lines: from..total });
                used += height + self.grow_last(&mut page, true);
                (i, from) = (i + 1, 0);
                continue;
            }
            let body_on_page = page.iter().any(|p| !rows[p.row].header);
            let header_height: f32 = self.header_rows(i).iter().map(|&h| rows_height(self.measured[h].lines)).sum();
            let fits_a_page = height <= BOTTOM - TOP - header_height + EPSILON;
            let left = total - from;
            if !rows[i].header && (!fits_a_page || !body_on_page || left >= TALL_ROW) {
                // Break the row between two lines, as many as fit here: at least one on a page
                // with nothing else, else two (three of a tall row, leaving two for the next
                // page) so that no line is left alone.
                let (least, leave) = match (body_on_page, fits_a_page) {
                    (false, _) => (1, 1),
                    (true, false) => (2, 1),
                    (true, true) => (3, 2),
                };
                let fitting = (least..=left.saturating_sub(leave))
                    .rev()
                    .find(|&k| rows_height(k) + self.growth(&page, i, rows_height(k)) <= available + EPSILON);
                if let Some(k) = fitting {
                    page.push(Placed { row: i, height: rows_height(k), lines: from..from + k });
                    from += k;
                } else if !body_on_page && top <= TOP + EPSILON {
                    // Not even one line fits a fresh page: cannot happen at these sizes, but
                    // never loop forever.
                    page.push(Placed { row: i, height, lines: from..total });
                    (i, from) = (i + 1, 0);
                }
            }
            self.grow_last(&mut page, false);
            self.emit(&page, top, flow);
            flow.new_page();
            (top, used) = (flow.y, 0.0);
            page.clear();
            if i < rows.len() && !rows[i].header {
                for h in self.header_rows(i) {
                    let lines = self.measured[h].lines;
                    page.push(Placed { row: h, height: rows_height(lines), lines: 0..lines });
                    used += rows_height(lines);
                }
            }
        }
        used += self.grow_last(&mut page, false);
        self.emit(&page, top, flow);
        flow.y = top + used;
    }

    fn emit(&self, page: &[Placed], top: f32, flow: &mut Flow) {
        let mut tops = Vec::with_capacity(page.len());
        let mut y = top;
        for p in page {
            tops.push(y);
            y += p.height;
        }
        for (p, &y) in page.iter().zip(&tops) {
            let row = &self.table.rows[p.row];
            let broken = p.lines != (0..self.measured[p.row].lines);
            for (k, cell) in row.cells.iter().enumerate().filter(|(_, c)| c.rowspan == 1) {
                let (text, lines) = &self.measured[p.row].cells[k];
                let shown = p.lines.start.min(lines.len())..p.lines.end.min(lines.len());
                self.cell(flow, cell, text, &lines[shown.clone()], shown.start == 0, y, p.height, broken);
            }
        }
        for span in &self.spans {
            let on_page: Vec<usize> = (0..page.len()).filter(|&k| span.rows.contains(&page[k].row)).collect();
            let (Some(&first), Some(&last)) = (on_page.first(), on_page.last()) else { continue };
            let cell = &self.table.rows[span.row].cells[span.cell];
            let (text, lines) = &self.measured[span.row].cells[span.cell];
            let height = tops[last] + page[last].height - tops[first];
            self.cell(flow, cell, text, lines, true, tops[first], height, false);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn cell(
        &self,
        flow: &mut Flow,
        cell: &Cell,
        text: &str,
        lines: &[Line],
        first_line_shown: bool,
        y: f32,
        height: f32,
        top_aligned: bool,
    ) {
        let (x0, x1) = (self.edges[cell.col], self.edges[cell.col + cell.colspan]);
        flow.push(Item::Frame { x: x0, y, width: x1 - x0, height, thickness: RULE });
        let content = lines.len() as f32 * TABLE_LINE;
        let mut line_top = if top_aligned { y + CELL_PAD_Y } else { y + (height - content) / 2.0 };
        let style = RunStyle { size: TABLE_SIZE, bold: false };
        for (j, line) in lines.iter().enumerate() {
            let x = match cell.align {
                Align::Left if j == 0 && first_line_shown => x0 + CELL_PAD_X + cell.indent,
                Align::Left => x0 + CELL_PAD_X,
                Align::Center => (x0 + x1 - line.width) / 2.0,
                Align::Right => x1 - CELL_PAD_X - line.width,
            };
            let base = baseline(self.font, line_top, TABLE_SIZE, TABLE_LINE);
            flow.push(Item::Text(run(self.font, text, line, x, base, &style, None)));
            line_top += TABLE_LINE;
        }
    }
}
