// jixiao.html only: appended by scripts/make-single-file.mjs to the PDF worker's wasm-bindgen
// script (no-modules, defines `wasm_bindgen`); the page turns both into a Blob URL worker.
// The page's first message brings the worker's wasm and the font, both gzip-compressed;
// crates/pdf-worker asks for the font through self.jixiaoLoadFont instead of fetching it.
self.onmessage = function (event) {
  if (!event.data || event.data.kind !== "boot") return;
  self.onmessage = null; // the worker's own handler takes over when its wasm starts
  const inflate = (bytes) =>
    new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  const font = inflate(event.data.font);
  self.jixiaoLoadFont = () => font;
  inflate(event.data.wasm)
    .then((module_or_path) => wasm_bindgen({ module_or_path }))
    .catch((error) => self.postMessage({ kind: "error", message: `排版程序无法启动：${error}` }));
};
