//! Logical lines (folding undone, each with where it starts), and helpers that read or quote one.

use std::borrow::Cow;

/// The logical lines of a file with where each starts: a line that begins with a space or a
/// tab continues the one before it (RFC 5545 folding), that one character removed.
pub(super) struct Lines<'a> {
    pub(super) text: &'a str,
    pub(super) at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, Cow<'a, str>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let (first, mut next) = physical(self.text, start);
        let mut line = Cow::Borrowed(first);
        while matches!(self.text.as_bytes().get(next), Some(&(b' ' | b'\t'))) {
            let (more, after) = physical(self.text, next);
            // `more` starts with the space or tab (one byte).
            line.to_mut().push_str(&more[1..]);
            next = after;
        }
        self.at = next;
        Some((start, line))
    }
}

/// The line at `from` (which starts a line) without its line break, and where the next starts.
fn physical(text: &str, from: usize) -> (&str, usize) {
    let rest = &text[from..];
    let (line, next) = match rest.find('\n') {
        Some(i) => (&rest[..i], from + i + 1),
        None => (rest, text.len()),
    };
    (line.strip_suffix('\r').unwrap_or(line), next)
}

/// The rest of `line` after `prefix`, matched without regard to case.
pub(super) fn after_ci<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &line[prefix.len()..])
}

/// A property line's name, as the `icalendar` crate reads it (`valid_key_sequence`).
pub(super) fn key_of(line: &str) -> &str {
    let l = line.trim_start_matches([' ', '\t', '\r']);
    let end = l.find(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '_' | '-'))).unwrap_or(l.len());
    &l[..end]
}

/// At most 40 characters of what the file holds, for a message.
pub(super) fn shown(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// A parser's message of several lines (it quotes the line and marks the column) on one line,
/// at most `max` characters: it may quote a line of megabytes.
pub(super) fn one_line(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in s.split_whitespace() {
        if count > 0 {
            out.push(' ');
            count += 1;
        }
        for c in word.chars() {
            if count >= max {
                out.push('…');
                return out;
            }
            out.push(c);
            count += 1;
        }
    }
    out
}
