//! People helpers for joining usage, licence and HR exports: e-mail normalisation, service-account detection
//! and display-name normalisation.
//!
//! ## Service accounts and shared mailboxes
//!
//! [`is_service_account`] looks at the local part of an e-mail (or at a display name), split into words at
//! `.`, `_`, `-`, `+`, digits and blanks. It is `true` when:
//!
//! 1. the **whole** local part (digits and separators removed), or every word of it, is a role mailbox
//!    (`it-support@`, `sales.team@`, `marketing-ops@`): `admin`, `administrator`,
//!    `root`, `info`, `support`, `help`, `helpdesk`, `hello`, `contact`, `team`, `office`, `marketing`,
//!    `sales`, `billing`, `accounts`, `accounting`, `finance`, `invoices`, `ap`, `ar`, `hr`, `jobs`,
//!    `careers`, `recruiting`, `security`, `it`, `ops`, `devops`, `webmaster`, `postmaster`, `hostmaster`,
//!    `abuse`, `privacy`, `legal`, `press`, `media`, `news`, `newsletter`, `events`, `feedback`, `service`,
//!    `services`, `notifications`, `alerts`, `system`, `reception`, `enquiries`, `inquiries`, `orders`,
//!    `partners`, `social`, `shared`, `general`, `mailer`, `daemon`;
//! 2. **any** word is a technical marker: `noreply`, `no-reply`/`no reply`, `donotreply`, `do-not-reply`,
//!    `bot`, `bots`, `api`, `svc`, `integration`, `integrations`, `automation`, `serviceaccount`,
//!    `service account`, `service user`, `integration user`, `test`, `testing`, `tester`, `qa`, `demo`,
//!    `sandbox`, `robot`, `daemon`, `mailer`, `scanner`, `sync`, `system`; or the address starts with
//!    `svc-`, `svc_`, `sa-`, `sa_` or `srv-`, `srv_`;
//! 3. the **first** word is `admin`, `service`, `services`, `shared`, `team` or `sys` and more words follow
//!    (`admin.eu@`, `service-zapier@`, `shared.design@`).
//!
//! Deliberately **not** service accounts: a role word that is only part of a person's address, such as
//! `sam.service@` (a surname), `sales.jones@`, `albert@`, `talbot@`, `abbot@` (words must match whole,
//! so `bot` inside a name does not count), `mary.admin@`. Callers that know better can exclude more people
//! by their own list.
//!
//! ## Display names
//!
//! [`normalise_person_name`] gives a key for joining display names across exports: accents and case folded,
//! `Last, First` reordered to `first last`, bracketed notes (`(Contractor)`), dots and apostrophes removed,
//! hyphens and blanks collapsed to single spaces.

use super::text::fold;

const ROLE_LOCALS: &[&str] = &[
    "admin",
    "administrator",
    "root",
    "info",
    "support",
    "help",
    "helpdesk",
    "hello",
    "contact",
    "team",
    "office",
    "marketing",
    "sales",
    "billing",
    "accounts",
    "accounting",
    "finance",
    "invoices",
    "invoice",
    "ap",
    "ar",
    "hr",
    "jobs",
    "careers",
    "recruiting",
    "security",
    "it",
    "ops",
    "devops",
    "webmaster",
    "postmaster",
    "hostmaster",
    "abuse",
    "privacy",
    "legal",
    "press",
    "media",
    "news",
    "newsletter",
    "events",
    "feedback",
    "service",
    "services",
    "notifications",
    "alerts",
    "system",
    "reception",
    "enquiries",
    "inquiries",
    "orders",
    "partners",
    "social",
    "shared",
    "general",
    "mailer",
    "daemon",
    // Joined forms of technical markers.
    "noreply",
    "donotreply",
];

const TECH_WORDS: &[&str] = &[
    "noreply",
    "donotreply",
    "bot",
    "bots",
    "api",
    "svc",
    "integration",
    "integrations",
    "automation",
    "serviceaccount",
    "test",
    "testing",
    "tester",
    "qa",
    "demo",
    "sandbox",
    "robot",
    "daemon",
    "mailer",
    "scanner",
    "sync",
    "system",
];

const TECH_PHRASES: &[&[&str]] = &[
    &["no", "reply"],
    &["do", "not", "reply"],
    &["service", "account"],
    &["service", "user"],
    &["integration", "user"],
];

const LEADING_WORDS: &[&str] = &["admin", "service", "services", "shared", "team", "sys"];

/// Lowercased, trimmed e-mail address, with `mailto:`, angle brackets and quotes removed; `Name <a@b.c>` gives
/// `a@b.c`. `None` unless it has one `@`, a non-empty local part and a dotted domain, and no blanks.
pub fn normalise_email(s: &str) -> Option<String> {
    let mut t = s.trim();
    if let (Some(open), true) = (t.rfind('<'), t.ends_with('>')) {
        t = &t[open + 1..t.len() - 1];
    }
    let t = t.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    let lower = t.to_lowercase();
    let lower = lower.strip_prefix("mailto:").unwrap_or(&lower).trim();
    let lower = lower.split('?').next().unwrap_or("");
    let (local, domain) = lower.split_once('@')?;
    if local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || lower.chars().any(char::is_whitespace)
    {
        return None;
    }
    Some(lower.to_string())
}

/// The local part of a normalised e-mail, without any `+tag` (`Jane.Doe+hubspot@Acme.com` → `jane.doe`).
pub fn email_local_part(s: &str) -> Option<String> {
    let e = normalise_email(s)?;
    let local = e.split('@').next().unwrap_or("");
    let local = local.split('+').next().unwrap_or("");
    (!local.is_empty()).then(|| local.to_string())
}

/// Whether an e-mail address or a display name belongs to a service account or a shared mailbox (see the
/// module docs for the rules).
pub fn is_service_account(email_or_name: &str) -> bool {
    let local = match email_local_part(email_or_name) {
        Some(l) => l,
        None => fold(email_or_name.trim()),
    };
    let folded = fold(&local);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    let joined: String = words.concat();
    if ROLE_LOCALS.contains(&joined.as_str()) || words.iter().all(|w| ROLE_LOCALS.contains(w)) {
        return true;
    }
    if words.iter().any(|w| TECH_WORDS.contains(w)) {
        return true;
    }
    if TECH_PHRASES
        .iter()
        .any(|p| p.len() <= words.len() && words.windows(p.len()).any(|w| w == *p))
    {
        return true;
    }
    if ["svc", "sa", "srv"]
        .iter()
        .any(|p| folded.starts_with(&format!("{p}-")) || folded.starts_with(&format!("{p}_")))
    {
        return true;
    }
    words.len() > 1 && LEADING_WORDS.contains(&words[0])
}

/// A display name folded for joins: `Müller, Jürgen` → `jurgen muller`, `O'Brien (Contractor)` → `obrien`.
pub fn normalise_person_name(s: &str) -> String {
    // Remove bracketed notes.
    let mut cleaned = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => cleaned.push(c),
            _ => {}
        }
    }
    let folded = fold(&cleaned);
    let reordered = match folded.split_once(',') {
        Some((last, first))
            if !first.trim().is_empty() && !last.trim().is_empty() && !first.contains(',') =>
        {
            format!("{first} {last}")
        }
        _ => folded.replace(',', " "),
    };
    let mut out = String::with_capacity(reordered.len());
    for w in reordered
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            normalise_email("  MAILTO:Jane.Doe@Acme.COM "),
            Some("jane.doe@acme.com".into())
        );
        assert_eq!(
            normalise_email("Jane Doe <jane@acme.com>"),
            Some("jane@acme.com".into())
        );
        assert_eq!(normalise_email("jane"), None);
        assert_eq!(normalise_email("jane@localhost"), None);
        assert_eq!(normalise_email("a@b@c.com"), None);
        assert_eq!(normalise_email("ja ne@acme.com"), None);
        assert_eq!(
            email_local_part("Jane.Doe+hubspot@Acme.com"),
            Some("jane.doe".into())
        );
    }

    #[test]
    fn service_accounts() {
        for yes in [
            "noreply@acme.com",
            "no-reply@acme.com",
            "do-not-reply@acme.com",
            "admin@acme.com",
            "info@acme.com",
            "support@acme.com",
            "marketing@acme.com",
            "sales@acme.com",
            "billing@acme.com",
            "svc-hubspot@acme.com",
            "svc_salesforce@acme.com",
            "sa-backup@acme.com",
            "service-zapier@acme.com",
            "slack-bot@acme.com",
            "salesforce.integration@acme.com",
            "api-user@acme.com",
            "test.user@acme.com",
            "qa2@acme.com",
            "admin.eu@acme.com",
            "it-support@acme.com",
            "sales.team@acme.com",
            "marketing-ops@acme.com",
            "info2@acme.com",
            "Service Account",
            "Integration User",
            "Marketing",
        ] {
            assert!(is_service_account(yes), "{yes}");
        }
        for no in [
            "albert@acme.com",
            "sam.service@acme.com",
            "sales.jones@acme.com",
            "talbot@acme.com",
            "abbot@acme.com",
            "mary.admin@acme.com",
            "jane.doe@acme.com",
            "Sam Service",
            "Testa Rossi",
            "sarah@acme.com",
            "",
        ] {
            assert!(!is_service_account(no), "{no}");
        }
    }

    #[test]
    fn person_names() {
        assert_eq!(normalise_person_name("Müller, Jürgen"), "jurgen muller");
        assert_eq!(normalise_person_name("  Jürgen   MÜLLER "), "jurgen muller");
        assert_eq!(
            normalise_person_name("O'Brien, Mary-Kate (Contractor)"),
            "mary kate obrien"
        );
        assert_eq!(normalise_person_name("Dr. Ana García"), "dr ana garcia");
        assert_eq!(normalise_person_name(""), "");
    }
}
