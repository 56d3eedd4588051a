//! Drawing: reads the App, never changes what the app means (only remembered scroll positions).

mod agenda;
mod detail;
mod grid;
mod help;

use super::app::{App, Overlay, View};
use super::keys::{Action, BINDINGS};
use super::theme::Theme;
use crate::timefmt;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(f: &mut Frame, app: &App) {
    let theme = Theme { color: !app.no_color };
    // A long status message (a clash, where a corrupt file went) gets a second line, not a cut.
    let status_w = app.status.as_ref().map_or(0, |s| Line::from(s.as_str()).width() + 1);
    let footer_h = if status_w > f.area().width as usize { 2 } else { 1 };
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(footer_h)]).areas(f.area());
    header(f, top, app, &theme);
    match app.view {
        View::Schedule => grid::draw(f, body, app, &theme),
        View::Agenda => agenda::draw(f, body, app, &theme),
    }
    footer(f, bottom, app, &theme);
    match app.overlay {
        Overlay::Detail { talk } => detail::draw(f, body, app, talk, &theme),
        Overlay::Help => help::draw(f, f.area(), &theme),
        Overlay::None => {}
    }
}

fn header(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.schedule;
    // The zone's abbreviation on the shown day (PDT, CET...): short, and right across DST.
    let zone = s
        .talks()
        .get(s.day_range(app.day).start)
        .map(|t| s.local(t.start).format("%Z").to_string())
        .unwrap_or_default();
    let place = match app.view {
        View::Agenda => "your agenda".to_string(),
        View::Schedule => match s.day_date(app.day) {
            Some(d) => format!("{} (day {}/{})", timefmt::day_label(d), app.day + 1, s.day_count()),
            None => "no talks".into(),
        },
    };
    let left = format!(" {} │ {place} │ {zone}", s.conference.name);
    let mut right = vec![];
    if app.time_travel {
        right.push(Span::raw(format!("⏱ {} ", s.local(app.now).format("%a %H:%M"))));
    }
    for (key, name, view) in [("1", "Schedule", View::Schedule), ("3", "Agenda", View::Agenda)] {
        let text = format!(" {key} {name} ");
        right.push(if app.view == view {
            Span::styled(text, theme.title().patch(theme.bar()))
        } else {
            Span::raw(text)
        });
    }
    let right = Line::from(right);
    // The left side says where you are; the view tabs only show when both fit.
    let w = right.width() as u16;
    let w = if Line::from(left.as_str()).width() as u16 + w <= area.width { w } else { 0 };
    f.render_widget(Paragraph::new(left).style(theme.bar()), Rect { width: area.width - w, ..area });
    f.render_widget(Paragraph::new(right).style(theme.bar()), Rect { x: area.right() - w, width: w, ..area });
}

fn footer(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(status) = &app.status {
        f.render_widget(Paragraph::new(format!(" {status}")).wrap(Wrap { trim: false }), area);
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    let relevant = |b: &&crate::tui::keys::Binding| app.view == View::Schedule || b.action != Action::PrevDay;
    for (label, rest) in BINDINGS.iter().filter(relevant).filter_map(|b| b.footer).filter_map(|t| t.split_once(' ')) {
        spans.push(Span::styled(label, theme.key()));
        spans.push(Span::raw(format!(" {rest}  ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A rectangle of at most `w` x `h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
