// Trunk post_build hook (Trunk.toml), before finish-build.mjs: replaces the app's wasm and JS
// that Trunk built with the same app split into parts, so that the first load carries only what
// the first page needs (BENCHMARKS.md "What is in the first load").
//
// Trunk 0.21 cannot split a wasm module, so this takes the module cargo linked for Trunk
// (linked with `--emit-relocs`, .cargo/config.toml) and runs:
//   1. wasm-split-cli (crates.io `wasm_split_cli_support`, installed by scripts/setup.sh): the
//      functions marked `#[wasm_split(...)]` (src/lazy.rs) and all code only they reach go to
//      one .wasm file per split point (`split_*.wasm`; code shared by several split points but
//      not by the main module to `chunk_*.wasm`), plus `__wasm_split.js`, which loads a part
//      on its first call;
//   2. scripts/lib/wasm-elements.mjs on the main module: drops the `ref.null` table segments
//      wasm-split writes, which need a feature Chromium 86 lacks;
//   3. wasm-bindgen (the same version as Trunk's) on the main module, as Trunk does, but keeping
//      the exports the linker made (the function table, which the parts fill in and call through);
//   4. wasm-opt -Oz on every part, with exactly Chromium 86's features.
// The result replaces Trunk's files of the same names; the page's start script is unchanged. The
// parts and the loader get names with a hash of their content, as Trunk's files have.
//
// Usage: node scripts/split-app.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR; the profile is
// $TRUNK_PROFILE, default release)
import { readFile, writeFile, readdir, mkdtemp, rm, copyFile, stat } from "node:fs/promises";
import { execFileSync, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { dropNullElementSegments } from "./lib/wasm-elements.mjs";
import { MINIMUM_CORE_FEATURES } from "./check-wasm-features.mjs";

const root = new URL("..", import.meta.url).pathname;
process.env.PATH = `${join(root, "node_modules/.bin")}:${process.env.HOME}/.cargo/bin:${process.env.PATH}`;

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("usage: node scripts/split-app.mjs DIR (or run as a Trunk hook)");
const profile = process.env.TRUNK_PROFILE === "debug" ? "debug" : "release";
const linked = join(root, "target/wasm32-unknown-unknown", profile, "jixiao-app.wasm");

const html = await readFile(join(dir, "index.html"), "utf8");
const glue = /import init from '\.\/([^']+)\.js'/.exec(html)?.[1];
if (!glue) throw new Error("split-app: no start script (Trunk.toml pattern_script) in index.html");

/** `name` with the first 16 hex digits of its content's SHA-256 before the extension. */
const hashedName = (name, content) =>
  name.replace(/(\.\w+)$/, `-${createHash("sha256").update(content).digest("hex").slice(0, 16)}$1`);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 << 20 });
/** wasm-opt -Oz in a release build. Its warning about the name subsection wasm-split writes (which
 * binaryen does not know and drops) is left out of the build's output; anything else is shown. */
function optimise(from, to) {
  if (profile !== "release") return copyFile(from, to);
  const args = [from, "-Oz", "--strip-debug", "--strip-producers", "--mvp-features", ...Object.values(MINIMUM_CORE_FEATURES), "-o", to];
  const r = spawnSync("wasm-opt", args, { encoding: "utf8", maxBuffer: 64 << 20 });
  const said = (r.stderr ?? "").split("\n").filter((l) => l && !/^warning: unknown name subsection with id 3 at \d+$/.test(l));
  if (said.length) console.error(said.join("\n"));
  if (r.status !== 0) throw new Error(`split-app: wasm-opt failed on ${from}: ${r.error?.message ?? `exit ${r.status}`}`);
}

const tmp = await mkdtemp(join(tmpdir(), "jixiao-split-"));
try {
  const parts = join(tmp, "parts");
  run("wasm-split-cli", [linked, parts, "--out-name", glue]);
  const main = join(parts, `${glue}.wasm`);
  const { wasm, dropped } = dropNullElementSegments(await readFile(main));
  await writeFile(main, wasm);

  const bound = join(tmp, "bound");
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-lld-exports", "--out-dir", bound, "--out-name", glue, main]);
  const unexpected = (await readdir(bound)).filter((f) => f !== `${glue}.js` && f !== `${glue}_bg.wasm`);
  if (unexpected.length) throw new Error(`split-app: wasm-bindgen also wrote ${unexpected.join(", ")}; copy them too`);
  await optimise(join(bound, `${glue}_bg.wasm`), join(dir, `${glue}_bg.wasm`));

  // Every part under a name that changes with its content, like Trunk's files: web/sw.js keeps
  // such files cache-first, and a page still open from an older build can never run a newer
  // build's part (it asks for names the new build does not have, and says the step did not load).
  let loader = await readFile(join(parts, "__wasm_split.js"), "utf8");
  const written = [];
  for (const f of (await readdir(parts)).filter((f) => f.endsWith(".wasm") && f !== `${glue}.wasm`).sort()) {
    const optimised = join(tmp, f);
    await optimise(join(parts, f), optimised);
    const named = hashedName(f, await readFile(optimised));
    if (!loader.includes(`"./${f}"`)) throw new Error(`split-app: __wasm_split.js does not load ${f}`);
    loader = loader.replaceAll(`"./${f}"`, `"./${named}"`);
    await copyFile(optimised, join(dir, named));
    written.push(named);
  }
  const loaderName = hashedName("__wasm_split.js", loader);
  await writeFile(join(dir, loaderName), loader);
  const js = await readFile(join(bound, `${glue}.js`), "utf8");
  const imports = js.match(/ from "\.\/__wasm_split\.js"/g)?.length ?? 0;
  if (imports === 0) throw new Error("split-app: the app's JS does not import __wasm_split.js");
  await writeFile(join(dir, `${glue}.js`), js.replaceAll(' from "./__wasm_split.js"', ` from "./${loaderName}"`));

  const size = async (f) => (await stat(join(dir, f))).size.toLocaleString("en");
  const listed = await Promise.all([`${glue}_bg.wasm`, ...written].map(async (f) => `${f} ${await size(f)}`));
  console.log(`split-app: ${listed.join(", ")}, ${loaderName} (${dropped} null table segment(s) dropped)`);
} finally {
  await rm(tmp, { recursive: true, force: true });
}
