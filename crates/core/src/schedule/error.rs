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
    /// name, a date written wrong), and every way out of hallway prints them.
    pub fn new(talk: Option<&str>, message: String) -> Self {
        Self {
            line: None,
            column: None,
            talk: talk.map(crate::sanitize::line),
            message: crate::sanitize::text(&message),
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
    #[error("{}", render_invalid(.source_name, .problems))]
    Invalid { source_name: String, problems: Vec<Problem> },
}

impl LoadError {
    pub fn invalid(source: &str, problems: Vec<Problem>) -> Self {
        LoadError::Invalid { source_name: source.to_string(), problems }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid { problems, .. } => problems,
            LoadError::Io { .. } => &[],
        }
    }
}

fn render_invalid(source: &str, problems: &[Problem]) -> String {
    let n = problems.len();
    let mut out = format!("{source} is not a valid schedule ({n} problem{}):", if n == 1 { "" } else { "s" });
    for p in problems {
        let sep = if p.line.is_some() { ":" } else { ": " };
        out.push_str(&format!("\n  {source}{sep}{p}"));
    }
    out
}
