//! The formats conferences publish (frab/pretalx JSON, Pentabarf/frab XML, Sessionize), read
//! into drafts that one place turns into a [`Schedule`]: time zones resolved, ids checked,
//! rooms become tracks, untrusted text cleaned.

pub mod frab_json;
mod html;
pub mod pentabarf_xml;
pub mod sessionize;
mod timing;

use super::locate::Locations;
use super::{Conference, LoadError, Problem, Schedule, Talk};
use crate::clock::local_to_utc;
use crate::sanitize;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::{HashMap, HashSet};

/// How an event's start (or end) is given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    /// A full timestamp with its UTC offset: the instant, whatever the zone says.
    Instant(DateTime<FixedOffset>),
    /// A wall-clock time in the conference's zone (or, with no zone known, as printed).
    Local(NaiveDateTime),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum End {
    At(When),
    Minutes(i64),
}

/// Where in the source something is: a byte offset (XML), or a JSON path such as
/// `schedule/conference/days/0/rooms/Curie/3` (placed only if a problem needs it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Pos {
    #[default]
    Unknown,
    Offset(usize),
    Path(String),
}

/// One event as a format gives it, before zones and tracks are settled.
#[derive(Debug, Clone)]
pub struct RawEvent {
    pub pos: Pos,
    pub id: String,
    pub title: String,
    pub speakers: Vec<String>,
    pub room: String,
    pub start: When,
    pub end: End,
    pub kind: String,
    pub tags: Vec<String>,
    pub abstract_text: String,
    pub video: Option<String>,
    /// The talk's page on the conference's site.
    pub url: Option<String>,
    /// The wall-clock start printed beside a full date, and where (see `timing::Timing`).
    pub printed: Option<(NaiveTime, Pos)>,
}

/// What a format parser hands over.
#[derive(Default)]
pub struct Draft {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    /// The zone the file names, with where it names it.
    pub zone: Option<(String, Pos)>,
    /// Rooms in the order the file declares them (events may add more).
    pub rooms: Vec<String>,
    pub events: Vec<RawEvent>,
    /// When the file's days end (a camp's night belongs to the day before).
    pub day_change: Option<NaiveTime>,
    pub problems: Vec<Problem>,
    /// Found beyond [`MAX_PROBLEMS`](crate::schedule::error::MAX_PROBLEMS): counted, not located.
    more: usize,
    locations: Option<Locations>,
}

/// Choices the file cannot make for itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The zone for a file that names none and gives no offsets (`--tz`; else the user's zone).
    pub zone: Option<Tz>,
    /// Leave abstracts out: for a command that never shows them and runs every few seconds
    /// (`next` in a status bar). Only hallway's own format takes the shortcut.
    pub without_abstracts: bool,
}

impl Options {
    fn floating_zone(&self) -> Tz {
        self.zone.or_else(crate::clock::user_zone).unwrap_or(Tz::UTC)
    }
}

impl Draft {
    pub fn problem(&mut self, text: &str, pos: &Pos, talk: Option<&str>, message: String) {
        if self.problems.len() >= crate::schedule::error::MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        let offset = match pos {
            Pos::Unknown => None,
            Pos::Offset(o) => Some(*o),
            Pos::Path(path) => self.locations.get_or_insert_with(|| Locations::of(text, 12)).nearest(path),
        };
        self.problems.push(match offset {
            Some(o) => Problem::at_offset(text.as_bytes(), o, talk, message),
            None => Problem::new(talk, message),
        });
    }

    /// Settle zones, times, ids and tracks. Every problem is reported, not just the first.
    pub fn finish(mut self, text: &str, source: &str, opts: Options) -> Result<Schedule, LoadError> {
        let mut notes = Vec::new();
        let tz = self.zone(text, opts, &mut notes);
        let floating = self.floats();
        let mut ids = HashSet::new();
        let mut talks = Vec::with_capacity(self.events.len());
        let mut room_index: HashMap<String, usize> = HashMap::new();
        let mut rooms: Vec<String> = Vec::new();
        for r in std::mem::take(&mut self.rooms) {
            let r = sanitize::line(&r);
            if !r.is_empty() && !room_index.contains_key(&r) {
                room_index.insert(r.clone(), rooms.len());
                rooms.push(r);
            }
        }
        let mut used = vec![false; rooms.len()];
        let events = std::mem::take(&mut self.events);
        for e in events {
            let id = sanitize::line(&e.id);
            let idr = Some(id.as_str());
            if id.is_empty() {
                self.problem(text, &e.pos, None, "event without an id (guid or id)".into());
                continue;
            }
            if !ids.insert(id.clone()) {
                self.problem(text, &e.pos, idr, "duplicate id: every event needs its own guid or id".into());
                continue;
            }
            let Some((start, end)) = self.times(text, &e, idr, tz) else { continue };
            let room = sanitize::line(&e.room);
            if room.is_empty() {
                self.problem(text, &e.pos, idr, "event without a room".into());
                continue;
            }
            let track = *room_index.entry(room.clone()).or_insert_with(|| {
                rooms.push(room.clone());
                used.push(false);
                rooms.len() - 1
            });
            used[track] = true;
            talks.push(Talk {
                id,
                title: sanitize::line(&e.title),
                speakers: e.speakers.iter().map(|s| sanitize::line(s)).filter(|s| !s.is_empty()).collect(),
                track,
                start,
                end,
                kind: Some(sanitize::line(&e.kind)).filter(|k| !k.is_empty()).unwrap_or_else(|| "talk".into()),
                tags: dedup(e.tags.iter().map(|t| sanitize::line(t)).filter(|t| !t.is_empty())),
                abstract_text: sanitize::text(&html::to_text(&e.abstract_text)),
                video: e.video.map(|v| sanitize::line(&v)).filter(|v| !v.is_empty()),
                url: e.url.as_deref().and_then(sanitize::web_address),
            });
        }
        if !self.problems.is_empty() {
            return Err(LoadError::invalid_and_more(source, self.problems, self.more));
        }
        // Rooms with no event are not columns anyone wants.
        let keep: Vec<usize> = (0..rooms.len()).filter(|&i| used[i]).collect();
        let renumber: HashMap<usize, usize> = keep.iter().enumerate().map(|(new, &old)| (old, new)).collect();
        for t in &mut talks {
            t.track = renumber[&t.track];
        }
        let tracks = keep.into_iter().map(|i| rooms[i].clone()).collect();
        let id = slug(&self.id);
        let conference = Conference {
            name: Some(sanitize::line(&self.name)).filter(|n| !n.is_empty()).unwrap_or_else(|| id.clone()),
            id,
            tz,
            url: self.url.map(|u| sanitize::line(&u)),
            tracks,
            notes,
            day_change: self.day_change.unwrap_or(NaiveTime::MIN),
            floating,
        };
        Ok(Schedule::new(conference, talks))
    }

    /// An event's start and end, or None when they are wrong (each said as a problem): a
    /// printed start that disagrees with its date, an end not after the start.
    fn times(&mut self, text: &str, e: &RawEvent, idr: Option<&str>, tz: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let (start, end) = (self.instant(text, e, e.start, tz)?, e.end);
        if let (When::Instant(t), Some((printed, at))) = (e.start, &e.printed) {
            let shown = start.with_timezone(&tz).time();
            // As printed in the zone shown, or at the date's own offset: else one of the two
            // is wrong, and which cannot be told.
            if shown != *printed && t.time() != *printed {
                let msg = format!(
                    "the start {} disagrees with the date {} (which is {} in {tz})",
                    printed.format("%H:%M"),
                    t.to_rfc3339(),
                    shown.format("%H:%M")
                );
                self.problem(text, at, idr, msg);
                return None;
            }
        }
        let end = match end {
            End::Minutes(m) => Some(start + Duration::minutes(m)),
            End::At(w) => self.instant(text, e, w, tz),
        };
        let end = end?;
        if end <= start {
            let what = if end == start { "lasts no time" } else { "ends before it starts" };
            self.problem(text, &e.pos, idr, format!("{what}: expected a duration or end after its start"));
            return None;
        }
        Some((start, end))
    }

    fn instant(&mut self, text: &str, e: &RawEvent, w: When, tz: Tz) -> Option<DateTime<Utc>> {
        match w {
            When::Instant(t) => Some(t.with_timezone(&Utc)),
            When::Local(naive) => local_to_utc(naive, tz).or_else(|| {
                let msg = format!("{naive} does not exist in {tz} (skipped by a daylight-saving change)");
                self.problem(text, &e.pos, Some(&sanitize::line(&e.id)), msg);
                None
            }),
        }
    }

    /// No zone named and no offset anywhere: every time is a wall clock, read in a zone chosen
    /// here (see [`Conference::floating`]).
    fn floats(&self) -> bool {
        let instant = |w: &When| matches!(w, When::Instant(_));
        self.zone.as_ref().is_none_or(|(name, _)| name.trim().is_empty())
            && !self.events.iter().any(|e| instant(&e.start) || matches!(&e.end, End::At(w) if instant(w)))
    }

    /// The zone times are shown in. A full timestamp's offset always fixes the instant; the
    /// zone decides the wall clock shown. When the named zone disagrees with the offsets in
    /// the data (pretalx may say "UTC" over +01:00 times), the data wins, and a note says so.
    fn zone(&mut self, text: &str, opts: Options, notes: &mut Vec<String>) -> Tz {
        let offsets: Vec<DateTime<FixedOffset>> = self
            .events
            .iter()
            .flat_map(|e| [Some(e.start), if let End::At(w) = e.end { Some(w) } else { None }])
            .flatten()
            .filter_map(|w| if let When::Instant(t) = w { Some(t) } else { None })
            .collect();
        let distinct: HashSet<i32> = offsets.iter().map(|t| t.offset().local_minus_utc()).collect();
        let named = match self.zone.clone() {
            Some((name, pos)) if !name.trim().is_empty() => match name.trim().parse::<Tz>() {
                Ok(tz) => Some(tz),
                Err(_) => {
                    let msg = format!(
                        "unknown time zone '{}': expected an IANA name such as Europe/Berlin",
                        sanitize::line(&name)
                    );
                    self.problem(text, &pos, None, msg);
                    return Tz::UTC;
                }
            },
            _ => None,
        };
        if let Some(tz) = named {
            let agrees = offsets.iter().all(|t| tz.offset_from_utc_datetime(&t.naive_utc()).fix() == *t.offset());
            // Dates may all be written in UTC while each printed start is the wall clock in
            // the named zone (a Pentabarf export from India): the zone is right when the starts
            // are their dates seen in it, whatever offset the dates were written with.
            let printed: Vec<(DateTime<FixedOffset>, NaiveTime)> = self
                .events
                .iter()
                .filter_map(|e| match (e.start, &e.printed) {
                    (When::Instant(t), Some((p, _))) => Some((t, *p)),
                    _ => None,
                })
                .collect();
            // A start or two may be wrong (they are reported): the zone most starts agree with.
            let in_named = printed.iter().filter(|(t, p)| t.with_timezone(&tz).time() == *p).count();
            let as_written = printed.iter().filter(|(t, p)| t.time() == *p).count();
            if agrees || (in_named > 0 && in_named >= as_written) {
                return tz;
            }
            return match single_zone(&distinct) {
                Some((data_tz, label)) => {
                    notes.push(format!(
                        "the file names the time zone {tz}, but its times carry {label}: shown at {label}, as printed"
                    ));
                    data_tz
                }
                None => {
                    notes.push(format!("some times in the file carry offsets that disagree with its time zone {tz}"));
                    tz
                }
            };
        }
        if let Some((data_tz, label)) = single_zone(&distinct) {
            notes.push(format!("the file names no time zone: times are shown at {label}, the offset they carry"));
            return data_tz;
        }
        if !distinct.is_empty() {
            notes.push("the file names no time zone and its offsets vary: times are shown in UTC".into());
            return Tz::UTC;
        }
        let tz = opts.floating_zone();
        // Said when the zone is a guess (yours); one given with --tz, now or when this file was
        // opened before, is what the person chose, and a status bar's `next` would say it at
        // every call.
        if opts.zone.is_none() {
            notes.push(format!(
                "the file gives no time zone or UTC offset: times are read as printed, in {tz} (yours; another: --tz ZONE)"
            ));
        }
        tz
    }
}

/// The IANA zone for one whole-hour offset (Etc/GMT-1 is UTC+1), with a label like "+01:00".
fn single_zone(offsets: &HashSet<i32>) -> Option<(Tz, String)> {
    if offsets.len() != 1 {
        return None;
    }
    let secs = *offsets.iter().next()?;
    let label = FixedOffset::east_opt(secs)?.to_string();
    if secs % 3600 != 0 {
        return None;
    }
    let hours = secs / 3600;
    let name = if hours == 0 { "UTC".to_string() } else { format!("Etc/GMT{:+}", -hours) };
    Some((name.parse().ok()?, label))
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    items.filter(|t| seen.insert(t.to_lowercase())).collect()
}

/// A conference id from a name or acronym: lowercase words joined by dashes.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "conference".into() } else { out }
}

/// `00:30`, `1:30`, `01:30:00` as minutes.
pub fn duration_minutes(s: &str) -> Option<i64> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    let num = |p: &str| p.parse::<i64>().ok().filter(|n| *n >= 0);
    match parts.as_slice() {
        [h, m] => Some(num(h)? * 60 + num(m)?),
        [h, m, s] => Some(num(h)? * 60 + num(m)? + (num(s)? + 59) / 60),
        _ => None,
    }
}

/// `HH:MM` on a day; a time before the day's start (`day_change`, `day_start`) belongs to
/// the night after it, as at camps whose days run to 04:00.
pub fn on_day(date: NaiveDate, start: &str, day_change: Option<NaiveTime>) -> Option<NaiveDateTime> {
    let t = NaiveTime::parse_from_str(start.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(start.trim(), "%H:%M:%S"))
        .ok()?;
    let date = match day_change {
        Some(change) if t < change => date.succ_opt()?,
        _ => date,
    };
    Some(date.and_time(t))
}

/// A timestamp: with an offset it is an instant; without, a wall-clock time.
pub fn when(s: &str) -> Option<When> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(When::Instant(t));
    }
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(When::Local)
}

/// What a talk is about, from the fields frab and Pentabarf both have: the subtitle first, then
/// the abstract, then the description when it says something else.
pub fn about(subtitle: Option<String>, abstract_text: Option<String>, description: Option<String>) -> String {
    let mut text = abstract_text.unwrap_or_default();
    if let Some(desc) = description.filter(|x| !x.trim().is_empty() && *x != text) {
        if !text.trim().is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&desc);
    }
    match subtitle.filter(|x| !x.trim().is_empty()) {
        Some(sub) => format!("{sub}\n\n{text}"),
        None => text,
    }
}

/// The time as printed, whatever its offset.
pub fn wall_clock(w: When) -> NaiveDateTime {
    match w {
        When::Instant(t) => t.naive_local(),
        When::Local(t) => t,
    }
}

/// The recording among an event's links: a video file or a video site, mp4 preferred.
pub fn pick_video<'a>(links: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    const SITES: [&str; 6] = ["media.ccc.de", "video.fosdem.org", "youtube.com", "youtu.be", "vimeo.com", "peertube"];
    let mut found: Vec<&str> = links
        .into_iter()
        .filter(|(url, title)| {
            let (u, t) = (url.to_lowercase(), title.to_lowercase());
            (u.starts_with("http://") || u.starts_with("https://"))
                && (t.contains("video")
                    || t.contains("recording")
                    || SITES.iter().any(|s| u.contains(s))
                    || [".mp4", ".webm", ".mkv", ".m3u8"].iter().any(|x| u.ends_with(x)))
        })
        .map(|(url, _)| url)
        .collect();
    found.sort_by_key(|u| !u.to_lowercase().ends_with(".mp4"));
    found.first().map(|u| u.to_string())
}

#[cfg(test)]
mod tests;
