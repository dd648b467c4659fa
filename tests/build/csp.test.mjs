// scripts/lib/csp.mjs: the two policy tags and the hashes in them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { inlineScripts, policies, withPolicies } from "../../scripts/lib/csp.mjs";

const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8" />
<script>var a = 1;</script>
<script type="module">import x from './x.js';</script>
<script src="./ext.js"></script>
<style>body{color:red}</style>
</head><body><script type="application/octet-stream" id="d">AAAA</script><script type="text/plain">not run</script></body></html>`;

const hash = (s) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;

test("only scripts a browser runs are hashed, each exactly as written", () => {
  assert.deepEqual(inlineScripts(PAGE), ["var a = 1;", "import x from './x.js';"]);
  const { strict } = policies(PAGE, "web");
  assert.ok(strict.includes(hash("var a = 1;")));
  assert.ok(strict.includes(hash("import x from './x.js';")));
  assert.ok(!strict.includes(hash("AAAA")) && !strict.includes(hash("not run")));
});

test("web: own files only; file: nothing outside the file, worker from blob:, style by hash", () => {
  const web = policies(PAGE, "web");
  assert.match(web.strict, /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.match(web.strict, /style-src 'self'/);
  assert.match(web.floor, /connect-src 'self'/);
  assert.doesNotMatch(web.floor, /script-src|default-src/, "the floor must let Chromium 86–96 compile WebAssembly");
  const file = policies(PAGE, "file");
  assert.match(file.strict, /worker-src blob:/);
  assert.match(file.floor, /connect-src 'none'/);
  assert.ok(file.strict.includes(`style-src ${hash("body{color:red}")}`));
  for (const p of [web.floor, web.strict, file.floor, file.strict]) assert.doesNotMatch(p, /'unsafe-eval'|'unsafe-inline'/);
});

test("the tags go right after <meta charset>, once", () => {
  const html = withPolicies(PAGE, "web");
  assert.match(html, /<meta charset="utf-8" \/>\n {4}<meta http-equiv="Content-Security-Policy" content="[^"]+" \/>\n {4}<meta name="jixiao-csp"/);
  assert.throws(() => withPolicies(html, "web"), /already has a policy/);
});
