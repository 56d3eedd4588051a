//! The Now view: for every track the live talk with its progress and the next one, and above
//! them where the person's own starred talks are.

use super::scroll_to;
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
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.schedule;
    let o = app.overview();
    let local = s.local(app.now);
    let mut clock = vec![Span::styled(format!(" {}", local.format("%a %-d %b %H:%M %Z")), theme.title())];
    if let Some(user) = app.user_tz {
        let mine = app.now.with_timezone(&user);
        if mine.naive_local() != local.naive_local() {
            let fmt = if mine.date_naive() == local.date_naive() { "%H:%M %Z" } else { "%a %H:%M %Z" };
            clock.push(Span::styled(format!("  ·  your time {}", mine.format(fmt)), theme.dim()));
        }
    }
    let mut lines = vec![Line::from(clock)];
    if let Some(text) = now::phase_line(s, o) {
        lines.push(Line::styled(format!(" {text}"), theme.title()));
        let hint = match o.phase {
            Phase::After { .. } if !app.on_demand().is_empty() => {
                format!(" 4: your on-demand list ({} to watch) · @ go to a time during the conference", unwatched(app))
            }
            Phase::Empty => String::new(),
            _ => " @ go to a time (try one during the conference) · t the schedule at this time".to_string(),
        };
        if !hint.is_empty() {
            lines.push(Line::styled(hint, theme.dim()));
        }
    }
    if !app.agenda.attending(s).is_empty() || o.mine != Default::default() {
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
    let summary = Paragraph::new(lines).wrap(Wrap { trim: false });
    let summary_h = (summary.line_count(area.width) as u16).min(area.height / 2);
    let [top_area, list_area] = Layout::vertical([Constraint::Length(summary_h), Constraint::Min(0)]).areas(area);
    f.render_widget(summary, top_area);

    if matches!(o.phase, Phase::After { .. } | Phase::Empty) {
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    let bar_w = (area.width as usize).saturating_sub(40).clamp(10, 30);
    let mut selected_line = 0;
    // The selected talk's track heading, kept in view when scrolling back up.
    let mut selected_heading = 0;
    let mut pos = 0;
    let mut items = Vec::new();
    let hidden = o.tracks.len() - app.shown_tracks.len();
    if hidden > 0 || !app.agenda.filter.is_empty() {
        let mut text = format!(" showing {} of {} tracks", app.shown_tracks.len(), o.tracks.len());
        if !app.agenda.filter.is_empty() {
            // The Now view answers "what is on in these rooms": every live talk in them shows.
            text.push_str(&format!(", those where your filter ({}) leaves talks", app.agenda.filter.describe()));
        }
        text.push_str(" (f to change)");
        lines.push(Line::styled(text, theme.dim()));
    }
    for tn in o.tracks.iter().filter(|tn| app.column_of.get(tn.track).is_some_and(Option::is_some)) {
        lines.push(Line::from(""));
        let heading = lines.len();
        lines.push(Line::styled(format!(" {}", s.conference.tracks[tn.track]), theme.title()));
        match tn.live {
            Some(i) => {
                let t = &s.talks()[i];
                let sel = pos == app.now_cursor;
                if sel {
                    selected_line = lines.len();
                    selected_heading = heading;
                }
                items.push((lines.len(), Pick::Row(pos)));
                lines.push(talk_line(app, i, "● ", theme.live(), sel, theme));
                let p = now::progress(t, app.now);
                let filled = (p * bar_w as f64).round() as usize;
                lines.push(Line::from(vec![
                    Span::raw("     "),
                    Span::styled("█".repeat(filled), theme.live()),
                    Span::styled("░".repeat(bar_w - filled), theme.dim()),
                    Span::raw(format!(
                        " {:>3}% · {} left · {}",
                        (p * 100.0).round(),
                        timefmt::minutes(now::minutes_between(app.now, t.end)),
                        timefmt::range(s, t)
                    )),
                ]));
                pos += 1;
            }
            None => lines.push(Line::styled("     nothing on", theme.dim())),
        }
        match tn.next {
            Some(i) => {
                let sel = pos == app.now_cursor;
                if sel {
                    selected_line = lines.len();
                    selected_heading = heading;
                }
                items.push((lines.len(), Pick::Row(pos)));
                lines.push(talk_line(app, i, "next ", theme.dim(), sel, theme));
                pos += 1;
            }
            None => lines.push(Line::styled("     no more talks in this track", theme.dim())),
        }
    }
    let h = list_area.height as usize;
    let mut top = scroll_to(&app.list_top, selected_line, lines.len(), h);
    if selected_heading < top && selected_line - selected_heading < h {
        top = selected_heading;
        app.list_top.set(top);
    }
    super::clickable_rows(app, list_area, top, &items);
    let visible: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(visible), list_area);
}

fn unwatched(app: &App) -> usize {
    app.on_demand().iter().filter(|&&i| !app.agenda.is_watched(&app.schedule.talks()[i].id)).count()
}

/// `● ★ Title — Speakers · in 12 min` for a live or next talk.
fn talk_line<'a>(app: &App, index: usize, lead: &'a str, lead_style: Style, selected: bool, theme: &Theme) -> Line<'a> {
    let s = &app.schedule;
    let t: &Talk = &s.talks()[index];
    let (sym, sym_style) = match app.agenda.kind(&t.id) {
        Some(MarkKind::Attend) => ("★ ", theme.starred()),
        Some(MarkKind::OnDemand) => ("◷ ", theme.later()),
        None => ("", Style::new()),
    };
    let mut spans = vec![Span::raw(if selected { " ▶ " } else { "   " }), Span::styled(lead, lead_style)];
    // When it starts and how soon come first: they are what a narrow terminal must not cut.
    if t.start > app.now {
        let day = if s.local(t.start).date_naive() != s.local(app.now).date_naive() {
            format!("{} ", s.local(t.start).format("%a"))
        } else {
            String::new()
        };
        spans.push(Span::raw(format!("{day}{} ", timefmt::hm(s, t.start))));
        spans.push(Span::styled(format!("({}) ", now::until(app.now, t.start)), theme.dim()));
    }
    spans.push(Span::styled(sym, sym_style));
    let title_style = if sym.starts_with('★') { theme.starred() } else { Style::new() };
    spans.push(Span::styled(t.title.clone(), title_style));
    if app.clashes(index) {
        spans.push(Span::styled(" ⚠", theme.clash()));
    }
    if !t.speakers.is_empty() {
        spans.push(Span::styled(format!(" — {}", t.speakers.join(", ")), theme.dim()));
    }
    let line = Line::from(spans);
    if selected { line.style(theme.selected()) } else { line }
}
