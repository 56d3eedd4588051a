//! What a newer copy of the schedule (one fetched while the planner runs) changes for my
//! agenda: the marked talks it moved, renamed or dropped, the starred ones of the next two hours
//! among them (worth a desktop notification), the recordings it brought for talks saved for
//! later, and how much of the rest changed. Pure: the planner says and notifies what this finds.
//!
//! The agenda's own changes section compares with each talk as it was when marked; this compares
//! with the copy the planner showed a moment ago, so only what this copy changed is news.

use super::changes::{self, Changed, What};
use super::{Agenda, MarkKind, Seen};
use crate::schedule::Schedule;
use chrono::{DateTime, Duration, Utc};

/// How far ahead a change to a starred talk is worth a desktop notification.
pub const SOON_MINUTES: i64 = 120;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Newer {
    /// Marked talks this copy changed, one line each, earliest first, marked as the agenda
    /// marks them: "⟳ \"X\" moved from Sat 11:00-11:30 to Sat 12:00-12:30", "✗ \"Y\" is no
    /// longer in the schedule (was ...)".
    pub mine: Vec<String>,
    /// How many of `mine` the agenda's changes section lists (a talk moved back to where it
    /// was marked is news, but no longer a change there).
    pub listed: usize,
    /// Starred talks on within the next two hours that moved, changed room or were dropped, as
    /// a notification says them (without the agenda's mark).
    pub urgent: Vec<String>,
    /// Talks saved for later, not yet watched, whose video came with this copy (positions in
    /// the new schedule).
    pub videos: Vec<usize>,
    /// Across the whole schedule: talks added, dropped, and moved in time or room.
    pub added: usize,
    pub dropped: usize,
    pub moved: usize,
}

impl Newer {
    /// One line for the status bar, most pressing first.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        match self.mine.as_slice() {
            [] => {}
            [one] if self.listed == 0 => parts.push(one.clone()),
            [one] => parts.push(format!("{one} (3 shows it)")),
            many => {
                // Said as the agenda marks them: a cancellation is not a change.
                let gone = many.iter().filter(|l| l.starts_with('✗')).count();
                let changed = many.len() - gone;
                let mut counts = Vec::new();
                if changed > 0 {
                    counts.push(format!("⟳ {changed} of your talks changed"));
                }
                if gone > 0 {
                    counts.push(format!("✗ {gone} of your talks no longer in the schedule"));
                }
                let pointer = if self.listed > 0 { " (3 shows them)" } else { "" };
                parts.push(format!("{}{pointer}", counts.join(", ")));
            }
        }
        match self.videos.len() {
            0 => {}
            n => parts.push(format!("🎬 {} (4 shows {})", videos_published(n), if n == 1 { "it" } else { "them" })),
        }
        if parts.is_empty() {
            let mut counts = Vec::new();
            for (n, one, many) in [
                (self.moved, "talk moved", "talks moved"),
                (self.added, "new talk", "new talks"),
                (self.dropped, "talk removed", "talks removed"),
            ] {
                match n {
                    0 => {}
                    1 => counts.push(format!("1 {one}")),
                    n => counts.push(format!("{n} {many}")),
                }
            }
            if counts.is_empty() {
                return "↻ schedule updated: no talk moved, came or went".into();
            }
            return format!("↻ schedule updated: {}, none of yours", counts.join(", "));
        }
        format!("↻ schedule updated: {}", parts.join(" · "))
    }
}

/// "3 talks you saved for later now have videos".
pub fn videos_published(n: usize) -> String {
    if n == 1 {
        "1 talk you saved for later now has a video".into()
    } else {
        format!("{n} talks you saved for later now have videos")
    }
}

/// Why a newer copy (from the conference's site, or the file rewritten) is not taken: one that
/// lists no talks, or is of another conference (the agenda is kept by the conference's id), is
/// a mistake, and taking it would report every starred talk cancelled. `what` names the copy:
/// "the server's newer copy", "the file as it is now".
pub fn refusal(what: &str, conference: &str, new: &Schedule) -> Option<String> {
    if new.talks().is_empty() {
        return Some(format!("{what} lists no talks"));
    }
    (new.conference.id != conference).then(|| format!("{what} is of another conference ({})", new.conference.id))
}

/// What `new` changes against `old` for `agenda`, at `now`.
pub fn compare(old: &Schedule, new: &Schedule, agenda: &Agenda, now: DateTime<Utc>) -> Newer {
    let mut out = Newer::default();
    let soon = now + Duration::minutes(SOON_MINUTES);
    let mut mine: Vec<(DateTime<Utc>, String)> = Vec::new();
    for (id, mark) in &agenda.marks {
        let Some(o) = old.index_of(id) else {
            // Missing from the copy shown (said then) and back in this one.
            if let Some(n) = new.index_of(id) {
                let t = &new.talks()[n];
                let when = new.local(t.start).format("%a %H:%M");
                mine.push((
                    t.start,
                    format!("⟳ \"{}\" is back in the schedule ({when}, {})", t.title, new.room_name(t)),
                ));
            }
            continue;
        };
        let was = &old.talks()[o];
        let before = Seen::of(old, was);
        let index = new.index_of(id);
        let what = match index {
            None => vec![What::Removed],
            Some(n) => changes::compare(new, n, &before),
        };
        if mark.mark == MarkKind::OnDemand
            && !mark.watched
            && let Some(n) = index
            && before.video_came_later(&new.talks()[n])
        {
            out.videos.push(n);
        }
        if what.is_empty() {
            continue;
        }
        // Told as the agenda tells it, against the talk as marked, so the two never read as a
        // contradiction; a change back to how it was marked is told as such.
        let since_marked = match index {
            None => vec![What::Removed],
            Some(n) => changes::compare(new, n, &mark.seen),
        };
        let sym = if index.is_none() { "✗" } else { "⟳" };
        let mut plain = match (since_marked.is_empty(), index) {
            (true, Some(n)) => {
                let t = &new.talks()[n];
                let when = format!("{}-{}", new.local(t.start).format("%a %H:%M"), new.local(t.end).format("%H:%M"));
                format!("\"{}\" is back as you marked it ({when}, {})", t.title, new.room_name(t))
            }
            _ => {
                out.listed += 1;
                changes::describe_from(new, &mark.seen, &Changed { id: id.clone(), index, what: since_marked.clone() })
            }
        };
        // A starred talk moved onto another starred one: the clash is the news.
        if mark.mark == MarkKind::Attend
            && let Some(n) = index
        {
            let t = &new.talks()[n];
            let now_clashing: Vec<&str> = agenda
                .marks
                .iter()
                .filter(|(other, m)| *other != id && m.mark == MarkKind::Attend)
                .filter_map(|(other, _)| {
                    let o = &new.talks()[new.index_of(other)?];
                    let then = old.index_of(other).map(|j| &old.talks()[j]);
                    (o.overlaps(t) && !then.is_some_and(|b| b.overlaps(was))).then_some(o.title.as_str())
                })
                .collect();
            match now_clashing.as_slice() {
                [] => {}
                [one] => plain.push_str(&format!(" — now clashes with \"{one}\"")),
                [one, rest @ ..] => plain.push_str(&format!(" — now clashes with \"{one}\" and {} more", rest.len())),
            }
        }
        let on_soon = |start: DateTime<Utc>, end: DateTime<Utc>| end > now && start < soon;
        let is_soon =
            on_soon(was.start, was.end) || index.is_some_and(|n| on_soon(new.talks()[n].start, new.talks()[n].end));
        let where_or_when = what.iter().any(|w| matches!(w, What::Removed | What::Moved | What::Track));
        if mark.mark == MarkKind::Attend && is_soon && where_or_when {
            out.urgent.push(plain.clone());
        }
        mine.push((was.start, format!("{sym} {plain}")));
    }
    mine.sort();
    out.mine = mine.into_iter().map(|(_, line)| line).collect();
    out.videos.sort_unstable();

    for t in new.talks() {
        match old.index_of(&t.id) {
            None => out.added += 1,
            Some(o) => {
                let was = &old.talks()[o];
                if was.start != t.start || was.end != t.end || old.room_name(was) != new.room_name(t) {
                    out.moved += 1;
                }
            }
        }
    }
    out.dropped = old.talks().iter().filter(|t| new.index_of(&t.id).is_none()).count();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule;

    /// Talks as (id, start "HH:MM" on Thu 2 May 2024 UTC, minutes, room, has a video).
    fn schedule_of(talks: &[(&str, &str, i64, &str, bool)]) -> Schedule {
        let events: Vec<String> = talks
            .iter()
            .map(|(id, start, minutes, room, video)| {
                let video = if *video { format!(r#","video":"https://v.example/{id}""#) } else { String::new() };
                format!(
                    r#"{{"id":"{id}","title":"Talk {id}","track":"{room}","start":"2024-05-02T{start}","duration":{minutes},"speakers":["S"]{video}}}"#
                )
            })
            .collect();
        let json = format!(
            r#"{{"conference":{{"id":"c","name":"C","timezone":"UTC","tracks":["Main","Side"]}},"talks":[{}]}}"#,
            events.join(",")
        );
        schedule::parse_bytes(json.as_bytes(), "c.json").unwrap()
    }

    fn at(hm: &str) -> DateTime<Utc> {
        format!("2024-05-02T{hm}:00Z").parse().unwrap()
    }

    #[test]
    fn a_starred_talk_of_the_next_two_hours_that_moves_is_urgent_and_a_later_one_is_not() {
        let old = schedule_of(&[("a", "10:00", 30, "Main", false), ("b", "15:00", 30, "Main", false)]);
        let new = schedule_of(&[("a", "11:00", 30, "Main", false), ("b", "16:00", 30, "Main", false)]);
        let mut agenda = Agenda::new("c");
        for t in old.talks() {
            agenda.set(&old, t, MarkKind::Attend, at("09:00"));
        }
        let n = compare(&old, &new, &agenda, at("09:30"));
        assert_eq!(n.mine.len(), 2, "{n:?}");
        assert!(n.mine[0].starts_with("⟳ \"Talk a\" moved from Thu 10:00-10:30 to Thu 11:00-11:30"), "{n:?}");
        assert_eq!(n.urgent, vec![n.mine[0].trim_start_matches("⟳ ").to_string()], "b is five hours away");
        assert_eq!((n.moved, n.added, n.dropped), (2, 0, 0));
        assert!(n.summary().starts_with("↻ schedule updated: ⟳ 2 of your talks changed"), "{}", n.summary());
    }

    #[test]
    fn a_dropped_starred_talk_and_a_room_change_are_urgent_a_retitle_is_not() {
        let old = schedule_of(&[("a", "10:00", 30, "Main", false), ("b", "10:00", 30, "Main", false)]);
        let mut new = schedule_of(&[("b", "10:00", 30, "Side", false)]);
        let mut agenda = Agenda::new("c");
        for t in old.talks() {
            agenda.set(&old, t, MarkKind::Attend, at("09:00"));
        }
        let n = compare(&old, &new, &agenda, at("09:00"));
        assert_eq!(n.urgent.len(), 2, "{n:?}");
        assert!(n.urgent.iter().any(|l| l.contains("no longer in the schedule")), "{n:?}");
        assert!(n.urgent.iter().any(|l| l.contains("now in Side")), "{n:?}");
        assert_eq!((n.moved, n.dropped), (1, 1));

        new = schedule_of(&[("a", "10:00", 30, "Main", false), ("b", "10:00", 30, "Main", false)]);
        let mut renamed = new.talks().to_vec();
        renamed[0].title = "A new title".into();
        let new = Schedule::new(new.conference.clone(), renamed);
        let n = compare(&old, &new, &agenda, at("09:00"));
        assert_eq!(n.mine.len(), 1, "{n:?}");
        assert!(n.urgent.is_empty(), "a new title changes neither where nor when: {n:?}");
    }

    #[test]
    fn a_talk_already_over_or_only_watched_later_is_not_urgent() {
        let old = schedule_of(&[("a", "08:00", 30, "Main", false), ("b", "10:00", 30, "Main", false)]);
        let new = schedule_of(&[("a", "08:30", 30, "Main", false), ("b", "10:30", 30, "Main", false)]);
        let mut agenda = Agenda::new("c");
        agenda.set(&old, &old.talks()[0], MarkKind::Attend, at("07:00"));
        agenda.set(&old, &old.talks()[1], MarkKind::OnDemand, at("07:00"));
        let n = compare(&old, &new, &agenda, at("09:30"));
        assert_eq!(n.mine.len(), 2, "{n:?}");
        assert!(n.urgent.is_empty(), "a is over, b is only to watch later: {n:?}");
    }

    #[test]
    fn a_video_that_comes_with_the_new_copy_is_news_once_and_only_for_later_talks_not_watched() {
        let old = schedule_of(&[
            ("a", "10:00", 30, "Main", false),
            ("b", "11:00", 30, "Main", false),
            ("c", "12:00", 30, "Main", false),
        ]);
        let new = schedule_of(&[
            ("a", "10:00", 30, "Main", true),
            ("b", "11:00", 30, "Main", true),
            ("c", "12:00", 30, "Main", true),
        ]);
        let mut agenda = Agenda::new("c");
        agenda.set(&old, &old.talks()[0], MarkKind::OnDemand, at("09:00"));
        agenda.set(&old, &old.talks()[1], MarkKind::OnDemand, at("09:00"));
        agenda.toggle_watched("b", at("09:00"));
        agenda.set(&old, &old.talks()[2], MarkKind::Attend, at("09:00"));
        let n = compare(&old, &new, &agenda, at("13:00"));
        assert_eq!(n.videos, vec![0], "{n:?}");
        assert!(n.mine.is_empty() && n.urgent.is_empty(), "a video is not a change: {n:?}");
        assert_eq!(n.summary(), "↻ schedule updated: 🎬 1 talk you saved for later now has a video (4 shows it)");
        assert!(compare(&new, &new, &agenda, at("13:00")).videos.is_empty(), "the next refresh says nothing");
    }

    #[test]
    fn changes_to_other_talks_are_counted_and_said_as_not_mine() {
        let old = schedule_of(&[("a", "10:00", 30, "Main", false), ("b", "11:00", 30, "Main", false)]);
        let new = schedule_of(&[
            ("a", "10:00", 30, "Main", false),
            ("c", "11:00", 30, "Main", false),
            ("d", "12:00", 30, "Side", false),
        ]);
        let mut agenda = Agenda::new("c");
        agenda.set(&old, &old.talks()[0], MarkKind::Attend, at("09:00"));
        let n = compare(&old, &new, &agenda, at("09:00"));
        assert_eq!((n.added, n.dropped, n.moved), (2, 1, 0));
        assert_eq!(n.summary(), "↻ schedule updated: 2 new talks, 1 talk removed, none of yours");
        let same = compare(&old, &old, &agenda, at("09:00"));
        assert_eq!(same, Newer::default());
        assert_eq!(same.summary(), "↻ schedule updated: no talk moved, came or went");
    }

    #[test]
    fn a_marked_talk_back_in_the_schedule_is_said() {
        let old = schedule_of(&[("a", "10:00", 30, "Main", false), ("b", "11:00", 30, "Main", false)]);
        let mut agenda = Agenda::new("c");
        agenda.set(&old, &old.talks()[1], MarkKind::Attend, at("09:00"));
        let without = schedule_of(&[("a", "10:00", 30, "Main", false)]);
        let n = compare(&without, &old, &agenda, at("09:00"));
        assert_eq!(n.mine, ["⟳ \"Talk b\" is back in the schedule (Thu 11:00, Main)"]);
    }

    #[test]
    fn a_talk_changed_twice_is_told_as_the_agenda_tells_it_since_it_was_marked() {
        let marked = schedule_of(&[("a", "10:00", 30, "Main", false), ("b", "10:00", 30, "Side", false)]);
        let mut agenda = Agenda::new("c");
        for t in marked.talks() {
            agenda.set(&marked, t, MarkKind::Attend, at("08:00"));
        }
        // The copy on screen already moved both; the newer one moves a again and drops b.
        let shown = schedule_of(&[("a", "11:00", 30, "Main", false), ("b", "12:00", 30, "Side", false)]);
        let newer = schedule_of(&[("a", "12:00", 30, "Main", false)]);
        let n = compare(&shown, &newer, &agenda, at("08:00"));
        assert_eq!(
            n.mine,
            [
                "⟳ \"Talk a\" moved from Thu 10:00-10:30 to Thu 12:00-12:30",
                "✗ \"Talk b\" is no longer in the schedule (was Thu 10:00-10:30, Side)",
            ]
        );
        let listed = changes::detect(&newer, &agenda);
        assert_eq!(listed.len(), 2);
        for (line, c) in n.mine.iter().zip(listed.iter().rev()) {
            assert!(line.ends_with(&changes::describe(&newer, &agenda, c)), "the agenda's own line: {line}");
        }
        assert!(
            n.summary()
                .contains("⟳ 1 of your talks changed, ✗ 1 of your talks no longer in the schedule (3 shows them)"),
            "{}",
            n.summary()
        );
        // Moved back to where it was marked: the agenda has nothing, and the news does not
        // send the user to it.
        let back = schedule_of(&[("a", "10:00", 30, "Main", false), ("b", "10:00", 30, "Side", false)]);
        let n = compare(&shown, &back, &agenda, at("08:00"));
        assert_eq!(
            n.mine[0],
            "⟳ \"Talk a\" is back as you marked it (Thu 10:00-10:30, Main) — now clashes with \"Talk b\""
        );
        assert!(changes::detect(&back, &agenda).is_empty());
        assert_eq!(n.listed, 0);
        assert!(!n.summary().contains("3 shows"), "{}", n.summary());
        let one = compare(&shown, &schedule_of(&[("a", "11:00", 30, "Main", false)]), &agenda, at("08:00"));
        assert!(one.summary().starts_with("↻ schedule updated: ✗ \"Talk b\" is no longer"), "{}", one.summary());
    }

    #[test]
    fn a_starred_talk_moved_onto_another_says_the_clash() {
        let old = schedule_of(&[
            ("a", "10:00", 30, "Main", false),
            ("b", "11:00", 30, "Side", false),
            ("c", "11:00", 30, "Main", false),
        ]);
        let mut agenda = Agenda::new("c");
        for t in old.talks() {
            agenda.set(&old, t, MarkKind::Attend, at("08:00"));
        }
        let new = schedule_of(&[
            ("a", "11:00", 30, "Main", false),
            ("b", "11:00", 30, "Side", false),
            ("c", "11:00", 30, "Main", false),
        ]);
        let n = compare(&old, &new, &agenda, at("09:30"));
        assert_eq!(
            n.mine,
            ["⟳ \"Talk a\" moved from Thu 10:00-10:30 to Thu 11:00-11:30 — now clashes with \"Talk b\" and 1 more"]
        );
        assert!(n.urgent[0].ends_with("now clashes with \"Talk b\" and 1 more"), "the notification says it too");
    }

    #[test]
    fn an_empty_copy_or_another_conference_is_refused() {
        let s = schedule_of(&[("a", "10:00", 30, "Main", false)]);
        assert_eq!(refusal("the server's newer copy", "c", &s), None);
        assert_eq!(
            refusal("the server's newer copy", "other", &s).unwrap(),
            "the server's newer copy is of another conference (c)"
        );
        let empty = Schedule::new(s.conference.clone(), Vec::new());
        assert_eq!(refusal("the file as it is now", "c", &empty).unwrap(), "the file as it is now lists no talks");
    }
}
