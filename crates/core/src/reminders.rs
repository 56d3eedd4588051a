//! Reminders before the talks I marked to attend: which are due at an instant, each once.
//! Pure: the TUI asks at every tick and rings, notifies and shows what this returns.

use crate::schedule::Schedule;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub talk: usize,
    /// "In 5 min: "eBPF vs Sidecars" in Main Stage (switch from Stage 2)".
    pub text: String,
}

pub struct Reminders {
    lead: Duration,
    /// Talk id and start already reminded: a talk that moves is reminded again at its new time.
    fired: HashSet<(String, DateTime<Utc>)>,
}

impl Reminders {
    /// `lead_minutes` 0 turns reminders off.
    pub fn new(lead_minutes: u32) -> Self {
        Self { lead: Duration::minutes(lead_minutes.into()), fired: HashSet::new() }
    }

    pub fn lead_minutes(&self) -> i64 {
        self.lead.num_minutes()
    }

    /// The reminders due at `now` among `attending` (schedule indices): a talk starting within
    /// the lead time and not yet reminded. A talk already started is never reminded, so opening
    /// hallway mid-talk or after a sleep does not ring for the past.
    pub fn due(&mut self, s: &Schedule, attending: &[usize], now: DateTime<Utc>) -> Vec<Reminder> {
        if self.lead <= Duration::zero() {
            return Vec::new();
        }
        let talks = s.talks();
        let mut out = Vec::new();
        for &i in attending {
            let t = &talks[i];
            let in_window = t.start - self.lead <= now && now < t.start;
            if !(in_window && self.fired.insert((t.id.clone(), t.start))) {
                continue;
            }
            let minutes = ((t.start - now).num_seconds() + 59) / 60;
            // Where I am before it: the attended talk ending last before it starts, on its day.
            let before = attending
                .iter()
                .map(|&j| &talks[j])
                .filter(|p| p.id != t.id && p.end <= t.start && s.date_of(p.start) == s.date_of(t.start))
                .max_by_key(|p| p.end);
            let switch = match before {
                Some(p) if p.room != t.room => format!(" (switch from {})", s.room_name(p)),
                Some(_) => " (same room)".to_string(),
                None => String::new(),
            };
            out.push(Reminder {
                talk: i,
                text: format!("In {minutes} min: \"{}\" in {}{switch}", t.title, s.room_name(t)),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule;

    fn at(s: &Schedule, t: &str) -> DateTime<Utc> {
        crate::clock::parse_at(t, s.conference.tz).unwrap()
    }

    #[test]
    fn once_at_start_minus_lead_only_for_attended_talks() {
        let s = schedule::bundled();
        let ids = ["ebpf-vs-sidecars", "extreme-http", "misery-metrics"];
        let attending: Vec<usize> = ids.iter().map(|id| s.index_of(id).unwrap()).collect();
        let mut r = Reminders::new(5);
        // Every minute of the first day: which reminders fire, and when.
        let mut fired = Vec::new();
        let mut t = at(&s, "2022-10-19 07:00");
        while t < at(&s, "2022-10-19 18:00") {
            for rem in r.due(&s, &attending, t) {
                fired.push((s.talks()[rem.talk].id.clone(), t, rem.text));
            }
            t += Duration::minutes(1);
        }
        assert_eq!(fired.len(), 3, "{fired:#?}");
        for (id, when, _) in &fired {
            let talk = s.talk(id).unwrap();
            assert_eq!(*when, talk.start - Duration::minutes(5), "{id} fires exactly at start - 5 min");
        }
        let texts: Vec<&str> = fired.iter().map(|f| f.2.as_str()).collect();
        assert_eq!(texts[0], "In 5 min: \"eBPF vs Sidecars\" in Main Stage");
        assert!(texts[1].starts_with("In 5 min: \"Misery Metrics") && texts[1].ends_with("(same room)"), "{texts:?}");
        assert!(texts[2].contains("Extreme HTTP"), "{texts:?}");
    }

    #[test]
    fn a_switch_of_room_is_said_and_off_means_off() {
        let s = schedule::bundled();
        let attending: Vec<usize> =
            ["ebpf-vs-sidecars", "go-profiling"].iter().filter_map(|id| s.index_of(id)).collect();
        assert_eq!(attending.len(), 2);
        let second = &s.talks()[attending[1]];
        let mut r = Reminders::new(5);
        let due = r.due(&s, &attending, second.start - Duration::minutes(3));
        assert_eq!(due.len(), 1);
        assert!(due[0].text.starts_with("In 3 min:") && due[0].text.ends_with("(switch from Main Stage)"), "{:?}", due);
        assert!(r.due(&s, &attending, second.start - Duration::minutes(2)).is_empty(), "once");
        assert!(r.due(&s, &attending, second.start).is_empty(), "not once started");
        let mut off = Reminders::new(0);
        assert!(off.due(&s, &attending, second.start - Duration::minutes(3)).is_empty());
    }
}
