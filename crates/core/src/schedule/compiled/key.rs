//! When a compiled file may answer for its source. Like git's index: the file's size, times,
//! inode and device say "unchanged" cheaply, except when the file was written too close to the
//! moment it was compiled. Timestamps are coarse (the kernel's clock tick; 2 s on FAT), so a
//! file rewritten in the same tick at the same size keeps every stat field: such a "racily
//! clean" entry is checked by its content until it is old enough to be trusted.

use super::layout::{Key, Stat};
use std::path::Path;

/// How close to the compile a modification must be to leave the stat in doubt.
pub const RACY_NANOS: i64 = 2_000_000_000;

pub fn stat(path: &Path) -> std::io::Result<Stat> {
    let m = std::fs::metadata(path)?;
    Ok(of(&m))
}

#[cfg(unix)]
pub fn of(m: &std::fs::Metadata) -> Stat {
    use std::os::unix::fs::MetadataExt;
    let nanos = |s: i64, ns: i64| s.saturating_mul(1_000_000_000).saturating_add(ns);
    Stat {
        size: m.size(),
        mtime: nanos(m.mtime(), m.mtime_nsec()),
        ctime: nanos(m.ctime(), m.ctime_nsec()),
        ino: m.ino(),
        dev: m.dev(),
    }
}

#[cfg(not(unix))]
pub fn of(m: &std::fs::Metadata) -> Stat {
    let mtime =
        m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos() as i64);
    Stat { size: m.len(), mtime, ctime: mtime, ino: 0, dev: 0 }
}

pub fn now_nanos() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64)
}

/// What a compiled file's key says about the source as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Same source, unchanged.
    Fresh,
    /// The stat matches but cannot be trusted: compare the content's hash.
    Racy,
    Stale,
}

/// Compare a stored key with a file's current stat.
pub fn judge_file(key: &Key, build: &str, identity: &str, now: &Stat) -> Verdict {
    if key.build != build || key.identity != identity || key.stat.as_ref() != Some(now) {
        Verdict::Stale
    } else if now.mtime.max(now.ctime) >= key.compiled_at.saturating_sub(RACY_NANOS) {
        // The change time too: a copy that keeps an old modification time (`cp -p`) is new.
        Verdict::Racy
    } else {
        Verdict::Fresh
    }
}

/// Compare a stored key with content in hand (a download, a bundled schedule).
pub fn judge_content(key: &Key, build: &str, identity: &str, content: u64) -> Verdict {
    if key.build == build && key.identity == identity && key.content == content {
        Verdict::Fresh
    } else {
        Verdict::Stale
    }
}

pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// [`content_hash`] of a regular file's bytes, read through one small buffer: a file written
/// just now is checked at the speed of reading it, without holding it (at 25 MB, allocating
/// for it cost more than hashing it). `None` past `cap` bytes, and an error for what is not a
/// regular file (a pipe is read once and must be kept): the caller then reads it whole, and
/// says why it cannot.
pub fn file_hash(path: &Path, cap: u64) -> std::io::Result<Option<u64>> {
    use std::io::Read;
    let mut file = crate::bounded::open(path)?;
    if file.metadata()?.len() > cap {
        return Ok(None);
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                total += n as u64;
                if total > cap {
                    return Ok(None);
                }
                hasher.update(&buf[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(Some(hasher.digest()))
}
