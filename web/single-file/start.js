// jixiao.html only: appended by scripts/make-single-file.mjs to the app's wasm-bindgen module
// (so `__wbg_init` is in scope) in the page's one inline module script. Starts the app from the
// compressed wasm embedded in the page, and offers the PDF worker as a Blob URL
// worker (src/jobs.rs calls window.jixiaoCreatePdfWorker when it exists).

/** gzip → ArrayBuffer, by the browser (DecompressionStream, Chromium 80+). */
function inflate(bytes) {
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
}

// Inflated while the app starts (the app waits for it): creating the worker must not wait.
let workerSource = null;

window.jixiaoCreatePdfWorker = function () {
  const worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" })));
  // Still as text: the worker decodes them (web/single-file/worker.js).
  const text = (id) => document.getElementById(id).textContent;
  worker.postMessage({
    kind: "boot",
    unbrotli: text("jixiao-unbrotli-wasm"),
    wasm: text("jixiao-pdf-worker-wasm"),
    font: text("jixiao-font"),
  });
  return worker;
};

window.jixiaoOfflineReady("single-file");
if (!window.jixiaoUnsupported) {
  // A damaged block throws while decoding: inside the chain, so that the page says so.
  const embedded = (id) => Promise.resolve(id).then((id) => inflate(decodeBase122(document.getElementById(id).textContent)));
  Promise.all([embedded("jixiao-app-wasm"), embedded("jixiao-pdf-worker-js")])
    .then(([module_or_path, worker]) => {
      workerSource = worker;
      return __wbg_init({ module_or_path });
    })
    .catch(window.jixiaoStartFailed);
}
