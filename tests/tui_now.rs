//! The Now and On-demand views, resolving a clash with undo, notes and time travel, driven by
//! key presses through the same routing as the terminal shell, with a test clock.

mod common;

use common::{app, app_at, key, press, screen, snap};
use crossterm::event::KeyCode;
use hallway::agenda::MarkKind;
use hallway::clock::{Clock, TestClock, parse_at};
use hallway::tui::app::{App, View};
use hallway::tui::effect::Effect;

/// What the shell does with an export: write (or refuse) and tell the app.
fn shell(a: &mut App, effects: Vec<Effect>) {
    for e in effects {
        if let Effect::Export { path, format, replace } = e {
            let result = hallway::tui::shell::export(a, &path, format, replace);
            a.exported(result);
        }
    }
}

#[test]
fn now_view_mid_talk() {
    let mut a = app();
    press(&mut a, "2");
    assert_eq!(a.view, View::Now);
    snap("now_mid_talk", &a);
    let s = screen(&a, 100, 30);
    assert!(s.contains("● ★ eBPF vs Sidecars"), "{s}");
    assert!(s.contains("50% · 15 min left · 09:05-09:35"), "{s}");
    assert!(s.contains("next 09:40 (in 20 min) Misery Metrics & Consequences — Gil Tene"), "{s}");
    assert!(s.contains("⚠ Two of your starred talks are on at once"), "{s}");
}

#[test]
fn now_view_between_talks() {
    // 09:02: every track is between two talks.
    let mut a = app_at("2022-10-19 09:02");
    press(&mut a, "2");
    snap("now_between_talks", &a);
    assert!(screen(&a, 100, 30).contains("Nothing on right now: talks resume at 09:05 (in 3 min)."));
}

#[test]
fn now_view_in_a_break() {
    let mut a = app_at("2022-10-19 12:20");
    press(&mut a, "2");
    snap("now_lunch_break", &a);
    let s = screen(&a, 200, 30);
    assert!(s.contains("● Lunch break"), "{s}");
    assert!(s.contains("Your next starred talk: \"How to Avoid Learning the Linux-Kernel Memory Model\""), "{s}");
    assert!(s.contains("in 19 h 40 min (Thu 20 Oct 08:00)"), "{s}");
}

#[test]
fn now_view_before_between_days_and_after() {
    let mut a = app_at("2022-10-16 08:00");
    press(&mut a, "2");
    snap("now_before", &a);
    assert!(screen(&a, 100, 30).contains("P99 CONF 2022 starts in 3 days: Wed 19 Oct 08:00."));

    let mut a = app_at("2022-10-19 19:00");
    press(&mut a, "2");
    assert!(
        screen(&a, 100, 30).contains("No more talks today: the next day starts Thu 20 Oct 08:00 (in 13 h 00 min).")
    );

    let mut a = app_at("2022-10-21 10:00");
    press(&mut a, "2");
    snap("now_after", &a);
    let s = screen(&a, 100, 30);
    assert!(s.contains("P99 CONF 2022 is over: it ended Thu 20 Oct 13:30."), "{s}");
    assert!(s.contains("4: your on-demand list (1 to watch)"), "{s}");
}

#[test]
fn the_clock_ticks_the_now_view_forward() {
    let clock = TestClock::new(parse_at("2022-10-19 09:20", chrono_tz::America::Los_Angeles).unwrap());
    let mut a = app();
    press(&mut a, "2");
    assert!(screen(&a, 100, 30).contains("15 min left"));
    clock.advance(chrono::Duration::seconds(30));
    assert!(!a.tick(clock.now()).0, "same minute: nothing to redraw");
    clock.advance(chrono::Duration::minutes(10));
    assert!(a.tick(clock.now()).0);
    assert!(screen(&a, 100, 30).contains("5 min left"));
    // Select the next talk in Stage 2; when it goes live the selection stays on it.
    common::key(&mut a, KeyCode::End);
    assert_eq!(a.current_talk(), a.session.schedule.index_of("go-profiling"));
    // Past the end of eBPF vs Sidecars it is no longer live; the next talk is.
    clock.advance(chrono::Duration::minutes(20));
    a.tick(clock.now());
    let s = screen(&a, 100, 30);
    assert!(s.contains("● Misery Metrics & Consequences"), "{s}");
    assert!(!s.contains("● ★ eBPF vs Sidecars"), "{s}");
    assert!(s.contains("▶ ● Continuous Go Profiling & Observability"), "{s}");
    assert_eq!(a.current_talk(), a.session.schedule.index_of("go-profiling"));
}

#[test]
fn resolve_keeps_this_talk_moves_the_other_and_undo_restores_both() {
    let mut a = app();
    let before = a.session.agenda.clone();
    press(&mut a, "2");
    // The cursor starts on the live Main Stage talk, eBPF vs Sidecars.
    assert_eq!(a.current_talk(), a.session.schedule.index_of("ebpf-vs-sidecars"));
    let effects = press(&mut a, "r");
    assert_eq!(a.session.agenda.kind("ebpf-vs-sidecars"), Some(MarkKind::Attend));
    assert_eq!(a.session.agenda.kind("thread-sampling-ebpf"), Some(MarkKind::OnDemand));
    assert!(a.session.clash_partners().is_empty());
    assert_eq!(effects, [Effect::Save], "the change is saved by the shell");
    let status = a.status.text().unwrap();
    assert!(status.contains("kept ★ \"eBPF vs Sidecars\"; moved \"Always-on Thread Activity Sampling"), "{status}");
    assert!(status.contains("u undoes"), "{status}");
    press(&mut a, "u");
    assert_eq!(a.session.agenda.summary(), before.summary());
    assert_eq!(a.session.clash_partners().len(), 2, "the clash is back");
    assert!(a.status.text().unwrap().starts_with("↶ undone: the clash is back"), "{:?}", a.status.text());
    press(&mut a, "u");
    assert_eq!(a.status.text().as_deref(), Some("nothing to undo"));
}

#[test]
fn resolve_on_a_talk_without_a_clash_says_so() {
    let mut a = app();
    a.select(a.session.schedule.index_of("shard-per-core").unwrap());
    let before = a.session.agenda.clone();
    press(&mut a, "r");
    assert_eq!(a.session.agenda.summary(), before.summary());
    assert!(a.status.text().unwrap().starts_with("no clash to resolve"));
}

#[test]
fn on_demand_view_watched_sink_and_copy_link() {
    let mut a = app();
    // Add a second on-demand talk from the grid.
    a.select(a.session.schedule.index_of("misery-metrics").unwrap());
    press(&mut a, "o4");
    assert_eq!(a.view, View::OnDemand);
    snap("on_demand", &a);
    let ids = |a: &hallway::tui::app::App| -> Vec<String> {
        a.session.on_demand().iter().map(|&i| a.session.schedule.talks()[i].id.clone()).collect()
    };
    assert_eq!(ids(&a), ["io-uring", "misery-metrics"]);
    assert_eq!(a.current_talk(), a.session.schedule.index_of("io-uring"), "the view keeps its own place");
    key(&mut a, KeyCode::Home);
    press(&mut a, "w");
    assert_eq!(ids(&a), ["misery-metrics", "io-uring"], "watched sinks to the bottom");
    assert_eq!(a.current_talk(), a.session.schedule.index_of("io-uring"), "the cursor follows the talk");
    assert!(screen(&a, 100, 30).contains("[x] Wed 19 Oct 08:30-09:00  Stage 2  What's New with io_uring"));
    let effects = press(&mut a, "y");
    assert_eq!(effects, [Effect::Copy("https://www.p99conf.io/session/what-s-new-with-io-uring/".into())]);
    assert!(a.status.text().unwrap().ends_with("https://www.p99conf.io/session/what-s-new-with-io-uring/"));
    press(&mut a, "u");
    assert!(!a.session.agenda.is_watched("io-uring"), "undo unticks");
}

#[test]
fn empty_on_demand_view_explains_how_to_fill_it() {
    let s = hallway::schedule::bundled();
    let now = parse_at("2022-10-19 09:20", s.conference.tz).unwrap();
    let mut a = hallway::tui::app::App::new(
        s.clone(),
        hallway::agenda::Agenda::new("p99conf-2022"),
        hallway::tui::app::Options::at(now, None),
    );
    press(&mut a, "4");
    insta::assert_snapshot!("on_demand_empty_80x24", common::render(&a, 80, 24).backend());
}

#[test]
fn a_note_is_typed_saved_shown_and_undone() {
    let mut a = app();
    press(&mut a, "n");
    assert!(a.prompt().is_some());
    press(&mut a, "ask Liz about XDP");
    snap("note_prompt", &a);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.session.agenda.note("ebpf-vs-sidecars"), Some("ask Liz about XDP"));
    assert!(a.prompt().is_none());
    key(&mut a, KeyCode::Enter);
    assert!(screen(&a, 100, 30).contains("Note   ask Liz about XDP"));
    key(&mut a, KeyCode::Esc);
    press(&mut a, "3");
    assert!(screen(&a, 100, 30).contains("note: ask Liz about XDP"));
    // Esc in the editor keeps the old note; "s" typed there does not star anything.
    press(&mut a, "ns");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.session.agenda.note("ebpf-vs-sidecars"), Some("ask Liz about XDP"));
    press(&mut a, "u");
    assert_eq!(a.session.agenda.note("ebpf-vs-sidecars"), None);
}

#[test]
fn go_to_a_time_turns_on_time_travel_everywhere() {
    let mut a = app();
    a.session.time_travel = false;
    press(&mut a, "@");
    key(&mut a, KeyCode::End);
    for _ in 0.."2022-10-19 09:20".len() {
        key(&mut a, KeyCode::Backspace);
    }
    press(&mut a, "2022-10-20 09:10");
    key(&mut a, KeyCode::Enter);
    let chosen = parse_at("2022-10-20 09:10", chrono_tz::America::Los_Angeles).unwrap();
    assert_eq!(a.session.now, chosen);
    assert!(screen(&a, 120, 30).contains("⏱ Thu 20 Oct 09:10"));
    assert_eq!(a.schedule_view.day, 0, "the schedule keeps its place");
    press(&mut a, "t");
    assert_eq!(a.schedule_view.day, 1, "t shows that time in the schedule");
    press(&mut a, "2");
    // The chosen time runs on with the clock, as a clock does.
    a.tick(a.session.clock_now + chrono::Duration::minutes(2));
    assert_eq!(a.session.now, chosen + chrono::Duration::minutes(2));
    let retype = |a: &mut hallway::tui::app::App, text: &str| {
        press(a, "@");
        for _ in 0..20 {
            key(a, KeyCode::Backspace);
        }
        press(a, text);
        key(a, KeyCode::Enter);
    };
    // Typed straight away, a time replaces the one offered.
    press(&mut a, "@");
    press(&mut a, "2022-10-20 09:15");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.session.now, parse_at("2022-10-20 09:15", chrono_tz::America::Los_Angeles).unwrap());
    retype(&mut a, "yesterday");
    let error = a.prompt().and_then(|p| p.error.clone()).expect("the prompt stays open and says why");
    assert!(error.contains("cannot read time 'yesterday'"), "{error}");
    assert!(screen(&a, 120, 30).contains("⚠ cannot read time 'yesterday'"));
    assert_eq!(a.prompt().unwrap().input.text(), "yesterday", "what was typed is kept");
    assert!(a.session.pinned.is_some(), "a bad time changes nothing");
    // A time alone means that time on the day being looked at.
    for _ in 0..20 {
        key(&mut a, KeyCode::Backspace);
    }
    press(&mut a, "11:30");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.session.now, parse_at("2022-10-20 11:30", chrono_tz::America::Los_Angeles).unwrap());
    retype(&mut a, "");
    assert_eq!(a.session.pinned, None);
    assert_eq!(a.status.text().as_deref(), Some("back to the real clock"));
    // Started with --at, an empty line goes back to that time, and says so.
    let mut a = app();
    retype(&mut a, "2022-10-20 09:10");
    retype(&mut a, "");
    assert_eq!(a.status.text().as_deref(), Some("back to the time given with --at"));
}

#[test]
fn agenda_after_the_conference_offers_the_on_demand_list_first() {
    let mut a = app_at("2022-10-21 10:00");
    press(&mut a, "3");
    snap("agenda_after", &a);
    let s = screen(&a, 100, 30);
    let later = s.find("To watch on-demand").unwrap();
    let day = s.find("Wed 19 Oct").unwrap();
    assert!(later < day, "{s}");
}

#[test]
fn t_from_any_view_jumps_the_schedule_to_now() {
    let mut a = app();
    press(&mut a, "4t");
    assert_eq!(a.view, View::Schedule);
    assert_eq!(a.current_talk(), a.session.schedule.index_of("ebpf-vs-sidecars"));
}

#[test]
fn left_and_right_move_between_tracks_in_the_now_view() {
    let mut a = app();
    press(&mut a, "2");
    assert_eq!(a.current_talk(), a.session.schedule.index_of("ebpf-vs-sidecars"));
    press(&mut a, "l");
    assert_eq!(a.current_talk(), a.session.schedule.index_of("thread-sampling-ebpf"), "Stage 2's live talk");
    press(&mut a, "l");
    assert_eq!(a.current_talk(), a.session.schedule.index_of("thread-sampling-ebpf"), "no track further right");
    press(&mut a, "j");
    assert_eq!(a.current_talk(), a.session.schedule.index_of("go-profiling"));
    press(&mut a, "h");
    assert_eq!(a.current_talk(), a.session.schedule.index_of("ebpf-vs-sidecars"), "Main Stage's first talk");
}

#[test]
fn a_break_cannot_go_on_the_watch_later_list() {
    let mut a = app_at("2022-10-19 12:20");
    a.select(a.session.schedule.index_of("lunch-day1").unwrap());
    press(&mut a, "o");
    assert_eq!(a.session.agenda.kind("lunch-day1"), None);
    assert!(a.status.text().unwrap().contains("is a break"));
}

#[test]
fn e_exports_the_agenda_to_a_path_the_person_can_edit() {
    let docs = tempfile::TempDir::new().unwrap();
    let mut a = app();
    a.export_dir = docs.path().to_path_buf();
    press(&mut a, "3e");
    let p = a.prompt().expect("e asks where");
    assert_eq!(p.input.text(), format!("{}/p99conf-2022-agenda.ics", docs.path().display()));
    // A name without a known extension is refused and kept for fixing.
    for _ in 0..4 {
        key(&mut a, KeyCode::Backspace);
    }
    press(&mut a, ".pdf");
    key(&mut a, KeyCode::Enter);
    let error = a.prompt().and_then(|p| p.error.clone()).unwrap();
    assert!(error.contains(".ics (calendar), .md or .json"), "{error}");
    for _ in 0..4 {
        key(&mut a, KeyCode::Backspace);
    }
    press(&mut a, ".md");
    let effects = key(&mut a, KeyCode::Enter);
    let path = docs.path().join("p99conf-2022-agenda.md");
    assert_eq!(effects, [Effect::Export { path: path.clone(), format: hallway::export::Format::Md, replace: false }]);
    shell(&mut a, effects);
    assert!(a.prompt().is_none());
    assert!(std::fs::read_to_string(&path).unwrap().contains("eBPF vs Sidecars"));
}

#[test]
fn export_never_replaces_a_file_without_a_second_enter_and_names_a_missing_folder() {
    let d = tempfile::TempDir::new().unwrap();
    let existing = d.path().join("notes.md");
    std::fs::write(&existing, "precious").unwrap();
    let mut a = app();
    a.export_dir = d.path().to_path_buf();
    press(&mut a, "3e");
    key(&mut a, KeyCode::End);
    for _ in 0..40 {
        key(&mut a, KeyCode::Backspace);
    }
    press(&mut a, &existing.display().to_string());
    let effects = key(&mut a, KeyCode::Enter);
    shell(&mut a, effects);
    let error = a.prompt().and_then(|p| p.error.clone()).expect("asks first");
    assert!(error.starts_with("replace the existing"), "{error}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "precious");
    let effects = key(&mut a, KeyCode::Enter);
    assert!(matches!(&effects[..], [Effect::Export { replace: true, .. }]), "a second Enter confirms");
    shell(&mut a, effects);
    assert!(a.prompt().is_none());
    assert_ne!(std::fs::read_to_string(&existing).unwrap(), "precious");
    // A folder that does not exist is named, and what was typed stays.
    let mut a = app();
    press(&mut a, "3e");
    key(&mut a, KeyCode::Home);
    let typed = a.prompt().unwrap().input.text().to_string();
    let missing = format!("{}/no-such-folder/agenda.md", d.path().display());
    for _ in 0..typed.chars().count() {
        key(&mut a, KeyCode::Delete);
    }
    press(&mut a, &missing);
    let effects = key(&mut a, KeyCode::Enter);
    shell(&mut a, effects);
    let p = a.prompt().expect("stays open");
    assert!(p.error.as_deref().unwrap().contains("no-such-folder does not exist"), "{:?}", p.error);
    assert_eq!(p.input.text(), missing);
}
