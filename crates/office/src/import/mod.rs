//! Import of a 自评表 spreadsheet (.xlsx, .xls; WPS saves these): one draft per project sheet,
//! with a record of where every field came from, what was kept in 备注, and what to check.
//!
//! Import never stores anything: the caller shows [`ImportedDraft`] as a preview and creates a
//! new draft from it only when the user agrees.

mod form;
pub(crate) mod hidden;
pub mod labels;
mod workbook;

pub use workbook::{column_letters, MAX_CELLS, MAX_FILE_BYTES, MAX_UNPACKED_BYTES};

use form::FormReading;
pub use jixiao_core::imported::{Import, ImportedDraft, Placed, Warning};
use jixiao_core::model::Draft;
use jixiao_core::parse::{parse_amount, parse_points};

/// Why a file could not be imported. Nothing is changed when this happens.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("这个文件不是电子表格（.xlsx 或 .xls）。请在 Excel/WPS 中另存为 .xlsx 后再导入。")]
    NotSpreadsheet,
    #[error("这个工作簿设置了打开密码，无法读取。请在 Excel/WPS 中取消密码（文件→信息→保护工作簿）后另存再导入。")]
    Password,
    #[error("文件有 {:.1} MB，超过了可导入的 {} MB。自评表通常只有几十 KB，请确认选择的文件。", *bytes as f64 / 1_048_576.0, MAX_FILE_BYTES / 1_048_576)]
    TooLarge { bytes: usize },
    #[error("文件解压后有 {} MB，超过了 {} MB 的上限（可能是损坏或恶意构造的文件），未导入。", unpacked / 1_048_576, MAX_UNPACKED_BYTES / 1_048_576)]
    ZipBomb { unpacked: u64 },
    #[error("工作簿中有内容的单元格超过 {} 万个，不像是一张自评表，未导入。", MAX_CELLS / 10_000)]
    TooManyCells,
    #[error("文件已损坏或格式无法识别：{0}")]
    Unreadable(String),
    #[error("没有找到自评表：在各工作表中查找了这些标签：{looked_for}。请确认文件是项目支出绩效自评表。")]
    NoForm { looked_for: &'static str },
    #[error("{cell} 是公式，但文件中没有保存它的计算结果（文件可能由其他程序生成）。请在 Excel/WPS 中打开并保存一次后再导入。")]
    FormulaWithoutValue { cell: String },
}

/// Reads every 自评表 in the workbook's bytes (and, in a workbook this app exported, the settings
/// the form has no cell for).
pub fn import(bytes: &[u8]) -> Result<Import, ImportError> {
    read(bytes, true)
}

/// Reads only what the visible table says, as from a workbook made by anyone else: what the
/// round-trip tests compare with the saved data.
pub fn import_table_only(bytes: &[u8]) -> Result<Import, ImportError> {
    read(bytes, false)
}

fn read(bytes: &[u8], restore_saved_data: bool) -> Result<Import, ImportError> {
    let grids = workbook::read_workbook(bytes)?;
    let exported = if restore_saved_data { hidden::read(&grids) } else { Vec::new() };
    let mut readings: Vec<FormReading> = Vec::new();
    let mut sheets_without_form = Vec::new();
    for grid in grids.iter().filter(|g| !hidden::is_data_sheet(&g.name)) {
        if form::has_project(grid) {
            readings.push(form::read_form(grid));
        } else if let (true, Some(last)) = (form::has_indicator_header(grid), readings.last_mut()) {
            form::continue_form(grid, last);
        } else {
            sheets_without_form.push(grid.name.clone());
            continue;
        }
        // A formula without its result would be read as an empty cell: refused at the cell.
        if let Some((pos, _)) = grid.cells.iter().find(|(_, c)| c.formula_without_value) {
            return Err(ImportError::FormulaWithoutValue { cell: grid.cell_ref(*pos) });
        }
    }
    if readings.is_empty() {
        return Err(ImportError::NoForm { looked_for: labels::required_labels() });
    }
    // The saved data belongs to the one form an export holds.
    let saved = if readings.len() == 1 { exported.first() } else { None };
    let drafts = readings.into_iter().map(|r| finish(r, saved)).collect();
    Ok(Import { drafts, sheets_without_form })
}

fn finish(mut reading: FormReading, exported: Option<&Draft>) -> ImportedDraft {
    let (profile, profile_reason) = guess_profile(&reading);
    reading.draft.profile = profile.to_string();
    keep_claims(&mut reading);
    let mut restored_from_export = false;
    if let Some(saved) = exported {
        reading.draft = hidden::merge(saved, reading.draft, &mut reading.warnings);
        restored_from_export = true;
    }
    if !reading.leftovers.is_empty() {
        let mut notes = reading.draft.notes.clone();
        if !notes.is_empty() {
            notes.push('\n');
        }
        notes.push_str("导入时表中未能归入字段的内容：");
        for kept in &reading.leftovers {
            notes.push_str(&format!("\n{}：{}", kept.cell, kept.text));
        }
        reading.draft.notes = notes;
    }
    take_tiers_from_scores(&mut reading);
    let evaluation = jixiao_core::evaluate(&reading.draft);
    let differences = compare_claims(&reading, &evaluation);
    reading.warnings.extend(differences);
    ImportedDraft {
        sheets: reading.sheets,
        draft: reading.draft,
        placed: reading.placed,
        kept_in_notes: reading.leftovers,
        skipped: reading.skipped,
        warnings: reading.warnings,
        profile_reason: if restored_from_export {
            "按导出时保存的评分口径".to_string()
        } else {
            profile_reason
        },
        restored_from_export,
    }
}

/// The unit's own 得分, 执行率 and 总分 stay in the draft beside the computed ones (check 18 names
/// every difference). Our own export's scores are the engine's: there the saved draft's (empty)
/// claims win in the merge, which does not take these fields from the table.
fn keep_claims(reading: &mut FormReading) {
    let claims = &reading.claims;
    for (index, _, text) in &claims.row_scores {
        if let Some(indicator) = reading.draft.indicators.get_mut(*index) {
            indicator.claimed_score = text.trim().to_string();
        }
    }
    let text = |claim: &Option<(String, String)>| claim.as_ref().map(|(_, t)| t.trim().to_string()).unwrap_or_default();
    reading.draft.claimed.execution_rate = text(&claims.execution_rate);
    reading.draft.claimed.execution_score = text(&claims.execution_score);
    reading.draft.claimed.total = text(&claims.total_score);
}

/// A 定性 row's 得分 on the sheet says which 档次 the unit gave it (10 of 10 is 达成): read as
/// that tier with that score, and said, since the sheet has no cell for the tier itself.
fn take_tiers_from_scores(reading: &mut FormReading) {
    use jixiao_core::model::Tier;
    let profile =
        jixiao_core::profile::find(&reading.draft.profile).unwrap_or_else(jixiao_core::profile::default_profile);
    let evaluation = jixiao_core::evaluate(&reading.draft);
    for (index, cell, text) in &reading.claims.row_scores {
        let (Some(row), Some(indicator)) =
            (evaluation.indicators.get(*index), reading.draft.indicators.get_mut(*index))
        else {
            continue;
        };
        if !row.is_qualitative() || indicator.tier.is_some() {
            continue;
        }
        let (Ok(Some(score)), Ok(Some(weight))) = (parse_points(text), parse_points(&indicator.weight)) else {
            continue;
        };
        if weight.is_zero() || score > weight {
            continue;
        }
        // The 口径's own bands (the ones the engine scores a tier by).
        let fraction = score / weight;
        let Some(tier) =
            Tier::ALL.into_iter().find(|t| jixiao_core::scoring::tier_band(*t, profile).contains(fraction))
        else {
            continue;
        };
        indicator.tier = Some(tier);
        indicator.tier_score = text.trim().to_string();
        reading.warnings.push(Warning {
            cell: cell.clone(),
            message: format!("定性指标按表中得分{}分定为“{}”档次，请核对", text.trim(), tier.label()),
        });
    }
}

/// The form says which rules it was made for: 执行率 out of 20 (湖北), or 调整后预算数 as the base (四川).
fn guess_profile(reading: &FormReading) -> (&'static str, String) {
    let weight = reading.claims.execution_weight.as_ref().and_then(|(_, t)| parse_points(t).ok().flatten());
    if weight == Some(rust_decimal::Decimal::from(20)) {
        let cell = &reading.claims.execution_weight.as_ref().expect("weight read").0;
        return ("hubei", format!("{cell} 的执行率分值为20分（湖北口径）"));
    }
    if reading.has_adjusted_column {
        return ("sichuan", "表中有“调整后预算数”一栏（四川口径：执行率以调整后预算数为基数）".to_string());
    }
    ("national-2020", "表中执行率分值为10分，按全国通用口径".to_string())
}

/// Figures the sheet states that the engine computes (totals, 执行率, scores): a difference is
/// what a reviewer would find, so it is said at the cell. The comparison is check 18's
/// (`jixiao_core::checks::claimed`), which reports the same differences on the draft itself.
fn compare_claims(reading: &FormReading, evaluation: &jixiao_core::Evaluation) -> Vec<Warning> {
    use jixiao_core::checks::claimed::{claimed_number, differs};
    use jixiao_core::money::{fixed2, percent2};
    let mut out = Vec::new();
    let claims = &reading.claims;
    for (column, cell, text) in &claims.total_funds {
        let claimed = parse_amount(text).ok().flatten();
        if let (Some(claimed), Some(sum)) = (claimed, evaluation.funds.total.get(*column)) {
            if differs(claimed, sum) {
                out.push(Warning {
                    cell: cell.clone(),
                    message: format!(
                        "表中年度资金总额（{}）为{}万元，但三个来源行相加为{}万元：本应用按相加结果计算",
                        column.label(),
                        fixed2(claimed),
                        fixed2(sum)
                    ),
                });
            }
        }
    }
    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
    if let (Some((cell, text)), Some(rate)) = (&claims.execution_rate, evaluation.funds.execution_rate.value()) {
        if claimed_number(text, true).is_some_and(|claimed| differs(claimed, rate * hundred)) {
            out.push(Warning {
                cell: cell.clone(),
                message: format!("表中执行率为{text}，按表中金额计算为{}", percent2(rate)),
            });
        }
    }
    let score_claims =
        claims.execution_score.iter().map(|(c, t)| (c, t, evaluation.funds.execution_score.value(), "执行率得分"));
    let total_claim = claims.total_score.iter().map(|(c, t)| (c, t, evaluation.total.value(), "总分"));
    for (cell, text, computed, what) in score_claims.chain(total_claim) {
        if let (Some(claimed), Some(computed)) = (claimed_number(text, false), computed) {
            if differs(claimed, computed) {
                out.push(Warning {
                    cell: cell.clone(),
                    message: format!("表中{what}为{text}，按评分规则计算为{}", fixed2(computed)),
                });
            }
        }
    }
    for (index, cell, text) in &claims.row_scores {
        let computed = evaluation.indicators.get(*index).and_then(|row| row.score.value());
        if let (Some(claimed), Some(computed)) = (claimed_number(text, false), computed) {
            if differs(claimed, computed) {
                out.push(Warning {
                    cell: cell.clone(),
                    message: format!("表中得分为{text}，按评分规则计算为{}", fixed2(computed)),
                });
            }
        }
    }
    out
}
