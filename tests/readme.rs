//! The README's key table is checked against the one key table, so they cannot drift.

use hallway::tui::keys::BINDINGS;

#[test]
fn readme_lists_every_key_binding() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for b in BINDINGS {
        let row = format!("| {} | {} |", b.label, b.help);
        assert!(readme.contains(&row), "README is missing the key row: {row}");
    }
}
