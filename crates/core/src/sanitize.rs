//! Untrusted text (titles, names, abstracts) is cleaned before it can reach a terminal.
//!
//! A schedule file comes from the internet; a title holding `ESC ] 52 ; ...` could write the
//! clipboard, and one holding `ESC [ 2 J` could wipe the screen. We drop every escape sequence
//! whole (not just the ESC byte, which would leave `[2J` as garbage), every C0/C1 control, DEL,
//! and the bidi overrides that can make text read differently from what it is.

/// Clean a one-line field: controls removed, any whitespace run (incl. newlines) becomes one space.
pub fn line(s: &str) -> String {
    let cleaned = strip(s, false);
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A name a person gives (a friend's): a clean line that starts and ends with something seen.
/// The characters that take no room on screen (zero-width spaces and joiners, word joiners,
/// byte-order marks, soft hyphens) are dropped at its ends, so a name of only those is empty and
/// its initials are letters; inside it they stay (Persian and Indic names need their joiners).
pub fn visible_line(s: &str) -> String {
    // Format characters, fillers and blanks that draw nothing, and marks with nothing to mark.
    let invisible = |c: char| {
        matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
            | '\u{034F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0000}'..='\u{E007F}' | '\u{115F}' | '\u{1160}'
            | '\u{3164}' | '\u{FFA0}' | '\u{17B4}' | '\u{17B5}' | '\u{2800}' | '\u{1D159}' | '\u{0300}'..='\u{036F}')
    };
    line(line(s).trim_matches(|c: char| invisible(c) || c.is_whitespace()))
}

/// A web address from a schedule, to show, copy and open: cleaned as a line, and kept only
/// when it is an http(s) address in one piece (a `file:` or `javascript:` link is not opened).
pub fn web_address(s: &str) -> Option<String> {
    let a = line(s);
    let scheme = a.split_once("://").map(|(scheme, _)| scheme.to_ascii_lowercase());
    let web = matches!(scheme.as_deref(), Some("http" | "https")) && a.len() > "https://".len() && !a.contains(' ');
    web.then_some(a)
}

/// Clean a multi-line field: newlines kept (CRLF/CR normalised), tabs become spaces.
pub fn text(s: &str) -> String {
    let cleaned = strip(s, true);
    cleaned.trim_end().to_string()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn strip(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    // Set once a string sequence found no end: none later will either (see `skip_string`).
    let mut no_end_ahead = false;
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars, &mut no_end_ahead),
            // C1 introducers with their own string payloads (CSI, OSC, DCS, SOS, PM, APC).
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars, &mut no_end_ahead),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(if keep_newlines { '\n' } else { ' ' });
            }
            '\n' => out.push(if keep_newlines { '\n' } else { ' ' }),
            '\t' => out.push(' '),
            // A zero-width joiner makes one glyph of what it joins (two emoji, two letters of
            // an Indic script), which terminals draw at widths they do not agree on (a family:
            // 2 cells here, 6 there) and which leaves stray cells beside it. Unjoined, each
            // part has the width every terminal gives it; the text reads the same.
            '\u{200D}' => {}
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars, no_end_ahead: &mut bool) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars, no_end_ahead),
        // ESC + intermediates (0x20-0x2F) + one final byte, e.g. ESC ( B.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while let Some(&n) = chars.peek() {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&n) {
                    break;
                }
            }
        }
        _ => {}
    }
}

fn skip_csi(chars: &mut Chars) {
    // Parameters and intermediates (0x20-0x3F), then one final byte (0x40-0x7E).
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) || !('\u{20}'..='\u{3f}').contains(&c) {
            break;
        }
    }
}

/// Skips a string sequence to its end: BEL, ST (ESC \\) or the C1 ST. One that never ends
/// loses only its introducer: with the introducer gone the rest is plain text to a terminal,
/// and it is often the rest of a message ("room 'L<OSC>isted' is not in the list"). Once one
/// has been found endless, later ones are not scanned again, so any input stays linear.
fn skip_string(chars: &mut Chars, no_end_ahead: &mut bool) {
    if *no_end_ahead {
        return;
    }
    let from = chars.clone();
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
    *no_end_ahead = true;
    *chars = from;
}

#[cfg(test)]
mod web_address_tests {
    use super::web_address;

    #[test]
    fn only_whole_http_addresses_are_kept() {
        assert_eq!(web_address(" https://fosdem.org/2021/x/ ").as_deref(), Some("https://fosdem.org/2021/x/"));
        assert_eq!(web_address("HTTP://a.example/t").as_deref(), Some("HTTP://a.example/t"));
        for bad in
            ["javascript:alert(1)", "file:///etc/passwd", "https://", "ftp://x/y", "https://a b/c", "talk.html", ""]
        {
            assert_eq!(web_address(bad), None, "{bad}");
        }
        assert_eq!(web_address("https://x.example/\u{1b}[2Jt").as_deref(), Some("https://x.example/t"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn removes_csi_and_osc_whole() {
        assert_eq!(line("a\u{1b}[2Jb"), "ab");
        assert_eq!(line("x\u{1b}]52;c;aGVsbG8=\u{7}y"), "xy");
        assert_eq!(line("x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y"), "xlinky");
        assert_eq!(line("a\u{9b}31mb"), "ab");
        assert_eq!(line("bell\u{7}\u{8}\u{7f}!"), "bell!");
        assert_eq!(line("a\u{1b}(Bb"), "ab");
    }

    #[test]
    fn keeps_unicode_and_folds_whitespace() {
        assert_eq!(line("  Michał\n\tµs 日本語 🦀  "), "Michał µs 日本語 🦀");
        assert_eq!(line("evil\u{202E}txt"), "eviltxt");
        assert_eq!(text("one\r\ntwo\rthree\n"), "one\ntwo\nthree");
    }

    proptest! {
        #[test]
        fn output_never_holds_controls(s in any::<String>()) {
            for out in [line(&s), text(&s)] {
                prop_assert!(out.chars().all(|c| c == '\n' || !(c.is_control() || is_bidi_control(c))), "{out:?}");
            }
        }
    }
}

#[cfg(test)]
mod visible_line_tests {
    use super::visible_line;

    #[test]
    fn a_name_of_invisible_characters_is_empty() {
        assert_eq!(visible_line("\u{200B}\u{200B}\u{FEFF}"), "");
        for blank in ["\u{034F}", "\u{FE0F}", "\u{E0020}", "\u{115F}", "\u{3164}", "\u{FFA0}", "\u{2800}", "\u{0301}"] {
            assert_eq!(visible_line(blank), "", "{:?}", blank.chars().next());
        }
        assert_eq!(visible_line("\u{200B} Ana Bo\u{2060}"), "Ana Bo");
        assert_eq!(visible_line("\u{1b}[2JZoë"), "Zoë");
        // A joiner inside a name is part of it.
        assert_eq!(visible_line("\u{0645}\u{200C}\u{0647}"), "\u{0645}\u{200C}\u{0647}");
    }
}

#[cfg(test)]
mod joiner_tests {
    use super::line;

    #[test]
    fn joined_glyphs_are_unjoined() {
        // A family, a rainbow flag, a woman technologist: each emoji on its own.
        assert_eq!(
            line("Talk \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} for all"),
            "Talk \u{1F468}\u{1F469}\u{1F467} for all"
        );
        assert_eq!(line("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}"), "\u{1F3F3}\u{FE0F}\u{1F308}");
        assert_eq!(line("\u{1F469}\u{200D}\u{1F4BB} Rust"), "\u{1F469}\u{1F4BB} Rust");
        // Between letters too: drawn unjoined, in cells terminals agree on.
        assert_eq!(line("a\u{200D}b \u{0915}\u{094D}\u{200D}\u{0937}"), "ab \u{0915}\u{094D}\u{0937}");
    }

    #[test]
    fn an_endless_string_sequence_loses_its_introducer_not_the_rest() {
        assert_eq!(line("room 'L\u{9d}isted' is not in the list"), "room 'Listed' is not in the list");
        assert_eq!(line("TZ\u{1b}]ne: x"), "TZne: x");
        assert_eq!(line("a\u{1b}]52;c;eA==\u{7}b"), "ab", "an ended one still goes whole");
        // Many endless ones stay linear: each after the first is not scanned again.
        let many = "\u{9d}x".repeat(200_000);
        assert!(line(&many) == "x".repeat(200_000), "every endless introducer dropped, the text kept");
    }
}
