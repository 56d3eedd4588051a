//! Friends' agendas in the TUI: initials on the talks they attend, their names in details, and
//! the filter keeping only their talks; their marks never become mine.

mod common;

use common::{app_at, key, press, screen};
use crossterm::event::KeyCode;
use hallway::agenda::{Agenda, MarkKind};
use hallway::friends::Friends;

fn with_friends() -> hallway::tui::app::App {
    let mut a = app_at("2022-10-19 09:20");
    let s = a.session.schedule.clone();
    let dir = tempfile::TempDir::new().unwrap();
    let mut friends = Friends::default();
    for (name, ids) in [("Ana Lima", ["io-uring", "misery-metrics"]), ("Bo Chen", ["misery-metrics", "go-profiling"])] {
        let mut theirs = Agenda::new(&s.conference.id);
        for id in ids {
            theirs.set(&s, s.talk(id).unwrap(), MarkKind::Attend, a.session.now);
        }
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, hallway::export::document(&s, &theirs, a.session.now).to_string()).unwrap();
        friends.add(&s, &file, name).unwrap();
    }
    a.session.set_friends(friends);
    a
}

#[test]
fn initials_in_the_grid_names_in_details() {
    let mut a = with_friends();
    let mine = a.session.agenda.clone();
    common::snap("friends_grid", &a);
    let s = screen(&a, 160, 50);
    assert!(s.contains("+AL BC"), "both on Misery Metrics: {s}");
    assert!(s.contains("+BC"), "{s}");
    a.select(a.session.schedule.index_of("misery-metrics").unwrap());
    key(&mut a, KeyCode::Enter);
    let s = screen(&a, 120, 40);
    assert!(s.contains("Going  Ana Lima, Bo Chen"), "{s}");
    assert_eq!(a.session.agenda, mine, "nothing of theirs is merged into my marks");
}

#[test]
fn the_filter_keeps_only_talks_a_friend_attends() {
    let mut a = with_friends();
    press(&mut a, "f");
    press(&mut a, "friend");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Enter);
    assert!(a.session.agenda.filter.friends_only);
    let shown: Vec<&str> = (0..a.session.schedule.talks().len())
        .filter(|&i| a.session.is_shown(i))
        .map(|i| a.session.schedule.talks()[i].id.as_str())
        .collect();
    assert_eq!(shown, ["io-uring", "misery-metrics", "go-profiling"]);
    assert!(a.status.text().unwrap().contains("friends' talks"));
}
