// Screenshots of every step at 1366×768 (docs/screenshots/), for the README.
// Run after a build: node scripts/screenshots.mjs [outdir]
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
  await page.screenshot({ path: `${out}/empty.png` });
  await newDraftFromExample(page);
  for (const step of ["drafts", "project", "funds", "goals", "indicators", "summary", "check", "export"]) {
    await page.goto(`${server.url}#/${step}`);
    await waitForApp(page);
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${out}/${step}.png` });
    console.log(`${out}/${step}.png`);
  }
} finally {
  await browser.close();
  await server.close();
}
