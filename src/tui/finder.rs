//! The search modal (`/`): type, see ranked matches at once, Enter goes to the talk.

use super::line_input::{Edit, LineInput};
use super::outcome::Outcome;
use crate::search::{Hit, Index};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Enough to choose from; the list says when there are more.
const SHOWN: usize = 200;

pub struct Finder {
    pub input: LineInput,
    pub hits: Vec<Hit>,
    pub cursor: usize,
}

impl Default for Finder {
    fn default() -> Self {
        Self { input: LineInput::new("", 80), hits: Vec::new(), cursor: 0 }
    }
}

impl Finder {
    pub fn key(&mut self, key: KeyEvent, index: &mut Index) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = self.hits.len().saturating_sub(1);
        match key.code {
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Char('p') if ctrl => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down => self.cursor = (self.cursor + 1).min(last),
            KeyCode::Char('n') if ctrl => self.cursor = (self.cursor + 1).min(last),
            KeyCode::PageUp => self.cursor = self.cursor.saturating_sub(10),
            KeyCode::PageDown => self.cursor = (self.cursor + 10).min(last),
            _ => match self.input.key(key) {
                Edit::Submit => {
                    return match self.hits.get(self.cursor) {
                        Some(h) => Outcome::GoTo(h.index),
                        None => Outcome::Close,
                    };
                }
                Edit::Cancel => return Outcome::Close,
                Edit::Changed => {
                    self.hits = index.search(self.input.text(), SHOWN);
                    self.cursor = 0;
                }
                Edit::Ignored => {}
            },
        }
        Outcome::Stay
    }
}
