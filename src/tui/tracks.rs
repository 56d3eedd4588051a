//! Which tracks the schedule and Now views show (`f`), and the compact list (`v`).

use super::app::App;
use super::track_picker::{Pick, TrackPicker};
use crossterm::event::KeyEvent;
use std::collections::BTreeSet;

impl App {
    /// Recompute the shown tracks from the agenda's saved choice; keep the selection on one.
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
        let talks = self.schedule.talks();
        if let Some(cur) = talks.get(self.selected)
            && self.column_of[cur.track].is_none()
        {
            // The nearest talk in time among the tracks shown, on the same day if it has one.
            let range = self.schedule.day_range(self.day);
            let candidates = range.clone().chain(0..talks.len()).filter(|&i| self.is_shown(i));
            if let Some(i) =
                candidates.min_by_key(|&i| (!range.contains(&i), (talks[i].start - cur.start).num_minutes().abs()))
            {
                self.select(i);
            }
        }
    }

    pub fn is_shown(&self, index: usize) -> bool {
        self.column_of.get(self.schedule.talks()[index].track).is_some_and(Option::is_some)
    }

    /// The day's talks in the shown tracks, in time order (the compact list).
    pub fn list_rows(&self) -> Vec<usize> {
        self.schedule.day_range(self.day).filter(|&i| self.is_shown(i)).collect()
    }

    pub(super) fn open_picker(&mut self) {
        let all = self.shown_tracks.len() == self.schedule.conference.tracks.len();
        let ticked: BTreeSet<usize> = if all { BTreeSet::new() } else { self.shown_tracks.iter().copied().collect() };
        self.picker = Some(TrackPicker::new(ticked));
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
                self.dirty = true;
                self.refresh_tracks();
                let tracks = &self.schedule.conference.tracks;
                let n = self.shown_tracks.len();
                self.status = Some(if self.agenda.tracks.is_empty() {
                    format!("showing all {n} tracks")
                } else {
                    let names: Vec<&str> = self.shown_tracks.iter().map(|&t| tracks[t].as_str()).collect();
                    format!("showing {n} of {} tracks: {} (f to change)", tracks.len(), names.join(", "))
                });
            }
        }
    }
}
