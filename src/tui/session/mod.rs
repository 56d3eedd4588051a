//! The session: the schedule, my agenda, the time, and what is derived from them (clash flags,
//! the filter's mask, lists some views show). No view state and no I/O: the views keep their own
//! cursors and the shell writes files.

mod marks;
mod shown;

pub use marks::Done;

use crate::agenda::listing::{self, Row};
use crate::agenda::{Agenda, Before};
use crate::clash;
use crate::now::{self, Overview, Rooms};
use crate::reminders::{Reminder, Reminders};
use crate::schedule::Schedule;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::cell::OnceCell;
use std::collections::HashMap;

/// What an agenda line the cursor can be on refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Talk(usize),
    /// A marked talk no longer in the schedule, by id.
    Removed(String),
}

/// One change to the marks, as it can be undone.
#[derive(Debug, Clone)]
pub struct Undo {
    /// What undoing it gives back, said after `u`: "\"X\" starred again".
    pub undone: String,
    pub before: Before,
}

/// Minutes before a starred talk that a reminder comes (the config file may change it).
pub const DEFAULT_REMINDER_MINUTES: u32 = 5;
const UNDO_DEPTH: usize = 100;

/// Lists derived from the marks and the time that only some views show; reset on change.
#[derive(Default)]
struct Derived {
    partners: OnceCell<HashMap<usize, Vec<usize>>>,
    rows: OnceCell<Vec<Row>>,
    items: OnceCell<Vec<Item>>,
    on_demand: OnceCell<Vec<usize>>,
    overview: OnceCell<Overview>,
    rooms: OnceCell<Rooms>,
}

pub struct Session {
    pub schedule: Schedule,
    pub agenda: Agenda,
    pub now: DateTime<Utc>,
    /// How far `@` moved the time from the clock's: the time chosen then runs on with the
    /// clock until cleared.
    pub pinned: Option<chrono::Duration>,
    /// The clock's own time, as last told (`now` is it moved by `pinned`).
    pub clock_now: DateTime<Utc>,
    /// The clock is not the real one (`--at`).
    pub time_travel: bool,
    /// When a mark changes, for merging with other windows: the real time even while
    /// travelling in time, else an old mark made "now" at a past conference would lose.
    pub stamp: fn() -> DateTime<Utc>,
    pub user_tz: Option<Tz>,
    /// Talks marked to attend, in schedule order, and per talk whether it clashes with one of
    /// them: recomputed when marks change (a linear sweep), never per frame.
    pub attending: Vec<usize>,
    pub clashing: Vec<bool>,
    /// Pairs of starred talks that overlap (the header counts them).
    pub clash_count: usize,
    /// Tracks shown, in column order, and each track's column (None: filtered out).
    pub shown_tracks: Vec<usize>,
    pub column_of: Vec<Option<usize>>,
    /// Per talk, whether it passes the agenda's filter; empty when no filter is set.
    pub admitted: Vec<bool>,
    /// Friends' agendas (data, apart from ours) and, per talk id, the initials of those going.
    pub friends: crate::friends::Friends,
    pub friend_talks: crate::filter::FriendTalks,
    pub reminders: Reminders,
    /// The search index, built on first use.
    pub search_index: Option<crate::search::Index>,
    undo: Vec<Undo>,
    derived: Derived,
}

impl Session {
    pub fn new(schedule: Schedule, agenda: Agenda, now: DateTime<Utc>, user_tz: Option<Tz>) -> Self {
        let mut s = Self {
            schedule,
            agenda,
            now,
            pinned: None,
            clock_now: now,
            time_travel: false,
            stamp: Utc::now,
            user_tz,
            attending: Vec::new(),
            clashing: Vec::new(),
            clash_count: 0,
            shown_tracks: Vec::new(),
            column_of: Vec::new(),
            admitted: Vec::new(),
            friends: crate::friends::Friends::default(),
            friend_talks: crate::filter::FriendTalks::new(),
            reminders: Reminders::new(DEFAULT_REMINDER_MINUTES),
            search_index: None,
            undo: Vec::new(),
            derived: Derived::default(),
        };
        s.refresh_filter();
        s.refresh_marks();
        s
    }

    /// Take friends' agendas: their initials show on talks and the filter can keep their talks.
    pub fn set_friends(&mut self, friends: crate::friends::Friends) {
        self.friend_talks = friends.attending();
        self.friends = friends;
        self.refresh_filter();
    }

    /// A newer copy of the schedule: the marks, the filter, the friends and the undo history
    /// (all kept by id) stay, and what was derived from the talks is derived again. Returns the
    /// copy it replaces.
    pub fn replace_schedule(&mut self, schedule: Schedule) -> Schedule {
        let old = std::mem::replace(&mut self.schedule, schedule);
        self.search_index = None;
        self.refresh_marks();
        old
    }

    /// Recompute what depends on the marks (after a change here or on disk).
    pub fn refresh_marks(&mut self) {
        self.attending = self.agenda.attending(&self.schedule);
        self.marks_changed();
    }

    /// [`Session::refresh_marks`] after a change to these talks' marks only: at 10k talks,
    /// reading every mark back by id costs more than the rest of a keypress.
    fn refresh_marks_of(&mut self, talks: &[usize]) {
        for &i in talks {
            let on = self.agenda.is_attending(&self.schedule.talks()[i].id);
            match (self.attending.binary_search(&i), on) {
                (Err(p), true) => self.attending.insert(p, i),
                (Ok(p), false) => {
                    self.attending.remove(p);
                }
                _ => {}
            }
        }
        self.marks_changed();
    }

    fn marks_changed(&mut self) {
        // "Starred only" and "hide past" depend on the marks and the time.
        self.refresh_filter();
        self.clashing = clash::flags(self.schedule.talks(), self.attending.iter().copied());
        self.clash_count = clash::count(self.schedule.talks(), &self.attending);
        self.derived = Derived::default();
    }

    /// Whether a talk overlaps a talk marked to attend (it need not be marked itself).
    pub fn clashes(&self, index: usize) -> bool {
        self.clashing.get(index).copied().unwrap_or(false)
    }

    /// The talks marked to attend that a starred talk overlaps, in schedule order.
    pub fn partners_of(&self, index: usize) -> Vec<usize> {
        let talks = self.schedule.talks();
        if !self.clashes(index) || self.attending.binary_search(&index).is_err() {
            return Vec::new();
        }
        self.attending.iter().copied().filter(|&j| j != index && talks[j].overlaps(&talks[index])).collect()
    }

    /// Starred talk -> the starred talks it overlaps (for the agenda's clash lines).
    pub fn clash_partners(&self) -> &HashMap<usize, Vec<usize>> {
        self.derived
            .partners
            .get_or_init(|| clash::partners(&clash::find(self.schedule.talks(), self.attending.iter().copied())))
    }

    pub fn agenda_rows(&self) -> &[Row] {
        self.derived
            .rows
            .get_or_init(|| listing::rows_with(&self.schedule, &self.agenda, self.now, self.clash_partners()))
    }

    /// The agenda's selectable lines, in display order.
    pub fn agenda_items(&self) -> &[Item] {
        self.derived.items.get_or_init(|| {
            self.agenda_rows()
                .iter()
                .filter_map(|r| match r {
                    Row::Talk { index, .. } => Some(Item::Talk(*index)),
                    Row::Changed(c) => Some(c.index.map_or_else(|| Item::Removed(c.id.clone()), Item::Talk)),
                    _ => None,
                })
                .collect()
        })
    }

    /// Talks to watch later, unwatched first.
    pub fn on_demand(&self) -> &[usize] {
        self.derived.on_demand.get_or_init(|| listing::on_demand(&self.schedule, &self.agenda))
    }

    pub fn overview(&self) -> &Overview {
        self.derived.overview.get_or_init(|| now::overview(&self.schedule, &self.attending, self.now))
    }

    /// The rooms of the Now view, mine first, quiet ones last (of the tracks shown).
    pub fn rooms(&self) -> &Rooms {
        self.derived.rooms.get_or_init(|| {
            let mut r = now::rooms(&self.schedule, self.overview(), &self.attending);
            let o = self.overview();
            let shown = |p: &usize| self.column_of.get(o.tracks[*p].track).is_some_and(Option::is_some);
            for list in [&mut r.mine, &mut r.busy, &mut r.quiet] {
                list.retain(shown);
            }
            r
        })
    }

    /// The talks the Now view lists, in order: per room, the live one then the next one; the
    /// quiet rooms only when `all`.
    pub fn now_talks(&self, all: bool) -> Vec<usize> {
        let o = self.overview();
        self.rooms().listed(all).flat_map(|p| o.tracks[p].live.into_iter().chain(o.tracks[p].next)).collect()
    }

    fn forget_rooms(&mut self) {
        self.derived.rooms = OnceCell::new();
    }

    /// Whether the Now view lists the quiet rooms: when asked, or when they are few enough
    /// that folding them would hide more than it saves (a two-track conference, two rooms
    /// picked out of 106).
    pub fn lists_quiet(&self, all: bool) -> bool {
        self.rooms().lists_quiet(all)
    }

    /// Move the clock. Returns whether what is shown may change (a new minute) and the
    /// reminders now due.
    pub fn set_now(&mut self, now: DateTime<Utc>) -> (bool, Vec<Reminder>) {
        self.clock_now = now;
        let now = now + self.pinned.unwrap_or_default();
        let changed = now.timestamp() / 60 != self.now.timestamp() / 60;
        self.now = now;
        if changed {
            self.refresh_marks();
        }
        (changed, self.due_reminders())
    }

    pub fn due_reminders(&mut self) -> Vec<Reminder> {
        self.reminders.due(&self.schedule, &self.attending, self.now)
    }

    pub fn is_over(&self) -> bool {
        self.schedule.end().is_some_and(|end| self.now >= end)
    }

    /// Record a change for undo and say what happened.
    fn changed(&mut self, what: String, undone: String, before: Before) -> Done {
        self.undo.push(Undo { undone, before });
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        Done::Changed(what)
    }

    pub fn undo(&mut self) -> Done {
        match self.undo.pop() {
            Some(u) => {
                self.agenda.restore(u.before, (self.stamp)());
                self.refresh_marks();
                Done::Changed(format!("↶ undone: {}", u.undone))
            }
            None => Done::Said("nothing to undo".into()),
        }
    }

    /// The id of a talk by index.
    pub fn id(&self, index: usize) -> &str {
        &self.schedule.talks()[index].id
    }
}
