//! Styles. Every state also has a symbol or a modifier, so it reads without colour (NO_COLOR).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

/// The colour of each role; the config file's `[colors]` may change any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub starred: Color,
    pub later: Color,
    pub clash: Color,
    pub live: Color,
    pub link: Color,
    pub key: Color,
    pub dim: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            starred: Color::Yellow,
            later: Color::Cyan,
            clash: Color::Red,
            live: Color::Green,
            link: Color::Blue,
            key: Color::Cyan,
            dim: Color::DarkGray,
        }
    }
}

impl Palette {
    /// The defaults with the config's colours (already checked when the config was read).
    pub fn with(colors: &std::collections::BTreeMap<String, String>) -> Self {
        let mut p = Self::default();
        for (role, value) in colors {
            let Ok(c) = value.parse::<Color>() else { continue };
            match role.as_str() {
                "starred" => p.starred = c,
                "later" => p.later = c,
                "clash" => p.clash = c,
                "live" => p.live = c,
                "link" => p.link = c,
                "key" => p.key = c,
                "dim" => p.dim = c,
                _ => {}
            }
        }
        p
    }
}

impl Theme {
    pub fn from_env() -> Self {
        Self { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()), palette: Palette::default() }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn bar(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        self.fg(self.palette.dim).add_modifier(if self.color { Modifier::empty() } else { Modifier::DIM })
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn starred(&self) -> Style {
        self.fg(self.palette.starred).add_modifier(Modifier::BOLD)
    }
    pub fn later(&self) -> Style {
        self.fg(self.palette.later)
    }
    pub fn clash(&self) -> Style {
        self.fg(self.palette.clash).add_modifier(Modifier::BOLD)
    }
    pub fn live(&self) -> Style {
        self.fg(self.palette.live).add_modifier(Modifier::BOLD)
    }
    pub fn link(&self) -> Style {
        self.fg(self.palette.link).add_modifier(Modifier::UNDERLINED)
    }
    pub fn key(&self) -> Style {
        self.fg(self.palette.key).add_modifier(Modifier::BOLD)
    }
    /// A room's own colour for its name, so the eye finds a room again across the grid and
    /// the Now view; without colour the name alone says it.
    pub fn track(&self, track: usize) -> Style {
        const TRACKS: [Color; 6] = [
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightGreen,
            Color::LightCyan,
            Color::LightYellow,
            Color::LightRed,
        ];
        self.fg(TRACKS[track % TRACKS.len()]).add_modifier(Modifier::BOLD)
    }
}
