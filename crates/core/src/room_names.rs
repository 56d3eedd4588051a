//! A room as a person types its name (the planner's `c`): whole, its start, a word of it,
//! a part of it, or a near spelling.

use crate::search::{fold, starts_a_word};

/// Rooms whose name matches what was typed, best first: the name itself, then names that
/// start with it, then names with a word that does, then names that contain it (letters
/// compared without case or accents: "janson" finds "Janson", "fontaine" "K.1.105 (La
/// Fontaine)"). Within a rank, in the conference's room order.
pub fn rooms_named(rooms: &[String], typed: &str) -> Vec<usize> {
    let typed = fold(typed.trim());
    if typed.is_empty() {
        return Vec::new();
    }
    let mut ranked: Vec<(u8, usize)> = rooms
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let name = fold(name);
            let rank = if name == typed {
                0
            } else if name.starts_with(&typed) {
                1
            } else if starts_a_word(&name, &typed) {
                2
            } else if name.contains(&typed) {
                3
            } else {
                return None;
            };
            Some((rank, i))
        })
        .collect();
    if ranked.is_empty() {
        // A typo ("postgrs"): the closest name, when it is close.
        let near = rooms
            .iter()
            .enumerate()
            .map(|(i, name)| (strsim::jaro_winkler(&typed, &fold(name)), i))
            .filter(|(score, _)| *score >= 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        return near.map(|(_, i)| vec![i]).unwrap_or_default();
    }
    ranked.sort_unstable();
    ranked.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_is_found_by_its_name_a_word_of_it_or_a_part_best_first() {
        let rooms: Vec<String> =
            ["K.1.105 (La Fontaine)", "Janson", "H.2215 (Ferrer)", "UB2.252A (Lameere)", "Jansen annex", "Café"]
                .map(String::from)
                .into();
        assert_eq!(rooms_named(&rooms, "janson"), [1]);
        assert_eq!(rooms_named(&rooms, "jans"), [1, 4]);
        assert_eq!(rooms_named(&rooms, "fontaine"), [0]);
        assert_eq!(rooms_named(&rooms, "LA"), [0, 3]);
        assert_eq!(rooms_named(&rooms, "cafe"), [5]);
        assert_eq!(rooms_named(&rooms, "2"), [2, 3]);
        assert_eq!(rooms_named(&rooms, "(l"), [0, 3]);
        assert!(rooms_named(&rooms, "  ").is_empty());
        assert!(rooms_named(&rooms, "nowhere").is_empty());
        assert_eq!(rooms_named(&rooms, "jansson"), [1], "a near spelling");
    }
}
