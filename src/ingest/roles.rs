//! Column roles from header names, and the file's kind from the roles it has.
//!
//! This is the generic path: it works on any header. Known exports (see `formats`) refine it.

use crate::model::{ColumnType, Kind, Role};

/// Lower-cases a header, removes bracketed suffixes (`[Required]`, `[READ ONLY]`), punctuation and extra spaces.
pub fn normalise_header(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0u32;
    for c in name.chars() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => out.extend(fold_accent(c).to_lowercase()),
            _ => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
        }
    }
    out.trim().to_string()
}

/// Latin letters with accents → the plain letter, so French and German headers match their keywords.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => 'i',
        'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => 'o',
        'û' | 'ü' | 'ù' | 'ú' | 'Û' | 'Ü' | 'Ù' | 'Ú' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        _ => c,
    }
}

/// Keywords per role, tried in order; a phrase matches a whole normalised header or a run of its words.
const RULES: &[(Role, &[&str])] = &[
    (
        Role::Rate,
        &[
            "rate",
            "exchange rate",
            "fx rate",
            "conversion rate",
            "taux",
            "taux de change",
            "kurs",
            "wechselkurs",
        ],
    ),
    (
        Role::Value,
        &[
            "value",
            "annual value",
            "attributed revenue",
            "attributed value",
            "valeur",
            "wert",
        ],
    ),
    (
        Role::UserEmail,
        &[
            "user principal name",
            "email address",
            "e mail",
            "email",
            "user email",
            "mail",
            "login email",
            "primary email",
            "username email",
        ],
    ),
    (
        Role::LastActivity,
        &[
            "derniere activite",
            "derniere connexion",
            "last activity date",
            "last activity",
            "last active",
            "last login",
            "last sign in",
            "last signin",
            "last seen",
            "last used",
            "last accessed",
            "last login date",
            "last activity time",
        ],
    ),
    (
        Role::EndedOn,
        &[
            "date de suppression",
            "unassigned on",
            "deleted date",
            "deactivated on",
            "deactivated",
            "removed on",
            "deleted on",
            "end date user",
            "termination date",
        ],
    ),
    (
        Role::RenewalDate,
        &[
            "date de renouvellement",
            "renouvellement",
            "echeance",
            "date d echeance",
            "renewal date",
            "renews on",
            "renewal",
            "next renewal",
            "expiration date",
            "expiry date",
            "expires",
            "expiration",
        ],
    ),
    (
        Role::NoticePeriod,
        &[
            "preavis jours",
            "preavis",
            "delai de preavis",
            "kundigungsfrist",
            "notice period days",
            "notice period",
            "notice days",
            "notice",
        ],
    ),
    (
        Role::AutoRenew,
        &[
            "renouvellement auto",
            "renouvellement automatique",
            "reconduction tacite",
            "tacite reconduction",
            "auto renew",
            "auto renewal",
            "autorenew",
            "renews automatically",
            "evergreen",
        ],
    ),
    (
        Role::TermStart,
        &[
            "debut",
            "date de debut",
            "date debut",
            "start date",
            "term start",
            "contract start",
            "purchase date",
            "start",
        ],
    ),
    (
        Role::TermEnd,
        &[
            "fin",
            "date de fin",
            "date fin",
            "end date",
            "term end",
            "contract end",
            "termination",
        ],
    ),
    (
        Role::Seats,
        &[
            "nombre de licences",
            "nb licences",
            "sieges",
            "lizenzen",
            "seats",
            "licenses",
            "licences",
            "seat count",
            "quantity",
            "qty",
            "number of licenses",
            "license count",
            "total seats",
            "licensed seats",
        ],
    ),
    (
        Role::Price,
        &[
            "prix unitaire",
            "prix par licence",
            "price per seat",
            "unit price",
            "price",
            "cost per seat",
            "per seat",
            "purchase cost",
            "unit cost",
        ],
    ),
    (
        Role::ContractValue,
        &[
            "cout annuel",
            "montant annuel",
            "valeur du contrat",
            "jahreskosten",
            "annual cost",
            "contract value",
            "annual value",
            "acv",
            "tcv",
            "total cost",
            "annual contract value",
            "yearly cost",
        ],
    ),
    (
        Role::BillingPeriod,
        &[
            "period",
            "periode",
            "billing period",
            "billing cycle",
            "billing frequency",
            "term",
        ],
    ),
    (
        Role::Currency,
        &[
            "wahrung",
            "currency",
            "currency code",
            "original currency",
            "devise",
        ],
    ),
    (
        Role::Amount,
        &[
            "betrag",
            "montant ttc",
            "montant ht",
            "amount",
            "total",
            "debit",
            "montant",
            "amount usd",
            "net amount",
            "total amount",
            "spend",
            "charge",
            "original amount",
            "transaction amount",
            "amount in usd",
            "cost",
        ],
    ),
    (
        Role::Vendor,
        &[
            "lieferant",
            "editeur",
            "vendor",
            "merchant",
            "payee",
            "supplier",
            "merchant name",
            "description",
            "fournisseur",
        ],
    ),
    (
        Role::Tool,
        &[
            "logiciel",
            "tool",
            "application",
            "app",
            "app name",
            "application name",
            "product",
            "software",
            "service",
            "license name",
            "licence name",
            "product name",
            "outil",
            "products",
            "assigned products",
            "product configurations",
        ],
    ),
    (
        Role::Date,
        &[
            "date",
            "transaction date",
            "posted date",
            "clearing date",
            "posting date",
            "txn date",
            "event date",
            "day",
            "timestamp",
        ],
    ),
    (
        Role::Username,
        &[
            "username",
            "user name",
            "login",
            "user id",
            "userid",
            "user",
        ],
    ),
    (
        Role::DisplayName,
        &[
            "display name",
            "full name",
            "name",
            "member",
            "employee",
            "first name",
        ],
    ),
    (
        Role::Events,
        &[
            "events",
            "event count",
            "actions",
            "count",
            "messages posted",
            "activity count",
            "logins",
        ],
    ),
    (
        Role::Status,
        &[
            "status",
            "account status",
            "user status",
            "state",
            "is deleted",
            "active",
            "deleted",
            "account type",
            "billing active",
        ],
    ),
    (
        Role::Department,
        &[
            "departement",
            "centre de cout",
            "abteilung",
            "kostenstelle",
            "department",
            "cost center",
            "cost centre",
            "team",
            "division",
            "org unit path",
            "org unit",
            "business unit",
        ],
    ),
    (
        Role::Category,
        &[
            "category",
            "type",
            "expense category",
            "account",
            "gl account",
        ],
    ),
    (Role::Feature, &["feature", "action", "event", "event type"]),
    (
        Role::Description,
        &[
            "memo",
            "notes",
            "note",
            "details",
            "memo description",
            "extended details",
            "comment",
        ],
    ),
];

/// The generic role for a header, if any keyword matches. Exact matches win over partial ones.
pub fn role_for_header(name: &str) -> Option<Role> {
    let h = normalise_header(name);
    if h.is_empty() {
        return None;
    }
    for (role, keys) in RULES {
        if keys.iter().any(|k| *k == h) {
            return Some(*role);
        }
    }
    let words: Vec<&str> = h.split(' ').collect();
    for (role, keys) in RULES {
        for k in keys.iter() {
            let kw: Vec<&str> = k.split(' ').collect();
            if kw.len() <= words.len() && words.windows(kw.len()).any(|w| w == kw.as_slice()) {
                return Some(*role);
            }
        }
    }
    None
}

/// Assigns roles to all columns: each role at most once (the first, best-typed column wins), then checks
/// roles against types (an email role on a column of numbers is dropped).
pub fn assign_roles(headers: &[String], types: &[ColumnType]) -> Vec<Option<Role>> {
    let mut out: Vec<Option<Role>> = headers.iter().map(|h| role_for_header(h)).collect();
    for (i, role) in out.iter_mut().enumerate() {
        let ty = types.get(i).copied().unwrap_or(ColumnType::Text);
        let fits = match role {
            Some(Role::UserEmail) => matches!(ty, ColumnType::Email | ColumnType::Empty),
            Some(Role::Amount | Role::Price | Role::ContractValue) => {
                matches!(
                    ty,
                    ColumnType::Money
                        | ColumnType::Decimal
                        | ColumnType::Integer
                        | ColumnType::Empty
                )
            }
            Some(Role::Seats | Role::Events | Role::NoticePeriod) => {
                matches!(
                    ty,
                    ColumnType::Integer
                        | ColumnType::Decimal
                        | ColumnType::Empty
                        | ColumnType::Text
                )
            }
            Some(
                Role::Date
                | Role::LastActivity
                | Role::RenewalDate
                | Role::TermStart
                | Role::TermEnd
                | Role::EndedOn,
            ) => matches!(ty, ColumnType::Date | ColumnType::Empty | ColumnType::Text),
            _ => true,
        };
        if !fits {
            *role = None;
        }
    }
    // A column of emails with no role is the user's email.
    if !out.contains(&Some(Role::UserEmail)) {
        if let Some(i) = types.iter().position(|t| *t == ColumnType::Email) {
            if out[i].is_none()
                || out[i] == Some(Role::Username)
                || out[i] == Some(Role::DisplayName)
            {
                out[i] = Some(Role::UserEmail);
            }
        }
    }
    // Each role once: later duplicates become unassigned.
    let mut seen = std::collections::BTreeSet::new();
    for role in out.iter_mut() {
        if let Some(r) = *role {
            if !seen.insert(r) {
                *role = None;
            }
        }
    }
    out
}

/// Decides the kind of a file from its roles.
pub fn kind_from_roles(roles: &[Option<Role>]) -> Kind {
    let has = |r: Role| roles.contains(&Some(r));
    let person = has(Role::UserEmail) || has(Role::Username);
    let activity = has(Role::LastActivity) || has(Role::Events);
    if has(Role::Rate) && has(Role::Currency) && !has(Role::Amount) {
        return Kind::ExchangeRates;
    }
    if has(Role::Value) && has(Role::Tool) && !has(Role::Amount) && !has(Role::Seats) {
        return Kind::Values;
    }
    let contract = has(Role::Seats)
        || has(Role::RenewalDate)
        || has(Role::NoticePeriod)
        || has(Role::AutoRenew);
    if person && activity {
        Kind::Usage
    } else if contract {
        Kind::Licences
    } else if has(Role::Amount) && (has(Role::Vendor) || has(Role::Tool) || has(Role::Date)) {
        Kind::Spend
    } else if person && has(Role::Tool) {
        // An assignment list: who has which tool, without activity.
        Kind::Usage
    } else if person {
        Kind::People
    } else {
        Kind::Unknown
    }
}

/// Roles that depend on the kind: in a spend file, an unqualified "Name" column is the payee.
pub fn refine_for_kind(kind: Kind, headers: &[String], roles: &mut [Option<Role>]) {
    if kind == Kind::Spend && !roles.contains(&Some(Role::Vendor)) {
        if let Some(i) = roles.iter().position(|r| *r == Some(Role::DisplayName)) {
            if headers
                .get(i)
                .map(|h| normalise_header(h) == "name")
                .unwrap_or(false)
            {
                roles[i] = Some(Role::Vendor);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_workspace_suffixes_are_ignored() {
        assert_eq!(
            normalise_header("Email Address [Required]"),
            "email address"
        );
        assert_eq!(
            role_for_header("Last Sign In [READ ONLY]"),
            Some(Role::LastActivity)
        );
    }

    #[test]
    fn common_headers_get_roles() {
        assert_eq!(
            role_for_header("User Principal Name"),
            Some(Role::UserEmail)
        );
        assert_eq!(role_for_header("Renewal Date"), Some(Role::RenewalDate));
        assert_eq!(role_for_header("Merchant Name"), Some(Role::Vendor));
        assert_eq!(role_for_header("Amount (USD)"), Some(Role::Amount));
        assert_eq!(
            role_for_header("Notice period (days)"),
            Some(Role::NoticePeriod)
        );
    }
}
