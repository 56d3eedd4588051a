//! The one key table: input mapping, the help overlay and the footer all read it.

use super::app::View;
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
    PrevView,
    ShowSchedule,
    ShowNow,
    ShowAgenda,
    ShowOnDemand,
    Resolve,
    Undo,
    EditNote,
    ToggleWatched,
    CopyLink,
    GoToTime,
    Filter,
    Acknowledge,
    Export,
    Search,
    ToggleList,
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
    /// The views whose footer shows it; empty: all of them.
    pub views: &'static [View],
}

use KeyCode::*;

const ALL: &[View] = &[];
const SCHEDULE: &[View] = &[View::Schedule];
const SCHEDULE_NOW: &[View] = &[View::Schedule, View::Now];
const TALKS: &[View] = &[View::Schedule, View::Now, View::Agenda];
const LATER: &[View] = &[View::OnDemand];
const AGENDA: &[View] = &[View::Agenda];
const LISTS: &[View] = &[View::Agenda, View::OnDemand];

const fn bind(
    keys: &'static [KeyCode],
    label: &'static str,
    action: Action,
    help: &'static str,
    footer: Option<&'static str>,
    views: &'static [View],
) -> Binding {
    Binding { keys, label, action, help, footer, views }
}

pub const BINDINGS: &[Binding] = &[
    bind(&[Char('k'), KeyCode::Up], "↑ / k", Action::Up, "previous talk (scroll up in details)", None, ALL),
    bind(&[Char('j'), KeyCode::Down], "↓ / j", Action::Down, "next talk (scroll down in details)", None, ALL),
    bind(&[Char('h'), KeyCode::Left], "← / h", Action::Left, "track to the left", None, ALL),
    bind(&[Char('l'), KeyCode::Right], "→ / l", Action::Right, "track to the right", None, ALL),
    bind(&[Char('['), Char(']')], "[ / ]", Action::PrevDay, "previous / next day", Some("[/] day"), SCHEDULE),
    bind(&[Char('g'), Home], "g / Home", Action::Top, "first talk (of the day)", None, ALL),
    bind(&[Char('G'), End], "G / End", Action::Bottom, "last talk (of the day)", None, ALL),
    bind(&[KeyCode::PageUp], "PgUp", Action::PageUp, "an hour earlier / a page up", None, ALL),
    bind(&[KeyCode::PageDown], "PgDn", Action::PageDown, "an hour later / a page down", None, ALL),
    bind(&[Enter], "Enter", Action::Open, "details: abstract, speakers, video, clashes", Some("Enter details"), ALL),
    bind(&[Esc], "Esc", Action::Back, "close details or help", None, ALL),
    bind(
        &[Char('s'), Char(' ')],
        "s / Space",
        Action::ToggleStar,
        "star / unstar: mark to attend",
        Some("s star"),
        TALKS,
    ),
    bind(
        &[Char('o')],
        "o",
        Action::ToggleLater,
        "mark to catch on-demand (watch the video later)",
        Some("o later"),
        TALKS,
    ),
    bind(
        &[Char('r')],
        "r",
        Action::Resolve,
        "resolve a clash: keep this one, the other goes on-demand",
        Some("r resolve"),
        TALKS,
    ),
    bind(&[Char('u')], "u", Action::Undo, "undo the last change to your marks", Some("u undo"), ALL),
    bind(&[Char('n')], "n", Action::EditNote, "write a short note on the talk", Some("n note"), ALL),
    bind(
        &[Char('x')],
        "x",
        Action::Acknowledge,
        "agenda: take note of a schedule change (a cancelled talk lets go of its mark)",
        Some("x noted"),
        AGENDA,
    ),
    bind(&[Char('e')], "e", Action::Export, "export the agenda: .ics calendar, .md or .json", Some("e export"), LISTS),
    bind(&[Char('w')], "w", Action::ToggleWatched, "on-demand: tick / untick watched", Some("w watched"), LATER),
    bind(
        &[Char('y')],
        "y",
        Action::CopyLink,
        "copy the video link (terminal clipboard, OSC 52)",
        Some("y copy link"),
        LATER,
    ),
    bind(
        &[Char('/')],
        "/",
        Action::Search,
        "find a talk: fuzzy search of titles, speakers, tracks, tags, abstracts",
        Some("/ find"),
        ALL,
    ),
    bind(
        &[Char('f')],
        "f",
        Action::Filter,
        "filter: tracks, days, kinds, tags, starred only, hide past (saved with your agenda)",
        Some("f filter"),
        SCHEDULE_NOW,
    ),
    bind(
        &[Char('v')],
        "v",
        Action::ToggleList,
        "schedule as a grid or a compact list by time",
        Some("v list"),
        SCHEDULE,
    ),
    bind(&[Char('t')], "t", Action::JumpToNow, "jump the schedule to what is on now", None, ALL),
    bind(&[Char('@')], "@", Action::GoToTime, "go to a time: try the Now view at any moment", None, ALL),
    bind(&[Tab], "Tab", Action::NextView, "next view", Some("Tab view"), ALL),
    bind(&[BackTab], "Shift-Tab", Action::PrevView, "previous view", None, ALL),
    bind(&[Char('1')], "1", Action::ShowSchedule, "schedule: tracks side by side", None, ALL),
    bind(&[Char('2')], "2", Action::ShowNow, "now: live and next in every track", None, ALL),
    bind(&[Char('3')], "3", Action::ShowAgenda, "agenda: your talks, clashes, gaps", None, ALL),
    bind(&[Char('4')], "4", Action::ShowOnDemand, "on-demand: talks to watch later", None, ALL),
    bind(&[Char('?')], "?", Action::Help, "this help", Some("? help"), ALL),
    bind(&[Char('q')], "q / Ctrl-C", Action::Quit, "quit (your agenda is already saved)", Some("q quit"), ALL),
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
        assert_eq!(action_for(key(Char('z'))), None);
    }
}
