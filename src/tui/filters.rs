//! What the schedule views show (`f`: tracks, days, kinds, tags, starred only, hide past) and
//! the compact list (`v`).

use super::app::App;
use super::filter_picker::{FilterPicker, Pick};
use crate::filter::{Choices, Filter};
use crossterm::event::KeyEvent;
use std::collections::BTreeSet;

impl App {
    /// Recompute the shown tracks and talks from the agenda's saved choice; keep the selection
    /// on a talk that is shown.
    pub fn refresh_tracks(&mut self) {
        self.first_track.set(0);
        self.refresh_filter();
        self.reselect();
    }

    /// Recompute which talks pass the filter, and the columns: the tracks chosen, less those
    /// where the filter leaves nothing (a tag at FOSDEM lives in 3 rooms out of 106).
    pub(super) fn refresh_filter(&mut self) {
        let f = &self.agenda.filter;
        self.admitted =
            if f.is_empty() { Vec::new() } else { f.mask(&self.schedule, &self.agenda, &self.friend_talks, self.now) };
        let tracks = &self.schedule.conference.tracks;
        let mut chosen: Vec<usize> =
            self.agenda.tracks.iter().filter_map(|name| tracks.iter().position(|t| t == name)).collect();
        if chosen.is_empty() {
            chosen = (0..tracks.len()).collect();
        }
        chosen.sort_unstable();
        if !self.admitted.is_empty() {
            let mut used = vec![false; tracks.len()];
            for (t, _) in self.schedule.talks().iter().zip(&self.admitted).filter(|(_, a)| **a) {
                used[t.track] = true;
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
    }

    /// Loosen only the parts of the filter that hide a talk (search found it there); says which.
    pub(super) fn reveal(&mut self, index: usize) {
        if self.is_shown(index) {
            return;
        }
        let s = &self.schedule;
        let t = &s.talks()[index];
        let mut f = self.agenda.filter.clone();
        let mut lifted = Vec::new();
        if !self.agenda.tracks.is_empty() && !self.agenda.tracks.iter().any(|name| name == s.track_name(t)) {
            self.agenda.set_tracks(Vec::new(), (self.stamp)());
            lifted.push("tracks".to_string());
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
        self.dirty = true;
        self.refresh_tracks();
        self.status = Some(format!("to show this talk the filter no longer has: {} (f to change)", lifted.join(" · ")));
    }

    /// After the filter changed: a selected talk now hidden gives way to the nearest shown one
    /// in time, on an allowed day.
    fn reselect(&mut self) {
        let talks = self.schedule.talks();
        let Some(cur) = talks.get(self.selected) else { return };
        if self.is_shown(self.selected) {
            return;
        }
        let range = self.schedule.day_range(self.day);
        let candidates = range.clone().chain(0..talks.len()).filter(|&i| self.is_shown(i));
        if let Some(i) =
            candidates.min_by_key(|&i| (!range.contains(&i), (talks[i].start - cur.start).num_minutes().abs()))
        {
            self.select(i);
        }
    }

    /// In a shown track and passing the filter.
    pub fn is_shown(&self, index: usize) -> bool {
        self.column_of.get(self.schedule.talks()[index].track).is_some_and(Option::is_some)
            && self.admitted.get(index).copied().unwrap_or(true)
    }

    /// The day's shown talks in time order (the compact list).
    pub fn list_rows(&self) -> Vec<usize> {
        self.schedule.day_range(self.day).filter(|&i| self.is_shown(i)).collect()
    }

    /// Whether anything beyond all tracks is hidden.
    pub fn filtering(&self) -> bool {
        !self.agenda.tracks.is_empty() || !self.agenda.filter.is_empty()
    }

    pub(super) fn open_picker(&mut self) {
        let all = self.shown_tracks.len() == self.schedule.conference.tracks.len();
        let ticked: BTreeSet<usize> = if all { BTreeSet::new() } else { self.shown_tracks.iter().copied().collect() };
        let mut picker = FilterPicker::new(ticked, self.agenda.filter.clone(), Choices::of(&self.schedule));
        picker.has_friends = !self.friends.friends.is_empty();
        self.picker = Some(picker);
    }

    pub(super) fn picker_key(&mut self, key: KeyEvent) {
        let Some(p) = self.picker.as_mut() else { return };
        match p.key(key, &self.schedule.conference.tracks) {
            Pick::Open => {}
            Pick::Cancel => self.picker = None,
            Pick::Apply => {
                let p = self.picker.take().expect("open");
                let names = p.ticked.iter().map(|&t| self.schedule.conference.tracks[t].clone()).collect();
                self.agenda.set_tracks(names, (self.stamp)());
                self.agenda.set_filter(p.filter, (self.stamp)());
                self.dirty = true;
                self.refresh_tracks();
                self.status = Some(self.filter_summary());
            }
        }
    }

    /// What the filter shows, for the status line: "showing 3 of 18 tracks: … · tag rust".
    pub fn filter_summary(&self) -> String {
        let tracks = &self.schedule.conference.tracks;
        let n = self.shown_tracks.len();
        let mut parts = vec![if self.agenda.tracks.is_empty() {
            format!("all {n} tracks")
        } else {
            let names: Vec<&str> = self.shown_tracks.iter().map(|&t| tracks[t].as_str()).collect();
            format!("{n} of {} tracks: {}", tracks.len(), names.join(", "))
        }];
        if !self.agenda.filter.is_empty() {
            let talks = self.schedule.talks().len();
            let shown = (0..talks).filter(|&i| self.is_shown(i)).count();
            parts.push(self.agenda.filter.describe());
            parts.push(format!("{shown} of {talks} talks"));
        }
        format!("showing {} (f to change)", parts.join(" · "))
    }
}
