//! What the keys do to the current talk: its marks, its note, its links.

use super::{App, Modal};
use crate::agenda::MarkKind;
use crate::tui::effect::Effect;
use crate::tui::keys::Action;
use crate::tui::prompt::{self, Ask, Prompt};

impl App {
    /// Said after a copy. A terminal that ignores OSC 52 copies nothing, so the address is
    /// also shown whole: in details (opened if they are not), where it wraps, never cut.
    fn copied(&mut self, talk: usize, url: &str) {
        if !matches!(self.modal, Some(Modal::Details { .. })) {
            self.modal = Some(Modal::Details { talk, scroll: 0 });
        }
        self.status.info(format!("copied to the clipboard (if your terminal allows it): {url}"));
    }

    /// Actions on the current talk's marks.
    pub(super) fn act(&mut self, action: Action) -> Vec<Effect> {
        let Some(i) = self.current_talk() else {
            if action == Action::Acknowledge
                && let Some(id) = self.current_id()
            {
                return self.acknowledge(&id);
            }
            if action == Action::Undo {
                let done = self.session.undo();
                return self.done(done);
            }
            return Vec::new();
        };
        let done = match action {
            Action::ToggleStar => self.session.toggle(i, MarkKind::Attend),
            Action::ToggleLater => self.session.toggle(i, MarkKind::OnDemand),
            Action::Resolve => self.session.resolve(i),
            Action::Undo => self.session.undo(),
            Action::ToggleWatched => self.session.toggle_watched(i),
            Action::Acknowledge => {
                let id = self.session.id(i).to_string();
                return self.acknowledge(&id);
            }
            Action::EditNote => {
                let note = self.session.agenda.note(self.session.id(i)).unwrap_or("").to_string();
                let from_details = matches!(self.modal, Some(Modal::Details { .. }));
                let ask = Ask::Note { talk: i, from_details };
                self.modal = Some(Modal::Prompt(Prompt::new(ask, &note, prompt::NOTE_MAX_CHARS)));
                return Vec::new();
            }
            Action::CopyLink => {
                let talk = &self.session.schedule.talks()[i];
                // Only a web address goes to the clipboard: a `javascript:` link or `--help` pasted
                // into a browser or a shell is not what the user meant to copy.
                return match &talk.video {
                    Some(link) if crate::sanitize::web_address(link).is_none() => {
                        self.status.info(format!("the video link \"{link}\" is not a web address: not copied"));
                        Vec::new()
                    }
                    Some(url) => {
                        let url = url.clone();
                        self.copied(i, &url);
                        vec![Effect::Copy(url)]
                    }
                    None => {
                        self.status.info(format!("no video link announced for \"{}\" yet", talk.title));
                        Vec::new()
                    }
                };
            }
            Action::CopyPage | Action::OpenPage => {
                let talk = &self.session.schedule.talks()[i];
                // A web address, checked again here: whatever is opened or pasted must be one.
                let Some(url) = talk.url.as_deref().and_then(crate::sanitize::web_address) else {
                    self.status.info(format!("the schedule gives no page for \"{}\"", talk.title));
                    return Vec::new();
                };
                return if action == Action::CopyPage {
                    self.copied(i, &url);
                    vec![Effect::Copy(url)]
                } else {
                    self.status.info(format!("opening {url}"));
                    vec![Effect::Open(url)]
                };
            }
            _ => return Vec::new(),
        };
        self.done(done)
    }
}

/// Actions on the current talk (they work from details too).
pub(crate) fn is_talk_action(a: Action) -> bool {
    matches!(
        a,
        Action::ToggleStar
            | Action::ToggleLater
            | Action::Resolve
            | Action::Undo
            | Action::EditNote
            | Action::ToggleWatched
            | Action::CopyLink
            | Action::CopyPage
            | Action::OpenPage
            | Action::Acknowledge
    )
}
