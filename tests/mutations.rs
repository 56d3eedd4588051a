//! Broken copies of real schedules (truncated, bytes flipped, escape sequences spliced into
//! text) through every reader: an error or a sane schedule, never a panic. The same entry
//! points run under libFuzzer in fuzz/ for longer.

mod common;

use hallway::schedule::fuzz;

/// A small deterministic generator: the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below.max(1) as u64) as usize
    }
}

fn mutants(seed: &[u8], count: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng(0x9e3779b97f4a7c15 ^ seed.len() as u64);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let mut m = seed.to_vec();
        match i % 4 {
            0 => m.truncate(rng.next(seed.len())),
            1 => {
                for _ in 0..1 + rng.next(8) {
                    let at = rng.next(m.len());
                    m[at] = b"{}[]<>\"\\:,0-9 \x00\xff"[rng.next(16)];
                }
            }
            2 => {
                let at = rng.next(m.len());
                let junk: &[u8] =
                    [&b"\x1b[31m"[..], b"\x1b]52;c;aGk=\x07", b"\\u001b[2J", b"&#27;[2J", b"\xe2\x80\xae"][rng.next(5)];
                m.splice(at..at, junk.iter().copied());
            }
            _ => {
                let (a, b) = (rng.next(m.len()), rng.next(m.len()));
                let (a, b) = (a.min(b), a.max(b));
                m.drain(a..b.min(a + 64));
            }
        }
        out.push(m);
    }
    out
}

fn run(name: &str, seed: &[u8], count: usize, reader: fn(&[u8])) -> usize {
    reader(seed);
    let list = mutants(seed, count);
    for m in &list {
        fuzz::any(m);
        reader(m);
    }
    eprintln!("{name}: {} mutants clean", list.len());
    list.len()
}

#[test]
fn broken_real_schedules_never_panic() {
    let read = |n: &str| std::fs::read(common::fixture(n)).unwrap();
    let mut total = 0;
    total += run("frab-camp2019.json", &read("frab-camp2019.json"), 200, fuzz::frab_json);
    total += run("pretalx-democon-2020.json", &read("pretalx-democon-2020.json"), 200, fuzz::frab_json);
    total += run(
        "sessionize-orlando-codecamp-2020.json",
        &read("sessionize-orlando-codecamp-2020.json"),
        200,
        fuzz::sessionize_json,
    );
    total += run("pentabarf-fosdem-2021.xml", &read("pentabarf-fosdem-2021.xml"), 24, fuzz::pentabarf_xml);
    total += run("data/p99conf.json", hallway::schedule::BUNDLED.as_bytes(), 200, fuzz::native_json);
    let shape = |n: &str| {
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes").join(n)).unwrap()
    };
    total += run("shapes/linux-day.ics", &shape("linux-day.ics"), 200, fuzz::ical);
    total += run("shapes/congress-night.xml", &shape("congress-night.xml"), 200, fuzz::pentabarf_xml);
    assert_eq!(total, 1224);
}

#[test]
fn escape_sequences_in_every_text_field_are_removed() {
    let evil = r"\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u009b31m\u202e";
    let json = format!(
        r#"{{"schedule": {{"conference": {{"title": "C{evil}", "time_zone_name": "Europe/Berlin", "days": [
          {{"date": "2019-08-21", "rooms": {{"R{evil}": [{{"guid": "g", "title": "T{evil}", "date": "2019-08-21T11:00:00+02:00",
            "duration": "00:30", "abstract": "<p>A{evil}</p>", "persons": [{{"public_name": "P{evil}"}}], "track": "K{evil}"}}]}}}}]}}}}}}"#
    );
    let s = hallway::schedule::parse_bytes(json.as_bytes(), "evil.json").unwrap();
    let t = &s.talks()[0];
    let fields = [
        s.conference.name.as_str(),
        &s.conference.rooms[0],
        &t.title,
        &t.abstract_text,
        &t.speakers[0],
        t.track.as_deref().unwrap(),
    ];
    for text in fields {
        assert!(!text.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)), "{text:?}");
    }
    assert_eq!((t.title.as_str(), t.abstract_text.as_str(), t.speakers[0].as_str()), ("T", "A", "P"));
    // XML cannot carry ESC at all (the reader refuses it); C1 controls and bidi overrides it can.
    let xml = "<schedule><day date=\"2021-02-06\"><room name=\"R\"><event id=\"1\"><start>10:00</start>\
               <duration>00:30</duration><title>T\u{9b}31m\u{202e}x</title></event></room></day></schedule>";
    let s = hallway::schedule::parse_bytes(xml.as_bytes(), "evil.xml").unwrap();
    assert_eq!(s.talks()[0].title, "Tx");
}
