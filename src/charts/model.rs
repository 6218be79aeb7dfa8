//! The chart model: small, serde-serialisable inputs for the chart renderers.
//!
//! It is independent of the rest of the crate on purpose: a report is converted into these types by the
//! caller, and every renderer is a plain function `(&[Item], &ChartOptions) -> String` (an SVG document).
//! Every field is treated as untrusted: non-finite numbers, negative counts, empty or hostile names and
//! malformed dates are sanitised by the renderers, never trusted and never a reason to panic.

use serde::{Deserialize, Serialize};

/// One bar of spend: a tool (or any label) with its spend in the options' currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpendBar {
    pub label: String,
    /// The tool's category (used by `spend_by_category`; `None` counts as "Uncategorised").
    #[serde(default)]
    pub category: Option<String>,
    pub amount: f64,
}

/// Seat counts of one tool. Every count is optional: `None` means unknown, which is drawn as nothing
/// (never as zero). `seat_utilisation` is a fraction (0.62 = 62 %); `None` means "no usage data", which is
/// drawn hatched and labelled, never as 0 %.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UtilisationBar {
    pub tool: String,
    #[serde(default)]
    pub seats: Option<f64>,
    #[serde(default)]
    pub active: Option<f64>,
    #[serde(default)]
    pub inactive: Option<f64>,
    #[serde(default)]
    pub never_active: Option<f64>,
    #[serde(default)]
    pub unassigned: Option<f64>,
    #[serde(default)]
    pub orphaned: Option<f64>,
    #[serde(default)]
    pub seat_utilisation: Option<f64>,
}

/// Spend of one month, split by series (a category or a tool).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthlySpend {
    /// `YYYY-MM`; other forms are ignored.
    pub month: String,
    pub series: Vec<(String, f64)>,
}

/// What the numbers of an [`OverlapMatrix`] mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverlapMeasure {
    /// Jaccard index of the active-user sets, 0..=1.
    Jaccard,
    /// Number of active users the two tools share.
    SharedUsers,
}

/// A square matrix of user overlap between tools. `categories[i]` is the category of `tools[i]`
/// (missing entries count as "Uncategorised"); `values[i][j]` is the overlap of tools `i` and `j`
/// (missing or non-finite entries are shown as "n/a").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverlapMatrix {
    pub tools: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    pub values: Vec<Vec<f64>>,
    pub measure: OverlapMeasure,
}

/// One bubble of the cost-versus-utilisation chart. `seat_utilisation` is a fraction (0.62 = 62 %).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostPoint {
    pub tool: String,
    #[serde(default)]
    pub seat_utilisation: Option<f64>,
    pub annual_cost: f64,
    pub seats: f64,
}

/// A contract renewal. Dates are `YYYY-MM-DD`; an unparseable `renewal_date` drops the item (it is listed
/// in the chart's description as not shown).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenewalItem {
    pub tool: String,
    pub renewal_date: String,
    #[serde(default)]
    pub cancel_by: Option<String>,
    #[serde(default)]
    pub auto_renew: Option<bool>,
    #[serde(default)]
    pub annual_cost: Option<f64>,
}

/// Return on investment of one tool. `roi` is a fraction: `(value - tco) / tco`, so 1.5 = +150 %.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoiItem {
    pub tool: String,
    pub roi: f64,
    pub value: f64,
    pub tco: f64,
}

/// Light or dark colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// Options shared by every chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartOptions {
    /// Pixel width, clamped to 240..=4000.
    pub width: u32,
    /// Pixel height, clamped to 180..=4000.
    pub height: u32,
    pub theme: Theme,
    /// `#rrggbb`; anything else falls back to the theme's default accent.
    pub accent: Option<String>,
    /// ISO 4217 code (`USD`, `EUR`, …); anything that is not three ASCII letters becomes `XXX`.
    pub currency: String,
    /// How many tools to show before the rest is summed as "Other" (clamped to 1..=300; 0 means 15).
    pub top_n: usize,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            width: 900,
            height: 560,
            theme: Theme::Light,
            accent: None,
            currency: "USD".to_string(),
            top_n: 15,
        }
    }
}
