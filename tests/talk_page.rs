//! Issue 16: each talk's own page on the conference site is read from every format that has
//! one, shown in details, copied (`Y`) and opened (`b`), and leaves in the exports.

mod common;

use common::{fixture, press, screen};
use hallway::agenda::{Agenda, MarkKind};
use hallway::export::{self, Format};
use hallway::schedule::{self, import::Options};
use hallway::tui::app::App;
use hallway::tui::effect::Effect;

const OPENING: &str = "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4";
const PAGE: &str = "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html";

fn camp() -> schedule::Schedule {
    schedule::load_path_with(&fixture("frab-camp2019.json"), Options::default()).unwrap()
}

#[test]
fn the_page_is_read_from_frab_json_pentabarf_xml_and_hallway_json() {
    let s = camp();
    assert_eq!(s.talk(OPENING).unwrap().url.as_deref(), Some(PAGE));
    assert!(s.talks().iter().all(|t| t.url.as_deref().is_some_and(|u| u.starts_with("https://fahrplan."))));
    let xml = "<schedule><conference><title>C</title><time_zone_name>Europe/Berlin</time_zone_name></conference>\n<day date=\"2019-12-27\"><room name=\"Ada\">\n<event guid=\"g\"><start>10:00</start><duration>00:30</duration><title>T</title><url>https://fahrplan.example/events/1.html</url></event>\n<event guid=\"h\"><start>11:00</start><duration>00:30</duration><title>U</title><url>javascript:alert(1)</url></event></room></day></schedule>";
    let s = schedule::parse_bytes(xml.as_bytes(), "c.xml").unwrap();
    assert_eq!(s.talk("g").unwrap().url.as_deref(), Some("https://fahrplan.example/events/1.html"));
    assert_eq!(s.talk("h").unwrap().url, None, "only http(s) addresses are kept");
    // hallway's own format keeps it through an import.
    let native = schedule::native::to_value(&camp(), "test").to_string();
    let again = schedule::parse_bytes(native.as_bytes(), "camp.json").unwrap();
    assert_eq!(again.talk(OPENING).unwrap().url.as_deref(), Some(PAGE));
}

#[test]
fn details_show_the_page_y_copies_it_and_b_opens_it() {
    let s = camp();
    let i = s.index_of(OPENING).unwrap();
    let now = s.talks()[i].start;
    let mut app = App::new(s, Agenda::new("camp2019"), hallway::tui::app::Options::at(now, None));
    app.select(i);
    assert_eq!(press(&mut app, "b"), [Effect::Open(PAGE.into())]);
    // Y copies, and shows the address whole in details (a terminal may ignore the copy).
    assert_eq!(press(&mut app, "Y"), [Effect::Copy(PAGE.into())]);
    assert_eq!(app.modal_name(), Some("details"));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains(&format!("Page   {PAGE}")), "{shown}");
    // From details too.
    assert_eq!(press(&mut app, "b"), [Effect::Open(PAGE.into())]);
    // A talk with no page says so and does nothing.
    let mut bundled = common::app();
    assert!(press(&mut bundled, "b").is_empty());
}

#[test]
fn the_page_is_the_calendar_url_and_the_markdown_link() {
    let s = camp();
    let t = s.talk(OPENING).unwrap().clone();
    let mut a = Agenda::new(&s.conference.id);
    a.set(&s, &t, MarkKind::Attend, t.start);
    let ics = export::render(Format::Ics, &s, &a, t.start, export::Options { on_demand: true });
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains(&format!("URL:{PAGE}")), "{unfolded}");
    let md = export::render(Format::Md, &s, &a, t.start, export::Options { on_demand: true });
    assert!(md.contains(&format!("**[Opening Ceremony](<{PAGE}>)**")), "{md}");
    let json = export::render(Format::Json, &s, &a, t.start, export::Options { on_demand: true });
    assert!(json.contains(PAGE), "{json}");
}

#[test]
fn the_details_border_lists_the_page_keys_as_remapped() {
    let s = schedule::load_path(&fixture("frab-camp2019.json")).unwrap();
    let i = s.talks().iter().position(|t| t.url.is_some()).unwrap();
    let mut app = App::new(s, Agenda::new("camp2019"), hallway::tui::app::Options::at(chrono::Utc::now(), None));
    app.modal = Some(hallway::tui::modal::Modal::Details { talk: i, scroll: 0 });
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Esc close · s star · o later · b page"), "{shown}");
    let mut keys = std::collections::BTreeMap::new();
    keys.insert("open_page".to_string(), hallway::config::KeySpec::One("B".into()));
    app.keymap = hallway::tui::keys::Keymap::with(&keys).unwrap();
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("o later · B page"), "{shown}");
}
