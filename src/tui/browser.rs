//! Opening a page in the browser the person chose: `$BROWSER` first (a list of commands
//! separated by `:`, where `%s` stands for the address), else the desktop's opener.
//! Commands are started directly with the address as one argument, never through a shell.

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

/// The commands `$BROWSER` names for `url`, in the order to try them: each as a program and its
/// arguments; the address replaces `%s`, or comes last when no `%s` is given.
pub fn commands(browser: &str, url: &str) -> Vec<Vec<String>> {
    browser
        .split(':')
        .filter_map(|cmd| {
            let words: Vec<&str> = cmd.split_whitespace().collect();
            if words.is_empty() {
                return None;
            }
            let mut argv: Vec<String> = words.iter().map(|w| w.replace("%s", url)).collect();
            if !words.iter().any(|w| w.contains("%s")) {
                argv.push(url.to_string());
            }
            Some(argv)
        })
        .collect()
}

/// Start a browser on `url` and let it outlive the planner; false when none could be started.
pub fn open(url: &str) -> bool {
    if let Some(browser) = std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty()) {
        for argv in commands(&browser, url) {
            // In a process group of its own, so closing the terminal does not close the
            // browser; waited for on a thread of its own, so it leaves no zombie behind.
            let started = Command::new(&argv[0])
                .args(&argv[1..])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn();
            if let Ok(mut child) = started {
                std::thread::spawn(move || child.wait());
                return true;
            }
        }
    }
    open::that_detached(url).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_lists_commands_and_the_address_fills_their_place() {
        let url = "https://example.org/a b";
        assert_eq!(commands("firefox", url), [vec!["firefox", url]]);
        assert_eq!(commands("w3m -o x=1 %s:lynx", url), [vec!["w3m", "-o", "x=1", url], vec!["lynx", url]]);
        assert_eq!(commands("  :: ", url), Vec::<Vec<String>>::new());
    }
}
