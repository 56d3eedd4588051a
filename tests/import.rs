//! Real schedules from real conferences (tests/fixtures/real, see its SOURCES.md) load in
//! every format, with counts and spot checks taken from the source files; and broken ones say
//! where and what.

mod common;

use common::fixture;
use hallway::schedule::{self, Schedule, import::Options};
use predicates::prelude::*;
use tempfile::TempDir;

/// Files without a zone are read in this one, so the tests do not depend on the machine's.
fn load(name: &str) -> Schedule {
    let opts = Options { zone: Some(chrono_tz::UTC), ..Options::default() };
    schedule::load_path_with(&fixture(name), opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn start(s: &Schedule, id: &str) -> String {
    s.local(s.talk(id).unwrap_or_else(|| panic!("no talk {id}")).start).to_rfc3339()
}

#[test]
fn frab_camp_2019() {
    let s = load("frab-camp2019.json");
    assert_eq!((s.talks().len(), s.conference.rooms.len(), s.day_count()), (79, 2, 5));
    assert_eq!(s.conference.rooms, ["Curie", "Meitner"]);
    assert_eq!(s.conference.id, "camp2019");
    assert_eq!(s.conference.name, "Chaos Communication Camp 2019");
    assert_eq!(s.conference.tz, chrono_tz::Europe::Berlin);
    assert!(s.conference.notes.is_empty(), "{:?}", s.conference.notes);
    let opening = s.talk("a0a0fcfe-b7fb-46e3-84b6-97a5406016b4").unwrap();
    assert_eq!(opening.title, "Opening Ceremony");
    assert_eq!(opening.speakers, ["jinxx", "smtw"]);
    assert_eq!(start(&s, "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4"), "2019-08-21T11:00:00+02:00");
    assert_eq!(opening.minutes(), 30);
    assert_eq!(opening.track.as_deref(), Some("CCC"), "the frab track is the track; the room is the room");
    assert!(opening.tags.is_empty());
    assert_eq!(opening.language.as_deref(), Some("en"));
    assert_eq!(opening.recorded, Some(true), "do_not_record: false");
    assert_eq!(opening.kind, "lecture");
    let k8s = s.talk("24b58c74-2bba-412e-84ac-c206f714f0b7").unwrap();
    assert_eq!(k8s.title, "Hacking Containers and Kubernetes", "trailing space trimmed");
    assert_eq!(k8s.speakers, ["Thomas Fricke"]);
    assert_eq!(k8s.minutes(), 45);
}

#[test]
fn pretalx_democon_2020_declares_utc_but_means_plus_one() {
    let s = load("pretalx-democon-2020.json");
    assert_eq!((s.talks().len(), s.conference.rooms.len(), s.day_count()), (36, 2, 3));
    assert_eq!(s.conference.rooms, ["Gray Room", "Tan Room"]);
    let t = s.talk("8079583e-8321-506c-95af-fd2903a5f075").unwrap();
    assert_eq!(t.title, "Focused 5thgeneration hardware");
    assert_eq!(t.speakers, ["Brian Robinson"]);
    // The instant is the one the offset says, shown at the printed 09:00.
    assert_eq!(t.start.to_rfc3339(), "2020-12-14T08:00:00+00:00");
    assert_eq!(start(&s, "8079583e-8321-506c-95af-fd2903a5f075"), "2020-12-14T09:00:00+01:00");
    assert!(
        t.abstract_text.starts_with("Brand back-end models!\n\nStation provide certain mean."),
        "{}",
        t.abstract_text
    );
    assert_eq!(s.conference.notes.len(), 1);
    assert!(s.conference.notes[0].contains("names the time zone UTC, but its times carry +01:00"));
}

#[test]
fn pentabarf_fosdem_2021_has_no_zone_and_106_rooms() {
    let s = load("pentabarf-fosdem-2021.xml");
    assert_eq!((s.talks().len(), s.conference.rooms.len(), s.day_count()), (773, 106, 2));
    assert_eq!(s.conference.name, "FOSDEM 2021");
    assert_eq!(s.conference.id, "fosdem-2021");
    assert_eq!(s.conference.rooms[0], "K.fosdem", "rooms in their given order");
    let t = s.talk("11164").unwrap();
    assert_eq!(t.title, "Empowering the school of the future");
    assert_eq!(t.speakers, ["Marco Marinello", "Paolo Dongilli"]);
    assert_eq!(s.room_name(t), "M.community");
    assert_eq!(start(&s, "11164"), "2021-02-06T10:00:00+00:00");
    assert_eq!(t.minutes(), 30);
    assert!(t.abstract_text.starts_with("Remotely accessing files"), "subtitle first: {}", t.abstract_text);
    assert!(!t.abstract_text.contains("<p>"), "HTML is turned into text");
    let welcome = s.talk("11795").unwrap();
    assert!(welcome.speakers.is_empty(), "events without persons load");
    assert_eq!(welcome.video.as_deref(), Some("https://video.fosdem.org/2021/K.fosdem/keynotes_welcome.mp4"));
    assert!(welcome.abstract_text.contains("FOSDEM welcome and opening talk."));
    assert!(s.conference.floating, "no zone, no offsets");
    assert!(s.conference.notes.is_empty(), "the zone was given: not said back {:?}", s.conference.notes);
}

#[test]
fn sessionize_orlando_code_camp_2020_with_bom_and_local_times() {
    let s = load("sessionize-orlando-codecamp-2020.json");
    assert_eq!((s.talks().len(), s.conference.rooms.len(), s.day_count()), (99, 14, 1));
    assert_eq!(s.conference.rooms[0], "Room 1", "rooms by their sort order");
    let t = s.talk("176149").unwrap();
    assert_eq!(t.title, "3 Disciplines for Leading a Distributed Agile Team or Organization");
    assert_eq!(t.speakers, ["Mark Kilby"]);
    assert_eq!(s.room_name(t), "Room 1");
    assert_eq!(start(&s, "176149"), "2020-03-28T09:00:00+00:00");
    assert_eq!(t.minutes(), 45);
    let keynote = s.talk("7b3d6b07-294f-4319-8234-aae9701d98b5").unwrap();
    assert_eq!(keynote.kind, "service");
    assert!(keynote.speakers.is_empty());
}

#[test]
fn a_floating_schedule_is_read_in_the_zone_given() {
    let opts = Options { zone: Some(chrono_tz::America::New_York), ..Options::default() };
    let s = schedule::load_path_with(&fixture("sessionize-orlando-codecamp-2020.json"), opts).unwrap();
    assert_eq!(start(&s, "176149"), "2020-03-28T09:00:00-04:00");
}

#[test]
fn every_fixture_loads_and_round_trips_through_the_native_format() {
    for name in [
        "frab-camp2019.json",
        "pretalx-democon-2020.json",
        "pentabarf-fosdem-2021.xml",
        "sessionize-orlando-codecamp-2020.json",
    ] {
        let s = load(name);
        let native = schedule::native::to_value(&s, "test");
        let back =
            schedule::parse_bytes(native.to_string().as_bytes(), "back.json").unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.talks(), s.talks(), "{name}");
        assert_eq!(back.conference.rooms, s.conference.rooms, "{name}");
        assert_eq!(back.day_count(), s.day_count(), "{name}");
    }
}

#[test]
fn the_schema_file_is_not_a_schedule_and_says_what_would_be() {
    let e = schedule::load_path(&fixture("c3voc-schedule-schema.json")).unwrap_err();
    assert!(e.to_string().contains("not a schedule hallway knows: expected hallway JSON, frab/pretalx"), "{e}");
}

/// A small frab/c3voc schedule.xml of the Congress flavour: guid, <date> with offset, a night
/// past midnight, a recording link.
const CONGRESS_XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>1.0</version>
  <conference>
    <acronym>36c3</acronym>
    <title>36th Chaos Communication Congress</title>
    <start>2019-12-27</start><end>2019-12-30</end><days>1</days>
    <timeslot_duration>00:10</timeslot_duration>
    <time_zone_name>Europe/Berlin</time_zone_name>
  </conference>
  <day index="1" date="2019-12-27" start="2019-12-27T10:00:00+01:00" end="2019-12-28T04:00:00+01:00">
    <room name="Ada" guid="a">
      <event guid="11111111-0000-0000-0000-000000000001" id="1">
        <date>2019-12-27T23:30:00+01:00</date>
        <start>23:30</start><duration>01:00</duration><room>Ada</room>
        <title>Late &amp; Loud</title><subtitle/><track>Art</track><type>lecture</type>
        <abstract>&lt;p&gt;Night talk&lt;/p&gt;</abstract><description/>
        <recording><license/><optout>false</optout></recording>
        <video_download_url>https://cdn.media.ccc.de/congress/2019/h264-hd/36c3-1-eng-Late.mp4</video_download_url>
        <persons><person id="9">Ada L.</person></persons>
        <links/>
      </event>
      <event guid="11111111-0000-0000-0000-000000000002" id="2">
        <start>01:00</start><duration>0:45:00</duration><room>Ada</room>
        <title>After Midnight</title><track/><type>workshop</type><persons/>
      </event>
    </room>
    <room name="Borg" guid="b"/>
  </day>
</schedule>"#;

#[test]
fn congress_style_xml_with_guid_date_and_a_night() {
    let s = schedule::parse_bytes(CONGRESS_XML.as_bytes(), "36c3.xml").unwrap();
    assert_eq!(s.conference.rooms, ["Ada"], "an empty room is no column");
    assert_eq!(s.day_count(), 1, "the night belongs to the day it started");
    let late = s.talk("11111111-0000-0000-0000-000000000001").unwrap();
    assert_eq!(late.title, "Late & Loud");
    assert_eq!(late.abstract_text, "Night talk");
    assert_eq!(late.video.as_deref(), Some("https://cdn.media.ccc.de/congress/2019/h264-hd/36c3-1-eng-Late.mp4"));
    let after = s.talk("11111111-0000-0000-0000-000000000002").unwrap();
    assert_eq!(s.local(after.start).to_rfc3339(), "2019-12-28T01:00:00+01:00");
    assert_eq!(after.minutes(), 45);
}

#[test]
fn broken_files_say_file_line_column_and_what_was_expected() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "trunc.xml",
            "<schedule><conference><title>X</title></conference><day date=\"2021-02-06\"><room name=\"A\">",
            "trunc.xml:1:",
        ),
        (
            "nodur.xml",
            "<schedule>\n<day date=\"2021-02-06\"><room name=\"A\">\n<event id=\"1\"><start>10:00</start><title>T</title></event></room></day></schedule>",
            "nodur.xml:3:1: talk '1': expected a <duration>HH:MM</duration>",
        ),
        (
            "badstart.xml",
            "<schedule>\n<day date=\"2021-02-06\"><room name=\"A\">\n<event id=\"1\"><start>ten</start><duration>00:30</duration><title>T</title></event></room></day></schedule>",
            "badstart.xml:3:15: talk '1': expected <start> as HH:MM, found 'ten'",
        ),
        (
            "frab.json",
            "{\"schedule\": {\"conference\": {\"title\": \"C\", \"time_zone_name\": \"Europe/Berlin\", \"days\": [\n {\"date\": \"2019-08-21\", \"rooms\": {\"Curie\": [\n  {\"guid\": \"g1\", \"title\": \"T\", \"start\": \"11:00\", \"duration\": \"half\"}]}}]}}}",
            "frab.json:3:62: talk 'g1': expected \"duration\" as HH:MM, found 'half'",
        ),
        (
            "zone.json",
            "{\"schedule\": {\"conference\": {\"title\": \"C\", \"time_zone_name\": \"Mars/Base\", \"days\": []}}}",
            "zone.json:1:62: unknown time zone 'Mars/Base'",
        ),
        (
            "sessionize.json",
            "{\"sessions\": [{\"id\": \"1\", \"title\": \"T\", \"startsAt\": \"2020-03-28T09:00:00\", \"endsAt\": \"2020-03-28T09:45:00\", \"roomId\": 7}], \"rooms\": [{\"id\": 1, \"name\": \"Room 1\"}], \"speakers\": []}",
            "sessionize.json:1:119: talk '1': roomId 7 is not in \"rooms\"",
        ),
    ];
    for (name, text, expected) in cases {
        let e = schedule::parse_bytes(text.as_bytes(), name).unwrap_err();
        assert!(e.to_string().contains(expected), "{name}: expected `{expected}` in:\n{e}");
    }
}

#[test]
fn import_writes_the_native_format_and_validate_tells_the_guess() {
    let d = TempDir::new().unwrap();
    let out = d.path().join("fosdem.json");
    common::hallway_in(d.path())
        .args(["import", "--tz", "Europe/Brussels"])
        .arg(fixture("pentabarf-fosdem-2021.xml"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("773 talks, 106 rooms, 2 days, 109 tracks, times in Europe/Brussels"));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["conference"]["timezone"], "Europe/Brussels");
    let t = v["talks"].as_array().unwrap().iter().find(|t| t["id"] == "11164").unwrap();
    assert_eq!(t["start"], "2021-02-06T10:00+01:00");
    assert_eq!(t["track"], "M.community", "the room, in hallway's format");
    assert_eq!(t["topic"], "Community", "the organisers' track");
    // The output opens like any schedule, agenda and all.
    common::hallway_in(d.path())
        .env("HALLWAY_DATA_DIR", d.path())
        .arg("--schedule")
        .arg(&out)
        .args(["talks", "--room", "M.community", "--day", "1"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("10:00-10:30  M.community")
                .and(predicate::str::contains("Empowering the school of the future — Marco Marinello")),
        );
    common::hallway_in(d.path()).arg("validate").arg(fixture("pretalx-democon-2020.json")).assert().success().stdout(
        predicate::str::contains("ok: DemoCon, 36 talks, 2 rooms, 3 days, 2 tracks, times in UTC+01:00")
            .and(predicate::str::contains("note: the file names the time zone UTC")),
    );
    common::hallway_in(d.path())
        .args(["import", "--tz", "Mars/Base"])
        .arg(fixture("pentabarf-fosdem-2021.xml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown time zone 'Mars/Base' for --tz"));
}

/// A Pentabarf export that names its zone but writes every <date> in UTC, with <start> the
/// wall clock there (as from a conference in India), one talk before 05:30 local.
const KOLKATA_XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <conference><acronym>pyconin23</acronym><title>PyCon India 2023</title><time_zone_name>Asia/Kolkata</time_zone_name></conference>
  <day index="1" date="2023-09-29">
    <room name="Hall A">
      <event guid="yoga" id="1"><date>2023-09-28T23:30:00+00:00</date><start>05:00</start><duration>00:30</duration><room>Hall A</room><title>Morning yoga</title></event>
      <event guid="open" id="2"><date>2023-09-29T04:00:00+00:00</date><start>09:30</start><duration>00:30</duration><room>Hall A</room><title>Opening</title></event>
    </room>
  </day>
  <day index="2" date="2023-09-30">
    <room name="Hall A">
      <event guid="close" id="3"><date>2023-09-30T11:30:00+00:00</date><start>17:00</start><duration>00:45</duration><room>Hall A</room><title>Closing</title></event>
    </room>
  </day>
</schedule>"#;

#[test]
fn a_named_zone_with_dates_written_in_utc_is_read_in_the_named_zone() {
    let s = schedule::parse_bytes(KOLKATA_XML.as_bytes(), "pycon.xml").unwrap();
    assert_eq!(s.conference.tz, chrono_tz::Asia::Kolkata);
    assert!(s.conference.notes.is_empty(), "{:?}", s.conference.notes);
    let days: Vec<String> = s.days().map(|d| d.to_string()).collect();
    assert_eq!(days, ["2023-09-29", "2023-09-30"], "day 1 is headed the day it starts");
    assert_eq!(start(&s, "yoga"), "2023-09-29T05:00:00+05:30");
    assert_eq!(start(&s, "close"), "2023-09-30T17:00:00+05:30");
    // The same as frab JSON.
    let json = r#"{"schedule": {"conference": {"title": "PyCon India", "time_zone_name": "Asia/Kolkata", "days": [
      {"date": "2023-09-29", "rooms": {"Hall A": [
        {"guid": "yoga", "title": "Morning yoga", "date": "2023-09-28T23:30:00+00:00", "start": "05:00", "duration": "00:30"}]}}]}}}"#;
    let s = schedule::parse_bytes(json.as_bytes(), "pycon.json").unwrap();
    assert_eq!(s.conference.tz, chrono_tz::Asia::Kolkata);
    assert_eq!(start(&s, "yoga"), "2023-09-29T05:00:00+05:30");
    // pretalx's case stays: a zone named over offsets the starts agree with loses to them.
    assert_eq!(load("pretalx-democon-2020.json").conference.tz.name(), "Etc/GMT-1");
}

#[test]
fn a_broken_date_and_a_start_that_disagrees_with_its_date_are_reported_where_they_are() {
    let broken = KOLKATA_XML.replace("2023-09-29T04:00:00+00:00", "2024-13-45T99:00");
    let e = schedule::parse_bytes(broken.as_bytes(), "pycon.xml").unwrap_err().to_string();
    assert!(e.contains("pycon.xml:7:33: talk 'open': expected <date> as a date and time"), "{e}");
    assert!(e.contains("found '2024-13-45T99:00'"), "{e}");
    let other = KOLKATA_XML.replace("<start>09:30</start>", "<start>11:00</start>");
    let e = schedule::parse_bytes(other.as_bytes(), "pycon.xml").unwrap_err().to_string();
    assert!(e.contains("talk 'open': the start 11:00 disagrees with the date 2023-09-29T04:00:00+00:00"), "{e}");
    assert!(e.contains("(1 problem)"), "only the one wrong talk: {e}");
    let nonsense = KOLKATA_XML.replace("<start>09:30</start>", "<start>25:99</start>");
    let e = schedule::parse_bytes(nonsense.as_bytes(), "pycon.xml").unwrap_err().to_string();
    assert!(e.contains("expected <start> as HH:MM, found '25:99'"), "{e}");
}

#[test]
fn a_file_cut_short_says_where_it_ends_and_what_is_still_open() {
    let full = std::fs::read_to_string(fixture("pentabarf-fosdem-2021.xml")).unwrap();
    let mut cut = 200_000;
    while !full.is_char_boundary(cut) {
        cut += 1;
    }
    let text = &full[..cut];
    let lines = text.lines().count();
    let e = schedule::parse_bytes(text.as_bytes(), "fosdem.xml").unwrap_err().to_string();
    assert!(e.contains(&format!("fosdem.xml:{lines}:")), "placed where the file ends: {e}");
    assert!(e.contains("the file ends before <") && e.contains("is it cut short?"), "{e}");
    assert!(!e.contains(":1:1:"), "{e}");
    let e = schedule::parse_bytes(b"<schedule>\n<day date=\"2021-02-06\">\n<room name=\"A\">", "t.xml").unwrap_err();
    assert!(e.to_string().contains("t.xml:3:16: the file ends before <room> (opened at line 3, column 1)"), "{e}");
}

#[test]
fn an_event_room_and_its_listing_room_follow_one_rule_in_xml_and_json() {
    // <room> without a name: each event names its room.
    let xml = "<schedule><conference><title>C</title><time_zone_name>UTC</time_zone_name></conference>\n<day date=\"2021-02-06\"><room>\n<event id=\"1\"><start>10:00</start><duration>00:30</duration><room>Hall</room><title>T</title></event>\n<event id=\"2\"><start>11:00</start><duration>00:30</duration><room>Annex</room><title>U</title></event></room></day></schedule>";
    let s = schedule::parse_bytes(xml.as_bytes(), "r.xml").unwrap();
    assert_eq!(s.conference.rooms, ["Hall", "Annex"]);
    // An empty event room is the listing room, in XML and in JSON alike.
    let xml = "<schedule><conference><title>C</title><time_zone_name>UTC</time_zone_name></conference>\n<day date=\"2021-02-06\"><room name=\"Hall\">\n<event id=\"1\"><start>10:00</start><duration>00:30</duration><room></room><title>T</title></event></room></day></schedule>";
    assert_eq!(schedule::parse_bytes(xml.as_bytes(), "r.xml").unwrap().conference.rooms, ["Hall"]);
    let json = "{\"schedule\": {\"conference\": {\"title\": \"C\", \"time_zone_name\": \"UTC\", \"days\": [{\"date\": \"2021-02-06\", \"rooms\": {\"Hall\": [{\"guid\": \"g\", \"title\": \"T\", \"start\": \"10:00\", \"duration\": \"00:30\", \"room\": \"\"}]}}]}}}";
    assert_eq!(schedule::parse_bytes(json.as_bytes(), "r.json").unwrap().conference.rooms, ["Hall"]);
    // Neither: an event without a room.
    let xml = "<schedule><conference><title>C</title><time_zone_name>UTC</time_zone_name></conference>\n<day date=\"2021-02-06\"><room>\n<event id=\"1\"><start>10:00</start><duration>00:30</duration><title>T</title></event></room></day></schedule>";
    let e = schedule::parse_bytes(xml.as_bytes(), "r.xml").unwrap_err().to_string();
    assert!(e.contains("r.xml:3:1: talk '1': event without a room"), "{e}");
}

#[test]
fn validate_notes_talks_on_at_once_in_the_same_room() {
    let d = TempDir::new().unwrap();
    let fosdem = fixture("pentabarf-fosdem-2021.xml");
    common::hallway_in(d.path())
        .arg("validate")
        .arg(&fosdem)
        .assert()
        .success()
        .stdout(predicate::str::contains("note: 1 pair of talks overlaps in the same room:\n    S.ow2: \"DeCODER"));
    let out = common::hallway_in(d.path()).arg("validate").arg("--json").arg(&fosdem).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["same_room_overlaps"], serde_json::json!([["12284", "12286"]]));
}
