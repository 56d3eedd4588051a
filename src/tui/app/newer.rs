//! A newer copy of the schedule arrives while the planner runs (a URL re-checked in the
//! background, a file rewritten). The planner takes it without losing the user's place, says what changed for
//! them, and asks the shell to notify when a starred talk of the next two hours moved or went.

use super::App;
use crate::agenda::newer;
use crate::schedule::Schedule;
use crate::tui::effect::Effect;
use crate::tui::modal::Modal;
use crate::tui::session::Item;

impl App {
    /// `R`: ask the schedule's URL, or look at its file, now.
    pub(super) fn ask_for_newer(&mut self) -> Vec<Effect> {
        if self.refreshes {
            self.status.info("↻ asking for a newer schedule…");
            vec![Effect::Refresh]
        } else {
            self.status.info("this schedule is bundled with hallway: it changes only with hallway itself");
            Vec::new()
        }
    }

    /// Take a newer copy now, or when the open prompt, search, filter or gaps panel closes:
    /// they hold positions in the schedule, and what is being typed must not be disturbed.
    pub fn offer_schedule(&mut self, schedule: Schedule) -> Vec<Effect> {
        self.incoming = Some(schedule);
        self.take_incoming()
    }

    /// The copy set aside, if nothing open holds it back any more.
    pub fn take_incoming(&mut self) -> Vec<Effect> {
        if !matches!(self.modal, None | Some(Modal::Details { .. } | Modal::Help { .. })) {
            return Vec::new();
        }
        let Some(new) = self.incoming.take() else { return Vec::new() };
        let s = &self.session;
        let news = newer::compare(&s.schedule, &new, &s.agenda, s.now);
        // Other bytes, the same talks (a generation stamp, the file's layout): nothing to say.
        let same_talks = s.schedule.talks() == new.talks();
        let places = self.places();
        let old = self.session.replace_schedule(new);
        // Freeing the old copy talk by talk is not the user's wait.
        std::thread::spawn(move || drop(old));
        let lost = self.go_back_to(places);
        self.tell(news, same_talks, lost)
    }

    /// The whole schedule, read while the first frame was drawn from a part of it. With no key
    /// answered on the part yet, the schedule view opens on the whole as it would have (its
    /// first talk is chosen among all the talks); else each view goes back to its talk by id.
    /// A mark the part did not hold (a torn agenda, another window's save) is looked at again.
    pub fn take_whole(&mut self, whole: Schedule, answered: bool) -> Vec<Effect> {
        let lacking = self.part_lacks_marks();
        let places = self.places();
        let part = self.session.replace_schedule(whole);
        std::thread::spawn(move || drop(part));
        // Where the part's frame drew talks: positions in the part, not in the whole.
        self.clickable.borrow_mut().clear();
        if answered {
            self.go_back_to(places);
        } else {
            self.schedule_view = crate::tui::state::ScheduleView::new(&self.session);
            self.schedule_view.keep_shown(&self.session);
        }
        if lacking { self.news_of_marks().1 } else { Vec::new() }
    }

    /// Whether `key` can be answered from the part of the schedule drawn first, while the
    /// rest is still being read ([`crate::tui::action::Action::needs_only_the_screen`]); never
    /// while a mark's talk is missing from the part (it would read as gone from the schedule).
    pub fn answers_from_the_part(&self, key: crossterm::event::KeyEvent) -> bool {
        let fine = match (&self.modal, self.keymap.action_for(key)) {
            (_, None) => matches!(self.modal, None | Some(Modal::Details { .. } | Modal::Help { .. })),
            (None, Some(a)) => a.needs_only_the_screen(),
            (Some(Modal::Details { .. } | Modal::Help { .. }), Some(a)) => a.stays_in_the_page(),
            _ => false,
        };
        fine && !self.part_lacks_marks()
    }

    fn part_lacks_marks(&self) -> bool {
        let s = &self.session;
        s.agenda.marks.keys().any(|id| s.schedule.index_of(id).is_none())
    }

    /// What changed in the marked talks since they were marked, and the videos published for
    /// talks saved for later: said until Esc (the videos once: told in the agenda, which is
    /// saved). Whether there was news, and the save it asks for.
    pub fn news_of_marks(&mut self) -> (bool, Vec<Effect>) {
        let s = &mut self.session;
        let changed = crate::agenda::changes::detect(&s.schedule, &s.agenda).len();
        let untold = s.agenda.untold_videos(&s.schedule);
        let mut news = Vec::new();
        let mut effects = Vec::new();
        if changed > 0 {
            news.push(format!("⟳ {changed} of your talks changed in the schedule since you marked them: 3 shows them"));
        }
        if !untold.is_empty() {
            let text = newer::videos_published(untold.len());
            news.push(format!("🎬 {text}: 4 shows {}", if untold.len() == 1 { "it" } else { "them" }));
            // Said once: the On-demand view keeps marking them new until watched.
            s.agenda.told_videos(&s.schedule, &untold);
            effects.push(Effect::Save);
        }
        if !news.is_empty() {
            self.status.notice(news.join(" · "));
        }
        (!news.is_empty(), effects)
    }

    /// Each place, by talk id: positions mean other talks in the new copy.
    fn places(&self) -> Places {
        let s = &self.session;
        let talks = s.schedule.talks();
        let id_of = |i: usize| talks.get(i).map(|t| t.id.clone());
        let selected = talks.get(self.schedule_view.selected);
        Places {
            selected_title: selected.map(|t| t.title.clone()),
            selected: selected.map(|t| t.id.clone()),
            selected_start: selected.map_or(s.now, |t| t.start),
            selected_room: selected.map_or(String::new(), |t| s.schedule.room_name(t).to_string()),
            details: match &self.modal {
                Some(Modal::Details { talk, .. }) => talks.get(*talk).map(|t| (t.id.clone(), t.title.clone())),
                _ => None,
            },
            now_pick: self.now_view.list.current(&s.now_talks(self.now_view.all_rooms)).and_then(|&i| id_of(i)),
            agenda_pick: self.agenda_view.current(s.agenda_items()).map(|item| match item {
                Item::Talk(i) => talks[*i].id.clone(),
                Item::Removed(id) => id.clone(),
            }),
            on_demand_pick: self.on_demand_view.current(s.on_demand()).and_then(|&i| id_of(i)),
        }
    }

    /// Every view back on its talk in the new copy; the title of the talk the user was on when
    /// it is gone (and not theirs: the news says that).
    fn go_back_to(&mut self, p: Places) -> Option<String> {
        let s = &self.session;
        let index = |id: Option<String>| id.and_then(|id| s.schedule.index_of(&id));
        let gone = |id: &str| s.schedule.index_of(id).is_none() && !s.agenda.marks.contains_key(id);
        let lost = match (&p.details, &p.selected) {
            (Some((id, title)), _) if gone(id) => Some(title.clone()),
            (_, Some(id)) if gone(id) => p.selected_title,
            _ => None,
        };
        match index(p.selected) {
            Some(i) => self.schedule_view.select(s, i),
            None => {
                // Gone: the talk now nearest its time, on its day, in its room where one is.
                let talks = s.schedule.talks();
                let day = s.schedule.date_of(p.selected_start);
                let nearest = (0..talks.len()).min_by_key(|&i| {
                    let t = &talks[i];
                    (
                        s.schedule.date_of(t.start) != day,
                        s.schedule.room_name(t) != p.selected_room,
                        (t.start - p.selected_start).abs(),
                    )
                });
                if let Some(i) = nearest {
                    self.schedule_view.select(s, i);
                }
            }
        }
        self.schedule_view.keep_shown(s);
        if let Some(Modal::Details { talk, .. }) = &mut self.modal {
            match p.details.and_then(|(id, _)| s.schedule.index_of(&id)) {
                Some(i) => *talk = i,
                None => self.modal = None,
            }
        }
        self.now_view.list.follow(index(p.now_pick));
        // A marked talk that left the schedule is listed by id now, in the changes.
        self.agenda_view.follow(p.agenda_pick.map(|id| s.schedule.index_of(&id).map_or(Item::Removed(id), Item::Talk)));
        self.on_demand_view.follow(index(p.on_demand_pick));
        lost
    }

    /// Say what changed (for the user above the rest), and ask for the saves and notifications
    /// it needs.
    fn tell(&mut self, news: newer::Newer, same_talks: bool, lost: Option<String>) -> Vec<Effect> {
        let lost = lost.map(|title| format!("\"{title}\", the talk you were on, is no longer in the schedule"));
        if news.mine.is_empty() && news.videos.is_empty() {
            // Beside unread news of my talks, a count of other people's changes is noise.
            let counts = (!same_talks && !self.status.has_notice()).then(|| news.summary());
            let said = [counts, lost].into_iter().flatten().collect::<Vec<_>>();
            if !said.is_empty() {
                self.status.info(said.join(" · "));
            }
        } else {
            // What changed for the user stays until Esc: a glance between talks must catch it.
            self.status.notice(news.summary());
            if let Some(lost) = lost {
                self.status.info(lost);
            }
        }
        let mut effects = Vec::new();
        if !news.videos.is_empty() {
            // Said now: not again at the next start.
            let s = &mut self.session;
            s.agenda.told_videos(&s.schedule, &news.videos);
            effects.push(Effect::Save);
        }
        if !news.urgent.is_empty() {
            effects
                .push(Effect::Notify(news.urgent.iter().map(|line| format!("Starred talk changed: {line}")).collect()));
        }
        effects
    }
}

/// Where each view was, by talk id, while the schedule is replaced.
struct Places {
    selected: Option<String>,
    selected_title: Option<String>,
    selected_start: chrono::DateTime<chrono::Utc>,
    selected_room: String,
    /// The talk open in details: its id and title.
    details: Option<(String, String)>,
    now_pick: Option<String>,
    agenda_pick: Option<String>,
    on_demand_pick: Option<String>,
}
