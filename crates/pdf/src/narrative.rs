//! The 自评报告 after the table: its title, then the core's blocks. Headings 一、（一）1.（1） and
//! paragraphs all start two characters in, as GB/T 9704 sets them (标题 levels are told apart by
//! their numbering, 一级–三级 in bold); paragraph lines are justified, the last line of each
//! paragraph is not.

use crate::flow::{baseline, clean, run, wrap_text, Flow, RunStyle};
use crate::font::Font;
use crate::pages::Item;
use crate::style::{BODY_WIDTH, LEFT, REPORT_LINE, REPORT_SIZE, REPORT_TITLE_SIZE, TOP};
use jixiao_core::report::{BlockKind, Report};

const EPSILON: f32 = 0.01;

pub fn lay_out(font: &Font, report: &Report, flow: &mut Flow) {
    let title_line = REPORT_TITLE_SIZE * 1.6;
    let title = clean(&report.title);
    let style = RunStyle { size: REPORT_TITLE_SIZE, bold: true };
    for line in wrap_text(font, &title, REPORT_TITLE_SIZE, BODY_WIDTH, 0.0) {
        let x = LEFT + (BODY_WIDTH - line.width) / 2.0;
        let base = baseline(font, flow.y, REPORT_TITLE_SIZE, title_line);
        flow.push(Item::Text(run(font, &title, &line, x, base, &style, None)));
        flow.y += title_line;
    }
    flow.y += REPORT_LINE / 2.0;

    let indent = 2.0 * REPORT_SIZE;
    for block in &report.blocks {
        let (heading, bold) = match block.kind {
            BlockKind::Heading { level } => (true, level <= 3),
            BlockKind::Paragraph => (false, false),
        };
        let text = clean(&block.text);
        let lines = wrap_text(font, &text, REPORT_SIZE, BODY_WIDTH, indent);
        // A heading keeps its first following line on its page.
        let keep = if heading { lines.len() + 1 } else { 1 };
        if flow.remaining() + EPSILON < keep as f32 * REPORT_LINE && flow.y > TOP + EPSILON {
            flow.new_page();
        }
        let style = RunStyle { size: REPORT_SIZE, bold };
        for (j, line) in lines.iter().enumerate() {
            if flow.remaining() + EPSILON < REPORT_LINE {
                flow.new_page();
            }
            let shift = if j == 0 { indent } else { 0.0 };
            let base = baseline(font, flow.y, REPORT_SIZE, REPORT_LINE);
            let justify = (!heading).then_some(BODY_WIDTH - shift);
            flow.push(Item::Text(run(font, &text, line, LEFT + shift, base, &style, justify)));
            flow.y += REPORT_LINE;
        }
    }
}
