#![no_main]
//! Any bytes as a compiled schedule, or the bundled one's compiled form damaged behind valid
//! checksums: refused or read, never a panic, never a talk out of range.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hallway_core::schedule::fuzz::compiled(data);
});
