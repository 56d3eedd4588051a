//! A talk as a person names it on the command line: its id, a unique start of it (as git takes
//! a short hash: a Congress id is a 36-character UUID), or the last part of its page's address
//! (frab's event number, FOSDEM's and pretalx's slugs), in any case.

use super::Schedule;

/// What a name picks out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    Talk(usize),
    /// The start of several ids (in schedule order).
    Ambiguous(Vec<usize>),
    Unknown,
}

/// The shortest start of an id taken for the id: shorter ones name too many talks to help.
pub const MIN_PREFIX: usize = 4;

impl Schedule {
    pub fn named(&self, typed: &str) -> Named {
        if let Some(i) = self.index_of(typed) {
            return Named::Talk(i);
        }
        let typed = typed.trim().to_lowercase();
        if typed.is_empty() {
            return Named::Unknown;
        }
        let talks = self.talks();
        let one = |found: Vec<usize>| match found.as_slice() {
            [i] => Some(Named::Talk(*i)),
            _ => None,
        };
        let whole = |i: &usize| talks[*i].id.to_lowercase() == typed;
        let slug = |i: &usize| talks[*i].url.as_deref().and_then(slug).is_some_and(|s| s == typed);
        if let Some(found) =
            one((0..talks.len()).filter(whole).collect()).or_else(|| one((0..talks.len()).filter(slug).collect()))
        {
            return found;
        }
        if typed.chars().count() < MIN_PREFIX {
            return Named::Unknown;
        }
        let starts: Vec<usize> = (0..talks.len()).filter(|&i| talks[i].id.to_lowercase().starts_with(&typed)).collect();
        match starts.len() {
            0 => Named::Unknown,
            1 => Named::Talk(starts[0]),
            _ => Named::Ambiguous(starts),
        }
    }
}

/// For each talk, how much of its id names it alone (in bytes), at least `min` characters:
/// what a terminal shows of a long id (a UUID's first 8 characters, as git shortens a hash).
/// A start that is some talk's slug is not short enough. Sorting makes it n log n.
pub fn short_ids(s: &Schedule, min: usize) -> Vec<usize> {
    let talks = s.talks();
    let lower: Vec<String> = talks.iter().map(|t| t.id.to_lowercase()).collect();
    let mut order: Vec<usize> = (0..talks.len()).collect();
    order.sort_unstable_by(|&a, &b| lower[a].cmp(&lower[b]));
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let slugs: std::collections::HashSet<String> =
        talks.iter().filter_map(|t| t.url.as_deref().and_then(slug)).collect();
    let mut out = vec![0; talks.len()];
    for (k, &i) in order.iter().enumerate() {
        let id = &lower[i];
        let before = k.checked_sub(1).map_or(0, |p| common(&lower[order[p]], id));
        let after = order.get(k + 1).map_or(0, |&n| common(&lower[n], id));
        // One more than it shares with its neighbours, at a character's end.
        let mut len = (before.max(after) + 1).max(min);
        let mut ends = id.char_indices().map(|(at, c)| at + c.len_utf8());
        len = ends.find(|&end| end >= len).unwrap_or(id.len());
        while len < id.len() && slugs.contains(&id[..len]) {
            len = id[len..].chars().next().map_or(id.len(), |c| len + c.len_utf8());
        }
        // Only ASCII ids are shortened (UUIDs): their lower case has the same bytes at the same
        // places, so the length found cuts the id itself at a character's end.
        out[i] = if talks[i].id.is_ascii() { len } else { talks[i].id.len() };
    }
    out
}

/// The last part of a page's address, without `.html`, in lower case: `…/events/10386.html`
/// is `10386`, `…/schedule/event/ps2/` is `ps2`.
fn slug(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let last = last.strip_suffix(".html").or_else(|| last.strip_suffix(".htm")).unwrap_or(last);
    (!last.is_empty() && !last.contains(':')).then(|| last.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{Conference, Talk};

    fn schedule(talks: &[(&str, Option<&str>)]) -> Schedule {
        let start = chrono::DateTime::parse_from_rfc3339("2019-12-27T11:00:00Z").unwrap().to_utc();
        let talks = talks
            .iter()
            .map(|(id, url)| Talk {
                id: id.to_string(),
                title: format!("About {id}"),
                start,
                end: start + chrono::Duration::minutes(30),
                url: url.map(String::from),
                ..Talk::default()
            })
            .collect();
        let conference = Conference {
            id: "c".into(),
            name: "C".into(),
            tz: chrono_tz::UTC,
            url: None,
            rooms: vec!["A".into()],
            notes: Vec::new(),
            remarks: Vec::new(),
            day_change: chrono::NaiveTime::MIN,
            floating: false,
        };
        Schedule::new(conference, talks)
    }

    #[test]
    fn a_unique_start_of_an_id_or_the_end_of_its_page_names_a_talk() {
        let s = schedule(&[
            (
                "ceb37502-1e1a-4b3d-9d4c-1a2b3c4d5e6f",
                Some("https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10386.html"),
            ),
            ("ceb39999-0000-4b3d-9d4c-1a2b3c4d5e6f", Some("https://fosdem.org/2021/schedule/event/ps2/")),
            ("Rust-1", None),
        ]);
        let id = |n: &Named| match n {
            Named::Talk(i) => s.talks()[*i].id.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(id(&s.named("ceb37502")), "ceb37502-1e1a-4b3d-9d4c-1a2b3c4d5e6f");
        assert_eq!(id(&s.named("CEB37502")), "ceb37502-1e1a-4b3d-9d4c-1a2b3c4d5e6f");
        assert_eq!(id(&s.named("10386")), "ceb37502-1e1a-4b3d-9d4c-1a2b3c4d5e6f");
        assert_eq!(id(&s.named("PS2")), "ceb39999-0000-4b3d-9d4c-1a2b3c4d5e6f");
        assert_eq!(id(&s.named("rust-1")), "Rust-1");
        assert!(matches!(s.named("ceb3"), Named::Ambiguous(v) if v.len() == 2));
        assert_eq!(s.named("ceb"), Named::Unknown, "too short to be taken as a start");
        assert_eq!(s.named("zzzz"), Named::Unknown);
        assert_eq!(s.named("  "), Named::Unknown);
        let short = short_ids(&s, 4);
        let mut shown: Vec<&str> = s.talks().iter().zip(&short).map(|(t, &n)| &t.id[..n]).collect();
        shown.sort_unstable();
        assert_eq!(shown, ["Rust", "ceb37", "ceb39"]);
        for (i, t) in s.talks().iter().enumerate() {
            assert_eq!(s.named(&t.id[..short[i]]), Named::Talk(i), "{}", t.id);
        }
    }
}
