// Issue 11 §1: the reviewer's desk (复核). Many submissions at once — good, wrong and corrupt draft
// files and 自评表 spreadsheets — read in the worker; sort, filter; one opened read-only with a
// 复核分 and 复核意见; the summary exported and read back by openpyxl; a project kept as a draft.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { serve, withBrowser, expectCount } from "./harness.mjs";

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

const fixture = (path) => new URL(`../fixtures/${path}`, import.meta.url).pathname;
const json = (name, value) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(value, null, 2)) });

/** The reviewer's files: three projects (one written with a wrong 总分), a corrupt file, a
 *  draft from a newer version, a spreadsheet and a password-protected one. */
async function submissions() {
  const example = JSON.parse(await readFile(fixture("drafts/v3/example.json"), "utf8"));
  const wrongTotal = structuredClone(example);
  wrongTotal.data.project.implementing_unit = "某某街道办事处";
  wrongTotal.data.claimed.total = "95";
  const newer = structuredClone(example);
  newer.version = 99;
  newer.data.schema_version = 99;
  return [
    json("a-good.json", example),
    json("b-wrong-total.json", wrongTotal),
    { name: "c-full.json", mimeType: "application/json", buffer: await readFile(fixture("drafts/v3/full.json")) },
    { name: "d-corrupt.json", mimeType: "application/json", buffer: Buffer.from("{\"type\": \"jixiao-draft\", \"data\": {") },
    json("e-newer.json", newer),
    { name: "f-form.xlsx", mimeType: "application/octet-stream", buffer: await readFile(fixture("office/placeholders.xlsx")) },
    { name: "g-password.xlsx", mimeType: "application/octet-stream", buffer: await readFile(fixture("office/password.xlsx")) },
  ];
}

const drafts = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao:draft:")).length);
const column = (page, testid) => page.getByTestId("review-row").evaluateAll(
  (rows, testid) => rows.map((r) => r.querySelector(`[data-testid=${testid}]`)?.textContent ?? null), testid);
const files = (page) => page.getByTestId("review-row").evaluateAll((rows) => rows.map((r) => r.cells[0].textContent));

test("复核: mixed files read in the worker, sorted, filtered, one opened and re-scored, the summary exported and read back", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-review-"));
  try { await withBrowser(async ({ page, errors }) => {
    await page.getByTestId("review-link").click();
    await page.waitForFunction(() => location.hash === "#/review");
    const stored = await drafts(page);
    await page.getByTestId("review-files").setInputFiles(await submissions());
    const rows = page.getByTestId("review-row");
    await expectCount(rows, 7, "one row per project and per unreadable file");
    assert.deepEqual(await files(page), ["a-good.json", "b-wrong-total.json", "c-full.json", "d-corrupt.json",
      "e-newer.json", "f-form.xlsx", "g-password.xlsx"]);
    const reasons = await page.getByTestId("review-reason").allTextContents();
    assert.equal(reasons.length, 3, reasons.join("\n"));
    assert.match(reasons[0], /无法读取：.*(截断|不完整)/);
    assert.match(reasons[1], /新版本/);
    assert.match(reasons[2], /密码/);
    assert.deepEqual(await column(page, "review-computed"), ["100.00", "100.00", "87.23", null, null, "99.77", null]);
    assert.match(await page.getByTestId("review-counts").textContent(), /共 7 项.*不一致 2 项.*无法读取 3 项/);
    assert.equal(await drafts(page), stored, "nothing is stored by reading");

    // Sort by 复核分: largest first, unreadable files last; again: smallest first.
    await page.getByTestId("review-sort-复核分").click();
    assert.deepEqual((await files(page)).slice(0, 4), ["a-good.json", "b-wrong-total.json", "f-form.xlsx", "c-full.json"]);
    assert.equal(await page.locator("th[aria-sort=descending]").count(), 1);
    await page.getByTestId("review-sort-复核分").click();
    assert.equal((await files(page))[0], "c-full.json");
    assert.equal((await files(page))[6], "g-password.xlsx");

    // Filter: the unit's 总分 is not what the rules give (the wrong total and full.json's 92.5).
    await page.getByTestId("review-filter").selectOption("自评分与复核分不一致");
    assert.deepEqual((await files(page)).sort(), ["b-wrong-total.json", "c-full.json"]);
    await page.getByTestId("review-filter").selectOption("无法读取");
    await expectCount(rows, 3);
    await page.getByTestId("review-filter").selectOption("全部");
    await expectCount(rows, 7);

    // Open the wrong total: read-only figures, the reviewer's 复核分 needs a reason.
    const wrong = rows.filter({ hasText: "b-wrong-total.json" });
    await wrong.getByTestId("review-open").click();
    const opened = page.getByTestId("opened-project");
    await opened.waitFor();
    assert.equal(await page.getByTestId("opened-claimed").textContent(), "95");
    assert.equal(await page.getByTestId("opened-reviewed-total").textContent(), "100.00");
    assert.equal(await opened.locator("input[id^=indicator], select").count(), 0, "the unit's fields are not editable");
    const first = page.getByTestId("opened-row").first();
    await first.getByTestId("opened-score-input").fill("1");
    await first.getByTestId("opened-score-input").press("Tab");
    await first.getByRole("alert").filter({ hasText: "理由" }).waitFor();
    assert.equal(await page.getByTestId("opened-reviewed-total").textContent(), "100.00", "no reason: the rules' score stays");
    await first.getByTestId("opened-reason-input").fill("无验收佐证材料");
    await first.getByTestId("opened-reason-input").press("Tab");
    await page.getByTestId("opened-reviewed-total").filter({ hasNotText: "100.00" }).waitFor();
    const reviewedTotal = await page.getByTestId("opened-reviewed-total").textContent();
    assert.equal(await first.getByTestId("opened-reviewed-score").textContent(), "1.00");
    await first.getByTestId("opened-opinion-input").fill("佐证材料缺失，复核调减。");
    await page.getByTestId("review-opinion").fill("总体复核意见：资金执行规范。");
    await page.getByTestId("review-opinion").press("Tab");

    // The 复核意见表 as PDF, from the worker: the reviewer's score, reason and opinion in it.
    const [pdf] = await Promise.all([
      page.waitForEvent("download", { timeout: 120_000 }),
      page.getByTestId("opened-export-pdf").click(),
    ]);
    assert.equal(pdf.suggestedFilename(), "应急管理项目-2022年度绩效自评复核意见.pdf");
    // Without line breaks: the 复核意见 column is narrow and wraps.
    const pdfText = execFileSync("pdftotext", [await pdf.path(), "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    assert.match(pdfText, /项目支出绩效自评复核意见表/);
    assert.match(pdfText, /无验收佐证材料/);
    assert.match(pdfText, /佐证材料缺失，复核调减。/);
    assert.match(pdfText, /总体复核意见：资金执行规范。/);

    // Written but not kept yet: the page says so (and would ask before it is closed, below).
    assert.match(await page.getByTestId("review-unsaved").textContent(), /有 1 个项目的复核意见尚未保存/);

    // Kept as a draft: the only thing that stores, with the 复核 in it.
    await page.getByTestId("opened-keep").click();
    await expectCount(page.getByTestId("review-unsaved"), 0, "kept: nothing left to lose");
    await page.waitForFunction((n) => Object.keys(localStorage).filter((k) => k.startsWith("jixiao:draft:")).length === n, stored + 1);
    const kept = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith("jixiao:draft:")).map(([, v]) => v).join("\n"));
    assert.match(kept, /佐证材料缺失，复核调减。/);
    assert.match(kept, /无验收佐证材料/);

    // Back to the table: the row shows the new 复核分; the summary carries it.
    await page.getByTestId("opened-back").click();
    assert.equal(await rows.filter({ hasText: "b-wrong-total.json" }).getByTestId("review-computed").textContent(), reviewedTotal);
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      page.getByTestId("review-export-xlsx").click(),
    ]);
    assert.match(download.suggestedFilename(), /绩效自评复核汇总\.xlsx$/);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    const read = JSON.parse(execFileSync("python3", ["-c", `
import sys, json, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], data_only=True).active
print(json.dumps([[c.value for c in row] for row in ws.iter_rows()], ensure_ascii=False, default=str))
`, path], { encoding: "utf8" }));
    assert.equal(read[0][6], "复核分");
    assert.equal(read.length, 8, "a heading and one row per line of the table");
    const wrongRow = read.find((r) => r[0] === "b-wrong-total.json");
    assert.equal(wrongRow[5], "95");
    assert.equal(Number(wrongRow[6]).toFixed(2), reviewedTotal);
    assert.match(read.find((r) => r[0] === "g-password.xlsx")[11], /密码/);
    assert.deepEqual(errors, []);

    // A 复核 written and not kept: closing the page asks first.
    await rows.filter({ hasText: "c-full.json" }).getByTestId("review-open").click();
    await page.getByTestId("review-opinion").fill("待补充佐证材料。");
    await page.getByTestId("review-opinion").press("Tab");
    await page.getByTestId("review-unsaved").waitFor();
    const asked = new Promise((resolve) => page.once("dialog", async (dialog) => { resolve(dialog.type()); await dialog.dismiss(); }));
    await page.close({ runBeforeUnload: true });
    assert.equal(await asked, "beforeunload");
  }, { url: server.url }); } finally { await rm(dir, { recursive: true, force: true }); }
});
