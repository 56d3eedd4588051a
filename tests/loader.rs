//! The native loader: every kind of bad input is located and explained, never a panic.

use hallway::schedule::{self, LoadError};

const GOOD_HEAD: &str = r#"{
  "conference": {"id": "t", "name": "Test", "timezone": "Europe/Amsterdam", "tracks": ["A", "B"]},
  "talks": ["#;

fn load(talks: &str) -> Result<schedule::Schedule, LoadError> {
    schedule::parse_bytes(format!("{GOOD_HEAD}{talks}]}}").as_bytes(), "test.json")
}

fn problems(talks: &str) -> Vec<String> {
    load(talks).unwrap_err().problems().iter().map(|p| p.to_string()).collect()
}

#[test]
fn accepts_end_duration_and_offsets() {
    let s = load(
        r#"{"id": "a", "title": "One", "track": "A", "start": "2022-10-30T02:30", "duration": 60},
           {"id": "b", "title": "Two", "track": "B", "start": "2022-10-30T09:00+01:00", "end": "2022-10-30T09:30:00+01:00"}"#,
    )
    .unwrap();
    // 02:30 happens twice on the night clocks go back in Amsterdam: the first (CEST) is meant.
    assert_eq!(s.talk("a").unwrap().start.to_rfc3339(), "2022-10-30T00:30:00+00:00");
    assert_eq!(s.talk("a").unwrap().minutes(), 60);
    assert_eq!(s.talk("b").unwrap().kind, "talk");
}

#[test]
fn unknown_track_names_line_column_talk_and_choices() {
    let p =
        problems(r#"{"id": "x", "title": "T", "track": "C", "start": "2022-10-30T09:00", "end": "2022-10-30T09:30"}"#);
    assert_eq!(p, vec!["3:48: talk 'x': unknown track 'C': expected one of 'A', 'B'"]);
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let p = problems(
        r#"{"id": "x", "title": "T", "track": "A", "start": "2022-10-30T09:00", "end": "2022-10-30T08:00"},
  {"id": "x", "title": "U", "track": "B", "start": "2022-10-30T09:00", "end": "2022-10-30T09:30"},
  {"id": "y", "title": "V", "track": "A", "start": "tomorrow", "end": "2022-10-30T09:30"},
  {"id": "z", "track": "A", "start": "2022-10-30T09:00", "duration": -5},
  {"id": "w", "title": ["no"], "track": "A", "start": "2022-03-27T02:30", "end": "2022-03-27T03:30"}"#,
    );
    assert_eq!(p.len(), 7, "{p:#?}");
    assert!(p[0].starts_with("3:") && p[0].contains("talk 'x': ends before it starts"), "{}", p[0]);
    assert!(p[1].starts_with("4:") && p[1].contains("talk 'x': duplicate id"), "{}", p[1]);
    assert!(p[2].starts_with("5:") && p[2].contains("found 'tomorrow'"), "{}", p[2]);
    assert!(p[3].contains("talk 'z': missing \"title\""), "{}", p[3]);
    assert!(p[4].contains("talk 'z': expected a duration in whole minutes"), "{}", p[4]);
    assert!(p[5].contains("talk 'w': \"title\" must be a string, found an array"), "{}", p[5]);
    assert!(p[6].contains("daylight-saving"), "{}", p[6]);
}

#[test]
fn bad_time_zone_and_bad_json() {
    let text = r#"{"conference": {"id": "t", "timezone": "Mars/Olympus", "tracks": ["A"]}, "talks": []}"#;
    let e = schedule::parse_bytes(text.as_bytes(), "z.json").unwrap_err();
    assert!(e.to_string().contains("z.json:1:40: unknown time zone 'Mars/Olympus'"), "{e}");

    let e = schedule::parse_bytes(b"{\n  \"conference\": {,\n}", "broken.json").unwrap_err();
    assert_eq!(e.problems()[0].line, Some(2));
    assert!(e.to_string().contains("broken.json:2:18: invalid JSON: key must be a string"), "{e}");

    let e = schedule::parse_bytes(b"[1, 2]", "list.json").unwrap_err();
    assert!(e.to_string().contains("not a schedule hallway knows: expected hallway JSON, frab/pretalx"), "{e}");
    let e = schedule::parse_bytes(b"\xff\xfe", "bin.json").unwrap_err();
    assert!(e.to_string().contains("not valid UTF-8"), "{e}");
}

#[test]
fn hostile_text_is_sanitized_and_unicode_kept() {
    let s = load(
        r#"{"id": "e", "title": "Fast \u001b[2J\u001b]52;c;aGk=\u0007Paths 日本語 🦀", "speakers": ["Zoë\u0008\u009b31m"],
            "track": "A", "start": "2022-10-30T09:00", "end": "2022-10-30T09:30", "abstract": "line one\r\nline\u0007 two"}"#,
    )
    .unwrap();
    let t = s.talk("e").unwrap();
    assert_eq!(t.title, "Fast Paths 日本語 🦀");
    assert_eq!(t.speakers, ["Zoë"]);
    assert_eq!(t.abstract_text, "line one\nline two");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = schedule::parse_bytes(deep.as_bytes(), "deep.json").unwrap_err();
    assert!(e.to_string().contains("not a schedule hallway knows"), "{e}");
    // Inside an event, where a reader opens the value, it is one wrong value.
    let frab = std::fs::read_to_string("tests/fixtures/real/frab-camp2019.json").unwrap();
    let nested = format!("\"title\": {}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep = frab.replacen("\"title\": \"Opening Ceremony\"", &nested, 1);
    let e = schedule::parse_bytes(deep.as_bytes(), "deep.json").unwrap_err();
    assert!(e.to_string().contains("expected \"title\" as a string, found an array"), "{e}");
}

#[test]
fn bom_is_accepted() {
    let s = schedule::parse_bytes(format!("\u{feff}{}", schedule::BUNDLED).as_bytes(), "bom.json").unwrap();
    assert_eq!(s.conference.id, "p99conf-2022");
}
