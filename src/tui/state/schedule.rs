//! The schedule view's place: the day, the selected talk, grid or list, and scroll; and how the
//! keys move it.

use crate::schedule::Talk;
use crate::tui::action::Action;
use crate::tui::session::Session;
use chrono::Duration;
use std::cell::Cell;

#[derive(Debug, Default)]
pub struct ScheduleView {
    pub day: usize,
    /// Schedule index of the selected talk.
    pub selected: usize,
    /// The schedule as a compact list by time instead of the grid.
    pub list_mode: bool,
    /// Scroll positions the draw code keeps so the selection stays in view.
    pub grid_top: Cell<u16>,
    pub first_column: Cell<usize>,
    pub list_top: Cell<usize>,
    /// The grid's columns in view as last drawn: first, how many, of how many (the header
    /// says "rooms 7-9 of 19").
    pub columns_shown: Cell<(usize, usize, usize)>,
    /// The talk `h`/`l` started from: moving across rooms keeps its time instead of drifting.
    anchor: Option<usize>,
    /// The talk last selected on each day (by id: a newer schedule moves indices), so `]` then
    /// `[` comes back to it.
    visited: std::collections::HashMap<usize, String>,
}

impl ScheduleView {
    /// Open where a person wants to be: what is on now when the conference is on today, else
    /// the first day's first talk.
    pub fn new(s: &Session) -> Self {
        let mut v = Self::default();
        let today = s.schedule.days().position(|d| d == s.schedule.local(s.now).date_naive());
        match today {
            Some(_) => {
                // No selection yet: what is live in the leftmost room, whichever talks are
                // loaded (the first frame may come from part of the schedule).
                v.selected = usize::MAX;
                v.jump_to_now(s);
                if v.selected == usize::MAX {
                    v.open_day(s, 0);
                }
            }
            None => v.open_day(s, 0),
        }
        v
    }

    pub fn current(&self, s: &Session) -> Option<usize> {
        (self.selected < s.schedule.talks().len()).then_some(self.selected)
    }

    pub fn select(&mut self, s: &Session, index: usize) {
        self.selected = index;
        self.day = s.schedule.day_of(index);
        self.anchor = None;
        if let Some(t) = s.schedule.talks().get(index) {
            self.visited.insert(self.day, t.id.clone());
        }
    }

    /// A day opens where it was left. A day not seen yet opens in the room of the selection,
    /// so the columns stay put: at what is on there now when the day is today, else at its
    /// first talk there. A room with nothing that day gives way to my starred talks, then to
    /// the first talk that is not an all-day desk.
    pub fn open_day(&mut self, s: &Session, day: usize) {
        let range = s.schedule.day_range(day);
        let talks = s.schedule.talks();
        if let Some(i) = self.visited.get(&day).and_then(|id| s.schedule.index_of(id))
            && range.contains(&i)
            && s.is_shown(i)
        {
            self.select(s, i);
            return;
        }
        let shown: Vec<usize> = range.clone().filter(|&i| s.is_shown(i)).collect();
        let mut candidates = if shown.is_empty() { range.collect() } else { shown };
        if s.schedule.day_date(day) == Some(s.schedule.local(s.now).date_naive()) {
            let upcoming: Vec<usize> = candidates.iter().copied().filter(|&i| talks[i].end > s.now).collect();
            if !upcoming.is_empty() {
                candidates = upcoming;
            }
        }
        let track = talks.get(self.selected).map(|t| t.room);
        let pick = candidates
            .iter()
            .find(|&&i| Some(talks[i].room) == track)
            .or_else(|| candidates.iter().find(|&&i| s.agenda.is_attending(&talks[i].id)))
            .or_else(|| candidates.iter().find(|&&i| talks[i].minutes() <= ALL_DAY_MINUTES))
            .or(candidates.first());
        if let Some(&i) = pick {
            self.select(s, i);
        }
    }

    /// Select what is live now (or next) on the day it is on; says why when nothing is on.
    pub fn jump_to_now(&mut self, s: &Session) -> Option<String> {
        let talks = s.schedule.talks();
        if talks.is_empty() {
            return None;
        }
        let now = s.now;
        let track = talks.get(self.selected).map_or(0, |t| t.room);
        let first_live = talks.partition_point(|t| t.start <= now);
        // My starred talk first, then the room I am looking at, then a talk rather than an
        // all-day desk.
        let live = (0..first_live).filter(|&i| now < talks[i].end && s.is_shown(i)).min_by_key(|&i| {
            let t = &talks[i];
            (!s.agenda.is_attending(&t.id), t.room != track, t.minutes() > ALL_DAY_MINUTES, t.room)
        });
        let target = live.or_else(|| (first_live..talks.len()).find(|&i| s.is_shown(i)));
        match target {
            Some(i) => {
                self.select(s, i);
                if live.is_some() {
                    return None;
                }
                let until = (talks[i].start - now).num_minutes();
                let shown = if s.filtering() { " that your filter shows" } else { "" };
                Some(if until > 24 * 60 && shown.is_empty() {
                    format!("the conference is not on now; it starts in {} days", until / (24 * 60))
                } else {
                    format!("nothing{shown} is live now; next in {}", crate::timefmt::minutes(until))
                })
            }
            None => {
                self.open_day(s, 0);
                Some("the conference is over: showing day 1 (4: your on-demand list)".into())
            }
        }
    }

    /// After the filter changed: a selected talk now hidden gives way to the nearest shown one
    /// in time, on the same day where it can.
    pub fn keep_shown(&mut self, s: &Session) {
        let talks = s.schedule.talks();
        let Some(cur) = talks.get(self.selected) else { return };
        if s.is_shown(self.selected) {
            return;
        }
        let range = s.schedule.day_range(self.day);
        let candidates = range.clone().chain(0..talks.len()).filter(|&i| s.is_shown(i));
        if let Some(i) =
            candidates.min_by_key(|&i| (!range.contains(&i), (talks[i].start - cur.start).num_minutes().abs()))
        {
            self.select(s, i);
        }
    }

    /// Move for a key; says why when there is nowhere to go.
    pub fn nav(&mut self, s: &Session, action: Action) -> Option<String> {
        let range = s.schedule.day_range(self.day);
        if range.is_empty() {
            return None;
        }
        let talks = s.schedule.talks();
        let sel = self.selected;
        let cur = &talks[sel];
        let in_track = |track: usize| range.clone().filter(move |&i| talks[i].room == track && s.is_shown(i));
        let list = || range.clone().filter(|&i| s.is_shown(i));
        let target = match action {
            // The compact list goes by time across the tracks shown.
            Action::Down if self.list_mode => list().find(|&i| i > sel),
            Action::Up if self.list_mode => list().rev().find(|&i| i < sel),
            Action::Top if self.list_mode => list().next(),
            Action::Bottom if self.list_mode => list().next_back(),
            Action::PageDown if self.list_mode => list().filter(|&i| i > sel).take(10).last(),
            Action::PageUp if self.list_mode => list().rev().filter(|&i| i < sel).take(10).last(),
            Action::Down => in_track(cur.room).find(|&i| i > sel),
            Action::Up => in_track(cur.room).rev().find(|&i| i < sel),
            Action::Top => in_track(cur.room).next(),
            Action::Bottom => in_track(cur.room).next_back(),
            Action::PageDown | Action::PageUp => {
                let hour = if action == Action::PageDown { Duration::hours(1) } else { -Duration::hours(1) };
                let at = cur.start + hour;
                in_track(cur.room).min_by_key(|&i| (talks[i].start - at).num_minutes().abs())
            }
            Action::Left | Action::Right => {
                self.sideways(s, action == Action::Right);
                return None;
            }
            Action::PrevDay | Action::NextDay => {
                if self.other_day(s, action == Action::NextDay) {
                    return None;
                }
                None
            }
            _ => return None,
        };
        match target {
            Some(i) => {
                self.select(s, i);
                None
            }
            None if matches!(action, Action::PrevDay | Action::NextDay) => {
                let which = if action == Action::NextDay { "last" } else { "first" };
                Some(if s.agenda.filter.days.is_empty() {
                    format!("this is the {which} day")
                } else {
                    format!("this is the {which} of the days your filter shows (f to change)")
                })
            }
            None => None,
        }
    }

    /// `h`/`l`: the next room, sideways, with a talk near the time the walk started from.
    fn sideways(&mut self, s: &Session, right: bool) {
        let range = s.schedule.day_range(self.day);
        let talks = s.schedule.talks();
        let sel = self.selected;
        let cur = &talks[sel];
        let in_track = |track: usize| range.clone().filter(move |&i| talks[i].room == track && s.is_shown(i));
        // Over the day's columns; the time kept is the one the walk started from.
        let from = &talks[self.anchor.unwrap_or(sel)];
        let cols = s.day_columns(self.day);
        let n = cols.len();
        let step = |c: usize| {
            if right { c.checked_add(1).filter(|&x| x < n) } else { c.checked_sub(1) }
        };
        // From the selection's column, or where it would be when its room has none
        // today (its talk left the filter).
        let mut col = match cols.iter().position(|&t| t == cur.room) {
            Some(c) => step(c),
            None if right => cols.iter().position(|&t| t > cur.room),
            None => cols.iter().rposition(|&t| t < cur.room),
        };
        // The next room with a talk near that time (on then, or within the hour):
        // rooms with nothing near are passed over, so `l` at 15:30 does not jump to a
        // room's only talk at 09:30. With none near, the next room with any talk.
        let near = |i: usize| {
            let t = &talks[i];
            t.overlaps(from) || (t.start - from.start).num_minutes().abs() <= 60
        };
        let start = col;
        let mut found = None;
        while let Some(c) = col {
            if let Some(i) = closest(talks, in_track(cols[c]), from).filter(|&i| near(i)) {
                found = Some(i);
                break;
            }
            col = step(c);
        }
        col = start;
        while found.is_none()
            && let Some(c) = col
        {
            found = closest(talks, in_track(cols[c]), from);
            col = step(c);
        }
        if let Some(i) = found {
            let anchor = self.anchor.unwrap_or(sel);
            self.select(s, i);
            self.anchor = Some(anchor);
        }
    }

    /// `[`/`]`: the next day in that direction among the days the filter keeps; false when
    /// there is none.
    fn other_day(&mut self, s: &Session, next: bool) -> bool {
        let mut days: Box<dyn Iterator<Item = usize>> =
            if next { Box::new(self.day + 1..s.schedule.day_count()) } else { Box::new((0..self.day).rev()) };
        let day = days.find(|&d| s.schedule.day_date(d).is_some_and(|date| s.agenda.filter.has_day(date)));
        match day {
            Some(d) if !s.schedule.day_range(d).is_empty() => {
                self.open_day(s, d);
                true
            }
            _ => false,
        }
    }
}

/// Longer than this, an entry is a desk or an exhibition open all day, not a talk to go to.
const ALL_DAY_MINUTES: i64 = 180;

/// The candidate overlapping `cur` the most, else the one starting nearest to it.
fn closest(talks: &[Talk], candidates: impl Iterator<Item = usize>, cur: &Talk) -> Option<usize> {
    candidates.min_by_key(|&i| {
        let t = &talks[i];
        let overlap = (t.end.min(cur.end) - t.start.max(cur.start)).num_minutes().max(0);
        (-overlap, (t.start - cur.start).num_minutes().abs())
    })
}
