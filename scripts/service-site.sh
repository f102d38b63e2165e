#!/usr/bin/env bash
# The example host page (examples/embed.*) beside the shipped component
# (target/component/, `make component`), in one directory riskgate-server can serve
# with --static; in console/, the same page over the console build (account health and
# the admin view). Usage: scripts/service-site.sh OUT [COMPONENT_DIR]
set -euo pipefail
out="${1:?usage: scripts/service-site.sh OUT [COMPONENT_DIR]}"
component="${2:-target/component}"
# The page and the build it loads, with the locale files the build fetches.
page() {
  mkdir -p "$2"
  rm -rf "$2/locales" "$2"/*.wasm "$2"/__wasm_split*.js
  # Every file of the build: module, Wasm, a split build's parts and their loader, locales.
  find "$1" -maxdepth 1 -type f -exec cp {} "$2/" \;
  cp -r "$1/locales" "$2/locales"
  cp examples/embed.html "$2/index.html"
  cp examples/embed.js examples/embed.css "$2/"
}
page "$component" "$out"
page "$component/console" "$out/console"
