//! The track filter overlay: a narrowing list of tracks with ticks.

use super::{centered, scroll_to};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::track_picker::TrackPicker;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use std::cell::Cell;

pub fn draw(f: &mut Frame, area: Rect, app: &App, p: &TrackPicker, theme: &Theme) {
    let tracks = &app.schedule.conference.tracks;
    let width = tracks.iter().map(|t| Line::from(t.as_str()).width()).max().unwrap_or(10).max(44) as u16 + 10;
    let rect = centered(area, width, area.height.saturating_sub(2).max(3));
    if rect.height < 5 || rect.width < 12 {
        return;
    }
    let shown = p.matches(tracks);
    let ticked = if p.ticked.is_empty() { "all shown".to_string() } else { format!("{} ticked", p.ticked.len()) };
    let mut lines = vec![
        Line::from(vec![Span::styled(" narrow: ", theme.dim()), Span::raw(p.query.text().to_string())]),
        Line::styled(format!(" {} of {} tracks · {ticked}", shown.len(), tracks.len()), theme.dim()),
    ];
    let list_h = rect.height.saturating_sub(2 + 2) as usize;
    let top = Cell::new(0);
    top.set(p.cursor.saturating_sub(list_h.saturating_sub(1)));
    let first = scroll_to(&top, p.cursor, shown.len(), list_h);
    for (pos, &t) in shown.iter().enumerate().skip(first).take(list_h) {
        let tick = if p.ticked.contains(&t) { "[x] " } else { "[ ] " };
        let line = Line::from(vec![
            Span::raw(if pos == p.cursor { " ▶ " } else { "   " }),
            Span::styled(tick, theme.key()),
            Span::raw(tracks[t].clone()),
        ]);
        lines.push(if pos == p.cursor { line.style(theme.selected()) } else { line });
    }
    if shown.is_empty() {
        lines.push(Line::styled("   no track matches", theme.dim()));
    }
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" Tracks to show ")
                .title_bottom(Line::from(" Space tick · Del none · Enter show · Esc ").right_aligned()),
        ),
        rect,
    );
    let col = 1 + " narrow: ".len() as u16 + p.query.cursor_column() as u16;
    if col < rect.width - 1 {
        f.set_cursor_position(Position { x: rect.x + col, y: rect.y + 1 });
    }
}
