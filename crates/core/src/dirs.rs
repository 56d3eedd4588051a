//! Where hallway keeps its files. One `ProjectDirs` for all of them, each folder movable by an
//! environment variable (tests and several profiles use that; nothing else reads these names).

use std::path::PathBuf;

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "hallway")
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// Agendas, the conferences opened before, friends' agendas: `$XDG_DATA_HOME/hallway`.
/// (`HALLWAY_DATA_DIR` and `--data-dir` are read by the command line, which passes its choice on.)
pub fn data_dir() -> Option<PathBuf> {
    project().map(|d| d.data_dir().to_path_buf())
}

/// The config file: `HALLWAY_CONFIG`, else `$XDG_CONFIG_HOME/hallway/config.toml`.
pub fn config_file() -> Option<PathBuf> {
    env_path("HALLWAY_CONFIG").or_else(|| project().map(|d| d.config_dir().join("config.toml")))
}

/// Downloaded schedules and compiled forms: `HALLWAY_CACHE_DIR`, else `$XDG_CACHE_HOME/hallway`.
pub fn cache_root() -> PathBuf {
    env_path("HALLWAY_CACHE_DIR").unwrap_or_else(|| {
        project().map_or_else(|| std::env::temp_dir().join("hallway-cache"), |d| d.cache_dir().to_path_buf())
    })
}

/// Crash reports: `HALLWAY_STATE_DIR`, else `$XDG_STATE_HOME/hallway` (the cache folder where a
/// platform has no state folder).
pub fn state_dir() -> PathBuf {
    env_path("HALLWAY_STATE_DIR").unwrap_or_else(|| {
        project().map(|d| d.state_dir().unwrap_or(d.cache_dir()).to_path_buf()).unwrap_or_else(std::env::temp_dir)
    })
}

/// Where an export is offered: Documents, else Downloads, else the current folder.
pub fn export_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().or(u.download_dir()).map(|p| p.to_path_buf()))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}
