//! The grid's room names, with ◀ ▶ (clickable) where more rooms are off to the side.

use crate::tui::app::{App, Pick};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

/// The time axis's width, left of the first room.
pub(super) const AXIS: u16 = 6;

/// Track headers, with arrows when more tracks are off to the side.
pub fn draw(
    f: &mut Frame,
    area: Rect,
    cols: &[usize],
    (first, visible, col_w): (usize, usize, u16),
    app: &App,
    theme: &Theme,
) {
    let s = &app.session.schedule;
    let mut clickable = app.clickable.borrow_mut();
    for c in 0..visible.min(cols.len()) {
        let t = cols[first + c];
        let x = area.x + AXIS + c as u16 * col_w;
        let rect = Rect { x, y: area.y, width: col_w.saturating_sub(1), height: 1 };
        // Arrows sit outside the (possibly truncated) name so they always show.
        let left_arrow = c == 0 && first > 0;
        let right_arrow = c == visible - 1 && first + visible < cols.len().max(1);
        let name_rect = Rect { x: rect.x + 2, width: rect.width.saturating_sub(4), ..rect };
        let name = super::text::ellipsize(&s.conference.rooms[t], name_rect.width as usize);
        f.render_widget(Paragraph::new(name).style(theme.track(t)).centered(), name_rect);
        if left_arrow {
            let at = Rect { width: 1, ..rect };
            f.render_widget(Paragraph::new("◀").style(theme.key()), at);
            clickable.push((at, Pick::Side(false)));
        }
        if right_arrow && rect.width > 0 {
            let at = Rect { x: rect.right() - 1, width: 1, ..rect };
            f.render_widget(Paragraph::new("▶").style(theme.key()), at);
            clickable.push((at, Pick::Side(true)));
        }
    }
}
