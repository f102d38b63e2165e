# Riskgate: `make serve` and `make test` are all a newcomer needs.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 300

.PHONY: serve serve-service test test-format build component setup setup-build test-native test-browser test-release bench screenshots clean

## Serve the app with the in-browser mock backend on http://127.0.0.1:8080
serve: setup-build
	trunk serve

## The shipped component and the example host page over the reference server
## (riskgate-server, SQLite in target/riskgate-service.db, the demo seed) on http://localhost:8081/?backend=/api
serve-service: component
	cargo build -p riskgate-server
	scripts/serve-service.sh

## Native tests, headless-browser tests, then the release bundle loaded in Chromium
test: setup test-format test-native test-browser test-release

## Release bundle in dist/
build: setup-build
	trunk build --release

## The component host pages ship, in target/component/: the sign-in flows, the HTTP
## adapter, the stylesheet and English inside, the other locales beside it; and in
## target/component/console/ the same with account health and the admin view, for IT
## pages. No mock and no review tools (docs/embedding.md)
component: setup-build
	scripts/component.sh target/component shipped --no-default-features --features embed,split
	scripts/component.sh target/component/console shipped --no-default-features --features embed,admin
	node scripts/package.mjs target/component

setup:
	@scripts/setup.sh browser

setup-build:
	@scripts/setup.sh build

# Views as leptosfmt writes them (leptosfmt.toml), everything else as rustfmt does.
test-format:
	leptosfmt --check --quiet src
	cargo fmt --all --check

# The split component forwards account and admin calls only in builds with those views,
# which no shipped build is: checking one keeps that branch compiling.
test-native:
	cargo test --workspace
	node --test scripts/
	cargo check --target wasm32-unknown-unknown --lib --no-default-features --features embed,split,admin

test-browser:
	wasm-pack test --headless --chrome

# The release bundle in Chromium: the app, every review-gallery entry (console errors
# and the axe audit in light, dark and right to left), the example host page, and the
# shipped component over HTTP, then over a real riskgate-server.
test-release: build component
	node scripts/smoke.mjs dist
	node scripts/focus.mjs dist
	node scripts/gallery.mjs check dist
	node scripts/embed-smoke.mjs dist
	node scripts/passkeys.mjs dist
	node scripts/component-smoke.mjs target/component
	node scripts/types-check.mjs target/component
	node scripts/review-absent.mjs dist target/component target/component/console
	cargo build -p riskgate-server
	node scripts/service-smoke.mjs target/component $${CARGO_TARGET_DIR:-target}/debug/riskgate-server

## Speed (engine natively and in Chromium, first screen, transitions), what a page fetches
## of the component per flow against bench/budgets.json (bench/first-load.md), the split
## component's first screen beside Leptos's hello world and its transitions while parts
## arrive (bench/parts.md), and full risky sign-ins per second against riskgate-server
## (SQLite, PostgreSQL, two nodes; goose in bench/load) beside the argon2id ceiling. Fails
## when a size, the first screen or a transition is over its budget.
# The bench binary unwinds; building the app that way too keeps Cargo from writing two
# builds of the library to one file name. Every part runs even when a size is over its
# budget (the server load reads the transitions bench.mjs wrote); make bench fails then.
bench: setup setup-build
	KEEP_NAMES=target/component-names.wasm scripts/component.sh target/component shipped --no-default-features --features embed,split
	scripts/component.sh target/component/console shipped --no-default-features --features embed,admin
	scripts/hello.sh target/hello
	cargo build -p riskgate-server
	CARGO_PROFILE_RELEASE_PANIC=unwind cargo bench --bench engine
	trunk build --release
	trunk build --release --features bench --dist target/bench-dist
	node scripts/bench.mjs dist target/bench-dist target/component; speed=$$?; \
	  node scripts/fetched-bench.mjs target/component $${CARGO_TARGET_DIR:-target}/debug/riskgate-server; sizes=$$?; \
	  node scripts/parts-bench.mjs target/component target/hello; parts=$$?; \
	  node scripts/load-bench.mjs && exit $$((speed || sizes || parts))

## Every review-gallery entry as a picture in docs/screens/
screenshots: setup build
	node scripts/gallery.mjs screenshots dist

clean:
	cargo clean
	rm -rf dist pkg
