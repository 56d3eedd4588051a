//! The commands on a schedule file itself: `validate` (every problem, with line and column) and
//! `import` (any format into hallway's own).

use super::Failure;
use super::commands::{emit, emit_json};
use crate::schedule;
use std::path::Path;

/// Read any supported format and write hallway's own, telling what had to be guessed.
pub fn import(path: &Path, output: Option<&Path>, opts: schedule::import::Options) -> Result<(), Failure> {
    let s = schedule::load_path_with(path, opts)?;
    for note in &s.conference.notes {
        say!("note: {}", crate::sanitize::text(note));
    }
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let comment = format!(
        "Imported by hallway from {name}. Times are written with their UTC offset; \"track\" is the room, \"topic\" the organisers' track."
    );
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&schedule::native::to_value(&s, &comment)).expect("json serialises")
    );
    match output {
        Some(out) => {
            crate::atomic::write(out, text.as_bytes())
                .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", out.display())))?;
            let zone = crate::timefmt::zone_name(s.conference.tz);
            say!("wrote {}: {}, {}, times in {zone}", out.display(), s.conference.name, sizes(&s));
            Ok(())
        }
        None => emit(&text),
    }
}

/// "773 talks, 106 rooms, 2 days, 35 tracks", with "1 day" where it is one.
fn sizes(s: &schedule::Schedule) -> String {
    let n = |count: usize, word: &str| format!("{count} {word}{}", if count == 1 { "" } else { "s" });
    let tracks = crate::filter::Choices::of(s).tracks.len();
    let mut out =
        format!("{}, {}, {}", n(s.talks().len(), "talk"), n(s.conference.rooms.len(), "room"), n(s.day_count(), "day"));
    if tracks > 0 {
        out.push_str(&format!(", {}", n(tracks, "track")));
    }
    out
}

pub fn validate(path: &Path, json: bool, opts: schedule::import::Options) -> Result<(), Failure> {
    let result = schedule::load_path_with(path, opts);
    if let Err(schedule::LoadError::Io { .. }) = result {
        return Err(result.unwrap_err().into());
    }
    let shown = crate::sanitize::line(&path.display().to_string());
    let ok = result.is_ok();
    if json {
        let problems = match &result {
            Ok(_) => vec![],
            Err(e) => e
                .problems()
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "line": p.line, "column": p.column, "talk": p.talk, "message": p.message,
                    })
                })
                .collect(),
        };
        let talks = result.as_ref().map_or(0, |s| s.talks().len());
        let pairs = result.as_ref().map_or(vec![], |s| s.same_room_overlaps());
        let notes = result.as_ref().map_or(vec![], |s| validation_notes(s, &pairs));
        let overlaps: Vec<[&str; 2]> = result.as_ref().map_or(vec![], |s| {
            pairs.iter().map(|&(a, b)| [s.talks()[a].id.as_str(), s.talks()[b].id.as_str()]).collect()
        });
        // Problems past the first 50 are counted, not listed (`more_problems`).
        let more = result.as_ref().err().map_or(0, |e| e.more());
        emit_json(&serde_json::json!({
            "path": shown, "ok": ok, "talks": talks, "problems": problems, "more_problems": more, "notes": notes,
            "same_room_overlaps": overlaps,
        }))?;
    } else {
        emit(&match &result {
            Ok(s) => {
                let zone = crate::timefmt::zone_name(s.conference.tz);
                let mut out = format!("{shown}: ok: {}, {}, times in {zone}\n", s.conference.name, sizes(s));
                for note in &validation_notes(s, &s.same_room_overlaps()) {
                    out.push_str(&format!("  note: {note}\n"));
                }
                out
            }
            Err(e) => format!("{e}\n"),
        })?;
    }
    if ok { Ok(()) } else { Err(Failure::Reported(2)) }
}

/// What the loader had to guess, and what looks wrong though it loads: talks on at once in the
/// same room (a double booking, or a session and the talks inside it).
fn validation_notes(s: &schedule::Schedule, pairs: &[(usize, usize)]) -> Vec<String> {
    let mut notes: Vec<String> = s.conference.notes.iter().chain(&s.conference.remarks).cloned().collect();
    if !pairs.is_empty() {
        const SHOWN: usize = 5;
        let t = |i: usize| &s.talks()[i];
        let when =
            |i: usize| format!("{} {}", s.local(t(i).start).format("%a"), crate::timefmt::range_on_its_date(s, t(i)));
        let mut text = if pairs.len() == 1 {
            "1 pair of talks overlaps in the same room:".to_string()
        } else {
            format!("{} pairs of talks overlap in the same room:", pairs.len())
        };
        let named = |i: usize| format!("\"{}\" [{}] {}", t(i).title, t(i).id, when(i));
        for &(a, b) in pairs.iter().take(SHOWN) {
            text.push_str(&format!("\n    {}: {} and {}", s.room_name(t(a)), named(a), named(b)));
        }
        if pairs.len() > SHOWN {
            text.push_str(&format!("\n    and {} more (hallway validate --json lists them all)", pairs.len() - SHOWN));
        }
        notes.push(text);
    }
    notes
}
