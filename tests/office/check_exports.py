#!/usr/bin/env python3
"""Check the app's Office exports (`jixiao xlsx`, `jixiao docx`) with openpyxl, LibreOffice and pdftotext.

    python3 tests/office/check_exports.py [path/to/jixiao] [--keep]

The binary defaults to target/debug/jixiao (build it with `cargo build -p jixiao-cli`). Exit 0 when
every check passes, 1 when any fails (each failure is printed), 2 when a tool is missing.

What is checked (see tests/office/README.md):

1. The example draft (`jixiao example`) and a generated 100-indicator draft are exported to .xlsx.
2. openpyxl reads each back: sheet names and states, merged ranges (title, 项目资金 label over 5 rows,
   年度总体目标 over 2 rows, 绩效指标 label, 一级指标 runs, 总分 label), number formats of money (0.00##),
   percent (0.00%) and score (0.00) cells, formulas in 年度资金总额 / 执行率 / 执行率得分 / each row's
   执行率 / the 总分 row, and (data_only) the cached results against `jixiao check --json`.
3. LibreOffice recalculates every workbook (a fresh profile with OOXMLRecalcMode = 0, "always") and
   every formula cell's result is compared with the cached one. Proof that it does recalculate: a copy
   whose cached results are overwritten with a wrong number comes back with the engine's values, and a
   copy in which openpyxl changed 全年执行数 of 当年财政拨款 comes back with the 执行率 / 执行率得分 / 总分
   that the engine computes for the same change. `jixiao import` refuses the openpyxl copy (formulas
   without results, exit 1, naming a cell) and reads the LibreOffice copy with the changed figure.
4. When `jixiao docx` exists: the exported .docx (example, and the example with the changed figure) is
   converted to PDF by LibreOffice and `pdftotext -layout` must show the report's headings (the lines
   of `jixiao report` that are not indented paragraphs), the project name, 总分 with the engine's
   total, and every indicator name; the indicator names must also be cells of a table in the .docx.

5. When `jixiao targets` exists: the 项目支出绩效目标申报表 of the example, the 100-indicator draft and the
   example's next year (`jixiao next-year`, no money) as .xlsx and PDF. openpyxl: one sheet `绩效目标申报表`,
   the title with the year merged over A1:E2, `项目资金（万元）` over 4 rows, 年度资金总额 a formula whose cached
   result is the engine's sum of 全年预算数 (empty when no source has one), the sources' 全年预算数 as numbers in
   0.00##, the 年度总体目标, every indicator's 三级指标 beside its 指标值 as typed, each 一级指标 merged over its
   rows, and no actuals or scores; LibreOffice recalculates it to the same results; `pdftotext` finds the
   title, the year and every 指标值 in the PDF.

Needs: Python 3.11, openpyxl 3.1, LibreOffice (soffice, Calc and Writer), pdftotext (poppler-utils).
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter as col_letter
from openpyxl.utils.cell import range_boundaries

ROOT = Path(__file__).resolve().parents[2]
DATE = "2023-03-31"
SHEET = "自评表"
TARGETS_SHEET = "绩效目标申报表"
DATA_SHEET = "jixiao-data"
TOLERANCE = 1e-9
MONEY_FORMAT, PERCENT_FORMAT, SCORE_FORMAT = "0.00##", "0.00%", "0.00"
LEVEL1_LABELS = {"output": "产出指标", "benefit": "效益指标", "satisfaction": "满意度指标"}
SOURCES = ["current_year", "carried_over", "other"]
# The changed figure: 全年执行数 of 当年财政拨款 in the example (50 → 41.3).
CHANGED_EXECUTED = "41.3"
# What the tampered copy's cached results are overwritten with.
WRONG_CACHE = "987654321"


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failures: list[str] = []
        self.skipped: list[str] = []

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        if ok:
            self.passed += 1
        else:
            message = what + (f": {detail}" if detail else "")
            self.failures.append(message)
            print(f"FAIL {message}")
        return ok

    def section(self, title: str) -> None:
        print(f"-- {title}")


class Missing(Exception):
    """A tool the checks need is not there (exit 2)."""


# ---------------------------------------------------------------------------------------------
# Running things
# ---------------------------------------------------------------------------------------------


def run(cmd: list, *, timeout: float = 120, check: bool = False) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    return proc


class Jixiao:
    def __init__(self, binary: Path) -> None:
        self.binary = binary

    def __call__(self, *args, check: bool = True) -> subprocess.CompletedProcess:
        return run([self.binary, *args], check=check)

    def has_command(self, name: str) -> bool:
        return run([self.binary, name, "--help"]).returncode == 0

    def evaluate(self, draft: Path) -> dict:
        """`jixiao check --json`: exit 0 (no errors) or 1 (errors) both print the evaluation."""
        proc = self("check", "--json", draft, check=False)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"jixiao check --json {draft} exited {proc.returncode}: {proc.stderr}")
        return json.loads(proc.stdout)[0]


class LibreOffice:
    """soffice with its own profile in which formulas are always recalculated on load."""

    def __init__(self, tmp: Path) -> None:
        self.soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not self.soffice:
            raise Missing("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui "
                          "libreoffice-writer-nogui")
        self.profile = tmp / "lo-profile"
        user = self.profile / "user"
        user.mkdir(parents=True)
        # 0 = always recalculate (1 = never, 2 = ask); the default for xlsx is "never", which keeps
        # the cached results: a conversion would then prove nothing.
        (user / "registrymodifications.xcu").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
            '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
            '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
            '<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
            "</oor:items>\n",
            encoding="utf-8",
        )
        self.runs = 0
        self.seconds = 0.0

    def convert(self, files: list, fmt: str, outdir: Path) -> list:
        """Convert several files in one start; returns the output paths (all must exist)."""
        names = [f.stem for f in files]
        if len(set(names)) != len(names):
            raise ValueError(f"file names must differ: {names}")
        outdir.mkdir(parents=True, exist_ok=True)
        start = time.monotonic()
        proc = run([self.soffice, f"-env:UserInstallation={self.profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", fmt, "--outdir", outdir, *files], timeout=300)
        self.runs += 1
        self.seconds += time.monotonic() - start
        ext = fmt.split(":")[0]
        outs = [outdir / f"{f.stem}.{ext}" for f in files]
        missing = [o.name for o in outs if not o.exists()]
        if missing:
            raise RuntimeError(f"LibreOffice did not write {missing} (exit {proc.returncode}):\n"
                               f"{proc.stdout}{proc.stderr}")
        return outs


# ---------------------------------------------------------------------------------------------
# Drafts
# ---------------------------------------------------------------------------------------------

# 100 indicators: (一级, 二级, count); 90 points as 0.9 each, with 执行率's 10 exactly 100.
BIG_PLAN = [
    ("output", "数量指标", 20), ("output", "质量指标", 15), ("output", "时效指标", 10), ("output", "成本指标", 15),
    ("benefit", "经济效益指标", 7), ("benefit", "社会效益指标", 8), ("benefit", "生态效益指标", 8),
    ("benefit", "可持续影响指标", 7),
    ("satisfaction", "服务对象满意度指标", 10),
]


def big_draft(example: dict) -> dict:
    """The example with 100 quantitative indicators (every third one not met) and uneven money."""
    doc = copy.deepcopy(example)
    data = doc["data"]
    template = data["indicators"][0]
    rows = []
    n = 0
    for level1, level2, count in BIG_PLAN:
        for _ in range(count):
            n += 1
            miss = n % 3 == 0
            topic = level2.removesuffix("指标")
            if level2 in ("数量指标", "经济效益指标"):
                t = 10 + 7 * n
                a = int(t * 0.83) if miss else t
                name, target, actual = f"{topic}考核指标{n}项目个数", f"≥{t}个", f"{a}个"
            elif level2 in ("质量指标", "生态效益指标", "服务对象满意度指标"):
                t = 80 + n % 15
                a = t - 7.5 if miss else t + 2
                name, target, actual = f"{topic}考核指标{n}达标率", f"{t}%", f"{a}%"
            elif level2 == "时效指标":
                t = 5 + n % 20
                a = t + 3 if miss else t - 1
                name, target, actual = f"考核指标{n}完成时间", f"≤{t}天", f"{a}天"
            elif level2 == "成本指标":
                t = 100 + 13 * n
                a = round(t * 1.07, 2) if miss else t - 5
                name, target, actual = f"考核指标{n}单位成本", f"≤{t}元", f"{a}元"
            else:
                t = 50 + n
                a = t - 9 if miss else t + 1
                name, target, actual = f"{topic}考核指标{n}覆盖率", f"≥{t}%", f"{a}%"
            row = copy.deepcopy(template)
            row.update(id=n, level1=level1, level2=level2, name=name, target=target, actual=actual, weight="0.9",
                       deviation="受客观因素影响未完成，下一步加强调度。" if miss else "")
            rows.append(row)
    assert n == 100 and sum(Decimal(r["weight"]) for r in rows) + 10 == 100  # 执行率 is worth 10
    data["indicators"] = rows
    funds = data["funds"]
    funds["current_year"].update(initial_budget="1200", annual_budget="1234.5678", executed="1000.1234",
                                 received="1234.5678")
    funds["carried_over"].update(annual_budget="56.78", executed="50.5", received="56.78")
    funds["other"].update(annual_budget="10", executed="9.99", received="10")
    return doc


def changed_draft(example: dict) -> dict:
    doc = copy.deepcopy(example)
    doc["data"]["funds"]["current_year"]["executed"] = CHANGED_EXECUTED
    return doc


def write_json(doc: dict, path: Path) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# The exported sheet
# ---------------------------------------------------------------------------------------------


def text(v) -> str:
    return "" if v is None else str(v).strip()


def find_cells(ws, pred) -> list:
    return [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and pred(c.value.strip())]


def find_one(ws, label: str, pred=None):
    cells = find_cells(ws, pred or (lambda v: v == label))
    if len(cells) != 1:
        raise LayoutError(f"label {label!r} found {len(cells)} times")
    return cells[0]


class LayoutError(Exception):
    pass


class Layout:
    """Where things are on the exported 自评表, found by their labels."""

    def __init__(self, ws) -> None:
        money = find_one(ws, "项目资金（万元）", lambda v: v.startswith("项目资金"))
        self.left = money.column
        self.head = money.row
        header = {text(ws.cell(self.head, c).value): c for c in range(self.left, ws.max_column + 1)}
        try:
            self.money_cols = {"initial_budget": header["年初预算数"], "annual_budget": header["全年预算数"],
                               "executed": header["全年执行数"]}
            if "调整后预算数" in header:
                self.money_cols["adjusted_budget"] = header["调整后预算数"]
            self.exec_weight_col, self.rate_col, self.exec_score_col = header["分值"], header["执行率"], header["得分"]
        except KeyError as e:
            raise LayoutError(f"项目资金 header row {self.head} has no {e}: {sorted(header)}") from None
        self.total_row = find_one(ws, "年度资金总额").row
        self.source_rows = [self.total_row + 1 + i for i in range(3)]
        self.goals = find_one(ws, "年度总体目标")
        level1 = find_one(ws, "一级指标")
        self.ind_head = level1.row
        ind_header = {text(ws.cell(self.ind_head, c).value): c for c in range(self.left, ws.max_column + 1)}
        self.level1_col = level1.column
        self.name_col = ind_header["三级指标"]
        self.weight_col, self.score_col = ind_header["分值"], ind_header["得分"]
        self.total_label = find_one(ws, "总分")
        self.sum_row = self.total_label.row
        # Under each run of one 一级指标 a 小计 row (its label merged from the 一级指标 column).
        body = range(self.ind_head + 1, self.sum_row)
        self.subtotal_rows = [r for r in body if text(ws.cell(r, self.level1_col).value).startswith("小计")]
        self.ind_rows = [r for r in body if r not in self.subtotal_rows]
        self.subtotal_labels = {r: text(ws.cell(r, self.level1_col).value).removeprefix("小计（").removesuffix("）")
                                for r in self.subtotal_rows}

    def cell(self, row: int, col: int) -> str:
        return f"{col_letter(col)}{row}"


def merged(ws) -> dict:
    """Top-left coordinate → (min_col, min_row, max_col, max_row) of every merged range."""
    out = {}
    for r in ws.merged_cells.ranges:
        b = range_boundaries(str(r))
        out[f"{col_letter(b[0])}{b[1]}"] = b
    return out


def as_number(v):
    return float(Decimal(v)) if isinstance(v, str) else v


def same(a, b) -> bool:
    """Cell results: numbers within TOLERANCE, an empty string equals an empty cell."""
    a = "" if a is None else a
    b = "" if b is None else b
    num = (int, float)
    if isinstance(a, num) and isinstance(b, num) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(a - b) <= TOLERANCE
    return a == b


def engine_values(ev: dict, lay: Layout) -> dict:
    """Cell → the value the engine gives it (for the formula cells and the score cells)."""
    e = ev["evaluation"]
    funds = e["funds"]
    out = {}
    for key, col in lay.money_cols.items():
        total = funds["total"].get(key)
        out[lay.cell(lay.total_row, col)] = as_number(total) if total is not None else 0
    rate = funds["execution_rate"]
    out[lay.cell(lay.total_row, lay.rate_col)] = as_number(rate["value"]) if "value" in rate else ""
    score = funds["execution_score"]
    out[lay.cell(lay.total_row, lay.exec_score_col)] = as_number(score["value"]) if "value" in score else ""
    for r, row in zip(lay.source_rows, funds["rows"]):
        rate = row["execution_rate"]
        out[lay.cell(r, lay.rate_col)] = as_number(rate["value"]) if "value" in rate else ""
    for r, ind in zip(lay.ind_rows, e["indicators"]):
        out[lay.cell(r, lay.score_col)] = as_number(ind["score"]["value"]) if "value" in ind["score"] else ""
    subtotals = {LEVEL1_LABELS[st["level1"]]: st for st in e["subtotals"]}
    for r in lay.subtotal_rows:
        label = lay.subtotal_labels[r]
        st = subtotals[label]
        out[lay.cell(r, lay.weight_col)] = as_number(st["weight"])
        out[lay.cell(r, lay.score_col)] = as_number(st["score"]["value"]) if "value" in st["score"] else ""
    out[lay.cell(lay.sum_row, lay.weight_col)] = as_number(e["total_weight"])
    total = e["total"]
    out[lay.cell(lay.sum_row, lay.score_col)] = as_number(total["value"]) if "value" in total else ""
    return out


def formula_cells(path: Path) -> dict:
    """(sheet, cell) → formula text of every formula cell in the workbook."""
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith("=")}


def results(path: Path, cells) -> dict:
    """(sheet, cell) → cached result, read with data_only=True."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return {(s, c): wb[s][c].value for s, c in cells}


def check_xlsx(rep: Report, name: str, path: Path, draft: dict, ev: dict) -> Layout | None:
    """Structure, formats, formulas and cached values of one exported workbook."""
    rep.section(f"{name}: {path.name} read with openpyxl")
    data = draft["data"]
    wb = openpyxl.load_workbook(path)
    rep.check(wb.sheetnames == [SHEET, DATA_SHEET], f"{name}: sheet names", f"{wb.sheetnames}")
    if SHEET not in wb.sheetnames:
        return None
    if DATA_SHEET in wb.sheetnames:
        rep.check(wb[DATA_SHEET].sheet_state == "veryHidden", f"{name}: {DATA_SHEET} is very hidden",
                  wb[DATA_SHEET].sheet_state)
    rep.check(wb[SHEET].sheet_state == "visible", f"{name}: {SHEET} is visible", wb[SHEET].sheet_state)
    ws = wb[SHEET]
    try:
        lay = Layout(ws)
    except (LayoutError, KeyError) as e:
        rep.check(False, f"{name}: layout of {SHEET}", str(e))
        return None
    cached_ws = openpyxl.load_workbook(path, data_only=True)[SHEET]
    merges = merged(ws)
    last_col = lay.left + 8

    # Merged ranges.
    def expect_merge(cell: str, bounds: tuple, what: str) -> None:
        got = merges.get(cell)
        want = f"{cell}:{col_letter(bounds[2])}{bounds[3]}"
        shown = f"{col_letter(got[0])}{got[1]}:{col_letter(got[2])}{got[3]}" if got else "not merged"
        rep.check(got == bounds, f"{name}: {what} merged as {want}", shown)

    title = ws.cell(1, lay.left)
    rep.check("绩效自评表" in text(title.value), f"{name}: title in {title.coordinate}", repr(title.value))
    expect_merge(title.coordinate, (lay.left, 1, last_col, 1), "title")
    expect_merge(lay.cell(lay.head, lay.left), (lay.left, lay.head, lay.left, lay.head + 4), "项目资金（万元） label")
    g = lay.goals
    expect_merge(g.coordinate, (g.column, g.row, g.column, g.row + 1), "年度总体目标 label")
    expect_merge(lay.cell(lay.ind_head, lay.left), (lay.left, lay.ind_head, lay.left, lay.sum_row - 1),
                 "绩效指标 label")
    t = lay.total_label
    expect_merge(t.coordinate, (t.column, t.row, lay.weight_col - 1, t.row), "总分 label")

    # The indicator rows, and the 一级指标 cells merged over their runs.
    indicators = data["indicators"]
    rep.check(len(lay.ind_rows) == len(indicators), f"{name}: {len(indicators)} indicator rows",
              f"{len(lay.ind_rows)} rows between 一级指标 and 总分")
    names = [text(ws.cell(r, lay.name_col).value) for r in lay.ind_rows]
    rep.check(names == [i["name"] for i in indicators], f"{name}: indicator names in column "
              f"{col_letter(lay.name_col)}", f"{names[:3]}…")
    start = 0
    while start < len(indicators):
        end = start
        while end + 1 < len(indicators) and indicators[end + 1]["level1"] == indicators[start]["level1"]:
            end += 1
        r1, r2 = lay.ind_rows[start], lay.ind_rows[end]
        label = LEVEL1_LABELS[indicators[start]["level1"]]
        # Its 小计 row follows the run.
        rep.check(r2 + 1 in lay.subtotal_rows and lay.subtotal_labels[r2 + 1] == label,
                  f"{name}: 小计（{label}） under row {r2}", repr(ws.cell(r2 + 1, lay.level1_col).value))
        cell = lay.cell(r1, lay.level1_col)
        rep.check(text(ws[cell].value) == label, f"{name}: {cell} says {label}", repr(ws[cell].value))
        if r2 > r1:
            expect_merge(cell, (lay.level1_col, r1, lay.level1_col, r2), f"一级指标 {label}")
        else:
            rep.check(cell not in merges, f"{name}: {cell} ({label}, one row) not merged")
        start = end + 1

    # Number formats.
    formats = []
    for r in [lay.total_row, *lay.source_rows]:
        formats += [(lay.cell(r, c), MONEY_FORMAT) for c in lay.money_cols.values()]
        formats.append((lay.cell(r, lay.rate_col), PERCENT_FORMAT))
    formats += [(lay.cell(lay.total_row, lay.exec_weight_col), SCORE_FORMAT),
                (lay.cell(lay.total_row, lay.exec_score_col), SCORE_FORMAT)]
    for r in [*lay.ind_rows, *lay.subtotal_rows, lay.sum_row]:
        formats += [(lay.cell(r, lay.weight_col), SCORE_FORMAT), (lay.cell(r, lay.score_col), SCORE_FORMAT)]
    wrong = [f"{c} {ws[c].number_format!r} (want {f!r})" for c, f in formats if ws[c].number_format != f]
    rep.check(not wrong, f"{name}: number formats of {len(formats)} money/percent/score cells", "; ".join(wrong[:8]))

    # Formulas where the form computes something.
    want_formulas = {lay.cell(lay.total_row, c): "SUM(" for c in lay.money_cols.values()}
    want_formulas[lay.cell(lay.total_row, lay.rate_col)] = "/"
    want_formulas[lay.cell(lay.total_row, lay.exec_score_col)] = "ROUND("
    for r in lay.source_rows:
        want_formulas[lay.cell(r, lay.rate_col)] = "/"
    for r in lay.subtotal_rows:
        want_formulas[lay.cell(r, lay.weight_col)] = "SUM("
        want_formulas[lay.cell(r, lay.score_col)] = "SUM("
    # 总分 adds the 执行率 row and the 小计 rows.
    adds = "+".join([lay.cell(lay.total_row, lay.exec_weight_col)] + [lay.cell(r, lay.weight_col) for r in lay.subtotal_rows])
    want_formulas[lay.cell(lay.sum_row, lay.weight_col)] = adds
    want_formulas[lay.cell(lay.sum_row, lay.score_col)] = "+".join(
        [lay.cell(lay.total_row, lay.exec_score_col)] + [lay.cell(r, lay.score_col) for r in lay.subtotal_rows])
    for cell, part in want_formulas.items():
        v = ws[cell].value
        rep.check(isinstance(v, str) and v.startswith("=") and part in v.upper(), f"{name}: {cell} is a formula "
                  f"with {part.rstrip('(')}", repr(v))

    # Cached results (and the plain figures) against the engine.
    expected = engine_values(ev, lay)
    for cell, want in expected.items():
        got = cached_ws[cell].value
        rep.check(same(got, want), f"{name}: cached value of {cell} ({ws[cell].value}) is the engine's",
                  f"cached {got!r}, engine {want!r}")
    for r, ind in zip(lay.ind_rows, indicators):
        cell = lay.cell(r, lay.weight_col)
        rep.check(same(cached_ws[cell].value, as_number(ind["weight"])), f"{name}: weight in {cell}",
                  f"{cached_ws[cell].value!r} vs {ind['weight']}")
    for r, source in zip(lay.source_rows, SOURCES):
        for key, col in lay.money_cols.items():
            cell = lay.cell(r, col)
            figure = data["funds"][source][key]
            want = as_number(figure) if figure else None
            rep.check(same(cached_ws[cell].value, want), f"{name}: {source}.{key} in {cell}",
                      f"{cached_ws[cell].value!r} vs {figure!r}")
    return lay


def tamper_cache(src: Path, dst: Path) -> int:
    """Copy the workbook with every formula's cached result replaced by WRONG_CACHE."""
    count = 0

    def wrong(m):
        nonlocal count
        count += 1
        return f"{m.group(1)}<v>{WRONG_CACHE}</v>"

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                xml = data.decode("utf-8")
                xml = re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", wrong, xml)
                xml = re.sub(r"(<f>[^<]*</f>)<v/>", wrong, xml)
                data = xml.encode("utf-8")
            zout.writestr(info, data)
    return count


def compare_recalculated(rep: Report, name: str, original: Path, recalculated: Path) -> int:
    """Every formula cell: LibreOffice's result against the cached one written by the app."""
    formulas = formula_cells(original)
    cached = results(original, formulas)
    try:
        lo = results(recalculated, formulas)
    except KeyError as e:
        rep.check(False, f"{name}: sheet {e} kept by LibreOffice")
        return 0
    lo_formulas = formula_cells(recalculated)
    rep.check(set(lo_formulas) == set(formulas), f"{name}: LibreOffice kept the {len(formulas)} formulas",
              f"{sorted(set(formulas) ^ set(lo_formulas))[:5]}")
    for key, formula in sorted(formulas.items()):
        rep.check(same(lo[key], cached[key]), f"{name}: {key[0]}!{key[1]} {formula} recalculated by LibreOffice "
                  "equals the cached value", f"LibreOffice {lo[key]!r}, cached {cached[key]!r}")
    return len(formulas)


# ---------------------------------------------------------------------------------------------
# .docx
# ---------------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_table_cells(path: Path) -> set:
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    return {"".join(t.text or "" for t in tc.iter(f"{W}t")).strip() for tc in root.iter(f"{W}tc")}


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def check_docx(rep: Report, name: str, docx: Path, pdf: Path, report_text: str, draft: dict, ev: dict) -> None:
    rep.section(f"{name}: {docx.name} → PDF → pdftotext -layout")
    data = draft["data"]
    layout = run(["pdftotext", "-layout", pdf, "-"], check=True).stdout
    flat = squeeze(layout)
    headings = [line.strip() for line in report_text.splitlines() if line.strip() and not line.startswith("\u3000")]
    rep.check(len(headings) >= 5, f"{name}: headings found in `jixiao report`", f"{headings}")
    missing = [h for h in headings if squeeze(h) not in flat]
    rep.check(not missing, f"{name}: the PDF shows the {len(headings)} headings of the report", f"missing {missing}")
    project = data["project"]["name"]
    rep.check(squeeze(project) in flat, f"{name}: the PDF shows the project name {project!r}")
    total = ev["summary"]["total"]
    lines = layout.splitlines()
    total_lines = [line for line in lines if "总分" in line and re.search(
        rf"(?<![\d.]){re.escape(total)}(?![\d%])", line)]
    around = [" | ".join(re.sub(r"\s+", " ", x).strip() for x in lines[max(i - 1, 0):i + 2])
              for i, line in enumerate(lines) if "总分" in line]
    rep.check(bool(total_lines), f"{name}: the PDF shows 总分 with the engine's total {total} on one line",
              f"the lines around 总分 (a number wrapped inside a narrow cell shows as two pieces): {around[:3]}")
    names = [i["name"] for i in data["indicators"]]
    missing = [n for n in names if squeeze(n) not in flat]
    if missing:
        # A name wrapped inside a narrow table cell is interleaved with its neighbours in -layout mode.
        raw = squeeze(run(["pdftotext", "-raw", pdf, "-"], check=True).stdout)
        missing = [n for n in missing if squeeze(n) not in raw]
    rep.check(not missing, f"{name}: the PDF shows all {len(names)} indicator names", f"missing {missing}")
    cells = docx_table_cells(docx)
    missing = [n for n in names if n not in cells]
    rep.check(not missing, f"{name}: every indicator name is a table cell in word/document.xml",
              f"missing {missing}")


# ---------------------------------------------------------------------------------------------
# 项目支出绩效目标申报表 (`jixiao targets`)
# ---------------------------------------------------------------------------------------------


def check_targets_xlsx(rep: Report, name: str, path: Path, draft: dict, ev: dict) -> None:
    """The target form: labels, merges, money as numbers and a live total, every 指标值, no scores."""
    rep.section(f"{name}: {path.name} (绩效目标申报表) read with openpyxl")
    data = draft["data"]
    wb = openpyxl.load_workbook(path)
    if not rep.check(wb.sheetnames == [TARGETS_SHEET], f"{name}: one sheet {TARGETS_SHEET}", f"{wb.sheetnames}"):
        return
    ws = wb[TARGETS_SHEET]
    cached_ws = openpyxl.load_workbook(path, data_only=True)[TARGETS_SHEET]
    merges = merged(ws)
    year = data["project"]["year"].strip().removesuffix("年度").removesuffix("年")
    rep.check(text(ws["A1"].value) == f"项目支出绩效目标申报表（{year}年度）", f"{name}: title and year in A1",
              repr(ws["A1"].value))
    rep.check(merges.get("A1") == (1, 1, 5, 2), f"{name}: title merged over A1:E2", f"{merges.get('A1')}")
    try:
        money = find_one(ws, "项目资金（万元）")
        total = find_one(ws, "年度资金总额")
        goal = find_one(ws, "年度总体目标")
        head = find_one(ws, "一级指标")
    except LayoutError as e:
        rep.check(False, f"{name}: labels of the target form", str(e))
        return
    rep.check(merges.get(money.coordinate) == (1, total.row, 1, total.row + 3),
              f"{name}: 项目资金（万元） merged over its 4 rows", f"{merges.get(money.coordinate)}")

    # 年度资金总额: a formula, cached as the engine sums 全年预算数; each source's 全年预算数 a number.
    amount_col = total.column + 2
    total_cell = ws.cell(total.row, amount_col)
    rep.check(isinstance(total_cell.value, str) and "SUM(" in total_cell.value.upper(),
              f"{name}: {total_cell.coordinate} (年度资金总额) is a SUM formula", repr(total_cell.value))
    engine = ev["evaluation"]["funds"]["total"].get("annual_budget")
    want = as_number(engine) if engine is not None else None
    got = cached_ws[total_cell.coordinate].value
    rep.check(same(got, want), f"{name}: cached 年度资金总额 is the engine's", f"cached {got!r}, engine {engine!r}")
    for k, source in enumerate(SOURCES):
        c = ws.cell(total.row + 1 + k, amount_col)
        figure = data["funds"][source]["annual_budget"]
        rep.check(same(cached_ws[c.coordinate].value, as_number(figure) if figure else None),
                  f"{name}: {source}.annual_budget in {c.coordinate}", f"{cached_ws[c.coordinate].value!r} vs {figure!r}")
    wrong = [f"{ws.cell(r, amount_col).coordinate} {ws.cell(r, amount_col).number_format!r}"
             for r in range(total.row, total.row + 4) if ws.cell(r, amount_col).number_format != MONEY_FORMAT]
    rep.check(not wrong, f"{name}: money cells formatted {MONEY_FORMAT}", "; ".join(wrong))
    rep.check(text(ws.cell(goal.row, goal.column + 1).value) == data["goals"]["expected"].strip(),
              f"{name}: 年度总体目标 beside its label")

    # The indicators: 三级指标 beside its 指标值, 一级指标 merged over its rows, nothing else below.
    header = {text(ws.cell(head.row, c).value): c for c in range(head.column, ws.max_column + 1)}
    rep.check(list(header) == ["一级指标", "二级指标", "三级指标", "指标值"], f"{name}: indicator headings",
              f"{list(header)}")
    indicators = data["indicators"]
    body = range(head.row + 1, ws.max_row + 1)
    rows = [(text(ws.cell(r, header["三级指标"]).value), text(ws.cell(r, header["指标值"]).value)) for r in body]
    want_rows = [(i["name"].strip(), i["target"].strip()) for i in indicators]
    rep.check(sorted(rows) == sorted(want_rows), f"{name}: {len(indicators)} indicator rows with their 指标值",
              f"{sorted(set(rows) ^ set(want_rows))[:4]}")
    rep.check(merges.get(f"A{head.row}") == (1, head.row, 1, ws.max_row), f"{name}: 绩效指标 merged over the table",
              f"{merges.get(f'A{head.row}')}")
    for level1, label in LEVEL1_LABELS.items():
        count = sum(1 for i in indicators if i["level1"] == level1)
        cells = [c for c in find_cells(ws, lambda v, label=label: v == label) if c.column == head.column]
        if count == 0:
            continue
        if not rep.check(len(cells) == 1, f"{name}: {label} once in column {col_letter(head.column)}", f"{cells}"):
            continue
        got = merges.get(cells[0].coordinate, (head.column, cells[0].row, head.column, cells[0].row))
        rep.check(got[3] - got[1] + 1 == count, f"{name}: {label} merged over its {count} rows", f"{got}")
    everything = " ".join(text(c.value) for row in ws.iter_rows() for c in row)
    found = [w for w in ["实际完成值", "得分", "总分", "偏差原因"] if w in everything]
    rep.check(not found, f"{name}: no actuals or scores on a target form", f"{found}")


def check_targets_pdf(rep: Report, name: str, pdf: Path, draft: dict) -> None:
    rep.section(f"{name}: {pdf.name} (绩效目标申报表) → pdftotext")
    data = draft["data"]
    flat = squeeze(run(["pdftotext", "-raw", pdf, "-"], check=True).stdout)
    year = data["project"]["year"].strip().removesuffix("年度").removesuffix("年")
    for what in ["项目支出绩效目标申报表", f"（{year}年度）", data["project"]["name"], "年度资金总额"]:
        rep.check(squeeze(what) in flat, f"{name}: the PDF shows {what!r}")
    missing = [i["target"] for i in data["indicators"] if squeeze(i["target"]) not in flat]
    rep.check(not missing, f"{name}: the PDF shows all {len(data['indicators'])} 指标值", f"missing {missing[:5]}")


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jixiao", nargs="?", default=str(ROOT / "target" / "debug" / "jixiao"))
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = ap.parse_args()
    started = time.monotonic()
    binary = Path(args.jixiao).resolve()
    if not binary.is_file():
        print(f"{binary} not found: build it with `cargo build -p jixiao-cli` or pass its path", file=sys.stderr)
        return 2
    for tool in ["pdftotext"]:
        if not shutil.which(tool):
            print(f"{tool} is not installed (apt-get install poppler-utils)", file=sys.stderr)
            return 2

    rep = Report()
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-office-check-"))
    lo = None
    try:
        lo = LibreOffice(tmp)
        run_checks(rep, Jixiao(binary), lo, tmp)
    except Missing as e:
        print(str(e), file=sys.stderr)
        return 2
    except Exception as e:  # a step that could not run at all is a failure too
        rep.check(False, "the checks ran to the end", f"{type(e).__name__}: {e}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    elapsed = time.monotonic() - started
    print()
    lo_note = f", of which {lo.runs} LibreOffice runs took {lo.seconds:.1f} s" if lo else ""
    print(f"took {elapsed:.1f} s{lo_note}")
    for s in rep.skipped:
        print(f"SKIPPED {s}")
    if rep.failures:
        print("failures:")
        for f in rep.failures:
            print(f"  - {f}")
    # The closing line, alone: "N passed, N failed[, N skipped]".
    print(f"check_exports: {rep.passed} passed, {len(rep.failures)} failed"
          + (f", {len(rep.skipped)} skipped" if rep.skipped else ""))
    return 1 if rep.failures else 0


def run_checks(rep: Report, jx: Jixiao, lo: LibreOffice, tmp: Path) -> None:
    # 1. The drafts, their evaluations and their .xlsx exports.
    example = json.loads(jx("example").stdout)
    drafts = {"example": example, "big": big_draft(example), "example-changed": changed_draft(example)}
    paths, evals = {}, {}
    for key, doc in drafts.items():
        paths[key] = write_json(doc, tmp / f"{key}.json")
        evals[key] = jx.evaluate(paths[key])
    rep.check(len(drafts["big"]["data"]["indicators"]) == 100 and evals["big"]["summary"]["total_weight"] == "100",
              "big: 100 indicators, weights sum to 100", evals["big"]["summary"]["total_weight"])
    xlsx = {}
    for key in ["example", "big"]:
        xlsx[key] = tmp / f"{key}.xlsx"
        jx("xlsx", paths[key], "-o", xlsx[key], "--date", DATE)

    # 2. What openpyxl reads back.
    layouts = {key: check_xlsx(rep, key, xlsx[key], drafts[key], evals[key]) for key in xlsx}

    # 3. Copies: one whose cached results are wrong, one where openpyxl changed a figure (and dropped
    #    every cached result). Then one LibreOffice start recalculates all four.
    lay = layouts["example"]
    tampered = tmp / "example-tampered.xlsx"
    n = tamper_cache(xlsx["example"], tampered)
    rep.check(n > 0, "example-tampered: cached results overwritten", f"{n} cells")
    changed = tmp / "example-changed.xlsx"
    changed_cell = None
    if lay:
        changed_cell = lay.cell(lay.source_rows[0], lay.money_cols["executed"])
        wb = openpyxl.load_workbook(xlsx["example"])
        wb[SHEET][changed_cell].value = float(CHANGED_EXECUTED)
        wb.save(changed)
    inputs = [xlsx["example"], xlsx["big"], tampered] + ([changed] if lay else [])
    recalc = dict(zip([p.stem for p in inputs], lo.convert(inputs, "xlsx", tmp / "recalculated")))

    rep.section("LibreOffice recalculation")
    counted = 0
    for key in ["example", "big"]:
        counted += compare_recalculated(rep, key, xlsx[key], recalc[key])
    if lay:
        # The wrong cached results must be gone: LibreOffice computed the engine's values.
        want = engine_values(evals["example"], lay)
        got = results(recalc["example-tampered"], [(SHEET, c) for c in want])
        for cell, value in want.items():
            rep.check(same(got[(SHEET, cell)], value), f"example-tampered: {cell} recalculated to the engine's value "
                      f"(cached result was {WRONG_CACHE})", f"LibreOffice {got[(SHEET, cell)]!r}, engine {value!r}")
        # The changed figure: LibreOffice against the engine on the draft with the same change.
        ev = evals["example-changed"]
        want = engine_values(ev, lay)
        cells = [lay.cell(lay.total_row, lay.money_cols["executed"]), lay.cell(lay.total_row, lay.rate_col),
                 lay.cell(lay.total_row, lay.exec_score_col), lay.cell(lay.source_rows[0], lay.rate_col),
                 lay.cell(lay.sum_row, lay.score_col)]
        got = results(recalc["example-changed"], [(SHEET, c) for c in cells])
        rep.check(ev["summary"]["total"] != evals["example"]["summary"]["total"],
                  "example-changed: the change moves the engine's 总分",
                  f"{evals['example']['summary']['total']} → {ev['summary']['total']}")
        for cell in cells:
            rep.check(same(got[(SHEET, cell)], want[cell]), f"example-changed: {changed_cell} = {CHANGED_EXECUTED} → "
                      f"LibreOffice's {cell} equals the engine's", f"LibreOffice {got[(SHEET, cell)]!r}, "
                      f"engine {want[cell]!r}")

        # 4. Import: the openpyxl copy has formulas without results; the LibreOffice copy has them.
        rep.section("jixiao import")
        proc = jx("import", changed, check=False)
        said = proc.stdout + proc.stderr
        formula_cells_ = {c for (_, c) in formula_cells(xlsx["example"])}
        named = re.findall(r"(?:[^\s!]+!)?\$?([A-Z]{1,3})\$?(\d+)", said)
        named = {f"{c}{r}" for c, r in named}
        rep.check(proc.returncode == 1, "import of the openpyxl-saved copy (no cached results) exits 1",
                  f"exit {proc.returncode}: {said.strip()[:300]}")
        rep.check(bool(named & formula_cells_), "the refusal names a formula cell", said.strip()[:300])
        rep.check(bool(re.search(r"[\u4e00-\u9fff]", said)), "the refusal is in Chinese", said.strip()[:300])
        for key, figure in [("example-changed", CHANGED_EXECUTED), ("example", None), ("big", None)]:
            out = tmp / f"imported-{key}.json"
            proc = jx("import", recalc[key], "-o", out, check=False)
            if not rep.check(proc.returncode == 0 and out.exists(), f"import of LibreOffice's {key}.xlsx succeeds",
                             f"exit {proc.returncode}: {(proc.stdout + proc.stderr).strip()[:300]}"):
                continue
            got = json.loads(out.read_text(encoding="utf-8"))
            got = got.get("data", got)
            want = drafts[key]["data"]
            if figure is not None:
                executed = got["funds"]["current_year"]["executed"]
                rep.check(Decimal(executed or "0") == Decimal(figure), f"import of LibreOffice's {key}.xlsx gives "
                          f"全年执行数 {figure}", repr(executed))
            rep.check([(i["name"], i["target"], i["actual"], i["weight"]) for i in got["indicators"]]
                      == [(i["name"], i["target"], i["actual"], i["weight"]) for i in want["indicators"]],
                      f"import of LibreOffice's {key}.xlsx gives the draft's indicators")

    # 5. .docx, when the command exists.
    if not jx.has_command("docx"):
        message = "docx: `jixiao docx` does not exist yet in this binary; the .docx checks did not run"
        rep.skipped.append(message)
        print(f"SKIP {message}")
    else:
        docx = {}
        for key in ["example", "example-changed"]:
            docx[key] = tmp / f"{key}.docx"
            proc = jx("docx", paths[key], "-o", docx[key], "--date", DATE, check=False)
            rep.check(proc.returncode == 0 and docx[key].exists(), f"{key}: jixiao docx", proc.stderr.strip()[:300])
        docx = {k: p for k, p in docx.items() if p.exists()}
        if docx:
            pdfs = dict(zip(docx, lo.convert(list(docx.values()), "pdf", tmp / "pdf")))
            for key, path in docx.items():
                report_text = jx("report", paths[key]).stdout
                check_docx(rep, key, path, pdfs[key], report_text, drafts[key], evals[key])
    # 6. The 绩效目标申报表, when the command exists: the example, the big draft and the example's next year.
    if not jx.has_command("targets"):
        message = "targets: `jixiao targets` does not exist yet in this binary; the target form checks did not run"
        rep.skipped.append(message)
        print(f"SKIP {message}")
    else:
        next_json = tmp / "next-year.json"
        jx("next-year", paths["example"], "-o", next_json)
        targets = {"example": drafts["example"], "big": drafts["big"],
                   "next-year": json.loads(next_json.read_text(encoding="utf-8"))}
        sources = {"example": paths["example"], "big": paths["big"], "next-year": next_json}
        made = {}
        for key, source in sources.items():
            made[key] = (tmp / f"targets-{key}.xlsx", tmp / f"targets-{key}.pdf")
            proc = jx("targets", source, "--xlsx", made[key][0], "--pdf", made[key][1], "--date", DATE, check=False)
            rep.check(proc.returncode == 0, f"{key}: jixiao targets", proc.stderr.strip()[:300])
        made = {k: m for k, m in made.items() if m[0].exists() and m[1].exists()}
        for key, (xlsx_path, pdf_path) in made.items():
            check_targets_xlsx(rep, f"targets-{key}", xlsx_path, targets[key], jx.evaluate(sources[key]))
            check_targets_pdf(rep, f"targets-{key}", pdf_path, targets[key])
        if made:
            rep.section("绩效目标申报表: LibreOffice recalculation")
            inputs = [m[0] for m in made.values()]
            recalculated = lo.convert(inputs, "xlsx", tmp / "recalculated-targets")
            for xlsx_path, again in zip(inputs, recalculated):
                counted += compare_recalculated(rep, xlsx_path.stem, xlsx_path, again)
    print(f"compared {counted} formula cells after LibreOffice's recalculation")


if __name__ == "__main__":
    sys.exit(main())
