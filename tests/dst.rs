//! A conference in Amsterdam across the October daylight-saving switch (2022-10-30 03:00 CEST
//! becomes 02:00 CET): every talk stays at its printed wall-clock time, durations across the
//! switch are real durations, and the user's own zone (which switches on another date) is right.

mod common;

use hallway::agenda::{Agenda, MarkKind};
use hallway::clock::parse_at;
use hallway::schedule::{self, Schedule};
use hallway::tui::app::App;
use hallway::tui::keys::Action;
use hallway::tui::views;
use hallway::{clash, now, timefmt};
use ratatui::{Terminal, backend::TestBackend};
use tempfile::TempDir;

const SCHEDULE: &str = r#"{
  "conference": {"id": "dst-2022", "name": "Fall Back Conf", "timezone": "Europe/Amsterdam",
                 "tracks": ["Main", "Side"]},
  "talks": [
    {"id": "sat-morning", "title": "Saturday Morning", "track": "Main",
     "start": "2022-10-29T09:00", "end": "2022-10-29T10:00"},
    {"id": "night-owls", "title": "Night Owls", "track": "Side",
     "start": "2022-10-30T01:30", "end": "2022-10-30T03:30"},
    {"id": "in-the-repeat", "title": "In the Repeated Hour", "track": "Main",
     "start": "2022-10-30T02:15", "end": "2022-10-30T02:45"},
    {"id": "sun-morning", "title": "Sunday Morning", "track": "Main",
     "start": "2022-10-30T09:00", "end": "2022-10-30T10:00"},
    {"id": "sun-side", "title": "Sunday Side", "track": "Side",
     "start": "2022-10-30T09:30", "end": "2022-10-30T10:30"}
  ]
}"#;

fn schedule() -> Schedule {
    schedule::parse_bytes(SCHEDULE.as_bytes(), "dst.json").unwrap()
}

fn rfc(s: &Schedule, id: &str) -> (String, String) {
    let t = s.talk(id).unwrap();
    (s.local(t.start).to_rfc3339(), s.local(t.end).to_rfc3339())
}

#[test]
fn wall_clock_times_keep_their_printed_hour_on_both_sides_of_the_switch() {
    let s = schedule();
    assert_eq!(rfc(&s, "sat-morning").0, "2022-10-29T09:00:00+02:00");
    assert_eq!(rfc(&s, "sun-morning").0, "2022-10-30T09:00:00+01:00");
    // Both read 09:00 in every view, though they are 25 hours apart.
    let (sat, sun) = (s.talk("sat-morning").unwrap(), s.talk("sun-morning").unwrap());
    assert_eq!(timefmt::range(&s, sat), "09:00-10:00");
    assert_eq!(timefmt::range(&s, sun), "09:00-10:00");
    assert_eq!((sun.start - sat.start).num_hours(), 25);
    // 01:30 CEST to 03:30 CET is three real hours, not two.
    let night = s.talk("night-owls").unwrap();
    assert_eq!(rfc(&s, "night-owls"), ("2022-10-30T01:30:00+02:00".into(), "2022-10-30T03:30:00+01:00".into()));
    assert_eq!(night.minutes(), 180);
    // A time in the repeated hour means its first occurrence, the one before the clocks go back.
    assert_eq!(rfc(&s, "in-the-repeat").0, "2022-10-30T02:15:00+02:00");
    assert_eq!(s.talk("in-the-repeat").unwrap().minutes(), 30);
    assert_eq!(s.day_count(), 2);
}

#[test]
fn clashes_and_now_across_the_switch() {
    let s = schedule();
    let i = |id| s.index_of(id).unwrap();
    let all: Vec<usize> = (0..s.talks().len()).collect();
    let pairs: Vec<(usize, usize)> = clash::find(s.talks(), all).iter().map(|c| (c.a, c.b)).collect();
    assert!(pairs.contains(&(i("night-owls"), i("in-the-repeat"))));
    assert!(pairs.contains(&(i("sun-morning"), i("sun-side"))));
    assert_eq!(pairs.len(), 2);

    // 02:30 CET (the second 02:30 of the night): an hour and a half into Night Owls.
    let at = parse_at("2022-10-30T02:30:00+01:00", s.conference.tz).unwrap();
    let o = now::overview(&s, &[], at);
    let live = o.tracks[1].live.unwrap();
    assert_eq!(s.talks()[live].id, "night-owls");
    assert_eq!(now::minutes_between(at, s.talks()[live].end), 60);
    assert_eq!(now::progress(&s.talks()[live], at), 2.0 / 3.0);
    assert_eq!(o.tracks[0].live, None, "In the Repeated Hour ended at 02:45 CEST, an hour ago");

    let at = parse_at("2022-10-30 09:30", s.conference.tz).unwrap();
    assert_eq!(at.to_rfc3339(), "2022-10-30T08:30:00+00:00");
    let o = now::overview(&s, &[i("sun-morning"), i("sun-side")], at);
    assert_eq!(o.mine.live, Some(i("sun-morning")));
    assert_eq!(now::minutes_between(at, s.talks()[i("sun-morning")].end), 30);
}

fn cli(dir: &TempDir, tz: &str, args: &[&str]) -> String {
    let path = dir.path().join("dst.json");
    std::fs::write(&path, SCHEDULE).unwrap();
    let out = common::hallway_in(dir.path()).env("TZ", tz).arg("--schedule").arg(&path).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn cli_prints_offsets_and_the_users_own_zone() {
    let d = TempDir::new().unwrap();
    let talks: serde_json::Value = serde_json::from_str(&cli(&d, "UTC", &["talks", "--json"])).unwrap();
    let starts: Vec<&str> = talks.as_array().unwrap().iter().map(|t| t["start"].as_str().unwrap()).collect();
    assert_eq!(
        starts,
        [
            "2022-10-29T09:00:00+02:00",
            "2022-10-30T01:30:00+02:00",
            "2022-10-30T02:15:00+02:00",
            "2022-10-30T09:00:00+01:00",
            "2022-10-30T09:30:00+01:00"
        ]
    );
    // New York leaves summer time a week later: 6 hours behind on Saturday, 5 on Sunday.
    let sat = cli(&d, "America/New_York", &["now", "--at", "2022-10-29 09:30"]);
    assert!(sat.contains("Sat 29 Oct 2022 09:30 CEST"), "{sat}");
    assert!(sat.contains("your time: Sat 03:30 EDT"), "{sat}");
    let sun = cli(&d, "America/New_York", &["now", "--at", "2022-10-30 09:30"]);
    assert!(sun.contains("Sun 30 Oct 2022 09:30 CET"), "{sun}");
    assert!(sun.contains("your time: Sun 04:30 EDT"), "{sun}");
    assert!(sun.contains("live  Sunday Morning  (50% · 30 min left, until 10:00)"), "{sun}");
    let json: serde_json::Value =
        serde_json::from_str(&cli(&d, "UTC", &["now", "--at", "2022-10-30 09:30", "--json"])).unwrap();
    assert_eq!(json["at"], "2022-10-30T09:30:00+01:00");
    assert_eq!(json["tracks"][0]["live"]["minutes_left"], 30);
}

#[test]
fn the_tui_shows_the_printed_times_and_the_users_zone() {
    let s = schedule();
    let now = parse_at("2022-10-30 09:30", s.conference.tz).unwrap();
    let mut agenda = Agenda::new(&s.conference.id);
    agenda.set(&s, s.talk("sun-morning").unwrap(), MarkKind::Attend, now);
    let mut app = App::new(s, agenda, hallway::tui::app::Options::at(now, Some("America/New_York".parse().unwrap())));
    app.update(Action::Open);
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| views::draw(f, &app)).unwrap();
    let screen = format!("{:?}", t.backend().buffer());
    assert!(screen.contains("Sun 30 Oct 09:00-10:00 CET"), "{screen}");
    assert!(screen.contains("your time 04:00-05:00 EDT"), "{screen}");
    app.update(Action::Back);
    app.update(Action::ShowNow);
    t.draw(|f| views::draw(f, &app)).unwrap();
    let screen = format!("{:?}", t.backend().buffer());
    assert!(screen.contains("Sun 30 Oct 09:30 CET"), "{screen}");
    assert!(screen.contains("your time 04:30 EDT"), "{screen}");
    assert!(screen.contains("30 min left · 09:00-10:00"), "{screen}");
}
