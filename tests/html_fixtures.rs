//! HTML extraction on pages of several layouts written for the project: body text exact, no
//! furniture, metadata right.
#![allow(clippy::unwrap_used)] // helpers outside #[test] unwrap too: a panic fails the test

use qwen_story::sources::html;
use std::path::Path;

fn fixture(name: &str) -> (qwen_story::sources::Draft, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let bytes = std::fs::read(dir.join(format!("{name}.html"))).unwrap();
    let want = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
    (html::extract(&bytes, None).unwrap(), want)
}

#[test]
fn news_article_with_cookie_banner_share_bar_caption_ads_and_related() {
    let (d, want) = fixture("news");
    assert_eq!(d.body, want);
    assert_eq!(
        d.title.as_deref(),
        Some("Qwen passes 700 million downloads on Hugging Face")
    );
    // article:published_time comes before JSON-LD, kept with its offset.
    assert_eq!(d.published.as_deref(), Some("2026-01-21T09:30:00+08:00"));
    assert_eq!(d.outlet.as_deref(), Some("Harbour Tech Daily"));
    assert_eq!(
        d.url.as_deref(),
        Some("https://harbour.example/tech/qwen-700m")
    );
    assert_eq!(d.lang.as_deref(), Some("en"));
}

#[test]
fn blog_post_with_sidebar_byline_author_bio_and_comments() {
    let (d, want) = fixture("blog");
    assert_eq!(d.body, want);
    assert_eq!(
        d.title.as_deref(),
        Some("Warum Qwen3 mein Standardmodell wurde")
    );
    assert_eq!(d.published.as_deref(), Some("2025-05-02T18:05:00+02:00"));
    assert_eq!(d.outlet.as_deref(), Some("Maschinenraum Blog"));
    assert_eq!(d.url, None);
    assert_eq!(d.lang.as_deref(), Some("de"));
}

#[test]
fn portal_page_with_inline_related_list_comments_and_most_read() {
    let (d, want) = fixture("portal");
    assert_eq!(d.body, want);
    assert_eq!(
        d.title.as_deref(),
        Some("Alibaba supera Meta em downloads de modelos abertos")
    );
    assert_eq!(d.published.as_deref(), Some("2026-01-16T15:34:00-03:00"));
    assert_eq!(d.outlet, None);
    assert_eq!(
        d.url.as_deref(),
        Some("https://portalbyte.example/noticias/alibaba-supera-meta")
    );
    assert_eq!(d.lang.as_deref(), Some("pt"));
}

#[test]
fn amp_page() {
    let (d, want) = fixture("amp");
    assert_eq!(d.body, want);
    // No og:title: the article's h1.
    assert_eq!(
        d.title.as_deref(),
        Some("Alibaba se dispara en bolsa tras presentar Qwen3")
    );
    assert_eq!(d.published.as_deref(), Some("2025-04-29T10:12:00+02:00"));
    assert_eq!(d.outlet.as_deref(), Some("El Mercado Digital"));
    assert_eq!(
        d.url.as_deref(),
        Some("https://elmercado.example/tecnologia/alibaba-se-dispara.html")
    );
    assert_eq!(d.lang.as_deref(), Some("es"));
}

#[test]
fn iso_8859_1_page() {
    let (d, want) = fixture("latin1");
    assert_eq!(d.body, want);
    assert_eq!(
        d.title.as_deref(),
        Some("Qwen dépasse les 700 millions de téléchargements")
    );
    assert_eq!(d.published.as_deref(), Some("2026-01-21"));
    assert_eq!(d.outlet.as_deref(), Some("Le Réseau"));
    assert_eq!(d.lang.as_deref(), Some("fr"));
}

#[test]
fn title_without_og_or_h1_loses_its_outlet_tail() {
    let page = "<html><head><title>Qwen3 arrives | Some Outlet</title></head><body><div>\
        <p>Alibaba released Qwen3, a family of eight open models, in late April.</p></div></body></html>";
    let d = html::extract(page.as_bytes(), None).unwrap();
    assert_eq!(d.title.as_deref(), Some("Qwen3 arrives"));
    assert_eq!(
        d.body,
        "Alibaba released Qwen3, a family of eight open models, in late April.\n"
    );
}
