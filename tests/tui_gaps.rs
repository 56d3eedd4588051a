//! `a` in the agenda: the free slots between my starred talks and the talks that fit them,
//! explained; `s` stars one, Enter goes to it.

mod common;

use common::{app_at, key, press, screen};
use crossterm::event::KeyCode;
use hallway::tui::app::{App, View};
use hallway::tui::gaps::Gaps;
use hallway::tui::modal::Modal;

fn gaps(a: &App) -> Option<&Gaps> {
    match &a.modal {
        Some(Modal::Gaps(g)) => Some(g),
        _ => None,
    }
}

#[test]
fn gaps_are_listed_with_reasons_and_filled_with_one_key() {
    let mut a = app_at("2022-10-19 08:00");
    press(&mut a, "3a");
    let g = gaps(&a).unwrap_or_else(|| panic!("the overlay opens: {:?} {:?}", a.status.text(), a.view));
    let first = g.current().unwrap();
    common::snap("gaps", &a);
    let s = screen(&a, 120, 40);
    assert!(s.contains("Fill the gaps in your agenda") && s.contains("free"), "{s}");
    assert!(s.contains("shares tag"), "a reason is shown: {s}");

    press(&mut a, "s");
    assert!(a.session.agenda.is_attending(&a.session.schedule.talks()[first].id));
    assert!(a.status.text().unwrap().contains("for that gap"));
    press(&mut a, "u");
    assert!(!a.session.agenda.is_attending(&a.session.schedule.talks()[first].id), "undo works as for any star");

    let g = gaps(&a).unwrap();
    let target = g.current().unwrap();
    key(&mut a, KeyCode::Enter);
    assert!(gaps(&a).is_none());
    assert_eq!((a.view, a.schedule_view.selected), (View::Schedule, target));

    let mut empty = common::app_at("2022-10-19 08:00");
    for id in ["ebpf-vs-sidecars", "thread-sampling-ebpf", "extreme-http", "linux-memory-model"] {
        empty.session.agenda.unmark(id, empty.session.now);
    }
    empty.session.refresh_marks();
    press(&mut empty, "3a");
    assert!(gaps(&empty).is_none());
    assert_eq!(empty.status.text().as_deref(), Some("star some talks first: suggestions fill the gaps between them"));
}
