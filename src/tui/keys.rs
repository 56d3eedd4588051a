//! The one key table: input mapping, the help overlay and the footer all read it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PrevDay,
    NextDay,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    ToggleStar,
    ToggleLater,
    JumpToNow,
    NextView,
    ShowSchedule,
    ShowAgenda,
    Help,
    Quit,
}

pub struct Binding {
    pub keys: &'static [KeyCode],
    /// How the keys read in help: "s / Space".
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// Short text for the footer; `None` keeps the binding out of it.
    pub footer: Option<&'static str>,
}

use KeyCode::*;

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Char('k'), KeyCode::Up],
        label: "↑ / k",
        action: Action::Up,
        help: "previous talk in the track (scroll up in details)",
        footer: None,
    },
    Binding {
        keys: &[Char('j'), KeyCode::Down],
        label: "↓ / j",
        action: Action::Down,
        help: "next talk in the track (scroll down in details)",
        footer: None,
    },
    Binding {
        keys: &[Char('h'), KeyCode::Left],
        label: "← / h",
        action: Action::Left,
        help: "track to the left",
        footer: None,
    },
    Binding {
        keys: &[Char('l'), KeyCode::Right],
        label: "→ / l",
        action: Action::Right,
        help: "track to the right",
        footer: None,
    },
    Binding {
        keys: &[Char('['), Char(']')],
        label: "[ / ]",
        action: Action::PrevDay,
        help: "previous / next day",
        footer: Some("[ ] day"),
    },
    Binding {
        keys: &[Char('g'), Home],
        label: "g / Home",
        action: Action::Top,
        help: "first talk of the day",
        footer: None,
    },
    Binding {
        keys: &[Char('G'), End],
        label: "G / End",
        action: Action::Bottom,
        help: "last talk of the day",
        footer: None,
    },
    Binding { keys: &[KeyCode::PageUp], label: "PgUp", action: Action::PageUp, help: "an hour earlier", footer: None },
    Binding {
        keys: &[KeyCode::PageDown],
        label: "PgDn",
        action: Action::PageDown,
        help: "an hour later",
        footer: None,
    },
    Binding {
        keys: &[Enter],
        label: "Enter",
        action: Action::Open,
        help: "details: abstract, speakers, video, clashes",
        footer: Some("Enter details"),
    },
    Binding { keys: &[Esc], label: "Esc", action: Action::Back, help: "close details or help", footer: None },
    Binding {
        keys: &[Char('s'), Char(' ')],
        label: "s / Space",
        action: Action::ToggleStar,
        help: "star / unstar: mark to attend",
        footer: Some("s star"),
    },
    Binding {
        keys: &[Char('o')],
        label: "o",
        action: Action::ToggleLater,
        help: "mark to catch on-demand (watch the video later)",
        footer: Some("o later"),
    },
    Binding { keys: &[Char('t')], label: "t", action: Action::JumpToNow, help: "jump to what is on now", footer: None },
    Binding {
        keys: &[Tab, BackTab],
        label: "Tab",
        action: Action::NextView,
        help: "switch between schedule and agenda",
        footer: Some("Tab agenda"),
    },
    Binding { keys: &[Char('1')], label: "1", action: Action::ShowSchedule, help: "schedule view", footer: None },
    Binding {
        keys: &[Char('3')],
        label: "3",
        action: Action::ShowAgenda,
        help: "agenda view: your talks, clashes, gaps",
        footer: None,
    },
    Binding { keys: &[Char('?')], label: "?", action: Action::Help, help: "this help", footer: Some("? help") },
    Binding {
        keys: &[Char('q')],
        label: "q / Ctrl-C",
        action: Action::Quit,
        help: "quit (your agenda is already saved)",
        footer: Some("q quit"),
    },
];

pub fn action_for(key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, Char('c')).then_some(Action::Quit);
    }
    if key.code == Char(']') {
        return Some(Action::NextDay);
    }
    BINDINGS.iter().find(|b| b.keys.contains(&key.code)).map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_maps_to_one_action() {
        let mut seen = std::collections::HashSet::new();
        for b in BINDINGS {
            for k in b.keys {
                assert!(seen.insert(*k), "{k:?} bound twice");
            }
        }
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(action_for(key(Char(' '))), Some(Action::ToggleStar));
        assert_eq!(action_for(key(Char(']'))), Some(Action::NextDay));
        assert_eq!(action_for(KeyEvent::new(Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(action_for(key(Char('x'))), None);
    }
}
