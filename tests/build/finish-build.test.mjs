// scripts/finish-build.mjs (the Trunk hook): policy tags in index.html, sw.js's file list and a
// version that changes with any file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, copyFile, mkdtemp, rm } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;

async function build(dir, font) {
  await writeFile(join(dir, "index.html"), '<html><head><meta charset="utf-8" /><script>go()</script></head></html>');
  await copyFile(join(root, "web/sw.js"), join(dir, "sw.js"));
  await writeFile(join(dir, "jixiao-app-0123456789abcdef_bg.wasm"), "wasm");
  await writeFile(join(dir, "font.ttf"), font);
  await writeFile(join(dir, "web.config"), "<configuration/>");
  execFileSync("node", [join(root, "scripts/finish-build.mjs"), dir], { stdio: "pipe" });
  const sw = await readFile(join(dir, "sw.js"), "utf8");
  return { html: await readFile(join(dir, "index.html"), "utf8"), build: JSON.parse(/^const BUILD = (.*);$/m.exec(sw)[1]) };
}

test("the page gets its policy; sw.js keeps every file but itself and web.config, under a version of their content", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-finish-"));
  try {
    const first = await build(dir, "font v1");
    assert.match(first.html, /<meta name="jixiao-csp" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    assert.deepEqual(first.build.files, ["./font.ttf", "./index.html", "./jixiao-app-0123456789abcdef_bg.wasm"]);
    assert.match(first.build.version, /^[0-9a-f]{16}$/);
    const same = await build(dir, "font v1");
    assert.equal(same.build.version, first.build.version, "same files, same version");
    const changed = await build(dir, "font v2");
    assert.notEqual(changed.build.version, first.build.version, "a changed font is a new version");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
