//! Every change to the marks: star, on-demand, resolve a clash, watched, notes, a schedule change
//! taken note of. Each records what it changed so `u` can undo it, and says what it did.

use super::Session;
use crate::agenda::MarkKind;
use crate::timefmt;

/// What a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// The marks changed (to be saved); the sentence says how.
    Changed(String),
    /// Nothing changed; the sentence says why.
    Said(String),
}

impl Session {
    pub fn toggle(&mut self, i: usize, kind: MarkKind) -> Done {
        let talk = self.schedule.talks()[i].clone();
        if kind == MarkKind::OnDemand && talk.is_break() && self.agenda.kind(&talk.id) != Some(kind) {
            return Done::Said(format!("\"{}\" is a break: there is nothing to watch later", talk.title));
        }
        let before = self.agenda.before([talk.id.as_str()]);
        let state = self.agenda.toggle(&self.schedule, &talk, kind, (self.stamp)());
        self.refresh_marks_of(&[i]);
        let partners = self.partners_of(i);
        let undone = match state {
            Some(MarkKind::Attend) => format!("\"{}\" no longer starred", talk.title),
            Some(MarkKind::OnDemand) => format!("\"{}\" off the on-demand list", talk.title),
            None => format!("\"{}\" back in your agenda", talk.title),
        };
        let what = match state {
            Some(MarkKind::Attend) if !partners.is_empty() => {
                let names: Vec<String> =
                    partners.iter().map(|&j| format!("\"{}\"", self.schedule.talks()[j].title)).collect();
                // `r` keeps the one talk that will not be recorded (see `resolve`): said as such.
                let unrecorded: Vec<usize> =
                    partners.iter().copied().filter(|&j| self.schedule.talks()[j].unrecorded()).collect();
                let hint = match unrecorded.as_slice() {
                    [j] if !talk.unrecorded() => {
                        format!("r keeps \"{}\": it will not be recorded", self.schedule.talks()[*j].title)
                    }
                    _ => "r keeps this one".to_string(),
                };
                format!("★ starred \"{}\" — ⚠ clashes with {} ({hint})", talk.title, names.join(", "))
            }
            Some(MarkKind::Attend) => format!("★ starred \"{}\"", talk.title),
            Some(MarkKind::OnDemand) if talk.unrecorded() => {
                format!("◷ \"{}\" to watch on-demand — ⚠ it will not be recorded: attend it or miss it", talk.title)
            }
            Some(MarkKind::OnDemand) => format!("◷ \"{}\" to watch on-demand", talk.title),
            None => format!("removed \"{}\" from your agenda", talk.title),
        };
        self.changed(what, undone, before)
    }

    /// Star a talk (a suggestion for a gap); starring a starred talk changes nothing.
    pub fn star(&mut self, i: usize) -> Done {
        let talk = self.schedule.talks()[i].clone();
        let before = self.agenda.before([talk.id.as_str()]);
        if !self.agenda.set(&self.schedule, &talk, MarkKind::Attend, (self.stamp)()) {
            return Done::Said(format!("\"{}\" is already starred", talk.title));
        }
        self.refresh_marks_of(&[i]);
        let undone = format!("\"{}\" no longer starred", talk.title);
        self.changed(format!("★ starred \"{}\" for that gap", talk.title), undone, before)
    }

    /// Keep a talk and move the starred talks it overlaps to on-demand.
    pub fn resolve(&mut self, keep: usize) -> Done {
        let s = &self.schedule;
        let overlapping = |keep: usize| -> Vec<usize> {
            let kept = &s.talks()[keep];
            self.attending.iter().copied().filter(|&j| j != keep && s.talks()[j].overlaps(kept)).collect()
        };
        let mut others = overlapping(keep);
        if others.is_empty() {
            let title = &s.talks()[keep].title;
            return Done::Said(format!("no clash to resolve: \"{title}\" overlaps none of your ★ talks"));
        }
        // A talk that will not be recorded can only be seen there: it is the one kept, and
        // the recorded one goes to on-demand, whichever of the two was selected.
        let unrecorded: Vec<usize> = others.iter().copied().filter(|&j| s.talks()[j].unrecorded()).collect();
        if !s.talks()[keep].unrecorded() && unrecorded.len() == 1 && overlapping(unrecorded[0]).contains(&keep) {
            let keep_instead = unrecorded[0];
            others = overlapping(keep_instead);
            return self.resolve_keeping(keep_instead, others, " (it will not be recorded)");
        }
        self.resolve_keeping(keep, others, "")
    }

    fn resolve_keeping(&mut self, keep: usize, others: Vec<usize>, why: &str) -> Done {
        let s = &self.schedule;
        let kept = s.talks()[keep].clone();
        let ids: Vec<String> =
            std::iter::once(keep).chain(others.iter().copied()).map(|i| s.talks()[i].id.clone()).collect();
        let before = self.agenda.before(ids.iter().map(String::as_str));
        let moved = self.agenda.resolve_clash(&self.schedule, keep, (self.stamp)());
        let names: Vec<String> =
            moved.iter().map(|&j| timefmt::talk_ref(&self.schedule, &self.schedule.talks()[j])).collect();
        self.refresh_marks();
        let lost: Vec<&str> = moved
            .iter()
            .map(|&j| &self.schedule.talks()[j])
            .filter(|t| t.unrecorded())
            .map(|t| t.title.as_str())
            .collect();
        let warning =
            if lost.is_empty() { String::new() } else { format!(" — ⚠ not recorded: \"{}\"", lost.join("\", \"")) };
        let what =
            format!("kept ★ \"{}\"{why}; moved {} to on-demand ◷{warning} (u undoes)", kept.title, names.join(" and "));
        let undone = format!("the clash is back: {} starred again beside \"{}\"", names.join(" and "), kept.title);
        self.changed(what, undone, before)
    }

    /// Take note of a schedule change on a talk: a moved talk is up to date, a cancelled one
    /// lets go of its mark (and note; `u` brings them back).
    pub fn acknowledge(&mut self, id: &str) -> Done {
        let changed = crate::agenda::changes::detect(&self.schedule, &self.agenda).into_iter().find(|c| c.id == id);
        let Some(c) = changed else {
            return Done::Said("nothing changed in the schedule for this talk".into());
        };
        let what = crate::agenda::changes::describe(&self.schedule, &self.agenda, &c);
        let before = self.agenda.before([id]);
        self.agenda.acknowledge(&self.schedule, id, (self.stamp)());
        self.refresh_marks();
        let undone = format!("listed as changed again: {what}");
        let what = if c.index.is_none() { format!("dismissed: {what}") } else { format!("noted: {what}") };
        self.changed(what, undone, before)
    }

    pub fn toggle_watched(&mut self, i: usize) -> Done {
        let talk = self.schedule.talks()[i].clone();
        let before = self.agenda.before([talk.id.as_str()]);
        match self.agenda.toggle_watched(&talk.id, (self.stamp)()) {
            Some(watched) => {
                self.refresh_marks();
                let (what, undone) = if watched {
                    (format!("☑ watched \"{}\"", talk.title), format!("☐ \"{}\" not watched yet", talk.title))
                } else {
                    (format!("☐ \"{}\" not watched yet", talk.title), format!("☑ \"{}\" watched again", talk.title))
                };
                self.changed(what, undone, before)
            }
            None => Done::Said(format!("\"{}\" is not on your on-demand list (o adds it)", talk.title)),
        }
    }

    pub fn set_note(&mut self, i: usize, text: &str) -> Done {
        let t = self.schedule.talks()[i].clone();
        let before = self.agenda.before([t.id.as_str()]);
        let was_marked = self.agenda.kind(&t.id).is_some();
        if !self.agenda.set_note(&self.schedule, &t, text, (self.stamp)()) {
            return Done::Said(format!("the note on \"{}\" is unchanged", t.title));
        }
        self.refresh_marks();
        let what = match self.agenda.note(&t.id) {
            Some(_) if !was_marked => {
                format!("note saved on \"{}\", now ★ starred: notes live in your agenda", t.title)
            }
            Some(_) => format!("note saved on \"{}\"", t.title),
            None => format!("note removed from \"{}\"", t.title),
        };
        let undone = format!("the note on \"{}\" as it was", t.title);
        self.changed(what, undone, before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::Agenda;
    use crate::clock::parse_at;
    use crate::schedule;

    fn session() -> Session {
        let s = schedule::bundled();
        let now = parse_at("2022-10-19 09:20", s.conference.tz).unwrap();
        let agenda = Agenda::new(&s.conference.id);
        Session::new(s, agenda, now, None)
    }

    #[test]
    fn a_star_is_undone_and_the_clash_count_follows() {
        let mut s = session();
        let a = s.schedule.talks().iter().position(|t| t.id == "ebpf-vs-sidecars").unwrap();
        let b = s.schedule.talks().iter().position(|t| t.id == "thread-sampling-ebpf").unwrap();
        assert!(matches!(s.toggle(a, MarkKind::Attend), Done::Changed(_)));
        assert!(matches!(s.toggle(b, MarkKind::Attend), Done::Changed(t) if t.contains("clashes with")));
        assert_eq!(s.clash_count, 1);
        assert!(matches!(s.resolve(a), Done::Changed(_)));
        assert_eq!(s.clash_count, 0);
        assert_eq!(s.agenda.kind("thread-sampling-ebpf"), Some(MarkKind::OnDemand));
        assert!(matches!(s.undo(), Done::Changed(_)));
        assert_eq!(s.clash_count, 1);
        assert!(matches!(s.resolve(a), Done::Changed(_)));
        assert!(matches!(s.resolve(a), Done::Said(_)), "nothing left to resolve");
    }
}
