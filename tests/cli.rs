//! The command-line contract (ARCHITECTURE.md, "The command-line contract"), through the real binary.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// The binary isolated in `data` (its agendas straight in it, as the tests look there).
fn hallway(data: &TempDir) -> Command {
    let mut c = common::hallway_in(data.path());
    c.env("HALLWAY_DATA_DIR", data.path());
    c
}

fn json(data: &TempDir, args: &[&str]) -> Value {
    let out = hallway(data).args(args).arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn talks_lists_in_start_then_track_order_with_the_contract_fields() {
    let d = TempDir::new().unwrap();
    let v = json(&d, &["talks"]);
    let talks = v.as_array().unwrap();
    assert!(talks.len() >= 30);
    let first = &talks[0];
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    for k in ["id", "title", "speakers", "track", "start", "end", "kind", "tags", "video"] {
        assert!(keys.contains(&k), "missing {k}");
    }
    assert_eq!(first["id"], "shard-per-core");
    assert_eq!(first["start"], "2022-10-19T08:00:00-07:00");
    let starts: Vec<&str> = talks.iter().map(|t| t["start"].as_str().unwrap()).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    // Two talks at 08:30: Main Stage comes before Stage 2.
    assert_eq!((talks[1]["track"].as_str(), talks[2]["track"].as_str()), (Some("Main Stage"), Some("Stage 2")));
}

#[test]
fn talks_filter_by_kind_and_upcoming_like_the_tui_panel() {
    let d = TempDir::new().unwrap();
    let keynotes = json(&d, &["talks", "--kind", "KEYNOTE"]);
    let list = keynotes.as_array().unwrap();
    assert_eq!(list.len(), 4);
    assert!(list.iter().all(|t| t["kind"] == "keynote"));
    let all = json(&d, &["talks"]).as_array().unwrap().len();
    let upcoming = json(&d, &["--at", "2022-10-20 12:00", "talks", "--upcoming"]);
    let list = upcoming.as_array().unwrap();
    assert!(!list.is_empty() && list.len() < all);
    assert!(list.iter().all(|t| t["end"].as_str().unwrap() > "2022-10-20T12:00:00-07:00"), "{upcoming}");
    let rust_keynotes = json(&d, &["talks", "--kind", "keynote", "--tag", "rust"]);
    assert!(rust_keynotes.as_array().unwrap().iter().all(|t| t["kind"] == "keynote"));
}

#[test]
fn talks_filters_by_day_and_track() {
    let d = TempDir::new().unwrap();
    let v = json(&d, &["talks", "--day", "2022-10-20", "--track", "stage 2"]);
    let list = v.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|t| t["track"] == "Stage 2" && t["start"].as_str().unwrap().starts_with("2022-10-20")));
    assert_eq!(json(&d, &["talks", "--day", "2", "--track", "Stage 2"]), v, "a day number means the same day");
    hallway(&d)
        .args(["talks", "--day", "2030-01-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no day '2030-01-01'"));
    hallway(&d)
        .args(["talks", "--track", "Kitchen"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rooms are: Main Stage, Stage 2"));
    hallway(&d)
        .args(["talks", "--day", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Wed 19 Oct").and(predicate::str::contains("Thu 20 Oct").not()));
}

#[test]
fn star_later_unmark_agenda_and_clashes() {
    let d = TempDir::new().unwrap();
    hallway(&d).args(["star", "ebpf-vs-sidecars", "thread-sampling-ebpf", "extreme-http"]).assert().success().stdout(
        predicate::str::contains("starred    ebpf-vs-sidecars")
            .and(predicate::str::contains("⚠ ebpf-vs-sidecars clashes with")),
    );
    hallway(&d).args(["later", "io-uring"]).assert().success();

    let agenda = json(&d, &["agenda"]);
    let ids: Vec<&str> = agenda.as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["io-uring", "ebpf-vs-sidecars", "thread-sampling-ebpf", "extreme-http"]);
    assert_eq!(agenda[0]["mark"], "on-demand");
    assert_eq!(agenda[1]["mark"], "attend");
    assert_eq!(agenda[1]["clashes_with"], serde_json::json!(["thread-sampling-ebpf"]));
    assert_eq!(agenda[3]["clashes_with"], serde_json::json!([]));

    assert_eq!(json(&d, &["clashes"]), serde_json::json!([{"a": "ebpf-vs-sidecars", "b": "thread-sampling-ebpf"}]));
    hallway(&d).arg("clashes").assert().success().stdout(predicate::str::contains("09:05-09:35 eBPF vs Sidecars"));
    hallway(&d)
        .arg("agenda")
        .assert()
        .success()
        .stdout(predicate::str::contains("40 min free").and(predicate::str::contains("To watch on-demand")));

    hallway(&d)
        .args(["unmark", "thread-sampling-ebpf"])
        .assert()
        .success()
        .stdout(predicate::str::contains("unmarked"));
    assert_eq!(json(&d, &["clashes"]), serde_json::json!([]));
    // The file is where ARCHITECTURE.md says, and holds what was seen when marking.
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("agendas/p99conf-2022.json")).unwrap()).unwrap();
    assert_eq!(file["version"], hallway::agenda::FORMAT_VERSION);
    assert_eq!(file["marks"]["extreme-http"]["seen"]["track"], "Main Stage");
}

#[test]
fn unknown_id_changes_nothing_and_exits_2() {
    let d = TempDir::new().unwrap();
    hallway(&d).args(["star", "ebpf-vs-sidecars", "no-such-talk"]).assert().code(2).stderr(
        predicate::str::contains("no talk with id 'no-such-talk'").and(predicate::str::contains("nothing was changed")),
    );
    assert_eq!(json(&d, &["agenda"]), serde_json::json!([]));
}

#[test]
fn now_at_a_fixed_time() {
    let d = TempDir::new().unwrap();
    let v = json(&d, &["now", "--at", "2022-10-19 09:20"]);
    assert_eq!(v["at"], "2022-10-19T09:20:00-07:00");
    assert_eq!(v["tracks"][0]["track"], "Main Stage");
    assert_eq!(v["tracks"][0]["live"]["id"], "ebpf-vs-sidecars");
    assert_eq!(v["tracks"][1]["next"]["id"], "go-profiling");
    hallway(&d)
        .args(["now", "--at", "2022-10-19T16:20:00Z"])
        .assert()
        .success()
        .stdout(predicate::str::contains("live  eBPF vs Sidecars — Liz Rice  (50% · 15 min left, until 09:35)"));
    hallway(&d)
        .args(["now", "--at", "soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read time 'soon'"));
}

#[test]
fn validate_reports_every_problem_with_location() {
    let d = TempDir::new().unwrap();
    let bad = d.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"conference": {"id": "x", "timezone": "Nowhere/City", "tracks": ["A"]},
"talks": [
  {"id": "a", "title": "T", "track": "B", "start": "2024-01-01T10:00", "end": "2024-01-01T09:00"},
  {"id": "a", "title": "U", "track": "A", "start": "2024-01-01T10:00", "end": "2024-01-01T11:00"}
]}"#,
    )
    .unwrap();
    let out = hallway(&d).arg("validate").arg(&bad).assert().code(2).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("(4 problems)"), "{text}");
    assert!(text.contains("bad.json:1:40: unknown time zone 'Nowhere/City'"), "{text}");
    assert!(text.contains("bad.json:3:38: talk 'a': unknown track 'B'"), "{text}");
    assert!(text.contains(":3:") && text.contains("ends before it starts"), "{text}");
    assert!(text.contains(":4:") && text.contains("duplicate id"), "{text}");

    let v: Value =
        serde_json::from_slice(&hallway(&d).arg("validate").arg(&bad).arg("--json").output().unwrap().stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["problems"].as_array().unwrap().len(), 4);
    assert_eq!(v["problems"][1]["talk"], "a");

    let good = d.path().join("good.json");
    std::fs::write(&good, hallway::schedule::BUNDLED).unwrap();
    hallway(&d)
        .arg("validate")
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: P99 CONF 2022, 38 talks, 2 rooms, 2 days"));
    hallway(&d)
        .args(["validate", "/no/such/file.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read schedule /no/such/file.json"));
}

#[test]
fn a_bad_schedule_is_refused_by_every_command() {
    let d = TempDir::new().unwrap();
    let bad = d.path().join("bad.json");
    std::fs::write(&bad, "{\"conference\": ").unwrap();
    hallway(&d)
        .arg("--schedule")
        .arg(&bad)
        .arg("talks")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json:1:15: invalid JSON: EOF while parsing"));
}

#[test]
fn another_schedule_file_gets_its_own_agenda() {
    let d = TempDir::new().unwrap();
    let f = d.path().join("mini.json");
    std::fs::write(&f, r#"{"conference": {"id": "mini", "timezone": "Europe/Amsterdam", "tracks": ["Zaal 1"]},
        "talks": [{"id": "x1", "title": "Ünïcode \u001b[31mtitle", "track": "Zaal 1", "start": "2022-10-05T09:00", "duration": 30}]}"#).unwrap();
    hallway(&d).arg("--schedule").arg(&f).args(["star", "x1"]).assert().success();
    assert!(d.path().join("agendas/mini.json").exists());
    let out = hallway(&d).arg("--schedule").arg(&f).arg("agenda").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("★ Ünïcode title") && !text.contains('\u{1b}'), "{text}");
}

#[test]
fn corrupt_agenda_is_kept_aside_and_exit_1() {
    let d = TempDir::new().unwrap();
    std::fs::create_dir_all(d.path().join("agendas")).unwrap();
    std::fs::write(d.path().join("agendas/p99conf-2022.json"), "{garbage").unwrap();
    // A command that reads says so and moves nothing; the next change sets it aside.
    hallway(&d).arg("agenda").assert().code(1).stderr(predicate::str::contains("until your next change sets it aside"));
    hallway(&d).args(["star", "io-uring"]).assert().code(1).stderr(predicate::str::contains("it was moved to"));
    let kept: Vec<_> = std::fs::read_dir(d.path().join("agendas"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].starts_with("p99conf-2022.json.corrupt-"), "{kept:?}");
    assert_eq!(std::fs::read_to_string(d.path().join("agendas").join(&kept[0])).unwrap(), "{garbage");
}

#[test]
fn help_has_examples_and_bad_usage_exits_2() {
    let d = TempDir::new().unwrap();
    hallway(&d).arg("--help").assert().success().stdout(predicate::str::contains("Examples:"));
    for cmd in ["talks", "now", "star", "later", "note", "unmark", "agenda", "clashes", "validate"] {
        hallway(&d).args([cmd, "--help"]).assert().success().stdout(predicate::str::contains("Example:"));
    }
    hallway(&d).arg("star").assert().code(2);
    hallway(&d).arg("frobnicate").assert().code(2);
}

#[test]
fn now_tells_where_my_starred_talks_are() {
    let d = TempDir::new().unwrap();
    hallway(&d).args(["star", "ebpf-vs-sidecars", "thread-sampling-ebpf", "extreme-http"]).assert().success();
    hallway(&d).args(["now", "--at", "2022-10-19 09:38"]).assert().success().stdout(
        predicate::str::contains("(time set with --at)")
            .and(predicate::str::contains(
                "★ Now: \"Always-on Thread Activity Sampling with eBPF\" in Stage 2, 2 min left.",
            ))
            .and(predicate::str::contains("★ Your next starred talk: \"Extreme HTTP Performance Tuning"))
            .and(predicate::str::contains("in Main Stage in 42 min (10:20)."))
            .and(predicate::str::contains("⚠ Switch rooms: after"))
            .and(predicate::str::contains("live  ★ Always-on Thread Activity Sampling with eBPF")),
    );
    let v = json(&d, &["now", "--at", "2022-10-19 09:00"]);
    assert_eq!(v["phase"], "pause");
    assert_eq!(v["mine"]["next"]["id"], "ebpf-vs-sidecars");
    assert_eq!(v["mine"]["next"]["minutes_until"], 5);
    assert_eq!(
        v["mine"]["warning"],
        serde_json::json!({"kind": "clash", "a": "ebpf-vs-sidecars", "b": "thread-sampling-ebpf"})
    );
    let v = json(&d, &["now", "--at", "2022-10-19 09:20"]);
    assert_eq!(v["phase"], "live");
    assert_eq!(v["tracks"][0]["live"]["minutes_left"], 15);
    assert_eq!(v["tracks"][0]["live"]["progress"], 0.5);
    assert_eq!(v["tracks"][0]["live"]["mark"], "attend");
    assert_eq!(json(&d, &["now", "--at", "2022-10-01 09:00"])["phase"], "before");
    assert_eq!(json(&d, &["now", "--at", "2022-10-19 20:00"])["phase"], "between-days");
    assert_eq!(json(&d, &["now", "--at", "2022-11-01 09:00"])["phase"], "after");
    hallway(&d)
        .args(["now", "--at", "2022-10-16 09:00"])
        .assert()
        .success()
        .stdout(predicate::str::contains("P99 CONF 2022 starts in 2 days: Wed 19 Oct 08:00."));
}

#[test]
fn later_and_the_agenda_after_the_conference() {
    let d = TempDir::new().unwrap();
    hallway(&d).args(["star", "ebpf-vs-sidecars"]).assert().success();
    hallway(&d)
        .args(["later", "io-uring", "osnoise"])
        .assert()
        .success()
        .stdout(predicate::str::contains("on-demand  io-uring").and(predicate::str::contains("on-demand  osnoise")));
    let agenda = json(&d, &["agenda"]);
    assert_eq!(agenda[0]["mark"], "on-demand");
    assert_eq!(agenda[0]["watched"], false);
    // During the conference the talks to attend come first; afterwards what is left to watch.
    let during =
        String::from_utf8(hallway(&d).args(["agenda", "--at", "2022-10-19 09:00"]).output().unwrap().stdout).unwrap();
    assert!(during.find("Wed 19 Oct").unwrap() < during.find("To watch on-demand").unwrap(), "{during}");
    let after =
        String::from_utf8(hallway(&d).args(["agenda", "--at", "2022-10-21 09:00"]).output().unwrap().stdout).unwrap();
    assert!(after.find("To watch on-demand").unwrap() < after.find("Wed 19 Oct").unwrap(), "{after}");
    assert!(after.contains("video: https://www.p99conf.io/session/what-s-new-with-io-uring/"), "{after}");
    hallway(&d)
        .args(["now", "--at", "2022-10-21 09:00"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 talks left to watch on-demand"));
    // `later` on a starred talk moves it: one mark per talk.
    hallway(&d).args(["later", "ebpf-vs-sidecars"]).assert().success();
    assert_eq!(json(&d, &["agenda"]).as_array().unwrap().iter().filter(|t| t["mark"] == "attend").count(), 0);
}

#[test]
fn note_is_saved_shown_and_removed() {
    let d = TempDir::new().unwrap();
    hallway(&d).args(["later", "io-uring"]).assert().success();
    hallway(&d)
        .args(["note", "io-uring", "ask", "about", "SQPOLL"])
        .assert()
        .success()
        .stdout(predicate::str::contains("note: ask about SQPOLL"));
    assert_eq!(json(&d, &["agenda"])[0]["note"], "ask about SQPOLL");
    assert_eq!(json(&d, &["agenda"])[0]["mark"], "on-demand", "a note keeps the mark");
    hallway(&d).arg("agenda").assert().success().stdout(predicate::str::contains("note: ask about SQPOLL"));
    hallway(&d).args(["note", "io-uring"]).assert().success().stdout(predicate::str::contains("note removed"));
    assert_eq!(json(&d, &["agenda"])[0]["note"], Value::Null);
    hallway(&d).args(["note", "nope", "x"]).assert().code(2).stderr(predicate::str::contains("no talk with id 'nope'"));
}

#[test]
fn the_second_bundled_schedule_opens_by_path_or_name() {
    let d = TempDir::new().unwrap();
    for schedule in ["data/srecon-emea.json", "srecon-emea"] {
        let talks = json(&d, &["--schedule", schedule, "talks", "--day", "3"]);
        let titles: Vec<&str> = talks.as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
        assert!(titles.contains(&"Unified Theory of SRE"), "{titles:?}");
        assert_eq!(talks[0]["start"], "2022-10-27T09:00:00+02:00");
    }
    hallway(&d)
        .args(["--schedule", "srecon-emea", "now", "--at", "2022-10-25 16:45"])
        .assert()
        .success()
        .stdout(predicate::str::contains("live  Is Our Team as Resilient as Our Systems? — Effie Mouzeli"));
}

#[test]
fn an_unwritable_data_dir_is_a_clear_error_and_changes_nothing() {
    let d = TempDir::new().unwrap();
    // Where the agendas folder should be there is a file: nothing can be written below it.
    std::fs::write(d.path().join("agendas"), "not a folder").unwrap();
    hallway(&d)
        .args(["star", "io-uring"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("agenda file").and(predicate::str::contains("agendas/p99conf-2022.json")));
    assert_eq!(std::fs::read_to_string(d.path().join("agendas")).unwrap(), "not a folder");
}

#[test]
fn next_prints_one_line_for_a_status_bar_or_nothing() {
    let d = TempDir::new().unwrap();
    hallway(&d).args(["star", "ebpf-vs-sidecars", "extreme-http"]).assert().success();
    let line = |at: &str, extra: &[&str]| {
        let out = hallway(&d).args(["--at", at, "next"]).args(extra).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    assert_eq!(line("2022-10-19 09:20", &[]), "live: eBPF vs Sidecars (15m left)\n");
    assert!(line("2022-10-19 10:13", &[]).starts_with("10:20 Main Stage: Extreme HTTP"));
    assert_eq!(line("2022-10-19 10:13", &["--width", "40"]), "10:20 Main Stage: Extreme HTTP… (in 7m)\n");
    assert!(line("2022-10-19 10:13", &["--format", "{start} {title} in {minutes}m"]).ends_with("EC2 Instance in 7m\n"));
    assert_eq!(line("2022-10-19 17:00", &[]), "", "nothing left today: nothing printed, exit 0");
    assert_eq!(line("2022-10-19 17:00", &["--json"]), "{\"state\":\"none\"}\n");
    let v: serde_json::Value = serde_json::from_str(&line("2022-10-19 09:20", &["--json"])).unwrap();
    assert_eq!((v["state"].as_str(), v["minutes"].as_i64()), (Some("live"), Some(15)));
    assert_eq!(v["talk"]["id"], "ebpf-vs-sidecars");
    hallway(&d)
        .args(["--at", "2022-10-19 10:13", "next", "--format", "{titel}"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown placeholder {titel}"));
}

#[test]
fn config_path_check_and_a_default_schedule() {
    let d = TempDir::new().unwrap();
    let file = d.path().join("config.toml");
    hallway(&d).args(["config", "path"]).assert().success().stdout(format!("{}\n", file.display()));
    hallway(&d).args(["config", "check"]).assert().success().stdout(predicates::str::contains("the defaults apply"));

    std::fs::write(&file, "schedule = \"srecon-emea\"\nreminder_minutes = 10\n[keys]\nstar = \"z\"\n").unwrap();
    hallway(&d).args(["config", "check"]).assert().success().stdout(predicates::str::contains("fine"));
    let talks = json(&d, &["talks"]);
    assert!(talks[0]["start"].as_str().unwrap().starts_with("2022-10-25"), "the config's schedule: {talks}");

    // A bad file: named with its line and key; commands go on with the defaults.
    std::fs::write(&file, "reminder_minutes = 10\nschedule = 42\n").unwrap();
    let expected = format!("{}:2:12: `schedule`: ", file.display());
    hallway(&d).args(["config", "check"]).assert().code(2).stderr(predicates::str::contains(expected.clone()));
    hallway(&d)
        .args(["talks", "--day", "1"])
        .assert()
        .success()
        .stderr(predicates::str::contains(expected).and(predicates::str::contains("going on with the defaults")))
        .stdout(predicates::str::contains("P99 CONF 2022"));

    std::fs::write(&file, "[keys]\nstar = \"q\"\n").unwrap();
    hallway(&d)
        .args(["config", "check"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!("{}:2:1: `keys.star`: `q` is bound to both", file.display())));
}

#[test]
fn suggest_fills_the_gaps_with_reasons() {
    let d = TempDir::new().unwrap();
    hallway(&d).args(["suggest"]).assert().success().stdout(predicates::str::contains("star some first"));
    hallway(&d).args(["star", "ebpf-vs-sidecars", "extreme-http", "rust-wrights-law"]).assert().success();
    let out = hallway(&d).args(["--at", "2022-10-19 07:00", "suggest", "--per-slot", "2"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Wed 19 Oct  09:35-10:20  (45 min free)"), "{text}");
    assert!(text.contains("[go-profiling]") && text.contains("shares tag: performance"), "{text}");
    let v = json(&d, &["--at", "2022-10-19 07:00", "suggest"]);
    let slots = v.as_array().unwrap();
    assert!(slots.len() >= 3);
    for slot in slots {
        for t in slot["talks"].as_array().unwrap() {
            assert!(t["start"].as_str() >= slot["start"].as_str() && t["end"].as_str() <= slot["end"].as_str());
            assert!(t["mark"].is_null() || t.get("mark").is_none());
        }
    }
    assert_eq!(json(&d, &["--at", "2022-10-19 07:00", "suggest"]), v, "the same every time");
    let late = json(&d, &["--at", "2022-10-19 11:00", "suggest"]);
    let starts: Vec<&str> = late.as_array().unwrap().iter().map(|s| s["start"].as_str().unwrap()).collect();
    assert!(starts.iter().all(|s| *s >= "2022-10-19T11:00:00-07:00"), "only what is still ahead: {starts:?}");
}

#[test]
fn friends_add_list_filter_and_remove() {
    let ana = TempDir::new().unwrap();
    hallway(&ana).args(["star", "ebpf-vs-sidecars", "io-uring"]).assert().success();
    hallway(&ana).args(["later", "misery-metrics"]).assert().success();
    let export = ana.path().join("ana.json");
    hallway(&ana).args(["export", "--format", "json", "-o"]).arg(&export).assert().success();

    let me = TempDir::new().unwrap();
    hallway(&me).args(["friends"]).assert().success().stdout(predicates::str::contains("No friends' agendas yet"));
    hallway(&me).args(["star", "ebpf-vs-sidecars"]).assert().success();
    hallway(&me)
        .args(["friends", "add"])
        .arg(&export)
        .args(["--name", "Ana Lima"])
        .assert()
        .success()
        .stderr("added Ana Lima (AL): 2 talks to attend, 1 to watch later\n");
    hallway(&me).args(["friends"]).assert().success().stdout("AL   Ana Lima  2 talks (1 with you), 1 to watch later\n");
    let listed = json(&me, &["friends"]);
    assert_eq!((listed[0]["name"].as_str(), listed[0]["initials"].as_str()), (Some("Ana Lima"), Some("AL")));
    assert_eq!(listed[0]["attend"].as_array().unwrap().len(), 2);
    let v = json(&me, &["talks", "--friends"]);
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["io-uring", "ebpf-vs-sidecars"]);
    assert!(json(&me, &["agenda"]).as_array().unwrap().len() == 1, "a friend's marks are not mine");

    // Not trusted: another conference's file, or not an export at all, is refused.
    let other = TempDir::new().unwrap();
    let srecon = other.path().join("srecon.json");
    hallway(&other)
        .args(["--schedule", "srecon-emea", "export", "--format", "json", "-o"])
        .arg(&srecon)
        .assert()
        .success();
    hallway(&me)
        .args(["friends", "add"])
        .arg(&srecon)
        .args(["--name", "Bo"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is an agenda for srecon"));
    let junk = other.path().join("junk.json");
    std::fs::write(&junk, "BEGIN:VCALENDAR\n").unwrap();
    hallway(&me)
        .args(["friends", "add"])
        .arg(&junk)
        .args(["--name", "Bo"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("junk.json:1:1: not an agenda exported by hallway"));
    hallway(&me).args(["friends", "remove", "ana lima"]).assert().success();
    hallway(&me).args(["friends"]).assert().success().stdout(predicates::str::contains("No friends"));
}

/// FOSDEM at 11:00 on Saturday: 106 rooms. `now` lists my rooms and the busy ones, folding the
/// quiet ones into one line; `--all` lists every room.
#[test]
fn now_at_106_rooms_folds_the_quiet_ones() {
    let d = TempDir::new().unwrap();
    let fosdem = common::fixture("pentabarf-fosdem-2021.xml");
    let fosdem = fosdem.to_str().unwrap();
    let run = |all: bool| {
        let mut c = hallway(&d);
        c.args(["--schedule", fosdem, "--tz", "Europe/Brussels", "--at", "2021-02-06 11:00", "now"]);
        if all {
            c.arg("--all");
        }
        let out = c.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let folded = run(false);
    let all = run(true);
    assert!(folded.lines().count() < 100, "{}", folded.lines().count());
    assert!(all.lines().count() > 200, "{}", all.lines().count());
    assert!(folded.contains("rooms with nothing on and nothing in the next 30 min (--all lists them)"), "{folded}");
    assert!(!folded.contains("K.fosdem") && all.contains("K.fosdem"));
}

/// Every mistake a new user makes gets exit 2 and a sentence that says what would work.
#[test]
fn mistakes_get_the_valid_values_and_close_guesses() {
    let d = TempDir::new().unwrap();
    let fails = |args: &[&str], want: &[&str]| {
        let out = hallway(&d).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        for w in want {
            assert!(err.contains(w), "{args:?}: {err}");
        }
    };
    fails(&["talks", "--kind", "nope"], &["has the kind 'nope'", "kinds are: talk, break, keynote"]);
    fails(&["talks", "--tag", "nope"], &["has the tag 'nope'", "rust"]);
    fails(&["talks", "--track", "Nope"], &["no track 'Nope'", "rooms are: Main Stage, Stage 2"]);
    fails(&["talks", "--room", "Nope"], &["no room 'Nope'", "rooms are: Main Stage, Stage 2"]);
    fails(&["talks", "--lang", "tlh"], &["has the language 'tlh'", "languages are: none"]);
    fails(&["talks", "--day", "9"], &["no day '9'"]);
    fails(&["--schedule", "nope", "talks"], &["the bundled schedules are p99conf, srecon-emea"]);
    fails(&["--schedule", "fosdem.org/2024/schedule.xml", "talks"], &["https://fosdem.org/2024/schedule.xml"]);
    fails(
        &["star", "ebpf"],
        &[
            "nothing was changed",
            "'ebpf' is the start of 2 ids: ebpf-vs-sidecars (\"eBPF vs Sidecars\")",
            "`hallway star ebpf-v`",
        ],
    );
    fails(
        &["star", "ebfp-vs-sidecars"],
        &["Did you mean ebpf-vs-sidecars (\"eBPF vs Sidecars\")", "`hallway star ebpf-v`"],
    );
    fails(&["note", "ebfp-vs-sidecars", "front row"], &["Did you mean ebpf-vs-sidecars"]);
    fails(&["--at", "Fri 09:20", "now"], &["no Fri", "Wed 19 Oct, Thu 20 Oct"]);
    fails(&["export", "-o", "agenda.pdf"], &["end it with .ics (calendar), .md or .json"]);
    assert!(!d.path().join("agendas/p99conf-2022.json").exists(), "no mistake wrote an agenda");

    // Conference times on the command line, as in the planner.
    let now = |at: &str| {
        let out = hallway(&d).args(["--at", at, "now", "--json"]).output().unwrap();
        assert!(out.status.success(), "{at}: {}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["at"].as_str().unwrap().to_string()
    };
    assert_eq!(now("day 2 10:30"), "2022-10-20T10:30:00-07:00");
    assert_eq!(now("Thu 09:20"), "2022-10-20T09:20:00-07:00");
    let out = hallway(&d).args(["--at", "09:20", "now"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("is 09:20 on the conference's first day, Wed 19 Oct 2022"));

    // export -o takes the format from the extension.
    let file = d.path().join("agenda.ics");
    hallway(&d).args(["export", "-o"]).arg(&file).assert().success();
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("BEGIN:VCALENDAR"));
}

/// `hallway` alone opens the conference used last, `hallway conferences` lists those planned,
/// and each opens again by its id or name from anywhere.
#[test]
fn the_conference_used_last_opens_by_default_and_by_name() {
    let d = TempDir::new().unwrap();
    let fosdem = common::fixture("pentabarf-fosdem-2021.xml");
    let out = hallway(&d).arg("conferences").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("No conference planned yet"));
    hallway(&d).args(["star", "ebpf-vs-sidecars"]).assert().success();
    hallway(&d).arg("--schedule").arg(&fosdem).args(["--tz", "Europe/Brussels", "star", "10863"]).assert().success();
    // No --schedule, no --tz: FOSDEM again, in the zone given then.
    let agenda = json(&d, &["agenda"]);
    assert_eq!(agenda.as_array().unwrap().len(), 1);
    assert_eq!(agenda[0]["id"], "10863");
    assert!(agenda[0]["start"].as_str().unwrap().ends_with("+01:00"), "{}", agenda[0]["start"]);
    let list = hallway(&d).arg("conferences").output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    let (f, p) = (list.find("FOSDEM 2021").unwrap(), list.find("P99 CONF 2022").unwrap());
    assert!(f < p, "the one used last first: {list}");
    assert!(
        list.contains("1 talk marked  (opened last)") && list.contains("hallway --schedule p99conf-2022"),
        "{list}"
    );
    // By id or name, from any folder.
    let p99 = json(&d, &["--schedule", "p99conf-2022", "agenda"]);
    assert_eq!(p99[0]["id"], "ebpf-vs-sidecars");
    let by_name = json(&d, &["--schedule", "FOSDEM 2021", "agenda"]);
    assert_eq!(by_name[0]["id"], "10863");
    // Reading commands never change which one opens.
    json(&d, &["--schedule", "p99conf-2022", "talks"]);
    assert_eq!(json(&d, &["agenda"])[0]["id"], "10863");
}

/// From a new-user run: the planner without a terminal says so (no panic, no crash report);
/// a conference's file moved keeps the zone given for it (no made-up "moved" talks); a
/// planned conference whose file is gone is named with where it was.
#[test]
fn no_terminal_moved_files_and_gone_files() {
    let d = TempDir::new().unwrap();
    let out = hallway(&d).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the planner needs a terminal"));

    let fosdem = d.path().join("fosdem.xml");
    std::fs::copy(common::fixture("pentabarf-fosdem-2021.xml"), &fosdem).unwrap();
    hallway(&d).arg("--schedule").arg(&fosdem).args(["--tz", "Europe/Brussels", "star", "10863"]).assert().success();
    let moved = d.path().join("fosdem-moved.xml");
    std::fs::rename(&fosdem, &moved).unwrap();
    let out = hallway(&d).args(["--schedule", "fosdem-2021", "agenda"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("FOSDEM 2021 was opened from") && err.contains("which is gone"), "{err}");
    // Its new place given once (as the error says), in the zone remembered for it...
    let out = hallway(&d).arg("--schedule").arg(&moved).args(["agenda"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Europe/Brussels") && !text.contains("moved from"), "{text}");
    // ...its name opens the new place from then on.
    let out = hallway(&d).args(["--schedule", "fosdem-2021", "agenda"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Europe/Brussels"));
}

/// A file with no zone and no offsets (FOSDEM 2021): the guess (your zone) is said; a zone given
/// with --tz, or remembered for the file, is not said again at every call of a status bar.
#[test]
fn a_floating_zone_is_said_while_it_is_a_guess_only() {
    let d = TempDir::new().unwrap();
    let fosdem = common::fixture("pentabarf-fosdem-2021.xml");
    let run = |tz: Option<&str>| {
        let mut c = common::hallway_in(d.path());
        c.arg("--schedule").arg(&fosdem);
        if let Some(tz) = tz {
            c.args(["--tz", tz]);
        }
        c.args(["next", "--at", "2021-02-06 11:00"]);
        String::from_utf8(c.output().unwrap().stderr).unwrap()
    };
    assert!(run(None).contains("the file gives no time zone or UTC offset: times are read as printed, in UTC (yours"));
    assert!(!run(Some("Europe/Brussels")).contains("no time zone"));
    // Remembered for the file once a mark is made with it.
    common::hallway_in(d.path())
        .arg("--schedule")
        .arg(&fosdem)
        .args(["--tz", "Europe/Brussels", "star", "12284"])
        .assert()
        .success();
    assert!(!run(None).contains("no time zone"), "remembered");
}

/// The binary with its files in `dir`, as a plain process (its pipes are the test's to give).
fn process(dir: &TempDir) -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("hallway"));
    common::isolate(&mut c, dir.path());
    c.arg("--at").arg("2022-10-19 09:20");
    c
}

#[test]
fn output_to_a_closed_pipe_is_a_quiet_end_and_to_a_full_disk_an_error_never_a_panic() {
    let d = TempDir::new().unwrap();
    let commands: [&[&str]; 6] = [
        &["completions", "zsh"],
        &["completions", "bash"],
        &["man"],
        &["talks"],
        &["now", "--json"],
        &["talks", "--json"],
    ];
    for args in commands {
        // `| head -1` that has already gone: the reading end is closed before the first write.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = process(&d).args(args).stdout(writer).stderr(std::process::Stdio::piped()).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?} into a closed pipe: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");

        // `> /dev/full`: said, exit 1.
        let full = std::fs::File::options().write(true).open("/dev/full").unwrap();
        let out = process(&d).args(args).stdout(full).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?} into /dev/full: {err}");
        assert!(err.contains("cannot write output") && !err.contains("panicked"), "{args:?}: {err}");
    }
    // `2> /dev/full`: what goes to stderr is dropped, the work is done and the exit code stands.
    let file = d.path().join("agenda.md");
    let full = std::fs::File::options().write(true).open("/dev/full").unwrap();
    let out = process(&d).args(["export", "-o"]).arg(&file).stderr(full).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("# "), "the export was written");
}

#[test]
fn values_a_file_gets_wrong_reach_stderr_without_their_escape_sequences() {
    let d = TempDir::new().unwrap();
    // A Sessionize file whose session names a room that is not there, by an id that would set
    // the clipboard (OSC 52) and clear the screen.
    let evil = r#"{"sessions": [{"id": "1", "title": "T", "startsAt": "2024-05-02T10:00:00",
        "endsAt": "2024-05-02T11:00:00", "roomId": "\u001b]52;c;ZXZpbA==\u0007\u001b[2J"}],
        "rooms": [{"id": 1, "name": "A"}], "speakers": [], "categories": []}"#;
    let file = d.path().join("evil.json");
    std::fs::write(&file, evil).unwrap();
    for args in [&["talks"][..], &["validate"]] {
        let mut c = process(&d);
        if args == ["validate"] {
            c.arg("validate").arg(&file);
        } else {
            c.arg("--schedule").arg(&file).args(args);
        }
        let out = c.output().unwrap();
        let all = [out.stdout, out.stderr].concat();
        let text = String::from_utf8_lossy(&all);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(text.contains("is not in \"rooms\""), "the problem is said: {text}");
        assert!(!all.contains(&0x1b) && !all.contains(&0x07), "an escape reached the terminal: {text:?}");
    }
}

#[test]
fn a_newer_hallways_agenda_is_read_by_commands_that_read_and_refused_by_those_that_write() {
    let d = TempDir::new().unwrap();
    hallway(&d).args(["star", "io-uring"]).assert().success();
    let path = d.path().join("agendas/p99conf-2022.json");
    let mut v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    v["version"] = 99.into();
    let newer = serde_json::to_string(&v).unwrap();
    std::fs::write(&path, &newer).unwrap();
    for args in [&["next", "--at", "2022-10-19 08:00"][..], &["agenda"], &["now", "--at", "2022-10-19 08:40"]] {
        let out = hallway(&d).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("written by a newer hallway (format 99"));
    }
    let out = hallway(&d).args(["agenda"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("io_uring"), "answered from what it reads");
    let out = hallway(&d).args(["star", "extreme-http"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("upgrade hallway to change it"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer, "neither moved nor written");
}

/// `--day` takes what `--at` takes: a weekday or a day of the month that only one day has.
#[test]
fn a_day_by_weekday_or_day_of_the_month() {
    let d = TempDir::new().unwrap();
    let day2 = json(&d, &["talks", "--day", "2"]);
    for name in ["thu", "Thursday", "20", "2022-10-20"] {
        assert_eq!(json(&d, &["talks", "--day", name]), day2, "{name}");
    }
    hallway(&d)
        .args(["talks", "--day", "sat"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no day 'sat'").and(predicate::str::contains("a weekday")));
}

#[test]
fn later_available_lists_as_json_too() {
    let d = TempDir::new().unwrap();
    hallway(&d).args(["later", "io-uring"]).assert().success();
    let out = hallway(&d).args(["later", "--available", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert!(list.iter().all(|t| t["mark"] == "on-demand" && t["video"].is_string()), "{v}");
    assert_eq!(list.len(), usize::from(v.to_string().contains("io-uring")), "{v}");
}
