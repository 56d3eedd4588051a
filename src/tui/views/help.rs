//! The help overlay, generated from the key table.

use super::centered;
use crate::tui::keys::{BINDINGS, Keymap};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(f: &mut Frame, area: Rect, scroll: u16, keymap: &Keymap, theme: &Theme) {
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .enumerate()
        .map(|(i, b)| {
            Line::from(vec![Span::styled(format!(" {:<12}", keymap.label(i)), theme.key()), Span::raw(b.help)])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::styled(" ★ starred  ◷ on-demand  ⚠ clash  ● live now", theme.dim()));
    // As wide as the longest line, so a wide terminal shows every line whole.
    let widest = lines.iter().map(Line::width).max().unwrap_or(60) as u16;
    let rect = centered(area, widest + 3, lines.len() as u16 + 2);
    let lines: Vec<Line> =
        lines.into_iter().map(|l| super::text::fit(l, rect.width.saturating_sub(2) as usize)).collect();
    let hidden = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    let closes = if hidden > 0 { " ↑↓ scroll · any other key closes " } else { " any key closes " };
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines)
            .scroll((scroll.min(hidden), 0))
            .block(Block::bordered().title(" Keys ").title_bottom(Line::from(closes).right_aligned())),
        rect,
    );
}
