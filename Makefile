# Two commands for a fresh Debian machine:
#   make run   — installs what is missing, builds the app (release) and serves it on http://127.0.0.1:8080
#   make test  — installs what the tests need and runs every test (fmt, clippy host+wasm, native, browser)
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

WASM_PACKAGES := -p jixiao -p jixiao-core -p jixiao-pdf -p jixiao-pdf-worker

.PHONY: run test setup setup-test build lint native-test browser-test bench fuzz

run: setup
	trunk serve --release --offline

setup:
	@scripts/setup.sh app

setup-test:
	@scripts/setup.sh test

build: setup
	trunk build --release --offline

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --offline -- -D warnings
	cargo clippy $(WASM_PACKAGES) --target wasm32-unknown-unknown --offline -- -D warnings

native-test:
	cargo test --workspace --offline

browser-test:
	trunk build --release --offline
	node --test tests/browser/

test: setup-test lint native-test browser-test

# Not part of `make test`: measured figures go to BENCHMARKS.md.
bench:
	cargo bench -p jixiao-core --bench evaluate

# Not part of `make test` (needs nightly-free cargo-fuzz; see crates/core/fuzz/README.md).
fuzz:
	crates/core/fuzz/run.sh
