//! The search overlay (`/`): type, see ranked matches at once, Enter jumps to the talk.

use super::app::{App, View};
use super::line_input::{Edit, LineInput};
use crate::search::{Hit, Index};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Enough to choose from; the list says when there are more.
const SHOWN: usize = 200;

pub struct Finder {
    pub input: LineInput,
    pub hits: Vec<Hit>,
    pub cursor: usize,
}

impl App {
    pub(super) fn open_finder(&mut self) {
        // Built on first use: a FOSDEM-sized schedule costs a few milliseconds once.
        if self.search_index.is_none() {
            self.search_index = Some(Index::new(&self.schedule));
        }
        self.finder = Some(Finder { input: LineInput::new("", 80), hits: Vec::new(), cursor: 0 });
    }

    pub(super) fn finder_key(&mut self, key: KeyEvent) {
        let Some(f) = self.finder.as_mut() else { return };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Up => f.cursor = f.cursor.saturating_sub(1),
            KeyCode::Char('p') if ctrl => f.cursor = f.cursor.saturating_sub(1),
            KeyCode::Down => f.cursor = (f.cursor + 1).min(f.hits.len().saturating_sub(1)),
            KeyCode::Char('n') if ctrl => f.cursor = (f.cursor + 1).min(f.hits.len().saturating_sub(1)),
            KeyCode::PageUp => f.cursor = f.cursor.saturating_sub(10),
            KeyCode::PageDown => f.cursor = (f.cursor + 10).min(f.hits.len().saturating_sub(1)),
            _ => match f.input.key(key) {
                Edit::Submit => {
                    let target = f.hits.get(f.cursor).map(|h| h.index);
                    self.finder = None;
                    if let Some(i) = target {
                        self.overlay = super::app::Overlay::None;
                        self.view = View::Schedule;
                        self.reveal(i);
                        self.select(i);
                    }
                }
                Edit::Cancel => self.finder = None,
                Edit::Changed => {
                    let query = f.input.text().to_string();
                    f.hits = self.search_index.as_mut().map_or_else(Vec::new, |idx| idx.search(&query, SHOWN));
                    f.cursor = 0;
                }
                Edit::Ignored => {}
            },
        }
    }
}
