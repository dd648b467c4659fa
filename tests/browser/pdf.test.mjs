// Issue 5: the PDF made in the browser (Web Worker), downloaded, with real Chinese text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { serve, waitForApp, newDraftFromExample, newBlankDraft, goStep, withBrowser } from "./harness.mjs";

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

const withOpenApp = (fn) => withBrowser(fn, { url: server.url });

test("导出PDF: the worker and the font load only on export; the PDF has the table and report text", async () => {
  await withOpenApp(async ({ page, errors }) => {
    const requested = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await newDraftFromExample(page);
    assert.equal(requested.filter((p) => p.includes("pdf-worker") || p.endsWith(".ttf")).length, 0, "nothing PDF-related at page load");
    await goStep(page, "导出");
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId("export-pdf").click()]);
    assert.equal(download.suggestedFilename(), "应急管理项目-2022年度绩效自评.pdf");
    const path = await download.path();
    const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
    assert.match(text, /项目支出绩效自评表/);
    assert.match(text, /西永街道办事处/);
    assert.match(text, /铁道路安全巡查次数/);
    assert.match(text, /一、绩效目标分解下达情况/);
    const fonts = execFileSync("pdffonts", [path], { encoding: "utf8" });
    assert.match(fonts, /yes\s+yes\s+yes/, "embedded, subset, with ToUnicode");
    await page.getByTestId("pdf-status").filter({ hasText: "已生成" }).waitFor();
    assert.ok(requested.some((p) => p.endsWith("jixiao-pdf-worker_bg.wasm")));
    assert.deepEqual(errors, []);
  });
});

test("with errors present the export asks first and lists them; <script> text prints literally", async () => {
  await withOpenApp(async ({ page }) => {
    await newBlankDraft(page);
    await page.getByLabel("项目名称").fill("<script>alert(1)</script>项目");
    await goStep(page, "导出");
    await page.getByTestId("export-pdf").click();
    const confirm = page.getByTestId("pdf-confirm");
    await confirm.waitFor();
    assert.match(await confirm.textContent(), /请填写实施单位/);
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), confirm.getByRole("button", { name: "仍然导出" }).click()]);
    const text = execFileSync("pdftotext", [await download.path(), "-"], { encoding: "utf8" });
    assert.match(text, /<script>alert\(1\)<\/script>项目/);
  });
});

test("characters missing from the font stop the export with a message naming them", async () => {
  await withOpenApp(async ({ page }) => {
    await newDraftFromExample(page);
    await page.getByLabel("项目负责人").fill("张𠀾"); // U+2003E, outside the subset
    await goStep(page, "导出");
    await page.getByTestId("export-pdf").click();
    const status = page.getByTestId("pdf-status").filter({ hasText: "导出失败" });
    await status.waitFor({ timeout: 60_000 });
    assert.match(await status.textContent(), /𠀾/);
  });
});

test("the browser's PDF has the same bytes as `jixiao pdf` for the same draft and date", async () => {
  const fixture = new URL("../fixtures/drafts/v1/example.json", import.meta.url).pathname;
  const dir = await mkdtemp(join(tmpdir(), "jixiao-pdf-"));
  try {
    const cli = join(dir, "cli.pdf");
    execFileSync("cargo", ["run", "-q", "-p", "jixiao-cli", "--", "pdf", fixture, "-o", cli, "--date", "2023-03-31", "--signature"]);
    await withOpenApp(async ({ page }) => {
      await page.clock.setFixedTime(new Date("2023-03-31T10:00:00"));
      await page.locator("#import-file").setInputFiles(fixture);
      await page.waitForFunction(() => location.hash === "#/project");
      await goStep(page, "导出");
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId("export-pdf").click()]);
      const browser = await readFile(await download.path());
      assert.ok(browser.equals(await readFile(cli)), "identical bytes");
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
