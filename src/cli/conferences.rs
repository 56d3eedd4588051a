//! `hallway conferences`: the conferences opened before (which one a command opens is
//! `hallway_core::open`'s to say).

use super::{Failure, Global};
use crate::recent::{Opened, Recent};

/// `hallway conferences`: those with an agenda, the one used last first; with `known`, the
/// catalogue.
pub fn list(g: &Global, json: bool, known: bool) -> Result<(), Failure> {
    if known {
        return self::known(json);
    }
    let data_dir = match &g.data_dir {
        Some(d) => d.clone(),
        None => crate::agenda::store::default_data_dir()?,
    };
    let rows: Vec<(Opened, usize)> = Recent::new(&data_dir)
        .list()
        .into_iter()
        .map(|o| {
            let marked = crate::agenda::store::Store::new(&data_dir, &o.id)
                .load_for_reading(&o.id)
                .map_or(0, |(a, _)| a.marks.len());
            (o, marked)
        })
        .collect();
    if json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|(o, marked)| {
                serde_json::json!({"id": o.id, "name": o.name, "source": o.source, "first_day": o.first_day,
                    "last_day": o.last_day, "marked": marked, "opened": o.opened.to_rfc3339()})
            })
            .collect();
        return super::commands::emit_bytes(format!("{}\n", serde_json::Value::Array(v)).as_bytes());
    }
    if rows.is_empty() {
        return super::commands::emit_bytes(
            b"No conference planned yet: open one with `hallway --schedule FILE|URL|NAME`; the next `hallway` reopens it.\n",
        );
    }
    let mut out = String::new();
    for (n, (o, marked)) in rows.iter().enumerate() {
        let dates = match (o.first_day, o.last_day) {
            (Some(a), Some(b)) if a == b => a.format("%a %-d %b %Y").to_string(),
            (Some(a), Some(b)) => format!("{} - {}", a.format("%a %-d %b"), b.format("%a %-d %b %Y")),
            _ => "no talks".into(),
        };
        let last = if n == 0 { "  (opened last)" } else { "" };
        let talks = format!("{marked} talk{} marked", if *marked == 1 { "" } else { "s" });
        out.push_str(&format!(
            "{}  {dates}  {talks}{last}\n    hallway --schedule {}\n",
            crate::sanitize::line(&o.name),
            crate::sanitize::line(&o.id)
        ));
    }
    super::commands::emit_bytes(out.as_bytes())
}

/// `hallway conferences --known`: the catalogue, each with the line that opens it.
fn known(json: bool) -> Result<(), Failure> {
    let file = crate::open::catalogue_file();
    let all = crate::catalogue::known(file.as_deref()).map_err(Failure::Usage)?;
    if json {
        let v: Vec<serde_json::Value> =
            all.iter().map(|(key, e)| serde_json::json!({"key": key, "name": e.name, "url": e.url})).collect();
        return super::commands::emit_bytes(format!("{}\n", serde_json::Value::Array(v)).as_bytes());
    }
    let mut out = String::from("Conferences hallway can download by name and year:\n");
    for (key, e) in &all {
        let (key, name, url) =
            (crate::sanitize::line(key), crate::sanitize::line(&e.name), crate::sanitize::line(&e.url));
        out.push_str(&format!("\n{key}  {name}\n    hallway --schedule {key}:YEAR    ({url})\n"));
    }
    if let Some(f) = file {
        out.push_str(&format!("\nYour own entries (added, or replacing these) go in {}.\n", f.display()));
    }
    super::commands::emit_bytes(out.as_bytes())
}
