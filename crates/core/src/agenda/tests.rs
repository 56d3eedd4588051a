use super::*;
use crate::schedule;

fn at(s: &Schedule, t: &str) -> DateTime<Utc> {
    crate::clock::parse_at(t, s.conference.tz).unwrap()
}

#[test]
fn resolve_keeps_one_and_moves_the_others_then_undo_restores_both() {
    let s = schedule::bundled();
    let now = at(&s, "2022-10-19 09:00");
    let mut a = Agenda::new(&s.conference.id);
    for id in ["ebpf-vs-sidecars", "thread-sampling-ebpf", "misery-metrics"] {
        a.set(&s, s.talk(id).unwrap(), MarkKind::Attend, now);
    }
    a.set_note(&s, s.talk("thread-sampling-ebpf").unwrap(), "ask about perf", now);
    let saved = a.clone();
    let keep = s.index_of("ebpf-vs-sidecars").unwrap();
    let ids: Vec<String> = a.marks.keys().cloned().collect();
    let before = a.before(ids.iter().map(String::as_str));
    let moved = a.resolve_clash(&s, keep, at(&s, "2022-10-19 09:01"));
    assert_eq!(moved, vec![s.index_of("thread-sampling-ebpf").unwrap()]);
    assert_eq!(a.kind("thread-sampling-ebpf"), Some(MarkKind::OnDemand));
    assert_eq!(a.note("thread-sampling-ebpf"), Some("ask about perf"), "a move keeps the note");
    assert!(a.clashes(&s).is_empty());
    assert_eq!(a.kind("misery-metrics"), Some(MarkKind::Attend), "no clash, untouched");
    a.restore(before, at(&s, "2022-10-19 09:02"));
    assert_eq!(a.summary(), saved.summary());
}

#[test]
fn merge_keeps_the_later_change_per_talk_whichever_window_made_it() {
    let s = schedule::bundled();
    let t = |m: &str| at(&s, &format!("2022-10-19 08:{m}"));
    let talk = |id: &str| s.talk(id).unwrap();
    let mut base = Agenda::new(&s.conference.id);
    base.set(&s, talk("io-uring"), MarkKind::Attend, t("00"));
    base.set(&s, talk("osnoise"), MarkKind::Attend, t("00"));
    let (mut one, mut two) = (base.clone(), base.clone());
    one.set(&s, talk("ebpf-vs-sidecars"), MarkKind::Attend, t("01"));
    one.unmark("osnoise", t("02"));
    two.set(&s, talk("misery-metrics"), MarkKind::OnDemand, t("03"));
    two.set(&s, talk("io-uring"), MarkKind::OnDemand, t("04"));
    two.set(&s, talk("osnoise"), MarkKind::Attend, t("01"));
    two.set_tracks(vec!["Stage 2".into()], t("05"));
    two.set_filter(Filter { starred_only: true, ..Filter::default() }, t("05"));
    let mut merged = one.clone();
    merged.merge(&two);
    assert_eq!(merged.kind("ebpf-vs-sidecars"), Some(MarkKind::Attend), "only one had it");
    assert_eq!(merged.kind("misery-metrics"), Some(MarkKind::OnDemand), "only the other had it");
    assert_eq!(merged.kind("io-uring"), Some(MarkKind::OnDemand), "the later change");
    assert_eq!(merged.kind("osnoise"), None, "unmarked at 08:02 beats an older mark");
    assert_eq!(merged.tracks, ["Stage 2"]);
    assert!(merged.filter.starred_only, "the filter travels with the tracks");
    // The other way round gives the same plan, and merging again changes nothing.
    let mut other = two.clone();
    other.merge(&one);
    assert_eq!(other.summary(), merged.summary());
    let again = merged.clone();
    merged.merge(&two);
    assert_eq!(merged, again);
}

#[test]
fn notes_and_watched() {
    let s = schedule::bundled();
    let now = at(&s, "2022-10-19 09:00");
    let mut a = Agenda::new(&s.conference.id);
    let t = s.talk("io-uring").unwrap();
    assert!(!a.set_note(&s, t, "   ", now), "an empty note on an unmarked talk changes nothing");
    assert!(a.set_note(&s, t, "watch with \x1b[31mthe team\n", now));
    assert_eq!(a.note("io-uring"), Some("watch with the team"));
    assert!(a.is_attending("io-uring"), "a note puts the talk in the agenda");
    assert_eq!(a.toggle_watched("io-uring", now), None, "only on-demand talks are watched");
    a.set(&s, t, MarkKind::OnDemand, now);
    assert_eq!(a.toggle_watched("io-uring", now), Some(true));
    assert!(a.is_watched("io-uring"));
    assert!(a.set_note(&s, t, "", now));
    assert_eq!(a.note("io-uring"), None);
    let json = serde_json::to_string(&a).unwrap();
    assert!(json.contains("\"watched\":true"));
    let back: Agenda = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
}
