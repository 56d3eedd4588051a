//! The command line: clap definitions, and the non-interactive commands over the same core.

mod args;
mod commands;
mod conferences;
mod print;

pub use args::*;

use crate::agenda::store::{self, Store};
use crate::clock::{self, Clock, FixedClock, SystemClock};
use crate::schedule::{self, LoadError};
use chrono_tz::Tz;
use std::path::PathBuf;

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

pub use crate::schedule::compiled::Need;

impl Context {
    pub fn from_args(g: &Global, abstracts: Abstracts, need: Need) -> Result<Self, Failure> {
        let data_dir = match &g.data_dir {
            Some(d) => d.clone(),
            None => store::default_data_dir()?,
        };
        let (source, mut tz_given) = conferences::source(g, &data_dir)?;
        let mut opts = load_options(tz_given.as_deref(), abstracts)?;
        let (mut opened, mut source) = conferences::open(source.as_deref(), opts, g.fresh_for)?;
        // The same conference from another path (the file moved): read it again in the zone
        // given for it before, or its times would seem to have moved. (From its usual path the
        // zone was found before reading.)
        if tz_given.is_none()
            && let Some(tz) = crate::recent::Recent::new(&data_dir).find(&opened.conference().id).and_then(|o| o.tz)
        {
            opts = load_options(Some(&tz), abstracts)?;
            // Just downloaded, or just failed to: the kept copy, not the network again; what the
            // first open found of the network (offline, an invalid download) is still said.
            let fetched: Vec<String> = opened
                .notes_mut()
                .iter()
                .filter(|n| n.starts_with("offline:") || n.starts_with("the server sent"))
                .cloned()
                .collect();
            (opened, source) = conferences::open(Some(&source), opts, std::time::Duration::MAX)?;
            let notes = opened.notes_mut();
            for (i, note) in fetched.into_iter().enumerate() {
                if !notes.contains(&note) {
                    notes.insert(i, note);
                }
            }
            tz_given = Some(tz);
        }
        let skeleton = opened.skeleton();
        let clock: Box<dyn Clock> = match &g.at {
            Some(at) => Box::new(FixedClock(conference_time(&skeleton, at)?)),
            None => Box::new(SystemClock),
        };
        let store = Store::new(&data_dir, &skeleton.conference.id);
        let mut agenda = None;
        let plan = match opened.reader() {
            None => schedule::compiled::Plan::default(),
            Some(reader) => {
                let marked = match need {
                    Need::Whole | Need::Day(_) => Vec::new(),
                    // The planner reads (and if need be sets aside) its agenda itself, saying why.
                    Need::Planner => store.peek_ids(),
                    Need::Marked | Need::Now => {
                        let a = store.load(&skeleton.conference.id)?;
                        let ids = a.marks.keys().cloned().collect();
                        agenda = Some(a);
                        ids
                    }
                };
                reader.plan(&need, clock.now(), marked, abstracts == Abstracts::Read)
            }
        };
        drop(skeleton);
        let (schedule, rest) = if need == Need::Planner { opened.split(&plan)? } else { (opened.load(&plan)?, None) };
        Ok(Self {
            schedule,
            store,
            clock,
            user_tz: clock::user_zone(),
            source,
            tz_given,
            read_with: opts,
            data_dir,
            rest,
            agenda,
        })
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
    // A command asks the server when its copy is older than the planner's interval; the planner
    // shows any copy at once and asks in the background.
    cli.global.fresh_for = match command {
        None => std::time::Duration::MAX,
        Some(_) => crate::fetch::refresh_interval(&config).unwrap_or_default(),
    };
    let Some(command) = command else {
        // The planner draws on a terminal; a script or a pipe gets a sentence, not a crash.
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            return Err(Failure::Usage(
                "the planner needs a terminal; without one, try `hallway agenda`, `hallway now` or `hallway talks`"
                    .into(),
            ));
        }
        // Keys and colours are the planner's to check; it says what is wrong on its status line.
        let settings = crate::tui::settings::Settings::load();
        let ctx = Context::from_args(&cli.global, Abstracts::Read, Need::Planner)?;
        ctx.remember();
        return crate::tui::run(ctx, settings, cli.global.exit_after_first_frame)
            .map_err(|e| Failure::Runtime(format!("terminal error: {e}")));
    };
    // `next` runs every few seconds in a status bar and shows no abstract (its JSON does).
    // Text output shows no abstract (JSON does, `--search` looks into them, `suggest` weighs
    // their words): from a compiled schedule they are then not even read.
    let shows_no_abstract = match &command {
        Planner::Talks { json, filter } => !json && filter.search.is_none(),
        Planner::Next { json, .. }
        | Planner::Now { json, .. }
        | Planner::Agenda { json }
        | Planner::Clashes { json } => !json,
        _ => false,
    };
    let abstracts = if shows_no_abstract { Abstracts::Skip } else { Abstracts::Read };
    let need = match &command {
        Planner::Talks { filter, .. } => filter.day.clone().map_or(Need::Whole, Need::Day),
        Planner::Now { .. } => Need::Now,
        Planner::Next { .. } | Planner::Agenda { .. } | Planner::Clashes { .. } => Need::Marked,
        _ => Need::Whole,
    };
    let ctx = Context::from_args(&cli.global, abstracts, need)?;
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
