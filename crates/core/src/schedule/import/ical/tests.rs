//! Tests of the iCalendar reader: feeds as they are written, and files that are refused.

use super::*;
use crate::schedule::import::Options;
use crate::schedule::{LoadError, Schedule};
use chrono::{DateTime, Utc};

/// Lines joined as feeds write them, with CRLF.
fn ics(lines: &[&str]) -> String {
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    text
}

fn load(text: &str) -> Result<Schedule, LoadError> {
    parse(text).finish(text, "test.ics", Options::default())
}

fn loaded(text: &str) -> Schedule {
    load(text).unwrap_or_else(|e| panic!("{e}"))
}

fn refused(text: &str) -> LoadError {
    match load(text) {
        Ok(s) => panic!("expected an error, read {} talks", s.talks().len()),
        Err(e) => e,
    }
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

#[test]
fn a_feed_in_utc_with_rooms_tracks_and_escapes() {
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//hallway//test//EN",
        "X-WR-CALNAME:Everything Open 2024",
        "BEGIN:VEVENT",
        "UID:talk-1@eo",
        "DTSTAMP:20231201T000000Z",
        "DTSTART:20240116T010000Z",
        "DTEND:20240116T014500Z",
        "SUMMARY:Kernel news",
        "LOCATION:Room A",
        "CATEGORIES:Kernel,Security\\, Privacy",
        "DESCRIPTION:First line\\, with a comma\\nSecond line\\; done",
        "URL:https://example.org/talk/1",
        "X-SPEAKERS:Ada Lovelace,Alan Turing",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:talk-2@eo",
        "DTSTART:20240116T020000Z",
        "DTEND:20240116T023000Z",
        "summary:Rust\\, again",
        "LOCATION:Room B",
        "description:One\\, two\\\\three",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    let s = loaded(&text);
    assert_eq!(s.conference.name, "Everything Open 2024");
    assert_eq!(s.conference.id, "everything-open-2024");
    assert_eq!(s.conference.rooms, vec!["Room A".to_string(), "Room B".to_string()]);
    assert_eq!(s.conference.tz.name(), "UTC");
    let t = s.talks();
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].id, "talk-1@eo");
    assert_eq!(t[0].title, "Kernel news");
    assert_eq!(t[0].room, 0);
    assert_eq!(t[0].track.as_deref(), Some("Kernel"));
    assert_eq!(t[0].tags, vec!["Kernel".to_string(), "Security, Privacy".to_string()]);
    assert_eq!(t[0].abstract_text, "First line, with a comma\nSecond line; done");
    assert_eq!(t[0].url.as_deref(), Some("https://example.org/talk/1"));
    assert_eq!(t[0].speakers, vec!["Ada Lovelace".to_string(), "Alan Turing".to_string()]);
    assert_eq!(t[0].kind, "talk");
    assert_eq!(t[0].start, utc("2024-01-16T01:00:00Z"));
    assert_eq!(t[0].end, utc("2024-01-16T01:45:00Z"));
    // Names in lower case are not unescaped by the crate: here they are, once.
    assert_eq!(t[1].id, "talk-2@eo");
    assert_eq!(t[1].title, "Rust, again");
    assert_eq!(t[1].abstract_text, "One, two\\three");
    assert_eq!(t[1].room, 1);
    assert_eq!(t[1].track, None);
    assert!(t[1].tags.is_empty());
    assert_eq!(t[1].start, utc("2024-01-16T02:00:00Z"));
    assert_eq!(t[1].end, utc("2024-01-16T02:30:00Z"));
}

#[test]
fn zoned_times_are_read_in_their_zone_and_shown_in_the_calendars() {
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "X-WR-CALNAME:linux.conf.au 2024",
        "X-WR-TIMEZONE:Australia/Melbourne",
        "BEGIN:VEVENT",
        "UID:keynote",
        "DTSTART;TZID=Australia/Melbourne:20240116T090000",
        "DTEND;TZID=Australia/Melbourne:20240116T094500",
        "SUMMARY:Keynote",
        "LOCATION:Main hall",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:utc",
        "DTSTART:20240116T000000Z",
        "DURATION:PT1H30M",
        "SUMMARY:Given in UTC",
        "LOCATION:Main hall",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:adelaide",
        "DTSTART;TZID=\"Australia/Adelaide\":20240116T100000",
        "DURATION:PT45M",
        "SUMMARY:Given in Adelaide",
        "LOCATION:Room 2",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    let s = loaded(&text);
    assert_eq!(s.conference.tz, chrono_tz::Australia::Melbourne);
    // UTC and Adelaide times are the same instants seen from Melbourne: nothing disagrees.
    assert!(s.conference.notes.is_empty(), "{:?}", s.conference.notes);
    let t = s.talks();
    let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["keynote", "adelaide", "utc"]);
    // 09:00 in Melbourne in January (daylight time, +11) is 22:00 UTC the day before.
    assert_eq!(t[0].start, utc("2024-01-15T22:00:00Z"));
    assert_eq!(t[0].end, utc("2024-01-15T22:45:00Z"));
    // 10:00 in Adelaide (+10:30).
    assert_eq!(t[1].start, utc("2024-01-15T23:30:00Z"));
    assert_eq!(t[1].end, utc("2024-01-16T00:15:00Z"));
    assert_eq!(t[2].start, utc("2024-01-16T00:00:00Z"));
    assert_eq!(t[2].end, utc("2024-01-16T01:30:00Z"));
    assert_eq!(s.local(t[2].start).format("%H:%M").to_string(), "11:00");

    // No X-WR-TIMEZONE: the first start's TZID names the zone.
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "UID:paris",
        "DTSTART;TZID=Europe/Paris:20240301T100000",
        "DTEND;TZID=Europe/Paris:20240301T103000",
        "SUMMARY:Bonjour",
        "LOCATION:Amphi",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    assert_eq!(parse(&text).zone.map(|(z, _)| z).as_deref(), Some("Europe/Paris"));
    let s = loaded(&text);
    assert_eq!(s.conference.tz, chrono_tz::Europe::Paris);
    assert_eq!(s.talks()[0].start, utc("2024-03-01T09:00:00Z"));

    // A TZID that is no IANA name is read in the calendar's zone, and said.
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "X-WR-TIMEZONE:Australia/Sydney",
        "BEGIN:VEVENT",
        "UID:outlook",
        "DTSTART;TZID=AUS Eastern Standard Time:20240116T090000",
        "DTEND;TZID=AUS Eastern Standard Time:20240116T100000",
        "SUMMARY:From Outlook",
        "LOCATION:Room 1",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    let s = loaded(&text);
    assert_eq!(s.talks()[0].start, utc("2024-01-15T22:00:00Z"));
    let said = "times given in zones that are not IANA names ('AUS Eastern Standard Time') are read in \
                Australia/Sydney";
    assert_eq!(s.conference.remarks, vec![said.to_string()]);
}

#[test]
fn durations() {
    assert_eq!(duration_seconds("PT45M"), Some(2_700));
    assert_eq!(duration_seconds("PT1H30M"), Some(5_400));
    assert_eq!(duration_seconds("P1D"), Some(86_400));
    assert_eq!(duration_seconds("P1DT2H"), Some(93_600));
    assert_eq!(duration_seconds("P2W"), Some(1_209_600));
    assert_eq!(duration_seconds("PT30S"), Some(30));
    assert_eq!(duration_seconds("+PT1H"), Some(3_600));
    assert_eq!(duration_seconds("-PT15M"), Some(-900));
    let wrongs = ["", "P", "PT", "P1DT", "1H", "PT1H2D", "P1W2D", "PT1M1H", "PT1H1H", "P1Y", "PTH", "PT1Hx"];
    for wrong in wrongs.into_iter().chain(["P10000000000D"]) {
        assert_eq!(duration_seconds(wrong), None, "{wrong}");
    }
}

#[test]
fn all_day_cancelled_and_repeating_events() {
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "UID:dinner",
        "DTSTART;VALUE=DATE:20240117",
        "DTEND;VALUE=DATE:20240118",
        "SUMMARY:Conference dinner",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:gone",
        "STATUS:CANCELLED",
        "DTSTART:20240116T030000Z",
        "DTEND:20240116T033000Z",
        "SUMMARY:Withdrawn",
        "LOCATION:Room A",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:daily",
        "DTSTART:20240116T000000Z",
        "DTEND:20240116T001500Z",
        "RRULE:FREQ=DAILY;COUNT=3",
        "SUMMARY:Morning announcements",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Reminder",
        "TRIGGER:-PT5M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    let s = loaded(&text);
    assert_eq!(s.conference.name, "Conference");
    assert_eq!(s.conference.id, "conference");
    let t = s.talks();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].id, "daily");
    // The alarm's description is not the talk's.
    assert_eq!(t[0].abstract_text, "");
    assert_eq!(s.conference.rooms, vec!["Unassigned".to_string()]);
    assert_eq!(t[0].start, utc("2024-01-16T00:00:00Z"));
    assert_eq!(t[0].end, utc("2024-01-16T00:15:00Z"));
    assert_eq!(
        s.conference.remarks,
        vec![
            "1 all-day entry is not a talk: left out".to_string(),
            "1 cancelled event left out".to_string(),
            "1 repeating event: only its first time is shown".to_string(),
        ]
    );
}

#[test]
fn folded_lines_are_unfolded() {
    // LF line ends, as some generators write; continuations by a space or a tab.
    let text = [
        "BEGIN:VCALENDAR",
        "X-WR-CALNAME:Folded",
        "  Conf",
        "BEGIN:VEVENT",
        "UID:folded-1",
        "DTSTART:20240116T000000Z",
        "DTEND:20240116T010000Z",
        "SUMMARY:A very",
        "\t long title",
        "DESCRIPTION:This abstract is folded acr",
        " oss two lines\\, and",
        "  keeps its words.",
        "LOCATION:Room",
        "  B",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    .join("\n");
    let s = loaded(&text);
    assert_eq!(s.conference.name, "Folded Conf");
    let t = &s.talks()[0];
    assert_eq!(t.title, "A very long title");
    assert_eq!(t.abstract_text, "This abstract is folded across two lines, and keeps its words.");
    assert_eq!(s.conference.rooms, vec!["Room B".to_string()]);
}

#[test]
fn a_missing_summary_is_refused_at_its_event() {
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "UID:first",
        "DESCRIPTION:A long abstract that is fol",
        " ded here",
        "DTSTART:20240116T000000Z",
        "DTEND:20240116T001500Z",
        "SUMMARY:Fine",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:untitled",
        "DTSTART:20240116T010000Z",
        "DTEND:20240116T011500Z",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    let e = refused(&text);
    let p = e.problems();
    assert_eq!(p.len(), 1);
    assert!(p[0].message.contains("expected a SUMMARY"), "{}", p[0].message);
    assert_eq!(p[0].talk.as_deref(), Some("untitled"));
    // The second BEGIN:VEVENT, counted in the file as written (folded).
    assert_eq!(p[0].line, Some(10));
}

#[test]
fn events_without_an_id_an_end_or_a_right_time_are_refused() {
    fn event(lines: &[&str]) -> String {
        let mut all = vec!["BEGIN:VCALENDAR", "BEGIN:VEVENT"];
        all.extend_from_slice(lines);
        all.extend_from_slice(&["END:VEVENT", "END:VCALENDAR"]);
        ics(&all)
    }
    let cases: [(&[&str], &str); 5] = [
        (&["DTSTART:20240116T000000Z", "DTEND:20240116T001500Z", "SUMMARY:S"], "expected a UID"),
        (&["UID:a", "DTSTART:20240116T000000Z", "SUMMARY:S"], "expected DTEND or DURATION"),
        (&["UID:a", "DTSTART:2024-01-16 09:00", "DURATION:PT1H", "SUMMARY:S"], "expected DTSTART as a date"),
        (&["UID:a", "DTSTART:20240116T000000Z", "DURATION:1 hour", "SUMMARY:S"], "expected DURATION like PT45M"),
        (&["UID:a", "DTSTART:20240116T000000Z", "DURATION:P400D", "SUMMARY:S"], "longer than a year"),
    ];
    for (lines, expected) in cases {
        let e = refused(&event(lines));
        assert!(e.problems()[0].message.contains(expected), "{expected}: {}", e.problems()[0].message);
    }
}

#[test]
fn what_is_not_an_icalendar_file_is_refused() {
    let cases = [
        ("<html><body>Not a calendar</body></html>".to_string(), "invalid iCalendar: expected BEGIN:VCALENDAR"),
        ("{\"schedule\": {}}".to_string(), "invalid iCalendar: expected BEGIN:VCALENDAR"),
        (String::new(), "invalid iCalendar: expected BEGIN:VCALENDAR, found nothing"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n".to_string(), "cut short"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n".to_string(), "expected END:VEVENT"),
        ("END:VCALENDAR\r\n".to_string(), "closes nothing"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n".to_string(), "expected events"),
        ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\ntrailing junk\r\n".to_string(), "found 'trailing junk'"),
        // Read without recursion, so no stack to exhaust, and refused before it takes memory.
        ("BEGIN:X\n".repeat(200_000), "nested more than 16 deep"),
    ];
    for (text, expected) in cases {
        let e = refused(&text);
        assert_eq!(e.problems().len(), 1);
        assert!(e.problems()[0].message.contains(expected), "{expected}: {}", e.problems()[0].message);
    }
    let e = refused("<html>\n<body>\n");
    assert_eq!(e.problems()[0].line, Some(1));
}

#[test]
fn sniffing() {
    assert!(sniff("\u{feff}BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(sniff("\n  begin:vcalendar\n"));
    assert!(!sniff("{\"schedule\": {}}"));
    assert!(!sniff("BEGIN:VCAL"));
    assert!(!sniff("BEGIN:VCALENDAé"));
}
