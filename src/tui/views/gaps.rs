//! The gap-filling overlay: each free slot, then its talks with why they were picked.

use super::text::{fit_flex, wrap_hanging, wrap_indented};
use super::{centered, scroll_to};
use crate::timefmt;
use crate::tui::app::App;
use crate::tui::gaps::Gaps;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;

pub fn draw(f: &mut Frame, area: Rect, app: &App, g: &Gaps, theme: &Theme) {
    let rect = centered(area, 110, area.height.saturating_sub(2).max(3));
    if rect.height < 4 || rect.width < 16 {
        return;
    }
    let s = &app.session.schedule;
    let w = rect.width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    let mut cursor_line = 0;
    let mut n = 0;
    for slot in &g.slots {
        // Wrapped: where you are comes last, and at 80 columns it would be cut.
        let head = Line::styled(
            format!(
                " {} {} · {} free",
                timefmt::day_label(s.date_of(slot.start)),
                timefmt::span(s, slot.start, slot.end),
                timefmt::minutes((slot.end - slot.start).num_minutes())
            ) + &slot.where_you_are(),
            theme.title(),
        );
        lines.extend(wrap_hanging(&head, w, 3));
        for p in &slot.picks {
            let t = &s.talks()[p.talk];
            let on = n == g.cursor;
            if on {
                cursor_line = lines.len();
            }
            let line = Line::from(vec![
                Span::raw(if on { " ▶ " } else { "   " }),
                Span::styled(timefmt::range(s, t), theme.dim()),
                Span::raw("  "),
                Span::raw(t.title.clone()),
                Span::styled(format!("  {}", s.room_name(t)), theme.dim()),
            ]);
            // The room is where to walk: the title gives way to it.
            let line = fit_flex(line, 3, w);
            lines.push(if on { line.style(theme.selected()) } else { line });
            let why = if p.reason.is_empty() { "fits the gap" } else { p.reason.as_str() };
            // Wrapped: the reasons are why the talk is offered, and there is room below.
            lines.extend(wrap_indented(why, w, "      ", theme.dim()));
            n += 1;
        }
    }
    let h = rect.height.saturating_sub(2) as usize;
    let top = Cell::new(0);
    // Keep the reason under the cursor's talk in sight too.
    let first = scroll_to(&top, cursor_line + 1, lines.len(), h).min(cursor_line.saturating_sub(1));
    let shown: Vec<Line> = lines.into_iter().skip(first).take(h).collect();
    super::clear_popup(f, rect);
    f.render_widget(
        Paragraph::new(shown).block(
            Block::bordered()
                .title(" Fill the gaps in your agenda ")
                .title_bottom(Line::from(" ↑↓ choose · s star · u undo · Enter go to it · Esc close ").right_aligned()),
        ),
        rect,
    );
}
