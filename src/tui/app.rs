//! App state and `update(Action)`: every state change happens here, nothing is drawn here.

use super::keys::Action;
use crate::agenda::listing::{self, Row};
use crate::agenda::{Agenda, MarkKind};
use crate::clash;
use crate::schedule::Schedule;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::cell::Cell;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Schedule,
    Agenda,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Detail { talk: usize },
    Help,
}

pub struct App {
    pub schedule: Schedule,
    pub agenda: Agenda,
    pub view: View,
    pub overlay: Overlay,
    pub day: usize,
    /// Schedule index of the selected talk in the grid.
    pub selected: usize,
    /// Index into `agenda_talks()` of the selected agenda entry.
    pub agenda_cursor: usize,
    pub detail_scroll: u16,
    pub status: Option<String>,
    pub now: DateTime<Utc>,
    pub time_travel: bool,
    pub user_tz: Option<Tz>,
    pub no_color: bool,
    pub quit: bool,
    /// The agenda changed and must be saved by the shell.
    pub dirty: bool,
    /// Starred talk -> the starred talks it overlaps; recomputed when marks change, not per frame.
    pub clash_partners: HashMap<usize, Vec<usize>>,
    pub agenda_rows: Vec<Row>,
    /// Scroll positions the draw code keeps so the selection stays in view.
    pub grid_top: Cell<u16>,
    pub first_track: Cell<usize>,
    pub agenda_top: Cell<usize>,
}

impl App {
    pub fn new(schedule: Schedule, agenda: Agenda, now: DateTime<Utc>, user_tz: Option<Tz>) -> Self {
        let mut app = Self {
            schedule,
            agenda,
            view: View::Schedule,
            overlay: Overlay::None,
            day: 0,
            selected: 0,
            agenda_cursor: 0,
            detail_scroll: 0,
            status: None,
            now,
            time_travel: false,
            user_tz,
            no_color: false,
            quit: false,
            dirty: false,
            clash_partners: HashMap::new(),
            agenda_rows: Vec::new(),
            grid_top: Cell::new(0),
            first_track: Cell::new(0),
            agenda_top: Cell::new(0),
        };
        app.refresh_marks();
        app.jump_to_now(false);
        app
    }

    /// Recompute what depends on the marks (after a change here or on disk).
    pub fn refresh_marks(&mut self) {
        self.clash_partners = clash::partners(&self.agenda.clashes(&self.schedule));
        self.agenda_rows = listing::rows(&self.schedule, &self.agenda);
        let n = self.agenda_talks().len();
        self.agenda_cursor = self.agenda_cursor.min(n.saturating_sub(1));
    }

    /// Schedule indices of the agenda's talk rows, in display order.
    pub fn agenda_talks(&self) -> Vec<usize> {
        self.agenda_rows
            .iter()
            .filter_map(|r| if let Row::Talk { index, .. } = r { Some(*index) } else { None })
            .collect()
    }

    /// The talk the keys act on in the current view.
    pub fn current_talk(&self) -> Option<usize> {
        match self.overlay {
            Overlay::Detail { talk } => Some(talk),
            _ => match self.view {
                View::Schedule => (!self.schedule.talks().is_empty()).then_some(self.selected),
                View::Agenda => self.agenda_talks().get(self.agenda_cursor).copied(),
            },
        }
    }

    pub fn update(&mut self, action: Action) {
        if self.overlay == Overlay::Help {
            // Any key closes help (and does nothing else), as the overlay says.
            self.overlay = Overlay::None;
            return;
        }
        if !matches!(action, Action::Up | Action::Down) {
            self.status = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Overlay::Help,
            Action::Back => self.overlay = Overlay::None,
            Action::ToggleStar => self.toggle(MarkKind::Attend),
            Action::ToggleLater => self.toggle(MarkKind::OnDemand),
            Action::NextView => {
                self.overlay = Overlay::None;
                if self.view == View::Schedule {
                    self.show_agenda();
                } else {
                    self.view = View::Schedule;
                }
            }
            Action::ShowSchedule => (self.overlay, self.view) = (Overlay::None, View::Schedule),
            Action::ShowAgenda => self.show_agenda(),
            Action::JumpToNow => {
                self.overlay = Overlay::None;
                self.view = View::Schedule;
                self.jump_to_now(true);
            }
            Action::Open => {
                if let Some(talk) = self.current_talk() {
                    self.overlay = Overlay::Detail { talk };
                    self.detail_scroll = 0;
                }
            }
            _ if matches!(self.overlay, Overlay::Detail { .. }) => match action {
                Action::Up => self.detail_scroll = self.detail_scroll.saturating_sub(1),
                Action::Down => self.detail_scroll = self.detail_scroll.saturating_add(1),
                Action::PageUp => self.detail_scroll = self.detail_scroll.saturating_sub(10),
                Action::PageDown => self.detail_scroll = self.detail_scroll.saturating_add(10),
                Action::Top => self.detail_scroll = 0,
                _ => {}
            },
            _ => match self.view {
                View::Schedule => super::nav::grid(self, action),
                View::Agenda => self.agenda_nav(action),
            },
        }
    }

    /// Open the agenda on the talk selected in the grid when it is in the agenda.
    fn show_agenda(&mut self) {
        self.overlay = Overlay::None;
        if self.view == View::Schedule
            && let Some(pos) = self.agenda_talks().iter().position(|&i| i == self.selected)
        {
            self.agenda_cursor = pos;
        }
        self.view = View::Agenda;
    }

    fn agenda_nav(&mut self, action: Action) {
        let n = self.agenda_talks().len();
        let last = n.saturating_sub(1);
        self.agenda_cursor = match action {
            Action::Up => self.agenda_cursor.saturating_sub(1),
            Action::Down => (self.agenda_cursor + 1).min(last),
            Action::PageUp => self.agenda_cursor.saturating_sub(10),
            Action::PageDown => (self.agenda_cursor + 10).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.agenda_cursor,
        };
    }

    fn toggle(&mut self, kind: MarkKind) {
        let Some(i) = self.current_talk() else { return };
        let talk = self.schedule.talks()[i].clone();
        let state = self.agenda.toggle(&self.schedule, &talk, kind, self.now);
        self.dirty = true;
        self.refresh_marks();
        let partners = self.clash_partners.get(&i).cloned().unwrap_or_default();
        self.status = Some(match state {
            Some(MarkKind::Attend) if !partners.is_empty() => {
                let names: Vec<String> =
                    partners.iter().map(|&j| format!("\"{}\"", self.schedule.talks()[j].title)).collect();
                format!("★ starred \"{}\" — ⚠ clashes with {}", talk.title, names.join(", "))
            }
            Some(MarkKind::Attend) => format!("★ starred \"{}\"", talk.title),
            Some(MarkKind::OnDemand) => format!("◷ \"{}\" to watch on-demand", talk.title),
            None => format!("removed \"{}\" from your agenda", talk.title),
        });
    }

    /// Select what is live now (or next) on the day it is on; `say` reports when it is not on.
    pub fn jump_to_now(&mut self, say: bool) {
        let talks = self.schedule.talks();
        if talks.is_empty() {
            return;
        }
        let now = self.now;
        let track = talks.get(self.selected).map_or(0, |t| t.track);
        let live = (0..talks.len())
            .filter(|&i| talks[i].start <= now && now < talks[i].end)
            .min_by_key(|&i| (talks[i].track != track, talks[i].track));
        let target = live.or_else(|| talks.iter().position(|t| t.start > now));
        match target {
            Some(i) => {
                if say && live.is_none() {
                    let until = (talks[i].start - now).num_minutes();
                    self.status = Some(if until > 24 * 60 {
                        format!("the conference is not on now; it starts in {} days", until / (24 * 60))
                    } else {
                        format!("nothing is live now; next talk in {}", crate::timefmt::minutes(until))
                    });
                }
                self.select(i);
            }
            None => {
                self.select(0);
                if say {
                    self.status = Some("the conference is over: showing day 1".into());
                }
            }
        }
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index;
        self.day = self.schedule.day_of(index);
    }
}
