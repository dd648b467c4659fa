// scripts/lib/wasm-elements.mjs: the `ref.null` table segments wasm-split writes into the main
// module are dropped, everything else is kept byte for byte, and the result runs on the minimum
// core (binaryen's validator with Chromium 86's features).
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropNullElementSegments } from "../../scripts/lib/wasm-elements.mjs";
import { violations } from "../../scripts/check-wasm-features.mjs";

const section = (id, ...content) => [id, content.length, ...content];
/** A module with one function `f` (exported), an exported table of 4, and the given element segments. */
function module(...segments) {
  const elements = segments.flat();
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, 1, 0x60, 0, 0), // type 0: [] -> []
    ...section(3, 1, 0), // function 0 has type 0
    ...section(4, 1, 0x70, 0x00, 4), // table: funcref, at least 4
    ...section(7, 2, 1, 0x74, 0x01, 0, 1, 0x66, 0x00, 0), // export "t" table 0, "f" func 0
    ...section(9, segments.length, ...elements),
    ...section(10, 1, 2, 0, 0x0b), // code: no locals, end
  ]);
}
const functionsAt0 = [0x02, 0x00, 0x41, 0x00, 0x0b, 0x00, 1, 0x00]; // kind 2: table 0, at 0, [f]
const nullsAt2 = [0x06, 0x00, 0x41, 0x02, 0x0b, 0x70, 2, 0xd0, 0x70, 0x0b, 0xd0, 0x70, 0x0b]; // kind 6: [null, null] at 2
const refFuncAt3 = [0x06, 0x00, 0x41, 0x03, 0x0b, 0x70, 1, 0xd2, 0x00, 0x0b]; // kind 6: [ref.func f] at 3

async function onMinimumCore(bytes) {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-elements-"));
  try {
    await writeFile(join(dir, "m.wasm"), bytes);
    return violations(join(dir, "m.wasm"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("the null segments go, the function segment stays, and Chromium 86's features suffice", async () => {
  const input = module(functionsAt0, nullsAt2);
  assert.ok(WebAssembly.validate(input));
  assert.match(await onMinimumCore(input), /non-null funcrefs/);
  const { wasm, dropped } = dropNullElementSegments(input);
  assert.equal(dropped, 1);
  assert.equal(await onMinimumCore(wasm), null);
  const { exports } = (await WebAssembly.instantiate(wasm)).instance;
  assert.equal(exports.t.length, 4, "the table keeps its size");
  assert.equal(exports.t.get(0), exports.f);
  assert.equal(exports.t.get(2), null);
  assert.deepEqual(Buffer.from(dropNullElementSegments(wasm).wasm), Buffer.from(wasm), "nothing more to drop");
});

test("a segment of expressions with a function in it is kept", () => {
  const input = module(functionsAt0, refFuncAt3, nullsAt2);
  const { wasm, dropped } = dropNullElementSegments(input);
  assert.equal(dropped, 1);
  assert.equal(wasm.length, input.length - nullsAt2.length);
});

test("what it cannot read is refused, not guessed", () => {
  assert.throws(() => dropNullElementSegments(Buffer.from("not wasm")), /not a WebAssembly module/);
  const whole = module(functionsAt0, nullsAt2);
  assert.throws(() => dropNullElementSegments(whole.subarray(0, whole.length - 3)), /truncated section/);
  const unknownKind = module(functionsAt0, [0x08, ...nullsAt2.slice(1)]);
  assert.throws(() => dropNullElementSegments(unknownKind), /unknown element segment kind 8/);
});
