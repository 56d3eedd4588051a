//! A schedule opened from a URL is asked for again while the planner runs. A newer copy is
//! taken without losing the user's place; what it changed for them is said at once (a starred
//! talk of the next two hours is also notified), and a recording published for a talk saved
//! for later is said and marked. Offline, the copy shown stays. A schedule opened from a file
//! is taken again the same way when the file is rewritten.

mod common;

use common::http::serve;
use common::{key, press, screen};
use crossterm::event::KeyCode;
use hallway::agenda::{Agenda, MarkKind, changes};
use hallway::clock::parse_at;
use hallway::fetch::Fetcher;
use hallway::schedule::{self, Schedule};
use hallway::tui::app::{App, View};
use hallway::tui::effect::Effect;
use hallway::tui::modal::Modal;
use hallway::tui::refresh::{Refresher, Source};
use hallway::tui::status::Level;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const V1: &str = r#"{"conference": {"id": "live", "name": "Live Conf", "timezone": "Europe/Brussels", "tracks": ["A", "B"]},
 "talks": [
  {"id": "keep", "title": "Keeps its slot", "speakers": ["Ann"], "track": "A", "start": "2024-05-02T10:00", "duration": 45},
  {"id": "soon", "title": "Starred and soon", "speakers": ["Bo"], "track": "A", "start": "2024-05-02T11:00", "duration": 30},
  {"id": "later", "title": "Saved for later", "speakers": ["Cy"], "track": "B", "start": "2024-05-02T10:00", "duration": 30},
  {"id": "other", "title": "Someone else's", "speakers": ["Di"], "track": "B", "start": "2024-05-02T12:00", "duration": 30}
 ]}"#;

/// "soon" moves to room B half an hour later, "later" gets its video, "other" is dropped, and a
/// talk comes before all of them (every position shifts).
const V2: &str = r#"{"conference": {"id": "live", "name": "Live Conf", "timezone": "Europe/Brussels", "tracks": ["A", "B"]},
 "talks": [
  {"id": "added", "title": "A new opening", "speakers": ["Ed"], "track": "B", "start": "2024-05-02T09:00", "duration": 30},
  {"id": "keep", "title": "Keeps its slot", "speakers": ["Ann"], "track": "A", "start": "2024-05-02T10:00", "duration": 45},
  {"id": "soon", "title": "Starred and soon", "speakers": ["Bo"], "track": "B", "start": "2024-05-02T11:30", "duration": 30},
  {"id": "later", "title": "Saved for later", "speakers": ["Cy"], "track": "B", "start": "2024-05-02T10:00", "duration": 30,
   "video": "https://video.example/later.mp4"}
 ]}"#;

fn from_url(fetcher: Fetcher, url: &str) -> Source {
    Source::Url { fetcher, url: url.to_string() }
}

fn parse(json: &str) -> Schedule {
    schedule::parse_bytes(json.as_bytes(), "live.json").unwrap()
}

/// The planner on V1 at 10:15, "keep" and "soon" starred, "later" saved for later.
fn planner(v1: Schedule) -> App {
    let now = parse_at("2024-05-02 10:15", v1.conference.tz).unwrap();
    let mut agenda = Agenda::new("live");
    for (id, kind) in [("keep", MarkKind::Attend), ("soon", MarkKind::Attend), ("later", MarkKind::OnDemand)] {
        agenda.set(&v1, v1.talk(id).unwrap(), kind, now);
    }
    let mut app = App::new(v1, agenda, hallway::tui::app::Options::at(now, Some("Europe/Brussels".parse().unwrap())));
    app.session.time_travel = true;
    app
}

fn id(app: &App, index: usize) -> &str {
    &app.session.schedule.talks()[index].id
}

fn index(app: &App, id: &str) -> usize {
    app.session.schedule.index_of(id).unwrap()
}

#[test]
fn a_newer_copy_keeps_the_place_and_says_what_changed_for_me() {
    let mut app = planner(parse(V1));
    app.select(index(&app, "keep"));
    app.modal = Some(Modal::Details { talk: index(&app, "later"), scroll: 0 });

    let effects = app.offer_schedule(parse(V2));

    assert!(app.session.schedule.talk("added").is_some(), "the new copy is shown");
    assert_eq!(id(&app, app.schedule_view.current(&app.session).unwrap()), "keep", "the selection follows its talk");
    match app.modal {
        Some(Modal::Details { talk, .. }) => assert_eq!(id(&app, talk), "later", "details stay on their talk"),
        _ => panic!("details closed"),
    }
    let status = app.status.text().unwrap();
    assert!(
        status.contains("\"Starred and soon\" moved from Thu 11:00-11:30 to Thu 11:30-12:00; now in B (was A)"),
        "{status}"
    );
    assert!(status.contains("🎬 1 talk you saved for later now has a video"), "{status}");
    assert_eq!(app.status.level(), Some(Level::Notice), "what changed for me stays until Esc");
    assert_eq!(
        effects,
        vec![
            Effect::Save,
            Effect::Notify(vec![
            "Starred talk changed: \"Starred and soon\" moved from Thu 11:00-11:30 to Thu 11:30-12:00; now in B (was A)"
                .into()
        ])
        ],
        "the video is said once (saved), and a starred talk of the next two hours moved: a desktop notification"
    );
    // The agenda's changes section has it, the On-demand view marks the video new.
    let changed = changes::detect(&app.session.schedule, &app.session.agenda);
    assert_eq!(changed.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["soon"]);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    app.view = View::OnDemand;
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("🎬 new"), "{shown}");
    assert!(shown.contains("https://video.example/later.mp4"), "{shown}");
    app.view = View::Agenda;
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("moved from Thu 11:00-11:30 to Thu 11:30-12:00"), "{shown}");

    // The same copy again says nothing new and notifies nothing.
    app.status.acknowledge();
    assert!(app.offer_schedule(parse(V2)).is_empty());
    assert_eq!(app.status.text(), None);
}

#[test]
fn a_copy_that_arrives_while_a_search_is_open_waits_for_it_to_close() {
    let mut app = planner(parse(V1));
    press(&mut app, "/");
    press(&mut app, "sta");
    assert!(app.offer_schedule(parse(V2)).is_empty());
    assert!(app.session.schedule.talk("added").is_none(), "positions in the open search stay valid");
    assert_eq!(app.modal_name(), Some("finder"));
    key(&mut app, KeyCode::Esc);
    let effects = app.take_incoming();
    assert!(app.session.schedule.talk("added").is_some());
    assert_eq!(effects.len(), 2, "{effects:?}");
}

#[test]
fn a_later_talk_or_a_change_to_someone_elses_talk_notifies_nothing() {
    let mut app = planner(parse(V1));
    // At 14:00 "soon" is over: its move is said, not notified.
    app.session.now = parse_at("2024-05-02 14:00", app.session.schedule.conference.tz).unwrap();
    let effects = app.offer_schedule(parse(V2));
    assert_eq!(effects, [Effect::Save], "the video said is saved; nothing notified");
    let mut quiet = planner(parse(V1));
    quiet.session.agenda = Agenda::new("live");
    assert!(quiet.offer_schedule(parse(V2)).is_empty());
    assert_eq!(
        quiet.status.text().as_deref(),
        Some("↻ schedule updated: 1 talk moved, 1 new talk, 1 talk removed, none of yours")
    );
    assert_eq!(quiet.status.level(), Some(Level::Info), "news about other talks fades");
}

/// The server's answer: 0 V1 with ETag "1", 1 V2 with ETag "2", 2 a server error. An ETag sent
/// back that matches gets a 304.
fn changing_server(state: Arc<AtomicU8>) -> common::http::Server {
    serve(move |head| {
        let head = head.to_lowercase();
        let (etag, body) = match state.load(Ordering::SeqCst) {
            0 => ("\"1\"", V1),
            1 => ("\"2\"", V2),
            _ => return (503, vec![], b"down for maintenance".to_vec(), Duration::ZERO),
        };
        if head.contains(&format!("if-none-match: {etag}")) {
            return (304, vec![], vec![], Duration::ZERO);
        }
        (200, vec![("ETag", etag.to_string())], body.as_bytes().to_vec(), Duration::ZERO)
    })
}

fn fetcher(cache: &TempDir) -> Fetcher {
    Fetcher {
        cache_dir: cache.path().to_path_buf(),
        timeout: Duration::from_secs(2),
        compiled: None,
        fresh_for: Duration::ZERO,
    }
}

/// Deliver what the refresher found until `done`, for at most ten seconds.
fn deliver_until(r: &mut Refresher, app: &mut App, done: impl Fn(&App) -> bool) -> Vec<Effect> {
    let started = Instant::now();
    let mut effects = Vec::new();
    while !done(app) {
        assert!(started.elapsed() < Duration::from_secs(10), "nothing came: {:?}", app.status.text());
        effects.extend(r.deliver(app).1);
        std::thread::sleep(Duration::from_millis(10));
    }
    effects
}

#[test]
fn a_local_server_serves_one_version_then_another_and_the_running_planner_notices() {
    let cache = TempDir::new().unwrap();
    let state = Arc::new(AtomicU8::new(0));
    let server = changing_server(state.clone());
    let opts = schedule::import::Options::default();
    let whole = schedule::compiled::Plan { whole: true, abstracts: true, ..Default::default() };
    let v1 = fetcher(&cache).schedule(&server.url, opts).unwrap().load(&whole).unwrap();
    let mut app = planner(v1);
    let mut refresher =
        Refresher::start(from_url(fetcher(&cache), &server.url), opts, Some(Duration::from_millis(30)), "live".into())
            .unwrap();

    // Unchanged: re-validated with the ETag, nothing said.
    let seen = || server.seen.lock().unwrap().clone();
    let started = Instant::now();
    while seen().len() < 4 {
        assert!(started.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(10));
    }
    let (shown, effects) = refresher.deliver(&mut app);
    assert!(!shown && effects.is_empty() && app.status.text().is_none());
    assert!(seen()[1..].iter().all(|h| h.to_lowercase().contains("if-none-match: \"1\"")), "{:?}", seen());

    // The organisers publish a new version.
    state.store(1, Ordering::SeqCst);
    let effects = deliver_until(&mut refresher, &mut app, |a| a.session.schedule.talk("added").is_some());
    assert!(
        matches!(effects.as_slice(), [Effect::Save, Effect::Notify(lines)] if lines[0].contains("\"Starred and soon\" moved"))
    );
    let status = app.status.text().unwrap();
    assert!(status.contains("moved from Thu 11:00-11:30 to Thu 11:30-12:00"), "{status}");
    assert!(status.contains("🎬 1 talk you saved for later now has a video"), "{status}");
    assert_eq!(app.session.agenda.recordings_published(&app.session.schedule), vec![index(&app, "later")]);
    assert!(app.session.agenda.untold_videos(&app.session.schedule).is_empty(), "said: not again at the next start");
    // The new copy is kept: the next start offline shows it.
    let kept = std::fs::read_dir(cache.path())
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "body"));
    assert_eq!(std::fs::read_to_string(kept.unwrap().path()).unwrap(), V2);

    // The server goes down: said once, the copy shown stays.
    app.status.acknowledge();
    state.store(2, Ordering::SeqCst);
    deliver_until(&mut refresher, &mut app, |a| a.status.text().is_some());
    let status = app.status.text().unwrap();
    assert_eq!(status, "↻ could not check for a newer schedule (the server answered 503); keeping the one shown");
    app.status.acknowledge();
    let before = seen().len();
    let started = Instant::now();
    while seen().len() < before + 3 {
        assert!(started.elapsed() < Duration::from_secs(10), "the checks stopped");
        std::thread::sleep(Duration::from_millis(10));
    }
    refresher.deliver(&mut app);
    assert_eq!(app.status.text(), None, "not said again at every check");
    assert!(app.session.schedule.talk("added").is_some());
}

#[test]
fn r_asks_now_and_always_answers() {
    // `R` pressed again within ASK_AGAIN asks nothing: presses are timed on this clock, not by sleeping.
    let mut clock = Instant::now();
    let mut app = planner(parse(V1));
    assert!(press(&mut app, "R").is_empty());
    assert!(app.status.text().unwrap().contains("bundled with hallway"), "{:?}", app.status.text());
    app.refreshes = true;
    assert_eq!(press(&mut app, "R"), vec![Effect::Refresh]);

    let cache = TempDir::new().unwrap();
    let state = Arc::new(AtomicU8::new(0));
    let server = changing_server(state.clone());
    let opts = schedule::import::Options::default();
    fetcher(&cache).schedule(&server.url, opts).unwrap();
    // No timer, and the copy was downloaded a moment ago (not asked again at start): only `R`
    // asks.
    let mut refresher = Refresher::start(from_url(fetcher(&cache), &server.url), opts, None, "live".into()).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(refresher.deliver(&mut app), (false, vec![]));
    assert_eq!(server.seen.lock().unwrap().len(), 1, "confirmed a moment ago: not asked at start");
    app.status.acknowledge();
    // Five presses in a row ask once.
    for _ in 0..5 {
        assert_eq!(refresher.ask_at(clock), None, "the answer is on its way");
        std::thread::sleep(Duration::from_millis(50));
    }
    deliver_until(&mut refresher, &mut app, |a| a.status.text().is_some());
    assert_eq!(app.status.text().as_deref(), Some("↻ the schedule shown is the newest"));
    assert_eq!(server.seen.lock().unwrap().len(), 2, "one download, one check for R");
    // Pressed again a moment after the answer: that answer is said again, nothing is sent.
    assert_eq!(refresher.ask_at(clock).as_deref(), Some("↻ the schedule shown is the newest"));
    assert_eq!(server.seen.lock().unwrap().len(), 2);

    // Down: said at every R (asked a while apart), not only the first time.
    state.store(2, Ordering::SeqCst);
    for _ in 0..2 {
        clock += hallway::tui::refresh::ASK_AGAIN;
        app.status.acknowledge();
        refresher.ask_at(clock);
        deliver_until(&mut refresher, &mut app, |a| a.status.text().is_some());
        assert!(app.status.text().unwrap().contains("the server answered 503"), "{:?}", app.status.text());
    }
    // While it lasts, the header says so, after the status line's words have gone.
    app.status.acknowledge();
    let header = |app: &App| screen(app, 100, 24).lines().next().unwrap().to_string();
    assert!(header(&app).contains("↻ offline (R retries)"), "{}", header(&app));
    state.store(0, Ordering::SeqCst);
    clock += hallway::tui::refresh::ASK_AGAIN;
    refresher.ask_at(clock);
    deliver_until(&mut refresher, &mut app, |a| a.status.text().is_some());
    assert!(!header(&app).contains("offline"), "back: {}", header(&app));
}

#[test]
fn each_list_keeps_its_entry_and_a_dropped_selection_goes_to_its_room() {
    let mut app = planner(parse(V1));
    // Agenda: the cursor on "soon" in its day, not in the changes (where it will be listed too).
    app.view = View::Agenda;
    let items = app.session.agenda_items().to_vec();
    let soon = hallway::tui::session::Item::Talk(index(&app, "soon"));
    app.agenda_view.go_to(&items, &soon);
    let later = index(&app, "later");
    app.on_demand_view.go_to(app.session.on_demand(), &later);
    let now = app.session.now_talks(false);
    app.now_view.list.go_to(&now, &index(&app, "later"));
    // The schedule's selection on "other", which V2 drops.
    app.select(index(&app, "other"));

    app.offer_schedule(parse(V2));

    let s = &app.session;
    let at = app.agenda_view.position(s.agenda_items());
    assert_eq!(s.agenda_items()[at], hallway::tui::session::Item::Talk(index(&app, "soon")));
    assert!(at > 1, "still in its day, below the changes: {at} in {:?}", s.agenda_items());
    assert_eq!(id(&app, *app.on_demand_view.current(s.on_demand()).unwrap()), "later");
    assert_eq!(id(&app, *app.now_view.list.current(&s.now_talks(false)).unwrap()), "later");
    let selected = app.schedule_view.current(s).unwrap();
    assert_eq!(id(&app, selected), "soon", "the talk nearest 12:00 in room B: soon, moved there at 11:30");
}

#[test]
fn details_of_a_dropped_talk_close_and_say_why() {
    // Nothing marked: the one line that fades says it.
    let mut app = planner(parse(V1));
    app.session.agenda = Agenda::new("live");
    app.modal = Some(Modal::Details { talk: index(&app, "other"), scroll: 0 });
    app.offer_schedule(parse(V2));
    assert_eq!(app.modal_name(), None);
    assert_eq!(
        app.status.text().unwrap(),
        "↻ schedule updated: 1 talk moved, 1 new talk, 1 talk removed, none of yours · \"Someone else's\", the talk you were on, is no longer in the schedule"
    );
    // With news of my own talks: said beside it. The selection, not in details, is said too.
    let mut app = planner(parse(V1));
    app.select(index(&app, "other"));
    app.offer_schedule(parse(V2));
    let status = app.status.text().unwrap();
    // The fresh line first: cut at the footer's end, the news that stays is what gives way.
    assert!(
        status.starts_with("\"Someone else's\", the talk you were on, is no longer in the schedule · "),
        "{status}"
    );
    assert!(status.contains("↻ schedule updated: ⟳"), "{status}");
    // A later copy that changes only other people's talks adds no count beside unread news.
    app.status.key_pressed();
    let before = app.status.text();
    let mut later = parse(V2).talks().to_vec();
    later[0].title = "A new opening, renamed".into();
    app.offer_schedule(Schedule::new(parse(V2).conference.clone(), later));
    assert_eq!(app.status.text(), before);
}

#[test]
fn another_hallway_updating_the_kept_copy_does_not_hide_the_newer_version() {
    // `R` pressed again within ASK_AGAIN asks nothing: presses are timed on this clock, not by sleeping.
    let clock = Instant::now();
    // `hallway next` in a status bar downloads V2 first and keeps it; the running planner, still
    // showing V1, must be sent V1's ETag (and so get V2), not the kept copy's.
    let cache = TempDir::new().unwrap();
    let state = Arc::new(AtomicU8::new(0));
    let server = changing_server(state.clone());
    let opts = schedule::import::Options::default();
    fetcher(&cache).schedule(&server.url, opts).unwrap();
    let mut app = planner(parse(V1));
    let mut refresher = Refresher::start(from_url(fetcher(&cache), &server.url), opts, None, "live".into()).unwrap();
    state.store(1, Ordering::SeqCst);
    fetcher(&cache).schedule(&server.url, opts).unwrap();
    refresher.ask_at(clock);
    deliver_until(&mut refresher, &mut app, |a| a.session.schedule.talk("added").is_some());
}

#[test]
fn a_cache_that_cannot_be_written_still_revalidates_and_an_empty_copy_is_refused() {
    // `R` pressed again within ASK_AGAIN asks nothing: presses are timed on this clock, not by sleeping.
    let mut clock = Instant::now();
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let unwritable = || Fetcher {
        cache_dir: file.join("cache"),
        timeout: Duration::from_secs(2),
        compiled: None,
        fresh_for: Duration::ZERO,
    };
    let state = Arc::new(AtomicU8::new(0));
    let server = changing_server(state.clone());
    let opts = schedule::import::Options::default();
    let mut app = planner(parse(V1));
    let mut refresher = Refresher::start(from_url(unwritable(), &server.url), opts, None, "live".into()).unwrap();
    // No copy kept: the first answer (asked at start) is taken, the same talks, nothing said;
    // then every `R` re-validates it.
    let started = Instant::now();
    while server.seen.lock().unwrap().is_empty() {
        assert!(started.elapsed() < Duration::from_secs(10), "not asked at start");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(200));
    refresher.deliver(&mut app);
    assert_eq!(app.status.text(), None);
    for n in 0..3 {
        if n > 0 {
            // R asks again only after a pause.
            clock += hallway::tui::refresh::ASK_AGAIN;
        }
        app.status.acknowledge();
        refresher.ask_at(clock);
        deliver_until(&mut refresher, &mut app, |a| a.status.text().is_some());
    }
    let heads = server.seen.lock().unwrap().clone();
    assert_eq!(heads.len(), 4);
    assert!(heads[1..].iter().all(|h| h.to_lowercase().contains("if-none-match: \"1\"")), "{heads:?}");
    assert_eq!(app.status.text().as_deref(), Some("↻ the schedule shown is the newest"));

    let cache = TempDir::new().unwrap();
    let empty = serve(|_| {
        let body = r#"{"conference": {"id": "live", "name": "Live Conf", "timezone": "Europe/Brussels", "tracks": ["A"]}, "talks": []}"#;
        (200, vec![], body.as_bytes().to_vec(), Duration::ZERO)
    });
    let mut refresher = Refresher::start(from_url(fetcher(&cache), &empty.url), opts, None, "live".into()).unwrap();
    app.status.acknowledge();
    refresher.ask_at(clock);
    deliver_until(&mut refresher, &mut app, |a| a.status.text().is_some());
    assert!(app.status.text().unwrap().contains("the server's newer copy lists no talks"), "{:?}", app.status.text());
    assert!(app.session.schedule.talk("soon").is_some(), "the copy shown stays");
    assert_eq!(std::fs::read_dir(cache.path()).map_or(0, |d| d.count()), 0, "and the refused one is not kept");
}

#[test]
fn a_refused_copy_is_said_by_its_line_and_not_downloaded_again() {
    let bad = r#"{"conference": {"id": "live", "name": "Live Conf", "timezone": "Europe/Brussels", "tracks": ["A"]},
 "talks": [{"id": "x", "title": "X", "track": "A", "start": "2024-05-02T25:99", "duration": 30}]}"#;
    let server = serve(move |head| {
        if head.to_lowercase().contains("if-none-match: \"bad\"") {
            return (304, vec![], vec![], Duration::ZERO);
        }
        (200, vec![("ETag", "\"bad\"".to_string())], bad.as_bytes().to_vec(), Duration::ZERO)
    });
    let cache = TempDir::new().unwrap();
    let opts = schedule::import::Options::default();
    let mut app = planner(parse(V1));
    let mut refresher =
        Refresher::start(from_url(fetcher(&cache), &server.url), opts, Some(Duration::from_millis(30)), "live".into())
            .unwrap();
    deliver_until(&mut refresher, &mut app, |a| a.status.text().is_some());
    let status = app.status.text().unwrap();
    assert!(
        status.starts_with("↻ a newer schedule was not taken: the server's newer copy is not valid: line 2:"),
        "{status}"
    );
    let started = Instant::now();
    while server.seen.lock().unwrap().len() < 4 {
        assert!(started.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(10));
    }
    let heads = server.seen.lock().unwrap().clone();
    assert!(heads[1..].iter().all(|h| h.to_lowercase().contains("if-none-match: \"bad\"")), "{heads:?}");
    app.status.acknowledge();
    refresher.deliver(&mut app);
    assert_eq!(app.status.text(), None, "said once");
}

#[test]
fn a_schedule_file_rewritten_while_the_planner_runs_is_taken_like_a_download() {
    // `R` pressed again within ASK_AGAIN asks nothing: presses are timed on this clock, not by sleeping.
    let mut clock = Instant::now();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("live.json");
    std::fs::write(&path, V1).unwrap();
    let mut app = planner(parse(V1));
    let opts = schedule::import::Options::default();
    let source = Source::File(hallway::watch::FileWatch::new(path.clone()));
    let mut refresher = Refresher::start(source, opts, Some(Duration::from_millis(30)), "live".into()).unwrap();

    // Replaced as a cron job or `mv` would: the planner takes it once it has settled.
    let next = dir.path().join("live.json.new");
    std::fs::write(&next, V2).unwrap();
    std::fs::rename(&next, &path).unwrap();
    let effects = deliver_until(&mut refresher, &mut app, |a| a.session.schedule.talk("added").is_some());
    assert!(matches!(effects.as_slice(), [Effect::Save, Effect::Notify(_)]), "{effects:?}");
    let status = app.status.text().unwrap();
    assert!(status.contains("\"Starred and soon\" moved from Thu 11:00-11:30 to Thu 11:30-12:00"), "{status}");
    assert!(status.contains("🎬 1 talk you saved for later now has a video"), "{status}");
    app.status.acknowledge();

    // Cut short by a writer: said once, the version shown stays, not parsed again. Put in place
    // whole (a write that truncates first could be looked at, empty, between its two steps on a
    // loaded machine, and the cut version then be news of its own).
    std::fs::write(&next, &V2[..V2.len() / 2]).unwrap();
    std::fs::rename(&next, &path).unwrap();
    deliver_until(&mut refresher, &mut app, |a| a.status.text().is_some());
    let status = app.status.text().unwrap();
    assert!(
        status.starts_with("↻ a newer schedule was not taken: the file as it is now is not valid: line "),
        "{status}"
    );
    app.status.acknowledge();
    std::thread::sleep(Duration::from_millis(200));
    refresher.deliver(&mut app);
    assert_eq!(app.status.text(), None, "not said again until the file changes");
    assert!(app.session.schedule.talk("added").is_some());
    // `R` meanwhile: still not taken, not "the newest".
    refresher.ask_at(clock);
    deliver_until(&mut refresher, &mut app, |a| a.status.text().is_some());
    assert!(app.status.text().unwrap().contains("is not valid: line "), "{:?}", app.status.text());
    app.status.acknowledge();
    clock += hallway::tui::refresh::ASK_AGAIN;

    // `R` looks now and answers.
    std::fs::write(&path, V2).unwrap();
    std::thread::sleep(hallway::watch::SETTLE + Duration::from_millis(100));
    refresher.deliver(&mut app);
    app.status.acknowledge();
    refresher.ask_at(clock);
    deliver_until(&mut refresher, &mut app, |a| a.status.text().is_some());
    assert_eq!(app.status.text().unwrap(), "↻ the schedule shown is the newest");
}
