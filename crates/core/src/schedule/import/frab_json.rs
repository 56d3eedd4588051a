//! frab / pretalx / c3voc `schedule.json`: `schedule.conference.days[].rooms{name: [event]}`.

use super::{Draft, Pos, RawEvent, timing};
use crate::schedule::native::kind_of;
use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;

pub fn sniff(v: &Value) -> bool {
    v.get("schedule").and_then(|s| s.get("conference")).is_some_and(Value::is_object)
}

pub fn read(root: &Value, text: &str) -> Draft {
    let mut d = Draft::default();
    let base = "schedule/conference";
    let c = &root["schedule"]["conference"];
    d.name = str_of(c, "title").unwrap_or_default();
    d.id = str_of(c, "acronym").filter(|a| !a.trim().is_empty()).unwrap_or_else(|| d.name.clone());
    d.url = str_of(&root["schedule"], "base_url").or_else(|| str_of(c, "url"));
    d.zone = str_of(c, "time_zone_name").map(|z| (z, Pos::Path(format!("{base}/time_zone_name"))));
    if let Some(rooms) = c.get("rooms").and_then(Value::as_array) {
        d.rooms = rooms.iter().filter_map(|r| str_of(r, "name").or_else(|| r.as_str().map(str::to_string))).collect();
    }
    // Sets, not lists: a file of many rooms over many days would be quadratic otherwise.
    let declared: std::collections::HashSet<String> = d.rooms.iter().cloned().collect();
    let mut seen = declared.clone();
    // An unknown room is said with the first few of the list.
    let listed = crate::schedule::error::first_of(&d.rooms, false);
    let Some(days) = c.get("days").and_then(Value::as_array) else {
        d.problem(text, &Pos::Path(base.into()), None, "expected \"days\": an array of days with rooms".into());
        return d;
    };
    for (di, day) in days.iter().enumerate() {
        let dbase = format!("{base}/days/{di}");
        let date = str_of(day, "date").and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok());
        // Events before the day's start time belong to the night after it.
        let starts = str_of(day, "day_start").and_then(|s| super::when(&s));
        let day_change = starts.map(|w| super::wall_clock(w).time()).filter(|t| *t > NaiveTime::MIN);
        // A day that ends after midnight says when the next one begins (settled in the
        // conference's zone by `finish`).
        let ends = str_of(day, "day_end").and_then(|s| super::when(&s));
        d.days.push(super::DayBounds { date, start: starts, end: ends });
        let Some(rooms) = day.get("rooms").and_then(Value::as_object) else {
            d.problem(text, &Pos::Path(dbase), None, "expected \"rooms\": an object of room name to events".into());
            continue;
        };
        for (room, events) in rooms {
            let rbase = format!("{dbase}/rooms/{room}");
            if !declared.is_empty() && !declared.contains(room) {
                let msg = format!("room '{room}' is not in the conference's room list ({listed})");
                d.problem(text, &Pos::Path(rbase.clone()), None, msg);
            }
            if seen.insert(room.clone()) {
                d.rooms.push(room.clone());
            }
            let Some(events) = events.as_array() else {
                d.problem(text, &Pos::Path(rbase), None, format!("room '{room}' must list its events in an array"));
                continue;
            };
            for (ei, e) in events.iter().enumerate() {
                let pos = Pos::Path(format!("{rbase}/{ei}"));
                if let Some(ev) = event(&mut d, text, e, pos, room, date, day_change) {
                    d.events.push(ev);
                }
            }
        }
    }
    d
}

fn event(
    d: &mut Draft,
    text: &str,
    e: &Value,
    pos: Pos,
    room: &str,
    date: Option<NaiveDate>,
    day_change: Option<NaiveTime>,
) -> Option<RawEvent> {
    if !e.is_object() {
        d.problem(text, &pos, None, format!("an event must be an object, found {}", kind_of(e)));
        return None;
    }
    let id = str_of(e, "guid").or_else(|| id_of(e.get("id")?)).unwrap_or_default();
    let idr = Some(id.as_str()).filter(|i| !i.is_empty());
    let at = |field: &str| match &pos {
        Pos::Path(p) => Pos::Path(format!("{p}/{field}")),
        other => other.clone(),
    };
    let title = match e.get("title") {
        Some(Value::String(t)) => t.clone(),
        other => {
            let found = other.map_or("nothing", kind_of);
            d.problem(text, &at("title"), idr, format!("expected \"title\" as a string, found {found}"));
            return None;
        }
    };
    // An empty "room" is the room the event is listed under, as in XML.
    // The event's own room wins over the one it is listed under (a merged Congress export
    // lists a stage's events under its own name); `validate` says so.
    let own = str_of(e, "room").filter(|r| !r.trim().is_empty());
    if let Some(r) = own.as_deref().filter(|r| !room.is_empty() && r != &room) {
        d.listed_elsewhere(room, r);
    }
    let room = own.as_deref().unwrap_or(room);
    let fields = timing::Fields::read(|name| str_of(e, name));
    let timing = match timing::decide(&fields, date, day_change, &timing::FRAB_JSON) {
        Ok(t) => t,
        Err((field, msg)) => {
            d.problem(text, &field.place(at, pos.clone()), idr, msg);
            return None;
        }
    };
    let speakers = e
        .get("persons")
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .filter_map(|p| {
                    str_of(p, "public_name").or_else(|| str_of(p, "name")).or_else(|| p.as_str().map(str::to_string))
                })
                .collect()
        })
        .unwrap_or_default();
    let abstract_text = super::about(str_of(e, "subtitle"), str_of(e, "abstract"), str_of(e, "description"));
    let links: Vec<(String, String)> = e
        .get("links")
        .and_then(Value::as_array)
        .map(|ls| {
            ls.iter()
                .filter_map(|l| {
                    Some((str_of(l, "url").or_else(|| str_of(l, "href"))?, str_of(l, "title").unwrap_or_default()))
                })
                .collect()
        })
        .unwrap_or_default();
    let direct = ["video_download_url", "recording_url", "video"].iter().find_map(|k| str_of(e, k));
    let printed = timing.printed.map(|p| (p, at("start")));
    Some(RawEvent {
        printed,
        url: str_of(e, "url"),
        pos,
        id,
        title,
        speakers,
        room: room.to_string(),
        start: timing.start,
        end: timing.end,
        kind: str_of(e, "type").unwrap_or_default().to_lowercase(),
        track: str_of(e, "track"),
        tags: e
            .get("tags")
            .and_then(Value::as_array)
            .map(|ts| {
                ts.iter().filter_map(|t| t.as_str().or_else(|| t.get("name")?.as_str())).map(str::to_string).collect()
            })
            .unwrap_or_default(),
        markup: super::Markup::of_rich(&abstract_text),
        abstract_text,
        language: str_of(e, "language"),
        recorded: recorded(e),
        video: direct,
        links,
    })
}

/// Whether the talk will be recorded: frab's `do_not_record`, the C3VOC schema's
/// `recording.optout`; None when the file does not say.
fn recorded(e: &Value) -> Option<bool> {
    let optout = e.get("do_not_record").or_else(|| e.get("recording")?.get("optout"))?;
    match optout {
        Value::Bool(b) => Some(!b),
        Value::String(s) => match s.trim() {
            "true" | "1" | "yes" => Some(false),
            "false" | "0" | "no" => Some(true),
            _ => None,
        },
        _ => None,
    }
}

fn str_of(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
