//! When an imported event starts and ends, decided once for every format that says it with a
//! `date` (a full timestamp) or a `start` on a dated day, and an `end` or a `duration`. Each
//! format passes in how its fields are written, so its messages name them as the file does.

use super::{End, When};
use chrono::{NaiveDate, NaiveTime};

/// An event's timing fields as the file gives them.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub duration: Option<String>,
}

/// How a format writes its timing fields, for messages: `"start"` in JSON, `<start>` in XML.
pub struct Wording {
    pub date: &'static str,
    pub start: &'static str,
    pub duration: &'static str,
    /// Said when neither a date nor a start on a dated day is there.
    pub no_start: &'static str,
    /// Said when neither an end nor a duration is there.
    pub no_end: &'static str,
}

pub const FRAB_JSON: Wording = Wording {
    date: "\"date\"",
    start: "\"start\"",
    duration: "\"duration\"",
    no_start: "expected \"date\" (2019-08-21T11:00:00+02:00) or \"start\" (HH:MM) on a dated day",
    no_end: "expected \"duration\" (HH:MM) or \"end\"",
};

pub const PENTABARF_XML: Wording = Wording {
    date: "<date>",
    start: "<start>",
    duration: "<duration>",
    no_start: "expected <start>HH:MM</start> in a dated <day>, or a <date>",
    no_end: "expected a <duration>HH:MM</duration>",
};

/// Which field a problem is about, for the reader to place it (file:line:column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Start,
    Duration,
    /// Missing altogether: placed at the event.
    Event,
}

impl Field {
    /// Where the reader places a problem about this field: `at` finds a field by its name,
    /// `event` is the event itself.
    pub fn place<P>(self, at: impl Fn(&str) -> P, event: P) -> P {
        match self {
            Field::Date => at("date"),
            Field::Start => at("start"),
            Field::Duration => at("duration"),
            Field::Event => event,
        }
    }
}

impl Fields {
    /// The fields as `get` reads them by name (the same names in JSON keys and XML elements).
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Self {
        Fields { date: get("date"), start: get("start"), end: get("end"), duration: get("duration") }
    }
}

/// When an event starts and ends, as read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    pub start: When,
    pub end: End,
    /// The wall-clock start printed beside a full `date`: with it, the zone the file names
    /// is checked against the data (see `Draft::zone`), and a disagreement is reported.
    pub printed: Option<NaiveTime>,
}

fn time_of_day(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").or_else(|_| NaiveTime::parse_from_str(s.trim(), "%H:%M:%S")).ok()
}

/// The start and end, or the one problem that stops the event being read. A `date` that is
/// there but unreadable is that problem, not a reason to fall back on `start`: the fallback
/// would read the time in another zone without a word.
pub fn decide(
    f: &Fields,
    date: Option<NaiveDate>,
    day_change: Option<NaiveTime>,
    w: &Wording,
) -> Result<Timing, (Field, String)> {
    let given = f.date.as_deref().filter(|d| !d.trim().is_empty());
    let (start, printed) = match given {
        Some(d) => {
            let when = super::when(d).ok_or_else(|| {
                (
                    Field::Date,
                    format!("expected {} as a date and time such as 2019-08-21T11:00:00+02:00, found '{d}'", w.date),
                )
            })?;
            let printed = match f.start.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(s) => Some(
                    time_of_day(s)
                        .ok_or_else(|| (Field::Start, format!("expected {} as HH:MM, found '{s}'", w.start)))?,
                ),
                None => None,
            };
            (when, printed)
        }
        None => match (&f.start, date) {
            (Some(s), Some(date)) => match super::on_day(date, s, day_change) {
                Some(t) => (When::Local(t), None),
                None => return Err((Field::Start, format!("expected {} as HH:MM, found '{s}'", w.start))),
            },
            _ => return Err((Field::Event, w.no_start.to_string())),
        },
    };
    let end = match (f.end.as_deref().and_then(super::when), &f.duration) {
        (Some(when), _) => End::At(when),
        (None, Some(dur)) => match super::duration_minutes(dur) {
            // A week is longer than any session: a typo, not a talk.
            Some(m) if m <= 7 * 24 * 60 => End::Minutes(m),
            _ => return Err((Field::Duration, format!("expected {} as HH:MM, found '{dur}'", w.duration))),
        },
        (None, None) => return Err((Field::Event, w.no_end.to_string())),
    };
    Ok(Timing { start, end, printed })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2021, 2, 6)
    }

    #[test]
    fn a_date_wins_over_a_start_and_a_duration_or_an_end_closes() {
        let f = Fields {
            date: Some("2021-02-06T11:00:00+01:00".into()),
            start: Some("11:00".into()),
            duration: Some("00:30".into()),
            ..Fields::default()
        };
        let t = decide(&f, day(), None, &PENTABARF_XML).unwrap();
        assert!(matches!(t.start, When::Instant(_)));
        assert!(matches!(t.end, End::Minutes(30)));
        assert_eq!(t.printed, NaiveTime::from_hms_opt(11, 0, 0));
        let f = Fields { start: Some("10:30".into()), end: Some("2021-02-06 11:00".into()), ..Fields::default() };
        let t = decide(&f, day(), None, &FRAB_JSON).unwrap();
        assert!(matches!((t.start, t.end), (When::Local(_), End::At(_))));
    }

    #[test]
    fn a_broken_date_or_a_broken_start_beside_a_date_is_a_problem_not_a_fallback() {
        let f = Fields {
            date: Some("2024-13-45T99:00".into()),
            start: Some("10:30".into()),
            duration: Some("00:30".into()),
            ..Fields::default()
        };
        let (field, msg) = decide(&f, day(), None, &PENTABARF_XML).unwrap_err();
        assert_eq!(field, Field::Date);
        assert!(msg.contains("<date>") && msg.contains("2024-13-45T99:00"), "{msg}");
        let f = Fields { date: Some("2021-02-06T11:00:00+01:00".into()), start: Some("25:99".into()), ..f };
        assert_eq!(decide(&f, day(), None, &FRAB_JSON).unwrap_err().0, Field::Start);
    }

    #[test]
    fn each_format_names_its_own_fields() {
        let f = Fields { start: Some("10h30".into()), duration: Some("00:30".into()), ..Fields::default() };
        assert_eq!(
            decide(&f, day(), None, &PENTABARF_XML).unwrap_err(),
            (Field::Start, "expected <start> as HH:MM, found '10h30'".into())
        );
        assert_eq!(decide(&f, day(), None, &FRAB_JSON).unwrap_err().1, "expected \"start\" as HH:MM, found '10h30'");
        let f = Fields { start: Some("10:30".into()), ..Fields::default() };
        assert_eq!(decide(&f, day(), None, &FRAB_JSON).unwrap_err(), (Field::Event, FRAB_JSON.no_end.into()));
        let f = Fields { start: Some("10:30".into()), duration: Some("9999:00".into()), ..Fields::default() };
        assert_eq!(decide(&f, day(), None, &FRAB_JSON).unwrap_err().0, Field::Duration, "a duration over a week");
        assert_eq!(
            decide(&Fields::default(), None, None, &FRAB_JSON).unwrap_err(),
            (Field::Event, FRAB_JSON.no_start.into())
        );
    }
}
