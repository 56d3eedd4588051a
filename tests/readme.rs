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

/// The config file's `[keys]` takes action names: the README lists every one, in one sentence.
#[test]
fn readme_names_every_action_for_the_keys_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("those of the key table:").expect("the action list");
    let list: String = readme[start..].split('.').next().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    let names: Vec<&str> = list.trim_start_matches("those of the key table:").split(',').map(str::trim).collect();
    for b in BINDINGS {
        assert!(names.contains(&b.action.name()), "README's action list lacks {}: {names:?}", b.action.name());
    }
    assert_eq!(names.len(), BINDINGS.len(), "{names:?}");
}
