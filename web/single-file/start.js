// jixiao.html only: appended by scripts/make-single-file.mjs to the app's wasm-bindgen module
// (so `__wbg_init` is in scope) in the page's one inline module script. Starts the app from the
// gzip-compressed, base64 wasm embedded in the page, and offers the PDF worker as a Blob URL
// worker (src/jobs.rs calls window.jixiaoCreatePdfWorker when it exists).

/** The bytes of an embedded <script type="application/octet-stream" id=…> block (base64). */
function embedded(id) {
  const text = atob(document.getElementById(id).textContent.trim());
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** gzip → ArrayBuffer, by the browser (DecompressionStream, Chromium 80+). */
function inflate(bytes) {
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
}

window.jixiaoCreatePdfWorker = function () {
  const source = document.getElementById("jixiao-pdf-worker-js").textContent;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  // Still compressed: the worker inflates them (web/single-file/worker.js).
  const wasm = embedded("jixiao-pdf-worker-wasm");
  const font = embedded("jixiao-font");
  worker.postMessage({ kind: "boot", wasm, font }, [wasm.buffer, font.buffer]);
  return worker;
};

window.jixiaoOfflineReady("single-file");
if (!window.jixiaoUnsupported) {
  inflate(embedded("jixiao-app-wasm"))
    .then((module_or_path) => __wbg_init({ module_or_path }))
    .catch(window.jixiaoStartFailed);
}
