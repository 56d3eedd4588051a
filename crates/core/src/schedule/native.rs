//! hallway's own JSON schedule format (ARCHITECTURE.md, "The native schedule format"): parse, validate, report every problem.

use super::error::MAX_PROBLEMS;
use super::import::{self, MAX_PER_TALK, MAX_ROOMS};
use super::lazy_json::{self as json, Object, Raw};
use super::{Conference, LoadError, Problem, Schedule, Talk};
use crate::clock::local_to_utc;
use crate::sanitize;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Parse a native schedule; any problem rejects the whole file, and all of them are reported.
pub fn parse(text: &str, source: &str) -> Result<Schedule, LoadError> {
    let mut v = Validator { text, problems: Vec::new(), more: 0, long_lists: 0 };
    let schedule = match json::root(text) {
        Ok(root) => v.run(Object::only(root, ROOT).as_ref()),
        Err(e) => {
            v.problems.push(e.problem(text));
            None
        }
    };
    v.finish(schedule, source)
}

/// The same, for a root already read (while telling the format).
pub fn parse_root(root: &Object<'_>, text: &str, source: &str) -> Result<Schedule, LoadError> {
    let mut v = Validator { text, problems: Vec::new(), more: 0, long_lists: 0 };
    let schedule = v.run(Some(root));
    v.finish(schedule, source)
}

/// The members this format has at each level (the others are never listed).
const ROOT: &[&str] = &["conference", "talks"];
const CONFERENCE_FIELDS: &[&str] = &["id", "name", "timezone", "url", "tracks", "day_change"];
const TALK_FIELDS: &[&str] = &[
    "id", "title", "speakers", "track", "topic", "start", "end", "duration", "kind", "tags", "abstract", "video",
    "url", "language", "recorded", "links",
];

impl Validator<'_> {
    fn finish(self, schedule: Option<Schedule>, source: &str) -> Result<Schedule, LoadError> {
        match schedule {
            Some(s) if self.problems.is_empty() => Ok(s),
            _ => Err(LoadError::invalid_and_more(source, self.problems, self.more)),
        }
    }
}

/// Looks like our format (as opposed to an import format)?
pub fn sniff(root: &Object<'_>) -> bool {
    root.get("conference").is_some_and(json::is_object) && root.get("talks").is_some()
}

/// An object being checked and where it starts: a problem with a member points at the
/// member's value, a missing member at the object. Members this format does not know are
/// never read (see `lazy_json`).
struct Here<'a> {
    obj: Object<'a>,
    at: usize,
}

impl<'a> Here<'a> {
    fn of(text: &str, raw: Raw<'a>, fields: &'static [&'static str]) -> Option<Self> {
        Some(Here { obj: Object::only(raw, fields)?, at: json::offset(text, raw) })
    }

    /// A member that is there and not null.
    fn given(&self, field: &str) -> Option<Raw<'a>> {
        self.obj.given(field)
    }

    fn place(&self, text: &str, field: &str) -> usize {
        self.obj.get(field).map_or(self.at, |v| json::offset(text, v))
    }
}

struct Validator<'a> {
    text: &'a str,
    problems: Vec<Problem>,
    /// Found beyond [`MAX_PROBLEMS`]: counted, not located.
    more: usize,
    /// Lists of speakers, tags or links longer than [`MAX_PER_TALK`]: the first are kept.
    long_lists: usize,
}

impl<'a> Validator<'a> {
    fn report(&mut self, at: usize, talk: Option<&str>, message: String) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        self.problems.push(Problem::at_offset(self.text.as_bytes(), at, talk, message));
    }

    fn report_on(&mut self, here: &Here<'_>, field: &str, talk: Option<&str>, message: String) {
        self.report(here.place(self.text, field), talk, message);
    }

    fn run(&mut self, root: Option<&Object<'a>>) -> Option<Schedule> {
        let Some(root) = root.filter(|r| sniff(r)) else {
            self.problems.push(Problem::new(
                None,
                "expected a JSON object with \"conference\" and \"talks\" (hallway's schedule format)".into(),
            ));
            return None;
        };
        let conference = Here::of(self.text, root.get("conference")?, CONFERENCE_FIELDS)?;
        let conference = self.conference(&conference);
        let talks = root.get("talks")?;
        let mut i = 0;
        let mut talks_of = Talks::new(&conference);
        let listed = json::each(talks, |t| {
            if let Some(talk) = self.talk(i, t, &mut talks_of) {
                talks_of.talks.push(talk);
            }
            i += 1;
        });
        if !listed {
            self.report(json::offset(self.text, talks), None, "\"talks\" must be an array".into());
        }
        let mut conference = conference;
        if self.long_lists > 0 {
            conference.remarks.push(import::long_lists_remark(self.long_lists));
        }
        Some(Schedule::new(conference, talks_of.talks))
    }

    fn conference(&mut self, c: &Here<'_>) -> Conference {
        let id = self.required_str(c, "id", None).unwrap_or_default();
        if id.is_empty() {
            self.report_on(c, "id", None, "conference id must not be empty".into());
        }
        let name = self.optional_str(c, "name", None).map(|n| sanitize::line(&n));
        let tz = match self.required_str(c, "timezone", None) {
            Some(name) => name.parse::<Tz>().unwrap_or_else(|_| {
                let name = sanitize::line(&name);
                let msg = format!("unknown time zone '{name}': expected an IANA name such as Europe/Amsterdam");
                self.report_on(c, "timezone", None, msg);
                Tz::UTC
            }),
            None => Tz::UTC,
        };
        let url = self.optional_str(c, "url", None).map(|u| sanitize::line(&u));
        let mut tracks = self.string_list(c, "tracks", None, MAX_ROOMS + 1).unwrap_or_default();
        if tracks.len() > MAX_ROOMS {
            self.report_on(c, "tracks", None, import::too_many_rooms());
            tracks.truncate(MAX_ROOMS);
        }
        if tracks.is_empty() {
            self.report_on(c, "tracks", None, "expected at least one track name in \"tracks\"".into());
        }
        let mut seen = HashSet::new();
        for t in &tracks {
            if !seen.insert(t.to_lowercase()) {
                self.report_on(c, "tracks", None, format!("track '{t}' is listed twice"));
            }
        }
        let name = name.unwrap_or_else(|| id.clone());
        // Optional: when a conference day ends, for programmes that run past midnight.
        let day_change = match self.optional_str(c, "day_change", None) {
            Some(s) => chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M").unwrap_or_else(|_| {
                let msg = format!("expected \"day_change\" as HH:MM, found '{}'", sanitize::line(&s));
                self.report_on(c, "day_change", None, msg);
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

    /// The talk at index `i` of `talks`, if it is whole and right.
    fn talk(&mut self, i: usize, raw: Raw<'_>, known: &mut Talks) -> Option<Talk> {
        let Some(t) = Here::of(self.text, raw, TALK_FIELDS) else {
            self.report(json::offset(self.text, raw), None, format!("talk #{} must be an object", i + 1));
            return None;
        };
        let t = &t;
        let id = self.required_str(t, "id", None)?;
        let idr = Some(id.as_str());
        if id.trim().is_empty() || sanitize::line(&id) != id {
            let msg = "id must be non-empty printable text without surrounding spaces".into();
            self.report_on(t, "id", idr, msg);
        }
        if !known.ids.insert(id.clone()) {
            self.report_on(t, "id", idr, "duplicate id: every talk needs its own id".into());
        }
        let title = self.required_str(t, "title", idr).map(|s| sanitize::line(&s));
        let speakers = self.string_list(t, "speakers", idr, MAX_PER_TALK).unwrap_or_default();
        let room = match self.required_str(t, "track", idr) {
            Some(name) => known.track_of.get(import::name(&sanitize::line(&name)).as_str()).copied().or_else(|| {
                let msg = format!("unknown track '{}': expected one of {}", sanitize::line(&name), known.listed);
                self.report_on(t, "track", idr, msg);
                None
            }),
            None => None,
        };
        let start = self.time(t, "start", idr, known.tz);
        let end = self.end(t, idr, known.tz, start);
        let kind = self.optional_str(t, "kind", idr).map(|k| import::name(&sanitize::line(&k)));
        let tags = self.string_list(t, "tags", idr, MAX_PER_TALK).unwrap_or_default();
        let abstract_text = self.optional_str(t, "abstract", idr).map(|a| sanitize::text(&a));
        let video = self.optional_str(t, "video", idr).map(|v| sanitize::line(&v)).filter(|v| !v.is_empty());
        let url = self.optional_str(t, "url", idr).and_then(|u| sanitize::web_address(&u));
        let topic = self.optional_str(t, "topic", idr).map(|s| sanitize::line(&s)).filter(|s| !s.is_empty());
        let language = self.optional_str(t, "language", idr).and_then(|l| crate::languages::normalize(&l));
        let recorded = self.optional_bool(t, "recorded", idr);
        let links = self.links(t, idr);
        Some(Talk {
            id,
            title: title?,
            speakers,
            room: room?,
            track: topic,
            start: start?,
            end: end?,
            kind: kind.filter(|k| !k.is_empty()).unwrap_or_else(|| "talk".into()),
            tags,
            abstract_text: abstract_text.unwrap_or_default(),
            language,
            recorded,
            video,
            url,
            links,
        })
    }

    fn end(&mut self, t: &Here<'_>, talk: Option<&str>, tz: Tz, start: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
        let end = if t.given("end").is_some() {
            self.time(t, "end", talk, tz)?
        } else if let Some(d) = t.given("duration") {
            match json::i64(d).filter(|m| (1..=7 * 24 * 60).contains(m)) {
                Some(m) => start? + Duration::minutes(m),
                None => {
                    let found = if json::kind(d) == "a number" { d.get() } else { json::kind(d) };
                    let msg = format!("expected a duration in whole minutes (1 to 10080), found {found}");
                    self.report_on(t, "duration", talk, msg);
                    return None;
                }
            }
        } else {
            self.report(t.at, talk, "missing \"end\" (or \"duration\" in minutes)".into());
            return None;
        };
        let start = start?;
        if end <= start {
            let what = if end == start { "ends when it starts" } else { "ends before it starts" };
            let after = start.with_timezone(&tz).format("%Y-%m-%dT%H:%M");
            self.report_on(t, "end", talk, format!("{what}: expected an end after {after}"));
            return None;
        }
        Some(end)
    }

    fn time(&mut self, t: &Here<'_>, field: &str, talk: Option<&str>, tz: Tz) -> Option<DateTime<Utc>> {
        let s = self.required_str(t, field, talk)?;
        match parse_time(&s, tz) {
            Ok(v) => Some(v),
            Err(msg) => {
                self.report_on(t, field, talk, format!("\"{field}\": {msg}"));
                None
            }
        }
    }

    fn required_str(&mut self, obj: &Here<'_>, field: &str, talk: Option<&str>) -> Option<String> {
        if obj.given(field).is_none() {
            self.report(obj.at, talk, format!("missing \"{field}\""));
            return None;
        }
        self.optional_str(obj, field, talk)
    }

    fn optional_str(&mut self, obj: &Here<'_>, field: &str, talk: Option<&str>) -> Option<String> {
        let v = obj.given(field)?;
        let s = json::string(v);
        if s.is_none() {
            self.report_on(obj, field, talk, format!("\"{field}\" must be a string, found {}", json::kind(v)));
        }
        s
    }

    fn optional_bool(&mut self, obj: &Here<'_>, field: &str, talk: Option<&str>) -> Option<bool> {
        let v = obj.given(field)?;
        let b = json::bool(v);
        if b.is_none() {
            self.report_on(obj, field, talk, format!("\"{field}\" must be true or false, found {}", json::kind(v)));
        }
        b
    }

    /// `"links": [{"url": "https://…", "title": "Slides"}]`; an address that is not a web
    /// address is left out (a link is opened by a key).
    fn links(&mut self, obj: &Here<'_>, talk: Option<&str>) -> Vec<super::Link> {
        let Some(v) = obj.given("links") else { return Vec::new() };
        let mut links = Vec::new();
        let mut over = false;
        let listed = json::each(v, |l| {
            if links.len() >= MAX_PER_TALK {
                over = true;
                return;
            }
            let Some(l) = Object::only(l, &["url", "title"]) else { return };
            let Some(url) = l.str("url").and_then(|u| sanitize::web_address(&u)) else { return };
            let title = l.str("title").map(|t| sanitize::line(&t)).unwrap_or_default();
            links.push(super::Link { title: if title.is_empty() { url.clone() } else { title }, url });
        });
        self.long_lists += usize::from(over);
        if !listed {
            let msg = format!("\"links\" must be an array of {{\"url\", \"title\"}}, found {}", json::kind(v));
            self.report_on(obj, "links", talk, msg);
        }
        links
    }

    /// A list of strings, of which the first `most` are kept.
    fn string_list(&mut self, obj: &Here<'_>, field: &str, talk: Option<&str>, most: usize) -> Option<Vec<String>> {
        let v = obj.given(field)?;
        let mut items = Vec::new();
        let mut other = None;
        let mut over = false;
        let listed = json::each(v, |item| match json::str(item) {
            Some(s) if items.len() < most => items.push(import::name(&sanitize::line(&s))),
            Some(_) => over = true,
            None => other = other.or(Some(json::kind(item))),
        });
        // The conference's tracks have their own limit (`MAX_ROOMS`), said by the caller.
        self.long_lists += usize::from(over && most == MAX_PER_TALK);
        let found = match (listed, other) {
            (true, None) => return Some(items.into_iter().filter(|s| !s.is_empty()).collect()),
            (true, Some(kind)) => format!("an array with {kind} in it"),
            (false, _) => json::kind(v).to_string(),
        };
        self.report_on(obj, field, talk, format!("\"{field}\" must be an array of strings, found {found}"));
        None
    }
}

/// What each talk is checked against: the conference's tracks and the ids seen so far.
struct Talks {
    /// Looked up by name, not searched: a file with many tracks and many talks would be
    /// quadratic. An unknown one is said with the first few known ones.
    track_of: HashMap<String, usize>,
    listed: String,
    ids: HashSet<String>,
    tz: Tz,
    talks: Vec<Talk>,
}

impl Talks {
    fn new(conf: &Conference) -> Self {
        Talks {
            track_of: conf.rooms.iter().enumerate().map(|(i, t)| (t.clone(), i)).collect(),
            listed: super::error::first_of(&conf.rooms, true),
            ids: HashSet::new(),
            tz: conf.tz,
            talks: Vec::new(),
        }
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
