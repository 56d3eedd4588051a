//! A schedule opened from a URL is asked for again while the planner runs. A thread of its own
//! asks the server every few minutes (with the ETag, so an unchanged schedule costs a 304) and
//! hands a newer copy to the loop, which never waits on the network. Offline, the copy shown
//! stays and the planner says so once.

use super::app::App;
use super::effect::Effect;
use crate::config::Config;
use crate::fetch::{Checked, Fetcher};
use crate::schedule::Schedule;
use crate::schedule::compiled::Plan;
use crate::schedule::import::Options;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How often a URL is asked again when the config says nothing.
pub const DEFAULT_MINUTES: u32 = 10;

enum News {
    /// Nothing newer; `asked`: the user pressed `R` and waits for an answer.
    Same {
        asked: bool,
    },
    New(Box<Schedule>),
    Failed {
        why: String,
        asked: bool,
    },
}

pub struct Refresher {
    news: Receiver<News>,
    ask: Sender<()>,
    /// The last check failed (said once, not every ten minutes).
    offline: bool,
}

/// How often to ask: `$HALLWAY_REFRESH_SECONDS` (tests, demos), else `refresh_minutes` in the
/// config, else every ten minutes. `None`: never.
pub fn interval(config: &Config) -> Option<Duration> {
    if let Some(s) = std::env::var("HALLWAY_REFRESH_SECONDS").ok().and_then(|s| s.parse::<f64>().ok()) {
        return (s > 0.0).then(|| Duration::from_secs_f64(s));
    }
    match config.refresh_minutes.unwrap_or(DEFAULT_MINUTES) {
        0 => None,
        m => Some(Duration::from_secs(u64::from(m) * 60)),
    }
}

impl Refresher {
    /// Ask for `url` every `every` through `fetcher`, reading it as it was read at start (`opts`).
    pub fn start(fetcher: Fetcher, url: String, opts: Options, every: Duration) -> std::io::Result<Self> {
        let (tx, news) = mpsc::channel();
        let (ask, asked_for) = mpsc::channel();
        std::thread::Builder::new().name("refresh".into()).spawn(move || {
            let plan = Plan { whole: true, abstracts: !opts.without_abstracts, ..Plan::default() };
            loop {
                let asked = match asked_for.recv_timeout(every) {
                    Ok(()) => true,
                    Err(RecvTimeoutError::Timeout) => false,
                    Err(RecvTimeoutError::Disconnected) => break,
                };
                let found = match fetcher.check(&url, opts) {
                    Checked::Same => News::Same { asked },
                    Checked::Failed(why) => News::Failed { why, asked },
                    Checked::New(opened) => match opened.load(&plan) {
                        Ok(s) => News::New(Box::new(s)),
                        Err(e) => News::Failed { why: format!("the server sent an invalid schedule: {e}"), asked },
                    },
                };
                // The planner has quit.
                if tx.send(found).is_err() {
                    break;
                }
            }
        })?;
        Ok(Self { news, ask, offline: false })
    }

    /// Check now (`R`), not at the next turn; the answer comes through [`Refresher::deliver`].
    pub fn ask_now(&self) {
        let _ = self.ask.send(());
    }

    /// Hand what arrived to the planner. Returns whether the screen changed, and the effects
    /// the planner asked for.
    pub fn deliver(&mut self, app: &mut App) -> (bool, Vec<Effect>) {
        let mut shown = false;
        let mut effects = Vec::new();
        while let Ok(news) = self.news.try_recv() {
            match news {
                News::Same { asked } => {
                    self.offline = false;
                    if asked {
                        app.status.info("↻ the schedule shown is the newest");
                        shown = true;
                    }
                }
                News::New(schedule) => {
                    self.offline = false;
                    effects.extend(app.offer_schedule(*schedule));
                    shown = true;
                }
                News::Failed { why, asked } if asked || !self.offline => {
                    self.offline = true;
                    app.status.info(format!("↻ could not check for a newer schedule ({why}); keeping the one shown"));
                    shown = true;
                }
                News::Failed { .. } => {}
            }
        }
        (shown, effects)
    }
}
