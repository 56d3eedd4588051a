//! The README's key table is checked against the one key table, so they cannot drift.

mod common;

use hallway::tui::keys::BINDINGS;

#[test]
fn readme_lists_every_key_binding() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for b in BINDINGS {
        let row = format!("| {} | {} |", b.label, b.help);
        assert!(readme.contains(&row), "README is missing the key row: {row}");
    }
}

/// The config file's `[keys]` takes action names: the README lists every one, in one sentence.
#[test]
fn readme_names_every_action_for_the_keys_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("those of the key table:").expect("the action list");
    let list: String = readme[start..].split('.').next().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    let names: Vec<&str> = list.trim_start_matches("those of the key table:").split(',').map(str::trim).collect();
    for b in BINDINGS {
        assert!(names.contains(&b.action.name()), "README's action list lacks {}: {names:?}", b.action.name());
    }
    assert_eq!(names.len(), BINDINGS.len(), "{names:?}");
}

/// The captures in the README are what the commands print: run here and compared line by line.
#[test]
fn readme_captures_are_what_the_commands_print() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let d = tempfile::TempDir::new().unwrap();
    let run = |args: &[&str]| {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("hallway"));
        common::isolate(&mut c, d.path());
        let out = c.env("TZ", "Europe/Berlin").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["star", "ebpf-vs-sidecars", "thread-sampling-ebpf", "extreme-http"]);
    let now = run(&["now", "--at", "2022-10-19 09:38"]);
    let start = readme.find("P99 CONF 2022 — Wed 19 Oct 2022 09:38 PDT").expect("the now capture");
    let capture = &readme[start..start + readme[start..].find("```").unwrap()];
    assert_eq!(capture, now, "README's `hallway now` capture");
    // Each `hallway next --at` example and the line it says it prints.
    for line in readme.lines().filter(|l| l.starts_with("hallway next --at")) {
        let (command, said) = line.split_once('#').unwrap();
        let at = command.split('"').nth(1).unwrap();
        assert_eq!(run(&["next", "--at", at]).trim_end(), said.trim(), "{line}");
    }
}
