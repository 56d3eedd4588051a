//! What every command and the planner work on: the schedule, where the agenda lives, the clock
//! and the user's own zone. `Context::open` (in `open`) builds it; the TUI only reads it.

use crate::agenda::store::Store;
use crate::clock::Clock;
use crate::schedule::Schedule;
use chrono_tz::Tz;

pub struct Context {
    pub schedule: Schedule,
    pub store: Store,
    pub clock: Box<dyn Clock>,
    pub user_tz: Option<Tz>,
    /// Where the schedule came from and the zone given for it, to open it again by name
    /// (`hallway conferences`).
    pub source: String,
    pub tz_given: Option<String>,
    /// How the schedule was read (its zone when floating), to read a newer copy the same way.
    pub read_with: crate::schedule::import::Options,
    pub data_dir: std::path::PathBuf,
    /// The whole schedule, still to be read, when `schedule` is the part the planner's first
    /// frame shows (see `schedule::compiled::Opened::split`).
    pub rest: Option<crate::schedule::compiled::Rest>,
    /// The agenda as read to choose the talks to load: the command answers from this one, so
    /// a talk starred meanwhile in another window cannot look removed.
    pub agenda: Option<crate::agenda::Agenda>,
    /// What opening found worth saying that is not the schedule's own (its notes are in
    /// `schedule.conference.notes`): the conference used last is gone, a bare `--at` was read
    /// on the first day.
    pub notes: Vec<String>,
    /// The conference was remembered as opened from another place (the file moved): worth
    /// remembering again, so that its name opens the new place.
    pub moved: bool,
}

impl Context {
    /// This conference, as the one opened last.
    pub fn opened(&self, now: chrono::DateTime<chrono::Utc>) -> crate::recent::Opened {
        let s = &self.schedule;
        crate::recent::Opened {
            id: s.conference.id.clone(),
            name: s.conference.name.clone(),
            source: self.source.clone(),
            tz: self.tz_given.clone(),
            first_day: s.days().next(),
            last_day: s.days().last(),
            opened: now,
        }
    }

    /// Remember this conference as the one used last (best effort: it only saves typing).
    pub fn remember(&self) {
        let _ = crate::recent::Recent::new(&self.data_dir).record(self.opened(chrono::Utc::now()));
    }
}
