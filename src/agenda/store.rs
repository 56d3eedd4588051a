//! Where the agenda lives on disk and how it is written without ever losing it.

use super::{Agenda, FORMAT_VERSION};
use chrono::Utc;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot {action} agenda file {}: {source}", .path.display())]
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    #[error("agenda file {} could not be used ({reason}); it was moved to {} so nothing is lost, and your agenda starts empty", .path.display(), .moved_to.display())]
    Corrupt { path: PathBuf, moved_to: PathBuf, reason: String },
    #[error("no data directory: set HALLWAY_DATA_DIR or pass --data-dir")]
    NoDataDir,
}

/// The platform data dir for hallway (`$XDG_DATA_HOME/hallway` on Linux).
pub fn default_data_dir() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "hallway").map(|d| d.data_dir().to_path_buf()).ok_or(StoreError::NoDataDir)
}

pub struct Store {
    path: PathBuf,
}

impl Store {
    pub fn new(data_dir: &Path, conference_id: &str) -> Self {
        let safe: String = conference_id
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
            .collect();
        let safe = safe.trim_start_matches('.');
        let name = if safe.is_empty() { "conference" } else { safe };
        Self { path: data_dir.join("agendas").join(format!("{name}.json")) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Load the agenda; a missing file is an empty agenda. A file we cannot understand is moved
    /// aside (never overwritten) and reported.
    pub fn load(&self, conference_id: &str) -> Result<Agenda, StoreError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Agenda::new(conference_id)),
            Err(e) => return Err(StoreError::Io { action: "read", path: self.path.clone(), source: e }),
        };
        let reason = match serde_json::from_slice::<Agenda>(&bytes) {
            Ok(a) if a.version > FORMAT_VERSION => {
                format!("it has format version {}, newer than this hallway understands ({FORMAT_VERSION})", a.version)
            }
            Ok(a) => return Ok(a),
            Err(e) => format!("not a hallway agenda: {e}"),
        };
        let moved_to = self.move_aside()?;
        Err(StoreError::Corrupt { path: self.path.clone(), moved_to, reason })
    }

    fn move_aside(&self) -> Result<PathBuf, StoreError> {
        let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let mut aside = self.path.clone().into_os_string();
        aside.push(format!(".corrupt-{stamp}"));
        let aside = PathBuf::from(aside);
        std::fs::rename(&self.path, &aside).map_err(|e| StoreError::Io {
            action: "move aside the unreadable",
            path: self.path.clone(),
            source: e,
        })?;
        Ok(aside)
    }

    /// Write atomically: temp file in the same directory, fsync, rename, fsync the directory.
    /// A crash at any point leaves either the old file or the new one.
    pub fn save(&self, agenda: &Agenda) -> Result<(), StoreError> {
        let dir = self.path.parent().expect("agenda path has a parent");
        let io = |action, e| StoreError::Io { action, path: self.path.clone(), source: e };
        std::fs::create_dir_all(dir).map_err(|e| io("create the directory of the", e))?;
        let mut tmp =
            tempfile::Builder::new().prefix(".agenda-").suffix(".tmp").tempfile_in(dir).map_err(|e| io("write", e))?;
        let mut json = serde_json::to_vec_pretty(agenda).expect("agenda serialises");
        json.push(b'\n');
        tmp.write_all(&json).map_err(|e| io("write", e))?;
        tmp.as_file().sync_all().map_err(|e| io("sync", e))?;
        tmp.persist(&self.path).map_err(|e| io("replace", e.error))?;
        if let Ok(d) = std::fs::File::open(dir) {
            // Makes the rename itself durable; not every filesystem supports it, so best effort.
            let _ = d.sync_all();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::MarkKind;
    use crate::schedule;

    #[test]
    fn round_trip_and_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "p99conf-2022");
        assert!(store.load("p99conf-2022").unwrap().marks.is_empty());
        let s = schedule::bundled();
        let mut a = Agenda::new("p99conf-2022");
        a.set(&s, s.talk("ebpf-vs-sidecars").unwrap(), MarkKind::Attend, Utc::now());
        store.save(&a).unwrap();
        assert_eq!(store.load("p99conf-2022").unwrap(), a);
        assert!(store.path().ends_with("agendas/p99conf-2022.json"));
        let leftovers: Vec<_> = std::fs::read_dir(store.path().parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp files left behind");
    }

    #[test]
    fn corrupt_and_future_files_are_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "c");
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        for content in ["{not json", r#"{"version": 99, "conference": "c", "marks": {}}"#] {
            std::fs::write(store.path(), content).unwrap();
            let err = store.load("c").unwrap_err();
            let StoreError::Corrupt { moved_to, .. } = err else { panic!("{err}") };
            assert_eq!(std::fs::read_to_string(&moved_to).unwrap(), content);
            assert!(!store.path().exists());
        }
    }

    #[test]
    fn hostile_conference_ids_stay_inside_the_data_dir() {
        let store = Store::new(Path::new("/d"), "../../etc/passwd");
        assert_eq!(store.path(), Path::new("/d/agendas/_.._etc_passwd.json"));
    }
}
