//! iCalendar feeds (`.ics`), as linux.conf.au, regional Linux days and JRES publish them: each
//! `VEVENT` a talk, its `LOCATION` the room, its first `CATEGORIES` the track.
//!
//! The document's shape (which line opens or closes which component) is read here, one line at
//! a time; each property line is read by the `icalendar` crate. Its whole-document reader is
//! not used: it recurses once per nested `BEGIN:` (a crafted file of a million of them would
//! exhaust the stack), and a parameter value there may run on past the end of its line
//! (`DTSTART;X=a` swallows the next lines up to a colon), which would let a file hide its `END:`
//! lines from any count made beforehand. Read a line at a time, neither can happen, and each
//! problem names its line in the file as written (folded).

mod fields;
mod lines;
mod values;

use super::{Draft, End, Markup, Pos, RawEvent, When};
use fields::{CALENDAR_KEYS, EVENT_KEYS, Fields, Header};
use icalendar::parser::Property;
use lines::{Lines, after_ci, key_of, one_line, shown};
use values::{Prop, Stamp, Value, Zones, duration_seconds, value_of};

/// The room of an event whose `LOCATION` is missing or empty: feeds leave it out for plenaries
/// and breaks, and a file that is otherwise right should still open.
const UNASSIGNED: &str = "Unassigned";

/// Components nest three deep in real calendars (`VCALENDAR`, `VEVENT`, `VALARM`). Deeper is
/// refused: each open event holds its fields, and a file of nested `BEGIN:VEVENT` lines would
/// hold a few hundred bytes for every thirteen it has.
const MAX_DEPTH: usize = 16;

/// A `DURATION` beyond this is not a talk's length (and far beyond it, chrono's arithmetic on
/// the start would overflow).
const MAX_SECONDS: u64 = 366 * 86_400;

/// A file that starts (after a byte-order mark and blank lines) with `BEGIN:VCALENDAR`.
pub fn sniff(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.get(.."BEGIN:VCALENDAR".len()).is_some_and(|head| head.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
}

pub fn parse(text: &str) -> Draft {
    let mut d = Draft::default();
    let from = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut reader = Reader::default();
    for (at, line) in (Lines { text, at: from }) {
        if reader.line(&mut d, text, at, &line).is_err() {
            return d;
        }
    }
    if reader.check_end(&mut d, text, from).is_err() {
        return d;
    }
    let Reader { header, pending, left_out, .. } = reader;
    describe(&mut d, header, &pending);
    place(&mut d, text, pending);
    left_out.remark(&mut d);
    d
}

/// The reading stops here: the problem that stopped it is said in the draft.
struct Stop;

/// The components open as the lines are read, and what has been read of them.
#[derive(Default)]
struct Reader {
    stack: Vec<Frame>,
    header: Header,
    pending: Vec<Pending>,
    left_out: LeftOut,
    /// Components opened at the top level, and events opened at any depth.
    roots: usize,
    vevents: usize,
}

impl Reader {
    /// One logical line, starting at `at`: a component opened or closed, or a property of the
    /// innermost open one.
    fn line(&mut self, d: &mut Draft, text: &str, at: usize, line: &str) -> Result<(), Stop> {
        let bare = line.trim_start();
        if bare.is_empty() {
            return Ok(());
        }
        if let Some(name) = after_ci(bare, "BEGIN:") {
            return self.begin(d, text, at, name);
        }
        if let Some(name) = after_ci(bare, "END:") {
            return self.end(d, text, at, name);
        }
        let Some(top) = self.stack.last_mut() else {
            let expected = if self.roots == 0 { "BEGIN:VCALENDAR" } else { "BEGIN: or the end of the file" };
            invalid(d, text, at, format!("expected {expected}, found '{}'", shown(bare)));
            return Err(Stop);
        };
        // Only the lines wanted are handed to the property reader: a key of megabytes, or a
        // property nobody reads, costs one scan and no more.
        let key = key_of(line);
        if key.len() > 32 {
            return Ok(());
        }
        let key = key.to_ascii_uppercase();
        let wanted = match (&top.event, top.name.as_str()) {
            (Some(_), _) => EVENT_KEYS.contains(&key.as_str()),
            (None, "VCALENDAR") => CALENDAR_KEYS.contains(&key.as_str()),
            _ => false,
        };
        if !wanted {
            return Ok(());
        }
        match Property::try_from(line) {
            Ok(p) => match &mut top.event {
                Some(f) => f.take(&key, &p, at),
                None => self.header.take(&key, &p, at),
            },
            Err(e) => d.problem(text, &Pos::Offset(at), None, format!("invalid iCalendar: {}", one_line(&e, 200))),
        }
        Ok(())
    }

    /// `BEGIN:name`: a component opened, refused past `MAX_DEPTH`.
    fn begin(&mut self, d: &mut Draft, text: &str, at: usize, name: &str) -> Result<(), Stop> {
        if self.stack.len() >= MAX_DEPTH {
            let msg = format!(
                "components nested more than {MAX_DEPTH} deep (is an END: line missing?): no calendar nests so deep"
            );
            invalid(d, text, at, msg);
            return Err(Stop);
        }
        let name = name.trim().to_ascii_uppercase();
        let event = (name == "VEVENT").then(|| Fields { at, ..Fields::default() });
        self.vevents += usize::from(event.is_some());
        self.roots += usize::from(self.stack.is_empty());
        self.stack.push(Frame { name, event });
        Ok(())
    }

    /// `END:name`: the innermost open component closed (an event among them made a talk), or
    /// refused when it names another.
    fn end(&mut self, d: &mut Draft, text: &str, at: usize, name: &str) -> Result<(), Stop> {
        let name = name.trim();
        let Some(open) = self.stack.pop() else {
            invalid(d, text, at, format!("END:{} closes nothing that was opened", shown(name)));
            return Err(Stop);
        };
        if !open.name.eq_ignore_ascii_case(name) {
            let msg = format!("expected END:{}, found END:{}", shown(&open.name), shown(name));
            invalid(d, text, at, msg);
            return Err(Stop);
        }
        if let Some(f) = open.event {
            close_event(d, text, f, &mut self.pending, &mut self.left_out);
        }
        Ok(())
    }

    /// After the last line: every component closed, a calendar read, and events in it.
    fn check_end(&self, d: &mut Draft, text: &str, from: usize) -> Result<(), Stop> {
        if let Some(open) = self.stack.last() {
            let msg = format!("the file ends before END:{}: is it cut short?", shown(&open.name));
            invalid(d, text, text.len(), msg);
            return Err(Stop);
        }
        if self.roots == 0 {
            invalid(d, text, from, "expected BEGIN:VCALENDAR, found nothing".into());
            return Err(Stop);
        }
        if self.vevents == 0 {
            d.problem(text, &Pos::Unknown, None, "expected events (BEGIN:VEVENT): the calendar has none".into());
            return Err(Stop);
        }
        Ok(())
    }
}

/// An open component: its name (in capitals), and what is read of it when it is an event.
struct Frame {
    name: String,
    event: Option<Fields>,
}

/// The calendar's name, address and zone, from what the `VCALENDAR` says of itself.
fn describe(d: &mut Draft, header: Header, pending: &[Pending]) {
    let name = header.name.or(header.plain_name).map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    d.name = name.unwrap_or_else(|| "Conference".into());
    d.id = d.name.clone();
    d.url = header.url.filter(|u| !u.is_empty());
    // The calendar's own zone first; else the zone the first talk's start is written in.
    let named = header.zone.filter(|(z, _)| !z.is_empty()).map(|(z, at)| (z, Pos::Offset(at)));
    let first_tzid = pending.iter().find_map(|p| match &p.start {
        // Outlook writes Windows names ("AUS Eastern Standard Time"): not a zone to name the
        // conference by; its times are read in the calendar's zone (said by `place`).
        Stamp::Zoned(_, z) if z.parse::<chrono_tz::Tz>().is_ok() => Some((z.clone(), Pos::Offset(p.start_at))),
        _ => None,
    });
    if d.zone.is_none() {
        d.zone = named.or(first_tzid);
    }
}

/// The events read, their starts and ends read in the calendar's zone now that it is known.
fn place(d: &mut Draft, text: &str, pending: Vec<Pending>) {
    let mut zones = Zones::new(d.zone.as_ref().map(|(z, _)| z.clone()));
    for p in pending {
        let Pending { mut ev, start, start_at, end } = p;
        let id = ev.id.clone();
        ev.start = match zones.when(&start) {
            Ok(w) => w,
            Err(msg) => {
                d.problem(text, &Pos::Offset(start_at), Some(id.as_str()), msg);
                continue;
            }
        };
        ev.end = match end {
            Later::Minutes(m) => End::Minutes(m),
            Later::At(stamp, end_at) => match zones.when(&stamp) {
                Ok(w) => End::At(w),
                Err(msg) => {
                    d.problem(text, &Pos::Offset(end_at), Some(id.as_str()), msg);
                    continue;
                }
            },
        };
        d.events.push(ev);
    }
    if !zones.unknown.is_empty() {
        let list = crate::schedule::error::first_of(&zones.unknown, true);
        let read_in = zones.name.clone().unwrap_or_else(|| "the conference's zone".into());
        d.remarks.push(format!("times given in zones that are not IANA names ({list}) are read in {read_in}"));
    }
}

enum Later {
    /// The end, and where it is written.
    At(Stamp, usize),
    Minutes(i64),
}

/// An event read, waiting for the zone: `X-WR-TIMEZONE` may come after the events, and how a
/// time in another zone is written depends on it.
struct Pending {
    /// Its start and end are set once the zone is known.
    ev: RawEvent,
    start: Stamp,
    start_at: usize,
    end: Later,
}

/// What is left out of the schedule without being wrong, counted for one remark each.
#[derive(Default)]
struct LeftOut {
    all_day: usize,
    cancelled: usize,
    repeating: usize,
}

impl LeftOut {
    fn remark(&self, d: &mut Draft) {
        match self.all_day {
            0 => {}
            1 => d.remarks.push("1 all-day entry is not a talk: left out".into()),
            n => d.remarks.push(format!("{n} all-day entries are not talks: left out")),
        }
        match self.cancelled {
            0 => {}
            1 => d.remarks.push("1 cancelled event left out".into()),
            n => d.remarks.push(format!("{n} cancelled events left out")),
        }
        match self.repeating {
            0 => {}
            1 => d.remarks.push("1 repeating event: only its first time is shown".into()),
            n => d.remarks.push(format!("{n} repeating events: only their first time is shown")),
        }
    }
}

/// One event's fields checked and made a talk, or left out (all-day banners such as the
/// conference dinner, cancelled talks), or said as a problem.
fn close_event(d: &mut Draft, text: &str, f: Fields, out: &mut Vec<Pending>, left_out: &mut LeftOut) {
    let Fields {
        at,
        uid,
        summary,
        location,
        description,
        url,
        start,
        end,
        duration,
        categories,
        speakers,
        cancelled,
        repeats,
    } = f;
    if cancelled {
        left_out.cancelled += 1;
        return;
    }
    let start_value = start.as_ref().map(value_of);
    if let Some(Some(Value::Date)) = start_value {
        left_out.all_day += 1;
        return;
    }
    let pos = Pos::Offset(at);
    let Some(id) = uid.filter(|u| !u.trim().is_empty()) else {
        d.problem(text, &pos, None, "expected a UID (the event's id)".into());
        return;
    };
    let idr = Some(id.as_str());
    let Some(title) = summary.filter(|s| !s.trim().is_empty()) else {
        d.problem(text, &pos, idr, "expected a SUMMARY (the talk's title)".into());
        return;
    };
    let (Some(start), Some(start_value)) = (start, start_value) else {
        d.problem(text, &pos, idr, "expected a DTSTART (when it starts)".into());
        return;
    };
    let Some(Value::At(first)) = start_value else {
        let msg = format!("expected DTSTART as a date and time like 20240115T093000Z, found '{}'", shown(&start.value));
        d.problem(text, &Pos::Offset(start.at), idr, msg);
        return;
    };
    let Some(later) = end_of(d, text, &pos, idr, end.as_ref(), duration.as_ref()) else {
        return;
    };
    if repeats {
        left_out.repeating += 1;
    }
    let room = location.filter(|l| !crate::sanitize::line(l).is_empty()).unwrap_or_else(|| UNASSIGNED.into());
    let ev = RawEvent {
        pos,
        id,
        title,
        speakers,
        room,
        // Placeholders: set once the zone is known.
        start: When::Local(first.naive()),
        end: End::Minutes(0),
        kind: "talk".into(),
        track: categories.first().cloned(),
        tags: categories,
        abstract_text: description.unwrap_or_default(),
        markup: Markup::Plain,
        language: None,
        recorded: None,
        video: None,
        links: Vec::new(),
        url: url.filter(|u| !u.is_empty()),
        printed: None,
    };
    out.push(Pending { ev, start: first, start_at: start.at, end: later });
}

/// When the event ends: at its `DTEND`, else its `DURATION` after the start. None once what
/// is written there is said as a problem.
fn end_of(
    d: &mut Draft,
    text: &str,
    pos: &Pos,
    id: Option<&str>,
    end: Option<&Prop>,
    duration: Option<&Prop>,
) -> Option<Later> {
    if let Some(p) = end {
        match value_of(p) {
            Some(Value::At(s)) => Some(Later::At(s, p.at)),
            _ => {
                let msg =
                    format!("expected DTEND as a date and time like 20240115T103000Z, found '{}'", shown(&p.value));
                d.problem(text, &Pos::Offset(p.at), id, msg);
                None
            }
        }
    } else if let Some(p) = duration {
        match duration_seconds(&p.value) {
            // Whole minutes, a part of one counted as one (as `duration_minutes` does).
            Some(s) if s.unsigned_abs() <= MAX_SECONDS => Some(Later::Minutes((s + 59).div_euclid(60))),
            Some(_) => {
                let msg = format!("DURATION {} is longer than a year: expected a talk's length", shown(&p.value));
                d.problem(text, &Pos::Offset(p.at), id, msg);
                None
            }
            None => {
                let msg = format!("expected DURATION like PT45M or PT1H30M, found '{}'", shown(&p.value));
                d.problem(text, &Pos::Offset(p.at), id, msg);
                None
            }
        }
    } else {
        d.problem(text, pos, id, "expected DTEND or DURATION (when it ends)".into());
        None
    }
}

fn invalid(d: &mut Draft, text: &str, at: usize, message: String) {
    d.problem(text, &Pos::Offset(at), None, format!("invalid iCalendar: {message}"));
}

#[cfg(test)]
mod tests;
