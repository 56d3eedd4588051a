//! frab / pretalx / c3voc `schedule.json`: `schedule.conference.days[].rooms{name: [event]}`.
//! Read level by level ([`lazy_json`]): an event is opened, turned into a [`RawEvent`] and let
//! go, so what the file carries besides the schedule costs no memory.

use super::{Draft, ListOf, MAX_ROOMS, Pos, RawEvent, timing};
use crate::schedule::lazy_json::{self as json, Object, Raw};
use chrono::{NaiveDate, NaiveTime};

/// The file's `schedule.conference`, when it has one.
pub fn sniff<'a>(root: &Object<'a>) -> Option<Object<'a>> {
    Object::only(Object::only(root.get("schedule")?, &["base_url", "conference"])?.get("conference")?, CONFERENCE)
}

/// The members each level has that the reader reads (the others are never listed).
const CONFERENCE: &[&str] = &["title", "acronym", "url", "time_zone_name", "rooms", "days"];
const DAY: &[&str] = &["date", "day_start", "day_end", "rooms"];
const EVENT: &[&str] = &[
    "guid",
    "id",
    "title",
    "room",
    "date",
    "start",
    "end",
    "duration",
    "persons",
    "subtitle",
    "abstract",
    "description",
    "links",
    "tags",
    "video_download_url",
    "recording_url",
    "video",
    "url",
    "type",
    "track",
    "language",
    "do_not_record",
    "recording",
];

pub fn read(root: &Object<'_>, c: &Object<'_>, text: &str) -> Draft {
    let mut d = Draft::default();
    d.name = c.str("title").unwrap_or_default();
    d.id = c.str("acronym").filter(|a| !a.trim().is_empty()).unwrap_or_else(|| d.name.clone());
    d.url = root.object("schedule").and_then(|s| s.str("base_url")).or_else(|| c.str("url"));
    d.zone = c.get("time_zone_name").and_then(|z| Some((json::string(z)?, Pos::Offset(json::offset(text, z)))));
    if let Some(rooms) = c.get("rooms") {
        json::each(rooms, |r| {
            // Past the cap nothing more is kept: the file is refused below.
            let name = || Object::only(r, &["name"]).and_then(|r| r.str("name")).or_else(|| json::string(r));
            if d.rooms.len() <= MAX_ROOMS
                && let Some(n) = name()
            {
                d.rooms.push(super::name(&n));
            }
        });
    }
    if d.rooms.len() > MAX_ROOMS {
        d.problem(text, &Pos::Unknown, None, super::too_many_rooms());
        return d;
    }
    // A set beside the list: a file of many rooms over many days would be quadratic otherwise.
    let mut seen: std::collections::HashSet<String> = d.rooms.iter().cloned().collect();
    let declared = !d.rooms.is_empty();
    // An unknown room is said with the first few of the list.
    let listed = crate::schedule::error::first_of(&d.rooms, false);
    let Some(days) = c.list("days") else {
        let conference = root.object("schedule").and_then(|s| s.get("conference"));
        let at = c.get("days").or(conference).map_or(Pos::Unknown, |v| Pos::Offset(json::offset(text, v)));
        d.problem(text, &at, None, "expected \"days\": an array of days with rooms".into());
        return d;
    };
    for day in days {
        let here = Pos::Offset(json::offset(text, day));
        let Some(day) = Object::only(day, DAY) else {
            d.problem(text, &here, None, format!("a day must be an object, found {}", json::kind(day)));
            continue;
        };
        let date = day.str("date").and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok());
        // Events before the day's start time belong to the night after it.
        let starts = day.str("day_start").and_then(|s| super::when(&s));
        let day_change = starts.map(|w| super::wall_clock(w).time()).filter(|t| *t > NaiveTime::MIN);
        // A day that ends after midnight says when the next one begins (settled in the
        // conference's zone by `finish`).
        let ends = day.str("day_end").and_then(|s| super::when(&s));
        // A day that says nothing of itself is no day (a million `{}` are a million problems).
        if date.is_some() || starts.is_some() || ends.is_some() {
            d.days.push(super::DayBounds { date, start: starts, end: ends });
        }
        let Some(rooms) = day.object("rooms") else {
            let (at, found) = match day.get("rooms") {
                Some(v) => (Pos::Offset(json::offset(text, v)), json::kind(v)),
                None => (here, "nothing"),
            };
            let msg = format!("expected \"rooms\": an object of room name to events, found {found}");
            d.problem(text, &at, None, msg);
            continue;
        };
        for (room, events) in rooms.unique() {
            let at = Pos::Offset(json::offset(text, events));
            let room = super::name(room);
            match seen.contains(&room) {
                true => {}
                false if d.rooms.len() >= MAX_ROOMS => {
                    d.problem(text, &at, None, super::too_many_rooms());
                    return d;
                }
                false => {
                    if declared {
                        let msg = format!("room '{room}' is not in the conference's room list ({listed})");
                        d.problem(text, &at, None, msg);
                    }
                    seen.insert(room.clone());
                    d.rooms.push(room.clone());
                }
            }
            let listed = json::each(events, |e| {
                if let Some(ev) = event(&mut d, text, e, &room, date, day_change) {
                    d.events.push(ev);
                }
            });
            if !listed {
                d.problem(text, &at, None, format!("room '{room}' must list its events in an array"));
            }
        }
    }
    d
}

fn event(
    d: &mut Draft,
    text: &str,
    raw: Raw<'_>,
    room: &str,
    date: Option<NaiveDate>,
    day_change: Option<NaiveTime>,
) -> Option<RawEvent> {
    let pos = Pos::Offset(json::offset(text, raw));
    let Some(e) = Object::only(raw, EVENT) else {
        d.problem(text, &pos, None, format!("an event must be an object, found {}", json::kind(raw)));
        return None;
    };
    let id = e.str("guid").or_else(|| json::id(e.get("id")?)).unwrap_or_default();
    let idr = Some(id.as_str()).filter(|i| !i.is_empty());
    // A problem points at the field's value, or at the event when the field is missing.
    let at = |field: &str| e.get(field).map_or(pos.clone(), |v| Pos::Offset(json::offset(text, v)));
    let title = match e.get("title") {
        Some(t) if json::str(t).is_some() => json::string(t).unwrap_or_default(),
        other => {
            let found = other.map_or("nothing", json::kind);
            d.problem(text, &at("title"), idr, format!("expected \"title\" as a string, found {found}"));
            return None;
        }
    };
    // An empty "room" is the room the event is listed under, as in XML.
    // The event's own room wins over the one it is listed under (a merged Congress export
    // lists a stage's events under its own name); `validate` says so.
    let own = e.str("room").filter(|r| !r.trim().is_empty()).map(|r| super::name(&r));
    if let Some(r) = own.as_deref().filter(|r| !room.is_empty() && r != &room) {
        d.listed_elsewhere(room, r);
    }
    let room = own.as_deref().unwrap_or(room);
    let fields = timing::Fields::read(|name| e.str(name));
    let timing = match timing::decide(&fields, date, day_change, &timing::FRAB_JSON) {
        Ok(t) => t,
        Err((field, msg)) => {
            d.problem(text, &field.place(at, pos.clone()), idr, msg);
            return None;
        }
    };
    // Each listed item read in turn, into a bounded list (see `ListOf`).
    let mut each = |key: &str, f: &dyn Fn(Raw<'_>) -> Option<String>| {
        let mut out = ListOf::new();
        if let Some(v) = e.get(key) {
            json::each(v, |x| out.name(&f(x).unwrap_or_default()));
        }
        out.done(d)
    };
    let speakers = each("persons", &|p| {
        Object::only(p, &["public_name", "name"])
            .and_then(|p| p.str("public_name").or_else(|| p.str("name")))
            .or_else(|| json::string(p))
    });
    let tags = each("tags", &|t| json::string(t).or_else(|| Object::only(t, &["name"])?.str("name")));
    let abstract_text = super::about(e.str("subtitle"), e.str("abstract"), e.str("description"));
    let mut links = ListOf::new();
    if let Some(v) = e.get("links") {
        json::each(v, |l| {
            let Some(l) = Object::only(l, &["url", "href", "title"]) else { return };
            if let Some(url) = l.str("url").or_else(|| l.str("href")) {
                links.push((url, super::name(&l.str("title").unwrap_or_default())));
            }
        });
    }
    let links = links.done(d);
    let direct = ["video_download_url", "recording_url", "video"].iter().find_map(|k| e.str(k));
    let printed = timing.printed.map(|p| (p, at("start")));
    Some(RawEvent {
        printed,
        url: e.str("url"),
        pos,
        id,
        title,
        speakers,
        room: room.to_string(),
        start: timing.start,
        end: timing.end,
        kind: super::name(&crate::sanitize::line(&e.str("type").unwrap_or_default())).to_lowercase(),
        track: e.str("track").map(|t| super::name(&t)),
        tags,
        markup: super::Markup::of_rich(&abstract_text),
        abstract_text,
        language: e.str("language"),
        recorded: recorded(&e),
        video: direct,
        links,
    })
}

/// Whether the talk will be recorded: frab's `do_not_record`, the C3VOC schema's
/// `recording.optout`; None when the file does not say.
fn recorded(e: &Object<'_>) -> Option<bool> {
    let optout = e.get("do_not_record").or_else(|| e.object("recording")?.get("optout"))?;
    if let Some(b) = json::bool(optout) {
        return Some(!b);
    }
    match json::str(optout)?.trim() {
        "true" | "1" | "yes" => Some(false),
        "false" | "0" | "no" => Some(true),
        _ => None,
    }
}
