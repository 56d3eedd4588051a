//! The mouse: a click selects what the last frame drew there, a double-click opens it.

use super::{App, Pick};
use crate::tui::effect::Effect;
use crate::tui::keys::Action;
use crate::tui::modal::Modal;
use crate::tui::state::View;

impl App {
    /// A turn of the wheel: the selection moves like ↓ and ↑ (over details or help it scrolls
    /// them; a modal that is typed into ignores it).
    pub fn wheel(&mut self, down: bool) -> Vec<Effect> {
        self.update(if down { Action::Down } else { Action::Up })
    }

    /// A sideways turn of the wheel (or Shift and the wheel): the room beside, in the grid.
    pub fn wheel_sideways(&mut self, right: bool) -> Vec<Effect> {
        if self.modal.is_some() || self.view != View::Schedule {
            return Vec::new();
        }
        self.update(if right { Action::Right } else { Action::Left })
    }

    /// A left click at a screen cell; `double` for the second click of a double-click.
    pub fn click(&mut self, column: u16, row: u16, double: bool) -> Vec<Effect> {
        self.status.key_pressed();
        match self.modal {
            // A click closes details or help, like Esc; the other modals are typed into.
            Some(Modal::Details { .. } | Modal::Help { .. }) => {
                self.modal = None;
                return Vec::new();
            }
            Some(_) => return Vec::new(),
            None => {}
        }
        let at = ratatui::layout::Position { x: column, y: row };
        let pick = self.clickable.borrow().iter().rev().find(|(r, _)| r.contains(at)).map(|(_, p)| *p);
        match pick {
            Some(Pick::Star(i)) => {
                // That talk, whatever view the keys read in the same batch moved to.
                self.select(i);
                let done = self.session.toggle(i, crate::agenda::MarkKind::Attend);
                return self.done(done);
            }
            Some(Pick::Talk(i)) => self.select(i),
            Some(Pick::Tab(view)) => {
                self.view = view;
                return Vec::new();
            }
            Some(Pick::Side(right)) => return self.update(if right { Action::Right } else { Action::Left }),
            Some(Pick::Row(pos)) => {
                let s = &self.session;
                match self.view {
                    View::Now => self.now_view.list.go(&s.now_talks(self.now_view.all_rooms), pos),
                    View::Agenda => self.agenda_view.go(s.agenda_items(), pos),
                    View::OnDemand => self.on_demand_view.go(s.on_demand(), pos),
                    View::Schedule => {}
                }
            }
            None => return Vec::new(),
        }
        if double { self.update(Action::Open) } else { Vec::new() }
    }
}
