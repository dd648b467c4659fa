//! The prose against the table (check 13), 存在问题/改进措施 (check 15) and empty report sections.

use super::*;
use crate::text::{clauses_with_digits, decode_at, same_text};

/// Bigrams that say nothing about which indicator a sentence is about.
#[rustfmt::skip]
const GENERIC_BIGRAMS: &[[char; 2]] = &[
    ['安', '全'], ['应', '急'], ['工', '作'], ['开', '展'], ['完', '成'], ['数', '量'], ['次', '数'], ['场', '次'],
    ['本', '年'], ['年', '度'], ['活', '动'], ['情', '况'], ['项', '目'], ['管', '理'], ['实', '际'], ['进', '行'],
    ['全', '年'], ['建', '设'], ['提', '升'], ['服', '务'], ['群', '众'], ['指', '标'], ['比', '例'], ['人', '数'],
    ['个', '数'], ['户', '数'], ['率', '达'], ['生', '产'],
];

/// The low bits of an index entry: the candidate (names beyond 4 million rows are not matched).
const CANDIDATE_MASK: u64 = (1 << 22) - 1;

/// A character pair (code points) in the high 42 bits of an index entry (a char fits in 21 bits).
const fn pair_key(a: u32, b: u32) -> u64 {
    ((a as u64) << 43) | ((b as u64) << 22)
}

/// [`GENERIC_BIGRAMS`] as pair keys, sorted, for a binary search: a linear `contains` over the
/// list, for every pair of every name, took a tenth of a cold evaluation of 200 rows.
const GENERIC_KEYS: [u64; GENERIC_BIGRAMS.len()] = {
    let mut keys = [0u64; GENERIC_BIGRAMS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = pair_key(GENERIC_BIGRAMS[i][0] as u32, GENERIC_BIGRAMS[i][1] as u32);
        i += 1;
    }
    crate::text::sorted_keys(keys)
};

/// One bit per value of a character's low 6 bits, over the first and over the second characters
/// of [`GENERIC_BIGRAMS`]: most pairs of a name are passed with these two bit tests, before the
/// binary search.
const GENERIC_FIRST_BITS: u64 = generic_bits(0);
const GENERIC_SECOND_BITS: u64 = generic_bits(1);

const fn generic_bits(position: usize) -> u64 {
    let mut bits = 0;
    let mut i = 0;
    while i < GENERIC_BIGRAMS.len() {
        bits |= 1 << (GENERIC_BIGRAMS[i][position] as u32 & 63);
        i += 1;
    }
    bits
}

/// `[a, b]` (code points) is one of [`GENERIC_BIGRAMS`].
fn is_generic_pair(a: u32, b: u32) -> bool {
    (GENERIC_FIRST_BITS >> (a & 63)) & 1 != 0
        && (GENERIC_SECOND_BITS >> (b & 63)) & 1 != 0
        && GENERIC_KEYS.binary_search(&pair_key(a, b)).is_ok()
}

/// Keyword pair → the candidates whose name has it, so that each clause is read once however
/// many indicators there are. A keyword pair is two successive Han characters of a name (other
/// characters skipped), generic pairs dropped.
struct PairIndex {
    /// One u64 per (pair, candidate): pair in the high 42 bits, candidate in the low 22, so that
    /// the index sorts as plain integers (sorting tuples cost more than the matching itself).
    entries: Vec<u64>,
    /// A 4 096-bit filter of the pairs in `entries`: most pairs of a clause are in no name, and
    /// are dismissed with one bit instead of a binary search.
    filter: [u64; 64],
}

impl PairIndex {
    fn new(names: &[(usize, &str)]) -> Self {
        // A Han character is 3 bytes in UTF-8: a name has fewer pairs than len / 3. The entries
        // are written by index and the Han characters decoded from the bytes: at `opt-level =
        // "z"` `Vec::push` and `Chars::next` are calls, and they were most of this loop.
        let mut entries = vec![0u64; names.iter().map(|(_, name)| name.len() / 3).sum()];
        let mut count = 0;
        for (k, (_, name)) in names.iter().enumerate() {
            let b = name.as_bytes();
            let (mut i, mut previous) = (0, None);
            while i < b.len() {
                let (c, len) = decode_at(b, i);
                i += len;
                // Not Han: skipped, without breaking the pair.
                if !char::from_u32(c).is_some_and(crate::units::is_han) {
                    continue;
                }
                if let Some(p) = previous.filter(|&p| !is_generic_pair(p, c)) {
                    entries[count] = pair_key(p, c) | k as u64;
                    count += 1;
                }
                previous = Some(c);
            }
        }
        entries.truncate(count);
        // A pair twice in one name counts once.
        entries.sort_unstable();
        entries.dedup();
        let mut filter = [0u64; 64];
        for entry in &entries {
            let bit = Self::bit(entry & !CANDIDATE_MASK);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        PairIndex { entries, filter }
    }

    fn bit(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize
    }

    fn may_have(&self, key: u64) -> bool {
        let bit = Self::bit(key);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The candidates whose name has `key`.
    fn candidates(&self, key: u64) -> impl Iterator<Item = usize> + '_ {
        let from = self.entries.partition_point(|&entry| entry < key);
        self.entries[from..]
            .iter()
            .take_while(move |&&entry| entry & !CANDIDATE_MASK == key)
            .map(|&e| (e & CANDIDATE_MASK) as usize)
    }
}

/// The words of an indicator name that say nothing about which activity it measures; what is left
/// between them are the name's distinctive segments (铁道路安全巡查次数 → 铁道路, 巡查).
const GENERIC_WORDS: &[&str] = &[
    "本年度",
    "年度",
    "全年",
    "开展",
    "完成",
    "实际",
    "数量",
    "次数",
    "场次",
    "个数",
    "人数",
    "户数",
    "比例",
    "比率",
    "应急",
    "安全",
    "生产",
    "管理",
    "工作",
    "活动",
    "情况",
    "项目",
    "服务",
    "建设",
    "提升",
    "群众",
    "指标",
    "里程",
    "面积",
    "长度",
    "规模",
    "总量",
    "总数",
    "时长",
    "人次",
    "户次",
    "家次",
    "金额",
    "率",
];

/// The distinctive segments (2+ Han characters) of an indicator name: what is left between the
/// generic words, read in one pass (at each place the longest generic word is skipped).
fn name_segments(name: &str) -> Vec<String> {
    let han: std::borrow::Cow<str> = if name.chars().all(crate::units::is_han) {
        name.into()
    } else {
        name.chars().filter(|c| crate::units::is_han(*c)).collect::<String>().into()
    };
    // The generic words by their first character, sorted: a character of a name is looked up
    // once, and only the few words starting with it are compared.
    static BY_FIRST: std::sync::OnceLock<Vec<(char, &'static str)>> = std::sync::OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut words: Vec<(char, &'static str)> =
            GENERIC_WORDS.iter().filter_map(|w| Some((w.chars().next()?, *w))).collect();
        words.sort_unstable();
        words
    });
    let mut segments = Vec::new();
    // A segment is the text between two generic words: `han[segment..at]`.
    let (mut segment, mut at) = (0, 0);
    let mut close = |from: usize, to: usize| {
        if han[from..to].chars().nth(1).is_some() {
            segments.push(han[from..to].to_string());
        }
    };
    while let Some(c) = han[at..].chars().next() {
        let rest = &han.as_bytes()[at..];
        let from = by_first.partition_point(|(f, _)| *f < c);
        let generic = by_first[from..]
            .iter()
            .take_while(|(f, _)| *f == c)
            .map(|(_, w)| *w)
            .filter(|w| crate::text::starts_with_bytes(rest, w.as_bytes()))
            .max_by_key(|w| w.len());
        match generic {
            Some(word) => {
                close(segment, at);
                at += word.len();
                segment = at;
            }
            None => at += c.len_utf8(),
        }
    }
    close(segment, at);
    segments
}

/// Which indicator each clause of the prose talks about: the expensive part of check 13. It
/// depends only on the prose and on the names of the rows that can be compared, so an
/// [`crate::evaluate::Evaluator`] keeps it while those stay the same (an edit of a figure
/// elsewhere re-uses it).
#[derive(Clone, Debug, Default)]
pub(crate) struct NarrativeMemo {
    prose: [String; 2],
    /// (position in the table, id, name) of every candidate row, in table order.
    names: Vec<(usize, u32, String)>,
    matches: Vec<ClauseMatch>,
}

/// A clause (by byte range in prose `prose`) and the row it is about (its position in the table).
#[derive(Clone, Copy, Debug)]
struct ClauseMatch {
    prose: usize,
    start: usize,
    end: usize,
    row: usize,
}

/// `candidates`: each row that can be compared, as (position in the table, name).
///
/// A clause is matched to the row sharing the most keyword pairs with it (if exactly one does)
/// and only if it names every distinctive segment of that row's name. No clause is read that has
/// no figure; nothing else is filtered out in advance (a first version looked up every name's
/// first segment in the whole prose, which the segment test at the end makes redundant; it is
/// kept in the tests as the oracle).
fn match_clauses(prose: [&str; 2], candidates: &[(usize, &str)]) -> Vec<ClauseMatch> {
    let mut found = Vec::new();
    // Built at the first clause with a figure: most prose has none worth reading.
    let mut index: Option<PairIndex> = None;
    let mut shared = vec![0usize; candidates.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut pairs: Vec<u64> = Vec::new();
    let mut segments: Vec<Option<Vec<String>>> = vec![None; candidates.len()];
    for (p, text) in prose.into_iter().enumerate() {
        for (clause, has_digit) in clauses_with_digits(text) {
            // Only a clause with a figure can disagree with the table.
            if !has_digit {
                continue;
            }
            let index = index.get_or_insert_with(|| PairIndex::new(candidates));
            if index.entries.is_empty() {
                return found;
            }
            // The indicator this clause talks about: most shared keyword pairs, unique.
            pairs.clear();
            // Pairs of successive characters. Only Han characters (3 bytes in UTF-8) can be in the
            // index, so those alone are decoded; any other character only breaks the pair.
            let b = clause.as_bytes();
            let (mut i, mut previous) = (0, None);
            while i < b.len() {
                let (c, len) = decode_at(b, i);
                i += len;
                if len != 3 {
                    previous = None;
                    continue;
                }
                if let Some(p) = previous {
                    let key = pair_key(p, c);
                    if index.may_have(key) {
                        pairs.push(key);
                    }
                }
                previous = Some(c);
            }
            pairs.sort_unstable();
            pairs.dedup();
            for &k in &touched {
                shared[k] = 0;
            }
            touched.clear();
            for &key in &pairs {
                for k in index.candidates(key) {
                    if shared[k] == 0 {
                        touched.push(k);
                    }
                    shared[k] += 1;
                }
            }
            let most = touched.iter().map(|&k| shared[k]).max().unwrap_or(0);
            let mut best = touched.iter().copied().filter(|&k| shared[k] == most);
            let (Some(k), None) = (best.next(), best.next()) else { continue };
            // Sharing a keyword is not enough (道路巡查 is not 铁道路安全巡查): the clause must name
            // every distinctive segment of the indicator.
            let segments = segments[k].get_or_insert_with(|| name_segments(candidates[k].1));
            if segments.is_empty() || !segments.iter().all(|seg| clause.contains(seg.as_str())) {
                continue;
            }
            let start = clause.as_ptr() as usize - text.as_ptr() as usize;
            found.push(ClauseMatch { prose: p, start, end: start + clause.len(), row: candidates[k].0 });
        }
    }
    found
}

/// Check 13: figures in the prose that disagree with the table, and edited report paragraphs
/// whose figures no longer match the generated text. `memo` keeps the clause matching between
/// evaluations of the same draft.
pub(super) fn check_narrative_numbers(
    draft: &Draft,
    eval: &Evaluation,
    c: &mut Collector,
    memo: Option<&mut NarrativeMemo>,
) {
    // The rows whose figures the prose may repeat: a quantitative target and a readable actual.
    let candidates = || {
        eval.indicators
            .iter()
            .zip(&draft.indicators)
            .enumerate()
            .filter(|(_, (r, _))| matches!((&r.target, &r.actual), (Ok(Target::Quantitative { .. }), Ok(Some(_)))))
            .map(|(at, (_, ind))| (at, ind))
    };
    let prose_texts = [draft.goals.actual.as_str(), draft.narrative.achievements.as_str()];
    // Compared without collecting the candidates: this runs on every keystroke.
    let same_as_memo = |m: &NarrativeMemo| {
        let mut remembered = m.names.iter();
        same_text(&m.prose[0], prose_texts[0])
            && same_text(&m.prose[1], prose_texts[1])
            && candidates().all(|(at, ind)| {
                remembered
                    .next()
                    .is_some_and(|(row, id, name)| *row == at && *id == ind.id && same_text(name, &ind.name))
            })
            && remembered.next().is_none()
    };
    let fresh;
    let matches: &[ClauseMatch] = match memo {
        Some(m) if same_as_memo(m) => &m.matches,
        other => {
            let names: Vec<(usize, &str)> = candidates().map(|(at, ind)| (at, ind.name.as_str())).collect();
            fresh = match_clauses(prose_texts, &names);
            if let Some(m) = other {
                *m = NarrativeMemo {
                    prose: prose_texts.map(str::to_string),
                    names: candidates().map(|(at, ind)| (at, ind.id, ind.name.clone())).collect(),
                    matches: fresh.clone(),
                };
            }
            &fresh
        }
    };
    let places: [(FieldRef, &str); 2] = [
        (FieldRef::Goal { field: GoalField::Actual }, "年度总体目标实际完成情况"),
        (FieldRef::Narrative { section: NarrativeSection::Achievements }, "工作成效"),
    ];
    for m in matches {
        let (field, place) = &places[m.prose];
        let clause = &prose_texts[m.prose][m.start..m.end];
        let (row, ind) = (eval.indicators[m.row].as_ref(), &draft.indicators[m.row]);
        let Ok(Some(actual)) = &row.actual else { continue };
        let unit = row.target_unit().cloned().unwrap_or_else(crate::units::Unit::none);
        let typed_unit = if actual.unit.is_none() { &unit } else { &actual.unit };
        for number in numbers_in(clause) {
            if number.approximate || number.unit.is_none() || number.unit.text != typed_unit.text {
                continue;
            }
            let table_value = match relate(&unit, &number.unit) {
                UnitRelation::Same => actual.value,
                _ => continue,
            };
            if number.value != table_value {
                c.push(
                    CheckId::NarrativeNumbers,
                    Severity::Warning,
                    field.clone(),
                    format!(
                        "{place}中写“{}”（{}{}），而表中{}的实际完成值为{}；请核对两处是否一致",
                        clause,
                        number.value.normalize(),
                        number.unit.text,
                        label(row, ind),
                        ind.actual.trim()
                    ),
                    RULE_COMPLETE,
                );
            }
        }
    }
    // Edited report paragraphs.
    if draft.report_edits.is_empty() {
        return;
    }
    let report = crate::report::generate_unedited(draft, eval);
    for (key, edited) in &draft.report_edits {
        let Some(generated) = report.blocks.iter().find(|b| &b.key == key) else { continue };
        let expected = numbers_in(&generated.text);
        for number in numbers_in(edited) {
            if number.unit.is_none() || number.approximate {
                continue;
            }
            let same_unit: Vec<_> = expected.iter().filter(|e| e.unit.text == number.unit.text).collect();
            if !same_unit.is_empty() && !same_unit.iter().any(|e| e.value == number.value) {
                c.push(
                    CheckId::NarrativeNumbers,
                    Severity::Warning,
                    FieldRef::ReportParagraph { key: key.clone() },
                    format!(
                        "改写后的段落中有“{}{}”，与表中数据生成的文字（{}）不一致；请核对，或恢复为自动生成的文字",
                        number.value.normalize(),
                        number.unit.text,
                        same_unit
                            .iter()
                            .map(|e| format!("{}{}", e.value.normalize(), e.unit.text))
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    RULE_COMPLETE,
                );
            }
        }
    }
}

/// Check 15.
pub(super) fn check_problems(draft: &Draft, eval: &Evaluation, c: &mut Collector) {
    let unwritten = [NarrativeSection::Problems, NarrativeSection::Improvements]
        .into_iter()
        .filter(|s| is_placeholder(draft.narrative.section(*s)));
    if unwritten.clone().next().is_none() {
        return;
    }
    let mut missed = String::with_capacity(256);
    for (row, ind) in eval.indicators.iter().zip(&draft.indicators).filter(|(r, _)| r.status.is_missed()) {
        if !missed.is_empty() {
            missed.push('、');
        }
        let _ = Who::of(row, ind).write_to(&mut missed); // into a String: cannot fail
    }
    if missed.is_empty() {
        return;
    }
    for section in unwritten {
        c.push(
            CheckId::ProblemsMissing,
            Severity::Warning,
            FieldRef::Narrative { section },
            format!("{missed}未完成年度指标值，但“{}”为空或只写了“无”；请写明", section.label()),
            RULE_EXPLAIN,
        );
    }
}

pub(super) fn check_report_sections(draft: &Draft, c: &mut Collector) {
    for section in
        [NarrativeSection::FundsManagement, NarrativeSection::Achievements, NarrativeSection::ResultApplication]
    {
        if is_placeholder(draft.narrative.section(section)) {
            c.push(
                CheckId::ReportSectionEmpty,
                Severity::Hint,
                FieldRef::Narrative { section },
                format!("报告的“{}”部分还没有填写", section.label()),
                RULE_REPORT,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_generic_pair_is_found_by_its_bits_and_search_exactly_as_in_the_list() {
        // Every character of the list, and characters sharing their low 6 bits.
        let mut chars: Vec<char> = GENERIC_BIGRAMS.iter().flatten().copied().collect();
        chars.extend(chars.clone().iter().filter_map(|&c| char::from_u32(c as u32 + 64)));
        chars.extend(['巡', '查', '培', '训', 'a', '1']);
        for &a in &chars {
            for &b in &chars {
                assert_eq!(is_generic_pair(a as u32, b as u32), GENERIC_BIGRAMS.contains(&[a, b]), "{a}{b}");
            }
        }
    }

    /// check 13's clause matching as it was first written (a substring scan for each name's
    /// first segment, then every clause with one read pair by pair): the oracle for the faster one.
    fn reference_match_clauses(prose: [&str; 2], candidates: &[(usize, &str)]) -> Vec<(usize, usize, usize, usize)> {
        fn keyword_bigrams(name: &str) -> Vec<(char, char)> {
            let han: Vec<char> = name.chars().filter(|c| crate::units::is_han(*c)).collect();
            let mut out: Vec<(char, char)> =
                han.windows(2).map(|w| (w[0], w[1])).filter(|(a, b)| !GENERIC_BIGRAMS.contains(&[*a, *b])).collect();
            out.sort_unstable();
            out.dedup();
            out
        }
        let names: Vec<&str> = candidates.iter().map(|(_, name)| *name).collect();
        let segments: Vec<Vec<String>> = names.iter().map(|name| name_segments(name)).collect();
        let bigrams: Vec<Vec<(char, char)>> = names.iter().map(|name| keyword_bigrams(name)).collect();
        let mut found = Vec::new();
        if bigrams.iter().all(Vec::is_empty) {
            return found;
        }
        for (p, text) in prose.into_iter().enumerate() {
            let named_at: Vec<usize> = segments
                .iter()
                .filter_map(|segs| segs.first())
                .flat_map(|first| text.match_indices(first.as_str()).map(|(at, _)| at))
                .collect();
            let pieces = text.split(['，', '。', '；', '：', '！', '？', ',', ';', ':', '!', '?', '\n', '、']);
            for clause in pieces.map(str::trim).filter(|s| !s.is_empty()) {
                let start = clause.as_ptr() as usize - text.as_ptr() as usize;
                if !named_at.iter().any(|&at| at >= start && at < start + clause.len()) {
                    continue;
                }
                if !clause.chars().any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch)) {
                    continue;
                }
                let mut pairs: Vec<(char, char)> = clause.chars().zip(clause.chars().skip(1)).collect();
                pairs.sort_unstable();
                pairs.dedup();
                let shared: Vec<usize> =
                    bigrams.iter().map(|b| pairs.iter().filter(|pair| b.contains(pair)).count()).collect();
                let most = shared.iter().copied().max().unwrap_or(0);
                if most == 0 {
                    continue;
                }
                let mut best = (0..names.len()).filter(|&k| shared[k] == most);
                let (Some(k), None) = (best.next(), best.next()) else { continue };
                if segments[k].is_empty() || !segments[k].iter().all(|seg| clause.contains(seg.as_str())) {
                    continue;
                }
                found.push((p, start, start + clause.len(), candidates[k].0));
            }
        }
        found
    }

    /// `name_segments` as it was first written (a character at a time): the oracle for the one above.
    fn reference_name_segments(name: &str) -> Vec<String> {
        let han: String = name.chars().filter(|c| crate::units::is_han(*c)).collect();
        let (mut segments, mut current, mut rest) = (Vec::new(), String::new(), han.as_str());
        while let Some(c) = rest.chars().next() {
            match GENERIC_WORDS.iter().filter(|w| rest.starts_with(**w)).max_by_key(|w| w.len()) {
                Some(word) => {
                    if current.chars().count() >= 2 {
                        segments.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    rest = &rest[word.len()..];
                }
                None => {
                    current.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        if current.chars().count() >= 2 {
            segments.push(current);
        }
        segments
    }

    /// Indicator names and prose from the same few words, so that clauses do name indicators.
    const WORDS: &[&str] = &[
        "铁道路",
        "安全",
        "巡查",
        "次数",
        "宣传",
        "活动",
        "场次",
        "培训",
        "道路",
        "维修",
        "里程",
        "村社区",
        "网格化",
        "管理",
        "数量",
        "企业",
        "检查",
        "年度",
        "完成",
        "率",
        "满意度",
        "调查",
        "户",
    ];
    const FILLERS: &[&str] =
        &["18", "８", "3.5", "公里", "场", "次", "，", "。", "；", "、", " ", "\n", "：", "A", "开展", "全年", "共"];

    fn name() -> impl Strategy<Value = String> {
        let piece = prop_oneof![4 => prop::sample::select(WORDS), 1 => prop::sample::select(&["A", "1", "（", "本年度", "家次"][..])];
        prop::collection::vec(piece, 1..5).prop_map(|w| w.concat())
    }

    fn prose() -> impl Strategy<Value = String> {
        let piece = prop_oneof![prop::sample::select(WORDS), prop::sample::select(FILLERS)];
        prop::collection::vec(piece, 0..60).prop_map(|w| w.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn clause_matching_agrees_with_the_first_version(
            names in prop::collection::vec(name(), 0..12),
            goal in prose(),
            achievements in prose(),
        ) {
            let candidates: Vec<(usize, &str)> = names.iter().enumerate().map(|(i, n)| (i * 2 + 1, n.as_str())).collect();
            let prose = [goal.as_str(), achievements.as_str()];
            let fast: Vec<_> =
                match_clauses(prose, &candidates).iter().map(|m| (m.prose, m.start, m.end, m.row)).collect();
            prop_assert_eq!(fast, reference_match_clauses(prose, &candidates));
            for name in &names {
                prop_assert_eq!(name_segments(name), reference_name_segments(name));
            }
        }
    }

    #[test]
    fn distinctive_segments_of_names() {
        assert_eq!(name_segments("铁道路安全巡查次数"), vec!["铁道路", "巡查"]);
        assert_eq!(name_segments("应急安全宣传活动场次"), vec!["宣传"]);
        assert_eq!(name_segments("村社区安全生产网格化管理数量"), vec!["村社区", "网格化"]);
        assert_eq!(name_segments("道路维修里程"), vec!["道路维修"]);
        assert!(name_segments("安全生产工作").is_empty());
    }
}
