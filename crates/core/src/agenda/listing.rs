//! The agenda as a list a person reads: days, talks with their clashes, free gaps, the
//! on-demand list. Shared by `hallway agenda` and the TUI's agenda view.

use super::{Agenda, MarkKind};
use crate::clash;
use crate::schedule::Schedule;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Day(NaiveDate),
    Talk {
        index: usize,
        mark: MarkKind,
        clashes_with: Vec<usize>,
    },
    /// Free time between two attended talks of the same day.
    Gap {
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    },
    OnDemandHeader,
    /// "Changed since you marked them", then one row per change.
    ChangesHeader,
    Changed(super::changes::Changed),
}

/// Gaps shorter than this are just changing rooms, not worth a line.
const MIN_GAP_MINUTES: i64 = 10;

/// The rows in reading order. Once the conference is over (`now` after its last talk), the
/// on-demand list comes first: it is what is left to do.
pub fn rows(schedule: &Schedule, agenda: &Agenda, now: DateTime<Utc>) -> Vec<Row> {
    rows_with(schedule, agenda, now, &clash::partners(&agenda.clashes(schedule)))
}

/// The same, with the clash partners already worked out (the TUI keeps them).
pub fn rows_with(
    schedule: &Schedule,
    agenda: &Agenda,
    now: DateTime<Utc>,
    partners: &std::collections::HashMap<usize, Vec<usize>>,
) -> Vec<Row> {
    // What changed in the schedule comes first: it may need a decision.
    let changed = super::changes::detect(schedule, agenda);
    let mut out = Vec::new();
    if !changed.is_empty() {
        out.push(Row::ChangesHeader);
        out.extend(changed.into_iter().map(Row::Changed));
    }
    let mut attend = attend_rows(schedule, agenda, partners);
    let later = on_demand(schedule, agenda);
    let mut later_rows = Vec::new();
    if !later.is_empty() {
        later_rows.push(Row::OnDemandHeader);
        later_rows.extend(later.into_iter().map(|index| Row::Talk {
            index,
            mark: MarkKind::OnDemand,
            clashes_with: vec![],
        }));
    }
    if schedule.end().is_some_and(|end| now >= end) {
        out.append(&mut later_rows);
        out.append(&mut attend);
    } else {
        out.append(&mut attend);
        out.append(&mut later_rows);
    }
    out
}

/// Talks to watch on-demand: not yet watched first, each part in time order.
pub fn on_demand(schedule: &Schedule, agenda: &Agenda) -> Vec<usize> {
    let mut v: Vec<usize> = agenda
        .marks
        .iter()
        .filter(|(_, m)| m.mark == MarkKind::OnDemand)
        .filter_map(|(id, _)| schedule.index_of(id))
        .collect();
    v.sort_unstable_by_key(|&i| (agenda.is_watched(&schedule.talks()[i].id), i));
    v
}

fn attend_rows(
    schedule: &Schedule,
    agenda: &Agenda,
    partners: &std::collections::HashMap<usize, Vec<usize>>,
) -> Vec<Row> {
    let mut out = Vec::new();
    let mut day = None;
    let mut busy_until: Option<DateTime<Utc>> = None;
    for index in agenda.attending(schedule) {
        let talk = &schedule.talks()[index];
        let d = schedule.date_of(talk.start);
        if day != Some(d) {
            out.push(Row::Day(d));
            day = Some(d);
            busy_until = None;
        }
        if let Some(until) = busy_until
            && (talk.start - until).num_minutes() >= MIN_GAP_MINUTES
        {
            out.push(Row::Gap { from: until, to: talk.start });
        }
        busy_until = Some(busy_until.map_or(talk.end, |u| u.max(talk.end)));
        let clashes_with = partners.get(&index).cloned().unwrap_or_default();
        out.push(Row::Talk { index, mark: MarkKind::Attend, clashes_with });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule;

    #[test]
    fn days_gaps_clashes_and_on_demand() {
        let s = schedule::bundled();
        let mut a = Agenda::new("p99conf-2022");
        let now = crate::clock::parse_at("2022-10-19 07:00", s.conference.tz).unwrap();
        for id in ["ebpf-vs-sidecars", "thread-sampling-ebpf", "extreme-http", "linux-memory-model"] {
            a.set(&s, s.talk(id).unwrap(), MarkKind::Attend, now);
        }
        a.set(&s, s.talk("io-uring").unwrap(), MarkKind::OnDemand, now);
        let rows = rows(&s, &a, now);
        let i = |id| s.index_of(id).unwrap();
        assert_eq!(rows[0], Row::Day(NaiveDate::from_ymd_opt(2022, 10, 19).unwrap()));
        assert_eq!(
            rows[1],
            Row::Talk {
                index: i("ebpf-vs-sidecars"),
                mark: MarkKind::Attend,
                clashes_with: vec![i("thread-sampling-ebpf")]
            }
        );
        assert_eq!(
            rows[2],
            Row::Talk {
                index: i("thread-sampling-ebpf"),
                mark: MarkKind::Attend,
                clashes_with: vec![i("ebpf-vs-sidecars")]
            }
        );
        // 09:40 -> 10:20 free
        assert!(matches!(rows[3], Row::Gap { from, to } if (to - from).num_minutes() == 40));
        assert!(matches!(rows[5], Row::Day(_)));
        assert_eq!(rows[7], Row::OnDemandHeader);
        assert_eq!(rows.len(), 9);
        // After the conference, what is left to watch comes first.
        let after = super::rows(&s, &a, s.end().unwrap());
        assert_eq!(after[0], Row::OnDemandHeader);
        assert_eq!(after[2], Row::Day(NaiveDate::from_ymd_opt(2022, 10, 19).unwrap()));
        assert_eq!(after.len(), 9);
    }

    #[test]
    fn watched_sink_to_the_bottom() {
        let s = schedule::bundled();
        let mut a = Agenda::new("p99conf-2022");
        let now = crate::clock::parse_at("2022-10-19 07:00", s.conference.tz).unwrap();
        for id in ["io-uring", "misery-metrics", "osnoise"] {
            a.set(&s, s.talk(id).unwrap(), MarkKind::OnDemand, now);
        }
        a.set(&s, s.talk("ebpf-vs-sidecars").unwrap(), MarkKind::Attend, now);
        let ids = |a: &Agenda| -> Vec<String> { on_demand(&s, a).iter().map(|&i| s.talks()[i].id.clone()).collect() };
        assert_eq!(ids(&a), ["io-uring", "misery-metrics", "osnoise"]);
        a.toggle_watched("io-uring", now);
        assert_eq!(ids(&a), ["misery-metrics", "osnoise", "io-uring"]);
    }
}
