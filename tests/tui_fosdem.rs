//! The planner at FOSDEM's size (106 rooms, 773 talks) and at 80x24: snapshots of the
//! schedule, Now and the agenda; the place each view keeps; what `update` does with every modal.

mod common;

use common::{fosdem_at, key, mark_titled, press, screen};
use crossterm::event::KeyCode;
use hallway::agenda::MarkKind;
use hallway::tui::app::{App, View};
use hallway::tui::effect::Effect;
use hallway::tui::keys::Action;

/// Saturday 11:00 with three starred talks on at once and one to watch later.
fn saturday() -> App {
    let mut a = fosdem_at("2021-02-06 11:00", None);
    mark_titled(
        &mut a,
        &[
            ("The PlayStation 2: From Emotion to Emulation", MarkKind::Attend),
            ("Faster Spark SQL", MarkKind::Attend),
            ("Eleventy is a simpler static site generator", MarkKind::Attend),
            ("Status of OpenPOWER support in coreboot", MarkKind::OnDemand),
        ],
    );
    a
}

fn snap(name: &str, a: &App) {
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        for (w, h) in [(80, 24), (200, 50)] {
            insta::assert_snapshot!(format!("fosdem_{name}_{w}x{h}"), common::render(a, w, h).backend());
        }
    });
}

#[test]
fn fosdem_schedule_now_and_agenda() {
    let mut a = saturday();
    snap("schedule", &a);
    press(&mut a, "2");
    snap("now", &a);
    press(&mut a, "3");
    snap("agenda", &a);
}

#[test]
fn now_at_106_rooms_lists_mine_first_and_folds_the_quiet_rooms() {
    let mut a = saturday();
    press(&mut a, "2");
    let s = screen(&a, 80, 400);
    let lines = s.lines().filter(|l| !l.trim_matches(|c| c == '"' || c == ' ').is_empty()).count();
    // Every room listed took about 420 lines before.
    assert!(lines < 130, "{lines} lines: {s}");
    let mine = s.find("Your starred talks · 3 rooms").expect(&s);
    let busy = s.find("On now or within 30 min").expect(&s);
    assert!(mine < busy, "{s}");
    assert!(s.contains("rooms with nothing on and nothing in the next 30 min: A shows them"), "{s}");
    assert!(!s.contains("K.fosdem"), "a quiet room is folded: {s}");
    press(&mut a, "A");
    let all = screen(&a, 80, 600);
    assert!(all.contains("K.fosdem"), "A lists every room");
    // The first talk listed is one of mine.
    press(&mut a, "g");
    let first = a.current_talk().unwrap();
    assert!(a.session.agenda.is_attending(&a.session.schedule.talks()[first].id));
}

#[test]
fn switching_views_keeps_the_schedule_place_and_t_is_the_one_jump_to_now() {
    let mut a = fosdem_at("2021-02-06 09:20", None);
    press(&mut a, "G");
    let place = (a.schedule_view.day, a.schedule_view.selected);
    press(&mut a, "2j1");
    assert_eq!((a.schedule_view.day, a.schedule_view.selected), place, "back on the same talk");
    let talk = a.session.schedule.talks()[place.1].id.clone();
    press(&mut a, "s");
    assert!(a.session.agenda.is_attending(&talk), "s stars the talk in sight");
    press(&mut a, "3412");
    assert_eq!(a.schedule_view.selected, place.1);
    // Each list view keeps its own cursor too.
    press(&mut a, "2jj");
    let now_talk = a.current_talk();
    press(&mut a, "1j2");
    assert_eq!(a.current_talk(), now_talk);
    // @ moves the clock, not the schedule; t shows that time there.
    press(&mut a, "@");
    for _ in 0..20 {
        key(&mut a, KeyCode::Backspace);
    }
    press(&mut a, "2021-02-07 10:00");
    key(&mut a, KeyCode::Enter);
    press(&mut a, "1");
    assert_eq!(a.schedule_view.selected, place.1);
    press(&mut a, "t");
    assert_eq!(a.schedule_view.day, 1);
}

#[test]
fn a_day_opens_at_its_first_talk() {
    let mut a = fosdem_at("2021-01-20 12:00", None);
    let s = &a.session.schedule;
    assert_eq!(a.schedule_view.selected, s.day_range(0).start, "before the conference: its first talk");
    let room = a.session.schedule.talks()[a.schedule_view.selected].room;
    press(&mut a, "]");
    let s = &a.session.schedule;
    let first_there = s.day_range(1).find(|&i| s.talks()[i].room == room).unwrap();
    assert_eq!(a.schedule_view.selected, first_there, "day 2 opens in the same room, at its first talk there");
    let header = screen(&a, 80, 24);
    assert!(header.lines().next().unwrap().contains("rooms 1-3 of "), "rooms in view, in words: {header}");
    let wide = screen(&a, 120, 30);
    assert!(wide.lines().next().unwrap().contains(" of 42"), "{wide}");
}

#[test]
fn every_cut_at_80_columns_ends_in_an_ellipsis() {
    let mut a = saturday();
    for keys in ["1", "2", "3", "4", "1v"] {
        press(&mut a, keys);
        let s = screen(&a, 80, 24);
        let lines: Vec<&str> = s.lines().map(|l| l.trim_matches('"')).collect();
        for (n, text) in lines.iter().enumerate().skip(1) {
            // A line filled to the edge that ends inside a word must be a wrapped paragraph,
            // its next line going on at the left edge; a cut ends in … instead.
            let mut rev = text.chars().rev();
            let (last, prev) = (rev.next().unwrap_or(' '), rev.next().unwrap_or(' '));
            // (A line whose title gave way, "…", may end in the room's name.)
            if text.chars().count() >= 80 && last.is_alphanumeric() && prev.is_alphanumeric() && !text.contains('…') {
                let next = lines.get(n + 1).copied().unwrap_or(" ");
                assert!(!next.starts_with(' '), "cut mid-word in view {keys}: {text}");
            }
        }
    }
}

#[test]
fn header_keeps_four_tabs_and_the_clash_count_at_80_columns() {
    let a = saturday();
    let s = screen(&a, 80, 24);
    let head = s.lines().next().unwrap();
    for tab in ["1 Sched", "2 Now", "3 Agenda", "4 Later"] {
        assert!(head.contains(tab), "{head}");
    }
    // The rooms in view are said in words; the clash count gives up its word first.
    assert!(head.contains("⚠ 3") && head.contains("rooms 1-3 of 87") && head.contains("⏱"), "{head}");
    let over = fosdem_at("2021-03-01 10:00", None);
    let s = screen(&over, 80, 24);
    assert!(s.lines().next().unwrap().contains("over (@)"), "{s}");
    assert!(screen(&over, 160, 24).lines().next().unwrap().contains("over: @ goes back in time"));
}

#[test]
fn footer_keys_follow_the_view() {
    let mut a = saturday();
    let footer = |a: &App| screen(a, 80, 24).lines().last().unwrap().to_string();
    for want in ["/ find", "f filter", "v list", "? help", "q quit"] {
        assert!(footer(&a).contains(want), "{}", footer(&a));
    }
    press(&mut a, "2");
    assert!(footer(&a).contains("A all rooms"), "{}", footer(&a));
    press(&mut a, "3");
    assert!(footer(&a).contains("a gaps") && footer(&a).contains("r resolve"), "{}", footer(&a));
}

#[test]
fn wide_terminals_show_the_selected_talk_beside_the_grid() {
    let a = saturday();
    let s = screen(&a, 180, 40);
    let title = a.session.schedule.talks()[a.schedule_view.selected].title.clone();
    let beside = s.lines().filter(|l| l.contains(&title[..20.min(title.len())])).count();
    assert!(beside >= 2, "in the grid and in the pane: {s}");
    assert!(s.contains("When "), "{s}");
}

/// `update` with each modal open: at most one is, each takes its own keys, and the effects
/// come back for the shell.
#[test]
fn update_with_every_modal() {
    let mut a = saturday();
    // Details: arrows scroll, s stars the talk shown and asks for a save, Esc closes.
    a.update(Action::Open);
    assert_eq!(a.modal_name(), Some("details"));
    let talk = a.current_talk().unwrap();
    let starred = a.session.agenda.is_attending(&a.session.schedule.talks()[talk].id);
    assert_eq!(a.update(Action::ToggleStar), [Effect::Save]);
    assert_ne!(a.session.agenda.is_attending(&a.session.schedule.talks()[talk].id), starred);
    assert_eq!(a.modal_name(), Some("details"), "details stay open");
    a.update(Action::Down);
    assert!(matches!(a.modal, Some(hallway::tui::modal::Modal::Details { scroll: 1, .. })));
    // Another view's key closes details and goes there.
    a.update(Action::ShowAgenda);
    assert_eq!((a.modal_name(), a.view), (None, View::Agenda));
    // Help: any key but the arrows closes it and does nothing else.
    a.update(Action::Help);
    assert_eq!(a.update(Action::ToggleStar), []);
    assert_eq!(a.modal_name(), None);
    // Search: typed letters are text, not commands; Enter goes to the hit.
    assert!(press(&mut a, "/emulation").is_empty());
    assert_eq!(a.modal_name(), Some("finder"));
    key(&mut a, KeyCode::Enter);
    assert_eq!((a.modal_name(), a.view), (None, View::Schedule));
    // Filter: Enter applies and saves.
    press(&mut a, "f");
    assert_eq!(a.modal_name(), Some("filter"));
    assert_eq!(key(&mut a, KeyCode::Enter), [Effect::Save]);
    // Prompt: a note is saved on Enter.
    press(&mut a, "n");
    assert_eq!(a.modal_name(), Some("prompt"));
    press(&mut a, "bring headphones");
    assert_eq!(key(&mut a, KeyCode::Enter), [Effect::Save]);
    assert_eq!(a.modal_name(), None);
    // Gaps: s stars a suggestion and saves; Esc closes.
    press(&mut a, "3a");
    if a.modal_name() == Some("gaps") {
        assert_eq!(press(&mut a, "s"), [Effect::Save]);
        key(&mut a, KeyCode::Esc);
    }
    assert_eq!(a.modal_name(), None);
    // q asks the shell to quit; update itself wrote nothing.
    assert_eq!(press(&mut a, "q"), [Effect::Quit]);
}

/// `/rust` at FOSDEM: talks about Rust first; the room D.hardware.trusted (rust inside a word)
/// ranks below every talk with the word.
#[test]
fn search_ranks_words_above_letters_inside_words() {
    let a = saturday();
    let s = &a.session.schedule;
    let mut idx = hallway::search::Index::new(s);
    let hits = idx.search("rust", 200);
    let word = |i: usize| {
        let t = &s.talks()[i];
        let text =
            format!("{} {} {} {}", t.title, t.speakers.join(" "), t.tags.join(" "), t.abstract_text).to_lowercase();
        hallway::search::starts_a_word(&text, "rust")
    };
    let first_inside = hits.iter().position(|h| !word(h.index)).unwrap_or(hits.len());
    assert!(first_inside >= 5, "{:?}", hits.iter().map(|h| &s.talks()[h.index].title).collect::<Vec<_>>());
    assert!(hits[first_inside..].iter().all(|h| !word(h.index)), "no word match after a match inside a word");
    assert!(s.talks()[hits[0].index].title.to_lowercase().contains("rust"), "{}", s.talks()[hits[0].index].title);
}

/// From a review: the Now view follows a filter change at once (even with a fixed clock); a
/// note written from details comes back to them; moves of the view do nothing over details.
#[test]
fn now_follows_the_filter_and_details_keep_their_place() {
    let mut a = saturday();
    press(&mut a, "2");
    let before = a.session.now_talks(false).len();
    press(&mut a, "f");
    press(&mut a, "d.emulator");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Enter);
    let after = a.session.now_talks(false);
    assert!(after.len() < before, "{} then {}", before, after.len());
    assert!(after.iter().all(|&i| a.session.schedule.room_name(&a.session.schedule.talks()[i]) == "D.emulator"));

    let mut a = saturday();
    a.update(Action::Open);
    let talk = a.current_talk();
    for k in ["l", "h", "]", "[", "G"] {
        press(&mut a, k);
        assert_eq!((a.modal_name(), a.current_talk()), (Some("details"), talk), "{k}");
    }
    press(&mut a, "n");
    assert_eq!(a.modal_name(), Some("prompt"));
    press(&mut a, "slides?");
    key(&mut a, KeyCode::Enter);
    assert_eq!((a.modal_name(), a.current_talk()), (Some("details"), talk), "back to the details");
    press(&mut a, "n");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.modal_name(), Some("details"), "Esc on the note goes back to the details too");
}

/// From a new-user run: an all-day talk (I.infodesk, 09:00-18:00) selected with the view at
/// 11:00; the box's time and title stay at the top of what is shown.
#[test]
fn a_selected_talk_taller_than_the_screen_still_shows_what_it_is() {
    let mut app = fosdem_at("2021-02-06 11:00", None);
    press(&mut app, "/PlayStation");
    key(&mut app, KeyCode::Enter);
    // Drawn there first, as on a screen: the view scrolls to the talk at 11:00.
    screen(&app, 80, 24);
    press(&mut app, "/Infodesk (Saturday)");
    key(&mut app, KeyCode::Enter);
    let selected = &app.session.schedule.talks()[app.schedule_view.selected];
    assert!(selected.minutes() > 6 * 60, "the case needs an all-day talk: {}", selected.title);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("▶ 09:00-18:00"), "{shown}");
}

#[test]
fn a_narrow_grid_column_says_clash_and_live_by_symbol_rather_than_wrap_them() {
    let mut a = saturday();
    // The selected talk (10:45-11:30, live) starred: it clashes with the three at 11:00.
    press(&mut a, "s");
    let s = screen(&a, 80, 24);
    assert!(s.contains("▶ 10:45-11:30 ★ ⚠ ●"), "{s}");
    assert!(!s.contains("clash ●") && !s.contains("│clash"), "no flag wrapped onto the title's line: {s}");
    // Where the column is wide enough they are said in words (the sample's schedule_80x24
    // snapshot: "★ ⚠ clash ● live").
}

/// From a new-user run: `]` then `[` came back on the info desk, not on the talk left; `t`
/// chose the info desk over my live starred talk. A day opens in the same room at the same
/// time of day, so `]` then `[` comes back.
#[test]
fn a_day_left_is_found_as_it_was_and_t_goes_to_my_live_talk() {
    let mut a = saturday();
    press(&mut a, "/PlayStation");
    key(&mut a, KeyCode::Enter);
    let playstation = a.schedule_view.selected;
    let room = a.session.schedule.talks()[playstation].room;
    press(&mut a, "]");
    let sunday = &a.session.schedule.talks()[a.schedule_view.selected];
    assert_eq!(sunday.room, room, "a new day opens in the same room: {}", sunday.title);
    press(&mut a, "[");
    assert_eq!(a.schedule_view.selected, playstation, "back where Saturday was left");
    press(&mut a, "]j");
    let left_on_sunday = a.schedule_view.selected;
    press(&mut a, "[");
    let saturday_talk = &a.session.schedule.talks()[a.schedule_view.selected];
    assert_eq!(saturday_talk.room, room, "{}", saturday_talk.title);
    press(&mut a, "]");
    assert_eq!(a.schedule_view.selected, left_on_sunday, "and Sunday too");
    // Saturday 11:00, three starred talks live: `t` goes to one of them, not to a desk.
    press(&mut a, "[gggg");
    press(&mut a, "t");
    let now = &a.session.schedule.talks()[a.schedule_view.selected];
    assert!(a.session.agenda.is_attending(&now.id), "{}", now.title);
}

/// From the second new-user run: S.ow2 has two talks at once at 15:30. At 80x24 each has half a
/// column: its start shows whole ("15:30"), not a cut range ("15:30-16:…"). And `l` from there
/// goes to the room beside, at its talk nearest 15:30; when that is far, the status line
/// says where it is (a room is never passed over).
#[test]
fn a_half_column_shows_its_start_whole_and_l_keeps_to_the_time() {
    let mut a = fosdem_at("2021-02-06 15:40", None);
    press(&mut a, "/DeCODER");
    key(&mut a, KeyCode::Enter);
    let from = a.session.schedule.talks()[a.schedule_view.selected].clone();
    assert_eq!(a.session.schedule.room_name(&from), "S.ow2");
    let s = screen(&a, 80, 24);
    assert!(!s.contains("15:30-16:…"), "{s}");
    assert!(s.contains("▶ 15:30"), "{s}");
    let cols = a.session.day_columns(a.schedule_view.day);
    let mut col = cols.iter().position(|&r| r == from.room).unwrap();
    for _ in 0..3 {
        press(&mut a, "l");
        col += 1;
        let t = &a.session.schedule.talks()[a.schedule_view.selected];
        assert_eq!(t.room, cols[col], "the room beside");
        let near = t.overlaps(&from) || (t.start - from.start).num_minutes().abs() <= 60;
        let said = a.status.text().unwrap_or_default();
        assert_eq!(!near, said.contains("its nearest talk is at"), "{} at {}: {said}", t.title, t.start);
    }
}

/// At 200x50 the side pane shows beside a popup: it is dimmed, read as background.
#[test]
fn the_view_below_a_popup_is_dimmed() {
    let mut a = saturday();
    let plain = common::render(&a, 200, 50);
    let dim = |t: &ratatui::Terminal<ratatui::backend::TestBackend>, x: u16, y: u16| {
        t.backend().buffer()[(x, y)].modifier.contains(ratatui::style::Modifier::DIM)
    };
    // The side pane's first column, beside where the popup goes.
    assert!(!dim(&plain, 199, 10));
    key(&mut a, KeyCode::Enter);
    let with_details = common::render(&a, 200, 50);
    assert!(dim(&with_details, 199, 10), "the side pane beside the details");
    assert!(!dim(&with_details, 100, 25), "the popup itself is not");
}

/// From the fifth new-user run: a filter that leaves nothing on the day shown moves to a day
/// it leaves something on, and says so.
#[test]
fn a_filter_that_empties_the_day_says_where_it_went() {
    let mut a = saturday();
    press(&mut a, "fPython");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Enter);
    let status = a.status.text().unwrap_or_default();
    assert!(status.starts_with("showing track Python · "), "{status}");
    // FOSDEM 2021's Python talks are all on Sunday.
    assert_eq!(a.schedule_view.day, 1);
    assert!(status.ends_with("nothing shown that day: now on Sun 7 Feb"), "{status}");
}
