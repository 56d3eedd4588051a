//! What the person chose to see beyond rooms: tracks, tags, kinds, languages, days, starred
//! only, hide past.
//! Plain data saved in the agenda; the TUI and the CLI ask `admits` the same question.

/// The values a filter can choose from belong to the schedule (its compiled form keeps them).
pub use crate::schedule::Choices;
use crate::schedule::{Schedule, Talk};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Talks with any of these tags (compared without case); empty: any tag.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<String>,
    /// Talks of any of these kinds (talk, workshop, keynote...); empty: any kind.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub kinds: BTreeSet<String>,
    /// Talks in any of these tracks (the organisers' subjects, not rooms); empty: any.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tracks: BTreeSet<String>,
    /// Talks given in any of these languages (`de`); a talk in "de, en" is in both; a talk
    /// whose language is not known passes, as nothing says it is not understood.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub languages: BTreeSet<String>,
    /// Days the person goes (conference dates); empty: every day.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub days: BTreeSet<NaiveDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub starred_only: bool,
    /// Hide talks that have ended.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hide_past: bool,
    /// Only talks a friend attends (see `friends`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub friends_only: bool,
}

/// Whether a talk is starred: what "starred only" asks, without the filter (saved inside the
/// agenda) depending on the agenda type itself.
pub trait Starred {
    fn is_starred(&self, id: &str) -> bool;
}

/// Talk id -> initials of the friends attending it.
pub type FriendTalks = std::collections::HashMap<String, Vec<String>>;

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether a talk passes, given the person's marks and the time.
    pub fn admits(
        &self,
        s: &Schedule,
        t: &Talk,
        agenda: &impl Starred,
        friends: &FriendTalks,
        now: DateTime<Utc>,
    ) -> bool {
        self.has_day(s.date_of(t.start)) && self.admits_on_its_day(t, agenda, friends, now)
    }

    /// For every talk of the schedule, whether it passes: one pass, days by range.
    pub fn mask(&self, s: &Schedule, agenda: &impl Starred, friends: &FriendTalks, now: DateTime<Utc>) -> Vec<bool> {
        let mut out = vec![false; s.talks().len()];
        for (day, date) in s.days().enumerate() {
            if self.has_day(date) {
                for i in s.day_range(day) {
                    out[i] = self.admits_on_its_day(&s.talks()[i], agenda, friends, now);
                }
            }
        }
        out
    }

    fn admits_on_its_day(&self, t: &Talk, agenda: &impl Starred, friends: &FriendTalks, now: DateTime<Utc>) -> bool {
        (self.tags.is_empty() || t.tags.iter().any(|tag| self.tags.iter().any(|f| f.eq_ignore_ascii_case(tag))))
            && (self.kinds.is_empty() || self.kinds.iter().any(|k| k.eq_ignore_ascii_case(&t.kind)))
            && (self.tracks.is_empty()
                || t.track.as_ref().is_some_and(|tr| self.tracks.iter().any(|f| f.eq_ignore_ascii_case(tr))))
            && (self.languages.is_empty()
                || t.language.as_ref().is_none_or(|l| {
                    l.split(", ").any(|code| self.languages.iter().any(|f| f.eq_ignore_ascii_case(code)))
                }))
            && (!self.starred_only || agenda.is_starred(&t.id))
            && (!self.hide_past || t.end > now)
            && (!self.friends_only || friends.contains_key(&t.id))
    }

    /// Whether a day is one the person chose (every day when none was chosen).
    pub fn has_day(&self, date: NaiveDate) -> bool {
        self.days.is_empty() || self.days.contains(&date)
    }

    /// One line for the status bar and the filter panel, in the panel's order:
    /// "starred only · tag rust, go".
    pub fn describe(&self) -> String {
        let join = |set: &BTreeSet<String>| set.iter().map(String::as_str).collect::<Vec<_>>().join(", ");
        let mut parts = Vec::new();
        if self.starred_only {
            parts.push("starred only".into());
        }
        if self.hide_past {
            parts.push("past hidden".into());
        }
        if self.friends_only {
            parts.push("friends' talks".into());
        }
        if !self.days.is_empty() {
            let days: Vec<String> = self.days.iter().map(|d| d.format("%a %-d %b").to_string()).collect();
            parts.push(format!("day {}", days.join(", ")));
        }
        if !self.kinds.is_empty() {
            parts.push(format!("kind {}", join(&self.kinds)));
        }
        if !self.tracks.is_empty() {
            parts.push(format!("track {}", join(&self.tracks)));
        }
        if !self.tags.is_empty() {
            parts.push(format!("tag {}", join(&self.tags)));
        }
        if !self.languages.is_empty() {
            parts.push(format!("language {}", join(&self.languages)));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::Agenda;
    use crate::agenda::MarkKind;

    fn bundled() -> Schedule {
        crate::schedule::bundled()
    }

    fn t(s: &str) -> DateTime<Utc> {
        crate::clock::parse_at(s, chrono_tz::America::Los_Angeles).expect("time")
    }

    #[test]
    fn every_part_narrows_and_all_parts_combine() {
        let s = bundled();
        let mut agenda = Agenda::new(&s.conference.id);
        let now = t("2022-10-19 10:00");
        let count =
            |f: &Filter, a: &Agenda| s.talks().iter().filter(|x| f.admits(&s, x, a, &FriendTalks::new(), now)).count();
        let all = s.talks().len();
        assert_eq!(count(&Filter::default(), &agenda), all);
        let mask_count =
            |f: &Filter, a: &Agenda| f.mask(&s, a, &FriendTalks::new(), now).iter().filter(|&&b| b).count();

        let choices = Choices::of(&s);
        let (tag, tagged) = choices.tags[0].clone();
        let by_tag = Filter { tags: [tag.to_uppercase()].into(), ..Filter::default() };
        assert_eq!(count(&by_tag, &agenda), tagged, "tags compare without case");

        let (day, on_day) = choices.days[1];
        let by_day = Filter { days: [day].into(), ..Filter::default() };
        assert_eq!(count(&by_day, &agenda), on_day);

        let upcoming = Filter { hide_past: true, ..Filter::default() };
        let past = s.talks().iter().filter(|x| x.end <= now).count();
        assert!(past > 0);
        assert_eq!(count(&upcoming, &agenda), all - past);

        let starred = Filter { starred_only: true, ..Filter::default() };
        assert_eq!(count(&starred, &agenda), 0);
        let pick = s.talks().iter().find(|x| x.tags.iter().any(|g| g.eq_ignore_ascii_case(&tag))).unwrap();
        agenda.set(&s, pick, MarkKind::Attend, now);
        let later = s.talks().iter().find(|x| x.id != pick.id).unwrap();
        agenda.set(&s, later, MarkKind::OnDemand, now);
        assert_eq!(count(&starred, &agenda), 1, "on-demand is not starred");

        let both = Filter { starred_only: true, ..by_tag.clone() };
        assert_eq!(count(&both, &agenda), 1);
        let none = Filter { kinds: ["no-such-kind".into()].into(), ..both.clone() };
        assert_eq!(count(&none, &agenda), 0);
        for f in [by_tag, by_day, upcoming, starred, both, none] {
            assert_eq!(mask_count(&f, &agenda), count(&f, &agenda), "mask agrees with admits: {f:?}");
        }
    }

    #[test]
    fn choices_count_and_merge_case() {
        let s = bundled();
        let c = Choices::of(&s);
        assert_eq!(c.days.iter().map(|d| d.1).sum::<usize>(), s.talks().len());
        assert!(c.kinds.iter().any(|(k, _)| k == "talk"));
        let lower: BTreeSet<String> = c.tags.iter().map(|(t, _)| t.to_lowercase()).collect();
        assert_eq!(lower.len(), c.tags.len());
        assert!(c.tags.windows(2).all(|w| w[0].1 >= w[1].1), "most used first");
    }

    #[test]
    fn describe_names_each_part() {
        let f = Filter {
            tags: ["rust".into()].into(),
            days: [NaiveDate::from_ymd_opt(2022, 10, 20).unwrap()].into(),
            starred_only: true,
            hide_past: true,
            ..Filter::default()
        };
        assert_eq!(f.describe(), "starred only · past hidden · day Thu 20 Oct · tag rust");
        assert_eq!(Filter::default().describe(), "");
    }
}
