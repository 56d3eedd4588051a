//! Load, answers, clash detection, key-press-to-frame and the Now view's tick at growing sizes. CI runs these once each
//! (`cargo test --benches`) so they cannot rot; `cargo bench` measures.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hallway::agenda::{Agenda, MarkKind};
use hallway::schedule::{self, Schedule};
use hallway::synth;
use hallway::tui::app::App;
use hallway::tui::keys::Action;
use hallway::tui::views;
use ratatui::{Terminal, backend::TestBackend};
use std::hint::black_box;

fn make(talks: usize, tracks: usize) -> (String, Schedule) {
    let text = synth::native_json(talks, 3, tracks, 7);
    let s = schedule::parse_bytes(text.as_bytes(), "synth.json").unwrap();
    (text, s)
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    for n in [100, 1_000, 10_000] {
        let (text, _) = make(n, 4);
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, t| {
            b.iter(|| schedule::parse_bytes(black_box(t.as_bytes()), "s").unwrap())
        });
    }
    g.finish();
}

/// The compiled form at sizes grown by days (the same day 2 at every size): one day, the
/// marked talks, and the whole schedule, against parsing the file.
fn compiled(c: &mut Criterion) {
    use hallway::schedule::compiled::{Cache, Plan};
    let mut g = c.benchmark_group("compiled");
    g.sample_size(10);
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().join("cache"));
    // `cargo test --benches` (CI's one pass) skips the 100k file: building it unoptimised takes long.
    let measuring = std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if measuring { &[1_000, 10_000, 100_000] } else { &[1_000, 10_000] };
    for &n in sizes {
        let path = dir.path().join(format!("s{n}.json"));
        std::fs::write(&path, synth::by_days(n, 7)).unwrap();
        let opts = schedule::import::Options::default();
        cache.open_file(&path, opts).unwrap();
        let day2 = Plan { days: vec![1], ..Plan::default() };
        let marked = Plan { ids: vec!["t250".into(), "t300".into(), "t400".into()], ..Plan::default() };
        let whole = Plan { whole: true, abstracts: true, ..Plan::default() };
        for (name, plan) in [("day_2", &day2), ("marked", &marked), ("whole", &whole)] {
            g.bench_function(BenchmarkId::new(name, n), |b| {
                b.iter(|| cache.open_file(&path, opts).unwrap().load(black_box(plan)).unwrap())
            });
        }
        g.bench_function(BenchmarkId::new("parse", n), |b| {
            b.iter(|| schedule::load_path_with(black_box(&path), opts).unwrap())
        });
    }
    g.finish();
}

/// Answering a day of 1,440 talks (10k talks over 7 days in 72 rooms) once it is loaded: each
/// talk's time range as a listing writes it, and the day as the JSON document; and the first
/// open of a new file (parse, compile, answer from the entry). bench/answers.sh times the whole
/// commands, against calcurse and against parsing every run.
fn answers(c: &mut Criterion) {
    use hallway::schedule::compiled::{Cache, Plan};
    let mut g = c.benchmark_group("answers");
    g.sample_size(10);
    let text = synth::native_json(10_000, 7, 72, 7);
    let s = schedule::parse_bytes(text.as_bytes(), "week.json").unwrap();
    let day = &s.talks()[s.day_range(1)];
    let agenda = Agenda::new(&s.conference.id);
    g.bench_function("ranges_of_day_2", |b| {
        b.iter(|| {
            let mut instants = hallway::timefmt::Instants::new(&s);
            day.iter().map(|t| instants.range(t).0.len()).sum::<usize>()
        })
    });
    g.bench_function("json_of_day_2", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            serde_json::to_writer_pretty(&mut out, &hallway::report::talks(&s, day, &agenda)).unwrap();
            out.len()
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("week.json");
    std::fs::write(&path, &text).unwrap();
    let opts = schedule::import::Options::default();
    let day2 = Plan { days: vec![1], ..Plan::default() };
    let mut n = 0;
    g.bench_function("first_open_day_2", |b| {
        b.iter(|| {
            n += 1;
            let cache = Cache::in_dir(dir.path().join(format!("cache{n}")));
            cache.open_file(&path, opts).unwrap().load(&day2).unwrap()
        })
    });
    g.bench_function("parse_day_2", |b| b.iter(|| schedule::load_path_with(black_box(&path), opts).unwrap()));
    g.finish();
}

fn clashes(c: &mut Criterion) {
    let mut g = c.benchmark_group("clashes_all_starred");
    for n in [1_000, 10_000] {
        let (_, s) = make(n, 10);
        let members: Vec<usize> = (0..s.talks().len()).collect();
        // Which talks clash (what a star recomputes) and every pair (what the agenda lists).
        g.bench_with_input(BenchmarkId::new("flags", n), &members, |b, m| {
            b.iter(|| hallway::clash::flags(s.talks(), m.iter().copied()))
        });
        g.bench_with_input(BenchmarkId::new("pairs", n), &members, |b, m| {
            b.iter(|| hallway::clash::find(s.talks(), m.iter().copied()))
        });
    }
    g.finish();
}

fn key_to_frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("key_to_frame_200x50");
    for n in [100, 1_000, 10_000] {
        let (_, s) = make(n, 8);
        let mut agenda = Agenda::new(&s.conference.id);
        let now = s.talks()[0].start;
        for t in s.talks().iter().step_by(7) {
            agenda.set(&s, t, MarkKind::Attend, now);
        }
        let mut app = App::new(s, agenda, hallway::tui::app::Options::at(now, None));
        let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
        let mut down = true;
        g.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                // Walk down the track and back so every iteration moves the selection.
                let before = app.schedule_view.selected;
                app.update(if down { Action::Down } else { Action::Up });
                if app.schedule_view.selected == before {
                    down = !down;
                }
                term.draw(|f| views::draw(f, &app)).unwrap();
            })
        });
    }
    g.finish();
}

/// The Now view's work when the minute turns: live/next in every track and the person's own
/// next talks (the draw itself reads this cached overview).
fn now_overview(c: &mut Criterion) {
    let mut g = c.benchmark_group("now_overview");
    for (n, tracks) in [(1_000, 8), (10_000, 60)] {
        let (_, s) = make(n, tracks);
        let attending: Vec<usize> = (0..s.talks().len()).step_by(7).collect();
        let mid = s.talks()[s.talks().len() / 2].start;
        g.bench_function(BenchmarkId::from_parameter(format!("{n}talks_{tracks}tracks")), |b| {
            b.iter(|| hallway::now::overview(&s, black_box(&attending), black_box(mid)))
        });
    }
    g.finish();
}

/// A minute tick with the Now view open: recompute and redraw.
fn now_view_tick(c: &mut Criterion) {
    let mut g = c.benchmark_group("now_view_tick_200x50");
    for n in [1_000, 10_000] {
        let (_, s) = make(n, 8);
        let mid = s.talks()[s.talks().len() / 2].start;
        let mut app = App::new(s, Agenda::new("synth"), hallway::tui::app::Options::at(mid, None));
        app.update(Action::ShowNow);
        let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
        let mut minute = 0;
        g.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                minute = (minute + 1) % 600;
                app.tick(mid + chrono::Duration::minutes(minute));
                term.draw(|f| views::draw(f, &app)).unwrap();
            })
        });
    }
    g.finish();
}

/// A newer copy of the schedule taken while the planner runs (a URL re-checked): compare it with
/// the copy shown, re-derive the marks and filter, keep every view's place. Two copies, 1% of
/// talks moved between them, a mark on every 7th talk; each pass takes the other copy.
fn refresh_apply(c: &mut Criterion) {
    let mut g = c.benchmark_group("refresh_apply");
    for n in [1_000, 10_000] {
        let (_, a) = make(n, 8);
        let mut moved = a.talks().to_vec();
        for t in moved.iter_mut().step_by(100) {
            t.start += chrono::Duration::minutes(30);
            t.end += chrono::Duration::minutes(30);
        }
        moved.sort_by_key(|t| t.start);
        let b = Schedule::new(a.conference.clone(), moved);
        let mid = a.talks()[a.talks().len() / 2].start;
        let mut agenda = Agenda::new("synth");
        for t in a.talks().iter().step_by(7) {
            agenda.set(&a, t, MarkKind::Attend, mid);
        }
        let mut app = App::new(a.clone(), agenda, hallway::tui::app::Options::at(mid, None));
        let copies = [a, b];
        let next = std::cell::Cell::new(1);
        g.bench_function(BenchmarkId::from_parameter(n), |bench| {
            bench.iter_batched(
                || {
                    let i = next.get();
                    next.set(1 - i);
                    copies[i].clone()
                },
                |copy| app.offer_schedule(copy),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

/// The real exports in tests/fixtures/real, each through format detection and its reader.
fn load_real_fixtures(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut g = c.benchmark_group("load_real");
    for name in [
        "frab-camp2019.json",
        "pretalx-democon-2020.json",
        "pentabarf-fosdem-2021.xml",
        "sessionize-orlando-codecamp-2020.json",
    ] {
        let bytes = std::fs::read(dir.join(name)).expect("the real fixtures are in tests/fixtures/real");
        let opts = schedule::import::Options { zone: Some(chrono_tz::UTC), ..Default::default() };
        g.bench_with_input(BenchmarkId::from_parameter(name), &bytes, |b, bytes| {
            b.iter(|| schedule::parse_bytes_with(black_box(bytes), name, opts).unwrap())
        });
    }
    g.finish();
}

/// Crafted schedules at two sizes, 4x apart: the target is a time ratio near 4 (linear), where
/// a quadratic path would give 16. `bash bench/hostile.sh` times the same shapes as whole runs.
fn hostile_linear(c: &mut Criterion) {
    let frab = |abstract_text: &str| {
        serde_json::json!({"schedule": {"version": "x", "conference": {"acronym": "c", "title": "C",
            "start": "2024-02-03", "end": "2024-02-03", "daysCount": 1, "timeslot_duration": "00:15",
            "time_zone_name": "UTC", "days": [{"index": 1, "date": "2024-02-03",
            "day_start": "2024-02-03T08:00:00+00:00", "day_end": "2024-02-03T20:00:00+00:00",
            "rooms": {"A": [{"guid": "g1", "id": 1, "date": "2024-02-03T10:00:00+00:00", "start": "10:00",
            "duration": "00:30", "room": "A", "slug": "s", "title": "T", "type": "talk", "language": "en",
            "abstract": abstract_text, "description": "", "persons": [], "links": [], "attachments": []}]}}]}}})
        .to_string()
    };
    let errors = |n: usize| {
        let talks: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"id": "t{i}", "title": "T", "track": "A", "start": "soon", "duration": 30}}"#))
            .collect();
        format!(
            r#"{{"conference": {{"id": "c", "name": "C", "timezone": "UTC", "tracks": ["A"]}}, "talks": [
{}]}}"#,
            talks.join(",\n")
        )
    };
    let mut g = c.benchmark_group("hostile_linear");
    g.sample_size(10);
    for n in [100_000, 400_000] {
        let lt = frab(&"<".repeat(n));
        g.bench_with_input(BenchmarkId::new("abstract_of_lt", n), &lt, |b, text| {
            b.iter(|| schedule::parse_bytes(black_box(text.as_bytes()), "lt.json").is_ok())
        });
        let bad = errors(n / 20);
        g.bench_with_input(BenchmarkId::new("problems", n / 20), &bad, |b, text| {
            b.iter(|| schedule::parse_bytes(black_box(text.as_bytes()), "errors.json").is_err())
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    hostile_linear,
    load,
    compiled,
    answers,
    clashes,
    key_to_frame,
    now_overview,
    now_view_tick,
    refresh_apply,
    load_real_fixtures
);
criterion_main!(benches);
