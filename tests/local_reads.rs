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
fn a_device_or_a_fifo_given_as_a_schedule_is_refused_at_once() {
    let d = TempDir::new().unwrap();
    let fifo = d.path().join("schedule.json");
    mkfifo(&fifo);
    for (given, what) in [("/dev/zero", "a device"), (fifo.to_str().unwrap(), "a FIFO")] {
        for args in [&["--schedule", given, "talks"][..], &["validate", given], &["import", given]] {
            let o = answer(&d, args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert!(stderr(&o).contains(&format!("not a regular file ({what})")), "{args:?}: {}", stderr(&o));
        }
    }
}

#[test]
fn a_device_or_a_fifo_as_a_friends_agenda_is_refused_and_nobody_is_added() {
    let d = TempDir::new().unwrap();
    let fifo = d.path().join("ana.json");
    mkfifo(&fifo);
    for given in ["/dev/zero", fifo.to_str().unwrap()] {
        let o = answer(&d, &["friends", "add", given, "--name", "Ana"]);
        assert!(!o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    }
    let o = answer(&d, &["friends"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("Ana"), "nobody was added");
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
