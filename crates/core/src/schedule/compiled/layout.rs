//! The compiled file, byte for byte. Any change to this file changes [`super::build()`], so a
//! compiled file from another build of hallway is never read as this one.
//!
//! ```text
//! 0   "HALLWAYC" | format u32 | 0 u32 | meta length u64 | meta xxh3 u64      (32 bytes)
//! 32  Meta (rkyv): the source's key, the conference, the day table, the section table
//! ..  sections, each 16-byte aligned, each an rkyv archive with its own xxh3:
//!     per day: its talks without abstracts, then their abstracts; then the id buckets
//! ```
//! A command reads the prelude and the meta, then only the sections its answer needs: a day,
//! the buckets holding the ids of the marked talks. Nothing grows with the whole schedule
//! but the day table.

use crate::schedule::{Link, Talk};
use chrono::{DateTime, Utc};
use rkyv::{Archive, Deserialize, Serialize};

pub const MAGIC: &[u8; 8] = b"HALLWAYC";
pub const PRELUDE: usize = 32;
pub const ALIGN: usize = 16;

/// Where a section lies, from the start of the body (the first aligned byte after the meta).
#[derive(Archive, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Section {
    pub offset: u64,
    pub len: u64,
    pub hash: u64,
}

/// What the compiled file was made from; see `key.rs` for how it is compared.
#[derive(Archive, Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Key {
    pub build: String,
    /// The canonical path, the address, or the bundled name, with the zone options.
    pub identity: String,
    /// For a file: its size, modification and change times, inode and device.
    pub stat: Option<Stat>,
    /// xxh3 of the source's bytes.
    pub content: u64,
    /// When the source was looked at for this compile (nanoseconds since the epoch).
    pub compiled_at: i64,
}

#[derive(Archive, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stat {
    pub size: u64,
    pub mtime: i64,
    pub ctime: i64,
    pub ino: u64,
    pub dev: u64,
}

#[derive(Archive, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Conf {
    pub id: String,
    pub name: String,
    pub tz: String,
    pub url: Option<String>,
    pub rooms: Vec<String>,
    pub notes: Vec<String>,
    pub remarks: Vec<String>,
    pub day_change: u32,
    pub floating: bool,
}

#[derive(Archive, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// Days since 1 January of year 1 (chrono's `num_days_from_ce`).
    pub date: i32,
    /// Positions of the day's talks in the whole schedule.
    pub first: u64,
    pub len: u64,
    /// When the day's last talk ends (Unix nanoseconds): a long talk may still be on the next day.
    pub max_end: i64,
    /// The tracks with a talk that day, ascending.
    pub tracks: Vec<u32>,
    pub talks: Section,
    pub texts: Section,
}

#[derive(Archive, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub key: Key,
    pub conference: Conf,
    pub days: Vec<Day>,
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub talks: u64,
    pub tags: Vec<(String, u64)>,
    pub kinds: Vec<(String, u64)>,
    pub tracks: Vec<(String, u64)>,
    pub languages: Vec<(String, u64)>,
    /// Talk ids hashed into buckets of about [`BUCKET`] ids each.
    pub buckets: Vec<Section>,
}

/// Ids per bucket, about: a lookup reads and checks one bucket, not every id.
pub const BUCKET: usize = 64;

/// A talk without its abstract.
#[derive(Archive, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub speakers: Vec<String>,
    pub room: u32,
    pub track: Option<String>,
    pub start: i64,
    pub end: i64,
    pub kind: String,
    pub tags: Vec<String>,
    pub language: Option<String>,
    pub recorded: Option<bool>,
    pub video: Option<String>,
    pub url: Option<String>,
    /// (address, title)
    pub links: Vec<(String, String)>,
}

/// A talk into its row and its abstract (kept in a section of its own), its fields moved: the
/// schedule is not used after it is compiled. The caller checked that it fits (a room number
/// in 32 bits, times before 2262).
pub fn row_of(t: Talk) -> (Row, String) {
    let nanos = |t: DateTime<Utc>| t.timestamp_nanos_opt().unwrap_or_default();
    let row = Row {
        id: t.id,
        title: t.title,
        speakers: t.speakers,
        room: t.room as u32,
        track: t.track,
        start: nanos(t.start),
        end: nanos(t.end),
        kind: t.kind,
        tags: t.tags,
        language: t.language,
        recorded: t.recorded,
        video: t.video,
        url: t.url,
        links: t.links.into_iter().map(|l| (l.url, l.title)).collect(),
    };
    (row, t.abstract_text)
}

/// A row and its abstract back into the talk [`row_of`] made them from.
pub fn talk_of(r: Row, abstract_text: String) -> Talk {
    Talk {
        id: r.id,
        title: r.title,
        speakers: r.speakers,
        room: r.room as usize,
        track: r.track,
        start: DateTime::from_timestamp_nanos(r.start),
        end: DateTime::from_timestamp_nanos(r.end),
        kind: r.kind,
        tags: r.tags,
        abstract_text,
        language: r.language,
        recorded: r.recorded,
        video: r.video,
        url: r.url,
        links: r.links.into_iter().map(|(url, title)| Link { url, title }).collect(),
    }
}

/// One bucket of the id index: (id, position).
pub type Bucket = Vec<(String, u64)>;

pub fn bucket_of(id: &str, buckets: usize) -> usize {
    (xxhash_rust::xxh3::xxh3_64(id.as_bytes()) % buckets.max(1) as u64) as usize
}

pub fn align(n: usize) -> usize {
    n.div_ceil(ALIGN) * ALIGN
}
