//! Issue 14: each defect seen using the dashboard, as a key sequence that failed before it
//! was fixed; then the Sources pane as a reader.

use qwen_story::corpus::{Article, Corpus, Origin};
use qwen_story::timeline::{Series, Timeline};
use qwen_story::ui::{render_to_lines, Action, App, KeyTable, Overlay, Theme, View};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use std::collections::BTreeMap;

fn bundled() -> Timeline {
    Timeline::build(qwen_story::corpus::bundled())
}

fn app_at(w: u16, h: u16) -> App {
    let mut app = App::new(bundled()).with_theme(Theme::monochrome());
    app.resize(w, h);
    app
}

fn key(app: &mut App, code: KeyCode) -> Action {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(app: &mut App, c: char) -> Action {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
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

fn screen(app: &App) -> String {
    let (w, h) = app.size();
    render_to_lines(app, w, h).join("\n")
}

fn select_title(app: &mut App, text: &str) {
    let index = app
        .timeline()
        .milestones
        .iter()
        .position(|m| m.title.contains(text))
        .unwrap_or_else(|| panic!("no milestone titled {text:?}"));
    app.select(index);
}

/// An article written for these tests (no corpus text).
fn article(id: &str, front: &str, body: &str) -> Article {
    let text = format!("+++\nid = \"{id}\"\n{front}+++\n{body}");
    Article::parse(
        &text,
        &format!("{id}.md"),
        Origin::Memory(format!("{id}.md")),
    )
    .expect("test article parses")
}

/// The rows of the frame where `text` appears.
fn rows_with(app: &App, text: &str) -> Vec<usize> {
    let (w, h) = app.size();
    render_to_lines(app, w, h)
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains(text))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn d1_top_key_scrolls_the_dashboard_list_to_the_selection() {
    let mut app = app_at(100, 30);
    key(&mut app, KeyCode::Char('g'));
    let selected = title(&app);
    assert!(
        screen(&app).contains(&selected),
        "the selected milestone is on screen after g"
    );
    key(&mut app, KeyCode::Char('G'));
    let selected = title(&app);
    assert!(screen(&app).contains(&selected), "and after G");
}

#[test]
fn d2_down_moves_down_the_list_as_drawn_in_every_view() {
    let mut app = app_at(100, 30);
    // The Dashboard lists newest first: the row under the selection is an older milestone.
    let lines = render_to_lines(&app, 100, 30);
    let first = title(&app);
    let row = rows_with(&app, &first)[0];
    key(&mut app, KeyCode::Char('j'));
    let below = title(&app);
    assert!(
        lines[row + 1].contains(&below[..below.len().min(30)]),
        "j selects the row drawn below: {below:?} in {:?}",
        lines[row + 1]
    );
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Up);
    assert_eq!(title(&app), below, "↑ undoes ↓");
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(title(&app), first, "k goes back up");
    // In the Timeline (oldest first) down is later.
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.selected(), Some(0));
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.selected(), Some(1));
    // PgDn moves a page of rows of that list.
    key(&mut app, KeyCode::PageDown);
    let page = app.selected().unwrap_or_default();
    assert!(page > 10, "a page at 30 rows is more than ten: {page}");
}

#[test]
fn d3_the_sources_pane_scrolls_from_the_keyboard_with_markers() {
    let mut app = app_at(80, 24);
    select_title(&mut app, "700M downloads");
    key(&mut app, KeyCode::Char('4'));
    let text = screen(&app);
    assert!(
        text.contains("more below"),
        "a marker says there is more:\n{text}"
    );
    for _ in 0..6 {
        key(&mut app, KeyCode::Char(' '));
    }
    let text = screen(&app);
    assert!(
        text.contains("[3/3]"),
        "Space scrolled to the third source:\n{text}"
    );
    assert!(
        text.contains("more above") && !text.contains("more below"),
        "at the end:\n{text}"
    );
    key(&mut app, KeyCode::Char('b'));
    ctrl(&mut app, 'u');
    ctrl(&mut app, 'd');
    key(&mut app, KeyCode::Home);
    assert_eq!(app.source_scroll(), app.source_scroll().min(200));
}

#[test]
fn d4_series_of_one_point_are_figures_not_charts() {
    let app = app_at(120, 40);
    for series in app.chart_series() {
        let points = app.timeline().series(&series);
        assert!(
            points.len() >= 2,
            "{series:?} is charted with {} point(s)",
            points.len()
        );
    }
    // `qwen-story chart` of a one-point series draws the figure, not a dot on an axis.
    let timeline = bundled();
    let data = qwen_story::chart::ChartData::from_timeline(&timeline, &Series::Investment, None);
    if data.points.len() == 1 {
        let mut svg = String::new();
        {
            use plotters::prelude::*;
            let root = SVGBackend::with_string(&mut svg, (1200, 675)).into_drawing_area();
            qwen_story::chart::draw(&root, &data, &qwen_story::chart::ChartStyle::image())
                .expect("draws");
        }
        assert!(svg.contains("the only figure of this series"), "{svg}");
    }
}

#[test]
fn d5_the_chart_labels_first_last_and_selected_points() {
    let mut app = app_at(120, 40);
    select_title(&mut app, "700M downloads");
    key(&mut app, KeyCode::Char('2'));
    let text = screen(&app);
    assert!(text.contains("400M"), "the first point's value:\n{text}");
    assert!(
        text.contains("700M 2026-01"),
        "the selected point's value and date:\n{text}"
    );
    // The selection is a short mark, not a line through the data: no column of `│`/`⡇`
    // from the top of the plot to the axis.
    assert!(text.contains("selected: 2026-01"));
}

#[test]
fn d6_arrows_on_the_dashboard_do_not_switch_the_hidden_chart_and_charts_follow_the_selection() {
    let mut app = app_at(100, 30);
    let before = app.chart_index();
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.chart_index(), before, "nothing changes out of sight");
    let share = app
        .timeline()
        .milestones
        .iter()
        .position(|m| m.kind == qwen_story::extract::Kind::SharePrice);
    if let Some(share) = share {
        app.select(share);
        let series = app.current_series();
        if app
            .chart_series()
            .iter()
            .any(|s| matches!(s, Series::SharePrice(_)))
        {
            assert!(
                matches!(series, Series::SharePrice(_)),
                "follows: {series:?}"
            );
        }
    }
    select_title(&mut app, "700M downloads");
    assert_eq!(app.current_series(), Series::Downloads);
}

#[test]
fn d7_excerpts_leave_page_furniture_out() {
    let body = "Compartilhar\nExibir comentários\nFoto: Agência\nAutor: Fulano\nO Qwen passou de 700 milhões de downloads em janeiro de 2026, disse a empresa.\nLeia também\n";
    let a = article(
        "furn",
        "outlet = \"Diário\"\npublished = \"2026-01-20\"\nlang = \"pt\"\n",
        body,
    );
    let timeline = Timeline::build(Corpus {
        articles: vec![a],
        warnings: Vec::new(),
    });
    assert!(!timeline.milestones.is_empty(), "the figure is found");
    let mut app = App::new(timeline).with_theme(Theme::monochrome());
    app.resize(100, 30);
    app.select(0);
    app.set_view(View::Sources);
    let text = screen(&app);
    assert!(text.contains("700 milhões"), "{text}");
    for furniture in [
        "Compartilhar",
        "Exibir comentários",
        "Autor:",
        "Leia também",
    ] {
        assert!(!text.contains(furniture), "{furniture} shown:\n{text}");
    }
}

#[test]
fn d8_the_warning_count_names_its_key_and_w_lists_them() {
    let timeline = Timeline::build(Corpus {
        articles: vec![article(
            "w",
            "published = \"2026-01-20\"\n",
            "Qwen passed 700 million downloads in January 2026.\n",
        )],
        warnings: vec!["broken.md: line 3: the front matter is not valid TOML".into()],
    });
    let mut app = App::new(timeline).with_theme(Theme::monochrome());
    app.resize(100, 30);
    let text = screen(&app);
    assert!(text.contains("⚠ 1 warning (w)"), "{text}");
    key(&mut app, KeyCode::Char('w'));
    assert_eq!(app.overlay(), Some(Overlay::Warnings));
    let text = screen(&app);
    assert!(text.contains("broken.md: line 3"), "{text}");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), None);
}

#[test]
fn d9_a_source_without_outlet_names_the_host_of_its_url_or_its_title() {
    let with_url = article(
        "u",
        "url = \"https://www.example-news.com/tech/qwen\"\npublished = \"2026-01-20\"\nlang = \"en\"\n",
        "Qwen passed 700 million downloads in January 2026.\n",
    );
    let with_title = article(
        "t",
        "title = \"Weekly AI Letter\"\npublished = \"2026-01-21\"\nlang = \"en\"\n",
        "Qwen passed 700 million downloads in January 2026, the letter says.\n",
    );
    let timeline = Timeline::build(Corpus {
        articles: vec![with_url, with_title],
        warnings: Vec::new(),
    });
    let mut app = App::new(timeline).with_theme(Theme::monochrome());
    app.resize(120, 40);
    app.select(0);
    app.set_view(View::Sources);
    let text = screen(&app);
    assert!(!text.contains("unknown outlet"), "{text}");
    assert!(text.contains("example-news.com"), "{text}");
    assert!(text.contains("Weekly AI Letter"), "{text}");
}

#[test]
fn d10_search_counts_highlights_and_n_repeats() {
    let mut app = app_at(100, 30);
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "downloads");
    let count = app.search().map_or(0, |s| s.matches);
    assert!(count >= 2, "several milestones match: {count}");
    assert!(screen(&app).contains(&format!("{count} matches")));
    key(&mut app, KeyCode::Enter);
    let first = app.selected();
    assert!(screen(&app).contains("n next"), "the footer says n repeats");
    key(&mut app, KeyCode::Char('n'));
    assert_ne!(app.selected(), first, "n goes to the next match");
    assert!(title(&app).to_lowercase().contains("downloads") || count > 0);
    key(&mut app, KeyCode::Char('N'));
    assert_eq!(app.selected(), first, "N comes back");
    // The match is highlighted in the list (colour theme: its own style).
    let mut coloured = App::new(bundled());
    coloured.set_view(View::Timeline);
    coloured.handle_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    for c in "downloads".chars() {
        coloured.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let area = Rect::new(0, 0, 100, 30);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    qwen_story::ui::render(&coloured, area, &mut buf);
    let found = coloured.theme().found();
    assert!(
        buf.content()
            .iter()
            .any(|c| c.fg == found.fg.unwrap_or_default()
                && c.modifier.contains(ratatui::style::Modifier::UNDERLINED)),
        "matches are highlighted"
    );
}

#[test]
fn d11_help_scrolls_at_60x16_and_keys_work_while_too_small() {
    let mut app = app_at(60, 16);
    key(&mut app, KeyCode::Char('?'));
    let text = screen(&app);
    assert!(text.contains("more below"), "{text}");
    assert!(
        !text.contains("[quit]"),
        "quit is at the end, below the edge"
    );
    for _ in 0..10 {
        key(&mut app, KeyCode::Char(' '));
    }
    let text = screen(&app);
    assert!(text.contains("[quit]"), "scrolled to the end:\n{text}");
    key(&mut app, KeyCode::Esc);
    assert!(!app.help_shown());
    // Too small: the notice says keys still work, and they do.
    app.resize(40, 10);
    assert!(screen(&app).contains("q quits"));
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(app.view(), View::Timeline);
    assert_eq!(key(&mut app, KeyCode::Char('q')), Action::Quit);
}

#[test]
fn d12_undated_milestones_come_after_the_dated_ones() {
    // The real corpus has undated milestones; here two of the bundled ones lose their date
    // (the timeline keeps undated milestones last, as reconciliation does).
    let mut timeline = bundled();
    let mut taken: Vec<_> = timeline.milestones.drain(..2).collect();
    for m in &mut taken {
        m.date = None;
    }
    timeline.milestones.extend(taken);
    let undated_count = timeline
        .milestones
        .iter()
        .filter(|m| m.date.is_none())
        .count();
    assert!(
        undated_count > 0,
        "the test corpus has an undated milestone"
    );
    let app = {
        let mut a = App::new(timeline).with_theme(Theme::monochrome());
        a.resize(100, 60);
        a
    };
    assert!(
        app.timeline().milestones[app.selected().unwrap_or_default()]
            .date
            .is_some(),
        "opens on the latest dated milestone"
    );
    let lines = render_to_lines(&app, 100, 60);
    let heading = lines
        .iter()
        .position(|l| l.contains("── undated"))
        .expect("undated group");
    let dated_row = lines
        .iter()
        .position(|l| l.contains("2026-01"))
        .expect("dated row");
    assert!(dated_row < heading, "dated first:\n{}", lines.join("\n"));
}

#[test]
fn d13_m_gives_the_mouse_back_and_a_click_does_not_move_the_list() {
    let mut app = app_at(100, 30);
    assert!(app.mouse());
    assert_eq!(key(&mut app, KeyCode::Char('m')), Action::SetMouse(false));
    let click = |column, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    assert_eq!(
        app.handle_mouse(click(5, 1), Rect::new(0, 0, 100, 30)),
        Action::None
    );
    assert_eq!(key(&mut app, KeyCode::Char('m')), Action::SetMouse(true));
    key(&mut app, KeyCode::Char('3'));
    let before = render_to_lines(&app, 100, 30);
    let row = before
        .iter()
        .rposition(|l| l.contains("20") && !l.contains("──") && l.starts_with("│ "))
        .expect("a milestone row") as u16;
    app.handle_mouse(click(20, row), Rect::new(0, 0, 100, 30));
    let after = render_to_lines(&app, 100, 30);
    assert_eq!(
        before[row as usize].get(2..40),
        after[row as usize].get(2..40),
        "the clicked row stays where it was"
    );
}

#[test]
fn reader_opens_the_article_at_the_quote_and_esc_goes_back() {
    let mut app = app_at(100, 30);
    select_title(&mut app, "700M downloads");
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Right);
    assert_eq!(app.source_index(), 1, "→ moves to the next source");
    assert!(
        screen(&app).contains("▶ [2/3]"),
        "the current source is marked"
    );
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Enter);
    assert!(app.reader().is_some());
    let text = screen(&app);
    assert!(text.contains("Article 1/3"), "{text}");
    let (_, source) = app.current_source().expect("a source");
    let quote_start: String = source.quote.chars().take(20).collect();
    assert!(
        text.contains(&quote_start),
        "the quote is on screen:\n{text}"
    );
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Esc);
    assert!(app.reader().is_none());
    assert_eq!(app.view(), View::Sources);
    key(&mut app, KeyCode::Char('j'));
    assert_ne!(title(&app), "", "j still steps milestones");
}

#[test]
fn copy_and_open_act_on_the_current_source() {
    let mut app = app_at(100, 30);
    select_title(&mut app, "700M downloads");
    key(&mut app, KeyCode::Char('4'));
    match key(&mut app, KeyCode::Char('y')) {
        Action::Copy(text) => {
            let (m, s) = app.current_source().expect("a source");
            assert!(text.contains(s.quote.trim()), "{text}");
            assert!(text.contains(&m.title));
        }
        other => panic!("y copies, got {other:?}"),
    }
    match key(&mut app, KeyCode::Char('o')) {
        Action::Open(url) => assert!(url.starts_with("http")),
        Action::Redraw => assert!(
            app.status().is_some_and(|s| s.contains("URL")),
            "no URL: the footer says so"
        ),
        other => panic!("o opens, got {other:?}"),
    }
}

#[test]
fn open_refuses_urls_that_are_not_http() {
    let a = article(
        "j",
        "url = \"javascript:alert(1)\"\npublished = \"2026-01-20\"\nlang = \"en\"\n",
        "Qwen passed 700 million downloads in January 2026.\n",
    );
    let timeline = Timeline::build(Corpus {
        articles: vec![a],
        warnings: Vec::new(),
    });
    let mut app = App::new(timeline).with_theme(Theme::monochrome());
    app.select(0);
    app.set_view(View::Sources);
    assert_eq!(key(&mut app, KeyCode::Char('o')), Action::Redraw);
    assert!(app.status().is_some_and(|s| s.contains("only http(s)")));
}

#[test]
fn rebound_keys_drive_the_handler_help_and_footer() {
    let config = BTreeMap::from([
        ("quit".to_string(), vec!["x".to_string()]),
        ("help".to_string(), vec!["f1".to_string()]),
    ]);
    let (keys, warnings) = KeyTable::with_config(&config);
    assert!(warnings.is_empty());
    let mut app = App::new(bundled())
        .with_theme(Theme::monochrome())
        .with_keys(keys);
    app.resize(100, 30);
    assert_eq!(
        key(&mut app, KeyCode::Char('q')),
        Action::None,
        "q is unbound"
    );
    let footer = render_to_lines(&app, 100, 30).pop().unwrap_or_default();
    assert!(footer.starts_with("x quit"), "{footer}");
    key(&mut app, KeyCode::F(1));
    assert!(app.help_shown());
    key(&mut app, KeyCode::End);
    let help = screen(&app);
    assert!(
        help.lines()
            .any(|l| l.contains("│x ") && l.contains("[quit]")),
        "help lists the new key:\n{help}"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(key(&mut app, KeyCode::Char('x')), Action::Quit);
}

#[test]
fn zoom_keys_narrow_and_reset_the_time_range() {
    let mut app = app_at(120, 40);
    select_title(&mut app, "700M downloads");
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('+'));
    key(&mut app, KeyCode::Char('+'));
    assert_eq!(app.zoom(), 2);
    assert!(screen(&app).contains("zoom ×4"));
    key(&mut app, KeyCode::Char('-'));
    assert_eq!(app.zoom(), 1);
    key(&mut app, KeyCode::Char('0'));
    assert_eq!(app.zoom(), 0);
}

#[test]
fn the_readme_lists_every_action_of_the_key_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    for binding in qwen_story::ui::keys::BINDINGS {
        assert!(
            readme.contains(&format!("| `{}` |", binding.name)),
            "README's Keys table lacks {}",
            binding.name
        );
    }
}

/// Issue 13, in the dashboard: `u` says in the header that it runs, then when it ran and
/// what it added; a feed that failed is listed among the warnings.
#[test]
fn the_header_follows_a_background_update_and_failed_feeds_are_warnings() {
    use qwen_story::sources::update::{FeedReport, UpdateEvent};
    let mut app = app_at(120, 30);
    assert!(
        !screen(&app).contains("updat"),
        "no update yet: nothing said"
    );
    app.on_update(UpdateEvent::Started { feeds: 2 }, "09:15".into());
    assert!(app.updating());
    assert!(screen(&app).contains("⟳ updating 0/2"), "{}", screen(&app));
    let failed = FeedReport {
        feed: "Example Tech".into(),
        not_modified: false,
        new: 0,
        already: 0,
        off_topic: 0,
        failed_items: 0,
        failed: Some("https://example.com/rss: HTTP 500".into()),
        problems: Vec::new(),
    };
    app.on_update(UpdateEvent::Feed(failed), "09:15".into());
    app.on_update(
        UpdateEvent::Finished {
            added: 3,
            failed_feeds: 1,
        },
        "09:16".into(),
    );
    assert!(!app.updating());
    let text = screen(&app);
    assert!(text.contains("updated 09:16: +3, 1 failed"), "{text}");
    assert!(text.contains("⚠ 1 warning (w)"), "{text}");
    key(&mut app, KeyCode::Char('w'));
    assert!(screen(&app).contains("update: https://example.com/rss: HTTP 500"));
}
