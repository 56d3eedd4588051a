//! One talk as every view reads it, and the links it lists.

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Talk {
    pub id: String,
    pub title: String,
    pub speakers: Vec<String>,
    /// Where it happens: an index into [`Conference::rooms`].
    pub room: usize,
    /// What it is about, as the organisers group talks ("Security", "Rust devroom"): not
    /// where it is.
    pub track: Option<String>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub kind: String,
    pub tags: Vec<String>,
    pub abstract_text: String,
    /// The language it is given in, as the file says it (`de`, `en`, `de, en`), lowercase.
    pub language: Option<String>,
    /// Whether it will be recorded: `Some(false)` when the speakers opted out, `None` when
    /// the file does not say.
    pub recorded: Option<bool>,
    /// The recording, chosen among the links by what each says it is.
    pub video: Option<String>,
    /// The talk's own page on the conference's site (an http(s) address).
    pub url: Option<String>,
    /// Every link the file gives, with its title, in the file's order.
    pub links: Vec<Link>,
}

/// A link a talk lists: slides, the recording, a livestream, the project's site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub title: String,
}

impl Link {
    /// A stream of the talk while it is on: never its recording.
    /// Said by whole words of its title ("Livestream", "Live stream"), never by letters
    /// inside one ("Async Streams slides", a URL with "delivering" in it).
    pub fn is_live(&self) -> bool {
        let title = if self.title == self.url { "" } else { self.title.as_str() };
        let words: Vec<String> =
            title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        let said = |w: &str| words.iter().any(|x| x == w);
        said("livestream")
            || said("live")
            || (said("stream") && !said("slides"))
            || self.url.to_lowercase().contains("/live/")
    }
}

impl Talk {
    /// Half-open intervals: a talk ending at 10:00 does not clash with one starting at 10:00.
    pub fn overlaps(&self, other: &Talk) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    pub fn is_break(&self) -> bool {
        self.kind.eq_ignore_ascii_case("break")
    }

    /// The stream to watch it live, when the file gives one.
    pub fn live_link(&self) -> Option<&Link> {
        self.links.iter().find(|l| l.is_live())
    }

    /// The speakers said it will not be recorded: watch-later is no way to catch it.
    pub fn unrecorded(&self) -> bool {
        self.recorded == Some(false)
    }
}
