#!/usr/bin/env bash
# Installs what `make serve` and `make test` need, and only what is missing.
# Each tool is checked by version; a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
BINARYEN_VERSION=132
LEPTOSFMT_VERSION=0.1.33
WASM_SPLIT_VERSION=0.2.4

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
need_browser=${1:-browser}

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
has_version() {
  local out
  out=$("$1" --version 2>/dev/null) && [[ $out == *"$2"* ]]
}

targets=$(rustup target list --installed)
if [[ $'\n'$targets$'\n' != *$'\n'wasm32-unknown-unknown$'\n'* ]]; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# The shipped component's standard library is built from source (scripts/sized-std.sh).
components=$(rustup component list --installed)
if [[ $'\n'$components != *$'\n'rust-src* ]]; then
  say "adding rust-src, the standard library's source"
  rustup component add rust-src
fi

if ! has_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes)"
  # No --locked: its lock file names a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Trunk's own release profile asks for fat LTO in one codegen unit, which made the
# install 842 s here against 646 s without (2 cores, measured one after the other); the
# tool's speed is cargo's and wasm-bindgen's, not its own.
if ! has_version trunk "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 11 minutes)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

# The splitter of the sign-in component's parts (scripts/component.sh), at least 0.2.3 for
# wasm-bindgen 0.2.130. Its binary has no --version, and Dioxus's unrelated crate
# wasm-split-cli installs a binary of the same name, so ask cargo which crate put it there.
if ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:" || ! command -v wasm-split-cli >/dev/null; then
  say "installing wasm_split_cli_support $WASM_SPLIT_VERSION (about 3 minutes)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --force
fi

if [ "$need_browser" = browser ] && ! has_version wasm-pack "wasm-pack $WASM_PACK_VERSION"; then
  say "installing wasm-pack $WASM_PACK_VERSION (about 4 minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --force
fi

# `make test` checks that the views are formatted (leptosfmt.toml) as rustfmt does the rest.
if [ "$need_browser" = browser ] && ! has_version leptosfmt "$LEPTOSFMT_VERSION"; then
  say "installing leptosfmt $LEPTOSFMT_VERSION (about 2 minutes)"
  cargo install --locked leptosfmt --version "$LEPTOSFMT_VERSION" --force
fi

if ! command -v npm >/dev/null 2>&1; then
  say "installing Node.js and npm from Debian"
  apt_install nodejs npm
fi

if ! has_version wasm-opt "version $BINARYEN_VERSION" || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/terser ] || [ ! -d node_modules/typescript ]; then
  say "installing npm tools from package-lock.json (binaryen $BINARYEN_VERSION, terser, playwright-core, axe-core, typescript)"
  npm ci --no-audit --no-fund --loglevel=error
fi
# Debian's binaryen builds a bundle that renders nothing: make sure npm's comes first.
case "$(command -v wasm-opt)" in
  "$PWD/node_modules/.bin/wasm-opt") ;;
  *) echo "setup: wasm-opt is not npm's binaryen $BINARYEN_VERSION; refusing to build" >&2; exit 1 ;;
esac

if [ "$need_browser" = browser ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "installing Chromium and ChromeDriver from Debian"
    apt_install chromium chromium-driver
  fi
  chromium_major=$(chromium --version | grep -oE '[0-9]+' | head -1)
  driver_major=$(chromedriver --version | grep -oE '[0-9]+' | head -1)
  if [ "$chromium_major" != "$driver_major" ]; then
    echo "setup: Chromium $chromium_major and ChromeDriver $driver_major differ; reinstall both" >&2
    exit 1
  fi
fi

# The service's tests also run on PostgreSQL, on throwaway clusters (scripts/pg-throwaway).
if [ "$need_browser" = browser ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  say "installing PostgreSQL from Debian (its server runs only inside the tests)"
  apt_install postgresql
fi

# Trunk runs offline and cargo with --offline: fetch the crates first, for make bench's
# yardstick (bench/hello, a project of its own) too.
cargo fetch --quiet
cargo fetch --quiet --manifest-path bench/hello/Cargo.toml
# ...and the crates the standard library's own build needs (scripts/sized-std.sh).
RUSTC_BOOTSTRAP=1 cargo fetch --quiet -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown
say "tools ready"
