//! Drawing: reads the App, never changes what the app means (only remembered scroll positions).

mod agenda;
mod detail;
mod filter_picker;
mod finder;
mod gaps;
mod grid;
mod grid_headers;
mod help;
mod now;
mod on_demand;
mod prompt;
mod talk_list;
pub mod text;

use super::app::{App, Pick};
use super::keys::{Keymap, footer_order};
use super::modal::Modal;
use super::state::View;
use super::status::Level;
use super::theme::Theme;
use crate::timefmt;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::cell::Cell;

/// The most lines a message takes at the bottom; a longer one ends in …
const FOOTER_MAX: usize = 4;

/// From this width the schedule shows the selected talk's details beside the grid.
const SIDE_PANE_FROM: u16 = 160;
const SIDE_PANE_WIDTH: u16 = 56;

pub fn draw(f: &mut Frame, app: &App) {
    app.clickable.borrow_mut().clear();
    app.links_drawn.borrow_mut().clear();
    let theme = Theme { color: !app.no_color, palette: app.palette };
    // A long status message (a clash, where a corrupt file went) gets a second line, not a cut.
    let status = match &app.modal {
        Some(Modal::Prompt(p)) => p.error.as_ref().map(|e| format!("⚠ {e}")),
        _ => app.status.text().map(|s| format!("{s}  (Esc dismisses)")),
    };
    // A long message (a warning and what the last key did) gets the lines it needs, up to 3.
    let footer_h = status.as_ref().map_or(1, |s| {
        text::wrap_line(&Line::from(format!(" {s}")), f.area().width as usize).len().clamp(1, FOOTER_MAX) as u16
    });
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(footer_h)]).areas(f.area());
    match app.view {
        View::Schedule => {
            let (main, side) = if body.width >= SIDE_PANE_FROM {
                let [m, s] = Layout::horizontal([Constraint::Min(0), Constraint::Length(SIDE_PANE_WIDTH)]).areas(body);
                (m, Some(s))
            } else {
                (body, None)
            };
            if app.schedule_view.list_mode {
                talk_list::draw(f, main, app, &theme);
            } else {
                grid::draw(f, main, app, &theme);
            }
            // Under a popup the side pane would show as scraps of text cut by its border.
            if let (Some(side), Some(i), None) = (side, app.schedule_view.current(&app.session), &app.modal) {
                detail::draw_pane(f, side, app, i, &theme);
            }
        }
        View::Now => now::draw(f, body, app, &theme),
        View::Agenda => agenda::draw(f, body, app, &theme),
        View::OnDemand => on_demand::draw(f, body, app, &theme),
    }
    // After the body: the header says which of the grid's columns are in view.
    header(f, top, app, &theme);
    footer(f, bottom, app, &theme);
    if app.modal.is_some() {
        // The view below a popup is dimmed: what shows of it at the popup's sides (a wide
        // screen's side pane, cut words) reads as background, not as text to make sense of.
        f.buffer_mut().set_style(body, ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::DIM));
    }
    match &app.modal {
        Some(Modal::Details { talk, scroll }) => detail::draw(f, body, app, *talk, *scroll, &theme),
        Some(Modal::Help { scroll }) => help::draw(f, f.area(), *scroll, &app.keymap, &theme, &app.scroll_max),
        Some(Modal::Finder(fd)) => finder::draw(f, body, app, fd, &theme),
        Some(Modal::Filter(p)) => filter_picker::draw(f, body, app, p, &theme),
        Some(Modal::Gaps(g)) => gaps::draw(f, body, app, g, &theme),
        Some(Modal::Prompt(p)) => prompt::draw(f, body, app, p, &theme),
        None => {}
    }
}

/// The header: where I am (conference, view, day, zone, rooms in view), what needs me (clashes,
/// a conference that is over) and the tabs. Parts give way in a fixed order as the width
/// shrinks: the conference name first, then tab names, then the date of time travel.
fn header(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.session.schedule;
    let zone = timefmt::zone(&s.local(zone_at(app)));
    let narrow = area.width < 100;
    let place = header_place(app, narrow);
    let left = |name: bool, short: bool| {
        let mut spans = vec![Span::raw(" ")];
        if name {
            spans.push(Span::raw(format!("{} │ ", s.conference.name)));
        }
        spans.push(Span::raw(format!("{place} │ {zone}")));
        spans.extend(header_notices(app, narrow, short, theme));
        Line::from(spans)
    };
    // The first layout that fits, from the fullest: (conference name, tab names, clock, short
    // notices). Each step gives up a few columns, so scrolling the rooms never makes the
    // header jump.
    let layouts = [
        (true, 2, 2, false),
        (false, 2, 2, false),
        (false, 1, 2, false),
        (false, 1, 1, false),
        (false, 1, 1, true),
        (false, 0, 1, false),
        (false, 0, 1, true),
        (false, 0, 0, true),
    ];
    let (l, r) = layouts
        .iter()
        .map(|&(name, names, clock, short)| (left(name, short), header_tabs(app, names, clock, theme)))
        .find(|(l, r)| l.width() + 1 + r.width() <= area.width as usize)
        .unwrap_or_else(|| (left(false, true), header_tabs(app, 0, 0, theme)));
    let w = (r.width() as u16).min(area.width);
    let lw = area.width - w;
    f.render_widget(Paragraph::new(text::fit(l, lw as usize)).style(theme.bar()), Rect { width: lw, ..area });
    // Each tab is clickable: the last four spans, in the views' order.
    let mut x = area.right() - w;
    let first_tab = r.spans.len().saturating_sub(View::ALL.len());
    let mut c = app.clickable.borrow_mut();
    for (n, span) in r.spans.iter().enumerate() {
        let sw = span.width() as u16;
        if n >= first_tab {
            c.push((Rect { x, width: sw, height: 1, ..area }, Pick::Tab(View::ALL[n - first_tab])));
        }
        x = x.saturating_add(sw);
    }
    drop(c);
    f.render_widget(Paragraph::new(r).style(theme.bar()), Rect { x: area.right() - w, width: w, ..area });
}

/// The moment whose zone abbreviation the header shows (PDT, CET...): that of the day shown,
/// right across DST.
fn zone_at(app: &App) -> chrono::DateTime<chrono::Utc> {
    let sess = &app.session;
    let s = &sess.schedule;
    match app.view {
        View::Schedule => s.talks().get(app.schedule_view.selected).map_or(sess.now, |t| t.start),
        View::Agenda => match app.agenda_view.current(sess.agenda_items()) {
            Some(super::session::Item::Talk(i)) => s.talks()[*i].start,
            _ => sess.now,
        },
        View::OnDemand => app.on_demand_view.current(sess.on_demand()).map_or(sess.now, |&i| s.talks()[i].start),
        View::Now => sess.now,
    }
}

/// Where I am: the view or the day shown, with the grid's rooms in view and whether a filter
/// hides talks.
fn header_place(app: &App, narrow: bool) -> String {
    let sess = &app.session;
    let s = &sess.schedule;
    let sv = &app.schedule_view;
    let mut place = match app.view {
        View::Schedule => match s.day_date(sv.day) {
            Some(d) if narrow => d.format("%a %-d %b").to_string(),
            Some(d) => format!("{} (day {}/{})", timefmt::day_label(d), sv.day + 1, s.day_count()),
            None => "no talks".into(),
        },
        View::Now => "now".into(),
        View::Agenda => "your agenda".into(),
        View::OnDemand => "to watch later".into(),
    };
    if app.view == View::Schedule && !sv.list_mode {
        let (first, shown, of) = sv.columns_shown.get();
        let label = sv.rooms.label();
        if shown < of && shown > 0 {
            let range = if shown == 1 { format!("{}", first + 1) } else { format!("{}-{}", first + 1, first + shown) };
            // In words at every width: "1-3/87" read as a date or a score to new users.
            place.push_str(&format!(" · {label} {range} of {of}"));
        } else if sv.rooms != crate::tui::state::Rooms::All {
            place.push_str(&format!(" · {label} ({of})"));
        }
    }
    if app.view == View::Schedule && sess.filtering() {
        place.push_str(" · filtered");
    }
    place
}

/// What needs me (clashes, a conference that is over), in full or short (a narrow header keeps
/// the tab names rather than the word "clashes").
fn header_notices(app: &App, narrow: bool, short: bool, theme: &Theme) -> Vec<Span<'static>> {
    let sess = &app.session;
    let mut notices: Vec<Span> = Vec::new();
    if sess.clash_count > 0 {
        let n = sess.clash_count;
        let text =
            if short { format!(" · ⚠ {n}") } else { format!(" · ⚠ {n} clash{}", if n == 1 { "" } else { "es" }) };
        notices.push(Span::styled(text, theme.clash().patch(theme.bar())));
    }
    if sess.is_over() {
        notices.push(Span::raw(if narrow { " · over (@)" } else { " · over: @ goes back in time" }));
    }
    if app.offline {
        notices.push(Span::raw(if short { " · offline" } else { " · ↻ offline (R retries)" }));
    }
    notices
}

/// The header's right side: the time travelled to (`clock`: 2 with its date, 1 short, 0 none)
/// and the tabs (`names`: 2 in full, 1 short, 0 only the current one's).
fn header_tabs(app: &App, names: u8, clock: u8, theme: &Theme) -> Line<'static> {
    let sess = &app.session;
    let s = &sess.schedule;
    // The clock's day is left out only where the header already says it.
    let same_day =
        app.view == View::Schedule && s.day_date(app.schedule_view.day) == Some(s.local(sess.now).date_naive());
    let clock_short = if same_day { "%H:%M" } else { "%a %H:%M" };
    let travel = sess.time_travel || sess.pinned.is_some();
    let mut spans = Vec::new();
    match clock {
        2 if travel => {
            spans.push(Span::styled(format!("⏱ {} ", s.local(sess.now).format("%a %-d %b %H:%M")), theme.title()))
        }
        1 if travel => spans.push(Span::styled(format!("⏱ {} ", s.local(sess.now).format(clock_short)), theme.title())),
        _ => {}
    }
    for (n, view) in View::ALL.into_iter().enumerate() {
        let on = app.view == view;
        let text = match names {
            2 => format!(" {} {} ", n + 1, view.name()),
            1 => format!("{} {} ", n + 1, view.short_name()),
            _ if on => format!("{} {} ", n + 1, view.short_name()),
            _ => format!("{} ", n + 1),
        };
        spans.push(if on { Span::styled(text, theme.title().patch(theme.selected())) } else { Span::raw(text) });
    }
    Line::from(spans)
}

fn footer(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(Modal::Prompt(p)) = &app.modal {
        match &p.error {
            Some(e) => {
                let lines = text::wrap_line(&Line::from(format!(" ⚠ {e}")), area.width as usize);
                f.render_widget(Paragraph::new(lines).style(theme.clash()), area)
            }
            None => {
                let keys = " Enter ok · Esc cancel · ←→ Home End move · Ctrl-U clear · Ctrl-W delete word";
                f.render_widget(
                    Paragraph::new(text::fit(Line::from(keys), area.width as usize)).style(theme.dim()),
                    area,
                );
            }
        }
        return;
    }
    if let Some(status) = app.status.text() {
        let style = match app.status.level() {
            Some(Level::Error) => theme.clash(),
            Some(Level::Notice) => theme.title(),
            _ => ratatui::style::Style::new(),
        };
        let hint = if app.status.level() > Some(Level::Info) { "  (Esc dismisses)" } else { "" };
        let mut lines = text::wrap_line(&Line::from(format!(" {status}{hint}")), area.width as usize);
        if lines.len() > area.height as usize && area.height > 0 {
            lines.truncate(area.height as usize);
            if let Some(last) = lines.last_mut() {
                *last = text::fit(Line::from(format!("{last}…")), area.width as usize);
            }
        }
        f.render_widget(Paragraph::new(lines).style(style), area);
        return;
    }
    f.render_widget(Paragraph::new(footer_keys(&app.keymap, app.view, area.width as usize, theme)), area);
}

/// The keys that matter in a view, most needed first, as many as fit; help and quit always.
pub fn footer_keys(keymap: &Keymap, view: View, width: usize, theme: &Theme) -> Line<'static> {
    let item = |a| Keymap::binding_of(a).and_then(|b| keymap.footer(b));
    let last: Vec<(String, &str)> =
        [super::keys::Action::Help, super::keys::Action::Quit].into_iter().filter_map(item).collect();
    let w =
        |items: &[(String, &str)]| items.iter().map(|(k, r)| Line::from(format!("{k} {r}  ")).width()).sum::<usize>();
    let mut items: Vec<(String, &str)> = Vec::new();
    let mut used = 1 + w(&last);
    for (k, r) in footer_order(view).iter().filter_map(|&a| item(a)) {
        let need = Line::from(format!("{k} {r}  ")).width();
        if used + need > width {
            break;
        }
        used += need;
        items.push((k, r));
    }
    items.extend(last);
    let mut spans = vec![Span::raw(" ")];
    for (label, rest) in items {
        spans.push(Span::styled(label, theme.key()));
        spans.push(Span::raw(format!(" {rest}  ")));
    }
    Line::from(spans)
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
/// Clear where a popup goes, and a column at each side of it: the view below would otherwise
/// show cut words of its own against the popup's border.
fn clear_popup(f: &mut Frame, rect: Rect) {
    let screen = f.area();
    let x = rect.x.saturating_sub(1).max(screen.x);
    let right = (rect.right() + 1).min(screen.right());
    f.render_widget(ratatui::widgets::Clear, Rect { x, width: right - x, ..rect });
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    // A strip of a few columns at each side shows cut words of the view below: take the width.
    let w = if w + 12 > area.width { area.width } else { w };
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
