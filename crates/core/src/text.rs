//! Small text rules shared by checks and the report: placeholders, clauses, numbers in prose.

use crate::parse::normalize;
use crate::units::{self, Unit};
use rust_decimal::Decimal;
use std::str::FromStr;

/// "无", "0", "/", "—", a single character …: text that fills a required cell without saying
/// anything (docs/rules.md §4, check 3).
pub fn is_placeholder(text: &str) -> bool {
    const PLACEHOLDERS: &[&str] =
        &["无", "暂无", "没有", "不适用", "略", "N/A", "n/a", "NA", "na", "--", "——", "//", "00", "无。", "同上"];
    // No placeholder is longer than this: a real text is told apart without copying it.
    const LONGEST: usize = 4;
    let trimmed = text.trim().trim_end_matches(['。', '.', '；', ';', '，', ',', '！', '!']);
    // The text without spaces, as UTF-8 on the stack: it runs on every report section per keystroke.
    let mut short = [0u8; 4 * LONGEST];
    let (mut len, mut count) = (0, 0);
    for c in trimmed.chars().filter(|c| !c.is_whitespace()) {
        if count == LONGEST {
            return false;
        }
        len += c.encode_utf8(&mut short[len..]).len();
        count += 1;
    }
    count <= 1 || PLACEHOLDERS.iter().any(|p| p.as_bytes() == &short[..len])
}

/// `a == b` for the evaluator's memory, which compares each row's ~15 cells with the row it
/// remembers on every keystroke. Cells are short (a figure, a name of ten characters): up to 32
/// bytes are compared as at most four overlapping 8-byte words in registers, with no `memcmp`
/// call (whose call and set-up cost more than such a comparison, and which in wasm is a byte loop).
#[inline(always)]
pub fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| s.get(at..at + 8).and_then(|w| w.try_into().ok()).map(u64::from_le_bytes);
    let half = |s: &[u8], at: usize| s.get(at..at + 4).and_then(|w| w.try_into().ok()).map(u32::from_le_bytes);
    match n {
        0 => true,
        1..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        17..=32 => {
            word(a, 0) == word(b, 0)
                && word(a, 8) == word(b, 8)
                && word(a, n - 16) == word(b, n - 16)
                && word(a, n - 8) == word(b, n - 8)
        }
        _ => a == b,
    }
}

/// `haystack` starts with `word`, compared byte by byte: the words looked up here are a few
/// bytes long and most differ in their first bytes, where a `memcmp` call would cost more than
/// the comparison.
pub fn starts_with_bytes(haystack: &[u8], word: &[u8]) -> bool {
    word.len() <= haystack.len() && word.iter().zip(haystack).all(|(a, b)| a == b)
}

/// The first of `words` found in `text`, scanning `text` once (a `contains` per word builds a
/// substring searcher each time, and these lists run for every row).
pub fn find_any<'w>(text: &str, words: &[&'w str]) -> Option<&'w str> {
    let bytes = text.as_bytes();
    text.char_indices().find_map(|(i, _)| words.iter().find(|w| starts_with_bytes(&bytes[i..], w.as_bytes())).copied())
}

/// Splits prose into clauses at Chinese and Latin punctuation.
pub fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '\n' | '、')
    })
    .map(str::trim)
    .filter(|s| !s.is_empty())
}

/// A number written in prose with the unit after it: 「开展宣传18场」 → 18 场.
#[derive(Clone, Debug, PartialEq)]
pub struct ProseNumber {
    pub value: Decimal,
    pub unit: Unit,
    /// 50余家次, 约20次, 700余条: not an exact figure.
    pub approximate: bool,
}

/// Numbers with their units in a piece of prose, in order.
pub fn numbers_in(text: &str) -> Vec<ProseNumber> {
    let norm = normalize(text);
    let chars: Vec<char> = norm.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit() || (chars[i] == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        let literal: String = chars[start..i].iter().collect();
        let Ok(value) = Decimal::from_str(&literal) else { continue };
        let before_approx = start > 0 && "约近超逾".contains(chars[start - 1]);
        let mut rest = i;
        let mut approximate = before_approx;
        if rest < chars.len() && "余多".contains(chars[rest]) {
            approximate = true;
            rest += 1;
        }
        // A dot right after the number is a list marker ("1.资金…") or a sentence end.
        if chars.get(i) == Some(&'.') {
            continue;
        }
        let (unit, used, multiplier) = units::read_unit(&chars[rest..]);
        if chars.get(rest + used..rest + used + 2).is_some_and(|s| s == ['左', '右']) {
            approximate = true;
        }
        let value = value.checked_mul(multiplier).unwrap_or(value);
        out.push(ProseNumber { value, unit, approximate });
        i = rest + used;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for p in ["", " ", "无", "无。", "0", "/", "—", "暂无", "N/A", "略"] {
            assert!(is_placeholder(p), "{p:?}");
        }
        for real in ["人员不足，下一步将增加人手。", "已完成"] {
            assert!(!is_placeholder(real), "{real:?}");
        }
    }

    #[test]
    fn numbers_in_prose() {
        let found =
            numbers_in("全年开展各类宣传18场，安全培训8场，开展工贸企业执法检查50余家次，发布宣传信息700余条。");
        let shown: Vec<_> = found.iter().map(|n| (n.value.to_string(), n.unit.text.clone(), n.approximate)).collect();
        assert_eq!(
            shown,
            vec![
                ("18".into(), "场".into(), false),
                ("8".into(), "场".into(), false),
                ("50".into(), "家次".into(), true),
                ("700".into(), "条".into(), true),
            ]
        );
        let c: Vec<_> = clauses("一是建立体系；二是规范队伍，开展演练。").collect();
        assert_eq!(c, vec!["一是建立体系", "二是规范队伍", "开展演练"]);
    }
}
