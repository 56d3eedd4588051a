//! The agenda view: my talks across days, clashes and free gaps, then the on-demand list.

use super::text::{fit, fit_flex, wrap_hanging, wrap_indented, wrap_line};
use crate::agenda::MarkKind;
use crate::agenda::changes::Changed;
use crate::agenda::listing::Row;
use crate::schedule::Talk;
use crate::timefmt;
use crate::tui::app::{App, Pick};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The agenda's lines as they are built, with which line holds the cursor's row and which lines
/// a click picks a row on.
struct Listing {
    lines: Vec<Line<'static>>,
    items: Vec<(usize, Pick)>,
    selected_line: usize,
    /// The next selectable row's position, and the cursor's.
    talk_pos: usize,
    cursor: usize,
    w: usize,
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = &app.session.schedule;
    let w = area.width as usize;
    if app.session.agenda_rows().is_empty() {
        let text = vec![
            Line::from(""),
            Line::styled(" Your agenda is empty.", theme.title()),
            Line::from(" Star talks with s (or Space) in the schedule (1), or mark them o to watch on-demand."),
        ];
        f.render_widget(Paragraph::new(super::text::wrap_lines(&text, area.width as usize)), area);
        return;
    }
    let cursor = app.agenda_view.position(app.session.agenda_items());
    let mut l = Listing { lines: Vec::new(), items: Vec::new(), selected_line: 0, talk_pos: 0, cursor, w };
    if app.session.is_over() && !app.session.on_demand().is_empty() {
        l.lines.extend(wrap_indented(
            "The conference is over: what is left to watch comes first (4 for the on-demand list).",
            w,
            " ",
            theme.title(),
        ));
    }
    for row in app.session.agenda_rows() {
        match row {
            Row::Day(d) => l.heading(format!(" {}", timefmt::day_label(*d)), theme),
            Row::OnDemandHeader => l.heading(" To watch on-demand".into(), theme),
            Row::ChangesHeader => {
                l.lines.push(Line::styled(" Changed in the schedule since you marked them (x: noted)", theme.clash()))
            }
            Row::Changed(c) => l.changed(app, c, theme),
            Row::Gap { from, to } => l.lines.push(fit(
                Line::styled(
                    format!(
                        "   {}  ·· {} free ··",
                        timefmt::at(s, *from),
                        timefmt::minutes((*to - *from).num_minutes())
                    ),
                    theme.dim(),
                ),
                w,
            )),
            Row::Talk { index, mark, clashes_with } => l.talk(app, *index, *mark, clashes_with, theme),
        }
    }
    let h = area.height as usize;
    let top = super::scroll_to(&app.agenda_view.top, l.selected_line, l.lines.len(), h);
    super::clickable_rows(app, area, top, &l.items);
    let visible: Vec<Line> = l.lines.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(visible), area);
}

impl Listing {
    /// A day's or a list's title, after a blank line unless it comes first.
    fn heading(&mut self, text: String, theme: &Theme) {
        if !self.lines.is_empty() {
            self.lines.push(Line::from(""));
        }
        self.lines.push(Line::styled(text, theme.title()));
    }

    /// Make the next line a selectable row: whether it is the cursor's.
    fn pick(&mut self) -> bool {
        let selected = self.talk_pos == self.cursor;
        if selected {
            self.selected_line = self.lines.len();
        }
        self.items.push((self.lines.len(), Pick::Row(self.talk_pos)));
        self.talk_pos += 1;
        selected
    }

    /// A marked talk that changed (or went) in the schedule since it was marked.
    fn changed(&mut self, app: &App, c: &Changed, theme: &Theme) {
        let w = self.w;
        let selected = self.pick();
        let sym = if c.index.is_none() { "✗ " } else { "⟳ " };
        let text = crate::agenda::changes::describe(&app.session.schedule, &app.session.agenda, c);
        // Wrapped, not cut: the new time and room are at the end, and they are the news.
        let line = Line::from(vec![Span::styled(sym, theme.clash()), Span::raw(text)]);
        for (n, part) in wrap_line(&line, w.saturating_sub(5).max(1)).into_iter().enumerate() {
            let lead = match n {
                0 if selected => " ▶ ",
                0 => "   ",
                _ => "     ",
            };
            let mut spans = vec![Span::raw(lead)];
            spans.extend(part.spans);
            let part = Line::from(spans);
            self.lines.push(if selected { part.style(theme.selected()) } else { part });
        }
        if c.index.is_none()
            && let Some(note) = app.session.agenda.note(&c.id)
        {
            self.lines.extend(wrap_indented(&format!("note: {note}"), w, "        ", theme.dim()));
        }
    }

    /// A marked talk's line, then what it clashes with, its video (to watch later) and my note.
    fn talk(&mut self, app: &App, index: usize, mark: MarkKind, clashes_with: &[usize], theme: &Theme) {
        let s = &app.session.schedule;
        let w = self.w;
        let t = &s.talks()[index];
        let mut line = talk_line(app, t, mark, !clashes_with.is_empty(), self.talk_pos == self.cursor, w, theme);
        if self.pick() {
            line = line.style(theme.selected());
        }
        self.lines.push(line);
        // Two clashes said in full; more would push the rest of the day off an 80x24
        // screen (details list them all).
        let said = if clashes_with.len() > 2 { 1 } else { clashes_with.len() };
        for &j in &clashes_with[..said] {
            let text = format!("        ⚠ clashes with {}", timefmt::talk_ref(s, &s.talks()[j]));
            self.lines.extend(wrap_hanging(&Line::styled(text, theme.clash()), w, 10));
        }
        if clashes_with.len() > said {
            let text = format!("        ⚠ and {} more clashes (Enter lists them)", clashes_with.len() - said);
            self.lines.push(fit(Line::styled(text, theme.clash()), w));
        }
        if mark == MarkKind::OnDemand
            && let Some(v) = &t.video
        {
            self.lines.push(fit(Line::styled(format!("        {v}"), theme.link()), w));
        }
        if let Some(note) = app.session.agenda.note(&t.id) {
            self.lines.extend(wrap_indented(&format!("note: {note}"), w, "        ", theme.dim()));
        }
    }
}

/// `▶ 10:00-10:30  ★ Title ⚠  Room · Speakers`, fitted to `w` columns.
fn talk_line(
    app: &App,
    t: &Talk,
    mark: MarkKind,
    clashes: bool,
    selected: bool,
    w: usize,
    theme: &Theme,
) -> Line<'static> {
    let s = &app.session.schedule;
    let when = match mark {
        MarkKind::Attend => timefmt::range(s, t),
        MarkKind::OnDemand => format!("{}  {}", s.local(t.start).format("%a"), timefmt::hm(s, t.start)),
    };
    let (sym, sym_style): (&str, Style) = match mark {
        MarkKind::Attend => ("★", theme.starred()),
        MarkKind::OnDemand if app.session.agenda.is_watched(&t.id) => ("☑", theme.dim()),
        MarkKind::OnDemand => ("◷", theme.later()),
    };
    let arrow = if selected { " ▶ " } else { "   " };
    let mut spans = vec![
        Span::raw(format!("{arrow}{when}  ")),
        Span::styled(sym, sym_style),
        Span::raw(format!(" {}", t.title)),
        Span::styled(format!("  {}", s.room_name(t)), theme.dim()),
    ];
    if clashes {
        spans.insert(3, Span::styled(" ⚠", theme.clash()));
    }
    // The room is where to walk: the speakers give way first, then the title.
    let with_speakers = {
        let mut v = spans.clone();
        if !t.speakers.is_empty() {
            v.push(Span::styled(format!(" · {}", t.speakers.join(", ")), theme.dim()));
        }
        Line::from(v)
    };
    if with_speakers.width() <= w || Line::from(spans.clone()).width() + 12 <= w {
        fit(with_speakers, w)
    } else {
        fit_flex(Line::from(spans), 2, w)
    }
}
