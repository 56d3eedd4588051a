//! What is live and what is next in every track at an instant.

use crate::schedule::Schedule;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct TrackNow {
    pub track: usize,
    pub live: Option<usize>,
    pub next: Option<usize>,
}

pub fn at(schedule: &Schedule, t: DateTime<Utc>) -> Vec<TrackNow> {
    let talks = schedule.talks();
    // Talks are sorted by start: everything from here on starts after `t`.
    let first_future = talks.partition_point(|x| x.start <= t);
    (0..schedule.conference.tracks.len())
        .map(|track| TrackNow {
            track,
            live: talks[..first_future].iter().rposition(|x| x.track == track && x.end > t),
            next: talks[first_future..].iter().position(|x| x.track == track).map(|i| i + first_future),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{clock::parse_at, schedule};

    #[test]
    fn live_and_next_per_track() {
        let s = schedule::bundled();
        let t = parse_at("2022-10-19 09:20", s.conference.tz).unwrap();
        let now = at(&s, t);
        let id = |i: Option<usize>| i.map(|i| s.talks()[i].id.as_str());
        assert_eq!(id(now[0].live), Some("ebpf-vs-sidecars"));
        assert_eq!(id(now[0].next), Some("misery-metrics"));
        assert_eq!(id(now[1].live), Some("thread-sampling-ebpf"));
        // At the exact end of a talk it is over.
        let t = parse_at("2022-10-19 09:35", s.conference.tz).unwrap();
        assert_eq!(at(&s, t)[0].live, None);
    }
}
