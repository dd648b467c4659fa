// Trunk post_build hook (Trunk.toml): finishes the page Trunk just built, before Trunk moves it
// to dist/, so `make run`, `make build` and `make dist` all serve the same thing:
//   1. the Content-Security-Policy tags, with the hashes of the inline scripts (scripts/lib/csp.mjs);
//   2. sw.js: the service worker with this build's version and the files to keep offline.
// Usage: node scripts/finish-build.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR)
import { readFile, writeFile, readdir } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { withPolicies } from "./lib/csp.mjs";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("usage: node scripts/finish-build.mjs DIR (or run as a Trunk hook)");

const indexPath = join(dir, "index.html");
await writeFile(indexPath, withPolicies(await readFile(indexPath, "utf8"), "web"));

// Everything Trunk wrote is needed offline: the page, the app, the PDF worker and the font.
// Not sw.js itself, jixiao.html (written later by make-single-file.mjs, a download only) nor
// web.config (IIS's settings; IIS does not serve it).
const NOT_KEPT = new Set(["sw.js", "jixiao.html", "web.config"]);
const files = (await readdir(dir)).filter((f) => !NOT_KEPT.has(f)).sort();
const version = createHash("sha256");
for (const f of files) version.update(f).update(await readFile(join(dir, f)));
const build = { version: version.digest("hex").slice(0, 16), files: files.map((f) => `./${f}`) };

const swPath = join(dir, "sw.js");
const sw = await readFile(swPath, "utf8");
const placeholder = /^const BUILD = \{ version: "dev", files: \[\] \};.*$/m;
if (!placeholder.test(sw)) throw new Error("sw.js: the BUILD placeholder line is missing");
await writeFile(swPath, sw.replace(placeholder, `const BUILD = ${JSON.stringify(build)};`));
console.log(`finish-build: policy in index.html; sw.js version ${build.version}, ${files.length} files`);
