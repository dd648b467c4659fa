//! The 绩效目标申报表 export read back with calamine: its cells, numbers, formula and merged cells.

use calamine::{open_workbook_from_rs, Data, Dimensions, Range, Reader, Xlsx};
use jixiao_core::model::{ChildRow, Draft};
use jixiao_office::targets_xlsx::export;
use jixiao_office::xlsx::ExportDate;
use std::io::Cursor;

const DATE: ExportDate = ExportDate { year: 2023, month: 3, day: 31 };

struct Sheet {
    values: Range<Data>,
    formulas: Range<String>,
    merges: Vec<Dimensions>,
}

impl Sheet {
    fn read(draft: &Draft) -> Sheet {
        let bytes = export(draft, &jixiao_core::evaluate(draft), DATE).expect("exports");
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("calamine reads it");
        assert_eq!(book.sheet_names(), ["绩效目标申报表"]);
        let values = book.worksheet_range("绩效目标申报表").unwrap();
        let formulas = book.worksheet_formula("绩效目标申报表").unwrap();
        let merges = book.merge_cells_by_sheet_name("绩效目标申报表").unwrap();
        Sheet { values, formulas, merges }
    }

    fn at(&self, row: u32, col: u32) -> &Data {
        self.values.get_value((row, col)).unwrap_or(&Data::Empty)
    }

    fn text(&self, row: u32, col: u32) -> String {
        match self.at(row, col) {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => panic!("({row}, {col}) is {other:?}, not text"),
        }
    }

    /// The row whose column `col` says `text`.
    fn row_of(&self, col: u32, text: &str) -> u32 {
        (0..self.values.height() as u32)
            .find(|&r| matches!(self.at(r, col), Data::String(s) if s == text))
            .unwrap_or_else(|| panic!("{text} in column {col}"))
    }

    fn merged(&self, (row, col): (u32, u32), (last_row, last_col): (u32, u32)) -> bool {
        self.merges.iter().any(|m| m.start == (row, col) && m.end == (last_row, last_col))
    }

    fn all_text(&self) -> String {
        self.values.used_cells().map(|(_, _, v)| v.to_string()).collect::<Vec<_>>().join("|")
    }
}

#[test]
fn the_example_as_a_target_form() {
    let draft = jixiao_core::example_draft();
    let sheet = Sheet::read(&draft);
    assert_eq!(sheet.text(0, 0), "项目支出绩效目标申报表（2022年度）");
    assert!(sheet.merged((0, 0), (1, 4)), "the title over two rows");
    assert_eq!((sheet.text(2, 0), sheet.text(2, 1)), ("项目名称".into(), "应急管理项目".into()));
    assert_eq!([sheet.text(3, 0), sheet.text(3, 1), sheet.text(3, 3)], ["主管部门", "高新区财政局", "实施单位"]);
    assert_eq!([sheet.text(4, 0), sheet.text(4, 3)], ["项目负责人", "联系电话"]);

    // 年度资金总额: a formula whose saved result is the engine's; the sources as numbers.
    let total = sheet.row_of(1, "年度资金总额");
    assert!(sheet.merged((total, 0), (total + 3, 0)), "项目资金（万元） over its four rows");
    assert!(sheet.formulas.get_value((total, 3)).is_some_and(|f| f.contains("SUM(D7:D9)")));
    assert_eq!(sheet.at(total, 3), &Data::Float(50.0));
    assert_eq!(sheet.text(total + 1, 1), "其中：财政拨款");
    assert_eq!(sheet.at(total + 1, 3), &Data::Float(50.0));
    assert_eq!([sheet.text(total + 2, 1), sheet.text(total + 3, 1)], ["上年结转", "其他资金"]);
    assert_eq!((sheet.at(total + 2, 3), sheet.at(total + 3, 3)), (&Data::Empty, &Data::Empty));

    let goal = sheet.row_of(0, "年度总体目标");
    assert_eq!(sheet.text(goal, 1), draft.goals.expected.trim());

    // The indicator table: 一级 and 二级 merged as on the 自评表, every target as typed.
    let head = sheet.row_of(1, "一级指标");
    assert_eq!([sheet.text(head, 2), sheet.text(head, 3), sheet.text(head, 4)], ["二级指标", "三级指标", "指标值"]);
    assert!(sheet.merged((head, 0), (head + draft.indicators.len() as u32, 0)), "绩效指标 over the table");
    assert_eq!(sheet.text(head + 1, 1), "产出指标");
    assert!(sheet.merged((head + 1, 1), (head + 8, 1)), "产出指标 over its 8 rows");
    assert!(sheet.merged((head + 1, 2), (head + 5, 2)), "数量指标 over its 5 rows");
    for ind in &draft.indicators {
        let row = sheet.row_of(3, ind.name.trim());
        assert_eq!(sheet.text(row, 4), ind.target.trim(), "{}", ind.name);
    }
    assert_eq!(sheet.values.height() as u32, head + 1 + draft.indicators.len() as u32, "nothing under the table");
    let all = sheet.all_text();
    for absent in ["实际完成值", "得分", "总分", "偏差", &draft.indicators[0].actual] {
        assert!(!all.contains(absent), "{absent} is not on a target form");
    }
}

#[test]
fn next_years_draft_has_blank_money_and_its_detail_rows() {
    let mut this_year = jixiao_core::example_draft();
    this_year.indicators[0].children = vec![
        ChildRow { name: "水稻".into(), target: "12亩".into(), actual: "12亩".into() },
        ChildRow { name: "玉米".into(), target: "17.5亩".into(), actual: "17.5亩".into() },
    ];
    let (next, _) = jixiao_core::next_year::next_year(&this_year, &jixiao_core::evaluate(&this_year));
    let sheet = Sheet::read(&next);
    assert_eq!(sheet.text(0, 0), "项目支出绩效目标申报表（2023年度）");
    let total = sheet.row_of(1, "年度资金总额");
    for row in total..total + 4 {
        assert!(matches!(sheet.at(row, 3), Data::Empty) || sheet.at(row, 3) == &Data::String(String::new()));
    }
    let first = sheet.row_of(3, "其中：水稻");
    assert_eq!(sheet.text(first, 4), "12亩");
    assert_eq!((sheet.text(first + 1, 3), sheet.text(first + 1, 4)), ("玉米".into(), "17.5亩".into()));
    // The 数量指标 cell covers the indicator and its two detail rows.
    assert!(sheet.merged((first - 1, 2), (first + 5, 2)));
}

#[test]
fn typed_text_in_a_money_cell_is_kept_and_not_summed() {
    let mut draft = jixiao_core::example_draft();
    draft.funds.carried_over.annual_budget = "五万".into();
    draft.funds.other.annual_budget = "3.5".into();
    let sheet = Sheet::read(&draft);
    let total = sheet.row_of(1, "年度资金总额");
    assert_eq!(sheet.at(total, 3), &Data::Float(53.5), "the engine's sum of what it can read");
    assert_eq!(sheet.text(total + 2, 3), "五万");
    assert_eq!(sheet.at(total + 3, 3), &Data::Float(3.5));
}
