// Binary data as text for the inert <script type="application/octet-stream"> blocks of
// jixiao.html: 7 bits per byte of UTF-8 (base64 carries 6), in the manner of base-122.
// The decoder is web/single-file/base122.js; the format is described there.
//
// Only Node built-ins.
import { crc32 } from "node:zlib";

/**
 * 7-bit values never written as themselves. The HTML parser changes NUL (to U+FFFD) and CR and
 * CRLF (to LF) in a <script> element, and `<` could start `</script` or `<!--`. LF, tab, VT and
 * FF are there so that the data has no line breaks or whitespace that a mail program or an
 * editor might rewrap, re-end or trim. Must be the same list, in the same order, as in the decoder.
 */
export const UNSAFE = [0x00, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x3c];
/** 2-byte code points are (index << 7) | 7 bits; indexes from 2 keep them out of C1 controls. */
const FIRST_INDEX = 2;
/** The last chunk is unsafe and nothing follows it: (LAST << 7) | its position in UNSAFE. */
const LAST = 15;

/** `bytes` as `length:crc32:data`, every character of it safe in a <script> element. */
export function encodeBase122(bytes) {
  bytes = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const unsafe = new Int8Array(128).fill(-1);
  UNSAFE.forEach((v, i) => (unsafe[v] = i));
  const chunks = Math.ceil((bytes.length * 8) / 7);
  const codes = new Uint16Array(chunks);
  let written = 0;
  let bits = 0; // the next `held` bits of the input, not yet written
  let held = 0;
  let next = 0;
  const chunk = () => {
    if (held < 7) {
      // Past the end, zeros fill the last chunk.
      bits = (bits << 8) | (next < bytes.length ? bytes[next] : 0);
      next++;
      held += 8;
    }
    held -= 7;
    const v = bits >>> held;
    bits &= (1 << held) - 1;
    return v;
  };
  for (let i = 0; i < chunks; i++) {
    const v = chunk();
    const k = unsafe[v];
    if (k < 0) codes[written++] = v;
    else if (i + 1 < chunks) {
      codes[written++] = ((k + FIRST_INDEX) << 7) | chunk();
      i++;
    } else codes[written++] = (LAST << 7) | k;
  }
  let text = "";
  for (let i = 0; i < written; i += 8192) text += String.fromCharCode(...codes.subarray(i, Math.min(written, i + 8192)));
  return `${bytes.length}:${crc32(bytes).toString(16).padStart(8, "0")}:${text}`;
}
