//! Text that does not fit: cut on a grapheme boundary and ended with `…` (a word is never cut
//! to a stub of one or two letters); or wrapped at word boundaries under an indent.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// `text` in at most `width` columns: whole, or cut with `…` as its last column.
pub fn ellipsize(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut next = None;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w > width - 1 {
            next = Some(g);
            break;
        }
        out.push_str(g);
        used += w;
    }
    // A word cut to a stub ("· G…", "Sat 1…") says nothing: cut before it instead. Nor does a
    // separator left before the … ("11:00 ·…").
    let separator = |c: char| c.is_whitespace() || "·—–,;|/".contains(c);
    let mid_word = next.is_some_and(|g| !g.trim().is_empty());
    if mid_word && let Some(space) = out.rfind(char::is_whitespace) {
        let stub = &out[space..].trim_start();
        let before = out[..space].trim_end_matches(separator);
        if stub.width() < STUB && !before.is_empty() {
            out.truncate(before.len());
        }
    }
    let kept = out.trim_end_matches(separator);
    let mut out = if kept.is_empty() { out.trim_end() } else { kept }.to_string();
    out.push('…');
    out
}

/// A word cut to fewer columns than this is dropped whole.
const STUB: usize = 3;

/// A line in at most `width` columns: spans kept whole while they fit, the one that does not
/// cut with `…`, those after it dropped. The line's own style stays.
pub fn fit(line: Line<'_>, width: usize) -> Line<'static> {
    let style = line.style;
    let alignment = line.alignment;
    if line.width() <= width {
        let spans: Vec<Span<'static>> =
            line.spans.into_iter().map(|s| Span::styled(s.content.into_owned(), s.style)).collect();
        let mut l = Line::from(spans).style(style);
        l.alignment = alignment;
        return l;
    }
    if width == 0 {
        return Line::default().style(style);
    }
    let mut spans = Vec::new();
    let mut left = width;
    for s in line.spans {
        let w = s.content.width();
        if w < left {
            left -= w;
            spans.push(Span::styled(s.content.into_owned(), s.style));
        } else {
            // This span takes the last column, with the ellipsis in it; cut to a stub (" — …")
            // it says nothing, so the ellipsis goes after what came before instead.
            // (A span that would fill the line exactly still leaves the last column to the …)
            let cut = if w <= left {
                let mut c = ellipsize(&s.content, left - 1);
                if !c.ends_with('…') {
                    c.push('…');
                }
                c
            } else {
                ellipsize(&s.content, left)
            };
            let kept = cut.trim_end_matches('…').trim();
            if kept.chars().filter(|c| c.is_alphanumeric()).count() < 3 && !spans.is_empty() {
                // Right after the word before ("Testing…"), not after its space.
                spans = finish(spans, Style::new()).spans;
                spans.push(Span::styled("…", s.style));
            } else {
                spans.push(Span::styled(cut.trim_end_matches(' ').to_string(), s.style));
                if !spans.last().is_some_and(|s| s.content.ends_with('…')) {
                    spans.push(Span::styled("…", s.style));
                }
            }
            break;
        }
    }
    let mut l = Line::from(spans).style(style);
    l.alignment = alignment;
    l
}

/// A line in at most `width` columns where one span gives way first: the title shrinks (to
/// `…`) so the room and time after it stay. When the rest alone is too wide, as [`fit`].
pub fn fit_flex(line: Line<'_>, flex: usize, width: usize) -> Line<'static> {
    let total = line.width();
    let flex_w = line.spans.get(flex).map_or(0, |s| s.content.width());
    let others = total - flex_w;
    // Keep a few letters of the title at least, else fall back to cutting at the end.
    if total <= width || flex >= line.spans.len() || others + 8 > width {
        return fit(line, width);
    }
    let mut line = line;
    let span = &mut line.spans[flex];
    span.content = ellipsize(&span.content, width - others).into();
    fit(line, width)
}

/// Words of `text` wrapped to `width` columns, every line after the first (and the first too)
/// starting with `indent`; a word longer than a line is cut with `…`.
pub fn wrap_indented(text: &str, width: usize, indent: &str, style: Style) -> Vec<Line<'static>> {
    let room = width.saturating_sub(indent.width()).max(1);
    wrap_line(&Line::from(text.to_string()), room)
        .into_iter()
        .map(|l| Line::styled(format!("{indent}{l}"), style))
        .collect()
}

/// A line wrapped at spaces to `width` columns, each span keeping its style; a word longer than
/// a line is cut with `…`. (ratatui's own wrapping can write a wide character past a narrow
/// area's edge.)
pub fn wrap_line(line: &Line<'_>, width: usize) -> Vec<Line<'static>> {
    wrap_widths(line, width, width, false)
}

/// [`wrap_line`] with the first line `first` columns wide and those after it `rest`; with
/// `whole`, a word longer than a line (a web address) is broken across lines, never cut, so all
/// of it can be read and typed.
fn wrap_widths(line: &Line<'_>, first: usize, rest: usize, whole: bool) -> Vec<Line<'static>> {
    let (first, rest) = (first.max(1), rest.max(1));
    let mut width = first;
    if line.width() <= width {
        // Most lines fit: no word splitting.
        let spans: Vec<Span<'static>> =
            line.spans.iter().map(|s| Span::styled(s.content.clone().into_owned(), s.style)).collect();
        return vec![Line::from(spans).style(line.style)];
    }
    let mut out = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in &line.spans {
        for piece in span.content.split_inclusive(' ') {
            let word = piece.trim_end_matches(' ');
            if used > 0 && used + word.width() > width {
                out.push(finish(std::mem::take(&mut cur), line.style));
                used = 0;
                width = rest;
            }
            if word.width() > width && !whole {
                let piece = ellipsize(word, width);
                used += piece.width();
                cur.push(Span::styled(piece, span.style));
                continue;
            }
            if word.width() > width {
                if used > 0 {
                    out.push(finish(std::mem::take(&mut cur), line.style));
                    width = rest;
                }
                let mut chunk = String::new();
                for g in unicode_segmentation::UnicodeSegmentation::graphemes(piece, true) {
                    if chunk.width() + g.width() > width && !chunk.is_empty() {
                        cur.push(Span::styled(std::mem::take(&mut chunk), span.style));
                        out.push(finish(std::mem::take(&mut cur), line.style));
                        width = rest;
                    }
                    chunk.push_str(g);
                }
                used = chunk.width();
                cur.push(Span::styled(chunk, span.style));
                continue;
            }
            used += piece.width();
            cur.push(Span::styled(piece.to_string(), span.style));
        }
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(finish(cur, line.style));
    }
    out
}

/// A line wrapped to `width` columns with a hanging indent: the lines it wraps onto start
/// `hang` columns in, under the text after a label ("Page   ") rather than under the label.
/// A word longer than a line (an address) is broken across lines, never cut.
pub fn wrap_hanging(line: &Line<'_>, width: usize, hang: usize) -> Vec<Line<'static>> {
    if line.width() <= width || hang * 2 >= width {
        return wrap_widths(line, width, width, true);
    }
    let pad = " ".repeat(hang);
    wrap_widths(line, width, width - hang, true)
        .into_iter()
        .enumerate()
        .map(|(n, l)| {
            if n == 0 {
                return l;
            }
            let mut spans = vec![Span::raw(pad.clone())];
            spans.extend(l.spans);
            Line::from(spans).style(l.style)
        })
        .collect()
}

/// Every line wrapped (see [`wrap_line`]).
pub fn wrap_lines(lines: &[Line<'_>], width: usize) -> Vec<Line<'static>> {
    lines.iter().flat_map(|l| wrap_line(l, width)).collect()
}

/// A wrapped line without the spaces it broke at.
fn finish(mut spans: Vec<Span<'static>>, style: Style) -> Line<'static> {
    while let Some(last) = spans.last_mut() {
        let trimmed = last.content.trim_end_matches(' ');
        if trimmed.is_empty() {
            spans.pop();
        } else {
            last.content = trimmed.to_string().into();
            break;
        }
    }
    Line::from(spans).style(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_end_in_an_ellipsis_on_a_grapheme_boundary() {
        assert_eq!(ellipsize("Main Stage", 9), "Main Sta…");
        // Never a stub of a word, nor a separator left dangling before the …
        assert_eq!(ellipsize("Main Stage", 7), "Main…");
        assert_eq!(ellipsize("D.emulator · Sat 11:00 · Gauvain Roussel", 25), "D.emulator · Sat 11:00…");
        assert_eq!(ellipsize("Supercalifragilistic", 5), "Supe…", "one long word is cut");
        assert_eq!(ellipsize("Main Stage", 10), "Main Stage");
        // Wide characters never split: 東京 is 4 columns.
        assert_eq!(ellipsize("東京都", 4), "東…");
        assert_eq!(ellipsize("e\u{301}te\u{301}", 2), "e\u{301}…");
        assert_eq!(ellipsize("abc", 0), "");
    }

    #[test]
    fn a_stub_dropped_leaves_the_ellipsis_against_the_word_before() {
        let l =
            fit(Line::from(vec![Span::raw("Welcome "), Span::raw("to "), Span::raw("Testing "), Span::raw("and")]), 20);
        assert_eq!(l.to_string(), "Welcome to Testing…");
    }

    #[test]
    fn a_line_keeps_its_spans_and_ends_in_an_ellipsis() {
        let l = fit(Line::from(vec![Span::raw("11:00  "), Span::raw("★ A long title"), Span::raw("  Room")]), 16);
        assert_eq!(l.width(), 16);
        assert!(l.to_string().ends_with('…'), "{l}");
        assert!(l.to_string().starts_with("11:00  ★ A long"), "{l}");
    }

    #[test]
    fn wrapped_spans_keep_their_styles_and_fit_even_with_wide_characters() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let l = Line::from(vec![Span::styled("When   ", bold), Span::raw("Sat 6 Feb 11:00-12:15 東京 CET")]);
        for w in [1, 2, 3, 7, 12, 80] {
            for line in wrap_line(&l, w) {
                assert!(line.width() <= w, "{w}: {line}");
            }
        }
        let lines = wrap_line(&l, 12);
        assert_eq!(lines[0].spans[0].style, bold);
        assert_eq!(lines.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(" ").split_whitespace().count(), 7);
    }

    #[test]
    fn the_title_gives_way_so_the_room_stays() {
        let l = Line::from(vec![
            Span::raw(" ▶ 10:45-11:30  ★ "),
            Span::raw("Tools and Concepts for Successfully Open Sourcing Your Project"),
            Span::raw("  M.community · Sanja Bonic"),
        ]);
        let f = fit_flex(l, 1, 80);
        assert!(f.width() <= 80);
        assert!(f.to_string().contains("M.community"), "{f}");
        assert!(f.to_string().contains("Tools and Concepts"), "{f}");
        // No orphan " — …": a span cut to a stub goes, its ellipsis stays.
        let l = Line::from(vec![Span::raw("State of Apache OpenOffice"), Span::raw(" — Peter Kovacs")]);
        assert_eq!(fit(l.clone(), 29).to_string(), "State of Apache OpenOffice…");
        assert_eq!(fit(l.clone(), 0).width(), 0, "no room at all");
        // An empty span first (no mark symbol) at no width: found by the hostile-text proptest.
        assert_eq!(fit(Line::from(vec![Span::raw(""), Span::raw("abc")]), 0).width(), 0);
        for w in 0..40 {
            assert!(fit(l.clone(), w).width() <= w, "{w}");
            assert!(fit_flex(l.clone(), 0, w).width() <= w, "{w}");
        }
    }

    #[test]
    fn wrapped_lines_are_indented_and_fit() {
        let lines = wrap_indented(
            "⚠ clashes with \"Faster Spark SQL: Adaptive Query\" (D.hpc, 11:00-11:30)",
            30,
            "    ",
            Style::new(),
        );
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(l.width() <= 30, "{l}");
            assert!(l.to_string().starts_with("    "));
        }
    }

    #[test]
    fn a_labelled_line_wraps_under_its_text_using_the_whole_first_line() {
        let l = Line::from(vec![
            Span::styled("Page   ", Style::new().add_modifier(ratatui::style::Modifier::DIM)),
            Span::raw("one two three four five six seven"),
        ]);
        let lines: Vec<String> = wrap_hanging(&l, 20, 7).iter().map(ToString::to_string).collect();
        assert_eq!(lines, ["Page   one two three", "       four five six", "       seven"]);
        assert_eq!(wrap_hanging(&l, 60, 7).len(), 1, "a line that fits is left alone");
        assert!(wrap_hanging(&l, 10, 7).iter().all(|l| l.width() <= 10), "too narrow to hang: plain wrap");
    }

    #[test]
    fn a_long_address_in_details_is_broken_across_lines_never_cut() {
        let url = "https://fosdem.org/2021/schedule/event/postgresql_pg_stat_monitor_the_new_way_to_analyze_query_performance/";
        let l = Line::from(vec![Span::raw("Page   "), Span::raw(url)]);
        let lines: Vec<String> = wrap_hanging(&l, 40, 0).iter().map(ToString::to_string).collect();
        assert!(lines.iter().all(|l| l.chars().count() <= 40 && !l.contains('…')), "{lines:?}");
        assert_eq!(lines.concat().trim_start_matches("Page"), url, "all of it, in order");
        // Elsewhere (a title in a narrow grid column) a long word is still cut.
        assert_eq!(wrap_line(&Line::from(url), 20).len(), 1);
    }
}
