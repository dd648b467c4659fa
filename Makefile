# Two commands for a fresh Debian machine:
#   make run   — installs what is missing, builds the app (release) and serves it on http://127.0.0.1:8080
#   make test  — installs what the tests need and runs every test (fmt, clippy host+wasm, native,
#                office files against openpyxl/LibreOffice, build scripts, browser against `make dist`,
#                size budget)
# And: make dist — dist/ for any static host (sub-path, offline after the first visit) and the
#                  single file dist/jixiao.html (double-click, no network). See README.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

WASM_PACKAGES := -p jixiao -p jixiao-core -p jixiao-pdf -p jixiao-pdf-worker -p jixiao-office

.PHONY: run test setup setup-test build dist lint native-test office-test script-test browser-test size-check bench fuzz

run: setup
	trunk serve --release --offline

setup:
	@scripts/setup.sh app

setup-test:
	@scripts/setup.sh test

# The Trunk hook scripts/finish-build.mjs adds the Content-Security-Policy and sw.js's file list.
build: setup
	trunk build --release --offline

# The single file also needs the standalone brotli decoder (crates/unbrotli).
dist: build
	node scripts/check-wasm-features.mjs dist
	cargo build -p jixiao-unbrotli --features standalone --lib --release --target wasm32-unknown-unknown --offline
	node scripts/make-single-file.mjs dist

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --offline -- -D warnings
	cargo clippy $(WASM_PACKAGES) --target wasm32-unknown-unknown --offline -- -D warnings

native-test:
	cargo test --workspace --offline

# Exported .xlsx/.docx read by independent programs: openpyxl, LibreOffice (recalculation, PDF), pdftotext.
office-test:
	cargo build -p jixiao-cli --offline
	python3 tests/office/check_exports.py target/debug/jixiao

# The build scripts themselves (policy hashes, probes, size check, service worker list).
script-test:
	node --test tests/build/

browser-test: dist
	node --test tests/browser/

# Sizes against the budgets in BENCHMARKS.md ("Static build and single file").
size-check: dist
	node scripts/check-size.mjs dist

test: setup-test lint native-test office-test script-test browser-test size-check

# Not part of `make test`: measured figures go to BENCHMARKS.md.
bench:
	cargo bench -p jixiao-core --bench evaluate

# Not part of `make test` (needs nightly-free cargo-fuzz; see crates/core/fuzz/README.md).
fuzz:
	crates/core/fuzz/run.sh
