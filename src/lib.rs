//! hallway, the planner: the command line (`cli`) and the terminal planner (`tui`) over
//! `hallway_core`, which holds everything else and has no terminal code. The core's modules are
//! re-exported here so the shell and the tests name them as `hallway::schedule` and the like.

pub use hallway_core::*;

pub mod cli;
pub mod tui;
