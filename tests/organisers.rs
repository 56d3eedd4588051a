//! Each export read as its organisers mean it, on files in the shapes real ones take
//! (tests/fixtures/shapes): days written as UTC dates, nights to 06:00, rooms and tracks,
//! languages, recording opt-outs, links with titles, Markdown and HTML descriptions, a room
//! a listing names unlike the event's own, duplicate ids, an iCalendar feed.

mod common;

use common::{fixture, hallway_in, key, press};
use crossterm::event::KeyCode;
use hallway::agenda::{Agenda, MarkKind};
use hallway::clock::parse_at;
use hallway::schedule::{self, Schedule};
use hallway::timefmt;
use hallway::tui::app::App;
use predicates::prelude::*;
use tempfile::TempDir;

fn shape(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes").join(name)
}

fn load(name: &str) -> Schedule {
    schedule::load_path(&shape(name)).unwrap()
}

fn by_title<'a>(s: &'a Schedule, title: &str) -> &'a schedule::Talk {
    s.talks().iter().find(|t| t.title.starts_with(title)).unwrap_or_else(|| panic!("{title}"))
}

#[test]
fn a_day_is_the_local_date_of_its_start_not_the_utc_date_the_file_writes() {
    let s = load("india-utc-days.xml");
    let days: Vec<String> = s.days().map(|d| d.to_string()).collect();
    assert_eq!(days, ["2023-09-10", "2023-09-17"], "Sunday's talks under Sunday");
    assert_eq!(s.day_named("2023-09-17"), Some(1), "the closing day is a day");
    let d = TempDir::new().unwrap();
    hallway_in(d.path())
        .arg("--schedule")
        .arg(shape("india-utc-days.xml"))
        .args(["--at", "day 1 10:35", "now"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Sun 10 Sep 2023 10:35 IST").and(predicate::str::contains("starts in").not()));
    let opening = by_title(&s, "Opening");
    assert_eq!(opening.abstract_text, "Welcome to IndiaConf (https://example.in/).", "HTML links keep their address");
}

#[test]
fn a_night_talk_stays_on_its_conference_day_and_says_its_own_date() {
    let s = load("congress-night.xml");
    assert_eq!(s.day_count(), 2);
    let night = by_title(&s, "Nachtschicht");
    assert_eq!(s.date_of(night.start).to_string(), "2019-12-27", "the first day's night");
    assert_eq!(timefmt::range(&s, night), "Sat 00:15-00:55");
    let evening = by_title(&s, "Rust für alle");
    assert_eq!(timefmt::range(&s, evening), "20:00-21:00", "a day's own hours say no date");
    let over_midnight = by_title(&s, "Open Hardware Night, again");
    assert_eq!(timefmt::range(&s, over_midnight), "23:30-00:30");
    let long = by_title(&s, "Hardware hacking area");
    assert_eq!(timefmt::range(&s, long), "10:30-Sat 11:30", "25 hours say their end's day");
    let d = TempDir::new().unwrap();
    let run = |args: &[&str]| {
        let out = hallway_in(d.path()).arg("--schedule").arg(shape("congress-night.xml")).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let day1 = run(&["talks", "--day", "1"]);
    assert!(day1.contains("Sat 00:15-00:55") && !day1.contains("Second day opener"), "{day1}");
    assert!(
        day1.contains("Rust für alle [de]") && !day1.contains("Open Hardware Night [en]"),
        "the unusual one: {day1}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&["talks", "--json", "--day", "1"])).unwrap();
    let n = json.as_array().unwrap().iter().find(|t| t["title"].as_str().unwrap().starts_with("Nacht")).unwrap();
    assert_eq!(n["day"], "2019-12-27");
    assert_eq!(n["start"], "2019-12-28T00:15:00+01:00");
    // The agenda lists it under Friday with Saturday's date beside its time.
    run(&["star", &night.id]);
    let agenda = run(&["agenda"]);
    assert!(agenda.contains("Fri 27 Dec") && agenda.contains("Sat 00:15-00:55"), "{agenda}");
    let night_now = run(&["--at", "day 1 00:20", "now"]);
    assert!(night_now.contains("Sat 28 Dec 2019 00:20"), "day 1 00:20 is the night of day 1: {night_now}");
    let md = run(&["export", "--format", "md"]);
    assert!(md.contains("Sat 00:15-00:55"), "{md}");
}

#[test]
fn rooms_and_tracks_are_two_things() {
    let s = load("congress-night.xml");
    let t = by_title(&s, "Open Hardware Night");
    assert_eq!(s.room_name(t), "headnut", "the event's own room wins over its listing");
    assert_eq!(t.track.as_deref(), Some("Hardware & Making"));
    assert!(s.conference.remarks.iter().any(|r| r.contains("'1Komona headnut'") && r.contains("'headnut'")));
    assert!(s.talk("2c0d9b0a-5f4e-4c1b-9f0e-000000000003#2").is_some(), "a duplicate guid is kept");
    let d = TempDir::new().unwrap();
    let cmd = || {
        let mut c = hallway_in(d.path());
        c.arg("--schedule").arg(shape("congress-night.xml"));
        c
    };
    let json = cmd().args(["talks", "--json", "--track", "hardware & making"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4, "{v}");
    assert!(v.as_array().unwrap().iter().all(|t| t["track"] == "Hardware & Making" && t["room"].is_string()));
    let ada = cmd().args(["talks", "--room", "ada"]).output().unwrap();
    let ada = String::from_utf8(ada.stdout).unwrap();
    assert!(ada.contains("Rust für alle") && !ada.contains("Open Hardware"), "{ada}");
    cmd().args(["talks", "--track", "Saal 1"]).assert().code(2).stderr(predicate::str::contains("tracks are:"));
    hallway_in(d.path()).arg("validate").arg(shape("congress-night.xml")).assert().success().stdout(
        predicate::str::contains("2 rooms, 2 days, 3 tracks")
            .and(predicate::str::contains("listed under the room '1Komona headnut'"))
            .and(predicate::str::contains("1 event shares an id")),
    );
    // hallway's own format: its tracks are its stages, and --track still names them.
    let mut c = hallway_in(d.path());
    c.args(["talks", "--track", "Stage 2", "--day", "1"]).assert().success();
}

#[test]
fn languages_recordings_links_and_descriptions() {
    let s = load("congress-night.xml");
    let rust = by_title(&s, "Rust für alle");
    assert_eq!(rust.language.as_deref(), Some("de"));
    assert_eq!(rust.recorded, Some(true));
    assert_eq!(
        rust.video.as_deref(),
        Some("https://cdn.media.ccc.de/congress/2019/h264-hd/36c3-1001-rust.mp4"),
        "the recording, not the temp link or the livestream"
    );
    assert_eq!(rust.live_link().map(|l| l.url.as_str()), Some("https://live.example.org/ada"));
    assert_eq!(rust.links.len(), 4);
    assert_eq!(
        rust.abstract_text,
        "Wie man mit Rust anfängt.\n\nFolge den Anweisungen unter https://rustlings.cool/ für die Installation.\n\n\
         Für Anfänger*innen, mit rust-analyzer (https://rust-analyzer.github.io/):\n\n• Werkzeuge\n• Übungen"
    );
    let night = by_title(&s, "Nachtschicht");
    assert_eq!(night.recorded, Some(false));
    assert!(night.unrecorded());
    assert_eq!(by_title(&s, "Hardware hacking").language.as_deref(), Some("de, en"));
    let d = TempDir::new().unwrap();
    let cmd = || {
        let mut c = hallway_in(d.path());
        c.arg("--schedule").arg(shape("congress-night.xml"));
        c
    };
    let german = cmd().args(["talks", "--lang", "de", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&german.stdout).unwrap();
    let titles: Vec<&str> = v.as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Hardware hacking area", "Rust für alle", "Nachtschicht: Kernel ohne Kaffee"]);
    assert!(v.as_array().unwrap().iter().any(|t| t["recorded"] == false && t["language"] == "de"));
    cmd()
        .args(["later", &night.id])
        .assert()
        .success()
        .stdout(predicate::str::contains("will not be recorded: attend it or miss it"));
}

#[test]
fn an_icalendar_feed_opens_like_any_schedule() {
    let s = load("linux-day.ics");
    assert_eq!(s.conference.name, "Linux Day 2024");
    assert_eq!(s.conference.tz, chrono_tz::Australia::Melbourne);
    let t = s.talk("ld-1@example.org").unwrap();
    assert_eq!((s.room_name(t), t.track.as_deref()), ("Room A", Some("Kernel")));
    assert_eq!(timefmt::range(&s, t), "09:00-09:45");
    assert_eq!(t.abstract_text, "What changed, and why.\nSecond line.");
    assert_eq!(t.url.as_deref(), Some("https://linuxday.example.org/talks/1"));
    let utc = s.talk("ld-2@example.org").unwrap();
    assert_eq!(timefmt::range(&s, utc), "10:00-10:30", "a UTC time in the feed's zone");
    let e = schedule::parse_bytes(b"hello there\n", "notes.txt").unwrap_err().to_string();
    assert!(e.contains("not JSON, XML or iCalendar (it starts \"hello there\")"), "{e}");
    let html = schedule::parse_bytes(b"<!DOCTYPE html><html></html>", "page.html").unwrap_err().to_string();
    assert!(html.contains("a web page, not a schedule"), "{html}");
}

#[test]
fn a_fixed_offset_zone_reads_as_people_read_it() {
    let s = schedule::load_path(&fixture("pretalx-democon-2020.json")).unwrap();
    assert_eq!(s.conference.tz.name(), "Etc/GMT-1");
    assert_eq!(timefmt::zone_name(s.conference.tz), "UTC+01:00");
    let t = &s.talks()[0];
    assert_eq!(timefmt::zone(&s.local(t.start)), "UTC+01:00");
}

fn congress_at(at: &str) -> App {
    let s = load("congress-night.xml");
    let now = parse_at(at, s.conference.tz).unwrap();
    let mut agenda = Agenda::new(&s.conference.id);
    for title in ["Rust für alle", "Nachtschicht", "Open Hardware Night, again"] {
        agenda.set(&s, by_title(&s, title), MarkKind::Attend, now);
    }
    let mut app = App::new(s, agenda, hallway::tui::app::Options::at(now, None));
    app.session.time_travel = true;
    app
}

/// Captures for the closing note: a German night talk that is not recorded, and the agenda
/// across a night.
#[test]
fn details_of_a_night_talk_and_the_agenda_across_a_night() {
    let mut a = congress_at("2019-12-27 23:50");
    press(&mut a, "3");
    let agenda = common::screen(&a, 80, 24);
    assert!(agenda.contains("Sat 00:15-00:55"), "{agenda}");
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("agenda_across_a_night_80x24", common::render(&a, 80, 24).backend());
    });
    let mut a = congress_at("2019-12-27 23:50");
    let night = a.session.schedule.talks().iter().position(|t| t.title.starts_with("Nachtschicht")).unwrap();
    a.schedule_view.selected = night;
    key(&mut a, KeyCode::Enter);
    let details = common::screen(&a, 80, 24);
    for want in [
        "Room   Ada",
        "Track  Hardware & Making",
        "Lang   German (de)",
        "not recorded",
        "Sat 28 Dec 00:15-00:55",
        "night of Fri 27 Dec",
    ] {
        assert!(details.contains(want), "{want}:\n{details}");
    }
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("details_german_night_unrecorded_80x24", common::render(&a, 80, 24).backend());
    });
}

#[test]
fn resolving_a_clash_keeps_the_talk_that_will_not_be_recorded() {
    let mut a = congress_at("2019-12-27 19:00");
    // "Open Hardware Night, again" (23:30-00:30, recorded as far as the file says) clashes
    // with the unrecorded night talk at 00:15: resolving on the recorded one keeps the other.
    let s = &a.session.schedule;
    let again = s.talks().iter().position(|t| t.title == "Open Hardware Night, again").unwrap();
    let night_id = by_title(s, "Nachtschicht").id.clone();
    let again_id = s.talks()[again].id.clone();
    a.session.resolve(again);
    assert_eq!(a.session.agenda.kind(&night_id), Some(MarkKind::Attend));
    assert_eq!(a.session.agenda.kind(&again_id), Some(MarkKind::OnDemand));
}

/// The livestream is the way in while the talk is on; before and after, one more link.
#[test]
fn the_livestream_is_the_live_link_only_while_the_talk_is_on() {
    for (at, live) in [("2019-12-27 20:10", true), ("2019-12-27 12:00", false)] {
        let mut a = congress_at(at);
        let rust = a.session.schedule.talks().iter().position(|t| t.title == "Rust für alle").unwrap();
        a.schedule_view.selected = rust;
        key(&mut a, KeyCode::Enter);
        let details = common::screen(&a, 120, 40);
        assert_eq!(details.contains("Live   https://live.example.org/ada  on now"), live, "{at}:\n{details}");
        assert_eq!(details.contains("Livestream: https://live.example.org/ada"), !live, "{at}:\n{details}");
        assert!(details.contains("Video  https://cdn.media.ccc.de/congress/2019/h264-hd/36c3-1001-rust.mp4"));
        assert!(details.contains("Slides: https://example.org/slides.pdf"), "{details}");
    }
}

/// A camp's abstract is often its description cut short: read once, not twice.
#[test]
fn an_abstract_that_opens_the_description_is_not_read_twice() {
    let s = schedule::load_path(&fixture("frab-camp2019.json")).unwrap();
    let t =
        s.talks().iter().find(|t| t.abstract_text.contains("In this talk i’d like to give an introduction")).unwrap();
    assert_eq!(
        t.abstract_text.matches("In this talk i’d like to give an introduction").count(),
        1,
        "{}",
        t.abstract_text
    );
}
