//! Files replaced whole or not at all: a half-written export or cache is worse than none.

use std::io::Write;
use std::path::Path;

/// The folder a file is written in (`.` for a bare name): where the temp file goes, and what an
/// export checks exists before writing.
pub fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Rename `path` to `<path>.corrupt-<time>`, beside it: a file that could not be used is kept,
/// never written over.
pub fn set_aside(path: &Path) -> std::io::Result<std::path::PathBuf> {
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".corrupt-{}", chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")));
    std::fs::rename(path, &aside)?;
    Ok(aside.into())
}

/// Replace `path` with `bytes`: a temp file in the same folder, fsync, rename, then fsync the
/// folder so the rename itself survives a power cut (best effort: not every filesystem can).
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_as(path, bytes, ".tmp-")
}

/// [`write()`], its temp file named with `prefix` (so a crashed writer's leftovers can be found
/// and swept: see `agenda::store`).
pub fn write_as(path: &Path, bytes: &[u8], prefix: &str) -> std::io::Result<()> {
    write_parts(path, &[bytes], prefix, Durability::Synced)?;
    sweep(folder_of(path), prefix);
    Ok(())
}

/// A process killed mid-write leaves its temp file; one older than half a minute is garbage (a
/// live writer's lives for milliseconds), swept after every write so a kill loop leaves no pile
/// (agendas, friends, recent.json alike).
pub fn sweep(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let stale = std::time::Duration::from_secs(30);
    for e in entries.flatten() {
        let name = e.file_name();
        let is_temp = name.to_str().is_some_and(|n| n.starts_with(prefix) && n.ends_with(".tmp"));
        let old = || {
            e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age > stale)
        };
        if is_temp && old() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// What a write must survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// A crash and a power cut: the data and the rename are synced to disk.
    Synced,
    /// A crash only. For what can be made again (the compiled cache): an entry lost to a power
    /// cut is made again, one torn fails its checksums.
    Cache,
}

/// Replace `path` with `parts` written one after the other, whole or not at all.
pub fn write_parts(path: &Path, parts: &[&[u8]], prefix: &str, durability: Durability) -> std::io::Result<()> {
    write_parts_then(path, parts, prefix, durability, || {
        fail_point::before_rename(prefix);
        Ok(())
    })
}

/// [`write_parts`], running `before_rename` once the new version is whole in its temp file and
/// the old one not yet replaced: an error there leaves the old file as it was.
fn write_parts_then(
    path: &Path,
    parts: &[&[u8]],
    prefix: &str,
    durability: Durability,
    before_rename: impl FnOnce() -> std::io::Result<()>,
) -> std::io::Result<()> {
    Pending::begin(path, prefix)?.finish(parts, durability, before_rename)
}

/// A new version of a file begun: its temp file is there, so the folder takes writes. A writer
/// that would give something up to make its bytes (a compiler moving a schedule's text into its
/// own form) begins first, and keeps what it has when the folder cannot be written.
pub struct Pending<'a> {
    path: &'a Path,
    prefix: &'a str,
    tmp: tempfile::NamedTempFile,
}

impl<'a> Pending<'a> {
    pub fn begin(path: &'a Path, prefix: &'a str) -> std::io::Result<Self> {
        // tempfile names its random file in the error ("at path .tmp-Yjvian.tmp"): the file
        // asked for is what the caller names, and the temp file never existed.
        let tmp = tempfile::Builder::new().prefix(prefix).suffix(".tmp").tempfile_in(folder_of(path)).map_err(|e| {
            let said = e.to_string();
            std::io::Error::new(e.kind(), said.split(" at path ").next().unwrap_or(&said).to_string())
        })?;
        Ok(Self { path, prefix, tmp })
    }

    /// Write `parts` and put them in place of the file (see [`write_parts`]).
    pub fn write(self, parts: &[&[u8]], durability: Durability) -> std::io::Result<()> {
        let prefix = self.prefix;
        self.finish(parts, durability, || {
            fail_point::before_rename(prefix);
            Ok(())
        })
    }

    fn finish(
        mut self,
        parts: &[&[u8]],
        durability: Durability,
        before_rename: impl FnOnce() -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        for part in parts {
            self.tmp.write_all(part)?;
        }
        if durability == Durability::Synced {
            self.tmp.as_file().sync_all()?;
        }
        before_rename()?;
        self.tmp.persist(self.path).map_err(|e| e.error)?;
        if durability == Durability::Synced
            && let Ok(d) = std::fs::File::open(folder_of(self.path))
        {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// A crash put where it proves the most, instead of a kill that lands there by luck: with
/// `HALLWAY_FAIL_POINT=before-rename:PREFIX`, a writer of temp files named `PREFIX…` aborts
/// once its new version is whole in the temp file and the old one not yet replaced. Tests set it
/// on a child process; nothing else reads it.
mod fail_point {
    /// Only in builds with debug assertions (the ones tests run): a release build ignores the
    /// variable, so nothing in anyone's environment can make it abort.
    #[cfg(not(debug_assertions))]
    pub fn before_rename(_prefix: &str) {}

    #[cfg(debug_assertions)]
    pub fn before_rename(prefix: &str) {
        static ARMED: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        let armed = ARMED.get_or_init(|| {
            std::env::var("HALLWAY_FAIL_POINT").ok()?.strip_prefix("before-rename:").map(str::to_string)
        });
        if armed.as_deref() == Some(prefix) {
            std::process::abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_files(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.json");
        write(&path, b"old").unwrap();
        write(&path, b"new and longer").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new and longer");
        write_parts(&path, &[b"a", b"b", b"c"], ".x-", Durability::Cache).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"abc");
        assert!(temp_files(dir.path()).is_empty());
    }

    #[test]
    fn a_failure_between_writing_and_renaming_leaves_the_old_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.json");
        write(&path, b"old").unwrap();
        let mut seen = Vec::new();
        let failed = write_parts_then(&path, &[b"new ", b"version"], ".agenda-", Durability::Synced, || {
            // The new version is whole beside the old one, which is untouched.
            seen = temp_files(dir.path());
            assert_eq!(std::fs::read(dir.path().join(&seen[0])).unwrap(), b"new version");
            assert_eq!(std::fs::read(&path).unwrap(), b"old");
            Err(std::io::Error::other("the disk went away"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "the disk went away");
        assert_eq!(seen.len(), 1, "one temp file while writing: {seen:?}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert!(temp_files(dir.path()).is_empty(), "the temp file of a failed write is removed");
    }

    #[test]
    fn a_rename_that_fails_leaves_the_target_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a folder with a file in it: the rename fails after the temp file is
        // written, and the folder keeps its file.
        let folder = dir.path().join("a-folder");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("inside"), b"x").unwrap();
        assert!(write(&folder, b"new").is_err());
        assert_eq!(std::fs::read(folder.join("inside")).unwrap(), b"x");
        assert!(temp_files(dir.path()).is_empty(), "the temp file of a failed write is removed");
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_file_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(&dir.path().join("nope/agenda.json"), b"x").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_bare_name_is_written_in_the_current_folder() {
        assert_eq!(folder_of(Path::new("agenda.ics")), Path::new("."));
        assert_eq!(folder_of(Path::new("/tmp/a.ics")), Path::new("/tmp"));
    }

    #[test]
    fn the_fail_point_is_off_unless_asked_for() {
        // This process never sets HALLWAY_FAIL_POINT: a write with any prefix goes through.
        let dir = tempfile::tempdir().unwrap();
        write_as(&dir.path().join("a"), b"1", ".agenda-").unwrap();
        assert_eq!(std::fs::read(dir.path().join("a")).unwrap(), b"1");
    }
}
