//! The compact list (`v`): the day's talks in time order, one line each, for conferences with
//! more rooms than columns fit.

use super::scroll_to;
use crate::agenda::MarkKind;
use crate::timefmt;
use crate::tui::app::{App, Pick};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.session.schedule;
    let rows = app.session.list_rows(app.schedule_view.day);
    if rows.is_empty() {
        f.render_widget(Paragraph::new(" No talks on this day pass the filter (f to change)."), area);
        return;
    }
    let tw = app
        .session
        .shown_tracks
        .iter()
        .map(|&t| Line::from(s.conference.rooms[t].as_str()).width())
        .max()
        .unwrap_or(0)
        // On a narrow terminal the title gets the room: a long room name gives way with …
        .min(if area.width < 100 { 14 } else { 24 });
    // The selected talk may have just left the list (unstarred with "starred only"): then no
    // line is marked, rather than one the keys would not act on.
    let position = rows.iter().position(|&i| i == app.schedule_view.selected);
    let selected = position.unwrap_or(usize::MAX);
    let h = area.height as usize;
    let top = scroll_to(&app.schedule_view.list_top, position.unwrap_or(0), rows.len(), h);
    let star_x = area.x + 3 + 11 + 2 + tw as u16 + 2;
    {
        let mut c = app.clickable.borrow_mut();
        for (pos, &i) in rows.iter().enumerate().skip(top).take(h) {
            let y = area.y + (pos - top) as u16;
            c.push((Rect { x: area.x, y, width: area.width, height: 1 }, Pick::Talk(i)));
            c.push((Rect { x: star_x, y, width: 1, height: 1 }, Pick::Star(i)));
        }
    }
    // A night talk's time says its weekday ("Sat 00:15-00:55"): the column is as wide as the
    // widest time in view, so titles stay in line.
    let time_w = rows.iter().skip(top).take(h).map(|&i| timefmt::range(s, &s.talks()[i]).chars().count()).max();
    let time_w = time_w.unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(top)
        .take(h)
        .map(|(pos, &i)| {
            let t = &s.talks()[i];
            let past = t.end <= app.session.now;
            let live = t.start <= app.session.now && !past;
            let mark = app.session.agenda.kind(&t.id);
            let (sym, sym_style) = match mark {
                Some(MarkKind::Attend) => ("★", theme.starred()),
                Some(MarkKind::OnDemand) => ("◷", theme.later()),
                None => (" ", Style::new()),
            };
            let track = super::text::ellipsize(s.room_name(t), tw);
            let pad = tw.saturating_sub(Line::from(track.as_str()).width());
            let mut spans = vec![
                Span::raw(if pos == selected { " ▶ " } else { "   " }),
                Span::styled(
                    format!("{:<time_w$}", timefmt::range(s, t)),
                    if past { theme.dim() } else { theme.title() },
                ),
                Span::styled(format!("  {track}{}  ", " ".repeat(pad)), theme.dim()),
                Span::styled(sym, sym_style),
                Span::styled(if live { "●" } else { " " }, theme.live()),
                Span::styled(if app.session.clashes(i) { "⚠ " } else { "  " }, theme.clash()),
                Span::styled(
                    t.title.clone(),
                    if mark == Some(MarkKind::Attend) { theme.starred() } else { Style::new() },
                ),
            ];
            if let Some(l) = s.unusual_language(t) {
                spans.push(Span::styled(format!(" [{l}]"), theme.dim()));
            }
            if !t.speakers.is_empty() {
                spans.push(Span::styled(format!(" — {}", t.speakers.join(", ")), theme.dim()));
            }
            let line = super::text::fit(Line::from(spans), area.width as usize);
            if pos == selected {
                line.style(theme.selected())
            } else if past {
                line.style(theme.dim())
            } else {
                line
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}
