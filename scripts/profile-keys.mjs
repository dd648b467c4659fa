// Where a keystroke's time goes (a tool, not a test): the app's wasm with its function names, a
// 100-indicator draft, KEYS keys typed into 指标1 分值 under Chromium's sampling profiler; prints the
// functions with the most self time, and the share of the wasm, of JS glue and of the browser.
//   make dist && node scripts/profile-keys.mjs
// The names come from the release build of the app (target/wasm32-unknown-unknown/release), run
// through wasm-bindgen without wasm-opt (which drops them); a copy of dist is served with that wasm
// (and without the integrity attributes, which no longer match).
import { serve, launch, waitForApp, goStep, waitSaved } from "../tests/browser/harness.mjs";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, renameSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

const KEYS = Number(process.env.KEYS ?? 60);
const ROWS = Number(process.env.ROWS ?? 100);
const root = new URL("..", import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), "jixiao-profile-"));
cpSync(join(root, "dist"), dir, { recursive: true });
const wasm = readdirSync(dir).find((f) => /^jixiao-app-[0-9a-f]+_bg\.wasm$/.test(f));
const glue = wasm.replace("_bg.wasm", ".js");
const bindgen = join(dir, "bindgen");
execFileSync("wasm-bindgen", ["--target", "web", "--out-dir", bindgen, "--out-name", "app",
  join(root, "target/wasm32-unknown-unknown/release/jixiao-app.wasm")]);
renameSync(join(bindgen, "app_bg.wasm"), join(dir, wasm));
renameSync(join(bindgen, "app.js"), join(dir, glue));
const index = join(dir, "index.html");
writeFileSync(index, readFileSync(index, "utf8").replace(/ integrity="[^"]*"/g, ""));

function largeDraft(rows) {
  const example = JSON.parse(readFileSync(join(root, "tests/fixtures/drafts/v1/example.json"), "utf8"));
  const templates = example.data.indicators;
  example.data.indicators = Array.from({ length: rows }, (_, i) => {
    const t = templates[i % templates.length];
    return { ...t, id: i + 1, name: `${t.name}${i + 1}`, weight: "0.9" };
  });
  return example;
}

const server = await serve(dir);
const b = await launch();
try {
  const { page } = b;
  await page.goto(server.url + "#/drafts");
  await waitForApp(page);
  const file = JSON.stringify(largeDraft(ROWS));
  await page.locator("#import-file").setInputFiles({ name: "large.json", mimeType: "application/json", buffer: Buffer.from(file) });
  await page.waitForFunction(() => location.hash === "#/project");
  await waitSaved(page);
  await goStep(page, "绩效指标");
  const cell = page.getByLabel("指标1 分值", { exact: true });
  await cell.click();
  await cell.press("End");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(i % 2 === 0 ? "5" : "Backspace");
    await page.waitForTimeout(40);
  }
  const { profile } = await cdp.send("Profiler.stop");
  // Self time per node: samples × the mean interval.
  const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const byName = new Map();
  const kinds = { wasm: 0, js: 0, idle: 0, browser: 0 };
  for (const node of profile.nodes) {
    const ms = (hits.get(node.id) ?? 0) * interval;
    if (!ms) continue;
    const { functionName, url } = node.callFrame;
    const name = functionName || "(anonymous)";
    if (name === "(idle)") kinds.idle += ms;
    else if (url.startsWith("wasm://") || /^\$?[a-z_]+::/.test(name) || name.includes("::")) kinds.wasm += ms;
    else if (url) kinds.js += ms;
    else kinds.browser += ms;
    byName.set(name, (byName.get(name) ?? 0) + ms);
  }
  const busy = kinds.wasm + kinds.js + kinds.browser;
  console.log(`${KEYS} keys on ${ROWS} rows: busy ${busy.toFixed(0)} ms (${(busy / KEYS).toFixed(2)} ms per key) — wasm ${kinds.wasm.toFixed(0)}, JS ${kinds.js.toFixed(0)}, browser (style, layout, paint, GC) ${kinds.browser.toFixed(0)}`);
  const top = [...byName].filter(([n]) => n !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40));
  for (const [name, ms] of top) console.log(`${(ms / KEYS).toFixed(3).padStart(8)} ms/key  ${name.slice(0, 160)}`);
  // CALLERS=substring: the call stacks leading to the functions whose name contains it.
  if (process.env.CALLERS) {
    const parent = new Map();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
    const stacks = new Map();
    for (const node of profile.nodes) {
      const ms = (hits.get(node.id) ?? 0) * interval;
      if (!ms || !node.callFrame.functionName.includes(process.env.CALLERS)) continue;
      const chain = [];
      for (let p = parent.get(node.id); p && chain.length < Number(process.env.DEPTH ?? 8); p = parent.get(p.id)) {
        chain.push(p.callFrame.functionName.replace(/::h[0-9a-f]{16}$/, "").slice(0, 110));
      }
      const key = chain.join("\n      ← ");
      stacks.set(key, (stacks.get(key) ?? 0) + ms);
    }
    for (const [chain, ms] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`\n${(ms / KEYS).toFixed(3)} ms/key ← ${chain}`);
  }
} finally {
  await b.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
