//! Files replaced whole or not at all: a half-written export or cache is worse than none.

use std::io::Write;
use std::path::Path;

/// The folder a file is written in (`.` for a bare name): where the temp file goes, and what an
/// export checks exists before writing.
pub fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Replace `path` with `bytes`: a temp file in the same folder, fsync, rename, then fsync the
/// folder so the rename itself survives a power cut (best effort: not every filesystem can).
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_as(path, bytes, ".tmp-")
}

/// [`write`], its temp file named with `prefix` (so a crashed writer's leftovers can be found
/// and swept: see `agenda::store`).
pub fn write_as(path: &Path, bytes: &[u8], prefix: &str) -> std::io::Result<()> {
    let dir = folder_of(path);
    let mut tmp = tempfile::Builder::new().prefix(prefix).suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
