#!/usr/bin/env bash
# Trunk post_build hook: the embeddable component with the in-browser mock (feature
# `mock`, on by default) in <dist>/embed/, beside the example host page, examples/embed.html.
# Trunk builds only the app binary, so the library is built and bound here.
set -euo pipefail
out="${TRUNK_STAGING_DIR:?run by trunk build or trunk serve}/embed"
scripts/component.sh "$out" "${TRUNK_PROFILE:-debug}" --features embed
cp examples/embed.html "$out/index.html"
cp examples/embed.js examples/embed.css "$out/"
