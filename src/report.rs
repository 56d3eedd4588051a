//! The `--json` documents of design.md section 5. A contract: add fields, never rename.

use crate::agenda::Agenda;
use crate::agenda::listing::{self, Row};
use crate::clash::Clash;
use crate::now::TrackNow;
use crate::schedule::{Schedule, Talk};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

pub fn instant(schedule: &Schedule, t: DateTime<Utc>) -> String {
    schedule.local(t).to_rfc3339_opts(SecondsFormat::Secs, false)
}

pub fn talk(schedule: &Schedule, t: &Talk) -> Value {
    json!({
        "id": t.id,
        "title": t.title,
        "speakers": t.speakers,
        "track": schedule.track_name(t),
        "start": instant(schedule, t.start),
        "end": instant(schedule, t.end),
        "kind": t.kind,
        "tags": t.tags,
        "abstract": t.abstract_text,
        "video": t.video,
    })
}

pub fn talks<'a>(schedule: &Schedule, list: impl IntoIterator<Item = &'a Talk>, agenda: &Agenda) -> Value {
    Value::Array(
        list.into_iter()
            .map(|t| {
                let mut v = talk(schedule, t);
                v["mark"] = agenda.kind(&t.id).map_or(Value::Null, |k| k.as_str().into());
                v
            })
            .collect(),
    )
}

/// Marked talks in (start, track) order, each with its mark, note and clashes.
pub fn agenda(schedule: &Schedule, agenda: &Agenda) -> Value {
    let mut rows: Vec<(usize, Vec<usize>)> = listing::rows(schedule, agenda)
        .into_iter()
        .filter_map(|r| match r {
            Row::Talk { index, clashes_with, .. } => Some((index, clashes_with)),
            _ => None,
        })
        .collect();
    rows.sort_by_key(|(i, _)| *i);
    Value::Array(
        rows.into_iter()
            .map(|(i, clashes)| {
                let t = &schedule.talks()[i];
                let mark = &agenda.marks[&t.id];
                let mut v = talk(schedule, t);
                v["mark"] = mark.mark.as_str().into();
                v["note"] = mark.note.clone().map_or(Value::Null, Value::String);
                v["clashes_with"] = clashes.iter().map(|&j| schedule.talks()[j].id.clone()).collect();
                v
            })
            .collect(),
    )
}

pub fn clashes(schedule: &Schedule, list: &[Clash]) -> Value {
    let id = |i: usize| schedule.talks()[i].id.clone();
    list.iter().map(|c| json!({ "a": id(c.a), "b": id(c.b) })).collect()
}

pub fn now(schedule: &Schedule, at: DateTime<Utc>, tracks: &[TrackNow]) -> Value {
    let opt = |i: Option<usize>| i.map_or(Value::Null, |i| talk(schedule, &schedule.talks()[i]));
    json!({
        "at": instant(schedule, at),
        "tracks": tracks.iter().map(|t| json!({
            "track": schedule.conference.tracks[t.track],
            "live": opt(t.live),
            "next": opt(t.next),
        })).collect::<Vec<_>>(),
    })
}
