//! Deterministic synthetic conferences for benchmarks and scale tests.

use serde_json::json;

/// Talks one track holds in a day (08:00 to at most 23:10: 20 slots of up to 40 minutes plus 5-minute gaps).
const MAX_PER_TRACK_DAY: usize = 20;

/// A native-format schedule with `talks` talks over at least `days` days and `tracks` tracks;
/// more days are added when the talks would not fit, so tracks never overlap themselves.
/// The same arguments always give the same file (a small LCG, no dependency on `rand`).
pub fn native_json(talks: usize, days: usize, tracks: usize, seed: u64) -> String {
    let tracks = tracks.max(1);
    let days = days.max(1).max(talks.div_ceil(tracks * MAX_PER_TRACK_DAY));
    generate(talks, days, tracks, talks.div_ceil(days * tracks).max(1), seed)
}

/// Rooms and talks per room in a day of [`by_days`].
pub const DAY_ROOMS: usize = 20;
pub const DAY_TALKS_PER_ROOM: usize = 12;

/// A conference that grows by days of a fixed size ([`DAY_ROOMS`] rooms of
/// [`DAY_TALKS_PER_ROOM`] talks, 240 a day; the last day may be shorter): day 2 is the same
/// talks at 1k and at 100k, so a question about it has the same answer at every size.
pub fn by_days(talks: usize, seed: u64) -> String {
    let per_day = DAY_ROOMS * DAY_TALKS_PER_ROOM;
    generate(talks, talks.div_ceil(per_day).max(1), DAY_ROOMS, DAY_TALKS_PER_ROOM, seed)
}

fn generate(talks: usize, days: usize, tracks: usize, per_track_day: usize, seed: u64) -> String {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = |n: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) % n.max(1)
    };
    let words = [
        "latency",
        "Rust",
        "eBPF",
        "kernel",
        "storage",
        "queues",
        "tail",
        "p99",
        "io_uring",
        "scheduling",
        "caches",
        "Linux",
    ];
    let first_day = chrono::NaiveDate::from_ymd_opt(2030, 3, 1).expect("valid date");
    let mut list = Vec::with_capacity(talks);
    'outer: for d in 0..days {
        for tr in 0..tracks {
            // Each track runs back to back from 08:00 with 20-40 minute slots and 5-minute gaps.
            let mut minute = 8 * 60 + next(3) as usize * 5;
            for _ in 0..per_track_day {
                if list.len() == talks {
                    break 'outer;
                }
                let len = 20 + next(5) as usize * 5;
                let (h, m) = (minute / 60, minute % 60);
                let i = list.len();
                let title = format!(
                    "{} {} for {}",
                    words[next(12) as usize],
                    words[next(12) as usize],
                    words[next(12) as usize]
                );
                list.push(json!({
                    "id": format!("t{i}"),
                    "title": title,
                    "speakers": [format!("Speaker {}", next(5000))],
                    "track": format!("Room {}", tr + 1),
                    "start": format!("{}T{h:02}:{m:02}", first_day + chrono::Days::new(d as u64)),
                    "duration": len,
                    "tags": [words[next(12) as usize].to_lowercase()],
                    "abstract": "A synthetic abstract long enough to wrap over a couple of lines in the detail pane.",
                }));
                minute += len + 5;
            }
        }
    }
    let track_names: Vec<String> = (1..=tracks).map(|t| format!("Room {t}")).collect();
    json!({
        "conference": {"id": format!("synth-{talks}"), "name": format!("Synthetic {talks}"), "timezone": "Europe/Amsterdam", "tracks": track_names},
        "talks": list,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_of_a_conference_grown_by_days_are_the_same_at_every_size() {
        let day2 = |n: usize| {
            let s = crate::schedule::parse_bytes(super::by_days(n, 7).as_bytes(), "synth").unwrap();
            assert_eq!(s.day_count(), n.div_ceil(240));
            s.talks()[s.day_range(1)].to_vec()
        };
        let small = day2(1_000);
        assert_eq!(small.len(), 240);
        assert_eq!(small, day2(5_000));
    }

    #[test]
    fn generated_schedules_load_and_never_overlap_within_a_track() {
        for (n, tracks) in [(100, 2), (1_000, 8), (3_000, 4)] {
            let text = super::native_json(n, 2, tracks, 1);
            let s = crate::schedule::parse_bytes(text.as_bytes(), "synth").unwrap();
            assert_eq!(s.talks().len(), n);
            for t in 0..tracks {
                let mine: Vec<_> = s.talks().iter().filter(|x| x.room == t).collect();
                assert!(mine.windows(2).all(|w| w[0].end <= w[1].start));
            }
        }
    }
}
