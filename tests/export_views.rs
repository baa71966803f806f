//! Exports of every view on the bundled corpus at 120×40: golden files (insta) in txt,
//! ansi, svg and html, and the properties the goldens cannot show: the txt export is the
//! dashboard's own frame, the SVG and HTML parse, the PNG has the size and the content.
//!
//! Goldens change whenever the corpus or the extraction does: review them with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test --test export_views`).

use qwen_story::cli::{ExportArgs, ExportFormat, Size, ViewName};
use qwen_story::export;
use qwen_story::timeline::Timeline;
use qwen_story::ui::{self, App, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const SIZE: Size = Size {
    width: 120,
    height: 40,
};

const VIEWS: [(ViewName, &str); 4] = [
    (ViewName::Dashboard, "dashboard"),
    (ViewName::Charts, "charts"),
    (ViewName::Timeline, "timeline"),
    (ViewName::Sources, "sources"),
];

fn args(view: ViewName, format: ExportFormat) -> ExportArgs {
    ExportArgs {
        view,
        format: Some(format),
        size: SIZE,
        select: None,
        output: None,
    }
}

fn bundled() -> Timeline {
    Timeline::build(qwen_story::corpus::bundled())
}

/// The app an export of `view` shows, in colour whatever the environment says.
fn app(view: ViewName) -> App {
    export::app_for(bundled(), &args(view, ExportFormat::Txt), Theme::default())
        .expect("the view's app")
}

fn exported(view: ViewName, format: ExportFormat) -> String {
    let bytes = export::export(&app(view), &args(view, format)).expect("export renders");
    String::from_utf8(bytes).expect("text formats are UTF-8")
}

macro_rules! goldens {
    ($($name:ident: $format:expr, $ext:literal;)*) => {$(
        #[test]
        fn $name() {
            for (view, view_name) in VIEWS {
                let text = exported(view, $format);
                insta::assert_snapshot!(format!("{view_name}_120x40_{}", $ext), text);
            }
        }
    )*};
}

goldens! {
    golden_txt: ExportFormat::Txt, "txt";
    golden_ansi: ExportFormat::Ansi, "ansi";
    golden_svg: ExportFormat::Svg, "svg";
    golden_html: ExportFormat::Html, "html";
}

/// The frame a real terminal would get: `ui::render` through ratatui's `TestBackend`.
fn terminal_frame(app: &App) -> String {
    let backend = TestBackend::new(SIZE.width, SIZE.height);
    let mut terminal = Terminal::new(backend).expect("test terminal");
    terminal
        .draw(|frame| ui::render(app, frame.area(), frame.buffer_mut()))
        .expect("draw");
    let mut text = ui::buffer_lines(terminal.backend().buffer()).join("\n");
    text.push('\n');
    text
}

#[test]
fn txt_is_the_terminal_frame() {
    for (view, name) in VIEWS {
        let text = exported(view, ExportFormat::Txt);
        assert_eq!(text, terminal_frame(&app(view)), "{name}");
        assert_eq!(
            text.lines().count(),
            usize::from(SIZE.height),
            "{name}: one line per row"
        );
    }
}

#[test]
fn svg_and_html_are_well_formed() {
    for (view, name) in VIEWS {
        for format in [ExportFormat::Svg, ExportFormat::Html] {
            let text = exported(view, format);
            // The HTML page opens with `<!DOCTYPE html>`, a DTD as far as XML goes.
            let options = roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            };
            let doc = roxmltree::Document::parse_with_options(&text, options)
                .unwrap_or_else(|e| panic!("{name} {format:?} does not parse: {e}"));
            let root = doc.root_element().tag_name().name();
            assert_eq!(
                root,
                if format == ExportFormat::Svg {
                    "svg"
                } else {
                    "html"
                }
            );
        }
    }
}

#[test]
fn svg_has_the_grid_size_and_no_box_glyph_left_to_fonts() {
    let text = exported(ViewName::Dashboard, ExportFormat::Svg);
    let doc = roxmltree::Document::parse(&text).expect("svg parses");
    let svg = doc.root_element();
    assert_eq!(svg.attribute("width"), Some("1200"));
    assert_eq!(svg.attribute("height"), Some("800"));
    let box_or_braille = |c: char| matches!(u32::from(c), 0x2500..=0x259f | 0x2800..=0x28ff);
    let texts: String = doc
        .descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .collect();
    assert!(
        !texts.chars().any(box_or_braille),
        "box drawing and braille are shapes"
    );
    // The frame's borders and the chart's braille are drawn.
    assert!(doc
        .descendants()
        .any(|n| n.attribute("id") == Some("g2500")));
    assert!(doc
        .descendants()
        .any(|n| n.attribute("id").is_some_and(|id| id.starts_with("g28"))));
}

#[test]
fn png_has_the_grid_size_and_draws_the_frame() {
    let bytes = export::export(
        &app(ViewName::Charts),
        &args(ViewName::Charts, ExportFormat::Png),
    )
    .expect("png");
    let mut reader = png::Decoder::new(&bytes[..])
        .read_info()
        .expect("png header");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).expect("png data");
    assert_eq!(
        (info.width, info.height),
        (1200, 800),
        "10×20 pixels per cell"
    );
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let background = [pixels[0], pixels[1], pixels[2]];
    let drawn = pixels.chunks_exact(3).filter(|p| *p != background).count();
    let total = (info.width * info.height) as usize;
    // Borders, text and the chart: a few percent of the image, not nothing, not everything.
    assert!(
        drawn > total / 50 && drawn < total / 2,
        "{drawn} of {total} pixels drawn"
    );
    // The top-left corner of the chart box (row 3, column 0) is drawn: a vertical stroke.
    let at = |x: u32, y: u32| {
        let i = ((y * info.width + x) * 3) as usize;
        [pixels[i], pixels[i + 1], pixels[i + 2]]
    };
    assert_ne!(at(4, 3 * 20 + 15), background, "the box's left edge");
}

#[test]
fn json_lists_what_the_view_shows() {
    let frame = exported(ViewName::Dashboard, ExportFormat::Txt);
    let doc: serde_json::Value =
        serde_json::from_str(&exported(ViewName::Dashboard, ExportFormat::Json))
            .expect("json parses");
    assert_eq!(doc["view"], "dashboard");
    assert_eq!(doc["size"], "120x40");
    let listed = doc["milestones"].as_array().expect("milestones");
    assert!(!listed.is_empty());
    let timeline = bundled();
    // Every milestone listed is on screen, newest first...
    for row in listed {
        let title = row["title"].as_str().expect("title");
        let shown: String = title.chars().take(30).collect();
        assert!(frame.contains(&shown), "{title} is listed but not drawn");
    }
    // ...and the next older one, if any, is not (the pane is full).
    let last = listed
        .last()
        .and_then(|r| r["index"].as_u64())
        .expect("index") as usize;
    if let Some(next) = last.checked_sub(1).map(|i| &timeline.milestones[i]) {
        if listed.len() < timeline.milestones.len() {
            assert!(
                !frame.contains(&next.title),
                "{} fits but is not listed",
                next.title
            );
        }
    }
    let headline_labels: Vec<&str> = doc["headlines"]
        .as_array()
        .expect("headlines")
        .iter()
        .filter_map(|h| h["label"].as_str())
        .collect();
    assert!(headline_labels.iter().all(|label| frame.contains(label)));
    let downloads = &doc["series"][0];
    assert_eq!(downloads["name"], "downloads");
    assert_eq!(
        downloads["points"].as_array().map(Vec::len),
        Some(
            timeline
                .series(&qwen_story::timeline::Series::Downloads)
                .len()
        )
    );
}

#[test]
fn json_of_sources_and_charts_follow_the_selection() {
    let timeline = bundled();
    let index = timeline
        .milestones
        .iter()
        .position(|m| m.sources.len() > 1)
        .expect("a milestone with several sources");
    let mut a = args(ViewName::Sources, ExportFormat::Json);
    a.select = Some(index);
    let app = export::app_for(timeline.clone(), &a, Theme::default()).expect("app");
    let doc: serde_json::Value =
        serde_json::from_slice(&export::export(&app, &a).expect("json")).expect("parses");
    assert_eq!(doc["selected"]["index"], index);
    let sources = doc["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), timeline.milestones[index].sources.len());
    assert!(sources
        .iter()
        .all(|s| s["quote"].as_str().is_some_and(|q| !q.is_empty())));

    a.view = ViewName::Charts;
    let app = export::app_for(timeline, &a, Theme::default()).expect("app");
    let doc: serde_json::Value =
        serde_json::from_slice(&export::export(&app, &a).expect("json")).expect("parses");
    assert_eq!(
        doc["series"].as_array().map(Vec::len),
        Some(1),
        "the chart shown"
    );
    assert!(doc["milestones"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn select_out_of_range_is_an_error() {
    let mut a = args(ViewName::Sources, ExportFormat::Txt);
    a.select = Some(100_000);
    let err = export::app_for(bundled(), &a, Theme::default())
        .err()
        .expect("out of range");
    assert!(err.to_string().contains("numbered 0 to"), "{err}");
}
