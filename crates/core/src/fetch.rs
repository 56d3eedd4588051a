//! `--schedule https://...`: download, keep a copy in the XDG cache dir with its ETag and
//! Last-Modified, re-validate on each start (and, in the planner, every few minutes: see
//! [`Fetcher::check`]), and fall back to the copy (saying so) when the network fails. A
//! conference hall's Wi-Fi is the normal case, not the exception.

use crate::schedule::compiled::{Cache, Opened};
use crate::schedule::{self, LoadError, import::Options};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::Duration;

/// Larger than any real schedule (FOSDEM's XML is a few MB); a guard, not a limit anyone meets.
const MAX_BYTES: u64 = crate::bounded::MAX_BYTES;

pub fn is_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The body arrived but is not a schedule.
    #[error("{0}")]
    Invalid(LoadError),
    /// No usable answer and no cached copy.
    #[error("cannot download {url}: {reason}")]
    Unreachable { url: String, reason: String },
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Meta {
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    fetched_at: Option<DateTime<Utc>>,
    /// When the server last gave no answer: commands do not wait on it again for [`BACK_OFF`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    failed_at: Option<DateTime<Utc>>,
    /// The conference the copy is of (absent in copies kept before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    conference: Option<String>,
}

/// After the server gave no answer, commands answer from the copy for this long: a status bar
/// runs `hallway next` every few seconds, and each call would wait out the timeout again.
pub const BACK_OFF: Duration = Duration::from_secs(60);

pub struct Fetcher {
    /// Where the downloaded copies and their ETags are kept.
    pub cache_dir: PathBuf,
    pub timeout: Duration,
    /// Where downloads are compiled (`None`: parsed every time).
    pub compiled: Option<Cache>,
    /// A copy the server sent or confirmed less than this long ago is used without asking: a
    /// status bar runs `hallway next` every few seconds, and a conference's Wi-Fi may take 10 s
    /// to fail. `ZERO`: ask every time; `Duration::MAX`: any copy (the planner, which asks in
    /// the background at once).
    pub fresh_for: Duration,
}

/// How often a URL is asked again when the config says nothing.
pub const DEFAULT_REFRESH_MINUTES: u32 = 10;

/// How often to ask for a newer copy: `$HALLWAY_REFRESH_SECONDS` (tests, demos), else
/// `refresh_minutes` in the config, else every ten minutes. `None`: only when asked (`R`).
pub fn refresh_interval(config: &crate::config::Config) -> Option<Duration> {
    if let Some(s) = std::env::var("HALLWAY_REFRESH_SECONDS").ok().and_then(|s| s.parse::<f64>().ok()) {
        return Duration::try_from_secs_f64(s).ok().filter(|d| !d.is_zero());
    }
    match config.refresh_minutes.unwrap_or(DEFAULT_REFRESH_MINUTES) {
        0 => None,
        m => Some(Duration::from_secs(u64::from(m) * 60)),
    }
}

impl Fetcher {
    /// `$HALLWAY_CACHE_DIR` or the XDG cache dir; `$HALLWAY_FETCH_TIMEOUT` (seconds) or 10 s.
    pub fn from_env() -> Self {
        let cache_dir = crate::dirs::cache_root();
        let timeout = std::env::var("HALLWAY_FETCH_TIMEOUT")
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|s| *s > 0.0)
            .map_or(Duration::from_secs(10), Duration::from_secs_f64);
        Self { cache_dir: cache_dir.join("schedules"), timeout, compiled: Cache::from_env(), fresh_for: Duration::ZERO }
    }

    /// The schedule at `url`: fresh if the server answers, else the cached copy with a note.
    /// Either is read from its compiled form when the same bytes were compiled before.
    pub fn schedule(&self, url: &str, opts: Options) -> Result<Opened, FetchError> {
        let copy = self.copy(url);
        let cached_note = |why: &str| {
            let at = copy.meta.as_ref().and_then(|m| m.fetched_at).map_or("an earlier run".into(), |t| {
                t.with_timezone(&chrono::Local).format("%a %-d %b %H:%M").to_string()
            });
            format!("offline: showing the copy cached at {at} ({why})")
        };
        if let (Some(body), Some(meta)) = (&copy.body, &copy.meta) {
            // A kept copy that no longer reads (a stricter hallway, a damaged file) is asked for
            // again rather than failing every start.
            if younger_than(meta.fetched_at, self.fresh_for)
                && let Ok(s) = self.read(url, body, opts)
            {
                return Ok(s);
            }
            if let Some(failed) = meta.failed_at.filter(|_| younger_than(meta.failed_at, BACK_OFF))
                && let Ok(mut s) = self.read(url, body, opts)
            {
                let at = failed.with_timezone(&chrono::Local).format("%H:%M");
                s.notes_mut()
                    .insert(0, cached_note(&format!("the last try, at {at}, failed; not asking again for a minute")));
                return Ok(s);
            }
        }
        let from_cache = |why: String| -> Result<Opened, FetchError> {
            let body = copy
                .body
                .as_ref()
                .ok_or_else(|| FetchError::Unreachable { url: crate::sanitize::line(url), reason: why.clone() })?;
            let mut s = self.read(url, body, opts).map_err(FetchError::Invalid)?;
            s.notes_mut().insert(0, cached_note(&why));
            Ok(s)
        };
        if copy.body.is_none() {
            // Nothing to show meanwhile: say what the wait is for.
            use std::io::IsTerminal;
            if std::io::stderr().is_terminal() {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "downloading {} (up to {} s)…",
                    crate::sanitize::line(url),
                    self.timeout.as_secs_f64().ceil()
                );
            }
        }
        let (body, etag, last_modified) = match self.download(url, &Shown::of(&copy)) {
            Err(why) => {
                if let Some(meta) = &copy.meta {
                    self.keep_meta(url, Meta { failed_at: Some(Utc::now()), ..meta.clone() });
                }
                return from_cache(why.to_string());
            }
            Ok(Download::NotModified) => {
                let mut s = from_cache("not modified".into())?;
                // Not offline: the server confirmed the copy is current, as of now.
                s.notes_mut().remove(0);
                if let Some(meta) = copy.meta {
                    self.keep_meta(url, Meta { fetched_at: Some(Utc::now()), failed_at: None, ..meta });
                }
                return Ok(s);
            }
            Ok(Download::Body { body, etag, last_modified }) => (body, etag, last_modified),
        };
        // The conference kept for this address, to refuse another one sent in its place (the
        // agenda is kept by the conference's id: every starred talk would look cancelled).
        let kept_id = copy.meta.as_ref().and_then(|m| m.conference.clone()).or_else(|| {
            copy.body.as_ref().and_then(|b| self.read(url, b, opts).ok()).map(|o| o.conference().id.clone())
        });
        match self.read(url, &body, opts) {
            Ok(s) if kept_id.as_ref().is_some_and(|id| *id != s.conference().id) => {
                // Not asked again for a minute (as after a failed try): a status bar would
                // download the whole file every few seconds.
                if let Some(meta) = &copy.meta {
                    self.keep_meta(url, Meta { failed_at: Some(Utc::now()), ..meta.clone() });
                }
                let sent = crate::sanitize::line(&s.conference().id);
                let kept = self.paths(url).0.display().to_string();
                let mut s = from_cache(String::new())?;
                // Online, and answered: not "offline", which would send a person checking
                // their network; the kept copy is shown because the answer was refused.
                s.notes_mut()[0] = format!(
                    "the server sent another conference's schedule ({sent}), not taken: showing the copy kept \
                     for this address; to take the new one, delete {kept}"
                );
                Ok(s)
            }
            Ok(s) => {
                self.keep(url, &body, etag, last_modified, &s.conference().id);
                Ok(s)
            }
            Err(e) if copy.body.is_some() => {
                let mut s = from_cache("the download is not a valid schedule".into())?;
                s.notes_mut().insert(1, format!("the server sent an invalid schedule: {e}"));
                Ok(s)
            }
            Err(e) => Err(FetchError::Invalid(e)),
        }
    }

    /// Whether a copy of `url` is kept, to show when the server does not answer.
    pub fn has_copy(&self, url: &str) -> bool {
        self.meta(url).is_some()
    }

    /// Whether the server sent or confirmed the kept copy of `url` less than `d` ago.
    pub fn confirmed_within(&self, url: &str, d: Duration) -> bool {
        younger_than(self.meta(url).and_then(|m| m.fetched_at), d)
    }

    /// What the kept copy of `url` is: at the planner's start, the schedule it shows.
    pub fn shown(&self, url: &str) -> Shown {
        Shown::of(&self.copy(url))
    }

    /// Ask again while the planner runs, sending back what the server said of the copy shown
    /// (not of the copy kept on disk, which another hallway may have replaced meanwhile): a new
    /// schedule only when the server sends other bytes. Nothing is kept until the caller has
    /// taken it ([`Fetcher::keep_fresh`]); a failure keeps the copy shown and says why.
    pub fn check(&self, url: &str, opts: Options, shown: &Shown) -> Checked {
        match self.download(url, shown) {
            Err(why) => Checked::Failed(why.to_string()),
            Ok(Download::NotModified) => {
                // The kept copy is the one the server confirmed (same validators): commands
                // may use it without asking for another `refresh_minutes`.
                if let Some(meta) = self.meta(url)
                    && meta.etag == shown.etag
                    && meta.last_modified == shown.last_modified
                {
                    self.keep_meta(url, Meta { fetched_at: Some(Utc::now()), failed_at: None, ..meta });
                }
                Checked::Same
            }
            Ok(Download::Body { body, etag, last_modified }) => {
                let hash = xxhash_rust::xxh3::xxh3_64(&body);
                // A server without ETag or Last-Modified sends the whole file every time.
                if shown.hash == Some(hash) {
                    return Checked::Same;
                }
                let shown = Shown { etag, last_modified, hash: Some(hash) };
                match self.read(url, &body, opts) {
                    Ok(opened) => Checked::New(Box::new(Fresh { opened, body, shown })),
                    Err(e) => Checked::Refused(not_valid(NEWER_COPY, &e), shown),
                }
            }
        }
    }

    /// Keep a newer copy the planner took: the next start, and an offline one, read it.
    pub fn keep_fresh(&self, url: &str, body: &[u8], shown: &Shown, conference: &str) {
        self.keep(url, body, shown.etag.clone(), shown.last_modified.clone(), conference);
    }

    /// A downloaded body as a schedule, through the compiled cache when there is one.
    fn read(&self, url: &str, body: &[u8], opts: Options) -> Result<Opened, LoadError> {
        match &self.compiled {
            Some(cache) => cache.open_bytes(&format!("url {url}"), url, body, opts),
            None => schedule::parse_bytes_with(body, url, opts).map(Opened::Parsed),
        }
    }

    /// Where the copy of `url` and what the server said of it are kept.
    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = cache_key(url);
        (self.cache_dir.join(format!("{key}.body")), self.cache_dir.join(format!("{key}.json")))
    }

    /// The copy kept of `url`, if any, with what the server said of it.
    fn copy(&self, url: &str) -> Copy {
        let meta = self.meta(url);
        let body = meta.as_ref().and_then(|_| crate::bounded::read(&self.paths(url).0, MAX_BYTES).ok());
        Copy { meta, body }
    }

    /// What the server said of the kept copy, without reading the copy.
    fn meta(&self, url: &str) -> Option<Meta> {
        crate::bounded::read(&self.paths(url).1, MAX_BYTES).ok().and_then(|b| serde_json::from_slice(&b).ok())
    }

    /// Replace the copy. One that cannot be written costs the next offline start, not this run.
    fn keep(&self, url: &str, body: &[u8], etag: Option<String>, last_modified: Option<String>, conference: &str) {
        let (body_path, _) = self.paths(url);
        let fetched_at = Some(Utc::now());
        let conference = Some(conference.to_string());
        let meta = Meta { url: url.into(), etag, last_modified, fetched_at, failed_at: None, conference };
        if std::fs::create_dir_all(&self.cache_dir).and_then(|_| crate::atomic::write(&body_path, body)).is_ok() {
            self.keep_meta(url, meta);
        }
    }

    /// What the server said of the copy, and when.
    fn keep_meta(&self, url: &str, meta: Meta) {
        let (_, meta_path) = self.paths(url);
        let _ = crate::atomic::write(&meta_path, &serde_json::to_vec_pretty(&meta).expect("json"));
    }

    /// GET `url`, re-validating the copy `shown` (ETag, Last-Modified) when there is one; the
    /// error is a reason a person can read.
    fn download(&self, url: &str, shown: &Shown) -> Result<Download, Unreachable> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .timeout_connect(Some(self.timeout.min(Duration::from_secs(5))))
            .http_status_as_error(false)
            .user_agent(concat!("hallway/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let mut req = agent.get(url);
        if shown.hash.is_some() {
            if let Some(etag) = &shown.etag {
                req = req.header("If-None-Match", etag);
            }
            if let Some(lm) = &shown.last_modified {
                req = req.header("If-Modified-Since", lm);
            }
        }
        let mut resp = req.call().map_err(Unreachable::from)?;
        let status = resp.status().as_u16();
        if status == 304 && shown.hash.is_some() {
            return Ok(Download::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(Unreachable::Status(status));
        }
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        let body = resp.body_mut().with_config().limit(MAX_BYTES).read_to_vec().map_err(Unreachable::from)?;
        Ok(Download::Body { body, etag, last_modified })
    }
}

/// What re-checking a schedule found.
pub enum Checked {
    /// The server has nothing newer than the copy shown.
    Same,
    New(Box<Fresh>),
    /// No answer: the copy shown stays.
    Failed(String),
    /// An answer that is not a schedule, and what the server said of it (asked again with
    /// these, the server sends it only once it changed): the copy shown stays.
    Refused(String, Shown),
}

/// A newer copy: the schedule, its bytes to keep once taken, and what the server said of it.
pub struct Fresh {
    pub opened: Opened,
    pub body: Vec<u8>,
    pub shown: Shown,
}

/// The copy a reader holds, as the server described it: sent back to ask for anything newer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown {
    etag: Option<String>,
    last_modified: Option<String>,
    /// Of the bytes; `None` when there is no copy (the next answer is new whatever it is).
    hash: Option<u64>,
}

impl Shown {
    fn of(copy: &Copy) -> Self {
        let meta = copy.meta.as_ref();
        Shown {
            etag: meta.and_then(|m| m.etag.clone()),
            last_modified: meta.and_then(|m| m.last_modified.clone()),
            hash: copy.body.as_deref().map(xxhash_rust::xxh3::xxh3_64),
        }
    }
}

/// A schedule URL's kept copy: the body and what the server said of it.
struct Copy {
    meta: Option<Meta>,
    body: Option<Vec<u8>>,
}

enum Download {
    NotModified,
    Body { body: Vec<u8>, etag: Option<String>, last_modified: Option<String> },
}

/// What names a newer download in a refusal.
pub const NEWER_COPY: &str = "the server's newer copy";

/// Whether `at` was less than `limit` ago (not in the future; `Duration::MAX`: any time).
fn younger_than(at: Option<DateTime<Utc>>, limit: Duration) -> bool {
    at.is_some_and(|at| Utc::now().signed_duration_since(at).to_std().is_ok_and(|age| age < limit))
}

/// Why a newer copy was not taken, short enough for a status line: its first problem, placed
/// (the address is on screen already).
/// `what`: "the server's newer copy", "the file as it is now".
pub fn not_valid(what: &str, e: &LoadError) -> String {
    match e.problems() {
        [first, rest @ ..] if first.line.is_some() => {
            let more = if rest.is_empty() { String::new() } else { format!(", and {} more", rest.len()) };
            format!("{what} is not valid: line {first}{more}")
        }
        _ => format!("{what} is not valid: {e}"),
    }
}

/// Why a download brought no schedule bytes, as a person can read it.
#[derive(Debug, thiserror::Error)]
pub enum Unreachable {
    #[error("the server did not answer in time")]
    Timeout,
    #[error("connection refused")]
    Refused,
    #[error("the server answered {0}")]
    Status(u16),
    /// Anything else the HTTP client met (a name not found, a body over the cap...), cleaned
    /// of control characters: it may quote what the server sent.
    #[error("{0}")]
    Other(String),
}

impl From<ureq::Error> for Unreachable {
    fn from(e: ureq::Error) -> Self {
        match e {
            ureq::Error::Timeout(_) => Unreachable::Timeout,
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => Unreachable::Refused,
            other => Unreachable::Other(crate::sanitize::line(&other.to_string())),
        }
    }
}

/// A file name for a URL: readable host, plus a hash so different paths do not collide.
fn cache_key(url: &str) -> String {
    // FNV-1a: stable across Rust versions, unlike the std hasher.
    let hash = url.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    let host: String = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .chars()
        .take_while(|&c| c != '/')
        .map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' })
        .take(60)
        .collect();
    format!("{host}-{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_keys_are_readable_and_distinct() {
        let a = cache_key("https://fosdem.org/2021/schedule/xml");
        assert!(a.starts_with("fosdem.org-"), "{a}");
        assert_ne!(a, cache_key("https://fosdem.org/2022/schedule/xml"));
        assert!(is_url("HTTPS://x") && !is_url("data/p99conf.json"));
    }
}
