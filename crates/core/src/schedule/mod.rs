//! The schedule model every loader produces and every view reads.

mod bundled;
mod choices;
pub mod compiled;
pub mod error;
#[doc(hidden)]
pub mod fuzz;
pub mod import;
pub(crate) mod lazy_json;
mod named_talk;
pub mod native;
mod native_fast;
mod parse;
mod talk;

pub use choices::Choices;
pub use named_talk::{MIN_PREFIX, Named, short_ids};

pub use bundled::{BUNDLED, BUNDLED_NAME, BUNDLED_SCHEDULES, bundled, bundled_named, bundled_text};
pub use error::{LoadError, MAX_PROBLEMS, Problem};
pub use parse::{FORMATS, MAX_FILE_BYTES, load_path, load_path_with, parse_bytes, parse_bytes_with, read_file};
pub use talk::{Link, Talk};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct Conference {
    pub id: String,
    pub name: String,
    pub tz: Tz,
    pub url: Option<String>,
    /// Where talks happen, in the grid's column order. A two-stage conference's "tracks" in
    /// hallway's own format are its rooms.
    pub rooms: Vec<String>,
    /// What the loader had to guess (a missing time zone...), to tell the user once.
    pub notes: Vec<String>,
    /// What the file gets wrong that was kept rather than refused (events listed under one
    /// room that say another, ids used twice): for `validate`, not every command.
    pub remarks: Vec<String>,
    /// When one conference day ends and the next begins (camps run to 04:00): a talk at
    /// 01:30 belongs to the day before. Midnight for most conferences.
    pub day_change: NaiveTime,
    /// The file gives no zone and no offsets: its times are wall-clock times read in a zone
    /// chosen here (`--tz`, else the user's), so only the wall clock is the file's own.
    pub floating: bool,
}

#[derive(Debug, Clone)]
pub struct Schedule {
    pub conference: Conference,
    /// Sorted by (start, track, id); indices into this are stable for the schedule's life.
    talks: Vec<Talk>,
    /// (hash of the id, position), sorted: a talk by id without a second copy of every id
    /// (at 100k talks that copy was a tenth of the planner's memory).
    by_id: Vec<(u64, usize)>,
    days: Vec<(NaiveDate, Range<usize>)>,
    /// When the last talk ends.
    end: Option<DateTime<Utc>>,
    /// The language most talks are given in: a talk's own is worth saying where it differs.
    usual_language: std::sync::OnceLock<Option<String>>,
    /// Set when only some talks are loaded (from the compiled form, for a command that needs
    /// one day or the marked talks): what the whole schedule holds.
    whole: Option<Box<Whole>>,
}

/// What is worked out about talks as each is put in its place while a compiled file is read:
/// its id's hash, the latest end, and whether they came in the schedule's order.
#[derive(Debug, Default)]
pub struct InOrder {
    ids: Vec<(u64, usize)>,
    end: Option<DateTime<Utc>>,
    ordered: bool,
}

impl InOrder {
    pub fn with_capacity(n: usize) -> Self {
        Self { ids: Vec::with_capacity(n), end: None, ordered: true }
    }

    /// `talks[i]` was just put in place; it is talk `position` of the whole schedule.
    pub fn note(&mut self, talks: &[Talk], i: usize, position: usize) {
        let t = &talks[i];
        self.ordered &= i == 0 || order_key(&talks[i - 1]) <= order_key(t);
        self.ids.push((id_hash(&t.id), position));
        self.end = self.end.max(Some(t.end));
    }

    /// What was noted of the talks after these; `joined`: the last of these comes before the
    /// first of those.
    pub fn append(&mut self, mut more: InOrder, joined: bool) {
        self.ordered &= more.ordered && joined;
        self.end = self.end.max(more.end);
        self.ids.append(&mut more.ids);
    }

    /// Talks noted.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Whether `a` comes before `b` (or with it) in a schedule.
pub fn in_order(a: &Talk, b: &Talk) -> bool {
    order_key(a) <= order_key(b)
}

/// What a whole schedule holds, for a [`Schedule`] with only some of its talks loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Whole {
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub talks: usize,
    /// Talks each day, in day order.
    pub day_sizes: Vec<usize>,
    /// Tags and kinds with how many talks have each, as [`Choices`] orders them.
    pub tags: Vec<(String, usize)>,
    pub kinds: Vec<(String, usize)>,
    pub tracks: Vec<(String, usize)>,
    pub languages: Vec<(String, usize)>,
}

/// The order of a schedule's talks: by start, then room, then id.
fn order_key(t: &Talk) -> (DateTime<Utc>, usize, &str) {
    (t.start, t.room, &t.id)
}

impl Schedule {
    /// Build from already-validated parts.
    pub fn new(conference: Conference, mut talks: Vec<Talk>) -> Self {
        if !talks.is_sorted_by(|a, b| order_key(a) <= order_key(b)) {
            // Sort positions, then move each talk once: a talk is a few hundred bytes and a
            // sort in place would move it log n times.
            let mut order: Vec<usize> = (0..talks.len()).collect();
            order.sort_by(|&a, &b| order_key(&talks[a]).cmp(&order_key(&talks[b])));
            let mut slots: Vec<Option<Talk>> = talks.into_iter().map(Some).collect();
            talks = order.into_iter().map(|i| slots[i].take().expect("each position once")).collect();
        }
        let by_id = id_index(&talks);
        let mut days: Vec<(NaiveDate, Range<usize>)> = Vec::new();
        for (i, t) in talks.iter().enumerate() {
            let day = conference_date(&conference, t.start);
            match days.last_mut() {
                Some((d, r)) if *d == day => r.end = i + 1,
                _ => days.push((day, i..i + 1)),
            }
        }
        let end = talks.iter().map(|t| t.end).max();
        Self { conference, talks, by_id, days, end, usual_language: Default::default(), whole: None }
    }

    /// Every talk with its day table as compiled before (which tiles the talks in order, as
    /// the reader checked): the dates, id hashes and latest end were had while reading, and are
    /// not worked out again talk by talk. Talks out of order (not a file hallway wrote) are
    /// sorted and dated as [`Schedule::new`] does.
    pub fn with_days(
        conference: Conference,
        talks: Vec<Talk>,
        read: InOrder,
        days: Vec<(NaiveDate, Range<usize>)>,
    ) -> Self {
        let InOrder { ids: mut by_id, end, ordered } = read;
        let tiled = days.last().map_or(0, |(_, r)| r.end) == talks.len() && by_id.len() == talks.len();
        if !tiled || !ordered {
            return Self::new(conference, talks);
        }
        by_id.sort_unstable();
        Self { conference, talks, by_id, days, end, usual_language: Default::default(), whole: None }
    }

    /// Some talks of a schedule: `days` is the whole schedule's day table (dates and ranges of
    /// positions in it), `loaded` the talks kept with their positions, in position order. A
    /// day whose talks are all loaded reads as in the whole schedule; the others read empty.
    pub fn partial(
        conference: Conference,
        days: &[(NaiveDate, Range<usize>)],
        whole: Whole,
        loaded: Vec<(usize, Talk)>,
    ) -> Self {
        debug_assert!(loaded.is_sorted_by(|a, b| a.0 < b.0));
        let positions: Vec<usize> = loaded.iter().map(|(p, _)| *p).collect();
        let talks: Vec<Talk> = loaded.into_iter().map(|(_, t)| t).collect();
        let by_id = id_index(&talks);
        let days = days
            .iter()
            .map(|(date, r)| {
                (*date, positions.partition_point(|&p| p < r.start)..positions.partition_point(|&p| p < r.end))
            })
            .collect();
        let end = whole.end;
        Self { conference, talks, by_id, days, end, usual_language: Default::default(), whole: Some(Box::new(whole)) }
    }

    /// The conference and the talks, for a compiler that moves them into its own form.
    pub fn into_parts(self) -> (Conference, Vec<Talk>) {
        (self.conference, self.talks)
    }

    /// What the whole schedule holds when only some talks are loaded.
    pub fn whole(&self) -> Option<&Whole> {
        self.whole.as_deref()
    }

    /// When the first talk starts.
    pub fn start(&self) -> Option<DateTime<Utc>> {
        match &self.whole {
            Some(w) => w.start,
            None => self.talks.first().map(|t| t.start),
        }
    }

    /// When the last talk ends.
    pub fn end(&self) -> Option<DateTime<Utc>> {
        self.end
    }

    /// A talk's language where it is not the one most talks are given in ("de" at a
    /// conference mostly in English): what lists say beside a title.
    pub fn unusual_language<'a>(&self, t: &'a Talk) -> Option<&'a str> {
        // Counted once, when first asked: most commands never show a language.
        let usual = self.usual_language.get_or_init(|| Choices::of(self).languages.first().map(|(l, _)| l.clone()));
        t.language.as_deref().filter(|l| Some(*l) != usual.as_deref())
    }

    pub fn talks(&self) -> &[Talk] {
        &self.talks
    }

    pub fn talk(&self, id: &str) -> Option<&Talk> {
        self.index_of(id).map(|i| &self.talks[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        let h = id_hash(id);
        let from = self.by_id.partition_point(|&(k, _)| k < h);
        // Equal hashes are checked against the id itself: a collision never finds another talk.
        self.by_id[from..].iter().take_while(|&&(k, _)| k == h).map(|&(_, i)| i).find(|&i| self.talks[i].id == id)
    }

    pub fn days(&self) -> impl ExactSizeIterator<Item = NaiveDate> + '_ {
        self.days.iter().map(|(d, _)| *d)
    }

    pub fn day_count(&self) -> usize {
        self.days.len()
    }

    /// Indices of the talks starting on day number `day` (0-based), in time order.
    pub fn day_range(&self, day: usize) -> Range<usize> {
        self.days.get(day).map(|(_, r)| r.clone()).unwrap_or(0..0)
    }

    pub fn day_date(&self, day: usize) -> Option<NaiveDate> {
        self.days.get(day).map(|(d, _)| *d)
    }

    /// Day number of a talk.
    pub fn day_of(&self, index: usize) -> usize {
        self.days.iter().position(|(_, r)| r.contains(&index)).unwrap_or(0)
    }

    /// A day as `--day` gives it: its number from 1, its date, its weekday (`sat`, `Saturday`)
    /// or its day of the month (`28`) where only one day of the conference is that.
    pub fn day_named(&self, d: &str) -> Option<usize> {
        use chrono::Datelike;
        let d = d.trim();
        let number = d.parse::<usize>().ok();
        let by_number = number.filter(|n| (1..=self.day_count()).contains(n)).map(|n| n - 1);
        let only = |hits: Vec<usize>| if hits.len() == 1 { Some(hits[0]) } else { None };
        by_number
            .or_else(|| self.days().position(|x| x.to_string() == d))
            .or_else(|| {
                let weekday = d.parse::<chrono::Weekday>().ok()?;
                only(self.days().enumerate().filter(|(_, x)| x.weekday() == weekday).map(|(i, _)| i).collect())
            })
            .or_else(|| {
                let n = number?;
                only(self.days().enumerate().filter(|(_, x)| x.day() as usize == n).map(|(i, _)| i).collect())
            })
    }

    pub fn day_index(&self, date: NaiveDate) -> Option<usize> {
        self.days.iter().position(|(d, _)| *d == date)
    }

    /// The conference day an instant belongs to (see [`Conference::day_change`]).
    pub fn date_of(&self, t: DateTime<Utc>) -> NaiveDate {
        conference_date(&self.conference, t)
    }

    pub fn local(&self, t: DateTime<Utc>) -> DateTime<Tz> {
        t.with_timezone(&self.conference.tz)
    }

    pub fn room_name(&self, talk: &Talk) -> &str {
        &self.conference.rooms[talk.room]
    }

    /// What a talk is about; for a talk with no track of its own (hallway's format, whose
    /// tracks are its stages) its room, which is what "track" always said there.
    pub fn track_or_room<'a>(&'a self, talk: &'a Talk) -> &'a str {
        talk.track.as_deref().unwrap_or(self.room_name(talk))
    }

    /// Pairs of talks on at once in the same room (a double booking, or a session and the
    /// talks inside it): positions, in time order. Each talk is paired with the one before it
    /// in its room that ends last.
    pub fn same_room_overlaps(&self) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..self.talks.len()).collect();
        order.sort_by_key(|&i| (self.talks[i].room, self.talks[i].start, i));
        let mut out = Vec::new();
        let mut longest: Option<usize> = None;
        for i in order {
            let t = &self.talks[i];
            match longest {
                Some(j) if self.talks[j].room == t.room => {
                    if t.start < self.talks[j].end {
                        out.push((j, i));
                    }
                    if t.end > self.talks[j].end {
                        longest = Some(i);
                    }
                }
                _ => longest = Some(i),
            }
        }
        out.sort_by_key(|&(a, b)| (self.talks[b].start, a, b));
        out
    }

    pub fn room_index(&self, name: &str) -> Option<usize> {
        // A long name is kept cut (see `import::name`): the whole one finds it too.
        let kept = import::name(name);
        self.conference.rooms.iter().position(|t| t.eq_ignore_ascii_case(name) || *t == kept)
    }
}

fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

fn id_index(talks: &[Talk]) -> Vec<(u64, usize)> {
    let mut v: Vec<(u64, usize)> = talks.iter().enumerate().map(|(i, t)| (id_hash(&t.id), i)).collect();
    v.sort_unstable();
    v
}

fn conference_date(c: &Conference, t: DateTime<Utc>) -> NaiveDate {
    (t.with_timezone(&c.tz).naive_local() - (c.day_change - NaiveTime::MIN)).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_schedule_is_two_days_two_tracks() {
        let s = bundled();
        assert_eq!(s.conference.rooms, ["Main Stage", "Stage 2"]);
        assert_eq!(s.day_count(), 2);
        assert!(s.talks().len() >= 30);
        let t = s.talk("ebpf-vs-sidecars").unwrap();
        assert_eq!(t.speakers, ["Liz Rice"]);
        assert_eq!(s.local(t.start).to_rfc3339(), "2022-10-19T09:05:00-07:00");
        assert!(s.talks().windows(2).all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn every_bundled_schedule_loads() {
        for (name, _) in BUNDLED_SCHEDULES {
            let s = bundled_named(name).unwrap();
            assert!(s.talks().len() >= 30, "{name}");
            assert_eq!(s.conference.rooms.len(), 2, "{name}");
        }
        let s = bundled_named("data/srecon-emea.json").unwrap();
        assert_eq!(s.conference.tz, chrono_tz::Europe::Amsterdam);
        let t = s.talk("unified-theory-of-sre").unwrap();
        assert_eq!(t.speakers, ["Emil Stolarsky"]);
        assert_eq!(s.local(t.start).to_rfc3339(), "2022-10-27T09:45:00+02:00");
        assert!(bundled_named("nope").is_none());
    }

    #[test]
    fn talks_on_at_once_in_one_room_are_found() {
        let text = r#"{"conference": {"id": "c", "name": "C", "timezone": "UTC", "tracks": ["A", "B"]},
          "talks": [
            {"id": "a1", "title": "A1", "track": "A", "start": "2030-01-01T10:00", "duration": 60},
            {"id": "a2", "title": "A2", "track": "A", "start": "2030-01-01T10:15", "duration": 15},
            {"id": "a3", "title": "A3", "track": "A", "start": "2030-01-01T10:45", "duration": 30},
            {"id": "a4", "title": "A4", "track": "A", "start": "2030-01-01T11:15", "duration": 30},
            {"id": "b1", "title": "B1", "track": "B", "start": "2030-01-01T10:00", "duration": 60}]}"#;
        let s = parse_bytes(text.as_bytes(), "t.json").unwrap();
        let pairs: Vec<(&str, &str)> = s
            .same_room_overlaps()
            .into_iter()
            .map(|(a, b)| (s.talks()[a].id.as_str(), s.talks()[b].id.as_str()))
            .collect();
        assert_eq!(pairs, [("a1", "a2"), ("a1", "a3")], "back to back is no overlap; other rooms are not compared");
    }

    #[test]
    fn every_talk_is_found_by_its_id_and_no_other() {
        let s = parse_bytes(crate::synth::native_json(3_000, 3, 12, 4).as_bytes(), "s.json").unwrap();
        for (i, t) in s.talks().iter().enumerate() {
            assert_eq!(s.index_of(&t.id), Some(i));
        }
        assert_eq!(s.index_of("t3000"), None);
        assert_eq!(s.index_of(""), None);
    }

    #[test]
    fn day_ranges_cover_every_talk() {
        let s = bundled();
        let covered: usize = (0..s.day_count()).map(|d| s.day_range(d).len()).sum();
        assert_eq!(covered, s.talks().len());
        let i = s.index_of("linux-memory-model").unwrap();
        assert_eq!(s.day_of(i), 1);
    }
}
