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
    pub start: &'static str,
    pub duration: &'static str,
    /// Said when neither a date nor a start on a dated day is there.
    pub no_start: &'static str,
    /// Said when neither an end nor a duration is there.
    pub no_end: &'static str,
}

pub const FRAB_JSON: Wording = Wording {
    start: "\"start\"",
    duration: "\"duration\"",
    no_start: "expected \"date\" (2019-08-21T11:00:00+02:00) or \"start\" (HH:MM) on a dated day",
    no_end: "expected \"duration\" (HH:MM) or \"end\"",
};

pub const PENTABARF_XML: Wording = Wording {
    start: "<start>",
    duration: "<duration>",
    no_start: "expected <start>HH:MM</start> in a dated <day>, or a <date>",
    no_end: "expected a <duration>HH:MM</duration>",
};

/// Which field a problem is about, for the reader to place it (file:line:column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Start,
    Duration,
    /// Missing altogether: placed at the event.
    Event,
}

impl Field {
    /// Where the reader places a problem about this field.
    pub fn place<P>(self, start: P, duration: P, event: P) -> P {
        match self {
            Field::Start => start,
            Field::Duration => duration,
            Field::Event => event,
        }
    }
}

/// The start and end, or the one problem that stops the event being read.
pub fn decide(
    f: &Fields,
    date: Option<NaiveDate>,
    day_change: Option<NaiveTime>,
    w: &Wording,
) -> Result<(When, End), (Field, String)> {
    let start = match f.date.as_deref().and_then(super::when) {
        Some(when) => when,
        None => match (&f.start, date) {
            (Some(s), Some(date)) => match super::on_day(date, s, day_change) {
                Some(t) => When::Local(t),
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
    Ok((start, end))
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
            start: Some("99:99".into()),
            duration: Some("00:30".into()),
            ..Fields::default()
        };
        let (start, end) = decide(&f, day(), None, &PENTABARF_XML).unwrap();
        assert!(matches!(start, When::Instant(_)));
        assert!(matches!(end, End::Minutes(30)));
        let f = Fields { start: Some("10:30".into()), end: Some("2021-02-06 11:00".into()), ..Fields::default() };
        assert!(matches!(decide(&f, day(), None, &FRAB_JSON).unwrap(), (When::Local(_), End::At(_))));
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
