//! hallway: a terminal conference schedule planner. This crate is the pure core (no terminal
//! code outside `tui`), shared by the TUI, the CLI, the tests and the benchmarks.

pub mod agenda;
pub mod atomic;
pub mod clash;
pub mod clock;
pub mod config;
pub mod context;
pub mod did_you_mean;
pub mod dirs;
pub mod export;
pub mod fetch;
pub mod filter;
pub mod friends;
pub mod now;
pub mod open;
pub mod recent;
pub mod reminders;
pub mod report;
pub mod sanitize;
pub mod schedule;
pub mod search;
pub mod status_line;
pub mod suggest;
pub mod synth;
pub mod timefmt;
pub mod watch;
