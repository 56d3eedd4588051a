//! Opening the modals and carrying out what they answer: a prompt's Enter, the filter
//! panel's choice, a suggestion starred, a search result gone to.

use super::{App, is_talk_action};
use crate::filter::Choices;
use crate::tui::effect::Effect;
use crate::tui::filter_picker::FilterPicker;
use crate::tui::gaps::{self, Gaps};
use crate::tui::modal::{Modal, Outcome};
use crate::tui::prompt::{Ask, Prompt};
use crate::tui::state::View;
use std::collections::BTreeSet;

impl App {
    /// Carry out what a modal answered.
    pub(super) fn outcome(&mut self, outcome: Outcome) -> Vec<Effect> {
        match outcome {
            Outcome::Stay => Vec::new(),
            Outcome::Close => {
                self.modal = self.back_to_details();
                Vec::new()
            }
            Outcome::Act(a) if is_talk_action(a) => self.act(a),
            Outcome::Act(a) => {
                self.modal = None;
                self.update(a)
            }
            Outcome::GoTo(i) => {
                self.modal = None;
                self.view = View::Schedule;
                let revealed = self.session.reveal(i);
                self.schedule_view.select(&self.session, i);
                match revealed {
                    Some(said) => {
                        self.status.info(said);
                        vec![Effect::Save]
                    }
                    None => Vec::new(),
                }
            }
            Outcome::Submit => match self.modal.take() {
                Some(Modal::Prompt(p)) => self.submit(p),
                other => {
                    self.modal = other;
                    Vec::new()
                }
            },
            Outcome::Apply => match self.modal.take() {
                Some(Modal::Filter(p)) => {
                    let said = self.session.apply_filter(&p.ticked, p.filter);
                    let day = self.schedule_view.day;
                    self.schedule_view.keep_shown(&self.session);
                    let s = &self.session.schedule;
                    let moved = (self.schedule_view.day != day)
                        .then(|| s.day_date(self.schedule_view.day))
                        .flatten()
                        .map(|d| format!(" · nothing shown that day: now on {}", crate::timefmt::day_label(d)));
                    self.status.info(format!("{said}{}", moved.unwrap_or_default()));
                    vec![Effect::Save]
                }
                other => {
                    self.modal = other;
                    Vec::new()
                }
            },
            Outcome::Star(i) => {
                let done = self.session.star(i);
                let effects = self.done(done);
                self.refresh_gaps();
                effects
            }
            Outcome::Undo => {
                let done = self.session.undo();
                let effects = self.done(done);
                self.refresh_gaps();
                effects
            }
        }
    }

    /// What a closing modal gives way to: the details a note was written from, else nothing.
    fn back_to_details(&self) -> Option<Modal> {
        match &self.modal {
            Some(Modal::Prompt(Prompt { ask: Ask::Note { talk, from_details: true }, .. })) => {
                Some(Modal::Details { talk: *talk, scroll: 0 })
            }
            _ => None,
        }
    }

    pub(super) fn ask_time(&mut self) {
        use crate::now::Phase;
        // Offer a time worth seeing: now if the conference is on, else when it (re)starts.
        let s = &self.session;
        let suggestion = match s.overview().phase {
            Phase::Before { starts } => starts,
            Phase::Pause { resumes } | Phase::BetweenDays { resumes } => resumes,
            Phase::After { .. } => s.schedule.start().unwrap_or(s.now),
            Phase::Live | Phase::Empty => s.now,
        };
        let text = s.schedule.local(suggestion).format("%Y-%m-%d %H:%M").to_string();
        // A time typed replaces the one offered: "@ day 2 10:30" means that, not an addition.
        self.modal = Some(Modal::Prompt(Prompt::suggesting(Ask::Time, &text, 40)));
    }

    pub(super) fn submit(&mut self, prompt: Prompt) -> Vec<Effect> {
        match prompt.ask {
            Ask::Note { talk, from_details } => {
                let done = self.session.set_note(talk, prompt.input.text());
                if from_details {
                    self.modal = Some(Modal::Details { talk, scroll: 0 });
                }
                self.done(done)
            }
            Ask::Export => match prompt.export_target() {
                Ok((path, format)) => {
                    let replace = prompt.confirms_replace();
                    // Kept open (behind) until the shell says the file was written.
                    self.modal = Some(Modal::Prompt(prompt));
                    vec![Effect::Export { path, format, replace }]
                }
                Err(e) => {
                    self.modal = Some(Modal::Prompt(Prompt { error: Some(e.to_string()), ..prompt }));
                    Vec::new()
                }
            },
            Ask::Time => self.go_to_time(prompt),
            Ask::Room => {
                let rooms = &self.session.schedule.conference.rooms;
                let Some(&room) = crate::room_names::rooms_named(rooms, prompt.input.text()).first() else {
                    let said = format!("no room is called \"{}\"", crate::sanitize::line(prompt.input.text().trim()));
                    self.modal = Some(Modal::Prompt(Prompt { error: Some(said), ..prompt }));
                    return Vec::new();
                };
                self.view = View::Schedule;
                self.schedule_view.list_mode = false;
                if let Some(said) = self.schedule_view.go_to_room(&self.session, room) {
                    self.status.info(said);
                }
                Vec::new()
            }
        }
    }

    /// The shell's answer to an export: written (the prompt closes) or refused (it stays, saying
    /// why; "replace the existing …?" then takes a second Enter).
    pub fn exported(&mut self, result: Result<String, crate::tui::effect::ExportError>) {
        if result.is_ok() {
            // Every mark is in the file written: nothing is lost by quitting.
            self.saved();
        }
        // Only the export prompt: a key read in the same batch may have opened something else.
        let prompt = match &mut self.modal {
            Some(Modal::Prompt(p)) if p.ask == Ask::Export => Some(p),
            _ => None,
        };
        match (result, prompt) {
            (Ok(said), Some(p)) => {
                self.last_export = Some(p.input.text().trim().to_string());
                self.modal = None;
                self.status.info(said);
            }
            (Ok(said), None) => self.status.info(said),
            (Err(why), Some(p)) => p.error = Some(why.to_string()),
            (Err(why), None) => self.status.error(format!("⚠ {why}")),
        }
    }

    pub(super) fn go_to_time(&mut self, prompt: Prompt) -> Vec<Effect> {
        let s = &mut self.session;
        let text = prompt.input.text().trim();
        if text.is_empty() {
            s.pinned = None;
            // A reminder due at the clock's time rings now (the reminders keep what they rang).
            let (_, due) = s.set_now(s.clock_now);
            self.status.info(if s.time_travel { "back to the time given with --at" } else { "back to the real clock" });
            return if due.is_empty() { Vec::new() } else { vec![Effect::Remind(due)] };
        }
        let day = s.schedule.day_date(self.schedule_view.day).unwrap_or_else(|| s.schedule.local(s.now).date_naive());
        let days: Vec<_> = s.schedule.days().collect();
        match crate::clock::parse_conference_time(
            text,
            s.schedule.conference.tz,
            &days,
            day,
            s.schedule.conference.day_change,
        ) {
            Ok(t) => {
                s.pinned = Some(t - s.clock_now);
                let (_, due) = s.set_now(s.clock_now);
                let travel = format!(
                    "⏱ time travel: it is now {} (conference time); t shows it in the schedule, @ then an empty line goes back",
                    s.schedule.local(t).format("%a %-d %b %Y %H:%M")
                );
                // A reminder due at that time comes first.
                match due.last() {
                    Some(r) => self.status.info(format!("⏰ {} · {travel}", r.text)),
                    None => self.status.info(travel),
                }
                if due.is_empty() { Vec::new() } else { vec![Effect::Remind(due)] }
            }
            Err(e) => {
                self.modal = Some(Modal::Prompt(Prompt { error: Some(e.to_string()), ..prompt }));
                Vec::new()
            }
        }
    }

    pub(super) fn open_filter(&mut self) {
        let s = &self.session;
        // The rooms the person ticked, not those the rest of the filter happens to leave.
        let tracks = &s.schedule.conference.rooms;
        let ticked: BTreeSet<usize> =
            s.agenda.tracks.iter().filter_map(|name| tracks.iter().position(|t| t == name)).collect();
        let mut picker = FilterPicker::new(ticked, s.agenda.filter.clone(), Choices::of(&s.schedule));
        picker.has_friends = !s.friends.friends.is_empty();
        self.modal = Some(Modal::Filter(Box::new(picker)));
    }

    pub(super) fn open_gaps(&mut self) {
        let s = &self.session;
        let slots = crate::suggest::suggest(&s.schedule, &s.agenda, s.now, gaps::PER_SLOT);
        if slots.is_empty() {
            self.status.info(if s.attending.is_empty() {
                "star some talks first: suggestions fill the gaps between them"
            } else {
                "no free slot with a talk in it: your days are full"
            });
            return;
        }
        self.modal = Some(Modal::Gaps(Gaps { slots, cursor: 0 }));
    }

    /// After a star or an undo in the gaps: the gap filled is gone, the cursor stays near.
    pub(super) fn refresh_gaps(&mut self) {
        let Some(Modal::Gaps(g)) = &self.modal else { return };
        let cursor = g.cursor;
        let s = &self.session;
        let slots = crate::suggest::suggest(&s.schedule, &s.agenda, s.now, gaps::PER_SLOT);
        let g = Gaps { slots, cursor: 0 };
        let n = g.len();
        self.modal = (n > 0).then(|| Modal::Gaps(Gaps { cursor: cursor.min(n - 1), ..g }));
    }
}
