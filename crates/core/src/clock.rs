//! Every "now" in hallway comes from a [`Clock`], so tests and `--at` can fix time.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::cell::Cell;

pub trait Clock {
    fn now(&self) -> DateTime<Utc>;
    /// True when the clock is not the real one (the UI says time travel is on).
    fn is_fixed(&self) -> bool {
        false
    }
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant (`--at`).
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
    fn is_fixed(&self) -> bool {
        true
    }
}

/// A pretended time that runs like a clock from where it was set (`--at` in the planner):
/// the header, Now, progress bars and reminders move on with it.
pub struct RunningClock {
    start: DateTime<Utc>,
    since: std::time::Instant,
}

impl RunningClock {
    pub fn from(start: DateTime<Utc>) -> Self {
        Self { start, since: std::time::Instant::now() }
    }
}

impl Clock for RunningClock {
    fn now(&self) -> DateTime<Utc> {
        self.start + chrono::Duration::from_std(self.since.elapsed()).unwrap_or_default()
    }
    fn is_fixed(&self) -> bool {
        true
    }
}

/// A clock tests move by hand.
pub struct TestClock(Cell<DateTime<Utc>>);

impl TestClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Cell::new(at))
    }
    pub fn set(&self, at: DateTime<Utc>) {
        self.0.set(at);
    }
    pub fn advance(&self, by: chrono::Duration) {
        self.0.set(self.0.get() + by);
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.get()
    }
    fn is_fixed(&self) -> bool {
        true
    }
}

/// A time that cannot be read, or that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("cannot read time '{text}': expected {expected} (conference time)")]
    Unreadable { text: String, expected: &'static str },
    #[error("{text} does not exist in {zone} (daylight-saving gap)")]
    Gap { text: String, zone: Tz },
    #[error("the conference has no {what}: its days are {days}")]
    NoSuchDay { what: String, days: String },
}

const ABSOLUTE: &str = "RFC 3339 or 'YYYY-MM-DD HH:MM'";
const ANY: &str = "RFC 3339, 'YYYY-MM-DD HH:MM', 'HH:MM', 'day 2 10:30' or 'Thu 09:20'";

/// Parse an absolute time: RFC 3339, or `YYYY-MM-DD HH:MM` (also with `T`, optional seconds)
/// as wall-clock time in the conference's zone.
pub fn parse_at(s: &str, tz: Tz) -> Result<DateTime<Utc>, TimeError> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let local = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .ok_or_else(|| TimeError::Unreadable { text: s.into(), expected: ABSOLUTE })?;
    local_to_utc(local, tz).ok_or_else(|| TimeError::Gap { text: s.into(), zone: tz })
}

/// A time of the conference, as a person says it: anything [`parse_at`] reads, or `HH:MM` (on
/// `default_day`), `day 2 10:30` (the conference's second day) or `Thu 09:20` (its Thursday).
/// `days` are the conference's dates, in order.
pub fn parse_conference_time(
    s: &str,
    tz: Tz,
    days: &[NaiveDate],
    default_day: NaiveDate,
    day_change: NaiveTime,
) -> Result<DateTime<Utc>, TimeError> {
    let s = s.trim();
    // "day 1 00:20" at a Congress (days to 06:00) is the night of day 1: the next date.
    let on_conference_day = |day: NaiveDate, hm: &str| match NaiveTime::parse_from_str(hm.trim(), "%H:%M") {
        Ok(t) if t < day_change => day.succ_opt().unwrap_or(day),
        _ => day,
    };
    let unreadable = || TimeError::Unreadable { text: s.into(), expected: ANY };
    let on = |day: NaiveDate, hm: &str| {
        let time = NaiveTime::parse_from_str(hm.trim(), "%H:%M").map_err(|_| unreadable())?;
        local_to_utc(day.and_time(time), tz)
            .ok_or_else(|| TimeError::Gap { text: format!("{} {hm}", day.format("%Y-%m-%d")), zone: tz })
    };
    let listed = || days.iter().map(|d| d.format("%a %-d %b").to_string()).collect::<Vec<_>>().join(", ");
    if let Ok(t) = parse_at(s, tz) {
        return Ok(t);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    match words[..] {
        [hm] if hm.contains(':') => on(on_conference_day(default_day, hm), hm),
        [d, n, hm] if d.eq_ignore_ascii_case("day") => {
            let n: usize = n.parse().map_err(|_| unreadable())?;
            let day = n
                .checked_sub(1)
                .and_then(|i| days.get(i))
                .ok_or_else(|| TimeError::NoSuchDay { what: format!("day {n}"), days: listed() })?;
            on(on_conference_day(*day, hm), hm)
        }
        [name, hm] => {
            let weekday: chrono::Weekday = name.parse().map_err(|_| unreadable())?;
            let day = days
                .iter()
                .find(|d| d.weekday() == weekday)
                .ok_or_else(|| TimeError::NoSuchDay { what: format!("{weekday}"), days: listed() })?;
            on(*day, hm)
        }
        _ => Err(unreadable()),
    }
}

/// Wall-clock time in `tz` to an instant. In the repeated hour of a fall-back the first
/// occurrence wins (the one printed programmes mean); a spring-forward gap has no instant.
pub fn local_to_utc(local: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc))
}

/// The user's own zone: `TZ` when it names an IANA zone, else the system's.
pub fn user_zone() -> Option<Tz> {
    let from_env = std::env::var("TZ").ok().map(|v| v.trim_start_matches(':').to_string());
    from_env
        .filter(|v| !v.is_empty())
        .or_else(|| iana_time_zone::get_timezone().ok())
        .and_then(|name| name.parse::<Tz>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_accepts_local_and_rfc3339() {
        let tz: Tz = "America/Los_Angeles".parse().unwrap();
        let a = parse_at("2022-10-19 10:30", tz).unwrap();
        assert_eq!(a.to_rfc3339(), "2022-10-19T17:30:00+00:00");
        let b = parse_at("2022-10-19T10:30:00-07:00", tz).unwrap();
        assert_eq!(a, b);
        assert!(parse_at("yesterday", tz).is_err());
        assert!(parse_at("2022-03-13 02:30", tz).unwrap_err().to_string().contains("gap"));
        let day = chrono::NaiveDate::from_ymd_opt(2022, 10, 19).unwrap();
        let parse_at_on =
            |s: &str, tz, day| parse_conference_time(s, tz, &[day, day.succ_opt().unwrap()], day, NaiveTime::MIN);
        assert_eq!(parse_at_on(" 10:30", tz, day).unwrap(), a);
        assert_eq!(parse_at_on("2022-10-19 10:30", tz, day).unwrap(), a);
        // The conference's days by number and by weekday.
        assert_eq!(parse_at_on("day 1 10:30", tz, day).unwrap(), a);
        assert_eq!(parse_at_on("Thu 10:30", tz, day).unwrap(), a + chrono::Duration::days(1));
        assert_eq!(parse_at_on("thursday 10:30", tz, day).unwrap(), a + chrono::Duration::days(1));
        let e = parse_at_on("day 3 10:30", tz, day).unwrap_err().to_string();
        assert!(e.contains("no day 3") && e.contains("Wed 19 Oct, Thu 20 Oct"), "{e}");
        assert!(parse_at_on("Fri 10:30", tz, day).unwrap_err().to_string().contains("no Fri"));
        assert!(parse_at_on("10h30", tz, day).unwrap_err().to_string().contains("'HH:MM'"));
    }

    #[test]
    fn test_clock_moves() {
        let c = TestClock::new(DateTime::from_timestamp(0, 0).unwrap());
        c.advance(chrono::Duration::minutes(5));
        assert_eq!(c.now().timestamp(), 300);
        assert!(c.is_fixed());
    }
}
