#!/usr/bin/env python3
"""Write the spreadsheet fixtures for the 自评表 importer into tests/fixtures/office/.

Each fixture is a 项目支出绩效自评表 laid out the way published sheets are (财预〔2020〕10号 附1 and the
provincial variants), and beside it NAME.expected.json: what the importer should read from it.
Both are written from the same Python data below, so they cannot drift apart.

Re-run after changing anything here:

    python3 tests/office/make_fixtures.py

Needs openpyxl 3.1, xlwt 1.3 and msoffcrypto-tool 6.1 (for password.xlsx). The output is
byte-for-byte reproducible (fixed timestamps in the xlsx zip and document properties; the encryption
of password.xlsx draws its salts and keys from a seeded generator).
"""

from __future__ import annotations

import datetime
import io
import json
import random
import re
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Union
from unittest import mock

import openpyxl
import xlwt
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter as col_letter

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "office"
FIXED_TIME = datetime.datetime(2023, 3, 10, 9, 0, 0)


# ---------------------------------------------------------------------------------------------
# Cell values
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    """A numeric cell with its Excel number format."""

    value: Union[int, float]
    fmt: str = "General"


@dataclass(frozen=True)
class Formula:
    """A formula cell; openpyxl writes it without a cached value."""

    text: str  # "=SUM(C7:C9)"


Value = Union[None, str, int, float, Num, Formula]


def cell_value(v: Value) -> Union[None, str, Num, Formula]:
    """Plain ints and floats become General-formatted numeric cells."""
    if isinstance(v, bool):
        raise TypeError(v)
    if isinstance(v, (int, float)):
        return Num(v)
    return v


def decimal_text(x: Union[int, float, Decimal]) -> str:
    """Shortest decimal text, no exponent, no trailing zeros: 50.0 → "50", 89.974 → "89.974"."""
    d = x if isinstance(x, Decimal) else Decimal(repr(x))
    d = d.normalize()
    text = format(d, "f")
    return "0" if text in ("-0", "") else text


def shown(v: Value, *, money_unit: str = "万元") -> str:
    """The text the importer keeps for a cell (see the brief in tests/office/README.md)."""
    v = cell_value(v)
    if v is None:
        return ""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, Formula):
        raise ValueError("a formula has no shown text")
    if "%" in v.fmt:
        return decimal_text(Decimal(repr(v.value)) * 100) + "%"
    text = decimal_text(v.value)
    return text + "元" if money_unit == "元" else text


def number(v: Value) -> Decimal:
    v = cell_value(v)
    if v is None or isinstance(v, str):
        return Decimal(0)
    return Decimal(repr(v.value))


def round2(d: Decimal) -> Decimal:
    return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------
# The data of one 自评表
# ---------------------------------------------------------------------------------------------


@dataclass
class Indicator:
    level1: str  # "output" | "benefit" | "satisfaction"
    level2: str
    name: str
    target: Value = None
    actual: Value = None
    weight: Value = None
    deviation: str = ""
    score: Value = None  # the 得分 written in the sheet; defaults to the weight
    placeholder: bool = False  # template row: written to the sheet, not expected back

    def sheet_score(self) -> Value:
        return self.weight if self.score is None else self.score


BLANK = "blank row"  # an empty row inside the indicator table
SHEET_BREAK = "sheet break"  # the indicator table continues on the next sheet
Entry = Union[Indicator, str]


@dataclass
class FundRow:
    initial: Value = None
    annual: Value = None
    adjusted: Value = None
    executed: Value = None


@dataclass
class Project:
    sheet: str
    title: str
    year: str
    name: str
    department: str
    unit: str
    funds: dict  # "current_year" | "carried_over" | "other" → FundRow
    goals: tuple  # (预期目标, 实际完成情况)
    indicators: list
    profile: str = "national-2020"
    leader: str = ""
    phone: str = ""
    fill_date: str = ""
    exec_weight: int = 10
    money_unit: str = "万元"
    notes: list = field(default_factory=list)  # non-table text the importer must keep
    total: str | None = None  # the engine's 总分, only where it is certain

    def rows(self) -> list:
        return [e for e in self.indicators if isinstance(e, Indicator)]

    def scored_rows(self) -> list:
        return [i for i in self.rows() if not i.placeholder]

    def fund_total(self, key: str) -> Decimal:
        return sum((number(getattr(r, key)) for r in self.funds.values()), Decimal(0))


def funds(current=(), carried=(), other=()) -> dict:
    return {
        "current_year": FundRow(*current),
        "carried_over": FundRow(*carried),
        "other": FundRow(*other),
    }


def ind(level1, level2, name, target=None, actual=None, weight=None, deviation="", score=None):
    return Indicator(level1, level2, name, target, actual, weight, deviation, score)


def template_row(level1, level2, name) -> Indicator:
    return Indicator(level1, level2, name, placeholder=True)


@dataclass(frozen=True)
class Labels:
    """The label texts of one layout (synonyms, brackets, spaces and line breaks vary between provinces)."""

    name: str = "项目名称"
    department: str = "主管部门"
    unit: str = "实施单位"
    leader: str = "项目负责人"
    phone: str = "联系电话"
    money: str = "项目资金（万元）"
    initial: str = "年初预算数"
    annual: str = "全年预算数"
    adjusted: str | None = None  # 调整后预算数 column (四川), between 全年预算数 and 全年执行数
    executed: str = "全年执行数"
    weight: str = "分值"
    rate: str = "执行率"
    score: str = "得分"
    total_row: str = "年度资金总额"
    current: str = "其中：当年财政拨款"
    carried: str = "上年结转资金"
    other: str = "其他资金"
    goals: str = "年度总体目标"
    expected: str = "预期目标"
    actual: str = "实际完成情况"
    indicators: str = "绩效指标"
    level1: str = "一级指标"
    level2: str = "二级指标"
    level3: str = "三级指标"
    target: str = "年度指标值"
    actual_value: str = "实际完成值"
    reason: str = "偏差原因分析及改进措施"
    total: str = "总分"
    output: str = "产出指标"
    benefit: str = "效益指标"
    satisfaction: str = "满意度指标"

    def level1_label(self, key: str) -> str:
        return {"output": self.output, "benefit": self.benefit, "satisfaction": self.satisfaction}[key]


# ---------------------------------------------------------------------------------------------
# A format-independent sheet, and writers for xlsx (openpyxl) and xls (xlwt)
# ---------------------------------------------------------------------------------------------

# Column widths (characters) of the nine table columns.
TABLE_WIDTHS = [10, 16, 13, 24, 14, 14, 8, 8, 26]


class Grid:
    """Cells (1-based row, column), merges, widths and heights of one sheet."""

    def __init__(self, name: str):
        self.name = name
        self.cells: dict = {}  # (row, col) → (value, style)
        self.covered: dict = {}  # (row, col) inside a merge, not its top-left → style
        self.merges: list = []  # (r1, c1, r2, c2)
        self.widths: dict = {}  # col → characters
        self.heights: dict = {}  # row → points

    def put(self, row: int, col: int, value: Value, style: str = "text") -> None:
        if (row, col) in self.cells or (row, col) in self.covered:
            raise ValueError(f"{self.name}: cell {col_letter(col)}{row} written twice")
        self.cells[(row, col)] = (cell_value(value), style)

    def span(self, r1: int, c1: int, r2: int, c2: int, value: Value, style: str = "text") -> None:
        self.put(r1, c1, value, style)
        if (r1, c1) == (r2, c2):
            return
        self.merges.append((r1, c1, r2, c2))
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    if (r, c) in self.cells or (r, c) in self.covered:
                        raise ValueError(f"{self.name}: merge over {col_letter(c)}{r}")
                    self.covered[(r, c)] = style

    def table_widths(self, left: int) -> None:
        for i, w in enumerate(TABLE_WIDTHS):
            self.widths[left + i] = w


_SIDE = Side(style="thin")
_BOX = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
_FONT = "宋体"
XLSX_STYLES = {
    # style: (font, alignment, border)
    "title": (Font(name=_FONT, size=16, bold=True), Alignment("center", "center", wrap_text=True), None),
    "label": (Font(name=_FONT, size=11, bold=True), Alignment("center", "center", wrap_text=True), _BOX),
    "text": (Font(name=_FONT, size=11), Alignment("left", "center", wrap_text=True), _BOX),
    "num": (Font(name=_FONT, size=11), Alignment("center", "center"), _BOX),
    "plain": (Font(name=_FONT, size=11), Alignment("left", "center"), None),
    "right": (Font(name=_FONT, size=11), Alignment("right", "center"), None),
}


def _style_xlsx(cell, style: str) -> None:
    font, align, border = XLSX_STYLES[style]
    cell.font = font
    cell.alignment = align
    if border is not None:
        cell.border = border


def write_xlsx(grids: list, path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for g in grids:
        ws = wb.create_sheet(g.name)
        for r1, c1, r2, c2 in g.merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        for (r, c), (v, style) in sorted(g.cells.items()):
            cell = ws.cell(row=r, column=c)
            if isinstance(v, Num):
                # openpyxl writes "%.16g" (79.6 → "79.59999999999999", as Excel itself often does);
                # the expected texts assume that text still reads back as the same double.
                if float("%.16g" % v.value) != v.value:
                    raise ValueError(f"{g.name}!{col_letter(c)}{r}: {v.value!r} does not round-trip")
                cell.value = v.value
                cell.number_format = v.fmt
            elif isinstance(v, Formula):
                cell.value = v.text
            elif v is not None:
                if v.startswith("="):
                    raise ValueError(f"text {v!r} would be written as a formula")
                cell.value = v
            _style_xlsx(cell, style)
        for (r, c), style in sorted(g.covered.items()):
            _style_xlsx(ws.cell(row=r, column=c), style)
        for c, w in sorted(g.widths.items()):
            ws.column_dimensions[col_letter(c)].width = w
        for r, h in sorted(g.heights.items()):
            ws.row_dimensions[r].height = h
    save_xlsx(wb, path)


def save_xlsx(wb, path: Path) -> None:
    """Save with fixed timestamps (zip entries and docProps/core.xml), so re-runs give the same bytes."""
    wb.properties.creator = "tests/office/make_fixtures.py"
    wb.properties.created = FIXED_TIME
    raw = io.BytesIO()
    wb.save(raw)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", lambda m: m.group(1) + stamp, data)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    path.write_bytes(out.getvalue())


_XLS_BASE = {
    "title": "font: name 宋体, height 320, bold on; align: horiz center, vert center, wrap on",
    "label": "font: name 宋体, height 220, bold on; align: horiz center, vert center, wrap on; "
    "borders: left thin, right thin, top thin, bottom thin",
    "text": "font: name 宋体, height 220; align: horiz left, vert center, wrap on; "
    "borders: left thin, right thin, top thin, bottom thin",
    "num": "font: name 宋体, height 220; align: horiz center, vert center; "
    "borders: left thin, right thin, top thin, bottom thin",
    "plain": "font: name 宋体, height 220; align: horiz left, vert center",
    "right": "font: name 宋体, height 220; align: horiz right, vert center",
}


def write_xls(grids: list, path: Path) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    styles: dict = {}

    def style(name: str, fmt: str = "General"):
        if (name, fmt) not in styles:
            styles[(name, fmt)] = xlwt.easyxf(_XLS_BASE[name], num_format_str=fmt)
        return styles[(name, fmt)]

    for g in grids:
        ws = book.add_sheet(g.name)
        merge_at = {(m[0], m[1]): m for m in g.merges}
        for (r, c), (v, name) in sorted(g.cells.items()):
            if isinstance(v, Formula):
                raise ValueError("xls fixtures have no formulas")
            value, st = (v.value, style(name, v.fmt)) if isinstance(v, Num) else (v, style(name))
            if (r, c) in merge_at:
                r1, c1, r2, c2 = merge_at[(r, c)]
                ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, value, st)
            else:
                ws.write(r - 1, c - 1, value, st)
        for c, w in sorted(g.widths.items()):
            ws.col(c - 1).width = 256 * w
        for r, h in sorted(g.heights.items()):
            row = ws.row(r - 1)
            row.height_mismatch = True
            row.height = int(h * 20)
    book.save(str(path))


# ---------------------------------------------------------------------------------------------
# Drawing the form (shared by all layouts)
# ---------------------------------------------------------------------------------------------


def draw_title(g: Grid, row: int, left: int, text: str) -> None:
    g.span(row, left, row, left + 8, text, "title")
    g.heights[row] = 45 if "\n" in text else 30


def draw_form(g: Grid, p: Project, lab: Labels, top: int, left: int, *,
              leader_row: bool = False, formulas: bool = False) -> dict:
    """Draw the 自评表 (without its title) with its top-left cell at (top, left).

    Indicators after a SHEET_BREAK are not drawn; the returned dict has them under "rest", the row
    after the table under "next_row" and the 年度资金总额 row under "total_row".
    """
    col = [left + i for i in range(9)]
    r = top
    g.span(r, col[0], r, col[1], lab.name, "label")
    g.span(r, col[2], r, col[8], p.name)
    r += 1
    g.span(r, col[0], r, col[1], lab.department, "label")
    g.span(r, col[2], r, col[4], p.department)
    g.span(r, col[5], r, col[6], lab.unit, "label")
    g.span(r, col[7], r, col[8], p.unit)
    r += 1
    if leader_row:
        g.span(r, col[0], r, col[1], lab.leader, "label")
        g.span(r, col[2], r, col[4], p.leader)
        g.span(r, col[5], r, col[6], lab.phone, "label")
        g.span(r, col[7], r, col[8], p.phone)
        r += 1

    # 项目资金: header row, 年度资金总额, then the three source rows.
    money_cols = [("initial", lab.initial), ("annual", lab.annual)]
    if lab.adjusted:
        money_cols.append(("adjusted", lab.adjusted))
    money_cols.append(("executed", lab.executed))
    at = {key: col[2 + i] for i, (key, _) in enumerate(money_cols)}
    c_weight = col[2 + len(money_cols)]
    c_rate, c_score = c_weight + 1, c_weight + 2
    head = r
    g.span(head, col[0], head + 4, col[0], lab.money, "label")
    g.put(head, col[1], None, "label")
    for key, text in money_cols:
        g.put(head, at[key], text, "label")
    g.put(head, c_weight, lab.weight, "label")
    g.put(head, c_rate, lab.rate, "label")
    g.span(head, c_score, head, col[8], lab.score, "label")
    g.heights[head] = 30

    base_key = "adjusted" if lab.adjusted else "annual"
    base, executed = p.fund_total(base_key), p.fund_total("executed")
    exec_score = min(round2(executed * p.exec_weight / base), Decimal(p.exec_weight))
    total_row = head + 1
    g.put(total_row, col[1], lab.total_row, "label")
    for key, _ in money_cols:
        c = col_letter(at[key])
        value = Formula(f"=SUM({c}{total_row + 1}:{c}{total_row + 3})") if formulas else Num(
            float(p.fund_total(key)), money_format(p, key))
        g.put(total_row, at[key], value, "num")
    g.put(total_row, c_weight, p.exec_weight, "num")
    rate = (Formula(f"={col_letter(at['executed'])}{total_row}/{col_letter(at[base_key])}{total_row}")
            if formulas else Num(float(executed / base), "0.00%"))
    g.put(total_row, c_rate, rate, "num")
    g.span(total_row, c_score, total_row, col[8], Num(float(exec_score), "0.00"), "num")

    sources = [("current_year", lab.current), ("carried_over", lab.carried), ("other", lab.other)]
    for i, (source, text) in enumerate(sources):
        rr = total_row + 1 + i
        g.put(rr, col[1], text, "label")
        for key, _ in money_cols:
            value = cell_value(getattr(p.funds[source], key))
            g.put(rr, at[key], value, "num")
        g.put(rr, c_weight, "—", "num")
        g.put(rr, c_rate, None, "num")
        g.span(rr, c_score, rr, col[8], "—", "num")
    r = total_row + 4

    # 年度总体目标: label over two rows; header cells, then the two texts.
    g.span(r, col[0], r + 1, col[0], lab.goals, "label")
    g.span(r, col[1], r, col[4], lab.expected, "label")
    g.span(r, col[5], r, col[8], lab.actual, "label")
    g.span(r + 1, col[1], r + 1, col[4], p.goals[0])
    g.span(r + 1, col[5], r + 1, col[8], p.goals[1])
    g.heights[r + 1] = 90
    r += 2

    entries = list(p.indicators)
    rest: list = []
    if SHEET_BREAK in entries:
        cut = entries.index(SHEET_BREAK)
        entries, rest = entries[:cut], entries[cut + 1:]
    next_row = draw_indicators(g, p, lab, entries, r, left, with_total=not rest)
    return {"next_row": next_row, "rest": rest, "total_row": total_row,
            "first_money_cell": f"{col_letter(at['initial'])}{total_row}"}


def money_format(p: Project, key: str) -> str:
    """The number format the sheet uses for its money cells (taken from the 当年财政拨款 row)."""
    v = cell_value(getattr(p.funds["current_year"], key))
    return v.fmt if isinstance(v, Num) else "General"


def draw_indicators(g: Grid, p: Project, lab: Labels, entries: list, top: int, left: int, *,
                    with_total: bool) -> int:
    """Draw the indicator header, the rows (merging 一级/二级 cells) and, if asked, the 总分 row."""
    col = [left + i for i in range(9)]
    headers = [lab.level1, lab.level2, lab.level3, lab.target, lab.actual_value, lab.weight, lab.score,
               lab.reason]
    for i, text in enumerate(headers):
        g.put(top, col[1 + i], text, "label")
    g.heights[top] = 30
    first = top + 1
    last = top + len(entries)
    g.span(top, col[0], last, col[0], lab.indicators, "label")

    # 一级指标: one merged cell per run of rows; a blank row belongs to the run it sits in.
    level1_of = []
    for e in entries:
        level1_of.append(e.level1 if isinstance(e, Indicator) else level1_of[-1])
    for start, end in runs(level1_of):
        g.span(first + start, col[1], first + end, col[1], lab.level1_label(level1_of[start]), "label")

    # 二级指标: one merged cell per run of rows with the same text; blank rows and empty texts break runs.
    level2_of = [(e.level1, e.level2) if isinstance(e, Indicator) and e.level2 else None for e in entries]
    for start, end in runs(level2_of):
        key = level2_of[start]
        g.span(first + start, col[2], first + end, col[2], key[1] if key else None, "label")

    for i, e in enumerate(entries):
        r = first + i
        if isinstance(e, Indicator):
            g.put(r, col[3], e.name)
            g.put(r, col[4], e.target, "num")
            g.put(r, col[5], e.actual, "num")
            g.put(r, col[6], e.weight, "num")
            g.put(r, col[7], None if e.placeholder else e.sheet_score(), "num")
            g.put(r, col[8], e.deviation)
        else:
            for c in col[3:]:
                g.put(r, c, None)
    r = last + 1
    if with_total:
        g.span(r, col[0], r, col[5], lab.total, "label")
        weights = Decimal(p.exec_weight) + sum((number(i.weight) for i in p.scored_rows()), Decimal(0))
        scores = sum((number(i.sheet_score()) for i in p.scored_rows()), Decimal(0))
        base_key = "adjusted" if lab.adjusted else "annual"
        scores += min(round2(p.fund_total("executed") * p.exec_weight / p.fund_total(base_key)),
                      Decimal(p.exec_weight))
        g.put(r, col[6], Num(float(weights)), "num")
        g.put(r, col[7], Num(float(scores), "0.00"), "num")
        g.put(r, col[8], None)
        r += 1
    return r


def runs(keys: list) -> list:
    """(start, end) index pairs of runs of equal keys; a None key is a run of its own."""
    out, start = [], 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] is None or keys[i] != keys[start]:
            out.append((start, i - 1))
            start = i
    return out


def draw_continuation(g: Grid, p: Project, lab: Labels, entries: list, top: int, left: int) -> int:
    """A continuation sheet: only the indicator header and the remaining rows (and the 总分 row)."""
    return draw_indicators(g, p, lab, entries, top, left, with_total=True)


# ---------------------------------------------------------------------------------------------
# Expected results
# ---------------------------------------------------------------------------------------------


def expected_draft(p: Project) -> dict:
    def money(v):
        return shown(v, money_unit=p.money_unit)

    draft = {
        "sheet": p.sheet,
        "profile": p.profile,
        "project": {
            "name": p.name.strip(),
            "department": p.department.strip(),
            "implementing_unit": p.unit.strip(),
            "year": p.year,
            "leader": p.leader,
            "phone": p.phone,
            "fill_date": p.fill_date,
        },
        "funds": {
            source: {
                "initial_budget": money(row.initial),
                "annual_budget": money(row.annual),
                "adjusted_budget": money(row.adjusted),
                "executed": money(row.executed),
                "received": "",
            }
            for source, row in p.funds.items()
        },
        "goals": {"expected": p.goals[0].strip(), "actual": p.goals[1].strip()},
        "indicators": [
            {
                "level1": i.level1,
                "level2": i.level2,
                "name": i.name.strip(),
                "target": shown(i.target),
                "actual": shown(i.actual),
                "weight": shown(i.weight),
                "deviation": i.deviation.strip(),
            }
            for i in p.scored_rows()
        ],
        "kept_in_notes": list(p.notes),
    }
    if p.total is not None:
        draft["total"] = p.total
    return draft


def write_expected(name: str, drafts: list, error: str | None = None, cell: str | None = None) -> None:
    doc = {"drafts": [expected_draft(p) for p in drafts], "error": error}
    if cell is not None:
        doc["cell"] = cell
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    (OUT / f"{name}.expected.json").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------------------------

EMERGENCY = Project(
    sheet="Sheet1",
    title="项目支出绩效自评表（2022年度）",
    year="2022",
    name="2022年应急管理项目",
    department="重庆高新区应急管理局",
    unit="西永街道办事处",
    leader="李明",
    phone="023-65801234",
    funds=funds(current=(50, 50, None, 49.8)),
    goals=(
        "开展辖区安全生产监管、防汛抗旱和森林防火工作，全年组织应急演练不少于9次，做好应急物资储备，"
        "提升群众安全意识，全年不发生较大及以上安全事故。",
        "全年开展应急演练12次，应急物资储备完好率98%，完成9个村社区安全生产网格化管理，群众安全意识明显提升，"
        "未发生较大及以上安全事故。",
    ),
    indicators=[
        ind("output", "数量指标", "应急演练次数", "≥9次", "12次", 15,
            "年中根据防汛形势增加专项演练3次，下一年度将按实际需要合理设定指标值。"),
        ind("output", "数量指标", "安全生产网格化管理村社区数量", "≥9个", "9个", 5),
        ind("output", "质量指标", "应急物资储备完好率", "≥95%", "98%", 10),
        ind("output", "时效指标", "项目完成时间", "2022年12月31日前", "按时完成", 10),
        ind("output", "成本指标", "项目成本控制", "≤50万元", "49.8万元", 10),
        ind("benefit", "社会效益指标", "群众安全意识", "有效提升", "明显提升", 15),
        ind("benefit", "社会效益指标", "较大及以上安全事故发生起数", "0起", "0起", 15),
        ind("satisfaction", "服务对象满意度指标", "服务对象满意度", "≥90%", "95%", 10),
    ],
)

ROADS = Project(
    sheet="自评表",
    title="项目支出绩效自评表\n（2022年度）",
    year="2022",
    name="2022年农村公路养护项目",
    department="永川区交通局",
    unit="永川区农村公路养护中心",
    funds=funds(current=(100, 132.912, None, 89.974), carried=(None, 20.4586, None, 20.4586), other=(0, 0, None, 0)),
    goals=(
        "完成全区320公里农村公路日常养护，实施路面修补12000平方米，优良路率达到80%以上，保障农村群众安全便捷出行。",
        "完成农村公路日常养护326.5公里，实施路面修补9860平方米，优良路率83.6%，农村群众出行条件明显改善。",
    ),
    indicators=[
        ind("output", "数量指标", "养护农村公路里程", "≥320公里", "326.5公里", 15),
        ind("output", "数量指标", "实施路面修补面积", "≥12000平方米", "9860平方米", 10,
            "受雨季影响，部分修补工程顺延至次年实施；下一步将合理安排施工计划，加快工程进度。", score=8.22),
        ind("output", "质量指标", "养护路段优良路率", "≥80%", "83.6%", 10),
        ind("output", "时效指标", "养护任务完成及时率", "100%", "100%", 5),
        ind("output", "成本指标", "每公里养护成本", "≤4200元", "4080元", 10),
        ind("benefit", "社会效益指标", "农村群众出行条件", "持续改善", "明显改善", 15),
        ind("benefit", "可持续影响指标", "农村公路管养长效机制", "健全", "已健全", 15),
        ind("satisfaction", "服务对象满意度指标", "沿线群众满意度", "≥90%", " 92% ", 10),
    ],
)

SANITATION = Project(
    sheet="自评表",
    title="2022年度项目支出绩效自评表",
    year="2022",
    profile="sichuan",
    name="2022年城乡环境综合治理专项资金",
    department="南充市顺庆区住房和城乡建设局",
    unit="顺庆区城乡环境综合治理工作办公室",
    funds=funds(current=(120, 120, 110, 108.5), carried=(None, 15, 15, 15)),
    goals=(
        "集中整治背街小巷40条，建设垃圾分类示范小区10个，城区生活垃圾无害化处理率达到98%以上，城乡环境面貌明显改善。",
        "完成背街小巷整治42条，建成垃圾分类示范小区10个，城区生活垃圾无害化处理率99.2%，城乡环境面貌明显改善。",
    ),
    indicators=[
        ind("output", "数量指标", "集中整治背街小巷数量", "≥40条", "42条", 15),
        ind("output", "数量指标", "垃圾分类示范小区建设数量", "≥10个", "10个", 10),
        ind("output", "质量指标", "整治工程验收合格率", "100%", "100%", 10),
        ind("output", "时效指标", "整治任务完成时间", "2022年11月30日前", "2022年11月25日完成", 5),
        ind("output", "成本指标", "整治工程单位成本", "≤2.5万元/条", "2.46万元/条", 10),
        ind("benefit", "生态效益指标", "城区生活垃圾无害化处理率", "≥98%", "99.2%", 15),
        ind("benefit", "社会效益指标", "城乡环境面貌", "明显改善", "明显改善", 15),
        ind("satisfaction", "服务对象满意度指标", "群众满意度", "≥85%", "91%", 10),
    ],
)

WATER = Project(
    sheet="Sheet1",
    title="项目支出绩效自评表（2022年度）",
    year="2022",
    profile="hubei",
    exec_weight=20,
    name="2022年农村饮水安全工程维修养护项目",
    department="通城县水利和湖泊局",
    unit="通城县农村饮水安全管理站",
    funds=funds(current=(80, 85, None, 85), other=(None, 5, None, 4.2)),
    goals=(
        "维修养护农村供水工程35处，更换老化管网18公里，农村集中供水率达到90%以上，保障4.2万农村人口饮水安全。",
        "完成维修养护农村供水工程36处，更换老化管网18.5公里，农村集中供水率91.5%，受益人口4.3万人。",
    ),
    indicators=[
        ind("output", "数量指标", "维修养护农村供水工程处数", "≥35处", "36处", 12),
        ind("output", "数量指标", "更换老化供水管网长度", "≥18公里", "18.5公里", 8),
        ind("output", "质量指标", "维修养护工程验收合格率", "100%", "100%", 8),
        ind("output", "时效指标", "维修养护任务完成时限", "2022年10月底前", "2022年10月完成", 6),
        ind("output", "成本指标", "单处工程平均维修成本", "≤2.4万元", "2.36万元", 6),
        ind("benefit", "社会效益指标", "农村集中供水率", "≥90%", "91.5%", 10),
        ind("benefit", "社会效益指标", "受益人口", "≥4.2万人", "4.3万人", 10),
        ind("benefit", "可持续影响指标", "工程良性运行管护机制", "持续运行", "持续运行", 10),
        ind("satisfaction", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", 10),
    ],
)

ELDERLY = Project(
    sheet="Sheet1",
    title="2022年度项目支出绩效自评表",
    year="2022",
    money_unit="元",
    name="2022年社区养老服务中心运营补助项目",
    department="沙坪坝区民政局",
    unit="覃家岗街道办事处",
    fill_date="2023年3月10日",
    notes=["填表人：张三", "联系电话：023-65881234"],
    funds=funds(current=(500000, 500000, None, 498000)),
    goals=(
        "保障社区养老服务中心正常运营，全年为老年人提供助餐、助浴、日间照料等服务不少于6000人次，提升社区居家养老服务水平。",
        "全年提供助餐、助浴、日间照料、康复护理4类服务6420人次，未发生服务安全事故，社区居家养老服务水平有效提升。",
    ),
    indicators=[
        ind("output", "数量指标", "服务老年人人次", "≥6000人次", "6420人次", 15),
        ind("output", "数量指标", "开展助餐助浴等服务项目", "≥4项", "4项", 10),
        ind("output", "质量指标", "服务安全事故发生次数", "0次", "0次", 10),
        ind("output", "时效指标", "补助资金拨付时间", "2022年6月底前", "2022年6月20日拨付", 5),
        ind("output", "成本指标", "运营补助资金", "≤50万元", "49.8万元", 10),
        ind("benefit", "社会效益指标", "社区居家养老服务水平", "有效提升", "有效提升", 20),
        ind("benefit", "可持续影响指标", "养老服务中心持续运营", "持续运营", "正常运营", 10),
        ind("satisfaction", "服务对象满意度指标", "服务老年人满意度", "≥90%", "96%", 10),
    ],
)

CANTEENS = Project(
    sheet="自评表",
    title="项目支出绩效自评表（2022年度）",
    year="2022",
    name="2022年中小学食堂改造项目",
    department="江津区教育委员会",
    unit="江津区教育后勤服务中心",
    funds=funds(current=(260, 260, None, 251.36), carried=(None, 40, None, 40)),
    goals=(
        "在秋季开学前完成12所中小学食堂改造，新增厨房设备150台套，改善1.5万名学生就餐条件。",
        "8月底前完成12所学校食堂改造并通过验收，新增厨房设备163台套，1.56万名学生就餐环境明显改善。",
    ),
    indicators=[
        ind("output", "数量指标", "改造学校食堂数量", "≥12所", "12所", 10),
        ind("output", "数量指标", "新增厨房设备台套", "≥150台套", "163台套", 5),
        BLANK,
        ind("output", "质量指标", "改造工程验收合格率", "100%", "100%", 10),
        ind("output", "质量指标", "食品安全量化等级A级食堂占比", "≥80%", "83%", 5),
        ind("output", "时效指标", "改造工程完工时间", "2022年8月31日前", "2022年8月25日完工", 10),
        SHEET_BREAK,
        ind("output", "成本指标", "单所食堂改造平均成本", "≤25万元", "24.3万元", 10),
        ind("benefit", "社会效益指标", "受益学生人数", "≥1.5万人", "1.56万人", 15),
        ind("benefit", "社会效益指标", "学校食堂就餐环境", "明显改善", "明显改善", 10),
        ind("benefit", "可持续影响指标", "食堂设备使用年限", "≥8年", "8年", 5),
        ind("satisfaction", "服务对象满意度指标", "师生满意度", "≥90%", "94%", 10),
    ],
)

RIVERS = Project(
    sheet="河道保洁",
    title="项目支出绩效自评表（2022年度）",
    year="2022",
    name="2022年河道保洁项目",
    department="北碚区水利局",
    unit="北碚区河道管理所",
    funds=funds(current=(60, 60, None, 58.2)),
    goals=(
        "对辖区85公里河道实施常态化保洁，河面漂浮物清理达标率95%以上，改善河道水环境。",
        "全年完成85公里河道常态化保洁，河面漂浮物清理达标率97%，河道水质持续改善。",
    ),
    indicators=[
        ind("output", "数量指标", "保洁河道长度", "≥85公里", "85公里", 20),
        ind("output", "质量指标", "河面漂浮物清理达标率", "≥95%", "97%", 10),
        ind("output", "时效指标", "垃圾清运及时率", "≥95%", "98%", 10),
        ind("output", "成本指标", "保洁经费", "≤60万元", "58.2万元", 10),
        ind("benefit", "生态效益指标", "河道水质", "持续改善", "持续改善", 20),
        ind("benefit", "社会效益指标", "河道垃圾投诉件数", "≤10件", "6件", 10),
        ind("satisfaction", "服务对象满意度指标", "沿河居民满意度", "≥90%", "92%", 10),
    ],
)

GREENING = Project(
    sheet="绿化养护",
    title="项目支出绩效自评表（2022年度）",
    year="2022",
    name="2022年城区绿化养护项目",
    department="大渡口区城市管理局",
    unit="大渡口区园林绿化所",
    funds=funds(current=(120, 120, None, 118.65), carried=(None, 8.5, None, 8.5)),
    goals=(
        "养护城区绿地180万平方米，补植乔灌木3000株，绿地养护达标率95%以上，城区绿化覆盖率不低于42%。",
        "养护城区绿地182万平方米，补植乔灌木2750株，绿地养护达标率96%，城区绿化覆盖率42.3%。",
    ),
    indicators=[
        ind("output", "数量指标", "养护绿地面积", "≥180万平方米", "182万平方米", 15),
        ind("output", "数量指标", "补植乔灌木株数", "≥3000株", "2750株", 10,
            "部分补植点位因市政管网施工暂缓，已列入2023年补植计划。", score=9.17),
        ind("output", "质量指标", "绿地养护达标率", "≥95%", "96%", 10),
        ind("output", "时效指标", "病虫害发现处置时间", "≤48小时", "24小时", 5),
        ind("output", "成本指标", "每平方米养护成本", "≤0.66元", "0.65元", 10),
        ind("benefit", "生态效益指标", "城区绿化覆盖率", "≥42%", "42.3%", 15),
        ind("benefit", "社会效益指标", "市民休闲环境", "进一步改善", "明显改善", 15),
        ind("satisfaction", "服务对象满意度指标", "市民满意度", "≥90%", "91%", 10),
    ],
)

LIBRARY = Project(
    sheet="图书购置",
    title="项目支出绩效自评表（2022年度）",
    year="2022",
    money_unit="元",
    name="2022年公共图书馆图书购置项目",
    department="铜梁区文化和旅游发展委员会",
    unit="铜梁区图书馆",
    funds=funds(current=(300000, 300000, None, 300000)),
    goals=(
        "新购图书5000册以上，图书验收合格率98%以上，开展阅读推广活动3场，图书借阅人次增长10%以上。",
        "新购图书5200册，验收合格率99%，开展阅读推广活动3场，图书借阅人次增长12%。",
    ),
    # Every target has an explicit ≥/≤ and is met, and 执行率 is 100 %: the total is certain.
    total="100.00",
    indicators=[
        ind("output", "数量指标", "新购图书册数", "≥5000册", "5200册", 20),
        ind("output", "质量指标", "图书验收合格率", "≥98%", "99%", 10),
        ind("output", "时效指标", "图书采购周期", "≤6个月", "5个月", 10),
        ind("output", "成本指标", "图书购置经费", "≤30万元", "30万元", 10),
        ind("benefit", "社会效益指标", "图书借阅人次增长率", "≥10%", "12%", 15),
        ind("benefit", "社会效益指标", "阅读推广活动场次", "≥3场", "3场", 15),
        ind("satisfaction", "服务对象满意度指标", "读者满意度", "≥90%", "93%", 10),
    ],
)

FOOD = Project(
    sheet="Sheet1",
    title="项目支出绩效自评表（2022年度）",
    year="2022",
    name="2022年食品安全监督抽检项目",
    department="九龙坡区市场监督管理局",
    unit="九龙坡区市场监督管理局",
    funds=funds(current=(Num(80, "0.00"), Num(80, "0.00"), None, Num(79.6, "0.00"))),
    goals=(
        "全年完成食品安全监督抽检1600批次，抽检结果按时公布，不合格食品全部核查处置。",
        "全年完成食品安全监督抽检1652批次，样品检验合格率98%，不合格食品核查处置率100%。",
    ),
    indicators=[
        ind("output", "数量指标", "食品安全监督抽检批次", "≥1600批次", "1652批次", 15),
        ind("output", "质量指标", "抽检样品检验合格率", Num(0.95, "0%"), Num(0.98, "0.00%"), 15),
        ind("output", "时效指标", "抽检结果公布及时率", Num(1, "0%"), Num(1, "0.00%"), 10),
        ind("output", "成本指标", "单批次抽检成本", "≤500元", "482元", 10),
        ind("benefit", "社会效益指标", "不合格食品核查处置率", Num(1, "0%"), Num(1, "0.00%"), 15),
        ind("benefit", "社会效益指标", "食品安全群众知晓率", Num(0.85, "0%"), Num(0.883, "0.00%"), 15),
        ind("satisfaction", "服务对象满意度指标", "群众满意度", Num(0.9, "0%"), Num(0.95, "0.00%"), 10),
    ],
)

FARMING = Project(
    sheet="Sheet1",
    title="项目支出绩效自评表（2022年度）",
    year="2022",
    name="2022年农业技术推广项目",
    department="潼南区农业农村委员会",
    unit="潼南区农业技术推广站",
    notes=["备注：本表数据经审计核实"],
    funds=funds(current=(35, 35, None, 34.2)),
    goals=(
        "推广农业新技术5项以上，开展技术培训，培训合格率90%以上，带动农户应用新技术。",
        "推广水稻机插秧、测土配方施肥等新技术6项，培训农户1200人次，培训合格率96%。",
    ),
    indicators=[
        ind("output", "数量指标", "推广农业新技术项数", "≥5项", "6项", 15),
        template_row("output", "数量指标", "指标1"),
        ind("output", "质量指标", "技术培训合格率", "≥90%", "96%", 15),
        template_row("output", "质量指标", "指标2"),
        ind("output", "时效指标", "项目完成时间", "2022年11月底前", "2022年11月完成", 10),
        ind("output", "成本指标", "培训人均成本", "≤300元", "285元", 10),
        template_row("output", "", "……"),
        template_row("benefit", "经济效益指标", ""),
        ind("benefit", "社会效益指标", "农户技术应用覆盖率", "≥60%", "65%", 15),
        ind("benefit", "可持续影响指标", "技术推广长效机制", "逐步建立", "已建立", 15),
        ind("satisfaction", "服务对象满意度指标", "参训农户满意度", "≥90%", "94%", 10),
    ],
)


def check_weights(p: Project) -> None:
    """Weights sum to 100 with 执行率 (the layouts are realistic, not broken)."""
    total = Decimal(p.exec_weight) + sum((number(i.weight) for i in p.scored_rows()), Decimal(0))
    assert total == 100, (p.name, total)


# ---------------------------------------------------------------------------------------------
# One function per fixture
# ---------------------------------------------------------------------------------------------


def national_grid(p: Project, *, formulas: bool = False) -> tuple:
    """The national layout (财预〔2020〕10号 附1) at A1: title row, then the table."""
    g = Grid(p.sheet)
    g.table_widths(1)
    draw_title(g, 1, 1, p.title)
    where = draw_form(g, p, Labels(), 2, 1, leader_row=bool(p.leader), formulas=formulas)
    return g, where


def national_xlsx() -> None:
    g, _ = national_grid(EMERGENCY)
    write_xlsx([g], OUT / "national.xlsx")
    write_expected("national.xlsx", [EMERGENCY])


def national_xls() -> None:
    g, _ = national_grid(EMERGENCY)
    write_xls([g], OUT / "national.xls")
    write_expected("national.xls", [EMERGENCY])


def ab_columns() -> None:
    lab = Labels(annual="全年预算数（A）", executed="全年执行数（B）", rate="执行率（B/A）",
                 target="年度指标值（A）", actual_value="实际完成值（B）", reason="未完成原因及拟采取的改进措施")
    g = Grid(ROADS.sheet)
    g.table_widths(1)
    draw_title(g, 1, 1, ROADS.title)
    draw_form(g, ROADS, lab, 2, 1)
    write_xlsx([g], OUT / "ab-columns.xlsx")
    write_expected("ab-columns.xlsx", [ROADS])


def adjusted() -> None:
    lab = Labels(name="专项资金名称", unit="项目实施单位", initial="年初\n预算数", annual="全年\n预算数",
                 adjusted="调整后\n预算数", executed="全年\n执行数")
    g = Grid(SANITATION.sheet)
    g.table_widths(1)
    draw_title(g, 1, 1, SANITATION.title)
    draw_form(g, SANITATION, lab, 2, 1)
    write_xlsx([g], OUT / "adjusted.xlsx")
    write_expected("adjusted.xlsx", [SANITATION])


def twenty_points() -> None:
    lab = Labels(name="项 目 名 称", department="县级主管部门", weight="权重", rate="预算执行率",
                 current="其中：本年财政拨款", target="年初目标值", actual_value="全年实际值",
                 reason="未完成原因和改进措施", output="产出指标（40分）", benefit="效益指标（30分）",
                 satisfaction="满意度指标（10分）")
    g = Grid(WATER.sheet)
    g.table_widths(1)
    draw_title(g, 1, 1, WATER.title)
    draw_form(g, WATER, lab, 2, 1)
    write_xlsx([g], OUT / "twenty-points.xlsx")
    write_expected("twenty-points.xlsx", [WATER])


def offset_title() -> None:
    """Table at C5 under 附件2 and the title, 单位：元 above it, signature cells below it."""
    left, top = 3, 5
    g = Grid(ELDERLY.sheet)
    g.table_widths(left)
    g.widths[1] = g.widths[2] = 4
    g.put(1, left, "附件2", "plain")
    draw_title(g, 2, left, ELDERLY.title)
    g.put(4, left + 8, "单位：元", "right")
    where = draw_form(g, ELDERLY, Labels(money="项目资金"), top, left)
    sign = where["next_row"] + 1
    g.put(sign, left, "填表人：张三", "plain")
    g.put(sign, left + 3, "联系电话：023-65881234", "plain")
    g.put(sign, left + 6, "填报日期：2023年3月10日", "plain")
    write_xlsx([g], OUT / "offset-title.xlsx")
    write_expected("offset-title.xlsx", [ELDERLY])


def continued() -> None:
    """Sheet 1 holds the form with a blank indicator row; the indicators continue on sheet 2."""
    first = Grid(CANTEENS.sheet)
    first.table_widths(1)
    draw_title(first, 1, 1, CANTEENS.title)
    where = draw_form(first, CANTEENS, Labels(), 2, 1)
    second = Grid("自评表（续）")
    second.table_widths(1)
    draw_continuation(second, CANTEENS, Labels(), where["rest"], 1, 1)
    write_xlsx([first, second], OUT / "continued.xlsx")
    write_expected("continued.xlsx", [CANTEENS])


def several() -> None:
    """Three projects, one sheet each, with different label synonyms."""
    layouts = [
        (RIVERS, Labels()),
        (GREENING, Labels(name="资金名称", initial="年初预算", annual="全年预算数(A)", executed="全年执行数(B)",
                          rate="执行率(B/A)", weight="权重", target="指标值", actual_value="全年完成值",
                          reason="原因")),
        (LIBRARY, Labels(money="项目资金（元）", annual="预算数", executed="实际支出", actual_value="实际完成")),
    ]
    grids = []
    for p, lab in layouts:
        g = Grid(p.sheet)
        g.table_widths(1)
        draw_title(g, 1, 1, p.title)
        draw_form(g, p, lab, 2, 1)
        grids.append(g)
    write_xlsx(grids, OUT / "several.xlsx")
    write_expected("several.xlsx", [p for p, _ in layouts])


def percent_format() -> None:
    g, _ = national_grid(FOOD)
    write_xlsx([g], OUT / "percent-format.xlsx")
    write_expected("percent-format.xlsx", [FOOD])


def formula_no_cache() -> None:
    """年度资金总额 (=SUM) and 执行率 (=E/D) are formulas without cached values: refused."""
    g, where = national_grid(EMERGENCY, formulas=True)
    write_xlsx([g], OUT / "formula-no-cache.xlsx")
    write_expected("formula-no-cache.xlsx", [], error="formula-without-value",
                   cell=f"{EMERGENCY.sheet}!{where['first_money_cell']}")


def placeholders() -> None:
    """Template rows to skip (指标1, ……, an empty 经济效益指标 row) and a note beside the table."""
    g, _ = national_grid(FARMING)
    g.widths[11] = 28
    g.put(3, 11, FARMING.notes[0], "plain")
    write_xlsx([g], OUT / "placeholders.xlsx")
    write_expected("placeholders.xlsx", [FARMING])


def no_table() -> None:
    """A 工资表: a spreadsheet, but no 自评表 in it."""
    g = Grid("工资表")
    for c, w in enumerate([6, 10, 14, 12, 12, 12, 12], start=1):
        g.widths[c] = w
    g.span(1, 1, 1, 7, "2023年3月工资表", "title")
    header = ["序号", "姓名", "部门", "基本工资", "绩效工资", "扣款", "应发合计"]
    people = [
        ("王芳", "综合办公室", 4200, 1800, 312.5),
        ("刘洋", "财务科", 4500, 2000, 340),
        ("陈静", "业务一科", 3900, 1650, 298.75),
        ("赵磊", "业务二科", 4100, 1700, 305),
        ("周婷", "综合办公室", 3800, 1600, 290),
    ]
    for c, text in enumerate(header, start=1):
        g.put(2, c, text, "label")
    for i, (name, dept, base, bonus, cut) in enumerate(people):
        r = 3 + i
        g.put(r, 1, i + 1, "num")
        g.put(r, 2, name)
        g.put(r, 3, dept)
        g.put(r, 4, Num(base, "0.00"), "num")
        g.put(r, 5, Num(bonus, "0.00"), "num")
        g.put(r, 6, Num(cut, "0.00"), "num")
        g.put(r, 7, Num(round(base + bonus - cut, 2), "0.00"), "num")
    write_xlsx([g], OUT / "no-table.xlsx")
    write_expected("no-table.xlsx", [], error="no-table")


def not_a_spreadsheet() -> None:
    text = "项目支出绩效自评表\n这不是电子表格文件，只是一个扩展名为 .xlsx 的文本文件。\n"
    (OUT / "not-a-spreadsheet.xlsx").write_text(text, encoding="utf-8")
    write_expected("not-a-spreadsheet.xlsx", [], error="not-a-spreadsheet")


PASSWORD = "jixiao2023"
# The zip bomb's worksheet: this much whitespace inside <sheetData>, deflated to about 1/1000.
BOMB_PADDING = 250 * 1024 * 1024
BOMB_LIMIT = 200 * 1000 * 1000  # what the importer refuses: parts declaring more than 200 MB in all


def password() -> None:
    """national.xlsx encrypted with a password (ECMA-376 agile encryption, AES-256, as Excel 2010+
    writes it): an OLE compound file holding EncryptionInfo and EncryptedPackage, no zip at all."""
    try:
        import msoffcrypto
        import msoffcrypto.method.container.ecma376_encrypted as container
        import msoffcrypto.method.ecma376_agile as agile
        import olefile
    except ImportError:
        raise SystemExit("password.xlsx needs msoffcrypto-tool: pip install msoffcrypto-tool==6.1.0") from None
    g, _ = national_grid(EMERGENCY)
    path = OUT / "password.xlsx"
    write_xlsx([g], path)
    plain = path.read_bytes()

    # msoffcrypto draws salts and keys from secrets.token_bytes and stamps the OLE directory with
    # datetime.now(): both are fixed here so that re-runs give the same bytes.
    rng = random.Random(20230310)

    class FixedDatetime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return FIXED_TIME

    out = io.BytesIO()
    with mock.patch.object(agile, "_random_buffer", lambda size: rng.randbytes(size)), \
            mock.patch.object(container, "datetime", FixedDatetime):
        msoffcrypto.OfficeFile(io.BytesIO(plain)).encrypt(PASSWORD, out)
    encrypted = out.getvalue()

    # Sanity: an OLE file, not a zip, that the password opens back to the workbook.
    assert olefile.isOleFile(io.BytesIO(encrypted)) and not zipfile.is_zipfile(io.BytesIO(encrypted))
    office = msoffcrypto.OfficeFile(io.BytesIO(encrypted))
    assert office.is_encrypted()
    office.load_key(password=PASSWORD)
    back = io.BytesIO()
    office.decrypt(back)
    assert back.getvalue() == plain
    path.write_bytes(encrypted)
    write_expected("password.xlsx", [], error="password")


def zip_bomb() -> None:
    """national.xlsx with 250 MiB of whitespace inside the worksheet's <sheetData>: still a valid
    workbook, about 260 KB on disk, but its parts declare more than 200 MB uncompressed."""
    g, _ = national_grid(EMERGENCY)
    path = OUT / "zip-bomb.xlsx"
    write_xlsx([g], path)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(entry, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            chunk = b" " * (1024 * 1024)  # spaces deflate best (about 1 : 1030); 1 MiB at a time
            assert BOMB_PADDING % len(chunk) == 0
            with dst.open(entry, "w") as f:
                f.write(head + b"<sheetData>")
                for _ in range(BOMB_PADDING // len(chunk)):
                    f.write(chunk)
                f.write(tail)
    bomb = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(bomb)) as z:
        declared = sum(i.file_size for i in z.infolist())
    assert declared > BOMB_LIMIT and len(bomb) < 1_000_000, (declared, len(bomb))
    path.write_bytes(bomb)
    write_expected("zip-bomb.xlsx", [], error="zip-bomb")


FIXTURES = [
    national_xlsx,
    ab_columns,
    adjusted,
    twenty_points,
    offset_title,
    continued,
    several,
    national_xls,
    percent_format,
    formula_no_cache,
    placeholders,
    no_table,
    not_a_spreadsheet,
    password,
    zip_bomb,
]


def main() -> None:
    for p in [EMERGENCY, ROADS, SANITATION, WATER, ELDERLY, CANTEENS, RIVERS, GREENING, LIBRARY, FOOD, FARMING]:
        check_weights(p)
    OUT.mkdir(parents=True, exist_ok=True)
    for make in FIXTURES:
        make()
    print(f"wrote {len(list(OUT.iterdir()))} files to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
