//! The `--json` documents of ARCHITECTURE.md, "The command-line contract". A contract: add fields, never rename.

use crate::agenda::listing::{self, Row};
use crate::agenda::{Agenda, changes};
use crate::clash::Clash;
use crate::now::{self, Overview, Warning};
use crate::schedule::{Schedule, Talk};
use crate::timefmt::Instants;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::{Value, json};

pub fn instant(schedule: &Schedule, t: DateTime<Utc>) -> String {
    schedule.local(t).to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A talk as the documents give it. Written straight from the talk's own fields (nothing
/// copied, no map per talk): a day of 1,440 talks as JSON cost twice its text before.
#[derive(serde::Serialize)]
pub struct TalkDoc<'a> {
    id: &'a str,
    title: &'a str,
    speakers: &'a [String],
    room: &'a str,
    track: &'a str,
    day: NaiveDate,
    start: String,
    end: String,
    kind: &'a str,
    tags: &'a [String],
    language: Option<&'a str>,
    recorded: Option<bool>,
    #[serde(rename = "abstract")]
    abstract_text: &'a str,
    video: Option<&'a str>,
    live: Option<&'a str>,
    url: Option<&'a str>,
    links: Vec<LinkDoc<'a>>,
    /// Only in a list of talks, where each says how it is marked (null: not at all).
    #[serde(skip_serializing_if = "Option::is_none")]
    mark: Option<Option<&'static str>>,
}

#[derive(serde::Serialize)]
struct LinkDoc<'a> {
    url: &'a str,
    title: &'a str,
}

impl<'a> TalkDoc<'a> {
    fn new(schedule: &'a Schedule, t: &'a Talk, instants: &mut Instants) -> Self {
        let (start, day) = instants.at(t.start);
        let (end, _) = instants.at(t.end);
        let rfc3339 = |t: DateTime<chrono_tz::Tz>| t.to_rfc3339_opts(SecondsFormat::Secs, false);
        TalkDoc {
            id: &t.id,
            title: &t.title,
            speakers: &t.speakers,
            room: schedule.room_name(t),
            track: schedule.track_or_room(t),
            day,
            start: rfc3339(start),
            end: rfc3339(end),
            kind: &t.kind,
            tags: &t.tags,
            language: t.language.as_deref(),
            recorded: t.recorded,
            abstract_text: &t.abstract_text,
            video: t.video.as_deref(),
            live: t.live_link().map(|l| l.url.as_str()),
            url: t.url.as_deref(),
            links: t.links.iter().map(|l| LinkDoc { url: &l.url, title: &l.title }).collect(),
            mark: None,
        }
    }
}

pub fn talk(schedule: &Schedule, t: &Talk) -> Value {
    serde_json::to_value(TalkDoc::new(schedule, t, &mut Instants::new(schedule))).expect("a talk serialises")
}

/// Talks with how each is marked, to be written as a JSON array.
pub fn talks<'a>(
    schedule: &'a Schedule,
    list: impl IntoIterator<Item = &'a Talk>,
    agenda: &Agenda,
) -> Vec<TalkDoc<'a>> {
    let mut instants = Instants::new(schedule);
    list.into_iter()
        .map(|t| TalkDoc {
            mark: Some(agenda.kind(&t.id).map(|k| k.as_str())),
            ..TalkDoc::new(schedule, t, &mut instants)
        })
        .collect()
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
