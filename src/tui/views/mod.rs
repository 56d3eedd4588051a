//! Drawing: reads the App, never changes what the app means (only remembered scroll positions).

mod agenda;
mod detail;
mod filter_picker;
mod finder;
mod gaps;
mod grid;
mod help;
mod now;
mod on_demand;
mod prompt;
mod talk_list;

use super::app::{App, Overlay, Pick, View};
use super::keys::BINDINGS;
use super::theme::Theme;
use crate::timefmt;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::cell::Cell;

pub fn draw(f: &mut Frame, app: &App) {
    app.clickable.borrow_mut().clear();
    let theme = Theme { color: !app.no_color, palette: app.palette };
    // A long status message (a clash, where a corrupt file went) gets a second line, not a cut.
    let status_w = app.status.as_ref().map_or(0, |s| Line::from(s.as_str()).width() + 1);
    let footer_h = if status_w > f.area().width as usize { 2 } else { 1 };
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(footer_h)]).areas(f.area());
    header(f, top, app, &theme);
    match app.view {
        View::Schedule if app.list_mode => talk_list::draw(f, body, app, &theme),
        View::Schedule => grid::draw(f, body, app, &theme),
        View::Now => now::draw(f, body, app, &theme),
        View::Agenda => agenda::draw(f, body, app, &theme),
        View::OnDemand => on_demand::draw(f, body, app, &theme),
    }
    footer(f, bottom, app, &theme);
    match app.overlay {
        Overlay::Detail { talk } => detail::draw(f, body, app, talk, &theme),
        Overlay::Help => help::draw(f, f.area(), app.detail_scroll, &app.keymap, &theme),
        Overlay::None => {}
    }
    if let Some(fd) = &app.finder {
        finder::draw(f, body, app, fd, &theme);
    }
    if let Some(p) = &app.picker {
        filter_picker::draw(f, body, app, p, &theme);
    }
    if let Some(g) = &app.suggestions {
        gaps::draw(f, body, app, g, &theme);
    }
    if let Some(p) = &app.prompt {
        prompt::draw(f, body, app, p, &theme);
    }
}

fn header(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.schedule;
    // The zone's abbreviation on the shown day (PDT, CET...): short, and right across DST.
    let zone_at = match app.view {
        View::Schedule => s.talks().get(s.day_range(app.day).start).map_or(app.now, |t| t.start),
        _ => app.now,
    };
    let zone = s.local(zone_at).format("%Z").to_string();
    let place = match app.view {
        View::Schedule => match s.day_date(app.day) {
            Some(d) => format!("{} (day {}/{})", timefmt::day_label(d), app.day + 1, s.day_count()),
            None => "no talks".into(),
        },
        View::Now => "now".into(),
        View::Agenda => "your agenda".into(),
        View::OnDemand => "to watch later".into(),
    };
    let mut place = place;
    if app.view == View::Schedule && app.filtering() {
        place.push_str(" · filtered");
    }
    let left = format!(" {} │ {place} │ {zone}", s.conference.name);
    let mut travel = vec![];
    if app.time_travel || app.pinned.is_some() {
        travel.push(Span::styled(format!("⏱ {} ", s.local(app.now).format("%a %-d %b %H:%M")), theme.title()));
    }
    // Full tab names when they fit, else only the current one named.
    let tabs = |full: bool| {
        let mut spans = travel.clone();
        for (n, view) in View::ALL.into_iter().enumerate() {
            let on = app.view == view;
            let text = if full || on { format!(" {} {} ", n + 1, view.name()) } else { format!(" {} ", n + 1) };
            spans.push(if on { Span::styled(text, theme.title().patch(theme.bar())) } else { Span::raw(text) });
        }
        Line::from(spans)
    };
    let left_w = Line::from(left.as_str()).width() as u16;
    let short_travel: Vec<Span> = travel
        .first()
        .map(|_| Span::styled(format!("⏱ {} ", s.local(app.now).format("%H:%M")), theme.title()))
        .into_iter()
        .collect();
    let right = [tabs(true), tabs(false), Line::from(travel.clone()), Line::from(short_travel)]
        .into_iter()
        .find(|r| left_w + r.width() as u16 <= area.width)
        .unwrap_or_default();
    let w = right.width() as u16;
    f.render_widget(Paragraph::new(left).style(theme.bar()), Rect { width: area.width - w, ..area });
    f.render_widget(Paragraph::new(right).style(theme.bar()), Rect { x: area.right() - w, width: w, ..area });
}

fn footer(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(p) = &app.prompt {
        match &p.error {
            Some(e) => f.render_widget(Paragraph::new(format!(" ⚠ {e}")).style(theme.clash()), area),
            None => {
                let keys = " Enter ok · Esc cancel · ←→ Home End move · Ctrl-U clear · Ctrl-W delete word";
                f.render_widget(Paragraph::new(keys).style(theme.dim()), area);
            }
        }
        return;
    }
    if let Some(status) = &app.status {
        f.render_widget(Paragraph::new(format!(" {status}")).wrap(Wrap { trim: false }), area);
        return;
    }
    let relevant = |b: &&crate::tui::keys::Binding| b.views.is_empty() || b.views.contains(&app.view);
    let mut items: Vec<(String, &str)> =
        BINDINGS.iter().enumerate().filter(|(_, b)| relevant(b)).filter_map(|(i, _)| app.keymap.footer(i)).collect();
    // On a narrow terminal drop keys from the middle: "? help" and "q quit" always show.
    let width = |items: &[(String, &str)]| {
        1 + items.iter().map(|(k, r)| Line::from(format!("{k} {r}  ")).width()).sum::<usize>()
    };
    while width(&items) > area.width as usize && items.len() > 2 {
        items.remove(items.len() - 3);
    }
    let mut spans = vec![Span::raw(" ")];
    for (label, rest) in items {
        spans.push(Span::styled(label, theme.key()));
        spans.push(Span::raw(format!(" {rest}  ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The first line to show so that `selected` stays in a window of `height` lines (remembered in
/// `top` between frames so the view does not jump).
fn scroll_to(top: &Cell<usize>, selected: usize, total: usize, height: usize) -> usize {
    let mut t = top.get().min(total.saturating_sub(height));
    if selected < t {
        t = selected.saturating_sub(1);
    } else if selected >= t + height {
        t = selected + 1 - height;
    }
    top.set(t);
    t
}

/// Record the visible ones of a list view's selectable lines (line index, what it picks) for
/// the mouse, given the first line shown.
fn clickable_rows(app: &App, area: Rect, top: usize, items: &[(usize, Pick)]) {
    let mut c = app.clickable.borrow_mut();
    for &(line, pick) in items {
        if line >= top && line < top + area.height as usize {
            c.push((Rect { x: area.x, y: area.y + (line - top) as u16, width: area.width, height: 1 }, pick));
        }
    }
}

/// A rectangle of at most `w` x `h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
