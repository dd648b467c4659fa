// Issue 4: drafts are never lost — autosave, the draft list, draft files, and every storage fault.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { serve, waitForApp, newDraftFromExample, goStep, waitSaved, withBrowser, expectCount } from "./harness.mjs";

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

async function open(page) {
  await page.goto(server.url);
  await waitForApp(page);
}

const storedDraftKeys = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao:draft:")));

test("autosave, and reopening returns to the last draft and step", async () => {
  await withBrowser(async ({ page }) => {
    await open(page);
    await newDraftFromExample(page);
    await goStep(page, "资金");
    await page.getByLabel("资金执行偏差说明", { exact: false }).fill("年中追加预算");
    await waitSaved(page);
    assert.match(await page.getByTestId("save-state").textContent(), /^已保存 \d\d:\d\d$/);
    await page.goto(server.url); // no hash: the app decides
    await waitForApp(page);
    await page.getByRole("heading", { name: "资金", level: 2 }).waitFor();
    assert.equal(await page.getByLabel("资金执行偏差说明", { exact: false }).inputValue(), "年中追加预算");
  });
});

test("the draft list: rename, duplicate, delete with undo", async () => {
  await withBrowser(async ({ page }) => {
    await open(page);
    await newDraftFromExample(page);
    await page.goto(server.url + "#/drafts");
    const rows = page.getByTestId("draft-row");
    await expectCount(rows, 1);
    assert.match(await rows.first().textContent(), /应急管理项目.*2022.*100\.00 优/);
    await rows.first().getByRole("button", { name: "复制" }).click();
    await page.goto(server.url + "#/drafts");
    await expectCount(rows, 2);
    await expectCount(rows.filter({ hasText: "（副本）" }), 1);
    await rows.filter({ hasText: "（副本）" }).getByRole("button", { name: "重命名" }).click();
    await page.getByLabel("新的项目名称").fill("应急管理项目（第二稿）");
    await page.getByRole("button", { name: "确定" }).click();
    await rows.filter({ hasText: "第二稿" }).waitFor();
    await rows.filter({ hasText: "第二稿" }).getByRole("button", { name: "删除" }).click();
    await expectCount(rows, 1);
    await page.getByTestId("toast").getByRole("button", { name: "撤销" }).click();
    await rows.filter({ hasText: "第二稿" }).waitFor();
    assert.equal((await storedDraftKeys(page)).length, 2);
  });
});

test("export a draft file and import it on another 'laptop'; a bad file changes nothing", async () => {
  let exported;
  await withBrowser(async ({ page }) => {
    await open(page);
    await newDraftFromExample(page);
    await goStep(page, "导出");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-draft").click()]);
    assert.equal(download.suggestedFilename(), "应急管理项目-2022-绩效自评草稿.json");
    exported = await readFile(await download.path(), "utf8");
    const file = JSON.parse(exported);
    assert.equal(file.type, "jixiao-draft");
    assert.equal(file.data.indicators.length, 11);
  });
  await withBrowser(async ({ page }) => {
    await open(page);
    const picker = page.locator("#import-file");
    await picker.setInputFiles({ name: "坏文件.json", mimeType: "application/json", buffer: Buffer.from("{ not json") });
    const error = page.getByTestId("import-error");
    await error.waitFor();
    assert.match(await error.textContent(), /导入失败：坏文件\.json：文件不是有效的 JSON（第1行/);
    await picker.setInputFiles({ name: "别的.json", mimeType: "application/json", buffer: Buffer.from('{"type":"other"}') });
    await error.filter({ hasText: "这不是绩效自评草稿文件" }).waitFor();
    assert.equal((await storedDraftKeys(page)).length, 0, "a bad file changes nothing");
    await picker.setInputFiles({ name: "应急管理项目-2022-绩效自评草稿.json", mimeType: "application/json", buffer: Buffer.from(exported) });
    await page.waitForFunction(() => location.hash === "#/project");
    assert.equal(await page.getByLabel("项目名称").inputValue(), "应急管理项目");
    assert.equal((await storedDraftKeys(page)).length, 1);
  });
});

test("fault 1: a corrupt stored draft is moved aside; the app starts; other drafts are untouched", async () => {
  await withBrowser(async ({ page }) => {
    await open(page);
    await newDraftFromExample(page);
    await waitSaved(page);
    const corrupt = '{"type":"jixiao-draft","version":1,"data":{"schema_version":1,"project":{"name":"坏';
    await page.evaluate((c) => localStorage.setItem("jixiao:draft:broken1", c), corrupt);
    await page.reload();
    await waitForApp(page);
    // Told on whatever page opens (here the last draft's), with a way to the list.
    await page.getByTestId("notice").filter({ hasText: "有一份草稿无法读取" }).waitFor();
    await page.getByLabel("项目名称").waitFor();
    await page.getByTestId("notice").getByRole("link", { name: "查看草稿箱" }).click();
    await page.getByTestId("quarantined").waitFor();
    await expectCount(page.getByTestId("draft-row"), 1, "the good draft is still listed");
    const stored = await page.evaluate(() => ({
      original: localStorage.getItem("jixiao:draft:broken1"),
      quarantined: localStorage.getItem("jixiao:quarantine:broken1"),
    }));
    assert.equal(stored.original, null);
    assert.equal(stored.quarantined, corrupt, "the bad value is kept, byte for byte");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("quarantined").getByRole("button", { name: "下载原始内容" }).click(),
    ]);
    assert.equal(await readFile(await download.path(), "utf8"), corrupt);
  });
});

test("fault 2: a draft from a newer schema opens read-only and is never overwritten", async () => {
  await withBrowser(async ({ page }) => {
    await open(page);
    await newDraftFromExample(page);
    await waitSaved(page);
    const key = (await storedDraftKeys(page))[0];
    const newer = await page.evaluate((key) => {
      const file = JSON.parse(localStorage.getItem(key));
      file.version = 99;
      file.data.schema_version = 99;
      file.data.added_in_v99 = { anything: true };
      const text = JSON.stringify(file);
      localStorage.setItem(key, text);
      return text;
    }, key);
    await page.reload();
    await waitForApp(page);
    await page.getByTestId("readonly-banner").waitFor();
    assert.match(await page.getByTestId("readonly-banner").textContent(), /较新版本/);
    const name = page.getByLabel("项目名称");
    assert.equal(await name.getAttribute("readonly"), "");
    await name.press("End");
    await page.keyboard.type("改");
    await page.waitForTimeout(1200);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), key), newer);
    await page.goto(server.url + "#/drafts");
    assert.match(await page.getByTestId("draft-row").first().textContent(), /新版本（99）保存，只读/);
  });
});

test("fault 3: storage full keeps the edit in memory, says so, export still works, the next save clears it", async () => {
  await withBrowser(async ({ page }) => {
    await open(page);
    await newDraftFromExample(page);
    await waitSaved(page);
    await page.evaluate(() => {
      window.__realSetItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function () { throw new DOMException("quota", "QuotaExceededError"); };
    });
    const name = page.getByLabel("项目名称");
    await name.fill("应急管理项目（满）");
    await page.getByTestId("save-state").filter({ hasText: "保存失败：浏览器存储已满 — 请导出草稿文件" }).waitFor();
    await page.getByTestId("save-failed-banner").waitFor();
    assert.equal(await name.inputValue(), "应急管理项目（满）");
    await goStep(page, "导出");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-draft").click()]);
    assert.match(await readFile(await download.path(), "utf8"), /应急管理项目（满）/);
    await page.evaluate(() => { Storage.prototype.setItem = window.__realSetItem; });
    await goStep(page, "项目信息");
    await page.getByLabel("项目名称").fill("应急管理项目");
    await waitSaved(page);
    await expectCount(page.getByTestId("save-failed-banner"), 0);
  });
});

test("fault 4: storage unavailable — the app works in memory and asks to export", async () => {
  await withBrowser(async ({ page, errors }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });
    });
    await open(page);
    await page.getByRole("alert").filter({ hasText: "浏览器存储不可用" }).first().waitFor();
    await newDraftFromExample(page);
    await page.getByTestId("memory-banner").waitFor();
    await page.getByLabel("项目名称").fill("只在内存里");
    assert.equal(await page.getByTestId("draft-title").textContent(), "只在内存里 2022");
    await goStep(page, "导出");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-draft").click()]);
    assert.match(await readFile(await download.path(), "utf8"), /只在内存里/);
    assert.deepEqual(errors.filter((e) => e.includes("panicked")), []);
  });
});

test("fault 5: the same draft in two tabs — the second is told and offered reload, no silent overwrite", async () => {
  await withBrowser(async ({ context, page }) => {
    await open(page);
    await newDraftFromExample(page);
    await waitSaved(page);
    const other = await context.newPage();
    await other.goto(server.url);
    await waitForApp(other);
    await other.getByLabel("项目名称").waitFor();
    // Tab A edits and saves.
    await page.getByLabel("项目名称").fill("A 改的");
    await waitSaved(page);
    // Tab B is told, and its own edit is not written over A's.
    await other.getByTestId("conflict-banner").waitFor();
    await other.getByLabel("项目名称").fill("B 改的");
    await other.waitForTimeout(1200);
    const key = (await storedDraftKeys(page))[0];
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)).data.project.name, key);
    assert.equal(stored, "A 改的");
    await other.getByRole("button", { name: "载入另一个窗口的版本" }).click();
    assert.equal(await other.getByLabel("项目名称").inputValue(), "A 改的");
  });
});

test("fault 6: a crash shows a Chinese panel whose 下载草稿文件 works", async () => {
  await withBrowser(async ({ page }) => {
    await open(page);
    await newDraftFromExample(page);
    await page.getByLabel("项目名称").fill("崩溃前的修改");
    await page.goto(server.url + "?crash-test=1#/project");
    await waitForApp(page);
    await page.getByLabel("项目名称").fill("崩溃前的修改2");
    const panel = page.locator("#crash-panel");
    await panel.waitFor();
    assert.match(await panel.textContent(), /程序出错了/);
    const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("link", { name: "下载草稿文件" }).click()]);
    assert.equal(download.suggestedFilename(), "崩溃前的修改2-2022-绩效自评草稿.json");
    assert.match(await readFile(await download.path(), "utf8"), /崩溃前的修改2/);
  });
});

test("imported text is data only: <script> and <img onerror> in every field render inert", async () => {
  await withBrowser(async ({ page }) => {
    await open(page);
    const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
    const file = {
      type: "jixiao-draft",
      version: 1,
      source: evil,
      data: {
        schema_version: 1,
        project: { name: evil, department: evil, implementing_unit: evil, year: "2022", leader: evil, phone: evil, fill_date: evil },
        funds: { current_year: { initial_budget: "50", annual_budget: "50", executed: "50", received: evil }, deviation_reason: evil },
        goals: { expected: evil, actual: evil },
        indicators: [{ id: 1, level1: "output", level2: evil, name: evil, target: evil, actual: evil, weight: evil, deviation: evil, children: [{ name: evil, target: evil, actual: evil }] }],
        weight_split_reason: evil,
        narrative: { funds_management: evil, achievements: evil, problems: evil, improvements: evil, result_application: evil, other: evil },
        report_edits: { "targets-issued": evil },
        notes: evil,
      },
    };
    await page.locator("#import-file").setInputFiles({ name: "evil.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
    await page.waitForFunction(() => location.hash === "#/project");
    for (const step of ["项目信息", "资金", "年度总体目标", "绩效指标", "总结与报告", "检查", "导出"]) {
      await goStep(page, step);
      await page.waitForTimeout(100);
    }
    await goStep(page, "总结与报告");
    assert.match(await page.getByTestId("report-preview").textContent(), /<script>window.__pwned=1<\/script>/, "shown literally");
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator("main script, main img").count(), 0);
  });
});

test("a draft file dropped onto the page is imported", async () => {
  await withBrowser(async ({ page }) => {
    await open(page);
    const file = await readFile(new URL("../fixtures/drafts/v1/example.json", import.meta.url), "utf8");
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "拖进来的.json", { type: "application/json" }));
      return dt;
    }, file);
    await page.dispatchEvent("#app", "drop", { dataTransfer });
    await page.waitForFunction(() => location.hash === "#/project");
    assert.equal(await page.getByLabel("实施单位").inputValue(), "西永街道办事处");
    await page.getByTestId("toast").filter({ hasText: "已导入“拖进来的.json”" }).waitFor();
  });
});

test("the version a draft had when it was opened can be restored as a new draft", async () => {
  await withBrowser(async ({ page }) => {
    await open(page);
    await newDraftFromExample(page);
    await page.getByLabel("项目名称").fill("改坏了的名称");
    await waitSaved(page);
    await page.goto(server.url + "#/drafts");
    const row = page.getByTestId("draft-row").filter({ hasText: "改坏了的名称" });
    await row.getByRole("button", { name: "恢复上一版本" }).click();
    await page.waitForFunction(() => location.hash === "#/project");
    assert.equal(await page.getByLabel("项目名称").inputValue(), "应急管理项目（备份）");
    await page.goto(server.url + "#/drafts");
    await expectCount(page.getByTestId("draft-row"), 2, "the changed version is still there");
  });
});
