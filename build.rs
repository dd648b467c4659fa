//! The app's wasm is linked with its relocations kept: scripts/split-app.mjs needs them to split
//! it into parts loaded on demand (src/lazy.rs). Only the app's binary: the PDF worker is not
//! split, and its relocations would only make it larger.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=jixiao-app=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
