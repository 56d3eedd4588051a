//! Keys that go somewhere in the schedule from any view: my next starred talk, and which rooms
//! the grid shows.

use super::App;
use crate::tui::effect::Effect;
use crate::tui::keys::Action;
use crate::tui::modal::Outcome;
use crate::tui::state::{Rooms, ScheduleView, View};

impl App {
    pub(super) fn go(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::MyNext => {
                // From now, the next to start; `m` again, the one after that.
                let here = Some(self.schedule_view.selected).filter(|_| self.view == View::Schedule);
                let from = self.my_next_at.filter(|&i| here == Some(i));
                match ScheduleView::next_starred(&self.session, from) {
                    Ok((i, said)) => {
                        self.my_next_at = Some(i);
                        let revealed = !self.session.is_shown(i);
                        let effects = self.outcome(Outcome::GoTo(i));
                        // Shown although the filter hid it: the filter's news is said too.
                        let filter = if revealed { self.status.text().map(|t| format!(" · {t}")) } else { None };
                        self.status.info(format!("{said}{}", filter.unwrap_or_default()));
                        return effects;
                    }
                    Err(said) => self.status.info(said),
                }
            }
            Action::RoomsInView | Action::MyRooms => {
                let choice = if action == Action::MyRooms { Rooms::Mine } else { Rooms::InView };
                self.view = View::Schedule;
                self.schedule_view.list_mode = false;
                let said = self.schedule_view.toggle_rooms(&self.session, choice);
                self.status.info(said);
            }
            _ => {}
        }
        Vec::new()
    }
}
