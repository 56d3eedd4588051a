//! Lines that fit: on a terminal each line gives way to its width (a long room or title ends
//! in "…" between words), piped lines stay whole. Either way a column is padded only to what
//! most of its values need, not to its longest (a Congress room name of 62 characters).

use crate::schedule::{Schedule, Talk, short_ids};
use crate::status_line::cut;
use unicode_width::UnicodeWidthStr;

/// How wide lines may be: the terminal's width when standard output is one.
#[derive(Debug, Clone, Copy)]
pub struct Fit(Option<usize>);

impl Fit {
    pub fn stdout() -> Self {
        use std::io::IsTerminal;
        let width = std::io::stdout()
            .is_terminal()
            .then(|| crossterm::terminal::size().ok().map(|(w, _)| usize::from(w)))
            .flatten()
            .filter(|&w| w > 0);
        Fit(width)
    }

    /// Lines as they are (a pipe, a file).
    #[cfg(test)]
    pub fn whole() -> Self {
        Fit(None)
    }

    /// A padded column's value: cut to `width` on a terminal, whole (and longer) when piped.
    pub fn column(self, value: &str, width: usize) -> String {
        let value = if self.0.is_some() { cut(value, width) } else { value.to_string() };
        format!("{value}{}", " ".repeat(width.saturating_sub(value.width())))
    }

    /// How wide a room column may be, `wanted` at most, beside `others` columns of the line:
    /// on a narrow terminal the room gives way before the title does (down to a few letters).
    pub fn room_column(self, wanted: usize, others: usize) -> usize {
        match self.0 {
            Some(w) => wanted.min(w.saturating_sub(others + MIN_REST).max(MIN_ROOM)),
            None => wanted,
        }
    }

    /// What ends a line, after `used` columns, keeping `after` columns for what follows it
    /// (the talk's id): cut to what is left on a terminal, whole when piped.
    pub fn rest(self, text: &str, used: usize, after: usize) -> std::borrow::Cow<'_, str> {
        match self.0 {
            Some(w) => cut(text, w.saturating_sub(used + after).max(MIN_REST)).into(),
            None => text.into(),
        }
    }
}

impl Fit {
    /// A line of the person's own (their next talk, a clash) that must be read whole: on a
    /// terminal it wraps between words, its next lines under its start (`indent` columns in).
    pub fn wrap(self, text: &str, indent: usize) -> String {
        let Some(width) = self.0.map(|w| w.saturating_sub(indent).max(MIN_REST)) else { return text.to_string() };
        let mut out = String::new();
        let mut line = 0;
        for word in text.split(' ') {
            let w = word.width();
            if line > 0 && line + 1 + w > width {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(word);
            line += w;
        }
        out
    }
}

/// Ids as a terminal shows them: a long id (a Congress's UUIDs) by the start that names it
/// alone, at least 8 characters, which every command takes; piped, whole.
pub struct Ids(Option<Vec<usize>>);

impl Ids {
    pub fn new(fit: Fit, s: &Schedule) -> Self {
        Ids(fit.0.is_some().then(|| short_ids(s, SHORT_ID)))
    }

    pub fn of<'a>(&self, s: &Schedule, t: &'a Talk) -> &'a str {
        match &self.0 {
            Some(short) if t.id.len() > LONG_ID => s.index_of(&t.id).map_or(&t.id, |i| &t.id[..short[i]]),
            _ => &t.id,
        }
    }
}

/// Ids longer than this are shortened on a terminal, to no fewer than `SHORT_ID` characters.
const LONG_ID: usize = 12;
const SHORT_ID: usize = 8;

/// Shorter than this, a title says nothing: the line runs over instead.
const MIN_REST: usize = 12;

/// A room cut shorter than this says nothing.
const MIN_ROOM: usize = 6;

/// The width most values need: the ninth in ten of them by width (the longest few run over
/// when piped and give way on a terminal).
pub fn width_of<'a>(values: impl Iterator<Item = &'a str>) -> usize {
    let mut widths: Vec<usize> = values.map(UnicodeWidthStr::width).collect();
    if widths.is_empty() {
        return 0;
    }
    widths.sort_unstable();
    widths[(widths.len() * 9).div_ceil(10) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_as_wide_as_nine_values_in_ten() {
        let rooms =
            ["Saal 1", "Saal 2", "Saal 3", "Saal 4", "Saal 5", "Saal 6", "Saal 7", "Saal 8", "Saal 9", "Bällebad"];
        assert_eq!(width_of(rooms.iter().copied()), 6);
        let long = "Chaos-West Bühne und noch ein sehr langer Name für einen Raum";
        let mut rooms = rooms.to_vec();
        rooms.push(long);
        assert_eq!(width_of(rooms.iter().copied()), 8);
        assert_eq!(width_of(std::iter::empty()), 0);
    }

    #[test]
    fn on_a_terminal_values_give_way_and_piped_they_stay_whole() {
        let long = "Chaos-West Bühne und noch ein Raum";
        assert_eq!(Fit(Some(80)).column(long, 12), "Chaos-West… ");
        assert_eq!(Fit::whole().column(long, 12), long);
        assert_eq!(Fit::whole().column("Saal 1", 8), "Saal 1  ");
        let title = "Wie man mit Kompostieren die Welt rettet, sagt man Computern";
        assert_eq!(Fit(Some(40)).rest(title, 10, 6), "Wie man mit…");
        assert_eq!(Fit::whole().rest(title, 10, 6), title);
        assert_eq!(
            Fit(Some(30)).wrap("★ Your next starred talk: \"Notcurses\" (13:00)", 2),
            "★ Your next starred talk:\n  \"Notcurses\" (13:00)"
        );
        assert_eq!(Fit::whole().wrap(title, 2), title);
    }
}
