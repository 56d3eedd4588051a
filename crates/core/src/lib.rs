//! Conference schedules for programs: read the exports conferences publish (frab and pretalx
//! `schedule.json`, Pentabarf and frab `schedule.xml`, Sessionize "All" JSON, and hallway's own
//! JSON), find which marked talks clash, say what is on now and next, keep a personal agenda on
//! disk (locked, merged, written atomically) and export it as iCalendar, Markdown or JSON.
//!
//! This is the core of the `hallway` terminal planner and holds no terminal code: the planner
//! and its command line are a thin shell over it.
//!
//! ```
//! use hallway_core::agenda::{Agenda, MarkKind};
//! use hallway_core::{clash, schedule};
//!
//! // Any supported format: the reader is chosen by the file's content. Times are read in the
//! // conference's zone (here Europe/Berlin, named by the file).
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/real/frab-camp2019.json");
//! let s = schedule::load_path(std::path::Path::new(path))?;
//! assert_eq!(s.conference.name, "Chaos Communication Camp 2019");
//!
//! // A day's talks, in time order, as the organisers' day (a talk after midnight belongs to
//! // the day before on a camp that runs into the night).
//! for t in &s.talks()[s.day_range(0)] {
//!     println!("{} {:<8} {}", s.local(t.start).format("%a %H:%M"), s.room_name(t), t.title);
//! }
//!
//! // Mark two talks that overlap in parallel rooms: the clash is found.
//! let talks = s.talks();
//! let (a, b) = (0..talks.len())
//!     .flat_map(|i| (i + 1..talks.len()).map(move |j| (i, j)))
//!     .find(|&(i, j)| talks[i].overlaps(&talks[j]) && talks[i].room != talks[j].room)
//!     .expect("two rooms run at once");
//! let mut agenda = Agenda::new(&s.conference.id);
//! let now = chrono::Utc::now();
//! agenda.set(&s, &talks[a], MarkKind::Attend, now);
//! agenda.set(&s, &talks[b], MarkKind::Attend, now);
//! let clashes = clash::find(talks, agenda.attending(&s));
//! assert_eq!(clashes.len(), 1);
//! println!("{} clashes with {}", talks[clashes[0].a].title, talks[clashes[0].b].title);
//! # Ok::<(), hallway_core::schedule::LoadError>(())
//! ```
//!
//! To open what a person names (a file, an address that is downloaded and kept for offline
//! use, a bundled sample, a conference opened before) with its agenda and clock, see
//! [`open::Request`] and [`context::Context::open`].

pub mod agenda;
pub mod atomic;
pub mod bounded;
pub mod catalogue;
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
pub mod languages;
pub mod now;
pub mod open;
pub mod recent;
pub mod reminders;
pub mod report;
pub mod room_names;
pub mod sanitize;
pub mod schedule;
pub mod search;
pub mod status_line;
pub mod suggest;
pub mod synth;
pub mod timefmt;
pub mod watch;
