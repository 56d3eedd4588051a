//! Compiled schedules: each schedule file (or download) is parsed once into a form laid out
//! for the questions commands ask (a day's talks, a talk by id, what is on at an instant), kept
//! under `$XDG_CACHE_HOME/hallway/compiled/`, and read by later runs without parsing.
//!
//! Never stale: an entry is keyed by the source's identity and stat, checked by content when
//! the stat cannot be trusted (`key.rs`). Never trusted blindly: every part is checksummed and
//! validated before use, and anything wrong means the source is parsed again and the entry
//! rewritten (`read.rs`). Writes are atomic, so two processes compiling at once, or one killed
//! half way, leave either a whole entry or none.

mod clean;
#[doc(hidden)]
pub mod fuzz;
mod key;
pub mod layout;
mod need;
mod planning;
mod read;
mod write;

pub use key::Verdict;
pub use need::{Need, Plan};
pub use read::{Corrupt, Reader};

use super::{LoadError, Schedule, import::Options};
use std::path::{Path, PathBuf};

/// Bumped by hand for a change of meaning that leaves `layout.rs` as it was.
pub const FORMAT: u32 = 1;

/// Everything that decides what a compiled file holds: its layout, the readers of every format,
/// and the versions of the crates they use (chrono-tz's zone data among them). An edit to any
/// of them is a new build whose entries are compiled afresh.
const SOURCES: &[&[u8]] = &[
    include_bytes!("layout.rs"),
    include_bytes!("write.rs"),
    include_bytes!("read.rs"),
    include_bytes!("clean.rs"),
    include_bytes!("../mod.rs"),
    include_bytes!("../parse.rs"),
    include_bytes!("../choices.rs"),
    include_bytes!("../native.rs"),
    include_bytes!("../native_fast.rs"),
    include_bytes!("../lazy_json.rs"),
    include_bytes!("../import/mod.rs"),
    include_bytes!("../import/frab_json.rs"),
    include_bytes!("../import/pentabarf_xml.rs"),
    include_bytes!("../import/sessionize.rs"),
    include_bytes!("../import/timing.rs"),
    include_bytes!("../import/html.rs"),
    include_bytes!("../import/event.rs"),
    include_bytes!("../import/zone.rs"),
    include_bytes!("../import/markdown.rs"),
    include_bytes!("../import/ical/mod.rs"),
    include_bytes!("../import/ical/fields.rs"),
    include_bytes!("../import/ical/lines.rs"),
    include_bytes!("../import/ical/values.rs"),
    include_bytes!("../talk.rs"),
    include_bytes!("../../languages.rs"),
    include_bytes!("../../sanitize.rs"),
    include_bytes!("../../../../../Cargo.lock"),
];

const LAYOUT: u64 = {
    let mut h = 0u64;
    let mut i = 0;
    while i < SOURCES.len() {
        h = xxhash_rust::const_xxh3::xxh3_64_with_seed(SOURCES[i], h);
        i += 1;
    }
    h
};

/// This build of hallway as a compiled file records it: an entry written by another version,
/// layout or kind of machine is not read.
pub fn build() -> String {
    format!(
        "hallway {} format {FORMAT} sources {LAYOUT:016x} {} {}-bit",
        env!("CARGO_PKG_VERSION"),
        if cfg!(target_endian = "little") { "le" } else { "be" },
        usize::BITS
    )
}

/// Entries kept, newest first, and how old one may grow before it goes.
const KEEP: usize = 16;
const MAX_AGE: std::time::Duration = std::time::Duration::from_secs(60 * 24 * 3600);
const TEMP_PREFIX: &str = ".compiling-";

/// The folder of compiled schedules.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// Where a schedule comes from, to compile it again when its entry is found wrong.
#[derive(Debug, Clone)]
enum Source {
    /// A file as named, with its canonical path when the caller resolved it already.
    File(PathBuf, Option<PathBuf>),
    Bytes {
        identity: String,
        name: String,
        bytes: Vec<u8>,
    },
}

/// An opened schedule: parsed now (the first time, or after a change), or compiled before.
// One per process, moved once: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Opened {
    Parsed(Schedule),
    Compiled(Compiled),
}

pub struct Compiled {
    reader: Reader,
    cache: Cache,
    source: Source,
    opts: Options,
    /// Compiled by this open, from the source parsed now (not an entry an earlier run left).
    now: bool,
}

impl Opened {
    /// The conference, for choices made before the talks are read.
    pub fn conference(&self) -> &super::Conference {
        match self {
            Opened::Parsed(s) => &s.conference,
            Opened::Compiled(c) => c.reader.conference(),
        }
    }

    /// What the loader has to tell, to add to (a download's offline copy says so).
    pub fn notes_mut(&mut self) -> &mut Vec<String> {
        match self {
            Opened::Parsed(s) => &mut s.conference.notes,
            Opened::Compiled(c) => c.reader.notes_mut(),
        }
    }

    /// The day table with no talk loaded (or the whole schedule when parsed).
    pub fn skeleton(&self) -> std::borrow::Cow<'_, Schedule> {
        match self {
            Opened::Parsed(s) => std::borrow::Cow::Borrowed(s),
            Opened::Compiled(c) => std::borrow::Cow::Owned(c.reader.skeleton()),
        }
    }

    /// The talks come from an entry an earlier run compiled: the source was not parsed now.
    pub fn from_earlier_run(&self) -> bool {
        matches!(self, Opened::Compiled(c) if !c.now)
    }

    pub fn reader(&self) -> Option<&Reader> {
        match self {
            Opened::Parsed(_) => None,
            Opened::Compiled(c) => Some(&c.reader),
        }
    }

    /// The schedule with what `plan` asks for. A parsed schedule is whole already; a compiled
    /// entry found wrong on the way is dropped and the source parsed again.
    pub fn load(self, plan: &Plan) -> Result<Schedule, LoadError> {
        match self {
            Opened::Parsed(s) => Ok(s),
            Opened::Compiled(c) => c.load(plan),
        }
    }

    /// What `plan` asks for now, and the whole schedule later: the planner draws its first
    /// frame from the part while the rest is read (`None` when the part is the whole).
    pub fn split(self, plan: &Plan) -> Result<(Schedule, Option<Rest>), LoadError> {
        match self {
            Opened::Parsed(s) => Ok((s, None)),
            Opened::Compiled(c) => match c.reader.load(plan) {
                Ok(whole) if plan.whole => Ok((whole, None)),
                Ok(part) => Ok((part, Some(Rest { compiled: c, abstracts: plan.abstracts }))),
                Err(_) => Ok((c.again(plan.abstracts)?, None)),
            },
        }
    }
}

/// The whole of a schedule whose part was loaded first (see [`Opened::split`]).
pub struct Rest {
    compiled: Compiled,
    abstracts: bool,
}

impl Rest {
    pub fn whole(self) -> Result<Schedule, LoadError> {
        let abstracts = self.abstracts;
        self.compiled.load(&Plan { whole: true, abstracts, ..Plan::default() })
    }
}

impl Compiled {
    fn load(self, plan: &Plan) -> Result<Schedule, LoadError> {
        match self.reader.load(plan) {
            Ok(s) => Ok(s),
            Err(_) => self.again(plan.abstracts),
        }
    }

    /// The entry was found wrong: drop it, and answer from the source, compiled again. Should
    /// even the new entry not read back (an entry this build writes and cannot read would be a
    /// bug, never a reason to fail a command), the source parsed here answers.
    fn again(self, abstracts: bool) -> Result<Schedule, LoadError> {
        let entry = self.reader.path().to_path_buf();
        drop(self.reader);
        let _ = std::fs::remove_file(&entry);
        match self.cache.open(&self.source, self.opts)? {
            Opened::Parsed(s) => Ok(s),
            Opened::Compiled(c) => match c.reader.whole(abstracts) {
                Ok(s) => Ok(s),
                Err(_) => {
                    let _ = std::fs::remove_file(c.reader.path());
                    self.source.parse(self.opts)
                }
            },
        }
    }
}

impl Source {
    /// The source parsed, abstracts and all, as a compile reads it.
    fn parse(&self, opts: Options) -> Result<Schedule, LoadError> {
        let opts = Options { without_abstracts: false, ..opts };
        match self {
            Source::File(path, _) => super::load_path_with(path, opts),
            Source::Bytes { name, bytes, .. } => super::parse_bytes_with(bytes, name, opts),
        }
    }
}

impl Cache {
    /// `$HALLWAY_CACHE_DIR/compiled`, else the XDG cache dir's; `None` with `HALLWAY_NO_CACHE`
    /// set (every run parses, as a benchmark of the cold path wants).
    pub fn from_env() -> Option<Self> {
        if std::env::var_os("HALLWAY_NO_CACHE").is_some_and(|v| !v.is_empty()) {
            return None;
        }
        Some(Self::in_dir(crate::dirs::cache_root().join("compiled")))
    }

    pub fn in_dir(dir: PathBuf) -> Self {
        Self { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schedule in `path`, from its entry when that is fresh.
    pub fn open_file(&self, path: &Path, opts: Options) -> Result<Opened, LoadError> {
        self.open(&Source::File(path.to_path_buf(), None), opts)
    }

    /// [`Cache::open_file`] for a path already resolved to `canonical`: a command resolves its
    /// schedule's path once.
    pub fn open_resolved(&self, path: &Path, canonical: &Path, opts: Options) -> Result<Opened, LoadError> {
        self.open(&Source::File(path.to_path_buf(), Some(canonical.to_path_buf())), opts)
    }

    /// A schedule held in memory (a download, a bundled file), known by `identity`.
    pub fn open_bytes(&self, identity: &str, name: &str, bytes: &[u8], opts: Options) -> Result<Opened, LoadError> {
        self.open(&Source::Bytes { identity: identity.into(), name: name.into(), bytes: bytes.to_vec() }, opts)
    }

    fn open(&self, source: &Source, opts: Options) -> Result<Opened, LoadError> {
        let build = build();
        let compiled = |reader: Reader| {
            Opened::Compiled(Compiled { reader, cache: self.clone(), source: source.clone(), opts, now: false })
        };
        match source {
            Source::File(path, resolved) => {
                let io = |e| LoadError::Io { path: path.display().to_string(), source: e };
                let stat = key::stat(path).map_err(io)?;
                // Taken before the file is read: a write after it is newer than the entry.
                let looked_at = key::now_nanos();
                let canonical = match resolved {
                    Some(c) => c.clone(),
                    None => std::fs::canonicalize(path).map_err(io)?,
                };
                let identity = identity(&canonical.display().to_string(), opts);
                let entry = self.entry(&identity);
                let mut bytes = None;
                if let Ok(reader) = Reader::open(&entry) {
                    match key::judge_file(&reader.meta.key, &build, &identity, &stat) {
                        Verdict::Fresh => {
                            reader.mark_used();
                            return Ok(compiled(reader));
                        }
                        Verdict::Racy => {
                            // A regular file is hashed as it is read; anything else is read
                            // whole, once, and kept for the compile that may follow.
                            let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
                            let hash = regular.then(|| key::file_hash(path, super::MAX_FILE_BYTES).ok().flatten());
                            let (content, read) = match hash.flatten() {
                                Some(h) => (h, None),
                                None => {
                                    let b = super::read_file(path)?;
                                    (key::content_hash(&b), Some(b))
                                }
                            };
                            if content == reader.meta.key.content {
                                // The content is the one compiled: once the file is old enough,
                                // say so in the entry, so later runs trust the stat again.
                                if stat.mtime.max(stat.ctime) < looked_at - key::RACY_NANOS {
                                    let _ = self.restamp(&reader, looked_at);
                                }
                                return Ok(compiled(reader));
                            }
                            bytes = read;
                        }
                        Verdict::Stale => {}
                    }
                }
                let bytes = match bytes {
                    Some(b) => b,
                    None => super::read_file(path)?,
                };
                let key = layout::Key {
                    build,
                    identity,
                    stat: Some(stat),
                    content: key::content_hash(&bytes),
                    compiled_at: looked_at,
                };
                self.compile(source, &bytes, opts, key, &entry)
            }
            Source::Bytes { identity: id, bytes, .. } => {
                let identity = identity(id, opts);
                let entry = self.entry(&identity);
                let content = key::content_hash(bytes);
                if let Ok(reader) = Reader::open(&entry)
                    && key::judge_content(&reader.meta.key, &build, &identity, content) == Verdict::Fresh
                {
                    return Ok(compiled(reader));
                }
                let key = layout::Key { build, identity, stat: None, content, compiled_at: key::now_nanos() };
                self.compile(source, bytes, opts, key, &entry)
            }
        }
    }

    /// Parse, and keep the compiled form for next time; the answer is then read from it, as
    /// every later run reads it. The talks' text is moved into the entry, not copied (at 100k
    /// talks the copy was a third of a first open). Best effort: a cache that cannot be written
    /// costs the next run its speed, not this one its answer.
    fn compile(
        &self,
        source: &Source,
        bytes: &[u8],
        opts: Options,
        key: layout::Key,
        entry: &Path,
    ) -> Result<Opened, LoadError> {
        let name = match source {
            Source::File(path, _) => path.display().to_string(),
            Source::Bytes { name, .. } => name.clone(),
        };
        let parse = || super::parse_bytes_with(bytes, &name, Options { without_abstracts: false, ..opts });
        let s = parse()?;
        let expected = key.clone();
        let _ = std::fs::create_dir_all(&self.dir);
        let Ok(pending) = crate::atomic::Pending::begin(entry, TEMP_PREFIX) else { return Ok(Opened::Parsed(s)) };
        let file = match write::encode(s, key) {
            Ok(file) => file,
            Err(s) => return Ok(Opened::Parsed(*s)),
        };
        let written = pending.write(&[&file.head, &file.body], crate::atomic::Durability::Cache);
        drop(file);
        // Another process (another build, or after a change to the file) may have put its own
        // compile there since: only this one answers.
        let reader = written.ok().and_then(|()| Reader::open(entry).ok()).filter(|r| r.meta.key == expected);
        self.prune();
        match reader {
            Some(reader) => {
                Ok(Opened::Compiled(Compiled { reader, cache: self.clone(), source: source.clone(), opts, now: true }))
            }
            // The folder took the temp file but not the entry (a full disk): parsed again, once.
            None => Ok(Opened::Parsed(parse()?)),
        }
    }

    fn entry(&self, identity: &str) -> PathBuf {
        self.dir.join(format!("{:016x}.hwc", xxhash_rust::xxh3::xxh3_64(identity.as_bytes())))
    }

    /// Written whole or not at all, without fsync: an entry lost to a power cut is compiled
    /// again; one torn fails its checksums and is compiled again.
    fn put(&self, entry: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        crate::atomic::write_parts(entry, parts, TEMP_PREFIX, crate::atomic::Durability::Cache)
    }

    /// The entry of `reader` with its key's time moved to `looked_at`.
    fn restamp(&self, reader: &Reader, looked_at: i64) -> std::io::Result<()> {
        let old = reader.bytes()?;
        let mut meta = reader.meta.clone();
        meta.key.compiled_at = looked_at;
        let meta = rkyv::to_bytes::<rkyv::rancor::Error>(&meta).map_err(std::io::Error::other)?;
        let body = old.get(reader.body_offset()..).ok_or_else(|| std::io::Error::other("short entry"))?;
        self.put(reader.path(), &[&write::assemble(&meta, &[]), body])
    }

    /// Keep the newest entries, drop old ones and the leftovers of killed writers.
    pub fn prune(&self) {
        let Ok(list) = std::fs::read_dir(&self.dir) else { return };
        let now = std::time::SystemTime::now();
        let mut entries: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
        for e in list.flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(modified) = e.metadata().ok().and_then(|m| m.modified().ok()) else { continue };
            let age = now.duration_since(modified).unwrap_or_default();
            if name.starts_with(TEMP_PREFIX) {
                if age > std::time::Duration::from_secs(3600) {
                    let _ = std::fs::remove_file(&path);
                }
            } else if name.ends_with(".hwc") {
                if age > MAX_AGE {
                    let _ = std::fs::remove_file(&path);
                } else {
                    entries.push((modified, path));
                }
            }
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (_, path) in entries.into_iter().skip(KEEP) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A source's identity with the choices that change how it reads: a file that names no zone
/// is read in `--tz`, else in the user's zone.
fn identity(base: &str, opts: Options) -> String {
    let zone = match opts.zone {
        Some(z) => z.name().to_string(),
        None => format!("user {}", crate::clock::user_zone().map_or("UTC", |z| z.name())),
    };
    format!("{base}\nzone {zone}")
}

#[cfg(test)]
mod tests;
