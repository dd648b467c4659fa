//! Reading what people type into 年度指标值 / 实际完成值 / money / 分值 cells.
//!
//! Input arrives as people type it: full-width digits (５０), thousands separators, `%`,
//! 万元/元, measure words, operator phrases before (不低于) or after (以上/以内) the number,
//! 半小时内, or qualitative text. Every failure is a [`ValueError`] whose message says, in
//! Chinese, what was expected; the caller adds the field's name.

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
    #[error("应填写实际测得的数值（如 266米），不能带“{operator}”等比较词；比较条件写在年度指标值中")]
    OperatorInActual { operator: String },
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
        let unit = match self.unit.text.as_str() {
            "月" => "个月",
            "工作日" => "个工作日",
            other => other,
        };
        format!("{}{unit}", self.value.normalize())
    }
}

/// A target (年度指标值) as understood.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// "不低于9个", "≤2小时", or a bare "95%" with the direction inferred (`inferred`).
    Quantitative { comparison: Comparison, quantity: Quantity, inferred: bool },
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
        match self {
            Target::Quantitative { comparison, quantity, inferred } => {
                let dir = comparison.direction().label();
                let base = format!(
                    "{dir}：{} {}{}",
                    comparison.symbol(),
                    quantity.value.normalize(),
                    unit_suffix(&quantity.unit)
                );
                if *inferred {
                    format!("{base}（未写比较词，按指标名称推断为{dir}指标，可更改）")
                } else {
                    base
                }
            }
            Target::Range { low, high, unit } => {
                format!("区间：{} – {}{}", low.normalize(), high.normalize(), unit_suffix(unit))
            }
            Target::Tolerance { limit, unit } => format!("偏差：绝对值 ≤ {}{}", limit.normalize(), unit_suffix(unit)),
            Target::Qualitative => "定性指标：按完成档次评分".to_string(),
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
}

// ---------------------------------------------------------------------------------------------
// Normalisation and number scanning

/// Full-width to half-width, whitespace and thousands separators removed, ≥/≤ spelled one way.
pub fn normalize(text: &str) -> String {
    let mapped: Vec<char> = text
        .chars()
        .map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '≧' | '⩾' => '≥',
                '≦' | '⩽' => '≤',
                '﹪' => '%',
                '—' | '–' | '‐' | '−' => '-',
                '〜' => '~',
                _ => c,
            };
            if c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut chars = drop_spaces(&mapped);
    for (pair, one) in [(['>', '='], '≥'), (['<', '='], '≤'), (['=', '>'], '≥'), (['=', '<'], '≤')] {
        replace_pair(&mut chars, pair, one);
    }
    strip_thousands_separators(&chars)
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

fn strip_thousands_separators(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len() * 3);
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
        let literal: String = chars[start..end].iter().collect();
        let value = Decimal::from_str(&literal).map_err(|_| ValueError::TooLarge)?;
        if value.abs() > Decimal::from(MAX_MAGNITUDE) {
            return Err(ValueError::TooLarge);
        }
        tokens.push(NumberToken { start, end, value });
        i = end;
    }
    Ok(tokens)
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
        c == '月' && i > 0 && chars[i - 1].is_ascii_digit() && {
            let next = chars.get(i + 1).copied();
            let year_before =
                chars[..i].iter().rposition(|&x| x == '年').is_some_and(|y| y > 0 && chars[y - 1].is_ascii_digit());
            year_before || matches!(next, Some(d) if d.is_ascii_digit() || "底末初前中上下".contains(d))
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Operator phrases (domain.md §2)

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

/// Phrases after the number and unit.
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

/// [`PREFIX_OPERATORS`] with each phrase as chars, built once (this runs for every number of
/// every cell).
fn prefix_operators() -> &'static [(Vec<char>, Comparison, &'static str)] {
    static TABLE: std::sync::OnceLock<Vec<(Vec<char>, Comparison, &'static str)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| PREFIX_OPERATORS.iter().map(|&(p, c)| (p.chars().collect(), c, p)).collect())
}

/// The operator phrase that ends closest before `number_start` (within the text before it);
/// among phrases ending at the same place the longest (不低于 before 低于, 达到 before 达).
fn prefix_operator(chars: &[char], number_start: usize) -> Option<(Comparison, &'static str)> {
    (1..=number_start.min(chars.len())).rev().find_map(|end| {
        // The last characters of PREFIX_OPERATORS: most positions are ruled out at once.
        if !matches!(chars[end - 1], '<' | '=' | '>' | '≤' | '≥' | '为' | '于' | '到' | '在' | '少' | '达' | '过')
        {
            return None;
        }
        prefix_operators()
            .iter()
            .filter(|(phrase, ..)| chars[..end].ends_with(phrase))
            .max_by_key(|(phrase, ..)| phrase.len())
            .map(|&(_, comparison, phrase)| (comparison, phrase))
    })
}

fn suffix_operator(chars: &[char], after_unit: usize) -> Option<(Comparison, &'static str)> {
    SUFFIX_OPERATORS.iter().find(|(phrase, _)| starts_with_at(chars, after_unit, phrase)).map(|&(p, c)| (c, p))
}

/// Operator phrases that make an actual a copy of a target: inequalities only (为/达到 are fine).
/// 以内/以下/内 after the number are read by [`parse_actual`] itself: an upper bound is accepted
/// for a 反向 target ("半小时内", "1小时以下" for 不高于2小时) and refused otherwise.
const ACTUAL_FORBIDDEN: &[&str] = &[
    "不低于",
    "不少于",
    "不小于",
    "不高于",
    "不超过",
    "不多于",
    "不大于",
    "至少",
    "高于",
    "大于",
    "超过",
    "多于",
    "低于",
    "小于",
    "少于",
    "≥",
    "≤",
    ">",
    "<",
    "以上",
];

// ---------------------------------------------------------------------------------------------
// Direction inference for bare numbers

/// Names of measures where less is better (domain.md §2), plus a few common siblings
/// (耗时, 用时, 周期, 差错, 不合格). Names saying a decrease (下降率, 减少幅度) are positive:
/// a larger decrease is the good outcome.
const REVERSE_KEYWORDS: &[&str] = &[
    "成本",
    "时间",
    "时长",
    "发生率",
    "事故",
    "投诉",
    "死亡",
    "受灾",
    "费用",
    "耗时",
    "用时",
    "周期",
    "差错",
    "不合格",
];
const DECREASE_KEYWORDS: &[&str] = &["下降", "减少", "降低", "压减", "减幅"];

/// Rates where more is better even when the name mentions a reverse subject: 事故处置及时率,
/// 投诉办结率, 受灾群众救助率 measure how well the 事故/投诉/受灾 were handled.
const POSITIVE_RATE_KEYWORDS: &[&str] = &[
    "及时率",
    "完成率",
    "办结率",
    "处理率",
    "处置率",
    "结案率",
    "整改率",
    "救助率",
    "救治率",
    "覆盖率",
    "保障率",
    "达标率",
    "合格率",
    "通过率",
    "知晓率",
    "满意",
    "响应率",
    "回访率",
    "到位率",
    "执行率",
    "利用率",
    "使用率",
    "成活率",
    "治愈率",
    "破案率",
    "出勤率",
    "参与率",
    "入住率",
    "就业率",
    "普及率",
];

/// The direction a bare number is read with, from the indicator's name.
pub fn infer_direction(indicator_name: &str) -> Direction {
    let name = normalize(indicator_name);
    if DECREASE_KEYWORDS.iter().any(|k| name.contains(k)) || POSITIVE_RATE_KEYWORDS.iter().any(|k| name.contains(k)) {
        return Direction::Positive;
    }
    if REVERSE_KEYWORDS.iter().any(|k| name.contains(k)) {
        Direction::Reverse
    } else {
        Direction::Positive
    }
}

// ---------------------------------------------------------------------------------------------
// Public parsers

/// Reads a 年度指标值. `indicator_name` feeds the direction of a bare number; `chosen` is the
/// user's correction of that inference.
pub fn parse_target(text: &str, indicator_name: &str, chosen: Option<Direction>) -> Result<Target, ValueError> {
    let norm = normalize(text);
    if norm.is_empty() {
        return Err(ValueError::Empty);
    }
    let chars: Vec<char> = norm.chars().collect();
    if looks_like_date(&chars) {
        return Ok(Target::Qualitative);
    }
    let mut numbers = scan_numbers(&chars)?;
    if numbers.is_empty() {
        match scan_chinese_numeral(&chars) {
            Some(token) => numbers.push(token),
            None => return Ok(Target::Qualitative),
        }
    }
    let first = numbers[0].clone();

    if let Some(pm) = chars[..first.start].iter().rposition(|&c| c == '±') {
        if pm + 1 == first.start {
            let (unit, _, multiplier) = units::read_unit(&chars[first.end..]);
            let limit = first.value.abs().checked_mul(multiplier).ok_or(ValueError::TooLarge)?;
            return Ok(Target::Tolerance { limit, unit });
        }
    }

    // A range "2-3次", "2~3次", "2至3次".
    if let Some(second) = numbers.get(1) {
        let between: String = chars[first.end..second.start].iter().collect();
        let (unit_between, _, _) = units::read_unit(&chars[first.end..second.start]);
        let sep = between.trim_start_matches(unit_between.text.as_str());
        if matches!(sep, "-" | "~" | "至" | "到") {
            let (unit, _, multiplier) = units::read_unit(&chars[second.end..]);
            let unit = if unit.is_none() { unit_between } else { unit };
            let low = first.value.checked_mul(multiplier).ok_or(ValueError::TooLarge)?;
            let high = second.value.checked_mul(multiplier).ok_or(ValueError::TooLarge)?;
            let (low, high) = if low <= high { (low, high) } else { (high, low) };
            return Ok(Target::Range { low, high, unit });
        }
    }

    // The number the operator applies to: the first one preceded by an operator phrase, else the first.
    let token = numbers.iter().find(|t| prefix_operator(&chars, t.start).is_some()).cloned().unwrap_or(first);
    let (unit, used, multiplier) = units::read_unit(&chars[token.end..]);
    let value = token.value.checked_mul(multiplier).ok_or(ValueError::TooLarge)?;
    let quantity = Quantity { value, unit };
    let prefix = prefix_operator(&chars, token.start).map(|(c, _)| c);
    let suffix = suffix_operator(&chars, token.end + used).map(|(c, _)| c);
    let (comparison, inferred) = match (prefix, suffix) {
        // "控制在2小时以内": both say ≤; when they disagree the phrase before the number is the
        // operator and the suffix only qualifies it.
        (Some(p), _) => (p, false),
        (None, Some(s)) => (s, false),
        (None, None) => {
            let direction = chosen.unwrap_or_else(|| infer_direction(indicator_name));
            (Comparison::from_direction(direction), chosen.is_none())
        }
    };
    Ok(Target::Quantitative { comparison, quantity, inferred })
}

/// Reads a 实际完成值 against its target. `Ok(None)` for a qualitative target (the actual is
/// a description, kept as text).
pub fn parse_actual(text: &str, target: &Target) -> Result<Option<Actual>, ValueError> {
    let norm = normalize(text);
    if norm.is_empty() {
        return Err(ValueError::Empty);
    }
    let target_unit = match target.unit() {
        None => return Ok(None),
        Some(u) => u,
    };
    let chars: Vec<char> = norm.chars().collect();
    let reverse_target = matches!(target, Target::Quantitative { comparison, .. } if comparison.direction() == Direction::Reverse)
        || matches!(target, Target::Tolerance { .. });

    // Every forbidden phrase starts with one of these: most actuals are cleared by one pass.
    let may_have_operator =
        norm.contains(['不', '至', '高', '大', '超', '多', '低', '小', '少', '≥', '≤', '>', '<', '以']);
    if let Some(op) = ACTUAL_FORBIDDEN.iter().find(|op| may_have_operator && norm.contains(*op)) {
        return Err(ValueError::OperatorInActual { operator: (*op).to_string() });
    }
    let not_numeric = || ValueError::NotNumericForNumericTarget {
        text: text.trim().to_string(),
        target: describe_target_short(target),
    };
    if looks_like_date(&chars) {
        return Err(not_numeric());
    }
    let mut numbers = scan_numbers(&chars)?;
    if numbers.is_empty() {
        match scan_chinese_numeral(&chars) {
            Some(token) => numbers.push(token),
            None => return Err(not_numeric()),
        }
    }
    let token = numbers[0].clone();
    let (unit, used, multiplier) = units::read_unit(&chars[token.end..]);
    let raw = token.value.checked_mul(multiplier).ok_or(ValueError::TooLarge)?;
    let suffix = suffix_operator(&chars, token.end + used);
    let upper_bound = match suffix {
        // "半小时内" for "不高于2小时": an upper bound proves a reverse target; accept it as the value.
        Some((Comparison::AtMost, _)) if reverse_target => true,
        Some((_, phrase)) => return Err(ValueError::OperatorInActual { operator: phrase.to_string() }),
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
            return Err(ValueError::UnitMismatch { target: target_unit.text.clone(), actual: unit.text.clone() })
        }
    };
    Ok(Some(Actual { value, unit, upper_bound, soft_unit_mismatch: soft }))
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
fn plain_decimal(text: &str) -> Option<Result<Decimal, ValueError>> {
    let (int, frac) = text.split_once('.').unwrap_or((text, "1"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) {
        return None;
    }
    Some(match Decimal::from_str(text) {
        Ok(v) if v <= Decimal::from(MAX_MAGNITUDE) => Ok(v),
        _ => Err(ValueError::TooLarge),
    })
}

fn parse_plain(text: &str, allowed_suffixes: &[&str]) -> Result<Option<Decimal>, ValueError> {
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
    use super::*;
    use crate::units::UnitKind;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn quantitative(text: &str, name: &str) -> (Comparison, Decimal, String, bool) {
        match parse_target(text, name, None).unwrap() {
            Target::Quantitative { comparison, quantity, inferred } => {
                (comparison, quantity.value, quantity.unit.text, inferred)
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
                assert_eq!((comparison, inferred), (Comparison::AtLeast, false))
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
        assert!(matches!(
            parse_actual("≥266米", &parse_target("≥266米", "", None).unwrap()),
            Err(ValueError::OperatorInActual { .. })
        ));
        assert!(matches!(parse_actual("不低于9个", &t), Err(ValueError::OperatorInActual { .. })));
        assert!(matches!(parse_actual("95%以上", &pct), Err(ValueError::OperatorInActual { .. })));
        for bound in ["1小时以下", "1小时以内", "1小时内"] {
            let a = parse_actual(bound, &hours).unwrap().unwrap();
            assert_eq!((a.value, a.upper_bound), (d("1"), true), "{bound}");
        }
        assert!(matches!(parse_actual("96%以下", &pct), Err(ValueError::OperatorInActual { .. })));
        let money = parse_target("≤30万元", "", None).unwrap();
        assert!(matches!(parse_actual("完成", &money), Err(ValueError::NotNumericForNumericTarget { .. })));
        assert!(matches!(parse_actual("3小时", &money), Err(ValueError::UnitMismatch { .. })));
        assert_eq!(parse_actual("280000元", &money).unwrap().unwrap().value, d("28"));
        assert_eq!(parse_actual("有效提升", &Target::Qualitative).unwrap(), None);
        assert_eq!(parse_actual("", &t), Err(ValueError::Empty));
        assert_eq!(a.unit.kind, Some(UnitKind::Minutes));
    }
}
