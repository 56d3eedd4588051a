//! Local files read with bounds: only regular files, opened without waiting, read up to a cap.
//! `/dev/zero` given as a schedule or a friend's agenda must not take the memory, and a FIFO
//! planted where an agenda, a lock or a cache entry should be must not hang the process.

use std::io::Read;
use std::path::Path;

/// What hallway reads of a local file at most, as of a download: larger than any real
/// programme (FOSDEM's XML is under 2 MB), far below what would hurt a laptop.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Open `path` for reading: a regular file, or an error that says what it is instead.
pub fn open(path: &Path) -> std::io::Result<std::fs::File> {
    open_with(path, std::fs::OpenOptions::new().read(true))
}

/// Open `path` with `options` (to write a lock file, say), refusing anything but a regular file.
/// Opening does not wait: a FIFO without a writer would otherwise block the open itself.
pub fn open_with(path: &Path, options: &mut std::fs::OpenOptions) -> std::io::Result<std::fs::File> {
    // A device is refused before it is opened: opening one may itself do something.
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::FileTypeExt;
        if meta.file_type().is_char_device() || meta.file_type().is_block_device() {
            regular(&meta)?;
        }
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    regular(&file.metadata()?)?;
    Ok(file)
}

/// The whole of `path`, if it is a regular file of at most `cap` bytes. The cap holds for a
/// file that grows while it is read, and for one whose size the system does not report.
pub fn read(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let file = open(path)?;
    let said = file.metadata()?.len();
    if said > cap {
        return Err(too_big(cap));
    }
    let mut bytes = Vec::with_capacity(said as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_big(cap));
    }
    Ok(bytes)
}

/// A file a person named (a schedule, a friend's agenda, the config): as [`read`], and also a
/// pipe (`<(curl ...)`, `/dev/stdin`) read up to the cap, and `/dev/null` read as empty. A pipe
/// with no writer reads as empty at once rather than waiting for one.
pub fn read_named(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
        if meta.file_type().is_fifo() {
            let file = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)?;
            // Opened without waiting for a writer; reads wait for what it writes.
            set_nonblocking(&file, false)?;
            let mut bytes = Vec::new();
            file.take(cap + 1).read_to_end(&mut bytes)?;
            return if bytes.len() as u64 > cap { Err(too_big(cap)) } else { Ok(bytes) };
        }
        if meta.file_type().is_char_device() && std::fs::canonicalize(path)? == Path::new("/dev/null") {
            return Ok(Vec::new());
        }
    }
    read(path, cap)
}

/// Reads (and writes) on `fd` return at once (`on`) or wait.
#[cfg(unix)]
pub fn set_nonblocking(fd: &impl std::os::fd::AsRawFd, on: bool) -> std::io::Result<()> {
    let fd = fd.as_raw_fd();
    // SAFETY: fcntl on a descriptor this process owns, with flags it read itself.
    let ok = unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        let flags = if on { flags | libc::O_NONBLOCK } else { flags & !libc::O_NONBLOCK };
        flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags) >= 0
    };
    if ok { Ok(()) } else { Err(std::io::Error::last_os_error()) }
}

/// [`read_named`] as text.
pub fn read_named_to_string(path: &Path, cap: u64) -> std::io::Result<String> {
    String::from_utf8(read_named(path, cap)?).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// [`read`] as text.
pub fn read_to_string(path: &Path, cap: u64) -> std::io::Result<String> {
    String::from_utf8(read(path, cap)?).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

fn regular(meta: &std::fs::Metadata) -> std::io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "a folder"
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let t = meta.file_type();
            if t.is_fifo() {
                "a FIFO"
            } else if t.is_char_device() || t.is_block_device() {
                "a device"
            } else if t.is_socket() {
                "a socket"
            } else {
                "not a file"
            }
        }
        #[cfg(not(unix))]
        "not a file"
    };
    Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("not a regular file ({what})")))
}

fn too_big(cap: u64) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::FileTooLarge, format!("larger than {} MiB", cap / (1024 * 1024)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"{}").unwrap();
        assert_eq!(read(&path, 2).unwrap(), b"{}");
        assert_eq!(read(&path, 1).unwrap_err().kind(), std::io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn a_device_is_refused_before_a_byte_is_read() {
        let e = read(Path::new("/dev/zero"), MAX_BYTES).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a device)");
        let e = read(Path::new("/tmp"), MAX_BYTES).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a folder)");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_for_reading_and_for_writing() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("agenda.json");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        // Without a writer, a plain open would wait forever; this one answers at once.
        assert_eq!(read(&fifo, MAX_BYTES).unwrap_err().to_string(), "not a regular file (a FIFO)");
        let e = open_with(&fifo, std::fs::OpenOptions::new().write(true).create(true)).unwrap_err();
        // Without a reader the open itself fails (ENXIO), which is as good: no wait.
        assert!(e.raw_os_error() == Some(libc::ENXIO) || e.kind() == std::io::ErrorKind::InvalidInput, "{e}");
    }
}
