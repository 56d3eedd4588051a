//! The planner's state and `update`: a key becomes an action, the action changes the session or
//! a view's place, and what must touch the world comes back as effects for the shell.

mod going;
mod modals;
mod mouse;
mod newer;
mod options;
mod talk_actions;

pub(super) use talk_actions::is_talk_action;

pub use options::Options;

use super::effect::Effect;
use super::filter_picker;
use super::finder::Finder;
use super::keys::{Action, Keymap};
use super::modal::{Modal, Outcome};
use super::prompt::{Ask, Prompt};
use super::session::{Done, Item, Session};
pub use super::state::View;
use super::state::{AgendaView, NowView, OnDemandView, ScheduleView};
use super::status::Status;
use crate::agenda::Agenda;
use crate::schedule::Schedule;
use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

/// What a mouse click on a spot of the screen means; the views record these as they draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// A talk in the grid or the compact list.
    Talk(usize),
    /// The star of a talk: clicking it stars or unstars.
    Star(usize),
    /// The nth selectable line of a list view (Now, Agenda, On-demand).
    Row(usize),
    /// A view's tab in the header.
    Tab(View),
    /// The grid's ◀ (false) or ▶ (true): the room beside.
    Side(bool),
}

pub struct App {
    pub session: Session,
    pub view: View,
    pub schedule_view: ScheduleView,
    pub now_view: NowView,
    pub agenda_view: AgendaView,
    pub on_demand_view: OnDemandView,
    /// At most one thing open over the view.
    pub modal: Option<Modal>,
    pub status: Status,
    /// The keys, as the config file remapped them.
    pub keymap: Keymap,
    pub no_color: bool,
    pub palette: super::theme::Palette,
    /// The file `e` wrote last, offered again.
    pub last_export: Option<String>,
    /// Where `e` offers to write: the documents or downloads folder.
    pub export_dir: std::path::PathBuf,
    /// The talk `m` went to last: `m` again there goes on to the one after; anywhere else it
    /// starts from now.
    pub my_next_at: Option<usize>,
    /// How far details or help can scroll, as last drawn.
    pub scroll_max: std::cell::Cell<u16>,
    /// Where the last frame drew links, to be written again as hyperlinks.
    pub links_drawn: std::cell::RefCell<super::hyperlinks::Drawn>,
    /// Where the last frame drew something clickable.
    pub clickable: std::cell::RefCell<Vec<(ratatui::layout::Rect, Pick)>>,
    /// A newer copy of the schedule, waiting for the open prompt or panel to close.
    pub incoming: Option<Schedule>,
    /// The schedule came from a URL that is asked again for newer copies (`R` asks now).
    pub refreshes: bool,
    /// Marks changed that could not be saved (the data folder cannot be written): quitting
    /// asks first, and says where `e` would put them.
    pub unsaved: bool,
    /// `q` was pressed once with unsaved marks: the next one quits.
    quit_warned: bool,
    /// The marks as last saved (or read): what quitting would keep.
    marks_saved: std::collections::BTreeMap<String, crate::agenda::Mark>,
    /// The last check for a newer schedule got no answer: said in the header for as long as it
    /// lasts (the status line says why once, and may be read over by the start's news).
    pub offline: bool,
}

impl App {
    pub fn new(schedule: Schedule, agenda: Agenda, opts: Options) -> Self {
        let marks_saved = agenda.marks.clone();
        let mut session = Session::new(schedule, agenda, opts.now, opts.user_tz);
        session.time_travel = opts.time_travel;
        session.reminders = crate::reminders::Reminders::new(opts.reminder_minutes);
        Self {
            schedule_view: ScheduleView::new(&session),
            session,
            view: View::Schedule,
            now_view: NowView::default(),
            agenda_view: AgendaView::default(),
            on_demand_view: OnDemandView::default(),
            modal: None,
            status: Status::default(),
            keymap: opts.keymap,
            no_color: opts.no_color,
            palette: opts.palette,
            export_dir: opts.export_dir,
            last_export: None,
            my_next_at: None,
            scroll_max: std::cell::Cell::new(u16::MAX),
            clickable: std::cell::RefCell::new(Vec::new()),
            links_drawn: std::cell::RefCell::new(Vec::new()),
            incoming: None,
            refreshes: false,
            unsaved: false,
            quit_warned: false,
            marks_saved,
            offline: false,
        }
    }

    /// The shell saved the marks shown.
    pub fn saved(&mut self) {
        self.marks_saved = self.session.agenda.marks.clone();
        self.unsaved = false;
    }

    /// The shell could not save: quitting asks first if a mark changed since the last save (a
    /// filter or a video told about is not worth the question).
    pub fn not_saved(&mut self) {
        self.unsaved = self.session.agenda.marks != self.marks_saved;
    }

    /// Select a talk in the schedule view (a click, a search result).
    pub fn select(&mut self, index: usize) {
        self.schedule_view.select(&self.session, index);
    }

    /// The open prompt, if the modal is one.
    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.modal {
            Some(Modal::Prompt(p)) => Some(p),
            _ => None,
        }
    }

    /// What is open over the view, by name: "details", "help", "prompt", "finder", "filter",
    /// "gaps".
    pub fn modal_name(&self) -> Option<&'static str> {
        self.modal.as_ref().map(|m| match m {
            Modal::Details { .. } => "details",
            Modal::Help { .. } => "help",
            Modal::Prompt(_) => "prompt",
            Modal::Finder(_) => "finder",
            Modal::Filter(_) => "filter",
            Modal::Gaps(_) => "gaps",
        })
    }

    /// The talk the keys act on: the one in details, else the current view's.
    pub fn current_talk(&self) -> Option<usize> {
        if let Some(Modal::Details { talk, .. }) = self.modal {
            return Some(talk);
        }
        let s = &self.session;
        match self.view {
            View::Schedule => self.schedule_view.current(s),
            View::Now => self.now_view.list.current(&s.now_talks(self.now_view.all_rooms)).copied(),
            View::Agenda => match self.agenda_view.current(s.agenda_items()) {
                Some(Item::Talk(i)) => Some(*i),
                _ => None,
            },
            View::OnDemand => self.on_demand_view.current(s.on_demand()).copied(),
        }
    }

    /// The id of the talk the keys act on, even an agenda line whose talk left the schedule.
    pub fn current_id(&self) -> Option<String> {
        if self.view == View::Agenda
            && self.modal.is_none()
            && let Some(Item::Removed(id)) = self.agenda_view.current(self.session.agenda_items())
        {
            return Some(id.clone());
        }
        self.current_talk().map(|i| self.session.id(i).to_string())
    }

    /// A key press: to the open modal, else through the key table.
    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.status.key_pressed();
        let outcome = match &mut self.modal {
            None => {
                return match self.keymap.action_for(key) {
                    Some(a) => self.update(a),
                    None => Vec::new(),
                };
            }
            Some(m @ (Modal::Details { .. } | Modal::Help { .. })) => match self.keymap.action_for(key) {
                Some(a) => m.action(a, self.scroll_max.get()),
                None => Outcome::Stay,
            },
            Some(Modal::Prompt(p)) => p.key(key, &self.session.schedule.conference.rooms),
            Some(Modal::Finder(f)) => {
                let index =
                    self.session.search_index.get_or_insert_with(|| crate::search::Index::new(&self.session.schedule));
                f.key(key, index)
            }
            Some(Modal::Filter(p)) => match p.key(key, &self.session.schedule.conference.rooms) {
                filter_picker::Pick::Open => Outcome::Stay,
                filter_picker::Pick::Cancel => Outcome::Close,
                filter_picker::Pick::Apply => Outcome::Apply,
            },
            Some(Modal::Gaps(g)) => g.key(key),
        };
        self.outcome(outcome)
    }

    /// An action from the key table (or the mouse wheel).
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if let Some(m) = &mut self.modal {
            return match m {
                Modal::Details { .. } | Modal::Help { .. } => {
                    let outcome = m.action(action, self.scroll_max.get());
                    self.outcome(outcome)
                }
                // The others read keys, not actions.
                _ => Vec::new(),
            };
        }
        if action != Action::Quit {
            self.quit_warned = false;
        }
        match action {
            Action::Quit if self.unsaved && !self.quit_warned => {
                self.quit_warned = true;
                let folder = self.export_dir.display();
                self.status.error(format!(
                    "⚠ your marks are not saved: e exports them (to {folder}); q again quits without them"
                ));
            }
            Action::Quit => return vec![Effect::Quit],
            Action::Help => self.modal = Some(Modal::Help { scroll: 0 }),
            Action::Back => {
                self.status.acknowledge();
            }
            Action::Open => {
                if let Some(talk) = self.current_talk() {
                    self.modal = Some(Modal::Details { talk, scroll: 0 });
                } else if let Some(id) = self.current_id()
                    && let Some(mark) = self.session.agenda.marks.get(&id)
                {
                    // A talk gone from the schedule has no details left to open: say what is known.
                    let s = &self.session.schedule;
                    let key = self.keymap.key_of(Action::Acknowledge).unwrap_or("x");
                    self.status.info(format!(
                        "\"{}\" ({}, {}) is no longer in the schedule: no details to show; {key} lets go of it",
                        mark.seen.title,
                        crate::agenda::changes::seen_when(s, &mark.seen),
                        mark.seen.track
                    ));
                }
            }
            Action::GoToTime => self.ask_time(),
            Action::GoToRoom => {
                self.modal = Some(Modal::Prompt(Prompt::new(Ask::Room, "", crate::schedule::import::MAX_NAME)))
            }
            Action::RoomsInView | Action::MyRooms | Action::MyNext => return self.go(action),
            Action::Export => {
                // The file written last is offered again (writing it anew updates it).
                let name = format!("{}-agenda.ics", self.session.schedule.conference.id);
                let path = self.last_export.clone().unwrap_or_else(|| self.export_dir.join(name).display().to_string());
                self.modal = Some(Modal::Prompt(Prompt::new(Ask::Export, &path, 400)));
            }
            Action::Filter => self.open_filter(),
            Action::Search => self.modal = Some(Modal::Finder(Finder::default())),
            Action::Suggest => self.open_gaps(),
            Action::ToggleList => {
                self.view = View::Schedule;
                self.schedule_view.list_mode = !self.schedule_view.list_mode;
            }
            Action::AllRooms => {
                self.view = View::Now;
                self.now_view.all_rooms = !self.now_view.all_rooms;
            }
            Action::NextView => self.view = self.view.step(1),
            Action::PrevView => self.view = self.view.step(-1),
            Action::ShowSchedule => self.view = View::Schedule,
            Action::ShowNow => self.view = View::Now,
            Action::ShowAgenda => self.view = View::Agenda,
            Action::ShowOnDemand => self.view = View::OnDemand,
            Action::Refresh => return self.ask_for_newer(),
            Action::JumpToNow => {
                self.view = View::Schedule;
                if let Some(said) = self.schedule_view.jump_to_now(&self.session) {
                    self.status.info(said);
                }
            }
            a if is_talk_action(a) => return self.act(a),
            _ => self.nav(action),
        }
        Vec::new()
    }

    /// Moves within the current view.
    fn nav(&mut self, action: Action) {
        let s = &self.session;
        match self.view {
            View::Schedule => {
                if let Some(said) = self.schedule_view.nav(s, action) {
                    self.status.info(said);
                }
            }
            View::Now => {
                let talks = s.now_talks(self.now_view.all_rooms);
                let list = &mut self.now_view.list;
                match action {
                    // Left and right go to the neighbouring room's first talk.
                    Action::Left | Action::Right => {
                        let pos = list.position(&talks);
                        let room = |p: usize| s.schedule.talks()[talks[p]].room;
                        let here = talks.get(pos).map(|&i| s.schedule.talks()[i].room);
                        let to = if action == Action::Right {
                            (pos..talks.len()).find(|&p| Some(room(p)) != here)
                        } else {
                            (0..pos)
                                .rev()
                                .find(|&p| Some(room(p)) != here)
                                .map(|p| (0..=p).rev().take_while(|&q| room(q) == room(p)).last().unwrap_or(p))
                        };
                        if let Some(p) = to {
                            list.go(&talks, p);
                        }
                    }
                    _ => list.nav(&talks, action),
                }
            }
            View::Agenda => self.agenda_view.nav(s.agenda_items(), action),
            View::OnDemand => self.on_demand_view.nav(s.on_demand(), action),
        }
    }

    /// Take note of a change; the agenda's cursor goes on to the next change, where the one
    /// noted was (it leaves the changes list).
    fn acknowledge(&mut self, id: &str) -> Vec<Effect> {
        let pos = self.agenda_view.position(self.session.agenda_items());
        let done = self.session.acknowledge(id);
        if self.view == View::Agenda && self.modal.is_none() {
            self.agenda_view.go(self.session.agenda_items(), pos);
        }
        self.done(done)
    }

    /// Say what a change did; a change is saved.
    pub(super) fn done(&mut self, done: Done) -> Vec<Effect> {
        match done {
            Done::Changed(what) => {
                self.status.info(what);
                vec![Effect::Save]
            }
            Done::Said(what) => {
                self.status.info(what);
                Vec::new()
            }
        }
    }

    /// The clock moved: a new minute redraws; reminders due ring. Returns whether to redraw.
    pub fn tick(&mut self, now: DateTime<Utc>) -> (bool, Vec<Effect>) {
        let (changed, due) = self.session.set_now(now);
        if let Some(last) = due.last() {
            self.status.info(format!("⏰ {}", last.text));
        }
        let effects = if due.is_empty() { Vec::new() } else { vec![Effect::Remind(due)] };
        (changed || !effects.is_empty(), effects)
    }
}
