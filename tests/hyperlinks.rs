//! Links reach a real terminal as OSC 8 hyperlinks: the planner runs in a pty (at 200x50 the
//! side pane shows the selected talk's page) and what it writes is looked at byte by byte.

mod common;

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Command, Stdio};

/// What the planner writes to a terminal of 200x50 in its first frame.
fn first_frame(term: &str) -> String {
    let dir = tempfile::TempDir::new().unwrap();
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize { ws_row: 50, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: openpty writes two descriptors that we then own; the size is read, not kept.
    let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("hallway"));
    common::isolate(&mut c, dir.path());
    c.env("TERM", term).env("HALLWAY_NO_CACHE", "1").args(["--at", "2022-10-19 09:20", "--exit-after-first-frame"]);
    c.stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    let mut child = c.spawn().unwrap();
    drop(c);
    let mut out = Vec::new();
    let mut master = std::fs::File::from(master);
    let mut buf = [0u8; 8192];
    loop {
        match master.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    assert!(child.wait().unwrap().success());
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_link_on_screen_is_a_hyperlink_where_the_terminal_takes_them() {
    let shown = first_frame("xterm-256color");
    let open = shown.find("\x1b]8;;https://www.p99conf.io/").expect("a page link opened as a hyperlink");
    let close = shown[open..].find("\x1b]8;;\x1b\\").expect("and closed");
    // Between them, the address itself, as the terminal prints it.
    let between = &shown[open..open + close];
    assert!(between.contains("p99conf.io"), "{between:?}");
    // The Linux console shows escapes it does not know as text: none there.
    assert!(!first_frame("linux").contains("\x1b]8;;"));
}
