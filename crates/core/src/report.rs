//! The `--json` documents of ARCHITECTURE.md, "The command-line contract". A contract: add fields, never rename.

use crate::agenda::listing::{self, Row};
use crate::agenda::{Agenda, changes};
use crate::clash::Clash;
use crate::now::{self, Overview, Warning};
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
        "room": schedule.room_name(t),
        "track": schedule.track_or_room(t),
        "day": schedule.date_of(t.start).to_string(),
        "start": instant(schedule, t.start),
        "end": instant(schedule, t.end),
        "kind": t.kind,
        "tags": t.tags,
        "language": t.language,
        "recorded": t.recorded,
        "abstract": t.abstract_text,
        "video": t.video,
        "live": t.live_link().map(|l| l.url.as_str()),
        "url": t.url,
        "links": t.links.iter().map(|l| json!({"url": l.url, "title": l.title})).collect::<Vec<_>>(),
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

/// Marked talks in (start, track) order, each with its mark, note, clashes and any schedule
/// change since marking; then marked talks gone from the schedule, as they were seen.
pub fn agenda(schedule: &Schedule, agenda: &Agenda) -> Value {
    let changed: std::collections::HashMap<String, Vec<&'static str>> = changes::detect(schedule, agenda)
        .into_iter()
        .map(|c| (c.id, c.what.iter().map(|w| w.as_str()).collect()))
        .collect();
    let mut rows: Vec<(usize, Vec<usize>)> = listing::rows(schedule, agenda, DateTime::<Utc>::MIN_UTC)
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
                v["watched"] = mark.watched.into();
                v["video_published"] =
                    (mark.mark == crate::agenda::MarkKind::OnDemand && mark.seen.video_came_later(t)).into();
                let what = changed.get(&t.id);
                v["change"] = what.and_then(|w| w.first()).map_or(Value::Null, |w| (*w).into());
                v["changes"] = what.cloned().unwrap_or_default().into();
                v["clashes_with"] = clashes.iter().map(|&j| schedule.talks()[j].id.clone()).collect();
                v
            })
            .chain(changes::detect(schedule, agenda).into_iter().filter(|c| c.index.is_none()).map(|c| {
                let m = &agenda.marks[&c.id];
                json!({
                    "id": c.id, "title": m.seen.title, "speakers": m.seen.speakers.clone().unwrap_or_default(),
                    "track": m.seen.track, "room": m.seen.track, "start": instant(schedule, m.seen.start), "end": instant(schedule, m.seen.end),
                    "kind": null, "tags": [], "abstract": null, "video": null, "url": null,
                    "mark": m.mark.as_str(), "note": m.note, "watched": m.watched, "video_published": false, "clashes_with": [],
                    "change": "removed", "changes": ["removed"],
                })
            }))
            .collect(),
    )
}

pub fn clashes(schedule: &Schedule, list: &[Clash]) -> Value {
    let id = |i: usize| schedule.talks()[i].id.clone();
    list.iter().map(|c| json!({ "a": id(c.a), "b": id(c.b) })).collect()
}

/// `now`: the documented contract (`at`, `tracks[].live/next`), plus the phase, minutes, progress
/// and the person's own starred talks.
pub fn now(schedule: &Schedule, o: &Overview, agenda: &Agenda) -> Value {
    let with_mark = |i: usize| {
        let t = &schedule.talks()[i];
        let mut v = talk(schedule, t);
        v["mark"] = agenda.kind(&t.id).map_or(Value::Null, |k| k.as_str().into());
        v
    };
    let live = |i: Option<usize>| {
        i.map_or(Value::Null, |i| {
            let t = &schedule.talks()[i];
            let mut v = with_mark(i);
            v["minutes_left"] = now::minutes_between(o.at, t.end).into();
            v["progress"] = ((now::progress(t, o.at) * 100.0).round() / 100.0).into();
            v
        })
    };
    let next = |i: Option<usize>| {
        i.map_or(Value::Null, |i| {
            let mut v = with_mark(i);
            v["minutes_until"] = now::minutes_between(o.at, schedule.talks()[i].start).into();
            v
        })
    };
    let warning = match o.mine.warning {
        None => Value::Null,
        Some(Warning::Clash { a, b }) => {
            json!({ "kind": "clash", "a": schedule.talks()[a].id, "b": schedule.talks()[b].id })
        }
        Some(Warning::SwitchTrack { from, to }) => json!({
            "kind": "switch-track", "from": schedule.talks()[from].id, "to": schedule.talks()[to].id,
            "track": schedule.room_name(&schedule.talks()[to]),
            "room": schedule.room_name(&schedule.talks()[to]),
        }),
    };
    json!({
        "at": instant(schedule, o.at),
        "phase": o.phase.as_str(),
        "tracks": o.tracks.iter().map(|t| json!({
            "track": schedule.conference.rooms[t.track],
            "room": schedule.conference.rooms[t.track],
            "live": live(t.live),
            "next": next(t.next),
        })).collect::<Vec<_>>(),
        "mine": { "live": live(o.mine.live), "next": next(o.mine.next), "warning": warning },
    })
}

/// `suggest --json`: each free slot with its talks, best first.
pub fn suggestions(schedule: &Schedule, slots: &[crate::suggest::Slot]) -> Value {
    Value::Array(
        slots
            .iter()
            .map(|slot| {
                let talks: Vec<Value> = slot
                    .picks
                    .iter()
                    .map(|p| {
                        let mut v = talk(schedule, &schedule.talks()[p.talk]);
                        v["score"] = p.score.into();
                        v["reason"] = p.reason.clone().into();
                        v
                    })
                    .collect();
                json!({ "start": instant(schedule, slot.start), "end": instant(schedule, slot.end), "rooms": slot.rooms, "talks": talks })
            })
            .collect(),
    )
}
