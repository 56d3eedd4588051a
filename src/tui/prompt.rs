//! The one-line prompt: a note, a time to go to, a file to export to. It owns its keys; what an
//! Enter means is read here without touching the disk (the shell checks the file).

use super::line_input::{Edit, LineInput};
use super::outcome::Outcome;
use crossterm::event::KeyEvent;
use std::path::PathBuf;

/// What a prompt is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// A note on a talk; `from_details` brings the details back when done.
    Note {
        talk: usize,
        from_details: bool,
    },
    Time,
    Export,
    /// A room to go to, by (part of) its name.
    Room,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub ask: Ask,
    pub input: LineInput,
    /// Why the last Enter was refused; the prompt stays open with the text kept.
    pub error: Option<String>,
    /// Tab completing a room: what was typed and which of its matches is shown, so Tab again
    /// goes on to the next.
    pub completing: Option<(String, usize)>,
}

/// A file name whose extension names no export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("end the file name with .ics (calendar), .md or .json")]
pub struct UnknownFormat;

pub const NOTE_MAX_CHARS: usize = 200;
/// How the export prompt asks before replacing a file; a second Enter confirms.
pub const REPLACE: &str = "replace the existing";

impl Prompt {
    pub fn new(ask: Ask, text: &str, max_chars: usize) -> Self {
        Self { ask, input: LineInput::new(text, max_chars), error: None, completing: None }
    }

    /// A prompt offering `text`: Enter takes it, typing replaces it.
    pub fn suggesting(ask: Ask, text: &str, max_chars: usize) -> Self {
        Self { ask, input: LineInput::suggesting(text, max_chars), error: None, completing: None }
    }

    /// `rooms` completes a room's name on Tab.
    pub fn key(&mut self, key: KeyEvent, rooms: &[String]) -> Outcome {
        if self.ask == Ask::Room && key.code == crossterm::event::KeyCode::Tab {
            // Tab again, on a name it filled in, goes on to the next match of what was typed.
            let (typed, k) = match self.completing.take() {
                Some((typed, k)) => (typed, k + 1),
                None => (self.input.text().to_string(), 0),
            };
            let found = crate::room_names::rooms_named(rooms, &typed);
            if !found.is_empty() {
                self.input = LineInput::new(&rooms[found[k % found.len()]], self.input.max_chars());
                self.completing = Some((typed, k % found.len()));
            }
            return Outcome::Stay;
        }
        self.completing = None;
        match self.input.key(key) {
            Edit::Submit => Outcome::Submit,
            Edit::Cancel => Outcome::Close,
            Edit::Changed => {
                self.error = None;
                Outcome::Stay
            }
            Edit::Ignored => Outcome::Stay,
        }
    }

    /// The export prompt's file and format, or why it cannot be: `~/` is the home folder and the
    /// extension picks the format.
    pub fn export_target(&self) -> Result<(PathBuf, crate::export::Format), UnknownFormat> {
        let text = self.input.text().trim();
        let path = match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
            _ => PathBuf::from(text),
        };
        match crate::export::Format::from_path(&path) {
            Some(format) => Ok((path, format)),
            None => Err(UnknownFormat),
        }
    }

    /// The user already saw "replace the existing …?" for this name and pressed Enter again.
    pub fn confirms_replace(&self) -> bool {
        self.error.as_deref().is_some_and(|e| e.starts_with(REPLACE))
    }
}
