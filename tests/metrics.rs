//! `metrics::analyze` on small hand-built stacks: every figure checked against arithmetic written out in the
//! comments, plus property tests over random stacks (seat-state invariant, shares in [0, 1], totals that add
//! up, no panic on NaN or huge inputs).

use proptest::prelude::*;
use stackscope::metrics::{analyze, Settings, ValueInput, ValuePeriod};
use stackscope::model::{AccountStatus, Date, LastActivity, Licence, Money, Source, SpendLine};
use stackscope::report::{RecommendationKind, RenewalAction, Report, ToolReport};
use stackscope::stack::{
    Account, JoinHow, Person, SpendClass, Stack, StackLicence, StackSpend, Tool, UnmatchedVendor,
};
use std::collections::BTreeMap;

// ---- builders ---------------------------------------------------------------------------------------------

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn src(file: &str, line: u64) -> Source {
    Source {
        file: file.into(),
        line,
    }
}

fn person(email: &str) -> Person {
    Person {
        email: Some(email.into()),
        username: None,
        display_name: None,
        department: None,
        status: AccountStatus::Active,
        joined_by: JoinHow::Email,
        is_service_account: false,
        sources: vec![],
    }
}

fn account(person: usize, last: LastActivity) -> Account {
    Account {
        person,
        last_activity: last,
        events: None,
        status: AccountStatus::Active,
        ended_on: None,
        sources: vec![],
    }
}

fn tool(name: &str) -> Tool {
    Tool {
        name: name.into(),
        vendor: None,
        category: None,
        subcategory: None,
        capabilities: vec![],
        in_catalogue: true,
        licences: vec![],
        accounts: vec![],
        matched_from: vec![],
        window_days: None,
    }
}

fn licence(
    name: &str,
    seats: Option<f64>,
    price: Option<f64>,
    annual: Option<f64>,
) -> StackLicence {
    StackLicence {
        licence: Licence {
            source: src("contracts.csv", 2),
            tool: name.into(),
            vendor: None,
            seats,
            price_per_seat: price.map(|p| Money {
                amount: p,
                currency: Some("USD".into()),
            }),
            annual_cost: annual.map(|p| Money {
                amount: p,
                currency: Some("USD".into()),
            }),
            term_start: None,
            term_end: None,
            renewal_date: None,
            notice_days: None,
            auto_renew: None,
            category: None,
            department: None,
        },
        annual_cost: annual,
        price_per_seat: price,
    }
}

#[allow(clippy::too_many_arguments)]
fn line(
    file: &str,
    n: u64,
    date: Option<Date>,
    vendor: &str,
    amount: f64,
    currency: &str,
    class: SpendClass,
    tool: Option<usize>,
    converted: Option<f64>,
) -> StackSpend {
    StackSpend {
        line: SpendLine {
            source: src(file, n),
            date,
            vendor: vendor.into(),
            description: None,
            amount: Money {
                amount,
                currency: Some(currency.into()),
            },
            category: None,
            department: None,
        },
        class,
        tool,
        amount: converted,
    }
}

fn usd(
    file: &str,
    n: u64,
    date: Date,
    vendor: &str,
    amount: f64,
    tool: Option<usize>,
) -> StackSpend {
    line(
        file,
        n,
        Some(date),
        vendor,
        amount,
        "USD",
        SpendClass::Software,
        tool,
        Some(amount),
    )
}

const AS_OF: (i32, u8, u8) = (2026, 11, 22);

fn as_of() -> Date {
    d(AS_OF.0, AS_OF.1, AS_OF.2)
}

fn base() -> Stack {
    Stack {
        currency: "USD".into(),
        latest_date: Some(as_of()),
        ..Stack::default()
    }
}

/// Adds `n` people and returns their indices.
fn people(stack: &mut Stack, prefix: &str, n: usize) -> Vec<usize> {
    (0..n)
        .map(|i| {
            stack.people.push(person(&format!("{prefix}{i}@co.test")));
            stack.people.len() - 1
        })
        .collect()
}

fn find<'a>(r: &'a Report, name: &str) -> &'a ToolReport {
    r.tools.iter().find(|t| t.tool == name).unwrap()
}

/// JSON equality with numbers compared to 1e-12 relative (serde_json's parser may differ in the last digit).
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (a, b) {
        (V::Number(x), V::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0)
        }
        (V::Array(x), V::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (V::Object(x), V::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// Miro: 30 seats at 120.00 USD a year; 28 accounts.
/// As of 2026-11-22 with a 30-day window the window starts 2026-10-24 (A − 29 days).
/// - 24 active: 23 on 2026-11-10, 1 exactly on the window start 2026-10-24;
/// - 2 inactive: 2026-10-23 (one day before the window) and 2026-01-05;
/// - 1 never active;
/// - 1 orphaned: roster status deleted (a leaver), even though the account was active on 2026-11-20.
///
/// assigned = 24 + 2 + 1 + 1 = 28; unassigned = 30 − 28 = 2.
fn miro() -> Stack {
    let mut s = base();
    let p = people(&mut s, "m", 28);
    let mut t = tool("Miro");
    t.category = Some("Collaboration".into());
    t.subcategory = Some("Whiteboard".into());
    t.licences
        .push(licence("Miro", Some(30.0), Some(120.0), None));
    for &i in &p[..23] {
        t.accounts
            .push(account(i, LastActivity::On(d(2026, 11, 10))));
    }
    t.accounts
        .push(account(p[23], LastActivity::On(d(2026, 10, 24))));
    t.accounts
        .push(account(p[24], LastActivity::On(d(2026, 10, 23))));
    t.accounts
        .push(account(p[25], LastActivity::On(d(2026, 1, 5))));
    t.accounts.push(account(p[26], LastActivity::Never));
    s.people[p[27]].status = AccountStatus::Deleted;
    t.accounts
        .push(account(p[27], LastActivity::On(d(2026, 11, 20))));
    s.tools.push(t);
    s
}

// ---- seats and utilisation --------------------------------------------------------------------------------

#[test]
fn thirty_seats_twenty_four_active_is_eighty_percent() {
    let r = analyze(&miro(), &Settings::default());
    let t = find(&r, "Miro");
    assert_eq!(r.as_of, Some(as_of()));
    assert_eq!(t.seats, Some(30.0));
    assert_eq!(t.assigned, Some(28));
    assert_eq!(t.active, Some(24));
    assert_eq!(t.inactive, Some(2));
    assert_eq!(t.never_active, Some(1));
    assert_eq!(t.activity_unknown, Some(0));
    assert_eq!(t.orphaned, Some(1));
    assert_eq!(t.unassigned, Some(2.0));
    assert_eq!(t.over_assigned, Some(0.0));
    // 24 ÷ 30 = 0.8
    assert_eq!(t.seat_utilisation, Some(0.8));
    // 28 ÷ 30
    assert!(close(t.allocation, 28.0 / 30.0));
    // 24 ÷ 28
    assert!(close(t.active_share, 24.0 / 28.0));
    assert!(t.has_usage_data);
    assert_eq!(t.window_days, 30);
    assert_eq!(
        t.explain["seat_utilisation"],
        "24 active ÷ 30 seats = 80.0 %; active = last activity on or after 2026-10-24 (window 30 days to 2026-11-22; later dates count as active)"
    );
    // Every seat in exactly one state: 24 + 2 + 1 + 0 + 1 + 2 = 30 = max(30, 28).
    assert_eq!(24 + 2 + 1 + 1 + 2, 30);
}

#[test]
fn miro_costs_waste_and_rightsizing() {
    let r = analyze(&miro(), &Settings::default());
    let t = find(&r, "Miro");
    // annual cost = 30 seats × 120 = 3,600 (no contract value).
    assert_eq!(t.annual_cost, Some(3600.0));
    assert_eq!(t.annual_cost_basis.as_deref(), Some("seats_x_price"));
    assert_eq!(t.price_per_seat, Some(120.0));
    // 3,600 ÷ 24 active = 150.
    assert_eq!(t.cost_per_active_user, Some(150.0));
    // (2 inactive + 1 never + 2 unassigned + 1 orphaned) × 120 = 6 × 120 = 720.
    assert_eq!(t.wasted_spend, Some(720.0));
    // ceil(24 × 1.1 = 26.4) = 27; (30 − 27) × 120 = 360.
    assert_eq!(t.seats_to_renew, Some(27));
    assert_eq!(t.savings_if_rightsized, Some(360.0));
    assert_eq!(t.spend, None);
    assert_eq!(t.roi, None);
    assert_eq!(t.explain["roi"], "needs a value input");
    assert_eq!(
        t.explain["wasted_spend"],
        "(2 inactive + 1 never active + 2 unassigned + 1 orphaned) × 120.00 USD per seat = 6 seats × 120.00 USD = 720.00 USD"
    );
    // One recommendation: reclaim 6 seats, 720 a year.
    assert_eq!(r.recommendations.len(), 1);
    let rec = &r.recommendations[0];
    assert_eq!(rec.kind, RecommendationKind::ReclaimSeats);
    assert_eq!(rec.title, "Reclaim 6 seats of Miro: 720.00 USD a year");
    assert_eq!(rec.amount, Some(720.0));
    // Summary: 24 active ÷ 30 seats; all 30 seats are in a tool with usage data.
    assert_eq!(r.summary.seat_utilisation, Some(0.8));
    assert_eq!(r.summary.usage_coverage, Some(1.0));
    assert_eq!(r.summary.wasted_spend, Some(720.0));
    assert_eq!(r.summary.annual_cost, Some(3600.0));
    assert_eq!(r.summary.tools, 1);
    // The leaver shows in the people summary.
    assert_eq!(r.people.count, 28);
    assert_eq!(r.people.leavers_with_accounts, 1);
    assert_eq!(r.people.leavers[0].person, "m27@co.test");
    assert_eq!(r.people.leavers[0].tools, vec!["Miro".to_string()]);
}

#[test]
fn zero_seats_gives_unknown_utilisation_not_a_division_by_zero() {
    let mut s = base();
    let p = people(&mut s, "z", 2);
    let mut t = tool("Zero");
    t.licences
        .push(licence("Zero", Some(0.0), Some(10.0), None));
    t.accounts.push(account(p[0], LastActivity::On(as_of())));
    t.accounts.push(account(p[1], LastActivity::Never));
    s.tools.push(t);
    let r = analyze(&s, &Settings::default());
    let t = find(&r, "Zero");
    assert_eq!(t.seats, Some(0.0));
    assert_eq!(t.seat_utilisation, None);
    assert_eq!(t.allocation, None);
    // active_share does not need seats: 1 ÷ 2.
    assert_eq!(t.active_share, Some(0.5));
    // max(2 − 0, 0) = 2 over-assigned; annual cost 0 × 10 = 0; price per seat from the licence.
    assert_eq!(t.over_assigned, Some(2.0));
    assert_eq!(t.annual_cost, Some(0.0));
    assert_eq!(t.explain["seat_utilisation"], "unknown: 0 seats");
}

#[test]
fn tool_without_usage_is_unknown_not_zero() {
    let mut s = base();
    let p = people(&mut s, "u", 3);
    // Listed accounts but no activity signal (e.g. an SSO assignment export).
    let mut sso = tool("Assigned");
    sso.licences
        .push(licence("Assigned", Some(10.0), Some(50.0), None));
    for &i in &p {
        sso.accounts.push(account(i, LastActivity::Unknown));
    }
    // No accounts at all.
    let mut bare = tool("Bare");
    bare.licences
        .push(licence("Bare", Some(5.0), None, Some(1000.0)));
    s.tools.push(sso);
    s.tools.push(bare);
    let r = analyze(&s, &Settings::default());

    let a = find(&r, "Assigned");
    assert!(!a.has_usage_data);
    assert_eq!(a.seat_utilisation, None);
    assert_eq!(a.active_share, None);
    assert_eq!(a.activity_unknown, Some(3));
    // allocation is known: 3 ÷ 10.
    assert!(close(a.allocation, 0.3));
    assert_eq!(a.seats_to_renew, None);
    assert_eq!(a.cost_per_active_user, None);
    // Waste counts only the 7 unassigned seats: (0 + 0 + 7 + 0) × 50 = 350; unknown activity is not waste.
    assert_eq!(a.wasted_spend, Some(350.0));

    let b = find(&r, "Bare");
    assert_eq!(b.assigned, None);
    assert_eq!(b.active, None);
    assert_eq!(b.unassigned, None);
    assert_eq!(b.seat_utilisation, None);
    assert_eq!(b.wasted_spend, None);
    // annual cost from the contract; price = 1,000 ÷ 5 = 200.
    assert_eq!(b.annual_cost, Some(1000.0));
    assert_eq!(b.annual_cost_basis.as_deref(), Some("contract"));
    assert_eq!(b.price_per_seat, Some(200.0));

    // Overall: no tool has both usage data and seats → unknown; coverage 0 of 15 seats.
    assert_eq!(r.summary.seat_utilisation, None);
    assert_eq!(r.summary.usage_coverage, Some(0.0));
}

#[test]
fn orphaned_leavers_and_account_states() {
    let mut s = base();
    let p = people(&mut s, "o", 6);
    s.people[p[0]].status = AccountStatus::Suspended; // leaver in the roster
    let mut t = tool("Notion");
    t.licences
        .push(licence("Notion", Some(6.0), Some(96.0), None));
    t.accounts.push(account(p[0], LastActivity::On(as_of())));
    let mut deleted = account(p[1], LastActivity::Never);
    deleted.status = AccountStatus::Deleted;
    t.accounts.push(deleted);
    let mut unassigned_ended = account(p[2], LastActivity::Unknown);
    unassigned_ended.status = AccountStatus::Unassigned;
    unassigned_ended.ended_on = Some(d(2026, 9, 1));
    t.accounts.push(unassigned_ended);
    let mut removed = account(p[3], LastActivity::On(d(2026, 3, 1)));
    removed.status = AccountStatus::Unassigned;
    t.accounts.push(removed);
    let mut ended = account(p[4], LastActivity::On(d(2026, 11, 1)));
    ended.ended_on = Some(d(2026, 11, 15)); // ended on or before A
    t.accounts.push(ended);
    let mut future_end = account(p[5], LastActivity::On(d(2026, 11, 1)));
    future_end.ended_on = Some(d(2026, 12, 31)); // still held
    t.accounts.push(future_end);
    s.tools.push(t);
    let r = analyze(&s, &Settings::default());
    let t = find(&r, "Notion");
    // Orphaned: suspended leaver, deleted account, unassigned with an end date, ended before A = 4.
    assert_eq!(t.orphaned, Some(4));
    assert_eq!(t.removed, Some(1));
    assert_eq!(t.active, Some(1));
    // assigned = 4 orphaned + 1 active = 5; unassigned = 6 − 5 = 1.
    assert_eq!(t.assigned, Some(5));
    assert_eq!(t.unassigned, Some(1.0));
    // waste = (0 + 0 + 1 + 4) × 96 = 480.
    assert_eq!(t.wasted_spend, Some(480.0));
    assert_eq!(r.people.leavers_with_accounts, 1);
}

#[test]
fn departments_of_the_people_holding_each_tool() {
    let mut s = base();
    let p = people(&mut s, "d", 7);
    for (i, dept) in [
        Some("Sales"),
        Some("Sales"),
        Some("Marketing"),
        None,
        Some("Sales"),
        Some("  "),
        Some("Marketing"),
    ]
    .iter()
    .enumerate()
    {
        s.people[p[i]].department = dept.map(str::to_string);
    }
    s.people[p[6]].status = AccountStatus::Deleted; // a leaver: orphaned, still holds a seat
    let mut t = tool("HubSpot");
    let mut l = licence("HubSpot", Some(10.0), Some(100.0), None);
    l.licence.department = Some("Marketing".into());
    t.licences.push(l);
    t.accounts
        .push(account(p[0], LastActivity::On(d(2026, 11, 20)))); // Sales, active
    t.accounts
        .push(account(p[1], LastActivity::On(d(2026, 1, 5)))); // Sales, inactive
    t.accounts
        .push(account(p[2], LastActivity::On(d(2026, 11, 1)))); // Marketing, active
    t.accounts.push(account(p[3], LastActivity::Never)); // no department: unknown
    let mut removed = account(p[4], LastActivity::On(d(2026, 11, 20)));
    removed.status = AccountStatus::Unassigned; // holds no seat: not counted
    t.accounts.push(removed);
    t.accounts
        .push(account(p[5], LastActivity::On(d(2026, 11, 21)))); // blank department: unknown, active
    t.accounts
        .push(account(p[6], LastActivity::On(d(2026, 11, 21)))); // Marketing, orphaned
    s.tools.push(t);
    // A tool listed only in a contract: no accounts, so no department.
    let mut brevo = tool("Brevo");
    brevo
        .licences
        .push(licence("Brevo", Some(5.0), None, Some(900.0)));
    s.tools.push(brevo);
    // A tool whose export lists accounts without any activity signal.
    let mut sso = tool("Okta app");
    sso.accounts.push(account(p[0], LastActivity::Unknown));
    sso.accounts.push(account(p[3], LastActivity::Unknown));
    s.tools.push(sso);

    let r = analyze(&s, &Settings::default());
    let h = find(&r, "HubSpot");
    // Held: 6 (the removed account holds no seat). Sales 2 (1 active), Marketing 2 (1 active: the leaver is
    // orphaned), unknown 2 (1 active: blank counts as unknown). Ties on 2 accounts: by name, unknown last.
    let got: Vec<(Option<&str>, u64, Option<u64>)> = h
        .departments
        .iter()
        .map(|d| (d.department.as_deref(), d.accounts, d.active))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Marketing"), 2, Some(1)),
            (Some("Sales"), 2, Some(1)),
            (None, 2, Some(1)),
        ]
    );
    assert_eq!(h.assigned, Some(6));
    assert_eq!(h.active, Some(3));
    assert_eq!(h.licence_departments, vec!["Marketing".to_string()]);
    assert_eq!(
        h.explain["departments"],
        "accounts holding a seat by the holder's department (from the roster, directory or usage record): Marketing 2 (1 active), Sales 2 (1 active), department unknown 2 (1 active) = 6 accounts"
    );
    assert!(h.explain["licence_departments"].contains("Marketing (contracts.csv line 2)"));

    let b = find(&r, "Brevo");
    assert!(b.departments.is_empty());
    assert!(b.explain["departments"].starts_with("unknown"));

    // No activity signal: who holds the accounts is known, how many are active is not.
    let o = find(&r, "Okta app");
    let got: Vec<(Option<&str>, u64, Option<u64>)> = o
        .departments
        .iter()
        .map(|d| (d.department.as_deref(), d.accounts, d.active))
        .collect();
    assert_eq!(got, vec![(Some("Sales"), 1, None), (None, 1, None)]);
}

#[test]
fn people_list_has_everyone_with_sources_and_account_states() {
    let mut s = base();
    let p = people(&mut s, "q", 3);
    s.people[p[0]].display_name = Some("Ada Okafor".into());
    s.people[p[0]].department = Some("Finance".into());
    s.people[p[0]].sources = vec![
        src("roster.csv", 4),
        src("okta.csv", 9),
        src("okta.csv", 12),
    ];
    s.people[p[1]].status = AccountStatus::Suspended;
    s.people[p[1]].sources = vec![src("okta.csv", 3)];
    s.people[p[2]].email = Some("svc-sync@co.test".into());
    s.people[p[2]].is_service_account = true;
    let mut slack = tool("Slack");
    slack
        .accounts
        .push(account(p[0], LastActivity::On(d(2026, 11, 20)))); // active
    slack.accounts.push(account(p[1], LastActivity::Never)); // leaver: orphaned
    slack
        .accounts
        .push(account(p[2], LastActivity::On(d(2026, 11, 1)))); // service account, active
    let mut zoom = tool("Zoom");
    zoom.accounts.push(account(p[0], LastActivity::Never)); // never active
    let mut gone = account(p[1], LastActivity::Unknown);
    gone.status = AccountStatus::Unassigned; // removed: listed, no seat
    zoom.accounts.push(gone);
    let mut asana = tool("Asana");
    asana
        .accounts
        .push(account(p[0], LastActivity::On(d(2026, 2, 1)))); // inactive
    s.tools.extend([slack, zoom, asana]);

    let r = analyze(&s, &Settings::default());
    let list = &r.people.list;
    // Sorted by person: q0, q1, svc-sync.
    let names: Vec<&str> = list.iter().map(|x| x.person.as_str()).collect();
    assert_eq!(names, vec!["q0@co.test", "q1@co.test", "svc-sync@co.test"]);
    let ada = &list[0];
    assert_eq!(ada.display_name.as_deref(), Some("Ada Okafor"));
    assert_eq!(ada.department.as_deref(), Some("Finance"));
    assert_eq!(
        ada.sources,
        vec!["okta.csv".to_string(), "roster.csv".to_string()]
    );
    assert_eq!(ada.accounts.active, vec!["Slack".to_string()]);
    assert_eq!(ada.accounts.inactive, vec!["Asana".to_string()]);
    assert_eq!(ada.accounts.never_active, vec!["Zoom".to_string()]);
    assert!(!ada.leaver && !ada.service_account);
    let leaver = &list[1];
    assert!(leaver.leaver);
    assert_eq!(leaver.status, AccountStatus::Suspended);
    assert_eq!(leaver.accounts.orphaned, vec!["Slack".to_string()]);
    assert_eq!(leaver.accounts.removed, vec!["Zoom".to_string()]);
    assert_eq!(leaver.department, None);
    let svc = &list[2];
    assert!(svc.service_account);
    assert_eq!(svc.accounts.active, vec!["Slack".to_string()]);
    // The summary still leaves service accounts out of the count; the leaver holds Slack (Zoom was removed).
    assert_eq!(r.people.count, 2);
    assert_eq!(r.people.service_accounts, 1);
    assert_eq!(r.people.leavers.len(), 1);
    assert_eq!(r.people.leavers[0].tools, vec!["Slack".to_string()]);

    // The people CSV: one row each, counts per state, formulas neutralised.
    s.people[p[0]].department = Some("=HYPERLINK(\"x\")".into());
    let r = analyze(&s, &Settings::default());
    let csv = stackscope::export::people_csv(&r);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("person,display_name,email,username,department,status,leaver,"));
    assert_eq!(
        lines[1],
        "q0@co.test,Ada Okafor,q0@co.test,,\"'=HYPERLINK(\"\"x\"\")\",active,false,false,email,okta.csv; roster.csv,1,1,1,0,0,0,Asana (inactive); Slack (active); Zoom (never active)"
    );
    assert_eq!(
        lines[2],
        "q1@co.test,,q1@co.test,,,suspended,true,false,email,okta.csv,0,0,0,0,1,1,Slack (orphaned); Zoom (removed)"
    );
    assert_eq!(
        stackscope::export::table_csv(&r, "people").as_deref(),
        Some(csv.as_str())
    );
    let html = stackscope::export::html_report(&r, &Default::default());
    assert!(html.contains("<h2>People</h2>"));
    assert!(html.contains("<td>Asana (inactive); Slack (active); Zoom (never active)</td>"));
    assert!(html.contains("&#39;") || html.contains("=HYPERLINK(&quot;x&quot;)"));
}

#[test]
fn over_assigned_tool() {
    let mut s = base();
    let p = people(&mut s, "x", 12);
    let mut t = tool("Slack");
    t.licences
        .push(licence("Slack", Some(10.0), Some(87.5), None));
    for &i in &p {
        t.accounts.push(account(i, LastActivity::On(as_of())));
    }
    s.tools.push(t);
    let r = analyze(&s, &Settings::default());
    let t = find(&r, "Slack");
    assert_eq!(t.assigned, Some(12));
    // max(12 − 10, 0) = 2; max(10 − 12, 0) = 0.
    assert_eq!(t.over_assigned, Some(2.0));
    assert_eq!(t.unassigned, Some(0.0));
    // Capacity = max(10, 12) = 12, so 12 ÷ 12 = 1 (shares stay within [0, 1]).
    assert_eq!(t.seat_utilisation, Some(1.0));
    assert_eq!(t.allocation, Some(1.0));
    // ceil(12 × 1.1 = 13.2) = 14 ≥ 10 seats: nothing to save.
    assert_eq!(t.seats_to_renew, Some(14));
    assert_eq!(t.savings_if_rightsized, Some(0.0));
    assert_eq!(t.wasted_spend, Some(0.0));
    assert!(t.explain["seat_utilisation"]
        .starts_with("12 active ÷ 12 (12 accounts held exceed 10 seats)"));
}

#[test]
fn window_override_per_tool() {
    let mut s = miro();
    let mut settings = Settings::default();
    // A 7-day window starts 2026-11-16: only the one active 2026-11-20 account (orphaned) is recent, the 23
    // accounts active 2026-11-10 become inactive.
    settings.window_overrides.insert("miro".into(), 7);
    let r = analyze(&s, &settings);
    let t = find(&r, "Miro");
    assert_eq!(t.window_days, 7);
    assert_eq!(t.active, Some(0));
    assert_eq!(t.inactive, Some(26));
    // The tool's own window applies when no setting overrides it: 365 days makes 2026-01-05 active.
    s.tools[0].window_days = Some(365);
    let r = analyze(&s, &Settings::default());
    assert_eq!(find(&r, "Miro").active, Some(26));
}

#[test]
fn service_accounts_hold_seats_but_are_not_people() {
    let mut s = base();
    let p = people(&mut s, "s", 2);
    s.people[p[1]].is_service_account = true;
    let mut t = tool("Zapier");
    t.licences
        .push(licence("Zapier", Some(2.0), Some(10.0), None));
    t.accounts.push(account(p[0], LastActivity::On(as_of())));
    t.accounts.push(account(p[1], LastActivity::On(as_of())));
    s.tools.push(t);
    let r = analyze(&s, &Settings::default());
    let t = find(&r, "Zapier");
    assert_eq!(t.active, Some(2));
    assert_eq!(t.service_accounts, Some(1));
    assert_eq!(r.people.count, 1);
    assert_eq!(r.people.service_accounts, 1);
}

// ---- overlap and consolidation ----------------------------------------------------------------------------

/// Two whiteboards. People 0–9.
/// Mural (smaller): active {0,1,2,3,4,5} (6); annual contract 1,000.
/// Miro (larger): active {3,4,5,6,7,8,9} (7); also holds an inactive seat for person 0; price 100 a seat.
/// shared active = {3,4,5} = 3; Jaccard = 3 ÷ (6 + 7 − 3) = 0.3; overlap = 3 ÷ min(6, 7) = 0.5.
/// shared assigned = {0,3,4,5} = 4.
/// Moving Mural into Miro: Mural's active people without a Miro seat = {1,2} = 2;
/// saving = 1,000 − 2 × 100 = 800.
fn whiteboards() -> Stack {
    let mut s = base();
    let p = people(&mut s, "w", 10);
    let mut mural = tool("Mural");
    mural.subcategory = Some("Whiteboard".into());
    mural
        .licences
        .push(licence("Mural", Some(6.0), None, Some(1000.0)));
    for &i in &p[0..6] {
        mural.accounts.push(account(i, LastActivity::On(as_of())));
    }
    let mut miro = tool("Miro");
    miro.subcategory = Some("Whiteboard".into());
    miro.licences
        .push(licence("Miro", Some(8.0), Some(100.0), None));
    for &i in &p[3..10] {
        miro.accounts.push(account(i, LastActivity::On(as_of())));
    }
    miro.accounts
        .push(account(p[0], LastActivity::On(d(2025, 1, 1))));
    s.tools.push(mural);
    s.tools.push(miro);
    s
}

#[test]
fn jaccard_and_overlap_coefficient() {
    let r = analyze(&whiteboards(), &Settings::default());
    assert_eq!(r.overlap.pairs.len(), 1);
    let p = &r.overlap.pairs[0];
    // Sorted by name: a = Miro (7 active), b = Mural (6 active).
    assert_eq!((p.a.as_str(), p.b.as_str()), ("Miro", "Mural"));
    assert_eq!(p.shared_assigned, 4);
    assert_eq!(p.shared_active, Some(3));
    assert!(close(p.jaccard, 0.3));
    assert!(close(p.overlap_coefficient, 0.5));
    // 3 of Miro's 7; 3 of Mural's 6.
    assert!(close(p.share_of_a_in_b, 3.0 / 7.0));
    assert!(close(p.share_of_b_in_a, 0.5));
    assert!(p.same_subcategory);
    // Group: Miro 8 × 100 = 800 + Mural 1,000 = 1,800.
    assert_eq!(r.overlap.groups.len(), 1);
    assert_eq!(r.overlap.groups[0].combined_annual_cost, Some(1800.0));
    assert_eq!(r.summary.overlap_groups, 1);
}

#[test]
fn consolidation_saving() {
    let r = analyze(&whiteboards(), &Settings::default());
    assert_eq!(r.overlap.consolidation.len(), 1);
    let c = &r.overlap.consolidation[0];
    assert_eq!((c.from.as_str(), c.into.as_str()), ("Mural", "Miro"));
    assert_eq!(c.users_moving, 2);
    // 1,000 − 2 × 100 = 800.
    assert_eq!(c.saving, Some(800.0));
    let rec = r
        .recommendations
        .iter()
        .find(|x| x.kind == RecommendationKind::Consolidate)
        .unwrap();
    assert_eq!(rec.tool, "Mural");
    assert_eq!(rec.amount, Some(800.0));
    assert_eq!(rec.title, "Move Mural into Miro: 800.00 USD a year");
    // A higher threshold (overlap 0.5 < 0.6) drops the candidate.
    let settings = Settings {
        overlap_threshold: 0.6,
        ..Settings::default()
    };
    assert!(analyze(&whiteboards(), &settings)
        .overlap
        .consolidation
        .is_empty());
}

#[test]
fn different_subcategories_are_not_consolidated() {
    let mut s = whiteboards();
    s.tools[0].subcategory = Some("Design".into());
    let r = analyze(&s, &Settings::default());
    assert_eq!(r.overlap.pairs.len(), 1);
    assert!(!r.overlap.pairs[0].same_subcategory);
    assert!(r.overlap.consolidation.is_empty());
    assert!(r.overlap.groups.is_empty());
}

// ---- ROI ---------------------------------------------------------------------------------------------------

#[test]
fn roi_from_monthly_value_and_admin_time() {
    let s = miro();
    let mut settings = Settings::default();
    settings.values.push(ValueInput {
        tool: "Miro".into(),
        value: 500.0,
        period: ValuePeriod::Monthly,
        note: Some("design reviews".into()),
    });
    settings.admin_hours.insert("Miro".into(), 10.0);
    settings.admin_hourly_rate = Some(50.0);
    let r = analyze(&s, &settings);
    let t = find(&r, "Miro");
    // value = 500 × 12 = 6,000; TCO = 3,600 + 10 h × 50 = 4,100; ROI = (6,000 − 4,100) ÷ 4,100.
    assert_eq!(t.value, Some(6000.0));
    assert_eq!(t.tco, Some(4100.0));
    assert!(close(t.roi, 1900.0 / 4100.0));
    assert_eq!(
        t.explain["roi"],
        "(6,000.00 USD value − 4,100.00 USD TCO) ÷ 4,100.00 USD TCO = 46.3 %"
    );
    // Hours without a rate: TCO unknown, so ROI unknown.
    settings.admin_hourly_rate = None;
    let r = analyze(&s, &settings);
    assert_eq!(find(&r, "Miro").tco, None);
    assert_eq!(find(&r, "Miro").roi, None);
    // One-off value counts once: (1,200 − 3,600) ÷ 3,600 = −2/3.
    let settings = Settings {
        values: vec![ValueInput {
            tool: "miro".into(),
            value: 1200.0,
            period: ValuePeriod::OneOff,
            note: None,
        }],
        ..Settings::default()
    };
    let r = analyze(&s, &settings);
    assert!(close(find(&r, "Miro").roi, -2.0 / 3.0));
}

// ---- renewals ----------------------------------------------------------------------------------------------

#[test]
fn cancel_by_with_notice_and_decide_before() {
    let mut s = miro();
    let l = &mut s.tools[0].licences[0].licence;
    l.renewal_date = Some(d(2027, 1, 15));
    l.notice_days = Some(30);
    l.auto_renew = Some(true);
    let r = analyze(&s, &Settings::default());
    let t = find(&r, "Miro");
    // 2027-01-15 − 30 days = 2026-12-16; 2026-12-16 − 2026-11-22 = 24 days.
    assert_eq!(t.renewal_date, Some(d(2027, 1, 15)));
    assert_eq!(t.cancel_by, Some(d(2026, 12, 16)));
    assert_eq!(r.renewals.len(), 1);
    let rn = &r.renewals[0];
    assert_eq!(rn.days_until_cancel_by, Some(24));
    // 2027-01-15 − 2026-11-22 = 54 days.
    assert_eq!(rn.days_until_renewal, Some(54));
    // Utilisation 0.8 ≥ 0.2; 27 to renew < 30 seats → renew_at.
    assert_eq!(rn.action, RenewalAction::RenewAt);
    assert_eq!(rn.seats_to_renew, Some(27));
    assert_eq!(r.summary.renewals_next_90_days, 1);
    // Ranked: decide_before (3,600) above reclaim_seats (720).
    assert_eq!(r.recommendations[0].kind, RecommendationKind::DecideBefore);
    assert_eq!(r.recommendations[0].amount, Some(3600.0));
    assert_eq!(
        r.recommendations[0].title,
        "Decide on Miro before 2026-12-16: renews 2027-01-15 for 3,600.00 USD (suggested: renew at 27 seats)"
    );
    assert_eq!(r.recommendations[1].kind, RecommendationKind::ReclaimSeats);
}

#[test]
fn renewal_actions_follow_the_rules() {
    use stackscope::metrics::renewal_action as action;
    assert_eq!(
        action(true, Some(0.9), 0.2, Some(10.0), Some(10)),
        RenewalAction::Consolidate
    );
    assert_eq!(
        action(false, Some(0.1), 0.2, Some(10.0), Some(2)),
        RenewalAction::Cancel
    );
    assert_eq!(
        action(false, Some(0.5), 0.2, Some(10.0), Some(6)),
        RenewalAction::RenewAt
    );
    assert_eq!(
        action(false, None, 0.2, Some(10.0), None),
        RenewalAction::ReviewUsage
    );
    assert_eq!(
        action(false, Some(1.0), 0.2, Some(10.0), Some(11)),
        RenewalAction::Renew
    );
}

#[test]
fn low_utilisation_recommends_cancel_and_expired_licences_do_not_count() {
    let mut s = base();
    let p = people(&mut s, "c", 10);
    let mut t = tool("Hotjar");
    let mut old = licence("Hotjar", Some(50.0), Some(10.0), None);
    old.licence.term_end = Some(d(2025, 12, 31)); // ended, no auto-renewal: not counted
    t.licences.push(old);
    let mut cur = licence("Hotjar", Some(10.0), None, Some(2400.0));
    cur.licence.term_end = Some(d(2027, 3, 31));
    cur.licence.notice_days = Some(60);
    t.licences.push(cur);
    t.accounts.push(account(p[0], LastActivity::On(as_of())));
    for &i in &p[1..10] {
        t.accounts.push(account(i, LastActivity::Never));
    }
    s.tools.push(t);
    let r = analyze(&s, &Settings::default());
    let t = find(&r, "Hotjar");
    assert_eq!(t.seats, Some(10.0));
    assert_eq!(t.annual_cost, Some(2400.0));
    // 1 ÷ 10 = 0.1 < 0.2.
    assert_eq!(t.seat_utilisation, Some(0.1));
    // Renewal on the term end: 2027-03-31 − 60 = 2027-01-30 (69 days after A: within 90).
    assert_eq!(t.cancel_by, Some(d(2027, 1, 30)));
    assert_eq!(r.renewals[0].action, RenewalAction::Cancel);
    let kinds: Vec<_> = r.recommendations.iter().map(|x| x.kind).collect();
    // Cancel (2,400) and decide_before (2,400) tie on amount and tool; kind order puts cancel first. No
    // reclaim_seats alongside a cancel.
    assert_eq!(
        kinds,
        vec![RecommendationKind::Cancel, RecommendationKind::DecideBefore]
    );
    assert_eq!(
        r.recommendations[0].title,
        "Cancel Hotjar: 2,400.00 USD a year"
    );
}

// ---- spend ------------------------------------------------------------------------------------------------

#[test]
fn spend_totals_duplicates_unconverted_and_run_rate() {
    let mut s = base();
    s.tools.push(tool("Figma"));
    s.tools[0].category = Some("Design".into());
    s.spend = vec![
        // Jan–Jun 2026: 100 + 200 + 99 + 99 − 20 (refund) = 478 software.
        usd("card.csv", 2, d(2026, 1, 15), "FIGMA", 100.0, Some(0)),
        usd("card.csv", 3, d(2026, 6, 10), "FIGMA", 200.0, Some(0)),
        usd("card.csv", 4, d(2026, 3, 1), "FIGMA", 99.0, Some(0)),
        usd("ledger.csv", 9, d(2026, 3, 3), "Figma Inc", 99.0, Some(0)), // 2 days later: duplicate
        usd("card.csv", 5, d(2026, 4, 2), "FIGMA", -20.0, Some(0)),
        // 99 again 5 days after the ledger line: beyond 3 days, not flagged.
        usd("card.csv", 6, d(2026, 3, 8), "FIGMA", 99.0, Some(0)),
        // Same amount, no exchange rate: excluded and listed.
        line(
            "card.csv",
            7,
            Some(d(2026, 2, 1)),
            "FIGMA JP",
            10000.0,
            "JPY",
            SpendClass::Software,
            Some(0),
            None,
        ),
        // Advertising: not software.
        line(
            "card.csv",
            8,
            Some(d(2026, 2, 1)),
            "GOOGLE ADS",
            500.0,
            "USD",
            SpendClass::Advertising,
            None,
            Some(500.0),
        ),
        line(
            "card.csv",
            10,
            Some(d(2026, 2, 2)),
            "AUTOPAY",
            1000.0,
            "USD",
            SpendClass::Payment,
            None,
            Some(1000.0),
        ),
        line(
            "card.csv",
            11,
            Some(d(2026, 2, 3)),
            "ACME SAAS",
            42.0,
            "USD",
            SpendClass::Unknown,
            None,
            Some(42.0),
        ),
    ];
    s.unmatched.push(UnmatchedVendor {
        vendor: "ACME SAAS".into(),
        amount: 42.0,
        lines: vec![src("card.csv", 11)],
        suggestions: vec!["Acme".into()],
        ambiguous_between: vec![],
    });
    // Make the 99 on 03-08 a different amount class: it is the same amount, so it pairs with 03-03? 5 days: no.
    let r = analyze(&s, &Settings::default());
    let sp = &r.spend;
    // 100 + 200 + 99 + 99 − 20 + 99 = 577.
    assert_eq!(sp.total, Some(577.0));
    assert_eq!(r.summary.software_spend, Some(577.0));
    assert_eq!(sp.by_tool.len(), 1);
    assert_eq!(sp.by_tool[0].key.as_deref(), Some("Figma"));
    assert_eq!(sp.by_tool[0].amount, 577.0);
    assert_eq!(sp.by_tool[0].lines, 6);
    assert_eq!(sp.by_category[0].key.as_deref(), Some("Design"));
    // By month: 2026-01 100; 2026-03 99 + 99 + 99 = 297; 2026-04 −20; 2026-06 200.
    let months: Vec<(String, f64)> = sp
        .by_month
        .iter()
        .map(|b| (b.key.clone().unwrap(), b.amount))
        .collect();
    assert_eq!(
        months,
        vec![
            ("2026-01".into(), 100.0),
            ("2026-03".into(), 297.0),
            ("2026-04".into(), -20.0),
            ("2026-06".into(), 200.0)
        ]
    );
    // By source: card 100 + 200 + 99 − 20 + 99 = 478; ledger 99.
    assert_eq!(sp.by_source[0].key.as_deref(), Some("card.csv"));
    assert_eq!(sp.by_source[0].amount, 478.0);
    assert_eq!(sp.by_source[1].amount, 99.0);
    // Unconverted: 10,000 JPY, 1 line, excluded.
    assert_eq!(sp.unconverted.len(), 1);
    assert_eq!(sp.unconverted[0].currency.as_deref(), Some("JPY"));
    assert_eq!(sp.unconverted[0].original_amount, 10000.0);
    assert_eq!(sp.unconverted[0].count, 1);
    assert_eq!(r.summary.unconverted_lines, 1);
    assert!(
        r.explain["software_spend"].contains("1 software lines with no exchange rate are excluded")
    );
    // Duplicates: 03-01 card vs 03-03 ledger (2 days); 03-03 vs 03-08 is 5 days: not flagged.
    assert_eq!(sp.duplicates.len(), 1);
    let dup = &sp.duplicates[0];
    assert_eq!((dup.date_a, dup.date_b), (d(2026, 3, 1), d(2026, 3, 3)));
    assert_eq!(dup.a, src("card.csv", 4));
    assert_eq!(dup.b, src("ledger.csv", 9));
    assert_eq!(dup.days_apart, 2);
    assert_eq!(dup.amount, 99.0);
    // Non-software: advertising 500 (non-software spend), payment 1,000 (listed, not spend).
    assert_eq!(r.summary.non_software_spend, Some(500.0));
    assert_eq!(sp.non_software.len(), 2);
    assert_eq!(r.summary.unmatched_spend, Some(42.0));
    assert_eq!(sp.unmatched[0].suggestions, vec!["Acme".to_string()]);
    // by_class adds up to every converted line: 577 + 500 + 1,000 + 42 = 2,119.
    let all: f64 = sp.by_class.iter().map(|c| c.amount).sum();
    assert_eq!(all, 2119.0);
    // Run rate: span 2026-01-15..2026-06-10 ≥ 28 days; period 2026-01-01..2026-06-30 = 181 days;
    // 577 × 365 ÷ 181.
    assert_eq!(sp.period_start, Some(d(2026, 1, 1)));
    assert_eq!(sp.period_end, Some(d(2026, 6, 30)));
    assert_eq!(sp.period_days, Some(181));
    assert!(close(r.summary.annualised_run_rate, 577.0 * 365.0 / 181.0));
    // Figma's annual cost falls back to spend in the 365 days to A (2025-11-23..2026-11-22): 577.
    let f = find(&r, "Figma");
    assert_eq!(f.annual_cost, Some(577.0));
    assert_eq!(f.annual_cost_basis.as_deref(), Some("spend_12_months"));
    // The data starts 2026-01-15, after the year's start 2025-11-23: the explain warns it may understate.
    assert!(f.explain["annual_cost"].contains("the spend data starts 2026-01-15"));
    assert_eq!(f.spend, Some(577.0));
}

#[test]
fn short_spend_span_has_no_run_rate() {
    let mut s = base();
    s.tools.push(tool("Figma"));
    // 2026-11-01..2026-11-27 is 27 days (both included): below 28, not annualised.
    s.spend = vec![
        usd("a.csv", 2, d(2026, 11, 1), "FIGMA", 10.0, Some(0)),
        usd("a.csv", 3, d(2026, 11, 27), "FIGMA", 10.0, Some(0)),
    ];
    let r = analyze(&s, &Settings::default());
    // Spend data with no unmatched vendor: unmatched spend is a real 0, as is advertising.
    assert_eq!(r.summary.unmatched_spend, Some(0.0));
    assert_eq!(r.summary.non_software_spend, Some(0.0));
    assert_eq!(r.spend.span_days, Some(27));
    assert_eq!(r.summary.annualised_run_rate, None);
    assert_eq!(r.summary.software_spend, Some(20.0));
    // 28 days: annualised over November, 30 days: 20 × 365 ÷ 30.
    s.spend[1].line.date = Some(d(2026, 11, 28));
    let r = analyze(&s, &Settings::default());
    assert!(close(r.summary.annualised_run_rate, 20.0 * 365.0 / 30.0));
}

#[test]
fn empty_stack_is_all_unknown() {
    let r = analyze(&Stack::default(), &Settings::default());
    assert_eq!(r.as_of, None);
    assert_eq!(r.summary.software_spend, None);
    assert_eq!(r.summary.annualised_run_rate, None);
    assert_eq!(r.summary.seat_utilisation, None);
    assert_eq!(r.summary.usage_coverage, None);
    assert_eq!(r.summary.annual_cost, None);
    assert_eq!(r.summary.unmatched_spend, None);
    assert_eq!(r.summary.non_software_spend, None);
    assert!(r.tools.is_empty() && r.recommendations.is_empty());
}

#[test]
fn report_round_trips_through_json_and_is_deterministic() {
    let mut s = whiteboards();
    s.tools[1].licences[0].licence.renewal_date = Some(d(2027, 1, 1));
    let a = analyze(&s, &Settings::default());
    let b = analyze(&s, &Settings::default());
    assert_eq!(a, b);
    let json = serde_json::to_string(&a).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert!(same_json(
        &serde_json::to_value(&back).unwrap(),
        &serde_json::to_value(&a).unwrap()
    ));
    let v: serde_json::Value = serde_json::to_value(&a).unwrap();
    for key in [
        "as_of",
        "window_days",
        "currency",
        "inputs",
        "summary",
        "tools",
        "spend",
        "overlap",
        "renewals",
        "recommendations",
        "people",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["as_of"], "2026-11-22");
    assert!(v["tools"][0]["seat_utilisation"].is_number());
}

#[test]
fn hostile_settings_are_sanitised() {
    let mut s = miro();
    s.tools[0].licences[0].licence.renewal_date = Some(d(9999, 12, 31));
    s.tools[0].licences[0].licence.notice_days = Some(u32::MAX);
    let settings = Settings {
        as_of: Some(d(9999, 12, 31)),
        window_days: 0,
        rightsizing_buffer: f64::NAN,
        low_utilisation: f64::INFINITY,
        overlap_threshold: f64::NAN,
        duplicate_days: u32::MAX,
        renewal_horizon_days: u32::MAX,
        values: vec![ValueInput {
            tool: "Miro".into(),
            value: f64::NAN,
            period: ValuePeriod::Monthly,
            note: None,
        }],
        admin_hours: BTreeMap::from([("Miro".to_string(), f64::INFINITY)]),
        admin_hourly_rate: Some(f64::NAN),
        ..Settings::default()
    };
    let r = analyze(&s, &settings);
    let t = find(&r, "Miro");
    // Window 0 is treated as 1 day: nothing was active on 9999-12-31.
    assert_eq!(t.window_days, 1);
    assert_eq!(t.active, Some(0));
    // A NaN value is ignored: no value, no ROI. Infinite hours are ignored: TCO = annual cost.
    assert_eq!(t.value, None);
    assert_eq!(t.roi, None);
    assert_eq!(t.tco, Some(3600.0));
    // 9999-12-31 minus 4 billion days is outside the calendar: cancel-by unknown, no panic.
    assert_eq!(t.cancel_by, None);
}

// ---- properties ---------------------------------------------------------------------------------------------

fn weird_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => 0.0..5000.0f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(-1.0e308),
        1 => Just(1.0e308),
        1 => -100.0..0.0f64,
    ]
}

fn arb_activity() -> impl Strategy<Value = LastActivity> {
    prop_oneof![
        (0i64..400).prop_map(|k| LastActivity::On(as_of().add_days(-k + 10).unwrap())),
        Just(LastActivity::Never),
        Just(LastActivity::Unknown),
    ]
}

fn arb_status() -> impl Strategy<Value = AccountStatus> {
    prop_oneof![
        4 => Just(AccountStatus::Active),
        1 => Just(AccountStatus::Suspended),
        1 => Just(AccountStatus::Deleted),
        1 => Just(AccountStatus::Unassigned),
        1 => Just(AccountStatus::Guest),
        1 => Just(AccountStatus::Unknown),
    ]
}

prop_compose! {
    fn arb_stack()(
        n_people in 0usize..12,
        people_status in proptest::collection::vec((arb_status(), any::<bool>()), 12),
        tools in proptest::collection::vec(
            (
                proptest::option::of(prop_oneof![0.0..40.0f64, Just(f64::NAN), Just(0.0), Just(-3.0), Just(1e300)]),
                proptest::option::of(weird_f64()),
                proptest::option::of(weird_f64()),
                proptest::collection::vec((0usize..12, arb_activity(), arb_status(), proptest::option::of(0i64..100)), 0..16),
                0usize..3,
                proptest::option::of(0i64..200),
                proptest::option::of(0u32..120),
            ),
            0..5,
        ),
        spend in proptest::collection::vec(
            (0usize..6, proptest::option::of(0i64..500), weird_f64(), any::<bool>(), 0usize..4),
            0..20,
        ),
        as_of_shift in proptest::option::of(-30i64..30),
        buffer in prop_oneof![Just(1.1), Just(f64::NAN), 0.5..3.0f64],
        window in 0u32..100,
    ) -> (Stack, Settings) {
        let mut s = base();
        for (i, (status, service)) in people_status.iter().take(n_people).enumerate() {
            let mut p = person(&format!("p{i}@co.test"));
            p.status = *status;
            p.is_service_account = *service && i % 3 == 0;
            s.people.push(p);
        }
        let classes = [SpendClass::Software, SpendClass::Advertising, SpendClass::Payment, SpendClass::Unknown];
        for (k, (seats, price, annual, accounts, sub, renew, notice)) in tools.into_iter().enumerate() {
            let name = format!("Tool{k}");
            let mut t = tool(&name);
            t.subcategory = Some(["A", "B", "C"][sub].to_string());
            let mut l = licence(&name, seats, price, annual);
            l.licence.renewal_date = renew.and_then(|r| as_of().add_days(r - 20));
            l.licence.notice_days = notice;
            t.licences.push(l);
            for (p, act, st, end) in accounts {
                if n_people == 0 { break; }
                let mut a = account(p % n_people, act);
                a.status = st;
                a.ended_on = end.and_then(|e| as_of().add_days(e - 50));
                t.accounts.push(a);
            }
            s.tools.push(t);
        }
        let n_tools = s.tools.len();
        for (i, (t, day, amount, converted, class)) in spend.into_iter().enumerate() {
            let tool = if n_tools > 0 && t < n_tools { Some(t) } else { None };
            s.spend.push(line(
                if i % 2 == 0 { "a.csv" } else { "b.csv" },
                i as u64 + 2,
                day.and_then(|d| as_of().add_days(-d)),
                "V",
                amount,
                if converted { "USD" } else { "XYZ" },
                classes[class],
                tool,
                if converted { Some(amount) } else { None },
            ));
        }
        let settings = Settings {
            as_of: as_of_shift.and_then(|k| as_of().add_days(k)),
            rightsizing_buffer: buffer,
            window_days: window,
            values: vec![ValueInput { tool: "Tool0".into(), value: 1000.0, period: ValuePeriod::Annual, note: None }],
            admin_hours: BTreeMap::from([("Tool1".to_string(), 5.0)]),
            admin_hourly_rate: Some(40.0),
            ..Settings::default()
        };
        (s, settings)
    }
}

fn in_unit(x: Option<f64>) -> bool {
    x.is_none_or(|x| (0.0..=1.0).contains(&x))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn invariants_hold_on_random_stacks((stack, settings) in arb_stack()) {
        let r = analyze(&stack, &settings);
        // Deterministic and serialisable (no NaN leaks: serde_json would write null and the round trip differ).
        prop_assert_eq!(&r, &analyze(&stack, &settings));
        let json = serde_json::to_string(&r).unwrap();
        let back: Report = serde_json::from_str(&json).unwrap();
        prop_assert!(same_json(&serde_json::to_value(&back).unwrap(), &serde_json::to_value(&r).unwrap()));
        // No NaN or infinity anywhere in the report (serde_json would silently write them as null).
        let debug = format!("{r:?}");
        for bad in ["NaN", "(inf)", "(-inf)", ": inf", ": -inf"] {
            prop_assert!(!debug.contains(bad), "{} in report", bad);
        }

        for t in &r.tools {
            if let (Some(seats), Some(assigned)) = (t.seats, t.assigned) {
                let states = (t.active.unwrap() + t.inactive.unwrap() + t.never_active.unwrap()
                    + t.activity_unknown.unwrap() + t.orphaned.unwrap()) as f64
                    + t.unassigned.unwrap();
                prop_assert_eq!(states, seats.max(assigned as f64));
                prop_assert_eq!(t.over_assigned.unwrap(), (assigned as f64 - seats).max(0.0));
            }
            if let Some(assigned) = t.assigned {
                prop_assert_eq!(assigned, t.active.unwrap() + t.inactive.unwrap() + t.never_active.unwrap()
                    + t.activity_unknown.unwrap() + t.orphaned.unwrap());
            }
            prop_assert!(in_unit(t.seat_utilisation));
            prop_assert!(in_unit(t.allocation));
            prop_assert!(in_unit(t.active_share));
            if !t.has_usage_data {
                prop_assert_eq!(t.seat_utilisation, None);
            }
            for x in [t.annual_cost, t.price_per_seat, t.wasted_spend, t.savings_if_rightsized, t.cost_per_active_user, t.roi, t.tco, t.value, t.spend] {
                prop_assert!(x.is_none_or(f64::is_finite));
            }
            prop_assert!(!t.explain.is_empty());
            // Departments partition the held accounts (and the active ones, when activity is known).
            let by_dept: u64 = t.departments.iter().map(|d| d.accounts).sum();
            prop_assert_eq!(by_dept, t.assigned.unwrap_or(0));
            if t.has_usage_data {
                let active: u64 = t.departments.iter().map(|d| d.active.unwrap()).sum();
                prop_assert_eq!(Some(active), t.active);
            } else {
                prop_assert!(t.departments.iter().all(|d| d.active.is_none()));
            }
            for w in t.departments.windows(2) {
                prop_assert!(w[0].accounts >= w[1].accounts);
            }
        }
        // The people list has everyone once, and every listed account of every tool in exactly one state.
        prop_assert_eq!(r.people.list.len(), stack.people.len());
        let listed: usize = r.people.list.iter().map(|p| {
            let a = &p.accounts;
            a.active.len() + a.inactive.len() + a.never_active.len() + a.activity_unknown.len() + a.orphaned.len() + a.removed.len()
        }).sum();
        // (Random stacks may give one person two accounts in a tool; reconciliation never does.)
        let accounts: usize = stack.tools.iter().map(|t| t.accounts.len()).sum();
        let pairs: usize = stack.tools.iter().map(|t| {
            let mut people: Vec<usize> = t.accounts.iter().map(|a| a.person).collect();
            people.sort();
            people.dedup();
            people.len()
        }).sum();
        prop_assert!(pairs <= listed && listed <= accounts, "{} {} {}", pairs, listed, accounts);
        for w in r.people.list.windows(2) {
            prop_assert!(w[0].person <= w[1].person);
        }
        prop_assert!(in_unit(r.summary.seat_utilisation));
        prop_assert!(in_unit(r.summary.usage_coverage));
        for p in &r.overlap.pairs {
            prop_assert!(in_unit(p.jaccard));
            prop_assert!(in_unit(p.overlap_coefficient));
            prop_assert!(in_unit(p.share_of_a_in_b));
            prop_assert!(in_unit(p.share_of_b_in_a));
            prop_assert!(p.jaccard.unwrap_or(0.0) <= p.overlap_coefficient.unwrap_or(1.0) + 1e-12);
        }
        for c in &r.overlap.consolidation {
            prop_assert!(c.saving.is_none_or(|s| s > 0.0));
        }

        // Every breakdown of software spend adds up to the total (within float summation order).
        let sp = &r.spend;
        if let Some(total) = sp.total {
            let tol = 1e-6 * (1.0 + total.abs());
            let software = sp.by_class.iter().find(|c| c.class == SpendClass::Software).map_or(0.0, |c| c.amount);
            prop_assert!((software - total).abs() <= tol);
            for b in [&sp.by_tool, &sp.by_category, &sp.by_month, &sp.by_source, &sp.by_department] {
                let sum: f64 = b.iter().map(|x| x.amount).sum();
                prop_assert!((sum - total).abs() <= tol, "{} vs {}", sum, total);
            }
        }
        // Lines: converted ones in by_class, the rest in unconverted.
        let converted: usize = sp.by_class.iter().map(|c| c.lines).sum();
        let unconverted: usize = sp.unconverted.iter().map(|c| c.count).sum();
        let bad = stack.spend.iter().filter(|s| s.amount.is_some_and(|a| !a.is_finite())).count();
        prop_assert_eq!(converted + unconverted, stack.spend.len());
        prop_assert!(bad <= unconverted);

        // Renewals ordered by decision date; recommendations by amount.
        for w in r.renewals.windows(2) {
            prop_assert!(w[0].cancel_by.unwrap_or(w[0].renewal_date) <= w[1].cancel_by.unwrap_or(w[1].renewal_date));
        }
        for w in r.recommendations.windows(2) {
            if let (Some(a), Some(b)) = (w[0].amount, w[1].amount) {
                prop_assert!(a >= b);
            }
            prop_assert!(!(w[0].amount.is_none() && w[1].amount.is_some()));
        }
    }
}
