//! How times read everywhere: conference wall clock first, the user's own zone beside it.

use crate::schedule::{Schedule, Talk};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

pub fn hm(schedule: &Schedule, t: DateTime<Utc>) -> String {
    schedule.local(t).format("%H:%M").to_string()
}

/// `09:05-09:35`
pub fn range(schedule: &Schedule, talk: &Talk) -> String {
    format!("{}-{}", hm(schedule, talk.start), hm(schedule, talk.end))
}

/// `"Title" (Stage 2, 09:15-09:40)`: how a talk is named in a clash or a status line.
pub fn talk_ref(schedule: &Schedule, talk: &Talk) -> String {
    format!("\"{}\" ({}, {})", talk.title, schedule.track_name(talk), range(schedule, talk))
}

/// `Wed 19 Oct`
pub fn day_label(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// The talk in the user's zone, when that zone shows a different wall clock at that time.
pub fn in_user_zone(schedule: &Schedule, talk: &Talk, user: Option<Tz>) -> Option<String> {
    let user = user?;
    let conf = schedule.local(talk.start);
    let mine = talk.start.with_timezone(&user);
    if conf.naive_local() == mine.naive_local() {
        return None;
    }
    let end = talk.end.with_timezone(&user);
    let day = if mine.date_naive() != conf.date_naive() { format!("{} ", mine.format("%a")) } else { String::new() };
    Some(format!("{day}{}-{} {}", mine.format("%H:%M"), end.format("%H:%M"), mine.format("%Z")))
}

/// `25 min`, `1 h 05 min`
pub fn minutes(m: i64) -> String {
    if m < 60 { format!("{m} min") } else { format!("{} h {:02} min", m / 60, m % 60) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule;

    #[test]
    fn user_zone_shown_only_when_it_differs() {
        let s = schedule::bundled();
        let t = s.talk("ebpf-vs-sidecars").unwrap();
        assert_eq!(range(&s, t), "09:05-09:35");
        assert_eq!(in_user_zone(&s, t, Some("America/Los_Angeles".parse().unwrap())), None);
        assert_eq!(in_user_zone(&s, t, Some("Europe/Berlin".parse().unwrap())).unwrap(), "18:05-18:35 CEST");
        assert_eq!(in_user_zone(&s, t, Some("Asia/Tokyo".parse().unwrap())).unwrap(), "Thu 01:05-01:35 JST");
        assert_eq!(minutes(65), "1 h 05 min");
    }
}
