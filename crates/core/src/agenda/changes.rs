//! What changed in the schedule since a talk was marked: each mark remembers the talk as it
//! was (title, time, track, speakers), so a reload shows what moved, was renamed or is gone.

use super::{Agenda, Seen};
use crate::schedule::Schedule;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum What {
    /// No longer in the schedule (cancelled, or its id changed).
    Removed,
    /// Day, time or duration changed.
    Moved,
    Track,
    Retitled,
    Speakers,
}

impl What {
    pub fn as_str(self) -> &'static str {
        match self {
            What::Removed => "removed",
            What::Moved => "moved",
            What::Track => "track-changed",
            What::Retitled => "retitled",
            What::Speakers => "speakers-changed",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    pub id: String,
    /// Where the talk is now; `None` when removed.
    pub index: Option<usize>,
    /// Most important first.
    pub what: Vec<What>,
}

/// Marked talks that differ from what was seen when marking, removed ones first, then by time.
pub fn detect(schedule: &Schedule, agenda: &Agenda) -> Vec<Changed> {
    let mut out: Vec<(DateTime<Utc>, Changed)> = agenda
        .marks
        .iter()
        .filter_map(|(id, m)| {
            let index = schedule.index_of(id);
            let what = match index {
                None => vec![What::Removed],
                Some(i) => compare(schedule, i, &m.seen),
            };
            (!what.is_empty()).then(|| (m.seen.start, Changed { id: id.clone(), index, what }))
        })
        .collect();
    out.sort_by_key(|(start, c)| (c.index.is_some(), *start));
    out.into_iter().map(|(_, c)| c).collect()
}

/// How the talk at `index` differs from `seen`, most important first.
pub fn compare(schedule: &Schedule, index: usize, seen: &Seen) -> Vec<What> {
    let t = &schedule.talks()[index];
    // What was seen is compared as this hallway cleans text: a mark made when the cleaning
    // kept something it now drops (a joiner between emoji) is not a change of the talk.
    let clean = |s: &str| crate::sanitize::line(s);
    let mut what = Vec::new();
    if seen.moved(schedule, t) {
        what.push(What::Moved);
    }
    if schedule.room_name(t) != clean(&seen.track) {
        what.push(What::Track);
    }
    if t.title != clean(&seen.title) {
        what.push(What::Retitled);
    }
    if seen.speakers.as_ref().is_some_and(|s| s.iter().map(|x| clean(x)).ne(t.speakers.iter().cloned())) {
        what.push(What::Speakers);
    }
    what
}

/// One line a person reads: "moved from Wed 09:05 (Main Stage) to Wed 10:00 (Stage 2)".
pub fn describe(schedule: &Schedule, agenda: &Agenda, c: &Changed) -> String {
    describe_from(schedule, &agenda.marks[&c.id].seen, c)
}

/// [`describe`] against the talk as `seen`, whoever saw it (a mark, an earlier copy).
pub fn describe_from(schedule: &Schedule, seen: &Seen, c: &Changed) -> String {
    let Some(i) = c.index else {
        return format!(
            "\"{}\" is no longer in the schedule (was {}, {})",
            seen.title,
            seen_when(schedule, seen),
            seen.track
        );
    };
    format!("\"{}\" {}", schedule.talks()[i].title, what_changed(schedule, seen, i, &c.what))
}

/// When the talk was as `seen`: "Wed 09:05-09:35". Floating times are told as printed: the
/// instants depend on the zone the file is read in.
pub fn seen_when(schedule: &Schedule, seen: &Seen) -> String {
    match seen.wall {
        Some([a, b]) if schedule.conference.floating => format!("{}-{}", a.format("%a %H:%M"), b.format("%H:%M")),
        _ => format!("{}-{}", schedule.local(seen.start).format("%a %H:%M"), schedule.local(seen.end).format("%H:%M")),
    }
}

/// What changed in the talk at `index` since `seen`, without its title: "moved from Wed 09:05-09:35
/// to Wed 10:00-10:30; now in Stage 2 (was Main Stage)".
pub fn what_changed(schedule: &Schedule, seen: &Seen, index: usize, what: &[What]) -> String {
    let when = |t: DateTime<Utc>| schedule.local(t).format("%a %H:%M").to_string();
    let t = &schedule.talks()[index];
    let mut parts = Vec::new();
    for w in what {
        parts.push(match w {
            What::Removed => unreachable!("a talk in the schedule is not removed"),
            What::Moved => format!(
                "moved from {} to {}-{}",
                seen_when(schedule, seen),
                when(t.start),
                schedule.local(t.end).format("%H:%M")
            ),
            What::Track => format!("now in {} (was {})", schedule.room_name(t), seen.track),
            What::Retitled => format!("renamed from \"{}\"", seen.title),
            What::Speakers => {
                format!(
                    "speakers now {} (were {})",
                    t.speakers.join(", "),
                    seen.speakers.clone().unwrap_or_default().join(", ")
                )
            }
        });
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::MarkKind;
    use crate::schedule;

    fn schedule_with(talks: &str) -> Schedule {
        let json = format!(
            r#"{{"conference":{{"id":"c","name":"C","timezone":"Europe/Amsterdam","tracks":["A","B"]}},"talks":[{talks}]}}"#
        );
        schedule::parse_bytes(json.as_bytes(), "c.json").unwrap()
    }

    #[test]
    fn moved_retitled_removed_and_speakers() {
        let before = schedule_with(
            r#"{"id":"keep","title":"Keep","track":"A","start":"2022-10-25T09:00","duration":30,"speakers":["Ann"]},
               {"id":"move","title":"Move","track":"A","start":"2022-10-25T10:00","duration":30},
               {"id":"gone","title":"Gone","track":"B","start":"2022-10-25T11:00","duration":30},
               {"id":"rename","title":"Old name","track":"B","start":"2022-10-25T12:00","duration":30,"speakers":["Bo"]}"#,
        );
        let now = before.talks()[0].start;
        let mut a = Agenda::new("c");
        for t in before.talks() {
            a.set(&before, t, MarkKind::Attend, now);
        }
        assert!(detect(&before, &a).is_empty());
        let after = schedule_with(
            r#"{"id":"keep","title":"Keep","track":"A","start":"2022-10-25T09:00","duration":30,"speakers":["Ann"]},
               {"id":"move","title":"Move","track":"B","start":"2022-10-25T09:15","duration":45},
               {"id":"rename","title":"New name","track":"B","start":"2022-10-25T12:00","duration":30,"speakers":["Bo","Cy"]}"#,
        );
        let c = detect(&after, &a);
        let summary: Vec<(&str, Vec<What>)> = c.iter().map(|c| (c.id.as_str(), c.what.clone())).collect();
        assert_eq!(
            summary,
            [
                ("gone", vec![What::Removed]),
                ("move", vec![What::Moved, What::Track]),
                ("rename", vec![What::Retitled, What::Speakers]),
            ]
        );
        assert_eq!(describe(&after, &a, &c[0]), "\"Gone\" is no longer in the schedule (was Tue 11:00-11:30, B)");
        assert_eq!(
            describe(&after, &a, &c[1]),
            "\"Move\" moved from Tue 10:00-10:30 to Tue 09:15-10:00; now in B (was A)"
        );
        assert_eq!(
            describe(&after, &a, &c[2]),
            "\"New name\" renamed from \"Old name\"; speakers now Bo, Cy (were Bo)"
        );
        // The move makes a new clash with "keep", which the clash check sees.
        assert_eq!(a.clashes(&after).len(), 1);
        // Acknowledged: the moved talk is up to date, the removed one lets go of its mark.
        assert!(a.acknowledge(&after, "move", now));
        assert!(a.acknowledge(&after, "gone", now));
        assert!(!a.marks.contains_key("gone"));
        assert_eq!(detect(&after, &a).len(), 1);
    }

    #[test]
    fn agendas_saved_without_speakers_do_not_flag_them() {
        let s = schedule::bundled();
        let mut a = Agenda::new(&s.conference.id);
        let t = s.talk("io-uring").unwrap();
        a.set(&s, t, MarkKind::Attend, t.start);
        a.marks.get_mut("io-uring").unwrap().seen.speakers = None;
        assert!(detect(&s, &a).is_empty());
    }

    #[test]
    fn text_seen_before_a_cleaning_rule_changed_is_not_a_change() {
        let s = schedule_with(
            r#"{"id":"t","title":"Women \ud83d\udc69\u200d\ud83d\udcbb in Rust","track":"A","start":"2022-10-25T09:00","duration":30,"speakers":["Zo\u200de"]}"#,
        );
        let now = s.talks()[0].start;
        let mut a = Agenda::new("c");
        a.set(&s, &s.talks()[0], MarkKind::Attend, now);
        // As an older hallway recorded it: the joiner between the emoji kept.
        let seen = &mut a.marks.get_mut("t").unwrap().seen;
        seen.title = "Women \u{1F469}\u{200D}\u{1F4BB} in Rust".into();
        assert_ne!(seen.title, s.talks()[0].title, "the schedule's title is cleaned of it now");
        assert!(compare(&s, 0, seen).is_empty(), "{:?}", compare(&s, 0, seen));
    }
}
