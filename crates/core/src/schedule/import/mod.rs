//! The formats conferences publish (frab/pretalx JSON, Pentabarf/frab XML, Sessionize), read
//! into drafts that one place turns into a [`Schedule`]: time zones resolved, ids checked,
//! rooms become tracks, untrusted text cleaned.

mod event;
pub mod frab_json;
mod html;
pub mod ical;
mod markdown;
mod names;
pub mod pentabarf_xml;
pub mod sessionize;
mod timing;
mod zone;

use super::{Conference, LoadError, Problem, Schedule};
use crate::clock::local_to_utc;
use crate::sanitize;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use std::collections::{HashMap, HashSet};

use event::talk;
pub use event::{about, pick_video};
pub use names::{ListOf, MAX_NAME, MAX_PER_TALK, MAX_ROOMS, long_lists_remark, name, too_many_rooms};

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

/// Where in the source something is, as a byte offset.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Pos {
    #[default]
    Unknown,
    Offset(usize),
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
    /// What it is about (the organisers' track), not where it is.
    pub track: Option<String>,
    pub tags: Vec<String>,
    pub abstract_text: String,
    /// How the abstract is written.
    pub markup: Markup,
    pub language: Option<String>,
    pub recorded: Option<bool>,
    /// A recording the file names as such (frab's `video_download_url`); else one is chosen
    /// among `links`.
    pub video: Option<String>,
    /// (address, title) as listed.
    pub links: Vec<(String, String)>,
    /// The talk's page on the conference's site.
    pub url: Option<String>,
    /// The wall-clock start printed beside a full date, and where (see `timing::Timing`).
    pub printed: Option<(NaiveTime, Pos)>,
}

/// How a format writes its descriptions: frab and pretalx in Markdown, Pentabarf in HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Markup {
    #[default]
    Plain,
    Markdown,
    Html,
}

/// A day as the file declares it: the organisers' day, whose date is the local date of its
/// start in the conference's zone (a file may write `date` as the UTC date of that start).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayBounds {
    pub date: Option<NaiveDate>,
    pub start: Option<When>,
    pub end: Option<When>,
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
    /// The days the file declares with their start and end, when it gives them.
    pub days: Vec<DayBounds>,
    /// What the file gets wrong that is kept, not refused (an event listed under one room that
    /// says another, two events with one id): said by `validate`.
    pub remarks: Vec<String>,
    /// Events listed under one room that say another: (listed, own) with how many.
    elsewhere: std::collections::BTreeMap<(String, String), usize>,
    /// Talks whose speakers, tags or links were more than [`MAX_PER_TALK`].
    long_lists: usize,
    pub problems: Vec<Problem>,
    /// Found beyond [`MAX_PROBLEMS`](crate::schedule::error::MAX_PROBLEMS): counted, not located.
    more: usize,
}

/// The members of a JSON document's root that tell its format and that its reader reads.
pub const JSON_ROOT_KEYS: &[&str] = &["conference", "talks", "schedule", "sessions", "rooms", "speakers", "categories"];

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
        };
        self.problems.push(match offset {
            Some(o) => Problem::at_offset(text.as_bytes(), o, talk, message),
            None => Problem::new(talk, message),
        });
    }

    /// An event listed under the room `listed` says it is in `own`: it is shown in its own.
    pub fn listed_elsewhere(&mut self, listed: &str, own: &str) {
        // "Ada " and "Ada" are one room once cleaned: nothing to say.
        if sanitize::line(listed) == sanitize::line(own) {
            return;
        }
        *self.elsewhere.entry((listed.to_string(), own.to_string())).or_default() += 1;
    }

    fn elsewhere_remarks(&mut self) -> Vec<String> {
        let pairs = std::mem::take(&mut self.elsewhere);
        let mut out: Vec<String> = pairs
            .iter()
            .take(5)
            .map(|((listed, own), n)| {
                let events = if *n == 1 { "1 event".to_string() } else { format!("{n} events") };
                let say = if *n == 1 { "says it is" } else { "say they are" };
                format!(
                    "{events} listed under the room '{}' {say} in '{}': shown in '{}'",
                    sanitize::line(listed),
                    sanitize::line(own),
                    sanitize::line(own)
                )
            })
            .collect();
        if pairs.len() > 5 {
            out.push(format!("and {} more pairs of a listing room and the room its events say", pairs.len() - 5));
        }
        out
    }

    /// Settle zones, times, ids and tracks. Every problem is reported, not just the first.
    pub fn finish(mut self, text: &str, source: &str, opts: Options) -> Result<Schedule, LoadError> {
        let mut notes = Vec::new();
        let tz = self.zone(text, opts, &mut notes);
        let floating = self.floats();
        let mut ids = HashSet::new();
        // The ids used more than once (each once), and how many events repeat one.
        let mut duplicates: Vec<String> = Vec::new();
        let mut repeats = 0usize;
        let mut next_suffix: HashMap<String, usize> = HashMap::new();
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
        // Every id the file gives, so a renamed repeat never takes one a later event owns.
        let given: HashSet<String> = events.iter().map(|e| sanitize::line(&e.id)).collect();
        for e in events {
            let id = sanitize::line(&e.id);
            if id.is_empty() {
                self.problem(text, &e.pos, None, "event without an id (guid or id)".into());
                continue;
            }
            // A merged export may carry an event twice under one guid: each is kept, the second
            // as `guid#2`, so a mark on either stays its own.
            let id = if ids.insert(id.clone()) {
                id
            } else {
                // Where the last repeat of this id left off: many repeats of one id stay linear.
                let from = next_suffix.get(&id).copied().unwrap_or(2);
                let free = |n: &usize| {
                    let c = format!("{id}#{n}");
                    !ids.contains(&c) && !given.contains(&c)
                };
                let n = (from..).find(free).expect("an unused suffix");
                next_suffix.insert(id.clone(), n + 1);
                let again = format!("{id}#{n}");
                ids.insert(again.clone());
                if next_suffix.len() > duplicates.len() {
                    duplicates.push(id);
                }
                repeats += 1;
                again
            };
            let idr = Some(id.as_str());
            let Some((start, end)) = self.times(text, &e, idr, tz) else { continue };
            let room = sanitize::line(&e.room);
            if room.is_empty() {
                self.problem(text, &e.pos, idr, "event without a room".into());
                continue;
            }
            // Rooms an event names itself count too: the cap holds however they are given.
            if rooms.len() >= MAX_ROOMS && !room_index.contains_key(&room) {
                self.problem(text, &e.pos, idr, too_many_rooms());
                break;
            }
            let room_at = *room_index.entry(room.clone()).or_insert_with(|| {
                rooms.push(room.clone());
                used.push(false);
                rooms.len() - 1
            });
            used[room_at] = true;
            talks.push(talk(e, id, room_at, start, end));
        }
        if !self.problems.is_empty() {
            return Err(LoadError::invalid_and_more(source, self.problems, self.more));
        }
        let rooms = used_rooms(rooms, &used, &mut talks);
        let id = slug(&self.id);
        let mut remarks: Vec<String> = std::mem::take(&mut self.remarks).iter().map(|r| sanitize::line(r)).collect();
        remarks.extend(self.elsewhere_remarks());
        remarks.extend(self.long_lists_remark());
        if !duplicates.is_empty() {
            let some = crate::schedule::error::first_of(&duplicates, true);
            let events = if repeats == 1 { "1 event shares".to_string() } else { format!("{repeats} events share") };
            remarks.push(format!("{events} an id with an earlier one ({some}): each is kept, a repeat as ID#2, ID#3…"));
        }
        let day_change = self.day_change(tz);
        let conference = Conference {
            name: Some(sanitize::line(&self.name)).filter(|n| !n.is_empty()).unwrap_or_else(|| id.clone()),
            id,
            tz,
            url: self.url.map(|u| sanitize::line(&u)),
            rooms,
            notes,
            remarks,
            day_change,
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
            End::Minutes(m) => match Duration::try_minutes(m).and_then(|d| start.checked_add_signed(d)) {
                Some(end) => end,
                None => {
                    let msg = "lasts longer than any calendar: expected an end within a month".into();
                    self.problem(text, &e.pos, idr, msg);
                    return None;
                }
            },
            // A time that cannot be read is said by `instant`.
            End::At(w) => self.instant(text, e, w, tz)?,
        };
        if end <= start {
            let what = if end == start { "lasts no time" } else { "ends before it starts" };
            self.problem(text, &e.pos, idr, format!("{what}: expected a duration or end after its start"));
            return None;
        }
        // A conference happens in years people write with four digits, and no talk lasts
        // months: what does is a typo, and calendars cannot carry it (an .ics of year 10000).
        use chrono::Datelike;
        let years = 1900..=9999;
        if !years.contains(&start.year()) || !years.contains(&end.year()) || end - start > Duration::days(31) {
            let msg = format!(
                "from {} to {}: expected a time between 1900 and 9999 and an end within a month of the start",
                start.format("%Y-%m-%d %H:%M"),
                end.format("%Y-%m-%d %H:%M")
            );
            self.problem(text, &e.pos, idr, msg);
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

/// The time as printed, whatever its offset.
pub fn wall_clock(w: When) -> NaiveDateTime {
    match w {
        When::Instant(t) => t.naive_local(),
        When::Local(t) => t,
    }
}

/// The rooms with an event, the talks renumbered to them: rooms with no event are not
/// columns anyone wants.
fn used_rooms(rooms: Vec<String>, used: &[bool], talks: &mut [super::Talk]) -> Vec<String> {
    let keep: Vec<usize> = (0..rooms.len()).filter(|&i| used[i]).collect();
    let renumber: HashMap<usize, usize> = keep.iter().enumerate().map(|(new, &old)| (old, new)).collect();
    for t in talks.iter_mut() {
        t.room = renumber[&t.room];
    }
    let mut rooms: Vec<Option<String>> = rooms.into_iter().map(Some).collect();
    keep.into_iter().filter_map(|i| rooms[i].take()).collect()
}

#[cfg(test)]
mod tests;
