// Timing script (not a test) for the ways the app runs without a server of ours: dist/ over
// http (first visit, the service worker's offline copy, an offline reload) and the single file
// jixiao.html from file:// (start, first and later PDF export of the example draft).
// Prints JSON; figures go to BENCHMARKS.md "Static build and single file".
// Run after `make dist`:  node scripts/bench-static.mjs     (RUNS=5 by default)
import { serve, launch, waitForApp, newDraftFromExample, goStep, DIST } from "../tests/browser/harness.mjs";
import { join } from "node:path";

const RUNS = Number(process.env.RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (xs) => ({ median: Math.round(median(xs)), max: Math.round(Math.max(...xs)), runs: xs.length });

/** Navigation start → the first frame with the live score panel, by the page's own clock (as scripts/bench-browser.mjs). */
async function startMs(page, url) {
  await page.goto(url);
  const ms = await page.evaluate(
    () =>
      new Promise((done) => {
        const check = () => (document.querySelector("[data-testid=live-total]") ? done(performance.now()) : requestAnimationFrame(check));
        check();
      }),
  );
  await waitForApp(page);
  return ms;
}

async function exportMs(page) {
  const t0 = Date.now();
  const download = page.waitForEvent("download", { timeout: 120_000 });
  await page.getByTestId("export-pdf").click();
  await (await download).path();
  return Date.now() - t0;
}

const web = { first: [], offlineReady: [], offlineReload: [] };
const file = { start: [], firstPdf: [], laterPdf: [] };
for (let i = 0; i < RUNS; i++) {
  const server = await serve();
  const b = await launch();
  try {
    web.first.push(await startMs(b.page, server.url));
    await b.page.getByTestId("offline-ready").waitFor({ timeout: 120_000 });
    web.offlineReady.push(await b.page.evaluate(() => performance.now()));
    await server.close();
    web.offlineReload.push(await startMs(b.page, server.url));
  } finally {
    await b.close();
    await server.close();
  }

  const s = await launch();
  try {
    const url = `file://${join(DIST, "jixiao.html")}`;
    file.start.push(await startMs(s.page, url));
    await newDraftFromExample(s.page);
    await goStep(s.page, "导出");
    file.firstPdf.push(await exportMs(s.page));
    file.laterPdf.push(await exportMs(s.page));
  } finally {
    await s.close();
  }
}

console.log(
  JSON.stringify(
    {
      web: { firstVisitStart: summary(web.first), offlineReadyAfterNavigation: summary(web.offlineReady), offlineReloadStart: summary(web.offlineReload) },
      singleFile: { start: summary(file.start), firstPdfExport: summary(file.firstPdf), laterPdfExport: summary(file.laterPdf) },
    },
    null,
    2,
  ),
);
