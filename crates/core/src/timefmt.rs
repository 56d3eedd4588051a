//! How times read everywhere: conference wall clock first, the user's own zone beside it.

use crate::schedule::{Schedule, Talk};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

pub fn hm(schedule: &Schedule, t: DateTime<Utc>) -> String {
    clock(schedule.local(t), false)
}

/// `09:05`, or `Sat 00:15` for a time in the night of the day before (a Congress day runs to
/// 06:00): under a "Fri 27 Dec" heading, a bare "00:15" would read as 24 hours early.
pub fn at(schedule: &Schedule, t: DateTime<Utc>) -> String {
    clock(schedule.local(t), schedule.local(t).date_naive() != schedule.date_of(t))
}

/// `09:05`, or `Sat 09:05` when the weekday must be said.
fn clock(local: DateTime<Tz>, with_day: bool) -> String {
    // Digits written directly: strftime parses its format string on every call.
    use chrono::{Datelike, Timelike};
    let (h, m) = (local.hour(), local.minute());
    let digits = |n: u32| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    let mut out = String::with_capacity(9);
    if with_day {
        out.push_str(&local.weekday().to_string());
        out.push(' ');
    }
    let [h1, h2] = digits(h);
    let [m1, m2] = digits(m);
    out.extend([h1 as char, h2 as char, ':', m1 as char, m2 as char]);
    out
}

/// Instants as a listing shows them, each distinct one looked up in the zone once: a day of
/// 1,440 talks starts and ends at a few hundred distinct minutes, and two zone lookups and a
/// date per line were a fifth of listing it.
pub struct Instants<'a> {
    schedule: &'a Schedule,
    seen: std::collections::HashMap<DateTime<Utc>, (DateTime<Tz>, NaiveDate), foldhash::fast::FixedState>,
}

impl<'a> Instants<'a> {
    pub fn new(schedule: &'a Schedule) -> Self {
        Self { schedule, seen: Default::default() }
    }

    /// The conference's wall clock at `t`, and the conference day it belongs to.
    pub fn at(&mut self, t: DateTime<Utc>) -> (DateTime<Tz>, NaiveDate) {
        let s = self.schedule;
        *self.seen.entry(t).or_insert_with(|| (s.local(t), s.date_of(t)))
    }

    /// [`range`] of a talk, and the conference day it starts on.
    pub fn range(&mut self, talk: &Talk) -> (String, NaiveDate) {
        let (a, day) = self.at(talk.start);
        let (b, _) = self.at(talk.end);
        (range_from(a, day, b, talk.end - talk.start), day)
    }
}

/// `09:05-09:35`; `Sat 00:15-00:55` in the night after a conference day; the end's day too
/// when the end alone would read as earlier or the same (`10:30-Sun 11:30` for 25 hours).
pub fn range(schedule: &Schedule, talk: &Talk) -> String {
    let a = schedule.local(talk.start);
    range_from(a, schedule.date_of(talk.start), schedule.local(talk.end), talk.end - talk.start)
}

/// [`range`] from a talk's wall-clock start and end, the conference day it starts on, and its
/// length.
fn range_from(a: DateTime<Tz>, day: NaiveDate, b: DateTime<Tz>, length: chrono::Duration) -> String {
    let long = length >= chrono::Duration::hours(24);
    let end = clock(b, b.date_naive() != a.date_naive() && (b.time() >= a.time() || long));
    format!("{}-{end}", clock(a, a.date_naive() != day))
}

/// [`range`] beside a date of its own ("Sat 28 Dec 00:15-00:55"): the start says no day.
pub fn range_on_its_date(schedule: &Schedule, talk: &Talk) -> String {
    format!("{}-{}", hm(schedule, talk.start), end_of(schedule, talk))
}

/// A talk as read on the local date `on` (today, in Now): each end says its weekday when it
/// is another day ("Fri 10:30-11:30" for a talk on since yesterday).
pub fn range_on(schedule: &Schedule, talk: &Talk, on: NaiveDate) -> String {
    let label = |t: DateTime<Utc>| clock(schedule.local(t), schedule.local(t).date_naive() != on);
    format!("{}-{}", label(talk.start), label(talk.end))
}

fn end_of(schedule: &Schedule, talk: &Talk) -> String {
    let (a, b) = (schedule.local(talk.start), schedule.local(talk.end));
    let long = talk.end - talk.start >= chrono::Duration::hours(24);
    clock(b, b.date_naive() != a.date_naive() && (b.time() >= a.time() || long))
}

/// A free span, `Sat 28 Dec 20:15` aside: `20:15-Sun 09:05` when it runs over a night.
pub fn span(schedule: &Schedule, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let (a, b) = (schedule.local(from), schedule.local(to));
    format!("{}-{}", at(schedule, from), clock(b, b.date_naive() != a.date_naive()))
}

/// `"Title" (Stage 2, 09:15-09:40)`: how a talk is named in a clash or a status line.
pub fn talk_ref(schedule: &Schedule, talk: &Talk) -> String {
    format!("\"{}\" ({}, {})", talk.title, schedule.room_name(talk), range(schedule, talk))
}

/// `Wed 19 Oct`
pub fn day_label(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// The talk in the user's zone, when that zone shows a different wall clock at that time.
pub fn in_user_zone(schedule: &Schedule, talk: &Talk, user: Option<Tz>) -> Option<String> {
    let user = user?;
    let conf = schedule.local(talk.start);
    let mine = talk.start.with_timezone(&user);
    if conf.naive_local() == mine.naive_local() {
        return None;
    }
    let end = talk.end.with_timezone(&user);
    let day = if mine.date_naive() != conf.date_naive() { format!("{} ", mine.format("%a")) } else { String::new() };
    Some(format!("{day}{}-{} {}", mine.format("%H:%M"), end.format("%H:%M"), zone(&mine)))
}

/// The zone's short name at `t` ("CEST"); where the zone has none, its offset from UTC
/// ("UTC+01:00" for Etc/GMT-1, whose POSIX sign reads backwards to people).
pub fn zone<Z: chrono::TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    let abbr = t.format("%Z").to_string();
    if abbr.starts_with(['+', '-']) || abbr.starts_with("Etc/") || abbr.is_empty() {
        format!("UTC{}", t.format("%:z"))
    } else {
        abbr
    }
}

/// A zone by its name, "Europe/Berlin"; a fixed offset named the POSIX way ("Etc/GMT-1") as
/// people read it, "UTC+01:00".
pub fn zone_name(tz: Tz) -> String {
    if tz.name().starts_with("Etc/GMT") && tz.name().len() > "Etc/GMT".len() {
        zone(&DateTime::<Utc>::UNIX_EPOCH.with_timezone(&tz))
    } else {
        tz.name().to_string()
    }
}

/// `25 min`, `1 h 05 min`
pub fn minutes(m: i64) -> String {
    if m < 60 { format!("{m} min") } else { format!("{} h {:02} min", m / 60, m % 60) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule;

    #[test]
    fn user_zone_shown_only_when_it_differs() {
        let s = schedule::bundled();
        let t = s.talk("ebpf-vs-sidecars").unwrap();
        assert_eq!(range(&s, t), "09:05-09:35");
        assert_eq!(in_user_zone(&s, t, Some("America/Los_Angeles".parse().unwrap())), None);
        assert_eq!(in_user_zone(&s, t, Some("Europe/Berlin".parse().unwrap())).unwrap(), "18:05-18:35 CEST");
        assert_eq!(in_user_zone(&s, t, Some("Asia/Tokyo".parse().unwrap())).unwrap(), "Thu 01:05-01:35 JST");
        assert_eq!(minutes(65), "1 h 05 min");
    }

    /// Ranges as a listing writes them (each instant looked up once) read as [`range`] and
    /// [`at`] do: over a Congress night, a day change at 06:00, talks over midnight, a DST
    /// change and a talk of more than a day.
    #[test]
    fn a_listing_writes_every_range_as_range_does() {
        let night = schedule::parse_bytes(
            include_bytes!("../../../tests/fixtures/shapes/congress-night.xml"),
            "congress-night.xml",
        )
        .unwrap();
        let talks = |day_change: &str, starts: &[(&str, u32)]| {
            let list: Vec<String> = starts
                .iter()
                .enumerate()
                .map(|(i, (start, minutes))| {
                    format!(
                        r#"{{"id": "t{i}", "title": "T", "track": "A", "start": "{start}", "duration": {minutes}}}"#
                    )
                })
                .collect();
            let text = format!(
                r#"{{"conference": {{"id": "c", "name": "C", "timezone": "Europe/Berlin", "tracks": ["A"], "day_change": "{day_change}"}}, "talks": [{}]}}"#,
                list.join(",")
            );
            schedule::parse_bytes(text.as_bytes(), "c.json").unwrap()
        };
        let dst = talks(
            "06:00",
            &[
                ("2030-03-30T23:30", 240),
                ("2030-03-31T01:30", 60),
                ("2030-03-31T05:30", 60),
                ("2030-03-31T10:00", 1500),
            ],
        );
        for s in [night, dst, schedule::bundled()] {
            let mut instants = Instants::new(&s);
            for t in s.talks() {
                assert_eq!(instants.range(t), (range(&s, t), s.date_of(t.start)), "{}", t.id);
                assert_eq!(instants.at(t.start), (s.local(t.start), s.date_of(t.start)));
            }
        }
    }
}
