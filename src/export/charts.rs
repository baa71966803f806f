//! `qwen-story chart`: one series as a vector SVG or a PNG, drawn by [`crate::chart::draw`],
//! the function the dashboard's Charts view draws with, on plotters' own SVG and bitmap
//! backends.

use crate::chart::{self, ChartData, ChartStyle};
use crate::cli::{ChartArgs, ChartFormat, Size};
use crate::timeline::{Series, Timeline};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Image sizes accepted: big enough for the labels, small enough to hold in memory.
const MIN_SIZE: (u16, u16) = (320, 180);
const MAX_PIXELS: u32 = 4096 * 4096;

/// The size [`ChartStyle::image`] is designed for; other sizes scale its fonts and strokes.
const DESIGN_SIZE: (f32, f32) = (1200.0, 675.0);

pub fn check_size(size: Size) -> anyhow::Result<()> {
    let (w, h) = (size.width, size.height);
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
        anyhow::bail!(
            "--size {size} is too small for a chart: at least {}x{}",
            MIN_SIZE.0,
            MIN_SIZE.1
        );
    }
    if u32::from(w) * u32::from(h) > MAX_PIXELS {
        anyhow::bail!(
            "--size {size} is too large for a chart: at most {MAX_PIXELS} pixels (e.g. 4096x4096)"
        );
    }
    Ok(())
}

/// The series a name on the command line stands for: `share-price` is every listing the
/// corpus quotes (each in its own currency, one panel each), `share-price-hkd` one of them.
pub fn parse_series(name: &str, timeline: &Timeline) -> anyhow::Result<Vec<Series>> {
    let key = name.trim().to_ascii_lowercase().replace('_', "-");
    let listings = timeline.share_price_series();
    let one = match key.as_str() {
        "downloads" => Series::Downloads,
        "derivatives" => Series::Derivatives,
        "investment" => Series::Investment,
        "share-price" if !listings.is_empty() => return Ok(listings),
        "share-price" => Series::SharePrice("HKD".into()),
        other => match other.strip_prefix("share-price-") {
            Some(code) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) => {
                Series::SharePrice(code.to_ascii_uppercase())
            }
            _ => anyhow::bail!(
                "unknown series `{name}`; expected one of {}",
                series_names(&listings).join(", ")
            ),
        },
    };
    Ok(vec![one])
}

/// Every name `parse_series` takes, for the error message.
fn series_names(listings: &[Series]) -> Vec<String> {
    let mut names: Vec<String> = ["downloads", "derivatives", "share-price"]
        .map(String::from)
        .to_vec();
    let mut codes: Vec<String> = listings.iter().map(Series::name).collect();
    codes.extend(["share-price-hkd", "share-price-usd", "share-price-eur"].map(String::from));
    codes.sort();
    codes.dedup();
    names.extend(codes);
    names.push("investment".into());
    names
}

/// The chart file's bytes.
pub fn render(timeline: &Timeline, args: &ChartArgs) -> anyhow::Result<Vec<u8>> {
    check_size(args.size)?;
    let series = parse_series(&args.series, timeline)?;
    let panels: Vec<ChartData> = series
        .iter()
        .map(|s| ChartData::from_timeline(timeline, s, None))
        .collect();
    let (w, h) = (u32::from(args.size.width), u32::from(args.size.height));
    let style = scaled_style(w, h / panels.len().max(1) as u32);
    match args.format.unwrap_or(ChartFormat::Svg) {
        ChartFormat::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
                draw_panels(&root, &panels, &style)?;
                root.present()
                    .map_err(|e| anyhow::anyhow!("cannot draw the chart: {e}"))?;
            }
            Ok(svg.into_bytes())
        }
        ChartFormat::Png => {
            let mut pixels = vec![0u8; (w * h * 3) as usize];
            {
                let backend = super::bitmap_text::TextFixedBitmap::new(&mut pixels, (w, h))?;
                let root = backend.into_drawing_area();
                draw_panels(&root, &panels, &style)?;
                root.present()
                    .map_err(|e| anyhow::anyhow!("cannot draw the chart: {e}"))?;
            }
            super::png::encode_rgb(w, h, &pixels)
        }
    }
}

/// The series with no points, which draw as "no data": worth a warning.
pub fn empty_series(timeline: &Timeline, args: &ChartArgs) -> Vec<String> {
    parse_series(&args.series, timeline)
        .unwrap_or_default()
        .iter()
        .filter(|s| timeline.series(s).is_empty())
        .map(Series::name)
        .collect()
}

/// One chart per series, stacked: listings in different currencies never share an axis.
fn draw_panels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panels: &[ChartData],
    style: &ChartStyle,
) -> anyhow::Result<()>
where
    DB::ErrorType: 'static,
{
    let areas = root.split_evenly((panels.len().max(1), 1));
    for (area, data) in areas.iter().zip(panels) {
        chart::draw(area, data, style)
            .map_err(|e| anyhow::anyhow!("cannot draw the {} chart: {e}", data.series.name()))?;
    }
    Ok(())
}

/// [`ChartStyle::image`] with fonts, margins and strokes scaled to a panel's size. Small
/// and stacked panels keep text at least 3/4 of its designed size, to stay readable, and
/// labels no closer than designed, so they do not crowd.
fn scaled_style(width: u32, height: u32) -> ChartStyle {
    let k = (width as f32 / DESIGN_SIZE.0)
        .min(height as f32 / DESIGN_SIZE.1)
        .max(0.75);
    let scale = |v: u32| ((v as f32 * k).round() as u32).max(1);
    let spread = |v: u32| ((v as f32 * k.max(1.0)).round() as u32).max(1);
    let base = ChartStyle::image();
    ChartStyle {
        caption_size: scale(base.caption_size),
        label_size: scale(base.label_size),
        char_width: scale(base.char_width),
        label_spacing: (spread(base.label_spacing.0), spread(base.label_spacing.1)),
        margin: scale(base.margin),
        point_size: scale(base.point_size),
        line_width: scale(base.line_width),
        marker_height: scale(base.marker_height),
        ..base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Timeline {
        Timeline::build(crate::corpus::bundled())
    }

    fn args(series: &str, format: ChartFormat) -> ChartArgs {
        ChartArgs {
            series: series.into(),
            format: Some(format),
            size: Size {
                width: 1200,
                height: 675,
            },
            output: "x".into(),
        }
    }

    #[test]
    fn names_map_to_series() {
        let t = bundled();
        assert_eq!(
            parse_series("downloads", &t).ok(),
            Some(vec![Series::Downloads])
        );
        assert_eq!(
            parse_series("Share_Price-HKD", &t).ok(),
            Some(vec![Series::SharePrice("HKD".into())])
        );
        assert_eq!(
            parse_series("share-price", &t).ok(),
            Some(t.share_price_series())
        );
        let err = parse_series("bitcoin", &t).expect_err("unknown series");
        assert!(err.to_string().contains("share-price-usd"), "{err}");
        assert!(parse_series("share-price-dollars", &t).is_err());
    }

    #[test]
    fn svg_is_vector_and_names_its_sources() {
        let svg = render(&bundled(), &args("downloads", ChartFormat::Svg)).expect("svg chart");
        let text = String::from_utf8(svg).expect("utf-8");
        let doc = roxmltree::Document::parse(&text).expect("well-formed svg");
        assert!(doc
            .descendants()
            .any(|n| n.has_tag_name("polyline") || n.has_tag_name("path")));
        assert!(text.contains("Qwen cumulative downloads"));
        assert!(text.contains("700M"), "values carry their unit");
        assert!(text.contains("articles"), "the source line is drawn");
    }

    #[test]
    fn one_panel_per_listing() {
        let t = bundled();
        let listings = t.share_price_series();
        let svg =
            String::from_utf8(render(&t, &args("share-price", ChartFormat::Svg)).expect("chart"))
                .expect("utf-8");
        for s in &listings {
            assert!(
                svg.contains(&crate::sanitize::sanitize_line(&s.title(&t.story))),
                "{} is drawn",
                s.title(&t.story)
            );
        }
    }

    #[test]
    fn png_has_the_asked_size() {
        let mut a = args("derivatives", ChartFormat::Png);
        a.size = Size {
            width: 800,
            height: 450,
        };
        let bytes = render(&bundled(), &a).expect("png chart");
        let info = png::Decoder::new(&bytes[..])
            .read_info()
            .expect("png")
            .info()
            .clone();
        assert_eq!((info.width, info.height), (800, 450));
    }

    #[test]
    fn sizes_are_bounded() {
        assert!(check_size(Size {
            width: 100,
            height: 100
        })
        .is_err());
        assert!(check_size(Size {
            width: 10000,
            height: 10000
        })
        .is_err());
        assert!(check_size(Size {
            width: 1200,
            height: 675
        })
        .is_ok());
    }
}
