//! The gaps modal (`a` in the agenda): the free slots of my agenda and the talks that fit them,
//! ranked and explained (see `suggest`). Enter goes to a talk, `s` stars it, `u` undoes.

use super::outcome::Outcome;
use crate::suggest::Slot;
use crossterm::event::{KeyCode, KeyEvent};

/// Talks shown for each slot.
pub const PER_SLOT: usize = 3;

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

    pub fn len(&self) -> usize {
        self.slots.iter().map(|s| s.picks.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn key(&mut self, key: KeyEvent) -> Outcome {
        let last = self.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.cursor = (self.cursor + 1).min(last),
            KeyCode::Enter => return self.current().map_or(Outcome::Stay, Outcome::GoTo),
            KeyCode::Char('s') | KeyCode::Char(' ') => return self.current().map_or(Outcome::Stay, Outcome::Star),
            KeyCode::Char('u') => return Outcome::Undo,
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('a') => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }
}
