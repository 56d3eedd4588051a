//! What every command and the planner work on: the schedule, where the agenda lives, the clock
//! and the user's own zone. The CLI builds it from its arguments; the TUI only reads it.

use crate::agenda::store::Store;
use crate::clock::Clock;
use crate::schedule::Schedule;
use chrono_tz::Tz;

pub struct Context {
    pub schedule: Schedule,
    pub store: Store,
    pub clock: Box<dyn Clock>,
    pub user_tz: Option<Tz>,
}
