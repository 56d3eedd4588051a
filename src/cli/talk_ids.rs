//! The talks a command names: each by its id, a unique start of it or its page's slug (see
//! `Schedule::named`). A name that picks out no talk, or several, is a usage error that says
//! which talks it may mean and the command that would work; nothing is changed.

use super::Failure;
use crate::sanitize::line;
use crate::schedule::{MIN_PREFIX, Named, Schedule};

/// The ids of the talks `typed` names, in order. `kept` says which names stand as typed
/// although no talk has them (a mark whose talk left the schedule can still be removed).
/// `command` is the subcommand, to say the line that would work (`star`).
pub fn resolve(
    s: &Schedule,
    typed: &[String],
    command: &str,
    kept: impl Fn(&str) -> bool,
) -> Result<Vec<String>, Failure> {
    let mut ids = Vec::with_capacity(typed.len());
    let mut wrong = Vec::new();
    for t in typed {
        // A mark kept as typed (its talk gone) is that mark, not a talk whose id starts so.
        if s.index_of(t).is_none() && kept(t) {
            ids.push(t.clone());
            continue;
        }
        match s.named(t) {
            Named::Talk(i) => ids.push(s.talks()[i].id.clone()),
            Named::Ambiguous(found) => wrong.push(ambiguous(s, t, &found, command)),
            Named::Unknown => wrong.push(unknown(s, t, command)),
        }
    }
    if wrong.is_empty() {
        return Ok(ids);
    }
    Err(Failure::Usage(format!("{}; nothing was changed (list ids with `hallway talks`)", wrong.join("; "))))
}

fn unknown(s: &Schedule, typed: &str, command: &str) -> String {
    let mut said = format!("no talk with id '{}' in {}", line(typed), s.conference.name);
    let close = crate::did_you_mean::closest_talks(s, typed, 3);
    if let Some(&best) = close.first() {
        let names: Vec<String> = close.iter().map(|&i| named(s, i)).collect();
        said.push_str(&format!(". Did you mean {}? `hallway {command} {}`", names.join(", or "), short(s, best)));
    }
    said
}

fn ambiguous(s: &Schedule, typed: &str, found: &[usize], command: &str) -> String {
    let names: Vec<String> = found.iter().take(3).map(|&i| named(s, i)).collect();
    let more = found.len().saturating_sub(names.len());
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    format!(
        "'{}' is the start of {} ids: {}{more}; type more of it, as in `hallway {command} {}`",
        line(typed),
        found.len(),
        names.join(", "),
        short(s, found[0])
    )
}

fn named(s: &Schedule, i: usize) -> String {
    let t = &s.talks()[i];
    format!("{} (\"{}\")", line(&t.id), line(&t.title))
}

/// The shortest start of the talk's id that names it alone (the whole id when none does).
fn short(s: &Schedule, i: usize) -> String {
    let id = &s.talks()[i].id;
    let len = crate::schedule::short_ids(s, MIN_PREFIX)[i];
    // `short_ids` leaves a start that is some talk's slug longer; whatever it says is checked.
    line(if s.named(&id[..len]) == Named::Talk(i) { &id[..len] } else { id })
}
