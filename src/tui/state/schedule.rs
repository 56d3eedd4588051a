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
    /// The talk `[`/`]` started from: days open at its time of day, so `]` then `[` comes back.
    day_anchor: Option<usize>,
    /// Which rooms the grid shows (`-`, `*`).
    pub rooms: super::Rooms,
    /// The hours on screen as last drawn, for the rooms with a talk in view.
    pub window: Cell<Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>>,
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
            None => {
                v.open_day(s, 0);
            }
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
        self.day_anchor = None;
    }

    /// A day opens in the room of the selection at the same time of day, so the columns stay
    /// put and `]` then `[` comes back (on today, among what has not ended yet). A room with
    /// nothing that day gives way to the talk nearest that time in another room (said), and
    /// with nothing selected, to my starred talks, then to the first that is not an all-day desk.
    pub fn open_day(&mut self, s: &Session, day: usize) -> Option<String> {
        let range = s.schedule.day_range(day);
        let talks = s.schedule.talks();
        let shown: Vec<usize> = range.clone().filter(|&i| s.is_shown(i)).collect();
        let mut candidates = if shown.is_empty() { range.collect() } else { shown };
        if s.schedule.day_date(day) == Some(s.schedule.local(s.now).date_naive()) {
            let upcoming: Vec<usize> = candidates.iter().copied().filter(|&i| talks[i].end > s.now).collect();
            if !upcoming.is_empty() {
                candidates = upcoming;
            }
        }
        // In the selection's room at the same time of day (Sat 15:00 -> Sun 15:00).
        let from = self.day_anchor.filter(|&i| i < talks.len()).unwrap_or(self.selected);
        let cur = talks.get(from);
        let same_room = cur.and_then(|cur| {
            closest_time_of_day(s, candidates.iter().copied().filter(|&i| talks[i].room == cur.room), cur)
        });
        let not_a_desk = |i: &usize| talks[*i].minutes() <= ALL_DAY_MINUTES;
        let pick = same_room
            .or_else(|| closest_time_of_day(s, candidates.iter().copied().filter(not_a_desk), cur?))
            .or_else(|| candidates.iter().copied().find(|&i| s.agenda.is_attending(&talks[i].id)))
            .or_else(|| candidates.iter().copied().find(not_a_desk))
            .or(candidates.first().copied())?;
        self.select(s, pick);
        self.day_anchor = (from < talks.len()).then_some(from);
        let (cur, to) = (cur?, &talks[pick]);
        let date = s.schedule.day_date(day).map(crate::timefmt::day_label).unwrap_or_default();
        (same_room.is_none()).then(|| {
            let room = |t: &Talk| s.schedule.room_name(t).to_string();
            format!(
                "{} has no talks on {date}: showing {} at {}",
                room(cur),
                room(to),
                crate::timefmt::at(&s.schedule, to.start)
            )
        })
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
            Action::Left | Action::Right => return self.sideways(s, action == Action::Right),
            Action::PrevDay | Action::NextDay => {
                if let Some(said) = self.other_day(s, action == Action::NextDay) {
                    return said;
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

    /// `h`/`l`: the next room sideways, always the one beside (a room is never passed over),
    /// at its talk nearest the time the walk started from. When that talk is far from it,
    /// the status line says so.
    fn sideways(&mut self, s: &Session, right: bool) -> Option<String> {
        let range = s.schedule.day_range(self.day);
        let talks = s.schedule.talks();
        let sel = self.selected;
        let cur = &talks[sel];
        let cols = self.columns(s);
        // From the selection's column, or where it would be when its room has none
        // today (its talk left the filter).
        let col = match cols.iter().position(|&t| t == cur.room) {
            Some(c) if right => c.checked_add(1).filter(|&x| x < cols.len()),
            Some(c) => c.checked_sub(1),
            None if right => cols.iter().position(|&t| t > cur.room),
            None => cols.iter().rposition(|&t| t < cur.room),
        };
        let Some(col) = col else {
            let which = if right { "last" } else { "first" };
            return Some(format!("{} is the {which} room", s.schedule.conference.rooms[cur.room]));
        };
        // The time kept is the one the walk started from.
        let anchor = self.anchor.unwrap_or(sel);
        let from = &talks[anchor];
        let room = cols[col];
        let found = closest(talks, range.filter(|&i| talks[i].room == room && s.is_shown(i)), from)?;
        self.select(s, found);
        self.anchor = Some(anchor);
        far_from(s, from, &talks[found])
    }

    /// `m`: my next starred talk to start (now or later), or the one after `from` (where `m`
    /// went last); on whichever day; after the last, the first again. With what to say: which
    /// of how many.
    pub fn next_starred(s: &Session, from: Option<usize>) -> Result<(usize, String), String> {
        let talks = s.schedule.talks();
        let starred = &s.attending;
        if starred.is_empty() {
            return Err("no starred talks yet: s stars the selected talk".into());
        }
        let after = |&i: &usize| match from {
            Some(f) => i > f,
            None => talks[i].start >= s.now,
        };
        let (pick, wrapped) = match starred.iter().position(after) {
            Some(p) => (p, false),
            None => (0, true),
        };
        let i = starred[pick];
        let t = &talks[i];
        let when = crate::timefmt::at(&s.schedule, t.start);
        let room = &s.schedule.conference.rooms[t.room];
        let mut said = format!("your starred talk {} of {}: {when} in {room}", pick + 1, starred.len());
        if wrapped {
            said.push_str(if from.is_none() { " (none is still to come)" } else { " (back to the first)" });
        }
        Ok((i, said))
    }

    /// Bring a room's column into view at its talk nearest the selected time: on this day, or
    /// else on the nearest day it has talks.
    pub fn go_to_room(&mut self, s: &Session, room: usize) -> Option<String> {
        let talks = s.schedule.talks();
        let name = &s.schedule.conference.rooms[room];
        let from = talks.get(self.selected)?;
        let in_room = |d: usize| s.schedule.day_range(d).filter(move |&i| talks[i].room == room && s.is_shown(i));
        let day =
            (0..s.schedule.day_count()).filter(|&d| in_room(d).next().is_some()).min_by_key(|&d| d.abs_diff(self.day));
        let Some(day) = day else {
            let why = if s.filtering() { " that your filter shows (f to change)" } else { "" };
            return Some(format!("{name} has no talks{why}"));
        };
        let i = closest_time_of_day(s, in_room(day), from)?;
        let (anchor, from_day) = (self.anchor, self.day);
        self.select(s, i);
        if day == from_day {
            // Moving on with h/l keeps the time the walk started from.
            self.anchor = anchor;
            return far_from(s, from, &talks[i]);
        }
        let date = |d| s.schedule.day_date(d).map(crate::timefmt::day_label).unwrap_or_default();
        Some(format!("{name} has no talks on {}: showing {}", date(from_day), date(day)))
    }

    /// `[`/`]`: the next day in that direction among the days the filter keeps, with what to
    /// say of it; None when there is none.
    fn other_day(&mut self, s: &Session, next: bool) -> Option<Option<String>> {
        let mut days: Box<dyn Iterator<Item = usize>> =
            if next { Box::new(self.day + 1..s.schedule.day_count()) } else { Box::new((0..self.day).rev()) };
        let day = days.find(|&d| s.schedule.day_date(d).is_some_and(|date| s.agenda.filter.has_day(date)))?;
        (!s.schedule.day_range(day).is_empty()).then(|| self.open_day(s, day))
    }
}

/// What to say when the talk gone to in another room is far in time from the one moved from
/// (neither on then nor within the hour): `h`/`l` and `c` say it alike.
fn far_from(s: &Session, from: &Talk, to: &Talk) -> Option<String> {
    let near = to.overlaps(from) || (to.start - from.start).num_minutes().abs() <= 60;
    let at = |t| s.schedule.local(t).format("%H:%M");
    let room = s.schedule.room_name(to);
    (!near).then(|| format!("nothing in {room} near {}: its nearest talk is at {}", at(from.start), at(to.start)))
}

/// Longer than this, an entry is a desk or an exhibition open all day, not a talk to go to.
const ALL_DAY_MINUTES: i64 = 180;

/// The candidate whose start is nearest `cur`'s time of day (on its own conference day: a
/// talk after midnight is late that day, not early).
fn closest_time_of_day(s: &Session, candidates: impl Iterator<Item = usize>, cur: &Talk) -> Option<usize> {
    let of_day = |t: &Talk| {
        let midnight = s.schedule.date_of(t.start).and_time(chrono::NaiveTime::MIN);
        (s.schedule.local(t.start).naive_local() - midnight).num_minutes()
    };
    let want = of_day(cur);
    let talks = s.schedule.talks();
    candidates.min_by_key(|&i| ((of_day(&talks[i]) - want).abs(), i))
}

/// The candidate overlapping `cur` the most, else the one starting nearest to it.
fn closest(talks: &[Talk], candidates: impl Iterator<Item = usize>, cur: &Talk) -> Option<usize> {
    candidates.min_by_key(|&i| {
        let t = &talks[i];
        let overlap = (t.end.min(cur.end) - t.start.max(cur.start)).num_minutes().max(0);
        (-overlap, (t.start - cur.start).num_minutes().abs())
    })
}
