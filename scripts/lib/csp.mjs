// The Content-Security-Policy of the built page (dist/index.html) and of the single file
// (jixiao.html), as two <meta> tags:
//
//   <meta http-equiv="Content-Security-Policy" content=FLOOR>  in the page, for every browser:
//       restricts where anything is fetched from or sent to, but not scripts;
//   <meta name="jixiao-csp" content=STRICT>  applied by web/boot.js on cores that understand
//       'wasm-unsafe-eval' (Chromium 97+): default-src 'self', scripts only from the page's own
//       files and the hashed inline scripts, WebAssembly allowed, no 'unsafe-eval', no
//       'unsafe-inline'.
//
// Two because Chromium 86–96 (360安全浏览器 13 …) refuse to compile WebAssembly under any policy
// whose script-src lacks 'unsafe-eval'; they would show a blank page under STRICT. Where both
// apply, a browser enforces both (the intersection), which is STRICT.
import { createHash } from "node:crypto";

export const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

const EXECUTABLE = new Set(["", "module", "text/javascript", "application/javascript"]);

/** The contents of the inline <script> elements that a browser would run. */
export function inlineScripts(html) {
  const scripts = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1];
    if (/\ssrc\s*=/.test(attrs)) continue;
    const type = /\stype\s*=\s*"([^"]*)"/.exec(attrs)?.[1] ?? "";
    if (EXECUTABLE.has(type.trim().toLowerCase())) scripts.push(m[2]);
  }
  return scripts;
}

/** The contents of the inline <style> elements. */
export function inlineStyles(html) {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
}

/**
 * The two policies for `html`. `kind` is "web" (dist/: files next to the page, a same-origin
 * worker and service worker) or "file" (jixiao.html: nothing outside the file; the PDF worker
 * from a blob: URL; styles inline, by hash).
 */
export function policies(html, kind) {
  const scripts = inlineScripts(html).map(sha256);
  const styles = kind === "file" ? inlineStyles(html).map(sha256).join(" ") : "'self'";
  const worker = kind === "file" ? "blob:" : "'self'";
  const own = kind === "file" ? "'none'" : "'self'";
  const shared = [
    `style-src ${styles}`,
    "img-src 'self' data:", // the empty data: favicon
    `worker-src ${worker}`,
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  const floor = [`connect-src ${own}`, `font-src ${own}`, "media-src 'none'", `manifest-src ${own}`, ...shared];
  const strict = ["default-src 'self'", ["script-src 'self' 'wasm-unsafe-eval'", ...scripts].join(" "), ...shared];
  return { floor: floor.join("; "), strict: strict.join("; ") };
}

const escapeAttr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/** `html` with both policy tags right after <meta charset>, so they cover everything after. */
export function withPolicies(html, kind) {
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
  if (/<meta [^>]*(http-equiv="Content-Security-Policy"|name="jixiao-csp")/i.test(markup)) {
    throw new Error("the page already has a policy");
  }
  const { floor, strict } = policies(html, kind);
  const tags =
    `\n    <meta http-equiv="Content-Security-Policy" content="${escapeAttr(floor)}" />` +
    `\n    <meta name="jixiao-csp" content="${escapeAttr(strict)}" />`;
  const charset = /<meta charset="utf-8"\s*\/?>/i;
  if (!charset.test(html)) throw new Error('no <meta charset="utf-8"> to put the policy after');
  return html.replace(charset, (m) => m + tags);
}
