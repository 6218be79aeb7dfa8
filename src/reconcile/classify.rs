//! Is a spend line software at all? Card feeds and ledgers mix licences with ad spend, card payments,
//! transfers, refunds and bank fees; this sorts them out from the vendor string, the line's description and the
//! accounting category, before any utilisation or ROI is computed.
//!
//! Order of the checks (the first that fires wins):
//!
//! 1. Descriptor phrases, in the vendor or the description: payment of the card balance (`PAYMENT - THANK
//!    YOU`, `AUTOPAY`, `AUTOMATIC PAYMENT`…) → [`SpendClass::Payment`]; refunds (`REFUND`, `REVERSAL`,
//!    `CHARGEBACK`…) → [`SpendClass::Refund`]; transfers (`TRANSFER`, `XFER`, `WIRE`, `ZELLE`…) →
//!    [`SpendClass::Transfer`]; bank fees and interest (`INTEREST CHARGE`, `LATE FEE`, `FOREIGN TRANSACTION
//!    FEE`…) → [`SpendClass::Fee`].
//! 2. The catalogue: a match to a tool whose `spend_type` is `advertising` → [`SpendClass::Advertising`].
//! 3. Advertising words: a word `ads`, `adwords`, `advertising` or `sponsored` in the vendor or description
//!    (`GOOGLE *ADS1234`, `LINKEDIN ADS`, `FB ADS`) → [`SpendClass::Advertising`].
//! 4. The catalogue: any other match → [`SpendClass::Software`].
//! 5. The accounting category: advertising/media words → Advertising; software/subscription/SaaS words →
//!    Software; travel, meals, rent, payroll… → [`SpendClass::Other`].
//! 6. Otherwise [`SpendClass::Unknown`]: possibly software the catalogue lacks; the caller decides.
//!
//! A user `ignore` rule gives [`SpendClass::Other`] unless a descriptor phrase fired first.

use super::catalogue::{Catalogue, SpendType};
use super::matching::MatchResult;
use super::text::fold;
use serde::{Deserialize, Serialize};

/// What a spend line pays for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpendClass {
    /// A software tool (licence, subscription, usage).
    Software,
    /// Ad spend through an ad platform: not a licence, excluded from utilisation.
    Advertising,
    /// Paying the card or account balance (`PAYMENT - THANK YOU`, `AUTOPAY`).
    Payment,
    /// Money moved between accounts.
    Transfer,
    /// Money back from a merchant.
    Refund,
    /// Bank or card fees and interest.
    Fee,
    /// Known not to be software (by category, or ignored by a user rule).
    Other,
    /// No signal either way.
    Unknown,
}

impl SpendClass {
    pub fn as_str(self) -> &'static str {
        match self {
            SpendClass::Software => "software",
            SpendClass::Advertising => "advertising",
            SpendClass::Payment => "payment",
            SpendClass::Transfer => "transfer",
            SpendClass::Refund => "refund",
            SpendClass::Fee => "fee",
            SpendClass::Other => "other",
            SpendClass::Unknown => "unknown",
        }
    }
}

const PAYMENT_PHRASES: &[&str] = &[
    "payment thank you",
    "payment thankyou",
    "thank you for your payment",
    "pymt thank you",
    "autopay",
    "auto pay",
    "automatic payment",
    "payment received",
    "online payment",
    "mobile payment",
    "epayment",
    "credit card payment",
    "card payment",
    "internet payment",
    "directpay",
    "payment autopay",
];

const REFUND_PHRASES: &[&str] = &[
    "refund",
    "refunded",
    "reversal",
    "chargeback",
    "credit voucher",
    "purchase return",
    "merchandise return",
    "return credit",
];

const TRANSFER_PHRASES: &[&str] = &[
    "transfer",
    "xfer",
    "trnsfr",
    "wire",
    "wire in",
    "wire out",
    "zelle",
    "balance transfer",
    "internal transfer",
    "book transfer",
];

const FEE_PHRASES: &[&str] = &[
    "interest charge",
    "interest charged",
    "finance charge",
    "late fee",
    "late payment fee",
    "annual fee",
    "annual membership fee",
    "foreign transaction fee",
    "international transaction fee",
    "fx fee",
    "overdraft fee",
    "cash advance fee",
    "returned payment fee",
    "service charge",
];

const AD_WORDS: &[&str] = &["ads", "adwords", "advertising", "sponsored"];

const CATEGORY_ADVERTISING: &[&str] = &[
    "advertising",
    "advertisement",
    "ads",
    "paid media",
    "paid social",
    "paid search",
    "media spend",
    "ppc",
    "sem",
    "sponsorship",
];

const CATEGORY_SOFTWARE: &[&str] = &[
    "software",
    "saas",
    "subscription",
    "subscriptions",
    "dues and subscriptions",
    "computer",
    "it",
    "cloud",
    "licences",
    "licenses",
    "internet services",
    "web services",
    "technology",
];

const CATEGORY_OTHER: &[&str] = &[
    "travel",
    "airfare",
    "airline",
    "airlines",
    "hotel",
    "hotels",
    "lodging",
    "meals",
    "restaurants",
    "restaurant",
    "dining",
    "entertainment",
    "fuel",
    "gas",
    "rent",
    "utilities",
    "payroll",
    "salary",
    "salaries",
    "taxes",
    "tax",
    "office supplies",
    "shipping",
    "postage",
    "insurance",
    "transportation",
    "taxi",
    "rideshare",
    "parking",
    "groceries",
];

/// Lowercase words of `s` (accents folded, non-alphanumerics separate words).
fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether the words `phrase` appear consecutively in `ws`.
fn has_phrase(ws: &[String], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    p.len() <= ws.len()
        && ws
            .windows(p.len())
            .any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
}

fn any_phrase(texts: &[&[String]], phrases: &[&str]) -> bool {
    texts
        .iter()
        .any(|ws| phrases.iter().any(|p| has_phrase(ws, p)))
}

/// Classes decided from the descriptor text alone (payment, refund, transfer, fee), or `None`.
pub fn classify_descriptor(raw_vendor: &str, description: Option<&str>) -> Option<SpendClass> {
    let v = words(raw_vendor);
    let d = description.map(words).unwrap_or_default();
    let texts: [&[String]; 2] = [&v, &d];
    if any_phrase(&texts, PAYMENT_PHRASES) {
        Some(SpendClass::Payment)
    } else if any_phrase(&texts, REFUND_PHRASES) {
        Some(SpendClass::Refund)
    } else if any_phrase(&texts, FEE_PHRASES) {
        Some(SpendClass::Fee)
    } else if any_phrase(&texts, TRANSFER_PHRASES) {
        Some(SpendClass::Transfer)
    } else if any_phrase(&texts, AD_WORDS) {
        Some(SpendClass::Advertising)
    } else {
        None
    }
}

/// The class an accounting category implies, or `None`.
pub fn classify_category(category: &str) -> Option<SpendClass> {
    let ws = words(category);
    if CATEGORY_ADVERTISING.iter().any(|p| has_phrase(&ws, p)) {
        Some(SpendClass::Advertising)
    } else if CATEGORY_SOFTWARE.iter().any(|p| has_phrase(&ws, p)) {
        Some(SpendClass::Software)
    } else if CATEGORY_OTHER.iter().any(|p| has_phrase(&ws, p)) {
        Some(SpendClass::Other)
    } else {
        None
    }
}

impl Catalogue {
    /// Classifies one spend line (see the module docs for the order of checks). Never panics.
    pub fn classify_spend(
        &self,
        raw_vendor: &str,
        description: Option<&str>,
        category: Option<&str>,
    ) -> SpendClass {
        let from_text = classify_descriptor(raw_vendor, description);
        if let Some(c) = from_text {
            if c != SpendClass::Advertising {
                return c;
            }
        }
        let m = self.match_vendor(raw_vendor);
        if let MatchResult::Ignored { .. } = m {
            return SpendClass::Other;
        }
        if let Some(i) = m.tool_index() {
            if self.tools[i].spend_type == SpendType::Advertising {
                return SpendClass::Advertising;
            }
        }
        if from_text == Some(SpendClass::Advertising) {
            return SpendClass::Advertising;
        }
        if m.tool_index().is_some() {
            return SpendClass::Software;
        }
        if let Some(c) = category.and_then(classify_category) {
            return c;
        }
        SpendClass::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payments_refunds_transfers_and_fees() {
        assert_eq!(
            classify_descriptor("AUTOPAY PAYMENT - THANK YOU", None),
            Some(SpendClass::Payment)
        );
        assert_eq!(
            classify_descriptor("PAYMENT THANK YOU-MOBILE", None),
            Some(SpendClass::Payment)
        );
        assert_eq!(
            classify_descriptor("ONLINE TRANSFER TO SAV 1234", None),
            Some(SpendClass::Transfer)
        );
        assert_eq!(
            classify_descriptor("HUBSPOT", Some("Refund")),
            Some(SpendClass::Refund)
        );
        assert_eq!(
            classify_descriptor("INTEREST CHARGE ON PURCHASES", None),
            Some(SpendClass::Fee)
        );
        assert_eq!(
            classify_descriptor("LINKEDIN ADS", None),
            Some(SpendClass::Advertising)
        );
        // Whole words only.
        assert_eq!(classify_descriptor("TRANSFERWISE", None), None);
        assert_eq!(classify_descriptor("WIRECUTTER", None), None);
        assert_eq!(classify_descriptor("ADSTRA", None), None);
        assert_eq!(classify_descriptor("PAYPAL *CANVA", None), None);
    }

    #[test]
    fn categories() {
        assert_eq!(
            classify_category("Marketing: Paid Media"),
            Some(SpendClass::Advertising)
        );
        assert_eq!(
            classify_category("Dues & Subscriptions"),
            Some(SpendClass::Software)
        );
        assert_eq!(
            classify_category("Travel - Airfare"),
            Some(SpendClass::Other)
        );
        assert_eq!(classify_category("Miscellaneous"), None);
    }
}
