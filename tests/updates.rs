//! Schedules change during the event. Marks are keyed by the talk's stable id (guid where the
//! format has one), so a reload keeps them, and what moved, was renamed or cancelled is shown,
//! never silently dropped.

mod common;

use assert_cmd::Command;
use common::{key, press, screen};
use crossterm::event::KeyCode;
use hallway::agenda::Agenda;
use hallway::agenda::store::Store;
use hallway::clock::parse_at;
use hallway::schedule;
use hallway::tui::app::App;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

const BEFORE: &str = r#"{"conference": {"id": "upd", "name": "Update Conf", "timezone": "Europe/Amsterdam", "tracks": ["A", "B"]},
 "talks": [
  {"id": "keep", "title": "Keeps its slot", "speakers": ["Ann"], "track": "A", "start": "2022-10-25T09:00", "duration": 45},
  {"id": "move", "title": "Will move", "speakers": ["Bo"], "track": "A", "start": "2022-10-25T11:00", "duration": 30},
  {"id": "gone", "title": "Will be cancelled", "speakers": ["Cy"], "track": "B", "start": "2022-10-25T10:00", "duration": 30},
  {"id": "rename", "title": "Old title", "speakers": ["Di"], "track": "B", "start": "2022-10-25T12:00", "duration": 30}
 ]}"#;

const AFTER: &str = r#"{"conference": {"id": "upd", "name": "Update Conf", "timezone": "Europe/Amsterdam", "tracks": ["A", "B"]},
 "talks": [
  {"id": "keep", "title": "Keeps its slot", "speakers": ["Ann"], "track": "A", "start": "2022-10-25T09:00", "duration": 45},
  {"id": "move", "title": "Will move", "speakers": ["Bo"], "track": "B", "start": "2022-10-25T09:30", "duration": 30},
  {"id": "rename", "title": "New title", "speakers": ["Di", "Ed"], "track": "B", "start": "2022-10-25T12:00", "duration": 30}
 ]}"#;

fn hallway(data: &Path, schedule: &Path) -> Command {
    let mut c = common::hallway_in(data);
    c.env("HALLWAY_DATA_DIR", data).arg("--schedule").arg(schedule);
    c
}

fn agenda_json(data: &Path, schedule: &Path) -> Vec<Value> {
    let out = hallway(data, schedule).args(["agenda", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

fn by_id<'a>(list: &'a [Value], id: &str) -> &'a Value {
    list.iter().find(|t| t["id"] == id).unwrap_or_else(|| panic!("{id} missing from {list:?}"))
}

#[test]
fn a_reload_keeps_marks_and_shows_what_changed() {
    let d = TempDir::new().unwrap();
    let path = d.path().join("conf.json");
    std::fs::write(&path, BEFORE).unwrap();
    hallway(d.path(), &path).args(["star", "keep", "move", "gone", "rename"]).assert().success();
    hallway(d.path(), &path).args(["note", "gone", "ask", "Cy", "for", "slides"]).assert().success();
    assert!(agenda_json(d.path(), &path).iter().all(|t| t["change"].is_null()));

    std::fs::write(&path, AFTER).unwrap();
    let list = agenda_json(d.path(), &path);
    assert_eq!(list.len(), 4, "nothing silently dropped");
    assert_eq!(by_id(&list, "keep")["change"], Value::Null);
    assert_eq!(by_id(&list, "move")["change"], "moved");
    assert_eq!(by_id(&list, "move")["changes"], serde_json::json!(["moved", "track-changed"]));
    assert_eq!(by_id(&list, "move")["clashes_with"], serde_json::json!(["keep"]), "the move makes a new clash");
    assert_eq!(by_id(&list, "rename")["changes"], serde_json::json!(["retitled", "speakers-changed"]));
    let gone = by_id(&list, "gone");
    assert_eq!(gone["change"], "removed");
    assert_eq!(gone["title"], "Will be cancelled");
    assert_eq!(gone["note"], "ask Cy for slides", "the note stays until dismissed");
    assert_eq!(gone["start"], "2022-10-25T10:00:00+02:00");

    let text = String::from_utf8(hallway(d.path(), &path).arg("agenda").output().unwrap().stdout).unwrap();
    assert!(text.contains("Changed in the schedule since you marked them"), "{text}");
    assert!(
        text.contains("✗ \"Will be cancelled\" is no longer in the schedule (was Tue 10:00-10:30, B)  [gone]"),
        "{text}"
    );
    assert!(
        text.contains("⟳ \"Will move\" moved from Tue 11:00-11:30 to Tue 09:30-10:00; now in B (was A)  [move]"),
        "{text}"
    );
    assert!(text.contains("⟳ \"New title\" renamed from \"Old title\"; speakers now Di, Ed (were Di)"), "{text}");
    hallway(d.path(), &path)
        .arg("clashes")
        .assert()
        .success()
        .stdout(predicates::str::contains("Keeps its slot [keep]  ⚠  09:30-10:00 Will move [move]"));
    // Dismissing the cancelled talk is the person's choice: unmark works on it.
    hallway(d.path(), &path)
        .args(["unmark", "gone"])
        .assert()
        .success()
        .stdout(predicates::str::contains("unmarked   gone  Will be cancelled"));
    assert_eq!(agenda_json(d.path(), &path).len(), 3);
}

#[test]
fn the_tui_lists_changes_first_and_x_takes_note_with_undo() {
    let before = schedule::parse_bytes(BEFORE.as_bytes(), "before.json").unwrap();
    let now = parse_at("2022-10-24 09:00", before.conference.tz).unwrap();
    let mut agenda = Agenda::new("upd");
    for t in before.talks() {
        agenda.set(&before, t, hallway::agenda::MarkKind::Attend, now);
    }
    agenda.set_note(&before, before.talk("gone").unwrap(), "ask Cy for slides", now);
    let after = schedule::parse_bytes(AFTER.as_bytes(), "after.json").unwrap();
    let mut app = App::new(after, agenda, hallway::tui::app::Options::at(now, None));
    app.session.time_travel = true;
    press(&mut app, "3");
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("agenda_changes_100x24", common::render(&app, 100, 24).backend());
    });
    let s = screen(&app, 120, 30);
    assert!(s.contains("Changed in the schedule since you marked them (x: noted)"), "{s}");
    assert!(s.contains("note: ask Cy for slides"), "{s}");
    // The cursor starts on the first change: the cancelled talk.
    key(&mut app, KeyCode::Home);
    assert_eq!(app.current_id().as_deref(), Some("gone"));
    // Enter on it has no details to open, and says what is known and how to let go of it.
    key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none());
    assert_eq!(
        app.status.text().unwrap(),
        "\"Will be cancelled\" (Tue 10:00-10:30, B) is no longer in the schedule: no details to show; x lets go of it"
    );
    press(&mut app, "x");
    assert!(!app.session.agenda.marks.contains_key("gone"));
    assert!(app.status.text().unwrap().starts_with("dismissed: \"Will be cancelled\""));
    press(&mut app, "u");
    assert_eq!(app.session.agenda.note("gone"), Some("ask Cy for slides"), "undo brings mark and note back");
    // Noting a move keeps the mark and clears the flag.
    key(&mut app, KeyCode::Home);
    press(&mut app, "jx");
    assert_eq!(app.current_id().as_deref(), Some("rename"), "the next change");
    assert_eq!(hallway::agenda::changes::detect(&app.session.schedule, &app.session.agenda).len(), 2);
    assert!(app.session.agenda.is_attending("move"));
}

#[test]
fn frab_guids_keep_marks_when_the_numeric_id_and_time_change() {
    let fixture = common::fixture("frab-camp2019.json");
    let d = TempDir::new().unwrap();
    let path = d.path().join("camp.json");
    std::fs::copy(&fixture, &path).unwrap();
    let guid = "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4";
    hallway(d.path(), &path).args(["star", guid]).assert().success();
    // The organisers move the opening by an hour and their system renumbers it.
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
    let ev = &mut v["schedule"]["conference"]["days"][0]["rooms"]["Curie"][0];
    assert_eq!(ev["guid"], guid);
    ev["id"] = 99999.into();
    ev["date"] = "2019-08-21T12:00:00+02:00".into();
    ev["start"] = "12:00".into();
    std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    let list = agenda_json(d.path(), &path);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], guid);
    assert_eq!(list[0]["change"], "moved");
    assert_eq!(list[0]["start"], "2019-08-21T12:00:00+02:00");
    // The agenda file itself is keyed by guid.
    let store = Store::new(d.path(), "camp2019");
    assert!(store.load("camp2019").unwrap().marks.contains_key(guid));
}

/// A schedule with no zone and no offsets (as FOSDEM 2021's): its times float.
const FLOATING: &str = "<schedule><conference><title>Float Conf</title><acronym>float</acronym></conference>\n<day date=\"2021-02-06\"><room name=\"A\">\n<event id=\"1\"><start>10:00</start><duration>00:30</duration><title>Stays</title></event>\n<event id=\"2\"><start>11:00</start><duration>00:30</duration><title>Moves</title></event></room></day></schedule>";

#[test]
fn floating_times_read_in_another_zone_later_are_not_moves_but_a_real_move_is() {
    let d = TempDir::new().unwrap();
    let file = d.path().join("float.xml");
    std::fs::write(&file, FLOATING).unwrap();
    // Marked with the times read in the user's zone (UTC here)...
    hallway(d.path(), &file).args(["star", "1", "2"]).assert().success();
    // ...then opened in the conference's own zone: the instants shift, the printed times do not.
    let changes = |extra: &[&str]| -> Vec<Value> {
        let out = hallway(d.path(), &file).args(extra).args(["agenda", "--json"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
    };
    for t in changes(&["--tz", "Europe/Brussels"]) {
        assert_eq!(t["change"], Value::Null, "{t}");
    }
    std::fs::write(&file, FLOATING.replace("<start>11:00</start>", "<start>12:00</start>")).unwrap();
    let after = changes(&["--tz", "Europe/Brussels"]);
    assert_eq!(by_id(&after, "1")["change"], Value::Null);
    assert_eq!(by_id(&after, "2")["change"], "moved");
    let text = hallway(d.path(), &file).args(["--tz", "Europe/Brussels", "agenda"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("moved from Sat 11:00-11:30 to Sat 12:00-12:30"), "{text}");
}

#[test]
fn a_recording_published_after_a_talk_was_saved_for_later_is_said_and_marked() {
    let d = TempDir::new().unwrap();
    let file = d.path().join("upd.json");
    std::fs::write(&file, BEFORE).unwrap();
    hallway(d.path(), &file).args(["later", "keep", "move"]).assert().success();
    let with_video =
        AFTER.replace(r#""duration": 45}"#, r#""duration": 45, "video": "https://media.example/keep.mp4"}"#);
    assert_ne!(with_video, AFTER);
    std::fs::write(&file, &with_video).unwrap();
    let list = agenda_json(d.path(), &file);
    assert_eq!(by_id(&list, "keep")["video_published"], true);
    assert_eq!(by_id(&list, "move")["video_published"], false, "no video yet");
    let out = hallway(d.path(), &file).args(["later", "--available"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.starts_with(
            "1 of the 2 talks you saved for later (not watched yet) has a video (1 published since you saved them):"
        ),
        "{text}"
    );
    assert!(
        text.contains("new Tue 25 Oct 09:00  Keeps its slot  [keep]\n        https://media.example/keep.mp4"),
        "{text}"
    );
    // The planner says so when it opens, and the On-demand view marks it.
    let s = schedule::load_path(&file).unwrap();
    let store = Store::new(d.path(), "upd");
    let mut a = store.load("upd").unwrap();
    assert_eq!(a.recordings_published(&s), [s.index_of("keep").unwrap()]);
    // Said once: once told (and saved), the next start has nothing new to say, while the
    // On-demand view and `later --available` still count it as published since saved.
    let untold = a.untold_videos(&s);
    assert_eq!(untold, [s.index_of("keep").unwrap()]);
    a.told_videos(&s, &untold);
    store.sync(&a).unwrap();
    let a = store.load("upd").unwrap();
    assert!(a.untold_videos(&s).is_empty());
    assert_eq!(a.recordings_published(&s), [s.index_of("keep").unwrap()]);
    let mut app = App::new(
        s,
        a,
        hallway::tui::app::Options::at(parse_at("2022-10-25 08:00", chrono_tz::Europe::Amsterdam).unwrap(), None),
    );
    press(&mut app, "4");
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("🎬 new https://media.example/keep.mp4"), "{shown}");
}
