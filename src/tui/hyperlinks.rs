//! Links written as OSC 8 hyperlinks, so a terminal that knows them opens them on a click.
//!
//! ratatui's cells hold one grapheme each and know nothing of hyperlinks, and it measures an
//! escape inside a cell as columns of text. So the frame is drawn as usual; then the cells of
//! each link (drawn underlined, `Theme::link`) are written to the terminal once more, the same
//! characters in the same style, with the escape that opens the link before the first and the
//! one that closes it after the last. The screen shows what ratatui believes it shows, and a
//! terminal that does not know OSC 8 ignores the escapes.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Modifier;

/// Where links were drawn this frame, with the addresses they may be.
pub type Drawn = Vec<(Rect, Vec<String>)>;

/// The cells to write again: each run of link cells in a drawn area (a row's, up to its
/// border), the first opening its address, the last closing it. A wrapped address is several
/// runs, each a piece of it; a run that is part of no address is left alone.
pub fn cells(buf: &Buffer, drawn: &Drawn) -> Vec<(u16, u16, Cell)> {
    let mut out = Vec::new();
    for (area, urls) in drawn {
        let area = area.intersection(buf.area);
        for y in area.top()..area.bottom() {
            let mut run: Vec<u16> = Vec::new();
            let mut text = String::new();
            for x in area.left()..=area.right() {
                if x < area.right() && buf[(x, y)].modifier.contains(Modifier::UNDERLINED) {
                    run.push(x);
                    text.push_str(buf[(x, y)].symbol());
                    continue;
                }
                if let (Some(url), Some(&first), Some(&last)) =
                    (urls.iter().find(|u| !text.is_empty() && u.contains(text.as_str())), run.first(), run.last())
                {
                    for &cx in &run {
                        let mut cell = buf[(cx, y)].clone();
                        let open = if cx == first { format!("\x1b]8;;{url}\x1b\\") } else { String::new() };
                        let close = if cx == last { "\x1b]8;;\x1b\\" } else { "" };
                        cell.set_symbol(&format!("{open}{}{close}", cell.symbol()));
                        out.push((cx, y, cell));
                    }
                }
                run.clear();
                text.clear();
            }
        }
    }
    out
}

/// Write the cells again (after the frame), when there are any.
pub fn write<B: ratatui::backend::Backend>(backend: &mut B, cells: &[(u16, u16, Cell)]) -> Result<(), B::Error> {
    if cells.is_empty() {
        return Ok(());
    }
    backend.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
    backend.flush()
}

/// Whether to write them: a terminal that shows the escapes as text (the Linux console, a dumb
/// one) gets plain links; `HALLWAY_NO_HYPERLINKS` turns them off anywhere.
pub fn wanted() -> bool {
    let term = std::env::var("TERM").unwrap_or_default();
    !matches!(term.as_str(), "linux" | "dumb" | "") && std::env::var_os("HALLWAY_NO_HYPERLINKS").is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    #[test]
    fn a_link_is_opened_before_its_first_cell_and_closed_after_its_last_on_each_row() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        let url = "https://ex.org/talk";
        let link = Style::new().add_modifier(Modifier::UNDERLINED);
        buf.set_string(0, 0, "Page ", Style::new());
        buf.set_string(5, 0, "https:/", link);
        buf.set_string(0, 1, "/ex.org/talk", link);
        let cells = cells(&buf, &vec![(buf.area, vec![url.to_string()])]);
        let at = |x, y| cells.iter().find(|(cx, cy, _)| (*cx, *cy) == (x, y)).map(|(_, _, c)| c.symbol().to_string());
        assert_eq!(at(0, 0), None, "not a link");
        assert_eq!(at(5, 0).unwrap(), format!("\x1b]8;;{url}\x1b\\h"));
        assert_eq!(at(6, 0).unwrap(), "t", "the same character again");
        assert_eq!(at(11, 0).unwrap(), "/\x1b]8;;\x1b\\");
        assert_eq!(at(0, 1).unwrap(), format!("\x1b]8;;{url}\x1b\\/"), "the wrapped rest too");
        assert_eq!(cells.len(), 7 + 12);
        assert!(cells.iter().all(|(_, _, c)| c.modifier.contains(Modifier::UNDERLINED)), "in its own style");
    }
}
