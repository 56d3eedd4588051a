//! A cursor over a list that stays on the same entry when the list changes under it (a star
//! re-sorts the agenda, the minute turns in the Now view, a talk is ticked watched).

use crate::tui::action::Action;
use std::cell::Cell;

#[derive(Debug)]
pub struct ListView<T> {
    /// Where the cursor was, for when its entry leaves the list.
    cursor: usize,
    /// The entry under the cursor.
    pick: Option<T>,
    /// The first line shown, kept by the draw code so the view does not jump.
    pub top: Cell<usize>,
}

impl<T> Default for ListView<T> {
    fn default() -> Self {
        Self { cursor: 0, pick: None, top: Cell::new(0) }
    }
}

impl<T: PartialEq + Clone> ListView<T> {
    /// The cursor's position in `items`: its entry's, else the nearest still there.
    pub fn position(&self, items: &[T]) -> usize {
        let Some(pick) = &self.pick else { return self.cursor.min(items.len().saturating_sub(1)) };
        if items.get(self.cursor) == Some(pick) {
            return self.cursor;
        }
        // The entry may be listed twice (a changed talk, in the changes and in its day): the
        // copy nearest to where the cursor was; on a tie the lower one, as lines come above it
        // (the changes section appears at the top).
        items
            .iter()
            .enumerate()
            .filter(|(_, x)| *x == pick)
            .min_by_key(|(i, _)| (i.abs_diff(self.cursor), std::cmp::Reverse(*i)))
            .map_or_else(|| self.cursor.min(items.len().saturating_sub(1)), |(i, _)| i)
    }

    pub fn current<'a>(&self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.position(items))
    }

    pub fn go(&mut self, items: &[T], pos: usize) {
        self.cursor = pos.min(items.len().saturating_sub(1));
        self.pick = items.get(self.cursor).cloned();
    }

    /// Put the cursor on an entry, when the list has it.
    pub fn go_to(&mut self, items: &[T], entry: &T) -> bool {
        match items.iter().position(|x| x == entry) {
            Some(p) => {
                self.go(items, p);
                true
            }
            None => false,
        }
    }

    /// The list is made of other positions now (a newer copy of the schedule): the cursor
    /// follows `entry` as it is now (the copy nearest its place when listed twice), else stays
    /// at its place.
    pub fn follow(&mut self, entry: Option<T>) {
        self.pick = entry;
    }

    pub fn nav(&mut self, items: &[T], action: Action) {
        let pos = step(self.position(items), items.len(), action);
        self.go(items, pos);
    }
}

/// Where a list's cursor goes for a move.
pub fn step(cursor: usize, len: usize, action: Action) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::PageUp => cursor.saturating_sub(10),
        Action::PageDown => (cursor + 10).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => cursor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stays_on_its_entry_when_the_list_changes() {
        let mut v = ListView::default();
        v.nav(&[10, 20, 30], Action::Down);
        assert_eq!(v.current(&[10, 20, 30]), Some(&20));
        assert_eq!(v.current(&[5, 10, 20, 30]), Some(&20), "an entry above it came");
        assert_eq!(v.current(&[10, 30]), Some(&30), "its entry left: the one now in its place");
        assert_eq!(v.current(&[]), None);
    }

    #[test]
    fn a_cursor_that_follows_an_entry_listed_twice_takes_the_copy_nearest_its_place() {
        let mut v = ListView::default();
        let items = [1, 7, 2, 3, 7];
        v.go(&items, 4);
        v.follow(Some(7));
        assert_eq!(v.position(&items), 4, "not the first 7");
        v.follow(Some(9));
        assert_eq!(v.position(&items), 4, "gone: it stays at its place");
    }

    #[test]
    fn an_entry_listed_twice_does_not_trap_the_cursor() {
        let items = [1, 7, 2, 7, 3];
        let mut v = ListView::default();
        for want in [7, 2, 7, 3] {
            v.nav(&items, Action::Down);
            assert_eq!(v.current(&items), Some(&want));
        }
        assert_eq!(v.position(&items), 4);
        v.nav(&items, Action::Up);
        assert_eq!(v.position(&items), 3, "the second 7");
    }
}
