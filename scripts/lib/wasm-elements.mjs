// The main module wasm-split writes "reserves" the function-table slots of the parts loaded later
// with element segments of `ref.null func` expressions. Such a segment needs the reference-types
// feature, which Chromium 86 lacks (and binaryen's validator, with the features of that core,
// refuses the whole module). The slots are null in a fresh table anyway and each part fills its
// own slots when it is loaded, so these segments only document a reservation: dropping them
// changes nothing at run time. The table stays as large as wasm-split declared it (its limits
// are in the table section, which this does not touch), and it is exported, so binaryen does
// not shrink it.
//
// Only the element section is parsed; every other byte is copied as it is.

/** Reads an unsigned LEB128 at `pos`: [value, next position]. */
function readU32(bytes, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (pos >= bytes.length) throw new Error("wasm-elements: truncated LEB128");
    const b = bytes[pos++];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, pos];
    shift += 7;
    if (shift > 35) throw new Error("wasm-elements: LEB128 too long");
  }
}

function writeU32(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) b |= 0x80;
    out.push(b);
  } while (value !== 0);
  return Buffer.from(out);
}

/** Skips one constant expression (up to and including its `end`): the next position. */
function skipConstExpr(bytes, pos) {
  for (;;) {
    const op = bytes[pos++];
    switch (op) {
      case 0x0b:
        return pos;
      case 0x41: // i32.const (signed LEB128: same length rules)
      case 0x42: // i64.const
        while (bytes[pos++] & 0x80);
        break;
      case 0x23: // global.get
      case 0xd2: // ref.func
        pos = readU32(bytes, pos)[1];
        break;
      case 0xd0: // ref.null: a heap type byte
        pos += 1;
        break;
      default:
        throw new Error(`wasm-elements: unexpected opcode 0x${op?.toString(16)} in a constant expression`);
    }
  }
}

/** True when the expression at `pos` is exactly `ref.null func end`. */
const isNullFunc = (bytes, pos) => bytes[pos] === 0xd0 && bytes[pos + 1] === 0x70 && bytes[pos + 2] === 0x0b;

/**
 * The element section's segments as byte ranges, each with whether it only writes nulls into a
 * table (an active segment of expressions, every one `ref.null func`; wasm-encoder writes kind 6,
 * with the table index spelled out).
 */
function segments(bytes, start, end) {
  let [count, pos] = readU32(bytes, start);
  const found = [];
  for (let i = 0; i < count; i++) {
    const from = pos;
    let flags;
    [flags, pos] = readU32(bytes, pos);
    if (flags > 7) throw new Error(`wasm-elements: unknown element segment kind ${flags}`);
    const explicitTable = flags === 2 || flags === 6;
    const active = (flags & 1) === 0;
    const expressions = (flags & 4) !== 0;
    if (explicitTable) pos = readU32(bytes, pos)[1];
    if (active) pos = skipConstExpr(bytes, pos);
    if (flags !== 0 && flags !== 4) pos += 1; // elemkind or reftype
    let n;
    [n, pos] = readU32(bytes, pos);
    let onlyNulls = active && expressions;
    for (let k = 0; k < n; k++) {
      if (expressions) {
        onlyNulls &&= isNullFunc(bytes, pos);
        pos = skipConstExpr(bytes, pos);
      } else {
        pos = readU32(bytes, pos)[1];
      }
    }
    found.push({ from, to: pos, onlyNulls });
  }
  if (pos !== end) throw new Error("wasm-elements: the element section's size does not match its segments");
  return found;
}

/**
 * `wasm` without the element segments that only write `ref.null func` into a table; the
 * number dropped. Throws on a module it cannot read rather than guessing.
 */
export function dropNullElementSegments(wasm) {
  const bytes = Buffer.from(wasm.buffer, wasm.byteOffset, wasm.byteLength);
  if (bytes.readUInt32LE(0) !== 0x6d736100 || bytes.readUInt32LE(4) !== 1) {
    throw new Error("wasm-elements: not a WebAssembly module (version 1)");
  }
  const parts = [bytes.subarray(0, 8)];
  let dropped = 0;
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, contentStart] = readU32(bytes, pos + 1);
    const contentEnd = contentStart + size;
    if (contentEnd > bytes.length) throw new Error("wasm-elements: truncated section");
    if (id !== 9) {
      parts.push(bytes.subarray(pos, contentEnd));
    } else {
      const all = segments(bytes, contentStart, contentEnd);
      const kept = all.filter((s) => !s.onlyNulls);
      dropped += all.length - kept.length;
      const content = Buffer.concat([writeU32(kept.length), ...kept.map((s) => bytes.subarray(s.from, s.to))]);
      parts.push(Buffer.from([9]), writeU32(content.length), content);
    }
    pos = contentEnd;
  }
  return { wasm: Buffer.concat(parts), dropped };
}
