//! The CLI on a Congress-sized programme: lines that fit a terminal (seen through a pty, as a
//! person sees them) and stay whole in a pipe; ids by a unique start or a page's slug;
//! searches ranked as in the planner, accents folded.

mod common;

use std::process::Command;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

const LONG_ROOM: &str = "Chaos-West Bühne (im Zelt hinter der Halle 4, Eingang Süd)";

/// A frab schedule.json in the Congress's shape: UUID ids, German and English titles, a room
/// name of 59 characters among short ones, talks at night.
fn congress(dir: &TempDir) -> std::path::PathBuf {
    let rooms = ["Saal 1", "Saal 2", "Saal G", "Saal Z", LONG_ROOM];
    let titles = [
        ("Rüstungsgüter und Exportkontrolle: wer liefert was an wen", "Anna Döllmann"),
        ("Rust in the kernel, two years on", "Ferris Crab"),
        ("Wie man mit Kompostieren die Welt rettet, sagt man Computern", "Kim Beet"),
        ("Funkamateure im Katastrophenfall", "Ola Morse"),
        ("A very long English title about memory safety in embedded firmware", "Ada Lovelace"),
    ];
    let mut days = Vec::new();
    for (d, date) in ["2019-12-27", "2019-12-28"].iter().enumerate() {
        let mut by_room = serde_json::Map::new();
        for (r, room) in rooms.iter().enumerate() {
            // The long room is a small one (as at a Congress): few of the talks are there.
            let count = if *room == LONG_ROOM { 2 } else { 6 };
            let events: Vec<serde_json::Value> = (0..count)
                .map(|k| {
                    let n = d * 100 + r * 10 + k;
                    let (title, who) = titles[(r + k) % titles.len()];
                    serde_json::json!({
                        "guid": format!("{:08x}-1e1a-4b3d-9d4c-{:012x}", 0xceb3_7500 + n, n),
                        "id": 10_000 + n,
                        "date": format!("{date}T{:02}:00:00+01:00", 11 + 2 * k),
                        "start": format!("{:02}:00", 11 + 2 * k),
                        "duration": "01:00",
                        "room": room,
                        "title": title,
                        "url": format!("https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/{}.html", 10_000 + n),
                        "type": "lecture",
                        "language": if title.contains("Rust in") || title.starts_with('A') { "en" } else { "de" },
                        "persons": [{"public_name": who}],
                    })
                })
                .collect();
            by_room.insert(room.to_string(), events.into());
        }
        days.push(serde_json::json!({"index": d + 1, "date": date, "rooms": by_room}));
    }
    let doc = serde_json::json!({"schedule": {"conference": {
        "acronym": "36c3", "title": "36th Chaos Communication Congress", "time_zone_name": "Europe/Berlin",
        "rooms": rooms.iter().map(|r| serde_json::json!({"name": r})).collect::<Vec<_>>(), "days": days}}});
    let path = dir.path().join("36c3.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

fn hallway(dir: &TempDir) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("hallway"));
    common::isolate(&mut c, dir.path());
    c
}

/// What the command prints on a terminal of `cols` columns (a pty), escape codes and all.
fn on_terminal(c: Command, cols: u16) -> String {
    common::pty::run(c, cols, 50).0
}

/// Text without its colour codes.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn on_a_terminal_every_line_fits_and_keeps_its_id() {
    let d = TempDir::new().unwrap();
    let f = congress(&d);
    // Two talks at 13:00 on the first day, in Saal 1 and Saal 2: they clash.
    let starred = hallway(&d).arg("--schedule").arg(&f).args(["star", "ceb37501", "ceb3750b"]).output().unwrap();
    assert!(String::from_utf8_lossy(&starred.stdout).contains("clash"), "{starred:?}");
    for args in [vec!["talks"], vec!["now", "--at", "2019-12-27 13:30", "--all"], vec!["agenda"], vec!["clashes"]] {
        let mut c = hallway(&d);
        c.arg("--schedule").arg(&f).args(&args);
        c.env("TERM", "xterm-256color");
        let raw = on_terminal(c, 80);
        // A terminal gets styles (a bold heading, dim ids); a pipe gets none (below).
        if args[0] == "talks" {
            assert!(raw.contains("\u{1b}[1m") && raw.contains("\u{1b}[2m"), "{raw:?}");
        }
        let screen = plain(&raw);
        assert!(screen.contains(if args[0] == "clashes" { "Rust in" } else { "Saal 1" }), "{screen}");
        for line in screen.lines() {
            assert!(line.width() <= 80, "{} columns in {args:?}: {line}", line.width());
        }
        if args[0] == "talks" {
            assert!(screen.contains("  Chaos…  "), "the long room gives way: {screen}");
            let ids = screen.lines().filter(|l| l.trim_end().ends_with(']')).count();
            assert_eq!(ids, 52, "every talk keeps its id: {screen}");
            // A UUID shows as its first 8 characters, which `star` takes.
            assert!(screen.contains("[ceb37500]"), "{screen}");
            // A title that gives way is cut between words.
            let full = "Wie man mit Kompostieren die Welt rettet, sagt man Computern — Kim Beet";
            let line = screen.lines().find(|l| l.contains("Wie man mit")).unwrap();
            let kept = &line[line.find("Wie man mit").unwrap()..line.find('…').expect(line)];
            let after = &full[kept.len()..];
            assert!(full.starts_with(kept) && after.starts_with([' ', ',']), "cut mid-word: {line}");
        }
    }
}

#[test]
fn piped_lines_stay_whole_and_columns_are_not_padded_to_the_longest() {
    let d = TempDir::new().unwrap();
    let f = congress(&d);
    let out = hallway(&d).arg("--schedule").arg(&f).arg("talks").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "styles written to a pipe: {text:?}");
    assert!(text.contains(LONG_ROOM) && text.contains("Wie man mit Kompostieren die Welt rettet, sagt man Computern"));
    let short = text.lines().find(|l| l.contains("Saal 1 ")).unwrap();
    assert!(!short.contains(&" ".repeat(12)), "padded to the longest room: {short}");
}

#[test]
fn ids_by_a_unique_start_or_the_page_and_a_wrong_one_says_what_would_work() {
    let d = TempDir::new().unwrap();
    let f = congress(&d);
    let run = |args: &[&str]| hallway(&d).arg("--schedule").arg(&f).args(args).output().unwrap();
    let out = run(&["star", "ceb37500"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("starred    ceb37500-1e1a-4b3d-9d4c-000000000000"));
    let out = run(&["star", "10101"]);
    assert!(out.status.success(), "the event number from its page: {}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["star", "ceb375"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'ceb375' is the start of 52 ids") && err.contains("`hallway star ceb37500`"), "{err}");
    let out = run(&["star", "ceb37500-1e1a-4b3d-9d4c-00000000000x"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Did you mean") && err.contains("`hallway star "), "{err}");
    // Options stand wherever they are, also after a note's words.
    let out = run(&["note", "ceb37500", "front", "row", "--at", "2019-12-27 10:00"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("note: front row\n"));
}

#[test]
fn search_ranks_as_the_planner_and_folds_accents() {
    let d = TempDir::new().unwrap();
    let f = congress(&d);
    let search = |q: &str| {
        let out = hallway(&d).arg("--schedule").arg(&f).args(["talks", "--search", q]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let found = search("dollmann");
    assert!(found.contains("Anna Döllmann"), "{found}");
    let rust = search("rust");
    let (word, folded) = (rust.find("Rust in the kernel").unwrap(), rust.find("Rüstungsgüter").unwrap());
    assert!(word < folded, "the word as typed first: {rust}");
    assert!(rust.contains("Best match first"), "{rust}");
}

#[test]
fn a_starred_live_talk_fills_its_line_as_any_other() {
    let d = TempDir::new().unwrap();
    let f = congress(&d);
    // "Rust in the kernel", 13:00-14:00 in Saal 1.
    let starred = hallway(&d).arg("--schedule").arg(&f).args(["star", "ceb37501"]).status();
    assert!(starred.unwrap().success());
    let mut c = hallway(&d);
    c.arg("--schedule").arg(&f).args(["now", "--at", "2019-12-27 13:30"]).env("TERM", "xterm-256color");
    let raw = on_terminal(c, 80);
    // The star is painted after the line is cut: its colour codes take no columns.
    let line = plain(&raw).lines().find(|l| l.contains("live  ★")).map(str::to_string).expect(&raw);
    assert!((76..=80).contains(&line.width()), "{} columns: {line}", line.width());
    let painted = raw.lines().find(|l| l.contains("★")).unwrap();
    assert!(painted.contains('\u{1b}'), "the star is painted: {painted:?}");
}

#[test]
fn on_a_narrow_terminal_the_room_gives_way_before_the_title() {
    let d = TempDir::new().unwrap();
    let f = congress(&d);
    let starred = hallway(&d).arg("--schedule").arg(&f).args(["star", "ceb37501", "ceb3750b"]).status();
    assert!(starred.unwrap().success());
    for args in [vec!["talks"], vec!["agenda"], vec!["now", "--at", "2019-12-27 13:30"], vec!["clashes"]] {
        let mut c = hallway(&d);
        c.arg("--schedule").arg(&f).args(&args);
        let screen = plain(&on_terminal(c, 50));
        for line in screen.lines() {
            assert!(line.width() <= 50, "{} columns in {args:?}: {line}", line.width());
        }
        if args[0] == "talks" {
            // "Saal 1" in 6 columns and the title still says something.
            let line = screen.lines().find(|l| l.contains("[ceb37501]")).expect(&screen);
            assert!(line.contains("Saal 1") && line.contains("Rust in"), "{line}");
        }
    }
}
