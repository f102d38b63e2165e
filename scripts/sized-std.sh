# Sourced by component.sh and hello.sh for what a login page ships: the standard library
# rebuilt from source (rustup's rust-src, added by setup.sh) with panics that abort at once
# and its smaller variants of some code (`optimize_for_size`, -0.6 KB).
# A panic then stops the Wasm with a bare `unreachable` instead of printing its message,
# and the formatting and unwinding code behind that message leaves the module: about
# 19 KB gzipped of the first load (bench/size.md). Both are unstable flags, so cargo and
# rustc are asked to accept them on this stable toolchain (RUSTC_BOOTSTRAP), and the build
# gets a target directory of its own, so the everyday builds keep theirs.
# RISKGATE_PREBUILT_STD=1 builds with the toolchain's own standard library instead, for a
# toolchain that no longer accepts these flags or to see a panic's message.
sized_std_args=()
if [ -z "${RISKGATE_PREBUILT_STD:-}" ]; then
  export RUSTC_BOOTSTRAP=1
  # RUSTFLAGS replaces .cargo/config.toml's target flags, so erase_components is repeated.
  export RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
  export CARGO_TARGET_DIR="${SIZED_TARGET_DIR:-$PWD/target/sized}"
  sized_std_args=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
fi
