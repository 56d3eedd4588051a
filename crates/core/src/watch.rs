//! A schedule opened from a file is looked at again while the planner runs. On a conference's
//! Wi-Fi people fetch the schedule themselves when the network lets them (a cron `curl -o`, a
//! `git pull`): the planner takes the new version as it takes a newer download. A look is a
//! `stat`; the file is read only when it changed, and parsed only when its bytes did.

use crate::schedule::compiled::Opened;
use crate::schedule::{self, import::Options};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// A file written less than this long ago may be half written (`curl -o` writes in place):
/// it is read at a later look.
pub const SETTLE: Duration = Duration::from_secs(1);

/// What names the file's new version in a refusal.
pub const NEW_VERSION: &str = "the file as it is now";

pub struct FileWatch {
    path: PathBuf,
    /// The file as last read: a look that finds it unchanged reads nothing.
    stamp: Option<Stamp>,
    /// Of the bytes last parsed: a file rewritten with the same bytes is not news.
    hash: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self { len: meta.len(), modified: meta.modified().ok(), inode: meta.ino() }
    }
}

pub enum Looked {
    Same,
    /// Changed less than [`SETTLE`] ago: read at a later look.
    Settling,
    New(Box<Opened>),
    /// The file cannot be read (moved away, no permission): the version shown stays.
    Failed(String),
    /// Its new bytes are not a schedule: said once, until the file changes again.
    Refused(String),
}

impl std::fmt::Debug for Looked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Looked::Same => write!(f, "Same"),
            Looked::Settling => write!(f, "Settling"),
            Looked::New(_) => write!(f, "New"),
            Looked::Failed(why) => write!(f, "Failed({why})"),
            Looked::Refused(why) => write!(f, "Refused({why})"),
        }
    }
}

impl FileWatch {
    /// Watching `path`. Nothing is known of it yet: the first look reads it, and a version with
    /// the same talks as the one shown is taken without a word. (A stamp taken now could be of
    /// a version written while the planner was reading the one it shows, missed for good.)
    pub fn new(path: PathBuf) -> Self {
        Self { path, stamp: None, hash: None }
    }

    /// The file's version at `now`, if it is another one than last time.
    pub fn look(&mut self, opts: Options, now: SystemTime) -> Looked {
        let meta = match std::fs::metadata(&self.path) {
            Ok(m) => m,
            Err(e) => {
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => "it is not there any more (moved or deleted?)".to_string(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    _ => e.to_string(),
                };
                return Looked::Failed(format!("cannot read {}: {why}", self.path.display()));
            }
        };
        let stamp = Stamp::of(&meta);
        if self.stamp == Some(stamp) {
            return Looked::Same;
        }
        if stamp.modified.is_some_and(|m| now.duration_since(m).is_ok_and(|age| age < SETTLE)) {
            return Looked::Settling;
        }
        let bytes = match schedule::read_file(&self.path) {
            Ok(b) => b,
            Err(e) => return Looked::Failed(e.to_string()),
        };
        self.stamp = Some(stamp);
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
        if self.hash == Some(hash) {
            return Looked::Same;
        }
        self.hash = Some(hash);
        // These bytes, not the file again: a writer may have started on it since. (The next
        // start compiles this version.)
        match schedule::parse_bytes_with(&bytes, &self.path.display().to_string(), opts) {
            Ok(s) => Looked::New(Box::new(Opened::Parsed(s))),
            Err(e) => Looked::Refused(crate::fetch::not_valid(NEW_VERSION, &e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::compiled::Plan;

    const V1: &str = r#"{"conference":{"id":"w","name":"W","timezone":"UTC","tracks":["A"]},"talks":[
        {"id":"a","title":"First","track":"A","start":"2024-05-02T10:00","duration":30}]}"#;

    fn later(secs: u64) -> SystemTime {
        SystemTime::now() + Duration::from_secs(secs)
    }

    #[test]
    fn a_file_is_news_only_once_its_bytes_change_and_it_has_settled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, V1).unwrap();
        let mut w = FileWatch::new(path.clone());
        assert!(matches!(w.look(Options::default(), later(5)), Looked::New(_)), "read at the first look");
        assert!(matches!(w.look(Options::default(), later(5)), Looked::Same), "unchanged");

        let v2 = V1.replace("First", "Renamed");
        std::fs::write(&path, &v2).unwrap();
        assert!(matches!(w.look(Options::default(), SystemTime::now()), Looked::Settling), "still being written");
        match w.look(Options::default(), later(5)) {
            Looked::New(o) => {
                assert_eq!(o.load(&Plan { whole: true, ..Plan::default() }).unwrap().talks()[0].title, "Renamed")
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(w.look(Options::default(), later(10)), Looked::Same), "said once");
        // Rewritten with the same bytes: read, not news.
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, &v2).unwrap();
        assert!(matches!(w.look(Options::default(), later(10)), Looked::Same));
    }

    #[test]
    fn a_broken_version_is_refused_once_and_a_missing_file_fails() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, V1).unwrap();
        let mut w = FileWatch::new(path.clone());
        std::fs::write(&path, &V1[..V1.len() - 20]).unwrap();
        match w.look(Options::default(), later(5)) {
            Looked::Refused(why) => assert!(why.starts_with("the file as it is now is not valid: line "), "{why}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(w.look(Options::default(), later(6)), Looked::Same), "not parsed again until it changes");
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(w.look(Options::default(), later(7)), Looked::Failed(why) if why.contains("cannot read")));
    }
}
