//! Sessionize "All" JSON (`/api/v2/{id}/view/All`): sessions, speakers, rooms, categories.
//! Times are local wall-clock times without an offset; the file names no conference.

use super::{Draft, End, Pos, RawEvent};
use crate::schedule::native::kind_of;
use serde_json::Value;
use std::collections::HashMap;

pub fn sniff(v: &Value) -> bool {
    v.get("sessions").is_some_and(Value::is_array) && v.get("rooms").is_some_and(Value::is_array)
}

/// An id as Sessionize writes it: a string or a number.
fn key(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The file's tables that sessions refer to by id.
struct Lookups {
    room_of: HashMap<String, String>,
    speaker_of: HashMap<String, String>,
    /// Category item → (its category's title in lower case, its name).
    item_of: HashMap<String, (String, String)>,
}

/// The rooms in their order (into the draft), and the tables sessions refer to.
fn lookups(root: &Value, d: &mut Draft) -> Lookups {
    let mut rooms: Vec<(i64, String, String)> = Vec::new();
    for r in root["rooms"].as_array().into_iter().flatten() {
        if let (Some(id), Some(n)) = (r.get("id").and_then(key), r.get("name").and_then(Value::as_str)) {
            rooms.push((r.get("sort").and_then(Value::as_i64).unwrap_or(i64::MAX), id, n.to_string()));
        }
    }
    rooms.sort_by_key(|(sort, _, _)| *sort);
    d.rooms = rooms.iter().map(|(_, _, n)| n.clone()).collect();
    let room_of: HashMap<String, String> = rooms.into_iter().map(|(_, id, n)| (id, n)).collect();
    let speaker_of: HashMap<String, String> = root
        .get("speakers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| {
            let full = s.get("fullName").and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| {
                let part = |k| s.get(k).and_then(Value::as_str).unwrap_or("");
                format!("{} {}", part("firstName"), part("lastName")).trim().to_string()
            });
            Some((s.get("id").and_then(key)?, full))
        })
        .collect();
    // Category items: "Session format" says the kind, the others are tags.
    let mut item_of: HashMap<String, (String, String)> = HashMap::new();
    for c in root.get("categories").and_then(Value::as_array).into_iter().flatten() {
        let group = c.get("title").and_then(Value::as_str).unwrap_or("").to_lowercase();
        for item in c.get("items").and_then(Value::as_array).into_iter().flatten() {
            if let (Some(id), Some(n)) = (item.get("id").and_then(key), item.get("name").and_then(Value::as_str)) {
                item_of.insert(id, (group.clone(), n.to_string()));
            }
        }
    }
    Lookups { room_of, speaker_of, item_of }
}

/// A session's kind (its "format" or "type" category, or break/service) and tags (the others).
/// What a session's categories say, by their group's name: its format is its kind, its
/// "Track" its track, its "Language" its language; the rest are tags.
#[derive(Default)]
struct Categories {
    kind: String,
    track: Option<String>,
    language: Option<String>,
    tags: Vec<String>,
}

fn categories(s: &Value, title: &str, item_of: &HashMap<String, (String, String)>) -> Categories {
    let mut c = Categories::default();
    for item in s.get("categoryItems").and_then(Value::as_array).into_iter().flatten() {
        if let Some((group, name)) =
            item.as_i64().map(|n| n.to_string()).or_else(|| key(item)).and_then(|k| item_of.get(&k))
        {
            if group.contains("format") || group.contains("type") {
                c.kind = name.to_lowercase();
            } else if group.contains("track") && c.track.is_none() {
                c.track = Some(name.clone());
            } else if group.contains("language") && c.language.is_none() {
                c.language = Some(name.clone());
            } else {
                c.tags.push(name.clone());
            }
        }
    }
    if s.get("isServiceSession").and_then(Value::as_bool) == Some(true) {
        let t = title.to_lowercase();
        let is_break = ["break", "lunch", "coffee", "registration", "breakfast"].iter().any(|w| t.contains(w));
        c.kind = if is_break { "break".into() } else { "service".into() };
    }
    c
}

/// `name` is what the conference is called, taken from the file name (Sessionize has none).
pub fn read(root: &Value, text: &str, name: &str) -> Draft {
    let mut d = Draft { id: name.to_string(), name: name.to_string(), ..Draft::default() };
    let Lookups { room_of, speaker_of, item_of } = lookups(root, &mut d);
    let sessions = root["sessions"].as_array().cloned().unwrap_or_default();
    for (i, s) in sessions.iter().enumerate() {
        let pos = Pos::Path(format!("sessions/{i}"));
        let at = |f: &str| Pos::Path(format!("sessions/{i}/{f}"));
        if !s.is_object() {
            d.problem(text, &pos, None, format!("a session must be an object, found {}", kind_of(s)));
            continue;
        }
        let id = s.get("id").and_then(key).unwrap_or_default();
        let idr = Some(id.as_str()).filter(|x| !x.is_empty());
        let Some(title) = s.get("title").and_then(Value::as_str).map(str::to_string) else {
            d.problem(text, &at("title"), idr, "expected \"title\" as a string".into());
            continue;
        };
        let time = |f: &str| s.get(f).and_then(Value::as_str).and_then(super::when);
        let (Some(start), Some(end)) = (time("startsAt"), time("endsAt")) else {
            let msg = "expected \"startsAt\" and \"endsAt\" like 2020-03-28T09:00:00 (sessions without a time slot are not on the schedule)";
            d.problem(text, &pos, idr, msg.into());
            continue;
        };
        let room = match s.get("roomId").and_then(key) {
            Some(r) => match room_of.get(&r) {
                Some(name) => name.clone(),
                None => {
                    d.problem(text, &at("roomId"), idr, format!("roomId {r} is not in \"rooms\""));
                    continue;
                }
            },
            None => {
                d.problem(text, &at("roomId"), idr, "expected \"roomId\"".into());
                continue;
            }
        };
        let speakers = s
            .get("speakers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|sp| match sp {
                Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
                other => key(other).map(|k| speaker_of.get(&k).cloned().unwrap_or(k)),
            })
            .collect();
        let Categories { kind, track, language, tags } = categories(s, &title, &item_of);
        d.events.push(RawEvent {
            printed: None,
            url: None,
            pos,
            id,
            title,
            speakers,
            room,
            start,
            end: End::At(end),
            kind,
            track,
            tags,
            abstract_text: s.get("description").and_then(Value::as_str).unwrap_or("").to_string(),
            markup: super::Markup::Plain,
            language,
            recorded: None,
            video: s.get("recordingUrl").and_then(Value::as_str).map(str::to_string),
            links: Vec::new(),
        });
    }
    d
}
