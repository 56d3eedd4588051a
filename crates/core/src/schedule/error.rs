use std::fmt;

/// One thing wrong with a schedule file, located as precisely as we can.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub talk: Option<String>,
    pub message: String,
}

impl Problem {
    /// The talk and the message are cleaned here: both may quote what the file holds (a room
    /// name, a date written wrong), and every way out of hallway prints them. One line each: a
    /// newline quoted from the file could pass for another line of the answer.
    pub fn new(talk: Option<&str>, message: String) -> Self {
        Self {
            line: None,
            column: None,
            talk: talk.map(|t| cut(&crate::sanitize::line(t), 80)),
            message: cut(&crate::sanitize::line(&message), 400),
        }
    }

    pub fn at_offset(text: &[u8], offset: usize, talk: Option<&str>, message: String) -> Self {
        let (line, column) = line_col(text, offset);
        Self::at(line, column, talk, message)
    }

    /// At a line and column a parser gave.
    pub fn at(line: usize, column: usize, talk: Option<&str>, message: String) -> Self {
        Self { line: Some(line), column: Some(column), ..Self::new(talk, message) }
    }
}

/// At most `max` characters, with … where it was cut: a problem may quote a value of megabytes.
fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        if let Some(t) = &self.talk {
            write!(f, "talk '{}': ", crate::sanitize::line(t))?;
        }
        f.write_str(&self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read schedule {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{}", render_invalid(.source_name, .problems, *.more))]
    Invalid {
        source_name: String,
        problems: Vec<Problem>,
        /// Problems found beyond [`MAX_PROBLEMS`], counted and not located.
        more: usize,
    },
}

/// At most this many problems are located and said. A file with 50,000 wrong talks holds one
/// mistake made 50,000 times, and locating each (its line and column) costs time in the file's
/// size: the rest are counted.
pub const MAX_PROBLEMS: usize = 50;

impl LoadError {
    pub fn invalid(source: &str, problems: Vec<Problem>) -> Self {
        Self::invalid_and_more(source, problems, 0)
    }

    /// `problems`, and `more` found beyond them.
    pub fn invalid_and_more(source: &str, problems: Vec<Problem>, more: usize) -> Self {
        LoadError::Invalid { source_name: crate::sanitize::line(source), problems, more }
    }

    /// Problems found beyond those listed (see [`MAX_PROBLEMS`]).
    pub fn more(&self) -> usize {
        match self {
            LoadError::Invalid { more, .. } => *more,
            LoadError::Io { .. } => 0,
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid { problems, .. } => problems,
            LoadError::Io { .. } => &[],
        }
    }
}

fn render_invalid(source: &str, problems: &[Problem], more: usize) -> String {
    let n = problems.len() + more;
    let mut out =
        format!("{source} is not a valid schedule ({} problem{}):", thousands(n), if n == 1 { "" } else { "s" });
    for p in problems {
        let sep = if p.line.is_some() { ":" } else { ": " };
        out.push_str(&format!("\n  {source}{sep}{p}"));
    }
    if more > 0 {
        out.push_str(&format!("\n  and {} more", thousands(more)));
    }
    out
}

/// The first ten of `names`, and how many more: an error about one unknown name must not list
/// thousands of known ones.
pub fn first_of(names: &[String], quote: bool) -> String {
    const SHOWN: usize = 10;
    let shown: Vec<String> =
        names.iter().take(SHOWN).map(|n| if quote { format!("'{n}'") } else { n.clone() }).collect();
    let mut out = shown.join(", ");
    if names.len() > SHOWN {
        out.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    out
}

/// 49950 as "49,950".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
