//! What a key in a modal (details, help, a prompt, search, the filter panel, the gaps) asks of
//! the app, which carries it out.

use super::keys::Action;

/// What a key in a modal asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The modal handled it; it stays open.
    Stay,
    Close,
    /// An action on the modal's talk (star from details); the modal stays open.
    Act(Action),
    /// Close and show this talk in the schedule.
    GoTo(usize),
    /// The prompt's Enter.
    Submit,
    /// The filter panel's Enter.
    Apply,
    /// Star this talk (a suggestion), keeping the modal open.
    Star(usize),
    Undo,
}
