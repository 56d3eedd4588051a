//! `hallway next`: one short line about my next talk, for tmux's status bar, a shell prompt or
//! a desktop bar. It runs every few seconds, so it only looks at today's talks I marked.

use crate::schedule::{Schedule, Talk};
use chrono::{DateTime, Utc};

/// Where I stand, today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// In a starred talk now: minutes left.
    Live { talk: usize, minutes: i64 },
    /// The next starred talk today: minutes until it starts.
    Next { talk: usize, minutes: i64 },
}

impl Next {
    pub fn talk(self) -> usize {
        match self {
            Next::Live { talk, .. } | Next::Next { talk, .. } => talk,
        }
    }

    pub fn minutes(self) -> i64 {
        match self {
            Next::Live { minutes, .. } | Next::Next { minutes, .. } => minutes,
        }
    }
}

/// The starred talk live now (the one ending first, if two), else the next one starting on the
/// same conference day; `None` when nothing marked is left today.
pub fn next(s: &Schedule, attending: &[usize], now: DateTime<Utc>) -> Option<Next> {
    let talks = s.talks();
    let minutes = |a: DateTime<Utc>, b: DateTime<Utc>| ((b - a).num_seconds() + 59).div_euclid(60);
    let live = attending.iter().copied().filter(|&i| talks[i].start <= now && now < talks[i].end);
    if let Some(i) = live.min_by_key(|&i| (talks[i].end, i)) {
        return Some(Next::Live { talk: i, minutes: minutes(now, talks[i].end) });
    }
    let today = s.date_of(now);
    attending
        .iter()
        .copied()
        .filter(|&i| talks[i].start > now && s.date_of(talks[i].start) == today)
        .min_by_key(|&i| (talks[i].start, i))
        .map(|i| Next::Next { talk: i, minutes: minutes(now, talks[i].start) })
}

/// The default lines: `12:30 Stage 2: eBPF vs Sidecars (in 7m)` and `live: ... (18m left)`.
pub const DEFAULT_NEXT: &str = "{start} {room}: {title} ({when})";
pub const DEFAULT_LIVE: &str = "live: {title} ({when})";

/// The placeholders a template may use, for `--help` and errors.
pub const PLACEHOLDERS: &[&str] =
    &["title", "room", "track", "start", "end", "minutes", "when", "speakers", "state", "id"];

/// A `--format` template that cannot be filled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("unknown placeholder {{{name}}} in the format; use {known}")]
    UnknownPlaceholder { name: String, known: String },
    #[error("unmatched brace in the format {template:?} (write {{{{ or }}}} for a brace)")]
    UnmatchedBrace { template: String },
}

/// Fill a template; `{{` and `}}` are literal braces. An unknown placeholder is an error that
/// names it, so a typo in a tmux.conf shows up once rather than as a blank status bar.
pub fn render(template: &str, s: &Schedule, n: Next) -> Result<String, TemplateError> {
    render_with_title(template, s, n, &s.talks()[n.talk()].title)
}

/// Whether a template can be filled, with no talk at hand (`next` may have loaded none).
pub fn check(template: &str, c: &crate::schedule::Conference) -> Result<(), TemplateError> {
    let mut conference = c.clone();
    conference.rooms = vec!["Room".into()];
    let probe = Talk {
        id: "probe".into(),
        title: "Probe".into(),
        start: DateTime::<Utc>::UNIX_EPOCH,
        end: DateTime::<Utc>::UNIX_EPOCH + chrono::Duration::minutes(30),
        kind: "talk".into(),
        ..Talk::default()
    };
    let s = Schedule::new(conference, vec![probe]);
    render(template, &s, Next::Next { talk: 0, minutes: 0 }).map(|_| ())
}

/// [`render`] in at most `width` columns: the title gives way first, so the time and
/// "(in 7m)" stay in sight; then the line is cut.
pub fn render_fit(template: &str, s: &Schedule, n: Next, width: usize) -> Result<String, TemplateError> {
    use unicode_width::UnicodeWidthStr;
    let full = render(template, s, n)?;
    if full.width() <= width {
        return Ok(full);
    }
    let rest = render_with_title(template, s, n, "")?.width();
    let title = &s.talks()[n.talk()].title;
    // However little room is left, the title gives way before the time and the countdown.
    let line = match width.checked_sub(rest) {
        Some(room) if room >= 1 => render_with_title(template, s, n, &cut(title, room))?,
        _ => render_with_title(template, s, n, "")?,
    };
    Ok(cut(&line, width))
}

fn render_with_title(template: &str, s: &Schedule, n: Next, title: &str) -> Result<String, TemplateError> {
    let t: &Talk = &s.talks()[n.talk()];
    let value = |name: &str| -> Option<String> {
        Some(match name {
            "title" => title.to_string(),
            "room" => s.room_name(t).to_string(),
            "track" => s.track_or_room(t).to_string(),
            "start" => crate::timefmt::at(s, t.start),
            "end" => crate::timefmt::at(s, t.end),
            "minutes" => n.minutes().to_string(),
            "when" => match n {
                Next::Live { minutes, .. } => format!("{}m left", minutes),
                Next::Next { minutes, .. } if minutes >= 60 => format!("in {}h{:02}m", minutes / 60, minutes % 60),
                Next::Next { minutes, .. } => format!("in {minutes}m"),
            },
            "speakers" => t.speakers.join(", "),
            "state" => match n {
                Next::Live { .. } => "live".into(),
                Next::Next { .. } => "next".into(),
            },
            "id" => t.id.clone(),
            _ => return None,
        })
    };
    let mut out = String::new();
    let mut rest = template;
    while let Some(p) = rest.find(['{', '}']) {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let Some(close) = tail.strip_prefix('{').and_then(|t| t.find('}')) {
            let name = &tail[1..1 + close];
            out.push_str(
                &value(name).ok_or_else(|| TemplateError::UnknownPlaceholder {
                    name: name.to_string(),
                    known: placeholders(),
                })?,
            );
            rest = &tail[close + 2..];
        } else {
            return Err(TemplateError::UnmatchedBrace { template: template.to_string() });
        }
    }
    out.push_str(rest);
    // One line, whatever the titles hold.
    Ok(out.replace(['\n', '\r'], " "))
}

/// At most `width` terminal columns, ending in "…" when cut: between words where a word ends
/// in the last two thirds of the room, else between two characters (never inside one).
pub fn cut(line: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if line.width() <= width {
        return line.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut mid_word = false;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(line, true) {
        if used + g.width() + 1 > width {
            mid_word = !g.chars().all(char::is_whitespace);
            break;
        }
        out.push_str(g);
        used += g.width();
    }
    if mid_word
        && let Some(space) = out.rfind(char::is_whitespace)
        && out[..space].width() >= width / 3
    {
        out.truncate(space);
    }
    // "…" after a word, not after the dash or comma that led to the next ("two years on —…").
    let mut out = out.trim_end_matches(|c: char| c.is_whitespace() || "—–-,;:".contains(c)).to_string();
    if width > 0 {
        out.push('…');
    }
    out
}

fn placeholders() -> String {
    PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule;

    fn at(s: &Schedule, t: &str) -> DateTime<Utc> {
        crate::clock::parse_at(t, s.conference.tz).unwrap()
    }

    #[test]
    fn live_then_next_then_nothing_left_today() {
        let s = schedule::bundled();
        let ids = ["ebpf-vs-sidecars", "extreme-http"];
        let attending: Vec<usize> = ids.iter().map(|id| s.index_of(id).unwrap()).collect();
        let n = next(&s, &attending, at(&s, "2022-10-19 09:20")).unwrap();
        assert_eq!(n, Next::Live { talk: attending[0], minutes: 15 });
        assert_eq!(render(DEFAULT_LIVE, &s, n).unwrap(), "live: eBPF vs Sidecars (15m left)");
        let n = next(&s, &attending, at(&s, "2022-10-19 10:13")).unwrap();
        assert_eq!(n, Next::Next { talk: attending[1], minutes: 7 });
        let line = render(DEFAULT_NEXT, &s, n).unwrap();
        assert!(line.starts_with("10:20 Main Stage: Extreme HTTP Performance") && line.ends_with("(in 7m)"), "{line}");
        assert_eq!(next(&s, &attending, at(&s, "2022-10-19 17:00")), None, "nothing more today");
        assert_eq!(next(&s, &attending, at(&s, "2022-10-19 07:00")).map(|n| n.minutes()), Some(125));
        assert_eq!(
            render(DEFAULT_NEXT, &s, next(&s, &attending, at(&s, "2022-10-19 07:00")).unwrap())
                .unwrap()
                .rsplit('(')
                .next(),
            Some("in 2h05m)")
        );
    }

    #[test]
    fn templates_fill_escape_and_name_a_typo() {
        let s = schedule::bundled();
        let i = s.index_of("ebpf-vs-sidecars").unwrap();
        let n = Next::Next { talk: i, minutes: 3 };
        assert_eq!(
            render("{{{state}}} {id} by {speakers} {minutes}", &s, n).unwrap(),
            "{next} ebpf-vs-sidecars by Liz Rice 3"
        );
        let e = render("{titel}", &s, n).unwrap_err().to_string();
        assert!(e.contains("{titel}") && e.contains("{title}"), "{e}");
        assert!(render("{title", &s, n).unwrap_err().to_string().contains("unmatched brace"));
        assert_eq!(cut("12:30 Stage 2: eBPF", 12), "12:30 Stage…");
        assert_eq!(cut("short", 12), "short");
        let http = Next::Next { talk: s.index_of("extreme-http").unwrap(), minutes: 7 };
        assert_eq!(
            render_fit(DEFAULT_NEXT, &s, http, 50).unwrap(),
            "10:20 Main Stage: Extreme HTTP… (in 7m)",
            "the title gives way between words, the time stays"
        );
        assert_eq!(
            render_fit(DEFAULT_NEXT, &s, http, 30).unwrap(),
            "10:20 Main Stage: Ext… (in 7m)",
            "the countdown too"
        );
        assert_eq!(render_fit(DEFAULT_NEXT, &s, http, 20).unwrap(), "10:20 Main Stage…");
        assert_eq!(cut("Rust in the kernel, two years on — Ferris", 36), "Rust in the kernel, two years on…");
        assert_eq!(cut("日本語のタイトル", 7), "日本語…");
    }
}
