//! frab and pretalx write descriptions in Markdown; a terminal wants the text a reader of the
//! conference's site sees: paragraphs, lists, links as "text (address)", escapes gone.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Markdown as readable text. The indentation a file's layout gives every line (an XML
/// element's) is removed first: Markdown would read it as a code block.
pub fn to_text(md: &str) -> String {
    let md = dedent(md);
    // pulldown-cmark's memory is linear but may reach 150 times a crafted text (thousands of
    // nested quotes); no abstract is this long, and a longer one is shown as written.
    if md.len() > MAX_MARKDOWN {
        return md;
    }
    let mut out = Writer::default();
    for event in Parser::new_ext(&md, Options::ENABLE_STRIKETHROUGH) {
        out.event(event);
    }
    out.finish()
}

/// The text without the indentation its lines share. The first line is left out of the
/// measure (it usually follows its opening tag directly) and loses its own leading spaces.
pub fn dedent(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    let (first, rest) = s.split_once('\n').unwrap_or((&s, ""));
    let first = first.trim_start();
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    // Two passes over the lines rather than a list of them: a text of many short lines would
    // take several times its size in slices.
    let margin = rest.lines().filter(|l| !l.trim().is_empty()).map(indent).min().unwrap_or(0);
    let mut out = String::with_capacity(s.len());
    out.push_str(first);
    for l in rest.lines() {
        out.push('\n');
        // Lines are cut at the margin only where it is whitespace: a blank line shorter than
        // the margin stays blank.
        out.push_str(l.get(margin.min(indent(l))..).unwrap_or(""));
    }
    out.truncate(out.trim_end().len());
    out
}

/// The longest description read as Markdown, in bytes.
const MAX_MARKDOWN: usize = 64 * 1024;

/// How many levels of nested lists are shown indented.
const MAX_INDENT: usize = 6;

#[derive(Default)]
struct Writer {
    out: String,
    /// Each open list: the next number, or None for bullets.
    lists: Vec<Option<u64>>,
    /// Links open: their address and where their text began.
    links: Vec<(String, usize)>,
    in_code_block: bool,
}

impl Writer {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.out.push_str(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.out.push_str(&t),
            Event::Html(h) | Event::InlineHtml(h) => self.out.push_str(&super::html::to_text(&h)),
            Event::SoftBreak | Event::HardBreak => self.line(),
            Event::Rule => {
                self.block();
                self.out.push_str("――――");
                self.block();
            }
            Event::TaskListMarker(done) => self.out.push_str(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(r) => self.out.push_str(&format!("[{r}]")),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::BlockQuote(_) if !self.in_item_start() => self.block(),
            Tag::CodeBlock(kind) => {
                self.block();
                self.in_code_block = true;
                if let CodeBlockKind::Fenced(_) = kind {
                    self.out.push_str("    ");
                }
            }
            Tag::List(first) => {
                if self.lists.is_empty() {
                    self.block();
                }
                self.lists.push(first);
            }
            Tag::Item => {
                self.line();
                // Indented by depth up to a point: a list nested 20,000 deep (a crafted
                // description) would otherwise write depth² spaces.
                let depth = self.lists.len().saturating_sub(1).min(MAX_INDENT);
                self.out.push_str(&"  ".repeat(depth));
                match self.lists.last_mut() {
                    Some(Some(n)) => {
                        self.out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => self.out.push_str("• "),
                }
            }
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.links.push((dest_url.to_string(), self.out.len()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::BlockQuote(_) => self.block(),
            TagEnd::Heading(level) => {
                if level <= HeadingLevel::H2 {
                    self.out.push(':');
                }
                self.block();
            }
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.block();
            }
            TagEnd::List(_) => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.block();
                }
            }
            TagEnd::Link | TagEnd::Image => {
                if let Some((url, from)) = self.links.pop() {
                    let text = self.out.get(from..).unwrap_or("").trim();
                    // An autolink's text is its address: said once.
                    let same = text == url || url.strip_prefix("mailto:") == Some(text);
                    if url.is_empty() || same {
                    } else if text.is_empty() {
                        self.out.push_str(&url);
                    } else {
                        self.out.push_str(&format!(" ({url})"));
                    }
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.in_code_block {
            // Each line of a code block indented, as the site shows it apart.
            let mut lines = t.split('\n').peekable();
            while let Some(l) = lines.next() {
                self.out.push_str(l);
                if lines.peek().is_some_and(|n| !n.is_empty()) {
                    self.out.push_str("\n    ");
                } else if lines.peek().is_some() {
                    self.out.push('\n');
                }
            }
        } else {
            self.out.push_str(t);
        }
    }

    /// Whether the text just written is a list item's bullet: its first paragraph follows it.
    fn in_item_start(&self) -> bool {
        !self.lists.is_empty() && (self.out.ends_with("• ") || self.out.ends_with(". "))
    }

    fn line(&mut self) {
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// A blank line before the next block, never two.
    fn block(&mut self) {
        self.line();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") && self.lists.is_empty() {
            self.out.push('\n');
        }
    }

    fn finish(self) -> String {
        self.out.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{dedent, to_text};

    #[test]
    fn autolinks_escapes_and_links_read_as_on_the_site() {
        let md = "Folge den Anweisungen unter <https://rustlings.cool/> für die Installation.\n\n\
                  Für Anfänger\\*innen, mit [rust-analyzer](https://rust-analyzer.github.io/).";
        assert_eq!(
            to_text(md),
            "Folge den Anweisungen unter https://rustlings.cool/ für die Installation.\n\n\
             Für Anfänger*innen, mit rust-analyzer (https://rust-analyzer.github.io/)."
        );
    }

    #[test]
    fn lists_emphasis_code_and_headings() {
        let md = "## Was wir tun\n\n* **eins**\n* _zwei_ mit `code`\n\n1. first\n2. second\n\n```\nfn main() {}\n```\n";
        assert_eq!(to_text(md), "Was wir tun:\n\n• eins\n• zwei mit code\n\n1. first\n2. second\n\n    fn main() {}");
    }

    #[test]
    fn the_files_indentation_is_not_a_code_block() {
        let xml_text = "First paragraph starts here\n                    and goes on.\n\n                    Second paragraph.\n                    ";
        assert_eq!(to_text(xml_text), "First paragraph starts here\nand goes on.\n\nSecond paragraph.");
        let all_indented = "\n        One.\n          Two, indented more.\n";
        assert_eq!(dedent(all_indented), "\nOne.\n  Two, indented more.");
    }

    #[test]
    fn plain_text_comes_back_as_written() {
        assert_eq!(to_text("Just a sentence."), "Just a sentence.");
        assert_eq!(to_text(""), "");
    }

    #[test]
    fn linear_on_long_runs_of_markup() {
        // Not a timing: this only has to finish; a quadratic pass over 200k characters of
        // nested markers would not in any reasonable test time.
        for unit in ["*", "[", "<", "`", "> ", "- ", "1. ", "> - ", "* "] {
            let s = unit.repeat(200_000);
            let out = to_text(&s);
            // Output in proportion to the input: nested lists are not indented without end.
            assert!(out.len() <= 8 * s.len() + 64, "{unit:?}: {} bytes from {}", out.len(), s.len());
        }
    }
}
