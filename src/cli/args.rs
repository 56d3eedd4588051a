//! The command line as clap reads it: the global options, the commands and their arguments.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub(super) const EXAMPLES: &str = "\
Examples:
  hallway                                   open the planner on the bundled P99 CONF sample
  hallway talks --day 2022-10-19 --track 'Stage 2'
  hallway star ebpf-vs-sidecars io-uring    mark talks to attend
  hallway agenda --json | jq '.[].title'
  hallway now --at '2022-10-19 10:30'       what is on at that conference time";

#[derive(Debug, Parser)]
#[command(name = "hallway", version, about = "Plan your conference in the terminal: browse rooms and tracks, star talks, see clashes.", after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options (every command takes them)")]
pub struct Global {
    /// Schedule to open: a file (hallway JSON, frab/pretalx JSON, Pentabarf XML, Sessionize), an
    /// http(s) URL (cached for offline use), a bundled one (p99conf, srecon-emea), or the id or
    /// name of a conference opened before (`hallway conferences`). Default: the conference
    /// used last, else p99conf.
    #[arg(long, global = true, value_name = "PATH")]
    pub schedule: Option<PathBuf>,
    /// Where agendas are kept. Default: $XDG_DATA_HOME/hallway.
    #[arg(long, global = true, value_name = "DIR", env = "HALLWAY_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Pretend it is this time: RFC 3339, 'YYYY-MM-DD HH:MM' in the conference's zone, or a time
    /// of the conference: 'HH:MM' (today while it runs, else its first day), 'day 2 10:30',
    /// 'Thu 09:20'.
    #[arg(long, global = true, value_name = "TIME")]
    pub at: Option<String>,
    /// Time zone (IANA name) for a schedule file that names none and gives no offsets.
    /// Default: your own zone.
    #[arg(long, global = true, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Quit right after drawing the first frame (to time start-up from outside).
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,
    /// A downloaded copy younger than this is used without asking (see `Fetcher::fresh_for`).
    #[arg(skip)]
    pub fresh_for: std::time::Duration,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(flatten)]
    Planner(Planner),
    /// The conferences you have planned, the one used last first, each with how to open it;
    /// with --known, the well-known ones hallway can download by name and year.
    #[command(
        after_help = "Example:\n  hallway conferences\n  hallway --schedule fosdem-2021 agenda\n  hallway conferences --known\n  hallway --schedule fosdem:2026"
    )]
    Conferences {
        /// Print JSON (a stable format for scripts) instead of text.
        #[arg(long)]
        json: bool,
        /// The known conferences (`--schedule NAME:YEAR` downloads and opens one).
        #[arg(long)]
        known: bool,
    },
    /// The config file: where it is (`path`), or whether it reads (`check`).
    #[command(after_help = "The file (TOML), every key optional:\n\
        schedule = \"https://example.org/schedule.json\"   # when --schedule is not given\n\
        reminder_minutes = 5                                 # 0: no reminders\n\
        notifications = true                                 # desktop notifications with reminders\n\
        theme = \"colour\"                                   # or \"mono\"\n\
        [colors]                                             # starred later clash live link key dim\n\
        starred = \"#ffaa00\"\n\
        [keys]                                               # action = key or [keys]; see ? in the app\n\
        star = \"z\"")]
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  hallway completions bash > ~/.local/share/bash-completion/completions/hallway\n  hallway completions zsh > ~/.zfunc/_hallway\n  hallway completions fish > ~/.config/fish/completions/hallway.fish"
    )]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  hallway man > ~/.local/share/man/man1/hallway.1 && man hallway")]
    Man,
    /// Convert a schedule (frab/pretalx JSON, Pentabarf XML, Sessionize...) to hallway's format.
    #[command(
        after_help = "Example:\n  hallway import fosdem-2021.xml -o data/fosdem-2021.json\n  hallway import schedule.json --tz Europe/Brussels > conf.json"
    )]
    Import {
        /// The schedule file to read.
        path: PathBuf,
        /// Write here instead of to standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Check a schedule file and report every problem found.
    #[command(after_help = "Example:\n  hallway validate my-conf.json")]
    Validate {
        /// The schedule file to check.
        path: PathBuf,
        /// Print JSON (a stable format for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// The commands that work on a conference's schedule and my agenda: each opens the schedule
/// and the agenda store (a [`Context`]) first.
#[derive(Debug, Subcommand)]
pub enum Planner {
    /// List talks, in time order.
    #[command(after_help = "Example:\n  hallway talks --day 2 --track 'Main Stage' --json")]
    Talks {
        #[command(flatten)]
        filter: TalkFilter,
        /// Print JSON (a stable format for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// One short line about my next starred talk today, for a status bar or a prompt: nothing
    /// (and exit 0) when no marked talk is left today.
    #[command(
        after_help = "Placeholders: {title} {room} {track} {start} {end} {minutes} {when} {speakers} {state} {id}\n\
        Defaults: '{start} {room}: {title} ({when})', and 'live: {title} ({when})' during a talk.\n\n\
        Example, in ~/.tmux.conf:\n  set -g status-interval 15\n  set -g status-right '#(hallway next)'"
    )]
    Next {
        /// The line to print, with placeholders (see below).
        #[arg(long, value_name = "TEMPLATE")]
        format: Option<String>,
        /// Cut the line to this many columns (with "…"), for a status bar with little room.
        #[arg(long, value_name = "COLUMNS")]
        width: Option<usize>,
        /// Print JSON: {"state": "live"|"next"|"none", "minutes", "talk"}.
        #[arg(long)]
        json: bool,
    },
    /// For each free slot between your starred talks, the talks in it ranked by what they share
    /// with what you marked (tags, speakers, track, words), with the reason.
    #[command(after_help = "Example:\n  hallway suggest --per-slot 2")]
    Suggest {
        /// How many talks to show for each slot.
        #[arg(long, default_value_t = 3, value_name = "N")]
        per_slot: usize,
        /// Print JSON: [{"start", "end", "talks": [talk + "score", "reason"]}].
        #[arg(long)]
        json: bool,
    },
    /// Friends' agendas: list them (no subcommand), add one from their exported JSON, remove one.
    #[command(
        after_help = "Examples:\n  hallway friends add ana-agenda.json --name Ana   # from: hallway export --format json\n  hallway friends\n  hallway friends remove Ana"
    )]
    Friends {
        #[command(subcommand)]
        action: Option<FriendsAction>,
        /// The list as JSON (each friend's name, initials and marked talk ids).
        #[arg(long)]
        json: bool,
    },
    /// What is live and next: rooms with my starred talks first, then those with a talk on
    /// now or within 30 minutes; quiet rooms fold into one line.
    #[command(after_help = "Example:\n  hallway now --at '2022-10-19 10:30'\n  hallway now --all")]
    Now {
        /// Print JSON (a stable format for scripts, every room) instead of text.
        #[arg(long)]
        json: bool,
        /// List every room, the quiet ones too.
        #[arg(long)]
        all: bool,
    },
    /// Mark talks to attend.
    #[command(after_help = "Example:\n  hallway star ebpf-vs-sidecars rust-wrights-law")]
    Star {
        /// Talk ids as `hallway talks` lists them (or a unique start of one, 4 characters or
        /// more, or the end of the talk's page address); several at once.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Mark talks to catch on-demand (watch the video later); with --available, list those whose
    /// video is out.
    #[command(after_help = "Example:\n  hallway later io-uring\n  hallway later --available")]
    Later {
        /// Talk ids as `hallway talks` lists them (or a unique start of one, 4 characters or
        /// more, or the end of the talk's page address); several at once.
        #[arg(required_unless_present = "available", value_name = "ID")]
        ids: Vec<String>,
        /// List the talks saved for later, not yet watched, that have a video: those published
        /// since you saved them first (`agenda --json` says the same in "video_published").
        #[arg(long, conflicts_with = "ids")]
        available: bool,
        /// With --available: the list as JSON, like every other listing.
        #[arg(long, requires = "available")]
        json: bool,
    },
    /// Write a short note on a talk (shown in the agenda and details); no text removes it.
    #[command(
        after_help = "Example:\n  hallway note io-uring 'ask about SQPOLL'\n  hallway note io-uring          (removes the note)"
    )]
    Note {
        /// The talk's id as `hallway talks` lists it (or a unique start of it, 4 characters or more).
        #[arg(value_name = "ID")]
        id: String,
        /// The note, in one or more words; none removes the note. Options (`--at`) are read
        /// as options wherever they stand; a note that starts with `-` goes after `--`.
        #[arg(value_name = "TEXT")]
        text: Vec<String>,
    },
    /// Remove the marks of talks.
    #[command(after_help = "Example:\n  hallway unmark io-uring")]
    Unmark {
        /// Talk ids as `hallway talks` lists them (or a unique start of one, 4 characters or
        /// more, or the end of the talk's page address); several at once.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Your marked talks in time order, clashes flagged.
    #[command(after_help = "Example:\n  hallway agenda --json")]
    Agenda {
        /// Print JSON (a stable format for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Overlapping pairs among the talks you attend.
    #[command(after_help = "Example:\n  hallway clashes --json")]
    Clashes {
        /// Print JSON (a stable format for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write your agenda as a calendar (.ics), Markdown or JSON.
    #[command(
        after_help = "Examples:\n  hallway export --format ics -o ~/p99conf.ics     (import it in your calendar; re-import updates)\n  hallway export --format md > agenda.md\n  hallway export --format ics --include on-demand | khal import --batch -"
    )]
    Export {
        /// The format; with -o it may be left out: the file's extension (.ics, .md, .json) says it.
        #[arg(long, value_parser = format_parser())]
        format: Option<crate::export::Format>,
        /// Write here instead of to standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Also put the talks to watch on-demand in a calendar export.
        #[arg(long, value_enum, value_name = "WHAT")]
        include: Vec<Include>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Include {
    OnDemand,
}

/// Which talks `hallway talks` lists; every filter given must match.
#[derive(Debug, Args, Default)]
pub struct TalkFilter {
    /// Only this day: a date (2022-10-19) or a day number (1, 2...).
    #[arg(long)]
    pub day: Option<String>,
    /// Only this room, where talks happen (case-insensitive).
    #[arg(long)]
    pub room: Option<String>,
    /// Only this track, what talks are about (case-insensitive). In a schedule whose tracks
    /// are its stages (hallway's own format), a stage.
    #[arg(long)]
    pub track: Option<String>,
    /// Only talks given in this language: a code such as de or en.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Only talks by a speaker whose name contains this (case-insensitive).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only talks with this tag (case-insensitive).
    #[arg(long)]
    pub tag: Option<String>,
    /// Only talks whose title, speakers, tags or abstract contain every word of TEXT.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only talks of this kind: talk, keynote, workshop... (case-insensitive).
    #[arg(long)]
    pub kind: Option<String>,
    /// Only talks you marked to attend.
    #[arg(long)]
    pub starred: bool,
    /// Hide talks that have ended (at `--at`, or now).
    #[arg(long)]
    pub upcoming: bool,
    /// Only talks a friend attends (see `hallway friends`).
    #[arg(long)]
    pub friends: bool,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum FriendsAction {
    /// Import a friend's agenda (`hallway export --format json` on their machine).
    Add {
        /// Their exported agenda (JSON).
        file: PathBuf,
        /// How to call them; initials show in the schedule.
        #[arg(long)]
        name: String,
    },
    /// Forget a friend's agenda.
    Remove {
        /// The name they were added under.
        name: String,
    },
}

#[derive(Debug, Clone, Copy, clap::Subcommand)]
pub enum ConfigAction {
    /// Print where the config file is read from ($XDG_CONFIG_HOME/hallway/config.toml, or
    /// HALLWAY_CONFIG).
    Path,
    /// Read the config file and say what is wrong with it, if anything (exit 2).
    Check,
}

/// `--format`'s values, from the core's formats (shown in help and completions).
fn format_parser() -> impl clap::builder::TypedValueParser<Value = crate::export::Format> {
    use clap::builder::TypedValueParser;
    let names = crate::export::Format::ALL.map(|f| f.extension());
    clap::builder::PossibleValuesParser::new(names)
        .map(|name| crate::export::Format::named(&name).expect("a listed format"))
}
