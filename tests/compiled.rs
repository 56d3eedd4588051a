//! Issue 15: a schedule is parsed once and answered from its compiled form afterwards. The
//! answers must be the parsed ones, byte for byte, whatever happens to the compiled file.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tempfile::TempDir;

fn hallway(dir: &Path, cache: bool) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("hallway"));
    common::isolate(&mut c, dir);
    if !cache {
        c.env("HALLWAY_NO_CACHE", "1");
    }
    c
}

fn answer(dir: &Path, cache: bool, schedule: &Path, args: &[&str]) -> String {
    let out = hallway(dir, cache).arg("--schedule").arg(schedule).args(args).output().unwrap();
    format!(
        "exit {:?}\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("cache/compiled"))
        .map(|l| l.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "hwc")).collect())
        .unwrap_or_default()
}

#[test]
fn every_real_fixture_answers_the_same_parsed_cold_and_warm() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = [
        common::fixture("pentabarf-fosdem-2021.xml"),
        common::fixture("frab-camp2019.json"),
        common::fixture("pretalx-democon-2020.json"),
        common::fixture("sessionize-orlando-codecamp-2020.json"),
        here.join("data/p99conf.json"),
        here.join("data/srecon-emea.json"),
    ];
    for file in &files {
        let d = TempDir::new().unwrap();
        let talks: serde_json::Value = serde_json::from_str(
            &String::from_utf8(
                hallway(d.path(), false).arg("--schedule").arg(file).args(["talks", "--json"]).output().unwrap().stdout,
            )
            .unwrap(),
        )
        .unwrap();
        // Marks spread over the programme, so the agenda, clashes and next have something to say.
        let ids: Vec<String> =
            talks.as_array().unwrap().iter().step_by(9).map(|t| t["id"].as_str().unwrap().to_string()).collect();
        let mut star = hallway(d.path(), false);
        star.arg("--schedule").arg(file).arg("star").args(&ids).stdout(Stdio::null());
        assert!(star.status().unwrap().success());
        let questions: [&[&str]; 8] = [
            &["talks", "--json"],
            &["talks", "--day", "1"],
            &["talks", "--day", "2", "--json"],
            &["now", "--json", "--at", "day 1 11:00"],
            &["now", "--at", "day 1 15:10"],
            &["agenda", "--json"],
            &["clashes"],
            &["next", "--at", "day 1 09:00"],
        ];
        for q in questions {
            let parsed = answer(d.path(), false, file, q);
            let cold = answer(d.path(), true, file, q);
            assert!(!entries(d.path()).is_empty(), "{}: nothing compiled", file.display());
            let warm = answer(d.path(), true, file, q);
            assert_eq!(cold, parsed, "{} {q:?}: first run", file.display());
            assert_eq!(warm, parsed, "{} {q:?}: from the compiled form", file.display());
        }
    }
}

#[test]
fn an_edit_between_two_runs_in_the_same_second_gives_the_new_answer() {
    let d = TempDir::new().unwrap();
    let file = d.path().join("s.json");
    let base = hallway::synth::native_json(200, 2, 4, 1);
    for (i, word) in ["Alpha", "Bravo", "Gamma", "Delta"].iter().cycle().take(12).enumerate() {
        // The same size every time: only the content says it changed.
        std::fs::write(&file, base.replacen("\"title\":\"", &format!("\"title\":\"{word} "), 1)).unwrap();
        let out = answer(d.path(), true, &file, &["talks", "--day", "1"]);
        assert!(out.contains(&format!("{word} ")), "round {i}: {out}");
    }
}

#[test]
fn killed_while_compiling_then_run_again_the_answer_is_right() {
    use std::os::unix::process::ExitStatusExt;
    let d = TempDir::new().unwrap();
    let file = d.path().join("s.json");
    std::fs::write(&file, hallway::synth::native_json(6_000, 3, 40, 11)).unwrap();
    let args = ["talks", "--day", "2"];
    let expected = answer(d.path(), false, &file, &args);
    // The crash where it proves the most: the entry whole in its temp file, not yet renamed.
    let crashed = hallway(d.path(), true)
        .env("HALLWAY_FAIL_POINT", "before-rename:.compiling-")
        .current_dir(d.path())
        .arg("--schedule")
        .arg(&file)
        .args(args)
        .output()
        .unwrap();
    assert_eq!(crashed.status.signal(), Some(6), "aborted at the fail point: {:?}", crashed.status);
    assert!(entries(d.path()).is_empty(), "no entry before the rename");
    let names: Vec<String> = std::fs::read_dir(d.path().join("cache/compiled"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.starts_with(".compiling-")), "the killed writer's temp file: {names:?}");
    assert_eq!(answer(d.path(), true, &file, &args), expected, "compiled again after the crash");
    assert_eq!(entries(d.path()).len(), 1);
    assert_eq!(answer(d.path(), true, &file, &args), expected, "from the entry");
}

#[test]
fn processes_compiling_at_once_all_answer_right() {
    let d = TempDir::new().unwrap();
    let file = d.path().join("s.json");
    std::fs::write(&file, hallway::synth::native_json(3_000, 3, 20, 2)).unwrap();
    let args = ["talks", "--day", "3", "--json"];
    let expected = answer(d.path(), false, &file, &args);
    let children: Vec<_> = (0..4)
        .map(|_| {
            hallway(d.path(), true).arg("--schedule").arg(&file).args(args).stdout(Stdio::piped()).spawn().unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert_eq!(format!("exit {:?}\n{}\n", out.status.code(), String::from_utf8_lossy(&out.stdout)), expected);
    }
    assert_eq!(entries(d.path()).len(), 1);
    assert_eq!(answer(d.path(), true, &file, &args), expected);
}

/// The planner's first frame is drawn from the part of a compiled schedule it shows: it must be
/// the frame the whole schedule gives, at every size, on FOSDEM and on a 10k-talk conference.
#[test]
fn the_first_frame_from_the_part_is_the_frame_from_the_whole() {
    use hallway::agenda::{Agenda, MarkKind};
    use hallway::schedule::compiled::{Cache, Need};
    use hallway::tui::app::App;
    let d = TempDir::new().unwrap();
    let synth = d.path().join("s.json");
    std::fs::write(&synth, hallway::synth::by_days(10_000, 7)).unwrap();
    let brussels = hallway::schedule::import::Options { zone: Some(chrono_tz::Europe::Brussels), ..Default::default() };
    let cases = [
        (
            common::fixture("pentabarf-fosdem-2021.xml"),
            brussels,
            ["2021-02-06 11:00", "2021-02-07 16:20", "2021-02-01 09:00"],
        ),
        (synth, Default::default(), ["2030-03-02 10:30", "2030-03-09 23:50", "2031-01-01 09:00"]),
    ];
    let cache = Cache::in_dir(d.path().join("cache"));
    for (file, opts, instants) in cases {
        let whole = hallway::schedule::load_path_with(&file, opts).unwrap();
        cache.open_file(&file, opts).unwrap();
        // Stars on two days, two of them clashing.
        let mut agenda = Agenda::new(&whole.conference.id);
        let first = whole.start().unwrap();
        for i in [3, 4, 5, whole.talks().len() - 2] {
            agenda.set(&whole, &whole.talks()[i], MarkKind::Attend, first);
        }
        agenda.set(&whole, &whole.talks()[40], MarkKind::OnDemand, first);
        for at in instants {
            let now = hallway::clock::parse_at(at, whole.conference.tz).unwrap();
            let opened = cache.open_file(&file, opts).unwrap();
            let reader = opened.reader().expect("compiled");
            let plan = reader.plan(&Need::Planner, now, agenda.marks.keys().cloned().collect(), true);
            let (part, rest) = opened.split(&plan).unwrap();
            assert!(rest.is_some());
            // FOSDEM's two days are both read for what comes next; the 42 days are not.
            assert!(whole.day_count() < 10 || part.talks().len() * 4 < whole.talks().len());
            let frame = |s: hallway::schedule::Schedule| {
                let mut app = App::new(s, agenda.clone(), hallway::tui::app::Options::at(now, Some(chrono_tz::UTC)));
                app.session.time_travel = true;
                [(80, 24), (200, 50)].map(|(w, h)| common::screen(&app, w, h))
            };
            assert_eq!(frame(part), frame(whole.clone()), "{} at {at}", file.display());
        }
    }
}

#[test]
fn a_broken_next_template_is_said_at_once_from_the_compiled_form_too() {
    let d = TempDir::new().unwrap();
    let file = d.path().join("s.json");
    std::fs::write(&file, hallway::synth::by_days(1_000, 7)).unwrap();
    for run in ["cold", "warm"] {
        let out =
            hallway(d.path(), true).arg("--schedule").arg(&file).args(["next", "--format", "{nope}"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{run}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("unknown placeholder {nope}"), "{run}");
    }
}
