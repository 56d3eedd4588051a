//! `--schedule https://...` against a local HTTP server started by each test: 200 with an ETag,
//! 304 re-validation, 404, a slow answer, a garbage body, connection refused, each with and
//! without a cached copy.

mod common;

use common::http::{Server, serve};

use assert_cmd::Command;
use predicates::prelude::*;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tempfile::TempDir;

fn hallway(cache: &TempDir, url: &str) -> Command {
    let mut c = common::hallway_in(cache.path());
    // Asked every run: these tests are about what the server answers.
    c.env("HALLWAY_CACHE_DIR", cache.path())
        .env("HALLWAY_FETCH_TIMEOUT", "1")
        .env("HALLWAY_REFRESH_SECONDS", "0")
        .args(["--schedule", url, "talks", "--day", "1"]);
    c
}

const ETAG: &str = "\"v1\"";

/// 200 with an ETag the first time; 304 when the client sends it back.
fn revalidating() -> Server {
    serve(|head| {
        if head.contains(&format!("if-none-match: {ETAG}")) || head.contains(&format!("If-None-Match: {ETAG}")) {
            (304, vec![], vec![], Duration::ZERO)
        } else {
            (200, vec![("ETag", ETAG.to_string())], hallway::schedule::BUNDLED.as_bytes().to_vec(), Duration::ZERO)
        }
    })
}

#[test]
fn downloads_caches_and_revalidates_with_the_etag() {
    let cache = TempDir::new().unwrap();
    let server = revalidating();
    hallway(&cache, &server.url).assert().success().stdout(predicate::str::contains("eBPF vs Sidecars"));
    hallway(&cache, &server.url)
        .assert()
        .success()
        .stdout(predicate::str::contains("eBPF vs Sidecars"))
        .stderr(predicate::str::contains("offline").not());
    let seen = server.seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert!(seen[1].to_lowercase().contains("if-none-match: \"v1\""), "{}", seen[1]);
}

#[test]
fn the_cached_copy_serves_when_the_network_fails() {
    let cache = TempDir::new().unwrap();
    let server = revalidating();
    hallway(&cache, &server.url).assert().success();
    // Same URL, now nobody listens there: connection refused.
    let port_gone = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/x.json", l.local_addr().unwrap())
    };
    hallway(&cache, &port_gone)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot download").and(predicate::str::contains("connection refused")));

    // A server that answers too slowly, an error status, a garbage body: the copy still serves.
    for (status, body, delay, why) in [
        (200, b"late".to_vec(), Duration::from_secs(3), "did not answer in time"),
        (404, b"not found".to_vec(), Duration::ZERO, "the server answered 404"),
        (200, b"<html>captive portal</html>".to_vec(), Duration::ZERO, "not a valid schedule"),
    ] {
        let first = Arc::new(Mutex::new(true));
        let server = serve(move |_| {
            let mut first = first.lock().unwrap();
            if std::mem::replace(&mut *first, false) {
                (200, vec![], hallway::schedule::BUNDLED.as_bytes().to_vec(), Duration::ZERO)
            } else {
                (status, vec![], body.clone(), delay)
            }
        });
        let cache = TempDir::new().unwrap();
        hallway(&cache, &server.url).assert().success();
        let started = std::time::Instant::now();
        hallway(&cache, &server.url).assert().success().stdout(predicate::str::contains("eBPF vs Sidecars")).stderr(
            predicate::str::contains("note: offline: showing the copy cached at").and(predicate::str::contains(why)),
        );
        assert!(started.elapsed() < Duration::from_secs(10), "timeouts are short");
    }
}

#[test]
fn without_a_copy_errors_are_clear() {
    let cache = TempDir::new().unwrap();
    let not_found = serve(|_| (404, vec![], b"nope".to_vec(), Duration::ZERO));
    hallway(&cache, &not_found.url)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot download").and(predicate::str::contains("answered 404")));
    let garbage = serve(|_| (200, vec![], b"{\"hello\": \"world\"}".to_vec(), Duration::ZERO));
    hallway(&cache, &garbage.url).assert().code(2).stderr(predicate::str::contains("not a schedule hallway knows"));
    let slow = serve(|_| (200, vec![], b"{}".to_vec(), Duration::from_secs(3)));
    hallway(&cache, &slow.url).assert().code(1).stderr(predicate::str::contains("did not answer in time"));
}

/// `hallway next` in a status bar runs every few seconds: a copy the server sent or confirmed
/// less than `refresh_minutes` ago answers without the network, so a conference's Wi-Fi that
/// hangs for 10 s does not hang the bar.
#[test]
fn a_copy_confirmed_minutes_ago_answers_without_asking_and_an_older_one_is_asked_again() {
    let cache = TempDir::new().unwrap();
    let server = revalidating();
    hallway(&cache, &server.url).assert().success();
    let mut recent = hallway(&cache, &server.url);
    recent.env_remove("HALLWAY_REFRESH_SECONDS");
    recent.assert().success().stdout(predicate::str::contains("eBPF vs Sidecars")).stderr(predicate::str::is_empty());
    assert_eq!(server.seen.lock().unwrap().len(), 1, "the copy from a moment ago was used");

    // `refresh_minutes` in the config says how recent; 0 asks every time (a 304 here).
    std::fs::write(cache.path().join("config.toml"), "refresh_minutes = 0\n").unwrap();
    let mut zero = hallway(&cache, &server.url);
    zero.env_remove("HALLWAY_REFRESH_SECONDS");
    zero.assert().success().stderr(predicate::str::contains("offline").not());
    assert_eq!(server.seen.lock().unwrap().len(), 2);

    // The planner shows any copy at once, however old, and asks in the background: a server
    // that hangs does not hold its first frame.
    let first = Arc::new(Mutex::new(true));
    let hangs = serve(move |_| {
        if std::mem::replace(&mut *first.lock().unwrap(), false) {
            (200, vec![], hallway::schedule::BUNDLED.as_bytes().to_vec(), Duration::ZERO)
        } else {
            (200, vec![], b"late".to_vec(), Duration::from_secs(5))
        }
    });
    let fetcher = |fresh_for| hallway::fetch::Fetcher {
        cache_dir: cache.path().join("schedules"),
        timeout: Duration::from_secs(4),
        compiled: None,
        fresh_for,
    };
    let opts = hallway::schedule::import::Options::default();
    fetcher(Duration::ZERO).schedule(&hangs.url, opts).unwrap();
    let started = std::time::Instant::now();
    let mut shown = fetcher(Duration::MAX).schedule(&hangs.url, opts).unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert!(shown.notes_mut().is_empty(), "not offline: not asked yet");
    assert_eq!(hangs.seen.lock().unwrap().len(), 1, "not asked");
}

/// A status bar runs `hallway next` every few seconds: after a try that failed, the next calls
/// answer from the copy for a minute instead of each waiting out the timeout again.
#[test]
fn after_a_failed_try_commands_answer_from_the_copy_for_a_minute() {
    let cache = TempDir::new().unwrap();
    let first = Arc::new(Mutex::new(true));
    let server = serve(move |_| {
        if std::mem::replace(&mut *first.lock().unwrap(), false) {
            (200, vec![], hallway::schedule::BUNDLED.as_bytes().to_vec(), Duration::ZERO)
        } else {
            (503, vec![], b"busy".to_vec(), Duration::ZERO)
        }
    });
    hallway(&cache, &server.url).assert().success();
    hallway(&cache, &server.url).assert().success().stderr(predicate::str::contains("the server answered 503"));
    assert_eq!(server.seen.lock().unwrap().len(), 2);
    hallway(&cache, &server.url).assert().success().stdout(predicate::str::contains("eBPF vs Sidecars")).stderr(
        predicate::str::contains("offline: showing the copy cached at").and(predicate::str::contains("failed")),
    );
    assert_eq!(server.seen.lock().unwrap().len(), 2, "not asked again within the minute");
}

#[test]
fn another_conference_sent_from_the_same_address_is_not_taken_by_a_command() {
    // First the sample, then SREcon from the same address: the kept copy stays the sample's,
    // and the command answers from it (the agenda is kept by the conference's id).
    let first = Arc::new(Mutex::new(true));
    let server = serve(move |_| {
        let srecon = hallway::schedule::BUNDLED_SCHEDULES[1].1;
        let body =
            if std::mem::replace(&mut *first.lock().unwrap(), false) { hallway::schedule::BUNDLED } else { srecon };
        (200, vec![], body.as_bytes().to_vec(), Duration::ZERO)
    });
    let cache = TempDir::new().unwrap();
    hallway(&cache, &server.url).assert().success().stdout(predicate::str::contains("eBPF vs Sidecars"));
    hallway(&cache, &server.url).assert().success().stdout(predicate::str::contains("eBPF vs Sidecars")).stderr(
        predicate::str::contains("the server sent another conference's schedule (srecon22emea), not taken")
            .and(predicate::str::contains("offline").not()),
    );
    // Still the sample's on the next run, without asking again for a minute.
    hallway(&cache, &server.url).assert().success().stdout(predicate::str::contains("eBPF vs Sidecars"));
    assert_eq!(server.seen.lock().unwrap().len(), 2);
}

#[test]
fn next_in_a_status_bar_waits_a_second_at_most_for_a_server_that_hangs() {
    // No copy kept, a server that takes 2 s: `next` gives up after its second and says why;
    // another command waits for the answer (HALLWAY_FETCH_TIMEOUT is 10 s here).
    let hangs = serve(|_| (200, vec![], hallway::schedule::BUNDLED.as_bytes().to_vec(), Duration::from_secs(2)));
    let cache = TempDir::new().unwrap();
    let run = |args: &[&str]| {
        let mut c = common::hallway_in(cache.path());
        c.env("HALLWAY_CACHE_DIR", cache.path()).env("HALLWAY_FETCH_TIMEOUT", "10").args(["--schedule", &hangs.url]);
        c.args(args).output().unwrap()
    };
    let out = run(&["next"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot download") && err.contains("did not answer in time"), "{err}");
    assert!(err.contains("no copy is kept yet to answer from"), "says how to get one: {err}");
    let out = run(&["talks", "--day", "1"]);
    assert!(out.status.success(), "a patient command gets the schedule");
    assert!(String::from_utf8_lossy(&out.stdout).contains("eBPF vs Sidecars"));
}
