//! What the schedule views show (`f`: tracks, days, kinds, tags, starred only, hide past) and
//! the compact list (`v`).

use super::app::App;
use super::filter_picker::{FilterPicker, Pick};
use crate::filter::Choices;
use crossterm::event::KeyEvent;
use std::collections::BTreeSet;

impl App {
    /// Recompute the shown tracks and talks from the agenda's saved choice; keep the selection
    /// on a talk that is shown.
    pub fn refresh_tracks(&mut self) {
        let tracks = &self.schedule.conference.tracks;
        let chosen: Vec<usize> =
            self.agenda.tracks.iter().filter_map(|name| tracks.iter().position(|t| t == name)).collect();
        self.shown_tracks = if chosen.is_empty() { (0..tracks.len()).collect() } else { chosen };
        self.shown_tracks.sort_unstable();
        self.column_of = vec![None; tracks.len()];
        for (c, &t) in self.shown_tracks.iter().enumerate() {
            self.column_of[t] = Some(c);
        }
        self.first_track.set(0);
        self.refresh_filter();
        self.reselect();
    }

    /// Recompute which talks pass the filter; cheap, and skipped when no filter is set.
    pub(super) fn refresh_filter(&mut self) {
        let f = &self.agenda.filter;
        self.admitted = if f.is_empty() { Vec::new() } else { f.mask(&self.schedule, &self.agenda, self.now) };
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
        self.picker = Some(FilterPicker::new(ticked, self.agenda.filter.clone(), Choices::of(&self.schedule)));
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
