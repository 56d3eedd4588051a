//! The detail pane: everything about one talk, and how it sits with your agenda.

use super::centered;
use super::text::wrap_hanging;
use crate::agenda::MarkKind;
use crate::timefmt;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Details over the view: the whole width on a narrow terminal (no strip of grid showing
/// through at its sides), 96 columns on a wide one.
pub fn draw(f: &mut Frame, area: Rect, app: &App, index: usize, scroll: u16, theme: &Theme) {
    let width = if area.width <= 100 { area.width } else { 96 };
    let block = Block::bordered().title(" Details ").title_bottom(Line::from(keys(app, index, width)).right_aligned());
    let wrapped = lines(app, index, theme, width.saturating_sub(2) as usize);
    let content = wrapped.len() as u16;
    let para = Paragraph::new(wrapped);
    let rect = centered(area, width, content.saturating_add(2));
    let max = content.saturating_sub(rect.height.saturating_sub(2));
    app.scroll_max.set(max);
    super::clear_popup(f, rect);
    f.render_widget(para.block(block).scroll((scroll.min(max), 0)), rect);
    links_drawn(app, rect, index);
}

/// Where the talk's links are, so they can be made clickable (see `hyperlinks`).
fn links_drawn(app: &App, area: Rect, index: usize) {
    let t = &app.session.schedule.talks()[index];
    let urls = t.url.iter().chain(t.video.iter()).cloned().chain(t.links.iter().map(|l| l.url.clone())).collect();
    app.links_drawn.borrow_mut().push((area, urls));
}

/// The keys that work on this talk, as remapped, as many as the border holds (the page's keys
/// only when it has a page, the video's when it has one).
fn keys(app: &App, index: usize, width: u16) -> String {
    use crate::tui::keys::Action;
    let t = &app.session.schedule.talks()[index];
    let key = |a: Action| app.keymap.key_of(a).map(str::to_string);
    // What the key would do to this talk.
    let (star, later) = match app.session.agenda.kind(&t.id) {
        Some(MarkKind::Attend) => ("unstar", "later"),
        Some(MarkKind::OnDemand) => ("star", "not later"),
        None => ("star", "later"),
    };
    // Most needed first: a narrow border keeps the first ones.
    let mut items =
        vec![(key(Action::Back), "close"), (key(Action::ToggleStar), star), (key(Action::ToggleLater), later)];
    // From another view, where the talk is in the schedule.
    if app.view != crate::tui::state::View::Schedule {
        items.push((key(Action::ShowSchedule), "in schedule"));
    }
    if t.url.is_some() {
        items.push((key(Action::OpenPage), "page"));
    }
    if t.video.is_some() {
        items.push((key(Action::CopyLink), "copy video"));
    }
    if t.url.is_some() {
        items.push((key(Action::CopyPage), "copy page"));
    }
    items.extend([(key(Action::EditNote), "note"), (Some("↑↓".into()), "scroll")]);
    let room = usize::from(width).saturating_sub(4);
    let mut out = String::new();
    for (k, what) in items {
        let Some(k) = k else { continue };
        let item = if out.is_empty() { format!(" {k} {what}") } else { format!(" · {k} {what}") };
        if Line::from(format!("{out}{item} ")).width() > room {
            break;
        }
        out.push_str(&item);
    }
    out.push(' ');
    out
}

/// Details beside the grid on a wide terminal: the selected talk, read without a key.
pub fn draw_pane(f: &mut Frame, area: Rect, app: &App, index: usize, theme: &Theme) {
    let block = Block::new().borders(ratatui::widgets::Borders::LEFT).border_style(theme.dim());
    let wrapped = lines(app, index, theme, area.width.saturating_sub(1) as usize);
    f.render_widget(Paragraph::new(wrapped).block(block), area);
    links_drawn(app, area, index);
}

/// The details, wrapped to `width`: a labelled line wraps under its text, not its label.
fn lines(app: &App, index: usize, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let s = &app.session.schedule;
    // Each line with how far in its wrapped lines start.
    let mut lines: Vec<(Line<'static>, usize)> = Vec::new();
    let t = &s.talks()[index];
    lines.push((Line::styled(t.title.clone(), theme.title()), 0));
    if !t.speakers.is_empty() {
        lines.push((Line::from(t.speakers.join(", ")), 0));
    }
    lines.push((Line::from(""), 0));
    let local = s.local(t.start);
    let mut when = vec![
        Span::styled("When   ", theme.dim()),
        Span::raw(format!(
            "{} {} {} ({})",
            local.format("%a %-d %b"),
            timefmt::range_on_its_date(s, t),
            timefmt::zone(&local),
            timefmt::minutes(t.minutes())
        )),
    ];
    // A night session is the organisers' day before: said, as the grid and agenda file it there.
    if s.date_of(t.start) != local.date_naive() {
        when.push(Span::styled(format!("  ·  night of {}", timefmt::day_label(s.date_of(t.start))), theme.dim()));
    }
    if let Some(mine) = timefmt::in_user_zone(s, t, app.session.user_tz) {
        when.push(Span::styled(format!("  ·  your time {mine}"), theme.dim()));
    }
    lines.push((Line::from(when), LABEL));
    // Reached from the agenda's changes: what changed since it was marked, with the old time.
    if let Some(mark) = app.session.agenda.marks.get(&t.id) {
        let what = crate::agenda::changes::compare(s, index, &mark.seen);
        if !what.is_empty() {
            let text = crate::agenda::changes::what_changed(s, &mark.seen, index, &what);
            lines.push((
                Line::from(vec![Span::styled("⟳      ", theme.clash()), Span::styled(text, theme.clash())]),
                LABEL,
            ));
        }
    }
    let labelled =
        |label: &'static str, text: String| Line::from(vec![Span::styled(label, theme.dim()), Span::raw(text)]);
    lines.push((labelled("Room   ", s.room_name(t).to_string()), LABEL));
    if let Some(track) = &t.track {
        lines.push((labelled("Track  ", track.clone()), LABEL));
    }
    if let Some(lang) = &t.language {
        lines.push((labelled("Lang   ", crate::languages::name(lang)), LABEL));
    }
    let mut kind = t.kind.clone();
    if !t.tags.is_empty() {
        kind = format!("{kind} · {}", t.tags.join(", "));
    }
    lines.push((Line::from(vec![Span::styled("Kind   ", theme.dim()), Span::raw(kind)]), LABEL));
    let status = match app.session.agenda.kind(&t.id) {
        Some(MarkKind::Attend) => Span::styled("★ starred: you attend this", theme.starred()),
        Some(MarkKind::OnDemand) if app.session.agenda.is_watched(&t.id) => {
            Span::styled("☑ on-demand, watched", theme.dim())
        }
        Some(MarkKind::OnDemand) => Span::styled("◷ to watch on-demand", theme.later()),
        None => Span::styled("not in your agenda (s to star, o for on-demand)", theme.dim()),
    };
    lines.push((Line::from(vec![Span::styled("Yours  ", theme.dim()), status]), LABEL));
    let going = app.session.friends.names_at(&t.id);
    if !going.is_empty() {
        lines.push((Line::from(vec![Span::styled("Going  ", theme.dim()), Span::raw(going.join(", "))]), LABEL));
    }
    for line in clash_lines(app, index) {
        lines.push((Line::styled(line, theme.clash()), MARK));
    }
    if let Some(note) = app.session.agenda.marks.get(&t.id).and_then(|m| m.note.as_ref()) {
        lines.push((
            Line::from(vec![Span::styled("Note   ", theme.dim()), Span::raw(crate::sanitize::line(note))]),
            LABEL,
        ));
    }
    // The links before the abstract: at 80x24 a long abstract would push them out of sight.
    lines.extend(link_lines(t, app.session.now, theme));
    lines.push((Line::from(""), 0));
    if t.abstract_text.is_empty() {
        lines.push((Line::styled("No abstract.", theme.dim()), 0));
    } else {
        lines.extend(t.abstract_text.lines().map(|l| (Line::from(l.to_string()), 0)));
    }
    lines.iter().flat_map(|(line, hang)| wrap_hanging(line, width, *hang)).collect()
}

/// The page, the recording (or why there is none), the live stream and every other link.
fn link_lines(
    t: &crate::schedule::Talk,
    now: chrono::DateTime<chrono::Utc>,
    theme: &Theme,
) -> Vec<(Line<'static>, usize)> {
    let mut lines = Vec::new();
    if let Some(u) = &t.url {
        lines.push((
            Line::from(vec![Span::styled("Page   ", theme.dim()), Span::styled(u.clone(), theme.link())]),
            LINK,
        ));
    }
    let video = match (&t.video, t.recorded) {
        (Some(v), _) => Line::from(vec![Span::styled("Video  ", theme.dim()), Span::styled(v.clone(), theme.link())]),
        (None, Some(false)) => Line::from(vec![
            Span::styled("Video  ", theme.dim()),
            Span::styled("not recorded: attend it or miss it", theme.clash()),
        ]),
        (None, _) => Line::styled("Video  none announced", theme.dim()),
    };
    lines.push((video, LINK));
    // The stream is the way in while the talk is on (and just before); at other times it is
    // one more link, never the recording.
    let on = t.start - chrono::Duration::minutes(15) <= now && now < t.end;
    let live = t.live_link().filter(|_| on);
    if let Some(live) = live {
        let line = Line::from(vec![
            Span::styled("Live   ", theme.dim()),
            Span::styled(live.url.clone(), theme.link()),
            Span::styled("  on now", theme.live()),
        ]);
        lines.push((line, LINK));
    }
    // Every link the organisers give, with what it is: slides, chat, the project.
    // A stream of a talk that is over leads nowhere.
    let over = now >= t.end;
    let others: Vec<_> = t
        .links
        .iter()
        .filter(|l| Some(&l.url) != t.video.as_ref() && Some(*l) != live && !(over && l.is_live()))
        .collect();
    for (i, l) in others.iter().enumerate() {
        let label = if i == 0 { "Links  " } else { "       " };
        let line = Line::from(vec![
            Span::styled(label, theme.dim()),
            Span::raw(if l.title == l.url { String::new() } else { format!("{}: ", l.title) }),
            Span::styled(l.url.clone(), theme.link()),
        ]);
        lines.push((line, LINK));
    }
    lines
}

/// How wide the labels are ("Track  "): a wrapped labelled line starts under its text.
const LABEL: usize = 7;
/// A link too long for its line goes whole to the next, at the margin: more of it shows.
const LINK: usize = 0;
/// "⚠ " before a clash.
const MARK: usize = 2;

/// "clashes with ..." for a starred talk; "clashes with your ..." for one you are only browsing.
pub fn clash_lines(app: &App, index: usize) -> Vec<String> {
    let s = &app.session.schedule;
    let t = &s.talks()[index];
    let describe = |j: usize| timefmt::talk_ref(s, &s.talks()[j]);
    if app.session.agenda.is_attending(&t.id) {
        app.session.partners_of(index).into_iter().map(|j| format!("⚠ clashes with {}", describe(j))).collect()
    } else {
        app.session
            .attending
            .iter()
            .copied()
            .filter(|&j| s.talks()[j].overlaps(t))
            .map(|j| format!("⚠ clashes with your ★ {}", describe(j)))
            .collect()
    }
}
