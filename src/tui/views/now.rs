//! The Now view: for every track the live talk with its progress and the next one, and above
//! them where the person's own starred talks are.

use super::scroll_to;
use super::text::{fit, wrap_indented};
use crate::agenda::MarkKind;
use crate::now::{self, Phase};
use crate::schedule::Talk;
use crate::timefmt;
use crate::tui::app::{App, Pick};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.session.schedule;
    let o = app.session.overview();
    let local = s.local(app.session.now);
    let mut clock = vec![Span::styled(format!(" {}", local.format("%a %-d %b %H:%M %Z")), theme.title())];
    if let Some(user) = app.session.user_tz {
        let mine = app.session.now.with_timezone(&user);
        if mine.naive_local() != local.naive_local() {
            let fmt = if mine.date_naive() == local.date_naive() { "%H:%M %Z" } else { "%a %H:%M %Z" };
            clock.push(Span::styled(format!("  ·  your time {}", mine.format(fmt)), theme.dim()));
        }
    }
    let mut lines = vec![Line::from(clock)];
    if let Some(text) = now::phase_line(s, o) {
        lines.push(Line::styled(format!(" {text}"), theme.title()));
        let hint = match o.phase {
            Phase::After { .. } if !app.session.on_demand().is_empty() => {
                format!(" 4: your on-demand list ({} to watch) · @ go to a time during the conference", unwatched(app))
            }
            Phase::Empty => String::new(),
            _ => " @ go to a time (try one during the conference) · t the schedule at this time".to_string(),
        };
        if !hint.is_empty() {
            lines.push(Line::styled(hint, theme.dim()));
        }
    }
    if !app.session.attending.is_empty() || o.mine != Default::default() {
        for text in now::mine_lines(s, o) {
            let style = if text.starts_with('⚠') { theme.clash() } else { theme.starred() };
            lines.push(Line::styled(format!(" {text}"), style));
        }
        if matches!(o.mine.warning, Some(now::Warning::Clash { .. })) {
            lines.push(Line::styled("   r on the one you pick keeps it and moves the other to on-demand", theme.dim()));
        }
    } else {
        lines.push(Line::styled(" Star talks (s) to see here where to be next.", theme.dim()));
    }

    // The summary wraps (it names whole titles); the track list below it scrolls.
    let summary = super::text::wrap_lines(&lines, area.width as usize);
    let summary_h = (summary.len() as u16).min(area.height / 2);
    let summary = Paragraph::new(summary);
    let [top_area, list_area] = Layout::vertical([Constraint::Length(summary_h), Constraint::Min(0)]).areas(area);
    f.render_widget(summary, top_area);

    if matches!(o.phase, Phase::After { .. } | Phase::Empty) {
        return;
    }
    let w = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let bar_w = w.saturating_sub(40).clamp(10, 30);
    let listed = app.session.now_talks(app.now_view.all_rooms);
    let cursor = app.now_view.list.position(&listed);
    let mut selected_line = 0;
    // The selected talk's room heading, kept in view when scrolling back up.
    let mut selected_heading = 0;
    let mut pos = 0;
    let mut items = Vec::new();
    let sess = &app.session;
    let hidden = o.tracks.len() - sess.shown_tracks.len();
    if hidden > 0 || !sess.agenda.filter.is_empty() {
        let mut text = format!(" showing {} of {} rooms", sess.shown_tracks.len(), o.tracks.len());
        if !sess.agenda.filter.is_empty() {
            // The Now view answers "what is on in these rooms": every live talk in them shows.
            text.push_str(&format!(", those where your filter ({}) leaves talks", sess.agenda.filter.describe()));
        }
        text.push_str(" (f to change)");
        lines.extend(wrap_indented(&text, w, " ", theme.dim()));
    }
    let rooms = sess.rooms();
    let lists_quiet = sess.lists_quiet(app.now_view.all_rooms);
    let quiet: &[usize] = if lists_quiet { &rooms.quiet } else { &[] };
    let sections = [
        ("Your starred talks", &rooms.mine[..]),
        ("On now or within 30 min", &rooms.busy[..]),
        ("Nothing on now nor in the next 30 min", quiet),
    ];
    for (title, group) in sections {
        if group.is_empty() {
            continue;
        }
        lines.push(Line::from(""));
        let n = group.len();
        let section = lines.len();
        lines.push(Line::styled(format!(" {title} · {n} room{}", if n == 1 { "" } else { "s" }), theme.dim()));
        for (k, &p) in group.iter().enumerate() {
            let tn = &o.tracks[p];
            // Scrolling back to a section's first room brings its title (and the blank line
            // before it) back into view too.
            let heading = if k == 0 { section.saturating_sub(1) } else { lines.len() };
            lines.push(fit(Line::styled(format!("  {}", s.conference.tracks[tn.track]), theme.track(tn.track)), w));
            // The live talk with its progress, then the next one; nothing on, the next line
            // says when something is (or that nothing more is).
            let live = tn.live.map(|i| (i, "● ", theme.live()));
            let next = tn.next.map(|i| (i, "next ", theme.dim()));
            for (i, lead, lead_style) in live.into_iter().chain(next) {
                let sel = pos == cursor;
                if sel {
                    selected_line = lines.len();
                    selected_heading = heading;
                }
                items.push((lines.len(), Pick::Row(pos)));
                lines.push(fit(talk_line(app, i, lead, lead_style, sel, theme), w));
                pos += 1;
                if tn.live != Some(i) {
                    continue;
                }
                let t = &s.talks()[i];
                let p = now::progress(t, app.session.now);
                let filled = (p * bar_w as f64).round() as usize;
                lines.push(fit(
                    Line::from(vec![
                        Span::raw("     "),
                        Span::styled("█".repeat(filled), theme.live()),
                        Span::styled("░".repeat(bar_w - filled), theme.dim()),
                        Span::raw(format!(
                            " {:>3}% · {} left · {}",
                            (p * 100.0).round(),
                            timefmt::minutes(now::minutes_between(app.session.now, t.end)),
                            timefmt::range(s, t)
                        )),
                    ]),
                    w,
                ));
            }
            match (tn.live, tn.next) {
                (_, Some(_)) => {}
                (None, None) => lines.push(Line::styled("     nothing more in this room", theme.dim())),
                (Some(_), None) => lines.push(Line::styled("     no more talks in this room", theme.dim())),
            }
        }
    }
    if !lists_quiet || (app.now_view.all_rooms && !sess.lists_quiet(false)) {
        lines.push(Line::from(""));
        let n = rooms.quiet.len();
        let text = if lists_quiet {
            format!("{n} quiet room{} listed last: A folds them again", if n == 1 { "" } else { "s" })
        } else {
            format!(
                "+ {n} room{} with nothing on and nothing in the next 30 min: A shows them",
                if n == 1 { "" } else { "s" }
            )
        };
        lines.extend(wrap_indented(&text, w, " ", theme.dim()));
    }
    let h = list_area.height as usize;
    // On the last talk, the lines after it (the fold line) come into view too.
    let target = if pos > 0 && cursor + 1 == pos { lines.len() - 1 } else { selected_line };
    let mut top = scroll_to(&app.now_view.list.top, target, lines.len(), h);
    if selected_line < top {
        top = selected_line;
        app.now_view.list.top.set(top);
    }
    if cursor == 0 {
        top = 0;
        app.now_view.list.top.set(0);
    } else if selected_heading < top && selected_line - selected_heading < h {
        top = selected_heading;
        app.now_view.list.top.set(top);
    }
    super::clickable_rows(app, list_area, top, &items);
    let visible: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(visible), list_area);
}

fn unwatched(app: &App) -> usize {
    app.session
        .on_demand()
        .iter()
        .filter(|&&i| !app.session.agenda.is_watched(&app.session.schedule.talks()[i].id))
        .count()
}

/// `● ★ Title — Speakers · in 12 min` for a live or next talk.
fn talk_line<'a>(app: &App, index: usize, lead: &'a str, lead_style: Style, selected: bool, theme: &Theme) -> Line<'a> {
    let s = &app.session.schedule;
    let t: &Talk = &s.talks()[index];
    let (sym, sym_style) = match app.session.agenda.kind(&t.id) {
        Some(MarkKind::Attend) => ("★ ", theme.starred()),
        Some(MarkKind::OnDemand) => ("◷ ", theme.later()),
        None => ("", Style::new()),
    };
    let mut spans = vec![Span::raw(if selected { " ▶ " } else { "   " }), Span::styled(lead, lead_style)];
    // When it starts and how soon come first: they are what a narrow terminal must not cut.
    if t.start > app.session.now {
        let day = if s.local(t.start).date_naive() != s.local(app.session.now).date_naive() {
            format!("{} ", s.local(t.start).format("%a"))
        } else {
            String::new()
        };
        spans.push(Span::raw(format!("{day}{} ", timefmt::hm(s, t.start))));
        spans.push(Span::styled(format!("({}) ", now::until(app.session.now, t.start)), theme.dim()));
    }
    spans.push(Span::styled(sym, sym_style));
    let title_style = if sym.starts_with('★') { theme.starred() } else { Style::new() };
    spans.push(Span::styled(t.title.clone(), title_style));
    if app.session.clashes(index) {
        spans.push(Span::styled(" ⚠", theme.clash()));
    }
    if !t.speakers.is_empty() {
        spans.push(Span::styled(format!(" — {}", t.speakers.join(", ")), theme.dim()));
    }
    let line = Line::from(spans);
    if selected { line.style(theme.selected()) } else { line }
}
