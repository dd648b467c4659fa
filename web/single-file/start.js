// jixiao.html only: appended by scripts/make-single-file.mjs to the app's wasm-bindgen module
// (so `__wbg_init` is in scope) in the page's one inline module script. Starts the app from the
// compressed wasm embedded in the page, and offers the PDF worker as a Blob URL
// worker (src/jobs.rs calls window.jixiaoCreatePdfWorker when it exists).

const text = (id) => document.getElementById(id).textContent;

// The parts of the app loaded on demand (src/lazy.rs; split_*.wasm and chunk_*.wasm on the web)
// are one brotli block here; make-single-file.mjs points the loader's fetches at this function
// and defines JIXIAO_PARTS (name → [offset, length] in the decompressed block). Decompressed on
// the first part the app asks for, then kept. A damaged block rejects: the page says that the
// step could not be loaded, and what was typed stays.
let parts = null;
function jixiaoEmbeddedPart(name) {
  if (!parts) {
    parts = startUnbrotli(text("jixiao-unbrotli-wasm")).then((decoder) => unbrotli(decoder, decodeBase122(text("jixiao-app-parts"))));
  }
  return parts.then((all) => {
    const [at, length] = JIXIAO_PARTS[name];
    return new Response(all.subarray(at, at + length), { headers: { "content-type": "application/wasm" } });
  });
}

// Inflated while the app starts (the app waits for it): creating the worker must not wait.
let workerSource = null;

window.jixiaoCreatePdfWorker = function () {
  const worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" })));
  // Still as text: the worker decodes them (web/single-file/worker.js).
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
