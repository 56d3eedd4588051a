//! Find any talk in a keystroke: fuzzy matching (nucleo) over title, speakers, track and tags,
//! then the abstract. The haystacks are built once per schedule, not per keystroke.

use crate::schedule::Schedule;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

pub struct Index {
    /// "title | speakers | track | tags" per talk, and the title alone (for highlighting).
    /// ASCII separators keep ASCII talks on the matcher's fast path.
    primary: Vec<(Utf32String, Utf32String)>,
    abstracts: Vec<Utf32String>,
    /// The same texts folded as the matcher sees them (lower case, accents off): to skip
    /// talks that cannot match before scoring, and to tell a word found whole from letters
    /// found scattered.
    folded: Vec<(String, String)>,
    /// Each title folded, to rank a word in the title above the same word elsewhere.
    titles: Vec<String>,
    /// Each title in lower case where that differs from folded (it has accents): the word
    /// typed found as written ranks above one found only without accents ("Rust" above
    /// "Rüstungsgüter" for `rust`).
    accented: Vec<Option<String>>,
    matcher: Matcher,
    /// The last query and the talks it matched: typing one more letter can only narrow them.
    last: Option<(String, Vec<usize>)>,
}

/// A talk that passed the byte checks: (index, every word whole in its title line, every word
/// whole with its abstract).
type Passed = (usize, bool, bool);

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub index: usize,
    pub score: u32,
    /// Char positions in the title that matched, for highlighting.
    pub title_chars: Vec<usize>,
    /// Found only in the abstract.
    pub in_abstract: bool,
}

/// A match in the title, speakers, track or tags counts a quarter more than the same match in
/// the abstract: a clean phrase in the abstract still beats letters scattered over a title.
const WHOLE_WORDS: u32 = 10_000;

/// More than nucleo gives a matched character (16, plus bonuses for word starts).
const MAX_SCORE_PER_CHAR: u32 = 64;

fn weigh_primary(score: u32) -> u32 {
    score + score / 4
}

impl Index {
    pub fn new(s: &Schedule) -> Self {
        let primary = s
            .talks()
            .iter()
            .map(|t| {
                let text = format!(
                    "{} | {} | {} | {} | {}",
                    t.title,
                    t.speakers.join(", "),
                    s.room_name(t),
                    t.track.as_deref().unwrap_or(""),
                    t.tags.join(" ")
                );
                (Utf32String::from(text.as_str()), Utf32String::from(t.title.as_str()))
            })
            .collect();
        let abstracts = s.talks().iter().map(|t| Utf32String::from(t.abstract_text.as_str())).collect();
        let folded = s
            .talks()
            .iter()
            .map(|t| {
                let line = format!(
                    "{} {} {} {} {}",
                    t.title,
                    t.speakers.join(" "),
                    s.room_name(t),
                    t.track.as_deref().unwrap_or(""),
                    t.tags.join(" ")
                );
                (fold(&line), fold(&t.abstract_text))
            })
            .collect();
        let titles: Vec<String> = s.talks().iter().map(|t| fold(&t.title)).collect();
        let accented = s
            .talks()
            .iter()
            .zip(&titles)
            .map(|(t, folded)| Some(t.title.to_lowercase()).filter(|lower| lower != folded))
            .collect();
        Self { primary, abstracts, folded, titles, accented, matcher: Matcher::new(Config::DEFAULT), last: None }
    }

    /// The best `limit` talks for `query`, best first (ties in time order). Every word of the
    /// query must match, fuzzily, in one place.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_in(query, limit, None)
    }

    /// [`search`](Self::search) among `among` only (talks a filter kept, in any order): the
    /// ranking, and what counts as noise, is theirs alone, not the whole schedule's.
    pub fn search_among(&mut self, query: &str, limit: usize, among: &[usize]) -> Vec<Hit> {
        self.last = None;
        let hits = self.search_in(query, limit, Some(among));
        self.last = None;
        hits
    }

    fn search_in(&mut self, query: &str, limit: usize, among: Option<&[usize]>) -> Vec<Hit> {
        if query.trim().is_empty() {
            return Vec::new();
        }
        // Letters compared as the byte checks compare them: without case or accents, whatever
        // was typed ("RUST", "ünïcode"); the word as typed still ranks first (see `accented`).
        let typed_query = query;
        let query = &fold(query);
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        // A query that extends the last one (the next letter typed) matches a subset of its
        // matches; one or two letters would match nearly every abstract, so those wait.
        let candidates: Vec<usize> = match &self.last {
            // (Negation and anchors, `!^$'`, do not narrow: "!fo" to "!foo" widens.)
            Some((prev, ids)) if query.starts_with(prev.as_str()) && !query.contains(['!', '^', '$', '\'', '\\']) => {
                ids.clone()
            }
            _ => match among {
                Some(among) => among.iter().copied().filter(|&i| i < self.primary.len()).collect(),
                None => (0..self.primary.len()).collect(),
            },
        };
        let search_abstracts = query.trim().chars().count() >= 3;
        let words: Vec<String> = query.split_whitespace().map(fold).collect();
        let typed: Vec<String> = typed_query.split_whitespace().map(str::to_lowercase).collect();
        // Plain words need their letters in order somewhere: a byte scan rules out most talks
        // long before the matcher would score them. (Not for `!^$'` syntax.)
        let plain = words.iter().all(|w| w.bytes().all(|b| b.is_ascii_alphanumeric()));
        // First the byte checks, which are cheap next to scoring.
        let passed = self.byte_checks(candidates, &words, plain, search_abstracts);
        // Letters scattered over the title line score a few hundred at most: once a talk has
        // every word whole, they fall under its noise floor and need no scoring.
        let scattered_hopeless = passed.iter().any(|p| p.1)
            && weigh_primary(query.chars().count() as u32 * MAX_SCORE_PER_CHAR) < WHOLE_WORDS / 3;
        let exact = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Substring);
        let mut hits: Vec<Hit> = Vec::new();
        for &(index, whole_in_line, whole_in_body) in &passed {
            if scattered_hopeless && !whole_in_line && !whole_in_body {
                continue;
            }
            let hay = self.primary[index].0.slice(..);
            // Words found whole are scored as such, which is also quicker than fuzzy.
            let primary = if whole_in_line { exact.score(hay, &mut self.matcher) } else { None }
                .or_else(|| pattern.score(hay, &mut self.matcher))
                .map(weigh_primary);
            let body = if whole_in_body || (search_abstracts && !plain) {
                pattern.score(self.abstracts[index].slice(..), &mut self.matcher)
            } else {
                None
            };
            let (mut score, in_abstract) = match (primary, body) {
                (Some(p), Some(b)) if b > p => (b, true),
                (Some(p), _) => (p, false),
                (None, Some(b)) => (b, true),
                // Every word whole, some in the title line and some in the abstract ("rust
                // safety"): neither text holds them all for the matcher, but the talk does.
                (None, None) if whole_in_body => (0, true),
                (None, None) => continue,
            };
            score += self.place_bonus(index, &words, whole_in_line, whole_in_body);
            let in_title = || words.iter().all(|w| starts_a_word(&self.titles[index], w));
            let as_typed = |t: &str| typed.iter().all(|w| starts_a_word(t, w));
            if whole_in_line && self.accented[index].as_deref().is_some_and(|t| !as_typed(t)) && in_title() {
                // Found in the title only once its accents are off: below the same word as typed.
                score = score.saturating_sub(WHOLE_WORDS);
            }
            hits.push(Hit { index, score, title_chars: Vec::new(), in_abstract });
        }
        // What narrowing may start from: every talk that passed the byte checks (a superset of
        // the matches, since some were never scored).
        self.last = search_abstracts.then(|| (query.to_string(), passed.iter().map(|p| p.0).collect()));
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        // Letters scattered over a long text match almost anything; far below the best match
        // they are noise, not answers.
        // With words found, letters inside another word stay only in a title, speakers, room
        // or tags ("trusted" is still a hint there), never in an abstract.
        let top = hits.first().map_or(0, |h| h.score);
        let floor = if top >= WHOLE_WORDS * 4 { WHOLE_WORDS } else { (top / 3).min(WHOLE_WORDS / 2) };
        hits.retain(|h| h.score >= floor);
        hits.truncate(limit);
        self.light(&mut hits, &exact, &pattern);
        hits
    }

    /// The talks whose text has every plain word's letters in order (a byte scan), each with
    /// whether every word is found whole in its title line, or else with its abstract.
    fn byte_checks(
        &self,
        candidates: Vec<usize>,
        words: &[String],
        plain: bool,
        search_abstracts: bool,
    ) -> Vec<Passed> {
        let mut passed = Vec::new();
        for index in candidates {
            let (line, body_text) = &self.folded[index];
            // Each word somewhere: in the title line, or (from three letters on) the abstract.
            if plain && !words.iter().all(|w| in_order(line, w) || (search_abstracts && in_order(body_text, w))) {
                continue;
            }
            // Every word found whole ranks above letters found scattered: "rust" in a title
            // beats "Runtime Strategies".
            let whole_in_line = plain && words.iter().all(|w| line.contains(w.as_str()));
            // The abstract is searched for words, not letters: letters scattered over a long
            // text match nearly anything. It is not scored when the title line already has
            // every word whole, since it could not rank higher.
            let whole_in_body = plain
                && search_abstracts
                && !whole_in_line
                && words.iter().all(|w| line.contains(w.as_str()) || body_text.contains(w.as_str()));
            passed.push((index, whole_in_line, whole_in_body));
        }
        passed
    }

    /// What a match earns for where its words are found whole.
    fn place_bonus(&self, index: usize, words: &[String], whole_in_line: bool, whole_in_body: bool) -> u32 {
        // Words (or the start of words) rank by where they are: the title, then speakers,
        // room and tags, then the abstract. Letters inside a word ("rust" in "trusted")
        // rank below every word match, and scattered letters below those.
        // (Only talks with every word whole somewhere are looked at word by word.)
        let (title, (line, body_text)) = (&self.titles[index], &self.folded[index]);
        let words_in = |text: &str| words.iter().all(|w| starts_a_word(text, w));
        let words_anywhere = || words.iter().all(|w| starts_a_word(line, w) || starts_a_word(body_text, w));
        if whole_in_line {
            if words_in(title) {
                WHOLE_WORDS * 8
            } else if words_in(line) {
                WHOLE_WORDS * 6
            } else if words_anywhere() {
                WHOLE_WORDS * 4
            } else {
                WHOLE_WORDS
            }
        } else if whole_in_body {
            if words_anywhere() { WHOLE_WORDS * 4 } else { WHOLE_WORDS / 2 }
        } else {
            0
        }
    }

    /// Letters to light, only for what will be shown: where the words match the title itself
    /// (each word on its own, since a query may also name a speaker).
    fn light(&mut self, hits: &mut [Hit], exact: &Pattern, pattern: &Pattern) {
        let mut positions = Vec::new();
        for h in hits.iter_mut() {
            positions.clear();
            let title = &self.primary[h.index].1;
            // A word found whole lights up whole; else its scattered letters.
            for (whole, fuzzy) in exact.atoms.iter().zip(&pattern.atoms) {
                if whole.indices(title.slice(..), &mut self.matcher, &mut positions).is_none() {
                    fuzzy.indices(title.slice(..), &mut self.matcher, &mut positions);
                }
            }
            positions.sort_unstable();
            positions.dedup();
            h.title_chars = positions.iter().map(|&p| p as usize).collect();
        }
    }
}

/// Lower case without accents, as the matcher compares letters.
pub(crate) fn fold(text: &str) -> String {
    use nucleo_matcher::chars::{normalize, to_lower_case};
    text.chars().map(|c| to_lower_case(normalize(c))).collect()
}

/// Whether `word` starts a word somewhere in `text` (both folded): at the start or after a
/// character that is not a letter or digit.
pub fn starts_a_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| !text[..at].chars().next_back().is_some_and(char::is_alphanumeric))
}

/// Whether the ASCII `word`'s letters appear in `text` in order (a fuzzy match needs them so).
fn in_order(text: &str, word: &str) -> bool {
    let mut rest = text.as_bytes();
    word.bytes().all(|b| match rest.iter().position(|&c| c == b) {
        Some(p) => {
            rest = &rest[p + 1..];
            true
        }
        None => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule;

    #[test]
    fn finds_that_ebpf_talk_and_ranks_the_title_first() {
        let s = schedule::bundled();
        let mut idx = Index::new(&s);
        let hits = idx.search("ebpf", 10);
        let ids: Vec<&str> = hits.iter().map(|h| s.talks()[h.index].id.as_str()).collect();
        assert!(ids.len() >= 3, "{ids:?}");
        assert!(ids[..2].contains(&"ebpf-vs-sidecars") && ids[..3].contains(&"thread-sampling-ebpf"), "{ids:?}");
        let ebpf = hits.iter().find(|h| s.talks()[h.index].id == "thread-sampling-ebpf").unwrap();
        let title: Vec<char> = s.talks()[ebpf.index].title.chars().collect();
        let lit: String = ebpf.title_chars.iter().map(|&i| title[i]).collect();
        assert_eq!(lit, "eBPF", "the matched letters are lit");
        // Speakers and tracks count; typos within fuzzy reach still find it.
        let by_speaker = idx.search("liz rice", 3);
        assert_eq!(s.talks()[by_speaker[0].index].id, "ebpf-vs-sidecars");
        assert!(idx.search("shrd per cre", 3).iter().any(|h| s.talks()[h.index].id == "shard-per-core"));
        assert!(idx.search("zzzqqq", 10).is_empty());
        assert!(idx.search("   ", 10).is_empty());
    }

    #[test]
    fn whole_words_push_scattered_letters_out_and_typos_still_find() {
        let s = schedule::bundled();
        let mut idx = Index::new(&s);
        let hits = idx.search("ebpf", 50);
        assert!(hits.len() >= 3);
        for h in &hits {
            let t = &s.talks()[h.index];
            let all = format!("{} {} {}", t.title, t.tags.join(" "), t.abstract_text).to_lowercase();
            assert!(all.contains("ebpf"), "{} shown for ebpf", t.title);
        }
        let typo = idx.search("memroy model", 5);
        assert_eq!(s.talks()[typo[0].index].id, "linux-memory-model");
        let latency = idx.search("measure latency", 3);
        assert_eq!(s.talks()[latency[0].index].id, "measure-latency");
    }

    #[test]
    fn typing_letter_by_letter_finds_what_a_fresh_search_finds() {
        let s = schedule::parse_bytes(crate::synth::native_json(2000, 3, 20, 5).as_bytes(), "synth").unwrap();
        let mut typed = Index::new(&s);
        let mut query = String::new();
        for c in "latency rust p99".chars() {
            query.push(c);
            let mut fresh = Index::new(&s);
            assert_eq!(typed.search(&query, 500), fresh.search(&query, 500), "{query:?}");
        }
        // Negation widens as it grows: no narrowing there.
        let mut fresh = Index::new(&s);
        typed.search("!la", 500);
        assert_eq!(typed.search("!lat", 500), fresh.search("!lat", 500));
    }

    #[test]
    fn a_word_as_typed_ranks_above_the_same_letters_without_accents() {
        let text = r#"{"conference": {"id": "c", "name": "C", "timezone": "UTC", "tracks": ["A"]}, "talks": [
            {"id": "waffen", "title": "Rüstungsgüter und Exportkontrolle", "speakers": ["Anna Döllmann"], "track": "A", "start": "2024-01-01T09:00", "duration": 30},
            {"id": "rust", "title": "Rust in the kernel", "track": "A", "start": "2024-01-01T10:00", "duration": 30},
            {"id": "safe", "title": "Talk about Go", "track": "A", "start": "2024-01-01T11:00", "duration": 30, "abstract": "memory safety"}]}"#;
        let s = schedule::parse_bytes(text.as_bytes(), "c.json").unwrap();
        let mut idx = Index::new(&s);
        assert_eq!(
            idx.search("go safety", 5).iter().map(|h| s.talks()[h.index].id.as_str()).collect::<Vec<_>>(),
            ["safe"],
            "a word of the title and one of the abstract"
        );
        let ids = |idx: &mut Index, q: &str| -> Vec<String> {
            idx.search(q, 10).iter().map(|h| s.talks()[h.index].id.clone()).collect()
        };
        assert_eq!(ids(&mut idx, "rust"), ["rust", "waffen"], "the word as typed first");
        assert_eq!(ids(&mut idx, "rüstung")[0], "waffen");
        assert_eq!(ids(&mut idx, "dollmann"), ["waffen"], "accents folded for speakers too");
        assert_eq!(ids(&mut idx, "RUST"), ["rust", "waffen"], "any case");
        assert_eq!(ids(&mut idx, "dÖllmann"), ["waffen"], "accents folded in what is typed too");
        assert_eq!(ids(&mut idx, "kernel anna"), Vec::<String>::new());
        assert_eq!(ids(&mut idx, "rust exportkontrolle"), ["waffen"], "every word somewhere in one talk");
    }

    #[test]
    fn a_word_in_the_title_ranks_above_letters_inside_a_word() {
        let text = r#"{"conference": {"id": "c", "name": "C", "timezone": "UTC", "tracks": ["D.hardware.trusted", "Rust"]},
            "talks": [
            {"id": "opening", "title": "Opening", "track": "D.hardware.trusted", "start": "2024-01-01T09:00", "duration": 30, "abstract": "Welcome."},
            {"id": "enclave", "title": "Enclaves for all", "track": "D.hardware.trusted", "start": "2024-01-01T10:00", "duration": 30},
            {"id": "intro", "title": "An intro to Rust", "track": "Rust", "start": "2024-01-01T11:00", "duration": 30},
            {"id": "async", "title": "Async everywhere", "track": "Rust", "start": "2024-01-01T12:00", "duration": 30},
            {"id": "ffi", "title": "Calling C", "track": "D.hardware.trusted", "start": "2024-01-01T13:00", "duration": 30, "abstract": "From Rustaceans, for everyone."}]}"#;
        let s = schedule::parse_bytes(text.as_bytes(), "c.json").unwrap();
        let mut idx = Index::new(&s);
        let ids: Vec<&str> = idx.search("rust", 10).iter().map(|h| s.talks()[h.index].id.as_str()).collect();
        assert_eq!(ids[0], "intro", "the word in a title first: {ids:?}");
        assert_eq!(ids[1], "async", "then in the room: {ids:?}");
        assert_eq!(ids[2], "ffi", "then a word start in the abstract: {ids:?}");
        assert_eq!(&ids[3..], ["opening", "enclave"], "letters inside a word last: {ids:?}");
        assert!(starts_a_word("d.hardware.trusted rust", "rust"));
        assert!(!starts_a_word("d.hardware.trusted", "rust"));
    }

    #[test]
    fn the_abstract_is_searched_last() {
        let s = schedule::bundled();
        let mut idx = Index::new(&s);
        // "cache line" is a phrase in one abstract: that beats letters scattered over titles.
        let hits = idx.search("cache line", 5);
        assert_eq!(s.talks()[hits[0].index].id, "shard-per-core", "{hits:?}");
        assert!(hits[0].in_abstract);
    }

    proptest::proptest! {
        /// The byte scan only skips what the matcher would reject: any word the matcher finds
        /// in a text (accents, capitals and all) passes it.
        #[test]
        fn the_prefilter_never_drops_a_match(text in "[a-zA-Z éÉüßçøÅ·-]{0,40}", word in "[a-z0-9]{1,5}") {
            let mut m = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(&word, CaseMatching::Smart, Normalization::Smart);
            let hay = Utf32String::from(text.as_str());
            if pattern.score(hay.slice(..), &mut m).is_some() {
                proptest::prop_assert!(in_order(&fold(&text), &fold(&word)), "{word:?} in {text:?}");
            }
        }
    }
}
