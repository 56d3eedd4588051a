//! A schedule named rather than given: a well-known conference and its year, the start of a
//! conference planned before, or what to say when a name is none of these.

use super::OpenError;
use crate::recent::Opened;
use crate::schedule;
use std::path::{Path, PathBuf};

/// The one conference planned whose id or name starts with `typed` (any case), if only one does.
pub(super) fn planned_starting<'a>(opened: &'a [Opened], typed: &str) -> Option<&'a Opened> {
    let typed = typed.trim().to_lowercase();
    let starts = |o: &&Opened| o.id.to_lowercase().starts_with(&typed) || o.name.to_lowercase().starts_with(&typed);
    let mut found = opened.iter().filter(starts);
    let first = found.next().filter(|_| !typed.is_empty())?;
    found.next().is_none().then_some(first)
}

/// The feed of a known conference named `name:year` (see `catalogue`), unless a file has that
/// name; a known name without a year, or with a wrong one, is a usage error.
pub(super) fn known_feed(text: &str) -> Result<Option<String>, OpenError> {
    // Only `name:year` (a name alone may be a conference planned before, said by
    // `no_such_schedule` otherwise); an address or a file is never looked up, so a broken
    // catalogue of one's own never stands in the way of one.
    let looks_named = text.split_once(':').is_some_and(|(name, year)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && !year.is_empty()
            && year.chars().all(|c| c.is_ascii_alphanumeric())
    });
    if !looks_named || Path::new(text).exists() {
        return Ok(None);
    }
    let all = crate::catalogue::known(catalogue_file().as_deref()).map_err(OpenError::Usage)?;
    crate::catalogue::resolve(&all, text).transpose().map_err(OpenError::Usage)
}

/// A person's own catalogue: `catalogue.toml` beside the config file.
pub fn catalogue_file() -> Option<PathBuf> {
    Some(crate::dirs::config_file()?.parent()?.join("catalogue.toml"))
}

/// What to say of a `--schedule` that names no file: the conferences planned before whose id
/// or name holds it (`fosdem` finds fosdem-2021), the bundled schedules, and the scheme an
/// address needs.
pub fn no_such_schedule(name: &str, opened: &[Opened]) -> String {
    let bundled: Vec<&str> = schedule::BUNDLED_SCHEDULES.iter().map(|(n, _)| *n).collect();
    let mut text = format!("no schedule file '{}'", crate::sanitize::line(name));
    let typed = name.trim().to_lowercase();
    let planned: Vec<String> = opened
        .iter()
        .filter(|o| {
            !typed.is_empty() && (o.id.to_lowercase().contains(&typed) || o.name.to_lowercase().contains(&typed))
        })
        .take(3)
        .map(|o| format!("--schedule {} ({})", crate::sanitize::line(&o.id), crate::sanitize::line(&o.name)))
        .collect();
    let planned =
        if planned.is_empty() { String::new() } else { format!("; you planned {} before", planned.join(", ")) };
    // A broken catalogue of one's own still leaves the bundled one to suggest from.
    let all = crate::catalogue::known(catalogue_file().as_deref())
        .or_else(|_| crate::catalogue::known(None))
        .unwrap_or_default();
    // A known conference without its year: that is what to say, with those planned.
    if let Some(Err(why)) = crate::catalogue::resolve(&all, name) {
        return format!("{why}{planned}");
    }
    text.push_str(&planned);
    // "fosdem.org/2024/schedule.xml": a host, then a path, and no scheme.
    let host = name.split('/').next().unwrap_or("");
    if !name.contains("://") && name.contains('/') && host.contains('.') && !host.starts_with('.') {
        text.push_str(&format!(
            "; to download it, give the address with its scheme: https://{}",
            crate::sanitize::line(name)
        ));
    }
    if !all.is_empty() {
        let names: Vec<&str> = all.keys().map(String::as_str).collect();
        text.push_str(&format!("; known conferences take a year: {} (--schedule fosdem:2026)", names.join(", ")));
    }
    text.push_str(&format!(
        "; the bundled schedules are {} (for example --schedule {})",
        bundled.join(", "),
        bundled.first().copied().unwrap_or("p99conf")
    ));
    text
}
