//! Key and mouse sequences through the dashboard state, the too-small notice, and article
//! text that tries to drive the terminal.

use qwen_story::corpus::{Article, Corpus, Origin};
use qwen_story::extract::Kind;
use qwen_story::timeline::Timeline;
use qwen_story::ui::{render_to_lines, Action, App, Theme, View};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

fn bundled() -> Timeline {
    Timeline::build(qwen_story::corpus::bundled())
}

fn app() -> App {
    App::new(bundled()).with_theme(Theme::monochrome())
}

fn key(app: &mut App, code: KeyCode) -> Action {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn title(app: &App) -> String {
    app.selected()
        .map(|i| app.timeline().milestones[i].title.clone())
        .unwrap_or_default()
}

fn screen(app: &App, w: u16, h: u16) -> String {
    render_to_lines(app, w, h).join("\n")
}

#[test]
fn number_keys_and_tab_switch_views() {
    let mut app = app();
    assert_eq!(app.view(), View::Dashboard);
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(app.view(), View::Timeline);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.view(), View::Sources);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.view(), View::Dashboard, "Tab wraps around");
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.view(), View::Sources);
}

#[test]
fn movement_keys_walk_the_milestones() {
    let mut app = app();
    let last = app.timeline().milestones.len() - 1;
    assert_eq!(app.selected(), Some(last), "opens on the latest milestone");
    // The Timeline lists oldest first: down is later.
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.selected(), Some(0));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Down);
    assert_eq!(app.selected(), Some(2));
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.selected(), Some(1));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.selected(), Some(0), "stops at the first");
    key(&mut app, KeyCode::PageDown);
    assert_eq!(
        app.selected(),
        Some(18),
        "a page: the 80×24 list's 19 rows less one"
    );
    key(&mut app, KeyCode::End);
    assert_eq!(app.selected(), Some(last));
    key(&mut app, KeyCode::Home);
    assert_eq!(app.selected(), Some(0));
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.selected(), Some(last));
    app.select(usize::MAX);
    assert_eq!(app.selected(), Some(last), "select clamps");
}

#[test]
fn selection_is_shared_by_every_view() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "700m downloads");
    key(&mut app, KeyCode::Enter);
    assert_eq!(title(&app), "Qwen passes 700M downloads");
    key(&mut app, KeyCode::Char('3'));
    assert!(screen(&app, 160, 48).contains("Qwen passes 700M downloads"));
    key(&mut app, KeyCode::Char('2'));
    assert!(
        screen(&app, 160, 48).contains("selected: 2026-01 Qwen passes 700M downloads"),
        "the chart marks it"
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.view(), View::Sources, "Enter opens the sources");
    let sources = screen(&app, 160, 48);
    assert!(sources.contains("3 sources"));
    assert!(
        sources.contains("milhões de downloads"),
        "the Portuguese quote is shown"
    );
}

#[test]
fn search_is_incremental_and_esc_restores() {
    let mut app = app();
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "apple");
    assert_eq!(
        title(&app),
        "Alibaba partners with Apple",
        "selects while typing"
    );
    assert!(
        screen(&app, 80, 24).contains("/apple"),
        "the prompt shows the query"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.selected(),
        Some(0),
        "Esc goes back to where the search began"
    );
    assert!(app.search().is_none());

    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "milhões");
    assert!(
        app.search().is_some_and(|s| s.found),
        "quotes are searched too"
    );
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Char('q'));
    assert!(app.search().is_some_and(|s| !s.found));
    assert!(screen(&app, 80, 24).contains("no match"));
    assert_eq!(
        key(&mut app, KeyCode::Char('q')),
        Action::Redraw,
        "q is text while searching"
    );
    key(&mut app, KeyCode::Enter);
    assert!(app.search().is_none());
}

#[test]
fn filter_cycles_through_present_kinds() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.filter(), Some(Kind::Downloads));
    assert!(app
        .visible()
        .iter()
        .all(|&i| app.timeline().milestones[i].kind == Kind::Downloads));
    assert_eq!(
        app.timeline().milestones[app.selected().unwrap_or_default()].kind,
        Kind::Downloads,
        "selection stays visible"
    );
    assert!(screen(&app, 80, 24).contains("filter: ↓ downloads"));
    key(&mut app, KeyCode::Char('3'));
    let timeline = screen(&app, 80, 24);
    assert!(timeline.contains("Qwen passes 400M downloads") && !timeline.contains("Apple"));
    // Every kind present, then back to all.
    let present = Kind::ALL
        .iter()
        .filter(|k| app.timeline().milestones.iter().any(|m| m.kind == **k))
        .count();
    for _ in 1..present {
        key(&mut app, KeyCode::Char('f'));
        assert!(app.filter().is_some());
    }
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.filter(), None);
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.filter(), None, "Esc clears the filter");
}

#[test]
fn help_lists_every_key_and_closes() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    assert!(app.help_shown());
    // The help scrolls: its top and its end together name every key.
    let mut help = screen(&app, 80, 24);
    key(&mut app, KeyCode::End);
    help.push_str(&screen(&app, 80, 24));
    key(&mut app, KeyCode::Home);
    for k in [
        "Tab", "PgUp", "Enter", "/", "f", "Esc", "Ctrl-C", "e", "mouse",
    ] {
        assert!(help.contains(k), "help names {k}");
    }
    key(&mut app, KeyCode::Esc);
    assert!(!app.help_shown());
    assert_eq!(app.view(), View::Dashboard);
}

#[test]
fn quit_and_export_keys() {
    let mut app = app();
    assert_eq!(key(&mut app, KeyCode::Char('q')), Action::Quit);
    assert_eq!(
        app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Action::Quit
    );
    assert_eq!(key(&mut app, KeyCode::Char('e')), Action::Export);
    app.set_status("exported a.svg".into());
    assert!(screen(&app, 80, 24).contains("exported a.svg"));
}

#[test]
fn chart_key_cycles_series() {
    let mut app = app();
    key(&mut app, KeyCode::Char('2'));
    assert!(screen(&app, 80, 24).contains("Qwen cumulative downloads"));
    key(&mut app, KeyCode::Char('c'));
    assert!(screen(&app, 80, 24).contains("Models derived from Qwen"));
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Left);
    let last = app
        .chart_series()
        .last()
        .map(|s| s.title(&app.timeline().story))
        .unwrap_or_default();
    assert!(
        screen(&app, 80, 24).contains(&last),
        "wraps to the last chart, {last}"
    );
}

#[test]
fn mouse_clicks_tabs_and_rows_and_wheel_scrolls() {
    let mut app = app();
    let area = Rect::new(0, 0, 80, 24);
    let click = |column, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // Tabs are on the second line: " 1 Dashboard   2 Charts   3 Timeline ..."
    let lines = render_to_lines(&app, 80, 24);
    let column = lines[1]
        .find("3 Timeline")
        .map(|c| lines[1][..c].chars().count() as u16)
        .unwrap_or_default();
    app.handle_mouse(click(column, 1), area);
    assert_eq!(app.view(), View::Timeline);
    let lines = render_to_lines(&app, 80, 24);
    let row = lines
        .iter()
        .position(|l| l.contains("Alibaba launches the Qwen app"))
        .expect("row on screen") as u16;
    app.handle_mouse(click(20, row), area);
    assert_eq!(title(&app), "Alibaba launches the Qwen app");
    let before = app.selected();
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 20,
        row: 10,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(wheel, area);
    assert_eq!(
        app.selected().map(|s| s + 3),
        before,
        "a notch moves three rows"
    );
}

#[test]
fn mouse_click_selects_in_the_dashboard_list() {
    let mut app = app();
    let lines = render_to_lines(&app, 80, 24);
    let row = lines
        .iter()
        .position(|l| l.contains("Qwen overtakes OpenChat"))
        .expect("row on screen") as u16;
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 60,
        row,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(click, Rect::new(0, 0, 80, 24));
    assert_eq!(title(&app), "Qwen overtakes OpenChat");
    assert_eq!(app.view(), View::Dashboard);
}

#[test]
fn reload_keeps_selection_and_marks_new_milestones() {
    let full = bundled();
    let mut first = full.clone();
    let removed = first
        .milestones
        .iter()
        .position(|m| m.title.contains("Apple"))
        .expect("Apple milestone");
    first.milestones.remove(removed);
    let mut app = App::new(first).with_theme(Theme::monochrome());
    app.select(removed); // the milestone after Apple's
    let kept = title(&app);
    app.apply_reload(full);
    assert_eq!(title(&app), kept, "same milestone by id");
    assert!(app.is_new(removed));
    key(&mut app, KeyCode::Char('3'));
    assert!(screen(&app, 120, 40).contains("new Alibaba partners with Apple"));
    app.set_reload_error("folder vanished".into());
    assert!(
        screen(&app, 80, 24).contains("reload failed, showing the previous data: folder vanished")
    );
}

#[test]
fn too_small_terminal_gets_a_notice() {
    let app = app();
    for (w, h) in [(59, 24), (80, 15), (20, 5), (1, 1)] {
        let text = screen(&app, w, h);
        assert!(text.contains("too small") || w < 18, "{w}x{h}: {text}");
    }
    assert!(!screen(&app, 60, 16).contains("too small"));
    let _ = screen(&app, 0, 0);
}

#[test]
fn escape_sequences_in_articles_never_reach_the_frame() {
    let body = "Intro.\n\u{1b}]52;c;cGF3bmVk\u{7}Qwen passed 700 million downloads \u{1b}[2J\u{1b}[H in January 2026, \u{9b}31mthe company said.\u{7}\n";
    let text = format!("+++\nid = \"evil\"\ntitle = \"Evil \\u001b[31mtitle\"\noutlet = \"Bad\\u001b]0;owned\\u0007 outlet\"\npublished = \"2026-01-20\"\nlang = \"en\"\n+++\n{body}");
    let article =
        Article::parse(&text, "evil.md", Origin::Memory("evil.md".into())).expect("parses");
    let timeline = Timeline::build(Corpus {
        articles: vec![article],
        warnings: Vec::new(),
    });
    assert!(
        !timeline.milestones.is_empty(),
        "the downloads figure is found"
    );
    let mut app = App::new(timeline).with_theme(Theme::monochrome());
    app.select(0);
    for view in View::ALL {
        app.set_view(view);
        let text = screen(&app, 120, 40);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{view:?} has control characters:\n{text}"
        );
        assert!(
            !text.contains("[2J") && !text.contains("]52;"),
            "{view:?} shows escape remains:\n{text}"
        );
    }
    app.set_view(View::Sources);
    assert!(screen(&app, 120, 40).contains("Bad outlet"));
}

#[test]
fn no_color_theme_leaves_every_cell_uncoloured() {
    use ratatui::buffer::Buffer;
    use ratatui::style::Color;
    let mut app = app();
    let area = Rect::new(0, 0, 120, 40);
    for view in View::ALL {
        app.set_view(view);
        let mut buf = Buffer::empty(area);
        qwen_story::ui::render(&app, area, &mut buf);
        let coloured = buf
            .content()
            .iter()
            .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
            .count();
        assert_eq!(coloured, 0, "{view:?} has coloured cells without colour");
    }
    // With colour, the kinds and the chart are coloured (named colours, not RGB).
    let mut app = App::new(bundled()).with_theme(Theme::default());
    app.set_view(View::Charts);
    let mut buf = Buffer::empty(area);
    qwen_story::ui::render(&app, area, &mut buf);
    assert!(
        buf.content().iter().any(|c| c.fg == Color::Cyan),
        "the downloads line is cyan"
    );
    assert!(
        !buf.content().iter().any(|c| matches!(c.fg, Color::Rgb(..))),
        "no RGB reaches a 16-colour terminal"
    );
}

#[test]
fn empty_timeline_draws_every_view() {
    let mut app = App::new(Timeline::default()).with_theme(Theme::monochrome());
    assert_eq!(app.selected(), None);
    for code in [
        KeyCode::Down,
        KeyCode::End,
        KeyCode::Char('f'),
        KeyCode::Char('c'),
        KeyCode::Enter,
    ] {
        key(&mut app, code);
    }
    for view in View::ALL {
        app.set_view(view);
        let text = screen(&app, 80, 24);
        assert!(text.contains("0 milestones"), "{view:?}:\n{text}");
    }
    app.set_view(View::Charts);
    assert!(screen(&app, 80, 24).contains("no data"));
}

#[test]
fn every_view_draws_at_many_sizes() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    for view in View::ALL {
        app.set_view(view);
        for (w, h) in [
            (60, 16),
            (61, 17),
            (79, 23),
            (80, 24),
            (97, 31),
            (133, 41),
            (200, 60),
            (300, 20),
            (60, 90),
        ] {
            let lines = render_to_lines(&app, w, h);
            assert_eq!(lines.len(), h as usize);
            assert!(!lines.concat().contains("too small"), "{view:?} {w}x{h}");
        }
    }
}
