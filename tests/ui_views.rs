//! Snapshots of every view on the bundled corpus at 80×24 and 160×48.

use qwen_story::timeline::Timeline;
use qwen_story::ui::{render_to_lines, App, Theme, View};

fn app() -> App {
    App::new(Timeline::build(qwen_story::corpus::bundled())).with_theme(Theme::monochrome())
}

fn frame(app: &App, width: u16, height: u16) -> String {
    render_to_lines(app, width, height).join("\n")
}

/// The milestone whose title contains `text` (the bundled corpus's downloads figure).
fn select_title(app: &mut App, text: &str) {
    let index = app
        .timeline()
        .milestones
        .iter()
        .position(|m| m.title.contains(text));
    app.select(
        index.unwrap_or_else(|| panic!("no milestone titled {text:?} in the bundled corpus")),
    );
}

macro_rules! view_snapshots {
    ($($name:ident: $view:expr, $w:expr, $h:expr;)*) => {$(
        #[test]
        fn $name() {
            let mut app = app();
            select_title(&mut app, "700M downloads");
            app.set_view($view);
            insta::assert_snapshot!(frame(&app, $w, $h));
        }
    )*};
}

view_snapshots! {
    dashboard_80x24: View::Dashboard, 80, 24;
    dashboard_160x48: View::Dashboard, 160, 48;
    charts_80x24: View::Charts, 80, 24;
    charts_160x48: View::Charts, 160, 48;
    timeline_80x24: View::Timeline, 80, 24;
    timeline_160x48: View::Timeline, 160, 48;
    sources_80x24: View::Sources, 80, 24;
    sources_160x48: View::Sources, 160, 48;
}

fn press(app: &mut App, code: ratatui::crossterm::event::KeyCode) {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn sized(w: u16, h: u16) -> App {
    let mut app = app();
    app.resize(w, h);
    select_title(&mut app, "700M downloads");
    app
}

#[test]
fn sources_scrolled_80x24() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = sized(80, 24);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Right);
    insta::assert_snapshot!(frame(&app, 80, 24));
}

#[test]
fn article_reader_100x30() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = sized(100, 30);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(frame(&app, 100, 30));
}

#[test]
fn warnings_panel_80x24() {
    use ratatui::crossterm::event::KeyCode;
    let mut timeline = Timeline::build(qwen_story::corpus::bundled());
    timeline.warnings = vec![
        "notes.pdf: not an article file".into(),
        "broken.md: line 2: the front matter is not valid TOML: expected `=`".into(),
    ];
    let mut app = App::new(timeline).with_theme(Theme::monochrome());
    app.resize(80, 24);
    press(&mut app, KeyCode::Char('w'));
    insta::assert_snapshot!(frame(&app, 80, 24));
}

#[test]
fn help_60x16() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = sized(60, 16);
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!(frame(&app, 60, 16));
}

#[test]
fn search_with_matches_100x30() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = sized(100, 30);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('/'));
    for c in "downloads".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    insta::assert_snapshot!(frame(&app, 100, 30));
}

#[test]
fn charts_zoomed_160x48() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = sized(160, 48);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('+'));
    insta::assert_snapshot!(frame(&app, 160, 48));
}

#[test]
fn every_chart_at_80x24_and_160x48() {
    use ratatui::crossterm::event::KeyCode;
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = sized(w, h);
        press(&mut app, KeyCode::Char('2'));
        for k in 0..app.chart_series().len() {
            insta::assert_snapshot!(format!("chart{k}_{w}x{h}"), frame(&app, w, h));
            press(&mut app, KeyCode::Right);
        }
    }
}

/// The light theme's styles, cell by cell: colour names, not just text.
#[test]
fn light_theme_dashboard_styles() {
    use qwen_story::ui::Palette;
    let mut app = App::new(Timeline::build(qwen_story::corpus::bundled()))
        .with_theme(Theme::default().with_palette(Palette::Light));
    app.resize(100, 30);
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    qwen_story::ui::render(&app, area, &mut buf);
    let mut colours: Vec<String> = buf
        .content()
        .iter()
        .filter(|c| c.fg != ratatui::style::Color::Reset)
        .map(|c| format!("{:?}", c.fg))
        .collect();
    colours.sort();
    colours.dedup();
    assert!(
        colours.iter().all(|c| c.starts_with("Indexed")),
        "the light palette uses its 256-colour shades only: {colours:?}"
    );
    insta::assert_snapshot!(colours.join("\n"));
}
