//! The help overlay, generated from the key table.

use super::centered;
use super::text::{fit, wrap_indented};
use crate::tui::keys::{BINDINGS, Keymap};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;

/// `scroll_max` is told how far the keys can scroll, so ↓ past the end does not count on.
pub fn draw(f: &mut Frame, area: Rect, scroll: u16, keymap: &Keymap, theme: &Theme, scroll_max: &Cell<u16>) {
    let legend = " ★ starred  ◷ on-demand  ⚠ clash  ● live now";
    // As wide as the longest line, so a wide terminal shows every line whole; on a narrow one
    // a description wraps under itself rather than being cut.
    let widest = BINDINGS.iter().map(|b| 13 + Line::from(b.help).width()).max().unwrap_or(60) as u16;
    let inner = (widest + 1).min(area.width.saturating_sub(2)) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, b) in BINDINGS.iter().enumerate() {
        let label = format!(" {:<12}", keymap.label(i));
        let label_w = Line::from(label.as_str()).width();
        let parts = wrap_indented(b.help, inner.saturating_sub(label_w).max(1), "", Style::new());
        for (n, part) in parts.into_iter().enumerate() {
            let lead = if n == 0 { Span::styled(label.clone(), theme.key()) } else { Span::raw(" ".repeat(label_w)) };
            lines.push(fit(Line::from(vec![lead, Span::raw(part.to_string())]), inner));
        }
    }
    lines.push(Line::from(""));
    lines.push(fit(Line::styled(legend, theme.dim()), inner));
    let rect = centered(area, widest + 3, lines.len() as u16 + 2);
    let hidden = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    scroll_max.set(hidden);
    let closes = if hidden > 0 { " ↑↓ scroll · any other key closes " } else { " any key closes " };
    super::clear_popup(f, rect);
    f.render_widget(
        Paragraph::new(lines)
            .scroll((scroll.min(hidden), 0))
            .block(Block::bordered().title(" Keys ").title_bottom(Line::from(closes).right_aligned())),
        rect,
    );
}
