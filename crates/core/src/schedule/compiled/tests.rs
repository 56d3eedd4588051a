use super::*;
use crate::schedule::import::Options;
use crate::schedule::load_path_with;

const OPTS: Options = Options { zone: Some(chrono_tz::UTC), without_abstracts: false };

fn same(a: &Schedule, b: &Schedule) {
    assert_eq!(a.conference, b.conference);
    assert_eq!(a.talks(), b.talks());
    let days = |s: &Schedule| (0..s.day_count()).map(|d| (s.day_date(d), s.day_range(d))).collect::<Vec<_>>();
    assert_eq!(days(a), days(b));
    assert_eq!((a.start(), a.end()), (b.start(), b.end()));
}

fn whole(o: Opened) -> Schedule {
    o.load(&Plan { whole: true, abstracts: true, ..Plan::default() }).unwrap()
}

fn compiled(o: &Opened) -> bool {
    o.from_earlier_run()
}

/// A native schedule whose titles are `word` repeated: the same size for words of one length.
fn schedule_text(word: &str) -> String {
    let talks: Vec<String> = (0..40)
        .map(|i| {
            format!(
                r#"{{"id": "t{i:02}", "title": "{word} {i:02}", "speakers": ["S"], "track": "{}", "start": "2030-03-0{}T{:02}:00", "duration": 30}}"#,
                if i % 2 == 0 { "A" } else { "B" },
                1 + i / 20,
                8 + (i % 20) / 2
            )
        })
        .collect();
    format!(
        r#"{{"conference": {{"id": "c", "name": "C", "timezone": "Europe/Amsterdam", "tracks": ["A", "B"]}}, "talks": [{}]}}"#,
        talks.join(",\n")
    )
}

fn first_title(o: Opened) -> String {
    whole(o).talks()[0].title.clone()
}

#[test]
fn the_second_open_reads_the_compiled_form_and_gives_the_same_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().join("cache"));
    let path = dir.path().join("s.json");
    std::fs::write(&path, crate::synth::native_json(2_000, 3, 12, 5)).unwrap();
    let parsed = load_path_with(&path, OPTS).unwrap();
    let first = cache.open_file(&path, OPTS).unwrap();
    assert!(!compiled(&first));
    // A compile right after the file was written is racy: checked by content, still compiled.
    let second = cache.open_file(&path, OPTS).unwrap();
    assert!(compiled(&second));
    same(&whole(second), &parsed);
}

#[test]
fn a_part_holds_every_talk_of_its_days_and_the_ids_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().to_path_buf());
    let path = dir.path().join("s.json");
    std::fs::write(&path, crate::synth::native_json(3_000, 4, 20, 9)).unwrap();
    let parsed = load_path_with(&path, OPTS).unwrap();
    cache.open_file(&path, OPTS).unwrap();
    let opened = cache.open_file(&path, OPTS).unwrap();
    let reader = opened.reader().unwrap();
    let ids = vec!["t7".to_string(), "t2999".to_string(), "nope".to_string()];
    let part = reader.load(&Plan { days: vec![1], ids: ids.clone(), abstracts: true, ..Plan::default() }).unwrap();
    assert_eq!(part.day_count(), parsed.day_count());
    assert_eq!(&part.talks()[part.day_range(1)], &parsed.talks()[parsed.day_range(1)]);
    assert_eq!(part.talk("t7"), parsed.talk("t7"));
    assert_eq!(part.talk("t2999"), parsed.talk("t2999"));
    assert!(part.talk("nope").is_none());
    assert_eq!(part.talks().len(), parsed.day_range(1).len() + 2);
    assert_eq!(crate::schedule::Choices::of(&part), crate::schedule::Choices::of(&parsed));
    assert_eq!((part.start(), part.end()), (parsed.start(), parsed.end()));
}

#[test]
fn what_is_on_reads_the_same_from_the_days_it_needs() {
    use crate::agenda::{Agenda, MarkKind};
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().to_path_buf());
    let path = dir.path().join("s.json");
    // Tracks that skip days, so a room's next talk is days away.
    std::fs::write(&path, crate::synth::native_json(1_500, 5, 30, 3)).unwrap();
    let full = load_path_with(&path, OPTS).unwrap();
    let mut agenda = Agenda::new(&full.conference.id);
    for t in full.talks().iter().step_by(37) {
        agenda.set(&full, t, MarkKind::Attend, full.start().unwrap());
    }
    cache.open_file(&path, OPTS).unwrap();
    let opened = cache.open_file(&path, OPTS).unwrap();
    let reader = opened.reader().unwrap();
    let (start, end) = (full.start().unwrap(), full.end().unwrap());
    let mut t = start - chrono::Duration::hours(20);
    while t < end + chrono::Duration::hours(20) {
        let plan = Plan {
            days: reader.days_for_now(t),
            ids: agenda.marks.keys().cloned().collect(),
            abstracts: true,
            ..Plan::default()
        };
        let part = reader.load(&plan).unwrap();
        let answer = |s: &Schedule| {
            let o = crate::now::overview(s, &agenda.attending(s), t);
            let next = crate::status_line::next(s, &agenda.attending(s), t).map(|n| s.talks()[n.talk()].id.clone());
            (crate::report::now(s, &o, &agenda), next, crate::report::agenda(s, &agenda))
        };
        assert_eq!(answer(&part), answer(&full), "at {t}");
        t += chrono::Duration::minutes(97);
    }
}

/// Overwrite an entry's key (what a stat that cannot see a change looks like).
fn rekey(entry: &Path, f: impl FnOnce(&mut layout::Key)) {
    let reader = Reader::open(entry).unwrap();
    let old = std::fs::read(entry).unwrap();
    let mut meta = reader.meta.clone();
    f(&mut meta.key);
    let meta = rkyv::to_bytes::<rkyv::rancor::Error>(&meta).unwrap();
    std::fs::write(entry, write::assemble(&meta, &old[reader.body_offset()..])).unwrap();
}

fn only_entry(cache: &Cache) -> PathBuf {
    let mut list: Vec<PathBuf> = std::fs::read_dir(cache.dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "hwc"))
        .collect();
    assert_eq!(list.len(), 1);
    list.pop().unwrap()
}

#[test]
fn a_rewrite_the_stat_cannot_see_is_caught_by_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().join("cache"));
    let path = dir.path().join("s.json");
    std::fs::write(&path, schedule_text("Alpha")).unwrap();
    cache.open_file(&path, OPTS).unwrap();
    // The same size, and a key claiming the new file's exact stat, as when both writes fall in
    // one tick of the file system's clock.
    std::fs::write(&path, schedule_text("Bravo")).unwrap();
    let now = key::stat(&path).unwrap();
    rekey(&only_entry(&cache), |k| {
        k.stat = Some(now);
        k.compiled_at = now.mtime;
    });
    assert_eq!(first_title(cache.open_file(&path, OPTS).unwrap()), "Bravo 00");
    assert_eq!(first_title(cache.open_file(&path, OPTS).unwrap()), "Bravo 00");
}

#[test]
fn a_racy_entry_found_right_is_trusted_again_once_old_enough() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().join("cache"));
    let path = dir.path().join("s.json");
    std::fs::write(&path, schedule_text("Alpha")).unwrap();
    // Older than the racy window by the time it is opened again.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    cache.open_file(&path, OPTS).unwrap();
    let entry = only_entry(&cache);
    let now = key::stat(&path).unwrap();
    rekey(&entry, |k| k.compiled_at = now.mtime.max(now.ctime));
    let judge = |r: &Reader| key::judge_file(&r.meta.key, &build(), &r.meta.key.identity, &key::stat(&path).unwrap());
    assert_eq!(judge(&Reader::open(&entry).unwrap()), Verdict::Racy);
    assert!(compiled(&cache.open_file(&path, OPTS).unwrap()));
    assert_eq!(judge(&Reader::open(&entry).unwrap()), Verdict::Fresh);
}

#[test]
fn rewrites_of_the_same_size_in_a_row_always_give_the_new_answer() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().join("cache"));
    let path = dir.path().join("s.json");
    for (i, word) in ["Alpha", "Bravo", "Gamma", "Delta", "Kappa", "Sigma"].iter().cycle().take(30).enumerate() {
        std::fs::write(&path, schedule_text(word)).unwrap();
        assert_eq!(first_title(cache.open_file(&path, OPTS).unwrap()), format!("{word} 00"), "round {i}");
    }
}

#[test]
fn another_build_another_zone_or_another_file_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().join("cache"));
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::fs::write(&a, schedule_text("Alpha")).unwrap();
    std::fs::write(&b, schedule_text("Bravo")).unwrap();
    cache.open_file(&a, OPTS).unwrap();
    let entry_a = only_entry(&cache);
    rekey(&entry_a, |k| k.build = "hallway 0.0.1 format 0".into());
    assert!(!compiled(&cache.open_file(&a, OPTS).unwrap()));
    // b's entry swapped for a's.
    cache.open_file(&b, OPTS).unwrap();
    let entries: Vec<PathBuf> = std::fs::read_dir(cache.dir()).unwrap().flatten().map(|e| e.path()).collect();
    let entry_b = entries.iter().find(|p| **p != entry_a).unwrap();
    std::fs::copy(&entry_a, entry_b).unwrap();
    assert_eq!(first_title(cache.open_file(&b, OPTS).unwrap()), "Bravo 00");
    let other = Options { zone: Some(chrono_tz::Asia::Tokyo), ..OPTS };
    assert!(!compiled(&cache.open_file(&b, other).unwrap()));
}

#[test]
fn corrupt_and_truncated_entries_give_the_right_answer() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().join("cache"));
    let path = dir.path().join("s.json");
    std::fs::write(&path, crate::synth::native_json(300, 2, 6, 1)).unwrap();
    let parsed = load_path_with(&path, OPTS).unwrap();
    cache.open_file(&path, OPTS).unwrap();
    let entry = only_entry(&cache);
    let good = std::fs::read(&entry).unwrap();
    let plans = [
        Plan { whole: true, abstracts: true, ..Plan::default() },
        Plan { days: vec![1], ids: vec!["t3".into()], abstracts: true, ..Plan::default() },
    ];
    let step = (good.len() / 150).max(1);
    for at in (0..good.len()).step_by(step) {
        for damage in 0..2 {
            let mut bad = good.clone();
            if damage == 0 {
                bad[at] ^= 0x5a;
            } else {
                bad.truncate(at);
            }
            for plan in &plans {
                std::fs::write(&entry, &bad).unwrap();
                let s = cache.open_file(&path, OPTS).unwrap().load(plan).unwrap();
                if plan.whole {
                    same(&s, &parsed);
                } else {
                    assert_eq!(&s.talks()[s.day_range(1)], &parsed.talks()[parsed.day_range(1)], "byte {at}");
                    assert_eq!(s.talk("t3"), parsed.talk("t3"));
                }
            }
        }
    }
}

#[test]
fn old_entries_and_a_killed_writers_leftovers_are_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().to_path_buf());
    let age = |p: &Path, secs: u64| {
        let f = std::fs::File::options().write(true).open(p).unwrap();
        f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(secs)).unwrap();
    };
    for i in 0..20 {
        let p = dir.path().join(format!("{i:016x}.hwc"));
        std::fs::write(&p, b"x").unwrap();
        age(&p, 100 + i);
    }
    let stale_temp = dir.path().join(format!("{TEMP_PREFIX}abc"));
    std::fs::write(&stale_temp, b"x").unwrap();
    age(&stale_temp, 7200);
    let fresh_temp = dir.path().join(format!("{TEMP_PREFIX}def"));
    std::fs::write(&fresh_temp, b"x").unwrap();
    let ancient = dir.path().join("ffffffffffffffff.hwc");
    std::fs::write(&ancient, b"x").unwrap();
    age(&ancient, 100 * 24 * 3600);
    cache.prune();
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.iter().filter(|n| n.ends_with(".hwc")).count(), KEEP);
    assert!(left.contains(&format!("{:016x}.hwc", 0)), "the newest stay");
    assert!(!left.contains(&format!("{:016x}.hwc", 19)));
    assert!(!stale_temp.exists() && fresh_temp.exists() && !ancient.exists());
}

#[test]
fn content_keyed_sources_compile_once() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().to_path_buf());
    let a = schedule_text("Alpha");
    assert!(!compiled(&cache.open_bytes("https://x/s.json", "s.json", a.as_bytes(), OPTS).unwrap()));
    assert!(compiled(&cache.open_bytes("https://x/s.json", "s.json", a.as_bytes(), OPTS).unwrap()));
    let b = schedule_text("Bravo");
    let o = cache.open_bytes("https://x/s.json", "s.json", b.as_bytes(), OPTS).unwrap();
    assert_eq!(first_title(o), "Bravo 00");
}

#[test]
fn the_fuzz_entry_survives_damage_behind_valid_checksums() {
    let mut rng = 0x2545f4914f6cdd1du64;
    let mut byte = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng as u8
    };
    for round in 0..300 {
        let mut data = vec![(round % 3) as u8];
        data.extend((0..30).map(|_| byte()));
        fuzz::run(&data);
    }
}

#[test]
fn bundled_schedules_read_the_same_compiled() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().to_path_buf());
    for (name, json) in crate::schedule::BUNDLED_SCHEDULES {
        let parsed = crate::schedule::bundled_named(name).unwrap();
        let id = format!("bundled {name}");
        let cold = cache.open_bytes(&id, name, json.as_bytes(), Options::default()).unwrap();
        same(&whole(cold), &parsed);
        let warm = cache.open_bytes(&id, name, json.as_bytes(), Options::default()).unwrap();
        assert!(compiled(&warm));
        same(&whole(warm), &parsed);
    }
}

#[test]
fn a_planted_entry_with_text_never_cleaned_is_compiled_again_from_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().join("cache"));
    let path = dir.path().join("s.json");
    std::fs::write(&path, schedule_text("Alpha")).unwrap();
    cache.open_file(&path, OPTS).unwrap();
    let entry = only_entry(&cache);
    let key = Reader::open(&entry).unwrap().meta.key.clone();
    // A valid entry, checksums and all, for this very file, holding an escape sequence that
    // would write the clipboard: in a title, then in the conference's name.
    let parsed = load_path_with(&path, OPTS).unwrap();
    let osc52 = "\u{1b}]52;c;ZXZpbA==\u{7}";
    let mut talks = parsed.talks().to_vec();
    talks[0].title = format!("Alpha 00{osc52}");
    let dirty_title = Schedule::new(parsed.conference.clone(), talks);
    let mut conference = parsed.conference.clone();
    conference.name = format!("C{osc52}");
    let dirty_name = Schedule::new(conference, parsed.talks().to_vec());
    for dirty in [dirty_title, dirty_name] {
        let planted = write::encode(dirty.clone(), key.clone()).unwrap();
        std::fs::write(&entry, [planted.head, planted.body].concat()).unwrap();
        let s = whole(cache.open_file(&path, OPTS).unwrap());
        assert_eq!(s.talks()[0].title, "Alpha 00");
        assert_eq!(s.conference.name, "C");
    }
}

#[test]
fn a_file_hashed_as_it_is_read_has_the_hash_of_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    // Sizes around the buffer's (256 KiB) and xxh3's own stripes and blocks.
    for len in [0usize, 1, 240, 1024, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 600_000] {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(key::file_hash(&path, 1 << 20).unwrap(), Some(key::content_hash(&bytes)), "{len} bytes");
        // Past the cap it says nothing: the reader of the whole file says why.
        if len > 10 {
            assert_eq!(key::file_hash(&path, 10).unwrap(), None);
        }
    }
}

/// What `read::clean` must say, as written before it became one pass over the bytes.
fn clean_by_chars(s: &str, lines: bool) -> bool {
    s.chars().all(|c| {
        let bidi =
            matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
        let control = (c < ' ' && !(lines && c == '\n')) || ('\u{7F}'..='\u{9F}').contains(&c);
        !bidi && !control
    })
}

#[test]
fn text_is_judged_clean_byte_by_byte_as_char_by_char() {
    let ends = ["", "a", "é", "—", "\n", "x".repeat(70).leak()];
    for c in (0u32..0x3000).chain([0xFEFF, 0x1F600, 0x10FFFF]).filter_map(char::from_u32) {
        for (before, after) in ends.iter().zip(ends.iter().rev()) {
            let s = format!("{before}{c}{after}");
            for lines in [false, true] {
                assert_eq!(clean::clean(&s, lines), clean_by_chars(&s, lines), "{s:?} lines {lines}");
            }
        }
    }
}

#[test]
fn a_first_open_answers_from_the_entry_it_wrote_unless_none_can_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    std::fs::write(&path, crate::synth::native_json(2_000, 3, 12, 5)).unwrap();
    let parsed = load_path_with(&path, OPTS).unwrap();
    let first = Cache::in_dir(dir.path().join("cache")).open_file(&path, OPTS).unwrap();
    assert!(first.reader().is_some() && !first.from_earlier_run(), "compiled now, read from its entry");
    same(&whole(first), &parsed);
    // A cache "folder" that is a file: nothing can be written, and the parsed schedule answers.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "").unwrap();
    let first = Cache::in_dir(blocked.join("compiled")).open_file(&path, OPTS).unwrap();
    assert!(first.reader().is_none());
    same(&whole(first), &parsed);
}

#[test]
fn a_large_schedule_read_on_two_threads_is_the_one_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(dir.path().join("cache"));
    let path = dir.path().join("s.json");
    // Over the size read in two halves, with days of unequal sizes.
    std::fs::write(&path, crate::synth::native_json(read::PARALLEL_FROM + 3_001, 9, 60, 3)).unwrap();
    let parsed = load_path_with(&path, OPTS).unwrap();
    let opened = cache.open_file(&path, OPTS).unwrap();
    let read = whole(opened);
    same(&read, &parsed);
    for t in parsed.talks().iter().step_by(997) {
        assert_eq!(read.index_of(&t.id), parsed.index_of(&t.id));
    }
}
