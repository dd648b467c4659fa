// The text encoding of the binaries embedded in jixiao.html: scripts/lib/base122.mjs (encoder,
// build time) and web/single-file/base122.js (decoder, in the page) agree, the text is valid
// UTF-8 with none of the characters a <script> element or a mail program would change, and damaged
// text is refused with a clear error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import vm from "node:vm";
import { encodeBase122, UNSAFE } from "../../scripts/lib/base122.mjs";

const root = new URL("../..", import.meta.url).pathname;
const page = vm.createContext({});
vm.runInContext(readFileSync(`${root}web/single-file/base122.js`, "utf8"), page);
const decode = (text) => page.decodeBase122(text);
const same = (a, b, what) => assert.ok(Buffer.from(a).equals(Buffer.from(b)), what);

test("round trip: random data of every length 0…300 and some large ones", () => {
  for (let n = 0; n <= 300; n++) {
    const bytes = randomBytes(n);
    same(decode(encodeBase122(bytes)), bytes, `length ${n}`);
  }
  for (const n of [1023, 4096, 65_537, 1_000_003]) {
    const bytes = randomBytes(n);
    same(decode(encodeBase122(bytes)), bytes, `length ${n}`);
  }
});

test("round trip: all zeros, all 0xFF, every byte value, every unsafe chunk at the end", () => {
  for (const n of [1, 7, 8, 20, 1000]) {
    same(decode(encodeBase122(new Uint8Array(n))), new Uint8Array(n), `${n} zeros`);
    same(decode(encodeBase122(new Uint8Array(n).fill(0xff))), new Uint8Array(n).fill(0xff), `${n} × 0xFF`);
  }
  const every = Uint8Array.from({ length: 256 }, (_, i) => i);
  same(decode(encodeBase122(every)), every);
  same(decode(encodeBase122(every.reverse())), every);
  // Runs of 7-bit chunks equal to each unsafe value (0x3C3C… makes chunks 0x1E, 0x0F, …; these
  // are chosen bit patterns): data ending on each kind of chunk.
  for (let n = 1; n <= 16; n++) {
    for (const v of [0x00, 0x12, 0x3c, 0x1a, 0x68, 0xff, 0x0d]) {
      const bytes = new Uint8Array(n).fill(v);
      same(decode(encodeBase122(bytes)), bytes, `${n} × ${v}`);
    }
  }
});

test("every 7-bit chunk value, including each unsafe one, alone and as the last chunk", () => {
  // One byte is two chunks: the byte's top 7 bits, then its last bit and six zeros.
  for (let v = 0; v < 128; v++) {
    for (const bytes of [Uint8Array.of(v << 1), Uint8Array.of(0xaa, v << 1), Uint8Array.of(0x55, 0x55, 0x55, 0x55, 0x55, 0x55, v)]) {
      same(decode(encodeBase122(bytes)), bytes, `chunk ${v}`);
    }
  }
  // 7 bytes are 8 whole chunks; the last one is the last byte's low 7 bits, here an unsafe value.
  const last = encodeBase122(Uint8Array.of(0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x0d));
  assert.ok(last.charCodeAt(last.length - 1) >= 15 << 7, "the end form is used");
});

test("the text is valid UTF-8, 7 bits per byte, and has no unsafe character", () => {
  const bytes = randomBytes(200_000);
  const text = encodeBase122(bytes);
  const utf8 = Buffer.from(text, "utf8");
  assert.equal(new TextDecoder("utf-8", { fatal: true }).decode(utf8), text);
  for (const v of UNSAFE) assert.ok(!utf8.includes(v), `byte 0x${v.toString(16)} in the text`);
  assert.ok(!text.includes("</script") && !text.includes("<!--"));
  // No C1 controls (U+0080…U+009F) and nothing beyond two bytes of UTF-8.
  assert.ok(![...text].some((c) => (c >= "\x80" && c <= "\x9f") || c > "\u07ff"));
  assert.ok(utf8.length < bytes.length * 1.15, `${utf8.length} bytes of text for ${bytes.length}`);
  // The same for data full of the unsafe values.
  const worst = encodeBase122(new Uint8Array(5000));
  for (const v of UNSAFE) assert.ok(!Buffer.from(worst, "utf8").includes(v));
});

test("damaged or cut-short text throws a clear error", () => {
  const bytes = randomBytes(5000);
  const text = encodeBase122(bytes);
  const refused = (bad, what) => assert.throws(() => decode(bad), /本文件内嵌的程序数据已损坏（.+）/, what);
  refused("", "empty");
  refused("garbage", "no header");
  refused(text.slice(0, text.length - 1), "last character missing");
  refused(text.slice(0, 20), "cut short");
  refused(text.slice(0, 3000), "cut short");
  refused(`${text}A`, "one more character");
  refused(text.replace(/^\d+/, (n) => String(Number(n) + 1)), "wrong length");
  refused(text.replace(/^\d+/, "9999999999"), "huge length");
  const at = text.length - 100;
  const flip = (i, c) => text.slice(0, i) + c + text.slice(i + 1);
  refused(flip(at, text[at] === "A" ? "B" : "A"), "one character changed");
  refused(flip(at, "<"), "an unsafe character");
  refused(flip(at, "\r"), "CR");
  refused(flip(at, "\u0080"), "a C1 control");
  refused(flip(at, "\u4e2d"), "a 3-byte character");
  refused(flip(at, "\u0785"), "the end form before the end");
  refused(text.replace(/:[0-9a-f]{8}:/, ":00000000:"), "wrong checksum");
});

test("damaged text never hangs: many random corruptions each throw or decode at once", () => {
  const bytes = randomBytes(3000);
  const text = encodeBase122(bytes);
  const started = Date.now();
  for (let k = 0; k < 2000; k++) {
    const i = Math.floor(Math.random() * text.length);
    const c = String.fromCharCode(Math.floor(Math.random() * 0x900));
    const bad = Math.random() < 0.5 ? text.slice(0, i) + c + text.slice(i + 1) : text.slice(0, i);
    try {
      same(decode(bad), bytes, "a change that decodes must not change the bytes");
    } catch (e) {
      assert.match(e.message, /本文件内嵌的程序数据已损坏/);
    }
  }
  assert.ok(Date.now() - started < 10_000);
});
