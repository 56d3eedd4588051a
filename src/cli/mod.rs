//! The command line: clap definitions, and the non-interactive commands over the same core.

mod commands;
mod conferences;
mod print;

use crate::agenda::store::{self, Store};
use crate::clock::{self, Clock, FixedClock, SystemClock};
use crate::schedule::{self, LoadError};
use chrono_tz::Tz;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  hallway                                   open the planner on the bundled P99 CONF sample
  hallway talks --day 2022-10-19 --track 'Stage 2'
  hallway star ebpf-vs-sidecars io-uring    mark talks to attend
  hallway agenda --json | jq '.[].title'
  hallway now --at '2022-10-19 10:30'       what is on at that conference time";

#[derive(Debug, Parser)]
#[command(name = "hallway", version, about = "Plan your conference in the terminal: browse tracks, star talks, see clashes.", after_help = EXAMPLES)]
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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(flatten)]
    Planner(Planner),
    /// The conferences you have planned, the one used last first, each with how to open it.
    #[command(after_help = "Example:\n  hallway conferences\n  hallway --schedule fosdem-2021 agenda")]
    Conferences {
        /// Print JSON (a stable format for scripts) instead of text.
        #[arg(long)]
        json: bool,
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
        path: PathBuf,
        /// Write here instead of to standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Check a schedule file and report every problem found.
    #[command(after_help = "Example:\n  hallway validate my-conf.json")]
    Validate {
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
    #[command(after_help = "Placeholders: {title} {track} {start} {end} {minutes} {when} {speakers} {state} {id}\n\
        Defaults: '{start} {track}: {title} ({when})', and 'live: {title} ({when})' during a talk.\n\n\
        Example, in ~/.tmux.conf:\n  set -g status-interval 15\n  set -g status-right '#(hallway next)'")]
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
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Mark talks to catch on-demand (watch the video later).
    #[command(after_help = "Example:\n  hallway later io-uring")]
    Later {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Write a short note on a talk (shown in the agenda and details); no text removes it.
    #[command(
        after_help = "Example:\n  hallway note io-uring 'ask about SQPOLL'\n  hallway note io-uring          (removes the note)"
    )]
    Note {
        #[arg(value_name = "ID")]
        id: String,
        #[arg(value_name = "TEXT", trailing_var_arg = true)]
        text: Vec<String>,
    },
    /// Remove the marks of talks.
    #[command(after_help = "Example:\n  hallway unmark io-uring")]
    Unmark {
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
        #[arg(long, value_enum)]
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
    /// Only this track (case-insensitive).
    #[arg(long)]
    pub track: Option<String>,
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
        file: PathBuf,
        /// How to call them; initials show in the schedule.
        #[arg(long)]
        name: String,
    },
    /// Forget a friend's agenda.
    Remove { name: String },
}

#[derive(Debug, Clone, Copy, clap::Subcommand)]
pub enum ConfigAction {
    /// Print where the config file is read from ($XDG_CONFIG_HOME/hallway/config.toml, or
    /// HALLWAY_CONFIG).
    Path,
    /// Read the config file and say what is wrong with it, if anything (exit 2).
    Check,
}

/// How a command failed, which decides the exit code (design.md section 5).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Bad usage or an invalid input file: exit 2.
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Invalid(#[from] LoadError),
    /// Runtime failure (I/O, corrupt agenda): exit 1.
    #[error("{0}")]
    Runtime(String),
    /// Already reported on stdout; only the exit code is left to give.
    #[error("")]
    Reported(u8),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) | Failure::Invalid(_) => 2,
            Failure::Runtime(_) => 1,
            Failure::Reported(c) => *c,
        }
    }
}

/// A friend's file that cannot be read or kept is a runtime failure; a wrong file or name given
/// on the command line is a usage error.
impl From<crate::friends::FriendsError> for Failure {
    fn from(e: crate::friends::FriendsError) -> Self {
        use crate::friends::FriendsError as F;
        match e {
            F::Io { .. } | F::Unreadable { .. } => Failure::Runtime(e.to_string()),
            _ => Failure::Usage(e.to_string()),
        }
    }
}

impl From<crate::status_line::TemplateError> for Failure {
    fn from(e: crate::status_line::TemplateError) -> Self {
        Failure::Usage(e.to_string())
    }
}

impl From<store::StoreError> for Failure {
    fn from(e: store::StoreError) -> Self {
        Failure::Runtime(e.to_string())
    }
}

impl Global {
    pub fn load_options(&self, abstracts: Abstracts) -> Result<schedule::import::Options, Failure> {
        load_options(self.tz.as_deref(), abstracts)
    }
}

pub(crate) fn load_options(tz: Option<&str>, abstracts: Abstracts) -> Result<schedule::import::Options, Failure> {
    let zone = match tz {
        Some(name) => Some(name.parse::<Tz>().map_err(|_| {
            Failure::Usage(format!(
                "unknown time zone '{name}' for --tz: expected an IANA name such as Europe/Brussels"
            ))
        })?),
        None => None,
    };
    Ok(schedule::import::Options { zone, without_abstracts: abstracts == Abstracts::Skip })
}

pub use crate::context::Context;

/// Whether a command reads the talks' abstracts (a status-bar line never shows one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abstracts {
    Read,
    Skip,
}

impl Context {
    pub fn from_args(g: &Global, abstracts: Abstracts) -> Result<Self, Failure> {
        let data_dir = match &g.data_dir {
            Some(d) => d.clone(),
            None => store::default_data_dir()?,
        };
        let (source, tz_given) = conferences::source(g, &data_dir);
        let opts = load_options(tz_given.as_deref(), abstracts)?;
        let (schedule, source) = conferences::open(source.as_deref(), opts)?;
        let clock: Box<dyn Clock> = match &g.at {
            Some(at) => Box::new(FixedClock(conference_time(&schedule, at)?)),
            None => Box::new(SystemClock),
        };
        let store = Store::new(&data_dir, &schedule.conference.id);
        Ok(Self { schedule, store, clock, user_tz: clock::user_zone(), source, tz_given, data_dir })
    }
}

/// `--at` as a person says it. A bare `HH:MM` means today while the conference runs, else its
/// first day, and then says so: the instant meant is not obvious.
fn conference_time(s: &schedule::Schedule, at: &str) -> Result<chrono::DateTime<chrono::Utc>, Failure> {
    let days: Vec<chrono::NaiveDate> = s.days().collect();
    let today = s.local(chrono::Utc::now()).date_naive();
    let default_day = if days.contains(&today) { today } else { days.first().copied().unwrap_or(today) };
    let t = clock::parse_conference_time(at, s.conference.tz, &days, default_day)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    if clock::parse_at(at, s.conference.tz).is_err() && !at.trim().contains(' ') && default_day != today {
        eprintln!(
            "note: --at {} is {} on the conference's first day, {}",
            at.trim(),
            at.trim(),
            default_day.format("%a %-d %b %Y")
        );
    }
    Ok(t)
}

/// What to say of a `--schedule` that names no file: the bundled schedules, and the scheme an
/// address needs.
pub(crate) fn no_such_schedule(name: &str) -> String {
    let bundled: Vec<&str> = schedule::BUNDLED_SCHEDULES.iter().map(|(n, _)| *n).collect();
    let mut text = format!("no schedule file '{name}'");
    // "fosdem.org/2024/schedule.xml": a host, then a path, and no scheme.
    let host = name.split('/').next().unwrap_or("");
    if !name.contains("://") && name.contains('/') && host.contains('.') && !host.starts_with('.') {
        text.push_str(&format!("; to download it, give the address with its scheme: https://{name}"));
    }
    text.push_str(&format!(
        "; the bundled schedules are {} (for example --schedule {})",
        bundled.join(", "),
        bundled.first().copied().unwrap_or("p99conf")
    ));
    text
}

fn config_command(action: ConfigAction) -> Result<(), Failure> {
    let path =
        crate::config::path().ok_or_else(|| Failure::Runtime("no home folder to keep a config file in".into()))?;
    match action {
        ConfigAction::Path => commands::emit_bytes(format!("{}\n", path.display()).as_bytes()),
        ConfigAction::Check => {
            let settings = crate::tui::settings::Settings::load();
            match settings.error {
                Some(e) => Err(Failure::Usage(e.to_string())),
                None if path.exists() => commands::emit_bytes(format!("{}: fine\n", path.display()).as_bytes()),
                None => {
                    commands::emit_bytes(format!("{}: no such file; the defaults apply\n", path.display()).as_bytes())
                }
            }
        }
    }
}

/// Run a parsed command line. `None` means: open the TUI.
pub fn run(mut cli: Cli) -> Result<(), Failure> {
    let command = match cli.command {
        Some(Command::Config { action }) => return config_command(action),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "hallway",
                &mut std::io::stdout(),
            );
            return Ok(());
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut out)
                .map_err(|e| Failure::Runtime(format!("cannot render the manual: {e}")))?;
            return commands::emit_bytes(&out);
        }
        Some(Command::Validate { path, json }) => {
            return commands::validate(&path, json, cli.global.load_options(Abstracts::Read)?);
        }
        Some(Command::Import { path, output }) => {
            return commands::import(&path, output.as_deref(), cli.global.load_options(Abstracts::Read)?);
        }
        Some(Command::Conferences { json }) => return conferences::list(&cli.global, json),
        Some(Command::Planner(p)) => Some(p),
        None => None,
    };
    let (config, config_error) = crate::config::load_or_default();
    if let Some(e) = &config_error {
        eprintln!("hallway: {e}; going on with the defaults");
    }
    if cli.global.schedule.is_none() {
        cli.global.schedule = config.schedule.clone().map(PathBuf::from);
    }
    let Some(command) = command else {
        // Keys and colours are the planner's to check; it says what is wrong on its status line.
        let settings = crate::tui::settings::Settings::load();
        let ctx = Context::from_args(&cli.global, Abstracts::Read)?;
        ctx.remember();
        return crate::tui::run(ctx, settings, cli.global.exit_after_first_frame)
            .map_err(|e| Failure::Runtime(format!("terminal error: {e}")));
    };
    // `next` runs every few seconds in a status bar and shows no abstract (its JSON does).
    let abstracts =
        if matches!(command, Planner::Next { json: false, .. }) { Abstracts::Skip } else { Abstracts::Read };
    let ctx = Context::from_args(&cli.global, abstracts)?;
    // A command that changes an agenda makes its conference the one used last; a status bar
    // running `next` every few seconds writes nothing.
    let remembers = matches!(
        command,
        Planner::Star { .. }
            | Planner::Later { .. }
            | Planner::Unmark { .. }
            | Planner::Note { .. }
            | Planner::Friends { .. }
    );
    for note in &ctx.schedule.conference.notes {
        eprintln!("note: {note}");
    }
    let result = commands::dispatch(&ctx, command);
    if remembers && result.is_ok() {
        ctx.remember();
    }
    // The process ends here: freeing the schedule talk by talk would only slow commands that
    // run every few seconds (`next` in a status bar).
    std::mem::forget(ctx);
    result
}
