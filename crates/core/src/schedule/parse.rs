//! Reading a schedule file: its size checked before it is read, its format told from its
//! content, and the reader of that format.

use super::{LoadError, Problem, Schedule, import, lazy_json, native, native_fast};
use std::path::Path;

/// Where a schedule comes from, for error messages.
pub fn load_path(path: &Path) -> Result<Schedule, LoadError> {
    load_path_with(path, import::Options::default())
}

/// Larger than any real programme (FOSDEM's XML is under 2 MB); refusing before reading keeps
/// a wrong file from eating memory.
pub const MAX_FILE_BYTES: u64 = crate::bounded::MAX_BYTES;

pub fn load_path_with(path: &Path, opts: import::Options) -> Result<Schedule, LoadError> {
    let bytes = read_file(path)?;
    parse_bytes_with(&bytes, &path.display().to_string(), opts)
}

/// A schedule file's bytes, refusing one too large to be a schedule before reading it.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io = |e| LoadError::Io { path: path.display().to_string(), source: e };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        let msg = format!(
            "the file is {} MB; a schedule is at most {} MB (is this the right file?)",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        );
        return Err(LoadError::invalid(&path.display().to_string(), vec![Problem::new(None, msg)]));
    }
    crate::bounded::read_named(path, MAX_FILE_BYTES).map_err(io)
}

/// Detect the format from content and parse.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Result<Schedule, LoadError> {
    parse_bytes_with(bytes, source, import::Options::default())
}

/// The formats hallway reads, as named in messages.
pub const FORMATS: &str = "hallway JSON, frab/pretalx schedule.json, Sessionize \"All\" JSON, Pentabarf/frab schedule.xml, or an iCalendar .ics feed";

pub fn parse_bytes_with(bytes: &[u8], source: &str, opts: import::Options) -> Result<Schedule, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        LoadError::invalid(
            source,
            vec![Problem::at_offset(bytes, e.valid_up_to(), None, "the file is not valid UTF-8 text".into())],
        )
    })?;
    // Our own format in its common, clean form needs no general validator (see native_fast).
    if let Some(s) = native_fast::parse(text, opts.without_abstracts) {
        return Ok(s);
    }
    if import::pentabarf_xml::sniff(text) {
        return import::pentabarf_xml::read(text).finish(text, source, opts);
    }
    if import::ical::sniff(text) {
        return import::ical::parse(text).finish(text, source, opts);
    }
    let root = match lazy_json::root(text) {
        Ok(v) => lazy_json::Object::only(v, import::JSON_ROOT_KEYS),
        // Not JSON either: say what it is not, where.
        Err(_) if text.trim_start().starts_with('<') => {
            let start = text.trim_start().get(..64).unwrap_or(text.trim_start()).to_ascii_lowercase();
            let what = if start.starts_with("<!doctype html") || start.starts_with("<html") {
                "a web page, not a schedule (its site may link an export: .xml, .json or .ics)"
            } else {
                "an XML file without <schedule>"
            };
            let msg = format!("{what}: expected {FORMATS}");
            return Err(LoadError::invalid(source, vec![Problem::at_offset(bytes, 0, None, msg)]));
        }
        // Neither JSON nor XML nor iCalendar: say what it looks like, not where JSON failed.
        Err(_) if !text.trim_start().starts_with(['{', '[']) => {
            let first: String = text.trim_start().lines().next().unwrap_or("").chars().take(40).collect();
            let msg = if text.trim().is_empty() {
                format!("the file is empty: expected {FORMATS}")
            } else {
                format!(
                    "not JSON, XML or iCalendar (it starts \"{}\"): expected {FORMATS}",
                    crate::sanitize::line(&first)
                )
            };
            return Err(LoadError::invalid(source, vec![Problem::at_offset(bytes, 0, None, msg)]));
        }
        Err(_) => return native::parse(text, source),
    };
    let root = root.unwrap_or_else(lazy_json::Object::empty);
    if native::sniff(&root) {
        native::parse_root(&root, text, source)
    } else if let Some(conference) = import::frab_json::sniff(&root) {
        import::frab_json::read(&root, &conference, text).finish(text, source, opts)
    } else if let Some(sessions) = import::sessionize::sniff(&root) {
        let name = Path::new(source).file_stem().and_then(|s| s.to_str()).unwrap_or("sessionize");
        import::sessionize::read(&root, sessions, text, name).finish(text, source, opts)
    } else {
        let msg = format!("not a schedule hallway knows: expected {FORMATS}");
        Err(LoadError::invalid(source, vec![Problem::new(None, msg)]))
    }
}
