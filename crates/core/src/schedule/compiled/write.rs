//! A schedule into its compiled bytes (see `layout.rs`).

use super::layout::{self, Bucket, Conf, Day, Key, Meta, Row, Section};
use crate::schedule::Schedule;

use rkyv::api::high::HighSerializer;
use rkyv::rancor::Error;
use rkyv::ser::allocator::ArenaHandle;
use rkyv::util::AlignedVec;

fn nanos(t: chrono::DateTime<chrono::Utc>) -> Option<i64> {
    t.timestamp_nanos_opt()
}

/// rkyv's bytes for `v`. They fail only past rkyv's 32-bit relative offsets (2 GB), far beyond
/// what a schedule file of at most 64 MB becomes.
fn archive(v: &impl for<'a> rkyv::Serialize<HighSerializer<AlignedVec, ArenaHandle<'a>, Error>>) -> AlignedVec {
    rkyv::to_bytes::<Error>(v).expect("a schedule of at most 64 MB is far within rkyv's offsets")
}

/// Whether every talk and day fits the layout (times as nanoseconds, before 2262).
fn fits(s: &Schedule) -> bool {
    s.talks().iter().all(|t| u32::try_from(t.room).is_ok() && nanos(t.start).is_some() && nanos(t.end).is_some())
        && (0..s.day_count()).all(|d| s.day_date(d).is_some())
}

struct Body(Vec<u8>);

impl Body {
    fn put(&mut self, bytes: &[u8]) -> Section {
        self.0.resize(layout::align(self.0.len()), 0);
        let offset = self.0.len() as u64;
        self.0.extend_from_slice(bytes);
        Section { offset, len: bytes.len() as u64, hash: xxhash_rust::xxh3::xxh3_64(bytes) }
    }
}

/// A compiled file in two parts, written one after the other (the body is most of it: it is
/// not copied again to join them).
pub struct Encoded {
    pub head: Vec<u8>,
    pub body: Vec<u8>,
}

/// The compiled file for `s`, its text moved into it, not copied (at 100k talks the copy was
/// a third of a first open). `Err(s)` for what this layout cannot hold (a time past 2262).
pub fn encode(s: Schedule, key: Key) -> Result<Encoded, Box<Schedule>> {
    if !fits(&s) {
        return Err(Box::new(s));
    }
    let choices = crate::schedule::Choices::of(&s);
    let count = s.talks().len().div_ceil(layout::BUCKET).max(1);
    let mut buckets: Vec<Bucket> = vec![Vec::new(); count];
    for (i, t) in s.talks().iter().enumerate() {
        buckets[layout::bucket_of(&t.id, count)].push((t.id.clone(), i as u64));
    }
    let table: Vec<_> = (0..s.day_count()).map(|d| (s.day_date(d), s.day_range(d))).collect();
    let (start, end) = (s.start().and_then(nanos), s.end().and_then(nanos));
    let (c, talks) = s.into_parts();
    // About what a talk takes compiled, so the body is not copied as it grows.
    let mut body = Body(Vec::with_capacity(talks.len() * 320));
    let mut days = Vec::with_capacity(table.len());
    let mut talks = talks.into_iter();
    for (date, range) in table {
        let (rows, texts): (Vec<Row>, Vec<String>) = talks.by_ref().take(range.len()).map(layout::row_of).unzip();
        let mut tracks: Vec<u32> = rows.iter().map(|r| r.room).collect();
        tracks.sort_unstable();
        tracks.dedup();
        days.push(Day {
            date: chrono::Datelike::num_days_from_ce(&date.expect("checked by fits")),
            first: range.start as u64,
            len: range.len() as u64,
            max_end: rows.iter().map(|r| r.end).max().unwrap_or_default(),
            tracks,
            talks: body.put(&archive(&rows)),
            texts: body.put(&archive(&texts)),
        });
    }
    let buckets = buckets.iter().map(|b| body.put(&archive(b))).collect();
    let counted = |list: Vec<(String, usize)>| list.into_iter().map(|(v, n)| (v, n as u64)).collect();
    let talks = days.iter().map(|d| d.len).sum();
    let meta = Meta {
        key,
        conference: Conf {
            tz: c.tz.name().to_string(),
            day_change: chrono::Timelike::num_seconds_from_midnight(&c.day_change),
            floating: c.floating,
            id: c.id,
            name: c.name,
            url: c.url,
            rooms: c.rooms,
            notes: c.notes,
            remarks: c.remarks,
        },
        days,
        start,
        end,
        talks,
        tags: counted(choices.tags),
        kinds: counted(choices.kinds),
        tracks: counted(choices.tracks),
        languages: counted(choices.languages),
        buckets,
    };
    Ok(Encoded { head: head(&archive(&meta)), body: body.0 })
}

/// Prelude, meta and body into one file.
pub fn assemble(meta: &[u8], body: &[u8]) -> Vec<u8> {
    let mut out = head(meta);
    out.extend_from_slice(body);
    out
}

/// The prelude and the meta, padded to where the body starts.
fn head(meta: &[u8]) -> Vec<u8> {
    let body_start = layout::align(layout::PRELUDE + meta.len());
    let mut out = Vec::with_capacity(body_start);
    out.extend_from_slice(layout::MAGIC);
    out.extend_from_slice(&super::FORMAT.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&(meta.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(meta).to_le_bytes());
    out.extend_from_slice(meta);
    out.resize(body_start, 0);
    out
}
