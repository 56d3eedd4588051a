#![no_main]
//! Any bytes through the iCalendar reader: an error or a schedule, never a panic; a schedule
//! that loads holds only sane talks and no terminal control characters.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hallway_core::schedule::fuzz::ical(data);
});
