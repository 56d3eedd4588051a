//! Which sections of a compiled file a [`Need`] reads: the days it names, the days that hold
//! what is on at an instant and what comes next in every room, the talks asked for by id.

use super::need::{Need, Plan};
use super::read::Reader;
use chrono::{DateTime, Utc};

impl Reader {
    /// The sections `need` reads at `now`; `marked` gives the ids of the marked talks.
    pub fn plan(&self, need: &Need, now: DateTime<Utc>, marked: Vec<String>, abstracts: bool) -> Plan {
        let mut plan = Plan { abstracts, ..Plan::default() };
        match need {
            Need::Whole => plan.whole = true,
            Need::Day(d) => plan.days = self.skeleton().day_named(d).into_iter().collect(),
            Need::Marked => plan.ids = marked,
            Need::Now => {
                plan.days = self.days_for_now(now);
                plan.ids = marked;
            }
            Need::Planner => {
                // As the schedule view opens: on today, else on the first day.
                let today = now.with_timezone(&self.conference.tz).date_naive();
                plan.days = self.days_for_now(now);
                plan.days.push(self.days.iter().position(|(d, _)| *d == today).unwrap_or(0));
                plan.ids = marked;
            }
        }
        plan
    }

    /// The days that hold what is on at `t` and what comes next in each room: the talks still
    /// on (a day's latest end says which days can have one), the day of `t`, and for each
    /// track its first day after that day.
    pub fn days_for_now(&self, t: DateTime<Utc>) -> Vec<usize> {
        let Some(t_nanos) = t.timestamp_nanos_opt() else { return (0..self.days.len()).collect() };
        let date = crate::schedule::conference_date(&self.conference, t);
        let from = self.days.partition_point(|(d, _)| *d < date);
        let mut out: Vec<usize> =
            (0..from.min(self.days.len())).filter(|&d| self.meta.days[d].max_end > t_nanos).collect();
        if from < self.days.len() {
            out.push(from);
        }
        let mut missing: Vec<bool> = vec![true; self.conference.rooms.len()];
        let mut left = missing.len();
        let after = if self.days.get(from).is_some_and(|(d, _)| *d == date) { from + 1 } else { from };
        for d in after..self.days.len() {
            if left == 0 {
                break;
            }
            let mut used = false;
            for &tr in &self.meta.days[d].tracks {
                if let Some(m) = missing.get_mut(tr as usize)
                    && *m
                {
                    *m = false;
                    left -= 1;
                    used = true;
                }
            }
            if used {
                out.push(d);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
