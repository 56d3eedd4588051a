//! The planner on a compiled schedule draws its first frame from a part (the day it opens on,
//! what is on now, the marked talks) while another thread reads the whole: a key about what is
//! on screen is answered at once, one that may reach another day waits for the whole.

mod common;

use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Wait (up to a minute: machines are slow, nothing here is timed) until `done` holds.
fn until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(60), "never: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_key_about_the_screen_is_answered_before_the_whole_schedule_is_read() {
    let d = TempDir::new().unwrap();
    let file = d.path().join("s.json");
    std::fs::write(&file, hallway::synth::by_days(1_000, 7)).unwrap();
    let gate = d.path().join("gate");
    let planner = |args: &[&str]| {
        let mut c = Command::new(assert_cmd::cargo::cargo_bin("hallway"));
        common::isolate(&mut c, d.path());
        c.arg("--schedule").arg(&file).args(args);
        c
    };
    // Compiled once, and old enough to be trusted: the planner opens on a part of it.
    assert!(planner(&["talks", "--day", "1"]).output().unwrap().status.success());
    std::thread::sleep(Duration::from_millis(2_100));
    assert!(planner(&["talks", "--day", "1"]).output().unwrap().status.success());

    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize { ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: openpty writes two descriptors that we then own; the size is read, not kept.
    let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut c = planner(&["--at", "2030-03-02 10:30"]);
    c.env("HALLWAY_REST_GATE", &gate).env("TERM", "xterm-256color");
    c.stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    let mut child = c.spawn().unwrap();
    drop(c);
    let mut keys = std::fs::File::from(master.try_clone().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let seen = Arc::clone(&seen);
        let mut master = std::fs::File::from(master);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = master.read(&mut buf) {
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let screen = || String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    until("the first frame", || screen().contains("Sat 2 Mar"));

    // The whole is held back at the gate: a star is answered, and saved, from the part.
    keys.write_all(b"s").unwrap();
    let agenda = d.path().join("data/agendas").join("synth-1000.json");
    until("the star saved", || std::fs::read_to_string(&agenda).is_ok_and(|a| a.contains("\"attend\"")));
    // `]` may reach another day: it waits for the whole, and the star after it with it.
    let marks = || std::fs::read_to_string(&agenda).unwrap_or_default().matches("\"attend\"").count();
    keys.write_all(b"]s").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(marks(), 1, "a key that may reach another day was answered from the part");
    std::fs::write(&gate, "").unwrap();
    until("the second star saved", || marks() == 2);
    keys.write_all(b"q").unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}: {}", screen());
    reader.join().unwrap();
    let marked = planner(&["agenda", "--json"]).output().unwrap();
    let marked: serde_json::Value = serde_json::from_slice(&marked.stdout).unwrap();
    let days: Vec<&str> = marked.as_array().unwrap().iter().map(|m| m["day"].as_str().unwrap()).collect();
    assert_eq!(days, ["2030-03-02", "2030-03-03"], "the talk on the first frame, then one the next day: {marked}");
}

/// The planner on the part of a compiled schedule opened on its third day (the first two are
/// not in the part, so positions in the part are not positions in the whole), and the whole.
fn part_and_whole(d: &TempDir) -> (hallway::tui::app::App, hallway::schedule::Schedule, chrono::DateTime<chrono::Utc>) {
    use hallway::schedule::compiled::{Cache, Need};
    let file = d.path().join("s.json");
    std::fs::write(&file, hallway::synth::by_days(1_200, 7)).unwrap();
    let cache = Cache::in_dir(d.path().join("cache"));
    let opts = hallway::schedule::import::Options::default();
    cache.open_file(&file, opts).unwrap();
    let opened = cache.open_file(&file, opts).unwrap();
    let tz = opened.conference().tz;
    let now = hallway::clock::parse_at("2030-03-03 10:30", tz).unwrap();
    let plan = opened.reader().unwrap().plan(&Need::Planner, now, Vec::new(), false);
    let (part, rest) = opened.split(&plan).unwrap();
    let whole = rest.expect("a part first").whole().unwrap();
    assert!(part.talks().len() < whole.talks().len() && part.talks()[0].id != whole.talks()[0].id);
    let agenda = hallway::agenda::Agenda::new(&part.conference.id);
    (hallway::tui::app::App::new(part, agenda, hallway::tui::app::Options::at(now, None)), whole, now)
}

#[test]
fn the_whole_taken_in_place_of_the_part_keeps_every_talk_where_it_was() {
    use hallway::tui::app::Pick;
    use ratatui::{Terminal, backend::TestBackend};
    let d = TempDir::new().unwrap();
    let (mut app, whole, now) = part_and_whole(&d);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| hallway::tui::views::draw(f, &app)).unwrap();
    // Nothing answered on the part: the view opens on the whole as a planner on the whole does.
    let on_whole = hallway::tui::app::App::new(
        whole.clone(),
        hallway::agenda::Agenda::new(&whole.conference.id),
        hallway::tui::app::Options::at(now, None),
    );
    let id_at = |a: &hallway::tui::app::App| a.session.schedule.talks()[a.schedule_view.selected].id.clone();
    let (rect, shown) = app
        .clickable
        .borrow()
        .iter()
        .find_map(|(r, p)| match p {
            Pick::Star(i) => Some((*r, app.session.schedule.talks()[*i].id.clone())),
            _ => None,
        })
        .expect("a star drawn");
    assert!(app.take_whole(whole, false).is_empty());
    assert_eq!(id_at(&app), id_at(&on_whole));
    // The part's frame recorded positions in the part: a click before the whole is drawn
    // does nothing, and one on the whole's frame stars the talk shown there.
    app.click(rect.x, rect.y, false);
    assert!(app.session.agenda.marks.is_empty(), "a click read against the part's positions");
    t.draw(|f| hallway::tui::views::draw(f, &app)).unwrap();
    app.click(rect.x, rect.y, false);
    let starred: Vec<&String> = app.session.agenda.marks.keys().collect();
    assert_eq!(starred, [&shown], "the talk drawn at that place");
}
