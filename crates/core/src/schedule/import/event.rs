//! One event as a format gave it into a talk: links chosen, descriptions rendered, every
//! text cleaned.

use super::{Markup, RawEvent, dedup, html, markdown};
use crate::sanitize;
use crate::schedule::{Link, Talk};
use chrono::{DateTime, Utc};

impl Markup {
    /// frab and pretalx write Markdown, Pentabarf HTML, and one element carries either: tags
    /// that close or break lines are HTML, anything else Markdown (whose `<https://…>` is a link).
    pub fn of_rich(text: &str) -> Self {
        let lower = |s: &str| text.contains(s) || text.contains(&s.to_ascii_uppercase());
        if ["</", "<br", "<p>", "<p ", "<ul", "<li"].iter().any(|s| lower(s)) { Self::Html } else { Self::Markdown }
    }
}

/// A talk from an event whose id, room and times are settled: every text cleaned.
pub(super) fn talk(e: RawEvent, id: String, room: usize, start: DateTime<Utc>, end: DateTime<Utc>) -> Talk {
    let links: Vec<Link> = e
        .links
        .iter()
        .filter_map(|(url, title)| {
            let url = sanitize::web_address(url)?;
            let title = sanitize::line(title);
            Some(Link { title: if title.is_empty() { url.clone() } else { title }, url })
        })
        .collect();
    let video = e
        .video
        .as_deref()
        .and_then(sanitize::web_address)
        // By the titles the file gives (an untitled link shows its address as its title, and
        // an address is no title to judge by).
        .or_else(|| pick_video(e.links.iter().map(|(u, t)| (u.as_str(), t.as_str()))))
        // Picked by the file's own words, kept as every other address is: cleaned.
        .and_then(|u| sanitize::web_address(&u));
    let abstract_text = match e.markup {
        Markup::Plain => sanitize::text(&html::to_text(&e.abstract_text)),
        // `about` took off each part's layout indentation; HTML drops what leads a line anyway.
        Markup::Html => sanitize::text(&html::to_text(&e.abstract_text)),
        Markup::Markdown => sanitize::text(&markdown::to_text(&e.abstract_text)),
    };
    Talk {
        id,
        title: sanitize::line(&e.title),
        speakers: e.speakers.iter().map(|s| sanitize::line(s)).filter(|s| !s.is_empty()).collect(),
        room,
        track: e.track.map(|t| sanitize::line(&t)).filter(|t| !t.is_empty()),
        start,
        end,
        kind: Some(sanitize::line(&e.kind)).filter(|k| !k.is_empty()).unwrap_or_else(|| "talk".into()),
        tags: dedup(e.tags.iter().map(|t| sanitize::line(t)).filter(|t| !t.is_empty())),
        abstract_text,
        language: e.language.as_deref().and_then(crate::languages::normalize),
        recorded: e.recorded,
        video,
        url: e.url.as_deref().and_then(sanitize::web_address),
        links,
    }
}

/// What a talk is about, from the fields frab and Pentabarf both have: the subtitle first, then
/// the abstract, then the description when it says something else.
pub fn about(subtitle: Option<String>, abstract_text: Option<String>, description: Option<String>) -> String {
    // Each part without the indentation the file's layout gave it, before they are joined:
    // once joined, a part's first line is no longer the text's first.
    let (subtitle, abstract_text, description) = (
        subtitle.map(|s| markdown::dedent(&s)),
        abstract_text.map(|s| markdown::dedent(&s)),
        description.map(|s| markdown::dedent(&s)),
    );
    let mut text = abstract_text.unwrap_or_default();
    // Words alone, to tell whether one part only repeats the other: a camp's abstract is often
    // its description cut short, and the two together read the opening twice.
    // Joined as they come, not collected first: a list of a million one-letter words would
    // take eight times its text.
    let words = |x: &str| {
        let mut out = String::with_capacity(x.len());
        for w in x.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w.trim_end_matches(['…', '.']));
        }
        out
    };
    if let Some(desc) = description.filter(|x| !x.trim().is_empty()) {
        let (a, d) = (words(&text), words(&desc));
        if d.starts_with(&a) {
            text = desc;
        } else if !a.contains(&d) {
            if !text.trim().is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&desc);
        }
    }
    match subtitle.filter(|x| !x.trim().is_empty()) {
        Some(sub) => format!("{sub}\n\n{text}"),
        None => text,
    }
}

/// The recording among an event's links, by what each says it is: "Video recording (mp4)"
/// before a "VIDEO (temp link)", a file before a page; a livestream or a trailer is never
/// the recording.
pub fn pick_video<'a>(links: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    const SITES: [&str; 6] = ["media.ccc.de", "video.fosdem.org", "youtube.com", "youtu.be", "vimeo.com", "peertube"];
    const NOT: [&str; 6] = ["live", "stream", "trailer", "teaser", "promo", "chat"];
    let rank = |url: &str, title: &str| -> Option<u8> {
        let (u, t) = (url.to_lowercase(), title.to_lowercase());
        if !(u.starts_with("http://") || u.starts_with("https://")) {
            return None;
        }
        let link = Link { url: url.into(), title: title.into() };
        // Whole words of the title: "Video recording (mp4)" is no "chat", "Attempt" no "temp".
        let words: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let said = |w: &str| words.contains(&w);
        if link.is_live() || NOT.iter().any(|w| said(w)) {
            return None;
        }
        let file = [".mp4", ".webm", ".mkv", ".m3u8"].iter().any(|x| u.ends_with(x));
        let says = t.contains("recording") || t.contains("video") || t.contains("aufzeichnung");
        if !(says || file || SITES.iter().any(|s| u.contains(s))) {
            return None;
        }
        let temporary = ["temp", "temporary", "preliminary", "vorläufig"].iter().any(|w| said(w));
        Some(u8::from(temporary) * 4 + u8::from(!t.contains("recording")) * 2 + u8::from(!u.ends_with(".mp4")))
    };
    links
        .into_iter()
        .enumerate()
        .filter_map(|(i, (url, title))| Some((rank(url, title)?, i, url)))
        .min()
        .map(|(_, _, url)| url.to_string())
}
