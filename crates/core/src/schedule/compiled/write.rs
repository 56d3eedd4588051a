//! A schedule into its compiled bytes (see `layout.rs`).

use super::layout::{self, Bucket, Conf, Day, Key, Meta, Row, Section};
use crate::schedule::{Schedule, Talk};
use rkyv::rancor::Error;

fn nanos(t: chrono::DateTime<chrono::Utc>) -> Option<i64> {
    t.timestamp_nanos_opt()
}

fn row(t: &Talk) -> Option<Row> {
    Some(Row {
        id: t.id.clone(),
        title: t.title.clone(),
        speakers: t.speakers.clone(),
        room: u32::try_from(t.room).ok()?,
        track: t.track.clone(),
        start: nanos(t.start)?,
        end: nanos(t.end)?,
        kind: t.kind.clone(),
        tags: t.tags.clone(),
        language: t.language.clone(),
        recorded: t.recorded,
        video: t.video.clone(),
        url: t.url.clone(),
        links: t.links.iter().map(|l| (l.url.clone(), l.title.clone())).collect(),
    })
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

/// The compiled file for `s`; `None` for what this layout cannot hold (a time past 2262).
pub fn encode(s: &Schedule, key: Key) -> Option<Encoded> {
    // About what a talk takes compiled, so the body is not copied as it grows.
    let mut body = Body(Vec::with_capacity(s.talks().len() * 320));
    let mut days = Vec::with_capacity(s.day_count());
    for d in 0..s.day_count() {
        let range = s.day_range(d);
        let talks = &s.talks()[range.clone()];
        let rows: Vec<Row> = talks.iter().map(row).collect::<Option<_>>()?;
        let texts: Vec<String> = talks.iter().map(|t| t.abstract_text.clone()).collect();
        let mut tracks: Vec<u32> = rows.iter().map(|r| r.room).collect();
        tracks.sort_unstable();
        tracks.dedup();
        days.push(Day {
            date: chrono::Datelike::num_days_from_ce(&s.day_date(d)?),
            first: range.start as u64,
            len: range.len() as u64,
            max_end: talks.iter().map(|t| nanos(t.end)).max().flatten()?,
            tracks,
            talks: body.put(&rkyv::to_bytes::<Error>(&rows).ok()?),
            texts: body.put(&rkyv::to_bytes::<Error>(&texts).ok()?),
        });
    }
    let count = s.talks().len().div_ceil(layout::BUCKET).max(1);
    let mut buckets: Vec<Bucket> = vec![Vec::new(); count];
    for (i, t) in s.talks().iter().enumerate() {
        buckets[layout::bucket_of(&t.id, count)].push((t.id.clone(), i as u64));
    }
    let buckets =
        buckets.iter().map(|b| rkyv::to_bytes::<Error>(b).ok().map(|bytes| body.put(&bytes))).collect::<Option<_>>()?;
    let choices = crate::schedule::Choices::of(s);
    let counted = |list: Vec<(String, usize)>| list.into_iter().map(|(v, n)| (v, n as u64)).collect();
    let c = &s.conference;
    let meta = Meta {
        key,
        conference: Conf {
            id: c.id.clone(),
            name: c.name.clone(),
            tz: c.tz.name().to_string(),
            url: c.url.clone(),
            rooms: c.rooms.clone(),
            notes: c.notes.clone(),
            remarks: c.remarks.clone(),
            day_change: chrono::Timelike::num_seconds_from_midnight(&c.day_change),
            floating: c.floating,
        },
        days,
        start: s.start().and_then(nanos),
        end: s.end().and_then(nanos),
        talks: s.talks().len() as u64,
        tags: counted(choices.tags),
        kinds: counted(choices.kinds),
        tracks: counted(choices.tracks),
        languages: counted(choices.languages),
        buckets,
    };
    Some(Encoded { head: head(&rkyv::to_bytes::<Error>(&meta).ok()?), body: body.0 })
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
