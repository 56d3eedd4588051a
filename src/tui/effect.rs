//! What `App::update` asks the shell to do: the only way the planner touches the world.

use crate::export::Format;
use crate::reminders::Reminder;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The marks changed: write the agenda file (lock, merge, atomic rename).
    Save,
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Open this web address (checked http(s) when the schedule was read) in the browser.
    Open(String),
    /// Write the agenda to a file. `replace` is the user's yes to overwriting one that exists;
    /// without it the shell asks first.
    Export {
        path: PathBuf,
        format: Format,
        replace: bool,
    },
    /// Ring the bell and raise a desktop notification for these reminders.
    Remind(Vec<Reminder>),
    /// The same for news that is not a reminder: a starred talk of the next two hours moved,
    /// changed room or was dropped in a newer copy of the schedule.
    Notify(Vec<String>),
    /// Ask the schedule's URL for a newer copy now, not at the next check.
    Refresh,
    Quit,
}

/// Why the shell did not write an export: the app keeps its prompt open and says this.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the folder {0} does not exist")]
    NoFolder(String),
    #[error("{replace} {0}? Enter again replaces it, or change the name", replace = super::prompt::REPLACE)]
    Exists(String),
    #[error("cannot write {path}: {source} (your agenda is unchanged)")]
    Write { path: String, source: std::io::Error },
}
