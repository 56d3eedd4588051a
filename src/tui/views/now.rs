//! The Now view: for every track the live talk with its progress and the next one, and above
//! them where the person's own starred talks are.

use super::scroll_to;
use super::text::{fit, wrap_indented};
use crate::agenda::MarkKind;
use crate::now::{self, Overview, Phase, TrackNow};
use crate::schedule::Talk;
use crate::timefmt;
use crate::tui::app::{App, Pick};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The room list's lines as they are built, with where the cursor's talk and its room heading
/// landed and which lines a click picks a talk on.
struct RoomList {
    lines: Vec<Line<'static>>,
    items: Vec<(usize, Pick)>,
    selected_line: usize,
    /// The selected talk's room heading, kept in view when scrolling back up.
    selected_heading: usize,
    /// The next talk's position in the list, and the cursor's.
    pos: usize,
    cursor: usize,
    w: usize,
    bar_w: usize,
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let o = app.session.overview();
    // The summary wraps (it names whole titles); the track list below it scrolls.
    let summary = super::text::wrap_lines(&summary_lines(app, o, theme), area.width as usize);
    let summary_h = (summary.len() as u16).min(area.height / 2);
    let summary = Paragraph::new(summary);
    let [top_area, list_area] = Layout::vertical([Constraint::Length(summary_h), Constraint::Min(0)]).areas(area);
    f.render_widget(summary, top_area);

    if matches!(o.phase, Phase::After { .. } | Phase::Empty) {
        return;
    }
    let list = room_list(app, o, area.width as usize, theme);
    let top = scroll_list(app, &list, list_area.height as usize);
    super::clickable_rows(app, list_area, top, &list.items);
    let visible: Vec<Line> = list.lines.into_iter().skip(top).take(list_area.height as usize).collect();
    f.render_widget(Paragraph::new(visible), list_area);
}

/// The clock (and mine when I am elsewhere), where the conference is at, and where my starred
/// talks are.
fn summary_lines(app: &App, o: &Overview, theme: &Theme) -> Vec<Line<'static>> {
    let s = &app.session.schedule;
    let local = s.local(app.session.now);
    let mut clock =
        vec![Span::styled(format!(" {} {}", local.format("%a %-d %b %H:%M"), timefmt::zone(&local)), theme.title())];
    if let Some(user) = app.session.user_tz {
        let mine = app.session.now.with_timezone(&user);
        if mine.naive_local() != local.naive_local() {
            let fmt = if mine.date_naive() == local.date_naive() { "%H:%M" } else { "%a %H:%M" };
            clock.push(Span::styled(
                format!("  ·  your time {} {}", mine.format(fmt), timefmt::zone(&mine)),
                theme.dim(),
            ));
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
    lines
}

/// The rooms in sections (mine, busy, quiet), after a note of the rooms the filter leaves out
/// and before a line on the quiet rooms folded away (or listed).
fn room_list(app: &App, o: &Overview, w: usize, theme: &Theme) -> RoomList {
    let sess = &app.session;
    let listed = sess.now_talks(app.now_view.all_rooms);
    let cursor = app.now_view.list.position(&listed);
    let bar_w = w.saturating_sub(40).clamp(10, 30);
    let mut list = RoomList {
        lines: Vec::new(),
        items: Vec::new(),
        selected_line: 0,
        selected_heading: 0,
        pos: 0,
        cursor,
        w,
        bar_w,
    };
    let hidden = o.tracks.len() - sess.shown_tracks.len();
    if hidden > 0 || !sess.agenda.filter.is_empty() {
        let mut text = format!(" showing {} of {} rooms", sess.shown_tracks.len(), o.tracks.len());
        if !sess.agenda.filter.is_empty() {
            // The Now view answers "what is on in these rooms": every live talk in them shows.
            text.push_str(&format!(", those where your filter ({}) leaves talks", sess.agenda.filter.describe()));
        }
        text.push_str(" (f to change)");
        list.lines.extend(wrap_indented(&text, w, " ", theme.dim()));
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
        list.lines.push(Line::from(""));
        let n = group.len();
        let section = list.lines.len();
        list.lines.push(Line::styled(format!(" {title} · {n} room{}", if n == 1 { "" } else { "s" }), theme.dim()));
        for (k, &p) in group.iter().enumerate() {
            // Scrolling back to a section's first room brings its title (and the blank line
            // before it) back into view too.
            let heading = if k == 0 { section.saturating_sub(1) } else { list.lines.len() };
            list.room(app, &o.tracks[p], heading, theme);
        }
    }
    if !lists_quiet || (app.now_view.all_rooms && !sess.lists_quiet(false)) {
        list.lines.push(Line::from(""));
        let n = rooms.quiet.len();
        let text = if lists_quiet {
            format!("{n} quiet room{} listed last: A folds them again", if n == 1 { "" } else { "s" })
        } else {
            format!(
                "+ {n} room{} with nothing on and nothing in the next 30 min: A shows them",
                if n == 1 { "" } else { "s" }
            )
        };
        list.lines.extend(wrap_indented(&text, w, " ", theme.dim()));
    }
    list
}

impl RoomList {
    /// One room: its name, the live talk with its progress, then the next one; nothing on, the
    /// next line says when something is (or that nothing more is). `heading` is the line to
    /// bring back into view with its talks.
    fn room(&mut self, app: &App, tn: &TrackNow, heading: usize, theme: &Theme) {
        let (s, w) = (&app.session.schedule, self.w);
        self.lines.push(fit(Line::styled(format!("  {}", s.conference.rooms[tn.track]), theme.track(tn.track)), w));
        let live = tn.live.map(|i| (i, "● ", theme.live()));
        let next = tn.next.map(|i| (i, "next ", theme.dim()));
        for (i, lead, lead_style) in live.into_iter().chain(next) {
            let sel = self.pos == self.cursor;
            if sel {
                self.selected_line = self.lines.len();
                self.selected_heading = heading;
            }
            self.items.push((self.lines.len(), Pick::Row(self.pos)));
            self.lines.push(fit(talk_line(app, i, lead, lead_style, sel, theme), w));
            self.pos += 1;
            if tn.live == Some(i) {
                self.lines.push(fit(progress_line(app, &s.talks()[i], self.bar_w, theme), w));
            }
        }
        match (tn.live, tn.next) {
            (_, Some(_)) => {}
            (None, None) => self.lines.push(Line::styled("     nothing more in this room", theme.dim())),
            (Some(_), None) => self.lines.push(Line::styled("     no more talks in this room", theme.dim())),
        }
    }
}

/// A live talk's progress: `█████░░░  40% · 18 min left · 10:00-10:30`.
fn progress_line(app: &App, t: &Talk, bar_w: usize, theme: &Theme) -> Line<'static> {
    let p = now::progress(t, app.session.now);
    let filled = (p * bar_w as f64).round() as usize;
    Line::from(vec![
        Span::raw("     "),
        Span::styled("█".repeat(filled), theme.live()),
        Span::styled("░".repeat(bar_w - filled), theme.dim()),
        Span::raw(format!(
            " {:>3}% · {} left · {}",
            (p * 100.0).round(),
            timefmt::minutes(now::minutes_between(app.session.now, t.end)),
            timefmt::range_on(&app.session.schedule, t, app.session.schedule.local(app.session.now).date_naive())
        )),
    ])
}

/// The first line of the room list to show in `h` lines, keeping the selected talk (and, when
/// it fits, its room heading) in view; remembered for the next frame.
fn scroll_list(app: &App, list: &RoomList, h: usize) -> usize {
    let (cursor, pos, selected_line) = (list.cursor, list.pos, list.selected_line);
    // On the last talk, the lines after it (the fold line) come into view too.
    let target = if pos > 0 && cursor + 1 == pos { list.lines.len() - 1 } else { selected_line };
    let mut top = scroll_to(&app.now_view.list.top, target, list.lines.len(), h);
    if selected_line < top {
        top = selected_line;
        app.now_view.list.top.set(top);
    }
    if cursor == 0 {
        top = 0;
        app.now_view.list.top.set(0);
    } else if list.selected_heading < top && selected_line - list.selected_heading < h {
        top = list.selected_heading;
        app.now_view.list.top.set(top);
    }
    top
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
    if let Some(l) = s.unusual_language(t) {
        spans.push(Span::styled(format!(" [{l}]"), theme.dim()));
    }
    if app.session.clashes(index) {
        spans.push(Span::styled(" ⚠", theme.clash()));
    }
    if !t.speakers.is_empty() {
        spans.push(Span::styled(format!(" — {}", t.speakers.join(", ")), theme.dim()));
    }
    let line = Line::from(spans);
    if selected { line.style(theme.selected()) } else { line }
}
