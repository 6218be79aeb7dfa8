//! All files' records → one [`Stack`]: tools identified across sources, spend classified and converted,
//! people joined, accounts merged per person and tool.
//!
//! Rules (also in `docs/metrics.md`, "Reconciliation"):
//! - Every tool, product or vendor string is matched once against the catalogue (user rules first). Contract
//!   and usage names that match nothing still become tools (named as written); spend vendors that match
//!   nothing are listed as unmatched with suggestions and are not counted as software until the user maps them.
//! - Amounts are converted to the reporting currency with the rate table; amounts whose currency has no rate
//!   are left unknown (`None`) and listed. An amount with no currency at all is taken to be in the reporting
//!   currency (card and accounting exports are in the account's home currency), and this is reported once.
//! - People are joined by email; then a username equal to a known email's local part; then, only when nothing
//!   else identifies the record, by display name (reported, since names can collide).

use super::{is_service_account, normalise_email, normalise_person_name, Catalogue, MatchResult};
use crate::error::{Diagnostic, Severity};
use crate::ingest::extract::later;
use crate::model::{AccountStatus, Date, LastActivity, Records, Source};
use crate::stack::{
    Account, JoinHow, Person, SpendClass, Stack, StackLicence, StackSpend, Tool, UnmatchedVendor,
    VendorMatch,
};
use std::collections::{BTreeMap, HashMap};

/// One file's contribution.
pub struct FileInput<'a> {
    pub file: &'a str,
    /// The known export id, or `generic`.
    pub format: &'a str,
    pub records: &'a Records,
}

/// Choices that shape reconciliation.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The reporting currency; default: the currency of most spend lines and contracts, else USD.
    pub currency: Option<String>,
    /// Extra rates (currency → units of the reporting currency), e.g. typed in the page's settings; they win
    /// over rates read from files.
    pub rates: BTreeMap<String, f64>,
}

/// Formats whose accounts also define who is still employed (a directory).
fn is_directory(format: &str) -> bool {
    crate::ingest::formats::by_id(format).is_some_and(|f| f.is_directory())
}

struct Builder<'c> {
    catalogue: &'c Catalogue,
    stack: Stack,
    /// Catalogue index → stack tool index.
    by_catalogue: HashMap<usize, usize>,
    /// Lower-cased name of a tool not in the catalogue → stack tool index.
    by_name: HashMap<String, usize>,
    match_cache: HashMap<String, MatchResult>,
    people_by_email: HashMap<String, usize>,
    people_by_local: HashMap<String, usize>,
    people_by_name: HashMap<String, usize>,
    /// (tool, person) → account index within the tool.
    accounts: HashMap<(usize, usize), usize>,
    rates: BTreeMap<String, f64>,
    /// Dated rates from rate files, per currency, sorted by date: a spend line uses the latest rate on or
    /// before its date (the earliest rate for lines before the table starts).
    dated: BTreeMap<String, Vec<(Date, f64)>>,
    diagnostics: Vec<Diagnostic>,
    assumed_currency_lines: u64,
}

/// Builds the stack. Diagnostics say what was assumed or could not be joined.
pub fn build_stack(
    files: &[FileInput<'_>],
    catalogue: &Catalogue,
    options: &BuildOptions,
) -> (Stack, Vec<Diagnostic>) {
    let currency = options
        .currency
        .clone()
        .map(|c| c.to_uppercase())
        .unwrap_or_else(|| majority_currency(files));
    let mut rates: BTreeMap<String, f64> = BTreeMap::new();
    let mut dated: BTreeMap<String, Vec<(Date, f64)>> = BTreeMap::new();
    for f in files {
        for r in &f.records.rates {
            match r.date {
                Some(d) => dated
                    .entry(r.currency.clone())
                    .or_default()
                    .push((d, r.rate)),
                None => {
                    rates.insert(r.currency.clone(), r.rate);
                }
            }
        }
    }
    for list in dated.values_mut() {
        list.sort_by_key(|a| a.0);
    }
    // Undated lookups (contracts, undated lines) use the latest dated rate when no undated one is given.
    for (c, list) in &dated {
        if let Some((_, r)) = list.last() {
            rates.entry(c.clone()).or_insert(*r);
        }
    }
    // Rates typed by the user win over every rate file.
    for (c, r) in &options.rates {
        rates.insert(c.to_uppercase(), *r);
        dated.remove(&c.to_uppercase());
    }
    rates.insert(currency.clone(), 1.0);
    let mut b = Builder {
        catalogue,
        stack: Stack {
            currency,
            ..Stack::default()
        },
        by_catalogue: HashMap::new(),
        by_name: HashMap::new(),
        match_cache: HashMap::new(),
        people_by_email: HashMap::new(),
        people_by_local: HashMap::new(),
        people_by_name: HashMap::new(),
        accounts: HashMap::new(),
        rates,
        dated,
        diagnostics: Vec::new(),
        assumed_currency_lines: 0,
    };
    // People first (rosters and directories), so accounts join to them.
    for f in files {
        for p in &f.records.people {
            let i = b.person(
                p.email.as_deref(),
                p.username.as_deref(),
                p.display_name.as_deref(),
                &p.source,
            );
            let person = &mut b.stack.people[i];
            if p.status != AccountStatus::Unknown {
                person.status = p.status;
            }
            if person.department.is_none() {
                person.department = p.department.clone();
            }
        }
    }
    for f in files {
        for l in &f.records.licences {
            // The product name first; a plan name the catalogue does not know ("Slack Business+") falls back to
            // the vendor ("Slack Technologies, LLC"), then to a tool named as written.
            let mut t = b.tool_for(&l.tool, false).0;
            if t.is_none() {
                if let Some(v) = l.vendor.as_deref() {
                    t = b.tool_for(v, false).0;
                }
            }
            let t = t.or_else(|| b.tool_for(&l.tool, true).0);
            let Some(t) = t else { continue };
            let annual_cost = l
                .annual_cost
                .as_ref()
                .and_then(|m| b.convert(m.amount, m.currency.as_deref()));
            let price_per_seat = l
                .price_per_seat
                .as_ref()
                .and_then(|m| b.convert(m.amount, m.currency.as_deref()));
            b.stack.tools[t].licences.push(StackLicence {
                licence: l.clone(),
                annual_cost,
                price_per_seat,
            });
        }
    }
    for f in files {
        let directory = is_directory(f.format);
        for u in &f.records.usage {
            let person = b.person(
                u.email.as_deref(),
                u.username(),
                u.display_name(),
                &u.source,
            );
            if directory && u.status != AccountStatus::Unknown {
                b.stack.people[person].status = u.status;
            }
            if b.stack.people[person].department.is_none() {
                b.stack.people[person].department = u.department().map(str::to_string);
            }
            let Some(tool_name) = u.tool.as_deref() else {
                continue;
            };
            let (Some(t), _) = b.tool_for(tool_name, true) else {
                continue;
            };
            b.account(t, person, u);
        }
    }
    for f in files {
        for s in &f.records.spend {
            b.spend(s);
        }
    }
    b.finish()
}

fn majority_currency(files: &[FileInput<'_>]) -> String {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for f in files {
        for s in &f.records.spend {
            if let Some(c) = s.amount.currency.as_deref() {
                *count.entry(c).or_default() += 1;
            }
        }
        for l in &f.records.licences {
            if let Some(c) = l.annual_cost.as_ref().and_then(|m| m.currency.as_deref()) {
                *count.entry(c).or_default() += 1;
            }
        }
    }
    count
        .into_iter()
        .max_by_key(|(c, n)| (*n, std::cmp::Reverse(*c)))
        .map(|(c, _)| c.to_string())
        .unwrap_or_else(|| "USD".into())
}

impl Builder<'_> {
    /// Converts with the rate in force on `date` when the rate table is dated.
    fn convert_on(
        &mut self,
        amount: f64,
        currency: Option<&str>,
        date: Option<Date>,
    ) -> Option<f64> {
        if let (Some(c), Some(d)) = (currency, date) {
            if let Some(list) = self.dated.get(&c.to_uppercase()) {
                let rate = list
                    .iter()
                    .rev()
                    .find(|(from, _)| *from <= d)
                    .or(list.first())
                    .map(|(_, r)| *r);
                if let Some(r) = rate {
                    return Some(amount * r);
                }
            }
        }
        self.convert(amount, currency)
    }

    fn convert(&mut self, amount: f64, currency: Option<&str>) -> Option<f64> {
        let code = match currency {
            Some(c) => c.to_uppercase(),
            None => {
                self.assumed_currency_lines += 1;
                self.stack.currency.clone()
            }
        };
        match self.rates.get(&code) {
            Some(r) => Some(amount * r),
            None => {
                if !self.stack.missing_rates.contains(&code) {
                    self.stack.missing_rates.push(code);
                }
                None
            }
        }
    }

    fn matched(&mut self, raw: &str) -> MatchResult {
        if let Some(m) = self.match_cache.get(raw) {
            return m.clone();
        }
        let m = self.catalogue.match_vendor(raw);
        self.match_cache.insert(raw.to_string(), m.clone());
        m
    }

    /// The stack tool for a product or vendor string. With `create`, a string matching nothing becomes a tool
    /// named as written (contracts and SSO apps are tools even when the catalogue does not know them).
    fn tool_for(&mut self, raw: &str, create: bool) -> (Option<usize>, MatchResult) {
        let mut m = self.matched(raw);
        // SSO labels carry the organisation after a dash: "Slack - Northwind Labs".
        if !matches!(m, MatchResult::Matched { .. } | MatchResult::Ignored { .. }) {
            if let Some((head, _)) = raw.split_once(" - ") {
                let m2 = self.matched(head);
                if matches!(
                    m2,
                    MatchResult::Matched { .. } | MatchResult::Ambiguous { .. }
                ) {
                    m = m2;
                }
            }
        }
        // A parent-company or family name ("HubSpot", "Adobe") is ambiguous; if exactly one of its candidates is
        // under contract here, that is the one.
        if let MatchResult::Ambiguous { candidates } = &m {
            let contracted: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|c| {
                    self.by_catalogue
                        .get(c)
                        .is_some_and(|&t| !self.stack.tools[t].licences.is_empty())
                })
                .collect();
            if let [only] = contracted[..] {
                let t = self.by_catalogue[&only];
                let vm = VendorMatch {
                    raw: raw.to_string(),
                    how: "only_contracted_candidate".into(),
                };
                if !self.stack.tools[t].matched_from.contains(&vm) {
                    self.stack.tools[t].matched_from.push(vm);
                }
                return (Some(t), m);
            }
        }
        match &m {
            MatchResult::Matched {
                tool_index, how, ..
            } => {
                let t = self.catalogue_tool(*tool_index);
                let vm = VendorMatch {
                    raw: raw.to_string(),
                    how: how.as_str().to_string(),
                };
                if !self.stack.tools[t].matched_from.contains(&vm) {
                    self.stack.tools[t].matched_from.push(vm);
                }
                (Some(t), m)
            }
            MatchResult::Ignored { .. } => (None, m),
            _ if create => {
                let key = raw.trim().to_lowercase();
                if let Some(&t) = self.by_name.get(&key) {
                    return (Some(t), m);
                }
                let t = self.stack.tools.len();
                self.stack.tools.push(Tool {
                    name: raw.trim().to_string(),
                    vendor: None,
                    category: None,
                    subcategory: None,
                    capabilities: Vec::new(),
                    in_catalogue: false,
                    licences: Vec::new(),
                    accounts: Vec::new(),
                    matched_from: vec![VendorMatch {
                        raw: raw.to_string(),
                        how: "as_written".into(),
                    }],
                    window_days: None,
                });
                self.by_name.insert(key, t);
                (Some(t), m)
            }
            _ => (None, m),
        }
    }

    fn catalogue_tool(&mut self, index: usize) -> usize {
        if let Some(&t) = self.by_catalogue.get(&index) {
            return t;
        }
        let c = &self.catalogue.tools()[index];
        let t = self.stack.tools.len();
        self.stack.tools.push(Tool {
            name: c.name.clone(),
            vendor: (!c.vendor.is_empty()).then(|| c.vendor.clone()),
            category: (!c.category.is_empty()).then(|| c.category.clone()),
            subcategory: (!c.subcategory.is_empty()).then(|| c.subcategory.clone()),
            capabilities: c.capabilities.clone(),
            in_catalogue: true,
            licences: Vec::new(),
            accounts: Vec::new(),
            matched_from: Vec::new(),
            window_days: None,
        });
        self.by_catalogue.insert(index, t);
        self.by_name.insert(c.name.to_lowercase(), t);
        t
    }

    /// Finds or adds the person these identifiers describe.
    fn person(
        &mut self,
        email: Option<&str>,
        username: Option<&str>,
        name: Option<&str>,
        source: &Source,
    ) -> usize {
        let email = email.and_then(normalise_email);
        let local = email
            .as_deref()
            .and_then(|e| e.split('@').next())
            .map(str::to_string);
        let username = username
            .map(|u| u.trim().to_lowercase())
            .filter(|u| !u.is_empty());
        let name_key = name.map(normalise_person_name).filter(|n| !n.is_empty());
        let mut found: Option<(usize, JoinHow)> = None;
        if let Some(e) = &email {
            if let Some(&i) = self.people_by_email.get(e) {
                found = Some((i, JoinHow::Email));
            }
        }
        if found.is_none() {
            // A username equal to a known email's local part (or an email whose local part is a known username).
            let candidate = username.as_ref().or(local.as_ref());
            if let Some(&i) = candidate.and_then(|u| self.people_by_local.get(u)) {
                let other_email = self.stack.people[i].email.clone();
                if email.is_none() || other_email.is_none() || other_email == email {
                    found = Some((i, JoinHow::Username));
                }
            }
        }
        if found.is_none() && email.is_none() && username.is_none() {
            if let Some(&i) = name_key.as_ref().and_then(|n| self.people_by_name.get(n)) {
                found = Some((i, JoinHow::DisplayName));
            }
        }
        let i = match found {
            Some((i, how)) => {
                let p = &mut self.stack.people[i];
                if p.joined_by == JoinHow::Single || how == JoinHow::DisplayName {
                    p.joined_by = how;
                }
                if p.email.is_none() {
                    p.email = email.clone();
                }
                if p.username.is_none() {
                    p.username = username.clone();
                }
                if p.display_name.is_none() {
                    p.display_name = name.map(|n| n.trim().to_string());
                }
                // Up to 8 lines, and at least one line of every file the person appears in.
                if !p.sources.contains(source)
                    && (p.sources.len() < 8 || !p.sources.iter().any(|s| s.file == source.file))
                {
                    p.sources.push(source.clone());
                }
                i
            }
            None => {
                let service = email
                    .as_deref()
                    .or(username.as_deref())
                    .or(name)
                    .is_some_and(is_service_account);
                self.stack.people.push(Person {
                    email: email.clone(),
                    username: username.clone(),
                    display_name: name.map(|n| n.trim().to_string()),
                    department: None,
                    status: AccountStatus::Unknown,
                    joined_by: JoinHow::Single,
                    is_service_account: service,
                    sources: vec![source.clone()],
                });
                self.stack.people.len() - 1
            }
        };
        if let Some(e) = email {
            self.people_by_email.entry(e).or_insert(i);
        }
        for k in [local, username].into_iter().flatten() {
            self.people_by_local.entry(k).or_insert(i);
        }
        if let Some(n) = name_key {
            self.people_by_name.entry(n).or_insert(i);
        }
        i
    }

    fn account(&mut self, tool: usize, person: usize, u: &crate::model::Usage) {
        let accounts = &mut self.stack.tools[tool].accounts;
        match self.accounts.get(&(tool, person)) {
            Some(&a) => {
                let acc = &mut accounts[a];
                acc.last_activity = later(acc.last_activity, u.last_activity);
                acc.events = match (acc.events, u.events) {
                    (Some(x), Some(y)) => Some(x + y),
                    (x, y) => x.or(y),
                };
                // The most severe state any source gives.
                if severity(u.status) > severity(acc.status) {
                    acc.status = u.status;
                }
                acc.ended_on = acc.ended_on.or(u.ended_on());
                if acc.sources.len() < 8 {
                    acc.sources.push(u.source.clone());
                }
            }
            None => {
                self.accounts.insert((tool, person), accounts.len());
                accounts.push(Account {
                    person,
                    last_activity: u.last_activity,
                    events: u.events,
                    status: u.status,
                    ended_on: u.ended_on(),
                    sources: vec![u.source.clone()],
                });
            }
        }
    }

    fn spend(&mut self, s: &crate::model::SpendLine) {
        let class = self.catalogue.classify_spend(
            &s.vendor,
            s.description.as_deref(),
            s.category.as_deref(),
        );
        let amount = self.convert_on(s.amount.amount, s.amount.currency.as_deref(), s.date);
        let (tool, m) = match class {
            super::SpendClass::Advertising
            | super::SpendClass::Payment
            | super::SpendClass::Transfer
            | super::SpendClass::Fee
            | super::SpendClass::Other => (
                None,
                MatchResult::Unmatched {
                    suggestions: Vec::new(),
                },
            ),
            _ => self.tool_for(&s.vendor, false),
        };
        // Media spend is not a tool of the stack: it is reported with the non-software spend.
        let tool = if class == super::SpendClass::Advertising {
            None
        } else {
            tool
        };
        let class = match (class, tool) {
            (super::SpendClass::Advertising, _) => SpendClass::Advertising,
            (super::SpendClass::Payment, _) => SpendClass::Payment,
            (super::SpendClass::Transfer, _) => SpendClass::Transfer,
            (super::SpendClass::Fee | super::SpendClass::Other, _) => SpendClass::Ignored,
            (_, Some(_)) => SpendClass::Software,
            (_, None) => SpendClass::Unknown,
        };
        if class == SpendClass::Unknown {
            let (suggestions, ambiguous) = match &m {
                MatchResult::Unmatched { suggestions } => (
                    suggestions
                        .iter()
                        .filter_map(|(i, _)| self.catalogue.tools().get(*i).map(|t| t.name.clone()))
                        .collect(),
                    Vec::new(),
                ),
                MatchResult::Ambiguous { candidates } => (
                    Vec::new(),
                    candidates
                        .iter()
                        .filter_map(|i| self.catalogue.tools().get(*i).map(|t| t.name.clone()))
                        .collect(),
                ),
                _ => (Vec::new(), Vec::new()),
            };
            let key = s.vendor.trim().to_string();
            match self.stack.unmatched.iter_mut().find(|u| u.vendor == key) {
                Some(u) => {
                    u.amount += amount.unwrap_or(0.0);
                    if u.lines.len() < 20 {
                        u.lines.push(s.source.clone());
                    }
                }
                None => self.stack.unmatched.push(UnmatchedVendor {
                    vendor: key,
                    amount: amount.unwrap_or(0.0),
                    lines: vec![s.source.clone()],
                    suggestions,
                    ambiguous_between: ambiguous,
                }),
            }
        }
        let mut line = s.clone();
        if line.amount.currency.is_none() {
            // Taken to be in the reporting currency (reported once in `finish`).
            line.amount.currency = Some(self.stack.currency.clone());
        }
        self.stack.spend.push(StackSpend {
            line,
            class,
            tool,
            amount,
        });
    }

    fn finish(mut self) -> (Stack, Vec<Diagnostic>) {
        let mut latest: Option<Date> = None;
        for s in &self.stack.spend {
            latest = latest.max(s.line.date);
        }
        for t in &self.stack.tools {
            for a in &t.accounts {
                if let LastActivity::On(d) = a.last_activity {
                    latest = latest.max(Some(d));
                }
            }
        }
        self.stack.latest_date = latest;
        self.stack.unmatched.sort_by(|a, b| {
            b.amount
                .total_cmp(&a.amount)
                .then_with(|| a.vendor.cmp(&b.vendor))
        });
        if self.assumed_currency_lines > 0 {
            self.diagnostics.push(Diagnostic::new(
                Severity::Info,
                "assumed_currency",
                format!(
                    "{} amount(s) carry no currency; they are taken to be in {} (the reporting currency)",
                    self.assumed_currency_lines, self.stack.currency
                ),
            ));
        }
        for c in &self.stack.missing_rates {
            self.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "missing_rate",
                format!(
                    "no exchange rate for {c}: its amounts are unknown in {} until a rate is given",
                    self.stack.currency
                ),
            ));
        }
        let by_name = self
            .stack
            .people
            .iter()
            .filter(|p| p.joined_by == JoinHow::DisplayName)
            .count();
        if by_name > 0 {
            self.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "joined_by_name",
                format!("{by_name} person(s) were joined across files by display name only; check them in the people table"),
            ));
        }
        (self.stack, self.diagnostics)
    }
}

fn severity(s: AccountStatus) -> u8 {
    match s {
        AccountStatus::Unknown => 0,
        AccountStatus::Active => 1,
        AccountStatus::Guest => 2,
        AccountStatus::Suspended => 3,
        AccountStatus::Unassigned => 4,
        AccountStatus::Deleted => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, Rate, Records, SpendLine};

    fn line(date: &str, amount: f64, currency: &str) -> SpendLine {
        SpendLine {
            source: Source {
                file: "card.csv".into(),
                line: 2,
            },
            date: crate::model::parse_iso_date(date),
            vendor: "Brevo".into(),
            description: None,
            amount: Money {
                amount,
                currency: Some(currency.into()),
            },
            category: None,
            department: None,
        }
    }

    fn rate(currency: &str, rate: f64, date: Option<&str>) -> Rate {
        Rate {
            source: Source {
                file: "fx.csv".into(),
                line: 2,
            },
            currency: currency.into(),
            rate,
            date: date.and_then(crate::model::parse_iso_date),
        }
    }

    #[test]
    fn dated_rates_convert_each_line_at_the_rate_in_force_on_its_date() {
        let spend = Records {
            spend: vec![
                line("2026-01-15", 100.0, "EUR"),
                line("2026-06-15", 100.0, "EUR"),
                line("2025-12-01", 100.0, "EUR"),
                line("2026-02-01", 100.0, "USD"),
            ],
            ..Records::default()
        };
        let fx = Records {
            rates: vec![
                rate("EUR", 1.10, Some("2026-01-01")),
                rate("EUR", 1.20, Some("2026-06-01")),
            ],
            ..Records::default()
        };
        let files = [
            FileInput {
                file: "card.csv",
                format: "generic",
                records: &spend,
            },
            FileInput {
                file: "fx.csv",
                format: "generic",
                records: &fx,
            },
        ];
        let cat = crate::analysis::builtin_catalogue().unwrap();
        let opts = BuildOptions {
            currency: Some("USD".into()),
            ..BuildOptions::default()
        };
        let (stack, _) = build_stack(&files, cat, &opts);
        let amounts: Vec<f64> = stack
            .spend
            .iter()
            .map(|s| (s.amount.unwrap() * 100.0).round() / 100.0)
            .collect();
        // 1.10 from 2026-01-01, 1.20 from 2026-06-01; before the table starts, the earliest rate; USD is 1.
        assert_eq!(amounts, vec![110.0, 120.0, 110.0, 100.0]);
        // A rate typed by the user wins over the file's dated rates.
        let mut typed = opts.clone();
        typed.rates.insert("EUR".into(), 1.0);
        let (stack, _) = build_stack(&files, cat, &typed);
        assert!(stack.spend.iter().all(|s| s.amount == Some(100.0)));
    }
}
