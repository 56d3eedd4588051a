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

/// Every command of the README's "Command line" block runs as written and succeeds: in a
/// folder with the files the lines name (a Congress export, a friend's agenda, a schedule to
/// validate), a catalogue whose FOSDEM feed is a local server, and hallway on the PATH. Lines
/// that pipe into another program are left out.
#[test]
fn readme_command_lines_run_as_written() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("## Command line").unwrap();
    let block = &readme[start..];
    let block = &block[block.find("```sh\n").unwrap() + 6..];
    let block = &block[..block.find("```").unwrap()];
    let d = tempfile::TempDir::new().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("37c3.xml"), CONGRESS).unwrap();
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/data/p99conf.json"), dir.join("my-conference.json")).unwrap();
    let fosdem = std::fs::read(common::fixture("pentabarf-fosdem-2021.xml")).unwrap();
    let server = common::http::serve(move |_| (200, vec![], fosdem.clone(), std::time::Duration::ZERO));
    let base = server.url.trim_end_matches("/schedule.json");
    std::fs::write(dir.join("catalogue.toml"), format!("[fosdem]\nname = \"F\"\nurl = \"{base}/{{year}}.xml\"\n"))
        .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("hallway");
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let sh = |line: &str, data: &str| {
        let mut c = std::process::Command::new("sh");
        common::isolate(&mut c, dir);
        c.env("HALLWAY_DATA_DIR", dir.join(data)).env("PATH", &path).current_dir(dir).args(["-c", line]);
        let out = c.output().unwrap();
        assert!(out.status.success(), "README line failed: {line}\n{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    // A friend's exported agenda, from another data folder.
    sh("hallway star extreme-http && hallway export --format json -o ana.json", "friend");
    let mut ran = 0;
    for line in block.lines().filter(|l| l.starts_with("hallway ") && !l.contains(" | ")) {
        sh(line, "data");
        ran += 1;
    }
    assert!(ran >= 18, "{ran} lines");
    assert!(sh("hallway --schedule 37c3.xml talks --room 'Saal 1' --lang de", "data").contains("Kryptografie"));
}

/// A Congress export in miniature (Pentabarf XML): Saal 1, a Security talk in German.
const CONGRESS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<schedule><conference><acronym>37c3</acronym><title>37th Chaos Communication Congress</title>
<time_zone_name>Europe/Berlin</time_zone_name></conference>
<day index="1" date="2023-12-27"><room name="Saal 1">
<event guid="7a1c1e8e-0000-4000-8000-000000000001" id="1"><date>2023-12-27T11:00:00+01:00</date><start>11:00</start>
<duration>00:40</duration><room>Saal 1</room><title>Kryptografie für alle</title><track>Security</track>
<type>lecture</type><language>de</language><persons><person id="1">Ada</person></persons></event>
<event guid="7a1c1e8e-0000-4000-8000-000000000002" id="2"><date>2023-12-27T12:00:00+01:00</date><start>12:00</start>
<duration>00:40</duration><room>Saal 1</room><title>Opening</title><track>CCC</track>
<type>lecture</type><language>en</language></event>
</room></day></schedule>"#;
