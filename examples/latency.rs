//! Latency percentiles the criterion means hide: key press to frame drawn (200x50) and a
//! search keystroke, over a synthetic conference of N talks.
//!
//!     cargo run --release --example latency -- 10000

use hallway::agenda::{Agenda, MarkKind};
use hallway::search::Index;
use hallway::tui::app::App;
use hallway::tui::keys::Action;
use hallway::tui::views;
use hallway::{clash, schedule, synth};
use ratatui::{Terminal, backend::TestBackend};
use std::time::{Duration, Instant};

fn percentiles(mut v: Vec<Duration>) -> String {
    v.sort();
    let at = |p: f64| v[((v.len() as f64 * p) as usize).min(v.len() - 1)];
    format!("p50 {:?}  p99 {:?}  max {:?}  ({} samples)", at(0.5), at(0.99), v[v.len() - 1], v.len())
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let tracks = if n <= 1000 { 20 } else { 60 };
    let s = schedule::parse_bytes(synth::native_json(n, 7, tracks, 7).as_bytes(), "synth").unwrap();
    let now = s.talks()[s.talks().len() / 2].start;
    let mut agenda = Agenda::new(&s.conference.id);
    for t in s.talks().iter().step_by(7) {
        agenda.set(&s, t, MarkKind::Attend, now);
    }

    // Key press to frame: update + draw into a 200x50 buffer, keys that move and that star.
    let mut app = App::new(s.clone(), agenda.clone(), hallway::tui::app::Options::at(now, None));
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let keys =
        [Action::Down, Action::Right, Action::Down, Action::ToggleStar, Action::Left, Action::Up, Action::ToggleStar];
    let (mut samples, mut moves, mut stars, mut draws) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut star_updates = Vec::new();
    for i in 0..2000 {
        let action = keys[i % keys.len()];
        let start = Instant::now();
        app.update(action);
        let drawn = Instant::now();
        term.draw(|f| views::draw(f, &app)).unwrap();
        let took = start.elapsed();
        draws.push(drawn.elapsed());
        samples.push(took);
        if action == Action::ToggleStar {
            stars.push(took);
            star_updates.push(drawn - start);
        } else {
            moves.push(took)
        }
    }
    println!("key to frame, {n} talks: {}", percentiles(samples));
    println!("  moves: {}", percentiles(moves));
    println!("  stars: {}", percentiles(stars));
    println!("  draw alone: {}", percentiles(draws));
    println!("  star, update alone: {}", percentiles(star_updates));

    // A search keystroke: the query grows letter by letter, as typed.
    let mut index = Index::new(&s);
    let mut samples = Vec::new();
    for _ in 0..20 {
        for q in ["l", "la", "lat", "late", "laten", "latenc", "latency", "latency r", "latency ru", "latency rust"] {
            let start = Instant::now();
            std::hint::black_box(index.search(q, 200));
            samples.push(start.elapsed());
        }
    }
    println!("search keystroke, {n} talks: {}", percentiles(samples));

    // Clash detection over every talk starred.
    let all: Vec<usize> = (0..s.talks().len()).collect();
    let mut samples = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        std::hint::black_box(clash::find(s.talks(), all.iter().copied()));
        samples.push(start.elapsed());
    }
    println!("clashes (every pair listed), all {n} talks starred: {}", percentiles(samples));
    let mut samples = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        std::hint::black_box(clash::flags(s.talks(), all.iter().copied()));
        samples.push(start.elapsed());
    }
    println!("clashes (which talks clash: what a star recomputes), all {n} starred: {}", percentiles(samples));
}
