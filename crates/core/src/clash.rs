//! Overlap detection among marked talks: sort + sweep, never all pairs.

use crate::schedule::Talk;
use std::collections::HashMap;

/// A pair of overlapping talks, as indices into the schedule; `a` starts first (ties by track, id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clash {
    pub a: usize,
    pub b: usize,
}

/// All overlapping pairs among `members` (indices into `talks`, which is sorted by start).
/// Intervals are half-open, so back-to-back talks do not clash.
pub fn find(talks: &[Talk], members: impl IntoIterator<Item = usize>) -> Vec<Clash> {
    let mut members: Vec<usize> = members.into_iter().collect();
    members.sort_unstable();
    members.dedup();
    let mut active: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for &i in &members {
        let t = &talks[i];
        active.retain(|&j| talks[j].end > t.start);
        out.extend(active.iter().map(|&j| Clash { a: j, b: i }));
        active.push(i);
    }
    out.sort_unstable();
    out
}

/// Which of `members` overlap another member, as a flag per schedule talk: the same sweep as
/// [`find`] without listing the pairs, so a star redraws at once however many talks clash.
pub fn flags(talks: &[Talk], members: impl IntoIterator<Item = usize>) -> Vec<bool> {
    let mut members: Vec<usize> = members.into_iter().collect();
    members.sort_unstable();
    members.dedup();
    let mut out = vec![false; talks.len()];
    // Active talks not yet flagged; once flagged a talk needs no more visits.
    let mut active: Vec<usize> = Vec::new();
    // The latest end among every active talk, flagged or not.
    let mut reach = None;
    for &i in &members {
        let t = &talks[i];
        if reach.is_some_and(|end| end > t.start) {
            out[i] = true;
            for j in active.drain(..) {
                if talks[j].end > t.start {
                    out[j] = true;
                }
            }
        } else {
            active.clear();
        }
        active.retain(|&j| talks[j].end > t.start);
        if !out[i] {
            active.push(i);
        }
        reach = Some(reach.map_or(t.end, |end: chrono::DateTime<chrono::Utc>| end.max(t.end)));
    }
    out
}

/// How many overlapping pairs there are among `members` (sorted indices into `talks`): a heap of
/// end times instead of [`find`]'s list, so a header can count clashes on every star even when
/// a hundred starred talks overlap.
pub fn count(talks: &[Talk], members: &[usize]) -> usize {
    use std::cmp::Reverse;
    let mut ends = std::collections::BinaryHeap::new();
    let mut n = 0;
    for &i in members {
        let t = &talks[i];
        while ends.peek().is_some_and(|Reverse(end)| *end <= t.start) {
            ends.pop();
        }
        n += ends.len();
        ends.push(Reverse(t.end));
    }
    n
}

/// For each talk in a clash, the talks it clashes with (in schedule order).
pub fn partners(clashes: &[Clash]) -> HashMap<usize, Vec<usize>> {
    let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
    for c in clashes {
        map.entry(c.a).or_default().push(c.b);
        map.entry(c.b).or_default().push(c.a);
    }
    for v in map.values_mut() {
        v.sort_unstable();
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, Utc};
    use proptest::prelude::*;

    fn talk(i: usize, start: i64, len: i64) -> Talk {
        let t0 = DateTime::<Utc>::from_timestamp(1_666_000_000, 0).unwrap();
        Talk {
            id: format!("t{i}"),
            start: t0 + Duration::minutes(start),
            end: t0 + Duration::minutes(start + len),
            kind: "talk".into(),
            ..Talk::default()
        }
    }

    fn sorted(mut v: Vec<Talk>) -> Vec<Talk> {
        v.sort_by_key(|t| t.start);
        v
    }

    proptest! {
        #[test]
        fn count_agrees_with_the_pairs_found(spans in proptest::collection::vec((0i64..600, 1i64..120), 0..40)) {
            let t = sorted(spans.iter().enumerate().map(|(i, &(s, l))| talk(i, s, l)).collect());
            let all: Vec<usize> = (0..t.len()).collect();
            prop_assert_eq!(count(&t, &all), find(&t, all.iter().copied()).len());
        }
    }

    #[test]
    fn back_to_back_is_no_clash_but_one_minute_is() {
        let t = sorted(vec![talk(0, 0, 30), talk(1, 30, 30), talk(2, 59, 10)]);
        assert_eq!(find(&t, 0..3), vec![Clash { a: 1, b: 2 }]);
    }

    #[test]
    fn containment_and_chains() {
        let t = sorted(vec![talk(0, 0, 120), talk(1, 10, 10), talk(2, 30, 10), talk(3, 200, 5)]);
        assert_eq!(find(&t, 0..4), vec![Clash { a: 0, b: 1 }, Clash { a: 0, b: 2 }]);
        let p = partners(&find(&t, 0..4));
        assert_eq!(p[&0], vec![1, 2]);
        assert!(!p.contains_key(&3));
    }

    proptest! {
        #[test]
        fn sweep_matches_brute_force(slots in prop::collection::vec((0i64..600, 1i64..120), 0..60),
                                     pick in prop::collection::vec(any::<bool>(), 60)) {
            let talks = sorted(slots.iter().enumerate().map(|(i, &(s, l))| talk(i, s, l)).collect());
            let members: Vec<usize> = (0..talks.len()).filter(|&i| pick[i]).collect();
            let mut brute = Vec::new();
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    if talks[i].overlaps(&talks[j]) {
                        brute.push(Clash { a: i.min(j), b: i.max(j) });
                    }
                }
            }
            brute.sort_unstable();
            let mut flagged = vec![false; talks.len()];
            for c in &brute {
                flagged[c.a] = true;
                flagged[c.b] = true;
            }
            prop_assert_eq!(find(&talks, members.iter().copied()), brute);
            prop_assert_eq!(flags(&talks, members.iter().copied()), flagged);
        }
    }
}
