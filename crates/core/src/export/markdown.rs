//! A readable agenda to paste in chat or a gist: by day, times, tracks, clash warnings, notes,
//! then the on-demand list with links. Renders well on GitHub.

use crate::agenda::listing::{self, Row};
use crate::agenda::{Agenda, MarkKind, changes};
use crate::schedule::Schedule;
use crate::timefmt;
use chrono::{DateTime, Utc};
use std::fmt::Write;

/// Text that is markdown-inert where it lands (table cells, emphasis, links).
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn render(s: &Schedule, a: &Agenda, now: DateTime<Utc>) -> String {
    let mut out = format!("# {} — my agenda\n\n", md(&s.conference.name));
    let _ = writeln!(
        out,
        "_Times in {} ({}). Exported {} by hallway._\n",
        timefmt::zone_name(s.conference.tz),
        timefmt::zone(&s.local(s.start().unwrap_or(now))),
        s.local(now).format("%Y-%m-%d %H:%M")
    );
    let rows = listing::rows(s, a, now);
    if rows.is_empty() {
        out.push_str("Nothing marked yet.\n");
        return out;
    }
    let mut in_table = false;
    let end_table = |out: &mut String, in_table: &mut bool| {
        if *in_table {
            out.push('\n');
            *in_table = false;
        }
    };
    for row in &rows {
        match row {
            Row::ChangesHeader => {
                end_table(&mut out, &mut in_table);
                out.push_str("## Changed since marked\n\n");
            }
            Row::Changed(c) => {
                let _ = writeln!(out, "- {}", md(&changes::describe(s, a, c)));
            }
            Row::Day(d) => {
                end_table(&mut out, &mut in_table);
                let _ = writeln!(out, "\n## {}\n", timefmt::day_label(*d));
                out.push_str("| Time | Room | Talk | Speakers |\n|---|---|---|---|\n");
                in_table = true;
            }
            Row::Gap { from, to } => {
                let _ = writeln!(
                    out,
                    "| {} | | _{} free_ | |",
                    timefmt::at(s, *from),
                    timefmt::minutes((*to - *from).num_minutes())
                );
            }
            Row::Talk { index, mark: MarkKind::Attend, clashes_with } => {
                let t = &s.talks()[*index];
                let mut talk = match &t.url {
                    Some(u) => format!("**[{}](<{}>)**", md(&t.title), u.replace('>', "%3E")),
                    None => format!("**{}**", md(&t.title)),
                };
                for &j in clashes_with {
                    let _ = write!(talk, "<br>⚠ clashes with {}", md(&timefmt::talk_ref(s, &s.talks()[j])));
                }
                if let Some(note) = a.note(&t.id) {
                    let _ = write!(talk, "<br>📝 {}", md(note));
                }
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    timefmt::range(s, t),
                    md(s.room_name(t)),
                    talk,
                    md(&t.speakers.join(", "))
                );
            }
            Row::OnDemandHeader => {
                end_table(&mut out, &mut in_table);
                out.push_str("\n## To watch on-demand\n\n");
            }
            Row::Talk { index, mark: MarkKind::OnDemand, .. } => {
                let t = &s.talks()[*index];
                let tick = if a.is_watched(&t.id) { "x" } else { " " };
                let title = match &t.video {
                    Some(v) => format!("[{}](<{}>)", md(&t.title), v.replace('>', "%3E")),
                    None => md(&t.title),
                };
                let _ = write!(
                    out,
                    "- [{tick}] {title} — {} {}, {}",
                    timefmt::day_label(s.date_of(t.start)),
                    timefmt::at(s, t.start),
                    md(s.room_name(t))
                );
                if let Some(note) = a.note(&t.id) {
                    let _ = write!(out, " — 📝 {}", md(note));
                }
                out.push('\n');
            }
        }
    }
    // Sections each open with a blank line; never leave two.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}
