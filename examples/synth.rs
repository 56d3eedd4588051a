//! Write a synthetic conference for benchmarks: hallway JSON and the same talks as .ics (for
//! calcurse and khal in bench/compare.sh).
//!
//!     cargo run --release --example synth -- TALKS DAYS TRACKS OUT_PREFIX
//!     cargo run --release --example synth -- --by-days TALKS OUT_PREFIX
//!
//! writes OUT_PREFIX.json and OUT_PREFIX.ics; the same arguments always give the same files.
//! `--by-days` grows the conference by days of 20 rooms and 240 talks, so day 2 is the same
//! at every size.

use hallway::agenda::{Agenda, MarkKind};
use hallway::{export, schedule, synth};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = |s: &str| s.parse::<usize>().unwrap_or_else(|_| panic!("not a number: {s}"));
    let (json, out) = match args.as_slice() {
        [flag, talks, out] if flag == "--by-days" => (synth::by_days(n(talks), 7), out),
        [talks, days, tracks, out] => (synth::native_json(n(talks), n(days), n(tracks), 7), out),
        _ => {
            eprintln!("usage: synth TALKS DAYS TRACKS OUT_PREFIX | synth --by-days TALKS OUT_PREFIX");
            std::process::exit(2);
        }
    };
    std::fs::write(format!("{out}.json"), &json).expect("write json");
    let s = schedule::parse_bytes(json.as_bytes(), "synth.json").expect("synthetic schedules load");
    let now = s.start().expect("talks");
    let mut all = Agenda::new(&s.conference.id);
    for t in s.talks() {
        all.set(&s, t, MarkKind::Attend, now);
    }
    let ics = export::render(export::Format::Ics, &s, &all, now, export::Options { on_demand: true });
    std::fs::write(format!("{out}.ics"), ics).expect("write ics");
    eprintln!(
        "{out}.json / .ics: {} talks, {} tracks, {} days",
        s.talks().len(),
        s.conference.rooms.len(),
        s.day_count()
    );
}
