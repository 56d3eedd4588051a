//! Abstracts in Pentabarf and pretalx exports are HTML fragments; a terminal wants text.

/// Tags dropped, block ends as line breaks, the common entities decoded. Text without a tag
/// or entity comes back unchanged.
pub fn to_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Time linear in the text, however it is made: once no `>` is left, no later `<` looks
    // for one again (a run of `<` would otherwise rescan the rest for each), and an entity's
    // `;` is looked for only as far as the longest entity.
    let mut no_tag_closes = false;
    let mut link: Option<(String, usize)> = None;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let close = if no_tag_closes { None } else { rest.find('>') };
            no_tag_closes = close.is_none();
            match close {
                Some(end) => {
                    let tag = rest[1..end].trim_start_matches('/').to_ascii_lowercase();
                    let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                    let closing = rest[1..].starts_with('/');
                    if name == "a" && !closing {
                        link = href(&rest[1..end]).map(|h| (h, out.len()));
                    } else if name == "a" {
                        // A link reads "text (address)", as on paper; once when the text is it.
                        if let Some((h, from)) = link.take() {
                            let text = out[from..].trim();
                            if text.is_empty() {
                                out.push_str(&h);
                            } else if text != h && !h.starts_with("mailto:") {
                                out.push_str(&format!(" ({h})"));
                            }
                        }
                    } else if name == "li" {
                        if !closing {
                            out.push_str("\n• ");
                        }
                    } else if matches!(
                        name.as_str(),
                        "br" | "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "tr"
                    ) {
                        out.push('\n');
                    }
                    rest = &rest[end + 1..];
                }
                None => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            let end = rest.as_bytes().iter().take(11).position(|&b| b == b';');
            let decoded = end.and_then(|e| entity(&rest[1..e]));
            match (end, decoded) {
                (Some(e), Some(c)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    // Collapse the blank lines block tags leave behind.
    let mut text = String::with_capacity(out.len());
    let mut blank = 0;
    // Leading spaces are the file's layout, not the text's: HTML collapses them.
    for line in out.lines().map(str::trim) {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 || text.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        text.push_str(line);
        text.push('\n');
    }
    text.trim_end().to_string()
}

/// The address an `<a ...>` tag points to (its inside, without `<` and `>`).
fn href(tag: &str) -> Option<String> {
    let at = tag.to_ascii_lowercase().find("href=")?;
    let value = tag.get(at + 5..)?;
    let (quote, value) = match value.chars().next()? {
        q @ ('"' | '\'') => (Some(q), &value[1..]),
        _ => (None, value),
    };
    let end = match quote {
        Some(q) => value.find(q)?,
        None => value.find(char::is_whitespace).unwrap_or(value.len()),
    };
    let h = value[..end].trim().replace("&amp;", "&");
    (h.starts_with("http://") || h.starts_with("https://") || h.starts_with("mailto:")).then_some(h)
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_readable_text() {
        assert_eq!(to_text("plain & simple"), "plain & simple");
        assert_eq!(to_text("<p>FOSDEM welcome &amp; opening talk.</p>"), "FOSDEM welcome & opening talk.");
        assert_eq!(to_text("<p>One</p><p>Two<br/>Three</p>"), "One\n\nTwo\nThree");
        assert_eq!(to_text("<ul><li>a</li><li>b</li></ul>"), "• a\n• b");
        assert_eq!(to_text("5 &lt; 6 &#8212; &#x41; &bogus; a<b"), "5 < 6 — A &bogus; a<b");
        assert_eq!(to_text("<a href=\"x\">link</a>"), "link");
        assert_eq!(to_text("a<b<c &amp; d>e"), "ae");
        assert_eq!(to_text("x < y &amp; z"), "x < y & z", "entities after an unclosed < are still read");
        assert_eq!(to_text("&longerthanten; &#65;"), "&longerthanten; A");
    }

    #[test]
    fn runs_of_lt_and_amp_cost_time_linear_in_their_length() {
        // 500 KB of each: a quadratic scan would take minutes; this takes milliseconds. What is
        // checked is the answer, so the test cannot pass by skipping the work.
        let n = 500_000;
        for (unit, kept) in [("<", "<"), ("&", "&"), ("&x", "&x"), ("<&", "<&")] {
            let text = unit.repeat(n / unit.len());
            assert_eq!(to_text(&text), kept.repeat(n / unit.len()), "{unit}");
        }
    }
}
