//! What the TUI test files share: the app on the bundled schedule at a set time, and rendering.
#![allow(dead_code)]

pub mod http;
pub mod pty;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hallway::agenda::{Agenda, MarkKind};
use hallway::clock::parse_at;
use hallway::schedule;
use hallway::tui::app::App;
use hallway::tui::effect::Effect;
use hallway::tui::views;
use ratatui::{Terminal, backend::TestBackend};

/// The bundled schedule at a conference time, with two clashing stars, one more, and one
/// on-demand talk; the user lives in Berlin.
pub fn app_at(at: &str) -> App {
    let s = schedule::bundled();
    let now = parse_at(at, s.conference.tz).unwrap();
    let mut agenda = Agenda::new(&s.conference.id);
    for (id, kind) in [
        ("ebpf-vs-sidecars", MarkKind::Attend),
        ("thread-sampling-ebpf", MarkKind::Attend),
        ("extreme-http", MarkKind::Attend),
        ("io-uring", MarkKind::OnDemand),
        ("linux-memory-model", MarkKind::Attend),
    ] {
        agenda.set(&s, s.talk(id).unwrap(), kind, now);
    }
    let mut app = App::new(s, agenda, hallway::tui::app::Options::at(now, Some("Europe/Berlin".parse().unwrap())));
    app.session.time_travel = true;
    app
}

pub fn app() -> App {
    app_at("2022-10-19 09:20")
}

pub fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| views::draw(f, app)).unwrap();
    t
}

pub fn screen(app: &App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

/// Snapshots at a small and a large terminal, kept in tests/snapshots under the name alone.
pub fn snap(name: &str, app: &App) {
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        for (w, h) in [(80, 24), (200, 50)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app, w, h).backend());
        }
    });
}

/// Type keys; the effects they asked of the shell, in order.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    keys.chars().flat_map(|c| app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))).collect()
}

pub fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A real schedule from `tests/fixtures/real` (see its SOURCES.md: origin, licence, quirks).
pub fn fixture(name: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real").join(name);
    assert!(path.is_file(), "the real-schedule fixture {} is missing", path.display());
    path
}

/// Everything the binary reads from the environment, kept inside `dir`: its data, config and
/// cache, the zone (UTC), colour (decided by the terminal, never forced) and notifications (off).
/// A test never reads or writes a developer's own files.
pub fn isolate(c: &mut std::process::Command, dir: &std::path::Path) {
    c.env("HALLWAY_DATA_DIR", dir.join("data"))
        .env("HALLWAY_CONFIG", dir.join("config.toml"))
        .env("HALLWAY_CACHE_DIR", dir.join("cache"))
        .env("TZ", "UTC")
        .env("HALLWAY_NO_NOTIFY", "1")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
}

/// The hallway binary, isolated in `dir` (see [`isolate`]).
pub fn hallway_in(dir: &std::path::Path) -> assert_cmd::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("hallway"));
    isolate(&mut c, dir);
    assert_cmd::Command::from_std(c)
}

/// FOSDEM 2021 (106 rooms, 773 talks) in Brussels time, at a conference time.
pub fn fosdem_at(at: &str, agenda: Option<Agenda>) -> App {
    let path = fixture("pentabarf-fosdem-2021.xml");
    let opts = schedule::import::Options { zone: Some(chrono_tz::Europe::Brussels), ..Default::default() };
    let s = schedule::load_path_with(&path, opts).unwrap();
    let now = parse_at(at, s.conference.tz).unwrap();
    let agenda = agenda.unwrap_or_else(|| Agenda::new(&s.conference.id));
    let mut app = App::new(s, agenda, hallway::tui::app::Options::at(now, None));
    app.session.time_travel = true;
    app
}

/// Mark talks by title (FOSDEM's ids are numbers that say nothing).
pub fn mark_titled(app: &mut App, titles: &[(&str, MarkKind)]) {
    let s = &mut app.session;
    for (title, kind) in titles {
        let t =
            s.schedule.talks().iter().find(|t| t.title.starts_with(title)).unwrap_or_else(|| panic!("{title}")).clone();
        s.agenda.set(&s.schedule, &t, *kind, s.now);
    }
    s.refresh_marks();
}
