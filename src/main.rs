use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = hallway::cli::Cli::parse();
    match hallway::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let msg = failure.to_string();
            if !msg.is_empty() {
                use std::io::Write;
                // A full or closed stderr leaves the exit code to say it.
                let _ = writeln!(std::io::stderr(), "hallway: {}", hallway::sanitize::text(&msg));
            }
            ExitCode::from(failure.exit_code())
        }
    }
}
