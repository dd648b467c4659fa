// Writes DIST/jixiao.html: the whole app in one file that works when double-clicked (file://),
// from a USB stick or an e-mail attachment, with no network and no files next to it.
// Run by `make dist` after `trunk build --release` (needs the finished dist/ of that build).
//
//   - the stylesheet and web/boot.js inline (as in dist/index.html);
//   - one inline module script: the loader of the app's parts (dist/__wasm_split-HASH.js, made
//     to read them from the page), the app's wasm-bindgen JS + web/single-file/base122.js,
//     unbrotli.js and start.js;
//   - five binaries compressed and written as text (scripts/lib/base122.mjs: 8 bits of data in
//     ~1.14 bytes of UTF-8, base64 needs 1.33) in inert <script type="application/octet-stream">
//     blocks: the app wasm as gzip, which the page inflates at once with the browser's
//     DecompressionStream; the app's parts loaded on demand (src/lazy.rs) as one brotli block,
//     decompressed when the first one is needed; the brotli decoder (crates/unbrotli) as gzip;
//     the PDF worker's wasm and the font as brotli (~20 % smaller than gzip), which the worker decompresses with that
//     decoder and with its own wasm; the PDF worker's JS + base122.js, unbrotli.js and worker.js
//     as gzip, which the page inflates while it starts and turns into a Blob URL worker;
//   - its own Content-Security-Policy (scripts/lib/csp.mjs, kind "file").
//
// Usage: node scripts/make-single-file.mjs [DIST]    Only Node built-ins, and wasm-opt.
// The brotli decoder must have been built first (`make dist` does).
import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";
import { withPolicies } from "./lib/csp.mjs";
import { encodeBase122 } from "./lib/base122.mjs";
import { MINIMUM_CORE_FEATURES, violations } from "./check-wasm-features.mjs";

const dist = process.argv[2] ?? "dist";
const root = new URL("..", import.meta.url).pathname;
// wasm-opt from npm's binaryen, also when run outside make.
process.env.PATH = `${join(root, "node_modules/.bin")}:${process.env.PATH}`;
const read = (name) => readFile(join(dist, name));
const text = (name) => readFile(join(dist, name), "utf8");
const web = (name) => readFile(join(root, "web", name), "utf8");

/** Replaces exactly one match of `pattern` in `html`, or fails naming what was expected. */
function replaceOnce(html, pattern, replacement, what) {
  const matches = html.match(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g"));
  if (matches?.length !== 1) throw new Error(`make-single-file: expected one ${what} in dist/index.html, found ${matches?.length ?? 0}`);
  return html.replace(pattern, () => replacement);
}

/** Text that goes inside a <script> element: it must not end or confuse it. */
function scriptSafe(source, what) {
  if (/<\/script|<!--/i.test(source)) throw new Error(`make-single-file: ${what} contains </script or <!--`);
  return source;
}

const gzip = (bytes) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
const brotli = (bytes, mode) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_MODE]: mode,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
const block = (id, type, content) => `<script type="${type}" id="${id}">${content}</script>\n`;

/**
 * The standalone brotli decoder (crates/unbrotli, built by `make dist` with its feature
 * "standalone"), optimised for size like Trunk's wasm files and checked against Chromium 86.
 */
async function unbrotliWasm() {
  const built = join(root, "target/wasm32-unknown-unknown/release/jixiao_unbrotli.wasm");
  const dir = await mkdtemp(join(tmpdir(), "jixiao-unbrotli-"));
  try {
    const out = join(dir, "unbrotli.wasm");
    const features = ["--mvp-features", ...Object.values(MINIMUM_CORE_FEATURES)];
    execFileSync("wasm-opt", [built, "-Oz", "--strip-debug", "--strip-producers", ...features, "-o", out], { stdio: "pipe" });
    const complaint = violations(out);
    if (complaint) throw new Error(`make-single-file: the brotli decoder does not run on Chromium 86:\n${complaint}`);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The wasm-bindgen JS's imports of the split loader (scripts/split-app.mjs). */
const SPLIT_IMPORT = /^import \* as (import\d+) from "\.\/__wasm_split-[0-9a-f]+\.js";?\n/gm;
const PART_FETCH = /fetch\(new URL\("\.\/([\w.-]+\.wasm)", import\.meta\.url\)\)/g;

/**
 * The app's parts loaded on demand (scripts/split-app.mjs): `loader`, the parts' loader
 * (dist/__wasm_split-HASH.js) made to run inside the page's module script (its import of the app's JS and its exports gone, the
 * wasm-bindgen JS's `import * as importN` of it defined as constants, and each part read from
 * the page by web/single-file/start.js instead of fetched), and `parts`, every part's bytes one
 * after the other (their places in JIXIAO_PARTS).
 */
async function appParts(glue) {
  const loaderName = / from "\.\/(__wasm_split-[0-9a-f]+\.js)"/.exec(glue)?.[1];
  if (!loaderName) throw new Error("make-single-file: the app's JS does not import the loader of its parts; is it split (scripts/split-app.mjs)?");
  let loader = await text(loaderName);
  const own = /^import \{ initSync \} from "\.\/[^"]+";\n/m;
  if (!own.test(loader)) throw new Error("make-single-file: the parts' loader no longer imports initSync; update appParts");
  loader = loader.replace(own, "");
  const exported = [...loader.matchAll(/^export const (\w+) =/gm)].map((m) => m[1]);
  loader = loader.replace(/^export const /gm, "const ");
  const names = [...new Set([...loader.matchAll(PART_FETCH)].map((m) => m[1]))].sort();
  loader = loader.replace(PART_FETCH, (_, name) => `jixiaoEmbeddedPart(${JSON.stringify(name)})`);
  if (/\bimport\.meta\b|\bexport\b|\bfetch\(/.test(loader)) throw new Error("make-single-file: the parts' loader has an import, export or fetch left");
  const bound = [...glue.matchAll(SPLIT_IMPORT)].map((m) => m[1]);
  if (bound.length === 0 || names.length === 0) throw new Error("make-single-file: the app's JS does not load any part; is it split (scripts/split-app.mjs)?");
  const index = {};
  const bytes = [];
  let at = 0;
  for (const name of names) {
    const part = await read(name);
    index[name] = [at, part.length];
    bytes.push(part);
    at += part.length;
  }
  loader +=
    `const JIXIAO_PARTS = ${JSON.stringify(index)};\n` +
    `const __wasm_split_exports = { ${exported.join(", ")} };\n` +
    bound.map((name) => `const ${name} = __wasm_split_exports;\n`).join("");
  return { loader, parts: Buffer.concat(bytes) };
}

let html = await text("index.html");

// The web build's policy tags: the single file gets its own.
html = html.replace(/\s*<meta (http-equiv="Content-Security-Policy"|name="jixiao-csp") content="[^"]*" \/>/g, "");
html = replaceOnce(html, /<html lang="zh-CN">/, '<html lang="zh-CN" data-single-file="">', "<html> tag");

const cssName = /<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>/.exec(html)?.[1];
if (!cssName) throw new Error("make-single-file: no stylesheet link in dist/index.html");
const css = await text(cssName);
if (/<\/style/i.test(css)) throw new Error("make-single-file: the stylesheet contains </style");
html = replaceOnce(html, /<link rel="stylesheet" href="[^"]+"[^>]*>/, `<style>${css}</style>`, "stylesheet link");
// Preloads of files that are now inside the page.
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, "");

const start = /<script type="module">import init from '\.\/([^']+\.js)';[^<]*<\/script>/;
const glueName = start.exec(html)?.[1];
if (!glueName) throw new Error("make-single-file: no start script (Trunk.toml pattern_script) in dist/index.html");
const glue = await text(glueName);
if (!/export \{ initSync, __wbg_init as default \};/.test(glue)) {
  throw new Error("make-single-file: the wasm-bindgen JS no longer exports __wbg_init; update web/single-file/start.js");
}
const { loader, parts } = await appParts(glue);
const module = scriptSafe(
  `${loader}\n${glue.replace(SPLIT_IMPORT, "")}\n${await web("single-file/base122.js")}\n${await web("single-file/unbrotli.js")}\n${await web("single-file/start.js")}`,
  "the app's JS",
);
html = replaceOnce(html, start, `<script type="module">${module}</script>`, "start script");

const wasmName = glueName.replace(/\.js$/, "_bg.wasm");
const workerJs = `${await text("jixiao-pdf-worker.js")}\n${await web("single-file/base122.js")}\n${await web("single-file/unbrotli.js")}\n${await web("single-file/worker.js")}`;
const fmt = (n) => n.toLocaleString("en").replace(/,/g, " ");
/** An embedded binary's block, its sizes printed for BENCHMARKS.md ("What is in them"). */
function binary(id, bytes, method, compress) {
  const compressed = compress(bytes);
  const encoded = encodeBase122(compressed);
  console.log(`  ${id.padEnd(24)} ${fmt(bytes.length).padStart(10)} raw, ${method} ${fmt(compressed.length).padStart(10)}, as text ${fmt(Buffer.byteLength(encoded)).padStart(10)}`);
  return block(id, "application/octet-stream", encoded);
}
const data =
  binary("jixiao-app-wasm", await read(wasmName), "gzip  ", gzip) +
  binary("jixiao-app-parts", parts, "brotli", (b) => brotli(b, constants.BROTLI_MODE_GENERIC)) +
  binary("jixiao-unbrotli-wasm", await unbrotliWasm(), "gzip  ", gzip) +
  binary("jixiao-pdf-worker-wasm", await read("jixiao-pdf-worker_bg.wasm"), "brotli", (b) => brotli(b, constants.BROTLI_MODE_GENERIC)) +
  binary("jixiao-font", await read("NotoSerifSC-Regular.subset.ttf"), "brotli", (b) => brotli(b, constants.BROTLI_MODE_FONT)) +
  binary("jixiao-pdf-worker-js", Buffer.from(workerJs), "gzip  ", gzip);
html = replaceOnce(html, /<\/body>/, `${data}</body>`, "</body>");

html = withPolicies(html, "file");
const out = join(dist, "jixiao.html");
await writeFile(out, html);
console.log(`make-single-file: ${out} ${Buffer.byteLength(html).toLocaleString("en")} bytes`);
