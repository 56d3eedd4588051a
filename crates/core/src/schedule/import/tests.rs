use super::*;

#[test]
fn durations_days_and_timestamps() {
    assert_eq!(duration_minutes("00:30"), Some(30));
    assert_eq!(duration_minutes("1:30"), Some(90));
    assert_eq!(duration_minutes("01:30:30"), Some(91));
    assert_eq!(duration_minutes("half an hour"), None);
    let d = NaiveDate::from_ymd_opt(2019, 8, 21).unwrap();
    let four = NaiveTime::from_hms_opt(9, 0, 0);
    assert_eq!(on_day(d, "01:30", four).unwrap().to_string(), "2019-08-22 01:30:00");
    assert_eq!(on_day(d, "11:00", four).unwrap().to_string(), "2019-08-21 11:00:00");
    assert!(matches!(when("2019-08-21T11:00:00+02:00"), Some(When::Instant(_))));
    assert!(matches!(when("2020-03-28T09:00:00"), Some(When::Local(_))));
    assert_eq!(when("soon"), None);
    assert_eq!(slug("Chaos Communication Camp 2019"), "chaos-communication-camp-2019");
    assert_eq!(slug("  ~~ "), "conference");
}

#[test]
fn the_video_is_the_recording_not_the_feedback_form() {
    let links = [
        ("https://video.fosdem.org/2021/K.fosdem/keynotes_welcome.webm", "Video recording (WebM/VP9)"),
        ("https://video.fosdem.org/2021/K.fosdem/keynotes_welcome.mp4", "Video recording (mp4)"),
        ("https://submission.fosdem.org/feedback/11795.php", "Submit feedback"),
    ];
    assert_eq!(pick_video(links).unwrap(), "https://video.fosdem.org/2021/K.fosdem/keynotes_welcome.mp4");
    assert_eq!(pick_video([("https://example.org/slides.pdf", "Slides")]), None);
    assert_eq!(pick_video([("javascript:alert(1)", "Video")]), None);
}

#[test]
fn a_zone_that_disagrees_with_the_offsets_yields_to_them() {
    let ev = |t: &str| RawEvent {
        printed: None,
        url: None,
        pos: Pos::Unknown,
        id: t.into(),
        title: "T".into(),
        speakers: vec![],
        room: "R".into(),
        start: when(t).unwrap(),
        end: End::Minutes(30),
        kind: String::new(),
        track: None,
        tags: vec![],
        abstract_text: String::new(),
        markup: super::Markup::Plain,
        language: None,
        recorded: None,
        video: None,
        links: vec![],
    };
    let draft = |zone: Option<&str>| Draft {
        id: "x".into(),
        zone: zone.map(|z| (z.to_string(), Pos::Unknown)),
        events: vec![ev("2020-12-14T09:00:00+01:00")],
        ..Draft::default()
    };
    let s = draft(Some("UTC")).finish("", "x", Options::default()).unwrap();
    assert_eq!(s.local(s.talks()[0].start).format("%H:%M %:z").to_string(), "09:00 +01:00");
    assert!(s.conference.notes[0].contains("names the time zone UTC, but its times carry +01:00"));
    let s = draft(Some("Europe/Amsterdam")).finish("", "x", Options::default()).unwrap();
    assert_eq!(s.conference.tz, chrono_tz::Europe::Amsterdam);
    assert!(s.conference.notes.is_empty());
    let s = draft(None).finish("", "x", Options::default()).unwrap();
    assert_eq!(s.conference.tz.name(), "Etc/GMT-1");
    let mut floating = draft(None);
    floating.events[0].start = when("2020-03-28T09:00:00").unwrap();
    let opts = Options { zone: Some(chrono_tz::America::New_York), ..Options::default() };
    let s = floating.finish("", "x", opts).unwrap();
    assert_eq!(s.local(s.talks()[0].start).format("%H:%M %Z").to_string(), "09:00 EDT");
    assert!(s.conference.notes.is_empty(), "a zone given is not said back");
    let mut floating = draft(None);
    floating.events[0].start = when("2020-03-28T09:00:00").unwrap();
    let s = floating.finish("", "x", Options::default()).unwrap();
    assert!(s.conference.notes[0].contains("no time zone or UTC offset"), "a guess is said");
}

fn frab(events: &str) -> Result<Schedule, LoadError> {
    let text = format!(
        r#"{{"schedule": {{"conference": {{"title": "C", "time_zone_name": "Europe/Berlin", "days": [
        {{"date": "2019-08-21", "rooms": {{"Ada ": [{events}]}}}}]}}}}}}"#
    );
    crate::schedule::parse_bytes(text.as_bytes(), "c.json")
}

#[test]
fn a_recording_picked_among_the_links_is_cleaned_as_every_address() {
    let event = r#"{"guid": "v", "title": "T", "date": "2019-08-21T11:00:00+02:00", "duration": "00:30", "room": "Ada",
        "links": [{"url": "https://media.ccc.de/v/x\n\u001b]52;c;ZXZpbA==\u0007", "title": "Video recording"}]}"#;
    let s = frab(event).unwrap();
    let t = &s.talks()[0];
    assert_eq!(t.video.as_deref(), Some("https://media.ccc.de/v/x"), "the escape dropped whole: {t:?}");
    assert!(t.links.iter().all(|l| !l.url.contains(['\n', '\u{1b}', '\u{7}'])), "{t:?}");
}

fn ev(guid: &str, room: &str, duration: &str) -> String {
    format!(
        r#"{{"guid": "{guid}", "title": "T {guid}", "date": "2019-08-21T11:00:00+02:00", "duration": "{duration}", "room": "{room}"}}"#
    )
}

#[test]
fn a_repeated_id_never_takes_one_a_later_event_owns() {
    let list = [
        ev("X#2", "Ada", "00:30"),
        ev("X", "Ada", "00:30"),
        ev("X", "Ada", "00:30"),
        ev("X#3", "Ada", "00:30"),
        ev("X", "Ada", "00:30"),
    ];
    let s = frab(&list.join(",")).unwrap();
    let mut ids: Vec<&str> = s.talks().iter().map(|t| t.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["X", "X#2", "X#3", "X#4", "X#5"], "the file's own X#2 and X#3 keep their ids");
    let remark = s.conference.remarks.iter().find(|r| r.contains("share an id")).unwrap();
    assert!(remark.starts_with("2 events share an id with an earlier one ('X')"), "{remark}");
    assert!(!s.conference.remarks.iter().any(|r| r.contains("listed under")), "'Ada ' is 'Ada' once cleaned");
}

#[test]
fn a_talk_of_months_or_of_year_ten_thousand_is_a_typo() {
    let ics = |start: &str, end: &str| {
        let text = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nSUMMARY:S\r\nDTSTART:{start}\r\nDTEND:{end}\r\nLOCATION:R\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        crate::schedule::parse_bytes(text.as_bytes(), "c.ics").map_err(|e| e.to_string())
    };
    let e = ics("20240101T100000Z", "20250101T100000Z").unwrap_err();
    assert!(e.contains("an end within a month of the start"), "{e}");
    let e = ics("99991231T235959Z", "99991231T235959Z").unwrap_err();
    assert!(e.contains("talk 'u'"), "{e}");
    assert!(ics("20240101T100000Z", "20240102T110000Z").is_ok(), "a 25-hour hacking area is a real event");
    assert!(frab(&ev("hack", "Ada", "25:00")).is_ok());
}
