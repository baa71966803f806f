//! The story a timeline follows, as its story file says: the subject's names, its rivals,
//! partners, trading venues and the words the dashboard and charts use.

use serde::Deserialize;

/// A company or product the story names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// How titles name it.
    pub name: String,
    /// Who makes it, for titles such as "Meta's Llama".
    #[serde(default)]
    pub owner: Option<String>,
    /// Phrases that name it (stems with `*`).
    pub aliases: Vec<String>,
}

/// The story being tracked: its subject's names, its rivals and known partners.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// The product family the story follows ("Qwen").
    pub product: String,
    /// The company behind it ("Alibaba").
    pub company: String,
    /// Phrases naming the subject.
    pub subject: Vec<String>,
    /// Names that begin a model or product name of the subject ("Qwen" in "Qwen3-VL-32B").
    pub product_prefixes: Vec<String>,
    #[serde(default)]
    pub rivals: Vec<Entity>,
    #[serde(default)]
    pub partners: Vec<Entity>,
    #[serde(default)]
    pub neutral: Vec<String>,
    /// Trading venues and the currency their listing trades in: "Hong Kong" → HKD.
    #[serde(default)]
    pub venues: std::collections::BTreeMap<String, String>,
    /// How the dashboard, the charts and the titles name things (defaults from the names).
    #[serde(default)]
    labels: Labels,
}

/// The story's words on screen: its name, chart titles, what its investments are in, and
/// the name of each listing by its currency.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Labels {
    name: Option<String>,
    downloads: Option<String>,
    derivatives: Option<String>,
    share_price: Option<String>,
    investment: Option<String>,
    investment_in: Option<String>,
    listings: std::collections::BTreeMap<String, String>,
}

impl Story {
    /// The bundled story (`assets/story.toml`), parsed once per process and shared.
    pub fn bundled() -> std::sync::Arc<Story> {
        static BUNDLED: std::sync::LazyLock<std::sync::Arc<Story>> =
            std::sync::LazyLock::new(|| {
                // Checked by the extractor's tests: the bundled file always parses.
                std::sync::Arc::new(
                    toml::from_str(crate::assets::STORY).expect("assets/story.toml is valid"),
                )
            });
        BUNDLED.clone()
    }

    /// "Qwen story": the dashboard's heading.
    pub fn name(&self) -> String {
        self.labels
            .name
            .clone()
            .unwrap_or_else(|| format!("{} story", self.product))
    }

    /// The title of the downloads chart.
    pub fn downloads_title(&self) -> String {
        (self.labels.downloads.clone())
            .unwrap_or_else(|| format!("{} cumulative downloads", self.product))
    }

    /// The title of the derivative-models chart.
    pub fn derivatives_title(&self) -> String {
        (self.labels.derivatives.clone())
            .unwrap_or_else(|| format!("Models derived from {}", self.product))
    }

    /// The title of a share-price chart, before its listing.
    pub fn share_price_title(&self) -> String {
        (self.labels.share_price.clone()).unwrap_or_else(|| format!("{} share price", self.company))
    }

    /// The title of the investment chart.
    pub fn investment_title(&self) -> String {
        (self.labels.investment.clone()).unwrap_or_else(|| "Announced investment".into())
    }

    /// What the subject's investments are in ("AI and cloud"), when the story says.
    pub fn investment_in(&self) -> Option<&str> {
        self.labels.investment_in.as_deref()
    }

    /// The venue a listing currency stands for ("HKEX" for HKD), else "listing".
    pub fn listing_name(&self, currency: &str) -> &str {
        self.labels
            .listings
            .get(currency)
            .map_or("listing", String::as_str)
    }
}
