//! Small text rules shared by checks and the report: placeholders, clauses, numbers in prose.

use crate::units::{self, Unit};
use rust_decimal::Decimal;

/// "无", "0", "/", "—", a single character …: text that fills a required cell without saying
/// anything (docs/rules.md §4, check 3).
pub fn is_placeholder(text: &str) -> bool {
    const PLACEHOLDERS: &[&str] =
        &["无", "暂无", "没有", "不适用", "略", "N/A", "n/a", "NA", "na", "--", "——", "//", "00", "无。", "同上"];
    // No placeholder is longer than this: a real text is told apart without copying it.
    const LONGEST: usize = 4;
    let trimmed = trim(text).trim_end_matches(['。', '.', '；', ';', '，', ',', '！', '!']);
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

/// The code point and the length in bytes of the UTF-8 character that starts at `at` (`bytes` is
/// UTF-8 from there on). The per-character loops over bytes (normalising a cell, check 13's pairs,
/// the measure-word index) decode with this: at `opt-level = "z"` `Chars::next` is a call, and
/// in those loops it cost more than the work.
#[inline(always)]
pub(crate) const fn decode_at(bytes: &[u8], at: usize) -> (u32, usize) {
    let lead = bytes[at] as u32;
    // Six bits from each continuation byte.
    macro_rules! next {
        ($k:expr) => {
            (bytes[at + $k] as u32 & 0x3F)
        };
    }
    match lead {
        0..0x80 => (lead, 1),
        0xC0..0xE0 => (((lead & 0x1F) << 6) | next!(1), 2),
        0xE0..0xF0 => (((lead & 0x0F) << 12) | (next!(1) << 6) | next!(2), 3),
        _ => (((lead & 0x07) << 18) | (next!(1) << 12) | (next!(2) << 6) | next!(3), 4),
    }
}

/// The length in bytes of the UTF-8 character whose first byte is `lead`.
#[inline(always)]
pub(crate) const fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// `keys` sorted, in a constant (where `sort` is not available): an insertion sort, for the
/// short lookup tables built at compile time.
pub(crate) const fn sorted_keys<const N: usize>(mut keys: [u64; N]) -> [u64; N] {
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let swapped = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = swapped;
            j -= 1;
        }
        i += 1;
    }
    keys
}

/// `haystack` starts with `word`, compared byte by byte: the words looked up here are a few
/// bytes long and most differ in their first bytes, where a `memcmp` call would cost more than
/// the comparison.
pub fn starts_with_bytes(haystack: &[u8], word: &[u8]) -> bool {
    word.len() <= haystack.len() && word.iter().zip(haystack).all(|(a, b)| a == b)
}

/// `text.starts_with(prefix)` for chars, compared one by one: the prefixes looked up (units,
/// operator phrases) are one to five characters, where `starts_with` on chars is a `memcmp` call
/// for every candidate.
pub fn chars_start_with(text: &[char], prefix: &[char]) -> bool {
    if prefix.len() > text.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if text[i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `text.ends_with(suffix)` for chars, compared one by one from the end (as [`chars_start_with`]).
pub fn chars_end_with(text: &[char], suffix: &[char]) -> bool {
    if suffix.len() > text.len() {
        return false;
    }
    let start = text.len() - suffix.len();
    let mut i = suffix.len();
    while i > 0 {
        i -= 1;
        if text[start + i] != suffix[i] {
            return false;
        }
    }
    true
}

/// The first of `words` found in `text`, scanning `text` once (a `contains` per word builds a
/// substring searcher each time, and these lists run for every row).
///
/// At each character, a word's first three bytes (the first character of a Chinese word) are
/// compared before the rest: they rule out almost every word at once.
pub fn find_any<'w>(text: &str, words: &[&'w str]) -> Option<&'w str> {
    // A word of 3 bytes or more can only start where the text's third byte from here is the
    // word's third byte: one bit per value of that byte's low 6 bits (a word shorter than that
    // sets them all). Most characters of a name start no word, and are passed with one test.
    let mut thirds = 0u64;
    for w in words {
        thirds |= match w.as_bytes() {
            [_, _, third, ..] => 1 << (third & 63),
            _ => !0,
        };
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let may_start = rest.get(2).is_none_or(|third| thirds & (1 << (third & 63)) != 0);
        let found = may_start.then(|| {
            words.iter().find(|w| {
                let w = w.as_bytes();
                let differs = matches!((w, rest), ([a, b, c, ..], [x, y, z, ..]) if (a, b, c) != (x, y, z));
                !differs && starts_with_bytes(rest, w)
            })
        });
        if let Some(Some(word)) = found {
            return Some(word);
        }
        i += utf8_len(bytes[i]);
    }
    None
}

/// Splits prose into clauses at Chinese and Latin punctuation (，。；：！？、 , ; : ! ? and line
/// breaks), each trimmed, empty ones left out, each with whether it has a digit (ASCII or
/// full-width ０–９), found in the same pass.
///
/// Read byte by byte: check 13 splits the whole report on every cold evaluation, and decoding it
/// char by char for `str::split` and `str::trim`, then again for the digits, cost more than the
/// rest of the check.
pub fn clauses_with_digits(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while from <= bytes.len() {
            let (mut end, mut separator, mut digit) = (from, 0, false);
            while end < bytes.len() {
                match BYTE_CLASS[bytes[end] as usize] {
                    PLAIN => {}
                    // Most of the prose: CJK ideographs, neither separators nor digits, passed
                    // whole, a run of them in one tight loop.
                    HAN => {
                        end += 3;
                        while end < bytes.len() && BYTE_CLASS[bytes[end] as usize] == HAN {
                            end += 3;
                        }
                        continue;
                    }
                    DIGIT => digit = true,
                    _ => {
                        separator = separator_len(bytes, end);
                        if separator > 0 {
                            break;
                        }
                        digit |= is_full_width_digit(&bytes[end..]);
                    }
                }
                end += 1;
            }
            // `from` and `end` are char boundaries: a separator is a whole character.
            let clause = trim(&text[from..end]);
            from = end + separator.max(1);
            if !clause.is_empty() {
                return Some((clause, digit));
            }
        }
        None
    })
}

const PLAIN: u8 = 0;
const DIGIT: u8 = 1;
/// A byte that may start a separator or a full-width digit.
const SPECIAL: u8 = 2;
/// The first byte of a 3-byte character U+4000–U+9FFF (CJK ideographs).
const HAN: u8 = 3;

/// What each byte may be, for [`clauses_with_digits`].
static BYTE_CLASS: [u8; 256] = {
    let mut table = [PLAIN; 256];
    let mut i = 0;
    while i < 6 {
        table[b",;:!?\n"[i] as usize] = SPECIAL;
        i += 1;
    }
    let mut d = b'0';
    while d <= b'9' {
        table[d as usize] = DIGIT;
        d += 1;
    }
    let mut lead = 0xE4;
    while lead <= 0xE9 {
        table[lead] = HAN;
        lead += 1;
    }
    table[0xEF] = SPECIAL;
    table[0xE3] = SPECIAL;
    table
};

/// ０–９ (U+FF10–U+FF19: EF BC 90 – EF BC 99) at the start of `bytes`.
fn is_full_width_digit(bytes: &[u8]) -> bool {
    matches!(bytes, [0xEF, 0xBC, 0x90..=0x99, ..])
}

/// The length in bytes of the clause separator at `at`, or 0.
fn separator_len(bytes: &[u8], at: usize) -> usize {
    let next = |k: usize| bytes.get(at + k).copied();
    match bytes[at] {
        b',' | b';' | b':' | b'!' | b'?' | b'\n' => 1,
        // ，；：！？ (U+FF0C, U+FF1B, U+FF1A, U+FF01, U+FF1F)
        0xEF if next(1) == Some(0xBC) && matches!(next(2), Some(0x8C | 0x9B | 0x9A | 0x81 | 0x9F)) => 3,
        // 。、 (U+3002, U+3001)
        0xE3 if next(1) == Some(0x80) && matches!(next(2), Some(0x82 | 0x81)) => 3,
        _ => 0,
    }
}

/// `str::trim`, without decoding when the text starts and ends with a printable ASCII character
/// or a CJK ideograph (U+4000–U+9FFF, 3 bytes in UTF-8, none of them white space): almost every
/// clause and cell. (`str::trim` looks each end up in the Unicode white-space table, and the
/// checks trim ~20 cells per row.)
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    if b.is_empty() {
        return s;
    }
    // Patterns, not `Range::contains`: at `opt-level = "z"` that is a call.
    let starts_plain = matches!(b[0], 0x21..0x7F | 0xE4..=0xE9);
    let ends_plain = match b {
        [.., 0x21..0x7F] => true,
        // A lead byte of a 3-byte character 3 bytes from the end: that character ends the text.
        [.., 0xE4..=0xE9, _, _] => true,
        _ => false,
    };
    if starts_plain && ends_plain {
        s
    } else {
        s.trim()
    }
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
    let chars = crate::parse::normalize_chars(text);
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
        // The cell reader's literal reader: what `Decimal::from_str` reads, without a `String`.
        let Ok(value) = crate::parse::read_literal(&chars[start..i]) else { continue };
        let before_approx = start > 0 && matches!(chars[start - 1], '约' | '近' | '超' | '逾');
        let mut rest = i;
        let mut approximate = before_approx;
        if rest < chars.len() && matches!(chars[rest], '余' | '多') {
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
        let c: Vec<_> = clauses_with_digits("一是建立体系；二是规范队伍，开展演练12场。").collect();
        assert_eq!(c, vec![("一是建立体系", false), ("二是规范队伍", false), ("开展演练12场", true)]);
    }
}
