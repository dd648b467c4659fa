// scripts/check-size.mjs passes files within the budgets in BENCHMARKS.md and fails, with the
// numbers, when one is over.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;

async function fakeDist(appWasm) {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-size-"));
  const files = {
    "index.html": "<html></html>",
    "main-0123456789abcdef.css": "body{}",
    "jixiao-app-0123456789abcdef.js": "export default 1;",
    "jixiao-app-0123456789abcdef_bg.wasm": appWasm,
    "jixiao-pdf-worker_bg.wasm": "w",
    "jixiao-pdf-worker.js": "w",
    "NotoSerifSC-Regular.subset.ttf": "f",
    "sw.js": "s",
    "jixiao.html": "<html></html>",
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

const run = (dir) => spawnSync("node", [join(root, "scripts/check-size.mjs"), dir], { encoding: "utf8" });

test("small files pass", async () => {
  const dir = await fakeDist("tiny");
  try {
    const r = run(dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /first-load-gzip: \d+ bytes, budget [\d ]+: ok/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("an app wasm that does not compress below the first-load budget fails with the numbers", async () => {
  const dir = await fakeDist(randomBytes(700_000));
  try {
    const r = run(dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /first-load-gzip: 7\d\d \d{3} bytes, budget [\d ]+: OVER BUDGET by [\d ]+ bytes/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
