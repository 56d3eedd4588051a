//! One state per view, each with its own cursor and scroll: switching views never moves another
//! view's place.

mod columns;
mod lists;
mod schedule;

pub use columns::Rooms;
pub use lists::ListView;
pub use schedule::ScheduleView;

use super::session::Item;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Schedule,
    Now,
    Agenda,
    OnDemand,
}

impl View {
    pub const ALL: [View; 4] = [View::Schedule, View::Now, View::Agenda, View::OnDemand];

    pub fn name(self) -> &'static str {
        match self {
            View::Schedule => "Schedule",
            View::Now => "Now",
            View::Agenda => "Agenda",
            View::OnDemand => "On-demand",
        }
    }

    /// The tab's name when space is short.
    pub fn short_name(self) -> &'static str {
        match self {
            View::Schedule => "Sched",
            View::Now => "Now",
            View::Agenda => "Agenda",
            View::OnDemand => "Later",
        }
    }

    pub fn step(self, by: isize) -> View {
        let i = View::ALL.iter().position(|&v| v == self).unwrap_or(0) as isize;
        View::ALL[(i + by).rem_euclid(View::ALL.len() as isize) as usize]
    }
}

/// The Now view: the talks listed (mine first, then rooms with something on), and whether
/// the quiet rooms are listed too.
#[derive(Debug, Default)]
pub struct NowView {
    pub list: ListView<usize>,
    pub all_rooms: bool,
}

pub type AgendaView = ListView<Item>;
pub type OnDemandView = ListView<usize>;
