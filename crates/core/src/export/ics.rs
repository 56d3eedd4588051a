//! RFC 5545 through the `icalendar` crate (folding, CRLF and escaping are its job). Times are in
//! UTC, which every calendar converts to its own zone; UIDs are stable so importing a newer
//! export updates events instead of duplicating them.

use super::{Options, chosen};
use crate::agenda::{Agenda, MarkKind};
use crate::schedule::Schedule;
use crate::timefmt;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

/// Stable across exports and schedule updates: the talk's id within its conference.
pub fn uid(s: &Schedule, id: &str) -> String {
    format!("{id}@{}.hallway", s.conference.id)
}

pub fn render(s: &Schedule, a: &Agenda, now: DateTime<Utc>, opts: Options) -> String {
    let mut cal = Calendar::new();
    cal.name(&format!("{} — my agenda", s.conference.name));
    cal.timezone(s.conference.tz.name());
    let partners = crate::clash::partners(&a.clashes(s));
    for i in chosen(s, a, opts) {
        let t = &s.talks()[i];
        let mark = a.marks.get(&t.id);
        let later = mark.is_some_and(|m| m.mark == MarkKind::OnDemand);
        let mut desc = Vec::new();
        if later {
            desc.push("To watch on-demand (not attending).".to_string());
        }
        if !t.speakers.is_empty() {
            desc.push(format!("Speakers: {}", t.speakers.join(", ")));
        }
        desc.push(format!(
            "{} {} {} ({}), {}",
            timefmt::day_label(s.local(t.start).date_naive()),
            timefmt::range_on_its_date(s, t),
            timefmt::zone(&s.local(t.start)),
            s.conference.tz,
            s.room_name(t)
        ));
        // A handful of names say it; a talk against a whole programme says how many.
        let clashing = partners.get(&i).map(Vec::as_slice).unwrap_or_default();
        for &j in clashing.iter().take(3) {
            desc.push(format!("⚠ Clashes with {}", timefmt::talk_ref(s, &s.talks()[j])));
        }
        if clashing.len() > 3 {
            desc.push(format!("⚠ … and {} more of your talks at the same time", clashing.len() - 3));
        }
        if let Some(note) = mark.and_then(|m| m.note.as_deref()) {
            desc.push(format!("My note: {note}"));
        }
        if !t.abstract_text.is_empty() {
            desc.push(t.abstract_text.clone());
        }
        if let Some(v) = &t.video {
            desc.push(format!("Video: {v}"));
        }
        let summary = if later { format!("◷ {}", t.title) } else { t.title.clone() };
        let mut event = Event::new();
        event
            .uid(&uid(s, &t.id))
            .timestamp(now)
            .summary(&summary)
            .starts(t.start)
            .ends(t.end)
            .location(s.room_name(t))
            .description(&desc.join("\n\n"));
        // The talk's page is its URL; the video, when there is one, is in the description.
        if let Some(u) = t.url.as_ref().or(t.video.as_ref()) {
            event.url(u);
        }
        cal.push(event.done());
    }
    let mut text = cal.done().to_string();
    // The crate names itself as the producer; say who made the file.
    if let Some(start) = text.find("PRODID:") {
        let end = start + text[start..].find("\r\n").unwrap_or(0);
        text.replace_range(start..end, concat!("PRODID:-//hallway//hallway ", env!("CARGO_PKG_VERSION"), "//EN"));
    }
    text
}
