//! Chinese line breaking: where a line may end, and greedy filling of lines.
//!
//! UAX #14 (the `unicode-linebreak` crate) already allows a break between any two hanzi, keeps
//! Latin words and numbers such as `100.00%` whole and keeps closing punctuation off the line
//! start. On top of it come the rules of Chinese typesetting that it does not cover:
//! - 禁则: no line starts with [`NO_LINE_START`] or ends with [`NO_LINE_END`];
//! - a number stays with its unit (`50万元`, `132次`, `2小时`), the unit read as the core's parser
//!   reads it, so the PDF and the scoring agree on what a unit is;
//! - Chinese quotation marks open and close: UAX #14 (class QU) forbids a break on both sides
//!   of “ ” and would glue them to their neighbours.

use jixiao_core::units::read_unit;
use unicode_linebreak::{linebreaks, BreakOpportunity};

/// Never at the start of a line (行首禁则).
pub const NO_LINE_START: &str = "。，、；：？！）》」』】〕〉〗”’…‥·・％‰℃.,;:?!)]}%";
/// Never at the end of a line (行尾禁则).
pub const NO_LINE_END: &str = "（《「『【〔〈〖“‘([{";

/// Slack for float sums of advances, in pt.
const EPSILON: f32 = 0.01;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Break {
    /// A line may start here.
    Allowed,
    /// A line must start here (after a newline, and at the end of the text).
    Mandatory,
}

/// Byte offsets where a new line may start, in order; the last one is `text.len()`.
pub fn break_opportunities(text: &str) -> Vec<(usize, Break)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    if n == 0 {
        return Vec::new();
    }
    // breaks[i]: may a line start at char i (0 < i < n)?
    let mut breaks: Vec<Option<Break>> = vec![None; n + 1];
    for (offset, opportunity) in linebreaks(text) {
        let i = chars.binary_search_by_key(&offset, |&(o, _)| o).unwrap_or(n);
        breaks[i] = Some(match opportunity {
            BreakOpportunity::Mandatory => Break::Mandatory,
            BreakOpportunity::Allowed => Break::Allowed,
        });
    }
    for i in 1..n {
        let (before, after) = (chars[i - 1].1, chars[i].1);
        if breaks[i].is_none()
            && ((matches!(after, '“' | '‘') && is_wide(before)) || (matches!(before, '”' | '’') && is_wide(after)))
        {
            breaks[i] = Some(Break::Allowed);
        }
    }
    for i in 1..n {
        // The line would end with the last character before the break that is drawn (spaces
        // at a line end are not).
        let line_end = chars[..i].iter().rev().map(|&(_, c)| c).find(|&c| !is_swallowed(c));
        if breaks[i] == Some(Break::Allowed)
            && (NO_LINE_START.contains(chars[i].1) || line_end.is_some_and(|c| NO_LINE_END.contains(c)))
        {
            breaks[i] = None;
        }
    }
    let plain: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
    for glued in number_with_unit(&plain) {
        for slot in &mut breaks[glued.start + 1..glued.end] {
            if *slot == Some(Break::Allowed) {
                *slot = None;
            }
        }
    }
    breaks[n] = Some(Break::Mandatory);
    (1..=n).filter_map(|i| breaks[i].map(|b| (chars.get(i).map_or(text.len(), |c| c.0), b))).collect()
}

/// Hanzi, CJK punctuation and full-width forms: the characters around which a Chinese quotation
/// mark may be broken.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Char ranges `number + unit` ("50万元", "１３２次", "1,000.5元") that must not be broken.
fn number_with_unit(chars: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (is_digit(chars[i])
                || (matches!(chars[i], '.' | ',' | '．') && chars.get(i + 1).copied().is_some_and(is_digit)))
        {
            i += 1;
        }
        while i < chars.len() && matches!(chars[i], '%' | '％' | '‰') {
            i += 1;
        }
        let (_, used, _) = read_unit(&chars[i..]);
        i += used;
        if i - start > 1 {
            out.push(start..i);
        }
    }
    out
}

/// One line of wrapped text.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// What is drawn: `text[start..end]` (without trailing spaces or the newline).
    pub start: usize,
    pub end: usize,
    /// Where the next line starts: the spaces or newline in `end..next` are swallowed.
    pub next: usize,
    /// Width of `text[start..end]` in the measure's unit.
    pub width: f32,
    /// Byte offsets inside `start..end` where extra space may go when the line is justified:
    /// the break opportunities, so a Latin word or "50万元" is never spaced out.
    pub gaps: Vec<usize>,
    /// Last line of a paragraph (before a newline or at the end): never justified.
    pub last: bool,
}

/// Fills lines greedily. `first_width` is for the first line (a paragraph's first-line
/// indent), `width` for the others. A piece that cannot be broken and is wider than a line
/// (a long serial number in a narrow cell) is cut between characters rather than overflow.
/// Nothing is lost: the lines' `start..next` ranges cover the text in order.
pub fn wrap(text: &str, first_width: f32, width: f32, measure: impl Fn(char) -> f32) -> Vec<Line> {
    let mut filler = Filler { text, measure: &measure, lines: Vec::new(), first_width, width, current: None };
    let mut segment_start = 0;
    for (end, kind) in break_opportunities(text) {
        filler.place(segment_start, end);
        if kind == Break::Mandatory {
            filler.finish_line(end, true, segment_start);
        }
        segment_start = end;
    }
    filler.lines
}

struct Current {
    start: usize,
    /// End of the drawn text so far.
    end: usize,
    /// Width up to `end`, and up to the end of the trailing spaces after it.
    width_to_end: f32,
    width_with_spaces: f32,
    gaps: Vec<usize>,
}

struct Filler<'t, 'm, M: Fn(char) -> f32> {
    text: &'t str,
    measure: &'m M,
    lines: Vec<Line>,
    first_width: f32,
    width: f32,
    current: Option<Current>,
}

impl<M: Fn(char) -> f32> Filler<'_, '_, M> {
    fn available(&self) -> f32 {
        if self.lines.is_empty() {
            self.first_width
        } else {
            self.width
        }
    }

    fn measure(&self, s: &str) -> f32 {
        s.chars().map(|c| (self.measure)(c)).sum()
    }

    /// Places the segment `text[start..end]` (from one break opportunity to the next).
    fn place(&mut self, start: usize, end: usize) {
        let segment = &self.text[start..end];
        let body = segment.trim_end_matches(is_swallowed);
        let body_end = start + body.len();
        let body_width = self.measure(body);
        let spaces_width = self.measure(&segment[body.len()..]);
        if let Some(line) = &self.current {
            if line.width_with_spaces + body_width > self.available() + EPSILON {
                self.finish_line(start, false, start);
            }
        }
        let too_wide = body_width > self.available() + EPSILON;
        match &mut self.current {
            // Only spaces: they may widen the line but are not drawn unless text follows.
            Some(line) if body.is_empty() => line.width_with_spaces += spaces_width,
            Some(line) => {
                line.gaps.push(start);
                line.end = body_end;
                line.width_to_end = line.width_with_spaces + body_width;
                line.width_with_spaces = line.width_to_end + spaces_width;
            }
            None if too_wide => self.cut(start, body_end, spaces_width),
            None => {
                self.current = Some(Current {
                    start,
                    end: body_end,
                    width_to_end: body_width,
                    width_with_spaces: body_width + spaces_width,
                    gaps: Vec::new(),
                })
            }
        }
    }

    /// A piece wider than a whole line: cut it between characters.
    fn cut(&mut self, start: usize, end: usize, spaces_width: f32) {
        let mut line_start = start;
        let mut width = 0.0;
        for (offset, c) in self.text[start..end].char_indices() {
            let at = start + offset;
            let w = (self.measure)(c);
            if at > line_start && width + w > self.available() + EPSILON {
                self.current = Some(Current {
                    start: line_start,
                    end: at,
                    width_to_end: 0.0,
                    width_with_spaces: 0.0,
                    gaps: vec![],
                });
                self.finish_line(at, false, at);
                line_start = at;
                width = 0.0;
            }
            width += w;
        }
        self.current = Some(Current {
            start: line_start,
            end,
            width_to_end: width,
            width_with_spaces: width + spaces_width,
            gaps: Vec::new(),
        });
    }

    /// Ends the current line; `next` is where the following one starts. With no current line
    /// and `last` (an empty paragraph: two newlines in a row) an empty line is kept.
    fn finish_line(&mut self, next: usize, last: bool, empty_at: usize) {
        match self.current.take() {
            Some(line) => {
                let width = self.measure(&self.text[line.start..line.end]);
                self.lines.push(Line { start: line.start, end: line.end, next, width, gaps: line.gaps, last });
            }
            None if last => {
                self.lines.push(Line { start: empty_at, end: empty_at, next, width: 0.0, gaps: Vec::new(), last })
            }
            None => {}
        }
    }
}

/// Whitespace at the end of a line is not drawn and takes no room.
fn is_swallowed(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{3000}' | '\u{a0}' | '\u{2028}' | '\u{2029}' | '\u{b}' | '\u{c}' | '\u{85}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hanzi and full-width punctuation 1 em, everything else half an em.
    fn em(c: char) -> f32 {
        if is_wide(c) {
            1.0
        } else {
            0.5
        }
    }

    fn lines(text: &str, width: f32) -> Vec<&str> {
        wrap(text, width, width, em).into_iter().map(|l| &text[l.start..l.end]).collect()
    }

    #[test]
    fn breaks_between_any_two_hanzi() {
        assert_eq!(lines("绩效目标完成情况分析", 4.0), ["绩效目标", "完成情况", "分析"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // 「五。」 cannot be parted: the line ends before 五 instead.
        assert_eq!(lines("一二三四五。六七", 5.0), ["一二三四", "五。六七"]);
        for closing in NO_LINE_START.chars().filter(|c| is_wide(*c)) {
            let text = format!("甲乙丙丁{closing}戊己");
            for l in lines(&text, 4.0) {
                assert!(!l.starts_with(closing), "{text:?} gave a line starting with {closing}");
            }
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        assert_eq!(lines("资金（一）到位", 3.0), ["资金", "（一）", "到位"]);
        // Not even with a space after it (found by the property test).
        let l = lines("“ abcdefghijkl", 2.0);
        assert!(l.iter().all(|l| !l.ends_with('“')), "{l:?}");
        for opening in NO_LINE_END.chars().filter(|c| is_wide(*c)) {
            let text = format!("甲乙丙{opening}丁戊己");
            for l in lines(&text, 4.0) {
                assert!(!l.ends_with(opening), "{text:?} gave a line ending with {opening}");
            }
        }
    }

    #[test]
    fn numbers_stay_with_their_units() {
        // "50万元" is 3 em wide: it moves to the next line whole.
        assert_eq!(lines("实际到位资金50万元，", 7.5), ["实际到位资金", "50万元，"]);
        assert_eq!(lines("开展了132次巡查", 5.0), ["开展了", "132次巡查"]);
        assert_eq!(lines("开展了132次巡查", 4.0), ["开展了", "132次巡", "查"]);
        assert_eq!(lines("资金到位率为100.00%。", 8.0), ["资金到位率为", "100.00%。"]);
        assert_eq!(lines("反应时间不高于2小时", 8.0), ["反应时间不高于", "2小时"]);
        assert_eq!(lines("全年劝导车辆2万人次", 7.0), ["全年劝导车辆", "2万人次"]);
    }

    #[test]
    fn latin_words_stay_whole() {
        assert_eq!(lines("通过LED宣传屏发布", 3.0), ["通过", "LED宣", "传屏发", "布"]);
        assert_eq!(lines("see the N/A note", 3.5), ["see the", "N/A", "note"]);
    }

    #[test]
    fn chinese_quotes_open_and_close() {
        // UAX #14 alone would glue 理“ and ”。 to their neighbours.
        assert_eq!(lines("应急管理“四大体系”建设", 4.5), ["应急管理", "“四大体", "系”建设"]);
        let l = lines("建立“四大体系”。我街道全面建设", 6.0);
        assert!(l.iter().all(|l| !l.ends_with('“') && !l.starts_with('”') && !l.starts_with('。')), "{l:?}");
    }

    #[test]
    fn newlines_end_paragraphs_and_blank_lines_are_kept() {
        let w = wrap("甲乙\n\n丙", 10.0, 10.0, em);
        let shown: Vec<_> = w.iter().map(|l| (&"甲乙\n\n丙"[l.start..l.end], l.last)).collect();
        assert_eq!(shown, [("甲乙", true), ("", true), ("丙", true)]);
    }

    #[test]
    fn trailing_spaces_are_not_drawn_and_the_first_line_may_be_indented() {
        let w = wrap("ab cd ef", 1.5, 2.5, em);
        let shown: Vec<_> = w.iter().map(|l| &"ab cd ef"[l.start..l.end]).collect();
        assert_eq!(shown, ["ab", "cd ef"]);
        assert_eq!((w[0].end, w[0].next), (2, 3));
    }

    #[test]
    fn a_piece_wider_than_the_line_is_cut_between_characters() {
        assert_eq!(lines("编号ABCDEFGHIJ", 2.0), ["编号", "ABCD", "EFGH", "IJ"]);
    }

    #[test]
    fn justification_gaps_are_break_opportunities() {
        let text = "共50万元资金";
        let w = wrap(text, 20.0, 20.0, em);
        let pieces: Vec<&str> = std::iter::once(w[0].start)
            .chain(w[0].gaps.iter().copied())
            .zip(w[0].gaps.iter().copied().chain(std::iter::once(w[0].end)))
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(pieces, ["共", "50万元", "资", "金"]);
        assert!(w[0].last);
    }
}
