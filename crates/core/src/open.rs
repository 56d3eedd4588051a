//! Opening a conference, the one thing every command and the planner do first: which schedule is
//! meant (a file, an address, a bundled name, a conference opened before, else the one used
//! last), reading it (through the compiled cache or the download cache), the zone remembered
//! for it, the clock, and where its agenda lives. The path is resolved once, and the schedule
//! is read once unless a moved file turns out to be a conference remembered in another zone.

use crate::agenda::store::{self, Store};
use crate::clock::{self, Clock, FixedClock, SystemClock};
use crate::context::Context;
use crate::recent::{Opened, Recent};
use crate::schedule::compiled::{self, Need};
use crate::schedule::{self, LoadError, Schedule};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why a conference could not be opened; the command line turns each into its exit code.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// What was asked for is wrong (no such schedule, an unknown zone, a bad `--at`).
    #[error("{0}")]
    Usage(String),
    /// The schedule was read and is not valid.
    #[error("{0}")]
    Invalid(#[from] LoadError),
    /// The machine got in the way (no data folder, no network and no copy, a corrupt agenda).
    #[error("{0}")]
    Runtime(String),
}

impl From<store::StoreError> for OpenError {
    fn from(e: store::StoreError) -> Self {
        OpenError::Runtime(e.to_string())
    }
}

/// Whether the talks' abstracts are read (a status-bar line never shows one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abstracts {
    Read,
    Skip,
}

/// What to open, as a person asked for it.
#[derive(Debug, Clone)]
pub struct Request {
    /// A file, an http(s) address, a bundled name, or the id or name of a conference opened
    /// before. None: the conference used last, else the bundled sample.
    pub schedule: Option<PathBuf>,
    /// Where agendas are kept; None: the platform's data folder.
    pub data_dir: Option<PathBuf>,
    /// Pretend it is this time (see [`conference_time`]).
    pub at: Option<String>,
    /// The zone to read a file in that names none.
    pub tz: Option<String>,
    /// A downloaded copy younger than this is used without asking the server.
    pub fresh_for: Duration,
    /// The longest wait for a server, over the configured timeout: a status bar asks every few
    /// seconds and must never hang on a conference's Wi-Fi.
    pub patience: Option<Duration>,
    pub abstracts: Abstracts,
    /// Which talks are needed (a compiled schedule reads only those).
    pub need: Need,
    /// The real time, for a bare `--at HH:MM` (today while the conference runs).
    pub now: DateTime<Utc>,
}

impl Request {
    /// The sample conference, read whole, at the real time.
    pub fn new(need: Need) -> Self {
        Request {
            schedule: None,
            data_dir: None,
            at: None,
            tz: None,
            fresh_for: Duration::MAX,
            patience: None,
            abstracts: Abstracts::Read,
            need,
            now: Utc::now(),
        }
    }
}

/// Where a schedule comes from, resolved once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A schedule bundled with hallway, by the name given for it.
    Bundled {
        given: String,
        name: &'static str,
        json: &'static str,
    },
    Url(String),
    /// A file: read and named in messages by the path given, remembered by its absolute path.
    File {
        given: PathBuf,
        absolute: PathBuf,
    },
}

impl Source {
    /// What a name given by a person, or remembered, stands for: an address, a file (which wins
    /// over a bundled name), a bundled schedule; None when it is none of them.
    pub fn locate(text: &str) -> Option<Source> {
        if crate::fetch::is_url(text) {
            return Some(Source::Url(text.to_string()));
        }
        if let Ok(absolute) = std::fs::canonicalize(text) {
            return Some(Source::File { given: PathBuf::from(text), absolute });
        }
        schedule::bundled_text(text).map(|(name, json)| Source::Bundled { given: text.to_string(), name, json })
    }

    /// The sample opened when nothing is asked for and nothing was opened before.
    pub fn sample() -> Source {
        let (name, json) = schedule::BUNDLED_SCHEDULES[0];
        Source::Bundled { given: name.to_string(), name, json }
    }

    /// As it is remembered (`hallway conferences`) and matched again.
    pub fn key(&self) -> String {
        match self {
            Source::Bundled { given, .. } => given.clone(),
            Source::Url(url) => url.clone(),
            Source::File { absolute, .. } => absolute.display().to_string(),
        }
    }

    /// Read it; a file or a bundled schedule through the compiled cache when there is one.
    /// `fresh_for`: see `Fetcher::fresh_for`.
    pub fn open(
        &self,
        opts: schedule::import::Options,
        fresh_for: Duration,
        patience: Option<Duration>,
    ) -> Result<compiled::Opened, OpenError> {
        let cache = compiled::Cache::from_env();
        Ok(match self {
            // A bundled schedule is compiled too, keyed by its content (it changes with hallway).
            Source::Bundled { name, json, .. } => {
                let file = format!("data/{name}.json");
                match &cache {
                    Some(c) => c.open_bytes(&format!("bundled {name}"), &file, json.as_bytes(), opts)?,
                    None => compiled::Opened::Parsed(schedule::parse_bytes_with(json.as_bytes(), &file, opts)?),
                }
            }
            Source::Url(url) => {
                let mut fetcher = crate::fetch::Fetcher { fresh_for, ..crate::fetch::Fetcher::from_env() };
                let impatient = patience.is_some_and(|limit| limit < fetcher.timeout);
                if let Some(limit) = patience {
                    fetcher.timeout = fetcher.timeout.min(limit);
                }
                let no_copy = !fetcher.has_copy(url);
                fetcher.schedule(url, opts).map_err(|e| match e {
                    crate::fetch::FetchError::Invalid(e) => OpenError::Invalid(e),
                    // A status bar's line waits a second at most: without a copy kept, it says
                    // how to get the first one.
                    other if impatient && no_copy => OpenError::Runtime(format!(
                        "{other}; no copy is kept yet to answer from: `hallway --schedule {} talks` downloads one, waiting longer",
                        crate::sanitize::line(url)
                    )),
                    other => OpenError::Runtime(other.to_string()),
                })?
            }
            Source::File { given, absolute } => match cache {
                Some(cache) => cache.open_resolved(given, absolute, opts)?,
                None => compiled::Opened::Parsed(schedule::load_path_with(given, opts)?),
            },
        })
    }
}

/// The schedule a request means, the zone to read it in (given, else remembered for it), and
/// what to tell the user about the choice. Reads nothing but the list of conferences opened.
pub fn resolve(
    given: Option<&Path>,
    tz: Option<&str>,
    opened: &[Opened],
) -> Result<(Source, Option<String>, Vec<String>), OpenError> {
    let tz = tz.map(str::to_string);
    let mut notes = Vec::new();
    let (source, remembered) = match given {
        Some(p) => {
            let text = p.to_string_lossy();
            // A known conference by name and year is its feed's address (a file of that name wins).
            let text = match known_feed(&text)? {
                Some(url) => std::borrow::Cow::Owned(url),
                None => text,
            };
            match Source::locate(&text) {
                Some(source) => {
                    let key = source.key();
                    let remembered = opened.iter().find(|o| o.source == key).and_then(|o| o.tz.clone());
                    (source, remembered)
                }
                // A name that is no file and not bundled may be a conference opened before.
                None => match Recent::find_in(opened, &text) {
                    Some(o) => match Source::locate(&o.source) {
                        Some(source) => (source, o.tz.clone()),
                        None => {
                            return Err(OpenError::Usage(format!(
                                "{} was opened from {}, which is gone: give its new place with --schedule",
                                crate::sanitize::line(&o.name),
                                crate::sanitize::line(&o.source)
                            )));
                        }
                    },
                    // The start of one planned conference's id or name ("fosdem" for fosdem-2021).
                    None => match planned_starting(opened, &text) {
                        Some(o) => {
                            notes.push(format!(
                                "opening {} ({}), the conference you planned whose name starts so",
                                crate::sanitize::line(&o.id),
                                crate::sanitize::line(&o.name)
                            ));
                            let source = Source::locate(&o.source).ok_or_else(|| {
                                OpenError::Usage(format!(
                                    "{} was opened from {}, which is gone: give its new place with --schedule",
                                    crate::sanitize::line(&o.name),
                                    crate::sanitize::line(&o.source)
                                ))
                            })?;
                            (source, o.tz.clone())
                        }
                        None => return Err(OpenError::Usage(no_such_schedule(&text, opened))),
                    },
                },
            }
        }
        None => match opened.first() {
            Some(o) => match Source::locate(&o.source) {
                Some(source) => (source, o.tz.clone()),
                None => {
                    notes.push(format!(
                        "{} was opened last, but {} is gone; opening the sample (--schedule opens another)",
                        crate::sanitize::line(&o.name),
                        crate::sanitize::line(&o.source)
                    ));
                    (Source::sample(), None)
                }
            },
            None => (Source::sample(), None),
        },
    };
    Ok((source, tz.or(remembered), notes))
}

/// The reading options for a zone given by name.
pub fn load_options(tz: Option<&str>, abstracts: Abstracts) -> Result<schedule::import::Options, OpenError> {
    let zone = match tz {
        Some(name) => Some(name.parse::<Tz>().map_err(|_| {
            OpenError::Usage(format!(
                "unknown time zone '{}' for --tz: expected an IANA name such as Europe/Brussels",
                crate::sanitize::line(name)
            ))
        })?),
        None => None,
    };
    Ok(schedule::import::Options { zone, without_abstracts: abstracts == Abstracts::Skip })
}

/// `source` read again with `opts`, from the copy just downloaded (or just failed to be: the
/// network is not asked twice); what the first read found of the network is still said.
fn reopen(
    source: &Source,
    mut first: compiled::Opened,
    opts: schedule::import::Options,
) -> Result<compiled::Opened, OpenError> {
    let fetched: Vec<String> = first
        .notes_mut()
        .iter()
        .filter(|n| n.starts_with("offline:") || n.starts_with("the server sent"))
        .cloned()
        .collect();
    let mut opened = source.open(opts, Duration::MAX, None)?;
    let kept = opened.notes_mut();
    for (i, note) in fetched.into_iter().enumerate() {
        if !kept.contains(&note) {
            kept.insert(i, note);
        }
    }
    Ok(opened)
}

/// `--at` as a person says it, at the real time `now`. A bare `HH:MM` means today while the
/// conference runs, else its first day, and then a note says so: the instant meant is not obvious.
pub fn conference_time(
    s: &Schedule,
    at: &str,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, Option<String>), OpenError> {
    let days: Vec<NaiveDate> = s.days().collect();
    let today = s.local(now).date_naive();
    let default_day = if days.contains(&today) { today } else { days.first().copied().unwrap_or(today) };
    let t = clock::parse_conference_time(at, s.conference.tz, &days, default_day, s.conference.day_change)
        .map_err(|e| OpenError::Usage(e.to_string()))?;
    let bare = clock::parse_at(at, s.conference.tz).is_err() && !at.trim().contains(' ');
    let note = (bare && default_day != today).then(|| {
        let at = crate::sanitize::line(at.trim());
        format!("--at {at} is {at} on the conference's first day, {}", default_day.format("%a %-d %b %Y"))
    });
    Ok((t, note))
}

impl Context {
    /// Open what a request asks for: the schedule (the part `need` asks for), its agenda store,
    /// the clock. Notes for the user (a guessed zone, a copy kept offline, a bare `--at`) are in
    /// `schedule.conference.notes` and `notes`.
    pub fn open(req: &Request) -> Result<Context, OpenError> {
        let data_dir = match &req.data_dir {
            Some(d) => d.clone(),
            None => store::default_data_dir()?,
        };
        let opened_before = Recent::new(&data_dir).list();
        let (source, mut tz_given, mut notes) = resolve(req.schedule.as_deref(), req.tz.as_deref(), &opened_before)?;
        let mut opts = load_options(tz_given.as_deref(), req.abstracts)?;
        let mut opened = source.open(opts, req.fresh_for, req.patience)?;
        // The same conference from another path (the file moved): the zone given for it before
        // is kept, and a file read in no zone of its own is read again in it, or its times would
        // seem to have moved.
        let before = opened_before.iter().find(|o| o.id == opened.conference().id);
        let moved = before.is_some_and(|o| o.source != source.key());
        let remembered = before.and_then(|o| o.tz.clone());
        if tz_given.is_none()
            && let Some(tz) = remembered
        {
            opts = load_options(Some(&tz), req.abstracts)?;
            if opened.conference().floating {
                opened = reopen(&source, opened, opts)?;
            }
            tz_given = Some(tz);
        }
        let skeleton = opened.skeleton();
        let clock: Box<dyn Clock> = match &req.at {
            Some(at) => {
                let (t, note) = conference_time(&skeleton, at, req.now)?;
                notes.extend(note);
                Box::new(FixedClock(t))
            }
            None => Box::new(SystemClock),
        };
        let store = Store::new(&data_dir, &skeleton.conference.id);
        let mut agenda = None;
        let plan = match opened.reader() {
            None => compiled::Plan::default(),
            Some(reader) => {
                let mut need = req.need.clone();
                let marked = match req.need {
                    Need::Whole | Need::Day(_) => Vec::new(),
                    // The planner reads (and if need be sets aside) its agenda itself, saying why.
                    // A saved filter may open its schedule view on any day: it opens on the whole.
                    Need::Planner => match store.peek() {
                        Some(a) if !a.filter.is_empty() => {
                            need = Need::Whole;
                            Vec::new()
                        }
                        Some(a) => a.marks.into_keys().collect(),
                        None => Vec::new(),
                    },
                    Need::Marked | Need::Now => {
                        let (a, note) = store.load_for_reading(&skeleton.conference.id)?;
                        notes.extend(note);
                        let ids = a.marks.keys().cloned().collect();
                        agenda = Some(a);
                        ids
                    }
                };
                reader.plan(&need, clock.now(), marked, req.abstracts == Abstracts::Read)
            }
        };
        drop(skeleton);
        let (schedule, rest) =
            if req.need == Need::Planner { opened.split(&plan)? } else { (opened.load(&plan)?, None) };
        Ok(Context {
            schedule,
            store,
            clock,
            user_tz: clock::user_zone(),
            source: source.key(),
            tz_given,
            read_with: opts,
            data_dir,
            rest,
            agenda,
            notes,
            moved,
        })
    }
}

mod by_name;
pub use by_name::{catalogue_file, no_such_schedule};
use by_name::{known_feed, planned_starting};

#[cfg(test)]
mod tests;
