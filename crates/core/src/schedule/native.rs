//! hallway's own JSON schedule format (ARCHITECTURE.md, "The native schedule format"): parse, validate, report every problem.

use super::locate::JsonProblems;
use super::{Conference, LoadError, Problem, Schedule, Talk};
use crate::clock::local_to_utc;
use crate::sanitize;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Parse a native schedule; any problem rejects the whole file, and all of them are reported.
pub fn parse(text: &str, source: &str) -> Result<Schedule, LoadError> {
    let mut v = Validator { p: JsonProblems::new(text, 3) };
    let schedule = match serde_json::from_str(text) {
        Ok(root) => v.run(&root),
        Err(e) => {
            v.p.syntax(&e);
            None
        }
    };
    finish(v, schedule, source)
}

/// The same, for a document already parsed (while detecting its format).
pub fn parse_value(root: &Value, text: &str, source: &str) -> Result<Schedule, LoadError> {
    let mut v = Validator { p: JsonProblems::new(text, 3) };
    let schedule = v.run(root);
    finish(v, schedule, source)
}

fn finish(v: Validator, schedule: Option<Schedule>, source: &str) -> Result<Schedule, LoadError> {
    match schedule {
        Some(s) if v.p.problems.is_empty() => Ok(s),
        _ => Err(LoadError::invalid_and_more(source, v.p.problems, v.p.more)),
    }
}

/// Looks like our format (as opposed to an import format)?
pub fn sniff(value: &Value) -> bool {
    value.get("conference").is_some_and(Value::is_object) && value.get("talks").is_some()
}

struct Validator<'a> {
    p: JsonProblems<'a>,
}

impl Validator<'_> {
    fn report(&mut self, path: &str, talk: Option<&str>, message: String) {
        self.p.report(path, talk, message);
    }

    fn run(&mut self, root: &Value) -> Option<Schedule> {
        if !sniff(root) {
            self.p.problems.push(Problem::new(
                None,
                "expected a JSON object with \"conference\" and \"talks\" (hallway's schedule format)".into(),
            ));
            return None;
        }
        let conference = self.conference(&root["conference"]);
        let talks = match root["talks"].as_array() {
            Some(list) => self.talks(list, &conference),
            None => {
                self.report("talks", None, "\"talks\" must be an array".into());
                Vec::new()
            }
        };
        Some(Schedule::new(conference, talks))
    }

    fn conference(&mut self, c: &Value) -> Conference {
        let id = self.required_str(c, "conference", "id", None).unwrap_or_default();
        if id.is_empty() {
            self.report("conference/id", None, "conference id must not be empty".into());
        }
        let name = self.optional_str(c, "conference", "name", None).map(|n| sanitize::line(&n));
        let tz = match self.required_str(c, "conference", "timezone", None) {
            Some(name) => name.parse::<Tz>().unwrap_or_else(|_| {
                self.report(
                    "conference/timezone",
                    None,
                    format!(
                        "unknown time zone '{}': expected an IANA name such as Europe/Amsterdam",
                        sanitize::line(&name)
                    ),
                );
                Tz::UTC
            }),
            None => Tz::UTC,
        };
        let url = self.optional_str(c, "conference", "url", None).map(|u| sanitize::line(&u));
        let tracks = self.string_list(c, "conference", "tracks", None).unwrap_or_default();
        if tracks.is_empty() {
            self.report("conference/tracks", None, "expected at least one track name in \"tracks\"".into());
        }
        let mut seen = HashSet::new();
        for t in &tracks {
            if !seen.insert(t.to_lowercase()) {
                self.report("conference/tracks", None, format!("track '{t}' is listed twice"));
            }
        }
        let name = name.unwrap_or_else(|| id.clone());
        // Optional: when a conference day ends, for programmes that run past midnight.
        let day_change = match self.optional_str(c, "conference", "day_change", None) {
            Some(s) => chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M").unwrap_or_else(|_| {
                self.report(
                    "conference/day_change",
                    None,
                    format!("expected \"day_change\" as HH:MM, found '{}'", sanitize::line(&s)),
                );
                chrono::NaiveTime::MIN
            }),
            None => chrono::NaiveTime::MIN,
        };
        Conference {
            id,
            name,
            tz,
            url,
            rooms: tracks,
            notes: Vec::new(),
            remarks: Vec::new(),
            day_change,
            floating: false,
        }
    }

    fn talks(&mut self, list: &[Value], conf: &Conference) -> Vec<Talk> {
        let mut ids: HashSet<String> = HashSet::new();
        let mut talks = Vec::with_capacity(list.len());
        // Looked up by name, not searched: a file with many tracks and many talks would be
        // quadratic. An unknown one is said with the first few known ones.
        let track_of: HashMap<&str, usize> = conf.rooms.iter().enumerate().map(|(i, t)| (t.as_str(), i)).collect();
        let known = super::error::first_of(&conf.rooms, true);
        for (i, t) in list.iter().enumerate() {
            let base = format!("talks/{i}");
            if !t.is_object() {
                self.report(&base, None, format!("talk #{} must be an object", i + 1));
                continue;
            }
            let Some(id) = self.required_str(t, &base, "id", None) else { continue };
            let idr = Some(id.as_str());
            if id.trim().is_empty() || sanitize::line(&id) != id {
                self.report(
                    &format!("{base}/id"),
                    idr,
                    "id must be non-empty printable text without surrounding spaces".into(),
                );
            }
            if !ids.insert(id.clone()) {
                self.report(&format!("{base}/id"), idr, "duplicate id: every talk needs its own id".into());
            }
            let title = self.required_str(t, &base, "title", idr).map(|s| sanitize::line(&s));
            let speakers = self.string_list(t, &base, "speakers", idr).unwrap_or_default();
            let room = match self.required_str(t, &base, "track", idr) {
                Some(name) => track_of.get(sanitize::line(&name).as_str()).copied().or_else(|| {
                    self.report(
                        &format!("{base}/track"),
                        idr,
                        format!("unknown track '{}': expected one of {known}", sanitize::line(&name)),
                    );
                    None
                }),
                None => None,
            };
            let start = self.time(t, &base, "start", idr, conf.tz);
            let end = self.end(t, &base, idr, conf.tz, start);
            let kind = self.optional_str(t, &base, "kind", idr).map(|k| sanitize::line(&k));
            let tags = self.string_list(t, &base, "tags", idr).unwrap_or_default();
            let abstract_text = self.optional_str(t, &base, "abstract", idr).map(|a| sanitize::text(&a));
            let video = self.optional_str(t, &base, "video", idr).map(|v| sanitize::line(&v)).filter(|v| !v.is_empty());
            let url = self.optional_str(t, &base, "url", idr).and_then(|u| sanitize::web_address(&u));
            let topic = self.optional_str(t, &base, "topic", idr).map(|s| sanitize::line(&s)).filter(|s| !s.is_empty());
            let language = self.optional_str(t, &base, "language", idr).and_then(|l| crate::languages::normalize(&l));
            let recorded = self.optional_bool(t, &base, "recorded", idr);
            let links = self.links(t, &base, idr);
            if let (Some(title), Some(room), Some(start), Some(end)) = (title, room, start, end) {
                talks.push(Talk {
                    id,
                    title,
                    speakers,
                    room,
                    track: topic,
                    start,
                    end,
                    kind: kind.filter(|k| !k.is_empty()).unwrap_or_else(|| "talk".into()),
                    tags,
                    abstract_text: abstract_text.unwrap_or_default(),
                    language,
                    recorded,
                    video,
                    url,
                    links,
                });
            }
        }
        talks
    }

    fn end(
        &mut self,
        t: &Value,
        base: &str,
        talk: Option<&str>,
        tz: Tz,
        start: Option<DateTime<Utc>>,
    ) -> Option<DateTime<Utc>> {
        let end = if t.get("end").is_some() {
            self.time(t, base, "end", talk, tz)?
        } else if let Some(d) = t.get("duration") {
            match d.as_i64().filter(|m| (1..=7 * 24 * 60).contains(m)) {
                Some(m) => start? + Duration::minutes(m),
                None => {
                    self.report(
                        &format!("{base}/duration"),
                        talk,
                        format!("expected a duration in whole minutes (1 to 10080), found {d}"),
                    );
                    return None;
                }
            }
        } else {
            self.report(base, talk, "missing \"end\" (or \"duration\" in minutes)".into());
            return None;
        };
        let start = start?;
        if end <= start {
            let what = if end == start { "ends when it starts" } else { "ends before it starts" };
            self.report(
                &format!("{base}/end"),
                talk,
                format!("{what}: expected an end after {}", start.with_timezone(&tz).format("%Y-%m-%dT%H:%M")),
            );
            return None;
        }
        Some(end)
    }

    fn time(&mut self, t: &Value, base: &str, field: &str, talk: Option<&str>, tz: Tz) -> Option<DateTime<Utc>> {
        let s = self.required_str(t, base, field, talk)?;
        match parse_time(&s, tz) {
            Ok(v) => Some(v),
            Err(msg) => {
                self.report(&format!("{base}/{field}"), talk, format!("\"{field}\": {msg}"));
                None
            }
        }
    }

    fn required_str(&mut self, obj: &Value, base: &str, field: &str, talk: Option<&str>) -> Option<String> {
        match obj.get(field) {
            None | Some(Value::Null) => {
                self.report(base, talk, format!("missing \"{field}\""));
                None
            }
            Some(_) => self.optional_str(obj, base, field, talk),
        }
    }

    fn optional_str(&mut self, obj: &Value, base: &str, field: &str, talk: Option<&str>) -> Option<String> {
        match obj.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.report(
                    &format!("{base}/{field}"),
                    talk,
                    format!("\"{field}\" must be a string, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    fn optional_bool(&mut self, obj: &Value, base: &str, field: &str, talk: Option<&str>) -> Option<bool> {
        match obj.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                let msg = format!("\"{field}\" must be true or false, found {}", kind_of(other));
                self.report(&format!("{base}/{field}"), talk, msg);
                None
            }
        }
    }

    /// `"links": [{"url": "https://…", "title": "Slides"}]`; an address that is not a web
    /// address is left out (a link is opened by a key).
    fn links(&mut self, obj: &Value, base: &str, talk: Option<&str>) -> Vec<super::Link> {
        let Some(v) = obj.get("links").filter(|v| !v.is_null()) else { return Vec::new() };
        let Some(items) = v.as_array() else {
            let msg = format!("\"links\" must be an array of {{\"url\", \"title\"}}, found {}", kind_of(v));
            self.report(&format!("{base}/links"), talk, msg);
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|l| {
                let url = sanitize::web_address(l.get("url")?.as_str()?)?;
                let title = l.get("title").and_then(Value::as_str).map(sanitize::line).unwrap_or_default();
                Some(super::Link { title: if title.is_empty() { url.clone() } else { title }, url })
            })
            .collect()
    }

    fn string_list(&mut self, obj: &Value, base: &str, field: &str, talk: Option<&str>) -> Option<Vec<String>> {
        match obj.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
                Some(items.iter().filter_map(Value::as_str).map(sanitize::line).filter(|s| !s.is_empty()).collect())
            }
            Some(other) => {
                self.report(
                    &format!("{base}/{field}"),
                    talk,
                    format!("\"{field}\" must be an array of strings, found {}", kind_of(other)),
                );
                None
            }
        }
    }
}

pub(super) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A talk time: wall clock in the conference zone, or an instant with an explicit offset.
pub fn parse_time(s: &str, tz: Tz) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M%:z"] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Ok(t.with_timezone(&Utc));
        }
    }
    let naive = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .ok_or_else(|| {
            format!("expected a time like 2023-10-18T08:00 or 2023-10-18T08:00-07:00, found '{}'", sanitize::line(s))
        })?;
    local_to_utc(naive, tz).ok_or_else(|| format!("{s} does not exist in {tz} (skipped by a daylight-saving change)"))
}

/// A schedule in hallway's own format, so an import can be checked in and diffed. Times carry
/// their offset: unambiguous even in the repeated hour of a daylight-saving change.
pub fn to_value(s: &Schedule, comment: &str) -> Value {
    let c = &s.conference;
    let time = |t: DateTime<Utc>| s.local(t).format("%Y-%m-%dT%H:%M%:z").to_string();
    let talks: Vec<Value> = s
        .talks()
        .iter()
        .map(|t| {
            let mut v = serde_json::json!({
                "id": t.id, "title": t.title, "speakers": t.speakers, "track": s.room_name(t),
                "start": time(t.start), "end": time(t.end), "kind": t.kind, "tags": t.tags,
            });
            if !t.abstract_text.is_empty() {
                v["abstract"] = t.abstract_text.clone().into();
            }
            if let Some(video) = &t.video {
                v["video"] = video.clone().into();
            }
            if let Some(url) = &t.url {
                v["url"] = url.clone().into();
            }
            if let Some(topic) = &t.track {
                v["topic"] = topic.clone().into();
            }
            if let Some(language) = &t.language {
                v["language"] = language.clone().into();
            }
            if let Some(recorded) = t.recorded {
                v["recorded"] = recorded.into();
            }
            if !t.links.is_empty() {
                v["links"] = t.links.iter().map(|l| serde_json::json!({"url": l.url, "title": l.title})).collect();
            }
            v
        })
        .collect();
    let mut conference = serde_json::json!({ "id": c.id, "name": c.name, "timezone": c.tz.name(), "tracks": c.rooms });
    if let Some(url) = &c.url {
        conference["url"] = url.clone().into();
    }
    if c.day_change > chrono::NaiveTime::MIN {
        conference["day_change"] = c.day_change.format("%H:%M").to_string().into();
    }
    serde_json::json!({ "_comment": comment, "conference": conference, "talks": talks })
}
