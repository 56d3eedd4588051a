//! The common case of hallway's own format, fast: a typed, borrowing parse and checks that only
//! decide yes or no. Anything unusual (an error to report, text to clean) returns `None`, and
//! the full validator in `native.rs` runs and says exactly what is wrong. Both must build the
//! same schedule; tests check that they do.

use super::import::{MAX_NAME, MAX_PER_TALK, MAX_ROOMS};
use super::{Conference, Schedule, Talk};
use crate::clock::local_to_utc;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

#[derive(Deserialize)]
struct File<'a> {
    #[serde(borrow)]
    conference: Conf<'a>,
    #[serde(borrow)]
    talks: Vec<Raw<'a>>,
}

#[derive(Deserialize)]
struct Conf<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    timezone: Cow<'a, str>,
    #[serde(borrow, default)]
    url: Option<Cow<'a, str>>,
    #[serde(borrow)]
    tracks: Capped<'a, { MAX_ROOMS }>,
    #[serde(borrow, default)]
    day_change: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow, default)]
    speakers: Option<Capped<'a, { MAX_PER_TALK }>>,
    #[serde(borrow)]
    track: Cow<'a, str>,
    #[serde(borrow)]
    start: Cow<'a, str>,
    #[serde(borrow, default)]
    end: Option<Cow<'a, str>>,
    #[serde(default)]
    duration: Option<i64>,
    #[serde(borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    tags: Option<Capped<'a, { MAX_PER_TALK }>>,
    #[serde(borrow, default, rename = "abstract")]
    abstract_text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    video: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    url: Option<Cow<'a, str>>,
    #[serde(default)]
    recorded: Option<bool>,
    /// Fields the full validator reads: a talk with any of them goes there.
    #[serde(default)]
    topic: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    language: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    links: Option<serde::de::IgnoredAny>,
}

/// A list of strings of at most `N` (and whether there were more): a longer one is never kept
/// here, and the full validator, which keeps the first `N` and says so, reads the file.
struct Capped<'a, const N: usize>(Vec<Cow<'a, str>>, bool);

impl<'de: 'a, 'a, const N: usize> Deserialize<'de> for Capped<'a, N> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a, const N: usize>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a, const N: usize> serde::de::Visitor<'de> for V<'a, N> {
            type Value = Capped<'a, N>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut s: S) -> Result<Self::Value, S::Error> {
                let mut items = Vec::new();
                while items.len() < N {
                    match s.next_element::<Cow<'de, str>>()? {
                        Some(x) => items.push(x),
                        None => return Ok(Capped(items, false)),
                    }
                }
                let more = s.next_element::<serde::de::IgnoredAny>()?.is_some();
                while s.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Capped(items, more))
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
    }
}

impl<'a, const N: usize> std::ops::Deref for Capped<'a, N> {
    type Target = [Cow<'a, str>];
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

/// A name the full validator would cut (see `import::name`).
fn long(s: &str) -> bool {
    s.len() > MAX_NAME && s.chars().nth(MAX_NAME).is_some()
}

/// Text the sanitiser would leave as it is (printable ASCII with single spaces is checked
/// without it).
fn clean_line(s: &str) -> bool {
    let simple = s.as_bytes().iter().all(|&c| (0x20..0x7f).contains(&c))
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ");
    simple || crate::sanitize::line(s) == s
}

fn clean_text(s: &str) -> bool {
    let simple = s.as_bytes().iter().all(|&c| (0x20..0x7f).contains(&c) || c == b'\n') && s.trim_end().len() == s.len();
    simple || crate::sanitize::text(s) == s
}

/// `2023-10-18T08:00`, the form our files use, without chrono's general parser.
fn wall_clock(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + (c - b'0') as u32))
    };
    let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    Some(date.and_time(NaiveTime::from_hms_opt(num(11..13)?, num(14..16)?, 0)?))
}

fn instant(s: &str, tz: Tz) -> Option<DateTime<Utc>> {
    match wall_clock(s) {
        Some(t) => local_to_utc(t, tz),
        None => super::native::parse_time(s, tz).ok(),
    }
}

pub fn parse(text: &str, without_abstracts: bool) -> Option<Schedule> {
    // Half a surrogate pair anywhere, even in a member never read, is the full reader's to say.
    if super::lazy_json::lone_surrogate(text).is_some() {
        return None;
    }
    let file: File = serde_json::from_str(text).ok()?;
    let c = file.conference;
    let tz: Tz = c.timezone.parse().ok()?;
    let lines = [Some(&c.id), c.name.as_ref(), c.url.as_ref()];
    if c.id.is_empty() || !lines.into_iter().flatten().all(|s| clean_line(s)) {
        return None;
    }
    if c.tracks.is_empty() || c.tracks.1 || !c.tracks.iter().all(|t| clean_line(t) && !t.is_empty() && !long(t)) {
        return None;
    }
    let mut lower = HashSet::new();
    if !c.tracks.iter().all(|t| lower.insert(t.to_lowercase())) {
        return None;
    }
    let day_change = match &c.day_change {
        Some(s) => NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()?,
        None => NaiveTime::MIN,
    };
    let track_of: HashMap<&str, usize> = c.tracks.iter().enumerate().map(|(i, t)| (t.as_ref(), i)).collect();
    let mut ids = HashSet::with_capacity(file.talks.len());
    let mut talks = Vec::with_capacity(file.talks.len());
    for r in file.talks {
        let strs = [Some(&r.id), Some(&r.title), r.kind.as_ref(), r.video.as_ref(), r.url.as_ref()];
        let lists = r.speakers.iter().chain(r.tags.iter()).flat_map(|l| l.iter());
        let over = r.speakers.iter().chain(r.tags.iter()).any(|l| l.1);
        if r.id.is_empty()
            || over
            || lists.clone().any(|s| long(s))
            || r.kind.as_deref().is_some_and(long)
            || r.topic.is_some()
            || r.language.is_some()
            || r.links.is_some()
            || !strs.into_iter().flatten().all(|s| clean_line(s))
            || !lists.clone().all(|s| clean_line(s) && !s.is_empty())
            || !(without_abstracts || r.abstract_text.as_deref().is_none_or(clean_text))
        {
            return None;
        }
        let room = *track_of.get(r.track.as_ref())?;
        let start = instant(&r.start, tz)?;
        let end = match (&r.end, r.duration) {
            (Some(e), _) => instant(e, tz)?,
            (None, Some(m)) if (1..=7 * 24 * 60).contains(&m) => start + Duration::minutes(m),
            _ => return None,
        };
        if end <= start || !ids.insert(r.id.clone()) {
            return None;
        }
        talks.push(Talk {
            id: r.id.into_owned(),
            title: r.title.into_owned(),
            speakers: r.speakers.map(|l| l.0).unwrap_or_default().into_iter().map(Cow::into_owned).collect(),
            room,
            track: None,
            start,
            end,
            kind: r.kind.filter(|k| !k.is_empty()).map_or_else(|| "talk".to_string(), Cow::into_owned),
            tags: r.tags.map(|l| l.0).unwrap_or_default().into_iter().map(Cow::into_owned).collect(),
            abstract_text: r.abstract_text.filter(|_| !without_abstracts).map(Cow::into_owned).unwrap_or_default(),
            language: None,
            recorded: r.recorded,
            video: r.video.filter(|v| !v.is_empty()).map(Cow::into_owned),
            url: r.url.as_deref().and_then(crate::sanitize::web_address),
            links: Vec::new(),
        });
    }
    let id = c.id.into_owned();
    let conference = Conference {
        name: c.name.map_or_else(|| id.clone(), Cow::into_owned),
        id,
        tz,
        url: c.url.map(Cow::into_owned),
        rooms: c.tracks.0.into_iter().map(Cow::into_owned).collect(),
        notes: Vec::new(),
        remarks: Vec::new(),
        day_change,
        floating: false,
    };
    Some(Schedule::new(conference, talks))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        let fast = parse(text, false).expect("the fast path takes it");
        let full = super::super::native::parse(text, "x.json").unwrap();
        assert_eq!(fast.conference, full.conference);
        assert_eq!(fast.talks(), full.talks());
    }

    #[test]
    fn builds_what_the_full_validator_builds() {
        for (_, text) in super::super::BUNDLED_SCHEDULES {
            same(text);
        }
        same(&crate::synth::native_json(500, 3, 7, 11));
    }

    #[test]
    fn anything_unusual_goes_to_the_full_validator() {
        let base = crate::synth::native_json(3, 1, 1, 1);
        assert!(parse(&base, false).is_some());
        let light = parse(&base, true).unwrap();
        assert!(light.talks().iter().all(|t| t.abstract_text.is_empty()), "left out on request");
        for (from, to) in [
            ("\"t1\"", "\"t0\""),                // duplicate id
            ("Room 1\"", "Room 9\""),            // unknown track (in talks only)
            ("\"duration\":", "\"duration\":-"), // negative duration
            ("Speaker", "Spe\\u001bker"),        // text to clean
            ("2030-03-01T", "2030-02-30T"),      // no such day
        ] {
            let broken = base.replacen(from, to, 1);
            assert_ne!(broken, base, "{from}");
            assert!(parse(&broken, false).is_none(), "{from} -> {to}");
        }
    }
}
