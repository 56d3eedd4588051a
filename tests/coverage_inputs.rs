//! Inputs at their limits that had no test: a download over the 64 MiB cap, friends' files and
//! names at theirs, `refresh_minutes`, and imported schedules across daylight-saving changes.

mod common;

use hallway::fetch::{FetchError, Fetcher};
use hallway::friends::{Friends, FriendsError};
use hallway::schedule::{self, LoadError, Schedule, import::Options};
use predicates::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tempfile::TempDir;

// 5. The download cap.

/// `fetch::MAX_BYTES`.
const CAP: u64 = 64 * 1024 * 1024;

/// A server that answers each connection with `answer(n, stream)` (n from 0), which returns how
/// many body bytes it got out before it stopped or the client went away; those counts are kept.
struct Streamer {
    url: String,
    sent: Arc<Mutex<Vec<u64>>>,
}

fn streamer(answer: impl Fn(usize, &mut TcpStream) -> u64 + Send + 'static) -> Streamer {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/schedule.json", listener.local_addr().unwrap());
    let sent = Arc::new(Mutex::new(Vec::new()));
    let log = sent.clone();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { break };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            let count = answer(n, &mut stream);
            log.lock().unwrap().push(count);
        }
    });
    Streamer { url, sent }
}

/// Write `head` then spaces, a MiB at a time, up to `limit` bytes or until the client leaves.
fn spaces(stream: &mut TcpStream, head: &str, limit: u64) -> u64 {
    let chunk = vec![b' '; 1 << 20];
    if stream.write_all(head.as_bytes()).is_err() {
        return 0;
    }
    let mut sent = 0;
    while sent < limit {
        let n = chunk.len().min((limit - sent) as usize);
        if stream.write_all(&chunk[..n]).is_err() {
            break;
        }
        sent += n as u64;
    }
    sent
}

fn fetcher(cache: &TempDir) -> Fetcher {
    Fetcher {
        cache_dir: cache.path().join("schedules"),
        timeout: Duration::from_secs(30),
        compiled: None,
        fresh_for: Duration::ZERO,
    }
}

/// The reason a download failed, checked to be the cap's.
fn refused_for_size(result: Result<schedule::compiled::Opened, FetchError>) -> String {
    match result {
        Err(FetchError::Unreachable { url, reason }) => {
            assert!(reason.contains("larger than") && reason.contains(&CAP.to_string()), "not the cap: {reason}");
            format!("cannot download {url}: {reason}")
        }
        Err(e) => panic!("not refused for its size: {e}"),
        Ok(_) => panic!("a body over the cap was taken"),
    }
}

/// Nothing was kept: no body, no metadata.
fn nothing_kept(cache: &TempDir) {
    let kept: Vec<_> = std::fs::read_dir(cache.path().join("schedules"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(kept.is_empty(), "kept: {kept:?}");
}

/// The body sent up to when the client stopped reading: the cap and what the sockets buffer.
fn stopped_near_the_cap(server: &Streamer) {
    // The server's thread records its count once its writes fail, just after the client left.
    let waited = std::time::Instant::now();
    let sent = loop {
        if let Some(&n) = server.sent.lock().unwrap().first() {
            break n;
        }
        assert!(waited.elapsed() < Duration::from_secs(20), "the server is still sending: the client never left");
        std::thread::sleep(Duration::from_millis(5));
    };
    assert!(sent >= CAP, "the client gave up before the cap: {sent}");
    assert!(sent < CAP + 64 * 1024 * 1024, "the client read on past the cap: {sent}");
}

#[test]
fn an_endless_body_is_cut_at_the_cap_with_a_clear_error_and_nothing_kept() {
    let cache = TempDir::new().unwrap();
    // No length, and a body that never ends: only the cap ends the download.
    let server = streamer(|_, s| spaces(s, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", u64::MAX));
    let said = refused_for_size(fetcher(&cache).schedule(&server.url, Options::default()));
    assert!(said.starts_with("cannot download http://127.0.0.1:"), "{said}");
    nothing_kept(&cache);
    stopped_near_the_cap(&server);
}

#[test]
fn a_content_length_over_the_cap_is_refused() {
    let cache = TempDir::new().unwrap();
    // Ten GiB announced; the client must neither trust nor allocate it.
    let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", 10u64 << 30);
    let server = streamer(move |_, s| spaces(s, &head, CAP + (8 << 20)));
    refused_for_size(fetcher(&cache).schedule(&server.url, Options::default()));
    nothing_kept(&cache);
}

/// A gzip stream of one space and `copies` back-references of 258 more: a few hundred KiB
/// that inflate to `1 + 258 * copies` bytes. Its CRC is left 0: a reader that stops at the cap
/// never reaches it, and one that read on would fail on it with another error than the cap's.
fn gzip_bomb(copies: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, v: u64, len: u32) {
            self.acc |= v << self.n;
            self.n += len;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code goes most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            self.put(u64::from(code.reverse_bits() >> (32 - len)), len);
        }
    }
    let mut b = Bits { out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3], acc: 0, n: 0 };
    b.put(1, 1); // the last block
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30 + u32::from(b' '), 8); // the literal ' '
    for _ in 0..copies {
        b.code(0b1100_0101, 8); // length 258 (code 285)
        b.code(0, 5); // distance 1
    }
    b.code(0, 7); // end of block
    b.put(0, 7); // to a byte boundary
    let size = (1 + 258 * copies as u64) as u32;
    b.out.extend_from_slice(&0u32.to_le_bytes());
    b.out.extend_from_slice(&size.to_le_bytes());
    b.out
}

#[test]
fn a_gzip_body_that_inflates_past_the_cap_is_refused() {
    let cache = TempDir::new().unwrap();
    // 80 MiB once inflated, from about half a MiB.
    let bomb = gzip_bomb((80 << 20) / 258);
    assert!(bomb.len() < 1 << 20);
    let server = streamer(move |_, s| {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            bomb.len()
        );
        let _ = s.write_all(head.as_bytes()).and_then(|_| s.write_all(&bomb));
        bomb.len() as u64
    });
    refused_for_size(fetcher(&cache).schedule(&server.url, Options::default()));
    nothing_kept(&cache);
}

#[test]
fn over_the_cap_the_kept_copy_is_shown_and_stays_as_it_was() {
    let cache = TempDir::new().unwrap();
    let good = schedule::BUNDLED.as_bytes();
    let server = streamer(move |n, s| {
        if n == 0 {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", good.len());
            let _ = s.write_all(head.as_bytes()).and_then(|_| s.write_all(good));
            good.len() as u64
        } else {
            spaces(s, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", u64::MAX)
        }
    });
    let f = fetcher(&cache);
    f.schedule(&server.url, Options::default()).unwrap();
    let kept: Vec<_> = std::fs::read_dir(&f.cache_dir).unwrap().flatten().map(|e| e.path()).collect();
    let body = kept.iter().find(|p| p.extension().is_some_and(|x| x == "body")).unwrap().clone();
    assert_eq!(std::fs::read(&body).unwrap(), good);

    let mut opened = f.schedule(&server.url, Options::default()).expect("the copy answers");
    let notes = opened.notes_mut().clone();
    assert!(notes[0].starts_with("offline: showing the copy cached at"), "{notes:?}");
    assert!(notes[0].contains("larger than") && notes[0].contains(&CAP.to_string()), "{notes:?}");
    assert_eq!(std::fs::read(&body).unwrap(), good, "the copy is not replaced or cut");
    let now: Vec<_> = std::fs::read_dir(&f.cache_dir).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(now.len(), kept.len(), "no partial file beside it: {now:?}");
}

// 6. Friends' limits: a file over 4 MiB, a name empty or over 40 characters once cleaned, an
// export format from a newer hallway.

fn export_of(s: &Schedule, ids: &[&str]) -> String {
    let mut a = hallway::agenda::Agenda::new(&s.conference.id);
    let t0 = s.talks()[0].start;
    for id in ids {
        a.set(s, s.talk(id).unwrap(), hallway::agenda::MarkKind::Attend, t0);
    }
    hallway::export::document(s, &a, t0).to_string()
}

#[test]
fn a_friends_file_over_4_mib_is_refused_before_it_is_read_and_4_mib_is_not() {
    let s = schedule::bundled();
    let dir = TempDir::new().unwrap();
    let export = export_of(&s, &["io-uring"]);
    // Exactly the cap: a real export padded with whitespace, which JSON allows.
    let at_cap = dir.path().join("at-cap.json");
    let mut text = export.clone().into_bytes();
    text.resize(4 << 20, b' ');
    std::fs::write(&at_cap, &text).unwrap();
    let mut f = Friends::default();
    let got = f.add(&s, &at_cap, "Ana").unwrap();
    assert!(got.friend.attend.contains("io-uring"));

    // One byte more (sparse: the size alone must refuse it, the bytes are never needed).
    let over = dir.path().join("over.json");
    std::fs::write(&over, &export).unwrap();
    std::fs::OpenOptions::new().write(true).open(&over).unwrap().set_len((4 << 20) + 1).unwrap();
    let e = f.add(&s, &over, "Bo").unwrap_err();
    assert!(matches!(e, FriendsError::TooBig { size, .. } if size == (4 << 20) + 1), "{e}");
    let msg = e.to_string();
    assert!(msg.contains("over.json") && msg.contains("4194305 bytes") && msg.contains("too big"), "{msg}");
    assert_eq!(f.friends.len(), 1, "Bo was not added");
}

#[test]
fn a_friends_name_is_1_to_40_characters_once_cleaned() {
    let s = schedule::bundled();
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("ana.json");
    std::fs::write(&file, export_of(&s, &["io-uring"])).unwrap();
    let mut f = Friends::default();
    let is_name_error = |r: Result<_, FriendsError>| match r {
        Err(e @ FriendsError::Name { max: 40 }) => e.to_string() == "a friend's name is 1 to 40 characters",
        _ => false,
    };
    assert!(is_name_error(f.add(&s, &file, "")), "empty");
    assert!(is_name_error(f.add(&s, &file, " \t\n ")), "blank");
    // Nothing left once escapes, controls and bidi overrides are cleaned away.
    assert!(is_name_error(f.add(&s, &file, "\u{1b}[31m\u{202e}\u{7}\u{2066}")), "invisible once cleaned");
    assert!(is_name_error(f.add(&s, &file, &"a".repeat(41))), "41 characters");
    // Characters, not bytes: 40 two-byte letters fit.
    assert_eq!(f.add(&s, &file, &"é".repeat(40)).unwrap().friend.name, "é".repeat(40));
    // The length is of the cleaned name: 40 letters wrapped in escapes fit.
    let wrapped = format!("\u{1b}[1m{}\u{1b}[0m", "b".repeat(40));
    assert_eq!(f.add(&s, &file, &wrapped).unwrap().friend.name, "b".repeat(40));
    assert_eq!(f.friends.len(), 2, "only the two good names were added");
}

#[test]
fn a_friends_export_from_a_newer_hallway_is_refused() {
    let s = schedule::bundled();
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("future.json");
    let mut v: serde_json::Value = serde_json::from_str(&export_of(&s, &["io-uring"])).unwrap();
    v["hallway_export"] = 2.into();
    std::fs::write(&file, v.to_string()).unwrap();
    let e = Friends::default().add(&s, &file, "Ana").unwrap_err();
    assert!(matches!(e, FriendsError::Newer { version: 2, .. }), "{e}");
    assert!(e.to_string().contains("export format 2 is newer than this hallway reads"), "{e}");
}

#[test]
fn the_cli_refuses_friends_over_the_limits_with_exit_2_and_adds_nobody() {
    let dir = TempDir::new().unwrap();
    let s = schedule::bundled();
    let file = dir.path().join("ana.json");
    std::fs::write(&file, export_of(&s, &["io-uring"])).unwrap();
    let big = dir.path().join("big.json");
    std::fs::write(&big, "{}").unwrap();
    std::fs::OpenOptions::new().write(true).open(&big).unwrap().set_len(5 << 20).unwrap();
    let long = "n".repeat(41);
    for (path, name, says) in [
        (&big, "Ana", "too big for an exported agenda"),
        (&file, long.as_str(), "a friend's name is 1 to 40 characters"),
        (&file, "\u{1b}[2J", "a friend's name is 1 to 40 characters"),
    ] {
        common::hallway_in(dir.path())
            .args(["friends", "add"])
            .arg(path)
            .args(["--name", name])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    common::hallway_in(dir.path()).arg("friends").assert().success().stdout(predicate::str::contains("No friends"));
}

// 7. `refresh_minutes`.

fn config(text: &str) -> hallway::config::Config {
    hallway::config::parse(text, std::path::Path::new("config.toml")).unwrap()
}

#[test]
fn refresh_minutes_zero_is_no_timer_and_a_number_is_that_interval() {
    assert!(
        std::env::var_os("HALLWAY_REFRESH_SECONDS").is_none(),
        "this test reads the config alone: run it without HALLWAY_REFRESH_SECONDS"
    );
    use hallway::fetch::refresh_interval;
    assert_eq!(refresh_interval(&config("")), Some(Duration::from_secs(600)), "ten minutes by default");
    assert_eq!(refresh_interval(&config("refresh_minutes = 0")), None, "0: only R asks");
    assert_eq!(refresh_interval(&config("refresh_minutes = 1")), Some(Duration::from_secs(60)));
    assert_eq!(refresh_interval(&config("refresh_minutes = 45")), Some(Duration::from_secs(45 * 60)));
    for bad in ["refresh_minutes = -1", "refresh_minutes = \"ten\"", "refresh_minutes = 1.5"] {
        let e =
            hallway::config::parse(&format!("theme = \"mono\"\n{bad}\n"), std::path::Path::new("c.toml")).unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (2, Some("refresh_minutes")), "{bad}: {e}");
        assert!(e.to_string().contains("0 to stop checking for a newer schedule"), "{bad}: {e}");
    }
}

#[test]
fn hallway_refresh_seconds_overrides_refresh_minutes_both_ways() {
    let dir = TempDir::new().unwrap();
    let server = common::http::serve(|_| (200, vec![], schedule::BUNDLED.as_bytes().to_vec(), Duration::ZERO));
    let asked = || server.seen.lock().unwrap().len();
    let run = |env: Option<&str>| {
        let mut c = common::hallway_in(dir.path());
        c.env("HALLWAY_FETCH_TIMEOUT", "5").args(["--schedule", &server.url, "talks", "--day", "1"]);
        match env {
            Some(v) => c.env("HALLWAY_REFRESH_SECONDS", v),
            None => c.env_remove("HALLWAY_REFRESH_SECONDS"),
        };
        c.assert().success().stdout(predicate::str::contains("eBPF vs Sidecars"));
    };
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "refresh_minutes = 60\n").unwrap();
    run(None);
    assert_eq!(asked(), 1, "no copy yet: downloaded");
    run(None);
    assert_eq!(asked(), 1, "a copy from a moment ago, within 60 minutes: not asked");
    run(Some("0"));
    assert_eq!(asked(), 2, "HALLWAY_REFRESH_SECONDS=0 asks every time, whatever the config says");
    std::fs::write(&config, "refresh_minutes = 0\n").unwrap();
    run(None);
    assert_eq!(asked(), 3, "refresh_minutes = 0 asks every time");
    run(Some("3600"));
    assert_eq!(asked(), 3, "HALLWAY_REFRESH_SECONDS=3600 uses the copy, whatever the config says");
}

// 8. Imported formats across daylight-saving changes in Europe/Berlin: 2024-03-31 02:00 CET
// jumps to 03:00 CEST; 2024-10-27 03:00 CEST falls back to 02:00 CET.

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

fn read(text: &str, source: &str, zone: Option<chrono_tz::Tz>) -> Result<Schedule, LoadError> {
    schedule::parse_bytes_with(text.as_bytes(), source, Options { zone, ..Options::default() })
}

/// A talk's start and end as UTC instants, and its length in minutes.
fn utc(s: &Schedule, id: &str) -> (String, String, i64) {
    let t = s.talk(id).unwrap_or_else(|| panic!("no talk {id}"));
    let f = |d: chrono::DateTime<chrono::Utc>| d.format("%Y-%m-%dT%H:%MZ").to_string();
    (f(t.start), f(t.end), t.minutes())
}

/// The one problem a schedule has, checked to be a time in a daylight-saving gap.
fn gap_problem(r: Result<Schedule, LoadError>, talk: &str, time: &str) -> hallway::schedule::Problem {
    let e = r.expect_err("a time that does not exist is refused");
    let problems = e.problems();
    assert_eq!(problems.len(), 1, "{e}");
    let p = problems[0].clone();
    assert_eq!(p.talk.as_deref(), Some(talk), "{e}");
    let want = format!("{time} does not exist in Europe/Berlin (skipped by a daylight-saving change)");
    assert_eq!(p.message, want, "{e}");
    assert!(p.line.is_some(), "placed in the file: {e}");
    p
}

fn frab(events_spring: &str, events_fall: &str) -> String {
    format!(
        r#"{{"schedule": {{"version": "1", "conference": {{
  "title": "Clock Change Camp", "acronym": "clocks24", "time_zone_name": "Europe/Berlin",
  "days": [
    {{"index": 1, "date": "2024-03-31", "rooms": {{"Hall": [{events_spring}]}}}},
    {{"index": 2, "date": "2024-10-27", "rooms": {{"Hall": [{events_fall}]}}}}
  ]}}}}}}"#
    )
}

fn frab_event(id: &str, start: &str, duration: &str) -> String {
    format!(r#"{{"guid": "{id}", "title": "{id}", "start": "{start}", "duration": "{duration}", "room": "Hall"}}"#)
}

#[test]
fn frab_json_wall_clock_times_across_both_changes() {
    let spring = [frab_event("spring-night", "01:30", "02:00"), frab_event("spring-after", "03:00", "01:00")];
    let fall = [
        frab_event("fall-night", "01:30", "02:00"),
        frab_event("fall-repeat", "02:15", "00:30"),
        frab_event("fall-after", "03:00", "01:00"),
    ];
    let s = read(&frab(&spring.join(","), &fall.join(",")), "clocks.json", None).unwrap();
    assert_eq!(s.conference.tz, BERLIN);
    // 01:30 CET, then two real hours: 04:30 CEST on the wall.
    assert_eq!(utc(&s, "spring-night"), ("2024-03-31T00:30Z".into(), "2024-03-31T02:30Z".into(), 120));
    assert_eq!(s.local(s.talk("spring-night").unwrap().end).to_rfc3339(), "2024-03-31T04:30:00+02:00");
    assert_eq!(utc(&s, "spring-after"), ("2024-03-31T01:00Z".into(), "2024-03-31T02:00Z".into(), 60));
    // 01:30 CEST plus two real hours ends at the second 02:30 of the night, in CET.
    assert_eq!(utc(&s, "fall-night"), ("2024-10-26T23:30Z".into(), "2024-10-27T01:30Z".into(), 120));
    assert_eq!(s.local(s.talk("fall-night").unwrap().end).to_rfc3339(), "2024-10-27T02:30:00+01:00");
    // A time in the repeated hour is its first occurrence, in CEST.
    assert_eq!(utc(&s, "fall-repeat"), ("2024-10-27T00:15Z".into(), "2024-10-27T00:45Z".into(), 30));
    assert_eq!(utc(&s, "fall-after"), ("2024-10-27T02:00Z".into(), "2024-10-27T03:00Z".into(), 60));
}

#[test]
fn frab_json_full_dates_and_wall_clock_ends_across_the_spring_change() {
    let events = [
        // A full date with its offset: the instant it says, the printed start agreeing with it.
        r#"{"guid": "dated", "title": "Dated", "date": "2024-03-31T01:30:00+01:00", "start": "01:30",
            "duration": "02:00", "room": "Hall"}"#,
        r#"{"guid": "dated-after", "title": "Dated After", "date": "2024-03-31T03:00:00+02:00",
            "start": "03:00", "duration": "00:45", "room": "Hall"}"#,
        // An end written as a wall clock: 01:30 CET to 04:00 CEST is an hour and a half.
        r#"{"guid": "ends-at", "title": "Ends At", "start": "01:30", "end": "2024-03-31T04:00",
            "room": "Hall"}"#,
    ];
    let s = read(&frab(&events.join(","), &frab_event("f", "10:00", "00:30")), "clocks.json", None).unwrap();
    assert!(s.conference.notes.is_empty(), "the zone agrees with the offsets: {:?}", s.conference.notes);
    assert_eq!(utc(&s, "dated"), ("2024-03-31T00:30Z".into(), "2024-03-31T02:30Z".into(), 120));
    assert_eq!(utc(&s, "dated-after"), ("2024-03-31T01:00Z".into(), "2024-03-31T01:45Z".into(), 45));
    assert_eq!(utc(&s, "ends-at"), ("2024-03-31T00:30Z".into(), "2024-03-31T02:00Z".into(), 90));
}

#[test]
fn frab_json_a_start_in_the_spring_gap_is_a_located_problem() {
    let text = frab(&frab_event("in-the-gap", "02:30", "00:30"), &frab_event("f", "10:00", "00:30"));
    let p = gap_problem(read(&text, "clocks.json", None), "in-the-gap", "2024-03-31 02:30:00");
    assert_eq!(p.line, Some(4), "the line of the event: {p}");
    // An end in the gap is refused the same way.
    let ends = r#"{"guid": "ends-in-gap", "title": "E", "start": "01:30", "end": "2024-03-31T02:15", "room": "Hall"}"#;
    let text = frab(ends, &frab_event("f", "10:00", "00:30"));
    gap_problem(read(&text, "clocks.json", None), "ends-in-gap", "2024-03-31 02:15:00");
}

fn pentabarf(spring: &str, fall: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Clock Change Days</title><acronym>clockdays</acronym></conference>
  <day index="1" date="2024-03-31">
    <room name="Aula">{spring}</room>
  </day>
  <day index="2" date="2024-10-27">
    <room name="Aula">{fall}</room>
  </day>
</schedule>
"#
    )
}

fn penta_event(id: &str, start: &str, duration: &str) -> String {
    format!(r#"<event id="{id}"><start>{start}</start><duration>{duration}</duration><title>{id}</title></event>"#)
}

#[test]
fn pentabarf_xml_floating_times_read_in_the_zone_given_across_both_changes() {
    let spring = [penta_event("1", "01:30", "02:00"), penta_event("2", "03:00", "01:00")];
    let fall =
        [penta_event("3", "01:30", "02:00"), penta_event("4", "02:15", "00:30"), penta_event("5", "03:00", "01:00")];
    let s = read(&pentabarf(&spring.concat(), &fall.concat()), "clocks.xml", Some(BERLIN)).unwrap();
    assert!(s.conference.floating, "no zone, no offsets");
    assert_eq!(s.conference.tz, BERLIN);
    assert_eq!(utc(&s, "1"), ("2024-03-31T00:30Z".into(), "2024-03-31T02:30Z".into(), 120));
    assert_eq!(utc(&s, "2"), ("2024-03-31T01:00Z".into(), "2024-03-31T02:00Z".into(), 60));
    assert_eq!(utc(&s, "3"), ("2024-10-26T23:30Z".into(), "2024-10-27T01:30Z".into(), 120));
    assert_eq!(utc(&s, "4"), ("2024-10-27T00:15Z".into(), "2024-10-27T00:45Z".into(), 30));
    assert_eq!(utc(&s, "5"), ("2024-10-27T02:00Z".into(), "2024-10-27T03:00Z".into(), 60));
    // The same file read in a zone without the change: every talk moves, none is refused.
    let utc_read = read(&pentabarf(&spring.concat(), &fall.concat()), "clocks.xml", Some(chrono_tz::UTC)).unwrap();
    assert_eq!(utc(&utc_read, "1").2, 120);
}

#[test]
fn pentabarf_xml_a_start_in_the_spring_gap_is_a_located_problem() {
    let text = pentabarf(&penta_event("77", "02:30", "00:30"), &penta_event("5", "10:00", "01:00"));
    let p = gap_problem(read(&text, "clocks.xml", Some(BERLIN)), "77", "2024-03-31 02:30:00");
    assert_eq!((p.line, p.column), (Some(5), Some(23)), "at the <event>: {p}");
    // A Congress-flavour <date> with its offset is an instant: no gap, whatever <start> prints.
    let dated = r#"<event guid="g1"><date>2024-03-31T03:30:00+02:00</date><start>03:30</start>
        <duration>00:30</duration><title>Dated</title></event>"#;
    let s = read(&pentabarf(dated, &penta_event("5", "10:00", "01:00")), "clocks.xml", Some(BERLIN)).unwrap();
    assert_eq!(utc(&s, "g1"), ("2024-03-31T01:30Z".into(), "2024-03-31T02:00Z".into(), 30));
}

fn sessionize(sessions: &[(&str, &str, &str)]) -> String {
    let list: Vec<String> = sessions
        .iter()
        .map(|(id, from, to)| {
            format!(
                r#"{{"id": "{id}", "title": "Session {id}", "startsAt": "{from}", "endsAt": "{to}", "roomId": 7,
                    "speakers": [], "categoryItems": [], "isServiceSession": false}}"#
            )
        })
        .collect();
    format!(
        r#"{{"sessions": [{}], "speakers": [], "categories": [], "rooms": [{{"id": 7, "name": "Room A", "sort": 1}}]}}"#,
        list.join(",\n")
    )
}

#[test]
fn sessionize_local_times_across_both_changes() {
    let text = sessionize(&[
        ("101", "2024-03-31T01:30:00", "2024-03-31T04:00:00"),
        ("102", "2024-03-31T03:00:00", "2024-03-31T03:45:00"),
        ("103", "2024-10-27T01:30:00", "2024-10-27T03:30:00"),
        ("104", "2024-10-27T02:15:00", "2024-10-27T02:45:00"),
    ]);
    let s = read(&text, "clocks.json", Some(BERLIN)).unwrap();
    assert!(s.conference.floating);
    // 01:30 CET to 04:00 CEST: an hour and a half, not two and a half.
    assert_eq!(utc(&s, "101"), ("2024-03-31T00:30Z".into(), "2024-03-31T02:00Z".into(), 90));
    assert_eq!(utc(&s, "102"), ("2024-03-31T01:00Z".into(), "2024-03-31T01:45Z".into(), 45));
    // 01:30 CEST to 03:30 CET: three hours, not two.
    assert_eq!(utc(&s, "103"), ("2024-10-26T23:30Z".into(), "2024-10-27T02:30Z".into(), 180));
    assert_eq!(utc(&s, "104"), ("2024-10-27T00:15Z".into(), "2024-10-27T00:45Z".into(), 30));
}

#[test]
fn sessionize_a_start_or_an_end_in_the_spring_gap_is_a_located_problem() {
    let starts = sessionize(&[
        ("9", "2024-03-31T09:00:00", "2024-03-31T10:00:00"),
        ("201", "2024-03-31T02:30:00", "2024-03-31T03:30:00"),
    ]);
    let p = gap_problem(read(&starts, "clocks.json", Some(BERLIN)), "201", "2024-03-31 02:30:00");
    assert_eq!(p.line, Some(3), "the session's line: {p}");
    let ends = sessionize(&[("202", "2024-03-31T01:30:00", "2024-03-31T02:10:00")]);
    gap_problem(read(&ends, "clocks.json", Some(BERLIN)), "202", "2024-03-31 02:10:00");
}

#[test]
fn the_cli_names_the_time_that_does_not_exist_and_exits_2() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("clocks.json");
    std::fs::write(&path, sessionize(&[("201", "2024-03-31T02:30:00", "2024-03-31T03:30:00")])).unwrap();
    common::hallway_in(dir.path()).args(["--tz", "Europe/Berlin", "validate"]).arg(&path).assert().code(2).stdout(
        predicate::str::contains(
            "talk '201': 2024-03-31 02:30:00 does not exist in Europe/Berlin (skipped by a daylight-saving change)",
        ),
    );
    // Read in a zone where 02:30 exists, the same file is fine.
    common::hallway_in(dir.path()).args(["--tz", "UTC", "validate"]).arg(&path).assert().success();
}

#[test]
fn a_friends_name_of_only_invisible_characters_is_refused() {
    let s = hallway::schedule::bundled();
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("ana.json");
    let export = hallway::export::render(
        hallway::export::Format::Json,
        &s,
        &hallway::agenda::Agenda::new(&s.conference.id),
        chrono::Utc::now(),
        hallway::export::Options { on_demand: true },
    );
    std::fs::write(&file, export).unwrap();
    let mut friends = hallway::friends::Friends::default();
    let err = friends.add(&s, &file, "\u{200B}\u{200B}").unwrap_err();
    assert_eq!(err.to_string(), "a friend's name is 1 to 40 characters");
    let added = friends.add(&s, &file, "\u{200B}Ana\u{200D}").unwrap();
    assert_eq!(added.friend.name, "Ana");
}
