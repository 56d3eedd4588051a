//! Which rooms the grid shows side by side: all of the day's, only those with a talk in view
//! (`-`), or only mine, those with a starred talk that day (`*`). A wide terminal at FOSDEM
//! otherwise shows three empty columns of five; 87 rooms are many to walk with `h`/`l`.

use super::schedule::ScheduleView;
use crate::tui::session::Session;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Rooms {
    #[default]
    All,
    /// Rooms with a talk in the hours on screen.
    InView,
    /// Rooms with a talk I starred that day.
    Mine,
}

impl Rooms {
    /// How the header says it, before "1-3 of 12".
    pub fn label(self) -> &'static str {
        match self {
            Rooms::All => "rooms",
            Rooms::InView => "rooms in view",
            Rooms::Mine => "my rooms",
        }
    }
}

impl ScheduleView {
    /// The day's columns as the grid shows them, in the conference's order. The selected talk's
    /// room is always among them; a choice that leaves no other room shows them all.
    pub fn columns(&self, s: &Session) -> Vec<usize> {
        let all = s.day_columns(self.day);
        let talks = s.schedule.talks();
        let selected = talks.get(self.selected).map(|t| t.room);
        let keep: Box<dyn Fn(usize) -> bool> = match (self.rooms, self.window.get()) {
            (Rooms::All, _) | (Rooms::InView, None) => return all,
            (Rooms::InView, Some((from, to))) => Box::new(move |i| talks[i].start < to && talks[i].end > from),
            (Rooms::Mine, _) => Box::new(|i| s.agenda.is_attending(&talks[i].id)),
        };
        let mut used = vec![false; s.schedule.conference.rooms.len()];
        for i in s.schedule.day_range(self.day).filter(|&i| s.is_shown(i) && keep(i)) {
            used[talks[i].room] = true;
        }
        let cols: Vec<usize> = all.iter().copied().filter(|&r| used[r] || Some(r) == selected).collect();
        if cols.iter().all(|&r| Some(r) == selected) { all } else { cols }
    }

    /// `-` / `*`: that choice of rooms, or all again; what to say of it. My rooms move the
    /// selection to my starred talk nearest it in time when it is in a room of no mark of mine.
    pub fn toggle_rooms(&mut self, s: &Session, choice: Rooms) -> String {
        self.rooms = if self.rooms == choice { Rooms::All } else { choice };
        if self.rooms == Rooms::Mine {
            let talks = s.schedule.talks();
            let day = s.schedule.day_range(self.day);
            let mine: Vec<usize> = day.filter(|&i| s.agenda.is_attending(&talks[i].id)).collect();
            let here = talks.get(self.selected).map(|t| (t.room, t.start));
            if mine.is_empty() {
                self.rooms = Rooms::All;
                return "no talk starred on this day: all rooms (s stars a talk)".into();
            }
            if let Some((room, at)) = here
                && !mine.iter().any(|&i| talks[i].room == room)
                && let Some(&near) = mine.iter().min_by_key(|&&i| (talks[i].start - at).num_minutes().abs())
            {
                self.select(s, near);
            }
        }
        self.first_column.set(0);
        let n = self.columns(s).len();
        match self.rooms {
            Rooms::All => format!("all {n} rooms of the day"),
            Rooms::InView => format!("{n} rooms with a talk in the hours on screen (- again: all)"),
            Rooms::Mine => format!("{n} rooms with a talk you starred that day (* again: all)"),
        }
    }
}
