//! App state and `update(Action)`: every state change happens here, nothing is drawn here.

use super::keys::Action;
use super::line_input::{Edit, LineInput};
use crate::agenda::listing::{self, Row};
use crate::agenda::{Agenda, Before};
use crate::now::{self, Overview};
use crate::schedule::Schedule;
use crate::{clash, clock};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use crossterm::event::KeyEvent;
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Schedule,
    Now,
    Agenda,
    OnDemand,
}

impl View {
    pub const ALL: [View; 4] = [View::Schedule, View::Now, View::Agenda, View::OnDemand];

    pub fn name(self) -> &'static str {
        match self {
            View::Schedule => "Schedule",
            View::Now => "Now",
            View::Agenda => "Agenda",
            View::OnDemand => "On-demand",
        }
    }

    fn step(self, by: isize) -> View {
        let i = View::ALL.iter().position(|&v| v == self).unwrap_or(0) as isize;
        View::ALL[(i + by).rem_euclid(View::ALL.len() as isize) as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Detail { talk: usize },
    Help,
}

/// What a one-line prompt is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Note { talk: usize },
    Time,
    Export,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub ask: Ask,
    pub input: LineInput,
    /// Why the last Enter was refused; the prompt stays open with the text kept.
    pub error: Option<String>,
}

/// What a mouse click on a spot of the screen means; the views record these as they draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// A talk in the grid or the compact list.
    Talk(usize),
    /// The star of a talk: clicking it stars or unstars.
    Star(usize),
    /// The nth selectable line of a list view (Now, Agenda, On-demand).
    Row(usize),
}

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
    pub what: String,
    pub before: Before,
}

/// Lists derived from the marks and the time that only some views show; reset on change.
#[derive(Default)]
struct Derived {
    partners: OnceCell<HashMap<usize, Vec<usize>>>,
    rows: OnceCell<Vec<Row>>,
    items: OnceCell<Vec<Item>>,
    on_demand: OnceCell<Vec<usize>>,
    overview: OnceCell<Overview>,
}

const NOTE_MAX_CHARS: usize = 200;
/// Minutes before a starred talk that a reminder comes (the config file may change it).
pub const DEFAULT_REMINDER_MINUTES: u32 = 5;
/// How the export prompt asks before replacing a file; a second Enter confirms.
const REPLACE: &str = "replace the existing";
const UNDO_DEPTH: usize = 100;

pub struct App {
    pub schedule: Schedule,
    pub agenda: Agenda,
    pub view: View,
    pub overlay: Overlay,
    pub prompt: Option<Prompt>,
    /// The search overlay, while open, and its index (built on first use).
    pub finder: Option<super::finder::Finder>,
    pub search_index: Option<crate::search::Index>,
    /// The track filter overlay, while open.
    pub picker: Option<super::filter_picker::FilterPicker>,
    /// Tracks shown, in column order, and each track's column (None: filtered out).
    pub shown_tracks: Vec<usize>,
    pub column_of: Vec<Option<usize>>,
    /// Per talk, whether it passes the agenda's filter; empty when no filter is set.
    pub admitted: Vec<bool>,
    /// The schedule as a compact list by time instead of the grid.
    pub list_mode: bool,
    pub day: usize,
    /// Schedule index of the selected talk in the grid.
    pub selected: usize,
    /// Index into `agenda_items()` of the selected agenda line.
    pub agenda_cursor: usize,
    /// Index into `now_talks()`.
    pub now_cursor: usize,
    /// Index into `on_demand`.
    pub on_demand_cursor: usize,
    pub detail_scroll: u16,
    pub status: Option<String>,
    pub now: DateTime<Utc>,
    /// A time chosen with `@`; wins over the clock until cleared.
    pub pinned: Option<DateTime<Utc>>,
    /// The clock is not the real one (`--at`).
    pub time_travel: bool,
    /// When a mark changes, for merging with other windows: the real time even while
    /// travelling in time, else an old mark made "now" at a past conference would lose.
    pub stamp: fn() -> DateTime<Utc>,
    pub user_tz: Option<Tz>,
    pub no_color: bool,
    pub palette: super::theme::Palette,
    pub quit: bool,
    /// The agenda changed and must be saved by the shell.
    pub dirty: bool,
    /// A link for the shell to put on the terminal clipboard (OSC 52).
    pub clipboard: Option<String>,
    /// An export for the shell to write (the app itself does no I/O).
    pub export: Option<(std::path::PathBuf, crate::export::Format)>,
    /// Where `e` offers to write: the documents or downloads folder.
    pub export_dir: std::path::PathBuf,
    pub undo: Vec<Undo>,
    /// Talks marked to attend, in schedule order, and per talk whether it clashes with one of
    /// them: recomputed when marks change (a linear sweep), never per frame.
    pub attending: Vec<usize>,
    pub clashing: Vec<bool>,
    /// What only some views need, built on first use after the marks or the time change.
    derived: Derived,
    pub reminders: crate::reminders::Reminders,
    /// Friends' agendas (data, apart from ours) and, per talk id, the initials of those going.
    pub friends: crate::friends::Friends,
    pub friend_talks: crate::filter::FriendTalks,
    /// The gap-filling overlay (`a` in the agenda), while open.
    pub suggestions: Option<super::gaps::Gaps>,
    /// The keys, as the config file remapped them.
    pub keymap: super::keys::Keymap,
    /// Reminders due, for the shell to ring and notify (the app itself does no I/O).
    pub alerts: Vec<crate::reminders::Reminder>,
    /// Scroll positions the draw code keeps so the selection stays in view.
    pub grid_top: Cell<u16>,
    pub first_track: Cell<usize>,
    pub agenda_top: Cell<usize>,
    pub list_top: Cell<usize>,
    /// Where the last frame drew something clickable.
    pub clickable: std::cell::RefCell<Vec<(ratatui::layout::Rect, Pick)>>,
}

impl App {
    pub fn new(schedule: Schedule, agenda: Agenda, now: DateTime<Utc>, user_tz: Option<Tz>) -> Self {
        let mut app = Self {
            schedule,
            agenda,
            view: View::Schedule,
            overlay: Overlay::None,
            prompt: None,
            picker: None,
            finder: None,
            search_index: None,
            shown_tracks: Vec::new(),
            column_of: Vec::new(),
            admitted: Vec::new(),
            list_mode: false,
            day: 0,
            selected: 0,
            agenda_cursor: 0,
            now_cursor: 0,
            on_demand_cursor: 0,
            detail_scroll: 0,
            status: None,
            now,
            pinned: None,
            time_travel: false,
            stamp: Utc::now,
            user_tz,
            no_color: false,
            palette: super::theme::Palette::default(),
            quit: false,
            dirty: false,
            clipboard: None,
            export: None,
            export_dir: std::path::PathBuf::from("."),
            undo: Vec::new(),
            attending: Vec::new(),
            clashing: Vec::new(),
            derived: Derived::default(),
            reminders: crate::reminders::Reminders::new(DEFAULT_REMINDER_MINUTES),
            keymap: super::keys::Keymap::default(),
            suggestions: None,
            friends: crate::friends::Friends::default(),
            friend_talks: crate::filter::FriendTalks::new(),
            alerts: Vec::new(),
            grid_top: Cell::new(0),
            first_track: Cell::new(0),
            agenda_top: Cell::new(0),
            list_top: Cell::new(0),
            clickable: std::cell::RefCell::new(Vec::new()),
        };
        app.refresh_tracks();
        app.refresh_marks();
        app.jump_to_now(false);
        app
    }

    /// Take friends' agendas: their initials show on talks and the filter can keep their talks.
    pub fn set_friends(&mut self, friends: crate::friends::Friends) {
        self.friend_talks = friends.attending();
        self.friends = friends;
        self.refresh_tracks();
    }

    /// Recompute what depends on the marks (after a change here or on disk).
    pub fn refresh_marks(&mut self) {
        self.attending = self.agenda.attending(&self.schedule);
        self.marks_changed();
    }

    /// [`App::refresh_marks`] after a change to these talks' marks only: at 10k talks, reading
    /// every mark back by id costs more than the rest of a keypress.
    pub(super) fn refresh_marks_of(&mut self, talks: &[usize]) {
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
        self.derived = Derived::default();
        // Only the list in sight needs its cursor kept in range now; `show` does it for others.
        match self.view {
            View::Agenda => self.agenda_cursor = self.agenda_cursor.min(self.agenda_items().len().saturating_sub(1)),
            View::OnDemand => {
                self.on_demand_cursor = self.on_demand_cursor.min(self.on_demand().len().saturating_sub(1))
            }
            View::Now => self.now_cursor = self.now_cursor.min(self.now_talks().len().saturating_sub(1)),
            View::Schedule => {}
        }
    }

    /// Whether a talk overlaps a talk marked to attend (it need not be marked itself).
    pub fn clashes(&self, index: usize) -> bool {
        self.clashing.get(index).copied().unwrap_or(false)
    }

    /// The talks marked to attend that a starred talk overlaps, in schedule order.
    pub fn partners_of(&self, index: usize) -> Vec<usize> {
        let talks = self.schedule.talks();
        if !self.clashes(index) || !self.attending.contains(&index) {
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

    /// Talks to watch later, unwatched first.
    pub fn on_demand(&self) -> &[usize] {
        self.derived.on_demand.get_or_init(|| listing::on_demand(&self.schedule, &self.agenda))
    }

    pub fn overview(&self) -> &Overview {
        self.derived.overview.get_or_init(|| now::overview(&self.schedule, &self.attending, self.now))
    }

    /// Move the clock. Returns true when what is shown may change (a new minute).
    pub fn set_now(&mut self, now: DateTime<Utc>) -> bool {
        let now = self.pinned.unwrap_or(now);
        let changed = now.timestamp() / 60 != self.now.timestamp() / 60;
        if changed {
            // Talks move from "next" to "live" as time passes: the Now view stays on the same talk.
            let keep = (self.view == View::Now).then(|| self.now_talks().get(self.now_cursor).copied()).flatten();
            self.now = now;
            self.refresh_marks();
            if let Some(p) = keep.and_then(|k| self.now_talks().iter().position(|&i| i == k)) {
                self.now_cursor = p;
            }
        } else {
            self.now = now;
        }
        self.check_reminders();
        changed
    }

    /// Reminders due now go to the status line and to the shell (bell, desktop notification).
    pub fn check_reminders(&mut self) {
        let due = self.reminders.due(&self.schedule, &self.attending, self.now);
        if let Some(last) = due.last() {
            self.status = Some(format!("⏰ {}", last.text));
        }
        self.alerts.extend(due);
    }

    pub fn is_over(&self) -> bool {
        self.schedule.end().is_some_and(|end| self.now >= end)
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

    /// The id of the selected agenda line's talk, even when it left the schedule.
    pub fn current_id(&self) -> Option<String> {
        match (self.view, self.overlay) {
            (View::Agenda, Overlay::None) => match self.agenda_items().get(self.agenda_cursor)? {
                Item::Talk(i) => Some(self.schedule.talks()[*i].id.clone()),
                Item::Removed(id) => Some(id.clone()),
            },
            _ => self.current_talk().map(|i| self.schedule.talks()[i].id.clone()),
        }
    }

    /// The talks the Now view lists, in order: per track, the live one then the next one.
    pub fn now_talks(&self) -> Vec<usize> {
        let mut v = Vec::new();
        for tn in self.overview().tracks.iter().filter(|tn| self.column_of.get(tn.track).is_some_and(Option::is_some)) {
            v.extend(tn.live);
            v.extend(tn.next);
        }
        v
    }

    /// The talk the keys act on in the current view.
    pub fn current_talk(&self) -> Option<usize> {
        match self.overlay {
            Overlay::Detail { talk } => Some(talk),
            _ => match self.view {
                View::Schedule => (!self.schedule.talks().is_empty()).then_some(self.selected),
                View::Now => self.now_talks().get(self.now_cursor).copied(),
                View::Agenda => match self.agenda_items().get(self.agenda_cursor) {
                    Some(Item::Talk(i)) => Some(*i),
                    _ => None,
                },
                View::OnDemand => self.on_demand().get(self.on_demand_cursor).copied(),
            },
        }
    }

    pub fn update(&mut self, action: Action) {
        if self.overlay == Overlay::Help {
            // Arrows scroll a help taller than the screen; any other key closes it and does
            // nothing else, as the overlay says.
            match action {
                Action::Up => self.detail_scroll = self.detail_scroll.saturating_sub(1),
                Action::Down => self.detail_scroll = self.detail_scroll.saturating_add(1),
                Action::PageUp => self.detail_scroll = self.detail_scroll.saturating_sub(10),
                Action::PageDown => self.detail_scroll = self.detail_scroll.saturating_add(10),
                _ => self.overlay = Overlay::None,
            }
            return;
        }
        if !matches!(action, Action::Up | Action::Down) {
            self.status = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => (self.overlay, self.detail_scroll) = (Overlay::Help, 0),
            Action::Back => self.overlay = Overlay::None,
            Action::ToggleStar => self.toggle(crate::agenda::MarkKind::Attend),
            Action::ToggleLater => self.toggle(crate::agenda::MarkKind::OnDemand),
            Action::Resolve => self.resolve(),
            Action::Undo => self.undo(),
            Action::ToggleWatched => self.toggle_watched(),
            Action::CopyLink => self.copy_link(),
            Action::EditNote => self.ask_note(),
            Action::GoToTime => self.ask_time(),
            Action::Acknowledge => self.acknowledge(),
            Action::Suggest => self.open_suggestions(),
            Action::Export => {
                let name = format!("{}-agenda.ics", self.schedule.conference.id);
                let path = self.export_dir.join(name).display().to_string();
                self.prompt = Some(Prompt { ask: Ask::Export, input: LineInput::new(&path, 400), error: None });
            }
            Action::Filter => self.open_picker(),
            Action::Search => self.open_finder(),
            Action::ToggleList => {
                self.overlay = Overlay::None;
                self.view = View::Schedule;
                self.list_mode = !self.list_mode;
            }
            Action::NextView => self.show(self.view.step(1)),
            Action::PrevView => self.show(self.view.step(-1)),
            Action::ShowSchedule => self.show(View::Schedule),
            Action::ShowNow => self.show(View::Now),
            Action::ShowAgenda => self.show(View::Agenda),
            Action::ShowOnDemand => self.show(View::OnDemand),
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
                View::Now => self.now_nav(action),
                View::Agenda => self.agenda_cursor = list_nav(self.agenda_cursor, self.agenda_items().len(), action),
                View::OnDemand => {
                    self.on_demand_cursor = list_nav(self.on_demand_cursor, self.on_demand().len(), action)
                }
            },
        }
    }

    /// Up/down walk the listed talks; left/right go to the neighbouring track's first one.
    fn now_nav(&mut self, action: Action) {
        let tracks: Vec<usize> = self
            .overview()
            .tracks
            .iter()
            .flat_map(|tn| std::iter::repeat_n(tn.track, tn.live.is_some() as usize + tn.next.is_some() as usize))
            .collect();
        let cur = self.now_cursor.min(tracks.len().saturating_sub(1));
        self.now_cursor = match action {
            Action::Right => {
                let here = tracks.get(cur).copied();
                (cur..tracks.len()).find(|&p| Some(tracks[p]) != here).unwrap_or(cur)
            }
            Action::Left => {
                let here = tracks.get(cur).copied();
                match (0..cur).rev().find(|&p| Some(tracks[p]) != here) {
                    Some(p) => (0..=p).rev().take_while(|&q| tracks[q] == tracks[p]).last().unwrap_or(p),
                    None => cur,
                }
            }
            _ => list_nav(cur, tracks.len(), action),
        };
    }

    /// Switch view, keeping the same talk selected where the new view lists it.
    fn show(&mut self, view: View) {
        let talk = self.current_talk();
        self.overlay = Overlay::None;
        if view == self.view {
            return;
        }
        self.view = view;
        self.agenda_cursor = self.agenda_cursor.min(self.agenda_items().len().saturating_sub(1));
        self.on_demand_cursor = self.on_demand_cursor.min(self.on_demand().len().saturating_sub(1));
        self.now_cursor = self.now_cursor.min(self.now_talks().len().saturating_sub(1));
        let Some(talk) = talk else { return };
        match view {
            View::Schedule => self.select(talk),
            View::Now => {
                if let Some(p) = self.now_talks().iter().position(|&i| i == talk) {
                    self.now_cursor = p;
                }
            }
            View::Agenda => {
                // The talk's place in the day list, not its line among the changes.
                if let Some(p) = self.agenda_items().iter().rposition(|i| *i == Item::Talk(talk)) {
                    self.agenda_cursor = p;
                }
            }
            View::OnDemand => {
                if let Some(p) = self.on_demand().iter().position(|&i| i == talk) {
                    self.on_demand_cursor = p;
                }
            }
        }
    }

    /// A key press: to the open prompt's editor, else through the key table.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if self.prompt.is_some() {
            self.prompt_key(key);
        } else if self.finder.is_some() {
            self.finder_key(key);
        } else if self.picker.is_some() {
            self.picker_key(key);
        } else if self.suggestions.is_some() {
            self.suggestions_key(key);
        } else if let Some(action) = self.keymap.action_for(key) {
            self.update(action);
        }
    }

    /// A left click at a screen cell; `double` for the second click of a double-click.
    pub fn click(&mut self, column: u16, row: u16, double: bool) {
        if self.prompt.is_some() || self.picker.is_some() || self.finder.is_some() || self.suggestions.is_some() {
            return;
        }
        if self.overlay != Overlay::None {
            // A click closes details or help, like Esc.
            self.overlay = Overlay::None;
            return;
        }
        let at = ratatui::layout::Position { x: column, y: row };
        let pick = self.clickable.borrow().iter().rev().find(|(r, _)| r.contains(at)).map(|(_, p)| *p);
        match pick {
            Some(Pick::Star(i)) => {
                self.select(i);
                self.status = None;
                self.toggle(crate::agenda::MarkKind::Attend);
            }
            Some(Pick::Talk(i)) => {
                self.select(i);
                if double {
                    self.update(Action::Open);
                }
            }
            Some(Pick::Row(pos)) => {
                match self.view {
                    View::Now => self.now_cursor = pos,
                    View::Agenda => self.agenda_cursor = pos,
                    View::OnDemand => self.on_demand_cursor = pos,
                    View::Schedule => {}
                }
                if double {
                    self.update(Action::Open);
                }
            }
            None => {}
        }
    }

    fn prompt_key(&mut self, key: KeyEvent) {
        let Some(prompt) = self.prompt.as_mut() else { return };
        match prompt.input.key(key) {
            Edit::Submit => {
                let prompt = self.prompt.take().expect("open");
                self.submit(prompt);
            }
            Edit::Cancel => self.prompt = None,
            Edit::Changed => prompt.error = None,
            Edit::Ignored => {}
        }
    }

    fn ask_note(&mut self) {
        let Some(talk) = self.current_talk() else { return };
        let note = self.agenda.note(&self.schedule.talks()[talk].id).unwrap_or("");
        self.prompt =
            Some(Prompt { ask: Ask::Note { talk }, input: LineInput::new(note, NOTE_MAX_CHARS), error: None });
    }

    fn ask_time(&mut self) {
        // Offer a time worth seeing: now if the conference is on, else when it (re)starts.
        let s = &self.schedule;
        let suggestion = match self.overview().phase {
            now::Phase::Before { starts } => starts,
            now::Phase::Pause { resumes } | now::Phase::BetweenDays { resumes } => resumes,
            now::Phase::After { .. } => s.start().unwrap_or(self.now),
            now::Phase::Live | now::Phase::Empty => self.now,
        };
        let text = s.local(suggestion).format("%Y-%m-%d %H:%M").to_string();
        self.prompt = Some(Prompt { ask: Ask::Time, input: LineInput::new(&text, 40), error: None });
    }

    fn submit(&mut self, prompt: Prompt) {
        match prompt.ask {
            Ask::Note { talk } => {
                let t = self.schedule.talks()[talk].clone();
                let before = self.agenda.before([t.id.as_str()]);
                let was_marked = self.agenda.kind(&t.id).is_some();
                if self.agenda.set_note(&self.schedule, &t, prompt.input.text(), (self.stamp)()) {
                    let what = match self.agenda.note(&t.id) {
                        Some(_) if !was_marked => {
                            format!("note saved on \"{}\", now ★ starred: notes live in your agenda", t.title)
                        }
                        Some(_) => format!("note saved on \"{}\"", t.title),
                        None => format!("note removed from \"{}\"", t.title),
                    };
                    self.changed(what, before);
                }
            }
            Ask::Export => {
                let text = prompt.input.text().trim();
                let path = match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
                    (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
                    _ => std::path::PathBuf::from(text),
                };
                let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
                let format = match ext.as_deref() {
                    Some("ics") => crate::export::Format::Ics,
                    Some("md") => crate::export::Format::Md,
                    Some("json") => crate::export::Format::Json,
                    _ => {
                        let error = Some("end the file name with .ics (calendar), .md or .json".to_string());
                        self.prompt = Some(Prompt { error, ..prompt });
                        return;
                    }
                };
                let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
                let refuse = if !folder.is_dir() {
                    Some(format!("the folder {} does not exist", folder.display()))
                } else if path.exists() && !prompt.error.as_deref().is_some_and(|e| e.starts_with(REPLACE)) {
                    // A second Enter on the same name confirms.
                    Some(format!("{REPLACE} {}? Enter again replaces it, or change the name", path.display()))
                } else {
                    None
                };
                if let Some(error) = refuse {
                    self.prompt = Some(Prompt { error: Some(error), ..prompt });
                    return;
                }
                self.export = Some((path, format));
            }
            Ask::Time => {
                let text = prompt.input.text().trim();
                if text.is_empty() {
                    self.pinned = None;
                    self.status = Some(if self.time_travel {
                        "back to the time given with --at".into()
                    } else {
                        "back to the real clock".into()
                    });
                    return;
                }
                let day =
                    self.schedule.day_date(self.day).unwrap_or_else(|| self.schedule.local(self.now).date_naive());
                match clock::parse_at_on(text, self.schedule.conference.tz, day) {
                    Ok(t) => {
                        self.pinned = Some(t);
                        self.set_now(t);
                        self.jump_to_now(false);
                        let travel = format!(
                            "⏱ time travel: it is now {} (conference time); @ then an empty line goes back",
                            self.schedule.local(t).format("%a %-d %b %Y %H:%M")
                        );
                        // A reminder due at that time comes first.
                        self.status = Some(match self.alerts.last() {
                            Some(r) => format!("⏰ {} · {travel}", r.text),
                            None => travel,
                        });
                    }
                    Err(e) => self.prompt = Some(Prompt { error: Some(e), ..prompt }),
                }
            }
        }
    }

    /// Record a change for undo, mark the agenda for saving and say what happened.
    pub(super) fn changed(&mut self, what: String, before: Before) {
        self.refresh_marks();
        self.changed_refreshed(what, before);
    }

    /// [`App::changed`] when the marks were already refreshed (to word the message).
    pub(super) fn changed_refreshed(&mut self, what: String, before: Before) {
        self.undo.push(Undo { what: what.clone(), before });
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.dirty = true;
        self.status = Some(what);
    }

    fn undo(&mut self) {
        match self.undo.pop() {
            Some(u) => {
                self.agenda.restore(u.before, (self.stamp)());
                self.dirty = true;
                self.refresh_marks();
                self.status = Some(format!("undone: {}", u.what));
            }
            None => self.status = Some("nothing to undo".into()),
        }
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
            .filter(|&i| talks[i].start <= now && now < talks[i].end && self.is_shown(i))
            .min_by_key(|&i| (talks[i].track != track, talks[i].track));
        let target = live.or_else(|| (0..talks.len()).find(|&i| talks[i].start > now && self.is_shown(i)));
        match target {
            Some(i) => {
                if say && live.is_none() {
                    let until = (talks[i].start - now).num_minutes();
                    let shown = if self.filtering() { " that your filter shows" } else { "" };
                    self.status = Some(if until > 24 * 60 && shown.is_empty() {
                        format!("the conference is not on now; it starts in {} days", until / (24 * 60))
                    } else {
                        format!("nothing{shown} is live now; next in {}", crate::timefmt::minutes(until))
                    });
                }
                self.select(i);
            }
            None => {
                self.select(0);
                if say {
                    self.status = Some("the conference is over: showing day 1 (4: your on-demand list)".into());
                }
            }
        }
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index;
        self.day = self.schedule.day_of(index);
    }
}

fn list_nav(cursor: usize, len: usize, action: Action) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::PageUp => cursor.saturating_sub(10),
        Action::PageDown => (cursor + 10).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => cursor,
    }
}
