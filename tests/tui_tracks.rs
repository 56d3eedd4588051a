//! Many tracks (FOSDEM 2021: 106 rooms): choosing the tracks to show, saved with the agenda,
//! and the compact list by time.

mod common;

use common::{fosdem_at, key, press, screen};
use crossterm::event::KeyCode;
use hallway::tui::app::View;

#[test]
fn pick_two_rooms_out_of_106_and_keep_the_choice() {
    let mut a = fosdem_at("2021-02-06 10:10", None);
    assert_eq!(a.session.shown_tracks.len(), 106);
    press(&mut a, "f");
    assert_eq!(a.modal_name(), Some("filter"));
    press(&mut a, "d.radio");
    key(&mut a, KeyCode::Tab);
    for _ in 0..7 {
        key(&mut a, KeyCode::Backspace);
    }
    press(&mut a, "d.go");
    key(&mut a, KeyCode::Tab);
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("track_picker_80x24", common::render(&a, 80, 24).backend());
    });
    let effects = key(&mut a, KeyCode::Enter);
    assert_eq!(a.modal_name(), None);
    assert_eq!(a.session.agenda.tracks, ["D.go", "D.radio"]);
    assert!(effects.contains(&hallway::tui::effect::Effect::Save), "the choice is saved with the agenda");
    let names: Vec<&str> =
        a.session.shown_tracks.iter().map(|&t| a.session.schedule.conference.rooms[t].as_str()).collect();
    assert_eq!(names, ["D.go", "D.radio"], "column order stays the schedule's");
    assert!(a.session.is_shown(a.schedule_view.selected), "the selection moved into a shown track");
    let s = screen(&a, 120, 30);
    assert!(s.contains("D.go") && s.contains("D.radio") && !s.contains("K.fosdem"), "{s}");
    assert!(a.status.text().unwrap().starts_with("showing 2 of 106 rooms: D.go, D.radio"));
    // Moving around never lands in a hidden track (these two rooms are on different days).
    for keys in ["l", "h", "]", "l", "h", "[", "jjj"] {
        press(&mut a, keys);
        let track = a.session.schedule.room_name(&a.session.schedule.talks()[a.schedule_view.selected]).to_string();
        assert!(["D.go", "D.radio"].contains(&track.as_str()), "{keys}: {track}");
    }

    // Next time hallway opens with this agenda, the same two tracks show; Now lists them only.
    let mut again = fosdem_at("2021-02-06 10:10", Some(a.session.agenda.clone()));
    assert_eq!(again.session.shown_tracks.len(), 2);
    press(&mut again, "2");
    let s = screen(&again, 120, 30);
    assert!(s.contains("showing 2 of 106 rooms (f to change)"), "{s}");
    assert!(s.contains(" D.go") && s.contains(" D.radio") && !s.contains(" K.fosdem"), "{s}");

    // Del unticks all: every track again.
    press(&mut again, "f");
    key(&mut again, KeyCode::Delete);
    key(&mut again, KeyCode::Enter);
    assert!(again.session.agenda.tracks.is_empty());
    assert_eq!(again.session.shown_tracks.len(), 106);
}

#[test]
fn compact_list_by_time_across_rooms() {
    let mut a = fosdem_at("2021-02-06 10:10", None);
    press(&mut a, "v");
    assert!(a.schedule_view.list_mode);
    assert_eq!(a.view, View::Schedule);
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("talk_list_80x24", common::render(&a, 80, 24).backend());
    });
    let first = a.schedule_view.selected;
    press(&mut a, "j");
    assert_eq!(a.schedule_view.selected, first + 1, "down is the next talk in time, whatever its room");
    assert!(a.session.schedule.talks()[a.schedule_view.selected].start >= a.session.schedule.talks()[first].start);
    press(&mut a, "G");
    assert_eq!(a.schedule_view.selected, a.session.schedule.day_range(0).end - 1);
    press(&mut a, "]");
    assert_eq!(a.schedule_view.day, 1);
    press(&mut a, "v");
    assert!(!a.schedule_view.list_mode);
}

#[test]
fn a_tag_at_fosdem_keeps_only_the_rooms_that_have_it() {
    let mut a = fosdem_at("2021-02-06 11:00", None);
    let (tag, count) = hallway::filter::Choices::of(&a.session.schedule).tracks[0].clone();
    press(&mut a, "f");
    press(&mut a, &tag.to_lowercase());
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Enter);
    assert!(a.session.agenda.filter.tracks.contains(&tag), "{tag}");
    let talks = a.session.schedule.talks();
    let with_tag: std::collections::BTreeSet<usize> =
        talks.iter().filter(|t| t.track.as_ref() == Some(&tag)).map(|t| t.room).collect();
    assert_eq!(a.session.shown_tracks, with_tag.iter().copied().collect::<Vec<_>>(), "no empty columns");
    assert!(a.session.shown_tracks.len() < 106);
    assert_eq!((0..talks.len()).filter(|&i| a.session.is_shown(i)).count(), count);
    press(&mut a, "2");
    let s = screen(&a, 120, 40);
    assert!(s.contains(&format!("those where your filter (track {tag}) leaves talks")), "{s}");
}
