//! The one-line prompt (a note, a time to go to), drawn over the bottom of the body.

use crate::tui::app::App;
use crate::tui::prompt::{Ask, Prompt};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

pub fn draw(f: &mut Frame, area: Rect, app: &App, prompt: &Prompt, theme: &Theme) {
    if area.height < 3 || area.width < 8 {
        return;
    }
    let title = match prompt.ask {
        Ask::Note { talk, .. } => {
            let room = (area.width as usize).saturating_sub(16);
            format!(" Note on \"{}\" ", super::text::ellipsize(&app.session.schedule.talks()[talk].title, room))
        }
        Ask::Time => {
            format!(" Go to time (conference time, {}) ", crate::timefmt::zone_name(app.session.schedule.conference.tz))
        }
        Ask::Export => " Export your agenda to (.ics calendar, .md, .json) ".to_string(),
        Ask::Room => " Go to room ".to_string(),
    };
    let help = match prompt.ask {
        Ask::Note { .. } => " Enter save · Esc cancel · empty removes the note ".to_string(),
        Ask::Time => " Enter go · Esc cancel · HH:MM, Thu 09:20, day 2 10:30 · empty goes back ".to_string(),
        Ask::Export => " Enter write · Esc cancel · the extension picks the format ".to_string(),
        Ask::Room => room_matches(app, prompt, area.width.saturating_sub(4) as usize),
    };
    let rect = Rect { y: area.bottom() - 3, height: 3, ..area };
    let inner_w = rect.width.saturating_sub(2) as usize;
    // Keep the cursor in view: scroll the text left once it reaches the right edge.
    let col = prompt.input.cursor_column();
    let offset = col.saturating_sub(inner_w.saturating_sub(1));
    super::clear_popup(f, rect);
    f.render_widget(
        Paragraph::new(prompt.input.text()).scroll((0, offset as u16)).block(
            Block::bordered()
                .border_style(theme.key())
                .title(Line::styled(title, theme.title()))
                .title_bottom(Line::from(help).right_aligned()),
        ),
        rect,
    );
    f.set_cursor_position(Position { x: rect.x + 1 + (col - offset) as u16, y: rect.y + 1 });
}

/// The rooms the typed text names, best first, as many as fit: what Enter goes to and Tab
/// completes.
fn room_matches(app: &App, prompt: &Prompt, width: usize) -> String {
    let rooms = &app.session.schedule.conference.rooms;
    let found = crate::room_names::rooms_named(rooms, prompt.input.text());
    if prompt.input.text().trim().is_empty() {
        return format!(" type a room's name ({} over all days) · Esc cancel ", rooms.len());
    }
    let Some((first, rest)) = found.split_first() else { return " no room by that name · Esc cancel ".into() };
    let mut said = format!(" Enter {} ", rooms[*first]);
    for (n, &r) in rest.iter().enumerate() {
        let more = format!("· {} more ", rest.len() - n);
        let next = format!("· {} ", rooms[r]);
        if said.chars().count() + next.chars().count() + more.chars().count() > width {
            said.push_str(&more);
            break;
        }
        said.push_str(&next);
    }
    if !rest.is_empty() {
        said.push_str("· Tab completes ");
    }
    super::text::ellipsize(&said, width)
}
