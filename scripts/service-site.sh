#!/usr/bin/env bash
# The example host page (examples/embed.*) beside the shipped component
# (target/component/, `make component`), in one directory riskgate-server can serve
# with --static. Usage: scripts/service-site.sh OUT [COMPONENT_DIR]
set -euo pipefail
out="${1:?usage: scripts/service-site.sh OUT [COMPONENT_DIR]}"
component="${2:-target/component}"
mkdir -p "$out"
cp "$component/riskgate.js" "$component/riskgate_bg.wasm" "$out/"
cp examples/embed.html "$out/index.html"
cp examples/embed.js examples/embed.css "$out/"
