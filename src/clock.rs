//! Every "now" in hallway comes from a [`Clock`], so tests and `--at` can fix time.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
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

/// Parse `--at`: RFC 3339, or `YYYY-MM-DD HH:MM` (also with `T`, optional seconds) as wall-clock
/// time in the conference's zone.
pub fn parse_at(s: &str, tz: Tz) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let local = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .ok_or_else(|| format!("cannot read time '{s}': expected RFC 3339 or 'YYYY-MM-DD HH:MM' (conference time)"))?;
    local_to_utc(local, tz).ok_or_else(|| format!("{s} does not exist in {tz} (daylight-saving gap)"))
}

/// Like [`parse_at`], and a bare `HH:MM` means that time on `day` (the day being looked at).
pub fn parse_at_on(s: &str, tz: Tz, day: chrono::NaiveDate) -> Result<DateTime<Utc>, String> {
    match chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M") {
        Ok(time) => local_to_utc(day.and_time(time), tz)
            .ok_or_else(|| format!("{} {s} does not exist in {tz} (daylight-saving gap)", day.format("%Y-%m-%d"))),
        Err(_) => parse_at(s, tz).map_err(|e| e.replace("or 'YYYY-MM-DD HH:MM'", "'YYYY-MM-DD HH:MM' or 'HH:MM'")),
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
        assert!(parse_at("2022-03-13 02:30", tz).unwrap_err().contains("gap"));
        let day = chrono::NaiveDate::from_ymd_opt(2022, 10, 19).unwrap();
        assert_eq!(parse_at_on(" 10:30", tz, day).unwrap(), a);
        assert_eq!(parse_at_on("2022-10-19 10:30", tz, day).unwrap(), a);
        assert!(parse_at_on("10h30", tz, day).unwrap_err().contains("'HH:MM'"));
    }

    #[test]
    fn test_clock_moves() {
        let c = TestClock::new(DateTime::from_timestamp(0, 0).unwrap());
        c.advance(chrono::Duration::minutes(5));
        assert_eq!(c.now().timestamp(), 300);
        assert!(c.is_fixed());
    }
}
