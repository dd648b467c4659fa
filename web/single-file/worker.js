// jixiao.html only: appended by scripts/make-single-file.mjs, after base122.js and unbrotli.js, to the PDF
// worker's wasm-bindgen script (no-modules, defines `wasm_bindgen`); the page turns this into a
// Blob URL worker. The page's first message brings the text of three embedded blocks, decoded
// here rather than in the page so that a damaged file is reported through the worker's error
// message: the brotli decoder (crates/unbrotli built alone; gzip), the worker's wasm (brotli)
// and the font (brotli). Chromium 86 has no DecompressionStream for brotli, and the worker's
// wasm cannot decompress itself. crates/pdf-worker asks for the font through
// self.jixiaoLoadFont instead of fetching it, and decompresses it itself.
self.onmessage = function (event) {
  if (!event.data || event.data.kind !== "boot") return;
  self.onmessage = null; // the worker's own handler takes over when its wasm starts
  const { unbrotli: unbrotliText, wasm } = event.data;
  let font = event.data.font;
  // Only a PDF needs the font: decoded on the first one.
  self.jixiaoLoadFont = () =>
    new Promise((resolve) => {
      if (typeof font === "string") font = decodeBase122(font);
      resolve(font);
    });
  startUnbrotli(unbrotliText)
    .then((decoder) => wasm_bindgen({ module_or_path: unbrotli(decoder, decodeBase122(wasm)) }))
    .catch((error) => self.postMessage({ kind: "error", message: `排版程序无法启动：${(error && error.message) || error}` }));
};
