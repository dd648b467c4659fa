// Writes DIST/jixiao.html: the whole app in one file that works when double-clicked (file://),
// from a USB stick or an e-mail attachment, with no network and no files next to it.
// Run by `make dist` after `trunk build --release` (needs the finished dist/ of that build).
//
//   - the stylesheet and web/boot.js inline (as in dist/index.html);
//   - one inline module script: the app's wasm-bindgen JS + web/single-file/start.js;
//   - the app wasm, the PDF worker's wasm and the font as gzip + base64 in inert
//     <script type="application/octet-stream"> blocks, inflated in the browser
//     (DecompressionStream); the PDF worker's JS + web/single-file/worker.js as a text block
//     that the page turns into a Blob URL worker;
//   - its own Content-Security-Policy (scripts/lib/csp.mjs, kind "file").
//
// Usage: node scripts/make-single-file.mjs [DIST]    Only Node built-ins.
import { readFile, writeFile } from "node:fs/promises";
import { gzipSync, constants } from "node:zlib";
import { join } from "node:path";
import { withPolicies } from "./lib/csp.mjs";

const dist = process.argv[2] ?? "dist";
const root = new URL("..", import.meta.url).pathname;
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

const base64Gzip = (bytes) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).toString("base64");
const block = (id, type, content) => `<script type="${type}" id="${id}">${content}</script>\n`;

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
const module = scriptSafe(`${glue}\n${await web("single-file/start.js")}`, "the app's JS");
html = replaceOnce(html, start, `<script type="module">${module}</script>`, "start script");

const wasmName = glueName.replace(/\.js$/, "_bg.wasm");
const workerJs = scriptSafe(`${await text("jixiao-pdf-worker.js")}\n${await web("single-file/worker.js")}`, "the PDF worker's JS");
const data =
  block("jixiao-app-wasm", "application/octet-stream", base64Gzip(await read(wasmName))) +
  block("jixiao-pdf-worker-wasm", "application/octet-stream", base64Gzip(await read("jixiao-pdf-worker_bg.wasm"))) +
  block("jixiao-font", "application/octet-stream", base64Gzip(await read("NotoSerifSC-Regular.subset.ttf"))) +
  block("jixiao-pdf-worker-js", "text/plain", workerJs);
html = replaceOnce(html, /<\/body>/, `${data}</body>`, "</body>");

html = withPolicies(html, "file");
const out = join(dist, "jixiao.html");
await writeFile(out, html);
console.log(`make-single-file: ${out} ${Buffer.byteLength(html).toLocaleString("en")} bytes`);
