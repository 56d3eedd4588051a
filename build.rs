//! Link hallway as a position-dependent executable on Linux: a position-independent one has
//! the dynamic loader relocate every pointer in its read-only data at each start (chrono-tz's
//! zone tables alone are thousands), which was half of `hallway --version`'s 2 ms.
//! bench/build-settings.sh measures it.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bin=hallway=-no-pie");
    }
}
