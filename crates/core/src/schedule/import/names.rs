//! Names and lists as a reader keeps them: bounded, so that what a file names once and refers
//! to many times (a room, a speaker) costs memory in proportion to the file.

use super::Draft;

/// The longest name kept (a room, a speaker, a track, a tag, a kind), in characters. No real
/// one comes near; a longer one, copied into every talk that names it, would multiply the file.
pub const MAX_NAME: usize = 200;

/// The most rooms a schedule may have (FOSDEM has 106, a Congress 72): a file naming more is
/// refused before they cost memory.
pub const MAX_ROOMS: usize = 10_000;

/// What is said of a file naming more than [`MAX_ROOMS`] rooms, in every format.
pub fn too_many_rooms() -> String {
    format!("the file names more than {MAX_ROOMS} rooms; no schedule has so many (is this the right file?)")
}

/// What `validate` says of `n` lists cut to [`MAX_PER_TALK`], in every format.
pub fn long_lists_remark(n: usize) -> String {
    let lists = if n == 1 { "list" } else { "lists" };
    format!("{n} {lists} of speakers, tags or links longer than {MAX_PER_TALK}: the first {MAX_PER_TALK} are kept")
}

/// The most speakers, tags or links a talk keeps.
pub const MAX_PER_TALK: usize = 100;

/// A name as kept: at most [`MAX_NAME`] characters. A longer one keeps its start and a mark of
/// the whole (`…#3fa2b7c1`), so two long names that differ only at their ends stay two.
pub fn name(s: &str) -> String {
    match s.char_indices().nth(MAX_NAME) {
        Some(_) => {
            let keep = s.char_indices().nth(MAX_NAME - 10).map_or(s.len(), |(at, _)| at);
            let mark = xxhash_rust::xxh3::xxh3_64(s.as_bytes()) as u32;
            format!("{}…#{mark:08x}", &s[..keep])
        }
        None => s.to_string(),
    }
}

/// A talk's list (speakers, tags, links) as it is read: each item once, empty ones left out,
/// at most [`MAX_PER_TALK`]. A list of a million nothings, or one name a million times, is not
/// a list to keep.
pub struct ListOf<T> {
    pub items: Vec<T>,
    over: bool,
}

impl<T> Default for ListOf<T> {
    fn default() -> Self {
        ListOf { items: Vec::new(), over: false }
    }
}

impl<T: PartialEq> ListOf<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, item: T) {
        // Full, nothing more is compared: a list of a million items costs a hundred compares.
        if self.over || self.items.contains(&item) {
            return;
        }
        if self.items.len() < MAX_PER_TALK {
            self.items.push(item);
        } else {
            self.over = true;
        }
    }

    /// The items, with the count of long lists kept in the draft.
    pub fn done(self, d: &mut Draft) -> Vec<T> {
        d.long_lists += usize::from(self.over);
        self.items
    }
}

impl ListOf<String> {
    /// A name to the list, cut to [`MAX_NAME`]; blank ones are left out.
    pub fn name(&mut self, s: &str) {
        if !s.trim().is_empty() {
            self.push(name(s));
        }
    }
}

impl Draft {
    /// What `validate` says of lists cut to [`MAX_PER_TALK`].
    pub(super) fn long_lists_remark(&self) -> Option<String> {
        (self.long_lists > 0).then(|| long_lists_remark(self.long_lists))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_is_cut_and_two_that_differ_only_at_the_end_stay_two() {
        let (north, south) = (format!("Hall {} North", "x".repeat(250)), format!("Hall {} South", "x".repeat(250)));
        let (n, s) = (name(&north), name(&south));
        assert_ne!(n, s);
        assert_eq!(n.chars().count(), MAX_NAME);
        assert!(n.starts_with("Hall xxx") && n.contains("…#"), "{n}");
        assert_eq!(name(&north), n, "the same name, the same cut");
        assert_eq!(name("Saal 1"), "Saal 1");
    }
}
