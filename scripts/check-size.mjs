// Size budget, run by `make test`: measures the built files and fails, with the numbers, when
// one is over its limit in BENCHMARKS.md ("## Static build and single file", the rows whose
// first cell is a budget name in backquotes, e.g. | `first-load-gzip` | … | 480 000 |).
// Usage: node scripts/check-size.mjs [DIST]     Prints every measured size either way.
import { readFile, readdir } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const dist = process.argv[2] ?? "dist";
const root = new URL("..", import.meta.url).pathname;
// GNU gzip -9, as the other size figures in BENCHMARKS.md (Node's zlib comes out ~1 % larger).
const gzip = async (name) => execFileSync("gzip", ["-9c", join(dist, name)], { maxBuffer: 64 << 20 }).length;
const raw = async (name) => (await readFile(join(dist, name))).length;

const files = await readdir(dist);
const one = (re, what) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`check-size: expected one ${what} in ${dist}, found ${found.length}`);
  return found[0];
};
const appWasm = one(/^jixiao-app-[0-9a-f]+_bg\.wasm$/, "app wasm");
const appJs = one(/^jixiao-app-[0-9a-f]+\.js$/, "app JS");
const css = one(/^main-[0-9a-f]+\.css$/, "stylesheet");

// What the page fetches before the app is ready (the rest waits for the service worker or the
// first PDF export): the page, its stylesheet, the app's JS with the loader of its parts
// (scripts/split-app.mjs) and the app's main wasm.
const loader = files.filter((f) => /^__wasm_split-[0-9a-f]+\.js$/.test(f));
const firstLoad = {};
for (const f of ["index.html", css, appJs, ...loader, appWasm]) firstLoad[f] = await gzip(f);
const sum = (values) => values.reduce((a, b) => a + b, 0);

// Each page's parts, as the loader lists them: its split_*.wasm and the chunk_*.wasm it waits
// for, with those of the scoring engine (src/engine.rs), which every page waits for too. Printed
// for BENCHMARKS.md: the first page a user sees is the first load and one of these.
const parts = {};
const pages = {};
if (loader.length) {
  const js = await readFile(join(dist, loader[0]), "utf8");
  const chunks = Object.fromEntries([...js.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.-]+)"/g)].map((m) => [m[1], m[2]]));
  for (const m of js.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.-]+)"[\s\S]*?\n, \[([^\]]*)\]\)\);/g)) {
    const deps = m[3].split(",").map((d) => d.trim()).filter(Boolean).map((d) => chunks[d]);
    if (deps.includes(undefined)) throw new Error(`check-size: the parts' loader: a chunk of ${m[1]} is not listed`);
    parts[m[1]] = [m[2], ...deps];
  }
  if (Object.keys(parts).length === 0) throw new Error("check-size: the parts' loader lists no parts");
  for (const [name, own] of Object.entries(parts)) {
    const all = [...new Set([...own, ...(parts.engine ?? [])])];
    pages[name] = { files: all.length, gzip: sum(await Promise.all(all.map(gzip))) };
  }
}
const measured = {
  "first-load-gzip": sum(Object.values(firstLoad)),
  "single-file-bytes": await raw("jixiao.html"),
};

const fmt = (n) => n.toLocaleString("en").replace(/,/g, " ");
for (const [f, n] of Object.entries(firstLoad)) console.log(`  first load, gzip -9: ${f.padEnd(40)} ${fmt(n).padStart(10)}`);
for (const [p, { files, gzip }] of Object.entries(pages)) {
  console.log(`  part ${p.padEnd(12)} gzip -9: ${fmt(gzip).padStart(10)} in ${files} files (with the engine's); with the first load ${fmt(gzip + measured["first-load-gzip"])}`);
}
for (const f of ["jixiao-pdf-worker_bg.wasm", "jixiao-pdf-worker.js", "NotoSerifSC-Regular.subset.ttf", "sw.js"]) {
  console.log(`  later, gzip -9:      ${f.padEnd(40)} ${fmt(await gzip(f)).padStart(10)}`);
}

const budgets = new Map();
const benchmarks = await readFile(join(root, "BENCHMARKS.md"), "utf8");
for (const m of benchmarks.matchAll(/^\| `([a-z-]+)` \|[^|\n]*\| *([\d  ]+) *\|/gm)) {
  budgets.set(m[1], Number(m[2].replace(/[  ]/g, "")));
}
let over = false;
for (const [name, size] of Object.entries(measured)) {
  const limit = budgets.get(name);
  if (limit === undefined) throw new Error(`check-size: no budget for \`${name}\` in BENCHMARKS.md`);
  const verdict = size <= limit ? "ok" : `OVER BUDGET by ${fmt(size - limit)} bytes`;
  console.log(`check-size: ${name}: ${fmt(size)} bytes, budget ${fmt(limit)}: ${verdict}`);
  over ||= size > limit;
}
if (over) {
  console.error("check-size: a size is over its budget. Find what grew, or raise the budget in BENCHMARKS.md with the reason.");
  process.exit(1);
}
