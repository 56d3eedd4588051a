//! The filter panel (`f`) beyond tracks: tags, kinds, days, starred only and hiding past talks,
//! in the grid, the compact list, day keys and search.

mod common;

use common::{app_at, key, press, screen};
use crossterm::event::KeyCode;
use hallway::agenda::MarkKind;

/// Open the panel, narrow to `query`, tick the first match (Tab), and apply.
fn tick(a: &mut hallway::tui::app::App, query: &str) -> Vec<hallway::tui::effect::Effect> {
    press(a, "f");
    press(a, query);
    key(a, KeyCode::Tab);
    key(a, KeyCode::Enter)
}

fn titles_on_screen(a: &hallway::tui::app::App, s: &str) -> Vec<String> {
    a.session.schedule.talks().iter().filter(|t| s.contains(&t.title)).map(|t| t.title.clone()).collect()
}

#[test]
fn the_panel_lists_sections_with_counts() {
    let mut a = app_at("2022-10-19 09:20");
    press(&mut a, "f");
    common::snap("filter_panel", &a);
    let s = screen(&a, 100, 40);
    for want in ["Show", "only talks I starred", "hide talks that have ended", "Days", "Wed 19 Oct  19 talks", "Kinds"]
    {
        assert!(s.contains(want), "{want}: {s}");
    }
    assert!(s.contains("latency  12 talks"), "the most used tag first, with its count: {s}");
}

#[test]
fn a_tag_keeps_only_its_talks_in_grid_list_and_moves() {
    let mut a = app_at("2022-10-19 09:20");
    let effects = tick(&mut a, "rust");
    assert_eq!(a.session.agenda.filter.tags.iter().collect::<Vec<_>>(), ["rust"]);
    assert!(effects.contains(&hallway::tui::effect::Effect::Save), "saved with the agenda");
    let status = a.status.text().unwrap();
    assert!(status.contains("tag rust") && status.contains("6 of 38 talks"), "{status}");
    let has_rust =
        |a: &hallway::tui::app::App, i: usize| a.session.schedule.talks()[i].tags.iter().any(|t| t == "rust");
    assert!(has_rust(&a, a.schedule_view.selected), "the selection moved onto a shown talk");
    let s = screen(&a, 160, 60);
    assert!(s.contains("· filtered"), "the header says a filter is on: {s}");
    for title in titles_on_screen(&a, &s) {
        let t = a.session.schedule.talks().iter().find(|t| t.title == title).unwrap();
        assert!(t.tags.iter().any(|g| g == "rust"), "{title} has no rust tag but is drawn");
    }
    for keys in ["j", "j", "l", "k", "]", "j", "h", "["] {
        press(&mut a, keys);
        assert!(
            has_rust(&a, a.schedule_view.selected),
            "{keys} landed on {}",
            a.session.schedule.talks()[a.schedule_view.selected].title
        );
    }
    press(&mut a, "v");
    assert!(a.session.list_rows(a.schedule_view.day).iter().all(|&i| has_rust(&a, i)));
    assert_eq!(
        a.session.list_rows(a.schedule_view.day).len(),
        a.session.schedule.day_range(a.schedule_view.day).filter(|&i| has_rust(&a, i)).count()
    );
}

#[test]
fn starred_only_follows_the_marks_and_keeps_the_talk_just_unstarred_in_sight() {
    let mut a = app_at("2022-10-19 09:20");
    tick(&mut a, "starred");
    assert!(a.session.agenda.filter.starred_only);
    let starred =
        |a: &hallway::tui::app::App, i: usize| a.session.agenda.is_attending(&a.session.schedule.talks()[i].id);
    assert!(starred(&a, a.schedule_view.selected));
    let s = screen(&a, 160, 60);
    let drawn = titles_on_screen(&a, &s);
    assert!(!drawn.is_empty());
    assert!(drawn.iter().all(|t| {
        a.session.agenda.is_attending(&a.session.schedule.talks().iter().find(|x| &x.title == t).unwrap().id)
    }));
    let was = a.schedule_view.selected;
    press(&mut a, "s");
    assert!(!starred(&a, was));
    let title = a.session.schedule.talks()[was].title.clone();
    assert!(screen(&a, 160, 60).contains(&title), "unstarring does not make the talk vanish under the cursor");
    press(&mut a, "u");
    assert!(starred(&a, was));
    // A new star elsewhere shows at once.
    let other = a.session.schedule.index_of("misery-metrics").unwrap();
    let t = a.session.schedule.talks()[other].clone();
    a.session.agenda.set(&a.session.schedule, &t, MarkKind::Attend, a.session.now);
    a.session.refresh_marks();
    assert!(a.session.is_shown(other));
}

#[test]
fn hide_past_and_days_skip_what_is_over_and_days_not_chosen() {
    let mut a = app_at("2022-10-19 10:30");
    tick(&mut a, "hide");
    assert!(a.session.agenda.filter.hide_past);
    press(&mut a, "v");
    let rows = a.session.list_rows(a.schedule_view.day);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|&i| a.session.schedule.talks()[i].end > a.session.now), "no talk that has ended");
    // Time passes: talks ending drop out on the next minute.
    let before = rows.len();
    let later = a.session.now + chrono::Duration::hours(2);
    a.tick(later);
    assert!(a.session.list_rows(a.schedule_view.day).len() < before);

    // Only Thursday: the day keys stay on it and the first day is "the first".
    let mut a = app_at("2022-10-19 09:20");
    tick(&mut a, "thu");
    assert_eq!(a.schedule_view.day, 1, "the selection moved to the day chosen");
    press(&mut a, "[");
    assert_eq!(a.schedule_view.day, 1);
    assert_eq!(a.status.text().as_deref(), Some("this is the first of the days your filter shows (f to change)"));
}

#[test]
fn search_finds_hidden_talks_and_going_there_lifts_only_what_hid_it() {
    let mut a = app_at("2022-10-19 09:20");
    tick(&mut a, "rust");
    tick(&mut a, "hide");
    press(&mut a, "/");
    press(&mut a, "misery metrics");
    let s = screen(&a, 120, 30);
    assert!(s.contains("Misery Metrics") && s.contains("(hidden by your filter)"), "{s}");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.session.schedule.talks()[a.schedule_view.selected].id, "misery-metrics");
    assert!(a.session.agenda.filter.tags.is_empty(), "the part that hid it is lifted");
    assert!(a.session.agenda.filter.hide_past, "the rest of the filter stays");
    let status = a.status.text().unwrap();
    assert_eq!(status, "to show this talk the filter no longer has: tag rust (f to change)");
}

#[test]
fn del_clears_every_part_and_a_day_without_matches_says_so() {
    let mut a = app_at("2022-10-19 09:20");
    tick(&mut a, "keynote");
    press(&mut a, "f");
    press(&mut a, "thu");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.session.agenda.filter.kinds.len(), 1);
    assert_eq!(a.session.agenda.filter.days.len(), 1);
    press(&mut a, "f");
    key(&mut a, KeyCode::Delete);
    key(&mut a, KeyCode::Enter);
    assert!(a.session.agenda.filter.is_empty() && !a.session.filtering());

    // The one panel is on one day: the other day says nothing passes.
    let mut a = app_at("2022-10-19 09:20");
    tick(&mut a, "panel");
    let panel = a.schedule_view.selected;
    assert_eq!(a.session.schedule.talks()[panel].kind, "panel");
    let other_day = if a.schedule_view.day == 0 { "]" } else { "[" };
    press(&mut a, other_day);
    assert_ne!(a.schedule_view.day, a.session.schedule.day_of(panel));
    let s = screen(&a, 120, 30);
    assert!(s.contains("Nothing on this day passes the filter: kind panel (f to change)."), "{s}");
}

/// "Only talks I starred" on, then off: every room comes back (the panel ticks only the rooms
/// the person chose, never those the rest of the filter happened to leave).
#[test]
fn starred_only_on_then_off_shows_every_room_again() {
    let mut a = app_at("2022-10-19 09:20");
    // Starred talks in Main Stage only.
    for id in ["thread-sampling-ebpf", "io-uring"] {
        let now = a.session.now;
        a.session.agenda.unmark(id, now);
    }
    a.session.refresh_marks();
    let rooms = a.session.schedule.conference.rooms.len();
    press(&mut a, "f ");
    key(&mut a, KeyCode::Enter);
    assert!(a.session.agenda.filter.starred_only);
    press(&mut a, "f ");
    key(&mut a, KeyCode::Enter);
    assert!(!a.session.agenda.filter.starred_only);
    assert!(a.session.agenda.tracks.is_empty(), "no room filter was made up: {:?}", a.session.agenda.tracks);
    assert_eq!(a.session.shown_tracks.len(), rooms);
}

/// Thousands of tags: the panel draws the rows in view, and the cursor's row is among them
/// wherever it goes (End, PageUp), with its section's heading above the first of a section.
#[test]
fn a_panel_of_thousands_of_tags_shows_the_cursor_wherever_it_goes() {
    use crossterm::event::KeyCode;
    let talks: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                r#"{{"id": "t{i}", "title": "Talk {i}", "track": "A", "start": "2030-01-01T{:02}:{:02}", "duration": 5, "tags": ["tag-{i:04}"]}}"#,
                8 + i / 600,
                (i / 10) % 60
            )
        })
        .collect();
    let json = format!(
        r#"{{"conference": {{"id": "many", "name": "Many", "timezone": "UTC", "tracks": ["A"]}}, "talks": [{}]}}"#,
        talks.join(",")
    );
    let s = hallway::schedule::parse_bytes(json.as_bytes(), "many.json").unwrap();
    let now = hallway::clock::parse_at("2030-01-01 08:00", s.conference.tz).unwrap();
    let agenda = hallway::agenda::Agenda::new(&s.conference.id);
    let mut a = hallway::tui::app::App::new(s, agenda, hallway::tui::app::Options::at(now, None));
    press(&mut a, "f");
    let top = screen(&a, 100, 30);
    assert!(top.contains("Show") && top.contains("only talks I starred"), "{top}");
    common::key(&mut a, KeyCode::End);
    let end = screen(&a, 100, 30);
    assert!(end.contains("▶ [ ] A"), "the last entry (the room) is in view at End: {end}");
    assert!(end.contains("Rooms"), "with its heading: {end}");
    common::key(&mut a, KeyCode::PageUp);
    common::key(&mut a, KeyCode::PageUp);
    let mid = screen(&a, 100, 30);
    assert!(mid.contains("▶ [ ] tag-2980"), "twenty up from the end: {mid}");
}
