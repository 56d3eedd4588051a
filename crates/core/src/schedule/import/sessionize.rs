//! Sessionize "All" JSON (`/api/v2/{id}/view/All`): sessions, speakers, rooms, categories.
//! Times are local wall-clock times without an offset; the file names no conference.

use super::{Draft, End, ListOf, MAX_ROOMS, Pos, RawEvent};
use crate::schedule::lazy_json::{self as json, Object, Raw};
use std::collections::HashMap;

/// The file's sessions, when it looks like Sessionize.
pub fn sniff<'a>(root: &Object<'a>) -> Option<Raw<'a>> {
    let is_list = |k| root.get(k).is_some_and(|v| v.get().starts_with('['));
    (is_list("rooms") && is_list("sessions")).then(|| root.get("sessions")).flatten()
}

/// The members of a session the reader reads (the others are never listed).
const SESSION: &[&str] = &[
    "id",
    "title",
    "startsAt",
    "endsAt",
    "roomId",
    "speakers",
    "categoryItems",
    "isServiceSession",
    "description",
    "recordingUrl",
];

/// An id as Sessionize writes it: a string or a number.
fn key(v: Raw<'_>) -> Option<String> {
    json::id(v)
}

/// The file's tables that sessions refer to by id.
struct Lookups {
    room_of: HashMap<String, String>,
    speaker_of: HashMap<String, String>,
    /// Category item → (its category's title in lower case, its name).
    item_of: HashMap<String, (String, String)>,
}

/// The rooms in their order (into the draft), and the tables sessions refer to.
fn lookups(root: &Object<'_>, d: &mut Draft) -> Lookups {
    // Each table's entries read in turn, only the members used (see `lazy_json`).
    let each = |key: &str, fields: &'static [&'static str], f: &mut dyn FnMut(Object<'_>)| {
        if let Some(list) = root.get(key) {
            json::each(list, |x| {
                if let Some(o) = Object::only(x, fields) {
                    f(o)
                }
            });
        }
    };
    let mut rooms: Vec<(i64, String, String)> = Vec::new();
    each("rooms", &["id", "name", "sort"], &mut |r| {
        // Past the cap nothing more is kept: the file is refused below.
        if rooms.len() <= MAX_ROOMS
            && let (Some(id), Some(n)) = (r.get("id").and_then(key), r.str("name"))
        {
            rooms.push((r.get("sort").and_then(json::i64).unwrap_or(i64::MAX), id, super::name(&n)));
        }
    });
    if rooms.len() > MAX_ROOMS {
        d.problem("", &Pos::Unknown, None, super::too_many_rooms());
        rooms.clear();
    }
    rooms.sort_by_key(|(sort, _, _)| *sort);
    d.rooms = rooms.iter().map(|(_, _, n)| n.clone()).collect();
    let room_of: HashMap<String, String> = rooms.into_iter().map(|(_, id, n)| (id, n)).collect();
    let mut speaker_of: HashMap<String, String> = HashMap::new();
    each("speakers", &["id", "fullName", "firstName", "lastName"], &mut |s| {
        let full = s.str("fullName").unwrap_or_else(|| {
            let part = |k| s.str(k).unwrap_or_default();
            format!("{} {}", part("firstName"), part("lastName")).trim().to_string()
        });
        if let Some(id) = s.get("id").and_then(key) {
            speaker_of.insert(id, super::name(&full));
        }
    });
    // Category items: "Session format" says the kind, the others are tags.
    let mut item_of: HashMap<String, (String, String)> = HashMap::new();
    each("categories", &["title", "items"], &mut |c| {
        let group = super::name(&c.str("title").unwrap_or_default()).to_lowercase();
        if let Some(items) = c.get("items") {
            json::each(items, |item| {
                let Some(item) = Object::only(item, &["id", "name"]) else { return };
                if let (Some(id), Some(n)) = (item.get("id").and_then(key), item.str("name")) {
                    item_of.insert(id, (group.clone(), super::name(&n)));
                }
            });
        }
    });
    Lookups { room_of, speaker_of, item_of }
}

/// What a session's categories say, by their group's name: its format is its kind, its
/// "Track" its track, its "Language" its language; the rest are tags.
#[derive(Default)]
struct Categories {
    kind: String,
    track: Option<String>,
    language: Option<String>,
    tags: Vec<String>,
}

fn categories(d: &mut Draft, s: &Object<'_>, title: &str, item_of: &HashMap<String, (String, String)>) -> Categories {
    let mut c = Categories::default();
    let mut tags = ListOf::new();
    if let Some(items) = s.get("categoryItems") {
        json::each(items, |item| {
            let Some((group, name)) = key(item).and_then(|k| item_of.get(&k)) else { return };
            if group.contains("format") || group.contains("type") {
                c.kind = crate::sanitize::line(name).to_lowercase();
            } else if group.contains("track") {
                // The first is the track; a repeat or a second one is no tag.
                c.track.get_or_insert_with(|| name.clone());
            } else if group.contains("language") {
                c.language.get_or_insert_with(|| name.clone());
            } else {
                tags.name(name);
            }
        });
    }
    c.tags = tags.done(d);
    if s.get("isServiceSession").and_then(json::bool) == Some(true) {
        let t = title.to_lowercase();
        let is_break = ["break", "lunch", "coffee", "registration", "breakfast"].iter().any(|w| t.contains(w));
        c.kind = if is_break { "break".into() } else { "service".into() };
    }
    c
}

/// `name` is what the conference is called, taken from the file name (Sessionize has none).
pub fn read(root: &Object<'_>, sessions: Raw<'_>, text: &str, name: &str) -> Draft {
    let mut d = Draft { id: name.to_string(), name: name.to_string(), ..Draft::default() };
    let lookups = lookups(root, &mut d);
    if d.problems.is_empty() {
        json::each(sessions, |raw| session(&mut d, text, raw, &lookups));
    }
    d
}

fn session(d: &mut Draft, text: &str, raw: Raw<'_>, lookups: &Lookups) {
    let Lookups { room_of, speaker_of, item_of } = lookups;
    let pos = Pos::Offset(json::offset(text, raw));
    let Some(s) = Object::only(raw, SESSION) else {
        d.problem(text, &pos, None, format!("a session must be an object, found {}", json::kind(raw)));
        return;
    };
    // A problem points at the field's value, or at the session when the field is missing.
    let at = |f: &str| s.get(f).map_or(pos.clone(), |v| Pos::Offset(json::offset(text, v)));
    let id = s.get("id").and_then(key).unwrap_or_default();
    let idr = Some(id.as_str()).filter(|x| !x.is_empty());
    let Some(title) = s.str("title") else {
        d.problem(text, &at("title"), idr, "expected \"title\" as a string".into());
        return;
    };
    let time = |f: &str| s.str(f).and_then(|t| super::when(&t));
    let (Some(start), Some(end)) = (time("startsAt"), time("endsAt")) else {
        let msg = "expected \"startsAt\" and \"endsAt\" like 2020-03-28T09:00:00 (sessions without a time slot are not on the schedule)";
        // At the one that is wrong, when it is there.
        let wrong = if time("startsAt").is_none() { "startsAt" } else { "endsAt" };
        d.problem(text, &at(wrong), idr, msg.into());
        return;
    };
    let room = match s.get("roomId").and_then(key) {
        Some(r) => match room_of.get(&r) {
            Some(name) => name.clone(),
            None => {
                d.problem(text, &at("roomId"), idr, format!("roomId {r} is not in \"rooms\""));
                return;
            }
        },
        None => {
            d.problem(text, &at("roomId"), idr, "expected \"roomId\"".into());
            return;
        }
    };
    let mut speakers = ListOf::new();
    if let Some(list) = s.get("speakers") {
        json::each(list, |sp| match Object::only(sp, &["name"]) {
            Some(o) => speakers.name(&o.str("name").unwrap_or_default()),
            None => {
                if let Some(k) = key(sp) {
                    speakers.name(speaker_of.get(&k).unwrap_or(&k));
                }
            }
        });
    }
    let speakers = speakers.done(d);
    let Categories { kind, track, language, tags } = categories(d, &s, &title, item_of);
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
        abstract_text: s.str("description").unwrap_or_default(),
        markup: super::Markup::Plain,
        language,
        recorded: None,
        video: s.str("recordingUrl"),
        links: Vec::new(),
    });
}
