//! What the planner opens with besides its schedule and agenda.

use crate::tui::keys::Keymap;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// What the planner opens with besides its schedule and agenda: the time, the user's zone and
/// their settings.
#[derive(Debug, Clone)]
pub struct Options {
    pub now: DateTime<Utc>,
    pub user_tz: Option<Tz>,
    /// The clock stands still (`--at`): now is a time the user chose, and the planner says so.
    pub time_travel: bool,
    pub no_color: bool,
    pub palette: crate::tui::theme::Palette,
    /// The keys, as the config file remapped them.
    pub keymap: Keymap,
    /// Minutes before a talk I attend that its reminder is due.
    pub reminder_minutes: u32,
    /// Where `e` offers to write.
    pub export_dir: std::path::PathBuf,
}

impl Options {
    /// At this time, in this zone, with the default settings.
    pub fn at(now: DateTime<Utc>, user_tz: Option<Tz>) -> Self {
        Options {
            now,
            user_tz,
            time_travel: false,
            no_color: false,
            palette: crate::tui::theme::Palette::default(),
            keymap: Keymap::default(),
            reminder_minutes: crate::tui::session::DEFAULT_REMINDER_MINUTES,
            export_dir: std::path::PathBuf::from("."),
        }
    }
}
