//! The schedule grid: tracks side by side on a time axis, one day at a time.

use crate::agenda::MarkKind;
use crate::schedule::{Schedule, Talk};
use crate::timefmt;
use crate::tui::app::{App, Pick};
use crate::tui::theme::Theme;
use chrono::{DateTime, Duration, Timelike, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use std::ops::Range;

use super::grid_headers::AXIS;
const MIN_COL: u16 = 24;
const MINUTES_PER_ROW: i64 = 5;

/// Where this frame's grid falls on screen: which tracks' columns and which rows are in view.
struct Grid<'a> {
    area: Rect,
    /// The day's tracks, one per column, in order.
    cols: &'a [usize],
    /// Each track's column on this day, by track.
    column_of: Vec<Option<usize>>,
    /// The first column in view, and how many fit.
    first: usize,
    visible: usize,
    col_w: u16,
    rows: Rows,
    /// The first row in view, and how many rows the body (below the track names) has.
    top: u16,
    body_h: u16,
}

impl Grid<'_> {
    /// The column a track's talks go in, if it has one today.
    fn column(&self, track: usize) -> Option<usize> {
        self.column_of.get(track).copied().flatten()
    }

    /// How many rows of the day are drawn from `top` down.
    fn rows_shown(&self) -> u16 {
        self.body_h.min(self.rows.total().saturating_sub(self.top))
    }
}

/// The day's vertical geometry: one row per five minutes from the half hour before the first
/// talk.
struct Rows {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Rows {
    /// The rows for a day's talks (in start order, at least one).
    fn of_day(s: &Schedule, talks: &[Talk]) -> Rows {
        let local0 = s.local(talks[0].start);
        let start = talks[0].start
            - Duration::minutes((local0.minute() % 30) as i64)
            - Duration::seconds(local0.second() as i64);
        let end = talks.iter().map(|t| t.end).max().unwrap_or(start);
        Rows { start, end }
    }

    /// The row a moment falls in.
    fn row_of(&self, t: DateTime<Utc>) -> u16 {
        ((t - self.start).num_minutes().max(0) / MINUTES_PER_ROW) as u16
    }

    /// The first row after a box ending at `t` (a part-filled row counts as taken).
    fn row_end(&self, t: DateTime<Utc>) -> u16 {
        ((t - self.start).num_minutes().max(0) + MINUTES_PER_ROW - 1) as u16 / MINUTES_PER_ROW as u16
    }

    /// The rows a talk's box spans: at least one.
    fn span(&self, t: &Talk) -> (u16, u16) {
        (self.row_of(t.start), self.row_end(t.end).max(self.row_of(t.start) + 1))
    }

    /// Rows from the day's start to the end of its last talk.
    fn total(&self) -> u16 {
        self.row_end(self.end)
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.session.schedule;
    let range = s.day_range(app.schedule_view.day);
    if area.height < 2 || area.width <= AXIS {
        return;
    }
    if range.is_empty() {
        f.render_widget(Paragraph::new(" This schedule has no talks."), area);
        return;
    }
    // The hours on screen first: the rooms with a talk in them may be all that is shown.
    let rows = Rows::of_day(s, &s.talks()[range.clone()]);
    let body_h = area.height - 1;
    let top = scroll_rows(app, &rows, body_h);
    let at = |row: u16| rows.start + Duration::minutes(i64::from(row) * MINUTES_PER_ROW);
    app.schedule_view.window.set(Some((at(top), at(top + body_h))));
    let cols = app.schedule_view.columns(&app.session);
    let mut column_of = vec![None; s.conference.rooms.len()];
    for (c, &t) in cols.iter().enumerate() {
        column_of[t] = Some(c);
    }
    let (first, visible) = scroll_columns(app, area, &cols, &column_of);
    let col_w = (area.width - AXIS) / visible as u16;
    let g = Grid { area, cols: &cols, column_of, first, visible, col_w, rows, top, body_h };

    super::grid_headers::draw(f, g.area, g.cols, (g.first, g.visible, g.col_w), app, theme);
    draw_time_axis(f, &g, app, theme);
    if !app.session.admitted.is_empty() && !range.clone().any(|i| app.session.is_shown(i)) {
        let msg =
            format!(" Nothing on this day passes the filter: {} (f to change).", app.session.agenda.filter.describe());
        f.render_widget(Paragraph::new(msg).style(theme.dim()), Rect { y: area.y + 1, height: 1, ..area });
        return;
    }
    draw_column_rules(f, &g, theme);
    draw_talks(f, &g, app, range, theme);
}

/// The first column in view and how many fit, scrolled sideways just enough to show the
/// selected talk's track; remembered for the next frame and for the header.
fn scroll_columns(app: &App, area: Rect, cols: &[usize], column_of: &[Option<usize>]) -> (usize, usize) {
    let s = &app.session.schedule;
    let n = cols.len().max(1);
    let visible = (((area.width - AXIS) / MIN_COL) as usize).clamp(1, n);
    let sel_track = column_of.get(s.talks()[app.schedule_view.selected].room).copied().flatten().unwrap_or(0);
    let mut first = app.schedule_view.first_column.get().min(n - visible);
    if sel_track < first {
        first = sel_track;
    } else if sel_track >= first + visible {
        first = sel_track + 1 - visible;
    }
    app.schedule_view.first_column.set(first);
    app.schedule_view.columns_shown.set((first, visible.min(cols.len()), cols.len()));
    (first, visible)
}

/// The first row in view, scrolled just enough to show the selected talk (remembered for the
/// next frame).
fn scroll_rows(app: &App, rows: &Rows, body_h: u16) -> u16 {
    let s = &app.session.schedule;
    let sel = &s.talks()[app.schedule_view.selected];
    let (sy0, sy1) = rows.span(sel);
    let mut top = app.schedule_view.grid_top.get();
    let now = app.session.now;
    if sy1 - sy0 > body_h {
        // Taller than the screen (an infodesk open all day): while it is on, keep "now" in
        // sight; else stay inside it, from its start.
        let inside = sy0.saturating_sub(1)..=sy1.saturating_sub(body_h);
        if sel.start <= now && now < sel.end {
            let now_row = rows.row_of(now);
            if now_row < top || now_row >= top + body_h || !inside.contains(&top) {
                top = now_row.saturating_sub(body_h / 3).clamp(*inside.start(), *inside.end());
            }
        } else if !inside.contains(&top) {
            top = *inside.start();
        }
    } else if sy0 < top {
        top = sy0.saturating_sub(1);
    } else if sy1 > top + body_h {
        top = sy1 - body_h;
    }
    top = top.min(rows.total().saturating_sub(body_h));
    app.schedule_view.grid_top.set(top);
    top
}

/// Time axis; the row holding "now" is marked.
fn draw_time_axis(f: &mut Frame, g: &Grid, app: &App, theme: &Theme) {
    let s = &app.session.schedule;
    let (area, top, rows) = (g.area, g.top, &g.rows);
    let now_row = (app.session.now >= rows.start && app.session.now < rows.end).then(|| rows.row_of(app.session.now));
    for r in 0..g.rows_shown() {
        let t = rows.start + Duration::minutes((top + r) as i64 * MINUTES_PER_ROW);
        let rect = Rect { x: area.x, y: area.y + 1 + r, width: AXIS - 1, height: 1 };
        if now_row == Some(top + r) {
            f.render_widget(Paragraph::new("now▸").style(theme.live()), rect);
        } else if s.local(t).minute().is_multiple_of(15) {
            let style = if s.local(t).minute() == 0 { theme.title() } else { theme.dim() };
            // Midnight inside a conference day (a night session) is where the date turns.
            let night = s.local(t).date_naive() != s.date_of(t) && s.local(t).hour() == 0 && s.local(t).minute() == 0;
            let label = if night { s.local(t).format("%a").to_string() } else { timefmt::hm(s, t) };
            f.render_widget(Paragraph::new(label).style(style), rect);
        }
    }
}

/// Faint rules between the columns: a room with nothing in view still has its place under
/// its name, and talks never seem to sit under a neighbour's heading.
fn draw_column_rules(f: &mut Frame, g: &Grid, theme: &Theme) {
    let (area, rows) = (g.area, g.rows_shown());
    let buf = f.buffer_mut();
    for c in 1..g.visible.min(g.cols.len()) {
        let x = area.x + AXIS + c as u16 * g.col_w - 1;
        for y in area.y + 1..area.y + 1 + rows {
            buf[(x, y)].set_symbol("┆").set_style(theme.dim());
        }
    }
}

/// The boxes of the day's talks in view (`range`: the day's talks), each clickable, with its
/// star clickable on its own.
fn draw_talks(f: &mut Frame, g: &Grid, app: &App, range: Range<usize>, theme: &Theme) {
    let s = &app.session.schedule;
    let talks = &s.talks()[range.clone()];
    let (area, first, top, body_h) = (g.area, g.first, g.top, g.body_h);
    let drawn = |offset: usize| {
        let index = range.start + offset;
        index == app.schedule_view.selected || app.session.is_shown(index)
    };
    let lane = lanes(talks, s.conference.rooms.len(), drawn);
    for (offset, t) in talks.iter().enumerate() {
        let index = range.start + offset;
        let Some(col) = g.column(t.room).filter(|&c| c >= first && c < first + g.visible) else { continue };
        // The selected talk stays drawn when it stops passing the filter (just unstarred).
        if index != app.schedule_view.selected && !app.session.is_shown(index) {
            continue;
        }
        let (y0, y1) = g.rows.span(t);
        if y1 <= top || y0 >= top + body_h {
            continue;
        }
        let hidden = top.saturating_sub(y0);
        let y = area.y + 1 + y0.max(top) - top;
        let height = (y1.min(top + body_h) - y0.max(top)).max(1);
        // Talks overlapping within one track share its column side by side.
        let (lane, lanes) = lane[offset];
        let lane_w = g.col_w / lanes.max(1) as u16;
        let x = area.x + AXIS + (col - first) as u16 * g.col_w + lane as u16 * lane_w;
        let rect = Rect { x, y, width: lane_w.saturating_sub(1).max(1).min(area.right().saturating_sub(x)), height };
        talk_box(f, rect, app, index, theme);
        let mut c = app.clickable.borrow_mut();
        c.push((rect, Pick::Talk(index)));
        if hidden == 0 && rect.width > 1 {
            // The star sits after "▶ " (when selected) and the time.
            let lead = if index == app.schedule_view.selected { 2 } else { 0 };
            let time = time_label(s, t, lead, rect).chars().count() as u16;
            let dx = 1 + lead + time + 1;
            if dx < rect.width {
                c.push((Rect { x: rect.x + dx, width: 1, height: 1, ..rect }, Pick::Star(index)));
            }
        }
    }
}

/// Per talk of the day: its lane, and how many lanes its cluster needs (the talks of its track
/// that overlap it, directly or through each other). A talk that overlaps nothing has the whole
/// column, whatever happens later that day; a talk not `shown` (filtered out) takes no lane.
/// Talks come in start order.
fn lanes(talks: &[crate::schedule::Talk], tracks: usize, shown: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    struct Cluster {
        /// When each lane is free again.
        ends: Vec<DateTime<Utc>>,
        members: Vec<usize>,
        end: DateTime<Utc>,
    }
    fn close(c: Cluster, out: &mut [(usize, usize)]) {
        for m in c.members {
            out[m].1 = c.ends.len();
        }
    }
    let mut out = vec![(0, 1); talks.len()];
    let mut open: Vec<Option<Cluster>> = (0..tracks).map(|_| None).collect();
    for (i, t) in talks.iter().enumerate() {
        if !shown(i) {
            continue;
        }
        let slot = &mut open[t.room];
        if let Some(c) = slot.take_if(|c| c.end <= t.start) {
            close(c, &mut out);
        }
        let c = slot.get_or_insert_with(|| Cluster { ends: Vec::new(), members: Vec::new(), end: t.start });
        let lane = match c.ends.iter().position(|&end| end <= t.start) {
            Some(l) => {
                c.ends[l] = t.end;
                l
            }
            None => {
                c.ends.push(t.end);
                c.ends.len() - 1
            }
        };
        c.members.push(i);
        c.end = c.end.max(t.end);
        out[i].0 = lane;
    }
    for c in open.into_iter().flatten() {
        close(c, &mut out);
    }
    out
}

/// A box's time after `lead` columns ("▶ "): a lane too narrow for "15:30-16:00" shows when it
/// starts, whole, not a cut range.
fn time_label(s: &crate::schedule::Schedule, t: &crate::schedule::Talk, lead: u16, rect: Rect) -> String {
    let range = timefmt::range(s, t);
    if usize::from(lead) + range.chars().count() > usize::from(rect.width.saturating_sub(1)) {
        timefmt::at(s, t.start)
    } else {
        range
    }
}

fn talk_box(f: &mut Frame, rect: Rect, app: &App, index: usize, theme: &Theme) {
    let s = &app.session.schedule;
    let t = &s.talks()[index];
    let mark = app.session.agenda.kind(&t.id);
    let clashes = app.session.clashes(index);
    let selected = index == app.schedule_view.selected;
    let live = t.start <= app.session.now && app.session.now < t.end;
    let past = t.end <= app.session.now;

    let mut flags = vec![];
    match mark {
        Some(MarkKind::Attend) => flags.push(Span::styled(" ★", theme.starred())),
        Some(MarkKind::OnDemand) => flags.push(Span::styled(" ◷", theme.later())),
        // Where a click stars it (and a hint that `s` would).
        None if selected => flags.push(Span::styled(" ☆", theme.dim())),
        None => {}
    }
    if clashes {
        flags.push(Span::styled(" ⚠ clash", theme.clash()));
    }
    if live {
        flags.push(Span::styled(" ● live", theme.live()));
    }
    if let Some(friends) = app.session.friend_talks.get(&t.id) {
        flags.push(Span::styled(format!(" +{}", friends.join(" ")), theme.later()));
    }
    let time_style = if past { theme.dim() } else { theme.title() };
    let mut first_line = vec![];
    if selected {
        first_line.push(Span::raw("▶ "));
    }
    first_line.push(Span::styled(time_label(s, t, if selected { 2 } else { 0 }, rect), time_style));
    let inner = rect.width.saturating_sub(1) as usize;
    // In a narrow column the flags say themselves by symbol alone, rather than wrap a lone
    // "clash" or "live" onto the title's line.
    if Line::from([first_line.clone(), flags.clone()].concat()).width() > inner {
        for flag in &mut flags {
            if let Some(symbol) = flag.content.strip_suffix(" clash").or_else(|| flag.content.strip_suffix(" live")) {
                flag.content = symbol.to_string().into();
            }
        }
    }
    first_line.extend(flags);
    let title_style = if t.is_break() {
        theme.dim()
    } else if mark == Some(MarkKind::Attend) {
        theme.starred()
    } else {
        Style::new()
    };
    let mut lines = if rect.height <= 1 {
        // A short talk (or one cut by the screen's edge) gets one row: its title goes on the
        // time line, after its start alone, so a narrow column still shows some of it.
        let time = usize::from(selected);
        first_line[time] = Span::styled(timefmt::at(s, t.start), time_style);
        first_line.push(Span::styled(format!(" {}", t.title), title_style));
        vec![Line::from(first_line)]
    } else {
        vec![Line::from(first_line), Line::styled(t.title.clone(), title_style)]
    };
    if !t.speakers.is_empty() && rect.height > 1 {
        lines.push(Line::styled(t.speakers.join(", "), theme.dim()));
    }

    let bar_style = if clashes {
        theme.clash()
    } else if mark == Some(MarkKind::Attend) {
        theme.starred()
    } else if mark == Some(MarkKind::OnDemand) {
        theme.later()
    } else {
        theme.dim()
    };
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_type(if mark.is_some() { BorderType::Thick } else { BorderType::Plain })
        .border_style(bar_style);
    // A box that starts above the view keeps its time and title at the top of what is shown:
    // an all-day talk selected at 10:30 still says what it is.
    let mut wrapped: Vec<Line> = super::text::wrap_lines(&lines, inner);
    // A box too short for its text says so: its last line ends in …
    let h = rect.height as usize;
    if wrapped.len() > h && h > 0 {
        wrapped.truncate(h);
        if let Some(last) = wrapped.last_mut() {
            let mut spans = last.spans.clone();
            let style = spans.last().map_or_else(Style::new, |s| s.style);
            spans.push(Span::styled("…", style));
            *last = super::text::fit(Line::from(spans).style(last.style), inner);
        }
    }
    let mut para = Paragraph::new(wrapped).block(block);
    if selected {
        para = para.style(theme.selected());
    } else if past {
        para = para.style(theme.dim());
    }
    f.render_widget(para, rect);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_talks_that_overlap_share_their_column_and_hidden_ones_take_no_lane() {
        let json = r#"{"conference":{"id":"c","name":"C","timezone":"UTC","tracks":["A","B"]},"talks":[
            {"id":"a","title":"A","track":"A","start":"2024-05-02T10:00","duration":30},
            {"id":"b","title":"B","track":"A","start":"2024-05-02T10:15","duration":30},
            {"id":"x","title":"X","track":"B","start":"2024-05-02T10:20","duration":30},
            {"id":"c","title":"C","track":"A","start":"2024-05-02T10:40","duration":10},
            {"id":"d","title":"D","track":"A","start":"2024-05-02T11:00","duration":30}]}"#;
        let s = crate::schedule::parse_bytes(json.as_bytes(), "c.json").unwrap();
        let at = |id: &str| s.index_of(id).unwrap();
        let all = lanes(s.talks(), 2, |_| true);
        // a, b and c chain into one cluster of two lanes (c takes a's lane back); d is alone.
        assert_eq!([all[at("a")], all[at("b")], all[at("c")], all[at("d")]], [(0, 2), (1, 2), (0, 2), (0, 1)]);
        assert_eq!(all[at("x")], (0, 1), "another track's talk is not squeezed");
        // b filtered out: a and c overlap nothing shown.
        let b = at("b");
        let shown = lanes(s.talks(), 2, |i| i != b);
        assert_eq!([shown[at("a")], shown[at("c")]], [(0, 1), (0, 1)]);
    }
}
