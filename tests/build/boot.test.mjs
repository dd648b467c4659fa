// web/boot.js's browser check: each WebAssembly probe needs exactly the feature it names, and
// the probes cover exactly the features the build allows (.cargo/config.toml) and checks
// (scripts/check-wasm-features.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINIMUM_CORE_FEATURES } from "../../scripts/check-wasm-features.mjs";

const root = new URL("../..", import.meta.url).pathname;
const boot = await readFile(join(root, "web/boot.js"), "utf8");
const probes = [...boot.matchAll(/\["[^"]+", "([a-z-]+)", "([0-9a-f]+)"\]/g)].map((m) => ({ feature: m[1], bytes: Buffer.from(m[2], "hex") }));

function validates(file, flags) {
  try {
    execFileSync("wasm-opt", [file, ...flags, "-o", "/dev/null"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

test("each probe is valid for V8, invalid without its feature and valid with only it (binaryen)", async () => {
  assert.equal(probes.length, 5);
  const dir = await mkdtemp(join(tmpdir(), "jixiao-probe-"));
  try {
    for (const { feature, bytes } of probes) {
      const file = join(dir, `${feature}.wasm`);
      await writeFile(file, bytes);
      assert.ok(WebAssembly.validate(bytes), `${feature}: V8 accepts it`);
      assert.equal(validates(file, ["--mvp-features"]), false, `${feature}: needs a feature`);
      assert.ok(validates(file, ["--mvp-features", MINIMUM_CORE_FEATURES[feature]]), `${feature}: needs only ${feature}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the probes, the wasm check and the linker's feature list name the same features", async () => {
  const config = await readFile(join(root, ".cargo/config.toml"), "utf8");
  const linked = /link-arg=--features=([a-z,-]+)/.exec(config)[1].split(",").sort();
  assert.deepEqual(linked, Object.keys(MINIMUM_CORE_FEATURES).sort());
  // bulk-memory-opt is binaryen's and LLVM's name for a part of bulk-memory: one probe covers both.
  assert.deepEqual(probes.map((p) => p.feature).sort(), linked.filter((f) => f !== "bulk-memory-opt"));
  assert.match(config, /target-feature=-reference-types/);
});
