// Browser timing script (not a test) for the office files: 导出Excel and 导出Word (click → download) on the
// seed and on a 100-indicator draft, first (the worker loads) and again; and the import of the 100-row .xlsx
// (file chosen → preview shown). Prints JSON; figures go to BENCHMARKS.md.
// Run after `make dist`:  node scripts/bench-office.mjs
import { serve, launch, waitForApp, goStep } from "../tests/browser/harness.mjs";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

const RUNS = Number(process.env.RUNS ?? 4);

function draftWithRows(rows) {
  const example = JSON.parse(readFileSync(new URL("../tests/fixtures/drafts/v1/example.json", import.meta.url), "utf8"));
  if (!rows) return example;
  const templates = example.data.indicators;
  example.data.indicators = Array.from({ length: rows }, (_, i) => {
    const t = templates[i % templates.length];
    return { ...t, id: i + 1, name: `${t.name}${i + 1}`, weight: "0.9" };
  });
  return example;
}

async function timedDownload(page, testid, saveTo) {
  const t0 = Date.now();
  const download = page.waitForEvent("download", { timeout: 120_000 });
  await page.getByTestId(testid).click();
  const confirm = page.getByTestId("pdf-confirm");
  if (await confirm.isVisible()) await confirm.getByRole("button", { name: "仍然导出" }).click();
  const file = await download;
  await file.path();
  const ms = Date.now() - t0;
  if (saveTo) await file.saveAs(saveTo);
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), "jixiao-bench-office-"));
const server = await serve();
const result = {};
try {
  for (const [label, rows] of [["seed", 0], ["100_indicators", 100]]) {
    const draftPath = join(dir, `${label}.json`);
    writeFileSync(draftPath, JSON.stringify(draftWithRows(rows)));
    const b = await launch();
    await b.page.goto(server.url + "#/drafts");
    await waitForApp(b.page);
    await b.page.locator("#import-file").setInputFiles(draftPath);
    await b.page.waitForFunction(() => location.hash === "#/project");
    await goStep(b.page, "导出");
    const xlsxPath = join(dir, `${label}.xlsx`);
    const xlsx = [];
    const docx = [];
    for (let i = 0; i < RUNS; i++) xlsx.push(await timedDownload(b.page, "export-xlsx", i === 0 ? xlsxPath : null));
    for (let i = 0; i < RUNS; i++) docx.push(await timedDownload(b.page, "export-docx"));
    result[`xlsx_${label}_ms`] = { first: xlsx[0], again: xlsx.slice(1) };
    result[`docx_${label}_ms`] = { first: docx[0], again: docx.slice(1) };
    // The import of the exported workbook: choose the file → the preview is on screen.
    const imports = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = Date.now();
      await b.page.locator("#import-file").setInputFiles(xlsxPath);
      await b.page.getByTestId("import-preview").waitFor({ timeout: 60_000 });
      imports.push(Date.now() - t0);
      await b.page.getByTestId("import-cancel").click();
    }
    result[`import_${label}_xlsx_ms`] = imports;
    await b.close();
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(result, null, 2));
