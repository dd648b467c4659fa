// jixiao.html only: the brotli decoder's interface (crates/unbrotli built alone, embedded as
// gzip). Put after base122.js in the page's module script (the app's parts) and in the PDF
// worker's script (its wasm and the font). Chromium 86 has no DecompressionStream for brotli.

/** gzip → ArrayBuffer, by the browser (DecompressionStream, Chromium 80+). */
function inflate(bytes) {
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
}

/** The decoder's exports, from the text of its embedded block (base122 of gzip). */
function startUnbrotli(text) {
  return Promise.resolve(text)
    .then((text) => inflate(decodeBase122(text)))
    .then((decoder) => WebAssembly.instantiate(decoder))
    .then(({ instance }) => instance.exports);
}

/** `compressed` decompressed by the decoder's exports (crates/unbrotli/src/lib.rs, standalone). */
function unbrotli(decoder, compressed) {
  const input = decoder.input(compressed.length);
  new Uint8Array(decoder.memory.buffer, input, compressed.length).set(compressed);
  const ok = decoder.decompress();
  const result = new Uint8Array(decoder.memory.buffer, decoder.result_ptr(), decoder.result_len()).slice();
  if (!ok) throw new Error(new TextDecoder().decode(result));
  return result;
}
