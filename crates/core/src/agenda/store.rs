//! Where the agenda lives on disk and how it is written without ever losing it: atomic
//! replacement, an advisory lock around read-merge-write so two windows never undo each
//! other, older formats migrated with a backup, unreadable files moved aside.

use super::{Agenda, FORMAT_VERSION};
use chrono::Utc;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot {action} agenda file {}: {source}", .path.display())]
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    #[error("agenda file {} could not be used ({reason}); it was moved to {} so nothing is lost, {}", .path.display(), .moved_to.display(), kept_or_empty(*.kept))]
    Corrupt {
        path: PathBuf,
        moved_to: PathBuf,
        reason: String,
        /// The marks that read cleanly before a torn end, saved in its place.
        kept: Option<usize>,
    },
    /// Written by a newer hallway: this one neither moves nor writes it (an older hallway
    /// beside a newer one must not split a person's agenda).
    #[error("agenda file {} was written by a newer hallway (format {version}; this one reads up to {FORMAT_VERSION}): upgrade hallway to change it", .path.display())]
    Newer { path: PathBuf, version: u32 },
    #[error("no data directory: set HALLWAY_DATA_DIR or pass --data-dir")]
    NoDataDir,
}

fn kept_or_empty(kept: Option<usize>) -> String {
    match kept {
        Some(1) => "and the 1 mark before the tear is kept".into(),
        Some(n) => format!("and the {n} marks before the tear are kept"),
        None => "and your agenda starts empty".into(),
    }
}

/// The format version alone, read before the rest: a newer file may not read as this
/// hallway's agenda at all.
#[derive(serde::Deserialize)]
struct Version {
    version: u32,
}

/// The platform data dir for hallway (`$XDG_DATA_HOME/hallway` on Linux).
pub fn default_data_dir() -> Result<PathBuf, StoreError> {
    crate::dirs::data_dir().ok_or(StoreError::NoDataDir)
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

    /// Where friends' agendas for the same conference are kept (data, apart from ours).
    pub fn friends_path(&self) -> PathBuf {
        let dir = self.path.parent().and_then(Path::parent).unwrap_or(Path::new("."));
        dir.join("friends").join(self.path.file_name().unwrap_or_default())
    }

    /// Load the agenda; a missing file is an empty agenda. A file we cannot read or
    /// understand is moved aside (never overwritten) and reported. An older format is migrated,
    /// with the original kept beside it.
    pub fn load(&self, conference_id: &str) -> Result<Agenda, StoreError> {
        let bytes = match crate::bounded::read(&self.path, crate::bounded::MAX_BYTES) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Agenda::new(conference_id)),
            // A file where a folder of the path should be: there is no agenda to set aside, and
            // the folder cannot be made.
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
                return Err(StoreError::Io { action: "read", path: self.path.clone(), source: e });
            }
            Err(e) => {
                let moved_to = self.move_aside()?;
                return Err(StoreError::Corrupt {
                    path: self.path.clone(),
                    moved_to,
                    reason: format!("cannot read it: {e}"),
                    kept: None,
                });
            }
        };
        if let Some(Ok(Version { version })) = first_value::<Version>(&bytes)
            && version > FORMAT_VERSION
        {
            return Err(StoreError::Newer { path: self.path.clone(), version });
        }
        let reason = match serde_json::from_slice::<Agenda>(&bytes) {
            Ok(a) if a.version < FORMAT_VERSION => return self.migrate(a, &bytes),
            Ok(a) => return Ok(a),
            Err(e) => format!("not a hallway agenda: {e}"),
        };
        let moved_to = self.move_aside()?;
        // A whole agenda followed by a torn end (the NUL bytes some file systems leave after a
        // power cut): the original is kept aside, and the marks that read cleanly are kept.
        if let Some(Ok(recovered)) = first_value::<Agenda>(&bytes)
            && recovered.version == FORMAT_VERSION
            && recovered.conference == conference_id
        {
            self.write(&recovered)?;
            let reason = "it ends torn".to_string();
            let kept = Some(recovered.marks.len());
            return Err(StoreError::Corrupt { path: self.path.clone(), moved_to, reason, kept });
        }
        Err(StoreError::Corrupt { path: self.path.clone(), moved_to, reason, kept: None })
    }

    /// [`Store::load`] for a command that only reads: an agenda written by a newer hallway is
    /// read as this one understands it (unknown fields left out), with a note saying so.
    pub fn load_for_reading(&self, conference_id: &str) -> Result<(Agenda, Option<String>), StoreError> {
        match self.load(conference_id) {
            Ok(a) => Ok((a, None)),
            Err(e @ StoreError::Newer { .. }) => {
                let bytes = crate::bounded::read(&self.path, crate::bounded::MAX_BYTES)
                    .map_err(|source| StoreError::Io { action: "read", path: self.path.clone(), source })?;
                let a =
                    first_value::<Agenda>(&bytes).and_then(Result::ok).unwrap_or_else(|| Agenda::new(conference_id));
                Ok((a, Some(format!("{e}; shown as this hallway reads it"))))
            }
            Err(e) => Err(e),
        }
    }

    /// The ids marked, read without touching the file: nothing for a file that is missing or
    /// cannot be read (the planner's own [`Store::load`] then says what is wrong with it).
    pub fn peek_ids(&self) -> Vec<String> {
        crate::bounded::read(&self.path, crate::bounded::MAX_BYTES)
            .ok()
            .and_then(|b| serde_json::from_slice::<Agenda>(&b).ok())
            .map(|a| a.marks.into_keys().collect())
            .unwrap_or_default()
    }

    /// Version 1 had no record of removals; nothing else changed. The v1 file is kept as
    /// `<name>.json.v1-backup` before the first write in the new format.
    fn migrate(&self, mut a: Agenda, original: &[u8]) -> Result<Agenda, StoreError> {
        let old = a.version;
        let mut backup = self.path.clone().into_os_string();
        backup.push(format!(".v{old}-backup"));
        let backup = PathBuf::from(backup);
        if !backup.exists() {
            crate::atomic::write(&backup, original).map_err(|e| StoreError::Io {
                action: "keep a backup of the older",
                path: backup.clone(),
                source: e,
            })?;
        }
        a.version = FORMAT_VERSION;
        self.write(&a)?;
        Ok(a)
    }

    /// Run `f` on the agenda on disk under the lock and save the result: one read-change-write
    /// that no other hallway process can interleave with.
    pub fn update<T>(&self, conference_id: &str, f: impl FnOnce(&mut Agenda) -> T) -> Result<(Agenda, T), StoreError> {
        let _lock = self.lock()?;
        let mut agenda = self.load(conference_id)?;
        let out = f(&mut agenda);
        self.write(&agenda)?;
        Ok((agenda, out))
    }

    /// Save `ours` merged with whatever another process saved meanwhile (per-talk later change
    /// wins), and return what was saved: the TUI's way of saving.
    pub fn sync(&self, ours: &Agenda) -> Result<Agenda, StoreError> {
        let _lock = self.lock()?;
        let mut merged = ours.clone();
        match self.load(&ours.conference) {
            Ok(disk) => merged.merge(&disk),
            // Moved aside: nothing to merge, and ours is what there is.
            Err(StoreError::Corrupt { .. }) => {}
            Err(e) => return Err(e),
        }
        self.write(&merged)?;
        Ok(merged)
    }

    /// When the file last changed, to notice another process saving.
    pub fn modified(&self) -> Option<std::time::SystemTime> {
        std::fs::metadata(&self.path).and_then(|m| m.modified()).ok()
    }

    /// An advisory lock on `<name>.json.lock`, released when dropped (or when the process dies).
    fn lock(&self) -> Result<std::fs::File, StoreError> {
        let dir = self.path.parent().expect("agenda path has a parent");
        let io = |action, e| StoreError::Io { action, path: self.path.clone(), source: e };
        std::fs::create_dir_all(dir).map_err(|e| io("create the directory of the", e))?;
        let mut lock_path = self.path.clone().into_os_string();
        lock_path.push(".lock");
        let file = crate::bounded::open_with(
            Path::new(&lock_path),
            std::fs::OpenOptions::new().create(true).truncate(false).write(true),
        )
        .map_err(|e| io("lock", e))?;
        file.lock().map_err(|e| io("lock", e))?;
        Ok(file)
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

    /// Save under the lock (see [`Store::sync`] to keep another process's changes too).
    pub fn save(&self, agenda: &Agenda) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.write(agenda)
    }

    /// Write atomically: temp file in the same directory, fsync, rename, fsync the directory.
    /// A crash at any point leaves either the old file or the new one.
    fn write(&self, agenda: &Agenda) -> Result<(), StoreError> {
        let dir = self.path.parent().expect("agenda path has a parent");
        let io = |action, e| StoreError::Io { action, path: self.path.clone(), source: e };
        std::fs::create_dir_all(dir).map_err(|e| io("create the directory of the", e))?;
        let mut json = serde_json::to_vec_pretty(agenda).expect("agenda serialises");
        json.push(b'\n');
        crate::atomic::write_as(&self.path, &json, ".agenda-").map_err(|e| io("write", e))?;
        remove_stale_temp_files(dir);
        Ok(())
    }
}

/// The first JSON value of `bytes`, whatever follows it.
fn first_value<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<Result<T, serde_json::Error>> {
    serde_json::Deserializer::from_slice(bytes).into_iter::<T>().next()
}

/// A process killed mid-save leaves its temp file; one older than half a minute is garbage (a
/// live writer's lives for milliseconds), swept at every save so a kill loop leaves no pile.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let stale = std::time::Duration::from_secs(30);
    for e in entries.flatten() {
        let name = e.file_name();
        let is_temp = name.to_str().is_some_and(|n| n.starts_with(".agenda-") && n.ends_with(".tmp"));
        let old =
            e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age > stale);
        if is_temp && old {
            let _ = std::fs::remove_file(e.path());
        }
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
        let temp: Vec<_> = std::fs::read_dir(store.path().parent().unwrap())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(temp.is_empty(), "no temp files left behind");
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "c");
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        let content = "{not json";
        std::fs::write(store.path(), content).unwrap();
        let err = store.load("c").unwrap_err();
        let StoreError::Corrupt { moved_to, kept: None, .. } = err else { panic!("{err}") };
        assert_eq!(std::fs::read_to_string(&moved_to).unwrap(), content);
        assert!(!store.path().exists());
        assert!(err_text(&store).is_empty(), "the next read starts empty, without an error");
    }

    fn err_text(store: &Store) -> String {
        store.load("c").err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn a_newer_hallways_agenda_is_neither_moved_nor_written_and_is_read_as_far_as_it_can_be() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "p99conf-2022");
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        // This hallway's agenda as a newer one would write it: another version, a field more.
        let s = crate::schedule::bundled();
        let mut mine = Agenda::new("p99conf-2022");
        mine.set(&s, s.talk("io-uring").unwrap(), MarkKind::Attend, Utc::now());
        let mut v = serde_json::to_value(&mine).unwrap();
        v["version"] = 99.into();
        v["future"] = serde_json::json!([1, 2]);
        let newer = serde_json::to_string(&v).unwrap();
        std::fs::write(store.path(), &newer).unwrap();
        let err = store.load("p99conf-2022").unwrap_err();
        assert!(matches!(err, StoreError::Newer { version: 99, .. }), "{err}");
        assert!(err.to_string().contains("written by a newer hallway (format 99"), "{err}");
        // A writer refuses: nothing moved, nothing written.
        let refused =
            store.update("p99conf-2022", |a| a.set(&s, s.talk("extreme-http").unwrap(), MarkKind::Attend, Utc::now()));
        assert!(matches!(refused, Err(StoreError::Newer { .. })));
        assert!(store.sync(&Agenda::new("p99conf-2022")).is_err());
        assert_eq!(std::fs::read_to_string(store.path()).unwrap(), newer, "untouched");
        // A reader answers from what it understands, and says why it may be missing something.
        let (a, note) = store.load_for_reading("p99conf-2022").unwrap();
        assert!(note.unwrap().contains("newer hallway"));
        assert_eq!(a.marks.keys().collect::<Vec<_>>(), ["io-uring"]);
        let files: Vec<String> = std::fs::read_dir(store.path().parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".lock"))
            .collect();
        assert_eq!(files, ["p99conf-2022.json"], "nothing set aside");
    }

    #[test]
    fn a_torn_end_is_set_aside_and_the_marks_before_it_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "p99conf-2022");
        let s = crate::schedule::bundled();
        let mut a = Agenda::new("p99conf-2022");
        for id in ["io-uring", "extreme-http", "ebpf-vs-sidecars"] {
            a.set(&s, s.talk(id).unwrap(), MarkKind::Attend, Utc::now());
        }
        store.save(&a).unwrap();
        // What a power cut can leave: the file whole, then a run of NUL bytes.
        let mut torn = std::fs::read(store.path()).unwrap();
        torn.extend([0u8; 100]);
        std::fs::write(store.path(), &torn).unwrap();
        let err = store.load("p99conf-2022").unwrap_err();
        let StoreError::Corrupt { moved_to, kept: Some(3), .. } = &err else { panic!("{err}") };
        assert!(err.to_string().ends_with("and the 3 marks before the tear are kept"), "{err}");
        assert_eq!(std::fs::read(moved_to).unwrap(), torn, "the original, byte for byte");
        assert_eq!(store.load("p99conf-2022").unwrap(), a, "the marks that read cleanly, saved in its place");
    }

    #[test]
    fn an_unreadable_file_is_moved_aside_too() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "c");
        // A directory where the file should be: reading fails (as a file without permission does).
        std::fs::create_dir_all(store.path()).unwrap();
        let err = store.load("c").unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("cannot read it"), "{err}");
        assert!(!store.path().exists());
    }

    #[test]
    fn a_version_1_file_is_migrated_and_kept_as_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "p99conf-2022");
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        let v1 =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/agenda-v1.json")).unwrap();
        std::fs::write(store.path(), &v1).unwrap();
        let a = store.load("p99conf-2022").unwrap();
        assert_eq!(a.version, FORMAT_VERSION);
        assert_eq!(a.kind("ebpf-vs-sidecars"), Some(MarkKind::Attend));
        assert_eq!(a.note("io-uring"), Some("watch with the storage team"));
        let backup = dir.path().join("agendas/p99conf-2022.json.v1-backup");
        assert_eq!(std::fs::read_to_string(backup).unwrap(), v1, "the original, byte for byte");
        let on_disk: serde_json::Value = serde_json::from_slice(&std::fs::read(store.path()).unwrap()).unwrap();
        assert_eq!(on_disk["version"], FORMAT_VERSION);
        assert_eq!(store.load("p99conf-2022").unwrap(), a, "migrated once");
    }

    #[test]
    fn sync_keeps_what_another_process_saved() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "p99conf-2022");
        let s = schedule::bundled();
        let t0 = Utc::now();
        let mut window = Agenda::new("p99conf-2022");
        window.set(&s, s.talk("ebpf-vs-sidecars").unwrap(), MarkKind::Attend, t0);
        store.sync(&window).unwrap();
        // Another process stars a talk and unstars ours, later.
        store
            .update("p99conf-2022", |a| {
                a.set(&s, s.talk("io-uring").unwrap(), MarkKind::OnDemand, t0 + chrono::Duration::seconds(1));
                a.unmark("ebpf-vs-sidecars", t0 + chrono::Duration::seconds(2));
            })
            .unwrap();
        // Meanwhile this window added one of its own; its save keeps all of it.
        window.set(&s, s.talk("osnoise").unwrap(), MarkKind::Attend, t0 + chrono::Duration::seconds(3));
        let merged = store.sync(&window).unwrap();
        let kinds: Vec<(&str, MarkKind)> = merged.summary().into_iter().map(|(id, k, ..)| (id, k)).collect();
        assert_eq!(kinds, [("io-uring", MarkKind::OnDemand), ("osnoise", MarkKind::Attend)]);
        assert_eq!(store.load("p99conf-2022").unwrap(), merged);
    }

    #[test]
    fn hostile_conference_ids_stay_inside_the_data_dir() {
        let store = Store::new(Path::new("/d"), "../../etc/passwd");
        assert_eq!(store.path(), Path::new("/d/agendas/_.._etc_passwd.json"));
    }
}
