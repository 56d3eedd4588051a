//! What a command needs of a schedule, and the sections of a compiled file that gives.

/// What a command needs of a schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub whole: bool,
    /// Day numbers (0-based) whose talks are all needed.
    pub days: Vec<usize>,
    /// Talks needed by id (the marked ones); unknown ids are skipped.
    pub ids: Vec<String>,
    pub abstracts: bool,
}

/// What a command needs of a schedule; `Reader::plan` (`planning.rs`) turns it into sections to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    Whole,
    /// One day, as `--day` gives it (a day not there loads none: the command says which are).
    Day(String),
    /// The marked talks (`next`, `agenda`, `clashes`).
    Marked,
    /// What is on at an instant, what comes next in every room, and the marked talks.
    Now,
    /// The planner's first frame: [`Need::Now`] and the day the schedule view opens on.
    Planner,
}
