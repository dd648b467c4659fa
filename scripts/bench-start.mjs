// Timing script (not a test): how the first page arrives now that the app is split into parts
// (src/lazy.rs, src/engine.rs). For a returning user (the example draft open on 绩效指标, the
// largest step) and a new one (the draft list), on a first visit over http with no service
// worker and an empty HTTP cache (a fresh profile each run), by the page's own clock from
// navigation start:
//   shell    — the first frame with the top bar, the steps and the live score panel;
//   figures  — the live 总分 shows a figure (the engine's part has arrived);
//   page     — the step's own content is on screen (its part has arrived).
// DIST (default dist/), RUNS (default 7) and NET from the environment: NET=slow emulates a slow
// office network in Chromium (10 Mbit/s down, 40 ms round trip; the test server does not
// compress, so the raw sizes travel). Prints JSON for BENCHMARKS.md.
// To compare two builds, run it on each: DIST=/tmp/dist-before node scripts/bench-start.mjs
import { serve, launch, waitForApp, newDraftFromExample, goStep } from "../tests/browser/harness.mjs";
import { resolve } from "node:path";

const DIST = resolve(process.env.DIST ?? new URL("../dist", import.meta.url).pathname);
const RUNS = Number(process.env.RUNS ?? 7);
const SLOW = { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 };

/** A CDP session on `page` with the HTTP cache emptied and, with NET=slow, the network slowed. */
async function network(context, page) {
  const session = await context.newCDPSession(page);
  await session.send("Network.enable");
  await session.send("Network.clearBrowserCache");
  if (process.env.NET === "slow") await session.send("Network.emulateNetworkConditions", SLOW);
  return session;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (xs) => ({ median: Math.round(median(xs)), max: Math.round(Math.max(...xs)), runs: xs.length });

/** Navigation start → each of the three moments, in ms. `page` is the expected step title. */
async function start(page, url, title) {
  await page.goto(url);
  const ms = await page.evaluate(
    (title) =>
      new Promise((done) => {
        const seen = {};
        const check = () => {
          const total = document.querySelector("[data-testid=live-total]");
          if (total && seen.shell === undefined) seen.shell = performance.now();
          if (total && /\d/.test(total.textContent) && seen.figures === undefined) seen.figures = performance.now();
          if (document.querySelector("#step-title")?.textContent === title && seen.page === undefined) seen.page = performance.now();
          if (Object.keys(seen).length === 3) done(seen);
          else requestAnimationFrame(check);
        };
        check();
      }),
    title,
  );
  await waitForApp(page);
  return ms;
}

const moments = () => ({ shell: [], figures: [], page: [] });
const returning = moments();
const newcomer = { shell: [], page: [] };
const server = await serve(DIST);
try {
  for (let i = 0; i < RUNS; i++) {
    // A profile with the example draft stored, on 绩效指标; its HTTP cache emptied before the visit.
    const b = await launch({ serviceWorkers: "block" });
    try {
      await newDraftFromExample(b.page, server.url);
      await goStep(b.page, "绩效指标");
      await network(b.context, b.page);
      const ms = await start(b.page, server.url, "绩效指标");
      for (const k of Object.keys(returning)) returning[k].push(ms[k]);
    } finally {
      await b.close();
    }
    const c = await launch({ serviceWorkers: "block" });
    try {
      await network(c.context, c.page);
      await c.page.goto(server.url);
      const ms = await c.page.evaluate(
        () =>
          new Promise((done) => {
            const seen = {};
            const check = () => {
              if (document.querySelector("[data-testid=live-total]") && seen.shell === undefined) seen.shell = performance.now();
              if (document.querySelector("#step-title")?.textContent === "草稿箱" && seen.page === undefined) seen.page = performance.now();
              if (Object.keys(seen).length === 2) done(seen);
              else requestAnimationFrame(check);
            };
            check();
          }),
      );
      await waitForApp(c.page);
      newcomer.shell.push(ms.shell);
      newcomer.page.push(ms.page);
    } finally {
      await c.close();
    }
  }
} finally {
  await server.close();
}

const out = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, summary(v)]));
console.log(JSON.stringify({ dist: DIST, net: process.env.NET ?? "localhost", returningUserOnIndicators: out(returning), newUserOnDraftList: out(newcomer) }, null, 2));
