//! A one-line text editor (notes, the time to go to): grapheme-aware cursor, the usual
//! readline keys. Pure state; the prompt view draws it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineInput {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
    max_chars: usize,
    /// The text is a suggestion: a character typed first replaces it (an edit key keeps it).
    suggested: bool,
}

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Submit,
    Cancel,
    Ignored,
}

impl LineInput {
    pub fn new(text: &str, max_chars: usize) -> Self {
        let text: String = text.chars().filter(|c| !c.is_control()).take(max_chars).collect();
        Self { cursor: text.len(), text, max_chars, suggested: false }
    }

    /// `text` offered as a suggestion: Enter takes it, typing replaces it.
    pub fn suggesting(text: &str, max_chars: usize) -> Self {
        Self { suggested: true, ..Self::new(text, max_chars) }
    }

    pub fn max_chars(&self) -> usize {
        self.max_chars
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Display columns before the cursor.
    pub fn cursor_column(&self) -> usize {
        self.text[..self.cursor].width()
    }

    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if std::mem::take(&mut self.suggested) && matches!(key.code, KeyCode::Char(c) if !ctrl && !c.is_control()) {
            self.text.clear();
            self.cursor = 0;
        }
        match key.code {
            KeyCode::Enter => return Edit::Submit,
            KeyCode::Esc => return Edit::Cancel,
            KeyCode::Char('c') if ctrl => return Edit::Cancel,
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.len(),
            KeyCode::Char('u') if ctrl => {
                self.text.drain(..self.cursor);
                self.cursor = 0;
            }
            KeyCode::Char('k') if ctrl => self.text.truncate(self.cursor),
            KeyCode::Char('w') if ctrl => {
                let start = self.word_start();
                self.text.drain(start..self.cursor);
                self.cursor = start;
            }
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.len(),
            KeyCode::Left => self.cursor = self.prev_boundary(),
            KeyCode::Right => self.cursor = self.next_boundary(),
            KeyCode::Backspace => {
                let start = self.prev_boundary();
                self.text.drain(start..self.cursor);
                self.cursor = start;
            }
            KeyCode::Delete => {
                let end = self.next_boundary();
                self.text.drain(self.cursor..end);
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                if self.text.chars().count() >= self.max_chars {
                    return Edit::Ignored;
                }
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                // A combining mark joins the grapheme before it: keep the cursor on a boundary.
                self.cursor = self.next_boundary_from(self.prev_boundary());
            }
            _ => return Edit::Ignored,
        }
        Edit::Changed
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor].grapheme_indices(true).next_back().map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.next_boundary_from(self.cursor)
    }

    fn next_boundary_from(&self, at: usize) -> usize {
        self.text[at..].graphemes(true).next().map_or(at, |g| at + g.len())
    }

    fn word_start(&self) -> usize {
        let before = self.text[..self.cursor].trim_end();
        before.rfind(char::is_whitespace).map_or(0, |i| i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut LineInput, keys: &[KeyCode]) {
        for &k in keys {
            input.key(KeyEvent::new(k, KeyModifiers::NONE));
        }
    }

    fn typed(input: &mut LineInput, s: &str) {
        for c in s.chars() {
            input.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn a_suggestion_is_replaced_by_typing_and_kept_by_editing() {
        let mut i = LineInput::suggesting("2021-02-06 11:00", 40);
        typed(&mut i, "day 2 10:30");
        assert_eq!(i.text(), "day 2 10:30");
        let mut i = LineInput::suggesting("2021-02-06 11:00", 40);
        press(&mut i, &[KeyCode::Backspace, KeyCode::Backspace]);
        typed(&mut i, "30");
        assert_eq!(i.text(), "2021-02-06 11:30", "an edit key makes it the user's text");
    }

    #[test]
    fn edits_like_a_shell_line() {
        let mut i = LineInput::new("ask", 100);
        typed(&mut i, " about io_uring");
        assert_eq!(i.text(), "ask about io_uring");
        i.key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(i.text(), "ask about ");
        press(&mut i, &[KeyCode::Home, KeyCode::Delete, KeyCode::Right]);
        typed(&mut i, "X");
        assert_eq!(i.text(), "sXk about ");
        press(&mut i, &[KeyCode::End, KeyCode::Backspace]);
        assert_eq!(i.text(), "sXk about");
        i.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(i.text(), "");
        assert_eq!(i.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)), Edit::Submit);
        assert_eq!(i.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)), Edit::Cancel);
    }

    #[test]
    fn cursor_moves_by_grapheme_and_counts_columns() {
        let mut i = LineInput::new("e\u{301}日本", 100);
        assert_eq!(i.cursor_column(), 5);
        press(&mut i, &[KeyCode::Left]);
        assert_eq!(i.cursor_column(), 3);
        press(&mut i, &[KeyCode::Left, KeyCode::Backspace]);
        assert_eq!(i.text(), "日本", "backspace removes e and its accent together");
        typed(&mut i, "a\u{301}");
        assert_eq!(i.text(), "a\u{301}日本");
        assert_eq!(i.cursor_column(), 1);
    }

    #[test]
    fn length_is_capped_and_controls_never_enter() {
        let mut i = LineInput::new("ab\x1bc", 4);
        assert_eq!(i.text(), "abc");
        typed(&mut i, "de");
        assert_eq!(i.text(), "abcd");
        assert_eq!(i.key(KeyEvent::new(KeyCode::Char('\u{7}'), KeyModifiers::NONE)), Edit::Ignored);
    }
}
