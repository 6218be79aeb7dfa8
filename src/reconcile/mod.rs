//! Reconciliation: which tool is a vendor string, is a spend line software at all, and who is a person.
//!
//! Everything here is a pure function of its inputs and of the catalogue shipped in `data/` (compiled in with
//! `include_str!`): no I/O, no clock.
//!
//! - [`Catalogue`]: the known tools ([`Catalogue::builtin`]), with [`Catalogue::match_vendor`] (raw vendor
//!   string → [`MatchResult`]), [`Catalogue::classify_spend`] (→ [`SpendClass`]) and
//!   [`Catalogue::with_rules`] (the user's [`UserRules`] applied first).
//! - [`normalise_vendor`]: the key every comparison uses.
//! - [`normalise_email`], [`email_local_part`], [`is_service_account`], [`normalise_person_name`]: people joins.
//!
//! ```
//! use stackscope::reconcile::{Catalogue, MatchResult, SpendClass};
//! let cat = Catalogue::builtin().expect("the built-in catalogue is valid");
//! let r = cat.match_vendor("SALESFORCE.COM INC");
//! assert_eq!(cat.tools()[r.tool_index().unwrap()].name, "Salesforce");
//! assert!(matches!(cat.match_vendor("Microsoft"), MatchResult::Ambiguous { .. }));
//! assert_eq!(cat.classify_spend("AUTOPAY PAYMENT - THANK YOU", None, None), SpendClass::Payment);
//! ```

pub mod build;
pub mod catalogue;
pub mod classify;
pub mod matching;
pub mod normalise;
pub mod people;
pub mod rules;
mod text;

pub use catalogue::{
    Catalogue, CatalogueError, CatalogueErrors, Origin, SpendType, Tool, CATALOGUE_COLUMNS,
    CATEGORIES,
};
pub use classify::{classify_category, classify_descriptor, SpendClass};
pub use matching::{MatchHow, MatchResult};
pub use normalise::normalise_vendor;
pub use people::{email_local_part, is_service_account, normalise_email, normalise_person_name};
pub use rules::{RuleAction, RuleError, UserRule, UserRules, RULE_COLUMNS};
