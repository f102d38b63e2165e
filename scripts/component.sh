#!/usr/bin/env bash
# Builds the library's `mount()` for host pages into OUT: riskgate.js, riskgate_bg.wasm
# and locales/<tag>.json.
# Usage: scripts/component.sh OUT debug|release|shipped [cargo feature options...]
# `shipped` is `release` with the standard library built for size (sized-std.sh): what
# `make component` writes for login pages. The example page's build stays on `release`.
# The library is built as a cdylib alone: built together with its rlib, the same
# release Wasm comes out about 58 KB (gzipped) bigger.
set -euo pipefail
out=$1 profile=$2
shift 2
sized_std_args=()
if [ "$profile" = shipped ]; then
  source "$(dirname "$0")/sized-std.sh"
  profile=release
fi
flags=(--lib --crate-type cdylib --target wasm32-unknown-unknown --offline --message-format json-render-diagnostics "${sized_std_args[@]}" "$@")
if [ "$profile" = release ]; then flags+=(--release); fi
# With the feature `split` the screens past the first become parts of their own
# (src/ui/split.rs): the splitter reads the linker's relocations, asked of the final
# crate only (after `--`), so the dependencies' builds are shared with unsplit builds.
split=false
for a in "$@"; do [[ $a == *split* ]] && split=true; done
if $split; then flags+=(-- -Clink-args=--emit-relocs); fi
# Cargo names the file by its features' hash when two builds share a name, so ask it;
# it names the build script's OUT_DIR, where build.rs wrote the locale files, the same way.
found=$(cargo rustc "${flags[@]}" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.split("\n")){try{const m=JSON.parse(l);if(m.reason==="compiler-artifact"&&m.target.name==="riskgate")for(const f of m.filenames)if(f.endsWith(".wasm"))console.log("wasm "+f);if(m.reason==="build-script-executed"&&/[#/]riskgate[@#]/.test(m.package_id))console.log("locales "+m.out_dir+"/locales")}catch{}}})')
wasm=$(grep '^wasm ' <<<"$found" | tail -n 1 | cut -d' ' -f2-)
locales=$(grep '^locales ' <<<"$found" | tail -n 1 | cut -d' ' -f2-)
[ -n "$wasm" ] || { echo "component.sh: cargo reported no riskgate.wasm" >&2; exit 1; }
[ -d "$locales" ] || { echo "component.sh: cargo reported no locale files for riskgate" >&2; exit 1; }
mkdir -p "$out"
rm -f "$out"/*.wasm "$out"/__wasm_split*.js
if $split; then
  # As cargo-leptos does: split the raw Wasm (wasm_split_cli_support's wasm-split-cli),
  # bind the main part keeping the linker's exports the parts need, and ship the parts
  # and their loader (__wasm_split.js) beside it.
  parts=$(mktemp -d)
  trap 'rm -rf "$parts"' EXIT
  wasm-split-cli "$wasm" "$parts" --target web --out-name riskgate
  wasm-bindgen --target web --keep-lld-exports --out-dir "$out" --out-name riskgate "$parts/riskgate.wasm"
  rm "$parts/riskgate.wasm"
  cp "$parts"/* "$out/"
else
  wasm-bindgen --target web --out-dir "$out" --out-name riskgate "$wasm"
fi
# The stream adapters a dependency exports, unused here, out of the module and the glue.
node "$(dirname "$0")/unexport.mjs" "$out" riskgate
# The locales not packed into the module, fetched from locales/ beside it when chosen.
rm -rf "$out/locales"
cp -r "$locales" "$out/locales"
# KEEP_NAMES=FILE keeps a copy of the main module with function names, before wasm-opt,
# for a size breakdown (scripts/wasm-breakdown.mjs); KEEP_NAMES=DIR/ (the slash says
# which) keeps every module, parts and chunks too, since each is named only until then.
# The directory's old modules go first: a part a build no longer makes would be counted.
if [[ ${KEEP_NAMES:-} == */ ]]; then
  mkdir -p "$KEEP_NAMES"
  rm -f "$KEEP_NAMES"*.wasm
  cp "$out"/*.wasm "$KEEP_NAMES"
elif [ -n "${KEEP_NAMES:-}" ]; then
  cp "$out/riskgate_bg.wasm" "$KEEP_NAMES"
fi
if [ "$profile" = release ]; then
  # The same optimiser as Trunk's for the app (npm's binaryen, see Trunk.toml), at -Os
  # rather than the app's -Oz: on this code -Os comes out smaller once gzipped (0.3 KB
  # on the first module, 0.7 KB over all the parts, measured on 2026-12-07).
  # --low-memory-unused lets it fold more address arithmetic (about 1.6 KB gzipped): Rust
  # puts the 1 MiB stack first, growing down to 0, so the low 1 KiB would be reached
  # only by a stack overflow. The producers and target-features sections are metadata.
  # Binaryen warns of a name subsection the splitter writes (local names); the output
  # carries no names either way, so that one warning is left out.
  for part in "$out"/*.wasm; do
    wasm-opt -Os --low-memory-unused --strip-producers --strip-target-features "$part" -o "$part" \
      2> >(grep -v 'unknown name subsection' >&2)
  done
  # The splitter's small chunks ride in its loader, fetched with the module, rather
  # than as files of their own (scripts/inline-chunks.mjs says why).
  if $split; then node "$(dirname "$0")/inline-chunks.mjs" "$out"; fi
  # wasm-bindgen's glue, minified (npm's terser): about 2.5 KB less gzipped. Export and
  # import names are kept, so host pages and the Wasm see the same module.
  # The parts' loader too, in a split build (its exports are what the module imports).
  for glue in "$out/riskgate.js" "$out/__wasm_split.js"; do
    [ -f "$glue" ] || continue
    terser "$glue" --module --compress --mangle -o "$glue.min"
    mv "$glue.min" "$glue"
  done
fi
