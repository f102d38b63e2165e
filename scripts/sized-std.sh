# Sourced by component.sh and hello.sh for what a login page ships: the standard library
# rebuilt from source (rustup's rust-src, added by setup.sh) with panics that abort at once
# and its smaller variants of some code (`optimize_for_size`, -0.6 KB).
# A panic then stops the Wasm with a bare `unreachable` instead of printing its message,
# and the formatting and unwinding code behind that message leaves the module: about
# 19 KB gzipped of the first load (bench/size.md). Both are unstable flags, so cargo and
# rustc are asked to accept them on this stable toolchain (RUSTC_BOOTSTRAP), and the build
# gets a target directory of its own, so the everyday builds keep theirs.
# The flags are checked on Rust 1.95 (the machines' toolchain, Cargo.toml's rust-version),
# so another version builds with the toolchain's own standard library, with a warning:
# unstable flags may change from one release to the next. RUSTC_BOOTSTRAP also reaches
# the dependencies' build scripts: proc-macro2's then turns on its nightly-only spans,
# which this toolchain compiles.
# RISKGATE_PREBUILT_STD=1 builds with the toolchain's own standard library too, to see a
# panic's message.
# Sourcing this replaces RUSTFLAGS and CARGO_TARGET_DIR (SIZED_TARGET_DIR names the latter).
SIZED_STD_RUST=1.95.
sized_std_args=()
if [ -z "${RISKGATE_PREBUILT_STD:-}" ] && [[ $(rustc -V) != "rustc $SIZED_STD_RUST"* ]]; then
  echo "sized-std.sh: $(rustc -V) is not Rust ${SIZED_STD_RUST%.}; building with its own standard library (a bigger component)" >&2
  RISKGATE_PREBUILT_STD=1
fi
if [ -z "${RISKGATE_PREBUILT_STD:-}" ]; then
  export RUSTC_BOOTSTRAP=1
  # RUSTFLAGS replaces .cargo/config.toml's target flags, so erase_components is repeated.
  export RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
  export CARGO_TARGET_DIR="${SIZED_TARGET_DIR:-$PWD/target/sized}"
  sized_std_args=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
fi
