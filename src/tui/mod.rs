//! The terminal shell: set up the terminal, turn events into actions, draw, save.

pub mod action;
pub mod app;
mod browser;
mod crash;
pub mod effect;
pub mod filter_picker;
pub mod finder;
pub mod gaps;
pub mod hyperlinks;
pub mod keys;
pub mod line_input;
pub mod modal;
pub mod outcome;
pub mod prompt;
pub mod refresh;
pub mod session;
pub mod settings;
pub mod shell;
pub mod state;
pub mod status;
pub mod theme;
pub mod views;

use crate::agenda::Agenda;
use crate::agenda::store::StoreError;
use crate::context::Context;
use app::App;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton,
    MouseEventKind,
};
use signal_hook::consts::{SIGHUP, SIGTERM};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub fn run(mut ctx: Context, settings: settings::Settings, exit_after_first_frame: bool) -> std::io::Result<()> {
    // From a compiled schedule the first frame is drawn from the part it shows while another
    // thread reads the whole. Keys about what is on screen are answered from the part; one
    // that may reach further waits for the whole (`App::answers_from_the_part`).
    let mut rest = read_the_rest(&mut ctx);
    // A time given with --at runs on from there, as a clock does, while the planner is open.
    if ctx.clock.is_fixed() {
        ctx.clock = Box::new(crate::clock::RunningClock::from(ctx.clock.now()));
    }
    let (agenda, can_save, warning) = load_agenda(&ctx);
    let empty = crate::schedule::Schedule::new(ctx.schedule.conference.clone(), Vec::new());
    let schedule = std::mem::replace(&mut ctx.schedule, empty);
    let (mut app, mut pending) = open_app(schedule, agenda, &ctx, &settings, warning.as_deref());
    let mut shell = shell::Shell {
        store: &ctx.store,
        can_save,
        notify: settings.config.notifications != Some(false),
        seen: ctx.store.modified(),
        refresher: None,
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
    crash::spare(refresh::THREAD);
    crossterm::execute!(std::io::stdout(), EnableMouseCapture)?;
    // crossterm starts watching SIGWINCH on its first poll: poll once now, so a resize before
    // the first key wakes the loop and redraws.
    let _ = event::poll(Duration::ZERO);
    let mut last_click: Option<(Instant, u16, u16)> = None;
    let result = (|| -> std::io::Result<()> {
        // Started once the whole is in hand: a newer copy is compared with the whole, and must
        // not be replaced by it after.
        let mut refreshing = false;
        let links_wanted = hyperlinks::wanted();
        let mut redraw = true;
        while !stop.load(Ordering::Relaxed) {
            // The whole, once read, in place before anything is drawn or read from it.
            if rest.finished() {
                redraw |= rest.take(&mut app, &mut pending)?;
            }
            if shell.carry_out(&mut app, &mut pending)? {
                break;
            }
            if redraw {
                let frame = terminal.draw(|f| views::draw(f, &app))?;
                let links =
                    if links_wanted { hyperlinks::cells(frame.buffer, &app.links_drawn.borrow()) } else { vec![] };
                hyperlinks::write(terminal.backend_mut(), &links)?;
                if exit_after_first_frame {
                    break;
                }
            }
            redraw = false;
            if !rest.pending() && !refreshing {
                start_refresher(&ctx, &settings, &mut app, &mut shell);
                refreshing = true;
            }
            // Asleep until the minute turns (what the screen shows changes by the minute) or a
            // message fades, waking every few seconds to notice another window's save or a signal.
            let mut wait = until_next_minute(ctx.clock.now()).min(WATCH);
            if let Some(fade) = app.status.fades_in(Instant::now()) {
                wait = wait.min(fade + Duration::from_millis(5));
            }
            if rest.pending() {
                // The whole is taken as soon as it is read (a few tens of milliseconds).
                wait = wait.min(Duration::from_millis(5));
            }
            // A key typed while the planner started may already sit in crossterm's buffer (its
            // first poll, the one that starts the resize watch, reads what is there): then the
            // terminal has nothing more to say, and waiting on it would hold the key back.
            let bell = shell.refresher.as_ref().map(|r| r.bell());
            let wake = if event::poll(Duration::ZERO)? { Wake::Input } else { wait_for_input(wait, bell) };
            match wake {
                Wake::HangUp => break,
                Wake::Timeout => {}
                Wake::Input => redraw |= read_input(&mut app, &mut pending, &mut terminal, &mut last_click, &mut rest)?,
            }
            redraw |= catch_up(&mut app, &mut shell, &mut pending, ctx.clock.now());
        }
        Ok(())
    })();
    restore();
    // A last save of anything still pending (a signal arrived right after a change).
    if pending.contains(&effect::Effect::Save) {
        shell.save(&mut app);
    }
    // Freeing a FOSDEM-sized schedule talk by talk takes longer than loading it; the process
    // is about to exit and the system takes the memory back at once.
    std::mem::forget(app);
    result
}

/// What happened while the loop slept: a newer schedule, the minute turning, a message
/// fading, another window's save. Whether the screen needs drawing again.
fn catch_up(
    app: &mut App,
    shell: &mut shell::Shell,
    pending: &mut Vec<effect::Effect>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    let mut redraw = false;
    if let Some(r) = &mut shell.refresher {
        let (shown, effects) = r.deliver(app);
        redraw |= shown;
        pending.extend(effects);
    }
    // A newer copy set aside while a prompt or panel was open, now closed.
    if app.incoming.is_some() {
        pending.extend(app.take_incoming());
        redraw |= app.incoming.is_none();
    }
    let (moved, due) = app.tick(now);
    pending.extend(due);
    redraw |= moved || app.status.fade(Instant::now()) || !pending.is_empty();
    if pending.is_empty() {
        redraw |= shell.watch(app);
    }
    redraw
}

/// The agenda the planner starts on, whether changes can be saved, and what to warn of: a
/// corrupt file was set aside (saving goes on), or the file cannot be read (it is left alone).
fn load_agenda(ctx: &Context) -> (Agenda, bool, Option<String>) {
    let conf_id = &ctx.schedule.conference.id;
    match ctx.store.load(conf_id) {
        Ok(a) => (a, true, None),
        // Damaged: the planner starts empty, and its first save sets the file aside.
        Err(e @ (StoreError::Corrupt { .. } | StoreError::Damaged { .. })) => {
            (Agenda::new(conf_id), true, Some(e.to_string()))
        }
        // Torn: the marks before the tear, kept by the first save.
        Err(e @ StoreError::Torn { .. }) => {
            let said = e.to_string();
            let StoreError::Torn { kept, .. } = e else { unreachable!() };
            (*kept, true, Some(said))
        }
        // A newer hallway's: shown as this one reads it, never written.
        Err(e @ StoreError::Newer { .. }) => {
            let shown = ctx.store.load_for_reading(conf_id).map_or_else(|_| Agenda::new(conf_id), |(a, _)| a);
            (shown, false, Some(format!("{e}; your marks are shown, and changes this session will not be saved")))
        }
        Err(e) => (Agenda::new(conf_id), false, Some(format!("{e}; changes this session will not be saved"))),
    }
}

/// A schedule from a URL is asked for again now and then, one from a file looked at, once the
/// whole is in hand. A bundled one changes only with hallway.
fn start_refresher(ctx: &Context, settings: &settings::Settings, app: &mut App, shell: &mut shell::Shell) {
    let source = if crate::fetch::is_url(&ctx.source) {
        Some(refresh::Source::Url { fetcher: crate::fetch::Fetcher::from_env(), url: ctx.source.clone() })
    } else {
        let path = std::path::Path::new(&ctx.source);
        path.is_file().then(|| refresh::Source::File(crate::watch::FileWatch::new(path.to_path_buf())))
    };
    let Some(source) = source else { return };
    let every = crate::fetch::refresh_interval(&settings.config);
    let id = app.session.schedule.conference.id.clone();
    match refresh::Refresher::start(source, ctx.read_with, every, id) {
        Ok(r) => {
            shell.refresher = Some(r);
            app.refreshes = true;
        }
        // The planner works on without: the schedule is asked for again at the next start.
        Err(e) => app.status.info(format!("↻ cannot check for a newer schedule while running: {e}")),
    }
}

/// The whole of a compiled schedule, read on its own thread while the first frame is drawn.
fn read_the_rest(ctx: &mut Context) -> Rest {
    let reading = ctx.rest.take().map(|r| {
        std::thread::spawn(move || {
            test_gate();
            r.whole()
        })
    });
    Rest { reading, answered: false }
}

/// A test hook, in test builds only: with `HALLWAY_REST_GATE=FILE` the whole schedule is read
/// once FILE exists, so a test knows a key was answered from the part drawn first.
fn test_gate() {
    if let Some(gate) = std::env::var_os("HALLWAY_REST_GATE").filter(|_| cfg!(debug_assertions)) {
        while !std::path::Path::new(&gate).exists() {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The whole schedule still being read after the first frame (drawn from a part of it), and
/// whether a key was answered on the part meanwhile.
struct Rest {
    reading: Option<std::thread::JoinHandle<Result<crate::schedule::Schedule, crate::schedule::LoadError>>>,
    answered: bool,
}

impl Rest {
    fn pending(&self) -> bool {
        self.reading.is_some()
    }

    fn finished(&self) -> bool {
        self.reading.as_ref().is_some_and(|r| r.is_finished())
    }

    /// Wait for the whole, if it is still being read, and take it in place of the part.
    fn take(&mut self, app: &mut App, pending: &mut Vec<effect::Effect>) -> std::io::Result<bool> {
        let Some(reading) = self.reading.take() else { return Ok(false) };
        let whole = reading
            .join()
            .map_err(|_| std::io::Error::other("reading the schedule failed"))?
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        pending.extend(app.take_whole(whole, self.answered));
        Ok(true)
    }
}

/// Everything already readable (keys, clicks, the wheel), then back to sleep; whether the
/// screen needs drawing again (mouse moves alone change nothing on it).
fn read_input(
    app: &mut App,
    pending: &mut Vec<effect::Effect>,
    terminal: &mut ratatui::DefaultTerminal,
    last_click: &mut Option<(Instant, u16, u16)>,
    rest: &mut Rest,
) -> std::io::Result<bool> {
    let mut redraw = false;
    while event::poll(Duration::ZERO)? {
        // Mouse moves alone change nothing on screen; anything else redraws.
        let mut seen = true;
        let event = event::read()?;
        // A click, a sideways scroll, or a key that may reach past what is on screen waits for
        // the whole; a click is then read on a frame drawn from the whole (the part's frame
        // recorded positions in the part).
        let waits = rest.pending()
            && match &event {
                Event::Key(k) => k.kind == KeyEventKind::Press && !app.answers_from_the_part(*k),
                Event::Mouse(m) => match m.kind {
                    MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => m.modifiers.contains(KeyModifiers::SHIFT),
                    MouseEventKind::Down(_) | MouseEventKind::ScrollLeft | MouseEventKind::ScrollRight => true,
                    _ => false,
                },
                _ => false,
            };
        if waits && rest.take(app, pending)? {
            terminal.draw(|f| views::draw(f, app))?;
        } else if rest.pending() && matches!(event, Event::Key(_)) {
            rest.answered = true;
        }
        match event {
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    let now = Instant::now();
                    let double = last_click
                        .is_some_and(|(t, c, r)| now.duration_since(t) < DOUBLE_CLICK && (c, r) == (m.column, m.row));
                    *last_click = if double { None } else { Some((now, m.column, m.row)) };
                    pending.extend(app.click(m.column, m.row, double));
                }
                // Shift and the wheel, or a sideways wheel: the room beside.
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp if m.modifiers.contains(KeyModifiers::SHIFT) => {
                    pending.extend(app.wheel_sideways(m.kind == MouseEventKind::ScrollDown))
                }
                MouseEventKind::ScrollRight => pending.extend(app.wheel_sideways(true)),
                MouseEventKind::ScrollLeft => pending.extend(app.wheel_sideways(false)),
                MouseEventKind::ScrollDown => pending.extend(app.wheel(true)),
                MouseEventKind::ScrollUp => pending.extend(app.wheel(false)),
                _ => seen = false,
            },
            Event::Key(k) if k.kind == KeyEventKind::Press => {
                // A test hook, in test builds only: a release build never panics on purpose.
                if cfg!(debug_assertions) && std::env::var_os("HALLWAY_PANIC_ON_KEY").is_some() {
                    panic!("HALLWAY_PANIC_ON_KEY is set: a test of the crash path");
                }
                if k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL) {
                    suspend(terminal)?;
                } else {
                    pending.extend(app.handle_key(k));
                }
            }
            _ => {}
        }
        redraw |= seen;
    }
    Ok(redraw)
}

/// The planner on `schedule`, with what it says when it opens, and the effects that opening
/// asks for (reminders due).
fn open_app(
    schedule: crate::schedule::Schedule,
    agenda: Agenda,
    ctx: &Context,
    settings: &settings::Settings,
    warning: Option<&str>,
) -> (App, Vec<effect::Effect>) {
    // What the loader had to guess (a zone), then what opening had to say (the conference
    // used last is gone, a bare --at): all said on the status line, where they are seen.
    let notes: Vec<String> = schedule.conference.notes.iter().chain(&ctx.notes).cloned().collect();
    let opts = app::Options {
        time_travel: ctx.clock.is_fixed(),
        no_color: !theme::Theme::from_env().color || settings.mono(),
        palette: settings.palette,
        keymap: settings.keymap.clone(),
        reminder_minutes: settings.config.reminder_minutes.unwrap_or(session::DEFAULT_REMINDER_MINUTES),
        export_dir: crate::dirs::export_dir(),
        ..app::Options::at(ctx.clock.now(), ctx.user_tz)
    };
    let mut app = App::new(schedule, agenda, opts);
    let due = app.session.due_reminders();
    match crate::friends::Friends::load(&ctx.store.friends_path()) {
        Ok(f) => {
            app.session.set_friends(f);
            app.schedule_view.keep_shown(&app.session);
        }
        Err(e) => app.status.error(format!("⚠ friends' agendas not shown: {e}")),
    }
    // What must be acted on stays until Esc; what the loader had to guess is said once.
    if let Some(w) = warning {
        app.status.error(format!("⚠ {w}"));
    }
    if let Some(e) = &settings.error {
        app.status.error(format!("⚠ {e}; using the defaults"));
    }
    // What changed while the planner was closed stays until Esc: the videos are said only once.
    let (news, mut pending) = app.news_of_marks();
    if let Some(r) = due.last() {
        app.status.info(format!("⏰ {}", r.text));
    } else if !news && !notes.is_empty() {
        app.status.info(format!("note: {}", notes.join(" · note: ")));
    }
    if !due.is_empty() {
        pending.push(effect::Effect::Remind(due));
    }
    (app, pending)
}

enum Wake {
    Input,
    Timeout,
    HangUp,
}

/// Sleep until the terminal has input, a signal arrives (resize, TERM, HUP), `bell` rings (a
/// newer schedule came) or `timeout`. Waiting here rather than in crossterm's poll is what
/// notices a terminal that hung up (its window closed, tmux killed the pane): crossterm would
/// read end-of-file in a busy loop.
fn wait_for_input(timeout: Duration, bell: Option<std::os::fd::BorrowedFd<'_>>) -> Wake {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        // crossterm reads /dev/tty then, not our stdin; let it wait.
        return match event::poll(timeout) {
            Ok(true) => Wake::Input,
            Ok(false) => Wake::Timeout,
            Err(_) => Wake::HangUp,
        };
    }
    use std::os::fd::AsRawFd;
    let mut fds = [
        libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 },
        // A negative descriptor is skipped by poll.
        libc::pollfd { fd: bell.map_or(-1, |b| b.as_raw_fd()), events: libc::POLLIN, revents: 0 },
    ];
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: two valid pollfds, and the length given is two.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
    match n {
        // A signal: a resize for crossterm to report, or TERM/HUP for the loop to see.
        -1 => Wake::Input,
        0 => Wake::Timeout,
        _ if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 => Wake::HangUp,
        _ if fds[0].revents == 0 => Wake::Timeout,
        _ => Wake::Input,
    }
}

/// How often the loop wakes with no input, to notice another window's save or a signal.
const WATCH: Duration = Duration::from_secs(2);

/// Ctrl-Z: give the terminal back, stop like any shell job, and take it again on `fg`.
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    *terminal = ratatui::init();
    crash::spare(refresh::THREAD);
    crossterm::execute!(std::io::stdout(), EnableMouseCapture)?;
    terminal.clear()
}

/// Give the terminal back: mouse reporting off, then ratatui's own restore.
pub(crate) fn restore() {
    let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

const DOUBLE_CLICK: Duration = Duration::from_millis(400);

fn until_next_minute(now: chrono::DateTime<chrono::Utc>) -> Duration {
    let into = now.timestamp_millis().rem_euclid(60_000) as u64;
    Duration::from_millis(60_000 - into + 5)
}
