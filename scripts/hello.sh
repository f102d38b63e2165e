#!/usr/bin/env bash
# Builds Leptos's hello world (bench/hello) as scripts/component.sh builds the component
# (the same release profile, standard library, wasm-bindgen and wasm-opt; it has no
# parts, no dependency's stream classes to take out and no glue worth minifying), into OUT, for make bench's
# first-screen yardstick. Usage: scripts/hello.sh OUT
set -euo pipefail
out=${1:-target/hello}
source "$(dirname "$0")/sized-std.sh"
target="${CARGO_TARGET_DIR:-$PWD/target}"
# The component's target directory: the Leptos it shares with the component is built once.
cargo build --manifest-path bench/hello/Cargo.toml --release --target wasm32-unknown-unknown --offline --target-dir "$target" "${sized_std_args[@]}"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name riskgate_hello "$target/wasm32-unknown-unknown/release/riskgate_hello.wasm"
# Optimised as scripts/component.sh optimises the component, for a like-for-like comparison.
wasm-opt -Os --low-memory-unused --strip-producers --strip-target-features "$out/riskgate_hello_bg.wasm" -o "$out/riskgate_hello_bg.wasm"
