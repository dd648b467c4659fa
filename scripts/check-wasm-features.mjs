// Fails unless every .wasm in DIST validates with only the WebAssembly features of the minimum
// browser core, Chromium 86 (README "浏览器要求"): binaryen's validator with exactly those
// features enabled rejects any instruction or type from another one (e.g. externref from
// reference-types, which Chromium 86 lacks; .cargo/config.toml keeps it out of the build).
// The same list is what web/boot.js probes for (tests/build/boot.test.mjs keeps them equal).
// Usage: node scripts/check-wasm-features.mjs [DIST]     (wasm-opt from node_modules/.bin)
import { readdir } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** Binaryen's flag for each feature Chromium 86 has (and the version that shipped it). */
export const MINIMUM_CORE_FEATURES = {
  "sign-ext": "--enable-sign-ext", // 74
  "mutable-globals": "--enable-mutable-globals", // 74
  "bulk-memory": "--enable-bulk-memory", // 75 (memory.copy/fill and the segment instructions)
  "bulk-memory-opt": "--enable-bulk-memory-opt", // binaryen's name for memory.copy/fill alone
  "nontrapping-fptoint": "--enable-nontrapping-float-to-int", // 75
  multivalue: "--enable-multivalue", // 85
};

/** null if `file` runs on the minimum core, else binaryen's complaint. */
export function violations(file) {
  try {
    execFileSync("wasm-opt", [file, "--mvp-features", ...Object.values(MINIMUM_CORE_FEATURES), "-o", "/dev/null"], {
      stdio: "pipe",
      maxBuffer: 64 << 20,
    });
    return null;
  } catch (e) {
    const lines = String(e.stderr).split("\n").filter((l) => l && !l.startsWith("warning: no passes"));
    return lines.slice(0, 6).join("\n") || e.message;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? "dist";
  const files = (await readdir(dist)).filter((f) => f.endsWith(".wasm"));
  if (files.length === 0) throw new Error(`check-wasm-features: no .wasm in ${dist}`);
  let failed = false;
  for (const f of files) {
    const problem = violations(join(dist, f));
    console.log(`check-wasm-features: ${f}: ${problem ? "USES A FEATURE CHROMIUM 86 LACKS" : "ok for Chromium 86"}`);
    if (problem) {
      console.error(problem);
      failed = true;
    }
  }
  if (failed) process.exit(1);
}
