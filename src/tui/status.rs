//! The status line: what the last action did (fades) or what went wrong (stays until Esc).

use std::time::{Duration, Instant};

/// How long information stays when no key is pressed.
pub const FADE: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// What an action did: gone on the next key or after [`FADE`].
    Info,
    /// Something the user must see (a save failed, a file is corrupt): stays until Esc.
    Error,
}

#[derive(Debug, Clone, Default)]
pub struct Status {
    error: Option<String>,
    info: Option<(String, Instant)>,
}

impl Status {
    /// What the line shows: the error first, then the news beside it.
    pub fn text(&self) -> Option<String> {
        match (&self.error, &self.info) {
            (Some(e), Some((i, _))) => Some(format!("{e} · {i}")),
            (Some(e), None) => Some(e.clone()),
            (None, Some((i, _))) => Some(i.clone()),
            (None, None) => None,
        }
    }

    pub fn level(&self) -> Option<Level> {
        match (&self.error, &self.info) {
            (Some(_), _) => Some(Level::Error),
            (None, Some(_)) => Some(Level::Info),
            (None, None) => None,
        }
    }

    /// Say what happened; it sits beside an error, never in its place.
    pub fn info(&mut self, text: impl Into<String>) {
        self.info = Some((text.into(), Instant::now()));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.error = Some(text.into());
    }

    /// A key was pressed: information has been read.
    pub fn key_pressed(&mut self) {
        self.info = None;
    }

    /// Esc: the error was read too. True when there was one.
    pub fn acknowledge(&mut self) -> bool {
        self.info = None;
        self.error.take().is_some()
    }

    /// Information older than [`FADE`] goes; true when something went (redraw).
    pub fn fade(&mut self, now: Instant) -> bool {
        match &self.info {
            Some((_, at)) if now.duration_since(*at) >= FADE => {
                self.info = None;
                true
            }
            _ => false,
        }
    }

    /// When the loop must wake to fade the information.
    pub fn fades_in(&self, now: Instant) -> Option<Duration> {
        self.info.as_ref().map(|(_, at)| (*at + FADE).saturating_duration_since(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn information_fades_and_errors_stay() {
        let mut s = Status::default();
        s.info("starred");
        assert_eq!(s.text().as_deref(), Some("starred"));
        assert!(!s.fade(Instant::now()));
        assert!(s.fade(Instant::now() + FADE));
        assert_eq!(s.text(), None);
        s.error("⚠ cannot save");
        s.key_pressed();
        assert!(!s.fade(Instant::now() + FADE * 10));
        assert_eq!(s.level(), Some(Level::Error));
        s.acknowledge();
        assert_eq!(s.text(), None);
    }

    #[test]
    fn information_never_pushes_an_error_out() {
        let mut s = Status::default();
        s.error("⚠ cannot save");
        s.info("starred");
        assert_eq!(s.level(), Some(Level::Error));
        assert!(s.text().unwrap().contains("cannot save") && s.text().unwrap().contains("starred"));
    }
}
