//! Local reads are bounded (issue 25, item 4): a device given as a schedule or a friend's
//! agenda is refused before a byte is read, and a FIFO planted where a schedule, an agenda, its
//! lock, a friend's file, the conferences list or a compiled entry should be never hangs a
//! command. Each command must answer within the deadline below (generous: a hang is forever).

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const DEADLINE: Duration = Duration::from_secs(20);

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Run hallway with `args`; a run still going at the deadline is killed and fails the test.
fn answer(dir: &TempDir, args: &[&str]) -> Output {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("hallway"));
    common::isolate(&mut c, dir.path());
    let mut child = c
        .current_dir(dir.path())
        .args(["--at", "2022-10-19 09:20"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > DEADLINE {
            child.kill().unwrap();
            panic!("hallway {args:?} hung (killed after {DEADLINE:?})");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_device_given_as_a_schedule_or_a_friends_agenda_is_refused_at_once() {
    let d = TempDir::new().unwrap();
    for args in [
        &["--schedule", "/dev/zero", "talks"][..],
        &["validate", "/dev/zero"],
        &["import", "/dev/urandom"],
        &["friends", "add", "/dev/zero", "--name", "Ana"],
    ] {
        let o = answer(&d, args);
        assert!(!o.status.success(), "{args:?}");
        assert!(stderr(&o).contains("not a regular file (a device)"), "{args:?}: {}", stderr(&o));
    }
    let o = answer(&d, &["friends"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("Ana"), "nobody was added");
}

#[test]
fn a_pipe_a_person_names_is_read_and_one_without_a_writer_is_empty_at_once() {
    let d = TempDir::new().unwrap();
    // `hallway validate /dev/stdin < schedule.json`, as a pipe.
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("hallway"));
    common::isolate(&mut c, d.path());
    let mut child = c.args(["validate", "/dev/stdin"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), hallway::schedule::BUNDLED.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success() && String::from_utf8_lossy(&o.stdout).contains(": ok: P99 CONF"), "{o:?}");
    // A FIFO nobody writes to: read as empty, not waited on.
    let fifo = d.path().join("schedule.json");
    mkfifo(&fifo);
    let o = answer(&d, &["validate", fifo.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stdout));
    // The config read from /dev/null is no config: no warning.
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("hallway"));
    common::isolate(&mut c, d.path());
    let o = c.env("HALLWAY_CONFIG", "/dev/null").args(["talks", "--day", "1"]).output().unwrap();
    assert!(o.status.success() && stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn a_fifo_planted_at_an_agenda_is_set_aside_and_never_read() {
    let d = TempDir::new().unwrap();
    let agenda = d.path().join("data/agendas/p99conf-2022.json");
    mkfifo(&agenda);
    // Read-only commands answer; the one that writes sets the FIFO aside, as any file that
    // cannot be read, and says where it went.
    let o = answer(&d, &["agenda"]);
    assert!(stderr(&o).contains("not a regular file (a FIFO)"), "{}", stderr(&o));
    let o = answer(&d, &["star", "io-uring"]);
    assert!(stderr(&o).contains("moved to"), "{}", stderr(&o));
    let o = answer(&d, &["star", "io-uring"]);
    assert!(o.status.success(), "the next command starts a new agenda: {}", stderr(&o));
    let aside = std::fs::read_dir(agenda.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .count();
    assert_eq!(aside, 1, "the FIFO is kept aside, not removed");
}

#[test]
fn a_fifo_planted_at_the_lock_the_conferences_list_or_a_compiled_entry_never_hangs() {
    let d = TempDir::new().unwrap();
    // The compiled entry of the bundled schedule: made by a first run, then replaced by a FIFO.
    assert!(answer(&d, &["talks"]).status.success());
    let compiled = d.path().join("cache/compiled");
    let entries: Vec<_> = std::fs::read_dir(&compiled).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    std::fs::remove_file(&entries[0]).unwrap();
    mkfifo(&entries[0]);
    let o = answer(&d, &["talks"]);
    assert!(o.status.success(), "a bad compiled entry is compiled again: {}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("eBPF vs Sidecars"));

    mkfifo(&d.path().join("data/recent.json"));
    let o = answer(&d, &["conferences"]);
    assert!(o.status.success(), "{}", stderr(&o));

    mkfifo(&d.path().join("data/agendas/p99conf-2022.json.lock"));
    let o = answer(&d, &["star", "io-uring"]);
    assert_eq!(o.status.code(), Some(1), "a lock that cannot be taken is a runtime failure");
    assert!(stderr(&o).contains("lock"), "{}", stderr(&o));
}
