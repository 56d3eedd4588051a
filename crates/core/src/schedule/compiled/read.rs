//! Reading a compiled file: the prelude and meta when opened, then only the sections asked
//! for, each checked (xxh3, then rkyv's bytecheck) before use. Positioned reads rather than a
//! memory map: a few kilobytes are read per answer either way, and a file truncated by someone
//! else while mapped would kill the process with SIGBUS instead of failing a read.

use super::clean::clean;
use super::layout::{self, Bucket, Meta, Row, Section};
use super::need::Plan;
use crate::schedule::{Conference, InOrder, Schedule, Talk, Whole};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rkyv::rancor::{Error, Strategy};
use std::collections::BTreeMap;
use std::fs::File;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A compiled file that cannot be used: it is ignored, and rebuilt from the source.
#[derive(Debug, thiserror::Error)]
#[error("compiled schedule {path}: {why}")]
pub struct Corrupt {
    pub path: PathBuf,
    pub why: String,
}

/// Talks from which a whole schedule is read on two threads.
pub(super) const PARALLEL_FROM: usize = 20_000;

/// Each day's date and the positions of its talks.
type DayTable = Vec<(NaiveDate, Range<usize>)>;

pub struct Reader {
    file: File,
    path: PathBuf,
    body: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
    pub(super) meta: Meta,
    pub(super) conference: Conference,
    pub(super) days: DayTable,
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, offset)
}

#[cfg(not(unix))]
fn read_at(mut f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek};
    f.seek(std::io::SeekFrom::Start(offset))?;
    f.read_exact(buf)
}

fn time(nanos: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(nanos)
}

/// Check and deserialize one archive.
fn decode<T>(bytes: &[u8]) -> Result<T, Error>
where
    T: rkyv::Archive,
    T::Archived: for<'a> rkyv::bytecheck::CheckBytes<rkyv::api::high::HighValidator<'a, Error>>
        + rkyv::Deserialize<T, Strategy<rkyv::de::Pool, Error>>,
{
    rkyv::from_bytes::<T, Error>(bytes)
}

impl Reader {
    pub fn open(path: &Path) -> Result<Self, Corrupt> {
        let bad = |why: String| Corrupt { path: path.to_path_buf(), why };
        let file = crate::bounded::open(path).map_err(|e| bad(e.to_string()))?;
        let mut prelude = [0u8; layout::PRELUDE];
        read_at(&file, &mut prelude, 0).map_err(|e| bad(format!("prelude: {e}")))?;
        let word = |at: usize| u64::from_le_bytes(prelude[at..at + 8].try_into().expect("8 bytes"));
        if &prelude[..8] != layout::MAGIC {
            return Err(bad("not a compiled schedule".into()));
        }
        let format = u32::from_le_bytes(prelude[8..12].try_into().expect("4 bytes"));
        if format != super::FORMAT {
            return Err(bad(format!("format {format}, this build reads {}", super::FORMAT)));
        }
        let (meta_len, meta_hash) = (word(16), word(24));
        let stat = file.metadata().map_err(|e| bad(e.to_string()))?;
        let (len, modified) = (stat.len(), stat.modified().ok());
        if meta_len > len.saturating_sub(layout::PRELUDE as u64) {
            return Err(bad("truncated".into()));
        }
        let mut meta_bytes = rkyv::util::AlignedVec::<16>::with_capacity(meta_len as usize);
        meta_bytes.resize(meta_len as usize, 0);
        read_at(&file, &mut meta_bytes, layout::PRELUDE as u64).map_err(|e| bad(format!("meta: {e}")))?;
        if xxhash_rust::xxh3::xxh3_64(&meta_bytes) != meta_hash {
            return Err(bad("meta checksum".into()));
        }
        let meta: Meta = decode(&meta_bytes).map_err(|e| bad(format!("meta: {e}")))?;
        let body = layout::align(layout::PRELUDE + meta_len as usize) as u64;
        let (conference, days) = Self::tables(&meta).ok_or_else(|| bad("meta out of range".into()))?;
        Ok(Self { file, path: path.to_path_buf(), body, len, modified, meta, conference, days })
    }

    fn tables(meta: &Meta) -> Option<(Conference, DayTable)> {
        let c = &meta.conference;
        // Text is cleaned before it is compiled: an entry holding a control character was not
        // written by hallway (a planted file), and is compiled again from the source.
        let lines = [&c.id, &c.name].into_iter().chain(&c.rooms).chain(c.url.as_ref());
        if !lines.into_iter().all(|s| clean(s, false)) || !c.notes.iter().chain(&c.remarks).all(|n| clean(n, true)) {
            return None;
        }
        let conference = Conference {
            id: c.id.clone(),
            name: c.name.clone(),
            tz: c.tz.parse::<Tz>().ok()?,
            url: c.url.clone(),
            rooms: c.rooms.clone(),
            remarks: c.remarks.clone(),
            notes: c.notes.clone(),
            day_change: NaiveTime::from_num_seconds_from_midnight_opt(c.day_change, 0)?,
            floating: c.floating,
        };
        let mut next = 0u64;
        let mut days: DayTable = Vec::with_capacity(meta.days.len());
        for d in &meta.days {
            // Days tile the talks in order, each on a later date: anything else is not a file
            // this layout wrote.
            let date = NaiveDate::from_num_days_from_ce_opt(d.date)?;
            if d.first != next || d.len == 0 || days.last().is_some_and(|(before, _)| *before >= date) {
                return None;
            }
            next = d.first.checked_add(d.len)?;
            days.push((date, d.first as usize..next as usize));
        }
        (next == meta.talks).then_some((conference, days))
    }

    fn bad(&self, why: String) -> Corrupt {
        Corrupt { path: self.path.clone(), why }
    }

    /// A section's bytes, their checksum verified.
    fn read_section(&self, s: &Section, what: &str) -> Result<rkyv::util::AlignedVec<16>, Corrupt> {
        let len = usize::try_from(s.len).map_err(|_| self.bad(format!("{what}: too long")))?;
        let at = self.body.checked_add(s.offset).ok_or_else(|| self.bad(format!("{what}: out of range")))?;
        // A length past the end of the file is a lie; refuse it before allocating for it.
        if at.checked_add(s.len).is_none_or(|end| end > self.len) {
            return Err(self.bad(format!("{what}: past the end of the file")));
        }
        let mut buf = rkyv::util::AlignedVec::<16>::with_capacity(len);
        buf.resize(len, 0);
        read_at(&self.file, &mut buf, at).map_err(|e| self.bad(format!("{what}: {e}")))?;
        if xxhash_rust::xxh3::xxh3_64(&buf) != s.hash {
            return Err(self.bad(format!("{what}: checksum")));
        }
        Ok(buf)
    }

    fn section<T>(&self, s: &Section, what: &str) -> Result<T, Corrupt>
    where
        T: rkyv::Archive,
        T::Archived: for<'a> rkyv::bytecheck::CheckBytes<rkyv::api::high::HighValidator<'a, Error>>
            + rkyv::Deserialize<T, Strategy<rkyv::de::Pool, Error>>,
    {
        decode(&self.read_section(s, what)?).map_err(|e| self.bad(format!("{what}: {e}")))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The whole entry, from the file opened (not the path, which another process may have
    /// replaced since).
    pub(super) fn bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut all = vec![0; usize::try_from(self.len).map_err(std::io::Error::other)?];
        read_at(&self.file, &mut all, 0)?;
        Ok(all)
    }

    /// An entry read today counts as new for pruning (which goes by modification time).
    pub(super) fn mark_used(&self) {
        let day = std::time::Duration::from_secs(24 * 3600);
        let now = std::time::SystemTime::now();
        if self.modified.is_some_and(|m| now.duration_since(m).unwrap_or_default() > day)
            && let Ok(f) = File::options().write(true).open(&self.path)
        {
            let _ = f.set_modified(now);
        }
    }

    pub(super) fn body_offset(&self) -> usize {
        self.body as usize
    }

    pub(super) fn notes_mut(&mut self) -> &mut Vec<String> {
        &mut self.conference.notes
    }

    pub fn conference(&self) -> &Conference {
        &self.conference
    }

    fn whole_info(&self) -> Whole {
        let counted = |list: &[(String, u64)]| list.iter().map(|(v, n)| (v.clone(), *n as usize)).collect();
        Whole {
            start: self.meta.start.map(time),
            end: self.meta.end.map(time),
            talks: self.meta.talks as usize,
            day_sizes: self.days.iter().map(|(_, r)| r.len()).collect(),
            tags: counted(&self.meta.tags),
            kinds: counted(&self.meta.kinds),
            tracks: counted(&self.meta.tracks),
            languages: counted(&self.meta.languages),
        }
    }

    /// The day table and the conference, no talk: enough to read `--at` and `--day`.
    pub fn skeleton(&self) -> Schedule {
        Schedule::partial(self.conference.clone(), &self.days, self.whole_info(), Vec::new())
    }

    /// The talks of day `d`, with their positions in the whole schedule: all of them, or those
    /// at `only` (checked whole, but only those built: a starred talk does not cost its day).
    fn day(
        &self,
        d: usize,
        abstracts: bool,
        only: Option<&[usize]>,
        mut put: impl FnMut(usize, Talk),
    ) -> Result<(), Corrupt> {
        let day = &self.meta.days[d];
        let first = day.first as usize;
        let rows_bytes = self.read_section(&day.talks, "talks")?;
        let rows = rkyv::access::<rkyv::Archived<Vec<Row>>, Error>(&rows_bytes)
            .map_err(|e| self.bad(format!("talks: {e}")))?;
        let texts_bytes = if abstracts { Some(self.read_section(&day.texts, "abstracts")?) } else { None };
        let texts = match &texts_bytes {
            Some(b) => Some(
                rkyv::access::<rkyv::Archived<Vec<String>>, Error>(b)
                    .map_err(|e| self.bad(format!("abstracts: {e}")))?,
            ),
            None => None,
        };
        if rows.len() as u64 != day.len || texts.is_some_and(|t| t.len() != rows.len()) {
            return Err(self.bad("a day's size".into()));
        }
        let wanted: Vec<usize> = match only {
            Some(positions) => {
                let mut at: Vec<usize> =
                    positions.iter().filter_map(|p| p.checked_sub(first)).filter(|&i| i < rows.len()).collect();
                at.sort_unstable();
                at.dedup();
                at
            }
            None => (0..rows.len()).collect(),
        };
        let tracks = self.conference.rooms.len();
        for i in wanted {
            let r: Row = rkyv::deserialize::<Row, Error>(&rows[i]).map_err(|e| self.bad(format!("talks: {e}")))?;
            if r.room as usize >= tracks || r.end < r.start {
                return Err(self.bad("a talk out of range".into()));
            }
            let lines = [&r.id, &r.title, &r.kind].into_iter().chain(&r.speakers).chain(&r.tags);
            let lines = lines.chain(&r.track).chain(&r.language).chain(r.links.iter().map(|(_, t)| t));
            let links = r.video.iter().chain(&r.url).chain(r.links.iter().map(|(u, _)| u));
            let text = texts.map_or("", |t| t[i].as_str());
            // A page is opened by `b`: only the web address loading would have kept.
            let web = |u: &String| crate::sanitize::web_address(u).as_deref() == Some(u.as_str());
            let page_ok = r.url.iter().chain(r.links.iter().map(|(u, _)| u)).all(web);
            if !lines.chain(links).all(|s| clean(s, false)) || !clean(text, true) || !page_ok {
                return Err(self.bad("text that was never cleaned".into()));
            }
            let talk = layout::talk_of(r, texts.map(|t| t[i].as_str().to_string()).unwrap_or_default());
            put(first + i, talk);
        }
        Ok(())
    }

    fn day_holding(&self, position: usize) -> Option<usize> {
        let d = self.days.partition_point(|(_, r)| r.end <= position);
        (d < self.days.len()).then_some(d)
    }

    /// The schedule with what `plan` asks for loaded.
    pub fn load(&self, plan: &Plan) -> Result<Schedule, Corrupt> {
        if plan.whole {
            return self.whole(plan.abstracts);
        }
        let mut days: Vec<usize> = plan.days.iter().copied().filter(|&d| d < self.days.len()).collect();
        let buckets = self.meta.buckets.len();
        let mut wanted: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for id in &plan.ids {
            wanted.entry(layout::bucket_of(id, buckets)).or_default().push(id);
        }
        let mut singles = Vec::new();
        for (b, ids) in wanted {
            let section = self.meta.buckets.get(b).ok_or_else(|| self.bad("bucket".into()))?;
            let bucket: Bucket = self.section(section, "ids")?;
            for (id, p) in bucket {
                if ids.contains(&id.as_str()) {
                    singles.push(usize::try_from(p).map_err(|_| self.bad("id position".into()))?);
                }
            }
        }
        days.sort_unstable();
        days.dedup();
        // Whole days, and the days of single talks (only those talks built), in day order:
        // the talks come out in position order, each moved once.
        let mut todo: Vec<(usize, bool)> = days.iter().map(|&d| (d, true)).collect();
        let single_days = singles.iter().filter_map(|&p| self.day_holding(p));
        todo.extend(single_days.filter(|d| days.binary_search(d).is_err()).map(|d| (d, false)));
        todo.sort_unstable();
        todo.dedup();
        let mut loaded: Vec<(usize, Talk)> = Vec::new();
        for (d, all) in todo {
            self.day(d, plan.abstracts, if all { None } else { Some(&singles) }, |p, t| loaded.push((p, t)))?;
        }
        if singles.iter().any(|p| loaded.binary_search_by_key(p, |(q, _)| *q).is_err()) {
            return Err(self.bad("an id points outside the talks".into()));
        }
        Ok(Schedule::partial(self.conference.clone(), &self.days, self.whole_info(), loaded))
    }

    /// Every talk: the planner, and commands that look at the whole programme. A large
    /// schedule is read in two halves at once (the planner waits for this before its first key),
    /// each into its own part of one list made for all the talks.
    pub fn whole(&self, abstracts: bool) -> Result<Schedule, Corrupt> {
        let total = self.days.last().map_or(0, |(_, r)| r.end);
        // Every talk is a row of at least this size in the file: a day table promising more
        // talks than the file can hold is refused before room is made for them.
        if total > self.len as usize / std::mem::size_of::<rkyv::Archived<Row>>() {
            return Err(self.bad("more talks than the file holds".into()));
        }
        let mut talks: Vec<Talk> = Vec::new();
        talks.resize_with(total, Talk::default);
        // The first day starting in the second half of the talks (none: one thread reads all).
        // Two threads read at once only with positioned reads (elsewhere a read is a seek and
        // a read on the one file, which two threads would interleave).
        let half = match cfg!(unix) && total >= PARALLEL_FROM {
            true => self.days.partition_point(|(_, r)| r.start < total / 2),
            false => 0,
        };
        let days = self.days.len();
        let read = if half == 0 || half >= days {
            self.decode(0..days, abstracts, &mut talks)?
        } else {
            let at = self.days[half].1.start;
            let (first, second) = talks.split_at_mut(at);
            let (a, b) = std::thread::scope(|scope| {
                // No thread to be had (a limit on processes): the second half is read after.
                let other = std::thread::Builder::new()
                    .name("read".into())
                    .spawn_scoped(scope, || self.decode(half..days, abstracts, second));
                (self.decode(0..half, abstracts, first), other.ok().map(|h| h.join()))
            });
            let mut read = a?;
            let b = match b {
                Some(joined) => joined.map_err(|_| self.bad("reading the talks failed".into()))??,
                None => self.decode(half..days, abstracts, &mut talks[at..])?,
            };
            read.append(b, crate::schedule::in_order(&talks[at - 1], &talks[at]));
            read
        };
        if read.len() != total {
            return Err(self.bad("a day's size".into()));
        }
        Ok(Schedule::with_days(self.conference.clone(), talks, read, self.days.clone()))
    }

    /// The talks of `days` into `slots`, which start at the first of them, in order.
    fn decode(&self, days: Range<usize>, abstracts: bool, slots: &mut [Talk]) -> Result<InOrder, Corrupt> {
        let base = days.clone().next().map_or(0, |d| self.days[d].1.start);
        let mut read = InOrder::with_capacity(slots.len());
        for d in days {
            self.day(d, abstracts, None, |p, t| {
                // Days tile the talks (checked when the file was opened) and a day's rows are
                // as many as it says (checked by `day`): every position has its slot.
                if let Some(i) = p.checked_sub(base).filter(|&i| i < slots.len()) {
                    slots[i] = t;
                    read.note(slots, i, p);
                }
            })?;
        }
        Ok(read)
    }
}
