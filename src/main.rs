#[cfg(target_arch = "wasm32")]
fn main() {
    riskgate::review::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Riskgate runs in the browser: use `make serve` (Trunk builds it for wasm32).");
}
