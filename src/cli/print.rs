//! Text for people: styled here, and `emit` strips the styles on a pipe or with NO_COLOR.

use super::Context;
use super::columns::{Fit, Ids, width_of};
use crate::agenda::listing::{self, Row};
use crate::agenda::{Agenda, MarkKind};
use crate::clash::{self, Clash};
use crate::now::{self, Overview, Phase};
use crate::schedule::Talk;
use crate::timefmt;
use anstyle::{AnsiColor, Style};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr as _;

const BOLD: Style = Style::new().bold();
const STAR: Style = AnsiColor::Yellow.on_default().bold();
const LATER: Style = AnsiColor::Cyan.on_default();
const WARN: Style = AnsiColor::Red.on_default().bold();
const DIM: Style = Style::new().dimmed();

/// Whether styles reach standard output (a terminal that takes them), decided once: text for a
/// pipe is written plain, not styled and then stripped again.
pub fn styled() -> bool {
    static STYLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *STYLED.get_or_init(|| anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never)
}

fn paint(s: impl std::fmt::Display, style: Style) -> String {
    if styled() { format!("{style}{s}{style:#}") } else { s.to_string() }
}

fn symbol(agenda: &Agenda, id: &str) -> String {
    match agenda.kind(id) {
        Some(MarkKind::Attend) => paint("★", STAR),
        Some(MarkKind::OnDemand) => paint("◷", LATER),
        None => " ".into(),
    }
}

/// `★ ` before a marked title, nothing before an unmarked one.
fn prefix(agenda: &Agenda, id: &str) -> String {
    agenda.kind(id).map_or(String::new(), |_| format!("{} ", symbol(agenda, id)))
}

/// `before`, the talk's mark (`★ `, `◷ `) and `about`, cut to what is left after `used`
/// columns, the mark painted after the cut: colour codes take no columns and are never cut.
fn marked_rest(fit: Fit, agenda: &Agenda, id: &str, before: &str, about: &str, used: usize) -> String {
    let mark = match agenda.kind(id) {
        Some(MarkKind::Attend) => "★ ",
        Some(MarkKind::OnDemand) => "◷ ",
        None => "",
    };
    let line = fit.rest(&format!("{before}{mark}{about}"), used, 0).into_owned();
    match line.strip_prefix(before).and_then(|rest| rest.strip_prefix(mark)) {
        Some(rest) if !mark.is_empty() => format!("{before}{}{rest}", prefix(agenda, id)),
        _ => line,
    }
}

fn speakers(t: &Talk) -> String {
    if t.speakers.is_empty() { String::new() } else { format!(" — {}", t.speakers.join(", ")) }
}

fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn header(ctx: &Context, what: &str) -> String {
    let zone = crate::timefmt::zone_name(ctx.schedule.conference.tz);
    // On a terminal the conference's name gives way; the rest says what the list is.
    let rest = format!(" — {what} (times in {zone})");
    let name = Fit::stdout().rest(&ctx.schedule.conference.name, rest.width(), 0);
    format!("{} (times in {zone})\n", paint(format!("{name} — {what}"), BOLD))
}

/// `ranked`: the list is best match first (a search), not by time: no day headings, and
/// each time says its date.
pub fn talks(ctx: &Context, list: &[&Talk], agenda: &Agenda, ranked: bool) -> String {
    let s = &ctx.schedule;
    let fit = Fit::stdout();
    let ids = Ids::new(fit, s);
    let mut out = header(ctx, "talks");
    if ranked && !list.is_empty() {
        out.push_str("\nBest match first:\n");
    }
    let mut day = None;
    // Times of the night after a day carry its weekday ("Sat 00:15-00:55"): the column
    // is as wide as its widest time. Each distinct slot is worked out once.
    let mut instants = timefmt::Instants::new(s);
    let searched = |t: &Talk| format!("{} {}", s.local(t.start).format("%a"), timefmt::range_on_its_date(s, t));
    let times: Vec<(String, chrono::NaiveDate)> = match ranked {
        true => list.iter().map(|t| (searched(t), instants.at(t.start).1)).collect(),
        false => list.iter().map(|t| instants.range(t)).collect(),
    };
    let time_w = times.iter().map(|(t, _)| t.chars().count()).max().unwrap_or(0);
    let id_w = list.iter().map(|t| ids.of(s, t).width()).max().unwrap_or(0);
    let tw = fit.room_column(width_of(list.iter().map(|t| s.room_name(t))), 2 + time_w + 2 + 2 + 2 + 2 + id_w + 2);
    let mut about = String::new();
    for (t, (time, d)) in list.iter().zip(times) {
        if !ranked && day != Some(d) {
            let _ = writeln!(out, "\n{}", paint(timefmt::day_label(d), BOLD));
            day = Some(d);
        }
        about.clear();
        about.push_str(&t.title);
        if let Some(l) = s.unusual_language(t) {
            let _ = write!(about, " [{l}]");
        }
        for (n, name) in t.speakers.iter().enumerate() {
            about.push_str(if n == 0 { " — " } else { ", " });
            about.push_str(name);
        }
        let id = ids.of(s, t);
        let id_w = 2 + id.width() + 2; // "  [id]"
        out.push_str("  ");
        out.push_str(&time);
        out.extend(std::iter::repeat_n(' ', time_w.saturating_sub(time.width()) + 2));
        out.push_str(&fit.column(s.room_name(t), tw));
        out.push_str("  ");
        out.push_str(&symbol(agenda, &t.id));
        out.push(' ');
        out.push_str(&fit.rest(&about, 2 + time_w + 2 + tw + 2 + 2, id_w));
        out.push_str("  ");
        let _ = writeln!(out, "{}", paint(format_args!("[{id}]"), DIM));
    }
    if list.is_empty() {
        out.push_str("\nNo talks match.\n");
    }
    out
}

pub fn agenda(ctx: &Context, agenda: &Agenda) -> String {
    let s = &ctx.schedule;
    let fit = Fit::stdout();
    let rows = listing::rows(s, agenda, ctx.clock.now());
    let talks = || {
        rows.iter().filter_map(|r| match r {
            Row::Talk { index, .. } => Some(&s.talks()[*index]),
            _ => None,
        })
    };
    let tw = width_of(talks().map(|t| s.room_name(t)));
    let ids = Ids::new(fit, s);
    let when_of = |mark: MarkKind, t: &Talk| match mark {
        MarkKind::Attend => timefmt::range(s, t),
        MarkKind::OnDemand => format!("{} {}", s.local(t.start).format("%a"), timefmt::hm(s, t.start)),
    };
    // The time column as wide as its widest entry: a night talk's says its weekday.
    let when_w = rows
        .iter()
        .filter_map(|r| match r {
            Row::Talk { index, mark, .. } => Some(when_of(*mark, &s.talks()[*index]).chars().count()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let id_w = talks().map(|t| ids.of(s, t).width()).max().unwrap_or(0);
    let tw = fit.room_column(tw, 2 + when_w + 2 + 2 + 2 + 2 + id_w + 2);
    let mut out = header(ctx, "your agenda");
    if ctx.schedule.end().is_some_and(|end| ctx.clock.now() >= end) && rows.first() == Some(&Row::OnDemandHeader) {
        out.push_str("The conference is over: what is left to watch comes first.\n");
    }
    for row in &rows {
        match row {
            Row::Day(d) => {
                let _ = writeln!(out, "\n{}", paint(timefmt::day_label(*d), BOLD));
            }
            Row::OnDemandHeader => {
                let _ = writeln!(out, "\n{}", paint("To watch on-demand", BOLD));
            }
            Row::ChangesHeader => {
                let _ = writeln!(out, "\n{}", paint("Changed in the schedule since you marked them", WARN));
            }
            Row::Changed(c) => {
                let sym = if c.index.is_none() { "✗" } else { "⟳" };
                let _ = writeln!(out, "  {sym} {}  [{}]", crate::agenda::changes::describe(s, agenda, c), c.id);
                if c.index.is_none()
                    && let Some(note) = agenda.note(&c.id)
                {
                    let _ = writeln!(out, "      note: {note}");
                }
            }
            Row::Gap { from, to } => {
                let _ = writeln!(
                    out,
                    "  {}  {} free",
                    timefmt::at(s, *from),
                    timefmt::minutes((*to - *from).num_minutes())
                );
            }
            Row::Talk { index, mark, clashes_with } => {
                let t = &s.talks()[*index];
                let when = when_of(*mark, t);
                let id = format!("[{}]", ids.of(s, t));
                let _ = writeln!(
                    out,
                    "  {}  {}  {} {}  {id}{}",
                    pad(&when, when_w),
                    fit.column(s.room_name(t), tw),
                    symbol(agenda, &t.id),
                    fit.rest(&format!("{}{}", t.title, speakers(t)), 2 + when_w + 2 + tw + 2 + 2, 2 + id.width()),
                    if *mark == MarkKind::OnDemand && t.unrecorded() {
                        paint("  ⚠ not recorded: attend it or miss it", WARN)
                    } else {
                        String::new()
                    }
                );
                for &j in clashes_with {
                    let _ = writeln!(
                        out,
                        "      {}",
                        paint(fit.wrap(&format!("⚠ clashes with {}", timefmt::talk_ref(s, &s.talks()[j])), 6), WARN)
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
    // A pair is read whole: on a terminal it wraps between words, under its start.
    let fit = Fit::stdout();
    // Thousands of talks starred at one time clash pairwise: a screenful says it; `--json`
    // lists every pair.
    const SHOWN: usize = 200;
    for c in list.iter().take(SHOWN) {
        let (a, b) = (&s.talks()[c.a], &s.talks()[c.b]);
        let pair = format!(
            "{}  {} {} [{}]  ⚠  {} {} [{}]",
            timefmt::day_label(s.date_of(a.start)),
            timefmt::range(s, a),
            a.title,
            a.id,
            timefmt::range(s, b),
            b.title,
            b.id
        );
        let _ = writeln!(out, "{}", fit.wrap(&pair, 2));
    }
    if list.len() > SHOWN {
        let _ = writeln!(out, "and {} more clashes (hallway clashes --json lists them all)", list.len() - SHOWN);
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
        let all = partners.get(&i).map(Vec::as_slice).unwrap_or_default();
        const SHOWN: usize = 5;
        for &j in all.iter().take(SHOWN) {
            let o = &s.talks()[j];
            let _ =
                writeln!(out, "{}", paint(format!("⚠ {id} clashes with {} [{}]", timefmt::talk_ref(s, o), o.id), WARN));
        }
        if all.len() > SHOWN {
            let more = format!("⚠ {id} clashes with {} more (hallway clashes lists them)", all.len() - SHOWN);
            let _ = writeln!(out, "{}", paint(more, WARN));
        }
    }
    out
}

pub fn now(ctx: &Context, o: &Overview, agenda: &Agenda, all: bool) -> String {
    let s = &ctx.schedule;
    let fit = Fit::stdout();
    let travel = if ctx.clock.is_fixed() { " (time set with --at)" } else { "" };
    let local = s.local(o.at);
    let when = format!(" — {} {}{travel}", local.format("%a %-d %b %Y %H:%M"), timefmt::zone(&local));
    // The name gives way first; on a narrow terminal what is left wraps between words.
    let mut out = format!("{}\n", fit.wrap(&format!("{}{when}", fit.rest(&s.conference.name, when.width(), 0)), 2));
    if let Some(user) = ctx.user_tz {
        let mine = o.at.with_timezone(&user);
        if mine.naive_local() != local.naive_local() {
            let _ = writeln!(out, "  your time: {} {}", mine.format("%a %H:%M"), timefmt::zone(&mine));
        }
    }
    if let Some(line) = now::phase_line(s, o) {
        let _ = writeln!(out, "  {}", fit.rest(&line, 2, 0));
    }
    if matches!(o.phase, Phase::After { .. } | Phase::Empty) {
        let later = listing::on_demand(s, agenda);
        let left = later.iter().filter(|&&i| !agenda.is_watched(&s.talks()[i].id)).count();
        if left > 0 {
            let _ =
                writeln!(out, "  {left} talk{} left to watch on-demand: `hallway agenda` lists them.", plural(left));
        }
        return out;
    }
    if !agenda.attending(s).is_empty() {
        for line in now::mine_lines(s, o) {
            let style = if line.starts_with('⚠') { WARN } else { STAR };
            let _ = writeln!(out, "  {}", paint(fit.wrap(&line, 2), style));
        }
    }
    // My rooms first, then those with something on now or soon; the quiet ones fold.
    let rooms = now::rooms(s, o, &agenda.attending(s));
    out.push('\n');
    let tw = width_of(rooms.listed(all).map(|p| s.conference.rooms[o.tracks[p].track].as_str()));
    // Beside the room: "next  Sat 11:00 " and the title.
    let tw = fit.room_column(tw, 2 + 2 + 16);
    for tn in rooms.listed(all).map(|p| &o.tracks[p]) {
        let name = fit.column(&s.conference.rooms[tn.track], tw);
        let used = 2 + tw + 2;
        let live = match tn.live {
            Some(i) => {
                let t = &s.talks()[i];
                let about = format!(
                    "{}{}  ({}% · {} left, until {})",
                    t.title,
                    speakers(t),
                    (now::progress(t, o.at) * 100.0).round(),
                    timefmt::minutes(now::minutes_between(o.at, t.end)),
                    timefmt::hm(s, t.end)
                );
                marked_rest(fit, agenda, &t.id, "live  ", &about, used)
            }
            None => fit.rest("live  nothing on", used, 0).into_owned(),
        };
        let next = match tn.next {
            Some(i) => {
                let t = &s.talks()[i];
                let day = if s.local(t.start).date_naive() != local.date_naive() {
                    format!("{} ", s.local(t.start).format("%a"))
                } else {
                    String::new()
                };
                let time = if day.is_empty() { timefmt::at(s, t.start) } else { timefmt::hm(s, t.start) };
                let about = format!("{}{}  ({})", t.title, speakers(t), now::until(o.at, t.start));
                marked_rest(fit, agenda, &t.id, &format!("next  {day}{time} "), &about, used)
            }
            None => fit.rest("next  no more talks", used, 0).into_owned(),
        };
        let _ = writeln!(out, "  {name}  {live}\n  {}  {next}", pad("", tw));
    }
    if !rooms.lists_quiet(all) {
        let n = rooms.quiet.len();
        let _ = writeln!(out, "  + {n} rooms with nothing on and nothing in the next 30 min (--all lists them)");
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `hallway suggest`: each free slot, then its best talks with why.
pub fn suggestions(ctx: &Context, slots: &[crate::suggest::Slot]) -> String {
    let s = &ctx.schedule;
    if slots.is_empty() {
        return "No free slot with a talk still ahead. Suggestions fill the gaps between the talks you star: star some first.\n"
            .into();
    }
    let mut out = header(ctx, "talks for the gaps in your agenda");
    let fit = Fit::stdout();
    let tw = width_of(slots.iter().flat_map(|slot| &slot.picks).map(|p| s.room_name(&s.talks()[p.talk])));
    for slot in slots {
        let _ = writeln!(
            out,
            "\n{}  {}  ({} free){}",
            paint(timefmt::day_label(s.date_of(slot.start)), BOLD),
            timefmt::span(s, slot.start, slot.end),
            timefmt::minutes((slot.end - slot.start).num_minutes()),
            slot.where_you_are()
        );
        for p in &slot.picks {
            let t = &s.talks()[p.talk];
            let _ = writeln!(
                out,
                "  {}  {}  {}{}  [{}]",
                timefmt::range(s, t),
                fit.column(s.room_name(t), tw),
                t.title,
                speakers(t),
                t.id
            );
            let why =
                if p.reason.is_empty() { "nothing in common with your marks; it fits the gap" } else { &p.reason };
            let _ = writeln!(out, "  {}  {}", " ".repeat(11), paint(why, DIM));
        }
    }
    out
}
