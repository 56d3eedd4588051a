use super::*;
use crate::agenda::MarkKind;
use crate::schedule;
use chrono::Utc;

#[test]
fn round_trip_and_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), "p99conf-2022");
    assert!(store.load("p99conf-2022").unwrap().marks.is_empty());
    let s = schedule::bundled();
    let mut a = Agenda::new("p99conf-2022");
    a.set(&s, s.talk("ebpf-vs-sidecars").unwrap(), MarkKind::Attend, Utc::now());
    store.save(&a).unwrap();
    assert_eq!(store.load("p99conf-2022").unwrap(), a);
    assert!(store.path().ends_with("agendas/p99conf-2022.json"));
    let temp: Vec<_> = std::fs::read_dir(store.path().parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(temp.is_empty(), "no temp files left behind");
}

#[test]
fn a_corrupt_file_is_moved_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), "c");
    std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
    let content = "{not json";
    std::fs::write(store.path(), content).unwrap();
    // A reader says so and moves nothing: only a writer, under the lock, sets it aside.
    let err = store.load("c").unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(store.path()).unwrap(), content);
    let err = store.update("c", |_| ()).unwrap_err();
    let StoreError::Corrupt { moved_to, kept: None, .. } = err else { panic!("{err}") };
    assert_eq!(std::fs::read_to_string(&moved_to).unwrap(), content);
    assert!(!store.path().exists());
    assert!(err_text(&store).is_empty(), "the next read starts empty, without an error");
}

fn err_text(store: &Store) -> String {
    store.load("c").err().map(|e| e.to_string()).unwrap_or_default()
}

#[test]
fn a_newer_hallways_agenda_is_neither_moved_nor_written_and_is_read_as_far_as_it_can_be() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), "p99conf-2022");
    std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
    // This hallway's agenda as a newer one would write it: another version, a field more.
    let s = crate::schedule::bundled();
    let mut mine = Agenda::new("p99conf-2022");
    mine.set(&s, s.talk("io-uring").unwrap(), MarkKind::Attend, Utc::now());
    let mut v = serde_json::to_value(&mine).unwrap();
    v["version"] = 99.into();
    v["future"] = serde_json::json!([1, 2]);
    let newer = serde_json::to_string(&v).unwrap();
    std::fs::write(store.path(), &newer).unwrap();
    let err = store.load("p99conf-2022").unwrap_err();
    assert!(matches!(err, StoreError::Newer { version: 99, .. }), "{err}");
    assert!(err.to_string().contains("written by a newer hallway (format 99"), "{err}");
    // A writer refuses: nothing moved, nothing written.
    let refused =
        store.update("p99conf-2022", |a| a.set(&s, s.talk("extreme-http").unwrap(), MarkKind::Attend, Utc::now()));
    assert!(matches!(refused, Err(StoreError::Newer { .. })));
    assert!(store.sync(&Agenda::new("p99conf-2022")).is_err());
    assert_eq!(std::fs::read_to_string(store.path()).unwrap(), newer, "untouched");
    // A reader answers from what it understands, and says why it may be missing something.
    let (a, note) = store.load_for_reading("p99conf-2022").unwrap();
    assert!(note.unwrap().contains("newer hallway"));
    assert_eq!(a.marks.keys().collect::<Vec<_>>(), ["io-uring"]);
    let files: Vec<String> = std::fs::read_dir(store.path().parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    assert_eq!(files, ["p99conf-2022.json"], "nothing set aside");
}

#[test]
fn a_torn_end_is_set_aside_and_the_marks_before_it_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), "p99conf-2022");
    let s = crate::schedule::bundled();
    let mut a = Agenda::new("p99conf-2022");
    for id in ["io-uring", "extreme-http", "ebpf-vs-sidecars"] {
        a.set(&s, s.talk(id).unwrap(), MarkKind::Attend, Utc::now());
    }
    store.save(&a).unwrap();
    // What a power cut can leave: the file whole, then a run of NUL bytes.
    let mut torn = std::fs::read(store.path()).unwrap();
    torn.extend([0u8; 100]);
    std::fs::write(store.path(), &torn).unwrap();
    // A reader shows the marks before the tear and leaves the file as it is.
    let (shown, note) = store.load_for_reading("p99conf-2022").unwrap();
    assert_eq!(shown, a);
    assert!(note.unwrap().contains("ends torn; the 3 marks before the tear are shown"));
    assert_eq!(std::fs::read(store.path()).unwrap(), torn);
    // A window's save (under the lock) sets the original aside, keeps the marks before the
    // tear and merges its own.
    let mut window = Agenda::new("p99conf-2022");
    window.set(&s, s.talk("misery-metrics").unwrap(), MarkKind::OnDemand, Utc::now());
    let saved = store.sync(&window).unwrap();
    assert_eq!(saved.marks.len(), 4, "{:?}", saved.marks.keys());
    let aside: Vec<_> = std::fs::read_dir(store.path().parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .map(|e| e.path())
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(&aside[0]).unwrap(), torn, "the original, byte for byte");
    assert_eq!(store.load("p99conf-2022").unwrap(), saved);
    // A command's change does the same, and says how many marks it kept.
    std::fs::write(store.path(), &torn).unwrap();
    let err = store.update("p99conf-2022", |_| ()).unwrap_err();
    assert!(err.to_string().ends_with("and the 3 marks before the tear are kept"), "{err}");
    assert_eq!(store.load("p99conf-2022").unwrap(), a);
}

#[test]
fn an_unreadable_file_is_moved_aside_too() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), "c");
    // A directory where the file should be: reading fails (as a file without permission does).
    std::fs::create_dir_all(store.path()).unwrap();
    let err = store.load("c").unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    let err = store.update("c", |_| ()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("cannot read it"), "{err}");
    assert!(!store.path().exists());
}

#[test]
fn a_version_1_file_is_migrated_and_kept_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), "p99conf-2022");
    std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
    let v1 = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/agenda-v1.json")).unwrap();
    std::fs::write(store.path(), &v1).unwrap();
    let a = store.load("p99conf-2022").unwrap();
    assert_eq!(a.version, FORMAT_VERSION);
    assert_eq!(a.kind("ebpf-vs-sidecars"), Some(MarkKind::Attend));
    assert_eq!(a.note("io-uring"), Some("watch with the storage team"));
    let backup = dir.path().join("agendas/p99conf-2022.json.v1-backup");
    assert_eq!(std::fs::read_to_string(backup).unwrap(), v1, "the original, byte for byte");
    let on_disk: serde_json::Value = serde_json::from_slice(&std::fs::read(store.path()).unwrap()).unwrap();
    assert_eq!(on_disk["version"], FORMAT_VERSION);
    assert_eq!(store.load("p99conf-2022").unwrap(), a, "migrated once");
}

#[test]
fn sync_keeps_what_another_process_saved() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), "p99conf-2022");
    let s = schedule::bundled();
    let t0 = Utc::now();
    let mut window = Agenda::new("p99conf-2022");
    window.set(&s, s.talk("ebpf-vs-sidecars").unwrap(), MarkKind::Attend, t0);
    store.sync(&window).unwrap();
    // Another process stars a talk and unstars ours, later.
    store
        .update("p99conf-2022", |a| {
            a.set(&s, s.talk("io-uring").unwrap(), MarkKind::OnDemand, t0 + chrono::Duration::seconds(1));
            a.unmark("ebpf-vs-sidecars", t0 + chrono::Duration::seconds(2));
        })
        .unwrap();
    // Meanwhile this window added one of its own; its save keeps all of it.
    window.set(&s, s.talk("osnoise").unwrap(), MarkKind::Attend, t0 + chrono::Duration::seconds(3));
    let merged = store.sync(&window).unwrap();
    let kinds: Vec<(&str, MarkKind)> = merged.summary().into_iter().map(|(id, k, ..)| (id, k)).collect();
    assert_eq!(kinds, [("io-uring", MarkKind::OnDemand), ("osnoise", MarkKind::Attend)]);
    assert_eq!(store.load("p99conf-2022").unwrap(), merged);
}

#[test]
fn hostile_conference_ids_stay_inside_the_data_dir() {
    let store = Store::new(Path::new("/d"), "../../etc/passwd");
    assert_eq!(store.path(), Path::new("/d/agendas/_.._etc_passwd.json"));
}
