//! `/` finds a talk in a keystroke and Enter jumps to it; the mouse selects, opens, stars and
//! scrolls, on spots the views record as they draw.

mod common;

use common::{app, key, press, render, screen};
use crossterm::event::KeyCode;
use hallway::agenda::MarkKind;
use hallway::tui::app::{Pick, View};

#[test]
fn slash_finds_ranks_highlights_and_jumps() {
    let mut a = app();
    press(&mut a, "4/");
    assert_eq!(a.modal_name(), Some("finder"));
    press(&mut a, "memory model");
    let s = screen(&a, 120, 30);
    assert!(s.contains("How to Avoid Learning the Linux-Kernel Memory Model"), "{s}");
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("finder_80x24", render(&a, 80, 24).backend());
    });
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.modal_name(), None);
    assert_eq!(a.view, View::Schedule, "Enter goes to the talk in the schedule");
    assert_eq!(a.session.schedule.talks()[a.schedule_view.selected].id, "linux-memory-model");
    assert_eq!(a.schedule_view.day, 1);
    // Esc closes without moving; typing there never triggers commands.
    press(&mut a, "/s");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.session.schedule.talks()[a.schedule_view.selected].id, "linux-memory-model");
    assert_eq!(a.session.agenda.kind("linux-memory-model"), Some(MarkKind::Attend), "the typed s starred nothing");
}

#[test]
fn clicks_select_open_and_star() {
    let mut a = app();
    render(&a, 120, 40);
    let spot = |a: &hallway::tui::app::App, want: Pick| {
        let c = a.clickable.borrow();
        c.iter().find(|(_, p)| *p == want).map(|(r, _)| (r.x, r.y)).unwrap_or_else(|| panic!("{want:?} not drawn"))
    };
    let misery = a.session.schedule.index_of("misery-metrics").unwrap();
    let (x, y) = spot(&a, Pick::Talk(misery));
    a.click(x + 3, y + 1, false);
    assert_eq!(a.schedule_view.selected, misery, "a click selects");
    render(&a, 120, 40);
    let (sx, sy) = spot(&a, Pick::Star(misery));
    assert!(screen(&a, 120, 40).contains("09:40-10:05 ☆"), "the selected talk shows where to click");
    a.click(sx, sy, false);
    assert_eq!(a.session.agenda.kind("misery-metrics"), Some(MarkKind::Attend), "a click on the star stars");
    render(&a, 120, 40);
    let (x, y) = spot(&a, Pick::Talk(misery));
    a.click(x + 3, y + 1, true);
    assert!(
        matches!(a.modal, Some(hallway::tui::modal::Modal::Details { talk, .. }) if talk == misery),
        "a double-click opens details"
    );
    a.click(0, 0, false);
    assert_eq!(a.modal_name(), None, "a click closes them");

    // In a list view a click picks the line.
    a.update(hallway::tui::keys::Action::ShowAgenda);
    render(&a, 120, 40);
    let (x, y) = spot(&a, Pick::Row(2));
    a.click(x + 5, y, false);
    assert_eq!(a.agenda_view.position(a.session.agenda_items()), 2);
}
