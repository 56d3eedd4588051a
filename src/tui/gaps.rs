//! The gap-filling overlay (`a` in the agenda): the free slots of my agenda and the talks that
//! fit them, ranked and explained (see `suggest`). Enter goes to a talk, `s` stars it, `u`
//! undoes.

use super::app::{App, View};
use crate::agenda::MarkKind;
use crate::suggest::{self, Slot};
use crossterm::event::{KeyCode, KeyEvent};

/// Talks shown for each slot.
const PER_SLOT: usize = 3;

pub struct Gaps {
    pub slots: Vec<Slot>,
    /// Index into the picks of all slots, in order.
    pub cursor: usize,
}

impl Gaps {
    /// The talk under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.slots.iter().flat_map(|s| &s.picks).nth(self.cursor).map(|p| p.talk)
    }

    fn len(&self) -> usize {
        self.slots.iter().map(|s| s.picks.len()).sum()
    }
}

impl App {
    pub(super) fn open_suggestions(&mut self) {
        let slots = suggest::suggest(&self.schedule, &self.agenda, self.now, PER_SLOT);
        if slots.is_empty() {
            self.status = Some(if self.attending.is_empty() {
                "star some talks first: suggestions fill the gaps between them".into()
            } else {
                "no free slot with a talk in it: your days are full".into()
            });
            return;
        }
        self.suggestions = Some(Gaps { slots, cursor: 0 });
    }

    pub(super) fn suggestions_key(&mut self, key: KeyEvent) {
        let Some(g) = self.suggestions.as_mut() else { return };
        let last = g.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => g.cursor = g.cursor.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => g.cursor = (g.cursor + 1).min(last),
            KeyCode::Enter => {
                if let Some(i) = g.current() {
                    self.suggestions = None;
                    self.view = View::Schedule;
                    self.reveal(i);
                    self.select(i);
                }
            }
            KeyCode::Char('s') | KeyCode::Char(' ') => {
                let Some(i) = g.current() else { return };
                let cursor = g.cursor;
                let talk = self.schedule.talks()[i].clone();
                let before = self.agenda.before([talk.id.as_str()]);
                self.agenda.set(&self.schedule, &talk, MarkKind::Attend, (self.stamp)());
                self.refresh_marks_of(&[i]);
                self.changed_refreshed(format!("★ starred \"{}\" for that gap", talk.title), before);
                // The gap it filled is gone; the others stay, the cursor near where it was.
                let slots = suggest::suggest(&self.schedule, &self.agenda, self.now, PER_SLOT);
                self.suggestions = (!slots.is_empty()).then(|| {
                    let n: usize = slots.iter().map(|s| s.picks.len()).sum();
                    Gaps { slots, cursor: cursor.min(n.saturating_sub(1)) }
                });
            }
            KeyCode::Char('u') => {
                let cursor = g.cursor;
                self.update(super::keys::Action::Undo);
                let slots = suggest::suggest(&self.schedule, &self.agenda, self.now, PER_SLOT);
                self.suggestions = (!slots.is_empty()).then_some(Gaps { slots, cursor });
            }
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('a') => self.suggestions = None,
            _ => {}
        }
    }
}
