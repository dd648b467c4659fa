#!/usr/bin/env bash
# Fuzzes jixiao-core with libFuzzer through cargo-fuzz: the 年度指标值/实际完成值 reader and
# draft-file decoding, each for FUZZ_SECONDS (default 30) seconds. Not part of `make test` or CI.
#
#   make fuzz                                  # both targets, 30 s each
#   FUZZ_SECONDS=600 crates/core/fuzz/run.sh decode_draft
#
# cargo-fuzz passes nightly-only -Z flags (sanitizer, coverage). This machine has the stable
# toolchain only, so RUSTC_BOOTSTRAP=1 lets stable rustc accept them; the AddressSanitizer
# runtime ships with stable rust-std for x86_64 Linux.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-30}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parse_target_actual decode_draft)
fi

export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "Installing cargo-fuzz from crates.io (once)…"
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
# Our own target folder (crates/core/fuzz/target, ignored by git), whatever the caller exported.
unset CARGO_TARGET_DIR

# Seed corpora: the committed draft fixtures and typical cells (corpus/ is ignored by git).
mkdir -p corpus/decode_draft corpus/parse_target_actual
cp ../../../tests/fixtures/drafts/v*/*.json corpus/decode_draft/ 2>/dev/null || true
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%b' "$line" > "corpus/parse_target_actual/seed-$i"
done <<'SEEDS'
不低于9个\n9家\n村社区安全生产网格化管理数量
不高于2小时\n半小时内\n突发事故及时处置反应时间
高于10%\n10%\n死亡人数下降幅度
为100%\n100\n饮水保障率
≤30万元\n280000元\n项目成本
2-3次\n2次\n演练次数
±10%以内\n-5%\n预算偏差率
控制在48小时以内\n1天\n处置时间
95%\n96.5%\n满意度
有效提升\n明显改善\n服务质量
2022年12月底前\n12月20日完成\n完成时间
≥1,000.5米\n1 000米\n
SEEDS

status=0
for target in "${targets[@]}"; do
  echo "== fuzzing $target for ${seconds}s"
  cargo fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -dict="dict/$target.dict" -max_len=4096 -timeout=10 -print_final_stats=1 || status=$?
  if [ "$status" -ne 0 ]; then
    echo "fuzz target $target failed (exit $status); the input that broke it is under crates/core/fuzz/artifacts/$target/" >&2
    exit "$status"
  fi
done
echo "fuzzing done: no crash in ${#targets[@]} target(s) × ${seconds}s"
