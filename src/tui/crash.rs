//! A panic prints one short sentence and where the full report went, not a wall of text over
//! a broken terminal (ratatui's hook restores the terminal first, then calls this one).

use std::io::Write;
use std::path::PathBuf;

pub fn install_report_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // ratatui's hook gave back raw mode and the screen; mouse reporting is ours to stop.
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
        let report = write_report(info);
        match report {
            Ok(path) => drop(writeln!(
                std::io::stderr(),
                "hallway crashed: {}\nYour agenda is safe (it is saved on every change). A report was written to {}",
                message(info),
                path.display()
            )),
            Err(_) => previous(info),
        }
    }));
}

/// A panic on the background thread `thread` (the schedule's refresher) ends that thread, not
/// the planner: the report is written, and the terminal, still the planner's, is left alone.
/// Installed over ratatui's hook, which would give the terminal back.
pub fn spare(thread: &'static str) {
    let whole = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some(thread) {
            let _ = write_report(info);
        } else {
            whole(info);
        }
    }));
}

fn message(info: &std::panic::PanicHookInfo) -> String {
    let payload = info.payload();
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".into());
    let at = info.location().map(|l| format!(" (at {}:{})", l.file(), l.line())).unwrap_or_default();
    format!("{}{at}", crate::sanitize::line(&text))
}

fn write_report(info: &std::panic::PanicHookInfo) -> std::io::Result<PathBuf> {
    let dir = crate::dirs::state_dir();
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("crash-{}.txt", chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")));
    let mut f = std::fs::File::create(&path)?;
    writeln!(f, "hallway {} crashed: {}", env!("CARGO_PKG_VERSION"), message(info))?;
    writeln!(f, "\n{}", std::backtrace::Backtrace::force_capture())?;
    Ok(path)
}
