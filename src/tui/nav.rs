//! Moving the selection around the schedule grid.

use super::app::App;
use super::keys::Action;
use crate::schedule::Talk;
use chrono::Duration;

pub fn grid(app: &mut App, action: Action) {
    let s = &app.schedule;
    let range = s.day_range(app.day);
    if range.is_empty() {
        return;
    }
    let talks = s.talks();
    let cur = &talks[app.selected];
    let view: &App = app;
    let in_track = |track: usize| range.clone().filter(move |&i| talks[i].track == track && view.is_shown(i));
    let list = || range.clone().filter(|&i| app.is_shown(i));
    let target = match action {
        // The compact list goes by time across the tracks shown.
        Action::Down if app.list_mode => list().find(|&i| i > app.selected),
        Action::Up if app.list_mode => list().rev().find(|&i| i < app.selected),
        Action::Top if app.list_mode => list().next(),
        Action::Bottom if app.list_mode => list().next_back(),
        Action::PageDown if app.list_mode => list().filter(|&i| i > app.selected).take(10).last(),
        Action::PageUp if app.list_mode => list().rev().filter(|&i| i < app.selected).take(10).last(),
        Action::Down => in_track(cur.track).find(|&i| i > app.selected),
        Action::Up => in_track(cur.track).rev().find(|&i| i < app.selected),
        Action::Top => in_track(cur.track).next(),
        Action::Bottom => in_track(cur.track).next_back(),
        Action::PageDown | Action::PageUp => {
            let hour = if action == Action::PageDown { Duration::hours(1) } else { -Duration::hours(1) };
            let at = cur.start + hour;
            in_track(cur.track).min_by_key(|&i| (talks[i].start - at).num_minutes().abs())
        }
        Action::Left | Action::Right => {
            // Step over the shown tracks, skipping those with nothing on this day.
            let shown = &app.shown_tracks;
            let n = shown.len();
            let step =
                |c: usize| if action == Action::Right { c.checked_add(1).filter(|&x| x < n) } else { c.checked_sub(1) };
            let mut col = app.column_of[cur.track].and_then(step);
            let mut found = None;
            while let Some(c) = col {
                if let Some(i) = closest(talks, in_track(shown[c]), cur) {
                    found = Some(i);
                    break;
                }
                col = step(c);
            }
            found
        }
        Action::PrevDay | Action::NextDay => {
            // The next day in that direction among the days the filter keeps.
            let mut days: Box<dyn Iterator<Item = usize>> = if action == Action::NextDay {
                Box::new(app.day + 1..s.day_count())
            } else {
                Box::new((0..app.day).rev())
            };
            let day = days.find(|&d| s.day_date(d).is_some_and(|date| app.agenda.filter.has_day(date)));
            let other = day.map_or(0..0, |d| s.day_range(d));
            if other.is_empty() {
                None
            } else {
                // Same track and time of day on the other day, if it has one.
                let shift = s.date_of(talks[other.start].start) - s.date_of(cur.start);
                let probe = Talk { start: cur.start + shift, end: cur.end + shift, ..cur.clone() };
                let same_track = other.clone().filter(|&i| talks[i].track == cur.track && app.is_shown(i));
                let any_shown = other.clone().filter(|&i| app.is_shown(i));
                closest(talks, same_track, &probe).or_else(|| closest(talks, any_shown, &probe)).or(Some(other.start))
            }
        }
        _ => None,
    };
    match target {
        Some(i) => app.select(i),
        None if matches!(action, Action::PrevDay | Action::NextDay) => {
            let which = if action == Action::NextDay { "last" } else { "first" };
            app.status = Some(if app.agenda.filter.days.is_empty() {
                format!("this is the {which} day")
            } else {
                format!("this is the {which} of the days your filter shows (f to change)")
            });
        }
        None => {}
    }
}

/// The candidate overlapping `cur` the most, else the one starting nearest to it.
fn closest(talks: &[Talk], candidates: impl Iterator<Item = usize>, cur: &Talk) -> Option<usize> {
    candidates.min_by_key(|&i| {
        let t = &talks[i];
        let overlap = (t.end.min(cur.end) - t.start.max(cur.start)).num_minutes().max(0);
        (-overlap, (t.start - cur.start).num_minutes().abs())
    })
}
