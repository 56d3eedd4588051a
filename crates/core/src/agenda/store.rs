//! Where the agenda lives on disk and how it is written without ever losing it: atomic
//! replacement, an advisory lock around read-merge-write so two windows never undo each
//! other, older formats migrated with a backup, unreadable files moved aside.

use super::{Agenda, FORMAT_VERSION};
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
    /// Found damaged by a reader: left as it is, to be set aside by the next writer.
    #[error("agenda file {} could not be used ({reason}); it is kept as it is until your next change sets it aside, so nothing is lost", .path.display())]
    Damaged { path: PathBuf, reason: String },
    /// A whole agenda with a torn end, found by a reader: what reads cleanly, the file left as it is.
    #[error("agenda file {} ends torn; the {} mark{} before the tear are shown, and your next change keeps them and sets the file aside", .path.display(), .kept.marks.len(), if .kept.marks.len() == 1 { "" } else { "s" })]
    Torn { path: PathBuf, kept: Box<Agenda> },
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

    /// Load the agenda; a missing file is an empty agenda. An older format is migrated, with
    /// the original kept beside it. A file that cannot be used is said, and left where it is:
    /// it is set aside only by a writer, under the lock (see [`Store::update`]), so a reader
    /// can never move away a file another process has just written whole.
    pub fn load(&self, conference_id: &str) -> Result<Agenda, StoreError> {
        self.read(conference_id, false)
    }

    /// `repair`: under the lock, a file that cannot be used is moved aside (never overwritten),
    /// and the marks before a torn end are saved in its place.
    fn read(&self, conference_id: &str, repair: bool) -> Result<Agenda, StoreError> {
        let damaged = |reason: String| -> Result<Agenda, StoreError> {
            if !repair {
                return Err(StoreError::Damaged { path: self.path.clone(), reason });
            }
            let moved_to = self.move_aside()?;
            Err(StoreError::Corrupt { path: self.path.clone(), moved_to, reason, kept: None })
        };
        let bytes = match crate::bounded::read(&self.path, crate::bounded::MAX_BYTES) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Agenda::new(conference_id)),
            // Nothing wrong with the file itself (a file where a folder of the path should be,
            // no permission, a lease held elsewhere): said, and nothing is moved.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotADirectory
                        | std::io::ErrorKind::PermissionDenied
                        | std::io::ErrorKind::WouldBlock
                ) =>
            {
                return Err(StoreError::Io { action: "read", path: self.path.clone(), source: e });
            }
            Err(e) => return damaged(format!("cannot read it: {e}")),
        };
        if let Some(Ok(Version { version })) = first_value::<Version>(&bytes)
            && version > FORMAT_VERSION
        {
            return Err(StoreError::Newer { path: self.path.clone(), version });
        }
        let reason = match serde_json::from_slice::<Agenda>(&bytes) {
            Ok(a) if a.version < FORMAT_VERSION => return self.migrate(a.cleaned(), &bytes),
            Ok(a) => return Ok(a.cleaned()),
            Err(e) => format!("not a hallway agenda: {e}"),
        };
        // A whole agenda followed by a torn end (the NUL bytes some file systems leave after a
        // power cut): the marks that read cleanly are kept.
        let Some(Ok(kept)) = first_value::<Agenda>(&bytes)
            .filter(|r| r.as_ref().is_ok_and(|a| a.version == FORMAT_VERSION && a.conference == conference_id))
        else {
            return damaged(reason);
        };
        let kept = kept.cleaned();
        if !repair {
            return Err(StoreError::Torn { path: self.path.clone(), kept: Box::new(kept) });
        }
        let moved_to = self.move_aside()?;
        self.write(&kept)?;
        let reason = "it ends torn".to_string();
        Err(StoreError::Corrupt { path: self.path.clone(), moved_to, reason, kept: Some(kept.marks.len()) })
    }

    /// [`Store::load`] for a command that only reads: an agenda written by a newer hallway is
    /// read as this one understands it (unknown fields left out), with a note saying so.
    pub fn load_for_reading(&self, conference_id: &str) -> Result<(Agenda, Option<String>), StoreError> {
        match self.load(conference_id) {
            Ok(a) => Ok((a, None)),
            Err(e @ StoreError::Newer { .. }) => {
                let bytes = crate::bounded::read(&self.path, crate::bounded::MAX_BYTES)
                    .map_err(|source| StoreError::Io { action: "read", path: self.path.clone(), source })?;
                let a = first_value::<Agenda>(&bytes)
                    .and_then(Result::ok)
                    .map_or_else(|| Agenda::new(conference_id), Agenda::cleaned);
                Ok((a, Some(format!("{e}; shown as this hallway reads it"))))
            }
            Err(e @ StoreError::Torn { .. }) => {
                let note = e.to_string();
                let StoreError::Torn { kept, .. } = e else { unreachable!() };
                Ok((*kept, Some(note)))
            }
            Err(e) => Err(e),
        }
    }

    /// The agenda as it is on disk, read without touching the file: nothing for a file that is
    /// missing or cannot be read (the planner's own [`Store::load`] then says what is wrong).
    pub fn peek(&self) -> Option<Agenda> {
        crate::bounded::read(&self.path, crate::bounded::MAX_BYTES)
            .ok()
            .and_then(|b| serde_json::from_slice::<Agenda>(&b).ok())
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
        let mut agenda = self.read(conference_id, true)?;
        let out = f(&mut agenda);
        self.write(&agenda)?;
        Ok((agenda, out))
    }

    /// Save `ours` merged with whatever another process saved meanwhile (per-talk later change
    /// wins), and return what was saved: the TUI's way of saving.
    pub fn sync(&self, ours: &Agenda) -> Result<Agenda, StoreError> {
        let _lock = self.lock()?;
        let mut merged = ours.clone();
        match self.read(&ours.conference, true) {
            Ok(disk) => merged.merge(&disk),
            // The marks kept from before a torn end are in the file now: merged as any others.
            Err(StoreError::Corrupt { kept: Some(_), .. }) => merged.merge(&self.read(&ours.conference, true)?),
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
        crate::atomic::set_aside(&self.path).map_err(|e| StoreError::Io {
            action: "move aside the unreadable",
            path: self.path.clone(),
            source: e,
        })
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
        // Leftovers of killed writers are swept by the write itself.
        crate::atomic::write_as(&self.path, &json, ".agenda-").map_err(|e| io("write", e))
    }
}

/// The first JSON value of `bytes`, whatever follows it.
fn first_value<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<Result<T, serde_json::Error>> {
    serde_json::Deserializer::from_slice(bytes).into_iter::<T>().next()
}

#[cfg(test)]
mod tests;
