# Recollect. `make run` opens the app; `make test` runs every test. Both install what is missing.

CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
export PATH := $(HOME)/.cargo/bin:$(HOME)/.local/bin:$(PATH)

APP := $(CARGO_TARGET_DIR)/debug/recollect-app
CLI := $(CARGO_TARGET_DIR)/debug/recollect
XVFB := xvfb-run -a -s "-screen 0 1400x900x24"

.PHONY: run test conformance conformance-suites newcomer-check dev deps test-deps ui app test-build test-rust test-ui test-e2e bindings bench bench-speech screenshot fmt-check lint clean

run: deps app
	$(APP)

# Formatting first (the cheapest check to fail), then one Rust build that lints, makes every test
# and the two binaries the end-to-end tests run, then the tests.
test: test-deps
	$(MAKE) fmt-check test-build test-rust test-ui test-e2e

deps:
	./scripts/install-deps.sh

test-deps:
	./scripts/install-deps.sh --test

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund

tests/e2e/node_modules/.package-lock.json: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund

# The built UI is a file target: it is made again only when a source of it changed, so neither
# `make run` nor the app's build (which embeds it) redoes work when nothing changed.
UI_SOURCES := $(shell find ui/src ui/public -type f 2>/dev/null) ui/index.html ui/package.json \
	ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json
ui/dist/index.html: ui/node_modules/.package-lock.json $(UI_SOURCES)
	cd ui && npm run build
	@touch $@

ui: ui/dist/index.html

app: ui
	cargo build -p recollect-app -p recollect-cli

# One Rust build serves the lints, the tests and the end-to-end tests. The workspace's own crates
# are compiled by clippy's driver, which lints them as it compiles them (what `cargo clippy` does,
# with `-D warnings`); `--all-targets` makes the app's and the CLI's binaries with the same
# dependency features as the tests. A separate `cargo clippy`, and a `cargo build` of the app
# after the tests (whose features differ), each compiled most of the dependency graph again.
LINTED_BUILD := RUSTC_WORKSPACE_WRAPPER=clippy-driver CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__
test-build: ui
	$(LINTED_BUILD) cargo build --workspace --all-targets

test-rust: test-build
	$(LINTED_BUILD) cargo test --workspace --no-fail-fast

test-ui: ui/node_modules/.package-lock.json
	cd ui && npm run check && npm test

test-e2e: test-build tests/e2e/node_modules/.package-lock.json
	$(XVFB) npm --prefix tests/e2e test

# Checks against material from outside the project, which a user's clone does not have beside
# it: the real OHMS records and the OHMS XSD in $(SHARED)/fixtures/ohms. Fails, never skips,
# when that folder is missing. `make test` needs none of it.
SHARED ?= $(abspath $(CURDIR)/../shared)
OHMS_FIXTURES := $(SHARED)/fixtures/ohms
conformance: test-deps ui
	@test -f "$(OHMS_FIXTURES)/ohms.xsd" || { echo "make conformance needs the OHMS records and XSD in $(OHMS_FIXTURES) (set SHARED=DIR for another place)" >&2; exit 1; }
	RECOLLECT_OHMS_FIXTURES="$(OHMS_FIXTURES)" RECOLLECT_OHMS_XSD="$(OHMS_FIXTURES)/ohms.xsd" \
		$(LINTED_BUILD) cargo test --workspace conformance -- --ignored

# The public WebVTT and BagIt suites, where a copy of them is at hand (they are not in ../shared):
# WEBVTT_SUITE=<webvtt.js>/test/wpt-file-parsing and BAGIT_SUITE=<bagit-conformance-suite>.
# Each prints its agreement count; see docs/architecture.md for the deliberate differences.
conformance-suites: test-build
	@test -n "$(WEBVTT_SUITE)$(BAGIT_SUITE)" || { echo "set WEBVTT_SUITE and/or BAGIT_SUITE to a copy of the suite" >&2; exit 1; }
	@if [ -n "$(WEBVTT_SUITE)" ]; then WEBVTT_SUITE="$(WEBVTT_SUITE)" RECOLLECT="$(CLI)" node scripts/conformance-webvtt.js || true; fi
	@if [ -n "$(BAGIT_SUITE)" ]; then BAGIT_SUITE="$(BAGIT_SUITE)" RECOLLECT="$(CLI)" sh scripts/conformance-bagit.sh; fi

# The README's screenshot: the window at its default size on the sample's demonstration
# interview, as the first-run end-to-end test saw it (run `make test-e2e` first).
screenshot:
	cp tests/e2e/out/readme-screenshot.png docs/screenshot.png

# Clones this commit into an empty temporary folder with nothing beside it and runs `make test`
# there, as a newcomer would (scripts/newcomer-check.sh; KEEP_TARGET=1 reuses this target).
newcomer-check:
	./scripts/newcomer-check.sh

# Regenerates ui/src/lib/bindings.ts from the Rust commands.
bindings: ui
	UPDATE_BINDINGS=1 $(LINTED_BUILD) cargo test -p recollect-app bindings_are_up_to_date

# Benchmarks, in release: import throughput, search latency beside the raw FTS5 query, and
# database size, on a generated archive of 10,000 interviews (about 20 million words). The
# archive is made once in $(CARGO_TARGET_DIR)/bench/ and reused (delete it to make it again);
# the report is printed and written there as report.md. Settings: db/benches/search.rs.
# Then package export and fixity audit throughput on about 4 GB of generated recordings, beside
# the hashing limit (openssl speed), bagit-python and sha256sum on the same files; that archive
# is kept in $(CARGO_TARGET_DIR)/bench/export/ and its report written there. Settings:
# db/benches/export.rs. Then the speech part (bench-speech). Results are kept in
# docs/benchmarks.md.
bench:
	RECOLLECT_BENCH_DIR=$(abspath $(CARGO_TARGET_DIR))/bench cargo bench -p recollect-db --bench search
	RECOLLECT_BENCH_DIR=$(abspath $(CARGO_TARGET_DIR))/bench cargo bench -p recollect-db --bench export
	$(MAKE) bench-speech

# Speech recognition's real-time factor on a 10-minute spoken recording (made once with
# espeak-ng and sox in $(CARGO_TARGET_DIR)/bench/speech/), beside faster-whisper on the same
# model, file and thread count, with peak memory and word error rate of both; the report is
# written to $(CARGO_TARGET_DIR)/bench/speech-report.md. faster-whisper is a tool of the bench
# only: it goes into a virtual environment there, never into the app. Settings:
# speech/benches/transcribe.rs.
BENCH_VENV := $(abspath $(CARGO_TARGET_DIR))/bench/venv
$(BENCH_VENV)/installed: speech/benches/faster-whisper-requirements.txt
	python3 -m venv $(BENCH_VENV) || { echo "making a virtual environment needs Python's venv module (Debian: apt-get install python3-venv)" >&2; exit 1; }
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -r $<
	@touch $@

bench-speech: test-deps $(BENCH_VENV)/installed
	RECOLLECT_BENCH_DIR=$(abspath $(CARGO_TARGET_DIR))/bench RECOLLECT_BENCH_PYTHON=$(BENCH_VENV)/bin/python \
		cargo bench -p recollect-speech --bench transcribe

# The UI from the Vite dev server, with hot reload.
dev: deps ui/node_modules/.package-lock.json
	cd ui && npx vite & cargo run -p recollect-app --no-default-features; kill %1

fmt-check:
	cargo fmt --all --check

lint: fmt-check ui
	cargo clippy --workspace --all-targets -- -D warnings

clean:
	cargo clean
	rm -rf ui/dist tests/e2e/out
