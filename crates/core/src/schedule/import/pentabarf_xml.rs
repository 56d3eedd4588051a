//! Pentabarf / frab / c3voc `schedule.xml`: `<schedule><conference/><day date><room name>
//! <event>`. FOSDEM's flavour has no zone and no per-event `<date>`; the Congress flavour adds
//! `guid`, `<date>` with an offset, recording and feedback fields.

use super::{Draft, ListOf, MAX_ROOMS, Pos, RawEvent, timing};
use crate::schedule::Problem;
use chrono::{NaiveDate, NaiveTime};
use roxmltree::{Document, Node};
use std::collections::HashMap;

/// Shapes the XML reader takes time over out of proportion to their size (each namespace
/// declared is checked against those in scope, each attribute against the element's others),
/// and no schedule has: found in one pass, before it reads.
fn beyond_any_schedule(text: &str) -> Option<(usize, &'static str)> {
    const MAX: usize = 256;
    let (mut namespaces, mut attributes, mut in_tag) = (0, 0, false);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            // Comments, CDATA and processing instructions hold text, not attributes.
            b'<' if let Some(end) = unparsed_end(&text[i..]) => {
                i += end;
                continue;
            }
            b'<' => (in_tag, attributes) = (true, 0),
            b'>' => in_tag = false,
            b'=' if in_tag => {
                attributes += 1;
                if attributes > MAX {
                    return Some((i, "an element with hundreds of attributes"));
                }
            }
            b'x' if in_tag && b[i..].starts_with(b"xmlns") => {
                namespaces += 1;
                if namespaces > MAX {
                    return Some((i, "hundreds of namespace declarations"));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where a comment, CDATA section or processing instruction starting `rest` ends (past its
/// closing mark, or the end of the text); None for anything else.
fn unparsed_end(rest: &str) -> Option<usize> {
    let close = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">")]
        .iter()
        .find(|(open, _)| rest.starts_with(open))
        .map(|(_, close)| *close)?;
    Some(rest.find(close).map_or(rest.len(), |e| e + close.len()))
}

/// The fewest bytes per XML node (element, text or comment) a file may have on average.
const BYTES_PER_NODE: usize = 8;

/// An XML document whose root element is `<schedule>`.
pub fn sniff(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('<') && t.contains("<schedule")
}

pub fn read(text: &str) -> Draft {
    let mut d = Draft::default();
    // An entity defined once and used many times expands a small file without bound (100 KB
    // used 10,000 times is a gigabyte). Schedules never define one: refused before parsing.
    // Looked for in the prolog only: a talk about XXE may quote one in its abstract.
    let prolog = &text[..text.find("<schedule").unwrap_or(text.len())];
    if let Some(at) = prolog.find("<!ENTITY") {
        let message = "the file defines an XML entity (<!ENTITY>): schedules never need one, and \
                       entities can expand a small file without bound, so it is not read"
            .to_string();
        d.problems.push(Problem::at_offset(text.as_bytes(), at, None, message));
        return d;
    }
    if let Some((at, what)) = beyond_any_schedule(text) {
        let message = format!("the file has {what}: no schedule does, and the XML reader would take minutes over it");
        d.problems.push(Problem::at_offset(text.as_bytes(), at, None, message));
        return d;
    }
    // A node of the parsed tree takes about 80 bytes: a file of nothing but `<a/>` would take
    // 20 to 40 times its size. Schedules have one node in 20 to 50 bytes (FOSDEM: 54).
    let nodes_limit = u32::try_from(text.len() / BYTES_PER_NODE).unwrap_or(u32::MAX).max(10_000);
    let opts = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit, ..Default::default() };
    let doc = match Document::parse_with_options(text, opts) {
        Ok(doc) => doc,
        // Cut short (a download that stopped): roxmltree says 1:1; say where the file ends
        // and which element is still open.
        Err(roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode) => {
            let message = match unclosed(text) {
                Some((name, at)) => {
                    let (line, column) = crate::schedule::error::line_col(text.as_bytes(), at);
                    format!(
                        "the file ends before <{name}> (opened at line {line}, column {column}) is closed: is it cut short?"
                    )
                }
                None => "the file ends before the XML is complete: is it cut short?".into(),
            };
            d.problems.push(Problem::at_offset(text.as_bytes(), text.len(), None, message));
            return d;
        }
        Err(roxmltree::Error::NodesLimitReached) => {
            let message = format!(
                "the file has more XML elements than a schedule of its size ({} bytes): more than one in {BYTES_PER_NODE} bytes",
                text.len()
            );
            d.problems.push(Problem::new(None, message));
            return d;
        }
        Err(e) => {
            let p = e.pos();
            // The position goes before the message, not after it again.
            let msg = e.to_string();
            let msg = msg.rsplit_once(" at ").filter(|(_, at)| at.contains(':')).map_or(msg.as_str(), |(m, _)| m);
            d.problems.push(Problem::at(p.row as usize, p.col as usize, None, format!("invalid XML: {msg}")));
            return d;
        }
    };
    let root = doc.root_element();
    if !root.has_tag_name("schedule") {
        let pos = Pos::Offset(root.range().start);
        let msg = format!("expected <schedule> as the root element, found <{}>", root.tag_name().name());
        d.problem(text, &pos, None, msg);
        return d;
    }
    let conf = child(root, "conference");
    let field = |name: &str| conf.and_then(|c| child_text(c, name)).filter(|s| !s.trim().is_empty());
    d.name = field("title").unwrap_or_default();
    d.id = field("acronym").unwrap_or_else(|| d.name.clone());
    d.url = field("base_url").or_else(|| field("url"));
    if let Some(zone) = conf.and_then(|c| child(c, "time_zone_name")) {
        d.zone = child_text(conf.unwrap(), "time_zone_name").map(|z| (z, Pos::Offset(zone.range().start)));
    }
    let day_change = field("day_change").and_then(|s| parse_time_of_day(&s)).filter(|t| *t > NaiveTime::MIN);
    d.day_change = day_change;
    let days: Vec<Node> = root.children().filter(|n| n.has_tag_name("day")).collect();
    if days.is_empty() {
        d.problem(text, &Pos::Offset(root.range().start), None, "expected <day> elements in <schedule>".into());
    }
    // A set beside the list: many rooms over many days would be quadratic otherwise.
    let mut seen: std::collections::HashSet<String> = d.rooms.iter().cloned().collect();
    for day in days {
        let date = day.attribute("date").and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok());
        if date.is_none() {
            let msg = "expected a date attribute like date=\"2021-02-06\" on <day>".into();
            d.problem(text, &Pos::Offset(day.range().start), None, msg);
        }
        let starts = day.attribute("start").and_then(super::when);
        let change = starts.map(|w| super::wall_clock(w).time()).filter(|t| *t > NaiveTime::MIN).or(day_change);
        let ends = day.attribute("end").and_then(super::when);
        d.days.push(super::DayBounds { date, start: starts, end: ends });
        if !rooms_of_day(&mut d, text, day, date, change, &mut seen) {
            return d;
        }
    }
    d
}

/// A day's rooms and their events into the draft; false when the file names more rooms than any
/// schedule has (said as a problem), so reading stops.
fn rooms_of_day(
    d: &mut Draft,
    text: &str,
    day: Node,
    date: Option<NaiveDate>,
    change: Option<NaiveTime>,
    seen: &mut std::collections::HashSet<String>,
) -> bool {
    for room in day.children().filter(|n| n.has_tag_name("room")) {
        let name = super::name(room.attribute("name").unwrap_or(""));
        if !name.is_empty() && seen.insert(name.clone()) {
            if d.rooms.len() >= MAX_ROOMS {
                d.problem(text, &Pos::Offset(room.range().start), None, super::too_many_rooms());
                return false;
            }
            d.rooms.push(name.clone());
        }
        for e in room.children().filter(|n| n.has_tag_name("event")) {
            if let Some(ev) = event(d, text, e, &name, date, change) {
                d.events.push(ev);
            }
        }
    }
    true
}

fn event(
    d: &mut Draft,
    text: &str,
    e: Node,
    room: &str,
    date: Option<NaiveDate>,
    change: Option<NaiveTime>,
) -> Option<RawEvent> {
    let pos = Pos::Offset(e.range().start);
    let at = |name: &str| child(e, name).map_or(pos.clone(), |n| Pos::Offset(n.range().start));
    let id = e
        .attribute("guid")
        .map(str::to_string)
        .or_else(|| child_text(e, "guid"))
        .or_else(|| e.attribute("id").map(str::to_string))
        .unwrap_or_default();
    let idr = Some(id.as_str()).filter(|i| !i.is_empty());
    let Some(title) = child_text(e, "title") else {
        d.problem(text, &pos, idr, "expected a <title>".into());
        return None;
    };
    // One rule with JSON: an event's own room is used, else the room it is listed in; the two
    // must agree when both are given; with neither, the event has no room (said in `finish`).
    // The event's own room wins over the one it is listed in (a merged Congress export lists
    // 91 events under `<room name="1Komona headnut">` that say `headnut`); `validate` says so.
    let own = child_text(e, "room").filter(|r| !r.trim().is_empty()).map(|r| super::name(&r));
    if let Some(r) = own.as_deref().filter(|r| !room.is_empty() && r != &room) {
        d.listed_elsewhere(room, r);
    }
    let room = own.as_deref().unwrap_or(room);
    let fields = timing::Fields::read(|name| child_text(e, name));
    let timing = match timing::decide(&fields, date, change, &timing::PENTABARF_XML) {
        Ok(t) => t,
        Err((field, msg)) => {
            d.problem(text, &field.place(at, pos.clone()), idr, msg);
            return None;
        }
    };
    let mut speakers = ListOf::new();
    for p in child(e, "persons").iter().flat_map(|ps| ps.children()).filter(|n| n.has_tag_name("person")) {
        speakers.name(p.text().unwrap_or(""));
    }
    let speakers = speakers.done(d);
    let abstract_text =
        super::about(child_text(e, "subtitle"), child_text(e, "abstract"), child_text(e, "description"));
    let mut links = ListOf::new();
    for l in child(e, "links").iter().flat_map(|ls| ls.children()).filter(|n| n.has_tag_name("link")) {
        if let Some(href) = l.attribute("href") {
            links.push((href.to_string(), super::name(l.text().unwrap_or(""))));
        }
    }
    let links = links.done(d);
    let video = child_text(e, "video_download_url").filter(|v| !v.trim().is_empty());
    let recorded = child(e, "recording").and_then(|r| child_text(r, "optout")).and_then(|o| {
        match o.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(false),
            "false" | "0" | "no" => Some(true),
            _ => None,
        }
    });
    let printed = timing.printed.map(|p| (p, at("start")));
    Some(RawEvent {
        printed,
        url: child_text(e, "url"),
        pos,
        id,
        title,
        speakers,
        room: room.to_string(),
        start: timing.start,
        end: timing.end,
        kind: super::name(&crate::sanitize::line(&child_text(e, "type").unwrap_or_default())).to_lowercase(),
        track: child_text(e, "track").map(|t| super::name(&t)),
        tags: Vec::new(),
        markup: super::Markup::of_rich(&abstract_text),
        abstract_text,
        language: child_text(e, "language"),
        recorded,
        video,
        links,
    })
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name(name))
}

/// All the text inside a child element (entities decoded), trimmed.
fn child_text(n: Node, name: &str) -> Option<String> {
    let c = child(n, name)?;
    let text: String = c.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect();
    Some(text.trim().to_string())
}

/// The innermost element still open where `text` ends: its name and where its tag starts. A
/// scan of tags alone, for the message about a file cut short (the parser only says it ended).
fn unclosed(text: &str) -> Option<(&str, usize)> {
    let mut open: Vec<(&str, usize)> = Vec::new();
    // How many of each name are open: a closing tag of a name not open is passed over without
    // searching the stack (thousands of them would be quadratic).
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut i = 0;
    while let Some(rel) = text[i..].find('<') {
        let at = i + rel;
        let rest = &text[at..];
        if let Some(end) = unparsed_end(rest) {
            i = at + end;
            continue;
        }
        let name_of = |tag: &'_ str| -> usize {
            tag.find(|c: char| c.is_whitespace() || c == '/' || c == '>').unwrap_or(tag.len())
        };
        let Some(close) = rest.find('>') else {
            // The last tag is cut short itself.
            if !rest.starts_with("</") && rest.len() > 1 {
                let name = &rest[1..1 + name_of(&rest[1..])];
                if !name.is_empty() {
                    open.push((name, at));
                }
            }
            break;
        };
        let tag = &rest[1..close];
        if let Some(end) = tag.strip_prefix('/') {
            let name = end.trim();
            if count.get(name).is_some_and(|&n| n > 0)
                && let Some(k) = open.iter().rposition(|(n, _)| *n == name)
            {
                for (gone, _) in open.drain(k..) {
                    *count.entry(gone).or_default() -= 1;
                }
            }
        } else if !tag.ends_with('/') {
            let name = &tag[..name_of(tag)];
            if !name.is_empty() {
                open.push((name, at));
                *count.entry(name).or_default() += 1;
            }
        }
        i = at + close + 1;
    }
    open.pop()
}

fn parse_time_of_day(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M:%S").or_else(|_| NaiveTime::parse_from_str(s.trim(), "%H:%M")).ok()
}
