// jixiao.html only: the decoder of the text in its inert <script type="application/octet-stream">
// blocks (encoder: scripts/lib/base122.mjs). Put before start.js in the page's module script.
//
// Format: `LENGTH:CRC:DATA`. LENGTH is the byte count in decimal, CRC the CRC-32 of the bytes in
// 8 hex digits. DATA is the bytes as a stream of 7-bit chunks (first bit = highest bit of the
// first byte; the last chunk filled with zeros), one character per chunk, except that a chunk
// whose value is in UNSAFE is written with the chunk after it as one character
// ((2 + its position in UNSAFE) << 7 | next chunk), 2 bytes in UTF-8, and an unsafe last chunk
// as (15 << 7 | its position). So every character is U+0001…U+007F (not UNSAFE) or
// U+0100…U+07FF: 7 bits per byte of UTF-8, base64 has 6.

/** The same list, in the same order, as in scripts/lib/base122.mjs. */
var BASE122_UNSAFE = [0x00, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x3c];

/** `text` (LENGTH:CRC:DATA) → Uint8Array; throws an Error in Chinese if it is damaged or cut short. */
function decodeBase122(text) {
  var damaged = function (why) {
    return new Error("本文件内嵌的程序数据已损坏（" + why + "），请重新复制或下载 jixiao.html");
  };
  var header = /^(\d{1,10}):([0-9a-f]{8}):/.exec(text);
  if (!header) throw damaged("缺少长度和校验码");
  var length = Number(header[1]);
  var chunks = Math.ceil((length * 8) / 7);
  // Each character carries one or two chunks.
  if (chunks > 2 * (text.length - header[0].length)) throw damaged("数据不完整");
  var out = new Uint8Array(length);
  var unsafe = new Int8Array(128).fill(-1);
  for (var u = 0; u < BASE122_UNSAFE.length; u++) unsafe[BASE122_UNSAFE[u]] = u;
  var bits = 0; // the last `held` bits read, not yet written to `out`
  var held = 0;
  var written = 0;
  var seen = 0; // chunks read
  var end = text.length;
  for (var i = header[0].length; i < end; i++) {
    var c = text.charCodeAt(i);
    if (c < 0x80) {
      if (unsafe[c] >= 0) throw damaged("第 " + i + " 个字符不应出现");
      bits = (bits << 7) | c;
      held += 7;
      seen += 1;
    } else {
      var index = c >> 7;
      if (index >= 2 && index < 2 + BASE122_UNSAFE.length) {
        bits = (bits << 14) | (BASE122_UNSAFE[index - 2] << 7) | (c & 0x7f);
        held += 14;
        seen += 2;
      } else if (index === 15 && (c & 0x7f) < BASE122_UNSAFE.length && i === end - 1) {
        bits = (bits << 7) | BASE122_UNSAFE[c & 0x7f];
        held += 7;
        seen += 1;
      } else {
        throw damaged("第 " + i + " 个字符不应出现");
      }
    }
    if (seen > chunks) throw damaged("数据比标明的长度长");
    while (held >= 8) {
      held -= 8;
      // Past `length` only the zero fill of the last chunk may be left.
      if (written < length) out[written++] = bits >>> held;
      else if (bits >>> held) throw damaged("末尾有多余的数据");
      bits &= (1 << held) - 1;
    }
  }
  if (seen < chunks || written !== length) throw damaged("数据不完整");
  if (bits !== 0) throw damaged("末尾有多余的数据");
  if (base122Crc32(out) !== parseInt(header[2], 16)) throw damaged("校验码不符");
  return out;
}

var BASE122_CRC_TABLE = null;

function base122Crc32(bytes) {
  if (!BASE122_CRC_TABLE) {
    BASE122_CRC_TABLE = new Int32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      BASE122_CRC_TABLE[n] = c;
    }
  }
  var crc = -1;
  for (var i = 0; i < bytes.length; i++) crc = BASE122_CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
