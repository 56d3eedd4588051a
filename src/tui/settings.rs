//! The config file as the TUI uses it: keys, colours, reminders. A bad file leaves the
//! defaults in place and one sentence saying what is wrong, where.

use super::keys::Keymap;
use super::theme::Palette;
use crate::config::{self, Config, ConfigError, ThemeName};
use ratatui::style::Color;

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
        let at_key = |table: &str, key: &str, message: String| {
            let text = crate::bounded::read_named_to_string(path, crate::bounded::MAX_BYTES).unwrap_or_default();
            Self { error: Some(config::at_key(&text, path, table, key, message)), ..Self::defaults() }
        };
        if let Some((role, value)) = config.colors.iter().find(|(_, v)| v.parse::<Color>().is_err()) {
            return at_key(
                "colors",
                role,
                format!("`{value}` is not a colour: use a name (yellow, light-blue...) or #rrggbb"),
            );
        }
        match Keymap::with(&config.keys) {
            Ok(keymap) => Self { palette: Palette::with(&config.colors), keymap, config, error: None },
            Err((action, message)) => at_key("keys", &action, message),
        }
    }

    pub fn mono(&self) -> bool {
        self.config.theme == Some(ThemeName::Mono)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colour_that_is_none_is_named_on_its_line() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "theme = \"mono\"\n[colors]\nstarred = \"yelow\"\n").unwrap();
        let e = Settings::from_file(&path).error.expect("refused");
        assert_eq!((e.line, e.column, e.key.as_deref()), (3, 1, Some("colors.starred")), "{e}");
        assert!(e.message.contains("`yelow` is not a colour"), "{e}");
    }
}
