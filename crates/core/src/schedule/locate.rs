//! Byte positions of the values in a JSON document, so that a problem found after parsing
//! (unknown track, duplicate id) can still name its line and column. serde_json reports
//! positions only for syntax errors, so we walk the (already valid) text once ourselves.

use super::Problem;
use super::error::MAX_PROBLEMS;
use std::collections::HashMap;

/// The longest path recorded, in bytes: far over any path a problem names.
const MAX_PATH: usize = 512;

/// Position of each value, keyed by its path: `talks/3/track`, `conference/timezone`.
pub struct Locations(HashMap<String, usize>);

impl Locations {
    /// Record every value down to `depth` levels (deeper ones are never reported on).
    pub fn of(text: &str, depth: usize) -> Self {
        let mut walker = Walker { b: text.as_bytes(), pos: 0, found: HashMap::new(), steps: 0, depth };
        walker.value(&mut Vec::new());
        Locations(walker.found)
    }

    pub fn get(&self, path: &str) -> Option<usize> {
        self.0.get(path).copied()
    }

    /// The value at `path`, else the nearest enclosing value that has a position.
    pub fn nearest(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(o) = self.get(p) {
                return Some(o);
            }
            p = &p[..p.rfind('/')?];
        }
    }
}

struct Walker<'a> {
    b: &'a [u8],
    pos: usize,
    found: HashMap<String, usize>,
    steps: usize,
    depth: usize,
}

/// Problems in a parsed JSON document, each placed at the value it is about (or the nearest
/// enclosing one). Positions are only worked out once something is wrong.
pub struct JsonProblems<'a> {
    text: &'a str,
    depth: usize,
    loc: Option<Locations>,
    pub problems: Vec<Problem>,
    /// Found beyond [`MAX_PROBLEMS`]: counted, not located.
    pub more: usize,
}

impl<'a> JsonProblems<'a> {
    pub fn new(text: &'a str, depth: usize) -> Self {
        Self { text, depth, loc: None, problems: Vec::new(), more: 0 }
    }

    pub fn report(&mut self, path: &str, talk: Option<&str>, message: String) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        let loc = self.loc.get_or_insert_with(|| Locations::of(self.text, self.depth));
        let offset = loc.nearest(path);
        self.problems.push(match offset {
            Some(o) => Problem::at_offset(self.text.as_bytes(), o, talk, message),
            None => Problem::new(talk, message),
        });
    }

    /// serde_json's own syntax error, with its line and column.
    pub fn syntax(&mut self, e: &serde_json::Error) {
        let msg = e.to_string();
        let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m);
        self.problems.push(Problem::at(e.line(), e.column().max(1), None, format!("invalid JSON: {msg}")));
    }
}

impl Walker<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, path: &mut Vec<String>) {
        self.steps += 1;
        // The text was validated by serde_json, but a walker must never loop on surprises.
        if self.steps > self.b.len() + 16 {
            self.pos = self.b.len();
            return;
        }
        self.ws();
        // Only paths a problem can name: short ones. A key of a megabyte above 500,000 values
        // would otherwise be copied into each of their paths (a 2 MB file, 500 GB of paths);
        // a problem under it is placed at the nearest shorter path instead.
        if !path.is_empty() && path.len() <= self.depth && path.iter().map(String::len).sum::<usize>() <= MAX_PATH {
            self.found.entry(path.join("/")).or_insert(self.pos);
        }
        match self.peek() {
            Some(b'{') => self.object(path),
            Some(b'[') => self.array(path),
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while !matches!(self.peek(), None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')) {
                    self.pos += 1;
                }
            }
            None => {}
        }
    }

    fn string(&mut self) -> String {
        let start = self.pos + 1;
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'"' => break,
                _ => {}
            }
        }
        String::from_utf8_lossy(&self.b[start..self.pos.saturating_sub(1).max(start)]).into_owned()
    }

    fn object(&mut self, path: &mut Vec<String>) {
        self.pos += 1;
        loop {
            self.ws();
            match self.peek() {
                Some(b'"') => {
                    let key = self.string();
                    self.ws();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                    }
                    path.push(key);
                    self.value(path);
                    path.pop();
                }
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return;
                }
                _ => return,
            }
        }
    }

    fn array(&mut self, path: &mut Vec<String>) {
        self.pos += 1;
        let mut i = 0;
        loop {
            self.ws();
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => self.pos += 1,
                None => return,
                Some(_) => {
                    path.push(i.to_string());
                    self.value(path);
                    path.pop();
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "{\"conference\": {\"tracks\": [\"A\"]},\n \"talks\": [ {\"id\": \"x\", \"track\": \"B\"},\n  {\"id\": \"y\"} ]}";
        let loc = Locations::of(text, 3);
        assert_eq!(&text[loc.get("talks/0/track").unwrap()..][..3], "\"B\"");
        assert_eq!(&text[loc.get("talks/1").unwrap()..][..1], "{");
        assert_eq!(&text[loc.get("conference/tracks").unwrap()..][..1], "[");
        assert!(loc.get("conference/tracks/0/x").is_none());
    }
}
