// Shared set-up for the browser tests: a static server for dist/ and Debian's Chromium driven
// by playwright-core (never `playwright install`: no browser downloads here).
import { createServer } from "node:http";
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
  return { url: `http://127.0.0.1:${port}${prefix}/`, requests, close: () => new Promise((ok) => server.close(ok)) };
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
export async function launch({ viewport = { width: 1366, height: 768 }, acceptDownloads = true } = {}) {
  const profile = await mkdtemp(join(tmpdir(), "jixiao-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads,
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
}

/** Waits until the autosave has written (the save state says 已保存). */
export async function waitSaved(page) {
  await page.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor({ timeout: 5000 });
}
