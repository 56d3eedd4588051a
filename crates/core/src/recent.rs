//! The conferences a person has planned, most recent first: so `hallway` alone reopens the one
//! used last, and `hallway conferences` lists them, each reopened by its id or name.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A conference as it was last opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opened {
    pub id: String,
    pub name: String,
    /// Where its schedule came from: a file's absolute path, a URL, or a bundled name.
    pub source: String,
    /// The zone given with `--tz` then, for a schedule that names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tz: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_day: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_day: Option<NaiveDate>,
    pub opened: DateTime<Utc>,
}

/// Kept in the data folder beside the agendas.
pub struct Recent {
    path: PathBuf,
}

/// How many conferences are remembered.
const KEPT: usize = 50;

impl Recent {
    pub fn new(data_dir: &Path) -> Self {
        Self { path: data_dir.join("recent.json") }
    }

    /// Most recent first. A missing or unreadable file is no history: it only saves typing.
    pub fn list(&self) -> Vec<Opened> {
        crate::bounded::read(&self.path, crate::bounded::MAX_BYTES)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn last(&self) -> Option<Opened> {
        self.list().into_iter().next()
    }

    /// By id, or by name without regard to case.
    pub fn find(&self, name: &str) -> Option<Opened> {
        Self::find_in(&self.list(), name).cloned()
    }

    /// By id, or by name without regard to case, in a list already read.
    pub fn find_in<'a>(list: &'a [Opened], name: &str) -> Option<&'a Opened> {
        let name = name.trim();
        list.iter().find(|o| o.id == name || o.name.eq_ignore_ascii_case(name))
    }

    /// Put a conference first (replacing its older entry). A file that does not read as the
    /// list is kept aside (`recent.json.corrupt-TIME`), not written over: it holds the zones
    /// remembered for the conferences.
    pub fn record(&self, opened: Opened) -> std::io::Result<()> {
        let mut list = self.list();
        // Something not a file where the list goes (a FIFO, a device node, a folder) is not
        // ours to replace either: it is moved aside like a damaged list.
        let not_a_file = std::fs::symlink_metadata(&self.path).is_ok_and(|m| !m.is_file());
        let damaged = list.is_empty()
            && crate::bounded::read(&self.path, crate::bounded::MAX_BYTES)
                .is_ok_and(|bytes| serde_json::from_slice::<Vec<Opened>>(&bytes).is_err());
        if not_a_file || damaged {
            crate::atomic::set_aside(&self.path)?;
        }
        list.retain(|o| o.id != opened.id);
        list.insert(0, opened);
        list.truncate(KEPT);
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_vec_pretty(&list).expect("recent conferences serialise");
        crate::atomic::write(&self.path, &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opened(id: &str, name: &str, at: i64) -> Opened {
        Opened {
            id: id.into(),
            name: name.into(),
            source: format!("/x/{id}.json"),
            tz: None,
            first_day: None,
            last_day: None,
            opened: DateTime::from_timestamp(at, 0).unwrap(),
        }
    }

    #[test]
    fn the_last_opened_comes_first_and_is_found_by_id_or_name() {
        let dir = tempfile::tempdir().unwrap();
        let r = Recent::new(dir.path());
        assert_eq!(r.last(), None);
        r.record(opened("fosdem-2021", "FOSDEM 2021", 1)).unwrap();
        r.record(opened("p99conf-2022", "P99 CONF 2022", 2)).unwrap();
        r.record(opened("fosdem-2021", "FOSDEM 2021", 3)).unwrap();
        let ids: Vec<String> = r.list().into_iter().map(|o| o.id).collect();
        assert_eq!(ids, ["fosdem-2021", "p99conf-2022"]);
        assert_eq!(r.find("p99 conf 2022").unwrap().id, "p99conf-2022");
        assert_eq!(r.find("fosdem-2021").unwrap().name, "FOSDEM 2021");
        std::fs::write(dir.path().join("recent.json"), "{not json").unwrap();
        let kept_aside = || {
            std::fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("recent.json.corrupt-"))
                .count()
        };
        assert_eq!(kept_aside(), 0);
        assert!(r.list().is_empty(), "a broken file is no history, not an error");
        // Written over, it would lose what it held: it is kept aside first.
        r.record(opened("a", "A", 1)).unwrap();
        assert_eq!(kept_aside(), 1);
        assert_eq!(r.list().len(), 1);
        r.record(opened("b", "B", 2)).unwrap();
        assert_eq!(kept_aside(), 1, "a good file is not set aside");
    }

    /// Something not a file where the list goes is moved aside, never replaced.
    #[cfg(unix)]
    #[test]
    fn a_fifo_where_the_list_goes_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("recent.json");
        let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success());
        let r = Recent::new(dir.path());
        assert!(r.list().is_empty(), "a FIFO reads as no history, without waiting");
        let opened = Opened {
            id: "c".into(),
            name: "C".into(),
            source: "c.json".into(),
            tz: None,
            first_day: None,
            last_day: None,
            opened: chrono::Utc::now(),
        };
        r.record(opened).unwrap();
        assert_eq!(r.list().len(), 1);
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("recent.json.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1, "the FIFO is kept aside");
        assert!(!aside[0].file_type().unwrap().is_file());
    }
}
