//! Well-known conferences by a short name and a year (`fosdem:2026`), so a person at FOSDEM or
//! the Congress need not find the schedule's address. The list is a data file
//! (`data/catalogue.toml`, embedded); a person's own file adds entries or replaces them.

use std::collections::BTreeMap;
use std::path::Path;

/// The catalogue hallway ships.
const BUNDLED: &str = include_str!("../../../data/catalogue.toml");

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Entry {
    /// What the conference is, for the list (`hallway conferences --known`).
    pub name: String,
    /// The feed's address, with `{year}` and `{yy}` where the year goes.
    pub url: String,
}

/// The known conferences by short name: the bundled list, with `extra` (a person's own file)
/// over it. A file that cannot be read is said as the error.
pub fn known(extra: Option<&Path>) -> Result<BTreeMap<String, Entry>, String> {
    let mut all: BTreeMap<String, Entry> = toml::from_str(BUNDLED).expect("the bundled catalogue is checked by tests");
    if let Some(path) = extra.filter(|p| p.exists()) {
        let bytes = crate::bounded::read_named(path, 1024 * 1024)
            .map_err(|e| format!("cannot read the catalogue {}: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let mine: BTreeMap<String, Entry> = toml::from_str(&text)
            .map_err(|e| crate::sanitize::line(&format!("the catalogue {}: {e}", path.display())))?;
        all.extend(mine);
    }
    Ok(all)
}

/// What a `--schedule` naming a known conference means: None when `text` is no `name:year`
/// (or `name`) of the catalogue; else its feed's address, or why there is none.
pub fn resolve(all: &BTreeMap<String, Entry>, text: &str) -> Option<Result<String, String>> {
    let (key, year) = match text.split_once(':') {
        Some((k, y)) if !y.starts_with("//") => (k, Some(y)),
        Some(_) => return None,
        None => (text, None),
    };
    let entry = all.get(&key.to_lowercase())?;
    let Some(year) = year else {
        return Some(Err(format!("{} needs a year: --schedule {key}:2026 (for example)", entry.name)));
    };
    match year.trim().parse::<u16>() {
        Ok(y) if (1990..=2100).contains(&y) => {
            Some(Ok(entry.url.replace("{year}", &y.to_string()).replace("{yy}", &format!("{:02}", y % 100))))
        }
        _ => Some(Err(format!("'{}' is not a year: --schedule {key}:2026 (for example)", crate::sanitize::line(year)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_conference_and_a_year_give_its_feed() {
        let all = known(None).unwrap();
        assert!(all.len() >= 6 && all.values().all(|e| e.url.starts_with("https://") && e.url.contains("{")));
        assert_eq!(resolve(&all, "fosdem:2026"), Some(Ok("https://fosdem.org/2026/schedule/xml".into())));
        assert_eq!(resolve(&all, "FOSDEM:2021"), Some(Ok("https://fosdem.org/2021/schedule/xml".into())));
        assert_eq!(
            resolve(&all, "debconf:2024"),
            Some(Ok("https://debconf24.debconf.org/schedule/pentabarf.xml".into()))
        );
        assert!(matches!(resolve(&all, "fosdem"), Some(Err(e)) if e.contains("--schedule fosdem:2026")));
        assert!(matches!(resolve(&all, "fosdem:soon"), Some(Err(e)) if e.contains("not a year")));
        assert_eq!(resolve(&all, "nosuch:2026"), None);
        assert_eq!(resolve(&all, "https://example.org/x.json"), None);
    }

    #[test]
    fn a_persons_own_file_adds_and_replaces_entries() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("catalogue.toml");
        std::fs::write(&mine, "[fosdem]\nname = \"F\"\nurl = \"http://127.0.0.1:1/{year}.xml\"\n[local]\nname = \"L\"\nurl = \"http://x/{yy}\"\n").unwrap();
        let all = known(Some(&mine)).unwrap();
        assert_eq!(resolve(&all, "fosdem:2026"), Some(Ok("http://127.0.0.1:1/2026.xml".into())));
        assert_eq!(resolve(&all, "local:2009"), Some(Ok("http://x/09".into())));
        std::fs::write(&mine, "[broken\n").unwrap();
        assert!(known(Some(&mine)).unwrap_err().contains("catalogue.toml"));
    }
}
