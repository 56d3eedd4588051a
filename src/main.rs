use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = hallway::cli::Cli::parse();
    match hallway::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let msg = failure.to_string();
            if !msg.is_empty() {
                eprintln!("hallway: {msg}");
            }
            ExitCode::from(failure.exit_code())
        }
    }
}
