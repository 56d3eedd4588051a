//! Plain-text renderings for people reading a terminal or a pipe.

use super::Context;
use crate::agenda::listing::{self, Row};
use crate::agenda::{Agenda, MarkKind};
use crate::clash::{self, Clash};
use crate::now::TrackNow;
use crate::schedule::Talk;
use crate::timefmt;
use chrono::{DateTime, Utc};
use std::fmt::Write;

fn symbol(agenda: &Agenda, id: &str) -> &'static str {
    match agenda.kind(id) {
        Some(MarkKind::Attend) => "★",
        Some(MarkKind::OnDemand) => "◷",
        None => " ",
    }
}

fn speakers(t: &Talk) -> String {
    if t.speakers.is_empty() { String::new() } else { format!(" — {}", t.speakers.join(", ")) }
}

fn track_width(ctx: &Context) -> usize {
    ctx.schedule.conference.tracks.iter().map(|t| unicode_width::UnicodeWidthStr::width(t.as_str())).max().unwrap_or(0)
}

fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn header(ctx: &Context, what: &str) -> String {
    format!("{} — {what} (times in {})\n", ctx.schedule.conference.name, ctx.schedule.conference.tz)
}

pub fn talks(ctx: &Context, list: &[&Talk], agenda: &Agenda) -> String {
    let s = &ctx.schedule;
    let tw = track_width(ctx);
    let mut out = header(ctx, "talks");
    let mut day = None;
    for t in list {
        let d = s.local(t.start).date_naive();
        if day != Some(d) {
            let _ = writeln!(out, "\n{}", timefmt::day_label(d));
            day = Some(d);
        }
        let _ = writeln!(
            out,
            "  {}  {}  {} {}{}  [{}]",
            timefmt::range(s, t),
            pad(s.track_name(t), tw),
            symbol(agenda, &t.id),
            t.title,
            speakers(t),
            t.id
        );
    }
    if list.is_empty() {
        out.push_str("\nNo talks match.\n");
    }
    out
}

pub fn agenda(ctx: &Context, agenda: &Agenda) -> String {
    let s = &ctx.schedule;
    let tw = track_width(ctx);
    let rows = listing::rows(s, agenda);
    let mut out = header(ctx, "your agenda");
    for row in &rows {
        match row {
            Row::Day(d) => {
                let _ = writeln!(out, "\n{}", timefmt::day_label(*d));
            }
            Row::OnDemandHeader => out.push_str("\nTo watch on-demand\n"),
            Row::Gap { from, to } => {
                let _ = writeln!(
                    out,
                    "  {}  {} free",
                    timefmt::hm(s, *from),
                    timefmt::minutes((*to - *from).num_minutes())
                );
            }
            Row::Talk { index, mark, clashes_with } => {
                let t = &s.talks()[*index];
                let when = match mark {
                    MarkKind::Attend => timefmt::range(s, t),
                    MarkKind::OnDemand => format!("{} {}", s.local(t.start).format("%a"), timefmt::hm(s, t.start)),
                };
                let _ = writeln!(
                    out,
                    "  {when}  {}  {} {}{}  [{}]",
                    pad(s.track_name(t), tw),
                    symbol(agenda, &t.id),
                    t.title,
                    speakers(t),
                    t.id
                );
                for &j in clashes_with {
                    let o = &s.talks()[j];
                    let _ = writeln!(
                        out,
                        "      ⚠ clashes with \"{}\" ({}, {})",
                        o.title,
                        s.track_name(o),
                        timefmt::range(s, o)
                    );
                }
                if let Some(v) = t.video.as_ref().filter(|_| *mark == MarkKind::OnDemand) {
                    let _ = writeln!(out, "      video: {v}");
                }
                if let Some(note) = agenda.marks.get(&t.id).and_then(|m| m.note.as_ref()) {
                    let _ = writeln!(out, "      note: {}", crate::sanitize::line(note));
                }
            }
        }
    }
    if rows.is_empty() {
        out.push_str("\nNothing marked yet: star talks with `hallway star ID` or `s` in the planner.\n");
    }
    out
}

pub fn clashes(ctx: &Context, list: &[Clash]) -> String {
    let s = &ctx.schedule;
    if list.is_empty() {
        return "No clashes among the talks you attend.\n".into();
    }
    let mut out = String::new();
    for c in list {
        let (a, b) = (&s.talks()[c.a], &s.talks()[c.b]);
        let _ = writeln!(
            out,
            "{}  {} {} [{}]  ⚠  {} {} [{}]",
            timefmt::day_label(s.local(a.start).date_naive()),
            timefmt::range(s, a),
            a.title,
            a.id,
            timefmt::range(s, b),
            b.title,
            b.id
        );
    }
    out
}

/// After marking: name any clash the new marks are part of.
pub fn clash_warnings(ctx: &Context, agenda: &Agenda, ids: &[String]) -> String {
    let s = &ctx.schedule;
    let partners = clash::partners(&agenda.clashes(s));
    let mut out = String::new();
    for id in ids {
        let Some(i) = s.index_of(id) else { continue };
        for &j in partners.get(&i).map(Vec::as_slice).unwrap_or_default() {
            let o = &s.talks()[j];
            let _ = writeln!(
                out,
                "⚠ {id} clashes with \"{}\" ({}, {}) [{}]",
                o.title,
                s.track_name(o),
                timefmt::range(s, o),
                o.id
            );
        }
    }
    out
}

pub fn now(ctx: &Context, at: DateTime<Utc>, tracks: &[TrackNow]) -> String {
    let s = &ctx.schedule;
    let tw = track_width(ctx);
    let travel = if ctx.clock.is_fixed() { " (time set with --at)" } else { "" };
    let mut out = format!("{} — {}{travel}\n", s.conference.name, s.local(at).format("%a %-d %b %Y %H:%M %Z"));
    let (first, last) = (s.talks().first(), s.talks().iter().map(|t| t.end).max());
    if let (Some(first), Some(last)) = (first, last) {
        if at < first.start {
            let days = (first.start - at).num_days();
            let when = if days >= 1 {
                format!("{days} day{}", if days == 1 { "" } else { "s" })
            } else {
                timefmt::minutes((first.start - at).num_minutes())
            };
            let _ = writeln!(out, "  The conference starts in {when}.");
        } else if at >= last {
            out.push_str("  The conference is over.\n");
            return out;
        }
    }
    for tn in tracks {
        let name = pad(&s.conference.tracks[tn.track], tw);
        let live = tn.live.map(|i| &s.talks()[i]);
        let next = tn.next.map(|i| &s.talks()[i]);
        let live_text = live.map_or("nothing live".to_string(), |t| {
            format!("live: {} ({} left)", t.title, timefmt::minutes((t.end - at).num_minutes().max(1)))
        });
        let next_text = next.map_or(String::new(), |t| {
            let day = if s.local(t.start).date_naive() != s.local(at).date_naive() {
                format!("{} ", s.local(t.start).format("%a"))
            } else {
                String::new()
            };
            format!(
                "; next {day}{} {} (in {})",
                timefmt::hm(s, t.start),
                t.title,
                timefmt::minutes((t.start - at).num_minutes())
            )
        });
        let _ = writeln!(out, "  {name}  {live_text}{next_text}");
    }
    out
}
