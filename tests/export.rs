//! The agenda leaving the app (ics, Markdown, JSON), and the CLI as scripts and shells use it:
//! filters, completions, man page, colour only on a terminal.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn hallway(data: &TempDir) -> Command {
    let mut c = common::hallway_in(data.path());
    c.env("HALLWAY_DATA_DIR", data.path());
    c
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Two clashing stars, one more with a note full of characters ics must escape, one on-demand.
fn marked() -> TempDir {
    let d = TempDir::new().unwrap();
    hallway(&d).args(["star", "ebpf-vs-sidecars", "thread-sampling-ebpf", "extreme-http"]).assert().success();
    hallway(&d).args(["later", "io-uring"]).assert().success();
    hallway(&d).args(["note", "extreme-http", "front row; ask about *SO_REUSEPORT*, then lunch"]).assert().success();
    d
}

/// Unfold RFC 5545 content lines (CRLF followed by a space continues the line).
fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "").split("\r\n").map(str::to_string).collect()
}

#[test]
fn ics_is_rfc5545_with_stable_uids_and_everything_in_the_description() {
    let d = marked();
    let ics = stdout(hallway(&d).args(["export", "--format", "ics", "--at", "2022-10-18 12:00"]));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hallway//hallway "), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    let lines = unfold(&ics);
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 3, "attend only, without --include");
    for expected in [
        "UID:ebpf-vs-sidecars@p99conf-2022.hallway",
        "DTSTART:20221019T160500Z",
        "DTEND:20221019T163500Z",
        "DTSTAMP:20221018T190000Z",
        "SUMMARY:eBPF vs Sidecars",
        "LOCATION:Main Stage",
        "URL:https://www.p99conf.io/session/ebpf-vs-sidecars/",
    ] {
        assert!(lines.iter().any(|l| l == expected), "missing {expected} in\n{ics}");
    }
    let desc = lines.iter().find(|l| l.starts_with("DESCRIPTION:Speakers: Marc Richards")).unwrap();
    assert!(desc.contains(r"My note: front row\; ask about *SO_REUSEPORT*\, then lunch"), "escaped: {desc}");
    assert!(desc.contains(r"Wed 19 Oct 10:20-10:50 PDT (America/Los_Angeles)\, Main Stage"), "{desc}");
    let ebpf = lines.iter().find(|l| l.starts_with("DESCRIPTION:Speakers: Liz Rice")).unwrap();
    assert!(ebpf.contains("⚠ Clashes with \"Always-on Thread Activity Sampling with eBPF\""), "{ebpf}");
    assert!(ebpf.contains(r"\n\nVideo: https://www.p99conf.io/session/ebpf-vs-sidecars/"), "{ebpf}");

    // Same talk, same UID, whenever exported: a re-import updates instead of duplicating.
    let again =
        stdout(hallway(&d).args(["export", "--format", "ics", "--include", "on-demand", "--at", "2022-10-19 09:00"]));
    let uids = |s: &str| -> Vec<String> { unfold(s).into_iter().filter(|l| l.starts_with("UID:")).collect() };
    let (first, second) = (uids(&ics), uids(&again));
    assert!(first.iter().all(|u| second.contains(u)));
    assert_eq!(second.len(), 4);
    let later = unfold(&again);
    assert!(later.iter().any(|l| l == "SUMMARY:◷ What's New with io_uring"));
    assert!(later.iter().any(|l| l.starts_with("DESCRIPTION:To watch on-demand (not attending).")));
}

#[test]
fn markdown_reads_well_and_escapes_what_markdown_would_eat() {
    let d = marked();
    let md = stdout(hallway(&d).args(["export", "--format", "md", "--at", "2022-10-18 12:00"]));
    insta::assert_snapshot!("export_markdown", md);
    assert!(md.contains(r"front row; ask about \*SO\_REUSEPORT\*, then lunch"));
    assert!(
        md.contains("- [ ] [What's New with io\\_uring](<https://www.p99conf.io/session/what-s-new-with-io-uring/>)")
    );
}

#[test]
fn json_is_the_agenda_document_with_the_conference() {
    let d = marked();
    let v: Value =
        serde_json::from_str(&stdout(hallway(&d).args(["export", "--format", "json", "--at", "2022-10-18 12:00"])))
            .unwrap();
    assert_eq!(v["hallway_export"], 1);
    assert_eq!(v["exported_at"], "2022-10-18T12:00:00-07:00");
    assert_eq!(v["conference"]["id"], "p99conf-2022");
    assert_eq!(v["conference"]["timezone"], "America/Los_Angeles");
    let agenda: Value = serde_json::from_str(&stdout(hallway(&d).args(["agenda", "--json"]))).unwrap();
    assert_eq!(v["agenda"], agenda, "the same document `agenda --json` prints");
}

#[test]
fn export_to_a_file_says_where() {
    let d = marked();
    let out = d.path().join("mine.ics");
    hallway(&d).args(["export", "--format", "ics", "-o"]).arg(&out).assert().success().stdout("").stderr(
        predicate::str::contains(format!(
            "wrote {} (3 talks to attend; 1 talk to watch later left out of a calendar",
            out.display()
        )),
    );
    assert!(std::fs::read_to_string(&out).unwrap().contains("BEGIN:VEVENT"));
    hallway(&d)
        .args(["export", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values: ics, md, json"));
    hallway(&d)
        .args(["export", "--format", "ics", "-o", "/nonexistent-dir/x.ics"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write /nonexistent-dir/x.ics"));
}

#[test]
fn talks_filters_combine() {
    let d = marked();
    let ids = |args: &[&str]| -> Vec<String> {
        let v: Value = serde_json::from_str(&stdout(hallway(&d).arg("talks").args(args).arg("--json"))).unwrap();
        v.as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&["--speaker", "liz"]), ["ebpf-vs-sidecars"]);
    assert_eq!(ids(&["--starred"]), ["ebpf-vs-sidecars", "thread-sampling-ebpf", "extreme-http"]);
    assert_eq!(ids(&["--starred", "--track", "stage 2"]), ["thread-sampling-ebpf"]);
    let ebpf = ids(&["--search", "ebpf"]);
    assert!(ebpf.contains(&"ebpf-vs-sidecars".to_string()) && ebpf.contains(&"thread-sampling-ebpf".to_string()));
    assert!(ids(&["--search", "ebpf kernel probes"]).iter().all(|id| ebpf.contains(id)), "every word must match");
    let tagged = ids(&["--tag", "EBPF"]);
    assert!(!tagged.is_empty() && tagged.iter().all(|id| ebpf.contains(id)));
    assert!(ids(&["--speaker", "nobody at all"]).is_empty());
    hallway(&d)
        .args(["talks", "--speaker", "nobody at all"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No talks match."));
}

#[test]
fn completions_and_man_page_come_from_the_same_definitions() {
    let d = TempDir::new().unwrap();
    for (shell, marker) in [("bash", "_hallway()"), ("zsh", "#compdef hallway"), ("fish", "complete -c hallway")] {
        let script = stdout(hallway(&d).args(["completions", shell]));
        assert!(script.contains(marker), "{shell}");
        for sub in ["export", "agenda", "later", "import"] {
            assert!(script.contains(sub), "{shell} completes {sub}");
        }
    }
    let man = stdout(hallway(&d).arg("man"));
    assert!(man.contains(".TH hallway 1"), "{}", &man[..200.min(man.len())]);
    assert!(man.contains("export") && man.contains("\\-\\-schedule"));
    hallway(&d).args(["completions", "powershell-ish"]).assert().code(2);
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let d = marked();
    let piped = stdout(hallway(&d).arg("agenda"));
    assert!(!piped.contains('\u{1b}'), "plain text to a pipe");
    let forced = stdout(hallway(&d).arg("agenda").env("CLICOLOR_FORCE", "1"));
    assert!(forced.contains("\u{1b}["), "styles when asked for");
    // A real terminal, through `script`: coloured, unless NO_COLOR.
    let bin = assert_cmd::cargo::cargo_bin("hallway");
    let on_tty = |no_color: bool| {
        let mut c = std::process::Command::new("script");
        common::isolate(&mut c, d.path());
        c.args(["-qec", &format!("{} agenda", bin.display()), "/dev/null"])
            .env("HALLWAY_DATA_DIR", d.path())
            .env("TERM", "xterm-256color")
            .env_remove("CLICOLOR_FORCE");
        if no_color {
            c.env("NO_COLOR", "1");
        } else {
            c.env_remove("NO_COLOR");
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    let tty = on_tty(false);
    assert!(tty.contains("eBPF vs Sidecars") && tty.contains("\u{1b}["), "{tty:?}");
    let plain = on_tty(true);
    assert!(plain.contains("eBPF vs Sidecars") && !plain.contains("\u{1b}["), "{plain:?}");
}

/// The planner's `e` and `hallway export` give one calendar for the same marks: the talks to
/// attend, and the ones to watch later only when asked.
#[test]
fn the_planner_and_the_command_export_the_same_calendar() {
    let d = marked();
    let uids = |ics: &str| -> Vec<String> { unfold(ics).into_iter().filter(|l| l.starts_with("UID:")).collect() };
    let cli = uids(&stdout(hallway(&d).args(["export", "--format", "ics"])));
    let mut app = common::app();
    let s = &mut app.session;
    s.agenda = hallway::agenda::Agenda::new(&s.schedule.conference.id);
    for (id, kind) in [
        ("ebpf-vs-sidecars", hallway::agenda::MarkKind::Attend),
        ("thread-sampling-ebpf", hallway::agenda::MarkKind::Attend),
        ("extreme-http", hallway::agenda::MarkKind::Attend),
        ("io-uring", hallway::agenda::MarkKind::OnDemand),
    ] {
        let t = s.schedule.talk(id).unwrap().clone();
        s.agenda.set(&s.schedule, &t, kind, s.now);
    }
    let out = d.path().join("planner.ics");
    let said = hallway::tui::shell::export(&app, &out, hallway::export::Format::Ics, false).unwrap();
    assert!(said.contains("3 talks to attend; 1 talk to watch later left out"), "{said}");
    let planner = uids(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(planner.len(), 3, "{planner:?}");
    assert_eq!(planner, cli);
    let with_later = uids(&stdout(hallway(&d).args(["export", "--format", "ics", "--include", "on-demand"])));
    assert_eq!(with_later.len(), 4);
}
