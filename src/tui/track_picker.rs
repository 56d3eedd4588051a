//! The track filter (`f`): tick the rooms you care about out of dozens; type to narrow the list.
//! Pure state; the picker view draws it, the app applies it.

use super::line_input::{Edit, LineInput};
use crossterm::event::{KeyCode, KeyEvent};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackPicker {
    pub query: LineInput,
    /// Track indices ticked; none ticked means every track is shown.
    pub ticked: BTreeSet<usize>,
    /// Position in `matches()`.
    pub cursor: usize,
}

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Open,
    Apply,
    Cancel,
}

impl TrackPicker {
    pub fn new(ticked: BTreeSet<usize>) -> Self {
        Self { query: LineInput::new("", 60), ticked, cursor: 0 }
    }

    /// Tracks whose name contains every word typed (any case), in column order.
    pub fn matches(&self, tracks: &[String]) -> Vec<usize> {
        let words: Vec<String> = self.query.text().split_whitespace().map(str::to_lowercase).collect();
        (0..tracks.len())
            .filter(|&i| {
                let name = tracks[i].to_lowercase();
                words.iter().all(|w| name.contains(w.as_str()))
            })
            .collect()
    }

    pub fn key(&mut self, key: KeyEvent, tracks: &[String]) -> Pick {
        let shown = self.matches(tracks);
        match key.code {
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down => self.cursor = (self.cursor + 1).min(shown.len().saturating_sub(1)),
            KeyCode::PageUp => self.cursor = self.cursor.saturating_sub(10),
            KeyCode::PageDown => self.cursor = (self.cursor + 10).min(shown.len().saturating_sub(1)),
            KeyCode::Char(' ') | KeyCode::Tab => {
                if let Some(&t) = shown.get(self.cursor)
                    && !self.ticked.remove(&t)
                {
                    self.ticked.insert(t);
                }
            }
            KeyCode::Delete => self.ticked.clear(),
            _ => match self.query.key(key) {
                Edit::Submit => return Pick::Apply,
                Edit::Cancel => return Pick::Cancel,
                Edit::Changed => self.cursor = 0,
                Edit::Ignored => {}
            },
        }
        Pick::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn type_to_narrow_space_to_tick_enter_to_apply() {
        let tracks: Vec<String> =
            ["K.fosdem", "M.community", "D.rust", "D.go", "L.lightningtalks"].map(String::from).into();
        let mut p = TrackPicker::new(BTreeSet::new());
        for c in "d.".chars() {
            p.key(k(KeyCode::Char(c)), &tracks);
        }
        assert_eq!(p.matches(&tracks), [2, 3]);
        p.key(k(KeyCode::Down), &tracks);
        p.key(k(KeyCode::Char(' ')), &tracks);
        assert_eq!(p.ticked, BTreeSet::from([3]));
        p.key(k(KeyCode::Backspace), &tracks);
        p.key(k(KeyCode::Backspace), &tracks);
        assert_eq!(p.matches(&tracks).len(), 5, "the ticks stay while the list widens");
        p.key(k(KeyCode::Tab), &tracks);
        assert_eq!(p.ticked, BTreeSet::from([0, 3]));
        assert_eq!(p.key(k(KeyCode::Enter), &tracks), Pick::Apply);
        p.key(k(KeyCode::Delete), &tracks);
        assert!(p.ticked.is_empty());
        assert_eq!(p.key(k(KeyCode::Esc), &tracks), Pick::Cancel);
    }
}
