// Screenshots of every step at 1366×768 (docs/screenshots/), for the README, and the indicator
// table at 1093×614 (a 1366×768 laptop at Windows' 125 % scaling).
// Run after `make dist`: node scripts/screenshots.mjs [outdir]
import { serve, launch, waitForApp, newDraftFromExample } from "../tests/browser/harness.mjs";
import { mkdir } from "node:fs/promises";

const out = process.argv[2] ?? "docs/screenshots";
await mkdir(out, { recursive: true });
const server = await serve();
const browser = await launch();
const { page } = browser;
try {
  await page.goto(`${server.url}#/drafts`);
  await waitForApp(page);
  // The top bar says 可离线使用 once the service worker is ready: wait, so every picture shows it.
  await page.getByTestId("offline-ready").waitFor({ timeout: 60_000 });
  await page.screenshot({ path: `${out}/empty.png` });
  await newDraftFromExample(page);
  for (const step of ["drafts", "project", "funds", "goals", "indicators", "summary", "check", "export"]) {
    await page.goto(`${server.url}#/${step}`);
    await waitForApp(page);
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${out}/${step}.png` });
    console.log(`${out}/${step}.png`);
  }
  // 复核: the reviewer's table of a few submissions, and one opened with a 复核分 and its reason.
  const { readFile } = await import("node:fs/promises");
  const fixture = (path) => new URL(`../tests/fixtures/${path}`, import.meta.url).pathname;
  const example = JSON.parse(await readFile(fixture("drafts/v3/example.json"), "utf8"));
  const wrong = structuredClone(example);
  wrong.data.project.implementing_unit = "某某街道办事处";
  wrong.data.claimed.total = "95";
  await page.goto(`${server.url}#/review`);
  await waitForApp(page);
  await page.getByTestId("review-files").setInputFiles([
    { name: "西永街道-应急管理项目.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(example)) },
    { name: "某某街道-应急管理项目.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(wrong)) },
    { name: "社区居家养老服务补助项目.json", mimeType: "application/json", buffer: await readFile(fixture("drafts/v3/full.json")) },
    { name: "农业技术推广站-自评表.xlsx", mimeType: "application/octet-stream", buffer: await readFile(fixture("office/placeholders.xlsx")) },
    { name: "损坏的文件.json", mimeType: "application/json", buffer: Buffer.from("{\"type\": \"jixiao-draft\", \"data\": {") },
  ]);
  await page.getByTestId("review-counts").filter({ hasText: "共 5 项" }).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: `${out}/review.png` });
  console.log(`${out}/review.png`);
  await page.getByTestId("review-row").filter({ hasText: "社区居家养老" }).getByTestId("review-open").click();
  await page.getByTestId("opened-project").waitFor();
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${out}/review-opened.png` });
  console.log(`${out}/review-opened.png`);
  // 125 % scaling: the live figures become a bar above the table, in view while the last row is edited.
  await page.setViewportSize({ width: 1093, height: 614 });
  await page.goto(`${server.url}#/indicators`);
  await waitForApp(page);
  await page.getByLabel("指标11 实际完成值").focus();
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${out}/indicators-1093.png` });
  console.log(`${out}/indicators-1093.png`);
  // What a browser too old for the app shows (here: as if it had no WebAssembly).
  const old = await launch();
  try {
    await old.page.addInitScript(() => { delete window.WebAssembly; });
    await old.page.goto(server.url);
    await old.page.locator("#unsupported").waitFor();
    await old.page.screenshot({ path: `${out}/unsupported.png` });
    console.log(`${out}/unsupported.png`);
  } finally {
    await old.close();
  }
} finally {
  await browser.close();
  await server.close();
}
