//! The search overlay: the query, then ranked talks with the matched letters lit.

use super::text::fit;
use super::{centered, scroll_to};
use crate::agenda::MarkKind;
use crate::timefmt;
use crate::tui::app::App;
use crate::tui::finder::Finder;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn draw(f: &mut Frame, area: Rect, app: &App, finder: &Finder, theme: &Theme) {
    let rect = centered(area, 110, area.height.saturating_sub(2).max(3));
    if rect.height < 5 || rect.width < 16 {
        return;
    }
    let s = &app.session.schedule;
    let count = match finder.hits.len() {
        0 if finder.input.text().trim().is_empty() => {
            "type to search titles, speakers, rooms, tracks, tags, abstracts".to_string()
        }
        0 => "no talk matches".to_string(),
        n if n >= 200 => "200+ matches, best first".to_string(),
        n => format!("{n} match{}, best first", if n == 1 { "" } else { "es" }),
    };
    let mut lines = vec![
        Line::from(vec![Span::styled(" / ", theme.key()), Span::raw(finder.input.text().to_string())]),
        Line::styled(format!(" {count}"), theme.dim()),
    ];
    let list_h = rect.height.saturating_sub(4) as usize;
    let top = Cell::new(finder.cursor.saturating_sub(list_h.saturating_sub(1)));
    let first = scroll_to(&top, finder.cursor, finder.hits.len(), list_h);
    for (pos, hit) in finder.hits.iter().enumerate().skip(first).take(list_h) {
        let t = &s.talks()[hit.index];
        let selected = pos == finder.cursor;
        let mut spans = vec![Span::raw(if selected { " ▶ " } else { "   " })];
        spans.push(match app.session.agenda.kind(&t.id) {
            Some(MarkKind::Attend) => Span::styled("★ ", theme.starred()),
            Some(MarkKind::OnDemand) => Span::styled("◷ ", theme.later()),
            None => Span::raw("  "),
        });
        // Where and when stay whole: the title gives way to them (its end cut with …), and the
        // speakers go first.
        let width = rect.width.saturating_sub(2) as usize;
        let place = format!("  {} · {} {}", s.room_name(t), s.local(t.start).format("%a"), timefmt::hm(s, t.start));
        let room_for_title = width.saturating_sub(6 + place.width());
        let title_w = t.title.width();
        // The title, with the letters that matched in the key style.
        let mut lit = hit.title_chars.iter().peekable();
        let mut used = 0;
        for (i, c) in t.title.chars().enumerate() {
            let on = lit.peek() == Some(&&i);
            if on {
                lit.next();
            }
            let w = c.width().unwrap_or(0);
            if title_w > room_for_title && used + w + 1 > room_for_title && room_for_title >= 8 {
                spans.push(Span::raw("…"));
                break;
            }
            used += w;
            spans.push(Span::styled(c.to_string(), if on { theme.key() } else { Style::new() }));
        }
        spans.push(Span::styled(place, theme.dim()));
        if !t.speakers.is_empty() {
            spans.push(Span::styled(format!(" · {}", t.speakers.join(", ")), theme.dim()));
        }
        if !app.session.is_shown(hit.index) {
            spans.push(Span::styled("  (hidden by your filter)", theme.dim()));
        }
        if hit.in_abstract {
            spans.push(Span::styled("  (in the abstract)", theme.dim()));
        }
        let line = fit(Line::from(spans), rect.width.saturating_sub(2) as usize);
        lines.push(if selected { line.style(theme.selected()) } else { line });
    }
    super::clear_popup(f, rect);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" Find a talk ")
                .title_bottom(Line::from(" ↑↓ choose · Enter go to it · Esc close ").right_aligned()),
        ),
        rect,
    );
    let col = 1 + 3 + finder.input.cursor_column() as u16;
    if col < rect.width - 1 {
        f.set_cursor_position(Position { x: rect.x + col, y: rect.y + 1 });
    }
}
