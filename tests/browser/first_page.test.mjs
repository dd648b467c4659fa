// Issue 2: the whole pipeline core → wasm → browser, proven on the built-in example.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, waitForApp } from "./harness.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("the example draft shows the seed's computed figures and findings", async () => {
  const { page, errors } = browser;
  await page.goto(server.url + "#/check");
  await waitForApp(page);
  const card = page.getByTestId("score-card");
  await assert.doesNotReject(card.waitFor());
  assert.equal(await page.getByTestId("execution-rate").textContent(), "100.00%");
  assert.equal(await page.getByTestId("arrival-rate").textContent(), "100.00%");
  assert.equal(await page.getByTestId("execution-score").textContent(), "10.00");
  assert.equal(await page.getByTestId("total-score").textContent(), "100.00");
  assert.equal(await page.getByTestId("grade").textContent(), "优");
  const scores = await page.getByTestId("indicator-score").allTextContents();
  assert.deepEqual(scores, ["6.00", "6.00", "6.00", "6.00", "6.00", "7.00", "7.00", "6.00", "15.00", "15.00", "10.00"]);
  const findings = page.getByTestId("finding");
  const strict = findings.filter({ hasText: "指标9" }).filter({ hasText: "高于" });
  assert.equal(await strict.count(), 1, "指标9 (高于10%, actual 10%) is flagged");
  const unit = findings.filter({ hasText: "指标1" }).filter({ hasText: "“家”" });
  assert.equal(await unit.count(), 1, "指标1 个/家 mismatch is flagged");
  assert.deepEqual(errors, []);
});
