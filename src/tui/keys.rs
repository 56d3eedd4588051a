//! The one key table: input mapping, the help overlay and the footer all read it.

use super::state::View;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::action::Action;

pub struct Binding {
    pub keys: &'static [KeyCode],
    /// How the keys read in help: "s / Space".
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// Short text for the footer ("s star"); which views show it, and in what order, is
    /// [`footer_order`]'s to say.
    pub footer: Option<&'static str>,
}

use KeyCode::*;

const fn bind(
    keys: &'static [KeyCode],
    label: &'static str,
    action: Action,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding { keys, label, action, help, footer }
}

pub const BINDINGS: &[Binding] = &[
    bind(&[Char('k'), KeyCode::Up], "↑ / k", Action::Up, "previous talk (scroll up in details)", None),
    bind(&[Char('j'), KeyCode::Down], "↓ / j", Action::Down, "next talk (scroll down in details)", None),
    bind(&[Char('h'), KeyCode::Left], "← / h", Action::Left, "room to the left", None),
    bind(&[Char('l'), KeyCode::Right], "→ / l", Action::Right, "room to the right", None),
    bind(&[Char('c')], "c", Action::GoToRoom, "go to a room by name (Tab completes)", Some("c room")),
    bind(
        &[Char('-')],
        "-",
        Action::RoomsInView,
        "schedule: only the rooms with a talk in the hours on screen, or all again",
        None,
    ),
    bind(&[Char('*')], "*", Action::MyRooms, "schedule: only my rooms (a starred talk that day), or all again", None),
    bind(
        &[Char('m')],
        "m",
        Action::MyNext,
        "my next starred talk in the schedule (again: the one after)",
        Some("m my next"),
    ),
    bind(&[Char('[')], "[", Action::PrevDay, "previous day", Some("[ day")),
    bind(&[Char(']')], "]", Action::NextDay, "next day", None),
    bind(&[Char('g'), Home], "g / Home", Action::Top, "first talk (of the day)", None),
    bind(&[Char('G'), End], "G / End", Action::Bottom, "last talk (of the day)", None),
    bind(&[KeyCode::PageUp], "PgUp", Action::PageUp, "an hour earlier / a page up", None),
    bind(&[KeyCode::PageDown], "PgDn", Action::PageDown, "an hour later / a page down", None),
    bind(&[Enter], "Enter", Action::Open, "details: abstract, speakers, video, clashes", Some("Enter details")),
    bind(&[Esc], "Esc", Action::Back, "close details or help; dismiss a warning", None),
    bind(&[Char('s'), Char(' ')], "s / Space", Action::ToggleStar, "star / unstar: mark to attend", Some("s star")),
    bind(&[Char('o')], "o", Action::ToggleLater, "mark to catch on-demand (watch the video later)", Some("o later")),
    bind(
        &[Char('r')],
        "r",
        Action::Resolve,
        "resolve a clash: keep this one, the other goes on-demand",
        Some("r resolve"),
    ),
    bind(&[Char('u')], "u", Action::Undo, "undo the last change to your marks", Some("u undo")),
    bind(&[Char('n')], "n", Action::EditNote, "write a short note on the talk", Some("n note")),
    bind(
        &[Char('x')],
        "x",
        Action::Acknowledge,
        "agenda: take note of a schedule change (a cancelled talk lets go of its mark)",
        Some("x noted"),
    ),
    bind(
        &[Char('a')],
        "a",
        Action::Suggest,
        "agenda: talks for the gaps, ranked by what they share with your marks",
        Some("a gaps"),
    ),
    bind(&[Char('e')], "e", Action::Export, "export the agenda: .ics calendar, .md or .json", Some("e export")),
    bind(&[Char('w')], "w", Action::ToggleWatched, "on-demand: tick / untick watched", Some("w watched")),
    bind(&[Char('y')], "y", Action::CopyLink, "copy the video link (terminal clipboard, OSC 52)", Some("y copy link")),
    bind(&[Char('Y')], "Y", Action::CopyPage, "copy the address of the talk's page on the conference site", None),
    bind(&[Char('b')], "b", Action::OpenPage, "open the talk's page in the browser", Some("b page")),
    bind(
        &[Char('/')],
        "/",
        Action::Search,
        "find a talk: fuzzy search of titles, speakers, rooms, tracks, tags, abstracts",
        Some("/ find"),
    ),
    bind(
        &[Char('f')],
        "f",
        Action::Filter,
        "filter: rooms, tracks, languages, days, kinds, tags, starred only, hide past (saved with your agenda)",
        Some("f filter"),
    ),
    bind(&[Char('v')], "v", Action::ToggleList, "schedule as a grid or a compact list by time", Some("v list")),
    bind(&[Char('A')], "A", Action::AllRooms, "now: list the quiet rooms too, or fold them again", Some("A all rooms")),
    bind(&[Char('t')], "t", Action::JumpToNow, "jump the schedule to what is on now", None),
    bind(&[Char('@')], "@", Action::GoToTime, "go to a time: try the Now view at any moment", None),
    bind(
        &[Char('R')],
        "R",
        Action::Refresh,
        "ask now for a newer schedule (one opened from a URL is also asked every refresh_minutes, a file looked at every 3 s)",
        None,
    ),
    bind(&[Tab], "Tab", Action::NextView, "next view", Some("Tab view")),
    bind(&[BackTab], "Shift-Tab", Action::PrevView, "previous view", None),
    bind(&[Char('1')], "1", Action::ShowSchedule, "schedule: rooms side by side (from details: at that talk)", None),
    bind(&[Char('2')], "2", Action::ShowNow, "now: live and next in every room", None),
    bind(&[Char('3')], "3", Action::ShowAgenda, "agenda: your talks, clashes, gaps", None),
    bind(&[Char('4')], "4", Action::ShowOnDemand, "on-demand: talks to watch later", None),
    bind(&[Char('?')], "?", Action::Help, "this help", Some("? help")),
    bind(&[Char('q')], "q / Ctrl-C", Action::Quit, "quit (your agenda is already saved)", Some("q quit")),
];

impl Action {
    /// Its name in the config file's `[keys]` table.
    pub fn name(self) -> &'static str {
        use Action::*;
        match self {
            Up => "up",
            Down => "down",
            Left => "left",
            Right => "right",
            PrevDay => "prev_day",
            NextDay => "next_day",
            Top => "top",
            Bottom => "bottom",
            PageUp => "page_up",
            PageDown => "page_down",
            Open => "open",
            Back => "back",
            ToggleStar => "star",
            ToggleLater => "later",
            JumpToNow => "jump_to_now",
            NextView => "next_view",
            PrevView => "prev_view",
            ShowSchedule => "schedule",
            ShowNow => "now",
            ShowAgenda => "agenda",
            ShowOnDemand => "on_demand",
            Resolve => "resolve",
            Undo => "undo",
            EditNote => "note",
            ToggleWatched => "watched",
            CopyLink => "copy_link",
            CopyPage => "copy_page",
            OpenPage => "open_page",
            GoToTime => "go_to_time",
            GoToRoom => "go_to_room",
            MyNext => "my_next",
            RoomsInView => "rooms_in_view",
            MyRooms => "my_rooms",
            Filter => "filter",
            Acknowledge => "acknowledge",
            Suggest => "suggest",
            Export => "export",
            Search => "search",
            ToggleList => "list",
            AllRooms => "all_rooms",
            Refresh => "refresh",
            Help => "help",
            Quit => "quit",
        }
    }
}

/// The key table in use: the defaults with the config file's `[keys]` applied. Help and the
/// footer read their labels from here, so they show the keys that work.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Per binding (in `BINDINGS` order): its keys and how they read.
    keys: Vec<(Vec<KeyCode>, String)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self { keys: BINDINGS.iter().map(|b| (b.keys.to_vec(), b.label.to_string())).collect() }
    }
}

impl Keymap {
    /// Apply remappings (action name -> key names). Each named action's keys replace its
    /// defaults; a key taken by two actions is an error, as is an unknown action or key.
    pub fn with(
        overrides: &std::collections::BTreeMap<String, crate::config::KeySpec>,
    ) -> Result<Self, (String, String)> {
        let mut map = Self::default();
        for (name, spec) in overrides {
            let Some(pos) = BINDINGS.iter().position(|b| b.action.name() == name) else {
                let names: Vec<&str> = BINDINGS.iter().map(|b| b.action.name()).collect();
                return Err((name.clone(), format!("no action `{name}`; actions are {}", names.join(", "))));
            };
            let codes = spec
                .keys()
                .into_iter()
                .map(|k| parse_key(k).ok_or_else(|| (name.clone(), format!("`{k}` is not a key hallway knows: use one character, or Space, Tab, Enter, Esc, Backspace, Delete, Up, Down, Left, Right, Home, End, PageUp, PageDown, F1-F12"))))
                .collect::<Result<Vec<_>, _>>()?;
            if codes.is_empty() {
                return Err((name.clone(), "give at least one key".into()));
            }
            let label = spec.keys().join(" / ");
            map.keys[pos] = (codes, label);
        }
        for (i, (codes, _)) in map.keys.iter().enumerate() {
            for (j, (other, _)) in map.keys.iter().enumerate().skip(i + 1) {
                if let Some(k) = codes.iter().find(|k| other.contains(k)) {
                    let (a, b) = (BINDINGS[i].action.name(), BINDINGS[j].action.name());
                    let named = if overrides.contains_key(b) { b } else { a };
                    return Err((named.to_string(), format!("{} is bound to both `{a}` and `{b}`", key_name(*k))));
                }
            }
        }
        Ok(map)
    }

    pub fn action_for(&self, key: KeyEvent) -> Option<Action> {
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return matches!(key.code, Char('c')).then_some(Action::Quit);
        }
        self.keys.iter().position(|(codes, _)| codes.contains(&key.code)).map(|i| BINDINGS[i].action)
    }

    /// How an action's keys read ("s / Space"), as remapped.
    pub fn label(&self, binding: usize) -> &str {
        &self.keys[binding].1
    }

    /// The footer item of a binding, its key part as remapped: ("s", "star").
    pub fn footer(&self, binding: usize) -> Option<(String, &'static str)> {
        let (default_key, rest) = BINDINGS[binding].footer?.split_once(' ')?;
        let first_key = |b: usize| {
            if self.keys[b].0 == BINDINGS[b].keys {
                None
            } else {
                self.keys[b].1.split(" / ").next().map(str::to_string)
            }
        };
        let key = first_key(binding).unwrap_or_else(|| default_key.to_string());
        // The day keys read as one item: "[/] day".
        if BINDINGS[binding].action == Action::PrevDay
            && let Some(next) = BINDINGS.iter().position(|b| b.action == Action::NextDay)
        {
            let next_key = first_key(next).unwrap_or_else(|| "]".into());
            return Some((format!("{key}/{next_key}"), rest));
        }
        Some((key, rest))
    }

    /// The first key of an action as it reads, as remapped ("s" for star).
    pub fn key_of(&self, action: Action) -> Option<&str> {
        Self::binding_of(action).and_then(|b| self.label(b).split(" / ").next())
    }

    /// The binding of an action.
    pub fn binding_of(action: Action) -> Option<usize> {
        BINDINGS.iter().position(|b| b.action == action)
    }
}

/// The footer's keys for a view, most needed first: a narrow terminal keeps the first ones
/// (help and quit always show). At a big conference finding and filtering come before the rest.
pub fn footer_order(view: View) -> &'static [Action] {
    use Action::*;
    match view {
        View::Schedule => {
            &[Open, ToggleStar, Search, Filter, ToggleList, MyNext, GoToRoom, PrevDay, ToggleLater, Resolve, Undo]
        }
        View::Now => &[Open, ToggleStar, AllRooms, MyNext, Search, Filter, Resolve, ToggleLater, Undo],
        View::Agenda => &[Open, ToggleStar, Resolve, Suggest, Export, Search, Undo, EditNote, Acknowledge],
        View::OnDemand => &[Open, ToggleWatched, CopyLink, Export, ToggleLater, Search, Undo],
    }
}

fn parse_key(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(Char(c));
    }
    Some(match name.to_ascii_lowercase().as_str() {
        "space" => Char(' '),
        "tab" => Tab,
        "enter" | "return" => Enter,
        "esc" | "escape" => Esc,
        "backspace" => Backspace,
        "delete" | "del" => Delete,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => Home,
        "end" => End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        f if f.starts_with('f') => F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?),
        _ => return None,
    })
}

fn key_name(k: KeyCode) -> String {
    match k {
        Char(' ') => "Space".into(),
        Char(c) => format!("`{c}`"),
        other => format!("{other:?}"),
    }
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
        let action_for = |k| Keymap::default().action_for(k);
        assert_eq!(action_for(key(Char(' '))), Some(Action::ToggleStar));
        assert_eq!(action_for(key(Char(']'))), Some(Action::NextDay));
        assert_eq!(action_for(key(Char('['))), Some(Action::PrevDay));
        assert_eq!(action_for(KeyEvent::new(Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(action_for(key(Char('z'))), None);
    }

    #[test]
    fn remapping_replaces_keys_and_refuses_clashes() {
        use crate::config::KeySpec;
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let one = |k: &str| KeySpec::One(k.into());
        let m = Keymap::with(
            &[("star".to_string(), one("z")), ("later".into(), KeySpec::Many(vec!["L".into(), "F2".into()]))].into(),
        )
        .unwrap();
        assert_eq!(m.action_for(key(Char('z'))), Some(Action::ToggleStar));
        assert_eq!(m.action_for(key(Char('s'))), None, "the default key is replaced");
        assert_eq!(m.action_for(key(F(2))), Some(Action::ToggleLater));
        let star = BINDINGS.iter().position(|b| b.action == Action::ToggleStar).unwrap();
        assert_eq!(m.label(star), "z");
        assert_eq!(m.footer(star), Some(("z".into(), "star")));
        let e = Keymap::with(&[("star".to_string(), one("q"))].into()).unwrap_err();
        assert_eq!(e.0, "star");
        assert!(e.1.contains("`q` is bound to both"), "{e:?}");
        assert!(Keymap::with(&[("stra".to_string(), one("z"))].into()).unwrap_err().1.contains("no action `stra`"));
        assert!(Keymap::with(&[("star".to_string(), one("Ctrl-x"))].into()).unwrap_err().1.contains("not a key"));
        // Each day key has its own row: remapping one keeps the other.
        let m = Keymap::with(&[("prev_day".to_string(), one("P"))].into()).unwrap();
        assert_eq!(m.action_for(key(Char('P'))), Some(Action::PrevDay));
        assert_eq!(m.action_for(key(Char(']'))), Some(Action::NextDay));
        assert_eq!(m.action_for(key(Char('['))), None);
        let m = Keymap::with(&[("next_day".to_string(), one("N"))].into()).unwrap();
        assert_eq!(m.action_for(key(Char('N'))), Some(Action::NextDay));
        assert_eq!(m.action_for(key(Char('['))), Some(Action::PrevDay));
        let prev = Keymap::binding_of(Action::PrevDay).unwrap();
        assert_eq!(m.footer(prev), Some(("[/N".into(), "day")));
    }
}
