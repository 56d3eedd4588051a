//! What is live and what is next at an instant: per track, for the conference as a whole, and
//! for the talks a person attends. Shared by the Now view and `hallway now`.

use crate::schedule::{Schedule, Talk};
use crate::timefmt;
use chrono::{DateTime, Datelike, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct TrackNow {
    pub track: usize,
    pub live: Option<usize>,
    pub next: Option<usize>,
}

/// Where the conference stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The schedule has no talks.
    Empty,
    /// Before the first talk.
    Before { starts: DateTime<Utc> },
    /// At least one talk (or break) is on.
    Live,
    /// Nothing on now, more later the same day.
    Pause { resumes: DateTime<Utc> },
    /// This day is over (or not a conference day); the next day resumes then.
    BetweenDays { resumes: DateTime<Utc> },
    /// After the last talk.
    After { ended: DateTime<Utc> },
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Empty => "empty",
            Phase::Before { .. } => "before",
            Phase::Live => "live",
            Phase::Pause { .. } => "pause",
            Phase::BetweenDays { .. } => "between-days",
            Phase::After { .. } => "after",
        }
    }
}

/// Something about the next starred talks the person must act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// The next two starred talks overlap: only one can be attended.
    Clash { a: usize, b: usize },
    /// The next starred talk is in another track than the one before it (same day).
    SwitchTrack { from: usize, to: usize },
}

/// The starred talks that matter at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mine {
    /// A starred talk being given now (the earliest if several).
    pub live: Option<usize>,
    /// The first starred talk starting after now.
    pub next: Option<usize>,
    pub warning: Option<Warning>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub at: DateTime<Utc>,
    pub phase: Phase,
    pub tracks: Vec<TrackNow>,
    pub mine: Mine,
}

/// One pass over the talks, not one per track: a FOSDEM-sized schedule has 60 tracks.
pub fn at(schedule: &Schedule, t: DateTime<Utc>) -> Vec<TrackNow> {
    let talks = schedule.talks();
    let mut out: Vec<TrackNow> =
        (0..schedule.conference.rooms.len()).map(|track| TrackNow { track, live: None, next: None }).collect();
    // Talks are sorted by start: everything from here on starts after `t`.
    let first_future = talks.partition_point(|x| x.start <= t);
    for (i, x) in talks[..first_future].iter().enumerate().rev() {
        // Of talks live at once in one track, the one that started last is shown.
        if x.end > t && out[x.room].live.is_none() {
            out[x.room].live = Some(i);
        }
    }
    let mut missing = out.len();
    for (i, x) in talks.iter().enumerate().skip(first_future) {
        if missing == 0 {
            break;
        }
        if out[x.room].next.is_none() {
            out[x.room].next = Some(i);
            missing -= 1;
        }
    }
    out
}

/// How soon a next talk must start for its room to count as busy in [`rooms`].
pub const SOON_MINUTES: i64 = 30;

/// The rooms of an [`Overview`] in the order a person scans them at a big conference: first
/// those where one of my starred talks is live or still to come that day, soonest first; then
/// those with a talk live or starting within [`SOON_MINUTES`], then the quiet rest (FOSDEM on a
/// Saturday morning: 79 of 106). The busy and quiet lists are in track order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rooms {
    pub mine: Vec<usize>,
    pub busy: Vec<usize>,
    pub quiet: Vec<usize>,
}

/// More quiet rooms than this fold into one line (a two-track conference lists both).
pub const FOLD_FROM: usize = 4;

impl Rooms {
    /// Whether the quiet rooms are listed: when asked, or when folding them would hide more
    /// than it saves.
    pub fn lists_quiet(&self, all: bool) -> bool {
        all || self.quiet.len() <= FOLD_FROM
    }

    /// The rooms listed, in order.
    pub fn listed(&self, all: bool) -> impl Iterator<Item = usize> + '_ {
        let quiet: &[usize] = if self.lists_quiet(all) { &self.quiet } else { &[] };
        self.mine.iter().chain(&self.busy).chain(quiet).copied()
    }
}

pub fn rooms(schedule: &Schedule, o: &Overview, attending: &[usize]) -> Rooms {
    let talks = schedule.talks();
    let soon = o.at + chrono::Duration::minutes(SOON_MINUTES);
    // Each room's first starred talk not over yet that day: mine even when the next is not.
    let today = schedule.date_of(o.at);
    let mut first_mine: std::collections::HashMap<usize, chrono::DateTime<chrono::Utc>> = Default::default();
    for &i in attending.iter().filter(|&&i| talks[i].end > o.at && schedule.date_of(talks[i].start) == today) {
        first_mine.entry(talks[i].room).or_insert(talks[i].start);
    }
    let mut r = Rooms::default();
    for (pos, tn) in o.tracks.iter().enumerate() {
        if first_mine.contains_key(&tn.track) {
            r.mine.push(pos);
        } else if tn.live.is_some() || tn.next.is_some_and(|i| talks[i].start <= soon) {
            r.busy.push(pos);
        } else {
            r.quiet.push(pos);
        }
    }
    r.mine.sort_by_key(|&pos| (first_mine[&o.tracks[pos].track], pos));
    r
}

pub fn phase(schedule: &Schedule, tracks: &[TrackNow], t: DateTime<Utc>) -> Phase {
    let (Some(first), Some(last)) = (schedule.start(), schedule.end()) else { return Phase::Empty };
    if t < first {
        return Phase::Before { starts: first };
    }
    if t >= last {
        return Phase::After { ended: last };
    }
    if tracks.iter().any(|tn| tn.live.is_some()) {
        return Phase::Live;
    }
    let talks = schedule.talks();
    // Not after the last end and nothing live: something starts later.
    let resumes = talks[talks.partition_point(|x| x.start <= t)..].first().map_or(last, |x| x.start);
    if schedule.date_of(resumes) == schedule.date_of(t) {
        Phase::Pause { resumes }
    } else {
        Phase::BetweenDays { resumes }
    }
}

/// `attending`: schedule indices of the talks marked to attend, in time order.
pub fn mine(schedule: &Schedule, attending: &[usize], t: DateTime<Utc>) -> Mine {
    let talks = schedule.talks();
    let mut ahead = attending.iter().copied().filter(|&i| talks[i].end > t);
    let (first, second) = (ahead.next(), ahead.next());
    let live = attending.iter().copied().find(|&i| talks[i].start <= t && t < talks[i].end);
    let next = attending.iter().copied().find(|&i| talks[i].start > t);
    let warning = match (first, second) {
        (Some(a), Some(b)) if talks[a].overlaps(&talks[b]) => Some(Warning::Clash { a, b }),
        (Some(a), Some(b))
            if talks[a].room != talks[b].room
                && schedule.date_of(talks[a].start) == schedule.date_of(talks[b].start) =>
        {
            Some(Warning::SwitchTrack { from: a, to: b })
        }
        _ => None,
    };
    Mine { live, next, warning }
}

pub fn overview(schedule: &Schedule, attending: &[usize], t: DateTime<Utc>) -> Overview {
    let tracks = at(schedule, t);
    Overview { at: t, phase: phase(schedule, &tracks, t), mine: mine(schedule, attending, t), tracks }
}

/// How far into the talk `t` is, from 0.0 to 1.0.
pub fn progress(talk: &Talk, t: DateTime<Utc>) -> f64 {
    let total = (talk.end - talk.start).num_seconds();
    if total <= 0 {
        return 1.0;
    }
    ((t - talk.start).num_seconds() as f64 / total as f64).clamp(0.0, 1.0)
}

/// Whole minutes from `from` to `to`, rounded up: "1 min left" until the very end.
pub fn minutes_between(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    let secs = (to - from).num_seconds();
    if secs <= 0 { 0 } else { (secs + 59) / 60 }
}

/// "in 12 min", "in 1 h 05 min", "in 3 days".
pub fn until(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let m = minutes_between(from, to);
    match m / (24 * 60) {
        0 => format!("in {}", timefmt::minutes(m)),
        1 => "in 1 day".to_string(),
        d => format!("in {d} days"),
    }
}

/// Where the conference stands, as a sentence; `None` while talks are on.
pub fn phase_line(schedule: &Schedule, o: &Overview) -> Option<String> {
    let when = |t: DateTime<Utc>| {
        let local = schedule.local(t);
        let fmt = if local.year() == schedule.local(o.at).year() { "%a %-d %b %H:%M" } else { "%a %-d %b %Y %H:%M" };
        local.format(fmt).to_string()
    };
    Some(match o.phase {
        Phase::Empty => "This schedule has no talks.".into(),
        Phase::Before { starts } => {
            format!("{} starts {}: {}.", schedule.conference.name, until(o.at, starts), when(starts))
        }
        Phase::Live => return None,
        Phase::Pause { resumes } => {
            format!(
                "Nothing on right now: talks resume at {} ({}).",
                timefmt::hm(schedule, resumes),
                until(o.at, resumes)
            )
        }
        Phase::BetweenDays { resumes } => {
            format!("No more talks today: the next day starts {} ({}).", when(resumes), until(o.at, resumes))
        }
        Phase::After { ended } => format!("{} is over: it ended {}.", schedule.conference.name, when(ended)),
    })
}

/// The person's own situation: the starred talk on now, the next one, what to watch out for.
pub fn mine_lines(schedule: &Schedule, o: &Overview) -> Vec<String> {
    let talks = schedule.talks();
    let mut out = Vec::new();
    if let Some(i) = o.mine.live {
        let t = &talks[i];
        out.push(format!(
            "★ Now: \"{}\" in {}, {} left.",
            t.title,
            schedule.room_name(t),
            timefmt::minutes(minutes_between(o.at, t.end))
        ));
    }
    match o.mine.next {
        Some(i) => {
            let t = &talks[i];
            let same_day = schedule.local(t.start).date_naive() == schedule.local(o.at).date_naive();
            let at = if same_day {
                timefmt::hm(schedule, t.start)
            } else {
                schedule.local(t.start).format("%a %-d %b %H:%M").to_string()
            };
            out.push(format!(
                "★ Your next starred talk: \"{}\" in {} {} ({at}).",
                t.title,
                schedule.room_name(t),
                until(o.at, t.start)
            ));
        }
        None if o.mine.live.is_none() => out.push("No starred talks ahead.".into()),
        None => {}
    }
    match o.mine.warning {
        Some(Warning::Clash { a, b }) => out.push(format!(
            "⚠ {}: {} and {}.",
            if talks[b].start <= o.at {
                "Two of your starred talks are on at once"
            } else {
                "Your next two starred talks clash"
            },
            timefmt::talk_ref(schedule, &talks[a]),
            timefmt::talk_ref(schedule, &talks[b])
        )),
        Some(Warning::SwitchTrack { from, to }) => {
            let (a, b) = (&talks[from], &talks[to]);
            out.push(format!(
                "⚠ Switch rooms: after \"{}\" ({}) go to {} for \"{}\" at {} ({} between).",
                a.title,
                schedule.room_name(a),
                schedule.room_name(b),
                b.title,
                timefmt::hm(schedule, b.start),
                timefmt::minutes((b.start - a.end).num_minutes().max(0))
            ))
        }
        None => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{clock::parse_at, schedule};

    fn t(s: &Schedule, at: &str) -> DateTime<Utc> {
        parse_at(at, s.conference.tz).unwrap()
    }

    #[test]
    fn rooms_put_mine_first_then_busy_then_quiet() {
        let s = schedule::bundled();
        let at = t(&s, "2022-10-19 09:20");
        let stage2 = s.talks().iter().position(|x| x.id == "thread-sampling-ebpf").unwrap();
        let o = overview(&s, &[stage2], at);
        let r = rooms(&s, &o, &[stage2]);
        assert_eq!(r.mine.iter().map(|&p| o.tracks[p].track).collect::<Vec<_>>(), [s.talks()[stage2].room]);
        assert_eq!(r.mine.len() + r.busy.len() + r.quiet.len(), s.conference.rooms.len());
        assert!(r.quiet.is_empty(), "both rooms are busy at 09:20");
        // Late at night every room is quiet; two quiet rooms are still listed.
        let night = overview(&s, &[], t(&s, "2022-10-19 23:00"));
        let r = rooms(&s, &night, &[]);
        assert_eq!(r.quiet.len(), 2);
        assert!(r.lists_quiet(false));
        assert_eq!(r.listed(false).count(), 2);
    }

    #[test]
    fn live_and_next_per_track() {
        let s = schedule::bundled();
        let now = at(&s, t(&s, "2022-10-19 09:20"));
        let id = |i: Option<usize>| i.map(|i| s.talks()[i].id.as_str());
        assert_eq!(id(now[0].live), Some("ebpf-vs-sidecars"));
        assert_eq!(id(now[0].next), Some("misery-metrics"));
        assert_eq!(id(now[1].live), Some("thread-sampling-ebpf"));
        // At the exact end of a talk it is over.
        assert_eq!(at(&s, t(&s, "2022-10-19 09:35"))[0].live, None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn live_and_next_agree_with_brute_force(
            n in 1usize..300, tracks in 1usize..12, seed in 0u64..1000, minute in 0i64..(4 * 24 * 60),
        ) {
            let text = crate::synth::native_json(n, 3, tracks, seed);
            let s = schedule::parse_bytes(text.as_bytes(), "synth.json").unwrap();
            let when = s.talks()[0].start - chrono::Duration::hours(2) + chrono::Duration::minutes(minute);
            let talks = s.talks();
            for tn in at(&s, when) {
                let live = (0..talks.len())
                    .filter(|&i| talks[i].room == tn.track && talks[i].start <= when && when < talks[i].end)
                    .max();
                let next = (0..talks.len()).filter(|&i| talks[i].room == tn.track && talks[i].start > when).min();
                proptest::prop_assert_eq!(tn.live, live);
                proptest::prop_assert_eq!(tn.next, next);
            }
        }
    }

    #[test]
    fn phases_before_during_between_days_and_after() {
        let s = schedule::bundled();
        let phase_at = |when: &str| {
            let when = t(&s, when);
            phase(&s, &at(&s, when), when)
        };
        assert_eq!(phase_at("2022-10-16 08:00"), Phase::Before { starts: t(&s, "2022-10-19 08:00") });
        assert_eq!(phase_at("2022-10-19 09:20"), Phase::Live);
        let first_day_end = s.talks()[s.day_range(0)].iter().map(|x| x.end).max().unwrap();
        let evening = first_day_end + chrono::Duration::minutes(30);
        let second_day = s.talks()[s.day_range(1).start].start;
        assert_eq!(phase(&s, &at(&s, evening), evening), Phase::BetweenDays { resumes: second_day });
        assert_eq!(phase_at("2022-10-21 08:00"), Phase::After { ended: s.end().unwrap() });
        let o = overview(&s, &[], t(&s, "2022-10-16 07:00"));
        assert_eq!(phase_line(&s, &o).unwrap(), "P99 CONF 2022 starts in 3 days: Wed 19 Oct 08:00.");
        let o = overview(&s, &[], t(&s, "2022-10-19 09:20"));
        assert_eq!(phase_line(&s, &o), None);
        assert_eq!(phase(&s, &at(&s, s.end().unwrap()), s.end().unwrap()), Phase::After { ended: s.end().unwrap() });
    }

    #[test]
    fn a_pause_is_a_gap_within_a_day() {
        // A gap with nothing on in any track, the same day: built from two talks.
        let json = r#"{"conference":{"id":"x","name":"X","timezone":"Europe/Amsterdam","tracks":["A","B"]},
          "talks":[{"id":"a","title":"A","track":"A","start":"2022-10-25T09:00","end":"2022-10-25T10:00"},
                   {"id":"b","title":"B","track":"B","start":"2022-10-25T11:00","end":"2022-10-25T12:00"}]}"#;
        let s = schedule::parse_bytes(json.as_bytes(), "x.json").unwrap();
        let when = t(&s, "2022-10-25 10:15");
        assert_eq!(phase(&s, &at(&s, when), when), Phase::Pause { resumes: t(&s, "2022-10-25 11:00") });
    }

    #[test]
    fn my_next_talk_and_what_to_watch_out_for() {
        let s = schedule::bundled();
        let i = |id: &str| s.index_of(id).unwrap();
        // ebpf-vs-sidecars (Main, 09:05-09:35) clashes with thread-sampling-ebpf (Stage 2, 09:15-09:40);
        // extreme-http is on the Main Stage at 10:20.
        let mut attending = vec![i("ebpf-vs-sidecars"), i("thread-sampling-ebpf"), i("extreme-http")];
        attending.sort_unstable();
        let m = mine(&s, &attending, t(&s, "2022-10-19 08:50"));
        assert_eq!(m.live, None);
        assert_eq!(m.next, Some(i("ebpf-vs-sidecars")));
        assert_eq!(m.warning, Some(Warning::Clash { a: i("ebpf-vs-sidecars"), b: i("thread-sampling-ebpf") }));
        // During the first, the clash is still the thing to decide.
        let m = mine(&s, &attending, t(&s, "2022-10-19 09:20"));
        assert_eq!(m.live, Some(i("ebpf-vs-sidecars")));
        assert_eq!(m.next, Some(i("extreme-http")), "both clashing talks have started");
        assert_eq!(m.warning, Some(Warning::Clash { a: i("ebpf-vs-sidecars"), b: i("thread-sampling-ebpf") }));
        // In the second: the next one is back on the Main Stage.
        let m = mine(&s, &attending, t(&s, "2022-10-19 09:38"));
        assert_eq!(m.live, Some(i("thread-sampling-ebpf")));
        assert_eq!(m.next, Some(i("extreme-http")));
        assert_eq!(m.warning, Some(Warning::SwitchTrack { from: i("thread-sampling-ebpf"), to: i("extreme-http") }));
        let o = overview(&s, &attending, t(&s, "2022-10-19 09:38"));
        assert_eq!(
            mine_lines(&s, &o),
            [
                "★ Now: \"Always-on Thread Activity Sampling with eBPF\" in Stage 2, 2 min left.",
                "★ Your next starred talk: \"Extreme HTTP Performance Tuning: 1.2M API req/s on a 4 vCPU EC2 Instance\" in Main Stage in 42 min (10:20).",
                "⚠ Switch rooms: after \"Always-on Thread Activity Sampling with eBPF\" (Stage 2) go to Main Stage for \"Extreme HTTP Performance Tuning: 1.2M API req/s on a 4 vCPU EC2 Instance\" at 10:20 (40 min between).",
            ]
        );
        // Only one left: nothing to warn about.
        assert_eq!(mine(&s, &attending, t(&s, "2022-10-19 10:30")).warning, None);
        assert_eq!(mine(&s, &[], t(&s, "2022-10-19 09:38")), Mine::default());
    }

    #[test]
    fn progress_and_minutes() {
        let s = schedule::bundled();
        let talk = s.talk("ebpf-vs-sidecars").unwrap(); // 09:05-09:35
        assert_eq!(progress(talk, t(&s, "2022-10-19 09:20")), 0.5);
        assert_eq!(progress(talk, t(&s, "2022-10-19 08:00")), 0.0);
        assert_eq!(progress(talk, t(&s, "2022-10-19 10:00")), 1.0);
        let from = t(&s, "2022-10-19 09:20");
        assert_eq!(minutes_between(from, talk.end), 15);
        assert_eq!(minutes_between(from + chrono::Duration::seconds(1), talk.end), 15);
        assert_eq!(minutes_between(talk.end, from), 0);
    }
}
