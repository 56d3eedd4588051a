//! The agenda leaving the app: a calendar file (RFC 5545), Markdown to share, JSON for tools.
//! Pure: each exporter turns (schedule, agenda, time of export) into text.

pub mod ics;
pub mod markdown;

use crate::agenda::{Agenda, MarkKind};
use crate::report;
use crate::schedule::Schedule;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Ics,
    Md,
    Json,
}

impl Format {
    /// The format a file name asks for by its extension (.ics, .md, .json), as the planner's
    /// export prompt and `export -o` read it.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "ics" => Some(Format::Ics),
            "md" | "markdown" => Some(Format::Md),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub const ALL: [Format; 3] = [Format::Ics, Format::Md, Format::Json];

    /// The format by the name a user types (`ics`, `md`, `json`): its extension.
    pub fn named(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.extension() == name)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Ics => "ics",
            Format::Md => "md",
            Format::Json => "json",
        }
    }
}

/// What goes out: the talks marked to attend, and with `on_demand` those to watch later too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub on_demand: bool,
}

pub fn render(format: Format, s: &Schedule, a: &Agenda, now: DateTime<Utc>, opts: Options) -> String {
    match format {
        Format::Ics => ics::render(s, a, now, opts),
        Format::Md => markdown::render(s, a, now),
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&document(s, a, now)).expect("json serialises")),
    }
}

/// What a file written by [`render`] holds, said once it is written: the same words from the
/// planner's `e` and from `hallway export`, which follow one rule (talks to watch later go
/// into a calendar only when asked).
pub fn summary(format: Format, s: &Schedule, a: &Agenda, opts: Options) -> String {
    let marked = a.marked(s);
    let later = marked.iter().filter(|&&i| a.kind(&s.talks()[i].id) == Some(MarkKind::OnDemand)).count();
    let attend = marked.len() - later;
    let talks = |n: usize| format!("{n} talk{}", if n == 1 { "" } else { "s" });
    match format {
        Format::Ics if !opts.on_demand && later > 0 => format!(
            "{} to attend; {} to watch later left out of a calendar (`hallway export --include on-demand` puts {} in)",
            talks(attend),
            talks(later),
            if later == 1 { "it" } else { "them" }
        ),
        Format::Ics if !opts.on_demand => format!("{} to attend", talks(attend)),
        _ => format!("{} to attend, {later} to watch later", talks(attend)),
    }
}

/// The `agenda --json` array with the conference around it, so another tool needs nothing else.
pub fn document(s: &Schedule, a: &Agenda, now: DateTime<Utc>) -> Value {
    let c = &s.conference;
    json!({
        "hallway_export": 1,
        "exported_at": report::instant(s, now),
        "conference": {
            "id": c.id, "name": c.name, "timezone": c.tz.name(), "url": c.url, "tracks": c.rooms, "rooms": c.rooms,
            "start": s.start().map(|t| report::instant(s, t)), "end": s.end().map(|t| report::instant(s, t)),
        },
        "agenda": report::agenda(s, a),
    })
}

/// Schedule indices of the talks to export, in time order.
fn chosen(s: &Schedule, a: &Agenda, opts: Options) -> Vec<usize> {
    a.marked(s)
        .into_iter()
        .filter(|&i| match a.kind(&s.talks()[i].id) {
            Some(MarkKind::Attend) => true,
            Some(MarkKind::OnDemand) => opts.on_demand,
            None => false,
        })
        .collect()
}
