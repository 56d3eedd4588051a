//! Every view rendered into a TestBackend: snapshots at 80x24 and 200x50, and no panic or
//! out-of-area drawing at any small size.

use hallway::agenda::{Agenda, MarkKind};
use hallway::clock::parse_at;
use hallway::schedule;
use hallway::tui::app::{App, Overlay, View};
use hallway::tui::keys::Action;
use hallway::tui::views;
use proptest::prelude::*;
use ratatui::{Terminal, backend::TestBackend};

fn app_at(at: &str) -> App {
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
    let mut app = App::new(s, agenda, now, Some("Europe/Berlin".parse().unwrap()));
    app.time_travel = true;
    app
}

fn app() -> App {
    app_at("2022-10-19 09:20")
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| views::draw(f, app)).unwrap();
    t
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (200, 50)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app, w, h).backend());
    }
}

#[test]
fn schedule_view() {
    snap("schedule", &app());
}

#[test]
fn schedule_view_second_day_after_moving() {
    let mut a = app();
    for action in [Action::NextDay, Action::Right, Action::Down, Action::ToggleStar] {
        a.update(action);
    }
    assert_eq!(a.schedule.talks()[a.selected].id, "crimson-ceph");
    snap("schedule_day2", &a);
}

#[test]
fn detail_view_of_a_clashing_starred_talk() {
    let mut a = app();
    a.update(Action::Open);
    assert_eq!(a.overlay, Overlay::Detail { talk: a.schedule.index_of("ebpf-vs-sidecars").unwrap() });
    snap("detail", &a);
}

#[test]
fn detail_of_an_unstarred_talk_names_your_clash() {
    let mut a = app();
    a.select(a.schedule.index_of("measure-latency").unwrap());
    a.update(Action::Open);
    let screen = render(&a, 120, 40).backend().to_string();
    assert!(screen.contains("clashes with your ★ \"Extreme HTTP Performance Tuning"), "{screen}");
    assert!(screen.contains("your time 19:20-19:50 CEST"), "{screen}");
}

#[test]
fn agenda_view() {
    let mut a = app();
    a.update(Action::ShowAgenda);
    assert_eq!(a.view, View::Agenda);
    a.update(Action::Down);
    snap("agenda", &a);
}

#[test]
fn empty_agenda_view() {
    let s = schedule::bundled();
    let now = parse_at("2022-10-19 09:20", s.conference.tz).unwrap();
    let mut a = App::new(s.clone(), Agenda::new(&s.conference.id), now, None);
    a.update(Action::NextView);
    insta::assert_snapshot!("agenda_empty_80x24", render(&a, 80, 24).backend());
}

#[test]
fn help_view() {
    let mut a = app();
    a.update(Action::Help);
    snap("help", &a);
    a.update(Action::Down);
    assert_eq!(a.overlay, Overlay::None, "any key closes help");
}

#[test]
fn many_tracks_scroll_sideways_keeping_the_selection_visible() {
    let mut text = String::from(
        r#"{"conference": {"id": "m", "timezone": "UTC", "tracks": ["R1","R2","R3","R4","R5","R6"]}, "talks": ["#,
    );
    for i in 0..6 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"id": "t{i}", "title": "Talk in room {i}", "track": "R{}", "start": "2024-01-01T10:00", "duration": 30}}"#, i + 1));
    }
    text.push_str("]}");
    let s = schedule::parse_bytes(text.as_bytes(), "m.json").unwrap();
    let now = parse_at("2023-01-01 00:00", s.conference.tz).unwrap();
    let mut a = App::new(s.clone(), Agenda::new("m"), now, None);
    for _ in 0..5 {
        a.update(Action::Right);
    }
    let screen = render(&a, 80, 24).backend().to_string();
    assert!(screen.contains("Talk in room 5") && !screen.contains("Talk in room 0"), "{screen}");
    assert!(screen.contains("◀"), "{screen}");
}

#[test]
fn every_small_size_renders_without_panic() {
    let mut a = app();
    let views: [&[Action]; 4] = [&[], &[Action::Open], &[Action::Back, Action::ShowAgenda], &[Action::Help]];
    for actions in views {
        for action in actions {
            a.update(*action);
        }
        for w in 1..=40 {
            for h in 1..=12 {
                render(&a, w, h);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_size_and_key_sequence_renders(w in 1u16..260, h in 1u16..80, keys in prop::collection::vec(0usize..20, 0..30)) {
        let all = [Action::Up, Action::Down, Action::Left, Action::Right, Action::PrevDay, Action::NextDay,
            Action::Top, Action::Bottom, Action::PageUp, Action::PageDown, Action::Open, Action::Back,
            Action::ToggleStar, Action::ToggleLater, Action::JumpToNow, Action::NextView, Action::ShowSchedule,
            Action::ShowAgenda, Action::Help, Action::Back];
        let mut a = app();
        for k in keys {
            a.update(all[k]);
        }
        render(&a, w, h);
    }
}

#[test]
fn talks_overlapping_in_one_track_are_drawn_side_by_side() {
    let text = r#"{"conference": {"id": "o", "timezone": "UTC", "tracks": ["Hall"]}, "talks": [
        {"id": "a", "title": "First overlapping", "track": "Hall", "start": "2024-01-01T10:00", "duration": 30},
        {"id": "b", "title": "Second overlapping", "track": "Hall", "start": "2024-01-01T10:10", "duration": 30}]}"#;
    let s = schedule::parse_bytes(text.as_bytes(), "o.json").unwrap();
    let now = parse_at("2023-01-01 00:00", s.conference.tz).unwrap();
    let a = App::new(s, Agenda::new("o"), now, None);
    let screen = render(&a, 80, 24).backend().to_string();
    assert!(screen.contains("First overlapping") && screen.contains("Second overlapping"), "{screen}");
}
