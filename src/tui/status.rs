//! The status line: what the last action did (fades), news that must not be missed (stays until
//! Esc) and what went wrong (stays until Esc).

use std::time::{Duration, Instant};

/// How long information stays when no key is pressed.
pub const FADE: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// What an action did: gone on the next key or after [`FADE`].
    Info,
    /// News the user must not miss at a glance (the schedule changed under their talks):
    /// stays until Esc, beside an error, never in its place.
    Notice,
    /// Something the user must see (a save failed, a file is corrupt): stays until Esc.
    Error,
}

#[derive(Debug, Clone, Default)]
pub struct Status {
    error: Option<String>,
    notice: Option<String>,
    info: Option<(String, Instant)>,
}

impl Status {
    /// What the line shows: the error first, then what the last action did, then the notice.
    /// A line too long for the footer is cut at its end: the notice stays after the
    /// information fades, the information would not come back.
    pub fn text(&self) -> Option<String> {
        let parts: Vec<&str> =
            [self.error.as_deref(), self.info.as_ref().map(|(i, _)| i.as_str()), self.notice.as_deref()]
                .into_iter()
                .flatten()
                .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    pub fn level(&self) -> Option<Level> {
        if self.error.is_some() {
            Some(Level::Error)
        } else if self.notice.is_some() {
            Some(Level::Notice)
        } else {
            self.info.as_ref().map(|_| Level::Info)
        }
    }

    /// News is standing, unread.
    pub fn has_notice(&self) -> bool {
        self.notice.is_some()
    }

    /// News that stays until Esc; a newer notice replaces the one before.
    pub fn notice(&mut self, text: impl Into<String>) {
        self.notice = Some(text.into());
    }

    /// Say what happened; it sits beside an error, never in its place.
    pub fn info(&mut self, text: impl Into<String>) {
        self.info = Some((text.into(), Instant::now()));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.error = Some(text.into());
    }

    /// What the last action said is answered (a check asked for came back): let it go.
    pub fn answered(&mut self) {
        self.info = None;
    }

    /// A key was pressed: information has been read.
    pub fn key_pressed(&mut self) {
        self.info = None;
    }

    /// Esc: the error and the notice were read too. True when there was one.
    pub fn acknowledge(&mut self) -> bool {
        self.info = None;
        let notice = self.notice.take().is_some();
        self.error.take().is_some() || notice
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
