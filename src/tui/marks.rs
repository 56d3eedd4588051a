//! The actions that change marks: star, on-demand, resolve a clash, watched, and the link to copy.
//! Each records what it changed so `u` can undo it.

use super::app::App;
use crate::agenda::MarkKind;
use crate::timefmt;

impl App {
    pub(super) fn toggle(&mut self, kind: MarkKind) {
        let Some(i) = self.current_talk() else { return };
        let talk = self.schedule.talks()[i].clone();
        if kind == MarkKind::OnDemand && talk.is_break() && self.agenda.kind(&talk.id) != Some(kind) {
            self.status = Some(format!("\"{}\" is a break: there is nothing to watch later", talk.title));
            return;
        }
        let before = self.agenda.before([talk.id.as_str()]);
        let state = self.agenda.toggle(&self.schedule, &talk, kind, (self.stamp)());
        self.refresh_marks_of(&[i]);
        let partners = self.partners_of(i);
        let what = match state {
            Some(MarkKind::Attend) if !partners.is_empty() => {
                let names: Vec<String> =
                    partners.iter().map(|&j| format!("\"{}\"", self.schedule.talks()[j].title)).collect();
                format!("★ starred \"{}\" — ⚠ clashes with {} (r keeps this one)", talk.title, names.join(", "))
            }
            Some(MarkKind::Attend) => format!("★ starred \"{}\"", talk.title),
            Some(MarkKind::OnDemand) => format!("◷ \"{}\" to watch on-demand", talk.title),
            None => format!("removed \"{}\" from your agenda", talk.title),
        };
        self.changed_refreshed(what, before);
    }

    /// Keep the current talk and move the starred talks it overlaps to on-demand.
    pub(super) fn resolve(&mut self) {
        let Some(keep) = self.current_talk() else { return };
        let s = &self.schedule;
        let kept = s.talks()[keep].clone();
        let others: Vec<usize> =
            self.agenda.attending(s).into_iter().filter(|&j| j != keep && s.talks()[j].overlaps(&kept)).collect();
        if others.is_empty() {
            self.status = Some(format!("no clash to resolve: \"{}\" overlaps none of your ★ talks", kept.title));
            return;
        }
        let ids: Vec<String> =
            std::iter::once(keep).chain(others.iter().copied()).map(|i| s.talks()[i].id.clone()).collect();
        let before = self.agenda.before(ids.iter().map(String::as_str));
        let moved = self.agenda.resolve_clash(&self.schedule, keep, (self.stamp)());
        let names: Vec<String> =
            moved.iter().map(|&j| timefmt::talk_ref(&self.schedule, &self.schedule.talks()[j])).collect();
        let what = format!("kept ★ \"{}\"; moved {} to on-demand ◷", kept.title, names.join(" and "));
        self.changed(what, before);
        if let Some(s) = self.status.as_mut() {
            s.push_str(" (u undoes)");
        }
    }

    /// Take note of a schedule change on the selected talk: a moved talk is up to date, a
    /// cancelled one lets go of its mark (and note; `u` brings them back).
    pub(super) fn acknowledge(&mut self) {
        let Some(id) = self.current_id() else { return };
        let changed = crate::agenda::changes::detect(&self.schedule, &self.agenda).into_iter().find(|c| c.id == id);
        let Some(c) = changed else {
            self.status = Some("nothing changed in the schedule for this talk".into());
            return;
        };
        let what = crate::agenda::changes::describe(&self.schedule, &self.agenda, &c);
        let before = self.agenda.before([id.as_str()]);
        self.agenda.acknowledge(&self.schedule, &id, (self.stamp)());
        let what = if c.index.is_none() { format!("dismissed: {what}") } else { format!("noted: {what}") };
        self.changed(what, before);
    }

    pub(super) fn toggle_watched(&mut self) {
        let Some(i) = self.current_talk() else { return };
        let talk = self.schedule.talks()[i].clone();
        let before = self.agenda.before([talk.id.as_str()]);
        match self.agenda.toggle_watched(&talk.id, (self.stamp)()) {
            Some(watched) => {
                let what = if watched {
                    format!("☑ watched \"{}\"", talk.title)
                } else {
                    format!("☐ \"{}\" not watched yet", talk.title)
                };
                self.changed(what, before);
                // The list re-sorts; stay on the same talk.
                if let Some(p) = self.on_demand().iter().position(|&j| j == i) {
                    self.on_demand_cursor = p;
                }
            }
            None => self.status = Some(format!("\"{}\" is not on your on-demand list (o adds it)", talk.title)),
        }
    }

    /// Hand the video link to the shell for the clipboard, and show it in full in case the
    /// terminal ignores OSC 52.
    pub(super) fn copy_link(&mut self) {
        let Some(i) = self.current_talk() else { return };
        let talk = &self.schedule.talks()[i];
        match &talk.video {
            Some(url) => {
                self.clipboard = Some(url.clone());
                self.status = Some(format!("copied to the clipboard (if your terminal allows it): {url}"));
            }
            None => self.status = Some(format!("no video link announced for \"{}\" yet", talk.title)),
        }
    }
}
