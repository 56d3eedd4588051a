//! The one thing open over a view, if any: details, help, a prompt, search, the filter panel or
//! the gaps. Each owns its keys and answers with an [`Outcome`] that `App` carries out.

use super::filter_picker::FilterPicker;
use super::finder::Finder;
use super::gaps::Gaps;
use super::keys::Action;
pub use super::outcome::Outcome;
use super::prompt::Prompt;

pub enum Modal {
    Details { talk: usize, scroll: u16 },
    Help { scroll: u16 },
    Prompt(Prompt),
    Finder(Finder),
    Filter(Box<FilterPicker>),
    Gaps(Gaps),
}

impl Modal {
    /// Details and help take actions from the key table (so remapped keys scroll them too).
    /// `max` is how far they scroll, as last drawn.
    pub fn action(&mut self, action: Action, max: u16) -> Outcome {
        let scroll = match self {
            Modal::Details { scroll, .. } | Modal::Help { scroll } => scroll,
            _ => return Outcome::Stay,
        };
        match action {
            // From where it shows (a scroll set before the last draw may be past the end).
            Action::Up => *scroll = (*scroll).min(max).saturating_sub(1),
            Action::Down => *scroll = scroll.saturating_add(1).min(max),
            Action::PageUp => *scroll = (*scroll).min(max).saturating_sub(10),
            Action::PageDown => *scroll = scroll.saturating_add(10).min(max),
            Action::Bottom => *scroll = max,
            Action::Top => *scroll = 0,
            // Any other key closes help and does nothing else, as help says.
            _ if matches!(self, Modal::Help { .. }) => return Outcome::Close,
            Action::Back | Action::Open => return Outcome::Close,
            // From details, the schedule opens at the talk (wherever details were opened from).
            Action::ShowSchedule if let Modal::Details { talk, .. } = self => return Outcome::GoTo(*talk),
            // Moves of the view underneath mean nothing over details.
            Action::Left | Action::Right | Action::PrevDay | Action::NextDay => {}
            _ => return Outcome::Act(action),
        }
        Outcome::Stay
    }
}
