//! Friends' agendas: another person's `export --format json` document, imported under a name.
//! A friend's file is data, not trusted: it is size-capped, parsed with a clear error, checked
//! to be for this conference, its text sanitised, and kept apart from one's own marks.

use crate::schedule::Schedule;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// A friend's export is a small file; anything bigger is not one.
const MAX_BYTES: u64 = 4 * 1024 * 1024;
const MAX_NAME: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Friend {
    pub name: String,
    pub initials: String,
    /// Talk ids the friend attends, and those they will watch later.
    pub attend: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub on_demand: BTreeSet<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Friends {
    pub friends: Vec<Friend>,
}

/// What an import found, to say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub friend: Friend,
    /// Ids in the file that this schedule does not have (an older or newer version of it).
    pub unknown: usize,
    pub replaced: bool,
}

#[derive(Deserialize)]
struct Export {
    hallway_export: u32,
    conference: ExportConference,
    agenda: Vec<ExportTalk>,
}

#[derive(Deserialize)]
struct ExportConference {
    id: String,
}

#[derive(Deserialize)]
struct ExportTalk {
    id: String,
    #[serde(default)]
    mark: Option<String>,
}

/// "Ana" -> "A", "Ana Lima" -> "AL"; a second "AL" gets two letters of the first name ("AN"),
/// then a number.
fn initials(name: &str, taken: &[&str]) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &str| w.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
    let mut ini: String = words.iter().take(2).map(|w| first(w)).collect();
    if taken.contains(&ini.as_str()) {
        ini = words.first().map(|w| w.chars().take(2).collect::<String>().to_uppercase()).unwrap_or_default();
    }
    let mut n = 2;
    let base = ini.clone();
    while taken.contains(&ini.as_str()) {
        ini = format!("{base}{n}");
        n += 1;
    }
    ini
}

/// Why friends' agendas cannot be read, kept or added.
#[derive(Debug, thiserror::Error)]
pub enum FriendsError {
    #[error("cannot {what} {path}: {source}")]
    Io { what: &'static str, path: String, source: std::io::Error },
    #[error("{path}: {why}")]
    Unreadable { path: String, why: String },
    #[error("a friend's name is 1 to {max} characters")]
    Name { max: usize },
    #[error("{path} is {size} bytes: too big for an exported agenda")]
    TooBig { path: String, size: u64 },
    #[error(
        "{path}:{line}:{column}: not an agenda exported by hallway ({why}); ask for `hallway export --format json`"
    )]
    NotAnExport { path: String, line: usize, column: usize, why: String },
    #[error("{path}: export format {version} is newer than this hallway reads")]
    Newer { path: String, version: u32 },
    #[error("{path} is an agenda for {theirs}, not for {ours}")]
    OtherConference { path: String, theirs: String, ours: String },
}

impl Friends {
    /// Read the friends file; none is no friends. A file that does not parse is an error (and
    /// is not overwritten by the next add).
    pub fn load(path: &Path) -> Result<Self, FriendsError> {
        match crate::bounded::read(path, crate::bounded::MAX_BYTES) {
            Ok(bytes) => serde_json::from_slice::<Self>(&bytes)
                .map(|mut f| {
                    // Names are cleaned when added; a file edited by hand (or planted) is not.
                    for friend in &mut f.friends {
                        friend.name = crate::sanitize::line(&friend.name);
                        friend.initials = crate::sanitize::line(&friend.initials);
                    }
                    f
                })
                .map_err(|e| FriendsError::Unreadable { path: path.display().to_string(), why: e.to_string() }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(FriendsError::Io { what: "read", path: path.display().to_string(), source: e }),
        }
    }

    pub fn save(&self, path: &Path) -> Result<(), FriendsError> {
        let io = |what, p: &Path, source| FriendsError::Io { what, path: p.display().to_string(), source };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io("create", dir, e))?;
        }
        let text = serde_json::to_string_pretty(self).expect("friends serialise");
        crate::atomic::write(path, text.as_bytes()).map_err(|e| io("write", path, e))
    }

    /// Import a friend's exported agenda under `name` (replacing one of that name).
    pub fn add(&mut self, s: &Schedule, file: &Path, name: &str) -> Result<Imported, FriendsError> {
        let name = crate::sanitize::visible_line(name.trim());
        if name.is_empty() || name.chars().count() > MAX_NAME {
            return Err(FriendsError::Name { max: MAX_NAME });
        }
        let shown = file.display().to_string();
        let read = |source| FriendsError::Io { what: "read", path: shown.clone(), source };
        let size = std::fs::metadata(file).map_err(read)?.len();
        if size > MAX_BYTES {
            return Err(FriendsError::TooBig { path: shown, size });
        }
        // Bounded as it is read too: a pipe or a device says no size and may never end.
        let bytes = crate::bounded::read_named(file, MAX_BYTES).map_err(|e| match e.kind() {
            std::io::ErrorKind::FileTooLarge => FriendsError::TooBig { path: shown.clone(), size: MAX_BYTES + 1 },
            _ => read(e),
        })?;
        let export: Export = serde_json::from_slice(&bytes).map_err(|e| FriendsError::NotAnExport {
            path: shown.clone(),
            line: e.line(),
            column: e.column(),
            why: e.to_string(),
        })?;
        if export.hallway_export != 1 {
            return Err(FriendsError::Newer { path: shown, version: export.hallway_export });
        }
        if export.conference.id != s.conference.id {
            return Err(FriendsError::OtherConference {
                path: shown,
                theirs: crate::sanitize::line(&export.conference.id),
                ours: format!("{} ({})", s.conference.name, s.conference.id),
            });
        }
        let mut friend =
            Friend { name: name.clone(), initials: String::new(), attend: BTreeSet::new(), on_demand: BTreeSet::new() };
        let mut unknown = 0;
        for t in export.agenda {
            if s.talk(&t.id).is_none() {
                unknown += 1;
                continue;
            }
            match t.mark.as_deref() {
                Some("on-demand") => friend.on_demand.insert(t.id),
                _ => friend.attend.insert(t.id),
            };
        }
        let replaced = self.remove(&name);
        let taken: Vec<&str> = self.friends.iter().map(|f| f.initials.as_str()).collect();
        friend.initials = initials(&name, &taken);
        self.friends.push(friend.clone());
        self.friends.sort_by_key(|f| f.name.to_lowercase());
        Ok(Imported { friend, unknown, replaced })
    }

    /// Remove a friend by name (any case); true when there was one.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.friends.len();
        self.friends.retain(|f| !f.name.eq_ignore_ascii_case(name.trim()));
        self.friends.len() != before
    }

    /// Talk id -> the friends attending it, by initials in name order.
    pub fn attending(&self) -> HashMap<String, Vec<String>> {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for f in &self.friends {
            for id in &f.attend {
                map.entry(id.clone()).or_default().push(f.initials.clone());
            }
        }
        map
    }

    /// The friends attending a talk, by name.
    pub fn names_at(&self, id: &str) -> Vec<&str> {
        self.friends.iter().filter(|f| f.attend.contains(id)).map(|f| f.name.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{Agenda, MarkKind};
    use crate::schedule;

    fn export_of(s: &Schedule, attend: &[&str], later: &[&str]) -> String {
        let mut a = Agenda::new(&s.conference.id);
        let t0 = s.talks()[0].start;
        for id in attend {
            a.set(s, s.talk(id).unwrap(), MarkKind::Attend, t0);
        }
        for id in later {
            a.set(s, s.talk(id).unwrap(), MarkKind::OnDemand, t0);
        }
        crate::export::document(s, &a, t0).to_string()
    }

    #[test]
    fn add_reads_an_export_and_keeps_it_apart() {
        let s = schedule::bundled();
        let dir = tempfile::TempDir::new().unwrap();
        let file = dir.path().join("ana.json");
        std::fs::write(&file, export_of(&s, &["ebpf-vs-sidecars", "io-uring"], &["misery-metrics"])).unwrap();
        let mut f = Friends::default();
        let got = f.add(&s, &file, "Ana Lima").unwrap();
        assert_eq!(got.friend.initials, "AL");
        assert_eq!(got.friend.attend.len(), 2);
        assert_eq!(got.friend.on_demand.len(), 1);
        assert!(!got.replaced);
        let bo = dir.path().join("bo.json");
        std::fs::write(&bo, export_of(&s, &["ebpf-vs-sidecars"], &[])).unwrap();
        assert_eq!(f.add(&s, &bo, "Andre\u{1b}[31m Lopes").unwrap().friend.initials, "AN", "AL is taken");
        assert_eq!(f.friends[1].name, "Andre Lopes", "escape sequences are stripped from names");
        assert_eq!(f.attending()["ebpf-vs-sidecars"].len(), 2);
        assert_eq!(f.names_at("io-uring"), ["Ana Lima"]);
        assert!(f.add(&s, &file, "ana lima").unwrap().replaced);
        assert_eq!(f.friends.len(), 2);
        let path = dir.path().join("friends/p99.json");
        f.save(&path).unwrap();
        assert_eq!(Friends::load(&path).unwrap(), f);
        assert!(f.remove("ANA LIMA") && !f.remove("nobody"));
    }

    #[test]
    fn a_bad_file_is_refused_with_where_and_why() {
        let s = schedule::bundled();
        let dir = tempfile::TempDir::new().unwrap();
        let file = dir.path().join("x.json");
        let mut f = Friends::default();
        std::fs::write(&file, "{\"hallway_export\": 1,\n \"agenda\": [}").unwrap();
        let e = f.add(&s, &file, "Ana").unwrap_err().to_string();
        assert!(e.contains("x.json:2:") && e.contains("hallway export --format json"), "{e}");
        let other = schedule::bundled_named("srecon-emea").unwrap();
        std::fs::write(&file, export_of(&other, &[], &[])).unwrap();
        let e = f.add(&s, &file, "Ana").unwrap_err().to_string();
        assert!(e.contains("srecon") && e.contains("not for P99 CONF 2022"), "{e}");
        assert!(f.add(&s, &file, "   ").unwrap_err().to_string().contains("name"));
        assert!(f.friends.is_empty());
    }
}
