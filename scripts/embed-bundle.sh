#!/usr/bin/env bash
# Trunk post_build hook: the embeddable component (the library's `mount()`), built for
# host pages into <dist>/embed/ beside the example host page, examples/embed.html.
# Trunk builds only the app binary, so the library is built and bound here.
set -euo pipefail
profile="${TRUNK_PROFILE:-debug}"
out="${TRUNK_STAGING_DIR:?run by trunk build or trunk serve}/embed"
flags=(--lib --target wasm32-unknown-unknown --offline --features embed)
if [ "$profile" = release ]; then flags+=(--release); fi
cargo build "${flags[@]}"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name riskgate \
  "target/wasm32-unknown-unknown/$profile/riskgate.wasm"
if [ "$profile" = release ]; then
  # The same optimiser and level as Trunk's for the app (npm's binaryen, see Trunk.toml).
  wasm-opt -Oz "$out/riskgate_bg.wasm" -o "$out/riskgate_bg.wasm"
fi
cp examples/embed.html "$out/index.html"
cp examples/embed.js examples/embed.css "$out/"
