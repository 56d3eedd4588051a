//! What a schedule offers to filter on: its tags, kinds and days, each with how many talks have it.

use super::Schedule;
use chrono::NaiveDate;

/// The values a schedule offers to filter on, each with how many talks have it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    pub tags: Vec<(String, usize)>,
    pub kinds: Vec<(String, usize)>,
    /// The organisers' tracks (what talks are about), most talks first.
    pub tracks: Vec<(String, usize)>,
    /// Each language code on its own ("de, en" counts for both), most talks first.
    pub languages: Vec<(String, usize)>,
    pub days: Vec<(NaiveDate, usize)>,
}

impl Choices {
    pub fn of(s: &Schedule) -> Self {
        if let Some(w) = s.whole() {
            let days = s.days().zip(&w.day_sizes).map(|(d, n)| (d, *n)).collect();
            return Self {
                tags: w.tags.clone(),
                kinds: w.kinds.clone(),
                tracks: w.tracks.clone(),
                languages: w.languages.clone(),
                days,
            };
        }
        // Tags differing only in case are one tag, spelled as first seen. A spelling met before
        // is found as it is: lower-casing every value of 100k talks was most of the count.
        #[derive(Default)]
        struct Counted {
            list: Vec<(String, usize)>,
            at: std::collections::HashMap<String, usize, foldhash::fast::FixedState>,
            spelled: std::collections::HashMap<String, usize, foldhash::fast::FixedState>,
        }
        impl Counted {
            fn bump(&mut self, value: &str) {
                if let Some(&i) = self.spelled.get(value) {
                    self.list[i].1 += 1;
                    return;
                }
                let lower = value.to_ascii_lowercase();
                let i = match self.at.get(&lower) {
                    Some(&i) => i,
                    None => {
                        self.at.insert(lower, self.list.len());
                        self.list.push((value.to_string(), 0));
                        self.list.len() - 1
                    }
                };
                self.list[i].1 += 1;
                self.spelled.insert(value.to_string(), i);
            }
        }
        let (mut tags, mut kinds) = (Counted::default(), Counted::default());
        let (mut tracks, mut languages) = (Counted::default(), Counted::default());
        for t in s.talks() {
            if let Some(track) = &t.track {
                tracks.bump(track);
            }
            for code in t.language.iter().flat_map(|l| l.split(", ")) {
                languages.bump(code);
            }
            for tag in &t.tags {
                tags.bump(tag);
            }
            if !t.kind.is_empty() {
                kinds.bump(&t.kind);
            }
        }
        let (mut tags, mut kinds, mut tracks, mut languages) = (tags.list, kinds.list, tracks.list, languages.list);
        // Most used first: the tags worth filtering on lead a long list.
        for list in [&mut tags, &mut tracks, &mut languages] {
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase())));
        }
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let days = s.days().enumerate().map(|(d, date)| (date, s.day_range(d).len())).collect();
        Self { tags, kinds, tracks, languages, days }
    }
}
