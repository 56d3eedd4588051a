//! `$XDG_CONFIG_HOME/hallway/config.toml`: default schedule, reminder lead time, colours and
//! key remapping. A missing file is the defaults; a bad one is an error naming the file, line
//! and key, and the app goes on with the defaults after saying so.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Path, URL or bundled name, used when `--schedule` is not given.
    pub schedule: Option<String>,
    /// Minutes before a starred talk that a reminder comes; 0 turns reminders off.
    pub reminder_minutes: Option<u32>,
    /// Desktop notifications with reminders (the bell and the status line stay).
    pub notifications: Option<bool>,
    /// Minutes between checks for a newer copy of a schedule opened from a URL; 0 turns them off.
    pub refresh_minutes: Option<u32>,
    /// `colour` (default) or `mono`.
    pub theme: Option<ThemeName>,
    /// Colours by role: starred, later, clash, live, link, key, dim. Names or `#rrggbb`.
    #[serde(default)]
    pub colors: BTreeMap<String, String>,
    /// Action name -> key or keys, replacing that action's default keys.
    #[serde(default)]
    pub keys: BTreeMap<String, KeySpec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    Colour,
    Color,
    Mono,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum KeySpec {
    One(String),
    Many(Vec<String>),
}

impl KeySpec {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeySpec::One(k) => vec![k.as_str()],
            KeySpec::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

pub const COLOR_ROLES: &[&str] = &["starred", "later", "clash", "live", "link", "key", "dim"];

/// What is wrong with a config file, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 0 when the problem is the file, not a place in it (it cannot be read).
    pub line: usize,
    pub column: usize,
    pub key: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        // A file that cannot be read has no line to point at: "config.toml:0:0" reads as one.
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        let key = self.key.as_ref().map(|k| format!("`{k}`: ")).unwrap_or_default();
        write!(f, ": {key}{}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Where the config file is: `HALLWAY_CONFIG`, else the XDG config folder.
pub fn path() -> Option<PathBuf> {
    crate::dirs::config_file()
}

/// A config is a few lines; one of megabytes is a mistake (and TOML tables cost memory).
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Read the config; no file is the defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = match crate::bounded::read_named_to_string(path, MAX_CONFIG_BYTES) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            return Err(ConfigError { path: path.into(), line: 0, column: 0, key: None, message: e.to_string() });
        }
    };
    parse(&text, path)
}

/// The config file in use, or the defaults and why they apply when it is bad.
pub fn load_or_default() -> (Config, Option<ConfigError>) {
    match path().map(|p| load(&p)) {
        Some(Ok(c)) => (c, None),
        Some(Err(e)) => (Config::default(), Some(e)),
        None => (Config::default(), None),
    }
}

pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, column) = line_column(text, at);
        let key = key_on_line(text, line);
        // serde's wording names our types; say what the file should hold instead.
        let raw = e.message().trim().to_string();
        let message = if raw.contains("untagged enum KeySpec") {
            "expected a key name (\"z\", \"F2\", \"Space\") or a list of them".to_string()
        } else if key.as_deref() == Some("reminder_minutes") {
            format!("{raw}: a whole number of minutes, 0 to turn reminders off")
        } else if key.as_deref() == Some("refresh_minutes") {
            format!("{raw}: a whole number of minutes, 0 to stop checking for a newer schedule")
        } else {
            raw
        };
        ConfigError { path: path.into(), line, column, key, message }
    })?;
    // Whether a value is a colour is the terminal side's to say (tui::settings); the roles
    // are known here.
    if let Some(role) = config.colors.keys().find(|r| !COLOR_ROLES.contains(&r.as_str())) {
        let message = format!("no colour role `{role}`; roles are {}", COLOR_ROLES.join(", "));
        return Err(at_key(text, path, "colors", role, message));
    }
    Ok(config)
}

/// An error about `key` in `[table]`, placed on its line.
pub fn at_key(text: &str, path: &Path, table: &str, key: &str, message: String) -> ConfigError {
    let mut in_table = false;
    let mut found = (0, 0);
    for (n, raw) in text.lines().enumerate() {
        let l = raw.trim();
        if l.starts_with('[') {
            in_table = l.trim_matches(['[', ']']).trim() == table;
        } else if in_table && l.split('=').next().is_some_and(|k| k.trim().trim_matches(['"', '\'']) == key) {
            found = (n + 1, raw.len() - raw.trim_start().len() + 1);
            break;
        }
    }
    ConfigError { path: path.into(), line: found.0, column: found.1, key: Some(format!("{table}.{key}")), message }
}

fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The key defined on a line, with its table ("keys.star").
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let l = lines.get(line.checked_sub(1)?)?.trim();
    if l.starts_with('[') || !l.contains('=') {
        return None;
    }
    let key = l.split('=').next()?.trim().trim_matches(['"', '\'']).to_string();
    let table = lines[..line - 1].iter().rev().map(|l| l.trim()).find(|l| l.starts_with('['));
    let key = match table {
        Some(t) => format!("{}.{key}", t.trim_matches(['[', ']']).trim()),
        None => key,
    };
    Some(key).filter(|k| !k.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("/home/ana/.config/hallway/config.toml")
    }

    #[test]
    fn a_full_file_reads() {
        let c = parse(
            "schedule = \"srecon-emea\"\nreminder_minutes = 10\ntheme = \"mono\"\n\n[colors]\nstarred = \"#ffaa00\"\n\n[keys]\nstar = \"x\"\nlater = [\"L\", \"w\"]\n",
            p(),
        )
        .unwrap();
        assert_eq!(c.schedule.as_deref(), Some("srecon-emea"));
        assert_eq!(c.reminder_minutes, Some(10));
        assert_eq!(c.theme, Some(ThemeName::Mono));
        assert_eq!(c.keys["later"].keys(), ["L", "w"]);
        assert_eq!(parse("", p()).unwrap(), Config::default());
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let e = parse("schedule = \"x\"\nreminder_minutes = \"five\"\n", p()).unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (2, Some("reminder_minutes")), "{e}");
        assert!(e.to_string().starts_with("/home/ana/.config/hallway/config.toml:2:"), "{e}");
        let e = parse("remindr_minutes = 5\n", p()).unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (1, Some("remindr_minutes")), "{e}");
        assert!(e.message.contains("unknown field"), "{e}");
        let e = parse("[keys]\nstar = 5\n", p()).unwrap_err();
        assert_eq!(e.key.as_deref(), Some("keys.star"));
        assert!(e.message.starts_with("expected a key name"), "{e}");
        let e = parse("[colors]\nstared = \"red\"\n", p()).unwrap_err();
        assert!(e.message.contains("no colour role `stared`"), "{e}");
        let e = parse("schedule = \n", p()).unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = parse("refresh_minutes = -1\n", p()).unwrap_err();
        assert_eq!(e.key.as_deref(), Some("refresh_minutes"), "{e}");
        assert!(e.message.ends_with("0 to stop checking for a newer schedule"), "{e}");
        assert_eq!(parse("refresh_minutes = 0\n", p()).unwrap().refresh_minutes, Some(0));
    }

    #[test]
    fn a_file_that_cannot_be_read_names_no_line() {
        let dir = tempfile::tempdir().unwrap();
        let e = load(dir.path()).unwrap_err();
        let said = e.to_string();
        assert!(said.starts_with(&dir.path().display().to_string()), "{said}");
        assert!(!said.contains(":0:0"), "{said}");
    }
}
