//! A command run on a terminal (a pty) of a given size: what it writes, escapes and all, as a
//! person's terminal receives it (piped output is cleaned on the way out; a pty's is not).

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Command, ExitStatus, Stdio};

/// Run `c` with stdin, stdout and stderr on a pty of `cols`x`rows`; what it wrote, and how it
/// ended.
pub fn run(mut c: Command, cols: u16, rows: u16) -> (String, ExitStatus) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: openpty writes two descriptors that we then own; the size is read, not kept.
    let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    c.stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    let mut child = c.spawn().unwrap();
    // The command holds the pty's other end until dropped: then the read ends when the child does.
    drop(c);
    // Read while it writes (a full pty would block it), until the last writer is gone (EIO).
    let mut out = Vec::new();
    let mut master = std::fs::File::from(master);
    let mut buf = [0u8; 8192];
    loop {
        match master.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    let status = child.wait().unwrap();
    (String::from_utf8_lossy(&out).replace("\r\n", "\n"), status)
}
