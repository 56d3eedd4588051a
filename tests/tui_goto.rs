//! Going where I need in one key, at FOSDEM's size: my next starred talk, a room by name,
//! every room in turn sideways, the same time of day on the next day, a talk from another
//! view shown in the schedule, details that stop scrolling at their end.

mod common;

use common::{fosdem_at, key, mark_titled, press, screen};
use crossterm::event::KeyCode;
use hallway::agenda::MarkKind;
use hallway::tui::app::{App, View};
use hallway::tui::modal::Modal;

const STARS: [&str; 3] =
    ["The PlayStation 2: From Emotion to Emulation", "Faster Spark SQL", "Eleventy is a simpler static site generator"];

fn saturday() -> App {
    let mut a = fosdem_at("2021-02-06 11:00", None);
    let marks: Vec<(&str, MarkKind)> = STARS.iter().map(|t| (*t, MarkKind::Attend)).collect();
    mark_titled(&mut a, &marks);
    a
}

/// Snapshots at 80x24 and 200x50, kept in tests/snapshots under the name alone.
fn snap(name: &str, a: &App) {
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        for (w, h) in [(80, 24), (200, 50)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), common::render(a, w, h).backend());
        }
    });
}

fn selected(a: &App) -> &hallway::schedule::Talk {
    &a.session.schedule.talks()[a.schedule_view.selected]
}

fn room_of(a: &App) -> &str {
    a.session.schedule.room_name(selected(a))
}

#[test]
fn m_goes_to_my_next_starred_talk_then_the_one_after_then_round_again() {
    let mut a = saturday();
    press(&mut a, "3");
    let starred = a.session.attending.clone();
    assert_eq!(starred.len(), 3);
    // From any view, the next to start from now (at 11:00 all three start: the first of them,
    // then the one after, and round).
    let after: Vec<usize> =
        starred.iter().copied().filter(|&i| a.session.schedule.talks()[i].start >= a.session.now).collect();
    let first = after.first().copied().unwrap_or(starred[0]);
    press(&mut a, "m");
    assert_eq!((a.view, a.schedule_view.selected), (View::Schedule, first));
    let k = starred.iter().position(|&i| i == first).unwrap();
    assert!(screen(&a, 80, 24).contains(&format!("your starred talk {} of 3", k + 1)), "{}", screen(&a, 80, 24));
    snap("fosdem_my_next", &a);
    for step in 1..=3 {
        press(&mut a, "m");
        assert_eq!(a.schedule_view.selected, starred[(k + step) % 3], "m again: the one after");
    }
    // Moved away, m starts from now again.
    press(&mut a, "j");
    press(&mut a, "m");
    assert_eq!(a.schedule_view.selected, first);
    // With none starred, it says how to star.
    let mut none = fosdem_at("2021-02-06 11:00", None);
    press(&mut none, "m");
    assert!(screen(&none, 80, 24).contains("no starred talks yet"));
}

#[test]
fn c_asks_for_a_room_completes_its_name_and_brings_its_column_into_view() {
    let mut a = saturday();
    press(&mut a, "c");
    assert_eq!(a.modal_name(), Some("prompt"));
    press(&mut a, "postgres");
    let prompt = screen(&a, 80, 24);
    assert!(prompt.contains("Go to room") && prompt.contains("Enter D.postgresql · S.postgresql"), "{prompt}");
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        for (w, h) in [(80, 24), (200, 50)] {
            insta::assert_snapshot!(format!("fosdem_room_prompt_{w}x{h}"), common::render(&a, w, h).backend());
        }
    });
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.modal_name(), None);
    assert_eq!(room_of(&a), "D.postgresql");
    let grid = screen(&a, 80, 24);
    assert!(grid.contains("D.postgresql"), "its column is in view: {grid}");
    // Tab completes to the best match; an unknown name keeps the prompt open, saying so.
    press(&mut a, "clight");
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.prompt().unwrap().input.text(), "L.lightningtalks");
    key(&mut a, KeyCode::Enter);
    assert_eq!(room_of(&a), "L.lightningtalks");
    // Tab again goes on to the next match of what was typed.
    press(&mut a, "cpostgres");
    let tab = |a: &mut App| {
        key(a, KeyCode::Tab);
        a.prompt().unwrap().input.text().to_string()
    };
    assert_eq!([tab(&mut a), tab(&mut a), tab(&mut a)], ["D.postgresql", "S.postgresql", "D.postgresql"]);
    key(&mut a, KeyCode::Esc);
    // A near spelling finds the room.
    press(&mut a, "cpostgrs");
    assert!(screen(&a, 80, 24).contains("Enter D.postgresql"), "{}", screen(&a, 80, 24));
    key(&mut a, KeyCode::Esc);
    press(&mut a, "cnowhere");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.modal_name(), Some("prompt"));
    assert!(screen(&a, 80, 24).contains("no room is called \"nowhere\""));
}

#[test]
fn h_and_l_visit_every_room_of_the_day_in_turn() {
    let mut a = saturday();
    let cols = a.session.day_columns(a.schedule_view.day);
    press(&mut a, "g");
    // To the first column, then right through all of them.
    for _ in 0..cols.len() {
        press(&mut a, "h");
    }
    let mut seen = vec![selected(&a).room];
    for _ in 1..cols.len() {
        press(&mut a, "l");
        seen.push(selected(&a).room);
    }
    assert_eq!(seen, cols, "no room passed over");
    press(&mut a, "l");
    assert!(screen(&a, 80, 24).contains("is the last room"));
    // A room with nothing near the time says where its nearest talk is.
    let far = (0..cols.len()).find(|_| {
        press(&mut a, "h");
        screen(&a, 200, 50).contains("its nearest talk is at")
    });
    assert!(far.is_some(), "FOSDEM has rooms with nothing near some hour");
}

#[test]
fn next_day_keeps_the_room_and_the_time_of_day() {
    let mut a = saturday();
    let s = &a.session.schedule;
    // A Saturday talk at 15:00 in a room that has talks on Sunday too.
    let at_15 = |i: &usize| s.local(s.talks()[*i].start).format("%H:%M").to_string() == "15:00";
    let sunday_rooms: Vec<usize> = s.day_range(1).map(|i| s.talks()[i].room).collect();
    let sat = s
        .day_range(0)
        .filter(at_15)
        .find(|&i| sunday_rooms.contains(&s.talks()[i].room))
        .expect("a room at 15:00 on both days");
    let room = s.room_name(&s.talks()[sat]).to_string();
    a.select(sat);
    press(&mut a, "]");
    let s = &a.session.schedule;
    let sun = selected(&a);
    assert_eq!((s.day_of(a.schedule_view.selected), room_of(&a)), (1, room.as_str()));
    let minutes = |t: &hallway::schedule::Talk| {
        let l = s.local(t.start);
        chrono::Timelike::hour(&l) as i64 * 60 + chrono::Timelike::minute(&l) as i64
    };
    let nearest = s
        .day_range(1)
        .filter(|&i| s.room_name(&s.talks()[i]) == room)
        .map(|i| (minutes(&s.talks()[i]) - 15 * 60).abs())
        .min()
        .unwrap();
    assert_eq!((minutes(sun) - 15 * 60).abs(), nearest, "Sunday's talk nearest 15:00");
    press(&mut a, "[");
    assert_eq!(a.schedule_view.selected, sat, "and back");
    // A room with nothing the next day: the talk nearest that time elsewhere, said.
    let s = &a.session.schedule;
    let sunday: Vec<usize> = s.day_range(1).map(|i| s.talks()[i].room).collect();
    let lone = s.day_range(0).find(|&i| !sunday.contains(&s.talks()[i].room)).expect("a Saturday-only room");
    a.select(lone);
    press(&mut a, "]");
    assert_eq!(a.session.schedule.day_of(a.schedule_view.selected), 1);
    assert!(screen(&a, 200, 50).contains("has no talks on Sun 7 Feb: showing"), "{}", screen(&a, 200, 50));
}

#[test]
fn one_in_details_opens_the_schedule_at_that_talk_from_any_view() {
    let mut a = saturday();
    press(&mut a, "3j");
    let talk = a.current_talk().expect("a talk in the agenda");
    key(&mut a, KeyCode::Enter);
    assert!(screen(&a, 120, 30).contains("1 in schedule"), "{}", screen(&a, 120, 30));
    press(&mut a, "1");
    assert_eq!((a.modal_name(), a.view, a.schedule_view.selected), (None, View::Schedule, talk));
}

#[test]
fn details_stop_scrolling_at_their_end() {
    let mut a = saturday();
    key(&mut a, KeyCode::Enter);
    screen(&a, 80, 12);
    let max = a.scroll_max.get();
    assert!(max > 5, "details longer than the screen: {max}");
    for _ in 0..200 {
        press(&mut a, "j");
    }
    let at = |a: &App| match a.modal {
        Some(Modal::Details { scroll, .. }) => scroll,
        _ => panic!("details closed"),
    };
    assert_eq!(at(&a), max);
    press(&mut a, "k");
    assert_eq!(at(&a), max.saturating_sub(1), "one ↑ comes back one line");
}

#[test]
fn minus_shows_the_rooms_with_a_talk_on_screen_and_star_my_rooms() {
    let mut a = saturday();
    let all = a.session.day_columns(a.schedule_view.day).len();
    screen(&a, 200, 50);
    press(&mut a, "-");
    let s = screen(&a, 200, 50);
    let in_view = a.schedule_view.columns(&a.session);
    assert!(in_view.len() < all, "{} of {all}", in_view.len());
    assert!(s.lines().next().unwrap().contains(&format!("rooms in view 1-5 of {}", in_view.len())), "{s}");
    // Each room shown has a talk in the hours on screen.
    let (from, to) = a.schedule_view.window.get().unwrap();
    let talks = a.session.schedule.talks().to_vec();
    let day = a.session.schedule.day_range(a.schedule_view.day);
    for &r in &in_view {
        assert!(day.clone().any(|i| talks[i].room == r && talks[i].start < to && talks[i].end > from), "room {r}");
    }
    snap("fosdem_rooms_in_view", &a);
    // My rooms: those of my three starred talks (the selection moves into one), and h/l walk
    // only them.
    press(&mut a, "*");
    let mine = a.schedule_view.columns(&a.session);
    let starred: Vec<usize> = a.session.attending.iter().map(|&i| talks[i].room).collect();
    assert!(mine.iter().all(|r| starred.contains(r)), "{mine:?}");
    assert!(starred.contains(&selected(&a).room));
    assert!(screen(&a, 80, 24).lines().next().unwrap().contains("my rooms"), "{}", screen(&a, 80, 24));
    press(&mut a, "hhhh");
    for _ in 0..mine.len() {
        assert!(mine.contains(&selected(&a).room));
        press(&mut a, "l");
    }
    // Again: all rooms.
    press(&mut a, "*");
    assert_eq!(a.schedule_view.columns(&a.session).len(), all);
}

#[test]
fn the_mouse_clicks_tabs_and_arrows_and_the_wheel_goes_sideways() {
    let mut a = saturday();
    let s = screen(&a, 120, 30);
    let head = s.lines().next().unwrap().trim_matches('"');
    let col = |line: &str, text: &str| {
        line.chars().take_while(|_| true).collect::<String>().find(text).map(|b| line[..b].chars().count())
    };
    let x = col(head, "3 Agenda").expect(head) as u16;
    a.click(x + 1, 0, false);
    assert_eq!(a.view, View::Agenda);
    a.click(col(head, "1 Sched").unwrap() as u16 + 1, 0, false);
    assert_eq!(a.view, View::Schedule);
    // ▶ at the right of the room names: the room beside.
    let s = screen(&a, 120, 30);
    let names = s.lines().nth(1).unwrap().trim_matches('"');
    let cols = a.session.day_columns(a.schedule_view.day);
    let before = cols.iter().position(|&r| r == selected(&a).room).unwrap();
    a.click(col(names, "▶").expect(names) as u16, 1, false);
    assert_eq!(cols.iter().position(|&r| r == selected(&a).room), Some(before + 1));
    a.wheel_sideways(true);
    assert_eq!(cols.iter().position(|&r| r == selected(&a).room), Some(before + 2));
    a.wheel_sideways(false);
    assert_eq!(cols.iter().position(|&r| r == selected(&a).room), Some(before + 1));
}

/// A long address in details shows whole, broken across lines, at 80 columns too.
#[test]
fn a_long_link_shows_whole_in_details() {
    let mut a = saturday();
    let long = a.session.schedule.talks().iter().position(|t| t.video.as_ref().is_some_and(|v| v.len() > 70)).unwrap();
    a.select(long);
    key(&mut a, KeyCode::Enter);
    let video = selected(&a).video.clone().unwrap();
    let shown: String =
        screen(&a, 80, 24).lines().map(|l| l.trim_matches('"').trim_matches(|c| c == '│' || c == ' ')).collect();
    assert!(shown.contains(&video), "{video} whole in: {}", screen(&a, 80, 24));
    snap("fosdem_long_link", &a);
}

/// From a new-user run: a room whose next talk is someone else's, before my starred one later
/// that day, is still one of my rooms in Now; my rooms come soonest first.
#[test]
fn now_lists_every_room_with_a_starred_talk_still_to_come_soonest_first() {
    let mut a = fosdem_at("2021-02-06 09:50", None);
    mark_titled(&mut a, &[("Deploy a Go HTTP server", MarkKind::Attend), ("Faster Spark SQL", MarkKind::Attend)]);
    let s = &a.session.schedule;
    let o = hallway::now::overview(s, &a.session.attending, a.session.now);
    let rooms = hallway::now::rooms(s, &o, &a.session.attending);
    let names: Vec<&str> = rooms.mine.iter().map(|&p| s.conference.rooms[o.tracks[p].track].as_str()).collect();
    assert_eq!(names, ["D.hpc", "D.go"], "Spark at 11:00 before Go at 14:00");
}

/// The export prompt offers the file written last (writing it again updates it).
#[test]
fn e_offers_the_file_it_wrote_last() {
    let mut a = saturday();
    press(&mut a, "e");
    key(&mut a, KeyCode::End);
    for _ in 0..200 {
        key(&mut a, KeyCode::Backspace);
    }
    press(&mut a, "/tmp/my-saturday.ics");
    let effects = key(&mut a, KeyCode::Enter);
    assert!(matches!(effects.as_slice(), [hallway::tui::effect::Effect::Export { .. }]), "{effects:?}");
    a.exported(Ok("wrote /tmp/my-saturday.ics".into()));
    press(&mut a, "e");
    assert_eq!(a.prompt().unwrap().input.text(), "/tmp/my-saturday.ics");
}
