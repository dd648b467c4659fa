// Runs anywhere with no server of ours: dist/ on any static host under any sub-path, the single
// file jixiao.html from file://, offline after the first visit, under the Content-Security-Policy,
// and never a request to anywhere else. What `make dist` produces.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, serve, servePython, launch, waitForApp, typeReloadExport, watchRequestsAndPolicy, newDraftFromExample, goStep } from "./harness.mjs";

const SINGLE = join(DIST, "jixiao.html");

/** A fresh browser and the harness's server for dist/, for one test. */
async function withBrowser(fn, options) {
  const server = await serve();
  const b = await launch(options);
  try {
    await fn(b, server);
  } finally {
    await b.close();
    await server.close();
  }
}

/** Only the page's own origin (or, for the single file, the file itself), blob: and data:. */
function foreign(requests, allowed) {
  return requests.filter((u) => !u.startsWith(allowed) && !u.startsWith("blob:") && !u.startsWith("data:"));
}

test("dist/ in a sub-folder of python3 -m http.server: type, reload, export; its own files only; no policy violation", async () => {
  const www = await mkdtemp(join(tmpdir(), "jixiao-www-"));
  const folder = join(www, "caiwu", "jixiao");
  await mkdir(folder, { recursive: true });
  await cp(DIST, folder, { recursive: true });
  const server = await servePython(www);
  const b = await launch();
  try {
    const { requests, violations } = await watchRequestsAndPolicy(b.context);
    const url = `${server.origin}/caiwu/jixiao/`;
    const text = await typeReloadExport(b.page, url, "静态托管测试项目");
    assert.match(text, /静态托管测试项目/);
    assert.match(text, /西永街道办事处/);
    assert.ok(requests.some((u) => u.startsWith(`${url}jixiao-pdf-worker_bg.wasm`)), "the PDF worker came from the sub-folder");
    assert.deepEqual(foreign(requests, `${server.origin}/caiwu/jixiao/`), [], "no request outside the app's folder");
    assert.deepEqual(violations, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.close();
    await rm(www, { recursive: true, force: true });
  }
});

/**
 * jixiao.html alone in a fresh folder, as on a USB stick or after saving an e-mail attachment, opened
 * in a fresh browser; after `fn`, no request may have left the file and the policy must have held.
 */
async function withSingleFileOnStick(fn) {
  const stick = await mkdtemp(join(tmpdir(), "jixiao-usb-"));
  await cp(SINGLE, join(stick, "jixiao.html"));
  const b = await launch();
  try {
    const { requests, violations } = await watchRequestsAndPolicy(b.context);
    const url = `file://${stick}/jixiao.html`;
    await fn(b.page, url);
    assert.deepEqual(foreign(requests, url), [], "nothing but the file itself, blob: and data:");
    assert.deepEqual(violations, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await rm(stick, { recursive: true, force: true });
  }
}

test("jixiao.html alone in a folder, opened from file://: type, reload, export; no request leaves the file", async () => {
  await withSingleFileOnStick(async (page, url) => {
    const text = await typeReloadExport(page, url, "单文件测试项目");
    assert.match(text, /单文件测试项目/);
    const offline = page.getByTestId("offline-ready");
    assert.equal(await offline.textContent(), "可离线使用");
    assert.match(await offline.getAttribute("title"), /本文件已包含全部程序和字体/);
  });
});

test("jixiao.html from file://: the 复核 page reads a draft file and a 自评表 in the embedded worker and makes the 复核意见表", async () => {
  await withSingleFileOnStick(async (page, url) => {
    await page.goto(url + "#/review");
    await waitForApp(page);
    const fixture = (path) => new URL(`../fixtures/${path}`, import.meta.url).pathname;
    await page.getByTestId("review-files").setInputFiles([fixture("drafts/v3/full.json"), fixture("office/placeholders.xlsx")]);
    await page.getByTestId("review-counts").filter({ hasText: "共 2 项" }).waitFor({ timeout: 120_000 });
    assert.deepEqual(await page.getByTestId("review-computed").allTextContents(), ["87.23", "99.77"]);
    await page.getByTestId("review-row").first().getByTestId("review-open").click();
    const [pdf] = await Promise.all([
      page.waitForEvent("download", { timeout: 120_000 }),
      page.getByTestId("opened-export-pdf").click(),
    ]);
    assert.match((await readFile(await pdf.path())).subarray(0, 5).toString(), /%PDF-/);
  });
});

test("offline after the first visit: with the server stopped the page reloads, keeps the draft and exports a PDF", async () => {
  await withBrowser(async ({ page, errors }, server) => {
    await page.goto(server.url + "#/drafts");
    await waitForApp(page);
    // Said only once the service worker has stored everything.
    await page.getByTestId("offline-ready").waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId("offline-ready").getAttribute("title"), /断网时也能打开/);
    await server.close();
    // Nobody answers any more (connection refused); the typed draft must survive a reload.
    const text = await typeReloadExport(page, server.url, "断网测试项目");
    assert.match(text, /断网测试项目/);
    assert.deepEqual(errors, []);
  });
});

test("the strict policy is in force: an injected inline script does not run and is reported", async () => {
  const server = await serve();
  try {
    for (const url of [server.url, `file://${SINGLE}`]) {
      const b = await launch();
      try {
        const { violations } = await watchRequestsAndPolicy(b.context);
        await b.page.goto(url);
        await waitForApp(b.page);
        const strict = await b.page.locator('meta[name="jixiao-csp"]').getAttribute("content");
        assert.match(strict, /default-src 'self'/);
        assert.match(strict, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
        assert.doesNotMatch(strict, /'unsafe-eval'|'unsafe-inline'/);
        const ran = await b.page.evaluate(async () => {
          const s = document.createElement("script");
          s.textContent = "window.__injected = true";
          document.head.appendChild(s);
          await new Promise((ok) => setTimeout(ok, 100));
          return window.__injected === true;
        });
        assert.equal(ran, false, `${url}: an inline script without its hash ran`);
        assert.equal(violations.length, 1, `${url}: ${violations.join("; ")}`);
        assert.match(violations[0], /^script-src(-elem)? blocked inline/);
      } finally {
        await b.close();
      }
    }
  } finally {
    await server.close();
  }
});

test("a core without WebAssembly multi-value (Chromium < 85) gets the Chinese message and the app does not start", async () => {
  await withBrowser(async ({ page }, server) => {
    await page.addInitScript(() => {
      const validate = WebAssembly.validate;
      // The multi-value probe is the one whose function type returns (i32, i32).
      WebAssembly.validate = (bytes) => !Array.from(bytes, (x) => x.toString(16).padStart(2, "0")).join("").includes("6000027f7f") && validate(bytes);
    });
    await page.goto(server.url);
    const box = page.locator("#unsupported");
    await box.waitFor({ state: "visible" });
    assert.match(await box.textContent(), /缺少：WebAssembly 多返回值/);
    assert.match(await box.textContent(), /360安全浏览器 13 或更新版本/);
    await page.waitForLoadState("load");
    await page.waitForTimeout(500);
    assert.equal(await page.locator("#app").count(), 0, "the app did not start");
  });
});

test("the single file in a core without DecompressionStream (Chromium < 80) gets the message", async () => {
  const b = await launch();
  try {
    await b.page.addInitScript(() => { delete window.DecompressionStream; });
    await b.page.goto(`file://${SINGLE}`);
    await b.page.locator("#unsupported").waitFor({ state: "visible" });
    assert.match(await b.page.locator("#unsupported-reason").textContent(), /DecompressionStream/);
    assert.equal(await b.page.locator("#app").count(), 0);
  } finally {
    await b.close();
  }
});

test("a wasm the engine rejects shows why instead of a blank page", async () => {
  await withBrowser(async ({ page }, server) => {
    // A module with an unknown opcode: what an engine says of a feature it does not have.
    const bad = Buffer.from("0061736d010000000105016000017f030201000a0601040000ff0b", "hex");
    await page.route(/jixiao-app-[0-9a-f]+_bg\.wasm$/, (route) => route.fulfill({ body: bad, contentType: "application/wasm" }));
    await page.goto(server.url);
    const box = page.locator("#unsupported");
    await box.waitFor({ state: "visible" });
    assert.equal(await box.locator("h1").textContent(), "此浏览器无法运行绩效自评助手");
    assert.match(await page.locator("#unsupported-reason").textContent(), /程序无法在此浏览器中运行/);
  });
});

test("a damaged jixiao.html (one character of the embedded app changed) says so instead of staying blank", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-damaged-"));
  const html = await readFile(SINGLE, "utf8");
  // A letter stays a letter: the text still decodes, to other bytes, which the checksum catches.
  let at = html.indexOf('id="jixiao-app-wasm">') + 5000;
  while (!/[A-Za-z]/.test(html[at])) at++;
  const changed = html[at] === "A" ? "B" : "A";
  await writeFile(join(dir, "jixiao.html"), html.slice(0, at) + changed + html.slice(at + 1));
  const b = await launch();
  try {
    await b.page.goto(`file://${dir}/jixiao.html`);
    await b.page.locator("#unsupported").waitFor({ state: "visible" });
    assert.match(await b.page.locator("#unsupported-reason").textContent(), /本文件内嵌的程序数据已损坏（校验码不符），请重新复制或下载 jixiao.html/);
    assert.equal(await b.page.locator("#app").count(), 0);
  } finally {
    await b.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("dist/index.html double-clicked (file://) says to open jixiao.html instead of staying blank", async () => {
  const b = await launch();
  try {
    await b.page.goto(`file://${join(DIST, "index.html")}`);
    await b.page.locator("#unsupported").waitFor({ state: "visible" });
    assert.equal(await b.page.locator("#unsupported h1").textContent(), "这个页面需要从网站打开");
    assert.match(await b.page.locator("#unsupported-reason").textContent(), /双击同一文件夹中的 jixiao.html/);
    assert.equal(await b.page.locator("#unsupported-browsers").isVisible(), false, "the browser is not the problem");
  } finally {
    await b.close();
  }
});

// The service worker would serve the parts from its copy, out of the test's reach: the network
// failures below are those of a first visit.
const NO_SERVICE_WORKER = { serviceWorkers: "block" };

test("a step whose code cannot be fetched says so at the step and keeps the draft; it loads once the network is back", async () => {
  await withBrowser(async ({ page, errors }, server) => {
    await newDraftFromExample(page, server.url);
    let blocked = true;
    // The 检查 and 导出 steps' own part (src/lazy.rs, scripts/split-app.mjs).
    await page.route(/split_finish-[0-9a-f]+\.wasm$/, (route) => (blocked ? route.abort("internetdisconnected") : route.continue()));
    await page.getByRole("navigation", { name: "填报步骤" }).getByRole("link", { name: /检查/ }).click();
    await page.getByRole("alert").filter({ hasText: "这一页没有载入" }).waitFor();
    assert.match(await page.getByRole("alert").filter({ hasText: "这一页没有载入" }).textContent(), /已填写的内容都已保存在本机/);
    assert.equal(await page.getByTestId("live-total").textContent(), "100.00", "the draft and its score are still there");
    blocked = false;
    await goStep(page, "资金");
    await goStep(page, "检查");
    assert.ok((await page.getByTestId("finding").count()) > 0, "the step works once its part loads");
    // The failed fetch is the only error logged.
    // The refused request and the loader's report of it are the only errors logged.
    const expected = /^console: (Failed to load resource: net::ERR_INTERNET_DISCONNECTED|TypeError: Failed to fetch\n\s+at \S+\/__wasm_split-)/;
    assert.ok(errors.length > 0 && errors.every((e) => expected.test(e)), errors.join("\n"));
  }, NO_SERVICE_WORKER);
});

test("when the scoring engine cannot be fetched, the figures stay 「—」 with a message, and come once it can", async () => {
  await withBrowser(async ({ page }, server) => {
    await newDraftFromExample(page, server.url);
    let blocked = true;
    // The engine's own file (src/engine.rs): every page waits for it, and so does the live 总分.
    await page.route(/split_engine-[0-9a-f]+\.wasm$/, (route) => (blocked ? route.abort("internetdisconnected") : route.continue()));
    await page.reload();
    await waitForApp(page);
    await page.getByText("评分程序没有载入").waitFor();
    assert.equal(await page.getByTestId("live-total").textContent(), "—", "no figure without the engine");
    await page.getByRole("alert").filter({ hasText: "这一页没有载入" }).waitFor();
    blocked = false;
    await goStep(page, "资金");
    await page.waitForFunction(() => document.querySelector('[data-testid="live-total"]')?.textContent === "100.00");
    // The draft list's 总分, read while the engine was missing, is there too.
    await page.getByRole("link", { name: "草稿箱", exact: true }).click();
    await page.getByRole("row").filter({ hasText: "100.00 优" }).waitFor();
  }, NO_SERVICE_WORKER);
});
