//! Promise 5 (issue 7): hostile schedules. Every view renders at any size from 1x1 to 300x100
//! with titles made of wide, combining, zero-width, right-to-left and control characters,
//! without panicking, drawing outside the area, or letting a control character reach the
//! screen; a 100 MB file is refused before it is read.

mod common;

use hallway::agenda::{Agenda, MarkKind};
use hallway::tui::app::App;
use hallway::tui::keys::Action;
use hallway::tui::views;
use proptest::prelude::*;
use ratatui::{Terminal, backend::TestBackend};

/// Pieces of text that break naive terminal code.
const NASTY: &[&str] = &[
    "日本語のタイトル",
    "🦀🎉👩‍👩‍👧",
    "e\u{301}\u{302}\u{303}",
    "\u{200b}\u{200d}\u{feff}",
    "עברית مرحبا",
    "\u{202e}reversed",
    "\u{1b}[2J\u{1b}]0;pwned\u{7}",
    "\u{9b}31m",
    "tab\there",
    "new\nline",
    "\r\u{7f}\u{0}",
    "ｆｕｌｌｗｉｄｔｈ",
    "x",
    "a very long title that goes on and on past any column width you could have set for it",
];

fn hostile_schedule(parts: &[usize]) -> String {
    let title = |i: usize| -> String {
        parts.iter().skip(i % parts.len().max(1)).take(3).map(|&p| NASTY[p % NASTY.len()]).collect()
    };
    let esc = |s: String| serde_json::Value::String(s).to_string();
    let mut talks = Vec::new();
    for i in 0..12 {
        talks.push(format!(
            r#"{{"id": "t{i}", "title": {}, "speakers": [{}], "track": {}, "start": "2022-10-19T{:02}:{:02}", "duration": {}, "abstract": {}, "tags": [{}]}}"#,
            esc(title(i)),
            esc(title(i + 1)),
            esc(["Main 🎤", "Stage ②", "\u{202e}Hall"][i % 3].to_string()),
            9 + i / 3,
            (i % 3) * 20,
            25 + i,
            esc(title(i + 2).repeat(5)),
            esc(title(i + 3)),
        ));
    }
    format!(
        r#"{{"conference": {{"id": "hostile", "name": {}, "timezone": "Europe/Amsterdam", "tracks": ["Main 🎤", "Stage ②", "\u202eHall"]}}, "talks": [{}]}}"#,
        esc(title(5)),
        talks.join(",")
    )
}

fn app_for(parts: &[usize]) -> App {
    let s = hallway::schedule::parse_bytes(hostile_schedule(parts).as_bytes(), "hostile.json").unwrap();
    let now = s.talks()[4].start;
    let mut agenda = Agenda::new("hostile");
    for (i, t) in s.talks().iter().enumerate().step_by(2) {
        agenda.set(&s, t, if i % 4 == 0 { MarkKind::Attend } else { MarkKind::OnDemand }, now);
    }
    agenda.set_note(&s, &s.talks()[0], NASTY[6], now);
    App::new(s, agenda, hallway::tui::app::Options::at(now, Some(chrono_tz::Asia::Tokyo)))
}

/// Open view or modal number `n` (0 the schedule grid).
fn show(app: &mut App, n: usize) {
    let action = match n {
        1 => Action::ShowNow,
        2 => Action::ShowAgenda,
        3 => Action::ShowOnDemand,
        4 => Action::Open,
        5 => Action::Help,
        6 => Action::ToggleList,
        7 => Action::Search,
        8 => Action::Filter,
        _ => return,
    };
    app.update(action);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn every_view_any_size_any_text(
        parts in prop::collection::vec(0usize..NASTY.len(), 1..8),
        w in 1u16..=300,
        h in 1u16..=100,
        view in 0usize..9,
    ) {
        let mut app = app_for(&parts);
        show(&mut app, view);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| views::draw(f, &app)).unwrap();
        let buf = t.backend().buffer();
        prop_assert_eq!(buf.area.width, w);
        for cell in buf.content() {
            prop_assert!(!cell.symbol().chars().any(|c| c.is_control()), "control character on screen: {:?}", cell.symbol());
            prop_assert!(!cell.symbol().chars().any(|c| ('\u{202a}'..='\u{202e}').contains(&c)), "bidi override on screen");
        }
    }
}

#[test]
fn a_100_mb_file_is_refused_before_reading() {
    let d = tempfile::TempDir::new().unwrap();
    let path = d.path().join("huge.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let started = std::time::Instant::now();
    let e = hallway::schedule::load_path(&path).unwrap_err();
    assert!(e.to_string().contains("the file is 100 MB; a schedule is at most 64 MB"), "{e}");
    eprintln!("100 MB file refused in {:?}", started.elapsed());
}

#[test]
fn the_hostile_text_does_reach_the_views_cleaned() {
    let app = app_for(&[0, 6, 1, 5, 2]);
    let screen = common::screen(&app, 200, 50);
    assert!(screen.contains("日本語のタイトル"), "{screen}");
    assert!(!screen.contains("pwned"), "a whole OSC sequence goes, payload included: {screen}");
    assert!(!screen.contains('\u{1b}'));
}

/// Tiny terminals, every size, every view and modal, deterministic (the proptest above samples;
/// this walks them all): no panic, nothing drawn outside.
#[test]
fn every_view_at_every_tiny_size() {
    for view in 0..9 {
        let mut app = common::app();
        show(&mut app, view);
        for w in 1..=42u16 {
            for h in 1..=9u16 {
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| views::draw(f, &app)).unwrap();
            }
        }
    }
}
