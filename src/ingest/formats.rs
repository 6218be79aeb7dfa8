//! Well-known exports, recognised by their header signature, and what their columns and values mean.
//!
//! Everything here is data: [`FORMATS`] is the table, one [`KnownFormat`] per export. Adding an export means
//! adding an entry (and a fixture under `tests/cases/<id>/`), not a branch elsewhere. Header names are compared
//! after [`normalise_header`] (lower case, no `[Required]`/`(UTC)` suffixes, no punctuation), so signatures are
//! order-insensitive and survive extra columns, re-ordered columns and suffix changes.
//!
//! Several columns can share a normalised name (Slack's `Last active (UTC)` and `Last active (Desktop) (UTC)`
//! both read `last active`). A role goes to the first such column; activity rules look at all of them.
//!
//! ```
//! use stackscope::ingest::formats::recognise;
//! use stackscope::ingest::roles::normalise_header;
//! let h: Vec<String> = ["Date", "Description", "Amount", "Extended Details", "Appears On Your Statement As",
//!     "Address", "City/State", "Zip Code", "Country", "Reference", "Category"]
//!     .iter().map(|s| normalise_header(s)).collect();
//! assert_eq!(recognise(&h).map(|f| f.id), Some("amex_activity"));
//! ```

use super::roles::normalise_header;
use super::values::{ColumnInference, DateOrder, DecimalSeparator};
use crate::model::{ColumnType, Kind, Role};

/// One well-known export.
#[derive(Debug)]
pub struct KnownFormat {
    /// Stable id; also the fixture folder `tests/cases/<id>/`.
    pub id: &'static str,
    /// Human name, as the user knows the export.
    pub name: &'static str,
    pub kind: Kind,
    /// What one data row stands for.
    pub grain: Grain,
    /// Normalised header names that must all be present (any order, extra columns allowed).
    pub signature: &'static [&'static str],
    /// When not empty, one of these phrases (case-insensitive) must appear in a line above the header; for
    /// exports whose header alone says too little (QuickBooks `,Total`).
    pub title_contains: &'static [&'static str],
    /// Normalised header → role. These replace the generic keyword roles entirely: a column not listed has no
    /// role (the generic keywords misread known exports: `Last Name` as a vendor, `City/State` as a status).
    /// [`Role::Ignored`] entries document a column that deliberately has no role. Names the file does not have
    /// are skipped.
    pub roles: &'static [(&'static str, Role)],
    pub dates: Dates,
    /// How amounts read, for spend and contract exports.
    pub money: Option<MoneyRule>,
    /// Which columns say when a person was last active, and what a blank means.
    pub activity: Option<ActivityRule>,
    /// Columns whose values say whether a person is active, gone, a guest…
    pub status: &'static [StatusRule],
    /// A column whose non-blank value means the person or assignment has ended (deleted, unassigned,
    /// deactivated) on that date.
    pub ended: Option<&'static str>,
    /// Rows that are not what the analysis counts (not spend, not a person…), tested in order.
    pub excluded_rows: &'static [RowRule],
    /// Rows with equal values in these columns describe the same item (Snipe-IT: a licence is keyed on name and
    /// serial; repeated rows are seat checkouts, not more seats). Empty when every row is its own item.
    pub same_item: &'static [&'static str],
    /// Where the layout is documented (see the fixture's `SOURCE.md`).
    pub source: &'static str,
}

/// What one data row of an export stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grain {
    /// One person (directory or admin-console user list).
    Person,
    /// One person's access to one application.
    Assignment,
    /// One sign-in event.
    SignIn,
    /// One card or ledger transaction.
    Transaction,
    /// One vendor's total over the report period.
    VendorTotal,
    /// One seat of a licence (checked out to a person, or free).
    LicenceSeat,
    /// One contract or subscription.
    Contract,
}

/// How dates are written in the export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dates {
    /// Order of numeric dates; `None` when the export writes month names or ISO only, or follows the account's
    /// locale (then the column's own evidence decides). Used only when a column's cells leave the order open.
    pub order: Option<DateOrder>,
    /// The shape, for people: `YYYY-MM-DD`, `MM/DD/YY`, `Mon D, YYYY`…
    pub pattern: &'static str,
}

/// How money reads in an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoneyRule {
    pub sign: Sign,
    /// `(149.90)` is −149.90.
    pub parentheses_negative: bool,
    pub currency: Currency,
    /// Decimal separator when the export fixes it; `None` = inferred per column.
    pub decimal: Option<DecimalSeparator>,
    /// A text column that may hold the original foreign-currency amount (Amex "Foreign Spend Amount: …").
    pub foreign_amount_in: Option<&'static str>,
}

/// Which sign is money going out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// Positive = a charge or expense; negative = a refund, credit or payment.
    PositiveIsSpend,
    /// Separate debit and credit columns (normalised names): spend = debit − credit.
    DebitCredit {
        debit: &'static str,
        credit: &'static str,
    },
}

/// Where the currency of amounts comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currency {
    /// Always this ISO 4217 code.
    Fixed(&'static str),
    /// A column (normalised name) holds the code per row.
    Column(&'static str),
    /// In the amount headers, e.g. `Debit (GBP)`.
    InHeader,
    /// A symbol in the cells (`$8,213.40`).
    InCells,
    /// Not in the file: the account's home or billing currency.
    Home,
}

/// When a person was last active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActivityRule {
    /// Normalised names; the latest date across all matching columns counts.
    pub columns: &'static [&'static str],
    /// A blank in every activity column means the person was never active.
    pub blank_is_never: bool,
    /// Cell values that also mean never (case-insensitive), e.g. Google's `Never logged in`.
    pub never_values: &'static [&'static str],
}

/// A status column and what its values mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusRule {
    /// Normalised column name.
    pub column: &'static str,
    /// Value (case-insensitive, trimmed) → state. Values not listed say nothing.
    pub values: &'static [(&'static str, PersonState)],
}

/// What a status value says about a person's seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PersonState {
    Active,
    /// External or guest account (billed differently, or not at all).
    Guest,
    /// A free or limited licence (Salesforce Chatter Free).
    Unlicensed,
    Suspended,
    Deactivated,
    Deleted,
    /// A bot, integration or resource, not a person.
    NotAPerson,
}

/// A row the analysis must not count, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowRule {
    pub cell: Cell,
    pub test: Test,
    pub excluded: Excluded,
    /// Shown to the user.
    pub why: &'static str,
}

/// Which cell of a row a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// The first column with this normalised name.
    Column(&'static str),
    /// The first non-blank cell of the row.
    FirstFilled,
}

/// A test on a cell (text tests are case-insensitive, on the trimmed cell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Test {
    Equals(&'static str),
    StartsWith(&'static str),
    Contains(&'static str),
    Blank,
}

/// Why a row is left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Excluded {
    /// Not money spent: a card payment, a balance line, a pending authorisation.
    NotSpend,
    /// Spend that is also in another export (counting it here would count it twice).
    Duplicate,
    /// Not a person.
    NotAPerson,
}

const GUEST: PersonState = PersonState::Guest;
const ACTIVE: PersonState = PersonState::Active;

/// Every known export. Most specific signature wins (see [`recognise`]).
pub static FORMATS: &[KnownFormat] = &[
    KnownFormat {
        id: "m365_active_users",
        name: "Microsoft 365 active users (admin center / Graph getOffice365ActiveUserDetail)",
        kind: Kind::Usage,
        grain: Grain::Person,
        signature: &[
            "report refresh date",
            "user principal name",
            "display name",
            "is deleted",
            "deleted date",
            "has exchange license",
            "assigned products",
        ],
        title_contains: &[],
        roles: &[
            ("user principal name", Role::UserEmail),
            ("display name", Role::DisplayName),
            ("is deleted", Role::Status),
            ("deleted date", Role::EndedOn),
            ("exchange last activity date", Role::LastActivity),
            ("assigned products", Role::Tool),
            // The as-of date of the whole report, not an event date.
            ("report refresh date", Role::Ignored),
        ],
        dates: Dates {
            order: Some(DateOrder::Ymd),
            pattern: "YYYY-MM-DD",
        },
        money: None,
        activity: Some(ActivityRule {
            columns: &[
                "exchange last activity date",
                "onedrive last activity date",
                "sharepoint last activity date",
                "skype for business last activity date",
                "yammer last activity date",
                "teams last activity date",
            ],
            blank_is_never: true,
            never_values: &[],
        }),
        status: &[StatusRule {
            column: "is deleted",
            values: &[("true", PersonState::Deleted), ("false", ACTIVE)],
        }],
        ended: Some("deleted date"),
        excluded_rows: &[],
        same_item: &[],
        source: "learn.microsoft.com/graph/api/reportroot-getoffice365activeuserdetail (CSV schema)",
    },
    KnownFormat {
        id: "okta_current_assignments",
        name: "Okta Current Assignments report (Application Access Audit)",
        kind: Kind::Usage,
        grain: Grain::Assignment,
        signature: &[
            "user",
            "login",
            "application name",
            "application instance",
            "application login",
            "assigned on",
            "unassigned on",
            "last login",
        ],
        title_contains: &[],
        roles: &[
            ("user", Role::DisplayName),
            ("login", Role::UserEmail),
            // The instance is the label people see ("Slack - Northwind Labs"); the application name is Okta's
            // internal key ("zoomus", "mondaycom").
            ("application instance", Role::Tool),
            ("application name", Role::Ignored),
            ("application login", Role::Username),
            ("unassigned on", Role::EndedOn),
            ("last login", Role::LastActivity),
        ],
        dates: Dates {
            order: Some(DateOrder::Ymd),
            pattern: "ISO 8601 timestamp (YYYY-MM-DDThh:mm:ss.sssZ)",
        },
        money: None,
        activity: Some(ActivityRule {
            columns: &["last login"],
            blank_is_never: true,
            never_values: &[],
        }),
        status: &[],
        ended: Some("unassigned on"),
        excluded_rows: &[],
        same_item: &[],
        source: "help.okta.com Reports > Current Assignments report (okta/okta-help)",
    },
    KnownFormat {
        id: "okta_app_usage",
        name: "Okta Application Usage report",
        kind: Kind::Usage,
        grain: Grain::SignIn,
        signature: &[
            "person",
            "login",
            "application username",
            "instance name",
            "login date",
            "login date iso8601",
        ],
        title_contains: &[],
        roles: &[
            ("person", Role::DisplayName),
            ("login", Role::UserEmail),
            ("application username", Role::Username),
            ("instance name", Role::Tool),
            ("login date iso8601", Role::Date),
            ("login date", Role::Ignored),
        ],
        dates: Dates {
            order: Some(DateOrder::Ymd),
            pattern: "ISO 8601 timestamp in `Login Date_ISO8601`; `Login Date` is for display",
        },
        money: None,
        activity: Some(ActivityRule {
            columns: &["login date iso8601"],
            // One row per sign-in: a person without rows did not sign in during the period.
            blank_is_never: false,
            never_values: &[],
        }),
        status: &[],
        ended: None,
        excluded_rows: &[],
        same_item: &[],
        source: "help.okta.com Reports > Application Usage report; devforum.okta.com 'Create Application Usage Report from API'",
    },
    KnownFormat {
        id: "google_workspace_users",
        name: "Google Workspace users (Admin console > Users > Download)",
        kind: Kind::Usage,
        grain: Grain::Person,
        signature: &[
            "first name",
            "last name",
            "email address",
            "org unit path",
            "status",
            "last sign in",
        ],
        title_contains: &[],
        roles: &[
            ("email address", Role::UserEmail),
            ("first name", Role::DisplayName),
            ("status", Role::Status),
            ("last sign in", Role::LastActivity),
            ("department", Role::Department),
            ("org unit path", Role::Ignored),
        ],
        dates: Dates {
            order: Some(DateOrder::Ymd),
            pattern: "YYYY/MM/DD hh:mm:ss",
        },
        money: None,
        activity: Some(ActivityRule {
            columns: &["last sign in"],
            blank_is_never: true,
            never_values: &["never logged in"],
        }),
        status: &[StatusRule {
            column: "status",
            values: &[
                ("active", ACTIVE),
                ("suspended", PersonState::Suspended),
                ("archived", PersonState::Deactivated),
            ],
        }],
        ended: None,
        excluded_rows: &[],
        same_item: &[],
        source: "Google Workspace Admin Help: add or update several users from a CSV file (user download headers)",
    },
    KnownFormat {
        id: "slack_members",
        name: "Slack analytics, Members tab export",
        kind: Kind::Usage,
        grain: Grain::Person,
        signature: &[
            "name",
            "user id",
            "username",
            "account type",
            "account created",
            "deactivated date",
            "days active",
            "messages posted",
            "last active",
        ],
        title_contains: &[],
        roles: &[
            ("email", Role::UserEmail),
            ("username", Role::Username),
            ("name", Role::DisplayName),
            ("account type", Role::Status),
            ("deactivated date", Role::EndedOn),
            ("days active", Role::Events),
            ("last active", Role::LastActivity),
        ],
        dates: Dates {
            order: None,
            pattern: "Mon D, YYYY (UTC); numbers may carry thousands separators",
        },
        money: None,
        activity: Some(ActivityRule {
            columns: &["last active"],
            blank_is_never: true,
            never_values: &[],
        }),
        status: &[StatusRule {
            column: "account type",
            values: &[
                ("primary owner", ACTIVE),
                ("owner", ACTIVE),
                ("admin", ACTIVE),
                ("member", ACTIVE),
                ("multi-channel guest", GUEST),
                ("single-channel guest", GUEST),
                ("deactivated", PersonState::Deactivated),
                ("bot", PersonState::NotAPerson),
            ],
        }],
        ended: Some("deactivated date"),
        excluded_rows: &[RowRule {
            cell: Cell::Column("account type"),
            test: Test::Equals("bot"),
            excluded: Excluded::NotAPerson,
            why: "a bot, not a person",
        }],
        same_item: &[],
        source: "Slack Help: Understand the data in your Slack analytics dashboard (Members tab)",
    },
    KnownFormat {
        id: "adobe_admin_users",
        name: "Adobe Admin Console users (Export users list to CSV)",
        kind: Kind::Usage,
        grain: Grain::Person,
        signature: &[
            "identity type",
            "username",
            "domain",
            "email",
            "product configurations",
            "admin roles",
            "user groups",
        ],
        title_contains: &[],
        roles: &[
            ("email", Role::UserEmail),
            ("username", Role::Username),
            ("first name", Role::DisplayName),
            // Several product profiles joined with commas in one quoted cell.
            ("product configurations", Role::Tool),
        ],
        dates: Dates {
            order: None,
            pattern: "no dates",
        },
        money: None,
        activity: None,
        status: &[],
        ended: None,
        excluded_rows: &[],
        same_item: &[],
        source: "helpx.adobe.com/enterprise/using/bulk-operations.html (Export user data)",
    },
    KnownFormat {
        id: "salesforce_users",
        name: "Salesforce users (Data Loader export of the User object)",
        kind: Kind::Usage,
        grain: Grain::Person,
        signature: &[
            "username",
            "email",
            "isactive",
            "usertype",
            "profileid",
            "lastlogindate",
        ],
        title_contains: &[],
        roles: &[
            ("email", Role::UserEmail),
            ("username", Role::Username),
            ("name", Role::DisplayName),
            ("isactive", Role::Status),
            ("lastlogindate", Role::LastActivity),
            ("department", Role::Department),
        ],
        dates: Dates {
            order: Some(DateOrder::Ymd),
            pattern: "ISO 8601 timestamp, UTC (YYYY-MM-DDThh:mm:ss.sssZ)",
        },
        money: None,
        activity: Some(ActivityRule {
            columns: &["lastlogindate"],
            blank_is_never: true,
            never_values: &[],
        }),
        status: &[
            StatusRule {
                column: "isactive",
                values: &[("true", ACTIVE), ("false", PersonState::Deactivated)],
            },
            StatusRule {
                column: "usertype",
                values: &[
                    ("standard", ACTIVE),
                    ("csnonly", PersonState::Unlicensed),
                    ("powerpartner", GUEST),
                    ("powercustomersuccess", GUEST),
                    ("customersuccess", GUEST),
                    ("guest", GUEST),
                    ("automatedprocess", PersonState::NotAPerson),
                ],
            },
        ],
        ended: None,
        excluded_rows: &[],
        same_item: &[],
        source: "Salesforce Object Reference: User; Data Loader Guide (export)",
    },
    KnownFormat {
        id: "hubspot_users",
        name: "HubSpot users (Settings > Users & Teams > Export users)",
        kind: Kind::Usage,
        grain: Grain::Person,
        signature: &[
            "user id",
            "first name",
            "last name",
            "email address",
            "last login date",
            "permissions",
        ],
        title_contains: &[],
        roles: &[
            ("email address", Role::UserEmail),
            ("first name", Role::DisplayName),
            ("last login date", Role::LastActivity),
            ("assigned teams", Role::Department),
        ],
        dates: Dates {
            order: Some(DateOrder::Ymd),
            pattern: "YYYY-MM-DD",
        },
        money: None,
        activity: Some(ActivityRule {
            columns: &["last login date"],
            blank_is_never: true,
            never_values: &[],
        }),
        status: &[],
        ended: None,
        excluded_rows: &[],
        same_item: &[],
        source: "knowledge.hubspot.com/settings/export-users",
    },
    KnownFormat {
        id: "ramp_transactions",
        name: "Ramp card transactions export",
        kind: Kind::Spend,
        grain: Grain::Transaction,
        signature: &[
            "transaction date",
            "clearing date",
            "amount",
            "merchant name",
            "merchant description",
            "ramp category",
            "card last 4",
        ],
        title_contains: &[],
        roles: &[
            ("merchant name", Role::Vendor),
            ("amount", Role::Amount),
            ("transaction date", Role::Date),
            ("user", Role::DisplayName),
            ("cardholder name", Role::DisplayName),
            ("ramp category", Role::Category),
            ("ramp department", Role::Department),
            ("memo", Role::Description),
            ("merchant description", Role::Ignored),
            ("clearing date", Role::Ignored),
        ],
        dates: Dates {
            order: Some(DateOrder::Mdy),
            pattern: "MM/DD/YY; times YYYY-MM-DD hh:mm:ss (UTC)",
        },
        money: Some(MoneyRule {
            sign: Sign::PositiveIsSpend,
            parentheses_negative: false,
            currency: Currency::Fixed("USD"),
            decimal: Some(DecimalSeparator::Point),
            foreign_amount_in: None,
        }),
        activity: None,
        status: &[],
        ended: None,
        excluded_rows: &[RowRule {
            cell: Cell::Column("clearing date"),
            test: Test::Blank,
            excluded: Excluded::NotSpend,
            why: "pending: the card charge has not cleared yet",
        }],
        same_item: &[],
        source: "useVenice/venice packages/@integrations/integration-import/formats/format-ramp.ts",
    },
    KnownFormat {
        id: "brex_transactions",
        name: "Brex card transactions export",
        kind: Kind::Spend,
        grain: Grain::Transaction,
        signature: &[
            "swipe date",
            "posted date",
            "type",
            "amount",
            "merchant name",
            "brex category",
            "statement descriptor",
        ],
        title_contains: &[],
        roles: &[
            ("merchant name", Role::Vendor),
            ("amount", Role::Amount),
            ("swipe date", Role::Date),
            ("user", Role::DisplayName),
            ("brex category", Role::Category),
            ("department", Role::Department),
            ("memo", Role::Description),
            ("type", Role::Ignored),
            ("posted date", Role::Ignored),
            ("statement descriptor", Role::Ignored),
        ],
        dates: Dates {
            order: Some(DateOrder::Mdy),
            pattern: "Swipe Date (UTC) ISO 8601; Posted Date MM/DD/YYYY",
        },
        money: Some(MoneyRule {
            sign: Sign::PositiveIsSpend,
            parentheses_negative: false,
            currency: Currency::Home,
            decimal: Some(DecimalSeparator::Point),
            foreign_amount_in: None,
        }),
        activity: None,
        status: &[],
        ended: None,
        excluded_rows: &[
            RowRule {
                cell: Cell::Column("type"),
                test: Test::Equals("payment to brex"),
                excluded: Excluded::NotSpend,
                why: "a payment of the card balance, not a purchase",
            },
            RowRule {
                cell: Cell::Column("posted date"),
                test: Test::Blank,
                excluded: Excluded::NotSpend,
                why: "pending: the card charge has not posted yet",
            },
        ],
        same_item: &[],
        source: "useVenice/venice packages/@integrations/integration-import/formats/format-brex.ts",
    },
    KnownFormat {
        id: "amex_activity",
        name: "American Express activity CSV (with additional transaction details)",
        kind: Kind::Spend,
        grain: Grain::Transaction,
        signature: &[
            "date",
            "description",
            "amount",
            "extended details",
            "appears on your statement as",
            // US accounts; other countries' files name these differently and may write day-first dates.
            "city state",
            "zip code",
            "reference",
            "category",
        ],
        title_contains: &[],
        roles: &[
            ("description", Role::Vendor),
            ("amount", Role::Amount),
            ("date", Role::Date),
            ("extended details", Role::Description),
            ("category", Role::Category),
            ("card member", Role::DisplayName),
            ("appears on your statement as", Role::Ignored),
        ],
        dates: Dates {
            order: Some(DateOrder::Mdy),
            pattern: "MM/DD/YYYY (US accounts)",
        },
        money: Some(MoneyRule {
            sign: Sign::PositiveIsSpend,
            parentheses_negative: false,
            currency: Currency::Home,
            decimal: Some(DecimalSeparator::Point),
            foreign_amount_in: Some("extended details"),
        }),
        activity: None,
        status: &[],
        ended: None,
        excluded_rows: &[RowRule {
            cell: Cell::Column("description"),
            test: Test::Contains("payment - thank you"),
            excluded: Excluded::NotSpend,
            why: "a payment of the card balance (negative, but not a refund)",
        }],
        same_item: &[],
        source: "jmcameron/amex2qif README (format 4); Tar-ive/rewind docs/statements.md",
    },
    KnownFormat {
        id: "quickbooks_transaction_detail",
        name: "QuickBooks Online Transaction Detail by Account report",
        kind: Kind::Spend,
        grain: Grain::Transaction,
        signature: &[
            "date",
            "transaction type",
            "num",
            "name",
            "memo description",
            "split",
            "amount",
        ],
        title_contains: &[],
        roles: &[
            ("date", Role::Date),
            ("name", Role::Vendor),
            ("amount", Role::Amount),
            ("memo description", Role::Description),
            ("transaction type", Role::Ignored),
            ("split", Role::Ignored),
            ("balance", Role::Ignored),
        ],
        dates: Dates {
            // The company's locale decides (MM/DD/YYYY for US companies).
            order: None,
            pattern: "company locale, MM/DD/YYYY in the US",
        },
        money: Some(MoneyRule {
            sign: Sign::PositiveIsSpend,
            parentheses_negative: true,
            currency: Currency::Home,
            decimal: None,
            foreign_amount_in: None,
        }),
        activity: None,
        status: &[],
        ended: None,
        // Account section lines, `Total for …`, `TOTAL` and the basis footer are skipped while reading.
        excluded_rows: &[RowRule {
            cell: Cell::FirstFilled,
            test: Test::StartsWith("beginning balance"),
            excluded: Excluded::NotSpend,
            why: "an opening balance line, not a transaction",
        }],
        same_item: &[],
        source: "QuickBooks Online report export to CSV (Transaction Detail by Account / General Ledger layout)",
    },
    KnownFormat {
        id: "quickbooks_expenses_by_vendor",
        name: "QuickBooks Online Expenses by Vendor Summary report",
        kind: Kind::Spend,
        grain: Grain::VendorTotal,
        signature: &["total"],
        title_contains: &["expenses by vendor summary"],
        roles: &[
            // The vendor column has no header (`,Total`); the reader calls it `column 1`.
            ("column 1", Role::Vendor),
            ("vendor", Role::Vendor),
            ("total", Role::Amount),
        ],
        dates: Dates {
            order: None,
            pattern: "no dates; the period is in the title lines",
        },
        money: Some(MoneyRule {
            sign: Sign::PositiveIsSpend,
            parentheses_negative: true,
            currency: Currency::Home,
            decimal: None,
            foreign_amount_in: None,
        }),
        activity: None,
        status: &[],
        ended: None,
        excluded_rows: &[],
        same_item: &[],
        source: "QuickBooks Online report export to CSV (Expenses by Vendor Summary)",
    },
    KnownFormat {
        id: "xero_account_transactions",
        name: "Xero Account Transactions report",
        kind: Kind::Spend,
        grain: Grain::Transaction,
        signature: &[
            "date",
            "source",
            "description",
            "reference",
            "debit",
            "credit",
            "running balance",
        ],
        title_contains: &[],
        roles: &[
            ("date", Role::Date),
            ("contact", Role::Vendor),
            ("description", Role::Description),
            ("debit", Role::Amount),
            ("account code", Role::Category),
            ("source", Role::Ignored),
            ("running balance", Role::Ignored),
        ],
        dates: Dates {
            order: None,
            pattern: "D Mon YYYY",
        },
        money: Some(MoneyRule {
            sign: Sign::DebitCredit {
                debit: "debit",
                credit: "credit",
            },
            parentheses_negative: false,
            currency: Currency::InHeader,
            decimal: None,
            foreign_amount_in: None,
        }),
        activity: None,
        status: &[],
        ended: None,
        excluded_rows: &[
            RowRule {
                cell: Cell::FirstFilled,
                test: Test::Equals("opening balance"),
                excluded: Excluded::NotSpend,
                why: "an opening balance line, not a transaction",
            },
            RowRule {
                cell: Cell::FirstFilled,
                test: Test::Equals("closing balance"),
                excluded: Excluded::NotSpend,
                why: "a closing balance line, not a transaction",
            },
        ],
        same_item: &[],
        source: "Xero Central: Account Transactions report (export to CSV)",
    },
    KnownFormat {
        id: "expensify_export",
        name: "Expensify expense export (default CSV)",
        kind: Kind::Spend,
        grain: Grain::Transaction,
        signature: &[
            "timestamp",
            "merchant",
            "amount",
            "mcc",
            "reimbursable",
            "original currency",
            "original amount",
        ],
        title_contains: &[],
        roles: &[
            ("merchant", Role::Vendor),
            ("amount", Role::Amount),
            ("timestamp", Role::Date),
            ("category", Role::Category),
            ("comment", Role::Description),
            // The currency of `Original Amount`, not of `Amount`.
            ("original currency", Role::Ignored),
            ("original amount", Role::Ignored),
        ],
        dates: Dates {
            order: Some(DateOrder::Ymd),
            pattern: "YYYY-MM-DD hh:mm:ss",
        },
        money: Some(MoneyRule {
            sign: Sign::PositiveIsSpend,
            parentheses_negative: false,
            currency: Currency::Home,
            decimal: Some(DecimalSeparator::Point),
            foreign_amount_in: None,
        }),
        activity: None,
        status: &[],
        ended: None,
        excluded_rows: &[RowRule {
            cell: Cell::Column("reimbursable"),
            test: Test::Equals("no"),
            excluded: Excluded::Duplicate,
            why: "non-reimbursable: paid on a company card, so it is in the card export already",
        }],
        same_item: &[],
        source: "Expensify default CSV export template (public parsers' header)",
    },
    KnownFormat {
        id: "snipeit_licenses",
        name: "Snipe-IT licences (import / export CSV)",
        kind: Kind::Licences,
        grain: Grain::LicenceSeat,
        signature: &[
            "item name",
            "serial number",
            "seats",
            "purchase cost",
            "expiration date",
            "licensed to name",
            "licensed to email",
        ],
        title_contains: &[],
        roles: &[
            ("item name", Role::Tool),
            ("manufacturer", Role::Vendor),
            ("seats", Role::Seats),
            ("purchase cost", Role::ContractValue),
            ("purchase date", Role::TermStart),
            ("expiration date", Role::TermEnd),
            ("email", Role::UserEmail),
            ("username", Role::Username),
            ("name", Role::DisplayName),
            ("notes", Role::Description),
            ("supplier", Role::Ignored),
        ],
        dates: Dates {
            // Import files are written by people; the sample uses MM/DD/YYYY, exports use YYYY-MM-DD.
            order: None,
            pattern: "as written (the sample import file uses MM/DD/YYYY)",
        },
        money: Some(MoneyRule {
            sign: Sign::PositiveIsSpend,
            parentheses_negative: false,
            currency: Currency::InCells,
            decimal: Some(DecimalSeparator::Point),
            foreign_amount_in: None,
        }),
        activity: None,
        status: &[],
        ended: None,
        excluded_rows: &[],
        same_item: &["item name", "serial number"],
        source: "snipe/snipe-it sample_csvs/MOCK_LICENSES.csv; app/Importer/LicenseImporter.php",
    },
    KnownFormat {
        id: "generic_contracts_eu",
        name: "Contract register (tool, vendor, seats, cost, renewal, notice, auto-renew), European Excel",
        kind: Kind::Licences,
        grain: Grain::Contract,
        signature: &[
            "tool",
            "vendor",
            "seats",
            "annual cost",
            "currency",
            "start date",
            "renewal date",
            "notice period",
            "auto renew",
        ],
        title_contains: &[],
        roles: &[
            ("tool", Role::Tool),
            ("vendor", Role::Vendor),
            ("seats", Role::Seats),
            ("annual cost", Role::ContractValue),
            ("currency", Role::Currency),
            ("start date", Role::TermStart),
            ("renewal date", Role::RenewalDate),
            ("notice period", Role::NoticePeriod),
            ("auto renew", Role::AutoRenew),
            ("notes", Role::Description),
        ],
        dates: Dates {
            // Day-first when saved by European Excel, but the header cannot tell a European file from a US one:
            // the column's own evidence (or the user) decides.
            order: None,
            pattern: "DD/MM/YYYY in the European save",
        },
        money: Some(MoneyRule {
            sign: Sign::PositiveIsSpend,
            parentheses_negative: false,
            currency: Currency::Column("currency"),
            decimal: Some(DecimalSeparator::Comma),
            foreign_amount_in: None,
        }),
        activity: None,
        status: &[],
        ended: None,
        excluded_rows: &[],
        same_item: &[],
        source: "SaaS-management contract import templates (common columns); saved by Excel in a European locale",
    },
];

/// The known export whose signature the headers match, choosing the most specific (most required headers);
/// formats that need a title line are not considered. See [`recognise_with_titles`].
/// The known format with this id.
pub fn by_id(id: &str) -> Option<&'static KnownFormat> {
    FORMATS.iter().find(|f| f.id == id)
}

pub fn recognise(normalised_headers: &[String]) -> Option<&'static KnownFormat> {
    recognise_with_titles(normalised_headers, &[])
}

/// Like [`recognise`], also using the lines above the header (report titles) for formats that need them.
/// Among equally specific matches, one confirmed by a title wins, then the earlier table entry.
pub fn recognise_with_titles(
    normalised_headers: &[String],
    titles: &[&str],
) -> Option<&'static KnownFormat> {
    let titles: Vec<String> = titles.iter().map(|t| t.to_lowercase()).collect();
    let mut best: Option<(&'static KnownFormat, (usize, bool))> = None;
    for f in FORMATS {
        if !f
            .signature
            .iter()
            .all(|s| normalised_headers.iter().any(|h| h == s))
        {
            continue;
        }
        let titled = !f.title_contains.is_empty();
        if titled
            && !f
                .title_contains
                .iter()
                .any(|p| titles.iter().any(|t| t.contains(p)))
        {
            continue;
        }
        let score = (f.signature.len(), titled);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((f, score));
        }
    }
    best.map(|(f, _)| f)
}

/// Recognises the export from the header names (as written) and the title lines above them, and applies its
/// meaning: its roles over the generic ones, and its date order to date columns whose cells left it open.
/// Returns the format, or `None` (nothing changed) for a file no entry matches.
pub fn refine(
    header: &[String],
    titles: &[&str],
    roles: &mut [Option<Role>],
    inferences: &mut [ColumnInference],
) -> Option<&'static KnownFormat> {
    let normalised: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let format = recognise_with_titles(&normalised, titles)?;
    format.apply_roles(&normalised, roles);
    if let Some(order) = format.dates.order {
        for inf in inferences.iter_mut() {
            if inf.column_type == ColumnType::Date && inf.date_order_ambiguous {
                inf.date_order = Some(order);
                inf.date_order_ambiguous = false;
            }
        }
    }
    Some(format)
}

impl KnownFormat {
    /// Index of the first column with this normalised name.
    pub fn column(normalised_headers: &[String], name: &str) -> Option<usize> {
        normalised_headers.iter().position(|h| h == name)
    }

    /// Replaces `roles` (one per column, aligned with `normalised_headers`) with this format's: each role goes
    /// to the first column of its name; every other column has none.
    pub fn apply_roles(&self, normalised_headers: &[String], roles: &mut [Option<Role>]) {
        for r in roles.iter_mut() {
            *r = None;
        }
        for (name, role) in self.roles {
            let Some(i) = Self::column(normalised_headers, name) else {
                continue;
            };
            if i >= roles.len() {
                continue;
            }
            if *role == Role::Ignored {
                roles[i] = None;
                continue;
            }
            for r in roles.iter_mut() {
                if *r == Some(*role) {
                    *r = None;
                }
            }
            roles[i] = Some(*role);
        }
    }

    /// The one tool a single-application export is about (its rows name no tool).
    pub fn single_tool(&self) -> Option<&'static str> {
        match self.id {
            "m365_active_users" => Some("Microsoft 365"),
            "google_workspace_users" => Some("Google Workspace"),
            "slack_members" => Some("Slack"),
            "adobe_admin_users" => Some("Adobe Creative Cloud"),
            "salesforce_users" => Some("Salesforce"),
            "hubspot_users" => Some("HubSpot"),
            _ => None,
        }
    }

    /// Whether the export is a company directory, whose status column says who has left.
    pub fn is_directory(&self) -> bool {
        matches!(self.id, "m365_active_users" | "google_workspace_users")
    }

    /// The first rule that leaves this row out, if any.
    pub fn excluded(&self, normalised_headers: &[String], row: &[String]) -> Option<&RowRule> {
        self.excluded_rows.iter().find(|rule| {
            let cell = match rule.cell {
                Cell::Column(name) => Self::column(normalised_headers, name)
                    .map(|i| row.get(i).map(String::as_str).unwrap_or("")),
                Cell::FirstFilled => Some(
                    row.iter()
                        .map(|c| c.trim())
                        .find(|c| !c.is_empty())
                        .unwrap_or(""),
                ),
            };
            // A rule about a column the file does not have says nothing.
            cell.is_some_and(|c| rule.test.matches(c))
        })
    }

    /// What the status columns say about the person on this row: the most severe state any rule gives
    /// (deleted over suspended over guest over active); `None` when no rule applies.
    pub fn person_state(
        &self,
        normalised_headers: &[String],
        row: &[String],
    ) -> Option<PersonState> {
        let mut state = None;
        for rule in self.status {
            let Some(cell) = Self::column(normalised_headers, rule.column).and_then(|i| row.get(i))
            else {
                continue;
            };
            let v = cell.trim().to_lowercase();
            if let Some((_, s)) = rule.values.iter().find(|(k, _)| *k == v) {
                state = state.max(Some(*s));
            }
        }
        if let Some(i) = self.ended.and_then(|e| Self::column(normalised_headers, e)) {
            if row.get(i).is_some_and(|c| !c.trim().is_empty()) {
                state = state.max(Some(PersonState::Deactivated));
            }
        }
        state
    }

    /// True when the row says the person was never active (blank or "never" in every activity column).
    pub fn never_active(&self, normalised_headers: &[String], row: &[String]) -> bool {
        let Some(rule) = self.activity else {
            return false;
        };
        let cells: Vec<&str> = normalised_headers
            .iter()
            .enumerate()
            .filter(|(_, h)| rule.columns.contains(&h.as_str()))
            .map(|(i, _)| row.get(i).map(|c| c.trim()).unwrap_or(""))
            .collect();
        if cells.is_empty() {
            return false;
        }
        cells.iter().all(|c| {
            (rule.blank_is_never && c.is_empty())
                || rule.never_values.iter().any(|n| c.eq_ignore_ascii_case(n))
        })
    }
}

impl Test {
    /// Whether a cell passes (case-insensitive, trimmed).
    pub fn matches(&self, cell: &str) -> bool {
        let c = cell.trim().to_lowercase();
        match self {
            Test::Equals(v) => c == *v,
            Test::StartsWith(v) => c.starts_with(v),
            Test::Contains(v) => c.contains(v),
            Test::Blank => c.is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| normalise_header(s)).collect()
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ids_are_unique_and_entries_are_consistent() {
        let mut ids: Vec<&str> = FORMATS.iter().map(|f| f.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), FORMATS.len());
        for f in FORMATS {
            // Signatures, role names and rule columns are written normalised.
            for s in f.signature {
                assert_eq!(normalise_header(s), *s, "{}: signature {s}", f.id);
            }
            for (name, _) in f.roles {
                assert_eq!(
                    normalise_header(name),
                    *name,
                    "{}: role column {name}",
                    f.id
                );
            }
            for r in f.excluded_rows {
                if let Cell::Column(c) = r.cell {
                    assert_eq!(normalise_header(c), c, "{}: rule column {c}", f.id);
                }
                if let Test::Equals(v) | Test::StartsWith(v) | Test::Contains(v) = r.test {
                    assert_eq!(v.to_lowercase(), v, "{}: rule values are lower case", f.id);
                }
            }
            for s in f.status {
                for (v, _) in s.values {
                    assert_eq!(
                        v.to_lowercase(),
                        *v,
                        "{}: status values are lower case",
                        f.id
                    );
                }
            }
        }
    }

    #[test]
    fn extra_and_reordered_columns_still_match() {
        let h = norm(&[
            "Foo",
            "Amount",
            "Merchant Name",
            "Card Last 4",
            "Clearing Date",
            "Ramp Category",
            "Merchant Description",
            "Transaction Date",
            "Bar",
        ]);
        assert_eq!(recognise(&h).map(|f| f.id), Some("ramp_transactions"));
        assert!(recognise(&norm(&["Amount", "Merchant Name"])).is_none());
        assert!(recognise(&[]).is_none());
    }

    #[test]
    fn the_most_specific_signature_wins() {
        // Amex's signature contains `date`, `description`, `amount`; a QuickBooks-like header with more of its
        // own columns must still go to QuickBooks.
        let h = norm(&[
            "",
            "Date",
            "Transaction Type",
            "Num",
            "Name",
            "Memo/Description",
            "Split",
            "Amount",
            "Balance",
        ]);
        assert_eq!(
            recognise(&h).map(|f| f.id),
            Some("quickbooks_transaction_detail")
        );
    }

    #[test]
    fn title_only_formats_need_their_title() {
        let h = norm(&["column 1", "Total"]);
        assert!(recognise(&h).is_none());
        assert_eq!(
            recognise_with_titles(&h, &["Expenses by Vendor Summary", "Northwind Labs"])
                .map(|f| f.id),
            Some("quickbooks_expenses_by_vendor")
        );
        assert!(recognise_with_titles(&h, &["Profit and Loss"]).is_none());
    }

    #[test]
    fn format_roles_replace_generic_ones() {
        let f = FORMATS
            .iter()
            .find(|f| f.id == "m365_active_users")
            .expect("m365 entry");
        let h = norm(&[
            "Report Refresh Date",
            "User Principal Name",
            "Display Name",
            "Has Yammer License",
        ]);
        let mut roles = vec![
            Some(Role::Date),
            Some(Role::DisplayName),
            None,
            Some(Role::Seats),
        ];
        f.apply_roles(&h, &mut roles);
        assert_eq!(
            roles,
            vec![None, Some(Role::UserEmail), Some(Role::DisplayName), None]
        );
    }

    #[test]
    fn row_rules_and_states() {
        let amex = FORMATS
            .iter()
            .find(|f| f.id == "amex_activity")
            .expect("amex");
        let h = norm(&["Date", "Description", "Amount"]);
        assert!(amex
            .excluded(
                &h,
                &row(&["10/28/2026", "AUTOPAY PAYMENT - THANK YOU", "-8412.37"])
            )
            .is_some());
        assert!(amex
            .excluded(&h, &row(&["10/27/2026", "ZOOM.US", "-149.90"]))
            .is_none());
        // A short row does not panic and is judged on what it has.
        assert!(amex.excluded(&h, &row(&[])).is_none());

        let google = FORMATS
            .iter()
            .find(|f| f.id == "google_workspace_users")
            .expect("google");
        let h = norm(&[
            "Email Address [Required]",
            "Status [READ ONLY]",
            "Last Sign In [READ ONLY]",
        ]);
        let r = row(&["a@northwind.example", "Suspended", "Never logged in"]);
        assert!(google.never_active(&h, &r));
        assert_eq!(google.person_state(&h, &r), Some(PersonState::Suspended));

        let slack = FORMATS
            .iter()
            .find(|f| f.id == "slack_members")
            .expect("slack");
        let h = norm(&[
            "Account type",
            "Deactivated date (UTC)",
            "Last active (UTC)",
            "Last active (iOS) (UTC)",
        ]);
        let r = row(&["Member", "Oct 15, 2026", "", "Oct 12, 2026"]);
        assert_eq!(slack.person_state(&h, &r), Some(PersonState::Deactivated));
        assert!(!slack.never_active(&h, &r), "any activity column counts");
        assert!(slack.never_active(&h, &row(&["Member", "", "", ""])));
    }
}
