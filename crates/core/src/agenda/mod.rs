//! The person's agenda: which talks they attend or will watch later, with notes.

pub mod changes;
pub mod listing;
pub mod newer;
pub mod store;

use crate::clash::{self, Clash};
use crate::filter::Filter;
use crate::schedule::{Schedule, Talk};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// 1: marks, notes, seen. 2: removals are remembered (`removed`) so two windows merge.
pub const FORMAT_VERSION: u32 = 2;

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
    /// Absent in agendas saved before speakers were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speakers: Option<Vec<String>>,
    /// For a schedule with floating times (no zone, no offsets): the start and end as printed.
    /// Read in another zone later (`--tz`), its instants shift while nothing moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall: Option<[chrono::NaiveDateTime; 2]>,
    /// Whether the talk had a video link when marked (`None` in agendas saved before this was
    /// recorded): a link that appears later is a recording published since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub had_video: Option<bool>,
}

impl Seen {
    pub fn of(schedule: &Schedule, talk: &Talk) -> Self {
        Seen {
            title: talk.title.clone(),
            start: talk.start,
            end: talk.end,
            track: schedule.room_name(talk).to_string(),
            speakers: Some(talk.speakers.clone()),
            wall: schedule.conference.floating.then(|| Self::wall_of(schedule, talk)),
            had_video: Some(talk.video.is_some()),
        }
    }

    fn wall_of(schedule: &Schedule, talk: &Talk) -> [chrono::NaiveDateTime; 2] {
        [schedule.local(talk.start).naive_local(), schedule.local(talk.end).naive_local()]
    }

    /// Whether the talk has a video it did not have when marked: a recording published since.
    pub fn video_came_later(&self, talk: &Talk) -> bool {
        self.had_video == Some(false) && talk.video.is_some()
    }

    /// Whether the talk is at another time than when seen: by the wall clock for floating
    /// times (recorded as such), else by the instant.
    pub fn moved(&self, schedule: &Schedule, talk: &Talk) -> bool {
        match self.wall {
            Some(wall) if schedule.conference.floating => Self::wall_of(schedule, talk) != wall,
            _ => talk.start != self.start || talk.end != self.end,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub mark: MarkKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When this mark last changed (set, note, watched): the later change wins a merge.
    pub marked_at: DateTime<Utc>,
    pub seen: Seen,
    /// For on-demand talks: the video has been watched.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub watched: bool,
    /// The planner has said that the talk's recording came (once is enough; the On-demand
    /// view keeps marking it new until watched).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub video_told: bool,
}

/// The marks of some talks as they were before a change, to undo it exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Before(Vec<(String, Option<Mark>)>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    pub version: u32,
    pub conference: String,
    /// Keyed by talk id; a BTreeMap keeps the file diff-friendly.
    pub marks: BTreeMap<String, Mark>,
    /// Talks unmarked, and when: another window's older mark must not bring them back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub removed: BTreeMap<String, DateTime<Utc>>,
    /// The tracks the person chose to see (`f`), by name; empty: all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tracks: Vec<String>,
    /// The rest of what the person chose to see (tags, kinds, days, starred only, hide past).
    #[serde(default, skip_serializing_if = "Filter::is_empty")]
    pub filter: Filter,
    /// When `tracks` or `filter` last changed: the later choice wins a merge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracks_at: Option<DateTime<Utc>>,
}

impl Agenda {
    /// The agenda as read from a file, its text cleaned: a file edited by hand (or planted)
    /// reaches the terminal, the exports and `--json` through notes, ids and what was seen.
    pub fn cleaned(mut self) -> Self {
        use crate::sanitize::line;
        let marks = std::mem::take(&mut self.marks);
        self.marks = marks
            .into_iter()
            .map(|(id, mut m)| {
                m.note = m.note.map(|n| line(&n));
                m.seen.title = line(&m.seen.title);
                m.seen.track = line(&m.seen.track);
                m.seen.speakers = m.seen.speakers.map(|s| s.iter().map(|x| line(x)).collect());
                (line(&id), m)
            })
            .collect();
        let removed = std::mem::take(&mut self.removed);
        self.removed = removed.into_iter().map(|(id, at)| (line(&id), at)).collect();
        self.tracks = self.tracks.iter().map(|t| line(t)).collect();
        self.conference = line(&self.conference);
        self
    }

    pub fn new(conference: &str) -> Self {
        Self {
            version: FORMAT_VERSION,
            conference: conference.to_string(),
            marks: BTreeMap::new(),
            removed: BTreeMap::new(),
            tracks: Vec::new(),
            filter: Filter::default(),
            tracks_at: None,
        }
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
        let seen = Seen::of(schedule, talk);
        self.marks.insert(
            talk.id.clone(),
            Mark { mark: kind, note, marked_at: now, seen, watched: false, video_told: false },
        );
        self.removed.remove(&talk.id);
        true
    }

    /// Set or clear (empty text) the note of a marked talk; an unmarked talk is first marked to
    /// attend, since a note belongs to the agenda. Returns false when nothing changed.
    pub fn set_note(&mut self, schedule: &Schedule, talk: &Talk, note: &str, now: DateTime<Utc>) -> bool {
        let note = crate::sanitize::line(note.trim());
        let note = (!note.is_empty()).then_some(note);
        if self.marks.get(&talk.id).map(|m| &m.note) == Some(&note)
            || (note.is_none() && !self.marks.contains_key(&talk.id))
        {
            return false;
        }
        if !self.marks.contains_key(&talk.id) {
            self.set(schedule, talk, MarkKind::Attend, now);
        }
        let mark = self.marks.get_mut(&talk.id).expect("marked above");
        mark.note = note;
        mark.marked_at = now;
        true
    }

    /// Flip the watched box of an on-demand talk. Returns the new state, `None` if not on-demand.
    pub fn toggle_watched(&mut self, id: &str, now: DateTime<Utc>) -> Option<bool> {
        let mark = self.marks.get_mut(id).filter(|m| m.mark == MarkKind::OnDemand)?;
        mark.watched = !mark.watched;
        mark.marked_at = now;
        Some(mark.watched)
    }

    /// Keep `keep` (marking it to attend) and move every attended talk it overlaps to on-demand.
    /// Returns the schedule indices moved, in time order.
    pub fn resolve_clash(&mut self, schedule: &Schedule, keep: usize, now: DateTime<Utc>) -> Vec<usize> {
        let kept = &schedule.talks()[keep];
        let moved: Vec<usize> =
            self.attending(schedule).into_iter().filter(|&j| j != keep && schedule.talks()[j].overlaps(kept)).collect();
        self.set(schedule, kept, MarkKind::Attend, now);
        for &j in &moved {
            self.set(schedule, &schedule.talks()[j], MarkKind::OnDemand, now);
        }
        moved
    }

    /// Remember the marks of `ids` before changing them.
    pub fn before<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Before {
        Before(ids.into_iter().map(|id| (id.to_string(), self.marks.get(id).cloned())).collect())
    }

    /// Put back marks remembered by [`Agenda::before`]. The undo is itself a change, made
    /// `now`, so a merge with another window keeps it.
    pub fn restore(&mut self, before: Before, now: DateTime<Utc>) {
        for (id, mark) in before.0 {
            match mark {
                Some(m) => {
                    self.marks.insert(id.clone(), Mark { marked_at: now, ..m });
                    self.removed.remove(&id);
                }
                None => {
                    self.unmark(&id, now);
                }
            }
        }
    }

    pub fn unmark(&mut self, id: &str, now: DateTime<Utc>) -> bool {
        let was = self.marks.remove(id).is_some();
        if was {
            self.removed.insert(id.to_string(), now);
        }
        was
    }

    pub fn set_tracks(&mut self, tracks: Vec<String>, now: DateTime<Utc>) {
        self.tracks = tracks;
        self.tracks_at = Some(now);
    }

    pub fn set_filter(&mut self, filter: Filter, now: DateTime<Utc>) {
        self.filter = filter;
        self.tracks_at = Some(now);
    }

    /// Combine with another copy of the same agenda (another window saved it): per talk, the
    /// later change wins, whether a mark or an unmark; ties keep ours.
    pub fn merge(&mut self, theirs: &Agenda) {
        let ids: std::collections::BTreeSet<String> =
            theirs.marks.keys().chain(theirs.removed.keys()).cloned().collect();
        for id in ids {
            let ours_at = self.marks.get(&id).map(|m| m.marked_at).or_else(|| self.removed.get(&id).copied());
            let theirs_at = theirs.marks.get(&id).map(|m| m.marked_at).or_else(|| theirs.removed.get(&id).copied());
            if theirs_at > ours_at {
                match theirs.marks.get(&id) {
                    Some(m) => {
                        self.marks.insert(id.clone(), m.clone());
                        self.removed.remove(&id);
                    }
                    None => {
                        self.marks.remove(&id);
                        self.removed.insert(id.clone(), theirs.removed[&id]);
                    }
                }
            }
        }
        // Said in either window is said.
        for (id, m) in &mut self.marks {
            m.video_told |= theirs.marks.get(id).is_some_and(|t| t.video_told && t.marked_at == m.marked_at);
        }
        if theirs.tracks_at > self.tracks_at {
            self.tracks = theirs.tracks.clone();
            self.filter = theirs.filter.clone();
            self.tracks_at = theirs.tracks_at;
        }
    }

    /// Star or unstar; a talk marked on-demand becomes attend. Returns the new state.
    pub fn toggle(&mut self, schedule: &Schedule, talk: &Talk, kind: MarkKind, now: DateTime<Utc>) -> Option<MarkKind> {
        if self.kind(&talk.id) == Some(kind) {
            self.unmark(&talk.id, now);
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

    /// Talks saved to watch later whose recording was published since they were marked (their
    /// video link came with a later schedule), not yet watched: schedule positions, in order.
    pub fn recordings_published(&self, schedule: &Schedule) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .marks
            .iter()
            .filter(|(_, m)| m.mark == MarkKind::OnDemand && !m.watched)
            .filter_map(|(id, m)| schedule.index_of(id).filter(|&i| m.seen.video_came_later(&schedule.talks()[i])))
            .collect();
        v.sort_unstable();
        v
    }

    /// Of [`Agenda::recordings_published`], those the planner has not said yet.
    pub fn untold_videos(&self, schedule: &Schedule) -> Vec<usize> {
        let mut v = self.recordings_published(schedule);
        v.retain(|&i| !self.marks[&schedule.talks()[i].id].video_told);
        v
    }

    /// The planner said these talks' recordings came: not again at the next start.
    pub fn told_videos(&mut self, schedule: &Schedule, talks: &[usize]) {
        for &i in talks {
            if let Some(m) = self.marks.get_mut(&schedule.talks()[i].id) {
                m.video_told = true;
            }
        }
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

    /// Take the schedule's current version of a marked talk as seen (the change is noted).
    pub fn acknowledge(&mut self, schedule: &Schedule, id: &str, now: DateTime<Utc>) -> bool {
        match (self.marks.get_mut(id), schedule.talk(id)) {
            (Some(m), Some(t)) => {
                let seen = Seen::of(schedule, t);
                let changed = m.seen != seen;
                m.seen = seen;
                m.marked_at = now;
                changed
            }
            // Gone from the schedule: acknowledging it lets the mark go.
            (Some(_), None) => self.unmark(id, now),
            _ => false,
        }
    }

    /// What the person sees of each mark (kind, note, watched), without when it changed: two
    /// agendas that agree on this hold the same plan.
    pub fn summary(&self) -> Vec<(&str, MarkKind, Option<&str>, bool)> {
        self.marks.iter().map(|(id, m)| (id.as_str(), m.mark, m.note.as_deref(), m.watched)).collect()
    }

    pub fn note(&self, id: &str) -> Option<&str> {
        self.marks.get(id).and_then(|m| m.note.as_deref())
    }

    pub fn is_watched(&self, id: &str) -> bool {
        self.marks.get(id).is_some_and(|m| m.watched)
    }
}

impl crate::filter::Starred for Agenda {
    fn is_starred(&self, id: &str) -> bool {
        self.is_attending(id)
    }
}

#[cfg(test)]
mod tests;
