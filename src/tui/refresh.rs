//! A schedule opened from a URL is asked for again while the planner runs. A thread of its own
//! asks the server every few minutes (with the ETag, so an unchanged schedule costs a 304) and
//! hands a newer copy to the loop, which never waits on the network. Offline, the copy shown
//! stays and the planner says so once. A schedule opened from a file is looked at the same way
//! (see `crate::watch`), every few seconds.

use super::app::App;
use super::effect::Effect;
use crate::agenda::newer;
use crate::fetch::{Checked, Fetcher, Fresh, Shown};
use crate::schedule::Schedule;
use crate::schedule::compiled::{Opened, Plan};
use crate::schedule::import::Options;
use crate::watch::{FileWatch, Looked};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

enum News {
    /// Nothing newer; `asked`: the user pressed `R` and waits for an answer.
    Same {
        asked: bool,
    },
    New {
        schedule: Box<Schedule>,
        asked: bool,
    },
    /// An answer not taken (not valid, no talks, another conference): said each time.
    Refused {
        why: String,
    },
    Failed {
        why: String,
        asked: bool,
    },
    /// The file changed a moment ago and may still be being written: read at the next look.
    Writing {
        asked: bool,
    },
}

pub struct Refresher {
    /// The schedule comes from an address (not a file): a failed check means offline.
    from_url: bool,
    news: Receiver<News>,
    ask: Sender<()>,
    /// A byte arrives here with each piece of news, so the loop's wait on the terminal ends at
    /// once instead of at its next wake-up.
    bell: std::io::PipeReader,
    /// The last check failed (said once, not every ten minutes).
    offline: bool,
    /// When `R` last asked: presses closer than [`ASK_AGAIN`] ask once.
    asked_at: Option<std::time::Instant>,
    /// `R` asked and its answer has not come yet.
    waiting: bool,
    /// What the last `R` was answered, to say again to a press that asks nothing.
    answer: Option<String>,
}

const NEWEST: &str = "↻ the schedule shown is the newest";

/// `R` pressed again within this asks nothing more: the answer is on screen or on its way.
pub const ASK_AGAIN: Duration = Duration::from_secs(2);

/// The name of the refresher's thread: a panic there ends the checks, not the planner
/// (see `crash::spare`).
pub const THREAD: &str = "refresh";

/// Where the schedule shown came from, to look for a newer one.
pub enum Source {
    Url {
        fetcher: Fetcher,
        url: String,
    },
    /// A file, looked at with a `stat` every few seconds at most.
    File(FileWatch),
}

/// A file is looked at this often at most: a `stat`, nothing read while it is unchanged.
pub const FILE_EVERY: Duration = Duration::from_secs(3);

/// What the thread keeps between checks.
enum Checker {
    /// What was said of the copy shown (ETag, Last-Modified, hash).
    Url {
        fetcher: Fetcher,
        url: String,
        shown: Shown,
    },
    File(FileWatch),
}

impl Checker {
    fn check(&mut self, asked: bool, opts: Options, conference: &str) -> News {
        let plan = Plan { whole: true, abstracts: !opts.without_abstracts, ..Plan::default() };
        // A copy that reads, lists talks and is of this conference: taken.
        let take = |opened: Opened, what: &str| {
            opened
                .load(&plan)
                .map_err(|e| format!("{what} is not valid: {e}"))
                .and_then(|s| newer::refusal(what, conference, &s).map_or(Ok(s), Err))
        };
        match self {
            Checker::Url { fetcher, url, shown } => match fetcher.check(url, opts, shown) {
                Checked::Same => News::Same { asked },
                Checked::Failed(why) => News::Failed { why, asked },
                Checked::Refused(why, refused) => {
                    // Asked again with what the server said of the refused copy, it sends
                    // nothing until that copy changes: not 1.6 MB at every check.
                    *shown = refused;
                    News::Refused { why }
                }
                Checked::New(fresh) => {
                    let Fresh { opened, body, shown: next } = *fresh;
                    let taken = take(opened, crate::fetch::NEWER_COPY);
                    *shown = next;
                    match taken {
                        Err(why) => News::Refused { why },
                        Ok(s) => {
                            fetcher.keep_fresh(url, &body, shown, &s.conference.id);
                            News::New { schedule: Box::new(s), asked }
                        }
                    }
                }
            },
            Checker::File(watch) => match watch.look(opts, std::time::SystemTime::now()) {
                Looked::Same => News::Same { asked },
                Looked::Settling => News::Writing { asked },
                Looked::Failed(why) => News::Failed { why, asked },
                Looked::Refused(why) => News::Refused { why },
                Looked::New(opened) => match take(*opened, crate::watch::NEW_VERSION) {
                    Err(why) => News::Refused { why },
                    Ok(s) => News::New { schedule: Box::new(s), asked },
                },
            },
        }
    }
}

impl Refresher {
    /// Look for a newer copy of `source` every `every` (or only when asked), reading it as it
    /// was read at start (`opts`); a copy that is not of `conference`, or lists no talks, is
    /// refused.
    pub fn start(source: Source, opts: Options, every: Option<Duration>, conference: String) -> std::io::Result<Self> {
        let (tx, news) = mpsc::channel();
        let (ask, asked_for) = mpsc::channel();
        let (bell, mut ring) = std::io::pipe()?;
        // Reading the bell must never wait: it is emptied whether or not it rang.
        crate::bounded::set_nonblocking(&bell, true)?;
        // A look at a file costs a stat: no reason to wait ten minutes for it.
        let every = match source {
            Source::File(_) => every.map(|e| e.min(FILE_EVERY)),
            Source::Url { .. } => every,
        };
        let from_url = matches!(source, Source::Url { .. });
        // The copy kept now is the one the planner read at its start: taken here, before another
        // hallway (a status bar's `next`) can replace it.
        let mut checker = match source {
            Source::Url { fetcher, url } => {
                let shown = fetcher.shown(&url);
                Checker::Url { fetcher, url, shown }
            }
            Source::File(watch) => Checker::File(watch),
        };
        std::thread::Builder::new().name(THREAD.into()).spawn(move || {
            // A URL's copy may have been shown without asking (see `Fetcher::fresh_for`): ask
            // at once, unless the server sent or confirmed it a moment ago. A file was just read.
            // Why the copy found last was not taken, while it stays unchanged.
            let mut refused: Option<String> = None;
            let mut at_once = match &checker {
                Checker::Url { fetcher, url, .. } => !fetcher.confirmed_within(url, Duration::from_secs(60)),
                Checker::File(_) => false,
            };
            loop {
                let woken = match every {
                    _ if std::mem::take(&mut at_once) => Err(RecvTimeoutError::Timeout),
                    Some(every) => asked_for.recv_timeout(every),
                    None => asked_for.recv().map_err(|_| RecvTimeoutError::Disconnected),
                };
                let asked = match woken {
                    Ok(()) => true,
                    Err(RecvTimeoutError::Timeout) => false,
                    Err(RecvTimeoutError::Disconnected) => break,
                };
                // `R` pressed three times asks once; pressed while a timed check was due, that
                // check answers it.
                let mut asked = asked;
                while asked_for.try_recv().is_ok() {
                    asked = true;
                }
                let check = std::panic::AssertUnwindSafe(|| match checker.check(asked, opts, &conference) {
                    // `R` on a copy refused and unchanged since: still not taken, not "newest".
                    News::Same { asked: true } if refused.is_some() => {
                        News::Refused { why: refused.clone().unwrap_or_default() }
                    }
                    News::Refused { why } => {
                        refused = Some(why.clone());
                        News::Refused { why }
                    }
                    // The file changed since it was refused: whatever it is now, it is not that.
                    news @ (News::New { .. } | News::Writing { .. }) => {
                        refused = None;
                        news
                    }
                    news => news,
                });
                let (found, stop) = match std::panic::catch_unwind(check) {
                    Ok(found) => (found, false),
                    Err(_) => (News::Failed { why: "an internal error stopped the checks".into(), asked: true }, true),
                };
                // The planner has quit.
                if tx.send(found).is_err() || stop {
                    break;
                }
                let _ = std::io::Write::write_all(&mut ring, b"!");
            }
        })?;
        Ok(Self { from_url, news, ask, bell, offline: false, asked_at: None, waiting: false, answer: None })
    }

    /// Readable when news has come: the loop waits on it beside the terminal.
    pub fn bell(&self) -> std::os::fd::BorrowedFd<'_> {
        std::os::fd::AsFd::as_fd(&self.bell)
    }

    /// Check now (`R`), not at the next turn; the answer comes through [`Refresher::deliver`].
    /// Asked again within [`ASK_AGAIN`], nothing is sent: the answer is on its way (`None`), or
    /// came a moment ago and is returned to be shown again.
    pub fn ask_now(&mut self) -> Option<String> {
        self.ask_at(std::time::Instant::now())
    }

    /// [`Refresher::ask_now`] at the instant `now` (tests pass their own clock).
    pub fn ask_at(&mut self, now: std::time::Instant) -> Option<String> {
        if self.asked_at.is_some_and(|at| now.saturating_duration_since(at) < ASK_AGAIN) {
            return if self.waiting { None } else { self.answer.clone() };
        }
        self.asked_at = Some(now);
        self.waiting = true;
        let _ = self.ask.send(());
        None
    }

    fn answered(&mut self, said: &str) {
        self.waiting = false;
        self.answer = Some(said.to_string());
    }

    /// `said` on the status line; when `asked`, it answers `R` (and is said again to a press a
    /// moment later).
    fn say(&mut self, app: &mut App, said: &str, asked: bool) {
        if asked {
            self.answered(said);
        }
        app.status.info(said);
    }

    /// Hand what arrived to the planner. Returns whether the screen changed, and the effects
    /// the planner asked for.
    pub fn deliver(&mut self, app: &mut App) -> (bool, Vec<Effect>) {
        let mut shown = false;
        let mut effects = Vec::new();
        // Quiet the bell; the news itself is in the channel.
        let mut rung = [0u8; 64];
        while matches!(std::io::Read::read(&mut self.bell, &mut rung), Ok(n) if n > 0) {}
        while let Ok(news) = self.news.try_recv() {
            match news {
                News::Same { asked } => {
                    self.offline = false;
                    app.offline = false;
                    if asked {
                        self.say(app, NEWEST, true);
                        shown = true;
                    }
                }
                News::New { schedule, asked } => {
                    self.offline = false;
                    app.offline = false;
                    if asked {
                        // "asking…" is answered by what follows.
                        app.status.answered();
                    }
                    let before = app.status.text();
                    effects.extend(app.offer_schedule(*schedule));
                    if asked && app.status.text() == before {
                        app.status.info("↻ the newest schedule changes no talk");
                    }
                    if asked {
                        self.answered(NEWEST);
                    }
                    shown = true;
                }
                News::Refused { why } => {
                    self.offline = false;
                    app.offline = false;
                    self.say(app, &format!("↻ a newer schedule was not taken: {why}; keeping the one shown"), true);
                    shown = true;
                }
                News::Failed { why, asked } if asked || !self.offline => {
                    self.offline = true;
                    app.offline = self.from_url;
                    self.say(
                        app,
                        &format!("↻ could not check for a newer schedule ({why}); keeping the one shown"),
                        asked,
                    );
                    shown = true;
                }
                News::Failed { .. } => {}
                News::Writing { asked } => {
                    if asked {
                        self.say(app, "↻ the schedule file is being written: it is read once it is still", true);
                        shown = true;
                    }
                }
            }
        }
        (shown, effects)
    }
}
