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
