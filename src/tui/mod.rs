//! The terminal shell: set up the terminal, turn events into actions, draw, save.

pub mod app;
pub mod keys;
mod nav;
pub mod theme;
pub mod views;

use crate::agenda::Agenda;
use crate::agenda::store::StoreError;
use crate::cli::Context;
use app::App;
use crossterm::event::{self, Event, KeyEventKind};
use std::time::Duration;

/// How often the clock is re-read with no input (live markers move by the minute).
const TICK: Duration = Duration::from_secs(1);

pub fn run(ctx: Context) -> std::io::Result<()> {
    let conf_id = ctx.schedule.conference.id.clone();
    let (agenda, mut can_save, warning) = match ctx.store.load(&conf_id) {
        Ok(a) => (a, true, None),
        Err(e @ StoreError::Corrupt { .. }) => (Agenda::new(&conf_id), true, Some(e.to_string())),
        Err(e) => (Agenda::new(&conf_id), false, Some(format!("{e}; changes this session will not be saved"))),
    };
    let mut app = App::new(ctx.schedule, agenda, ctx.clock.now(), ctx.user_tz);
    app.time_travel = ctx.clock.is_fixed();
    app.no_color = !theme::Theme::from_env().color;
    app.status = warning;

    // ratatui::init installs a panic hook that restores the terminal before the message prints.
    let mut terminal = ratatui::init();
    let result = (|| -> std::io::Result<()> {
        while !app.quit {
            terminal.draw(|f| views::draw(f, &app))?;
            if event::poll(TICK)? {
                match event::read()? {
                    Event::Key(k) if k.kind == KeyEventKind::Press => {
                        if let Some(action) = keys::action_for(k) {
                            app.update(action);
                        }
                    }
                    _ => {}
                }
            }
            app.now = ctx.clock.now();
            if app.dirty && can_save {
                app.dirty = false;
                if let Err(e) = ctx.store.save(&app.agenda) {
                    can_save = false;
                    app.status = Some(format!("⚠ {e}; your marks are kept in memory only"));
                }
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}
