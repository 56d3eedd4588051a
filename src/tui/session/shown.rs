//! What the schedule views show: the tracks chosen, the filter (`f`: days, kinds, tags, starred
//! only, hide past, friends), and which rooms get a column on a day.

use super::Session;
use crate::filter::Filter;
use std::collections::BTreeSet;

impl Session {
    /// Recompute which talks pass the filter, and the columns: the tracks chosen, less those
    /// where the filter leaves nothing (a tag at FOSDEM lives in 3 rooms out of 106).
    pub fn refresh_filter(&mut self) {
        let f = &self.agenda.filter;
        self.admitted =
            if f.is_empty() { Vec::new() } else { f.mask(&self.schedule, &self.agenda, &self.friend_talks, self.now) };
        let tracks = &self.schedule.conference.rooms;
        let mut chosen: Vec<usize> =
            self.agenda.tracks.iter().filter_map(|name| tracks.iter().position(|t| t == name)).collect();
        if chosen.is_empty() {
            chosen = (0..tracks.len()).collect();
        }
        chosen.sort_unstable();
        if !self.admitted.is_empty() {
            let mut used = vec![false; tracks.len()];
            for (t, _) in self.schedule.talks().iter().zip(&self.admitted).filter(|(_, a)| **a) {
                used[t.room] = true;
            }
            // A filter that leaves nothing keeps the columns rather than draw none.
            if chosen.iter().any(|&t| used[t]) {
                chosen.retain(|&t| used[t]);
            }
        }
        self.shown_tracks = chosen;
        self.column_of = vec![None; tracks.len()];
        for (c, &t) in self.shown_tracks.iter().enumerate() {
            self.column_of[t] = Some(c);
        }
        // The Now view's rooms are those shown.
        self.forget_rooms();
    }

    /// In a shown track and passing the filter.
    pub fn is_shown(&self, index: usize) -> bool {
        self.column_of.get(self.schedule.talks()[index].room).is_some_and(Option::is_some)
            && self.admitted.get(index).copied().unwrap_or(true)
    }

    /// The rooms that get a column on a day: shown, with a shown talk that day. At FOSDEM a
    /// Saturday uses 19 of 106 rooms; the other 87 would be empty columns.
    pub fn day_columns(&self, day: usize) -> Vec<usize> {
        let mut used = vec![false; self.schedule.conference.rooms.len()];
        for i in self.schedule.day_range(day).filter(|&i| self.is_shown(i)) {
            used[self.schedule.talks()[i].room] = true;
        }
        let cols: Vec<usize> = self.shown_tracks.iter().copied().filter(|&t| used[t]).collect();
        if cols.is_empty() { self.shown_tracks.clone() } else { cols }
    }

    /// The day's shown talks in time order (the compact list).
    pub fn list_rows(&self, day: usize) -> Vec<usize> {
        self.schedule.day_range(day).filter(|&i| self.is_shown(i)).collect()
    }

    /// Whether anything beyond all tracks is hidden.
    pub fn filtering(&self) -> bool {
        !self.agenda.tracks.is_empty() || !self.agenda.filter.is_empty()
    }

    /// Take what the filter panel chose; says what is shown now.
    pub fn apply_filter(&mut self, ticked: &BTreeSet<usize>, filter: Filter) -> String {
        let names = ticked.iter().map(|&t| self.schedule.conference.rooms[t].clone()).collect();
        self.agenda.set_tracks(names, (self.stamp)());
        self.agenda.set_filter(filter, (self.stamp)());
        self.refresh_filter();
        self.filter_summary()
    }

    /// Loosen only the parts of the filter that hide a talk (search found it there); says which,
    /// or None when the talk was shown already.
    pub fn reveal(&mut self, index: usize) -> Option<String> {
        if self.is_shown(index) {
            return None;
        }
        let s = &self.schedule;
        let t = &s.talks()[index];
        let mut f = self.agenda.filter.clone();
        let mut lifted = Vec::new();
        if !self.agenda.tracks.is_empty() && !self.agenda.tracks.iter().any(|name| name == s.room_name(t)) {
            self.agenda.set_tracks(Vec::new(), (self.stamp)());
            lifted.push("rooms".to_string());
        }
        let one = |part: Filter| part.admits(s, t, &self.agenda, &self.friend_talks, self.now);
        let blank = Filter::default();
        if !one(Filter { tags: f.tags.clone(), ..blank.clone() }) {
            lifted.push(format!("tag {}", f.tags.iter().cloned().collect::<Vec<_>>().join(", ")));
            f.tags.clear();
        }
        if !one(Filter { kinds: f.kinds.clone(), ..blank.clone() }) {
            lifted.push(format!("kind {}", f.kinds.iter().cloned().collect::<Vec<_>>().join(", ")));
            f.kinds.clear();
        }
        if !f.has_day(s.date_of(t.start)) {
            // Add its day rather than drop the days chosen.
            f.days.insert(s.date_of(t.start));
            lifted.push(format!("day {}", s.date_of(t.start).format("%a %-d %b")));
        }
        if f.starred_only && !self.agenda.is_attending(&t.id) {
            f.starred_only = false;
            lifted.push("starred only".into());
        }
        if f.hide_past && t.end <= self.now {
            f.hide_past = false;
            lifted.push("past hidden".into());
        }
        if f.friends_only && !self.friend_talks.contains_key(&t.id) {
            f.friends_only = false;
            lifted.push("friends' talks".into());
        }
        self.agenda.set_filter(f, (self.stamp)());
        self.refresh_filter();
        Some(format!("to show this talk the filter no longer has: {} (f to change)", lifted.join(" · ")))
    }

    /// What the filter shows, for the status line: "showing 3 of 18 rooms: … · tag rust".
    pub fn filter_summary(&self) -> String {
        let tracks = &self.schedule.conference.rooms;
        let n = self.shown_tracks.len();
        let mut parts = Vec::new();
        if !self.agenda.tracks.is_empty() {
            let names: Vec<&str> = self.shown_tracks.iter().map(|&t| tracks[t].as_str()).collect();
            parts.push(format!("{n} of {} rooms: {}", tracks.len(), names.join(", ")));
        } else if self.agenda.filter.is_empty() {
            parts.push("every room".to_string());
        }
        if !self.agenda.filter.is_empty() {
            let talks = self.schedule.talks().len();
            let shown = (0..talks).filter(|&i| self.is_shown(i)).count();
            parts.push(self.agenda.filter.describe());
            parts.push(format!("{shown} of {talks} talks"));
        }
        format!("showing {} (f to change)", parts.join(" · "))
    }
}
