//! Reminders in the running TUI: with a clock that advances minute by minute (as `--at` and
//! the test clock do), each starred talk is reminded exactly once, five minutes before it
//! starts, in the status line and to the shell; talks not starred never are.

mod common;

use chrono::Duration;
use common::{app_at, press};
use hallway::clock::{Clock, TestClock};
use hallway::tui::effect::Effect;

#[test]
fn each_starred_talk_once_at_start_minus_five_and_never_an_unmarked_one() {
    let mut a = app_at("2022-10-19 07:00");
    let clock = TestClock::new(a.session.now);
    let mut fired: Vec<(String, chrono::DateTime<chrono::Utc>)> = Vec::new();
    let mut statuses = Vec::new();
    let end = a.session.now + Duration::hours(36);
    while clock.now() < end {
        clock.advance(Duration::minutes(1));
        for alert in reminders(a.tick(clock.now()).1) {
            fired.push((a.session.schedule.talks()[alert.talk].id.clone(), clock.now()));
            statuses.push(a.status.text().unwrap());
        }
    }
    let starred: Vec<String> = a.session.attending.iter().map(|&i| a.session.schedule.talks()[i].id.clone()).collect();
    assert_eq!(starred.len(), 4);
    let mut ids: Vec<String> = fired.iter().map(|f| f.0.clone()).collect();
    ids.sort();
    let mut want = starred.clone();
    want.sort();
    assert_eq!(ids, want, "every starred talk once, nothing else (io-uring is on-demand)");
    for (id, at) in &fired {
        assert_eq!(*at, a.session.schedule.talk(id).unwrap().start - Duration::minutes(5), "{id}");
    }
    assert!(statuses[0].starts_with("⏰ In 5 min: \"eBPF vs Sidecars\" in Main Stage"), "{statuses:?}");
    assert_eq!(statuses.len(), 4);
}

#[test]
fn starring_a_talk_about_to_start_reminds_at_the_next_minute_and_off_is_off() {
    let mut a = app_at("2022-10-19 09:36");
    // Misery Metrics starts at 09:40: star it with four minutes to go.
    let i = a.session.schedule.index_of("misery-metrics").unwrap();
    a.schedule_view.select(&a.session, i);
    press(&mut a, "s");
    let next = a.session.now + Duration::minutes(1);
    let alerts = reminders(a.tick(next).1);
    assert_eq!(alerts.len(), 1);
    assert!(alerts[0].text.starts_with("In 3 min: \"Misery Metrics"), "{}", alerts[0].text);
    // The starred talk ending last before it is the eBPF sampling talk in Stage 2.
    assert!(alerts[0].text.ends_with("(switch from Stage 2)"), "{}", alerts[0].text);

    let mut quiet = app_at("2022-10-19 09:00");
    quiet.session.reminders = hallway::reminders::Reminders::new(0);
    for _ in 0..60 {
        let next = quiet.session.now + Duration::minutes(1);
        assert!(reminders(quiet.tick(next).1).is_empty());
    }
}

#[test]
fn going_to_a_time_with_at_shows_the_reminder_due_then() {
    let mut a = app_at("2022-10-19 08:00");
    press(&mut a, "@");
    for _ in 0..20 {
        common::key(&mut a, crossterm::event::KeyCode::Backspace);
    }
    press(&mut a, "09:01");
    let effects = common::key(&mut a, crossterm::event::KeyCode::Enter);
    let status = a.status.text().unwrap();
    assert!(status.starts_with("⏰ In 4 min: \"eBPF vs Sidecars\" in Main Stage · ⏱ time travel"), "{status}");
    assert_eq!(reminders(effects).len(), 1, "and the shell rings");
}

fn reminders(effects: Vec<Effect>) -> Vec<hallway::reminders::Reminder> {
    effects
        .into_iter()
        .flat_map(|e| match e {
            Effect::Remind(due) => due,
            _ => Vec::new(),
        })
        .collect()
}
