//! `hallway man`: the manual page, from the same definitions the program runs on: the clap
//! commands (every command and its options, in this one page) and the planner's key table.

use super::Cli;
use crate::tui::keys::BINDINGS;
use clap_mangen::roff::{Roff, bold, italic, roman};

/// Folders and files, as the platform names them on Linux.
const FILES: &[(&str, &str)] = &[
    (
        "$XDG_DATA_HOME/hallway/agendas/CONFERENCE.json",
        "your marks and notes for one conference (--data-dir or HALLWAY_DATA_DIR move the folder); a file that cannot be read is moved aside as .corrupt-TIME, never overwritten",
    ),
    ("$XDG_DATA_HOME/hallway/recent.json", "the conferences opened before (hallway conferences)"),
    ("$XDG_DATA_HOME/hallway/friends/", "friends' agendas added with hallway friends add"),
    (
        "$XDG_CONFIG_HOME/hallway/config.toml",
        "settings: the schedule to open, colours, keys, reminders, refresh_minutes (hallway config path, hallway config check)",
    ),
    ("$XDG_CACHE_HOME/hallway/schedules/", "downloaded schedules, to work offline"),
    ("$XDG_CACHE_HOME/hallway/compiled/", "schedules in a compiled form that opens in milliseconds; safe to delete"),
    ("$XDG_STATE_HOME/hallway/crash-TIME.txt", "the report of a crash"),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    ("HALLWAY_DATA_DIR", "where agendas are kept (as --data-dir)"),
    ("HALLWAY_CONFIG", "the config file to read"),
    ("HALLWAY_CACHE_DIR", "the folder for downloaded and compiled schedules"),
    ("HALLWAY_NO_CACHE", "when set, schedules are read afresh and no compiled form is kept"),
    ("HALLWAY_STATE_DIR", "where crash reports go"),
    ("HALLWAY_FETCH_TIMEOUT", "seconds to wait for a server (default 10)"),
    ("HALLWAY_REFRESH_SECONDS", "seconds between the planner's checks for a newer schedule, over refresh_minutes"),
    ("HALLWAY_NO_NOTIFY", "when set, reminders ring the bell but raise no desktop notification"),
    ("HALLWAY_NO_HYPERLINKS", "when set, links are written as plain text, not as OSC 8 hyperlinks"),
    ("TZ", "your own time zone, shown beside the conference's"),
    ("NO_COLOR", "when set and not empty, no colour (every state keeps a symbol)"),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "success"),
    (
        "1",
        "the machine got in the way: a file that cannot be written, no network and no kept copy, a corrupt agenda (kept aside)",
    ),
    (
        "2",
        "bad usage or an invalid schedule: an unknown talk or option, a file that does not parse (the message says file, line and column)",
    ),
];

/// The page as roff.
pub fn render() -> std::io::Result<Vec<u8>> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone()).manual("hallway manual");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    synopsis(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut roff = Roff::new();
    commands(&mut roff, &cmd);
    keys(&mut roff);
    list(&mut roff, "FILES", FILES);
    list(&mut roff, "ENVIRONMENT", ENVIRONMENT);
    list(&mut roff, "EXIT STATUS", EXIT_STATUS);
    roff.control("SH", ["EXAMPLES"]);
    // As printed: the columns of the examples line up only without filling.
    roff.control("nf", []);
    for line in super::args::EXAMPLES.lines().skip(1) {
        roff.text([roman(line.trim_end())]);
    }
    roff.control("fi", []);
    roff.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// How hallway is called: the planner, or a command (each described under COMMANDS).
fn synopsis(out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    roff.text([bold("hallway"), roman(" ["), italic("OPTIONS"), roman("]")]);
    roff.control("br", []);
    roff.text([
        bold("hallway"),
        roman(" ["),
        italic("OPTIONS"),
        roman("] "),
        italic("COMMAND"),
        roman(" ["),
        italic("ARGS"),
        roman("]"),
    ]);
    roff.to_writer(out)
}

/// Every command with its own arguments (the global options are in OPTIONS).
fn commands(roff: &mut Roff, cmd: &clap::Command) {
    roff.control("SH", ["COMMANDS"]);
    roff.text([roman("Without a command, hallway opens the planner in the terminal.")]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        roff.control("SS", [format!("hallway {}", sub.get_name()).as_str()]);
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            roff.text([roman(about.to_string())]);
        }
        for nested in sub.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
            roff.control("TP", []).text([bold(format!("hallway {} {}", sub.get_name(), nested.get_name()))]);
            roff.text([roman(nested.get_about().map(|a| a.to_string()).unwrap_or_default())]);
            arguments(roff, nested);
        }
        arguments(roff, sub);
        // Examples and the placeholders a template takes, as `--help` shows them.
        if let Some(after) = sub.get_after_long_help().or(sub.get_after_help()) {
            roff.control("PP", []).control("nf", []).text([roman(after.to_string())]).control("fi", []);
        }
    }
}

fn arguments(roff: &mut Roff, cmd: &clap::Command) {
    let own = cmd.get_arguments().filter(|a| !a.is_hide_set() && !a.is_global_set() && !is_help(a));
    for arg in own {
        let mut head = Vec::new();
        let mut value = arg.get_value_names().map(|v| v.join(" ")).unwrap_or_else(|| arg.get_id().to_string());
        if arg.get_num_args().is_some_and(|n| n.max_values() > 1) {
            value.push_str("...");
        }
        match (arg.get_short(), arg.get_long()) {
            (None, None) => head.push(italic(value.to_uppercase())),
            (short, long) => {
                let names: Vec<String> =
                    short.map(|s| format!("-{s}")).into_iter().chain(long.map(|l| format!("--{l}"))).collect();
                head.push(bold(names.join(", ")));
                if arg.get_action().takes_values() {
                    head.push(roman(" "));
                    head.push(italic(value.to_uppercase()));
                }
            }
        }
        roff.control("TP", []).text(head);
        let mut help = arg.get_long_help().or(arg.get_help()).map(|h| h.to_string()).unwrap_or_default();
        let values: Vec<String> =
            arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
        if !values.is_empty() {
            help.push_str(&format!(" [one of: {}]", values.join(", ")));
        }
        roff.text([roman(help)]);
    }
}

fn is_help(arg: &clap::Arg) -> bool {
    matches!(arg.get_id().as_str(), "help" | "version")
}

/// The planner's keys, as its help screen lists them.
fn keys(roff: &mut Roff) {
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "In the planner (these are the defaults; the [keys] table of the config file changes them). \
         The mouse selects a talk, a double click opens it, the wheel scrolls.",
    )]);
    for b in BINDINGS {
        roff.control("TP", []).text([bold(b.label)]);
        roff.text([roman(b.help)]);
    }
}

fn list(roff: &mut Roff, heading: &str, rows: &[(&str, &str)]) {
    roff.control("SH", [heading]);
    for (term, text) in rows {
        roff.control("TP", []).text([bold(*term)]);
        roff.text([roman(*text)]);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_has_every_section_and_no_page_that_does_not_exist() {
        let page = String::from_utf8(super::render().unwrap()).unwrap();
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "KEYS", "FILES", "ENVIRONMENT", "EXIT STATUS"] {
            assert!(
                page.contains(&format!(".SH {section}")) || page.contains(&format!(".SH \"{section}\"")),
                "{section}"
            );
        }
        // Commands are sections of this page, not pages of their own.
        assert!(!page.contains("hallway\\-talks(1)") && !page.contains("hallway-talks(1)"), "{page}");
        assert!(page.contains("hallway talks"));
        assert!(page.contains("\\-\\-day") || page.contains("--day"));
        for b in crate::tui::keys::BINDINGS {
            assert!(page.contains(&roff_text(b.help)), "the key {} is not in the manual", b.label);
        }
        for (var, _) in super::ENVIRONMENT {
            assert!(page.contains(&roff_text(var)), "{var}");
        }
    }

    #[test]
    fn every_variable_the_program_reads_is_in_the_manual() {
        // Test hooks are not for users: a crash on a key, a crash between write and rename, a
        // schedule held back after its first frame.
        const HOOKS: [&str; 3] = ["HALLWAY_PANIC_ON_KEY", "HALLWAY_FAIL_POINT", "HALLWAY_REST_GATE"];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = std::collections::BTreeSet::new();
        let mut dirs = vec![root.join("src"), root.join("crates/core/src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices("\"HALLWAY_") {
                    let name: String =
                        text[i + 1..].chars().take_while(|c| c.is_ascii_uppercase() || *c == '_').collect();
                    if name.len() > "HALLWAY_".len() {
                        read.insert(name);
                    }
                }
            }
        }
        assert!(read.contains("HALLWAY_DATA_DIR"), "the scan finds what the code reads: {read:?}");
        let documented: Vec<&str> = super::ENVIRONMENT.iter().map(|(v, _)| *v).collect();
        for name in read.iter().filter(|n| !HOOKS.contains(&n.as_str())) {
            assert!(documented.contains(&name.as_str()), "{name} is read but not in the manual's ENVIRONMENT");
        }
    }

    /// Text as roff writes it (`-` and `'` escaped).
    fn roff_text(s: &str) -> String {
        s.replace('-', "\\-").replace('\'', "\\*(Aq")
    }
}
