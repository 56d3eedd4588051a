//! Filling the gaps: for each free slot between my starred talks, the talks in it ranked by
//! what they share with what I marked, with the reason. Deterministic and explained: no
//! network, no model, just counting shared tags, speakers, tracks and words.

use crate::agenda::Agenda;
use crate::schedule::{Schedule, Talk};
use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeMap, HashSet};

/// A free stretch of a conference day, between my starred talks (or before the first / after
/// the last of the day).
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub picks: Vec<Pick>,
    /// Rooms of the picks where I have starred talks that day: named once for the slot rather
    /// than on every pick.
    pub rooms: Vec<String>,
}

impl Slot {
    /// " · Main Stage: one of your rooms that day": which of its picks' rooms I am already in.
    pub fn where_you_are(&self) -> String {
        if self.rooms.is_empty() {
            return String::new();
        }
        let names = match self.rooms.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        let which = if self.rooms.len() == 1 { "one of your rooms" } else { "your rooms" };
        format!(" · {names}: {which} that day")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub talk: usize,
    pub score: u32,
    /// "shares tags: rust, latency · speaker Liz Rice · words: ebpf, kernel".
    pub reason: String,
}

/// Gaps shorter than this hold no talk worth walking to.
const MIN_GAP: i64 = 15;
/// Weights of what a talk shares with my marks: a speaker I chose says most.
const SPEAKER: u32 = 4;
const TAG: u32 = 3;
const TRACK: u32 = 1;
/// Shared words are weighed by how rare they are at the conference (idf) and, all together,
/// stay under one shared tag: words alone hint, they never outrank a tag.
const WORDS_MAX: u32 = TAG - 1;

/// What abstracts say about themselves: not stop words in English, but they tell nothing
/// about a talk ("this talk explains…, including…").
const SELF_TALK: &[&str] = &[
    "talk",
    "talks",
    "session",
    "sessions",
    "presentation",
    "speaker",
    "speakers",
    "explain",
    "explains",
    "explained",
    "explaining",
    "cover",
    "covers",
    "covering",
    "discuss",
    "discusses",
    "discussing",
    "introduce",
    "introduces",
    "introduction",
    "including",
    "include",
    "includes",
    "inside",
    "goes",
    "going",
    "learn",
    "learned",
    "learning",
    "attendees",
    "audience",
    "share",
    "shares",
    "look",
    "looks",
    "walk",
    "walks",
    "show",
    "shows",
    "using",
    "used",
    "also",
    "will",
    "would",
    "could",
    "like",
    "make",
    "makes",
    "made",
    "need",
    "needs",
    "many",
    "much",
    "every",
    "even",
    "ever",
    "real",
    "good",
    "best",
    "thing",
    "things",
    "ways",
    "work",
    "works",
    "what's",
    "time",
    "first",
    "last",
    "year",
    "years",
    "well",
    "just",
    "come",
    "comes",
    "take",
    "takes",
    "want",
    "wants",
    "without",
    "within",
    "across",
    "among",
    "upon",
    "toward",
    "towards",
    "whether",
    "however",
    "another",
    "around",
    "along",
    "keynote",
];

/// English stop words (the Stopwords ISO list from the `stop-words` crate: 1,300 words, where
/// NLTK's 180 let "different", "based" and "provide" through) and [`SELF_TALK`], read once.
fn is_stop(word: &str) -> bool {
    static STOP: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    STOP.get_or_init(|| {
        stop_words::get(stop_words::LANGUAGE::English)
            .into_iter()
            .chain(SELF_TALK.iter().map(|w| w.to_string()))
            .collect()
    })
    .contains(word)
}

/// "databases" beside the tag "database": already said by the tag.
fn is_plural_of_tag(word: &str, tags: &[String]) -> bool {
    tags.iter().any(|g| word.trim_end_matches('s').eq_ignore_ascii_case(g.trim_end_matches('s')))
}

/// What my marks are about: how many marked talks have each tag, speaker, track and word.
struct Profile {
    /// In how many talks of the schedule each word appears: a word in most talks says little.
    spread: BTreeMap<String, u32>,
    talks: u32,
    tags: BTreeMap<String, u32>,
    speakers: BTreeMap<String, u32>,
    /// Rooms of my marks (a nearby talk is one less walk).
    tracks: BTreeMap<usize, u32>,
    /// The organisers' tracks of my marks: what they are about, weighed as a tag.
    topics: BTreeMap<String, u32>,
    words: BTreeMap<String, u32>,
}

/// The telling words of a talk: not a stop word of English (titles mix it in everywhere) nor
/// of the talk's own languages ("können", "dagegen", "werden" are never a reason).
fn words(t: &Talk) -> HashSet<String> {
    let own: Vec<&HashSet<String>> =
        t.language.iter().flat_map(|l| l.split(", ")).filter_map(crate::languages::stop_words).collect();
    format!("{} {}", t.title, t.abstract_text)
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| {
            w.chars().count() >= 4
                && !is_stop(w)
                && !own.iter().any(|set| set.contains(w))
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .collect()
}

impl Profile {
    fn of(s: &Schedule, marked: &[usize]) -> Self {
        let mut spread: BTreeMap<String, u32> = BTreeMap::new();
        for t in s.talks() {
            for w in words(t) {
                *spread.entry(w).or_default() += 1;
            }
        }
        let mut p = Profile {
            spread,
            talks: s.talks().len() as u32,
            tags: BTreeMap::new(),
            speakers: BTreeMap::new(),
            tracks: BTreeMap::new(),
            topics: BTreeMap::new(),
            words: BTreeMap::new(),
        };
        for &i in marked {
            let t = &s.talks()[i];
            for tag in &t.tags {
                *p.tags.entry(tag.to_lowercase()).or_default() += 1;
            }
            for sp in &t.speakers {
                *p.speakers.entry(sp.clone()).or_default() += 1;
            }
            *p.tracks.entry(t.room).or_default() += 1;
            if let Some(topic) = &t.track {
                *p.topics.entry(topic.to_lowercase()).or_default() += 1;
            }
            for w in words(t) {
                *p.words.entry(w).or_default() += 1;
            }
        }
        p
    }

    /// How much a talk shares with the profile, and in words.
    fn score(&self, t: &Talk) -> (u32, String) {
        let mut score = 0;
        let mut reasons = Vec::new();
        let tags: Vec<&String> = t.tags.iter().filter(|g| self.tags.contains_key(&g.to_lowercase())).collect();
        if !tags.is_empty() {
            score += TAG * tags.iter().map(|g| self.tags[&g.to_lowercase()]).sum::<u32>();
            let names: Vec<&str> = tags.iter().map(|g| g.as_str()).collect();
            reasons.push(format!("shares tag{}: {}", if names.len() == 1 { "" } else { "s" }, names.join(", ")));
        }
        let speakers: Vec<&String> = t.speakers.iter().filter(|p| self.speakers.contains_key(*p)).collect();
        if !speakers.is_empty() {
            score += SPEAKER * speakers.iter().map(|p| self.speakers[*p]).sum::<u32>();
            let names: Vec<&str> = speakers.iter().map(|p| p.as_str()).collect();
            reasons.push(format!("a speaker you chose: {}", names.join(", ")));
        }
        // Shared words, weighed by how telling they are at this conference: a word in a third of
        // the talks ("performance" at P99 CONF) says little, one in two talks says much.
        let tagged = |w: &String| t.tags.iter().any(|g| g.eq_ignore_ascii_case(w));
        let idf =
            |w: &String| ((self.talks as f64 + 1.0) / (self.spread.get(w).copied().unwrap_or(0) as f64 + 1.0)).ln();
        let mut shared: Vec<(f64, String)> = words(t)
            .into_iter()
            .filter(|w| !tagged(w) && !is_plural_of_tag(w, &t.tags))
            .filter_map(|w| self.words.get(&w).map(|&n| (n as f64 * idf(&w), w)))
            .filter(|(weight, _)| *weight >= 1.0)
            .collect();
        shared.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        // "game" and "games" are one word to a reader.
        let mut named: Vec<&str> = Vec::new();
        for (_, w) in &shared {
            let stem = w.trim_end_matches('s');
            if !named.iter().any(|n| n.trim_end_matches('s') == stem) {
                named.push(w);
            }
        }
        if !shared.is_empty() {
            let weight: f64 = shared.iter().map(|w| w.0).sum();
            score += (weight.sqrt().round() as u32).min(WORDS_MAX);
            named.truncate(4);
            reasons.push(format!("words: {}", named.join(", ")));
        }
        if let Some((topic, &n)) = t.track.as_ref().and_then(|tr| Some((tr, self.topics.get(&tr.to_lowercase())?))) {
            score += TAG * n;
            reasons.insert(0, format!("same track: {topic}"));
        }
        if let Some(&n) = self.tracks.get(&t.room) {
            score += TRACK * n;
        }
        (score, reasons.join(" · "))
    }
}

/// For each free slot of my agenda still ahead at `now` (on the days I starred something), the
/// best `per_slot` talks that fit in it and have not started, best first; talks I marked and
/// breaks are left out.
pub fn suggest(s: &Schedule, agenda: &Agenda, now: DateTime<Utc>, per_slot: usize) -> Vec<Slot> {
    let talks = s.talks();
    let attending = agenda.attending(s);
    let marked: Vec<usize> = agenda.marked(s);
    let profile = Profile::of(s, &marked);
    let mut out = Vec::new();
    for (day, _) in s.days().enumerate() {
        let range = s.day_range(day);
        let mine: Vec<&Talk> = attending.iter().filter(|i| range.contains(i)).map(|&i| &talks[i]).collect();
        if mine.is_empty() || range.is_empty() {
            continue;
        }
        let day_start = talks[range.clone()].iter().map(|t| t.start).min().expect("a talk");
        let day_end = talks[range.clone()].iter().map(|t| t.end).max().expect("a talk");
        // Free stretches: the day minus my starred talks.
        let mut gaps = Vec::new();
        let mut cursor = day_start;
        for t in &mine {
            if t.start > cursor {
                gaps.push((cursor, t.start));
            }
            cursor = cursor.max(t.end);
        }
        if day_end > cursor {
            gaps.push((cursor, day_end));
        }
        for (start, end) in gaps {
            let start = start.max(now);
            if end - start < Duration::minutes(MIN_GAP) {
                continue;
            }
            let mut picks: Vec<Pick> = range
                .clone()
                .filter(|&i| {
                    let t = &talks[i];
                    t.start >= start && t.end <= end && !t.is_break() && agenda.kind(&t.id).is_none()
                })
                .map(|i| {
                    let (score, reason) = profile.score(&talks[i]);
                    Pick { talk: i, score, reason }
                })
                .collect();
            picks.sort_by(|a, b| b.score.cmp(&a.score).then(a.talk.cmp(&b.talk)));
            picks.truncate(per_slot);
            let mut rooms: Vec<String> = Vec::new();
            for p in &picks {
                let track = talks[p.talk].room;
                let name = s.room_name(&talks[p.talk]).to_string();
                if mine.iter().any(|m| m.room == track) && !rooms.contains(&name) {
                    rooms.push(name);
                }
            }
            if !picks.is_empty() {
                out.push(Slot { start, end, picks, rooms });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::MarkKind;
    use crate::schedule;

    fn agenda_with(s: &Schedule, ids: &[&str]) -> Agenda {
        let mut a = Agenda::new(&s.conference.id);
        for id in ids {
            a.set(s, s.talk(id).unwrap(), MarkKind::Attend, s.talks()[0].start);
        }
        a
    }

    #[test]
    fn slots_between_my_talks_with_ranked_explained_picks() {
        let s = schedule::bundled();
        let a = agenda_with(&s, &["ebpf-vs-sidecars", "extreme-http", "rust-wrights-law"]);
        let slots = suggest(&s, &a, s.talks()[0].start, 3);
        assert!(!slots.is_empty());
        for slot in &slots {
            assert!(slot.end - slot.start >= Duration::minutes(MIN_GAP));
            for p in &slot.picks {
                let t = &s.talks()[p.talk];
                assert!(t.start >= slot.start && t.end <= slot.end, "{} fits", t.id);
                assert!(a.kind(&t.id).is_none() && !t.is_break());
            }
            assert!(slot.picks.windows(2).all(|w| w[0].score >= w[1].score), "best first");
        }
        // The morning gap before Rust at 08:30 holds the shard-per-core talk; between eBPF
        // (ends 09:35) and Extreme HTTP (10:20) the go profiling talk fits.
        let ids: Vec<Vec<&str>> =
            slots.iter().map(|sl| sl.picks.iter().map(|p| s.talks()[p.talk].id.as_str()).collect()).collect();
        assert!(ids.iter().any(|v| v.contains(&"shard-per-core")), "{ids:?}");
        let go = slots.iter().flat_map(|sl| &sl.picks).find(|p| s.talks()[p.talk].id == "go-profiling");
        assert!(go.is_some(), "{ids:?}");
        assert!(!go.unwrap().reason.is_empty());
        assert_eq!(suggest(&s, &a, s.talks()[0].start, 3), slots, "deterministic");
        // Later in the day, only what is still ahead.
        let at = crate::clock::parse_at("2022-10-19 09:50", s.conference.tz).unwrap();
        let later = suggest(&s, &a, at, 3);
        assert!(later.iter().all(|sl| sl.start >= at));
        assert!(later.iter().flat_map(|sl| &sl.picks).all(|p| s.talks()[p.talk].start >= at));
        assert!(later.iter().flat_map(|sl| &sl.picks).all(|p| s.talks()[p.talk].id != "go-profiling"), "started 09:45");
    }

    #[test]
    fn reasons_name_what_is_shared() {
        let s = schedule::bundled();
        let a = agenda_with(&s, &["ebpf-vs-sidecars"]);
        let p = Profile::of(&s, &a.marked(&s));
        let (score, reason) = p.score(s.talk("thread-sampling-ebpf").unwrap());
        assert!(score > 0);
        assert!(reason.contains("ebpf"), "{reason}");
        assert!(!reason.contains("Main Stage"), "the room is said once per slot, not per talk: {reason}");
        // Filler and words abstracts use about themselves are never a reason.
        for filler in ["goes", "explains", "including", "inside", "without", "the", "talk"] {
            assert!(is_stop(filler), "{filler}");
        }
        let slots = suggest(&s, &a, s.talks()[0].start, 3);
        assert!(slots.iter().any(|sl| sl.where_you_are() == " · Main Stage: one of your rooms that day"), "{slots:?}");
        for sl in &slots {
            for pick in &sl.picks {
                let said: Vec<&str> = pick.reason.split("words: ").nth(1).unwrap_or("").split(", ").collect();
                assert!(said.iter().all(|w| !is_stop(w)), "{}", pick.reason);
                // A word is never named twice, as singular and plural.
                let stems: std::collections::HashSet<&str> = said.iter().map(|w| w.trim_end_matches('s')).collect();
                assert_eq!(stems.len(), said.len(), "{}", pick.reason);
            }
        }
        let none = suggest(&s, &Agenda::new(&s.conference.id), s.talks()[0].start, 3);
        assert!(none.is_empty(), "no marks, no gaps to fill");
    }
}
