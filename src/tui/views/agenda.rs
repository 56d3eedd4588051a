//! The agenda view: my talks across days, clashes and free gaps, then the on-demand list.

use super::text::{fit, fit_flex, wrap_hanging, wrap_indented, wrap_line};
use crate::agenda::MarkKind;
use crate::agenda::listing::Row;
use crate::timefmt;
use crate::tui::app::{App, Pick};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.session.schedule;
    let w = area.width as usize;
    if app.session.agenda_rows().is_empty() {
        let text = vec![
            Line::from(""),
            Line::styled(" Your agenda is empty.", theme.title()),
            Line::from(" Star talks with s (or Space) in the schedule (1), or mark them o to watch on-demand."),
        ];
        f.render_widget(Paragraph::new(super::text::wrap_lines(&text, area.width as usize)), area);
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    if app.session.is_over() && !app.session.on_demand().is_empty() {
        lines.extend(wrap_indented(
            "The conference is over: what is left to watch comes first (4 for the on-demand list).",
            w,
            " ",
            theme.title(),
        ));
    }
    let mut selected_line = 0;
    let cursor = app.agenda_view.position(app.session.agenda_items());
    let mut talk_pos = 0;
    let mut items = Vec::new();
    for row in app.session.agenda_rows() {
        match row {
            Row::Day(d) => {
                if !lines.is_empty() {
                    lines.push(Line::from(""));
                }
                lines.push(Line::styled(format!(" {}", timefmt::day_label(*d)), theme.title()));
            }
            Row::OnDemandHeader => {
                if !lines.is_empty() {
                    lines.push(Line::from(""));
                }
                lines.push(Line::styled(" To watch on-demand", theme.title()));
            }
            Row::ChangesHeader => {
                lines.push(Line::styled(" Changed in the schedule since you marked them (x: noted)", theme.clash()))
            }
            Row::Changed(c) => {
                let selected = talk_pos == cursor;
                if selected {
                    selected_line = lines.len();
                }
                items.push((lines.len(), Pick::Row(talk_pos)));
                talk_pos += 1;
                let sym = if c.index.is_none() { "✗ " } else { "⟳ " };
                let text = crate::agenda::changes::describe(s, &app.session.agenda, c);
                // Wrapped, not cut: the new time and room are at the end, and they are the news.
                let line = Line::from(vec![Span::styled(sym, theme.clash()), Span::raw(text)]);
                for (n, part) in wrap_line(&line, w.saturating_sub(5).max(1)).into_iter().enumerate() {
                    let lead = match n {
                        0 if selected => " ▶ ",
                        0 => "   ",
                        _ => "     ",
                    };
                    let mut spans = vec![Span::raw(lead)];
                    spans.extend(part.spans);
                    let part = Line::from(spans);
                    lines.push(if selected { part.style(theme.selected()) } else { part });
                }
                if c.index.is_none()
                    && let Some(note) = app.session.agenda.note(&c.id)
                {
                    lines.extend(wrap_indented(&format!("note: {note}"), w, "        ", theme.dim()));
                }
            }
            Row::Gap { from, to } => lines.push(fit(
                Line::styled(
                    format!(
                        "   {}  ·· {} free ··",
                        timefmt::hm(s, *from),
                        timefmt::minutes((*to - *from).num_minutes())
                    ),
                    theme.dim(),
                ),
                w,
            )),
            Row::Talk { index, mark, clashes_with } => {
                let t = &s.talks()[*index];
                let when = match mark {
                    MarkKind::Attend => timefmt::range(s, t),
                    MarkKind::OnDemand => format!("{}  {}", s.local(t.start).format("%a"), timefmt::hm(s, t.start)),
                };
                let (sym, sym_style) = match mark {
                    MarkKind::Attend => ("★", theme.starred()),
                    MarkKind::OnDemand if app.session.agenda.is_watched(&t.id) => ("☑", theme.dim()),
                    MarkKind::OnDemand => ("◷", theme.later()),
                };
                let arrow = if talk_pos == cursor { " ▶ " } else { "   " };
                let mut spans = vec![
                    Span::raw(format!("{arrow}{when}  ")),
                    Span::styled(sym, sym_style),
                    Span::raw(format!(" {}", t.title)),
                    Span::styled(format!("  {}", s.track_name(t)), theme.dim()),
                ];
                if !clashes_with.is_empty() {
                    spans.insert(3, Span::styled(" ⚠", theme.clash()));
                }
                // The room is where to walk: the speakers give way first, then the title.
                let with_speakers = {
                    let mut v = spans.clone();
                    if !t.speakers.is_empty() {
                        v.push(Span::styled(format!(" · {}", t.speakers.join(", ")), theme.dim()));
                    }
                    Line::from(v)
                };
                let mut line = if with_speakers.width() <= w || Line::from(spans.clone()).width() + 12 <= w {
                    fit(with_speakers, w)
                } else {
                    fit_flex(Line::from(spans), 2, w)
                };
                if talk_pos == cursor {
                    line = line.style(theme.selected());
                    selected_line = lines.len();
                }
                items.push((lines.len(), Pick::Row(talk_pos)));
                talk_pos += 1;
                lines.push(line);
                // Two clashes said in full; more would push the rest of the day off an 80x24
                // screen (details list them all).
                let said = if clashes_with.len() > 2 { 1 } else { clashes_with.len() };
                for &j in &clashes_with[..said] {
                    let text = format!("        ⚠ clashes with {}", timefmt::talk_ref(s, &s.talks()[j]));
                    lines.extend(wrap_hanging(&Line::styled(text, theme.clash()), w, 10));
                }
                if clashes_with.len() > said {
                    let text = format!("        ⚠ and {} more clashes (Enter lists them)", clashes_with.len() - said);
                    lines.push(fit(Line::styled(text, theme.clash()), w));
                }
                if *mark == MarkKind::OnDemand
                    && let Some(v) = &t.video
                {
                    lines.push(fit(Line::styled(format!("        {v}"), theme.link()), w));
                }
                if let Some(note) = app.session.agenda.note(&t.id) {
                    lines.extend(wrap_indented(&format!("note: {note}"), w, "        ", theme.dim()));
                }
            }
        }
    }
    let h = area.height as usize;
    let top = super::scroll_to(&app.agenda_view.top, selected_line, lines.len(), h);
    super::clickable_rows(app, area, top, &items);
    let visible: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(visible), area);
}
