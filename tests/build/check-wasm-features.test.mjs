// scripts/check-wasm-features.mjs fails a module that uses a feature Chromium 86 lacks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { violations } from "../../scripts/check-wasm-features.mjs";

async function wasm(dir, name, wat) {
  await writeFile(join(dir, `${name}.wat`), wat);
  execFileSync("wasm-as", ["--all-features", join(dir, `${name}.wat`), "-o", join(dir, `${name}.wasm`)]);
  return join(dir, `${name}.wasm`);
}

test("externref (reference-types, Chromium 96) is refused; multi-value and memory.copy pass", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-features-"));
  try {
    const externref = await wasm(dir, "externref", '(module (table 1 externref) (func (export "f") (result externref) (ref.null extern)))');
    assert.match(violations(externref) ?? "", /reference-types|externref|table/);
    const ok = await wasm(
      dir,
      "ok",
      '(module (memory 1) (func (export "f") (result i32 i32) (memory.copy (i32.const 0) (i32.const 8) (i32.const 4)) (i32.const 1) (i32.extend8_s (i32.const 2))))',
    );
    assert.equal(violations(ok), null);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
