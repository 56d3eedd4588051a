//! Every view rendered into a TestBackend: snapshots at 80x24 and 200x50, and no panic or
//! out-of-area drawing at any small size.

mod common;

use common::{app, render, snap};
use hallway::agenda::Agenda;
use hallway::clock::parse_at;
use hallway::schedule;
use hallway::tui::app::{App, View};
use hallway::tui::keys::Action;
use hallway::tui::modal::Modal;
use proptest::prelude::*;

#[test]
fn schedule_view() {
    snap("schedule", &app());
}

#[test]
fn schedule_view_second_day_after_moving() {
    let mut a = app();
    let from = a.session.schedule.talks()[a.schedule_view.selected].clone();
    a.update(Action::NextDay);
    // A day opens in the same room at the same time of day.
    let s = &a.session.schedule;
    let to = &s.talks()[a.schedule_view.selected];
    assert_eq!((s.day_of(a.schedule_view.selected), to.room), (1, from.room), "{}", to.id);
    assert_eq!(s.local(to.start).format("%H:%M").to_string(), s.local(from.start).format("%H:%M").to_string());
    for action in [Action::Right, Action::Down, Action::ToggleStar] {
        a.update(action);
    }
    assert_eq!(a.session.schedule.talks()[a.schedule_view.selected].id, "crimson-ceph");
    snap("schedule_day2", &a);
}

#[test]
fn detail_view_of_a_clashing_starred_talk() {
    let mut a = app();
    a.update(Action::Open);
    let want = a.session.schedule.index_of("ebpf-vs-sidecars").unwrap();
    assert!(matches!(a.modal, Some(Modal::Details { talk, .. }) if talk == want));
    snap("detail", &a);
}

#[test]
fn detail_of_an_unstarred_talk_names_your_clash() {
    let mut a = app();
    a.select(a.session.schedule.index_of("measure-latency").unwrap());
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
    let mut a = App::new(s.clone(), Agenda::new(&s.conference.id), hallway::tui::app::Options::at(now, None));
    a.update(Action::ShowAgenda);
    insta::assert_snapshot!("agenda_empty_80x24", render(&a, 80, 24).backend());
}

#[test]
fn help_view() {
    let mut a = app();
    a.update(Action::Help);
    snap("help", &a);
    a.update(Action::Down);
    assert_eq!(a.modal_name(), Some("help"), "arrows scroll a long help");
    insta::assert_snapshot!("help_scrolled_80x24", render(&a, 80, 24).backend());
    a.update(Action::ToggleStar);
    assert_eq!(a.modal_name(), None, "any other key closes help");
    assert_eq!(
        a.session.agenda.kind("ebpf-vs-sidecars"),
        Some(hallway::agenda::MarkKind::Attend),
        "and does nothing else"
    );
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
    let mut a = App::new(s.clone(), Agenda::new("m"), hallway::tui::app::Options::at(now, None));
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
    let views: [&[Action]; 8] = [
        &[],
        &[Action::Open],
        &[Action::Back, Action::ShowAgenda],
        &[Action::Help],
        &[Action::Back, Action::ShowNow],
        &[Action::ShowOnDemand],
        &[Action::EditNote],
        &[Action::Back, Action::GoToTime],
    ];
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
    fn any_size_and_key_sequence_renders(w in 1u16..260, h in 1u16..80, keys in prop::collection::vec(any::<prop::sample::Index>(), 0..40)) {
        // Every bound key plus text keys for the prompts; keys go through the shell's routing.
        let mut pool: Vec<char> = "abcxyz 0123456789:-".chars().collect();
        for b in hallway::tui::keys::BINDINGS {
            for k in b.keys {
                if let crossterm::event::KeyCode::Char(c) = k {
                    pool.push(*c);
                }
            }
        }
        let mut a = app();
        for k in keys {
            match k.index(pool.len() + 3) {
                i if i < pool.len() => common::press(&mut a, &pool[i].to_string()),
                i if i == pool.len() => common::key(&mut a, crossterm::event::KeyCode::Enter),
                i if i == pool.len() + 1 => common::key(&mut a, crossterm::event::KeyCode::Esc),
                _ => common::key(&mut a, crossterm::event::KeyCode::Tab),
            };
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
    let a = App::new(s, Agenda::new("o"), hallway::tui::app::Options::at(now, None));
    let screen = render(&a, 80, 24).backend().to_string();
    assert!(screen.contains("First overlapping") && screen.contains("Second overlapping"), "{screen}");
}

#[test]
fn a_five_minute_talk_shows_its_title_on_its_one_row() {
    let text = r#"{"conference": {"id": "s", "timezone": "UTC", "tracks": ["Hall"]}, "talks": [
        {"id": "a", "title": "Opening", "track": "Hall", "start": "2024-01-01T10:00", "duration": 5},
        {"id": "b", "title": "Keynote", "track": "Hall", "start": "2024-01-01T10:05", "duration": 30}]}"#;
    let s = schedule::parse_bytes(text.as_bytes(), "s.json").unwrap();
    let now = parse_at("2023-01-01 00:00", s.conference.tz).unwrap();
    let a = App::new(s, Agenda::new("s"), hallway::tui::app::Options::at(now, None));
    let screen = render(&a, 80, 24).backend().to_string();
    assert!(screen.contains("10:00 ☆ Opening"), "its start, then its title: {screen}");
}

/// Starring updates the attended set in place; it must stay what a full reread gives, with
/// the clash flags of a fresh app on the same marks.
#[test]
fn quick_refresh_after_a_star_matches_a_full_one() {
    let mut a = common::app();
    let keys = ["s", "j", "s", "l", "s", "o", "k", "s", "s", "h", "o", "u", "s", "jj", "s", "u", "u"];
    let mut clashed = 0;
    for k in keys {
        common::press(&mut a, k);
        assert_eq!(a.session.attending, a.session.agenda.attending(&a.session.schedule), "after {k}");
        let fresh = App::new(
            a.session.schedule.clone(),
            a.session.agenda.clone(),
            hallway::tui::app::Options::at(a.session.now, None),
        );
        assert_eq!(a.session.clashing, fresh.session.clashing, "after {k}");
        clashed += a.session.clashing.iter().any(|&c| c) as usize;
    }
    assert!(clashed > 3, "the walk went through clashes");
}

/// The config file's keys work, and help shows them; a bad file leaves the defaults.
#[test]
fn remapped_keys_work_and_help_shows_them() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "[keys]\nstar = [\"z\", \"Enter\"]\nopen = \"i\"\n").unwrap();
    let settings = hallway::tui::settings::Settings::from_file(&file);
    assert!(settings.error.is_none());
    let mut a = app();
    a.keymap = settings.keymap;
    let before = a.session.attending.len();
    common::press(&mut a, "z");
    assert_ne!(a.session.attending.len(), before, "z stars or unstars");
    common::press(&mut a, "?");
    let s = common::screen(&a, 120, 50);
    assert!(s.contains(" z / Enter   star / unstar"), "{s}");
    assert!(s.contains(" i           details"), "{s}");
    assert!(s.contains(" i details  z star "), "the footer too: {s}");

    std::fs::write(&file, "[keys]\nstar = \"Hyper-x\"\n").unwrap();
    let bad = hallway::tui::settings::Settings::from_file(&file);
    let e = bad.error.unwrap();
    assert_eq!((e.line, e.key.as_deref()), (2, Some("keys.star")));
    assert!(bad.keymap.action_for(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('s'))).is_some());
}
