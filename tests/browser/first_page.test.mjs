// Issue 2: the whole pipeline core → wasm → browser, proven on the built-in example.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, waitForApp, newDraftFromExample, expectCount } from "./harness.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("index.html declares Chinese, webkit rendering and the no-WebAssembly message", async () => {
  const { page } = browser;
  const html = await (await fetch(server.url)).text();
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, /<meta name="renderer" content="webkit"/);
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(server.url);
  await page.locator("#unsupported").waitFor({ state: "visible" });
  assert.match(await page.locator("#unsupported-reason").textContent(), /^当前浏览器内核：Chromium \d+。缺少：WebAssembly。$/);
  // What to install, not just what is wrong.
  assert.match(await page.locator("#unsupported").textContent(), /360安全浏览器 13 或更新版本.*极速模式/s);
  assert.match(await page.locator("#unsupported").textContent(), /Edge 或 Google Chrome 86 或更新版本/);
});

test("the example draft shows the seed's computed figures and findings", async () => {
  const b = await launch();
  try {
    const { page, errors } = b;
    await page.goto(server.url);
    await waitForApp(page);
    await newDraftFromExample(page);
    await page.goto(server.url + "#/check");
    await page.getByTestId("score-card").waitFor();
    assert.equal(await page.getByTestId("execution-rate").textContent(), "100.00%");
    assert.equal(await page.getByTestId("arrival-rate").textContent(), "100.00%");
    assert.equal(await page.getByTestId("execution-score").textContent(), "10.00");
    assert.equal(await page.getByTestId("total-score").textContent(), "100.00");
    assert.equal(await page.getByTestId("grade").textContent(), "优");
    const scores = await page.getByTestId("indicator-score").allTextContents();
    assert.deepEqual(scores, ["6.00", "6.00", "6.00", "6.00", "6.00", "7.00", "7.00", "6.00", "15.00", "15.00", "10.00"]);
    const findings = page.getByTestId("finding");
    await expectCount(findings.filter({ hasText: "指标9" }).filter({ hasText: "高于" }), 1, "指标9 (高于10%, actual 10%)");
    await expectCount(findings.filter({ hasText: "指标1" }).filter({ hasText: "“家”" }), 1, "指标1 个/家");
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
