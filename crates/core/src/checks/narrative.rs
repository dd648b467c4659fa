//! The prose against the table (check 13), 存在问题/改进措施 (check 15) and empty report sections.

use super::*;
use crate::text::same_text;

/// Bigrams that say nothing about which indicator a sentence is about.
#[rustfmt::skip]
const GENERIC_BIGRAMS: &[[char; 2]] = &[
    ['安', '全'], ['应', '急'], ['工', '作'], ['开', '展'], ['完', '成'], ['数', '量'], ['次', '数'], ['场', '次'],
    ['本', '年'], ['年', '度'], ['活', '动'], ['情', '况'], ['项', '目'], ['管', '理'], ['实', '际'], ['进', '行'],
    ['全', '年'], ['建', '设'], ['提', '升'], ['服', '务'], ['群', '众'], ['指', '标'], ['比', '例'], ['人', '数'],
    ['个', '数'], ['户', '数'], ['率', '达'], ['生', '产'],
];

/// The distinctive character pairs of an indicator name (Han only, generic pairs dropped).
/// The low bits of an index entry: the candidate (names beyond 4 million rows are not matched).
const CANDIDATE_MASK: u64 = (1 << 22) - 1;

/// A character pair in the high 42 bits of an index entry (a char fits in 21 bits).
fn pair_key((a, b): (char, char)) -> u64 {
    ((a as u64) << 43) | ((b as u64) << 22)
}

fn keyword_bigrams(name: &str) -> Vec<(char, char)> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    for c in name.chars().filter(|c| crate::units::is_han(*c)) {
        if let Some(p) = previous.filter(|&p| !GENERIC_BIGRAMS.contains(&[p, c])) {
            out.push((p, c));
        }
        previous = Some(c);
    }
    out.sort_unstable();
    out.dedup();
    out
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
    let han: String = name.chars().filter(|c| crate::units::is_han(*c)).collect();
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut rest = han.as_str();
    // The generic words by their first character, sorted: a character of a name is looked up
    // once, and only the few words starting with it are compared.
    static BY_FIRST: std::sync::OnceLock<Vec<(char, &'static str)>> = std::sync::OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut words: Vec<(char, &'static str)> =
            GENERIC_WORDS.iter().filter_map(|w| Some((w.chars().next()?, *w))).collect();
        words.sort_unstable();
        words
    });
    while let Some(c) = rest.chars().next() {
        let from = by_first.partition_point(|(f, _)| *f < c);
        let generic = by_first[from..]
            .iter()
            .take_while(|(f, _)| *f == c)
            .map(|(_, w)| *w)
            .filter(|w| crate::text::starts_with_bytes(rest.as_bytes(), w.as_bytes()))
            .max_by_key(|w| w.len());
        match generic {
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
fn match_clauses(prose: [&str; 2], candidates: &[(usize, &str)]) -> Vec<ClauseMatch> {
    let names: Vec<&str> = candidates.iter().map(|(_, name)| *name).collect();
    let mut found = Vec::new();
    // Keyword pair → the candidates whose name has it (an index, so that each clause is read
    // once however many indicators there are).
    // Each entry is one u64 (pair in the high 42 bits, candidate in the low 22), so that the
    // index sorts as plain integers: sorting tuples cost more than the matching itself.
    let mut by_pair: Vec<u64> = names
        .iter()
        .enumerate()
        .flat_map(|(k, name)| keyword_bigrams(name).into_iter().map(move |pair| pair_key(pair) | k as u64))
        .collect();
    if by_pair.is_empty() {
        return found;
    }
    by_pair.sort_unstable();
    // A clause can only be about an indicator whose distinctive segments it names; the first
    // segment of each is looked up in the prose once (a fast substring scan), and only the
    // clauses found that way are read pair by pair below.
    let segments: Vec<Vec<String>> = names.iter().map(|name| name_segments(name)).collect();
    let mut first_segments: Vec<&str> = segments.iter().filter_map(|segs| segs.first()).map(String::as_str).collect();
    first_segments.sort_unstable();
    first_segments.dedup();
    let mut shared = vec![0usize; names.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut pairs: Vec<(char, char)> = Vec::new();
    for (p, text) in prose.into_iter().enumerate() {
        let mut named_at: Vec<usize> =
            first_segments.iter().flat_map(|first| text.match_indices(*first).map(|(at, _)| at)).collect();
        if named_at.is_empty() {
            continue;
        }
        named_at.sort_unstable();
        for clause in clauses(text) {
            // Byte range of the clause inside `text` (clauses are slices of it).
            let start = clause.as_ptr() as usize - text.as_ptr() as usize;
            let first_after = named_at.partition_point(|&at| at < start);
            if named_at.get(first_after).is_none_or(|&at| at >= start + clause.len()) {
                continue;
            }
            // Only a clause with a figure can disagree with the table.
            if !clause.chars().any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch)) {
                continue;
            }
            // The indicator this clause talks about: most shared keywords, unique.
            pairs.clear();
            pairs.extend(clause.chars().zip(clause.chars().skip(1)));
            pairs.sort_unstable();
            pairs.dedup();
            for &k in &touched {
                shared[k] = 0;
            }
            touched.clear();
            for pair in &pairs {
                let key = pair_key(*pair);
                let from = by_pair.partition_point(|&entry| entry < key);
                for k in by_pair[from..]
                    .iter()
                    .take_while(|&&entry| entry & !CANDIDATE_MASK == key)
                    .map(|&e| (e & CANDIDATE_MASK) as usize)
                {
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
            let segments = &segments[k];
            if segments.is_empty() || !segments.iter().all(|seg| clause.contains(seg.as_str())) {
                continue;
            }
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
    use super::name_segments;

    #[test]
    fn distinctive_segments_of_names() {
        assert_eq!(name_segments("铁道路安全巡查次数"), vec!["铁道路", "巡查"]);
        assert_eq!(name_segments("应急安全宣传活动场次"), vec!["宣传"]);
        assert_eq!(name_segments("村社区安全生产网格化管理数量"), vec!["村社区", "网格化"]);
        assert_eq!(name_segments("道路维修里程"), vec!["道路维修"]);
        assert!(name_segments("安全生产工作").is_empty());
    }
}
