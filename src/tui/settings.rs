//! The config file as the TUI uses it: keys, colours, reminders. A bad file leaves the
//! defaults in place and one sentence saying what is wrong, where.

use super::keys::Keymap;
use super::theme::Palette;
use crate::config::{self, Config, ConfigError, ThemeName};

pub struct Settings {
    pub config: Config,
    pub keymap: Keymap,
    pub palette: Palette,
    pub error: Option<ConfigError>,
}

impl Settings {
    pub fn defaults() -> Self {
        Self { config: Config::default(), keymap: Keymap::default(), palette: Palette::default(), error: None }
    }

    /// From the config file (see [`config::path`]); the defaults when it is missing or bad.
    pub fn load() -> Self {
        let Some(path) = config::path() else { return Self::defaults() };
        Self::from_file(&path)
    }

    pub fn from_file(path: &std::path::Path) -> Self {
        let config = match config::load(path) {
            Ok(c) => c,
            Err(e) => return Self { error: Some(e), ..Self::defaults() },
        };
        match Keymap::with(&config.keys) {
            Ok(keymap) => Self { palette: Palette::with(&config.colors), keymap, config, error: None },
            Err((action, message)) => {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                Self { error: Some(config::at_key(&text, path, "keys", &action, message)), ..Self::defaults() }
            }
        }
    }

    pub fn mono(&self) -> bool {
        self.config.theme == Some(ThemeName::Mono)
    }
}
