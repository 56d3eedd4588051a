//! Links reach a real terminal as OSC 8 hyperlinks: the planner runs in a pty (at 200x50 the
//! side pane shows the selected talk's page) and what it writes is looked at byte by byte.

mod common;

use std::process::Command;

/// What the planner writes to a terminal of 200x50 in its first frame.
fn first_frame(term: &str) -> String {
    let dir = tempfile::TempDir::new().unwrap();
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("hallway"));
    common::isolate(&mut c, dir.path());
    c.env("TERM", term).env("HALLWAY_NO_CACHE", "1").args(["--at", "2022-10-19 09:20", "--exit-after-first-frame"]);
    let (shown, status) = common::pty::run(c, 200, 50);
    assert!(status.success());
    shown
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
