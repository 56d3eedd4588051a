//! Which schedule a command opens: `--schedule` (a file, an address, a bundled name, or a
//! conference opened before, by id or name), else the conference used last, else the sample.
//! And `hallway conferences`, the list of them.

use super::{Failure, Global};
use crate::recent::{Opened, Recent};
use crate::schedule::{self, compiled};
use std::path::Path;

/// The schedule to open and the zone to read it in, before anything is read.
pub fn source(g: &Global, data_dir: &Path) -> Result<(Option<String>, Option<String>), Failure> {
    let recent = Recent::new(data_dir);
    Ok(match &g.schedule {
        Some(p) => {
            let given = p.to_string_lossy().into_owned();
            // A name that is no file and not bundled may be a conference opened before.
            let known = (!p.exists() && !crate::fetch::is_url(&given) && schedule::bundled_text(&given).is_none())
                .then(|| recent.find(&given))
                .flatten();
            match known {
                Some(o) if gone(&o.source) => {
                    return Err(Failure::Usage(format!(
                        "{} was opened from {}, which is gone: give its new place with --schedule",
                        crate::sanitize::line(&o.name),
                        o.source
                    )));
                }
                Some(o) => (Some(o.source), g.tz.clone().or(o.tz)),
                None => {
                    // A file opened before, from the same place: the zone given for it then
                    // (a moved file is matched by its conference id after reading).
                    let here = std::fs::canonicalize(p).ok().map(|c| c.display().to_string());
                    let remembered =
                        here.and_then(|h| recent.list().into_iter().find(|o| o.source == h)).and_then(|o| o.tz);
                    (Some(given), g.tz.clone().or(remembered))
                }
            }
        }
        None => match recent.last() {
            Some(o) if gone(&o.source) => {
                eprintln!(
                    "note: {} was opened last, but {} is gone; opening the sample (--schedule opens another)",
                    crate::sanitize::line(&o.name),
                    o.source
                );
                (None, g.tz.clone())
            }
            Some(o) => (Some(o.source), g.tz.clone().or(o.tz)),
            None => (None, g.tz.clone()),
        },
    })
}

/// A remembered file that is no longer there (an address or a bundled name never is).
fn gone(source: &str) -> bool {
    !crate::fetch::is_url(source) && schedule::bundled_text(source).is_none() && !Path::new(source).exists()
}

/// Open a schedule; returns it with where it came from, as it will be remembered. A file is
/// read from its compiled form when that is fresh (see `schedule::compiled`).
/// `fresh_for`: see `Fetcher::fresh_for`.
pub fn open(
    source: Option<&str>,
    opts: schedule::import::Options,
    fresh_for: std::time::Duration,
) -> Result<(compiled::Opened, String), Failure> {
    let cache = compiled::Cache::from_env();
    // A bundled schedule is compiled too, keyed by its content (it changes with hallway).
    let bundled = |name: &str, json: &str| -> Result<compiled::Opened, Failure> {
        let file = format!("data/{name}.json");
        Ok(match &cache {
            Some(c) => c.open_bytes(&format!("bundled {name}"), &file, json.as_bytes(), opts)?,
            None => compiled::Opened::Parsed(schedule::parse_bytes_with(json.as_bytes(), &file, opts)?),
        })
    };
    let Some(source) = source else {
        let (name, json) = schedule::BUNDLED_SCHEDULES[0];
        return Ok((bundled(name, json)?, name.to_string()));
    };
    if crate::fetch::is_url(source) {
        let fetcher = crate::fetch::Fetcher { fresh_for, ..crate::fetch::Fetcher::from_env() };
        let s = fetcher.schedule(source, opts).map_err(|e| match e {
            crate::fetch::FetchError::Invalid(e) => Failure::Invalid(e),
            other => Failure::Runtime(other.to_string()),
        })?;
        return Ok((s, source.to_string()));
    }
    let path = Path::new(source);
    // A file on disk wins; a bundled name works from anywhere.
    if !path.exists() {
        return match schedule::bundled_text(source) {
            Some((name, json)) => Ok((bundled(name, json)?, source.to_string())),
            None => Err(Failure::Usage(super::no_such_schedule(source))),
        };
    }
    let s = match cache {
        Some(cache) => cache.open_file(path, opts)?,
        None => compiled::Opened::Parsed(schedule::load_path_with(path, opts)?),
    };
    let absolute = std::fs::canonicalize(path).map_or_else(|_| source.to_string(), |p| p.display().to_string());
    Ok((s, absolute))
}

/// `hallway conferences`: those with an agenda, the one used last first.
pub fn list(g: &Global, json: bool) -> Result<(), Failure> {
    let data_dir = match &g.data_dir {
        Some(d) => d.clone(),
        None => crate::agenda::store::default_data_dir()?,
    };
    let rows: Vec<(Opened, usize)> = Recent::new(&data_dir)
        .list()
        .into_iter()
        .map(|o| {
            let marked = crate::agenda::store::Store::new(&data_dir, &o.id).load(&o.id).map_or(0, |a| a.marks.len());
            (o, marked)
        })
        .collect();
    if json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|(o, marked)| {
                serde_json::json!({"id": o.id, "name": o.name, "source": o.source, "first_day": o.first_day,
                    "last_day": o.last_day, "marked": marked, "opened": o.opened.to_rfc3339()})
            })
            .collect();
        return super::commands::emit_bytes(format!("{}\n", serde_json::Value::Array(v)).as_bytes());
    }
    if rows.is_empty() {
        return super::commands::emit_bytes(
            b"No conference planned yet: open one with `hallway --schedule FILE|URL|NAME`; the next `hallway` reopens it.\n",
        );
    }
    let mut out = String::new();
    for (n, (o, marked)) in rows.iter().enumerate() {
        let dates = match (o.first_day, o.last_day) {
            (Some(a), Some(b)) if a == b => a.format("%a %-d %b %Y").to_string(),
            (Some(a), Some(b)) => format!("{} - {}", a.format("%a %-d %b"), b.format("%a %-d %b %Y")),
            _ => "no talks".into(),
        };
        let last = if n == 0 { "  (opened last)" } else { "" };
        let talks = format!("{marked} talk{} marked", if *marked == 1 { "" } else { "s" });
        out.push_str(&format!(
            "{}  {dates}  {talks}{last}\n    hallway --schedule {}\n",
            crate::sanitize::line(&o.name),
            o.id
        ));
    }
    super::commands::emit_bytes(out.as_bytes())
}
