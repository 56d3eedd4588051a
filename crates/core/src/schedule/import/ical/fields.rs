//! What a `VEVENT` and the `VCALENDAR` say, gathered as their property lines come.

use super::values::{Prop, list_of, text_of};
use icalendar::parser::Property;

/// Categories or speakers kept of one event: a talk has a few, and a crafted line of a million
/// commas would otherwise hold a string for each.
const MAX_ITEMS: usize = 32;

/// The properties read from a `VEVENT` and from the `VCALENDAR`: any other line is skipped
/// unread (alarms, time zone rules, attachments).
pub(super) const EVENT_KEYS: [&str; 14] = [
    "UID",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "URL",
    "DTSTART",
    "DTEND",
    "DURATION",
    "CATEGORIES",
    "X-SPEAKER",
    "X-SPEAKERS",
    "STATUS",
    "RRULE",
    "RDATE",
];
pub(super) const CALENDAR_KEYS: [&str; 4] = ["X-WR-CALNAME", "NAME", "X-WR-TIMEZONE", "URL"];

/// What the `VCALENDAR` says of itself.
#[derive(Default)]
pub(super) struct Header {
    pub(super) name: Option<String>,
    /// RFC 7986's `NAME`, which few feeds write yet.
    pub(super) plain_name: Option<String>,
    pub(super) zone: Option<(String, usize)>,
    pub(super) url: Option<String>,
}

impl Header {
    pub(super) fn take(&mut self, key: &str, p: &Property<'_>, at: usize) {
        match key {
            "X-WR-CALNAME" => once(&mut self.name, || text_of(p)),
            "NAME" => once(&mut self.plain_name, || text_of(p)),
            "X-WR-TIMEZONE" => once(&mut self.zone, || (text_of(p).trim().to_string(), at)),
            "URL" => once(&mut self.url, || p.val.as_str().trim().to_string()),
            _ => {}
        }
    }
}

/// What one `VEVENT` says, as its lines come (the first of a property given twice is kept).
#[derive(Default)]
pub(super) struct Fields {
    /// Where its `BEGIN:VEVENT` is.
    pub(super) at: usize,
    pub(super) uid: Option<String>,
    pub(super) summary: Option<String>,
    pub(super) location: Option<String>,
    pub(super) description: Option<String>,
    pub(super) url: Option<String>,
    pub(super) start: Option<Prop>,
    pub(super) end: Option<Prop>,
    pub(super) duration: Option<Prop>,
    pub(super) categories: Vec<String>,
    pub(super) speakers: Vec<String>,
    pub(super) cancelled: bool,
    pub(super) repeats: bool,
}

impl Fields {
    pub(super) fn take(&mut self, key: &str, p: &Property<'_>, at: usize) {
        match key {
            "UID" => once(&mut self.uid, || text_of(p)),
            "SUMMARY" => once(&mut self.summary, || text_of(p)),
            "LOCATION" => once(&mut self.location, || text_of(p)),
            "DESCRIPTION" => once(&mut self.description, || text_of(p)),
            // An address is not TEXT: nothing in it is escaped.
            "URL" => once(&mut self.url, || p.val.as_str().trim().to_string()),
            "DTSTART" => once(&mut self.start, || Prop::of(p, at)),
            "DTEND" => once(&mut self.end, || Prop::of(p, at)),
            "DURATION" => once(&mut self.duration, || Prop::of(p, at)),
            "CATEGORIES" => {
                let room = MAX_ITEMS.saturating_sub(self.categories.len());
                self.categories.extend(list_of(p, room));
            }
            "X-SPEAKER" | "X-SPEAKERS" => {
                let room = MAX_ITEMS.saturating_sub(self.speakers.len());
                self.speakers.extend(list_of(p, room));
            }
            "STATUS" => self.cancelled |= text_of(p).trim().eq_ignore_ascii_case("CANCELLED"),
            "RRULE" | "RDATE" => self.repeats = true,
            _ => {}
        }
    }
}

fn once<T>(slot: &mut Option<T>, value: impl FnOnce() -> T) {
    if slot.is_none() {
        *slot = Some(value());
    }
}
