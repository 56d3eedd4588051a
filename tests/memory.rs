//! Reading a schedule costs memory in proportion to the file, with a small factor, whatever
//! the file carries: the peak of live heap bytes is counted by this binary's allocator (exact
//! and the same on every machine, unlike a process's resident size).
//!
//! One test function: the counter is the whole process's, so the cases run one after another.

use hallway_core::schedule;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The most heap in use at once while the file is read, over its size (the file's own bytes
/// are counted, as they are in memory while it is read).
fn factor(text: &str) -> f64 {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let result = schedule::parse_bytes(text.as_bytes(), "memory.json");
    let peak = PEAK.load(Relaxed) - before;
    drop(result);
    (peak + text.len()) as f64 / text.len() as f64
}

/// `n` copies of `item` joined by commas.
fn many(item: &str, n: usize) -> String {
    vec![item; n].join(",")
}

const FRAB_EVENT: &str = r#"{"guid": "g1", "id": 1, "date": "2024-02-03T10:00:00+01:00", "start": "10:00",
    "duration": "00:30", "room": "A", "title": "T", "type": "talk", "abstract": "", "persons": [], "links": []"#;

fn frab(events: &str) -> String {
    format!(
        r#"{{"schedule": {{"conference": {{"acronym": "c", "title": "C", "time_zone_name": "Europe/Brussels",
        "days": [{{"index": 1, "date": "2024-02-03", "rooms": {{"A": [{events}]}}}}]}}}}}}"#
    )
}

#[test]
fn what_a_file_carries_besides_its_schedule_costs_no_memory() {
    const N: usize = 400_000;
    let tiny = many(r#"{"a":0}"#, N);
    let cases = [
        // An event that carries a field nobody reads, of 400,000 small objects.
        ("frab, an unread field", frab(&format!("{FRAB_EVENT}, \"attachments\": [{tiny}]}}"))),
        // Events that are each a problem: found, counted, not kept.
        ("frab, 400,000 empty events", frab(&many("{}", N))),
        ("frab, 400,000 persons without a name", frab(&format!("{FRAB_EVENT}, \"persons\": [{tiny}]}}"))),
        ("frab, 400,000 empty tags", frab(&format!("{FRAB_EVENT}, \"tags\": [{}]}}", many("\"\"", N)))),
        (
            "frab, a Markdown abstract of 400,000 list items",
            frab(&format!("{FRAB_EVENT}, \"description\": \"{}\"}}", many("- a\\n", N))),
        ),
        (
            "frab, a Markdown abstract of 200,000 nested quotes",
            frab(&format!("{FRAB_EVENT}, \"description\": \"{}\"}}", ">".repeat(200_000))),
        ),
        (
            "Pentabarf XML, an unread element of 400,000 empty ones",
            format!(
                r#"<schedule><conference><title>C</title></conference><day date="2024-02-03" index="1"><room name="A">
                <event id="1"><start>10:00</start><duration>00:30</duration><room>A</room><title>T</title>
                <attachments>{}</attachments></event></room></day></schedule>"#,
                "<a/>".repeat(N)
            ),
        ),
        (
            "iCalendar, 100,000 empty events",
            format!("BEGIN:VCALENDAR\r\n{}END:VCALENDAR\r\n", "BEGIN:VEVENT\r\nEND:VEVENT\r\n".repeat(N / 4)),
        ),
        (
            "Sessionize, a speaker of 100,000 characters named 50,000 times",
            format!(
                r#"{{"rooms": [{{"id": 1, "name": "A"}}], "categories": [], "speakers": [{{"id": "a", "fullName": "{}"}}],
                "sessions": [{{"id": "1", "title": "T", "startsAt": "2024-02-03T10:00:00", "endsAt": "2024-02-03T10:30:00",
                "roomId": 1, "speakers": [{}]}}]}}"#,
                "S".repeat(100_000),
                many("\"a\"", 50_000)
            ),
        ),
        (
            "frab, a room of 100,000 characters listing 2,000 events that say another room",
            format!(
                r#"{{"schedule": {{"conference": {{"title": "C", "time_zone_name": "UTC", "days": [{{"date": "2024-02-03",
                "rooms": {{"{}": [{}]}}}}]}}}}}}"#,
                "R".repeat(100_000),
                many(r#"{"guid": "g", "title": "a", "start": "10:00", "duration": "00:30", "room": "x"}"#, 2_000)
            ),
        ),
        (
            "Sessionize, an unread field",
            format!(
                r#"{{"rooms": [{{"id": 1, "name": "A"}}], "speakers": [], "categories": [], "sessions": [
                {{"id": "1", "title": "T", "startsAt": "2024-02-03T10:00:00", "endsAt": "2024-02-03T10:30:00",
                "roomId": 1, "questionAnswers": [{tiny}]}}]}}"#
            ),
        ),
        (
            "hallway JSON, 400,000 empty talks",
            format!(
                r#"{{"conference": {{"id": "c", "timezone": "UTC", "tracks": ["A"]}}, "talks": [{}]}}"#,
                many("{}", N)
            ),
        ),
        (
            "hallway JSON with a problem, an unread field",
            format!(
                r#"{{"conference": {{"id": "c", "timezone": "UTC", "tracks": ["A"]}}, "extra": [{tiny}], "talks": [
                {{"id": "t", "title": "T", "track": "A", "start": "soon", "duration": 30, "notes": [{tiny}]}}]}}"#
            ),
        ),
    ];
    let camp = std::fs::read_to_string("tests/fixtures/real/frab-camp2019.json").unwrap();
    let pretalx = std::fs::read_to_string("tests/fixtures/real/pretalx-democon-2020.json").unwrap();
    let sessionize = std::fs::read_to_string("tests/fixtures/real/sessionize-orlando-codecamp-2020.json").unwrap();
    let fosdem = std::fs::read_to_string("tests/fixtures/real/pentabarf-fosdem-2021.xml").unwrap();
    let real = [("camp 2019", camp), ("pretalx", pretalx), ("Sessionize", sessionize), ("FOSDEM", fosdem)];
    for (what, text) in cases.iter().chain(&real) {
        eprintln!("{what}: {:.1}x", factor(text));
    }
    for (what, text) in &cases {
        let f = factor(text);
        // XML is read into a tree of about 80 bytes a node (roxmltree); a file may have one
        // node in 8 bytes (a real Congress export has one in 15), so XML gets twice the room.
        let most = if text.starts_with('<') { 20.0 } else { 10.0 };
        assert!(f < most, "{what}: {:.1} MB read with {f:.1}x its size in memory", text.len() as f64 / 1e6);
    }
}
