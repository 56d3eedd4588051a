//! The filter panel: a narrowing list of ticks under Show, Days, Kinds, Tracks, Languages, Tags
//! and Rooms.

use super::centered;
use super::text::fit;
use crate::tui::app::App;
use crate::tui::filter_picker::{Entry, FilterPicker};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(f: &mut Frame, area: Rect, app: &App, p: &FilterPicker, theme: &Theme) {
    let tracks = &app.session.schedule.conference.rooms;
    let shown = p.matches(tracks);
    // As wide as its widest entry of all, not of those typed for: the panel keeps its width.
    let widest = p.entries(tracks).iter().map(|e| Line::from(e.label(tracks)).width()).max().unwrap_or(10);
    let rect = centered(area, widest.max(44) as u16 + 14, area.height.saturating_sub(2).max(3));
    if rect.height < 5 || rect.width < 12 {
        return;
    }
    let mut summary = p.filter.describe();
    if !p.ticked.is_empty() {
        let n = format!("{} of {} rooms", p.ticked.len(), tracks.len());
        summary = if summary.is_empty() { n } else { format!("{n} · {summary}") };
    }
    if summary.is_empty() {
        summary = "everything shown".into();
    }
    let inner_w = rect.width.saturating_sub(2) as usize;
    let mut lines = vec![
        Line::from(vec![Span::styled(" narrow: ", theme.dim()), Span::raw(p.query.text().to_string())]),
        Line::styled(format!(" {summary}"), theme.dim()),
    ];

    // Headings go between sections; the cursor's line decides the scroll. Only the rows in
    // view are drawn: a schedule with 100,000 tags would otherwise build (and count talks for)
    // every one of them at each key.
    let list_h = rect.height.saturating_sub(2 + 2) as usize;
    let mut ticked_in: Vec<(&str, usize)> = Vec::new();
    let mut cursor_row: usize = 0;
    let mut row: usize = 0;
    for (pos, e) in shown.iter().enumerate() {
        if ticked_in.last().is_none_or(|(sec, _)| *sec != e.section()) {
            ticked_in.push((e.section(), 0));
            row += 1;
        }
        if p.is_ticked(e) {
            ticked_in.last_mut().expect("a section").1 += 1;
        }
        if pos == p.cursor {
            cursor_row = row;
        }
        row += 1;
    }
    // Keep the cursor's heading in sight when it is the first of its section.
    let first = (cursor_row + 1).saturating_sub(list_h).min(cursor_row.saturating_sub(1));
    let window = first..first + list_h;
    let mut rows: Vec<Line> = Vec::new();
    let (mut row, mut section) = (0, "");
    for (pos, e) in shown.iter().enumerate() {
        if row >= window.end {
            break;
        }
        if e.section() != section {
            section = e.section();
            if window.contains(&row) {
                rows.push(heading(p, section, &ticked_in, &shown, theme));
            }
            row += 1;
        }
        if window.contains(&row) {
            let tick = if p.is_ticked(e) { "[x] " } else { "[ ] " };
            let mut spans = vec![
                Span::raw(if pos == p.cursor { " ▶ " } else { "   " }),
                Span::styled(tick, theme.key()),
                Span::raw(e.label(tracks)),
            ];
            if let Some(n) = p.count(e) {
                spans.push(Span::styled(format!("  {n} talk{}", if n == 1 { "" } else { "s" }), theme.dim()));
            }
            let line = fit(Line::from(spans), inner_w);
            rows.push(if pos == p.cursor { line.style(theme.selected()) } else { line });
        }
        row += 1;
    }
    if shown.is_empty() {
        rows.push(Line::styled("   nothing matches", theme.dim()));
    }
    lines.extend(rows);

    // Space ticks until something is typed; then it types and Tab ticks.
    let hint = if p.query.text().is_empty() {
        " Space tick · type to narrow · Del clear · Enter apply · Esc cancel "
    } else {
        " Tab tick · Esc clear text · Enter apply "
    };
    super::clear_popup(f, rect);
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Filter ").title_bottom(Line::from(hint).right_aligned())),
        rect,
    );
    let col = 1 + " narrow: ".len() as u16 + p.query.cursor_column() as u16;
    if col < rect.width - 1 {
        f.set_cursor_position(Position { x: rect.x + col, y: rect.y + 1 });
    }
}

/// A section's heading with how many of its entries are ticked (rooms ticked but narrowed out
/// of view count too).
fn heading(
    p: &FilterPicker,
    section: &'static str,
    ticked_in: &[(&str, usize)],
    shown: &[Entry],
    theme: &Theme,
) -> Line<'static> {
    let here = ticked_in.iter().find(|(s, _)| *s == section).map_or(0, |(_, n)| *n);
    let hidden =
        if section == "Rooms" { p.ticked.iter().filter(|&&t| !shown.contains(&Entry::Room(t))).count() } else { 0 };
    let hint = match (section, here + hidden) {
        ("Show", _) => String::new(),
        (_, 0) => "  none ticked: all".into(),
        ("Tags" | "Kinds", n) => format!("  {n} ticked: talks with any of them"),
        (_, n) => format!("  {n} ticked"),
    };
    Line::from(vec![Span::styled(format!(" {section}"), theme.title()), Span::styled(hint, theme.dim())])
}
