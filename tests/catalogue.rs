//! A well-known conference by name and year (`--schedule fosdem:2021`): downloaded from its
//! feed (here a local server, through a person's own catalogue), kept, and opened again.

mod common;

use common::http::serve;
use predicates::prelude::*;
use std::time::Duration;
use tempfile::TempDir;

#[test]
fn a_known_conference_by_name_and_year_is_downloaded_and_opened() {
    let fosdem = std::fs::read(common::fixture("pentabarf-fosdem-2021.xml")).unwrap();
    let server = serve(move |_| (200, vec![], fosdem.clone(), Duration::ZERO));
    let base = server.url.trim_end_matches("/schedule.json").to_string();
    let d = TempDir::new().unwrap();
    // The person's own entry replaces the bundled one (its feed is this server).
    let mine = format!("[fosdem]\nname = \"FOSDEM, here\"\nurl = \"{base}/{{year}}/schedule/xml\"\n");
    std::fs::write(d.path().join("catalogue.toml"), mine).unwrap();
    let hallway = || {
        let mut c = common::hallway_in(d.path());
        c.env("TZ", "Europe/Brussels");
        c
    };
    hallway()
        .args(["--schedule", "fosdem:2021", "talks", "--day", "sat", "--room", "K.fosdem"])
        .assert()
        .success()
        .stdout(predicate::str::contains("FOSDEM 2021").and(predicate::str::contains("K.fosdem")));
    let asked = server.seen.lock().unwrap().join("\n");
    assert!(asked.starts_with("GET /2021/schedule/xml"), "{asked}");
    // Kept, and once a talk is starred, remembered: the next command opens it without --schedule.
    hallway().args(["--schedule", "fosdem:2021", "star", "10863"]).assert().success();
    hallway().args(["conferences"]).assert().success().stdout(predicate::str::contains("FOSDEM 2021"));
    hallway()
        .args(["talks", "--day", "sun", "--room", "K.fosdem"])
        .assert()
        .success()
        .stdout(predicate::str::contains("FOSDEM 2021"));
    // The list of known ones, with the line that opens each.
    hallway().args(["conferences", "--known"]).assert().success().stdout(
        predicate::str::contains("fosdem  FOSDEM, here")
            .and(predicate::str::contains("hallway --schedule congress:YEAR")),
    );
    // A known name without a year, or an unknown name, says what works.
    hallway()
        .args(["--schedule", "congress", "talks"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a year"));
    // The start of a conference planned before opens it.
    hallway()
        .args(["--schedule", "fosdem", "talks", "--day", "1", "--room", "K.fosdem"])
        .assert()
        .success()
        .stderr(predicate::str::contains("opening fosdem-2021 (FOSDEM 2021)"));
    hallway()
        .args(["--schedule", "fosdme:2021", "talks"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("known conferences take a year: camp, congress"));
}
