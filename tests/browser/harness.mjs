// Shared set-up for the browser tests: a static server for dist/ and Debian's Chromium driven
// by playwright-core (never `playwright install`: no browser downloads here).
import { createServer } from "node:http";
import { spawn, execFileSync } from "node:child_process";
import { readFile, stat, mkdtemp, rm } from "node:fs/promises";
import { join, extname, resolve, normalize } from "node:path";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export const DIST = resolve(new URL("../../dist", import.meta.url).pathname);

/** Serves `root` on 127.0.0.1 (a free port). Optionally under a sub-path prefix. */
export async function serve(root = DIST, { prefix = "" } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (prefix) {
      if (!path.startsWith(prefix)) { res.writeHead(404).end(); return; }
      path = path.slice(prefix.length) || "/";
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  const close = () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); });
  return { url: `http://127.0.0.1:${port}${prefix}/`, requests, close };
}

/**
 * Python's own static server (`python3 -m http.server`, what a user without Node would use)
 * serving `root` on 127.0.0.1 (a free port). Returns { origin, close }.
 */
export async function servePython(root) {
  const child = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.on("exit", (code) => fail(new Error(`python3 -m http.server exited with ${code}: ${out}`)));
  });
  child.stderr.resume(); // its access log
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => { child.once("exit", ok); child.kill(); }),
  };
}

export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A fresh Chromium profile. Returns { context, page, errors, close }. `errors` collects page
 * errors and console errors so a test can assert the app logged none.
 */
export async function launch({ viewport = { width: 1366, height: 768 }, acceptDownloads = true, serviceWorkers = "allow" } = {}) {
  const profile = await mkdtemp(join(tmpdir(), "jixiao-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads,
    serviceWorkers,
    locale: "zh-CN",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  return {
    context,
    page,
    errors,
    close: async () => { await context.close(); await rm(profile, { recursive: true, force: true }); },
  };
}

/**
 * Runs `fn` with a fresh browser (see `launch`) and closes it afterwards, whatever happens. With
 * `url`, the app is opened there first.
 */
export async function withBrowser(fn, { url, ...options } = {}) {
  const b = await launch(options);
  try {
    if (url) {
      await b.page.goto(url);
      await waitForApp(b.page);
    }
    await fn(b);
  } finally {
    await b.close();
  }
}

/** Waits until the Leptos app has mounted (its root element is present). */
export async function waitForApp(page) {
  await page.waitForSelector("#app[data-ready]", { timeout: 30_000 });
}

/** From the draft list (home), creates a draft from the built-in example and waits for the form. */
export async function newDraftFromExample(page, url) {
  if (url) { await page.goto(url + "#/drafts"); await waitForApp(page); }
  await page.getByRole("button", { name: /从示例新建/ }).click();
  await page.waitForFunction(() => location.hash === "#/project");
}

/** Creates an empty draft from the draft list. */
export async function newBlankDraft(page, url) {
  if (url) { await page.goto(url + "#/drafts"); await waitForApp(page); }
  await page.getByRole("button", { name: "新建空白草稿" }).click();
  await page.waitForFunction(() => location.hash === "#/project");
}

/** Goes to a step through the step navigation. */
export async function goStep(page, label) {
  await page.getByRole("navigation", { name: "填报步骤" }).getByRole("link", { name: new RegExp(label) }).click();
  // A step's code is loaded on its first visit (src/lazy.rs): wait for the page, as a user would.
  await page.locator("#step-title").filter({ hasText: new RegExp(label) }).waitFor();
}

/** Waits until the autosave has written (the save state says 已保存). */
export async function waitSaved(page) {
  await page.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor({ timeout: 5000 });
}

/**
 * Records, for the whole browser context (pages, their workers, the service worker), every
 * request's URL and every Content-Security-Policy violation a page reports. Call before the
 * first navigation.
 */
export async function watchRequestsAndPolicy(context) {
  const requests = [];
  const violations = [];
  context.on("request", (r) => requests.push(r.url()));
  await context.exposeBinding("__jixiaoReportViolation", (_source, v) => violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__jixiaoReportViolation(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return { requests, violations };
}

/**
 * The user journey every way of running the app must support: a new draft, typed in, kept
 * across a reload, exported as a PDF. Returns the PDF's text (pdftotext).
 */
export async function typeReloadExport(page, url, projectName) {
  await page.goto(url + "#/drafts");
  await waitForApp(page);
  await newBlankDraft(page);
  await page.getByLabel("项目名称").fill(projectName);
  await page.getByLabel("实施单位").fill("西永街道办事处");
  await waitSaved(page);
  await page.reload();
  await waitForApp(page);
  const kept = await page.getByLabel("项目名称").inputValue();
  if (kept !== projectName) throw new Error(`after the reload 项目名称 is "${kept}"`);
  await goStep(page, "导出");
  await page.getByTestId("export-pdf").click();
  // A blank draft has errors: the export asks first.
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.getByTestId("pdf-confirm").getByRole("button", { name: "仍然导出" }).click(),
  ]);
  return execFileSync("pdftotext", [await download.path(), "-"], { encoding: "utf8" });
}

/**
 * Asserts that `locator` matches exactly `n` elements, waiting (up to 5 s) for the page to settle
 * first: a count read right after a navigation or a click may see the page before it re-rendered.
 */
export async function expectCount(locator, n, message) {
  const deadline = Date.now() + 5000;
  let count = await locator.count();
  while (count !== n && Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 50));
    count = await locator.count();
  }
  if (count !== n) throw new Error(`${message ?? locator}: expected ${n} elements, found ${count}`);
}
