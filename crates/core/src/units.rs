//! Units as people write them after a number, and which of them can be compared.

use rust_decimal::Decimal;
use serde::Serialize;

/// What a unit measures; units of the same convertible kind are compared after conversion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Percent,
    /// Money, base 万元.
    Money,
    /// Duration, base 分钟 (so 小时 ↔ 分钟 converts exactly).
    Minutes,
    /// Working days are not calendar days: their own kind.
    WorkingDays,
    /// Calendar months, base 月 (年 = 12).
    Months,
    /// Length, base 米.
    Length,
    /// Area in 平方米.
    SquareMetres,
    /// Area in 亩 (公顷 = 15 亩).
    Mu,
    /// Mass, base 公斤.
    Mass,
    /// Measure words of counted things (个/家/次/场 …). Different words compare with a soft warning.
    Count,
}

/// A unit as understood: the canonical text shown back to the user, its kind and its factor to
/// the kind's base unit. `kind == None` for a unit we do not know (compared only by text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// Borrowed for every known unit and measure word (no allocation for the common case: a
    /// unit is read for every number of every cell), owned for a word we do not know.
    pub text: std::borrow::Cow<'static, str>,
    pub kind: Option<UnitKind>,
    #[serde(skip)]
    pub factor: Decimal,
}

impl Unit {
    pub fn none() -> Unit {
        Unit { text: std::borrow::Cow::Borrowed(""), kind: None, factor: Decimal::ONE }
    }

    pub fn is_none(&self) -> bool {
        self.text.is_empty()
    }

    pub fn is_percent(&self) -> bool {
        self.kind == Some(UnitKind::Percent)
    }
}

/// Known units, longest spelling first so that 平方公里 wins over 公里 and 个小时 over 个.
/// (spelling, canonical text, kind, factor to base as (mantissa, scale): (1, 4) = 0.0001).
/// 秒 → 分钟 is 1/60, kept to Decimal's 28 places.
const KNOWN: &[(&str, &str, UnitKind, (i128, u32))] = &[
    ("个工作日", "工作日", UnitKind::WorkingDays, (1, 0)),
    ("平方公里", "平方公里", UnitKind::SquareMetres, (1000000, 0)),
    ("个百分点", "%", UnitKind::Percent, (1, 0)),
    ("个小时", "小时", UnitKind::Minutes, (60, 0)),
    ("工作日", "工作日", UnitKind::WorkingDays, (1, 0)),
    ("平方米", "平方米", UnitKind::SquareMetres, (1, 0)),
    ("个月", "月", UnitKind::Months, (1, 0)),
    ("小时", "小时", UnitKind::Minutes, (60, 0)),
    ("分钟", "分钟", UnitKind::Minutes, (1, 0)),
    ("万元", "万元", UnitKind::Money, (1, 0)),
    ("亿元", "亿元", UnitKind::Money, (10000, 0)),
    ("千元", "千元", UnitKind::Money, (1, 1)),
    ("公里", "公里", UnitKind::Length, (1000, 0)),
    ("千米", "千米", UnitKind::Length, (1000, 0)),
    ("厘米", "厘米", UnitKind::Length, (1, 2)),
    ("毫米", "毫米", UnitKind::Length, (1, 3)),
    ("公顷", "公顷", UnitKind::Mu, (15, 0)),
    ("公斤", "公斤", UnitKind::Mass, (1, 0)),
    ("千克", "千克", UnitKind::Mass, (1, 0)),
    ("人次", "人次", UnitKind::Count, (1, 0)),
    ("户次", "户次", UnitKind::Count, (1, 0)),
    ("家次", "家次", UnitKind::Count, (1, 0)),
    ("课时", "课时", UnitKind::Count, (1, 0)),
    ("学时", "学时", UnitKind::Count, (1, 0)),
    // Latin spellings that forms copy from technical documents.
    ("km", "公里", UnitKind::Length, (1000, 0)),
    ("KM", "公里", UnitKind::Length, (1000, 0)),
    ("kg", "公斤", UnitKind::Mass, (1, 0)),
    ("KG", "公斤", UnitKind::Mass, (1, 0)),
    ("m²", "平方米", UnitKind::SquareMetres, (1, 0)),
    ("㎡", "平方米", UnitKind::SquareMetres, (1, 0)),
    ("㎞", "公里", UnitKind::Length, (1000, 0)),
    ("㎏", "公斤", UnitKind::Mass, (1, 0)),
    ("m", "米", UnitKind::Length, (1, 0)),
    ("%", "%", UnitKind::Percent, (1, 0)),
    ("‰", "‰", UnitKind::Percent, (1, 1)),
    ("元", "元", UnitKind::Money, (1, 4)),
    ("秒", "秒", UnitKind::Minutes, (166_666_666_666_666_666_666_666_667, 28)),
    ("天", "天", UnitKind::Minutes, (1440, 0)),
    ("日", "天", UnitKind::Minutes, (1440, 0)),
    ("周", "周", UnitKind::Minutes, (10080, 0)),
    ("月", "月", UnitKind::Months, (1, 0)),
    ("年", "年", UnitKind::Months, (12, 0)),
    ("米", "米", UnitKind::Length, (1, 0)),
    ("亩", "亩", UnitKind::Mu, (1, 0)),
    ("吨", "吨", UnitKind::Mass, (1000, 0)),
    ("斤", "斤", UnitKind::Mass, (5, 1)),
    ("克", "克", UnitKind::Mass, (1, 3)),
];

/// (spelling as chars, canonical text, kind, factor)
type KnownUnit = (Vec<char>, &'static str, UnitKind, Decimal);

/// [`KNOWN`] with each spelling as chars and each factor as a `Decimal`, built once: read_unit
/// runs for every number of every cell.
fn known() -> &'static [KnownUnit] {
    static TABLE: std::sync::OnceLock<Vec<KnownUnit>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        KNOWN
            .iter()
            .map(|&(spelling, canonical, kind, (mantissa, scale))| {
                (spelling.chars().collect(), canonical, kind, Decimal::from_i128_with_scale(mantissa, scale))
            })
            .collect()
    })
}

/// The known units whose spelling starts with `first`, in [`KNOWN`]'s order (longest first):
/// found by a binary search over the first characters instead of comparing all ~40 spellings,
/// since this runs for every number of every cell.
fn known_starting_with(first: char) -> impl Iterator<Item = &'static KnownUnit> {
    static BY_FIRST: std::sync::OnceLock<Vec<(char, usize)>> = std::sync::OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut index: Vec<(char, usize)> =
            known().iter().enumerate().filter_map(|(i, (spelling, ..))| Some((*spelling.first()?, i))).collect();
        // Stable by table position within a character: (char, position) sorts that way.
        index.sort_unstable();
        index
    });
    let from = by_first.partition_point(|&(c, _)| c < first);
    by_first[from..].iter().take_while(move |&&(c, _)| c == first).map(|&(_, i)| &known()[i])
}

/// Measure words of counted things. Mixing them (个 vs 家) is allowed with a soft warning.
const COUNT_WORDS: &str =
    "个家处项所座栋幢户件台套条份场次批期篇张本册辆只块间名位人起宗例支队村站类种门节轮部床株棵头";

/// Each measure word of [`COUNT_WORDS`] as its code point (high 32 bits) and its byte offset in
/// the list (low 32 bits), sorted for a binary search: `str::find` with a char cost ~380
/// instructions per number in the size-optimised build.
const COUNT_WORD_INDEX: [u64; COUNT_WORDS.len() / 3] = {
    let b = COUNT_WORDS.as_bytes();
    // Every measure word is a CJK ideograph, 3 bytes (a unit test checks it).
    let mut index = [0u64; COUNT_WORDS.len() / 3];
    let mut k = 0;
    while k < index.len() {
        let (code, _) = crate::text::decode_at(b, 3 * k);
        index[k] = ((code as u64) << 32) | (3 * k) as u64;
        k += 1;
    }
    crate::text::sorted_keys(index)
};

/// `c` as it is written in [`COUNT_WORDS`], if it is a measure word there.
fn count_word(c: char) -> Option<&'static str> {
    let at = COUNT_WORD_INDEX.partition_point(|&entry| entry >> 32 < c as u64);
    let entry = *COUNT_WORD_INDEX.get(at).filter(|&&entry| entry >> 32 == c as u64)?;
    let offset = (entry & 0xFFFF_FFFF) as usize;
    Some(&COUNT_WORDS[offset..offset + 3])
}

/// Words that end a unit: operator suffixes (以上/以内) and filler.
const UNIT_STOPPERS: &[char] = &['以', '内', '及', '左', '右', '之', '的', '或', '每', '（', '('];

/// Reads the unit at the start of `rest` (the text right after a number). Returns the unit and
/// how many chars it used. A `万`/`亿` before a non-money unit multiplies the number instead
/// (2万人次 = 20000 人次), reported through the returned multiplier.
pub fn read_unit(rest: &[char]) -> (Unit, usize, Decimal) {
    let mut multiplier = Decimal::ONE;
    let mut skip = 0;
    if let Some(&first) = rest.first() {
        let is_money = rest.starts_with(&['万', '元']) || rest.starts_with(&['亿', '元']);
        if !is_money && (first == '万' || first == '亿') {
            multiplier = if first == '万' { Decimal::from(10_000) } else { Decimal::from(100_000_000) };
            skip = 1;
        }
    }
    let rest = &rest[skip..];
    let Some(&first) = rest.first() else { return (Unit::none(), skip, multiplier) };
    if let Some((spelling, canonical, kind, factor)) =
        known_starting_with(first).find(|(spelling, ..)| crate::text::chars_start_with(rest, spelling))
    {
        let unit = Unit { text: std::borrow::Cow::Borrowed(canonical), kind: Some(*kind), factor: *factor };
        return (unit, skip + spelling.len(), multiplier);
    }
    if let Some(word) = count_word(first) {
        let text = std::borrow::Cow::Borrowed(word);
        let unit = Unit { text, kind: Some(UnitKind::Count), factor: Decimal::ONE };
        (unit, skip + 1, multiplier)
    } else if is_han(first) && !UNIT_STOPPERS.contains(&first) {
        let unit = Unit { text: std::borrow::Cow::Owned(first.to_string()), kind: None, factor: Decimal::ONE };
        (unit, skip + 1, multiplier)
    } else {
        (Unit::none(), skip, multiplier)
    }
}

/// Parses a whole string as a unit ("小时", "万元"); `None` if it is not exactly one unit.
pub fn parse_unit(text: &str) -> Option<Unit> {
    let chars: Vec<char> = text.chars().collect();
    let (unit, used, multiplier) = read_unit(&chars);
    (used == chars.len() && multiplier == Decimal::ONE && !unit.is_none()).then_some(unit)
}

/// A CJK ideograph (the basic block and extension A).
///
/// Inlined and written as a pattern: it runs for every character of every name and clause, and
/// at `opt-level = "z"` neither this function nor `RangeInclusive::contains` was inlined.
#[inline(always)]
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// How an actual's unit relates to the target's.
#[derive(Clone, Debug, PartialEq)]
pub enum UnitRelation {
    /// Same unit, or no unit typed on one side: compare as typed.
    Same,
    /// Convertible: the actual in the target's unit is `actual × numerator ÷ denominator`
    /// (multiplied first, so 90 分钟 → 1.5 小时 exactly).
    Convert { numerator: Decimal, denominator: Decimal },
    /// Different words for counted things (个 vs 家), or a unit we do not know: compare the
    /// numbers as they are, but tell the user.
    Soft,
    /// Not comparable (个 vs 小时, % vs 万元).
    Mismatch,
}

pub fn relate(target: &Unit, actual: &Unit) -> UnitRelation {
    if actual.is_none() || target.is_none() || actual.text == target.text {
        return UnitRelation::Same;
    }
    match (target.kind, actual.kind) {
        (Some(UnitKind::Count), Some(UnitKind::Count)) => UnitRelation::Soft,
        (Some(t), Some(a)) if t == a => UnitRelation::Convert { numerator: actual.factor, denominator: target.factor },
        (Some(_), Some(_)) => UnitRelation::Mismatch,
        _ => UnitRelation::Soft,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(s: &str) -> Unit {
        let chars: Vec<char> = s.chars().collect();
        read_unit(&chars).0
    }

    #[test]
    fn measure_words_are_found_by_their_index_as_in_the_list() {
        // The index assumes 3-byte characters.
        assert_eq!(COUNT_WORDS.len(), 3 * COUNT_WORDS.chars().count());
        for c in COUNT_WORDS.chars().chain("人次米元以内率x1".chars()) {
            let in_list = COUNT_WORDS.find(c).map(|at| &COUNT_WORDS[at..at + c.len_utf8()]);
            assert_eq!(count_word(c), in_list, "{c}");
        }
    }

    #[test]
    fn reads_known_units_longest_first() {
        assert_eq!(unit("个小时内").text, "小时");
        assert_eq!(unit("个村社区").text, "个");
        assert_eq!(unit("万元以上").text, "万元");
        assert_eq!(unit("平方公里").text, "平方公里");
        assert_eq!(unit("以上").text, "");
        assert_eq!(unit("趟").kind, None);
        assert_eq!(unit("趟").text, "趟");
        assert_eq!(unit("辆").kind, Some(UnitKind::Count));
    }

    #[test]
    fn factors_are_the_decimals_they_stand_for() {
        let factor = |s: &str| unit(s).factor;
        assert_eq!(factor("秒"), "0.016666666666666666666666666667".parse::<Decimal>().unwrap());
        assert_eq!(factor("元"), "0.0001".parse::<Decimal>().unwrap());
        assert_eq!(factor("斤"), "0.5".parse::<Decimal>().unwrap());
        assert_eq!(factor("平方公里"), Decimal::from(1_000_000));
    }

    #[test]
    fn wan_before_a_count_multiplies() {
        let chars: Vec<char> = "万人次".chars().collect();
        let (u, used, m) = read_unit(&chars);
        assert_eq!((u.text.as_ref(), used, m), ("人次", 3, Decimal::from(10_000)));
    }

    #[test]
    fn relations() {
        let convert =
            |n: &str, d: &str| UnitRelation::Convert { numerator: n.parse().unwrap(), denominator: d.parse().unwrap() };
        assert_eq!(relate(&unit("小时"), &unit("分钟")), convert("1", "60"));
        assert_eq!(relate(&unit("万元"), &unit("元")), convert("0.0001", "1"));
        assert_eq!(relate(&unit("个"), &unit("家")), UnitRelation::Soft);
        assert_eq!(relate(&unit("个"), &unit("小时")), UnitRelation::Mismatch);
        assert_eq!(relate(&unit("%"), &Unit::none()), UnitRelation::Same);
        assert_eq!(relate(&unit("工作日"), &unit("天")), UnitRelation::Mismatch);
    }
}
