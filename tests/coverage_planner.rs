//! The planner's edges that had no test: the wheel's actions and clicks, the OSC 52 clipboard
//! sequence, a save that fails, and drawing without colour.

mod common;

use base64::Engine;
use common::{app, key, press, render};
use crossterm::event::KeyCode;
use hallway::agenda::MarkKind;
use hallway::agenda::store::Store;
use hallway::tui::app::{App, Pick, View};
use hallway::tui::effect::Effect;
use hallway::tui::keys::Action;
use hallway::tui::modal::Modal;
use hallway::tui::shell::Shell;
use hallway::tui::status::Level;
use ratatui::style::{Color, Modifier};
use tempfile::TempDir;

fn shell(store: &Store) -> Shell<'_> {
    Shell { store, can_save: true, notify: false, seen: None, refresher: None }
}

// 1. The mouse wheel. `tui::read_input` (private, reading crossterm's global event source)
// turns ScrollDown into `update(Action::Down)` and ScrollUp into `update(Action::Up)`; what
// those two do is what the wheel does, tested here.

#[test]
fn the_wheel_moves_the_selection_down_and_back_up_in_the_grid() {
    let mut a = app();
    let start = a.schedule_view.selected;
    let track = a.session.schedule.talks()[start].room;
    let begins = a.session.schedule.talks()[start].start;
    assert!(a.wheel(true).is_empty(), "moving asks nothing of the shell");
    let below = a.schedule_view.selected;
    assert_ne!(below, start, "a wheel step down moves the selection");
    let t = &a.session.schedule.talks()[below];
    assert_eq!(t.room, track, "down stays in the track");
    assert!(t.start > begins, "down is later: {} after {}", t.id, a.session.schedule.talks()[start].id);
    a.wheel(true);
    assert_ne!(a.schedule_view.selected, below, "a second step moves on again");
    a.wheel(false);
    assert_eq!(a.schedule_view.selected, below, "up comes back");
    a.wheel(false);
    assert_eq!(a.schedule_view.selected, start);
}

#[test]
fn the_wheel_moves_the_line_in_list_views_and_scrolls_open_details() {
    let mut a = app();
    a.update(Action::ShowAgenda);
    let items = a.session.agenda_items().len();
    assert!(items > 3, "the agenda has lines to move over");
    let first = a.agenda_view.position(a.session.agenda_items());
    a.wheel(true);
    let second = a.agenda_view.position(a.session.agenda_items());
    assert!(second > first, "down moves the agenda's line: {first} -> {second}");
    a.wheel(false);
    assert_eq!(a.agenda_view.position(a.session.agenda_items()), first, "up moves it back");

    // Over open details the wheel scrolls the text; the list behind stays where it was.
    a.update(Action::ShowSchedule);
    let behind = a.schedule_view.selected;
    a.update(Action::Open);
    let Some(Modal::Details { scroll: 0, .. }) = a.modal else {
        panic!("details open at the top: {:?}", a.modal_name())
    };
    a.wheel(true);
    let Some(Modal::Details { scroll, .. }) = a.modal else { panic!("details stay open") };
    assert!(scroll > 0, "down scrolls details");
    a.wheel(false);
    let Some(Modal::Details { scroll, .. }) = a.modal else { panic!("details stay open") };
    assert_eq!(scroll, 0, "up scrolls back");
    assert_eq!(a.schedule_view.selected, behind, "the grid behind did not move");

    // Over a modal that reads keys (the finder), the wheel does nothing.
    key(&mut a, KeyCode::Esc);
    press(&mut a, "/");
    assert_eq!(a.modal_name(), Some("finder"));
    assert!(a.wheel(true).is_empty());
    assert_eq!((a.modal_name(), a.schedule_view.selected), (Some("finder"), behind));
}

/// Where the last frame drew `want`.
fn spot(a: &App, want: Pick) -> (u16, u16) {
    let c = a.clickable.borrow();
    c.iter().find(|(_, p)| *p == want).map(|(r, _)| (r.x, r.y)).unwrap_or_else(|| panic!("{want:?} not drawn"))
}

#[test]
fn a_click_on_a_star_asks_to_save_and_a_click_on_nothing_or_into_a_prompt_does_nothing() {
    let mut a = app();
    let misery = a.session.schedule.index_of("misery-metrics").unwrap();
    a.select(misery);
    render(&a, 120, 40);
    let (sx, sy) = spot(&a, Pick::Star(misery));
    assert_eq!(a.click(sx, sy, false), [Effect::Save], "a star clicked is a change to save");
    assert_eq!(a.session.agenda.kind("misery-metrics"), Some(MarkKind::Attend));
    render(&a, 120, 40);
    let (sx, sy) = spot(&a, Pick::Star(misery));
    assert_eq!(a.click(sx, sy, false), [Effect::Save]);
    assert_eq!(a.session.agenda.kind("misery-metrics"), None, "a second click unstars");

    // A spot no frame recorded: nothing moves, nothing is asked.
    let before = a.schedule_view.selected;
    render(&a, 120, 40);
    let taken: Vec<_> = a.clickable.borrow().iter().map(|(r, _)| *r).collect();
    let empty = (0..40u16)
        .flat_map(|y| (0..120u16).map(move |x| (x, y)))
        .find(|&(x, y)| !taken.iter().any(|r| r.contains(ratatui::layout::Position { x, y })))
        .expect("some cell is not clickable");
    assert!(a.click(empty.0, empty.1, true).is_empty());
    assert_eq!((a.schedule_view.selected, a.modal_name()), (before, None), "a double-click on nothing opens nothing");

    // With a prompt open, clicks do not reach the grid behind (the prompt is typed into).
    let other = a.session.schedule.index_of("io-uring").unwrap();
    render(&a, 120, 40);
    let (tx, ty) = spot(&a, Pick::Talk(other));
    press(&mut a, "n");
    assert_eq!(a.modal_name(), Some("prompt"));
    assert!(a.click(tx + 3, ty + 1, true).is_empty());
    assert_eq!((a.schedule_view.selected, a.modal_name()), (before, Some("prompt")));
}

#[test]
fn a_double_click_on_an_agenda_line_opens_that_talk() {
    let mut a = app();
    a.update(Action::ShowAgenda);
    render(&a, 120, 40);
    let (x, y) = spot(&a, Pick::Row(1));
    a.click(x + 5, y, true);
    assert_eq!(a.agenda_view.position(a.session.agenda_items()), 1);
    let Some(Modal::Details { talk, .. }) = a.modal else { panic!("details open: {:?}", a.modal_name()) };
    assert_eq!(Some(talk), a.current_talk(), "the details are of the line clicked");
    assert_eq!(a.view, View::Agenda);
}

// 2. OSC 52. The shell writes the sequence to the process's own stdout, so a child run of this
// test binary carries the effect out with its stdout on a pipe, and the parent reads the bytes.

const OSC52_CHILD_ENV: &str = "HALLWAY_TEST_OSC52_HEX";

#[test]
#[ignore = "run by osc52_* in a child process, with the text to copy in its environment"]
fn osc52_child() {
    // Run alone (--include-ignored), it has nothing to copy.
    let Ok(hex) = std::env::var(OSC52_CHILD_ENV) else { return };
    let bytes: Vec<u8> = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
    let text = String::from_utf8(bytes).unwrap();
    let dir = TempDir::new().unwrap();
    let store = Store::new(dir.path(), "p99conf-2022");
    let mut a = app();
    let mut pending = vec![Effect::Copy(text)];
    assert!(!shell(&store).carry_out(&mut a, &mut pending).unwrap());
    assert!(pending.is_empty());
    assert_eq!(a.status.level(), None, "no error: {:?}", a.status.text());
}

/// What the shell writes to the terminal to copy `text`.
fn written_for_copy(text: &str) -> Vec<u8> {
    let hex: String = text.bytes().map(|b| format!("{b:02x}")).collect();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["osc52_child", "--exact", "--ignored", "--nocapture", "--test-threads=1", "--color=never", "-q"])
        .env(OSC52_CHILD_ENV, hex)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The one OSC 52 sequence in `out`: its payload between `ESC ] 52 ; c ;` and BEL.
fn osc52_payload(out: &[u8]) -> &[u8] {
    let head = b"\x1b]52;c;";
    let at = out.windows(head.len()).position(|w| w == head).unwrap_or_else(|| {
        panic!("no OSC 52 sequence in {:?}", String::from_utf8_lossy(out));
    });
    let rest = &out[at + head.len()..];
    let end = rest.iter().position(|&b| b == 0x07).expect("the sequence ends with BEL");
    &rest[..end]
}

#[test]
fn osc52_writes_exactly_esc_52_c_base64_bel() {
    let text = "https://www.p99conf.io/session/ebpf-vs-sidecars/?t=1&x=é ✓";
    let out = written_for_copy(text);
    let want = format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text));
    let found = out.windows(want.len()).filter(|w| *w == want.as_bytes()).count();
    assert_eq!(found, 1, "once, byte for byte: {:?}", String::from_utf8_lossy(&out));
    assert_eq!(out.iter().filter(|&&b| b == 0x1b).count(), 1, "one escape: the sequence's own");
}

#[test]
fn osc52_control_characters_in_the_text_cannot_end_the_sequence() {
    // BEL and ST end an OSC; ESC starts another; C1 ST (U+009C), NUL, newlines, a whole second
    // OSC 52 and a screen clear: all must arrive inside the payload, encoded.
    let text = "a\x07b\x1b\\c\u{9c}d\0e\r\nf\x1b]52;c;ZXZpbA==\x07g\x1b[2Jh\u{9b}31m";
    let out = written_for_copy(text);
    assert_eq!(out.iter().filter(|&&b| b == 0x1b).count(), 1, "only the sequence's own ESC: {out:?}");
    assert_eq!(out.iter().filter(|&&b| b == 0x07).count(), 1, "only the sequence's own BEL: {out:?}");
    let payload = osc52_payload(&out);
    assert!(
        payload.iter().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b)),
        "the payload is base64 alone: {:?}",
        String::from_utf8_lossy(payload)
    );
    let decoded = base64::engine::general_purpose::STANDARD.decode(payload).unwrap();
    assert_eq!(decoded, text.as_bytes(), "the text arrives whole");
}

// 3. A save that fails.

/// A data folder under a regular file: no one, root included, can create anything in it.
fn impossible_data_dir(dir: &TempDir) -> std::path::PathBuf {
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder\n").unwrap();
    file.join("data")
}

#[test]
fn a_save_that_cannot_write_says_so_keeps_the_marks_and_they_can_still_be_exported() {
    let dir = TempDir::new().unwrap();
    let store = Store::new(&impossible_data_dir(&dir), "p99conf-2022");
    let mut sh = shell(&store);
    let mut a = app();
    a.export_dir = dir.path().to_path_buf();
    let misery = a.session.schedule.index_of("misery-metrics").unwrap();
    a.select(misery);
    let mut pending = press(&mut a, "s");
    assert_eq!(pending, [Effect::Save]);
    assert!(!sh.carry_out(&mut a, &mut pending).unwrap(), "a failed save does not quit");
    assert_eq!(a.status.level(), Some(Level::Error), "{:?}", a.status.text());
    let said = a.status.text().unwrap();
    assert!(said.contains("cannot") && said.contains("agenda file"), "{said}");
    assert!(said.contains("kept in memory only"), "{said}");
    assert!(!sh.can_save, "no further tries");
    assert_eq!(a.session.agenda.kind("misery-metrics"), Some(MarkKind::Attend), "the mark is kept");
    assert_eq!(std::fs::read_to_string(dir.path().join("a-file")).unwrap(), "not a folder\n");

    // The error stays through later changes (until Esc), and those are kept in memory too.
    a.select(a.session.schedule.index_of("io-uring").unwrap());
    let mut pending = press(&mut a, "s");
    sh.carry_out(&mut a, &mut pending).unwrap();
    assert!(a.status.text().unwrap().contains("kept in memory only"));
    assert_eq!(a.session.agenda.kind("io-uring"), Some(MarkKind::Attend));

    // "e exports them": the marks reach a file the export writes.
    let mut pending = press(&mut a, "e");
    pending.extend(key(&mut a, KeyCode::Enter));
    assert!(matches!(pending.as_slice(), [Effect::Export { .. }]), "{pending:?}");
    sh.carry_out(&mut a, &mut pending).unwrap();
    let ics = std::fs::read_to_string(dir.path().join("p99conf-2022-agenda.ics")).unwrap();
    let title = |id: &str| a.session.schedule.talk(id).unwrap().title.clone();
    let unfolded = ics.replace("\r\n ", "");
    for id in ["misery-metrics", "io-uring", "ebpf-vs-sidecars"] {
        assert!(unfolded.contains(&title(id)), "{id} exported:\n{ics}");
    }
}

#[test]
fn quitting_with_marks_not_saved_asks_first_and_says_where_e_puts_them() {
    let dir = TempDir::new().unwrap();
    let store = Store::new(&impossible_data_dir(&dir), "p99conf-2022");
    let mut sh = shell(&store);
    let mut a = app();
    a.export_dir = dir.path().to_path_buf();
    assert_eq!(press(&mut a, "q"), [Effect::Quit], "nothing unsaved: q quits");
    let mut pending = press(&mut a, "s");
    sh.carry_out(&mut a, &mut pending).unwrap();
    assert!(press(&mut a, "q").is_empty(), "the first q asks");
    let said = a.status.text().unwrap();
    assert!(said.contains("your marks are not saved") && said.contains(&dir.path().display().to_string()), "{said}");
    assert_eq!(press(&mut a, "q"), [Effect::Quit], "the second quits");
    // Another key between the two: asked again. Exported: nothing is lost, q quits.
    press(&mut a, "j");
    assert!(press(&mut a, "q").is_empty());
    let mut pending = press(&mut a, "e");
    pending.extend(key(&mut a, KeyCode::Enter));
    sh.carry_out(&mut a, &mut pending).unwrap();
    assert_eq!(press(&mut a, "q"), [Effect::Quit]);
}

#[test]
fn a_save_that_cannot_lock_leaves_the_saved_agenda_as_it_was() {
    let dir = TempDir::new().unwrap();
    let store = Store::new(dir.path(), "p99conf-2022");
    let mut a = app();
    store.save(&a.session.agenda).unwrap();
    let before = std::fs::read(store.path()).unwrap();
    // The lock file's place taken by a folder: opening it to write fails for root too.
    let mut lock = store.path().as_os_str().to_owned();
    lock.push(".lock");
    // (The save left its lock file: it stays, as the lock is on it, not its existence.)
    let _ = std::fs::remove_file(&lock);
    std::fs::create_dir(&lock).unwrap();

    let mut sh = shell(&store);
    a.select(a.session.schedule.index_of("misery-metrics").unwrap());
    let mut pending = press(&mut a, "s");
    sh.carry_out(&mut a, &mut pending).unwrap();
    let said = a.status.text().unwrap_or_default();
    assert!(said.contains("cannot lock agenda file") && said.contains("kept in memory only"), "{said}");
    assert_eq!(std::fs::read(store.path()).unwrap(), before, "the file on disk is untouched");
    assert_eq!(a.session.agenda.kind("misery-metrics"), Some(MarkKind::Attend));
    // The save on the way out does not try again over it.
    sh.save(&mut a);
    assert_eq!(std::fs::read(store.path()).unwrap(), before);
    let temp = std::fs::read_dir(store.path().parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(temp, 0, "no temp file left behind");
}

#[test]
fn the_cli_says_a_save_failed_and_exits_1() {
    let dir = TempDir::new().unwrap();
    let data = impossible_data_dir(&dir);
    let out =
        common::hallway_in(dir.path()).env("HALLWAY_DATA_DIR", &data).args(["star", "io-uring"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("hallway: ") && err.contains("agenda file") && err.contains("Not a directory"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("a-file")).unwrap(), "not a folder\n");

    // An agenda that exists but cannot be locked: the star is refused, the file kept.
    let data = dir.path().join("data");
    common::hallway_in(dir.path()).env("HALLWAY_DATA_DIR", &data).args(["star", "io-uring"]).assert().success();
    let store = Store::new(&data, "p99conf-2022");
    let before = std::fs::read(store.path()).unwrap();
    let mut lock = store.path().as_os_str().to_owned();
    lock.push(".lock");
    // (The save left its lock file: it stays, as the lock is on it, not its existence.)
    let _ = std::fs::remove_file(&lock);
    std::fs::create_dir(&lock).unwrap();
    let out = common::hallway_in(dir.path())
        .env("HALLWAY_DATA_DIR", &data)
        .args(["star", "misery-metrics"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot lock agenda file"), "{err}");
    assert_eq!(std::fs::read(store.path()).unwrap(), before, "nothing lost, nothing half-written");
}

// 4. Without colour.

/// The scenes drawn: the grid on a clashing starred talk, the list, Now, Agenda, On-demand,
/// details, help, and an error on the status line.
fn scenes(no_color: bool) -> Vec<(String, ratatui::buffer::Buffer)> {
    let mut a = app();
    a.no_color = no_color;
    a.select(a.session.schedule.index_of("ebpf-vs-sidecars").unwrap());
    a.status.error("⚠ a save failed");
    let mut out = Vec::new();
    let mut shot = |name: &str, a: &App| out.push((name.to_string(), render(a, 120, 40).backend().buffer().clone()));
    shot("grid", &a);
    a.update(Action::ToggleList);
    shot("list", &a);
    a.update(Action::ToggleList);
    for (name, action) in
        [("now", Action::ShowNow), ("agenda", Action::ShowAgenda), ("on-demand", Action::ShowOnDemand)]
    {
        a.update(action);
        shot(name, &a);
    }
    a.update(Action::ShowSchedule);
    a.update(Action::Open);
    shot("details", &a);
    a.update(Action::Back);
    a.update(Action::Help);
    shot("help", &a);
    out
}

fn text_of(b: &ratatui::buffer::Buffer) -> String {
    b.content.iter().map(|c| c.symbol()).collect()
}

#[test]
fn with_colour_off_no_cell_has_a_colour() {
    for (name, buf) in scenes(true) {
        for (i, cell) in buf.content.iter().enumerate() {
            let (x, y) = buf.pos_of(i);
            assert_eq!(
                (cell.fg, cell.bg, cell.underline_color),
                (Color::Reset, Color::Reset, Color::Reset),
                "{name}: cell {x},{y} {:?} is coloured",
                cell.symbol()
            );
        }
    }
    // The same scenes with colour on do use colour: the check above has something to catch.
    for (name, buf) in scenes(false) {
        assert!(buf.content.iter().any(|c| c.fg != Color::Reset), "{name} drew no colour at all with colour on");
    }
}

#[test]
fn with_colour_off_selection_stars_and_clashes_still_show() {
    let scenes = scenes(true);
    let get = |n: &str| &scenes.iter().find(|(name, _)| name == n).unwrap().1;
    let grid = get("grid");
    let text = text_of(grid);
    assert!(text.contains('★'), "starred talks carry a star");
    assert!(text.contains('⚠'), "a clash carries a warning sign");
    assert!(text.contains('▶'), "the selection carries a marker");
    // The selected box is reversed, and so is only what is selected or a bar.
    let reversed: String =
        grid.content.iter().filter(|c| c.modifier.contains(Modifier::REVERSED)).map(|c| c.symbol()).collect();
    assert!(reversed.contains("eBPF"), "the selected talk is drawn reversed: {reversed:?}");
    assert!(
        grid.content.iter().any(|c| c.modifier.contains(Modifier::BOLD) && c.symbol() == "⚠"),
        "a clash is bold without colour"
    );
    for name in ["list", "agenda"] {
        let t = text_of(get(name));
        assert!(t.contains('★') && t.contains('⚠') && t.contains('▶'), "{name}: stars, clashes and the selection");
        assert!(get(name).content.iter().any(|c| c.modifier.contains(Modifier::REVERSED)), "{name}: selection");
    }
}

#[test]
fn y_copies_a_web_address_only() {
    let s = hallway::schedule::bundled();
    let mut talks = s.talks().to_vec();
    let i = talks.iter().position(|t| t.id == "ebpf-vs-sidecars").unwrap();
    let now = hallway::clock::parse_at("2022-10-19 09:20", s.conference.tz).unwrap();
    for (link, copied) in [("javascript:alert(1)", false), ("--help", false), ("https://v.example/e.mp4", true)] {
        talks[i].video = Some(link.into());
        let schedule = hallway::schedule::Schedule::new(s.conference.clone(), talks.clone());
        let agenda = hallway::agenda::Agenda::new(&s.conference.id);
        let mut a = App::new(schedule, agenda, hallway::tui::app::Options::at(now, None));
        a.select(i);
        let effects = press(&mut a, "y");
        assert_eq!(effects == vec![Effect::Copy(link.into())], copied, "{link}: {effects:?}");
        let said = a.status.text().unwrap_or_default();
        assert_eq!(said.contains("is not a web address: not copied"), !copied, "{link}: {said}");
    }
}
