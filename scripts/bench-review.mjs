// Browser timing script (not a test) for the reviewer's desk (复核): N submissions chosen at once
// — draft files and 自评表 spreadsheets in the proportion a 财政局 meets them, a few unreadable —
// read and scored in the worker and listed. Prints JSON; figures go to BENCHMARKS.md.
//   make dist && node scripts/bench-review.mjs          (N=500 by default)
// Measured: from the files being handed to the page to the table showing all of them, and the
// longest gap between two animation frames meanwhile (the page stays responsive while the worker
// reads).
import { serve, launch, waitForApp } from "../tests/browser/harness.mjs";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const N = Number(process.env.N ?? 500);
const fixtures = new URL("../tests/fixtures/", import.meta.url);
const example = JSON.parse(readFileSync(new URL("drafts/v3/full.json", fixtures), "utf8"));
const sheets = readdirSync(new URL("office/", fixtures))
  .filter((f) => /\.xlsx?$/.test(f))
  .map((f) => ({ name: f, buffer: readFileSync(new URL(`office/${f}`, fixtures)) }));

/** Nine in ten draft files (each its own unit and claim), one in ten spreadsheets. */
function submissions(n) {
  return Array.from({ length: n }, (_, i) => {
    if (i % 10 === 9) {
      const sheet = sheets[i % sheets.length];
      return { name: `${i}-${sheet.name}`, mimeType: "application/octet-stream", buffer: sheet.buffer };
    }
    const draft = structuredClone(example);
    draft.data.project.implementing_unit = `第${i}街道办事处`;
    draft.data.claimed.total = String(80 + (i % 20));
    return { name: `${i}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(draft)) };
  });
}

const server = await serve();
const browser = await launch();
try {
  const { page } = browser;
  await page.goto(server.url + "#/review");
  await waitForApp(page);
  const files = submissions(N);
  const megabytes = files.reduce((s, f) => s + f.buffer.length, 0) / 1048576;
  // Handed over as files on disk, as a file dialog does (buffers would be copied into the page
  // through the DevTools protocol, which freezes the page for a second by itself).
  const dir = mkdtempSync(join(tmpdir(), "jixiao-bench-review-"));
  const paths = files.map((f) => { const path = join(dir, f.name); writeFileSync(path, f.buffer); return path; });
  // Warm the worker (its wasm is loaded on first use, as it would be for any first job).
  await page.getByTestId("review-files").setInputFiles([paths[0]]);
  await page.getByTestId("review-counts").filter({ hasText: "共 1 项" }).waitFor({ timeout: 60_000 });
  await page.getByRole("button", { name: "清空列表" }).click();
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    const tick = (t) => { window.__gaps.push([t, t - last]); last = t; if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  const p0 = await page.evaluate(() => performance.now());
  await page.getByTestId("review-files").setInputFiles(paths);
  // Done when the progress bar has gone and the table is listed (a workbook may hold several
  // projects, so the rows can outnumber the files).
  await page.waitForFunction(() => !document.querySelector("[data-testid=review-progress]")
    && /共 \d+ 项/.test(document.querySelector("[data-testid=review-counts]")?.textContent ?? ""), null, { timeout: 120_000, polling: 10 });
  const listed = Date.now() - t0;
  const rows = await page.getByTestId("review-row").count();
  const gaps = await page.evaluate(() => { window.__stop = true; return window.__gaps; });
  const longestFrame = Math.max(...gaps.map(([, gap]) => gap));
  // When the long frames were (ms after the files were handed over), to tell reading from listing.
  const long = gaps.filter(([, gap]) => gap > 50).map(([t, gap]) => [Math.round(t - p0 - gap), Math.round(gap)]);
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ files: N, rows, megabytes: Math.round(megabytes * 10) / 10, listed_ms: listed, longest_frame_ms: Math.round(longestFrame), frames_over_50ms_at: long }, null, 2));
} finally {
  await browser.close();
  await server.close();
}
