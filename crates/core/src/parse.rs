//! Reading what people type into 年度指标值 / 实际完成值 / money / 分值 cells.
//!
//! Input arrives as people type it: full-width digits (５０), thousands separators, `%`,
//! 万元/元, measure words, operator phrases before (不低于) or after (以上/以内) the number,
//! 半小时内, or qualitative text. Every failure is a [`ValueError`] whose message says, in
//! Chinese, what was expected; the caller adds the field's name.

use crate::direction::Inference;
use crate::model::Direction;
use crate::units::{self, Unit, UnitRelation};
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// Largest magnitude accepted in any cell. Keeps every product of two figures inside
/// `Decimal`'s range, so scoring arithmetic can never overflow.
const MAX_MAGNITUDE: i64 = 1_000_000_000_000_000;

/// What went wrong reading a cell. `Display` is the Chinese explanation shown at the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueError {
    #[error("未填写")]
    Empty,
    #[error("“{text}”不是数字，请填写如 50、50.5、1,000 或 50万元")]
    NotANumber { text: String },
    #[error("年度指标值是定量的（{target}），实际完成值“{text}”没有数字，请填写实际完成的数量")]
    NotNumericForNumericTarget { text: String, target: String },
    #[error("数值过大，超出可计算范围")]
    TooLarge,
    #[error("不能为负数")]
    Negative,
    #[error("单位“{unit}”不适用于金额，金额以万元为单位（也可写“元”“万元”）")]
    NotMoney { unit: String },
    #[error("单位“{actual}”与年度指标值的单位“{target}”不一致，无法比较")]
    UnitMismatch { target: String, actual: String },
    #[error("“{text}”中有多余的内容，请只填写一个数值")]
    Trailing { text: String },
    #[error(
        "“{text}”中的“{part}”无法识别：请只填写一个数值及其单位（如 9个、≥95%），说明文字可写在括号里或偏差原因中"
    )]
    LeftOver { text: String, part: String },
    #[error("“{text}”是负数：指标值和实际完成值应填写正数；下降、减少的幅度请写成正数，并在指标名称中写明“下降”“减少”（如 事故下降率 ≥5%）")]
    NegativeValue { text: String },
}

/// The comparison a quantitative target asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// ≥ 不低于
    AtLeast,
    /// > 高于
    MoreThan,
    /// ≤ 不高于
    AtMost,
    /// < 低于
    LessThan,
    /// = 为
    Equal,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::MoreThan => ">",
            Comparison::AtMost => "≤",
            Comparison::LessThan => "<",
            Comparison::Equal => "=",
        }
    }

    /// The phrase used in generated report sentences.
    pub fn phrase(self) -> &'static str {
        match self {
            Comparison::AtLeast => "不低于",
            Comparison::MoreThan => "高于",
            Comparison::AtMost => "不高于",
            Comparison::LessThan => "低于",
            Comparison::Equal => "为",
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Comparison::AtMost | Comparison::LessThan => Direction::Reverse,
            _ => Direction::Positive,
        }
    }

    /// 高于/低于: meeting the value exactly does not meet the target.
    pub fn is_strict(self) -> bool {
        matches!(self, Comparison::MoreThan | Comparison::LessThan)
    }

    fn from_direction(direction: Direction) -> Comparison {
        match direction {
            Direction::Positive => Comparison::AtLeast,
            Direction::Reverse => Comparison::AtMost,
        }
    }
}

/// A number with its unit, e.g. 9 个.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    pub value: Decimal,
    pub unit: Unit,
}

impl Quantity {
    /// "9个", "0.5小时", "100%", "3个月" (月 and 工作日 are counted with 个: "3月" would read
    /// as March).
    pub fn show(&self) -> String {
        let unit = match self.unit.text.as_ref() {
            "月" => "个月",
            "工作日" => "个工作日",
            other => other,
        };
        let mut shown = String::with_capacity(24);
        crate::money::write_plain(&mut shown, self.value.normalize());
        shown.push_str(unit);
        shown
    }
}

/// A target (年度指标值) as understood.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// "不低于9个", "≤2小时", or a bare "95%" with the direction inferred (`inferred` says why).
    Quantitative { comparison: Comparison, quantity: Quantity, inferred: Option<Inference> },
    /// "2-3次": met inside the range.
    Range { low: Decimal, high: Decimal, unit: Unit },
    /// "±10%以内": met when |B| ≤ limit.
    Tolerance { limit: Decimal, unit: Unit },
    /// 有效提升, 达标, 12月底前 … scored by the tier the user picks.
    Qualitative,
}

impl Target {
    pub fn unit(&self) -> Option<&Unit> {
        match self {
            Target::Quantitative { quantity, .. } => Some(&quantity.unit),
            Target::Range { unit, .. } | Target::Tolerance { unit, .. } => Some(unit),
            Target::Qualitative => None,
        }
    }

    pub fn is_qualitative(&self) -> bool {
        matches!(self, Target::Qualitative)
    }

    /// How the target was understood, shown under the field: "≥ 9 个", "反向：≤ 2 小时（按名称推断）".
    pub fn understood(&self) -> String {
        let mut text = String::with_capacity(48);
        self.write_understood(&mut text);
        text
    }

    /// [`Target::understood`], appended to `text`: written piece by piece, as this text is made
    /// for every row of every evaluation.
    pub fn write_understood(&self, text: &mut String) {
        use std::fmt::Write; // into a String: cannot fail
        match self {
            Target::Quantitative { comparison, quantity, inferred } => {
                let dir = comparison.direction().label();
                text.push_str(dir);
                text.push('：');
                text.push_str(comparison.symbol());
                text.push(' ');
                crate::money::write_plain(text, quantity.value.normalize());
                if !quantity.unit.is_none() {
                    text.push(' ');
                    text.push_str(&quantity.unit.text);
                }
                if let Some(why) = inferred {
                    text.push_str("（未写比较词，");
                    text.push_str(&why.reason());
                    text.push_str("，按");
                    text.push_str(dir);
                    text.push_str("指标理解，可更改）");
                }
            }
            Target::Range { low, high, unit } => {
                let _ = write!(text, "区间：{} – {}{}", low.normalize(), high.normalize(), unit_suffix(unit));
            }
            Target::Tolerance { limit, unit } => {
                let _ = write!(text, "偏差：绝对值 ≤ {}{}", limit.normalize(), unit_suffix(unit));
            }
            Target::Qualitative => text.push_str("定性指标：按完成档次评分"),
        }
    }
}

fn unit_suffix(unit: &Unit) -> String {
    if unit.is_none() {
        String::new()
    } else {
        format!(" {}", unit.text)
    }
}

/// An actual (实际完成值) of a quantitative target, expressed in the target's unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Actual {
    /// In the target's unit (after 分钟→小时 etc.).
    pub value: Decimal,
    /// The unit as typed (may differ from the target's).
    pub unit: Unit,
    /// "半小时内": an upper bound rather than a measurement, accepted for reverse targets.
    pub upper_bound: bool,
    /// 个 vs 家, or an unknown unit: compared as typed, with a soft warning.
    pub soft_unit_mismatch: bool,
    /// The comparison word copied from the target ("≥266米"): the number is read and scored,
    /// and the user is warned that an actual is a measured figure.
    pub copied_operator: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Normalisation and number scanning

/// Full-width to half-width, whitespace and thousands separators removed, ≥/≤ spelled one way.
pub fn normalize(text: &str) -> String {
    normalize_chars(text).into_iter().collect()
}

/// [`normalize`] as chars, which is what the cell readers scan (no string in between).
pub(crate) fn normalize_chars(text: &str) -> Vec<char> {
    let mut chars = Vec::new();
    normalize_into(text, &mut chars);
    chars
}

/// [`normalize_chars`] into `mapped` (cleared first).
fn normalize_into(text: &str, mapped: &mut Vec<char>) {
    // Most cells ("≥95%", "9个") have no space, no `>=`-style pair and no comma, and are done
    // after this one pass.
    if !map_chars(text, mapped) {
        return;
    }
    let mut chars = drop_spaces(mapped);
    for (pair, one) in [(['>', '='], '≥'), (['<', '='], '≤'), (['=', '>'], '≥'), (['=', '<'], '≤')] {
        replace_pair(&mut chars, pair, one);
    }
    *mapped = strip_thousands_separators(&chars);
}

/// A cell's characters and numbers as a target or an actual is read.
#[derive(Default)]
struct CellBuffers {
    chars: Vec<char>,
    numbers: Vec<NumberToken>,
}

thread_local! {
    /// Kept between cells: two targets and actuals are read per row, and allocating these two
    /// lists for each was a tenth of a cold evaluation's time (in `malloc` and `free`).
    static CELL_BUFFERS: std::cell::Cell<CellBuffers> = const {
        std::cell::Cell::new(CellBuffers { chars: Vec::new(), numbers: Vec::new() })
    };
}

/// Runs `read` with the thread's [`CellBuffers`] (fresh ones if they are in use: a reader
/// never needs them twice, but nothing breaks if one did).
fn with_cell_buffers<R>(read: impl FnOnce(&mut CellBuffers) -> R) -> R {
    let mut buffers = CELL_BUFFERS.take();
    let result = read(&mut buffers);
    // A huge pasted cell is not kept in memory for the rest of the session.
    const KEEP_AT_MOST: usize = 4096;
    if buffers.chars.capacity() <= KEEP_AT_MOST && buffers.numbers.capacity() <= KEEP_AT_MOST {
        CELL_BUFFERS.set(buffers);
    }
    result
}

/// The first pass of [`normalize_into`]: every character of `text` through [`normal_char`], into
/// `mapped` (cleared first); whether a later step has anything to do.
///
/// Decoded from the bytes and written by index: in the size-optimised build that the app and
/// the benches share (`opt-level = "z"`), `Chars::next` and `Vec::push` stay calls, and in this
/// loop, which runs for every character of every target and actual, they cost more than the
/// work. The same result as `text.chars().map(normal_char)` (property-tested).
fn map_chars(text: &str, mapped: &mut Vec<char>) -> bool {
    let b = text.as_bytes();
    // A character is at least one byte: `text.len()` places are enough. Written through a slice:
    // indexing a `Vec` is a call too.
    mapped.clear();
    mapped.resize(b.len(), '\0');
    let out = mapped.as_mut_slice();
    let (mut read, mut written, mut more) = (0, 0, false);
    while read < b.len() {
        let (code, len) = crate::text::decode_at(b, read);
        read += len;
        // Always a char: `text` is UTF-8.
        let c = normal_char(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        more |= matches!(c, ' ' | '>' | '<' | '=' | ',');
        out[written] = c;
        written += 1;
    }
    mapped.truncate(written);
    more
}

/// One character as normalised: full-width to half-width, one spelling of ≥, ≤, %, - and ~, any
/// white space a plain space.
fn normal_char(c: char) -> char {
    match c {
        // ASCII: only white space changes (without `is_whitespace`, a call per character).
        '\t'..='\r' | ' ' => ' ',
        '\0'..='\x7F' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '≧' | '⩾' => '≥',
        '≦' | '⩽' => '≤',
        '﹪' => '%',
        '—' | '–' | '‐' | '−' => '-',
        '〜' => '~',
        // No white space lies above U+3000 (CJK text is passed without the table lookup).
        c if c <= '\u{3000}' && c.is_whitespace() => ' ',
        _ => c,
    }
}

/// Spaces go, except between two digits where they do not group thousands ("50 60" stays two
/// numbers, "1 000" is one).
fn drop_spaces(chars: &[char]) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if c != ' ' {
            out.push(c);
            continue;
        }
        if !out.last().is_some_and(|p| p.is_ascii_digit()) {
            continue;
        }
        // The digits right after this space (none if another space follows).
        let group = chars[i + 1..].iter().take_while(|x| x.is_ascii_digit()).count();
        if group > 0 && group != 3 {
            out.push(' ');
        }
    }
    out
}

/// Replaces every `pair` by `one`, left to right, in place.
fn replace_pair(chars: &mut Vec<char>, pair: [char; 2], one: char) {
    if !chars.windows(2).any(|w| w == pair) {
        return;
    }
    let mut write = 0;
    let mut read = 0;
    while read < chars.len() {
        if chars[read] == pair[0] && chars.get(read + 1) == Some(&pair[1]) {
            chars[write] = one;
            read += 2;
        } else {
            chars[write] = chars[read];
            read += 1;
        }
        write += 1;
    }
    chars.truncate(write);
}

fn strip_thousands_separators(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ',' && i > 0 && chars[i - 1].is_ascii_digit() {
            let group = chars.get(i + 1..i + 4);
            let after = chars.get(i + 4);
            if group.is_some_and(|g| g.iter().all(char::is_ascii_digit)) && !after.is_some_and(char::is_ascii_digit) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A number found in normalised text, by char positions.
#[derive(Clone, Debug, PartialEq)]
struct NumberToken {
    start: usize,
    end: usize,
    value: Decimal,
}

fn scan_numbers(chars: &[char]) -> Result<Vec<NumberToken>, ValueError> {
    let mut tokens = Vec::new();
    scan_numbers_into(chars, &mut tokens)?;
    Ok(tokens)
}

/// [`scan_numbers`] into `tokens` (cleared first).
fn scan_numbers_into(chars: &[char], tokens: &mut Vec<NumberToken>) -> Result<(), ValueError> {
    tokens.clear();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut start = i;
        // A minus sign belongs to the number only where it cannot be a range dash.
        if start > 0 && chars[start - 1] == '-' && (start == 1 || "≥≤<>=±".contains(chars[start - 2])) {
            start -= 1;
        }
        let mut end = i;
        while end < chars.len() && chars[end].is_ascii_digit() {
            end += 1;
        }
        if end + 1 < chars.len() && chars[end] == '.' && chars[end + 1].is_ascii_digit() {
            end += 1;
            while end < chars.len() && chars[end].is_ascii_digit() {
                end += 1;
            }
        }
        let value = read_literal(&chars[start..end])?;
        // 15 digits or fewer before the point are below 10^15: no `Decimal` comparison needed.
        if chars[start..end].iter().take_while(|c| **c != '.').count() > 15
            && value.abs() > Decimal::from(MAX_MAGNITUDE)
        {
            return Err(ValueError::TooLarge);
        }
        tokens.push(NumberToken { start, end, value });
        i = end;
    }
    Ok(())
}

/// A number as scanned (`-`? digits, `.` digits?): read straight into a mantissa and a scale when
/// it has at most 18 digits (every figure typed in a form), else by `Decimal::from_str` (the same
/// value: property-tested). This runs for every number of every cell.
pub(crate) fn read_literal(literal: &[char]) -> Result<Decimal, ValueError> {
    let (negative, digits) = match literal {
        ['-', rest @ ..] => (true, rest),
        _ => (false, literal),
    };
    let (mut mantissa, mut scale, mut count, mut after_point) = (0i64, 0u32, 0, false);
    for &c in digits {
        match c {
            // An 18-digit mantissa fits an i64; a 19th might not.
            '0'..='9' if count < 18 => {
                mantissa = mantissa * 10 + (c as i64 - '0' as i64);
                count += 1;
                scale += after_point as u32;
            }
            '.' if !after_point => after_point = true,
            _ => {
                count = usize::MAX;
                break;
            }
        }
    }
    if count > 18 || count == 0 || (negative && mantissa == 0) {
        let text: String = literal.iter().collect();
        return Decimal::from_str(&text).map_err(|_| ValueError::TooLarge);
    }
    Ok(Decimal::new(if negative { -mantissa } else { mantissa }, scale))
}

/// 半小时, 两小时, 一个月: a Chinese numeral directly before a known unit, used only when the
/// text has no Arabic digits.
fn scan_chinese_numeral(chars: &[char]) -> Option<NumberToken> {
    for (i, &c) in chars.iter().enumerate() {
        let value = match c {
            '半' => Decimal::new(5, 1),
            '一' => Decimal::ONE,
            '二' | '两' => Decimal::TWO,
            '三' => Decimal::from(3),
            '四' => Decimal::from(4),
            '五' => Decimal::from(5),
            '六' => Decimal::from(6),
            '七' => Decimal::from(7),
            '八' => Decimal::from(8),
            '九' => Decimal::from(9),
            '十' => Decimal::TEN,
            _ => continue,
        };
        let (unit, _, _) = units::read_unit(&chars[i + 1..]);
        let known_non_count = unit.kind.is_some_and(|k| k != units::UnitKind::Count);
        let counted_unit = chars.get(i + 1) == Some(&'个') && unit.text != "个";
        if known_non_count || counted_unit {
            return Some(NumberToken { start: i, end: i + 1, value });
        }
    }
    None
}

/// Dates (2022年12月底前, 6月30日前) are deadlines, not quantities.
fn looks_like_date(chars: &[char]) -> bool {
    chars.iter().enumerate().any(|(i, &c)| {
        let digit_before = i > 0 && chars[i - 1].is_ascii_digit();
        match c {
            // 12月底前, 2022年6月, 6月30日前
            '月' if digit_before => {
                let next = chars.get(i + 1).copied();
                let year_before =
                    chars[..i].iter().rposition(|&x| x == '年').is_some_and(|y| y > 0 && chars[y - 1].is_ascii_digit());
                year_before || matches!(next, Some(d) if d.is_ascii_digit() || "底末初前中上下".contains(d))
            }
            // 第4季度前, 4季度末, Q4
            '季' if digit_before => chars.get(i + 1) == Some(&'度'),
            'Q' | 'q' => chars.get(i + 1).is_some_and(|d| ('1'..='4').contains(d)),
            _ => false,
        }
    })
}

/// 2022年 (in 2022年底前, 2022年完成9个): a calendar year, not a number of years. It says when,
/// like the rest of a date, and is not the cell's figure.
fn is_calendar_year(chars: &[char], token: &NumberToken) -> bool {
    token.end - token.start == 4
        && chars.get(token.end) == Some(&'年')
        && token.value >= Decimal::from(1990)
        && token.value <= Decimal::from(2100)
}

/// The numbers of a cell without its calendar years (which `explained` then accounts for), into
/// `numbers`.
fn figures(chars: &[char], explained: &mut Explained, numbers: &mut Vec<NumberToken>) -> Result<(), ValueError> {
    scan_numbers_into(chars, numbers)?;
    numbers.retain(|t| {
        let year = is_calendar_year(chars, t);
        if year {
            explained.add(t.start, t.end + 1);
        }
        !year
    });
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Operator phrases (docs/rules.md, 读数)

/// Phrases before the number. Longest match wins among those ending at the same place,
/// so 不低于 is read before 低于 and 达到 before 达. (A new phrase with a new last character
/// must be added to the filter in [`prefix_operator`]; a unit test checks it.)
const PREFIX_OPERATORS: &[(&str, Comparison)] = &[
    ("大于或等于", Comparison::AtLeast),
    ("小于或等于", Comparison::AtMost),
    ("大于等于", Comparison::AtLeast),
    ("小于等于", Comparison::AtMost),
    ("不低于", Comparison::AtLeast),
    ("不少于", Comparison::AtLeast),
    ("不小于", Comparison::AtLeast),
    ("不高于", Comparison::AtMost),
    ("不超过", Comparison::AtMost),
    ("不多于", Comparison::AtMost),
    ("不大于", Comparison::AtMost),
    ("控制在", Comparison::AtMost),
    ("达到", Comparison::AtLeast),
    ("至少", Comparison::AtLeast),
    ("高于", Comparison::MoreThan),
    ("大于", Comparison::MoreThan),
    ("超过", Comparison::MoreThan),
    ("多于", Comparison::MoreThan),
    ("低于", Comparison::LessThan),
    ("小于", Comparison::LessThan),
    ("少于", Comparison::LessThan),
    ("等于", Comparison::Equal),
    ("≥", Comparison::AtLeast),
    ("≤", Comparison::AtMost),
    (">", Comparison::MoreThan),
    ("<", Comparison::LessThan),
    ("=", Comparison::Equal),
    ("为", Comparison::Equal),
    ("达", Comparison::Equal),
];

/// Phrases after the number and unit. (A new phrase with a new first character must be added
/// to the filter in [`suffix_operator`]; a unit test checks it.)
const SUFFIX_OPERATORS: &[(&str, Comparison)] = &[
    ("及以上", Comparison::AtLeast),
    ("及以下", Comparison::AtMost),
    ("以上", Comparison::AtLeast),
    ("以内", Comparison::AtMost),
    ("之内", Comparison::AtMost),
    ("以下", Comparison::AtMost),
    ("内", Comparison::AtMost),
];

/// `phrase` occurs in `chars` starting at `at` (no allocation: this runs for every cell).
fn starts_with_at(chars: &[char], at: usize, phrase: &str) -> bool {
    let mut rest = chars.get(at..).unwrap_or_default().iter();
    phrase.chars().all(|p| rest.next() == Some(&p))
}

/// [`PREFIX_OPERATORS`] with each phrase as chars, by last character and then longest first
/// (the table's order among equals), built once: this runs for every number of every cell, and
/// only the few phrases ending in the character before the number are compared.
fn prefix_operators() -> &'static [(Vec<char>, Comparison, &'static str)] {
    static TABLE: std::sync::OnceLock<Vec<(Vec<char>, Comparison, &'static str)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<(Vec<char>, Comparison, &'static str)> =
            PREFIX_OPERATORS.iter().map(|&(p, c)| (p.chars().collect(), c, p)).collect();
        table.sort_by_key(|(phrase, ..)| (phrase.last().copied(), std::cmp::Reverse(phrase.len())));
        table
    })
}

/// The operator phrase that ends closest before `number_start` (within the text before it);
/// among phrases ending at the same place the longest (不低于 before 低于, 达到 before 达).
fn prefix_operator(chars: &[char], number_start: usize) -> Option<(Comparison, &'static str)> {
    // Plain loops: at `opt-level = "z"` the iterator adapters of this per-number search were not
    // inlined, and cost more than the comparisons themselves.
    let table = prefix_operators();
    let mut end = number_start.min(chars.len());
    while end > 0 {
        let last = chars[end - 1];
        // The last characters of PREFIX_OPERATORS: most positions are ruled out at once.
        if matches!(last, '<' | '=' | '>' | '≤' | '≥' | '为' | '于' | '到' | '在' | '少' | '达' | '过') {
            let before = &chars[..end];
            // The phrases ending in `last`, longest first: the first that matches is the longest.
            let mut at = table.partition_point(|(phrase, ..)| phrase.last().copied() < Some(last));
            while at < table.len() && table[at].0.last() == Some(&last) {
                let (phrase, comparison, text) = &table[at];
                if crate::text::chars_end_with(before, phrase) {
                    return Some((*comparison, text));
                }
                at += 1;
            }
        }
        end -= 1;
    }
    None
}

fn suffix_operator(chars: &[char], after_unit: usize) -> Option<(Comparison, &'static str)> {
    // The first characters of SUFFIX_OPERATORS: most figures end the cell or go on with a remark.
    if !matches!(chars.get(after_unit), Some('及' | '以' | '之' | '内')) {
        return None;
    }
    SUFFIX_OPERATORS.iter().find(|(phrase, _)| starts_with_at(chars, after_unit, phrase)).map(|&(p, c)| (c, p))
}

// ---------------------------------------------------------------------------------------------
// What a cell's text may hold besides its figure

/// Char positions of the normalised text that the reading accounts for: the number(s), the
/// unit, the operator phrases. Anything else that looks like part of a figure (a digit, a Latin
/// letter, a decimal point, a minus sign) outside brackets means the cell was not read whole.
struct Explained {
    /// The first few ranges, without an allocation (a cell rarely has more than two): every
    /// cell of every row is read with one of these.
    first: [(usize, usize); 4],
    count: usize,
    more: Vec<(usize, usize)>,
}

impl Explained {
    fn new() -> Explained {
        Explained { first: [(0, 0); 4], count: 0, more: Vec::new() }
    }

    fn add(&mut self, start: usize, end: usize) {
        match self.first.get_mut(self.count) {
            Some(slot) => *slot = (start, end),
            None => self.more.push((start, end)),
        }
        self.count += 1;
    }

    fn ranges(&self) -> impl Iterator<Item = &(usize, usize)> {
        self.first[..self.count.min(4)].iter().chain(&self.more)
    }

    /// Accounts for a figure from `start` to `after_unit` and the operator phrase after it
    /// (以上, 以内 …), which it returns.
    fn figure(&mut self, chars: &[char], start: usize, after_unit: usize) -> Option<(Comparison, &'static str)> {
        let suffix = suffix_operator(chars, after_unit);
        self.add(start, after_unit + suffix.map_or(0, |(_, phrase)| phrase.chars().count()));
        suffix
    }

    fn covers(&self, i: usize) -> bool {
        self.ranges().any(|&(s, e)| s <= i && i < e)
    }

    /// The text from the first char that is not accounted for, or `None` when the reading used
    /// every figure-like char. Brackets hold remarks (`9家（含2个社区）`): their content is free.
    fn left_over(&self, chars: &[char]) -> Option<String> {
        let mut depth = 0usize;
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '(' | '[' | '【' | '〔' => depth += 1,
                ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
                _ if depth == 0 && !self.covers(i) && (c.is_ascii_alphanumeric() || c == '.' || c == '-') => {
                    let part: String = chars[i..].iter().take(12).collect();
                    return Some(part);
                }
                _ => {}
            }
        }
        None
    }
}

/// A negative figure: "-5%", or "不低于-3个" where the minus sign stands after a word (the
/// scanner leaves such a dash out of the number, since it could be a range dash).
fn is_negative(chars: &[char], token: &NumberToken) -> bool {
    let signed = token.value.is_sign_negative() && !token.value.is_zero();
    let dash_before = token.start > 0
        && chars[token.start - 1] == '-'
        && !chars[..token.start - 1].last().is_some_and(char::is_ascii_digit);
    signed || dash_before
}

fn left_over_error(text: &str, part: String) -> ValueError {
    ValueError::LeftOver { text: text.trim().to_string(), part }
}

fn negative_error(text: &str) -> ValueError {
    ValueError::NegativeValue { text: text.trim().to_string() }
}

// ---------------------------------------------------------------------------------------------
// Public parsers

/// Reads a 年度指标值. `indicator_name` feeds the direction of a bare number; `chosen` is the
/// user's correction of that inference.
pub fn parse_target(text: &str, indicator_name: &str, chosen: Option<Direction>) -> Result<Target, ValueError> {
    parse_target_in(text, indicator_name, "", chosen)
}

/// [`parse_target`] knowing the 二级指标 too (a bare amount under 成本指标 is an upper bound).
pub fn parse_target_in(
    text: &str,
    indicator_name: &str,
    level2: &str,
    chosen: Option<Direction>,
) -> Result<Target, ValueError> {
    with_cell_buffers(|buffers| read_target(text, indicator_name, level2, chosen, buffers))
}

fn read_target(
    text: &str,
    indicator_name: &str,
    level2: &str,
    chosen: Option<Direction>,
    CellBuffers { chars, numbers }: &mut CellBuffers,
) -> Result<Target, ValueError> {
    normalize_into(text, chars);
    let chars = &chars[..];
    if chars.is_empty() {
        return Err(ValueError::Empty);
    }
    if looks_like_date(chars) {
        return Ok(Target::Qualitative);
    }
    let mut explained = Explained::new();
    figures(chars, &mut explained, numbers)?;
    if numbers.is_empty() {
        match scan_chinese_numeral(chars) {
            Some(token) => numbers.push(token),
            None => return Ok(Target::Qualitative),
        }
    }
    let first = numbers[0].clone();

    if let Some(pm) = chars[..first.start].iter().rposition(|&c| c == '±') {
        if pm + 1 == first.start {
            let (unit, used, multiplier) = units::read_unit(&chars[first.end..]);
            let limit = first.value.abs().checked_mul(multiplier).ok_or(ValueError::TooLarge)?;
            explained.figure(chars, first.start, first.end + used);
            if let Some(part) = explained.left_over(chars) {
                return Err(left_over_error(text, part));
            }
            return Ok(Target::Tolerance { limit, unit });
        }
    }

    // A range "2-3次", "2~3次", "2至3次".
    if let Some(second) = numbers.get(1) {
        let between: String = chars[first.end..second.start].iter().collect();
        let (unit_between, _, _) = units::read_unit(&chars[first.end..second.start]);
        let sep = between.trim_start_matches(unit_between.text.as_ref());
        if matches!(sep, "-" | "~" | "至" | "到") {
            let (unit, used, multiplier) = units::read_unit(&chars[second.end..]);
            let unit = if unit.is_none() { unit_between } else { unit };
            let low = first.value.checked_mul(multiplier).ok_or(ValueError::TooLarge)?;
            let high = second.value.checked_mul(multiplier).ok_or(ValueError::TooLarge)?;
            if is_negative(chars, &first) || is_negative(chars, second) {
                return Err(negative_error(text));
            }
            explained.figure(chars, first.start, second.end + used);
            if let Some(part) = explained.left_over(chars) {
                return Err(left_over_error(text, part));
            }
            let (low, high) = if low <= high { (low, high) } else { (high, low) };
            return Ok(Target::Range { low, high, unit });
        }
    }

    // The number the operator applies to: the first one preceded by an operator phrase, else the
    // first. Numbers before an operator's number describe the subject ("3个乡镇覆盖率不低于95%").
    let (token, prefix) = numbers
        .iter()
        .find_map(|t| prefix_operator(chars, t.start).map(|(c, _)| (t.clone(), Some(c))))
        .unwrap_or((first, None));
    for context in numbers.iter().take_while(|t| t.start < token.start) {
        explained.add(context.start, context.end);
    }
    let (unit, used, multiplier) = units::read_unit(&chars[token.end..]);
    let value = token.value.checked_mul(multiplier).ok_or(ValueError::TooLarge)?;
    if is_negative(chars, &token) {
        return Err(negative_error(text));
    }
    let suffix = explained.figure(chars, token.start, token.end + used);
    if let Some(part) = explained.left_over(chars) {
        return Err(left_over_error(text, part));
    }
    let (comparison, inferred) = match (prefix, suffix.map(|(c, _)| c)) {
        // "控制在2小时以内": both say ≤; when they disagree the phrase before the number is the
        // operator and the suffix only qualifies it.
        (Some(p), _) => (p, None),
        (None, Some(s)) => (s, None),
        (None, None) => match chosen {
            Some(direction) => (Comparison::from_direction(direction), None),
            None => {
                let (direction, why) = crate::direction::infer(indicator_name, level2, &unit, value);
                (Comparison::from_direction(direction), Some(why))
            }
        },
    };
    Ok(Target::Quantitative { comparison, quantity: Quantity { value, unit }, inferred })
}

/// Comparison words that make an actual a copy of its target: inequalities only (为/达到/等于
/// say what was reached).
fn copies_an_operator(phrase: &str, comparison: Comparison) -> bool {
    comparison != Comparison::Equal && phrase != "达到"
}

/// Reads a 实际完成值 against its target. `Ok(None)` for a qualitative target (the actual is
/// a description, kept as text).
pub fn parse_actual(text: &str, target: &Target) -> Result<Option<Actual>, ValueError> {
    with_cell_buffers(|buffers| read_actual_value(text, target, buffers))
}

fn read_actual_value(
    text: &str,
    target: &Target,
    CellBuffers { chars, numbers }: &mut CellBuffers,
) -> Result<Option<Actual>, ValueError> {
    normalize_into(text, chars);
    let chars = &chars[..];
    if chars.is_empty() {
        return Err(ValueError::Empty);
    }
    let target_unit = match target.unit() {
        None => return Ok(None),
        Some(u) => u,
    };
    let reverse_target = matches!(target, Target::Quantitative { comparison, .. } if comparison.direction() == Direction::Reverse)
        || matches!(target, Target::Tolerance { .. });
    let not_numeric = || ValueError::NotNumericForNumericTarget {
        text: text.trim().to_string(),
        target: describe_target_short(target),
    };
    if looks_like_date(chars) {
        return Err(not_numeric());
    }
    let mut explained = Explained::new();
    figures(chars, &mut explained, numbers)?;
    if numbers.is_empty() {
        match scan_chinese_numeral(chars) {
            Some(token) => numbers.push(token),
            None => return Err(not_numeric()),
        }
    }
    let token = numbers[0].clone();
    // A deviation (±10%以内) may be negative; nothing else can be.
    if is_negative(chars, &token) && !matches!(target, Target::Tolerance { .. }) {
        return Err(negative_error(text));
    }
    let (unit, used, multiplier) = units::read_unit(&chars[token.end..]);
    let raw = token.value.checked_mul(multiplier).ok_or(ValueError::TooLarge)?;
    let suffix = explained.figure(chars, token.start, token.end + used);
    if let Some(part) = explained.left_over(chars) {
        return Err(left_over_error(text, part));
    }
    let mut copied_operator = prefix_operator(chars, token.start)
        .filter(|&(comparison, phrase)| copies_an_operator(phrase, comparison))
        .map(|(_, phrase)| phrase.to_string());
    let upper_bound = match suffix {
        // "半小时内" for "不高于2小时": an upper bound proves a reverse target; accept it as the value.
        Some((Comparison::AtMost, _)) if reverse_target => true,
        Some((_, phrase)) => {
            copied_operator.get_or_insert_with(|| phrase.to_string());
            false
        }
        None => false,
    };
    let (value, soft) = match units::relate(target_unit, &unit) {
        UnitRelation::Same => (raw, false),
        UnitRelation::Convert { numerator, denominator } => {
            let converted = raw.checked_mul(numerator).and_then(|v| v.checked_div(denominator));
            (converted.ok_or(ValueError::TooLarge)?, false)
        }
        UnitRelation::Soft => (raw, true),
        UnitRelation::Mismatch => {
            return Err(ValueError::UnitMismatch {
                target: target_unit.text.to_string(),
                actual: unit.text.to_string(),
            })
        }
    };
    Ok(Some(Actual { value, unit, upper_bound, soft_unit_mismatch: soft, copied_operator }))
}

fn describe_target_short(target: &Target) -> String {
    match target {
        Target::Quantitative { comparison, quantity, .. } => format!("{}{}", comparison.symbol(), quantity.show()),
        Target::Range { low, high, unit } => format!("{}-{}{}", low.normalize(), high.normalize(), unit.text),
        Target::Tolerance { limit, unit } => format!("±{}{}", limit.normalize(), unit.text),
        Target::Qualitative => String::new(),
    }
}

/// Reads a plain non-negative number with an optional trailing word (`unit_word`, e.g. 分).
/// `Some` when `text` is nothing but a plain decimal ("6", "7.5", "89.974"): the common case,
/// read without normalising. The result is what the general path gives for it.
///
/// Read byte by byte into a mantissa and a scale, as [`read_literal`] does: `Decimal::from_str`
/// and a `Decimal` comparison cost ~500 instructions per 分值 cell in the size-optimised build.
/// The same result as the first version (property-tested).
fn plain_decimal(text: &str) -> Option<Result<Decimal, ValueError>> {
    let b = text.as_bytes();
    let (mut mantissa, mut scale, mut point, mut i) = (0i64, 0u32, None, 0);
    while i < b.len() {
        match b[i] {
            // Past 18 digits the mantissa is not used (see below).
            d @ b'0'..=b'9' => {
                mantissa = mantissa.wrapping_mul(10).wrapping_add((d - b'0') as i64);
                scale += point.is_some() as u32;
            }
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
        i += 1;
    }
    // Digits on both sides of a point.
    let integer_digits = point.unwrap_or(b.len());
    if integer_digits == 0 || point.is_some_and(|p| p + 1 == b.len()) {
        return None;
    }
    // At most 15 digits before the point: below 10^15, within range. At most 18 digits: the
    // mantissa is exact.
    if integer_digits <= 15 && b.len() - point.is_some() as usize <= 18 {
        return Some(Ok(Decimal::new(mantissa, scale)));
    }
    Some(match Decimal::from_str(text) {
        Ok(v) if v <= Decimal::from(MAX_MAGNITUDE) => Ok(v),
        _ => Err(ValueError::TooLarge),
    })
}

fn parse_plain(text: &str, allowed_suffixes: &[&str]) -> Result<Option<Decimal>, ValueError> {
    // Most optional cells (档次得分, 调整得分, 调查人数) are empty: no normalising for them.
    if crate::text::trim(text).is_empty() {
        return Ok(None);
    }
    if let Some(plain) = plain_decimal(text) {
        return plain.map(Some);
    }
    let norm = normalize(text);
    if norm.is_empty() {
        return Ok(None);
    }
    let body = allowed_suffixes.iter().find_map(|s| norm.strip_suffix(s)).unwrap_or(&norm);
    let chars: Vec<char> = body.chars().collect();
    let numbers = scan_numbers(&chars)?;
    match numbers.as_slice() {
        [only] if only.start == 0 && only.end == chars.len() => {
            if only.value.is_sign_negative() && !only.value.is_zero() {
                Err(ValueError::Negative)
            } else {
                Ok(Some(only.value))
            }
        }
        [] => Err(ValueError::NotANumber { text: text.trim().to_string() }),
        _ if chars.first() == Some(&'-') => Err(ValueError::Negative),
        _ => Err(ValueError::Trailing { text: text.trim().to_string() }),
    }
}

/// A 分值 or a score: "10", "7.5", "10分". Empty is `None`.
pub fn parse_points(text: &str) -> Result<Option<Decimal>, ValueError> {
    parse_plain(text, &["分"])
}

/// A count (样本数, 满意人数): "200", "200人", "200份".
pub fn parse_count(text: &str) -> Result<Option<Decimal>, ValueError> {
    parse_plain(text, &["人次", "人", "份", "户", "个", "名"])
}

/// An amount in 万元: "50", "５０", "1,000.5", "50万元", "500000元" (→ 50). Empty is `None`.
pub fn parse_amount(text: &str) -> Result<Option<Decimal>, ValueError> {
    if let Some(plain) = plain_decimal(text) {
        return plain.map(Some);
    }
    let norm = normalize(text);
    // A currency sign, as Excel's currency format pastes it ("¥50.00"): the cell is in 万元.
    let norm = norm.trim_start_matches(['¥', '￥']);
    if norm.is_empty() {
        return Ok(None);
    }
    let chars: Vec<char> = norm.chars().collect();
    let numbers = scan_numbers(&chars)?;
    let token = match numbers.as_slice() {
        [] => return Err(ValueError::NotANumber { text: text.trim().to_string() }),
        [only] if only.start == 0 => only.clone(),
        _ => return Err(ValueError::Trailing { text: text.trim().to_string() }),
    };
    if token.value.is_sign_negative() && !token.value.is_zero() {
        return Err(ValueError::Negative);
    }
    let rest: String = chars[token.end..].iter().collect();
    let factor = match rest.as_str() {
        "" | "万元" | "万" => Decimal::ONE,
        "元" => Decimal::new(1, 4),
        "亿元" | "亿" => Decimal::from(10_000),
        "千元" => Decimal::new(1, 1),
        other => return Err(ValueError::NotMoney { unit: other.to_string() }),
    };
    token.value.checked_mul(factor).map(Some).ok_or(ValueError::TooLarge)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// How a target was understood, written piece by piece, says what the first version (one
    /// `format!`) said.
    #[test]
    fn understood_text_is_what_the_formatter_wrote() {
        let formatted = |t: &Target| match t {
            Target::Quantitative { comparison, quantity, inferred } => {
                let dir = comparison.direction().label();
                let unit = if quantity.unit.is_none() { String::new() } else { format!(" {}", quantity.unit.text) };
                let base = format!("{dir}：{} {}{}", comparison.symbol(), quantity.value.normalize(), unit);
                match inferred {
                    Some(why) => format!("{base}（未写比较词，{}，按{dir}指标理解，可更改）", why.reason()),
                    None => base,
                }
            }
            other => other.understood(),
        };
        let cases = [
            ("≥9个", "网格化管理数量"),
            ("95%", "合格率"),
            ("0起", "安全生产事故"),
            ("2小时", "响应时间"),
            ("100", "覆盖户数"),
            ("0.50万元", "单价"),
            ("3月", "完成时间"),
            ("不低于1.25", "评分"),
            ("≤30万元", "成本"),
            ("20万元", "设备购置成本"),
            ("12个工作日", "办结时限"),
            ("5‰", "差错率"),
            ("1,000.00元", "补助"),
            ("≥0.0100%", "增长率"),
            ("达到8", "投诉次数"),
        ];
        for (text, name) in cases {
            let target = parse_target(text, name, None).unwrap();
            assert_eq!(target.understood(), formatted(&target), "{text} / {name}");
        }
    }

    proptest! {
        /// Figures read digit by digit are what `Decimal::from_str` reads.
        #[test]
        fn literals_read_as_from_str(text in "-?[0-9]{1,24}(\\.[0-9]{1,10})?") {
            let chars: Vec<char> = text.chars().collect();
            let read = super::read_literal(&chars);
            let parsed = Decimal::from_str(&text).map_err(|_| ValueError::TooLarge);
            prop_assert_eq!(read.clone().map(|d| (d, d.scale(), d.is_sign_negative())), parsed.map(|d| (d, d.scale(), d.is_sign_negative())));
        }

        /// A plain decimal read byte by byte is what `Decimal::from_str` and the range check read.
        #[test]
        fn plain_decimals_read_as_from_str(text in "[0-9]{0,20}(\\.[0-9]{0,12})?(\\.|[0-9a]{0,2})") {
            let first_version = {
                let (int, frac) = text.split_once('.').unwrap_or((&text, "1"));
                let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
                (digits(int) && digits(frac)).then(|| match Decimal::from_str(&text) {
                    Ok(v) if v <= Decimal::from(super::MAX_MAGNITUDE) => Ok(v),
                    _ => Err(ValueError::TooLarge),
                })
            };
            let scaled = |r: Option<Result<Decimal, ValueError>>| r.map(|r| r.map(|d| (d, d.scale())));
            prop_assert_eq!(scaled(super::plain_decimal(&text)), scaled(first_version));
        }

        /// The first pass, decoded from the bytes, is `chars()` through `normal_char`.
        #[test]
        fn the_first_pass_decodes_as_chars_does(text in any::<String>()) {
            let mut mapped = vec!['x'; 3];
            super::map_chars(&text, &mut mapped);
            prop_assert_eq!(mapped, text.chars().map(super::normal_char).collect::<Vec<_>>());
        }

        /// A cell done after the first pass of `normalize_chars` is what all its steps make of it.
        #[test]
        fn normalising_in_one_pass_is_normalising_in_all_steps(text in "([0-9０-９]{1,3}(,[0-9]{3})?|[ 　,，>＞<=＝≧≦—%﹪个万元.\t]){0,6}") {
            let mapped: Vec<char> = text.chars().map(super::normal_char).collect();
            let mut all_steps = super::drop_spaces(&mapped);
            for (pair, one) in [(['>', '='], '≥'), (['<', '='], '≤'), (['=', '>'], '≥'), (['=', '<'], '≤')] {
                super::replace_pair(&mut all_steps, pair, one);
            }
            prop_assert_eq!(super::normalize_chars(&text), super::strip_thousands_separators(&all_steps));
        }
    }
    use super::*;
    use crate::units::UnitKind;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn quantitative(text: &str, name: &str) -> (Comparison, Decimal, String, bool) {
        match parse_target(text, name, None).unwrap() {
            Target::Quantitative { comparison, quantity, inferred } => {
                (comparison, quantity.value, quantity.unit.text.to_string(), inferred.is_some())
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn normalizes_full_width_and_separators() {
        assert_eq!(normalize("５０ 万元"), "50万元");
        assert_eq!(normalize("1,000.5"), "1000.5");
        assert_eq!(normalize("1 000 000"), "1000000");
        assert_eq!(normalize("50 60"), "50 60");
        assert_eq!(normalize("不 低于 9 个"), "不低于9个");
        assert_eq!(normalize("1，234，567"), "1234567");
        assert_eq!(normalize("9个,132次"), "9个,132次");
        assert_eq!(normalize("＞＝95％"), "≥95%");
        assert_eq!(normalize("2−3次"), "2-3次", "U+2212 MINUS SIGN, as Word's symbol menu gives it");
    }

    #[test]
    fn operator_phrases_before_the_number() {
        for (text, op) in [
            ("不低于9个", Comparison::AtLeast),
            ("不少于132次", Comparison::AtLeast),
            ("≥95%", Comparison::AtLeast),
            (">=95%", Comparison::AtLeast),
            ("达到100%", Comparison::AtLeast),
            ("至少2次", Comparison::AtLeast),
            ("高于10%", Comparison::MoreThan),
            ("大于5家", Comparison::MoreThan),
            ("超过3次", Comparison::MoreThan),
            ("多于3次", Comparison::MoreThan),
            ("不高于2小时", Comparison::AtMost),
            ("不超过30万元", Comparison::AtMost),
            ("不多于3起", Comparison::AtMost),
            ("≤2小时", Comparison::AtMost),
            ("<=2小时", Comparison::AtMost),
            ("低于5%", Comparison::LessThan),
            ("小于5%", Comparison::LessThan),
            ("少于3起", Comparison::LessThan),
            ("为100%", Comparison::Equal),
            ("等于100%", Comparison::Equal),
            ("=100%", Comparison::Equal),
            ("达100%", Comparison::Equal),
            ("控制在30万元以内", Comparison::AtMost),
            ("饮水保障率为100%", Comparison::Equal),
        ] {
            assert_eq!(quantitative(text, "").0, op, "{text}");
        }
    }

    #[test]
    fn every_prefix_phrase_passes_the_last_character_filter() {
        for (phrase, comparison) in PREFIX_OPERATORS {
            let chars: Vec<char> = format!("{phrase}5").chars().collect();
            let found = prefix_operator(&chars, chars.len() - 1);
            assert_eq!(found, Some((*comparison, *phrase)), "{phrase}");
        }
    }

    #[test]
    fn every_suffix_phrase_passes_the_first_character_filter() {
        for (phrase, comparison) in SUFFIX_OPERATORS {
            let chars: Vec<char> = format!("5{phrase}").chars().collect();
            assert_eq!(suffix_operator(&chars, 1), Some((*comparison, *phrase)), "{phrase}");
        }
    }

    #[test]
    fn operator_phrases_after_the_number() {
        assert_eq!(quantitative("95%以上", "").0, Comparison::AtLeast);
        assert_eq!(quantitative("90分及以上", "").0, Comparison::AtLeast);
        assert_eq!(quantitative("2小时以内", "").0, Comparison::AtMost);
        assert_eq!(quantitative("5%以下", "").0, Comparison::AtMost);
        let (op, v, unit, _) = quantitative("半小时内", "");
        assert_eq!((op, v, unit.as_str()), (Comparison::AtMost, d("0.5"), "小时"));
    }

    #[test]
    fn bare_numbers_infer_direction_from_the_name() {
        assert_eq!(quantitative("9个", "网格化管理社区数量"), (Comparison::AtLeast, d("9"), "个".into(), true));
        assert_eq!(quantitative("2小时", "突发事故处置反应时间").0, Comparison::AtMost);
        for name in [
            "项目成本",
            "完成时间",
            "培训时长",
            "火灾发生率",
            "安全事故起数",
            "投诉件数",
            "死亡人数",
            "受灾人口",
            "人均费用",
        ] {
            assert_eq!(quantitative("3", name).0, Comparison::AtMost, "{name}");
        }
        assert_eq!(quantitative("10%", "事故死亡人数下降率").0, Comparison::AtLeast);
        for name in ["事故处置及时率", "投诉办结率", "受灾群众救助率", "群众投诉满意率", "安全事故隐患整改率"]
        {
            assert_eq!(quantitative("100%", name).0, Comparison::AtLeast, "{name}");
        }
        assert_eq!(quantitative("1%", "安全事故发生率").0, Comparison::AtMost);
        match parse_target("2小时", "处置时间", Some(Direction::Positive)).unwrap() {
            Target::Quantitative { comparison, inferred, .. } => {
                assert_eq!((comparison, inferred), (Comparison::AtLeast, None))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn quantities_show_as_written_in_chinese() {
        let show = |t: &str| match parse_target(t, "完成时间", None).unwrap() {
            Target::Quantitative { quantity, .. } => quantity.show(),
            other => panic!("{other:?}"),
        };
        assert_eq!(show("3个月"), "3个月");
        assert_eq!(show("≤3个工作日"), "3个工作日");
        assert_eq!(show("2个小时"), "2小时");
        assert_eq!(show("≥9个"), "9个");
    }

    #[test]
    fn units_and_amounts() {
        assert_eq!(quantitative("≥５０万元", "").1, d("50"));
        assert_eq!(quantitative("≥1,000.5米", "").1, d("1000.5"));
        assert_eq!(quantitative("≥2万人次", "").1, d("20000"));
        assert_eq!(quantitative("不低于9个村社区", "").2, "个");
        assert_eq!(parse_amount("50").unwrap(), Some(d("50")));
        assert_eq!(parse_amount("５０万元").unwrap(), Some(d("50")));
        assert_eq!(parse_amount("500,000元").unwrap(), Some(d("50")));
        assert_eq!(parse_amount("89.974").unwrap(), Some(d("89.974")));
        assert_eq!(parse_amount("").unwrap(), None);
        assert_eq!(parse_amount("¥50.00").unwrap(), Some(d("50.00")));
        assert_eq!(parse_amount("￥500,000元").unwrap(), Some(d("50")));
        assert!(matches!(parse_amount("五十"), Err(ValueError::NotANumber { .. })));
        assert!(matches!(parse_amount("50个"), Err(ValueError::NotMoney { .. })));
        assert!(matches!(parse_amount("-5"), Err(ValueError::Negative)));
        assert!(matches!(parse_amount("50 60"), Err(ValueError::Trailing { .. })));
        assert!(matches!(parse_amount("99999999999999999999"), Err(ValueError::TooLarge)));
        assert_eq!(parse_points("10分").unwrap(), Some(d("10")));
        assert_eq!(parse_points("7.5").unwrap(), Some(d("7.5")));
        assert!(parse_points("十分").is_err());
    }

    #[test]
    fn ranges_tolerances_and_qualitative() {
        assert_eq!(
            parse_target("2-3次", "", None).unwrap(),
            Target::Range { low: d("2"), high: d("3"), unit: crate::units::parse_unit("次").unwrap() }
        );
        assert!(matches!(parse_target("2次~3次", "", None).unwrap(), Target::Range { .. }));
        assert!(matches!(parse_target("2−3次", "", None).unwrap(), Target::Range { .. }));
        assert!(
            matches!(parse_target("±10%以内", "", None).unwrap(), Target::Tolerance { limit, .. } if limit == d("10"))
        );
        for q in [
            "有效提升",
            "显著改善",
            "明显改善",
            "逐步提高",
            "达标",
            "合格",
            "及时",
            "规范",
            "效果明显",
            "2022年12月底前",
            "12月31日前",
            "2022年底前完成",
            "2022年内",
            "第4季度前完成",
            "4季度末",
            "Q4前",
        ] {
            assert_eq!(parse_target(q, "", None).unwrap(), Target::Qualitative, "{q}");
        }
        assert_eq!(parse_target("  ", "", None), Err(ValueError::Empty));
    }

    #[test]
    fn actuals() {
        let t = parse_target("不低于9个", "", None).unwrap();
        let a = parse_actual("9家", &t).unwrap().unwrap();
        assert_eq!(a.value, d("9"));
        assert!(a.soft_unit_mismatch);
        let pct = parse_target("≥95%", "", None).unwrap();
        assert_eq!(parse_actual("100", &pct).unwrap().unwrap().value, d("100"));
        let hours = parse_target("不高于2小时", "", None).unwrap();
        let a = parse_actual("半小时内", &hours).unwrap().unwrap();
        assert_eq!((a.value, a.upper_bound), (d("0.5"), true));
        assert_eq!(parse_actual("90分钟", &hours).unwrap().unwrap().value, d("1.5"));
        assert_eq!(parse_actual("1天", &parse_target("≤48小时", "", None).unwrap()).unwrap().unwrap().value, d("24"));
        let copied = |text: &str, target: &Target| {
            let a = parse_actual(text, target).unwrap().unwrap();
            (a.value, a.copied_operator)
        };
        let metres = parse_target("≥266米", "", None).unwrap();
        assert_eq!(copied("≥266米", &metres), (d("266"), Some("≥".into())));
        assert_eq!(copied("不低于9个", &t), (d("9"), Some("不低于".into())));
        assert_eq!(copied("95%以上", &pct), (d("95"), Some("以上".into())));
        assert_eq!(copied("96%以下", &pct), (d("96"), Some("以下".into())));
        assert_eq!(copied("达到96%", &pct), (d("96"), None), "达到 says what was reached");
        for bound in ["1小时以下", "1小时以内", "1小时内"] {
            let a = parse_actual(bound, &hours).unwrap().unwrap();
            assert_eq!((a.value, a.upper_bound, a.copied_operator), (d("1"), true, None), "{bound}");
        }
        let money = parse_target("≤30万元", "", None).unwrap();
        assert!(matches!(parse_actual("完成", &money), Err(ValueError::NotNumericForNumericTarget { .. })));
        assert!(matches!(parse_actual("3小时", &money), Err(ValueError::UnitMismatch { .. })));
        assert_eq!(parse_actual("280000元", &money).unwrap().unwrap().value, d("28"));
        assert_eq!(parse_actual("有效提升", &Target::Qualitative).unwrap(), None);
        assert_eq!(parse_actual("", &t), Err(ValueError::Empty));
        assert_eq!(a.unit.kind, Some(UnitKind::Minutes));
    }

    #[test]
    fn text_left_over_after_the_figure_is_refused_and_named() {
        for (text, part) in [
            ("1e3个", "e3个"),
            ("≥5e2个", "e2个"),
            ("3.5.6个", ".6个"),
            ("3x个", "x个"),
            ("4个5个", "5个"),
            ("≥1e309个", "e309个"),
            ("不低于9个,132次", "132次"),
            ("2-3次4次", "4次"),
            ("±10%以内5", "5"),
        ] {
            match parse_target(text, "", None) {
                Err(ValueError::LeftOver { part: p, .. }) => assert_eq!(p, part, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
        let t = parse_target("≥9个", "", None).unwrap();
        for text in ["1e3个", "9个5个", "9.5.1个", "9x个"] {
            assert!(matches!(parse_actual(text, &t), Err(ValueError::LeftOver { .. })), "{text}");
        }
        let message = parse_target("1e3个", "", None).unwrap_err().to_string();
        assert!(message.contains("“e3个”无法识别"), "{message}");
    }

    #[test]
    fn remarks_subjects_and_latin_units_are_not_left_over() {
        assert_eq!(quantitative("不低于9个村社区", "").1, d("9"));
        assert_eq!(quantitative("3个乡镇覆盖率不低于95%", "").1, d("95"));
        // More subjects than the reader keeps without allocating; every one still accounted for.
        assert_eq!(quantitative("2022年1个镇2个乡3个街道4个村5个社区覆盖率不低于95%", "").1, d("95"));
        assert!(parse_target("2022年1个镇2个乡3个街道4个村5个社区覆盖率不低于95%x", "", None).is_err());
        assert_eq!(quantitative("≥95%（抽检）", "").1, d("95"));
        assert_eq!(quantitative("≥5km", "").2, "公里");
        let t = parse_target("≥9个", "", None).unwrap();
        assert_eq!(parse_actual("9家（含2个新建社区）", &t).unwrap().unwrap().value, d("9"));
        assert_eq!(parse_actual("12个", &t).unwrap().unwrap().value, d("12"));
    }

    #[test]
    fn negative_targets_and_actuals_are_refused_except_deviations() {
        for text in ["-5%", "≥-5%", "不低于-3个"] {
            assert!(matches!(parse_target(text, "", None), Err(ValueError::NegativeValue { .. })), "{text}");
        }
        let message = parse_target("-5%", "", None).unwrap_err().to_string();
        assert!(message.contains("下降"), "{message}");
        let t = parse_target("≥95%", "", None).unwrap();
        assert!(matches!(parse_actual("-60%", &t), Err(ValueError::NegativeValue { .. })));
        let tolerance = parse_target("±10%以内", "", None).unwrap();
        assert_eq!(parse_actual("-5%", &tolerance).unwrap().unwrap().value, d("-5"));
    }

    #[test]
    fn zero_targets_and_cost_amounts_are_upper_bounds() {
        assert_eq!(quantitative("0起", "安全生产事故").0, Comparison::AtMost);
        assert_eq!(quantitative("0%", "资金违规使用比例").0, Comparison::AtMost);
        assert_eq!(quantitative("0次", "举办活动次数").0, Comparison::AtMost);
        match parse_target_in("20万元", "设备购置", "成本指标", None).unwrap() {
            Target::Quantitative { comparison, inferred, .. } => {
                assert_eq!((comparison, inferred), (Comparison::AtMost, Some(Inference::CostIndicator)))
            }
            other => panic!("{other:?}"),
        }
        let understood = parse_target("0起", "安全生产事故", None).unwrap().understood();
        assert!(understood.contains("反向") && understood.contains("指标值为0"), "{understood}");
    }

    #[test]
    fn a_calendar_year_is_a_deadline_and_a_number_of_years_is_a_quantity() {
        assert_eq!(quantitative("≥3年", "设施使用年限").1, d("3"));
        assert_eq!(quantitative("≥10年", "设施使用年限").2, "年");
        assert_eq!(parse_target("2022年底前完成", "完成时间", None).unwrap(), Target::Qualitative);
        // The year says when; the figure is the other number.
        assert_eq!(quantitative("2022年完成9个", "").1, d("9"));
        assert_eq!(quantitative("2022年完成9个", "").2, "个");
        // A calendar year as the actual of a counted target is not a count.
        let t = parse_target("≥3年", "设施使用年限", None).unwrap();
        assert!(matches!(parse_actual("2022年", &t), Err(ValueError::NotNumericForNumericTarget { .. })));
        assert_eq!(parse_actual("5年", &t).unwrap().unwrap().value, d("5"));
    }
}
