//! Property values: date-times, durations and the zones they are read in; TEXT unescaped, lists split.

use crate::clock::local_to_utc;
use crate::schedule::import::When;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::ValueType;
use icalendar::parser::Property;
use std::collections::HashSet;

/// A date-time property as written: where, its value, and the parameters that say how to read
/// it.
pub(super) struct Prop {
    pub(super) at: usize,
    pub(super) value: String,
    tzid: Option<String>,
    date_only: bool,
}

impl Prop {
    pub(super) fn of(p: &Property<'_>, at: usize) -> Self {
        let param = |name: &str| {
            p.params
                .iter()
                .find(|q| q.key.as_str().eq_ignore_ascii_case(name))
                .and_then(|q| q.val.as_ref())
                .map(|v| v.as_str().trim().to_string())
        };
        Prop {
            at,
            value: p.val.as_str().trim().to_string(),
            tzid: param("TZID").filter(|z| !z.is_empty()),
            date_only: param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")),
        }
    }
}

/// How an event's start or end is written: in UTC, in a named zone, or floating (a wall clock
/// in whatever zone the conference is in).
pub(super) enum Stamp {
    Utc(NaiveDateTime),
    Zoned(NaiveDateTime, String),
    Floating(NaiveDateTime),
}

impl Stamp {
    pub(super) fn naive(&self) -> NaiveDateTime {
        match self {
            Stamp::Utc(n) | Stamp::Zoned(n, _) | Stamp::Floating(n) => *n,
        }
    }
}

pub(super) enum Value {
    /// A whole day (`VALUE=DATE`, `20240115`).
    Date,
    At(Stamp),
}

/// `20240115T093000Z` (UTC), `20240115T093000` (in its TZID, or floating), `20240115` (a day).
pub(super) fn value_of(p: &Prop) -> Option<Value> {
    let v = p.value.as_str();
    if p.date_only || (v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit())) {
        return date(v).map(|_| Value::Date);
    }
    let (v, utc) = match v.strip_suffix(['Z', 'z']) {
        Some(v) => (v, true),
        None => (v, false),
    };
    let b = v.as_bytes();
    if b.len() != 15 || !matches!(b[8], b'T' | b't') || !b[..8].iter().chain(&b[9..]).all(u8::is_ascii_digit) {
        return None;
    }
    // All ASCII from here: every index is a character boundary.
    let time = NaiveTime::from_hms_opt(v[9..11].parse().ok()?, v[11..13].parse().ok()?, v[13..15].parse().ok()?)?;
    let at = date(&v[..8])?.and_time(time);
    Some(Value::At(if utc {
        Stamp::Utc(at)
    } else {
        match &p.tzid {
            Some(z) => Stamp::Zoned(at, z.clone()),
            None => Stamp::Floating(at),
        }
    }))
}

fn date(v: &str) -> Option<NaiveDate> {
    if v.len() != 8 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(v[..4].parse().ok()?, v[4..6].parse().ok()?, v[6..].parse().ok()?)
}

/// An RFC 5545 duration in seconds: `PT45M`, `PT1H30M`, `P1D`, `P1DT2H`, `P2W`, with an
/// optional sign. Anything else is None.
pub(super) fn duration_seconds(s: &str) -> Option<i64> {
    let s = s.trim();
    let (negative, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let b = rest.as_bytes();
    let (mut i, mut total, mut in_time, mut last, mut parts_after_t) = (0, 0i64, false, 0u8, 0);
    while i < b.len() {
        if matches!(b[i], b'T' | b't') {
            if in_time {
                return None;
            }
            in_time = true;
            i += 1;
            continue;
        }
        let digits = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        // Nine digits at most: no sum of them can overflow.
        if i == digits || i - digits > 9 || i == b.len() {
            return None;
        }
        let n: i64 = rest[digits..i].parse().ok()?;
        // Each unit once, in order; a week stands alone.
        let (rank, unit) = match (in_time, b[i].to_ascii_uppercase()) {
            (false, b'W') => (1u8, 604_800),
            (false, b'D') => (2, 86_400),
            (true, b'H') => (3, 3_600),
            (true, b'M') => (4, 60),
            (true, b'S') => (5, 1),
            _ => return None,
        };
        if rank <= last || last == 1 {
            return None;
        }
        last = rank;
        parts_after_t += usize::from(in_time);
        total = total.checked_add(n.checked_mul(unit)?)?;
        i += 1;
    }
    if last == 0 || (in_time && parts_after_t == 0) {
        return None;
    }
    Some(if negative { -total } else { total })
}

/// The zone times are read in, and what is made of a time written in another.
pub(super) struct Zones {
    pub(super) name: Option<String>,
    tz: Option<Tz>,
    /// TZIDs that name no zone chrono-tz knows (Outlook's "AUS Eastern Standard Time"), in the
    /// order met.
    pub(super) unknown: Vec<String>,
    seen: HashSet<String>,
}

impl Zones {
    /// Times read in the zone named (the conference's), and converted with it when chrono-tz
    /// knows it.
    pub(super) fn new(name: Option<String>) -> Self {
        Zones {
            tz: name.as_deref().and_then(|z| z.parse::<Tz>().ok()),
            name,
            unknown: Vec::new(),
            seen: HashSet::new(),
        }
    }

    pub(super) fn when(&mut self, s: &Stamp) -> Result<When, String> {
        match s {
            Stamp::Floating(n) => Ok(When::Local(*n)),
            Stamp::Utc(n) => Ok(When::Instant(self.seen_from_zone(Utc.from_utc_datetime(n), None))),
            Stamp::Zoned(n, z) => {
                if self.name.as_deref() == Some(z.as_str()) {
                    return Ok(When::Local(*n));
                }
                match z.parse::<Tz>() {
                    Ok(tz) if self.tz == Some(tz) => Ok(When::Local(*n)),
                    Ok(tz) => match local_to_utc(*n, tz) {
                        Some(utc) => Ok(When::Instant(self.seen_from_zone(utc, Some(tz)))),
                        None => Err(format!("{n} does not exist in {tz} (skipped by a daylight-saving change)")),
                    },
                    Err(_) => {
                        if self.seen.insert(z.clone()) {
                            self.unknown.push(z.clone());
                        }
                        Ok(When::Local(*n))
                    }
                }
            }
        }
    }

    /// An instant written at the offset the conference's zone has then. `finish` takes offsets
    /// that disagree with the named zone for a sign the zone is wrong; a time written in UTC or
    /// in another zone is the same instant whatever offset it carries, and here agrees.
    fn seen_from_zone(&self, utc: DateTime<Utc>, own: Option<Tz>) -> DateTime<FixedOffset> {
        let offset = match self.tz.or(own) {
            Some(tz) => tz.offset_from_utc_datetime(&utc.naive_utc()).fix(),
            None => Utc.fix(),
        };
        utc.with_timezone(&offset)
    }
}

/// The TEXT properties the `icalendar` crate unescapes when their name is written in capitals
/// (`ValueType::by_name` in its value_types.rs), besides every `X-` property.
const TEXT_BY_NAME: [&str; 20] = [
    "CALSCALE",
    "METHOD",
    "PRODID",
    "VERSION",
    "CATEGORIES",
    "CLASS",
    "COMMENT",
    "DESCRIPTION",
    "LOCATION",
    "RESOURCES",
    "STATUS",
    "SUMMARY",
    "TRANSP",
    "TZID",
    "TZNAME",
    "CONTACT",
    "RELATED-TO",
    "UID",
    "ACTION",
    "REQUEST-STATUS",
];

/// Whether the `icalendar` crate has already unescaped this value (backslash-n to a newline,
/// `\,` to a comma), as its `property` parser does (parser/properties.rs): for a property whose
/// `VALUE=` parameter says TEXT, else for a TEXT property named in capitals, never for
/// CATEGORIES and RESOURCES (lists, whose commas would otherwise merge with escaped ones).
/// Unescaping twice would turn a written `\\n` into a newline.
fn unescaped_by_parser(p: &Property<'_>) -> bool {
    let name = p.name.as_str();
    if name.eq_ignore_ascii_case("CATEGORIES") || name.eq_ignore_ascii_case("RESOURCES") {
        return false;
    }
    let declared = p
        .params
        .iter()
        .find(|q| q.key == "VALUE")
        .and_then(|q| q.val.as_ref())
        .and_then(|v| v.as_str().parse::<ValueType>().ok());
    match declared {
        Some(kind) => kind == ValueType::Text,
        None => !name.chars().any(char::is_lowercase) && (name.starts_with("X-") || TEXT_BY_NAME.contains(&name)),
    }
}

/// A TEXT value, unescaped.
pub(super) fn text_of(p: &Property<'_>) -> String {
    let v = p.val.as_str();
    if unescaped_by_parser(p) { v.to_string() } else { unescape(v) }
}

/// A comma-separated list of TEXT values (`CATEGORIES:Security,Kernel`), each unescaped and
/// trimmed, empty ones dropped, at most `max` of them. Split on the commas that are not
/// escaped, unless the crate has unescaped the value already (then every comma separates).
pub(super) fn list_of(p: &Property<'_>, max: usize) -> Vec<String> {
    let v = p.val.as_str();
    let mut items: Vec<String> = Vec::new();
    if max == 0 {
        return items;
    }
    if unescaped_by_parser(p) {
        for item in v.split(',') {
            push_item(&mut items, item);
            if items.len() >= max {
                break;
            }
        }
        return items;
    }
    let (mut start, mut escaped) = (0, false);
    for (i, c) in v.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => {
                push_item(&mut items, &unescape(&v[start..i]));
                if items.len() >= max {
                    return items;
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    push_item(&mut items, &unescape(&v[start..]));
    items
}

fn push_item(items: &mut Vec<String>, item: &str) {
    let item = item.trim();
    if !item.is_empty() {
        items.push(item.to_string());
    }
}

/// RFC 5545's TEXT escapes (`\n` and `\N` a newline, `\,` `\;` `\\`; `\:` too, which some
/// producers write) in one pass; an unknown escape is kept as written.
fn unescape(v: &str) -> String {
    if !v.contains('\\') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ (',' | ';' | ':' | '\\')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}
