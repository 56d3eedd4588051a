//! The terminal shell: set up the terminal, turn events into actions, draw, save.

pub mod app;
mod crash;
pub mod filter_picker;
mod filters;
pub mod finder;
pub mod gaps;
pub mod keys;
pub mod line_input;
mod marks;
mod nav;
pub mod settings;
pub mod theme;
pub mod views;

use crate::agenda::Agenda;
use crate::agenda::store::StoreError;
use crate::cli::Context;
use app::App;
use base64::Engine;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton,
    MouseEventKind,
};
use signal_hook::consts::{SIGHUP, SIGTERM};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub fn run(ctx: Context, settings: settings::Settings, exit_after_first_frame: bool) -> std::io::Result<()> {
    let conf_id = ctx.schedule.conference.id.clone();
    let ctx_notes = ctx.schedule.conference.notes.clone();
    let (agenda, mut can_save, warning) = match ctx.store.load(&conf_id) {
        Ok(a) => (a, true, None),
        Err(e @ StoreError::Corrupt { .. }) => (Agenda::new(&conf_id), true, Some(e.to_string())),
        Err(e) => (Agenda::new(&conf_id), false, Some(format!("{e}; changes this session will not be saved"))),
    };
    let mut app = App::new(ctx.schedule, agenda, ctx.clock.now(), ctx.user_tz);
    app.export_dir = export_dir();
    app.time_travel = ctx.clock.is_fixed();
    app.no_color = !theme::Theme::from_env().color || settings.mono();
    app.palette = settings.palette;
    app.keymap = settings.keymap.clone();
    app.reminders = crate::reminders::Reminders::new(
        settings.config.reminder_minutes.unwrap_or(crate::tui::app::DEFAULT_REMINDER_MINUTES),
    );
    let notify = settings.config.notifications != Some(false);
    app.check_reminders();
    let friends_warning = match crate::friends::Friends::load(&ctx.store.friends_path()) {
        Ok(f) => {
            app.set_friends(f);
            None
        }
        Err(e) => Some(format!("⚠ friends' agendas not shown: {e}")),
    };
    // What the loader had to guess is said once, unless something more urgent is.
    let changed = crate::agenda::changes::detect(&app.schedule, &app.agenda).len();
    let changed = (changed > 0)
        .then(|| format!("⟳ {changed} of your talks changed in the schedule since you marked them: 3 shows them"));
    let bad_config = settings.error.as_ref().map(|e| format!("⚠ {e}; using the defaults"));
    // A reminder due now and a warning both show; else the most urgent of what there is.
    let urgent = warning.or(bad_config).or(friends_warning);
    app.status = match (app.status.take(), urgent) {
        (Some(reminder), Some(w)) => Some(format!("{reminder} · {w}")),
        (reminder, w) => reminder.or(w).or(changed).or_else(|| ctx_notes.first().map(|n| format!("note: {n}"))),
    };

    // SIGTERM and SIGHUP (the terminal window closed) end the loop like `q`, so the terminal is
    // given back and the agenda is saved.
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [SIGTERM, SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    crash::install_report_hook();
    // ratatui::init installs a panic hook that restores the terminal, then runs ours.
    let mut terminal = ratatui::init();
    crossterm::execute!(std::io::stdout(), EnableMouseCapture)?;
    let mut last_click: Option<(std::time::Instant, u16, u16)> = None;
    let panic_on_key = std::env::var_os("HALLWAY_PANIC_ON_KEY").is_some();
    let mut seen = ctx.store.modified();
    let result = (|| -> std::io::Result<()> {
        let mut redraw = true;
        while !app.quit && !stop.load(Ordering::Relaxed) {
            if redraw {
                terminal.draw(|f| views::draw(f, &app))?;
                if exit_after_first_frame {
                    break;
                }
                if !app.alerts.is_empty() {
                    remind(&mut app.alerts, notify);
                }
                if let Some(link) = app.clipboard.take() {
                    copy_to_clipboard(&link)?;
                }
                if let Some((path, format)) = app.export.take() {
                    app.status = Some(export(&app, &path, format, ctx.clock.now()));
                    terminal.draw(|f| views::draw(f, &app))?;
                }
            }
            redraw = false;
            // Asleep until the minute turns (what the screen shows changes by the minute), waking
            // every few seconds to notice another window's save or a signal.
            match wait_for_input(until_next_minute(ctx.clock.now()).min(WATCH)) {
                Wake::HangUp => break,
                Wake::Timeout => {}
                Wake::Input => {
                    // Everything already readable, then back to sleep.
                    while event::poll(Duration::ZERO)? {
                        redraw = true;
                        match event::read()? {
                            Event::Mouse(m) => match m.kind {
                                MouseEventKind::Down(MouseButton::Left) => {
                                    let now = std::time::Instant::now();
                                    let double = last_click.is_some_and(|(t, c, r)| {
                                        now.duration_since(t) < DOUBLE_CLICK && (c, r) == (m.column, m.row)
                                    });
                                    last_click = if double { None } else { Some((now, m.column, m.row)) };
                                    app.click(m.column, m.row, double);
                                }
                                MouseEventKind::ScrollDown => app.update(keys::Action::Down),
                                MouseEventKind::ScrollUp => app.update(keys::Action::Up),
                                _ => redraw = false,
                            },
                            Event::Key(k) if k.kind == KeyEventKind::Press => {
                                if panic_on_key {
                                    panic!("HALLWAY_PANIC_ON_KEY is set: a test of the crash path");
                                }
                                if k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL) {
                                    suspend(&mut terminal)?;
                                } else {
                                    app.handle_key(k);
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
            redraw |= app.set_now(ctx.clock.now());
            if app.dirty && can_save {
                app.dirty = false;
                match ctx.store.sync(&app.agenda) {
                    Ok(merged) => {
                        redraw |= adopt(&mut app, merged, false);
                        seen = ctx.store.modified();
                    }
                    Err(e) => {
                        can_save = false;
                        app.status = Some(format!("⚠ {e}; your marks are kept in memory only (e exports them)"));
                        redraw = true;
                    }
                }
            } else if can_save && ctx.store.modified() != seen {
                // Another hallway saved: show its marks, keeping ours where ours are newer.
                seen = ctx.store.modified();
                if let Ok(disk) = ctx.store.load(&conf_id) {
                    let mut merged = app.agenda.clone();
                    merged.merge(&disk);
                    redraw |= adopt(&mut app, merged, true);
                }
            }
        }
        Ok(())
    })();
    restore();
    // A last save of anything still pending (a signal arrived right after a change).
    if app.dirty && can_save {
        let _ = ctx.store.sync(&app.agenda);
    }
    // Freeing a FOSDEM-sized schedule talk by talk takes longer than loading it; the process
    // is about to exit and the system takes the memory back at once.
    std::mem::forget(app);
    result
}

/// A reminder: the terminal bell, and a desktop notification where a notification service
/// runs (on its own thread: a missing or slow D-Bus must never hold up a key press).
fn remind(alerts: &mut Vec<crate::reminders::Reminder>, notify: bool) {
    use std::io::Write;
    let _ = std::io::stdout().write_all(b"\x07");
    let _ = std::io::stdout().flush();
    let texts: Vec<String> = alerts.drain(..).map(|a| a.text).collect();
    if !notify || std::env::var_os("HALLWAY_NO_NOTIFY").is_some() {
        return;
    }
    std::thread::spawn(move || {
        for text in texts {
            // No notification daemon is no error: the status line and the bell remain.
            let _ = notify_rust::Notification::new().summary("hallway").body(&text).appname("hallway").show();
        }
    });
}

enum Wake {
    Input,
    Timeout,
    HangUp,
}

/// Sleep until the terminal has input, a signal arrives (resize, TERM, HUP) or `timeout`.
/// Waiting here rather than in crossterm's poll is what notices a terminal that hung up (its
/// window closed, tmux killed the pane): crossterm would read end-of-file in a busy loop.
fn wait_for_input(timeout: Duration) -> Wake {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        // crossterm reads /dev/tty then, not our stdin; let it wait.
        return match event::poll(timeout) {
            Ok(true) => Wake::Input,
            Ok(false) => Wake::Timeout,
            Err(_) => Wake::HangUp,
        };
    }
    let mut fds = [libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 }];
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd, and the length given is one.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, ms) };
    match n {
        // A signal: a resize for crossterm to report, or TERM/HUP for the loop to see.
        -1 => Wake::Input,
        0 => Wake::Timeout,
        _ if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 => Wake::HangUp,
        _ => Wake::Input,
    }
}

/// How often the loop wakes with no input, to notice another window's save or a signal.
const WATCH: Duration = Duration::from_secs(2);

/// Take a merged agenda; true when it shows something different.
fn adopt(app: &mut App, merged: Agenda, from_elsewhere: bool) -> bool {
    let differs = merged.summary() != app.agenda.summary()
        || merged.tracks != app.agenda.tracks
        || merged.filter != app.agenda.filter;
    app.agenda = merged;
    if differs {
        app.refresh_tracks();
        app.refresh_marks();
        if from_elsewhere {
            app.status = Some("↻ your agenda changed in another window; showing its marks too".into());
        }
    }
    differs
}

/// Ctrl-Z: give the terminal back, stop like any shell job, and take it again on `fg`.
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    *terminal = ratatui::init();
    crossterm::execute!(std::io::stdout(), EnableMouseCapture)?;
    terminal.clear()
}

/// Give the terminal back: mouse reporting off, then ratatui's own restore.
pub(crate) fn restore() {
    let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

const DOUBLE_CLICK: Duration = Duration::from_millis(400);

/// Where `e` offers to write: Documents, else Downloads, else the current directory.
fn export_dir() -> std::path::PathBuf {
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().or(u.download_dir()).map(|p| p.to_path_buf()))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| std::path::PathBuf::from("."))
}

fn export(
    app: &App,
    path: &std::path::Path,
    format: crate::export::Format,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let opts = crate::export::Options { on_demand: true };
    let text = crate::export::render(format, &app.schedule, &app.agenda, now, opts);
    match crate::atomic::write(path, text.as_bytes()) {
        Ok(()) => format!("wrote {} ({} marked talks)", path.display(), app.agenda.marked(&app.schedule).len()),
        Err(e) => format!("⚠ cannot write {}: {e} (your agenda is unchanged)", path.display()),
    }
}

fn until_next_minute(now: chrono::DateTime<chrono::Utc>) -> Duration {
    let into = now.timestamp_millis().rem_euclid(60_000) as u64;
    Duration::from_millis(60_000 - into + 5)
}

/// OSC 52: most terminals (and tmux with set-clipboard) put this text on the system clipboard.
fn copy_to_clipboard(text: &str) -> std::io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}
