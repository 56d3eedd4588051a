//! The filter panel (`f`): what to show, which days, kinds, tracks, languages, tags and rooms,
//! out of dozens; type
//! to narrow the list. Pure state: the view draws it, the app applies it.

use super::line_input::{Edit, LineInput};
use crate::filter::{Choices, Filter};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use std::collections::BTreeSet;

/// One line of the panel that Space ticks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    StarredOnly,
    HidePast,
    FriendsOnly,
    Day(NaiveDate),
    Kind(String),
    /// The organisers' track: what talks are about.
    Track(String),
    Language(String),
    Tag(String),
    /// A room, by its column: where talks are.
    Room(usize),
}

impl Entry {
    /// The section heading it sits under.
    pub fn section(&self) -> &'static str {
        match self {
            Entry::StarredOnly | Entry::HidePast | Entry::FriendsOnly => "Show",
            Entry::Day(_) => "Days",
            Entry::Kind(_) => "Kinds",
            Entry::Track(_) => "Tracks",
            Entry::Language(_) => "Languages",
            Entry::Tag(_) => "Tags",
            Entry::Room(_) => "Rooms",
        }
    }

    pub fn label(&self, tracks: &[String]) -> String {
        match self {
            Entry::StarredOnly => "only talks I starred".into(),
            Entry::HidePast => "hide talks that have ended".into(),
            Entry::FriendsOnly => "only talks a friend attends".into(),
            Entry::Day(d) => d.format("%a %-d %b").to_string(),
            Entry::Kind(k) | Entry::Tag(k) | Entry::Track(k) => k.clone(),
            Entry::Language(l) => crate::languages::name(l),
            Entry::Room(t) => tracks[*t].clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterPicker {
    pub query: LineInput,
    /// Room columns ticked; none ticked means every room is shown.
    pub ticked: BTreeSet<usize>,
    /// The rest of the filter being edited.
    pub filter: Filter,
    pub choices: Choices,
    /// Friends' agendas are loaded: "only talks a friend attends" is offered.
    pub has_friends: bool,
    /// Position in `matches()`.
    pub cursor: usize,
}

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Open,
    Apply,
    Cancel,
}

impl FilterPicker {
    pub fn new(ticked: BTreeSet<usize>, filter: Filter, choices: Choices) -> Self {
        Self { query: LineInput::new("", 60), ticked, filter, choices, has_friends: false, cursor: 0 }
    }

    /// Every entry, by section, in the order drawn.
    pub fn entries(&self, tracks: &[String]) -> Vec<Entry> {
        let mut v = vec![Entry::StarredOnly, Entry::HidePast];
        if self.has_friends {
            v.push(Entry::FriendsOnly);
        }
        // One-day conferences have no day to choose, nor single-kind ones a kind.
        if self.choices.days.len() > 1 {
            v.extend(self.choices.days.iter().map(|(d, _)| Entry::Day(*d)));
        }
        if self.choices.kinds.len() > 1 {
            v.extend(self.choices.kinds.iter().map(|(k, _)| Entry::Kind(k.clone())));
        }
        v.extend(self.choices.tracks.iter().map(|(t, _)| Entry::Track(t.clone())));
        if self.choices.languages.len() > 1 {
            v.extend(self.choices.languages.iter().map(|(l, _)| Entry::Language(l.clone())));
        }
        v.extend(self.choices.tags.iter().map(|(t, _)| Entry::Tag(t.clone())));
        v.extend((0..tracks.len()).map(Entry::Room));
        v
    }

    /// Entries whose section and label contain every word typed (any case).
    pub fn matches(&self, tracks: &[String]) -> Vec<Entry> {
        let words: Vec<String> = self.query.text().split_whitespace().map(str::to_lowercase).collect();
        self.entries(tracks)
            .into_iter()
            .filter(|e| {
                let text = format!("{} {}", e.section(), e.label(tracks)).to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect()
    }

    pub fn is_ticked(&self, e: &Entry) -> bool {
        let f = &self.filter;
        match e {
            Entry::StarredOnly => f.starred_only,
            Entry::HidePast => f.hide_past,
            Entry::FriendsOnly => f.friends_only,
            Entry::Day(d) => f.days.contains(d),
            Entry::Kind(k) => f.kinds.contains(k),
            Entry::Tag(t) => f.tags.contains(t),
            Entry::Track(t) => f.tracks.contains(t),
            Entry::Language(l) => f.languages.contains(l),
            Entry::Room(t) => self.ticked.contains(t),
        }
    }

    /// How many talks an entry covers, where that means something.
    pub fn count(&self, e: &Entry) -> Option<usize> {
        let find = |list: &[(String, usize)], v: &str| list.iter().find(|(x, _)| x == v).map(|p| p.1);
        match e {
            Entry::Day(d) => self.choices.days.iter().find(|(x, _)| x == d).map(|p| p.1),
            Entry::Kind(k) => find(&self.choices.kinds, k),
            Entry::Tag(t) => find(&self.choices.tags, t),
            Entry::Track(t) => find(&self.choices.tracks, t),
            Entry::Language(l) => find(&self.choices.languages, l),
            _ => None,
        }
    }

    fn toggle_at(&mut self, shown: &[Entry]) {
        if let Some(e) = shown.get(self.cursor) {
            self.toggle(e);
        }
    }

    fn toggle(&mut self, e: &Entry) {
        fn flip<T: Ord + Clone>(set: &mut BTreeSet<T>, v: &T) {
            if !set.remove(v) {
                set.insert(v.clone());
            }
        }
        let f = &mut self.filter;
        match e {
            Entry::StarredOnly => f.starred_only = !f.starred_only,
            Entry::HidePast => f.hide_past = !f.hide_past,
            Entry::FriendsOnly => f.friends_only = !f.friends_only,
            Entry::Day(d) => flip(&mut f.days, d),
            Entry::Kind(k) => flip(&mut f.kinds, k),
            Entry::Tag(t) => flip(&mut f.tags, t),
            Entry::Track(t) => flip(&mut f.tracks, t),
            Entry::Language(l) => flip(&mut f.languages, l),
            Entry::Room(t) => flip(&mut self.ticked, t),
        }
    }

    pub fn key(&mut self, key: KeyEvent, tracks: &[String]) -> Pick {
        let shown = self.matches(tracks);
        let last = shown.len().saturating_sub(1);
        match key.code {
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down => self.cursor = (self.cursor + 1).min(last),
            KeyCode::PageUp => self.cursor = self.cursor.saturating_sub(10),
            KeyCode::PageDown => self.cursor = (self.cursor + 10).min(last),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = last,
            // Space ticks until something is typed; then it types (a room named "Stage 2"),
            // and Tab ticks.
            KeyCode::Char(' ') if self.query.text().is_empty() => self.toggle_at(&shown),
            KeyCode::Tab => self.toggle_at(&shown),
            // The first Esc clears what was typed, keeping the ticks; the second closes.
            KeyCode::Esc if !self.query.text().is_empty() => {
                self.query = LineInput::new("", 60);
                self.cursor = 0;
            }
            KeyCode::Delete => {
                self.ticked.clear();
                self.filter = Filter::default();
            }
            _ => match self.query.key(key) {
                Edit::Submit => return Pick::Apply,
                Edit::Cancel => return Pick::Cancel,
                Edit::Changed => self.cursor = 0,
                Edit::Ignored => {}
            },
        }
        Pick::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_in(p: &mut FilterPicker, text: &str, tracks: &[String]) {
        for c in text.chars() {
            p.key(k(KeyCode::Char(c)), tracks);
        }
    }

    fn choices() -> Choices {
        let day = |d| NaiveDate::from_ymd_opt(2021, 2, d).unwrap();
        Choices {
            tags: vec![("rust".into(), 9), ("go".into(), 4)],
            kinds: vec![("talk".into(), 20), ("workshop".into(), 3)],
            days: vec![(day(6), 12), (day(7), 11)],
            ..Choices::default()
        }
    }

    #[test]
    fn type_to_narrow_tab_to_tick_enter_to_apply() {
        let tracks: Vec<String> =
            ["K.fosdem", "M.community", "D.rust", "D.go", "L.lightningtalks"].map(String::from).into();
        let mut p = FilterPicker::new(BTreeSet::new(), Filter::default(), choices());
        type_in(&mut p, "d.", &tracks);
        assert_eq!(p.matches(&tracks), [Entry::Room(2), Entry::Room(3)]);
        p.key(k(KeyCode::Down), &tracks);
        p.key(k(KeyCode::Tab), &tracks);
        assert_eq!(p.ticked, BTreeSet::from([3]));
        p.key(k(KeyCode::Backspace), &tracks);
        p.key(k(KeyCode::Backspace), &tracks);
        assert_eq!(p.matches(&tracks).len(), 2 + 2 + 2 + 2 + 5, "the ticks stay while the list widens");
        type_in(&mut p, "tagsru", &tracks);
        assert_eq!(p.matches(&tracks), [], "words are matched, not letters across them");
        for _ in 0..6 {
            p.key(k(KeyCode::Backspace), &tracks);
        }
        type_in(&mut p, "tags", &tracks);
        assert_eq!(p.matches(&tracks).len(), 2, "a section name narrows too");
        for _ in 0..4 {
            p.key(k(KeyCode::Backspace), &tracks);
        }
        type_in(&mut p, "rust", &tracks);
        assert_eq!(p.matches(&tracks), [Entry::Tag("rust".into()), Entry::Room(2)]);
        p.key(k(KeyCode::Tab), &tracks);
        assert!(p.filter.tags.contains("rust"));
        assert_eq!(p.count(&Entry::Tag("rust".into())), Some(9));
        assert_eq!(p.key(k(KeyCode::Enter), &tracks), Pick::Apply);
        p.key(k(KeyCode::Delete), &tracks);
        assert!(p.ticked.is_empty() && p.filter.is_empty(), "Del clears everything");
        p.key(k(KeyCode::Tab), &tracks);
        assert_eq!(p.key(k(KeyCode::Esc), &tracks), Pick::Open, "the first Esc clears the text");
        assert_eq!(p.query.text(), "");
        assert!(p.filter.tags.contains("rust"), "and keeps the ticks");
        assert_eq!(p.key(k(KeyCode::Esc), &tracks), Pick::Cancel);
    }

    #[test]
    fn space_types_once_something_is_typed() {
        let tracks: Vec<String> = vec!["Main Stage".into(), "Stage 2".into()];
        let mut p = FilterPicker::new(BTreeSet::new(), Filter::default(), choices());
        type_in(&mut p, "stage 2", &tracks);
        assert_eq!(p.query.text(), "stage 2");
        assert_eq!(p.matches(&tracks), [Entry::Room(1)]);
        assert!(p.ticked.is_empty(), "typing a space ticked nothing");
        p.key(k(KeyCode::Tab), &tracks);
        assert_eq!(p.ticked, BTreeSet::from([1]));
    }

    #[test]
    fn show_toggles_days_and_kinds() {
        let tracks: Vec<String> = vec!["A".into()];
        let mut p = FilterPicker::new(BTreeSet::new(), Filter::default(), choices());
        p.key(k(KeyCode::Char(' ')), &tracks);
        p.key(k(KeyCode::Down), &tracks);
        p.key(k(KeyCode::Char(' ')), &tracks);
        assert!(p.filter.starred_only && p.filter.hide_past);
        type_in(&mut p, "sun", &tracks);
        assert_eq!(p.matches(&tracks), [Entry::Day(NaiveDate::from_ymd_opt(2021, 2, 7).unwrap())]);
        p.key(k(KeyCode::Tab), &tracks);
        assert_eq!(p.filter.days.len(), 1);
        let one_day = Choices { days: vec![choices().days[0]], kinds: vec![("talk".into(), 3)], ..choices() };
        let p = FilterPicker::new(BTreeSet::new(), Filter::default(), one_day);
        assert!(
            !p.matches(&tracks).iter().any(|e| matches!(e, Entry::Day(_) | Entry::Kind(_))),
            "nothing to choose from one day or one kind"
        );
    }
}
