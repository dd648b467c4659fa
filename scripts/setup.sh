#!/usr/bin/env bash
# Installs whatever the build (`app`) or the tests (`test`) need and is missing.
# Idempotent: a second run checks versions and installs nothing.
# Only registries are used (crates.io, npm, Debian); nothing is downloaded from elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Splits the app's wasm into parts loaded on demand (scripts/split-app.mjs); the crate's binary is
# `wasm-split-cli`. It must understand the split points of the wasm_split_helpers in Cargo.lock.
WASM_SPLIT_VERSION=0.2.4
what=${1:-app}

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly,
# otherwise Trunk tries to download its own copy (which fails offline).
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "installing the wasm32-unknown-unknown target (~1 min)"
    rustup target add wasm32-unknown-unknown
  fi
  if ! command -v trunk >/dev/null || [ "$(trunk --version)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION from crates.io (~7 min on 2 cores)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
  local wb
  wb=$(locked_wasm_bindgen_version)
  if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version)" != "wasm-bindgen $wb" ]; then
    say "installing wasm-bindgen-cli $wb from crates.io (~2 min)"
    # Not --locked: its own lockfile pins a crate version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$wb"
  fi
  if ! command -v wasm-split-cli >/dev/null || ! grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" <(cargo install --list); then
    say "installing wasm-split-cli $WASM_SPLIT_VERSION from crates.io (~1 min)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
  fi
}

ensure_npm() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages (binaryen for wasm-opt, playwright-core)"
    npm ci --no-audit --no-fund
  fi
}

ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  # Debian's binaryen (108) builds a wasm that fails at load time; Trunk would pick it up.
  if dpkg-query -W -f='${Status}' binaryen 2>/dev/null | grep -q 'install ok installed'; then
    echo "Debian's binaryen package is installed; it breaks the wasm build. Remove it: apt-get remove binaryen" >&2
    exit 1
  fi
}

# openpyxl reads the exported .xlsx back (tests/office/check_exports.py). The fixture script
# tests/office/make_fixtures.py also needs xlwt and msoffcrypto-tool (see tests/office/README.md);
# the fixtures are committed, so the tests do not.
ensure_python_packages() {
  if ! python3 -c 'import openpyxl, sys; sys.exit(openpyxl.__version__ != "3.1.5")' 2>/dev/null; then
    say "installing openpyxl 3.1.5 from PyPI"
    python3 -m pip install --quiet --disable-pip-version-check openpyxl==3.1.5 ||
      python3 -m pip install --quiet --disable-pip-version-check --break-system-packages openpyxl==3.1.5
  fi
}

ensure_rust_tools
ensure_npm
if [ "$what" = test ]; then
  # python3: the browser tests serve dist/ with `python3 -m http.server`, as a user without Node would.
  # LibreOffice recalculates the exported .xlsx and turns the .docx into a PDF (tests/office/check_exports.py).
  ensure_debian_packages chromium chromium-driver poppler-utils fonts-wqy-microhei python3 python3-pip \
    libreoffice-calc-nogui libreoffice-writer-nogui
  ensure_python_packages
fi
say "fetching crates"
cargo fetch --quiet
