//! The reader against hostile files, for the `compiled` fuzz target: never a panic, and what
//! it loads holds together.

use super::layout::{self, Bucket, Meta, Row};
use super::{Plan, Reader, write};
use rkyv::rancor::Error;
use std::sync::OnceLock;

/// A whole compiled file of the bundled schedule, to damage.
fn good() -> &'static (Vec<u8>, Meta, usize) {
    static GOOD: OnceLock<(Vec<u8>, Meta, usize)> = OnceLock::new();
    GOOD.get_or_init(|| {
        let s = crate::schedule::bundled();
        let parts = write::encode(s.clone(), layout::Key::default()).expect("the bundled schedule compiles");
        let file = [parts.head, parts.body].concat();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("good.hwc");
        std::fs::write(&path, &file).expect("write");
        let r = Reader::open(&path).expect("a fresh file reads");
        let (meta, body) = (r.meta.clone(), r.body_offset());
        (file, meta, body)
    })
}

fn exercise(file: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("x.hwc");
    if std::fs::write(&path, file).is_err() {
        return;
    }
    let Ok(r) = Reader::open(&path) else { return };
    if let Ok(s) = r.whole(true) {
        assert!(s.talks().iter().all(|t| t.room < s.conference.rooms.len() && t.start <= t.end));
    }
    let now = chrono::DateTime::from_timestamp(1_666_190_000, 0).expect("an instant");
    let plan = Plan { days: r.days_for_now(now), ids: vec!["ebpf-vs-sidecars".into(), "x".into()], ..Plan::default() };
    let _ = r.load(&plan);
    let _ = r.load(&Plan { days: vec![0, 1, 7], abstracts: true, ..Plan::default() });
}

/// `data`: the first byte picks how it is used. 0: the whole file. 1: (offset, xor) patches
/// on the good file's meta and sections with their checksums made right again, so the archive
/// checks and the reader's own behind them are reached. Else: an archive of each kind.
pub fn run(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else { return };
    match mode {
        0 => exercise(rest),
        1 => {
            let (file, meta, body) = good();
            let mut bytes = file[*body..].to_vec();
            let patches: Vec<(usize, u8)> =
                rest.chunks_exact(3).map(|p| (u16::from_le_bytes([p[0], p[1]]) as usize, p[2])).collect();
            let mut meta = meta.clone();
            let meta_len = rkyv::to_bytes::<Error>(&meta).map_or(0, |m| m.len());
            // Offsets past the meta's length damage the body, the others the meta itself.
            for &(at, x) in &patches {
                if let Some(b) = at.checked_sub(meta_len).and_then(|at| bytes.get_mut(at)) {
                    *b ^= x;
                }
            }
            let rehash = |s: &mut layout::Section| {
                let (from, len) = (s.offset as usize, s.len as usize);
                if let Some(part) = bytes.get(from..from + len) {
                    s.hash = xxhash_rust::xxh3::xxh3_64(part);
                }
            };
            for d in &mut meta.days {
                rehash(&mut d.talks);
                rehash(&mut d.texts);
            }
            meta.buckets.iter_mut().for_each(rehash);
            if let Ok(m) = rkyv::to_bytes::<Error>(&meta) {
                let mut m = m.to_vec();
                for &(at, x) in &patches {
                    if let Some(b) = m.get_mut(at) {
                        *b ^= x;
                    }
                }
                exercise(&write::assemble(&m, &bytes));
            }
        }
        _ => {
            let mut aligned = rkyv::util::AlignedVec::<16>::new();
            aligned.extend_from_slice(rest);
            let _ = rkyv::from_bytes::<Meta, Error>(&aligned);
            let _ = rkyv::from_bytes::<Vec<Row>, Error>(&aligned);
            let _ = rkyv::from_bytes::<Bucket, Error>(&aligned);
            let _ = rkyv::from_bytes::<Vec<String>, Error>(&aligned);
        }
    }
}
