//! Carrying out effects: the only TUI code that writes a file, rings a bell or talks to the
//! terminal's clipboard.

use super::app::App;
use super::effect::Effect;
use crate::agenda::Agenda;
use crate::agenda::store::Store;
use base64::Engine;
use std::io::Write;
use std::path::Path;

pub struct Shell<'a> {
    pub store: &'a Store,
    /// False once a save failed (or the agenda could not be read): marks stay in memory.
    pub can_save: bool,
    /// Desktop notifications for reminders (the config may turn them off).
    pub notify: bool,
    /// When the agenda file last changed, to notice another window's save.
    pub seen: Option<std::time::SystemTime>,
    /// Asks the schedule's URL for newer copies (a schedule from a file has none).
    pub refresher: Option<super::refresh::Refresher>,
}

impl Shell<'_> {
    /// Carry out effects, taking them from `pending` one by one (a failure leaves the rest,
    /// a Save among them, for the exit path). Returns true to quit.
    pub fn carry_out(&mut self, app: &mut App, pending: &mut Vec<Effect>) -> std::io::Result<bool> {
        let mut quit = false;
        while !pending.is_empty() {
            let effect = pending.remove(0);
            match effect {
                Effect::Save => self.save(app),
                Effect::Copy(text) => {
                    if let Err(e) = copy_to_clipboard(&text) {
                        app.status.error(format!("⚠ cannot reach the terminal's clipboard: {e}"));
                    }
                }
                Effect::Open(url) => {
                    // The browser is started with the address as one argument, never through a
                    // shell; it outlives the planner.
                    // The launcher's own words (its command line, the address again) help nobody.
                    if !super::browser::open(&url) {
                        app.status.error("⚠ no browser could be started here: Y copies the page's address");
                    }
                }
                Effect::Export { path, format, replace } => {
                    let result = export(app, &path, format, replace);
                    app.exported(result);
                }
                Effect::Remind(due) => remind(due.into_iter().map(|r| r.text).collect(), self.notify),
                Effect::Notify(texts) => remind(texts, self.notify),
                Effect::Refresh => {
                    if let Some(r) = &mut self.refresher
                        && let Some(again) = r.ask_now()
                    {
                        // Asked a moment ago: that answer stands.
                        app.status.answered();
                        app.status.info(again);
                    }
                }
                Effect::Quit => quit = true,
            }
        }
        Ok(quit)
    }

    pub fn save(&mut self, app: &mut App) {
        if !self.can_save {
            app.not_saved();
            return;
        }
        match self.store.sync(&app.session.agenda) {
            Ok(merged) => {
                adopt(app, merged, false);
                app.saved();
                self.seen = self.store.modified();
            }
            Err(e) => {
                self.can_save = false;
                app.not_saved();
                app.status.error(format!("⚠ {e}; your marks are kept in memory only (e exports them)"));
            }
        }
    }

    /// Another hallway saved: show its marks, keeping ours where ours are newer. True when
    /// something shown changed.
    pub fn watch(&mut self, app: &mut App) -> bool {
        if !self.can_save || self.store.modified() == self.seen {
            return false;
        }
        self.seen = self.store.modified();
        match self.store.load(&app.session.schedule.conference.id) {
            Ok(disk) => {
                let mut merged = app.session.agenda.clone();
                merged.merge(&disk);
                adopt(app, merged, true)
            }
            Err(_) => false,
        }
    }
}

/// Take a merged agenda; true when it shows something different.
fn adopt(app: &mut App, merged: Agenda, from_elsewhere: bool) -> bool {
    let s = &mut app.session;
    let differs =
        merged.summary() != s.agenda.summary() || merged.tracks != s.agenda.tracks || merged.filter != s.agenda.filter;
    s.agenda = merged;
    if differs {
        s.refresh_marks();
        app.schedule_view.keep_shown(&app.session);
        if from_elsewhere {
            app.status.info("↻ your agenda changed in another window; showing its marks too");
        }
    }
    differs
}

/// Write the agenda to a file, asking first before replacing one; says what was written.
pub fn export(
    app: &App,
    path: &Path,
    format: crate::export::Format,
    replace: bool,
) -> Result<String, crate::tui::effect::ExportError> {
    let folder = crate::atomic::folder_of(path);
    if !folder.is_dir() {
        return Err(crate::tui::effect::ExportError::NoFolder(folder.display().to_string()));
    }
    if path.exists() && !replace {
        return Err(crate::tui::effect::ExportError::Exists(path.display().to_string()));
    }
    let s = &app.session;
    // As `hallway export` without options: the same marks give the same calendar.
    let opts = crate::export::Options { on_demand: false };
    let text = crate::export::render(format, &s.schedule, &s.agenda, s.now, opts);
    crate::atomic::write(path, text.as_bytes())
        .map_err(|source| crate::tui::effect::ExportError::Write { path: path.display().to_string(), source })?;
    let holds = crate::export::summary(format, &s.schedule, &s.agenda, opts);
    Ok(format!("wrote {} ({holds})", path.display()))
}

/// A reminder: the terminal bell, and a desktop notification where a notification service
/// runs (on its own thread: a missing or slow D-Bus must never hold up a key press).
fn remind(texts: Vec<String>, notify: bool) {
    let _ = std::io::stdout().write_all(b"\x07");
    let _ = std::io::stdout().flush();
    if notify && std::env::var_os("HALLWAY_NO_NOTIFY").is_none() {
        notify_desktop(texts);
    }
}

#[cfg(feature = "desktop-notifications")]
fn notify_desktop(texts: Vec<String>) {
    std::thread::spawn(move || {
        for text in texts {
            // No notification daemon is no error: the status line and the bell remain.
            let _ = notify_rust::Notification::new().summary("hallway").body(&text).appname("hallway").show();
        }
    });
}

#[cfg(not(feature = "desktop-notifications"))]
fn notify_desktop(_texts: Vec<String>) {}

/// OSC 52: most terminals (and tmux with set-clipboard) put this text on the system clipboard.
fn copy_to_clipboard(text: &str) -> std::io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}
