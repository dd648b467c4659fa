// Issue 3: what a new user does in the guided form.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { serve, waitForApp, newBlankDraft, newDraftFromExample, goStep, withBrowser, expectCount } from "./harness.mjs";

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

const withOpenApp = (fn) => withBrowser(fn, { url: server.url });

const SEED_ROWS = [
  // [level button, 二级, 三级, 年度指标值, 实际完成值, 分值]
  ["产出指标", "数量指标", "村社区安全生产网格化管理数量", "不低于9个", "9家", "6"],
  ["产出指标", "数量指标", "铁道路安全巡查次数", "不低于132次", "132次", "6"],
  ["产出指标", "数量指标", "企业安全生产监管巡查次数", "不低于20次", "20次", "6"],
  ["产出指标", "数量指标", "应急安全宣传活动场次", "不低于15场", "15场", "6"],
  ["产出指标", "数量指标", "应急救援演练次数", "不低于2次", "2次", "6"],
  ["产出指标", "质量指标", "安全生产执法复查通过率", "不低于100%", "100%", "7"],
  ["产出指标", "质量指标", "隐患排查整改率", "不低于100%", "100%", "7"],
  ["产出指标", "时效指标", "突发事故及时处置反应时间", "不高于2小时", "半小时内", "6"],
  ["效益指标", "社会效益指标", "安全生产事故死亡人数下降幅度", "高于10%", "10%", "15"],
  ["效益指标", "社会效益指标", "高温关键期群众饮水保障率", "为100%", "100%", "15"],
  ["满意度指标", "服务对象满意度指标", "群众满意度", "不低于95%", "95%", "10"],
];

test("typing the seed draft into the labelled fields gives its figures and the 指标9 finding", async () => {
  await withOpenApp(async ({ page, errors }) => {
    await newBlankDraft(page);
    await page.getByLabel("项目名称").fill("应急管理项目");
    await page.getByLabel("主管部门").fill("高新区财政局");
    await page.getByLabel("实施单位").fill("西永街道办事处");
    await page.getByLabel("年度").pressSequentially("２０２２"); // full-width digits, as some people type
    await goStep(page, "资金");
    for (const column of ["年初预算数", "全年预算数", "全年执行数", "到位数"]) {
      await page.getByLabel(`当年财政拨款 ${column}`, { exact: true }).fill("50");
    }
    assert.equal(await page.getByTestId("funds-execution-rate").textContent(), "100.00%");
    assert.equal(await page.getByTestId("funds-arrival-rate").textContent(), "100.00%");
    assert.equal(await page.getByTestId("funds-execution-score").textContent(), "10.00");
    await goStep(page, "绩效指标");
    for (const [i, [level, level2, name, target, actual, weight]] of SEED_ROWS.entries()) {
      await page.getByRole("button", { name: `＋ 添加${level}` }).click();
      const n = i + 1;
      // The new row has focus on its 三级指标 field.
      await page.waitForFunction((n) => document.activeElement?.getAttribute("aria-label") === `指标${n} 三级指标`, n);
      await page.keyboard.type(name);
      await page.getByLabel(`指标${n} 二级指标`).fill(level2);
      await page.getByLabel(`指标${n} 年度指标值`).fill(target);
      await page.getByLabel(`指标${n} 实际完成值`).fill(actual);
      await page.getByLabel(`指标${n} 分值`, { exact: true }).fill(weight);
    }
    const scores = await page.getByTestId("row-score").allTextContents();
    assert.deepEqual(scores, ["6.00", "6.00", "6.00", "6.00", "6.00", "7.00", "7.00", "6.00", "15.00", "15.00", "10.00"]);
    assert.equal(await page.getByTestId("live-total").textContent(), "100.00");
    assert.equal(await page.getByTestId("live-grade").textContent(), "优");
    assert.equal(await page.getByTestId("live-execution-rate").textContent(), "100.00%");
    assert.match(await page.getByTestId("subtotal-output").textContent(), /50\.00 \/ 50/);
    // How the targets were understood is shown under them.
    assert.match(await page.locator("#indicator-8-understood").textContent(), /≤ 2 小时/);
    await goStep(page, "检查");
    const strict = page.getByTestId("finding").filter({ hasText: "指标9" }).filter({ hasText: "高于" });
    await expectCount(strict, 1);
    assert.equal(await page.getByTestId("total-score").textContent(), "100.00");
    // A finding jumps to its field.
    await strict.getByRole("link").click();
    await page.waitForFunction(() => document.activeElement?.id === "indicator-9-actual");
    assert.equal(await page.evaluate(() => location.hash), "#/indicators");
    assert.deepEqual(errors, []);
  });
});

test("a bad entry keeps what was typed and says why at the field and in the summary", async () => {
  await withOpenApp(async ({ page }) => {
    await newDraftFromExample(page);
    await goStep(page, "资金");
    const cell = page.getByLabel("当年财政拨款 全年预算数", { exact: true });
    const cell_id = await cell.getAttribute("id");
    await cell.fill("五十");
    // Said at the field at once; the summary above the form waits until the field is left, so the
    // form does not move while the user types.
    await page.locator(`[id="${cell_id}-msg"]`).filter({ hasText: "不是数字" }).waitFor();
    assert.equal(await page.getByTestId("error-summary").count(), 0);
    await cell.blur();
    assert.equal(await cell.inputValue(), "五十", "nothing typed is discarded");
    assert.equal(await cell.getAttribute("aria-invalid"), "true");
    const describedBy = await cell.getAttribute("aria-describedby");
    const message = await page.locator(`[id="${describedBy.split(" ")[0]}"]`).textContent();
    assert.match(message, /“五十”不是数字/);
    const summary = page.getByTestId("error-summary");
    await summary.waitFor();
    assert.match(await summary.textContent(), /不是数字/);
    assert.equal(await page.getByTestId("funds-execution-rate").textContent(), "—", "no 0.00% for an unreadable base");
    await cell.fill("50");
    assert.equal(await cell.getAttribute("aria-invalid"), "false");
    assert.equal(await page.getByTestId("funds-execution-rate").textContent(), "100.00%");
  });
});

test("a table out of 110 points shows its total out of 110 and no grade; an actual with a comparison word is scored and warned", async () => {
  await withOpenApp(async ({ page, errors }) => {
    await newDraftFromExample(page);
    await goStep(page, "绩效指标");
    // 满意度 carries 20 instead of 10: 110 points in all.
    await page.getByLabel("指标11 分值", { exact: true }).fill("20");
    await page.waitForFunction(() => document.querySelector('[data-testid="live-total"]')?.textContent === "110.00/110");
    assert.equal(await page.getByTestId("live-grade").textContent(), "不评定");
    assert.match(await page.getByTestId("live-grade").getAttribute("title"), /分值合计为110分而不是100分/);
    await page.getByLabel("指标11 分值", { exact: true }).fill("10");
    await page.waitForFunction(() => document.querySelector('[data-testid="live-grade"]')?.textContent === "优");
    // The target copied into the actual: read as 132, scored, warned at the cell (not an error).
    const actual = page.getByLabel("指标2 实际完成值");
    await actual.fill("≥132次");
    await actual.blur();
    assert.equal(await page.getByTestId("live-total").textContent(), "100.00", "the total does not disappear");
    assert.notEqual(await actual.getAttribute("aria-invalid"), "true", "a warning, not an error");
    const describedBy = (await actual.getAttribute("aria-describedby")) ?? "";
    const messages = await Promise.all(
      describedBy.split(" ").filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    assert.ok(messages.some((m) => /实际完成值应填写实际数，不带比较词/.test(m)), messages.join(" | "));
    // Text left over after the figure is refused at the cell, naming it.
    const target = page.getByLabel("指标3 年度指标值");
    await target.fill("1e3次");
    await target.blur();
    assert.equal(await target.getAttribute("aria-invalid"), "true");
    const targetMessageId = (await target.getAttribute("aria-describedby")).split(" ")[0];
    assert.match(await page.locator(`[id="${targetMessageId}"]`).textContent(), /“e3次”无法识别/);
    assert.deepEqual(errors, []);
  });
});

test("a fresh form does not open with errors: a step's findings count once it was edited or left", async () => {
  await withOpenApp(async ({ page, errors }) => {
    await newBlankDraft(page);
    const counts = page.getByTestId("live-counts");
    assert.equal(await counts.textContent(), "检查全部内容", "nothing counted before anything was filled or left");
    const errorCount = async () => Number((/错误 (\d+)/.exec(await counts.textContent()) ?? [0, -1])[1]);
    // Editing the 项目信息 step: its own errors (实施单位, 年度) count, the other steps' do not yet.
    await page.getByLabel("项目名称").fill("应急管理项目");
    await page.waitForFunction(() => /^错误 [1-9]/.test(document.querySelector('[data-testid="live-counts"]')?.textContent ?? ""));
    const afterProject = await errorCount();
    // Leaving 资金 without typing: its errors now count too.
    await goStep(page, "资金");
    await goStep(page, "年度总体目标");
    await page.waitForFunction((n) => {
      const m = /错误 (\d+)/.exec(document.querySelector('[data-testid="live-counts"]')?.textContent ?? "");
      return m && Number(m[1]) > n;
    }, afterProject);
    // The 检查 step shows everything.
    await goStep(page, "检查");
    const all = await page.getByTestId("finding").count();
    await page.waitForFunction((all) => {
      const m = /错误 (\d+) · 警告 (\d+) · 提示 (\d+)/.exec(document.querySelector('[data-testid="live-counts"]')?.textContent ?? "");
      return m && Number(m[1]) + Number(m[2]) + Number(m[3]) === all;
    }, all);
    assert.deepEqual(errors, []);
  });
});

test("at 125 % scaling on a 1366×768 laptop (1093×614) the live figures stay in view while the last row is edited", async () => {
  await withBrowser(async ({ page, errors }) => {
    await newDraftFromExample(page);
    await goStep(page, "绩效指标");
    const last = page.getByLabel("指标11 实际完成值");
    await last.focus();
    await last.fill("96%");
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "指标11 实际完成值");
    const viewport = page.viewportSize();
    const inView = async (locator) => {
      const box = await locator.boundingBox();
      return box && box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0 && box.x + box.width <= viewport.width;
    };
    for (const id of ["live-total", "live-grade", "live-execution-rate"]) {
      assert.ok(await inView(page.getByTestId(id)), `${id} is inside the 1093×614 window`);
    }
    // The focused cell is not hidden under the bar.
    const bar = await page.getByTestId("live-score").boundingBox();
    const cell = await last.boundingBox();
    assert.ok(cell.y >= bar.y + bar.height - 1 || cell.y + cell.height <= bar.y, `cell ${JSON.stringify(cell)} under bar ${JSON.stringify(bar)}`);
    assert.ok(await inView(last), "the focused cell is in view");
    assert.deepEqual(errors, []);
  }, { url: server.url, viewport: { width: 1093, height: 614 } });
});

test("on a 1366×768 laptop a long 三级指标 wraps whole, and a cell's message is under its row at the row's width", async () => {
  await withOpenApp(async ({ page, errors }) => {
    await newDraftFromExample(page);
    await goStep(page, "绩效指标");
    const name = page.getByLabel("指标1 三级指标");
    await name.fill("村社区安全生产网格化管理数量（含新建、改扩建及年度复核的网格）");
    // Nothing of the name is scrolled out of its cell: it wraps and the field grows.
    const hidden = await name.evaluate((el) => ({ x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight }));
    assert.ok(hidden.x <= 0 && hidden.y <= 1, `hidden part of the name: ${JSON.stringify(hidden)}`);
    const nameBox = await name.boundingBox();
    assert.ok(nameBox.height > 40, `the name field grew to ${nameBox.height}px for two lines`);
    // The 实际完成值 "9家" against "不低于9个" gets a unit warning: shown under the row, wide.
    const actual = page.getByLabel("指标1 实际完成值");
    const messageId = (await actual.getAttribute("aria-describedby")).split(" ")[0];
    const message = page.locator(`[id="${messageId}"]`);
    assert.match(await message.textContent(), /单位/);
    const [messageBox, cellBox] = [await message.boundingBox(), await actual.boundingBox()];
    assert.ok(messageBox.y > cellBox.y + cellBox.height, "the message is below the row's cells");
    assert.ok(messageBox.width > 3 * cellBox.width, `message ${messageBox.width}px wide, cell ${cellBox.width}px`);
    // Enter in the wrapping name still adds a row, and adds no line break to the name.
    await name.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "指标2 三级指标");
    assert.equal(await name.inputValue(), "村社区安全生产网格化管理数量（含新建、改扩建及年度复核的网格）");
    assert.deepEqual(errors, []);
  });
});

test("pasting rows from a spreadsheet shows a preview, then fills rows", async () => {
  await withOpenApp(async ({ page }) => {
    await newBlankDraft(page);
    await goStep(page, "绩效指标");
    const tsv = "一级指标\t二级指标\t三级指标\t年度指标值（A）\t实际完成值（B）\t分值\t得分\n" +
      "产出指标\t数量指标\t巡查次数\t≥132次\t132次\t20\t\n" +
      "\t质量指标\t整改率\t100%\t90%\t30\t\n" +
      "效益指标\t社会效益指标\t保障率\t≥100%\t100%\t30\t\n" +
      "满意度指标\t服务对象满意度指标\t满意度\t≥95%\t96%\t10\t\n" +
      "合计\t\t\t\t\t90\t\n";
    // A real paste event on the table (as Ctrl+V in a cell would send).
    await page.locator("#indicators").evaluate((table, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      table.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, tsv);
    const preview = page.getByTestId("paste-preview");
    await preview.waitFor();
    assert.match(await preview.locator("caption").textContent(), /识别到 4 行/);
    assert.match(await page.getByTestId("paste-panel").textContent(), /第6行是合计行（合计）/);
    await page.getByRole("button", { name: "导入 4 行" }).click();
    await expectCount(page.getByTestId("indicator-row"), 4);
    assert.equal(await page.getByLabel("指标2 二级指标").inputValue(), "质量指标");
    assert.equal(await page.getByLabel("指标2 实际完成值").inputValue(), "90%");
    assert.deepEqual(await page.getByTestId("row-score").allTextContents(), ["20.00", "27.00", "30.00", "10.00"]);
    assert.equal(await page.getByTestId("live-total").textContent(), "—", "no funds yet, so no total");
  });
});

test("a deleted row comes back with 撤销 and with Ctrl+Z; redo with Ctrl+Shift+Z", async () => {
  await withOpenApp(async ({ page }) => {
    await newDraftFromExample(page);
    await goStep(page, "绩效指标");
    const rows = page.getByTestId("indicator-row");
    await expectCount(rows, 11);
    await page.getByRole("button", { name: "指标3 删除" }).click();
    await expectCount(rows, 10);
    await page.getByTestId("toast").getByRole("button", { name: "撤销" }).click();
    await expectCount(rows, 11);
    assert.equal(await page.getByLabel("指标3 三级指标").inputValue(), "企业安全生产监管巡查次数");
    await page.getByRole("button", { name: "指标3 删除" }).click();
    await expectCount(rows, 10);
    await page.keyboard.press("Control+z");
    await expectCount(rows, 11);
    await page.keyboard.press("Control+Shift+z");
    await expectCount(rows, 10);
  });
});

test("the form works by keyboard alone: Tab between cells, Enter adds a row, Ctrl+Z undoes", async () => {
  await withOpenApp(async ({ page }) => {
    await newDraftFromExample(page);
    await goStep(page, "绩效指标");
    await page.getByLabel("指标11 三级指标").focus();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "指标11 年度指标值");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "指标11 实际完成值");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "指标12 三级指标");
    await page.keyboard.type("回访满意率");
    await page.keyboard.press("Tab");
    await page.keyboard.type("≥90%");
    assert.equal(await page.getByLabel("指标12 年度指标值").inputValue(), "≥90%");
    assert.match(await page.locator("#indicator-12-understood").textContent(), /≥ 90 %/);
    await page.keyboard.press("Control+z"); // the typed target
    await page.keyboard.press("Control+z"); // the typed name
    await page.keyboard.press("Control+z"); // the new row
    await expectCount(page.getByTestId("indicator-row"), 11);
    // Step navigation by keyboard: the nav links are reachable and follow Enter.
    await page.getByRole("link", { name: /资金/ }).focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => location.hash === "#/funds");
  });
});

test("Back returns to the previous step and a refresh keeps the step", async () => {
  await withOpenApp(async ({ page }) => {
    await newDraftFromExample(page);
    await goStep(page, "资金");
    await goStep(page, "年度总体目标");
    await page.getByRole("heading", { name: "年度总体目标", level: 2 }).waitFor();
    await page.goBack();
    await page.getByRole("heading", { name: "资金", level: 2 }).waitFor();
    assert.equal(await page.evaluate(() => location.hash), "#/funds");
    await page.reload();
    await waitForApp(page);
    await page.getByRole("heading", { name: "资金", level: 2 }).waitFor();
  });
});

test("a generated report paragraph can be rewritten; changed figures are flagged", async () => {
  await withOpenApp(async ({ page }) => {
    await newDraftFromExample(page);
    await goStep(page, "总结与报告");
    const preview = page.getByTestId("report-preview");
    assert.match(await preview.textContent(), /资金到位率为100%/);
    const para = preview.locator(".report-p.generated").filter({ hasText: "实际到位资金50万元，资金到位率为100%" });
    await para.getByRole("button", { name: "改写" }).click();
    const editor = page.locator("#report-funds-arrival");
    await editor.fill("截至2022年末，预算资金为50万元，实际到位资金45万元，资金到位率为90%。");
    await page.locator("#report-funds-arrival-msg").filter({ hasText: "不一致" }).waitFor();
    await page.getByRole("button", { name: "恢复自动生成的文字" }).click();
    await expectCount(page.locator("#report-funds-arrival"), 0);
  });
});

test("printing the 检查 step gives the score card and findings without the app's chrome", async () => {
  await withOpenApp(async ({ page }) => {
    await newDraftFromExample(page);
    await goStep(page, "检查");
    await page.emulateMedia({ media: "print" });
    const display = (selector) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).display);
    for (const chrome of [".topbar", "nav.steps", ".live-score", "button"]) {
      assert.equal(await display(chrome), "none", `${chrome} is hidden in print`);
    }
    assert.notEqual(await display("[data-testid=score-card]"), "none");
    assert.notEqual(await display(".findings"), "none");
    assert.match(await page.locator(".print-head").textContent(), /应急管理项目 2022年度 绩效自评检查结果/);
  });
});

test("「生成下一年度绩效目标」 opens next year's draft with targets from this year's results, and keeps this year's", async () => {
  await withOpenApp(async ({ page, errors }) => {
    await newDraftFromExample(page);
    await goStep(page, "绩效指标");
    // 不低于2次 done 3 times (150 %): set too low, so next year asks for 3.
    await page.getByLabel("指标5 实际完成值").fill("3次");
    await goStep(page, "导出");
    await page.getByTestId("next-year").click();
    const table = page.getByTestId("next-year-suggestions");
    await table.waitFor();
    const row = table.locator("tbody tr", { hasText: "应急救援演练次数" });
    assert.match(await row.textContent(), /不低于2次\s*不低于3次\s*设定偏低/);
    await goStep(page, "项目信息");
    assert.equal(await page.getByLabel("年度").inputValue(), "2023");
    await goStep(page, "绩效指标");
    await expectCount(page.getByTestId("indicator-row"), 11);
    assert.equal(await page.getByLabel("指标5 年度指标值").inputValue(), "不低于3次");
    assert.equal(await page.getByLabel("指标5 实际完成值").inputValue(), "");
    // Next year's 绩效目标申报表, as PDF and Excel, from the worker.
    await goStep(page, "导出");
    const [pdf] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.getByTestId("export-targets-pdf").click()]);
    assert.equal(pdf.suggestedFilename(), "应急管理项目-2023年度绩效目标申报表.pdf");
    const text = execFileSync("pdftotext", [await pdf.path(), "-"], { encoding: "utf8" });
    assert.match(text, /项目支出绩效目标申报表/);
    assert.match(text, /2023年度/);
    assert.match(text, /不低于3次/);
    assert.doesNotMatch(text, /实际完成值/);
    await page.getByTestId("targets-status").filter({ hasText: "已生成" }).waitFor();
    const [xlsx] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId("export-targets-xlsx").click()]);
    assert.equal(xlsx.suggestedFilename(), "应急管理项目-2023年度绩效目标申报表.xlsx");
    const cells = execFileSync("python3", ["-c", `
import sys, shutil, tempfile, openpyxl
path = tempfile.mktemp(suffix=".xlsx"); shutil.copy(sys.argv[1], path)
ws = openpyxl.load_workbook(path).active
print(chr(10).join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None))
`, await xlsx.path()], { encoding: "utf8" });
    assert.match(cells, /项目支出绩效目标申报表/);
    assert.match(cells, /不低于3次/);
    // This year's draft is still there, beside the new one.
    await page.getByRole("link", { name: "草稿箱" }).click();
    const list = page.getByTestId("draft-list");
    await expectCount(list.locator("tbody tr"), 2);
    assert.match(await list.textContent(), /2022/);
    assert.match(await list.textContent(), /2023/);
    assert.deepEqual(errors, []);
  });
});
