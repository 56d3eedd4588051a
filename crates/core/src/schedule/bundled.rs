//! The schedules built into the binary: the one opened by default and the others by name.

use super::{Schedule, native};
use std::path::Path;

/// The sample schedule shipped inside the binary.
pub const BUNDLED: &str = include_str!("../../../../data/p99conf.json");
pub const BUNDLED_NAME: &str = "data/p99conf.json (bundled)";

pub fn bundled() -> Schedule {
    native::parse(BUNDLED, BUNDLED_NAME).expect("the bundled schedule is checked by tests")
}

/// The schedules built into the binary, by the name `--schedule` also accepts (so they open
/// from anywhere, not only from a checkout).
pub const BUNDLED_SCHEDULES: &[(&str, &str)] =
    &[("p99conf", BUNDLED), ("srecon-emea", include_str!("../../../../data/srecon-emea.json"))];

/// A bundled schedule by name (`srecon-emea`, or its file name `data/srecon-emea.json`).
pub fn bundled_named(name: &str) -> Option<Schedule> {
    bundled_text(name).map(|(n, json)| {
        native::parse(json, &format!("data/{n}.json")).expect("bundled schedules are checked by tests")
    })
}

/// The name and text of a bundled schedule, without parsing it.
pub fn bundled_text(name: &str) -> Option<(&'static str, &'static str)> {
    let stem = Path::new(name).file_stem()?.to_str()?;
    BUNDLED_SCHEDULES.iter().find(|(n, _)| *n == stem).copied()
}
