//! The On-demand view: talks to watch later with their video links; watched ones sink.

use super::scroll_to;
use super::text::{fit, wrap_indented};
use crate::timefmt;
use crate::tui::app::{App, Pick};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.session.schedule;
    if app.session.on_demand().is_empty() {
        let text = vec![
            Line::from(""),
            Line::styled(" Nothing to watch later yet.", theme.title()),
            Line::from(
                " Press o on a talk you cannot attend, or r on a clash: the talk you give up lands here, \
                 with its video link, so nothing is forgotten after the conference.",
            ),
        ];
        f.render_widget(Paragraph::new(super::text::wrap_lines(&text, area.width as usize)), area);
        return;
    }
    let watched = app.session.on_demand().iter().filter(|&&i| app.session.agenda.is_watched(&s.talks()[i].id)).count();
    let mut lines = vec![Line::from(vec![
        Span::styled(" To watch on-demand", theme.title()),
        Span::styled(
            format!(
                "  ·  {} talk{}, {watched} watched",
                app.session.on_demand().len(),
                if app.session.on_demand().len() == 1 { "" } else { "s" }
            ),
            theme.dim(),
        ),
    ])];
    let mut selected_line = 0;
    let cursor = app.on_demand_view.position(app.session.on_demand());
    let w = area.width as usize;
    let mut items = Vec::new();
    for (pos, &i) in app.session.on_demand().iter().enumerate() {
        let t = &s.talks()[i];
        let done = app.session.agenda.is_watched(&t.id);
        let selected = pos == cursor;
        lines.push(Line::from(""));
        if selected {
            selected_line = lines.len();
        }
        items.push((lines.len(), Pick::Row(pos)));
        let text_style = if done { theme.dim() } else { ratatui::style::Style::new() };
        let line = Line::from(vec![
            Span::raw(if selected { " ▶ " } else { "   " }),
            Span::styled(if done { "[x] " } else { "[ ] " }, if done { theme.dim() } else { theme.later() }),
            Span::styled(
                format!(
                    "{} {}  {}  ",
                    timefmt::day_label(s.local(t.start).date_naive()),
                    timefmt::range_on_its_date(s, t),
                    s.room_name(t)
                ),
                theme.dim(),
            ),
            Span::styled(t.title.clone(), text_style),
            Span::styled(s.unusual_language(t).map(|l| format!(" [{l}]")).unwrap_or_default(), theme.dim()),
            Span::styled(
                if t.speakers.is_empty() { String::new() } else { format!(" — {}", t.speakers.join(", ")) },
                theme.dim(),
            ),
        ]);
        let line = fit(line, w);
        lines.push(if selected { line.style(theme.selected()) } else { line });
        let published = app.session.agenda.marks.get(&t.id).is_some_and(|m| m.seen.video_came_later(t) && !m.watched);
        lines.push(match &t.video {
            Some(v) => {
                let new = if published { Span::styled("🎬 new ", theme.live()) } else { Span::raw("") };
                fit(Line::from(vec![Span::raw("       "), new, Span::styled(v.clone(), theme.link())]), w)
            }
            None if t.unrecorded() => Line::styled("       ⚠ not recorded: attend it or miss it", theme.clash()),
            None => Line::styled("       no video link announced yet", theme.dim()),
        });
        if let Some(note) = app.session.agenda.note(&t.id) {
            lines.extend(wrap_indented(&format!("note: {note}"), w, "       ", theme.dim()));
        }
    }
    let top = scroll_to(&app.on_demand_view.top, selected_line, lines.len(), area.height as usize);
    super::clickable_rows(app, area, top, &items);
    let visible: Vec<Line> = lines.into_iter().skip(top).take(area.height as usize).collect();
    f.render_widget(Paragraph::new(visible), area);
}
