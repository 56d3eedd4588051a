//! The command line: clap definitions, and the non-interactive commands over the same core.

/// A line on standard error. Unlike `eprintln!`, a closed or full stderr (`2>/dev/full`) is not
/// a panic: the line is dropped and the command's answer and exit code stand.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod columns;
mod commands;
mod conferences;
mod files;
mod manual;
mod named;
mod print;
mod talk_ids;

pub use args::*;

use crate::agenda::store;
use crate::schedule::{self, LoadError};
use std::path::PathBuf;

/// How a command failed, which decides the exit code (2 usage or invalid input, 1 runtime).
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

impl From<crate::open::OpenError> for Failure {
    fn from(e: crate::open::OpenError) -> Self {
        use crate::open::OpenError as E;
        match e {
            E::Usage(m) => Failure::Usage(m),
            E::Invalid(e) => Failure::Invalid(e),
            E::Runtime(m) => Failure::Runtime(m),
        }
    }
}

pub use crate::context::Context;
pub use crate::open::Abstracts;
pub use crate::schedule::compiled::Need;

impl Global {
    pub fn load_options(&self, abstracts: Abstracts) -> Result<schedule::import::Options, Failure> {
        Ok(crate::open::load_options(self.tz.as_deref(), abstracts)?)
    }

    /// What these options ask to open, at the real time.
    pub fn request(&self, abstracts: Abstracts, need: Need) -> crate::open::Request {
        crate::open::Request {
            schedule: self.schedule.clone(),
            data_dir: self.data_dir.clone(),
            at: self.at.clone(),
            tz: self.tz.clone(),
            fresh_for: self.fresh_for,
            patience: None,
            abstracts,
            need,
            now: chrono::Utc::now(),
        }
    }
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
            // Written whole through the one output path: a closed pipe (`| head -1`) is a quiet
            // end, a full disk an error, never a panic.
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "hallway", &mut out);
            return commands::emit_bytes(&out);
        }
        Some(Command::Man) => {
            let out = manual::render().map_err(|e| Failure::Runtime(format!("cannot render the manual: {e}")))?;
            return commands::emit_bytes(&out);
        }
        Some(Command::Validate { path, json }) => {
            return files::validate(&path, json, cli.global.load_options(Abstracts::Read)?);
        }
        Some(Command::Import { path, output }) => {
            return files::import(&path, output.as_deref(), cli.global.load_options(Abstracts::Read)?);
        }
        Some(Command::Conferences { json, known }) => return conferences::list(&cli.global, json, known),
        Some(Command::Planner(p)) => Some(p),
        None => None,
    };
    let (config, config_error) = crate::config::load_or_default();
    if let Some(e) = &config_error {
        say!("hallway: {}; going on with the defaults", crate::sanitize::text(&e.to_string()));
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
        let ctx = Context::open(&cli.global.request(Abstracts::Read, Need::Planner))?;
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
    let mut request = cli.global.request(abstracts, need);
    if matches!(command, Planner::Next { .. }) {
        // A status bar's line: a second for the network at most, then the kept copy.
        request.patience = Some(std::time::Duration::from_secs(1));
    }
    let ctx = Context::open(&request)?;
    // A command that changes an agenda makes its conference the one used last; one that only
    // reads (a status bar running `next` every few seconds, a look at another conference's
    // talks) leaves it.
    let remembers = matches!(
        command,
        Planner::Star { .. }
            | Planner::Later { .. }
            | Planner::Unmark { .. }
            | Planner::Note { .. }
            | Planner::Friends { .. }
    );
    for note in ctx.notes.iter().chain(&ctx.schedule.conference.notes) {
        say!("note: {}", crate::sanitize::text(note));
    }
    let result = commands::dispatch(&ctx, command);
    if (remembers || ctx.moved) && result.is_ok() {
        ctx.remember();
    }
    // The process ends here: freeing the schedule talk by talk would only slow commands that
    // run every few seconds (`next` in a status bar).
    std::mem::forget(ctx);
    result
}
