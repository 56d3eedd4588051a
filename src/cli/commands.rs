use super::{Context, Failure, Planner, print};
use crate::agenda::{Agenda, MarkKind};
use crate::filter::Filter;
use crate::schedule::Talk;
use crate::{now, report};
use std::io::Write;

pub fn dispatch(ctx: &Context, command: Planner) -> Result<(), Failure> {
    match command {
        Planner::Talks { filter, json } => talks(ctx, &filter, json),
        Planner::Export { format, output, include } => {
            let from_name = output.as_deref().and_then(crate::export::Format::from_path);
            if let (Some(f), Some(n), Some(path)) = (format, from_name, &output)
                && f != n
            {
                say!(
                    "note: writing {} as {} (--format), though its name says {}",
                    path.display(),
                    f.extension(),
                    n.extension()
                );
            }
            let format = format.or(from_name).ok_or_else(|| {
                Failure::Usage(match &output {
                    Some(path) => format!(
                        "cannot tell the format of {}: end it with .ics (calendar), .md or .json, or give --format",
                        path.display()
                    ),
                    None => "give --format ics|md|json, or -o FILE ending in .ics, .md or .json".into(),
                })
            })?;
            let agenda = load_agenda(ctx)?;
            let opts = crate::export::Options { on_demand: include.contains(&super::Include::OnDemand) };
            let text = crate::export::render(format, &ctx.schedule, &agenda, ctx.clock.now(), opts);
            match output {
                Some(path) => {
                    let folder = crate::atomic::folder_of(&path);
                    if !folder.is_dir() {
                        return Err(Failure::Runtime(format!(
                            "cannot write {}: the folder {} does not exist",
                            path.display(),
                            folder.display()
                        )));
                    }
                    crate::atomic::write(&path, text.as_bytes())
                        .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", path.display())))?;
                    let holds = crate::export::summary(format, &ctx.schedule, &agenda, opts);
                    say!("wrote {} ({holds})", path.display());
                    Ok(())
                }
                None => emit(&text),
            }
        }
        Planner::Now { json, all } => {
            let agenda = load_agenda(ctx)?;
            let o = now::overview(&ctx.schedule, &agenda.attending(&ctx.schedule), ctx.clock.now());
            emit_json_or(json, || report::now(&ctx.schedule, &o, &agenda), || print::now(ctx, &o, &agenda, all))
        }
        Planner::Next { format, width, json } => next(ctx, format.as_deref(), width, json),
        Planner::Suggest { per_slot, json } => {
            let agenda = load_agenda(ctx)?;
            let slots = crate::suggest::suggest(&ctx.schedule, &agenda, ctx.clock.now(), per_slot.max(1));
            emit_json_or(json, || report::suggestions(&ctx.schedule, &slots), || print::suggestions(ctx, &slots))
        }
        Planner::Friends { action, json } => friends(ctx, action, json),
        Planner::Note { id, text } => note(ctx, &id, &text.join(" ")),
        Planner::Star { ids } => mark(ctx, &ids, Some(MarkKind::Attend)),
        Planner::Later { available: true, json, .. } => available(ctx, json),
        Planner::Later { ids, .. } => mark(ctx, &ids, Some(MarkKind::OnDemand)),
        Planner::Unmark { ids } => mark(ctx, &ids, None),
        Planner::Agenda { json } => {
            let agenda = load_agenda(ctx)?;
            emit_json_or(json, || report::agenda(&ctx.schedule, &agenda), || print::agenda(ctx, &agenda))
        }
        Planner::Clashes { json } => {
            let agenda = load_agenda(ctx)?;
            let clashes = agenda.clashes(&ctx.schedule);
            emit_json_or(json, || report::clashes(&ctx.schedule, &clashes), || print::clashes(ctx, &clashes))
        }
    }
}

fn next(ctx: &Context, format: Option<&str>, width: Option<usize>, json: bool) -> Result<(), Failure> {
    use crate::status_line::{self, Next};
    let s = &ctx.schedule;
    let agenda = load_agenda(ctx)?;
    // A broken template is said at once, not first when a talk comes up hours later.
    if let Some(t) = format {
        status_line::check(t, &s.conference).map_err(Failure::from)?;
    }
    let found = status_line::next(s, &agenda.attending(s), ctx.clock.now());
    if json {
        let value = match found {
            None => serde_json::json!({ "state": "none" }),
            Some(n) => serde_json::json!({
                "state": if matches!(n, Next::Live { .. }) { "live" } else { "next" },
                "minutes": n.minutes(),
                "talk": report::talk(s, &s.talks()[n.talk()]),
            }),
        };
        return emit(&format!("{value}\n"));
    }
    let Some(n) = found else { return Ok(()) };
    let template = format.unwrap_or(match n {
        Next::Live { .. } => status_line::DEFAULT_LIVE,
        Next::Next { .. } => status_line::DEFAULT_NEXT,
    });
    let line = match width {
        Some(w) => status_line::render_fit(template, s, n, w),
        None => status_line::render(template, s, n),
    }
    .map_err(Failure::from)?;
    emit(&format!("{line}\n"))
}

fn friends(ctx: &Context, action: Option<super::FriendsAction>, json: bool) -> Result<(), Failure> {
    use crate::friends::Friends;
    let s = &ctx.schedule;
    let path = ctx.store.friends_path();
    let mut list = Friends::load(&path).map_err(Failure::from)?;
    match action {
        None if json => {
            let v: Vec<serde_json::Value> = list
                .friends
                .iter()
                .map(|f| serde_json::json!({"name": f.name, "initials": f.initials, "attend": f.attend, "on_demand": f.on_demand}))
                .collect();
            emit_json(&serde_json::Value::Array(v))
        }
        None => {
            if list.friends.is_empty() {
                return emit("No friends' agendas yet: hallway friends add THEIR-EXPORT.json --name NAME\n");
            }
            let mine: std::collections::HashSet<String> =
                load_agenda(ctx)?.attending(s).into_iter().map(|i| s.talks()[i].id.clone()).collect();
            let mut out = String::new();
            for f in &list.friends {
                let together = f.attend.iter().filter(|id| mine.contains(*id)).count();
                out.push_str(&format!(
                    "{:<4} {}  {} talk{} ({} with you), {} to watch later\n",
                    f.initials,
                    f.name,
                    f.attend.len(),
                    if f.attend.len() == 1 { "" } else { "s" },
                    together,
                    f.on_demand.len()
                ));
            }
            emit(&out)
        }
        Some(super::FriendsAction::Add { file, name }) => {
            let got = list.add(s, &file, &name)?;
            list.save(&path)?;
            let mut msg = format!(
                "{} {} ({}): {} talks to attend, {} to watch later",
                if got.replaced { "updated" } else { "added" },
                got.friend.name,
                got.friend.initials,
                got.friend.attend.len(),
                got.friend.on_demand.len()
            );
            if got.unknown > 0 {
                let (n, s) = (got.unknown, if got.unknown == 1 { " is" } else { "s are" });
                msg.push_str(&format!("; {n} talk{s} of their file not in this schedule"));
            }
            say!("{msg}");
            Ok(())
        }
        Some(super::FriendsAction::Remove { name }) => {
            let Some(stored) =
                list.friends.iter().find(|f| f.name.eq_ignore_ascii_case(name.trim())).map(|f| f.name.clone())
            else {
                let names: Vec<&str> = list.friends.iter().map(|f| f.name.as_str()).collect();
                return Err(Failure::Usage(format!("no friend named {name}; friends: {}", names.join(", "))));
            };
            list.remove(&stored);
            list.save(&path)?;
            say!("removed {stored}");
            Ok(())
        }
    }
}

fn load_agenda(ctx: &Context) -> Result<Agenda, Failure> {
    match &ctx.agenda {
        Some(a) => Ok(a.clone()),
        None => {
            let (a, note) = ctx.store.load_for_reading(&ctx.schedule.conference.id)?;
            if let Some(note) = note {
                say!("note: {}", crate::sanitize::text(&note));
            }
            Ok(a)
        }
    }
}

fn talks(ctx: &Context, f: &super::TalkFilter, json: bool) -> Result<(), Failure> {
    let s = &ctx.schedule;
    let day = f.day.as_deref().map(|d| parse_day(ctx, d)).transpose()?;
    let choices = crate::filter::Choices::of(s);
    let room = match f.room.as_deref() {
        Some(name) => Some(super::named::room(s, name, "room")?),
        None => None,
    };
    // A file without tracks of its own (hallway's format) calls its stages tracks.
    let (room, track) = match f.track.as_deref() {
        Some(name) if choices.tracks.is_empty() => {
            let stage = super::named::room(s, name, "track")?;
            if room.is_some_and(|r| r != stage) {
                return Err(Failure::Usage(
                    "--room and --track name two stages here (this schedule's tracks are its rooms): give one".into(),
                ));
            }
            (Some(stage), None)
        }
        other => (room, other),
    };
    super::named::known(s, "kind", f.kind.as_slice(), &choices.kinds)?;
    super::named::known(s, "tag", f.tag.as_slice(), &choices.tags)?;
    super::named::known(s, "track", track.as_slice(), &choices.tracks)?;
    super::named::known(s, "language", f.lang.as_slice(), &choices.languages)?;
    let range = day.map_or(0..s.talks().len(), |d| s.day_range(d));
    let agenda = load_agenda(ctx)?;
    let lower = |x: &str| x.to_lowercase();
    let speaker = f.speaker.as_deref().map(lower);
    let friend_talks = if f.friends {
        crate::friends::Friends::load(&ctx.store.friends_path()).map_err(Failure::from)?.attending()
    } else {
        Default::default()
    };
    let filter = Filter {
        friends_only: f.friends,
        tags: f.tag.iter().cloned().collect(),
        kinds: f.kind.iter().cloned().collect(),
        tracks: track.iter().map(|t| t.to_string()).collect(),
        languages: f.lang.iter().cloned().collect(),
        starred_only: f.starred,
        hide_past: f.upcoming,
        ..Filter::default()
    };
    let search = f.search.as_deref().filter(|q| !q.trim().is_empty());
    let talks = s.talks();
    let now = ctx.clock.now();
    let kept: Vec<usize> = range
        .filter(|&i| room.is_none_or(|r| talks[i].room == r))
        .filter(|&i| speaker.as_ref().is_none_or(|sp| talks[i].speakers.iter().any(|x| lower(x).contains(sp.as_str()))))
        .filter(|&i| filter.admits(s, &talks[i], &agenda, &friend_talks, now))
        .collect();
    // A search ranks as the planner's `/` does (the same engine), best first, among the talks
    // the other filters kept.
    let order = match search {
        Some(q) => {
            crate::search::Index::new(s).search_among(q, usize::MAX, &kept).into_iter().map(|h| h.index).collect()
        }
        None => kept,
    };
    let list: Vec<&Talk> = order.into_iter().map(|i| &talks[i]).collect();
    let ranked = search.is_some();
    emit_json_or(json, || report::talks(s, list.iter().copied(), &agenda), || print::talks(ctx, &list, &agenda, ranked))
}

fn parse_day(ctx: &Context, d: &str) -> Result<usize, Failure> {
    let s = &ctx.schedule;
    let days: Vec<String> = s.days().map(|d| d.to_string()).collect();
    s.day_named(d).ok_or_else(|| {
        Failure::Usage(format!(
            "no day '{d}' in {}: use a day number 1-{}, a weekday or day of the month that only one day has, or one of {}",
            s.conference.name,
            days.len(),
            days.join(", ")
        ))
    })
}

/// Set (or with `None`, remove) marks. All ids are checked first: one unknown id changes nothing.
fn mark(ctx: &Context, ids: &[String], kind: Option<MarkKind>) -> Result<(), Failure> {
    let s = &ctx.schedule;
    // Only to check the ids: what is wrong with the file is said by the change below, which
    // reads it again under the lock (and sets a damaged one aside).
    let agenda = load_agenda(ctx).unwrap_or_else(|_| Agenda::new(&s.conference.id));
    // Unmarking also works for a talk that has left the schedule.
    let command = match kind {
        Some(MarkKind::Attend) => "star",
        Some(MarkKind::OnDemand) => "later",
        None => "unmark",
    };
    let ids = &super::talk_ids::resolve(s, ids, command, |id| kind.is_none() && agenda.marks.contains_key(id))?;
    // Read, change and write under the lock: another window's changes are kept.
    let conf = &s.conference.id;
    let (agenda, mut lines) = ctx.store.update(conf, |agenda| {
        let now = chrono::Utc::now();
        let mut lines = String::new();
        for id in ids {
            let title = s.talk(id).map_or_else(
                || agenda.marks.get(id).map_or_else(|| id.clone(), |m| m.seen.title.clone()),
                |t| t.title.clone(),
            );
            let changed = match (kind, s.talk(id)) {
                (Some(k), Some(talk)) => agenda.set(s, talk, k, now),
                _ => agenda.unmark(id, now),
            };
            let verb = match (kind, changed) {
                (Some(MarkKind::Attend), true) => "starred",
                (Some(MarkKind::OnDemand), true) => "on-demand",
                (None, true) => "unmarked",
                (_, false) => "unchanged",
            };
            lines.push_str(&format!("{verb:<10} {id}  {title}\n"));
        }
        lines
    })?;
    lines.push_str(&print::clash_warnings(ctx, &agenda, ids));
    if kind == Some(MarkKind::OnDemand) {
        for t in ids.iter().filter_map(|id| s.talk(id)).filter(|t| t.unrecorded()) {
            lines.push_str(&format!("⚠ {}  \"{}\" will not be recorded: attend it or miss it\n", t.id, t.title));
        }
    }
    emit(&lines)
}

/// `later --available`: the talks to catch on-demand whose video is out, newly published first.
fn available(ctx: &Context, json: bool) -> Result<(), Failure> {
    let s = &ctx.schedule;
    let agenda = load_agenda(ctx)?;
    let saved: Vec<usize> = crate::agenda::listing::on_demand(s, &agenda)
        .into_iter()
        .filter(|&i| !agenda.is_watched(&s.talks()[i].id))
        .collect();
    let published = agenda.recordings_published(s);
    let mut out_now: Vec<usize> = saved.iter().copied().filter(|i| s.talks()[*i].video.is_some()).collect();
    out_now.sort_by_key(|i| (published.binary_search(i).is_err(), *i));
    if json {
        let list: Vec<serde_json::Value> = out_now
            .iter()
            .map(|&i| {
                let mut v = report::talk(s, &s.talks()[i]);
                v["mark"] = "on-demand".into();
                v["video_published"] = published.binary_search(&i).is_ok().into();
                v
            })
            .collect();
        return emit_json(&serde_json::Value::Array(list));
    }
    if out_now.is_empty() {
        let n = saved.len();
        return emit(&format!("No video yet for the {n} talk{} you saved for later.\n", if n == 1 { "" } else { "s" }));
    }
    let n = saved.len();
    let mut text = format!(
        "{} of the {n} talk{} you saved for later (not watched yet) {} a video ({} published since you saved them):\n",
        out_now.len(),
        if n == 1 { "" } else { "s" },
        if out_now.len() == 1 { "has" } else { "have" },
        published.len()
    );
    for i in out_now {
        let t = &s.talks()[i];
        let new = if published.binary_search(&i).is_ok() { "new " } else { "    " };
        text.push_str(&format!(
            "  {new}{} {}  {}  [{}]\n        {}\n",
            crate::timefmt::day_label(s.date_of(t.start)),
            crate::timefmt::at(s, t.start),
            t.title,
            t.id,
            t.video.as_deref().unwrap_or_default()
        ));
    }
    emit(&text)
}

fn note(ctx: &Context, id: &str, text: &str) -> Result<(), Failure> {
    let s = &ctx.schedule;
    let id = &super::talk_ids::resolve(s, &[id.to_string()], "note", |_| false)?[0];
    let talk = s.talk(id).expect("a resolved id names a talk");
    let (agenda, (was_marked, changed)) = ctx.store.update(&s.conference.id, |agenda| {
        let was_marked = agenda.kind(id).is_some();
        (was_marked, agenda.set_note(s, talk, text, chrono::Utc::now()))
    })?;
    emit(&match (changed, agenda.note(id)) {
        (false, _) => format!("unchanged  {id}  {}\n", talk.title),
        (true, Some(n)) if !was_marked => {
            format!("noted      {id}  {}\n  note: {n}\n  (starred, since a note lives in your agenda)\n", talk.title)
        }
        (true, Some(n)) => format!("noted      {id}  {}\n  note: {n}\n", talk.title),
        (true, None) => format!("note removed  {id}  {}\n", talk.title),
    })
}

fn emit_json_or<D: serde::Serialize>(
    json: bool,
    doc: impl FnOnce() -> D,
    text: impl FnOnce() -> String,
) -> Result<(), Failure> {
    if json { emit_json(&doc()) } else { emit(&text()) }
}

/// A document written as it is serialised, 64 KiB at a time: JSON holds no styles to strip
/// (serde escapes C0 controls; text was cleaned of the others when read), and a day with its
/// abstracts is megabytes that need not be held whole.
pub(super) fn emit_json(v: &impl serde::Serialize) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let written = serde_json::to_writer_pretty(&mut out, v).map_err(std::io::Error::from);
    match written.and_then(|()| out.write_all(b"\n")).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Runtime(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Write to stdout; a closed pipe (`| head`) is not an error.
pub(super) fn emit(s: &str) -> Result<(), Failure> {
    emit_bytes(s.as_bytes())
}

/// Styles pass to a terminal; a pipe, NO_COLOR or a dumb terminal gets plain text.
pub fn emit_bytes(b: &[u8]) -> Result<(), Failure> {
    // Styles are stripped (for a pipe) in memory, then written at once: stripping straight to
    // stdout writes each run of text with its own system call (1,000 for a day's talks).
    // Text for a pipe is written plain in the first place (`print::styled`): it goes as it is,
    // unless a control character got into it (text is cleaned when read; this is the last word).
    let stdout = std::io::stdout();
    let stripped;
    let control = |c: &u8| (*c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r')) || *c == 0x7f;
    let out = if !super::print::styled() && !b.iter().any(control) {
        b
    } else {
        let mut styled = anstream::AutoStream::new(Vec::with_capacity(b.len()), anstream::AutoStream::choice(&stdout));
        let _ = styled.write_all(b);
        stripped = styled.into_inner();
        &stripped[..]
    };
    match stdout.lock().write_all(out) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Runtime(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}
