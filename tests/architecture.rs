//! The shape of the code, checked like behaviour: the core crate has no terminal dependency, no
//! module imports a module that imports it back (at any folder level), no file is over 450
//! lines and no function over 100. Read from the sources as text: rustfmt's layout (a closing
//! brace at the indentation of its `fn`) is what makes that reliable.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 450;
const MAX_FN_LINES: usize = 100;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The crates' source folders.
const SOURCES: [&str; 2] = ["crates/core/src", "src"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

type Module = Vec<String>;

/// `a/b.rs` and `a/b/mod.rs` are module `a::b`; `lib.rs` and `main.rs` the crate root.
fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The code of a file without its test module and comments: a test may use anything.
fn code_of(text: &str) -> String {
    let text =
        match text.match_indices("#[cfg(test)]").find(|(i, a)| text[i + a.len()..].trim_start().starts_with("mod ")) {
            Some((i, _)) => &text[..i],
            None => text,
        };
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Files that are a `#[cfg(test)] mod name;` of another file.
fn test_files(files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("#[cfg(test)]") {
            rest = &rest[i + "#[cfg(test)]".len()..];
            let decl = rest.trim_start();
            if let Some(name) = decl.strip_prefix("mod ").and_then(|d| d.split_once(';')).map(|(n, _)| n.trim())
                && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            {
                let stem = f.file_stem().unwrap().to_string_lossy();
                let dir = if matches!(&*stem, "mod" | "lib" | "main") {
                    f.parent().unwrap().to_path_buf()
                } else {
                    f.with_extension("")
                };
                out.insert(dir.join(format!("{name}.rs")));
            }
        }
    }
    out
}

/// Every path a file names: `use` trees expanded (`use crate::{a::b, c}`), and inline paths.
fn paths_named(code: &str) -> Vec<Vec<String>> {
    fn expand(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
        let (mut depth, mut start) = (0, 0);
        let bytes: Vec<char> = tree.chars().collect();
        let mut parts = Vec::new();
        for (i, c) in bytes.iter().enumerate() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(bytes[start..i].iter().collect::<String>());
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(bytes[start..].iter().collect());
        for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            if let Some(open) = part.find('{') {
                let head: Vec<String> = part[..open].split("::").filter(|s| !s.is_empty()).map(String::from).collect();
                let close = part.rfind('}').filter(|&c| c > open).unwrap_or(part.len());
                let inner = &part[open + 1..close];
                expand(&[prefix, &head].concat(), inner, out);
            } else {
                let path = part.split(" as ").next().unwrap();
                let segs: Vec<String> = path
                    .split("::")
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && *s != "self" && *s != "*")
                    .map(String::from)
                    .collect();
                out.push([prefix, &segs].concat());
            }
        }
    }
    let mut out = Vec::new();
    // `use` items start a line (rustfmt puts them there); a `use` inside a string does not.
    let line_starts = std::iter::once(0).chain(code.match_indices('\n').map(|(i, _)| i + 1));
    for rest in line_starts.map(|i| &code[i..]) {
        let item = ["pub(crate) ", "pub(super) ", "pub "]
            .iter()
            .fold(rest.trim_start(), |t, p| t.strip_prefix(p).unwrap_or(t));
        let Some(tree) = item.strip_prefix("use ") else { continue };
        if let Some(end) = tree.find(';') {
            let tree: String = tree[..end].split_whitespace().collect::<Vec<_>>().join(" ");
            expand(&[], tree.trim(), &mut out);
        }
    }
    let words: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < words.len() {
        let starts = ["crate::", "super::", "self::"].iter().find(|p| code_at(&words, i).starts_with(**p));
        let boundary = i == 0 || !(words[i - 1].is_alphanumeric() || words[i - 1] == '_' || words[i - 1] == ':');
        if let (Some(_), true) = (starts, boundary) {
            let mut j = i;
            while j < words.len() && (words[j].is_alphanumeric() || words[j] == '_' || words[j] == ':') {
                j += 1;
            }
            let path: String = words[i..j].iter().collect();
            out.push(path.split("::").filter(|s| !s.is_empty()).map(String::from).collect());
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn code_at(words: &[char], i: usize) -> String {
    words[i..words.len().min(i + 7)].iter().collect()
}

/// A named path as a module path from the crate root, for a file of module `here`.
fn absolute(path: &[String], here: &Module) -> Option<Module> {
    match path.first().map(String::as_str) {
        Some("crate") => Some(path[1..].to_vec()),
        Some("super" | "self") => {
            let mut at = here.clone();
            let mut rest = path;
            while let Some(first) = rest.first().map(String::as_str).filter(|f| *f == "super" || *f == "self") {
                if first == "super" {
                    at.pop();
                }
                rest = &rest[1..];
            }
            Some([at, rest.to_vec()].concat())
        }
        _ => None,
    }
}

struct Crate {
    name: &'static str,
    /// Module → the modules it names (test modules left out: a test may use anything).
    edges: BTreeMap<Module, BTreeSet<Module>>,
    /// Every source file, tests included.
    files: Vec<PathBuf>,
}

fn read_crate(src: &'static str) -> Crate {
    let dir = root().join(src);
    let mut all = Vec::new();
    rust_files(&dir, &mut all);
    let tests = test_files(&all);
    let files: Vec<PathBuf> = all.iter().filter(|f| !tests.contains(*f)).cloned().collect();
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(&dir, f)).collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for f in &files {
        let here = module_of(&dir, f);
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        for path in paths_named(&code) {
            let Some(mut target) = absolute(&path, &here) else { continue };
            while !modules.contains(&target) && !target.is_empty() {
                target.pop();
            }
            if target != here {
                edges.entry(here.clone()).or_default().insert(target);
            }
        }
    }
    Crate { name: src, edges, files: all }
}

/// Circles among the children of each folder (files and subfolders as units; a folder's own
/// `mod.rs` is its parent's business), as "folder: a -> b -> a".
fn circles(c: &Crate) -> Vec<String> {
    let parents: BTreeSet<Module> =
        c.edges.keys().chain(c.edges.values().flatten()).map(|m| m[..m.len().saturating_sub(1)].to_vec()).collect();
    let mut found = Vec::new();
    for parent in parents {
        let unit =
            |m: &Module| (m.len() > parent.len() && m[..parent.len()] == parent[..]).then(|| m[parent.len()].clone());
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, tos) in &c.edges {
            let Some(a) = unit(from) else { continue };
            for b in tos.iter().filter_map(unit).filter(|b| *b != a) {
                graph.entry(a.clone()).or_default().insert(b);
            }
        }
        for cycle in find_cycles(&graph) {
            found.push(format!(
                "{} in {}: {}",
                c.name,
                if parent.is_empty() { "the crate root".into() } else { parent.join("::") },
                cycle.join(" -> ")
            ));
        }
    }
    found
}

/// One cycle per strongly connected part with more than one unit (depth-first, white/grey/black).
fn find_cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        out: &mut Vec<Vec<String>>,
    ) {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                0 => visit(m, graph, state, stack, out),
                1 => {
                    let from = stack.iter().position(|s| s == m).unwrap();
                    out.push([&stack[from..], std::slice::from_ref(m)].concat());
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    let mut out = Vec::new();
    for n in graph.keys() {
        if !state.contains_key(n.as_str()) {
            visit(n, graph, &mut state, &mut Vec::new(), &mut out);
        }
    }
    out
}

/// Functions longer than the limit, as "file:line name (n lines)".
fn long_functions(file: &Path, text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        // `pub(in crate::x)`, `const`, `async`, `unsafe`, `extern "C"`, in that order.
        let visible = match trimmed.strip_prefix("pub(") {
            Some(rest) => rest.split_once(") ").map_or(trimmed, |(_, after)| after),
            None => trimmed.strip_prefix("pub ").unwrap_or(trimmed),
        };
        let head = ["const ", "async ", "unsafe ", "extern \"C\" "]
            .iter()
            .fold(visible, |t, p| t.strip_prefix(p).unwrap_or(t));
        let Some(name) = head.strip_prefix("fn ").map(|r| r.split(['(', '<']).next().unwrap_or("")) else { continue };
        if line.trim_end().ends_with(';') {
            continue;
        }
        let close = format!("{indent}}}");
        let end = (i..lines.len()).find(|&j| lines[j] == close || (j == i && line.trim_end().ends_with('}')));
        let n = end.map_or(0, |e| e - i + 1);
        if n > MAX_FN_LINES {
            out.push(format!("{}:{} {name} ({n} lines)", file.strip_prefix(root()).unwrap().display(), i + 1));
        }
    }
    out
}

#[test]
fn the_core_crate_has_no_terminal_dependency() {
    let manifest = std::fs::read_to_string(root().join("crates/core/Cargo.toml")).unwrap();
    // Anywhere in the manifest (any dependency table, a renamed package), comments aside.
    let code: Vec<&str> = manifest.lines().map(|l| l.split('#').next().unwrap_or("")).collect();
    for name in ["ratatui", "crossterm", "clap", "anstream", "notify-rust", "signal-hook"] {
        let named = code.iter().any(|l| {
            l.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).any(|word| word.starts_with(name))
        });
        assert!(!named, "hallway-core's manifest names {name}");
    }
    assert!(manifest.contains("[dependencies]"), "the check reads the real manifest");
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let found: Vec<String> = SOURCES.iter().flat_map(|s| circles(&read_crate(s))).collect();
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn the_circle_finder_finds_circles() {
    // A checker that cannot fail proves nothing: feed it a known circle and a known chain.
    let graph = |pairs: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in pairs {
            g.entry(a.to_string()).or_default().insert(b.to_string());
        }
        g
    };
    assert_eq!(find_cycles(&graph(&[("app", "shell"), ("shell", "refresh"), ("refresh", "app")])).len(), 1);
    assert!(find_cycles(&graph(&[("app", "shell"), ("shell", "refresh"), ("app", "refresh")])).is_empty());
    let code = "use crate::{agenda::Agenda, schedule::{self, Talk}};\nfn f() { super::modal::Outcome::Stay; }";
    let named = paths_named(code);
    assert!(named.contains(&vec!["crate".into(), "agenda".into(), "Agenda".into()]), "{named:?}");
    assert!(named.contains(&vec!["crate".into(), "schedule".into()]), "{named:?}");
    assert!(named.contains(&vec!["super".into(), "modal".into(), "Outcome".into(), "Stay".into()]), "{named:?}");
}

#[test]
fn no_file_or_function_is_too_long_to_read() {
    let mut found = Vec::new();
    for src in SOURCES {
        for f in read_crate(src).files {
            let text = std::fs::read_to_string(&f).unwrap();
            let n = text.lines().count();
            if n > MAX_FILE_LINES {
                found.push(format!("{} ({n} lines)", f.strip_prefix(root()).unwrap().display()));
            }
            found.extend(long_functions(&f, &text));
        }
    }
    assert!(found.is_empty(), "over {MAX_FILE_LINES} lines a file or {MAX_FN_LINES} a function:\n{}", found.join("\n"));
}

#[test]
fn the_length_check_measures_functions() {
    let body = "    let x = 1;\n".repeat(MAX_FN_LINES);
    let text = format!("pub fn long() {{\n{body}}}\n\nfn short() {{\n    1\n}}\n");
    let found = long_functions(&root().join("x.rs"), &text);
    assert_eq!(found, vec![format!("x.rs:1 long ({} lines)", MAX_FN_LINES + 2)]);
}
