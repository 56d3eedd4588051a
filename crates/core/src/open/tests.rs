use super::*;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn a_bare_time_is_today_while_the_conference_runs() {
    // The bundled conference runs 19-20 Oct 2022 in Los Angeles.
    let s = schedule::bundled();
    let (t, note) = conference_time(&s, "09:20", utc("2022-10-20T15:00:00Z")).unwrap();
    assert_eq!(t, utc("2022-10-20T16:20:00Z"), "the second day, today at the conference");
    assert_eq!(note, None, "today needs no note");
}

#[test]
fn a_bare_time_is_the_first_day_otherwise_and_says_so() {
    let s = schedule::bundled();
    let (t, note) = conference_time(&s, "09:20", utc("2026-12-07T12:00:00Z")).unwrap();
    assert_eq!(t, utc("2022-10-19T16:20:00Z"));
    assert_eq!(note.as_deref(), Some("--at 09:20 is 09:20 on the conference's first day, Wed 19 Oct 2022"));
    // A time with its date says nothing more.
    let (_, note) = conference_time(&s, "2022-10-20 09:20", utc("2026-12-07T12:00:00Z")).unwrap();
    assert_eq!(note, None);
}

#[test]
fn an_unknown_zone_or_schedule_is_a_usage_error_with_the_name_cleaned() {
    let Err(OpenError::Usage(m)) = load_options(Some("Mars/\x1b]52;c;eA==\x07Base"), Abstracts::Read) else {
        panic!("not a usage error")
    };
    assert!(!m.contains('\x1b') && m.contains("unknown time zone"), "{m}");
    let Err(OpenError::Usage(m)) = resolve(Some(Path::new("no-such\x1b[2J.json")), None, &[]) else {
        panic!("not a usage error")
    };
    assert!(!m.contains('\x1b') && m.starts_with("no schedule file"), "{m}");
}

#[test]
fn a_remembered_conference_is_found_by_name_and_a_gone_one_is_said() {
    let opened = |source: &str, tz: Option<&str>| Opened {
        id: "c".into(),
        name: "Camp".into(),
        source: source.into(),
        tz: tz.map(str::to_string),
        first_day: None,
        last_day: None,
        opened: Utc::now(),
    };
    let list = [opened("https://example.org/c.json", Some("Europe/Berlin"))];
    let (source, tz, notes) = resolve(Some(Path::new("camp")), None, &list).unwrap();
    assert_eq!(source, Source::Url("https://example.org/c.json".into()));
    assert_eq!(tz.as_deref(), Some("Europe/Berlin"), "the zone it was read in before");
    assert!(notes.is_empty());
    // The address itself finds its zone too: it is read once, in that zone.
    let (_, tz, _) = resolve(Some(Path::new("https://example.org/c.json")), None, &list).unwrap();
    assert_eq!(tz.as_deref(), Some("Europe/Berlin"));
    // A zone given wins.
    let (_, tz, _) = resolve(Some(Path::new("camp")), Some("UTC"), &list).unwrap();
    assert_eq!(tz.as_deref(), Some("UTC"));

    let gone = [opened("/nowhere/c.json", None)];
    let Err(OpenError::Usage(m)) = resolve(Some(Path::new("camp")), None, &gone) else { panic!() };
    assert!(m.contains("which is gone"), "{m}");
    let (source, _, notes) = resolve(None, None, &gone).unwrap();
    assert_eq!(source, Source::sample());
    assert!(notes[0].contains("was opened last, but /nowhere/c.json is gone"), "{notes:?}");
}

#[test]
fn a_name_that_is_part_of_a_planned_conference_suggests_it() {
    let planned = Opened {
        id: "fosdem-2021".into(),
        name: "FOSDEM 2021".into(),
        source: "/home/me/fosdem.xml".into(),
        tz: None,
        first_day: None,
        last_day: None,
        opened: Utc::now(),
    };
    // The start of one planned conference's name opens it, saying so (here its file is gone).
    let Err(OpenError::Usage(m)) = resolve(Some(Path::new("fosdem")), None, std::slice::from_ref(&planned)) else {
        panic!("not a usage error")
    };
    assert!(m.contains("FOSDEM 2021 was opened from /home/me/fosdem.xml, which is gone"), "{m}");
    let mut two = planned.clone();
    two.id = "fosdem-2022".into();
    let Err(OpenError::Usage(m)) = resolve(Some(Path::new("fosdem")), None, &[planned, two]) else {
        panic!("not a usage error")
    };
    assert!(m.contains("you planned --schedule fosdem-2021 (FOSDEM 2021), --schedule fosdem-2022"), "{m}");
    assert!(m.contains("needs a year: --schedule fosdem:2026"), "a known conference: {m}");
    let Err(OpenError::Usage(m)) = resolve(Some(Path::new("fosdem-20")), None, &[]) else { panic!() };
    assert!(m.contains("the bundled schedules are") && m.contains("known conferences take a year"), "{m}");
}
