//! Entry points for the fuzz targets (fuzz/) and the mutation tests: feed bytes to one
//! format's reader and check what comes back.

use super::import::{self, Options};
use super::{Schedule, native};

const OPTS: Options = Options { zone: Some(chrono_tz::UTC), without_abstracts: false };

fn text(data: &[u8]) -> Option<&str> {
    // As the loader does: a UTF-8 BOM (Sessionize sends one) is not part of the document.
    std::str::from_utf8(data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)).ok()
}

/// The document's root as format detection reads it.
fn root(t: &str) -> Option<super::lazy_json::Object<'_>> {
    super::lazy_json::Object::only(super::lazy_json::root(t).ok()?, import::JSON_ROOT_KEYS)
}

pub fn native_json(data: &[u8]) {
    if let Some(t) = text(data) {
        check(native::parse(t, "fuzz.json").ok());
    }
}

pub fn frab_json(data: &[u8]) {
    if let Some(t) = text(data)
        && let Some(v) = root(t)
        && let Some(c) = import::frab_json::sniff(&v)
    {
        check(import::frab_json::read(&v, &c, t).finish(t, "fuzz.json", OPTS).ok());
    }
}

pub fn sessionize_json(data: &[u8]) {
    if let Some(t) = text(data)
        && let Some(v) = root(t)
        && let Some(sessions) = import::sessionize::sniff(&v)
    {
        check(import::sessionize::read(&v, sessions, t, "fuzz").finish(t, "fuzz.json", OPTS).ok());
    }
}

pub fn pentabarf_xml(data: &[u8]) {
    if let Some(t) = text(data) {
        check(import::pentabarf_xml::read(t).finish(t, "fuzz.xml", OPTS).ok());
    }
}

pub fn ical(data: &[u8]) {
    if let Some(t) = text(data) {
        check(import::ical::parse(t).finish(t, "fuzz.ics", OPTS).ok());
    }
}

/// Also through format detection, as `--schedule` does.
pub fn any(data: &[u8]) {
    check(super::parse_bytes_with(data, "fuzz", OPTS).ok());
}

/// What every loaded schedule promises the views.
fn check(s: Option<Schedule>) {
    let Some(s) = s else { return };
    let tracks = s.conference.rooms.len();
    let clean = |x: &str| !x.chars().any(|c| c.is_control() && c != '\n');
    assert!(clean(&s.conference.name) && s.conference.rooms.iter().all(|t| clean(t)));
    assert!(s.conference.remarks.iter().chain(&s.conference.notes).all(|r| !r.contains('\u{1b}')));
    for t in s.talks() {
        assert!(t.start < t.end, "{} ends before it starts", t.id);
        assert!(t.room < tracks, "{} has no track", t.id);
        assert!(clean(&t.title) && clean(&t.abstract_text) && t.speakers.iter().all(|x| clean(x)));
        assert!(!t.title.contains('\u{1b}') && !t.abstract_text.contains('\u{1b}'));
        let lines = t.track.iter().chain(&t.language).chain(t.links.iter().flat_map(|l| [&l.url, &l.title]));
        assert!(lines.into_iter().all(|x| clean(x)), "{} carries a control character", t.id);
        assert!(t.links.iter().all(|l| l.url.starts_with("http://") || l.url.starts_with("https://")));
    }
    assert!(s.talks().windows(2).all(|w| w[0].start <= w[1].start));
    let covered: usize = (0..s.day_count()).map(|d| s.day_range(d).len()).sum();
    assert_eq!(covered, s.talks().len());
}

/// Any bytes as a compiled schedule (see `compiled::fuzz`).
pub fn compiled(data: &[u8]) {
    super::compiled::fuzz::run(data);
}
