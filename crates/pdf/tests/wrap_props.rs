//! Property: wrapping never loses, adds or reorders a character, and no line is wider than
//! the room it was given (as long as a single character fits).

use jixiao_pdf::linebreak::{break_opportunities, wrap, NO_LINE_END, NO_LINE_START};
use proptest::prelude::*;

/// Hanzi, digits, units, Latin, spaces, newlines and the punctuation the rules are about.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => "[一-龥]{1,6}",
        1 => "[0-9]{1,4}(\\.[0-9]{1,2})?(%|万元|次|小时|个)?",
        1 => "[A-Za-z]{1,12}",
        1 => Just(" ".to_string()),
        1 => Just("\n".to_string()),
        2 => "[。，、；：？！）》」“”（《「]",
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Widths as a real CJK font has them: hanzi and full-width punctuation 1 em, the rest narrower.
fn measure(c: char) -> f32 {
    match c as u32 {
        0x3000..=0x9FFF | 0xFF00..=0xFFEF | 0x201C | 0x201D => 1.0,
        _ if c.is_ascii_digit() => 0.55,
        _ if c == ' ' => 0.25,
        _ => 0.6,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn wrapping_keeps_every_character_in_order(text in text(), width in 1.0f32..30.0, indent in 0.0f32..3.0) {
        let first = (width - indent).max(1.0);
        let lines = wrap(&text, first, width, measure);
        // The lines tile the text: each starts where the previous one's swallowed space ends.
        let mut at = 0;
        for line in &lines {
            prop_assert_eq!(line.start, at);
            prop_assert!(line.start <= line.end && line.end <= line.next);
            prop_assert!(text[line.end..line.next].chars().all(char::is_whitespace), "only spaces and newlines are swallowed");
            at = line.next;
        }
        prop_assert_eq!(at, text.len());
        // So the drawn text, spaces aside, is the text.
        let drawn: String = lines.iter().map(|l| &text[l.start..l.end]).collect();
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(strip(&drawn), strip(&text));
    }

    #[test]
    fn no_line_is_wider_than_its_room(text in text(), width in 1.0f32..30.0, indent in 0.0f32..3.0) {
        let first = (width - indent).max(1.0);
        for (k, line) in wrap(&text, first, width, measure).iter().enumerate() {
            let room = if k == 0 { first } else { width };
            let w: f32 = text[line.start..line.end].chars().map(measure).sum();
            prop_assert!(w <= room + 0.01, "line {k} {:?} is {w} wide in {room}", &text[line.start..line.end]);
            prop_assert!((w - line.width).abs() < 1e-3);
        }
    }

    #[test]
    fn kinsoku_holds_at_every_break(text in text(), width in 1.0f32..30.0) {
        // Every line ends at a break opportunity (or is a piece too wide for any line, cut
        // between characters): at those, no line starts with closing or ends with opening
        // punctuation, unless a newline put it there.
        let opportunities: Vec<usize> = break_opportunities(&text).into_iter().map(|(at, _)| at).collect();
        let lines = wrap(&text, width, width, measure);
        for pair in lines.windows(2) {
            let (before, after) = (&text[pair[0].start..pair[0].end], &text[pair[1].start..pair[1].end]);
            if pair[0].last || !opportunities.contains(&pair[0].next) {
                continue;
            }
            if let Some(first) = after.chars().next() {
                prop_assert!(!NO_LINE_START.contains(first), "{after:?} starts a line");
            }
            if let Some(last) = before.chars().last() {
                prop_assert!(!NO_LINE_END.contains(last), "{before:?} ends a line");
            }
        }
    }
}
