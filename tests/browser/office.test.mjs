// Issue 10: spreadsheets in (drag-and-drop or the file picker → preview → a new draft) and the
// 自评表/自评报告 out as .xlsx and .docx, read back by independent readers (openpyxl, Python's
// zip and XML parsers).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { serve, newDraftFromExample, goStep, withBrowser, launch, waitForApp, watchRequestsAndPolicy, DIST } from "./harness.mjs";

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

const withOpenApp = (fn) => withBrowser(fn, { url: server.url });
const fixture = (name) => new URL(`../fixtures/office/${name}`, import.meta.url).pathname;

/** Drops a file on the page as a user dragging it from the desktop would. */
async function dropFile(page, path, name) {
  const bytes = [...(await readFile(path))];
  await page.evaluate(({ bytes, name }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], name));
    const target = document.querySelector("#app");
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { bytes, name });
}

const draftCount = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao:draft:")).length);

test("a 自评表 dropped on the page is previewed with its cells, then becomes a new draft with the sheet's 总分", async () => {
  await withOpenApp(async ({ page, errors }) => {
    const before = await draftCount(page);
    await dropFile(page, fixture("placeholders.xlsx"), "自评表.xlsx");
    const preview = page.getByTestId("import-preview");
    await preview.waitFor({ timeout: 60_000 });
    assert.match(await preview.textContent(), /找到 1 个项目/);
    assert.match(await page.getByTestId("import-total").textContent(), /99\.77/);
    assert.match(await page.getByTestId("import-kept").textContent(), /Sheet1!K3.*备注：本表数据经审计核实/);
    assert.match(await page.getByTestId("import-warnings").textContent(), /达成年度指标/);
    await preview.locator("summary").filter({ hasText: "每个字段来自哪个单元格" }).click();
    assert.match(await preview.textContent(), /项目名称Sheet1!C2/);
    assert.equal(await draftCount(page), before, "nothing stored before the user agrees");
    await page.getByTestId("import-confirm").click();
    await page.waitForFunction(() => location.hash === "#/project");
    assert.equal(await draftCount(page), before + 1);
    assert.equal(await page.getByTestId("live-total").first().textContent(), "99.77");
    assert.deepEqual(errors, []);
  });
});

test("a file that is not an importable 自评表 says why and changes nothing", async () => {
  await withOpenApp(async ({ page }) => {
    const before = await draftCount(page);
    await page.locator("#import-file").setInputFiles(fixture("formula-no-cache.xlsx"));
    const error = page.getByTestId("spreadsheet-error");
    await error.waitFor({ timeout: 60_000 });
    assert.match(await error.textContent(), /Sheet1!C6 是公式/);
    await page.locator("#import-file").setInputFiles(fixture("password.xlsx"));
    await error.filter({ hasText: "密码" }).waitFor({ timeout: 30_000 });
    assert.equal(await draftCount(page), before);
    assert.equal(await page.getByTestId("import-preview").count(), 0);
  });
});

test("导出Excel and 导出Word: downloads that independent readers open; the .xlsx comes back whole", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-office-"));
  try { await withOpenApp(async ({ page, errors }) => {
    await newDraftFromExample(page);
    await goStep(page, "导出");
    const [xlsx] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId("export-xlsx").click()]);
    assert.equal(xlsx.suggestedFilename(), "应急管理项目-2022年度绩效自评表.xlsx");
    // Saved under its name: openpyxl goes by the extension.
    const xlsxPath = join(dir, xlsx.suggestedFilename());
    await xlsx.saveAs(xlsxPath);
    const read = execFileSync("python3", ["-c", `
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], data_only=True)
sheet = book["自评表"]
values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
print(book.sheetnames, sheet.sheet_state, book["jixiao-data"].sheet_state)
print("总分" in values, 100 in values, "等级：优" in values, "西永街道办事处" in values)
`, xlsxPath], { encoding: "utf8" });
    assert.match(read, /\['自评表', 'jixiao-data'\] visible veryHidden/);
    assert.match(read, /True True True True/);

    const [docx] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId("export-docx").click()]);
    assert.equal(docx.suggestedFilename(), "应急管理项目-2022年度绩效自评报告.docx");
    const text = execFileSync("python3", ["-c", `
import sys, zipfile, xml.etree.ElementTree as ET
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read("word/document.xml"))
print("".join(t.text or "" for t in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
`, await docx.path()], { encoding: "utf8" });
    assert.match(text, /项目支出绩效自评表（2022年度）/);
    assert.match(text, /铁道路安全巡查次数/);
    assert.match(text, /一、绩效目标分解下达情况/);
    await page.getByTestId("pdf-status").filter({ hasText: "已生成" }).waitFor();

    // The exported workbook imported again: the same draft, with its report texts.
    await page.locator("#import-file").setInputFiles(xlsxPath);
    await page.getByTestId("import-preview").waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId("import-total").textContent(), /100\.00/);
    await page.getByTestId("import-confirm").click();
    await page.waitForFunction(() => location.hash === "#/project");
    assert.equal(await page.getByLabel("项目名称").inputValue(), "应急管理项目");
    assert.deepEqual(errors, []);
  }); } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the single file jixiao.html imports a spreadsheet and exports .xlsx offline, with no request", async () => {
  const b = await launch();
  try {
    const { requests, violations } = await watchRequestsAndPolicy(b.context);
    const url = `file://${join(DIST, "jixiao.html")}`;
    await b.page.goto(url + "#/drafts");
    await waitForApp(b.page);
    await b.page.locator("#import-file").setInputFiles(fixture("national.xls"));
    await b.page.getByTestId("import-preview").waitFor({ timeout: 60_000 });
    assert.match(await b.page.getByTestId("import-total").textContent(), /99\.96/);
    await b.page.getByTestId("import-confirm").click();
    await b.page.waitForFunction(() => location.hash === "#/project");
    await goStep(b.page, "导出");
    const [xlsx] = await Promise.all([b.page.waitForEvent("download", { timeout: 60_000 }), b.page.getByTestId("export-xlsx").click()]);
    assert.equal(xlsx.suggestedFilename(), "2022年应急管理项目-2022年度绩效自评表.xlsx");
    const outside = requests.filter((r) => !r.startsWith("file://") && !r.startsWith("blob:") && !r.startsWith("data:"));
    assert.deepEqual(outside, []);
    assert.deepEqual(violations, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a workbook with three projects: each can be left out, its 评分口径 changed, and the rest become drafts", async () => {
  await withOpenApp(async ({ page }) => {
    const before = await draftCount(page);
    await page.locator("#import-file").setInputFiles(fixture("several.xlsx"));
    const preview = page.getByTestId("import-preview");
    await preview.waitFor({ timeout: 60_000 });
    const projects = page.getByTestId("import-project");
    assert.equal(await projects.count(), 3);
    // Leave out the second; score the third by the 湖北 rules (执行率 out of 20: the 分值 no longer total 100).
    await projects.nth(1).getByRole("checkbox").uncheck();
    const third = projects.nth(2);
    const totalBefore = await third.getByTestId("import-total").textContent();
    await third.getByLabel("评分口径").selectOption("hubei");
    await third.getByTestId("import-total").filter({ hasNotText: totalBefore }).waitFor();
    assert.match(await third.getByTestId("import-total").textContent(), /不评定/);
    await page.getByTestId("import-confirm").click();
    await page.waitForFunction(() => location.hash === "#/project");
    assert.equal(await draftCount(page), before + 2);
    const profiles = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith("jixiao:draft:")).map((k) => JSON.parse(localStorage.getItem(k)).data.profile).sort(),
    );
    assert.deepEqual(profiles, ["hubei", "national-2020"]);
  });
});
