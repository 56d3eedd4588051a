//! Which zone a file's times are shown in: the one it names, unless its own offsets say
//! otherwise; with neither, the person's.

use super::{Draft, End, Options, When};
use crate::sanitize;
use chrono::{DateTime, FixedOffset, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;
use std::collections::HashSet;

impl Draft {
    /// When one conference day ends and the next begins, in the conference's zone: the time
    /// a day that runs past midnight ends (a Congress night to 06:00), or the file's own
    /// `day_change`. Days are read in the zone, never as their dates are written (a file may
    /// write a day at 03:00 in India as 21:30 UTC the day before).
    pub(super) fn day_change(&self, tz: Tz) -> NaiveTime {
        let local = |w: When| match w {
            When::Instant(t) => t.with_timezone(&tz).naive_local(),
            When::Local(t) => t,
        };
        if let Some(change) = self.day_change {
            return change;
        }
        let mut change = NaiveTime::MIN;
        for d in &self.days {
            let (Some(end), start) = (d.end.map(local), d.start.map(local)) else { continue };
            let day = start.map(|s| s.date()).or(d.date);
            if day.is_some_and(|day| end.date() > day) && end.time() < NaiveTime::from_hms_opt(12, 0, 0).unwrap() {
                change = change.max(end.time());
            }
        }
        // A night never reaches into the next day's own start.
        let first_start = self.days.iter().filter_map(|d| d.start.map(local)).map(|s| s.time()).min();
        match first_start {
            Some(s) if s < change => s,
            _ => change,
        }
    }

    /// The zone times are shown in. A full timestamp's offset always fixes the instant; the
    /// zone decides the wall clock shown. When the named zone disagrees with the offsets in
    /// the data (pretalx may say "UTC" over +01:00 times), the data wins, and a note says so.
    pub(super) fn zone(&mut self, text: &str, opts: Options, notes: &mut Vec<String>) -> Tz {
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
