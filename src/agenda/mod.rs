//! The person's agenda: which talks they attend or will watch later, with notes.

pub mod listing;
pub mod store;

use crate::clash::{self, Clash};
use crate::schedule::{Schedule, Talk};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkKind {
    Attend,
    OnDemand,
}

impl MarkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MarkKind::Attend => "attend",
            MarkKind::OnDemand => "on-demand",
        }
    }
}

/// What the talk looked like when it was marked, so a later schedule change can be spotted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    pub title: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub track: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub mark: MarkKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub marked_at: DateTime<Utc>,
    pub seen: Seen,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    pub version: u32,
    pub conference: String,
    /// Keyed by talk id; a BTreeMap keeps the file diff-friendly.
    pub marks: BTreeMap<String, Mark>,
}

impl Agenda {
    pub fn new(conference: &str) -> Self {
        Self { version: FORMAT_VERSION, conference: conference.to_string(), marks: BTreeMap::new() }
    }

    pub fn kind(&self, id: &str) -> Option<MarkKind> {
        self.marks.get(id).map(|m| m.mark)
    }

    pub fn is_attending(&self, id: &str) -> bool {
        self.kind(id) == Some(MarkKind::Attend)
    }

    /// Set a mark, keeping any note. Returns false when nothing changed.
    pub fn set(&mut self, schedule: &Schedule, talk: &Talk, kind: MarkKind, now: DateTime<Utc>) -> bool {
        if self.kind(&talk.id) == Some(kind) {
            return false;
        }
        let note = self.marks.get(&talk.id).and_then(|m| m.note.clone());
        let seen = Seen {
            title: talk.title.clone(),
            start: talk.start,
            end: talk.end,
            track: schedule.track_name(talk).to_string(),
        };
        self.marks.insert(talk.id.clone(), Mark { mark: kind, note, marked_at: now, seen });
        true
    }

    pub fn unmark(&mut self, id: &str) -> bool {
        self.marks.remove(id).is_some()
    }

    /// Star or unstar; a talk marked on-demand becomes attend. Returns the new state.
    pub fn toggle(&mut self, schedule: &Schedule, talk: &Talk, kind: MarkKind, now: DateTime<Utc>) -> Option<MarkKind> {
        if self.kind(&talk.id) == Some(kind) {
            self.unmark(&talk.id);
            None
        } else {
            self.set(schedule, talk, kind, now);
            Some(kind)
        }
    }

    /// Schedule indices of marked talks that exist in `schedule`, in time order.
    pub fn marked(&self, schedule: &Schedule) -> Vec<usize> {
        let mut v: Vec<usize> = self.marks.keys().filter_map(|id| schedule.index_of(id)).collect();
        v.sort_unstable();
        v
    }

    pub fn attending(&self, schedule: &Schedule) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .marks
            .iter()
            .filter(|(_, m)| m.mark == MarkKind::Attend)
            .filter_map(|(id, _)| schedule.index_of(id))
            .collect();
        v.sort_unstable();
        v
    }

    pub fn clashes(&self, schedule: &Schedule) -> Vec<Clash> {
        clash::find(schedule.talks(), self.attending(schedule))
    }
}
