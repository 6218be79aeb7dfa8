//! Property tests through the real pipeline: generated CSV text → `read_records_bytes` → `analyze_files`.
//!
//! `tests/metrics.rs` checks the same invariants on hand-built stacks; here the stacks come from files, so
//! ingestion, reconciliation (tool names, people joins) and metrics are exercised together.

use proptest::prelude::*;
use stackscope::analysis::{analyze_files, AnalysisOptions};
use stackscope::ingest::{read_records_bytes, Inspection, Options};
use stackscope::report::Report;

/// Catalogue tools with the names their Okta application and a contract use.
const TOOLS: [(&str, &str); 5] = [
    ("Slack", "slack"),
    ("Zoom", "zoom"),
    ("Notion", "notion"),
    ("Figma", "figma"),
    ("Miro", "miro"),
];

#[derive(Clone, Debug)]
struct Contract {
    tool: usize,
    seats: Option<u32>,
    cost: Option<u32>,
}

#[derive(Clone, Debug)]
struct Assignment {
    tool: usize,
    user: u8,
    /// Days before 2026-11-20 of the last login; `None` = never logged in.
    last_login: Option<u16>,
    unassigned: bool,
}

#[derive(Clone, Debug)]
struct Charge {
    tool: usize,
    day: u8,
    cents: u32,
    refund: bool,
}

fn arb_contract() -> impl Strategy<Value = Contract> {
    (
        0..TOOLS.len(),
        proptest::option::weighted(0.85, 0u32..60),
        proptest::option::of(0u32..50_000),
    )
        .prop_map(|(tool, seats, cost)| Contract { tool, seats, cost })
}

fn arb_assignment() -> impl Strategy<Value = Assignment> {
    (
        0..TOOLS.len(),
        0u8..25,
        proptest::option::weighted(0.8, 0u16..200),
        proptest::bool::weighted(0.1),
    )
        .prop_map(|(tool, user, last_login, unassigned)| Assignment {
            tool,
            user,
            last_login,
            unassigned,
        })
}

fn arb_charge() -> impl Strategy<Value = Charge> {
    (
        0..TOOLS.len(),
        1u8..29,
        1u32..500_000,
        proptest::bool::weighted(0.1),
    )
        .prop_map(|(tool, day, cents, refund)| Charge {
            tool,
            day,
            cents,
            refund,
        })
}

fn contracts_csv(contracts: &[Contract]) -> String {
    let mut s = String::from("Tool,Seats,Annual cost,Currency,Renewal date\n");
    for c in contracts {
        let seats = c.seats.map(|n| n.to_string()).unwrap_or_default();
        let cost = c.cost.map(|n| format!("{n}.00")).unwrap_or_default();
        s.push_str(&format!(
            "{},{seats},{cost},USD,2027-0{}-15\n",
            TOOLS[c.tool].0,
            1 + c.tool
        ));
    }
    s
}

/// 2026-11-20 minus `days`, as an ISO date (months of 30 days are close enough for a random date).
fn days_before(days: u16) -> String {
    let mut y = 2026;
    let mut m = 11i32;
    let mut d = 20i32 - i32::from(days);
    while d < 1 {
        d += 28;
        m -= 1;
        if m < 1 {
            m = 12;
            y -= 1;
        }
    }
    format!("{y}-{m:02}-{d:02}T09:00:00.000Z")
}

fn assignments_csv(rows: &[Assignment]) -> String {
    let mut s = String::from(
        "User,Login,Application name,Application instance,Application login,Assigned on,Unassigned on,Last login\n",
    );
    for a in rows {
        let email = format!("user{}@example.com", a.user);
        let (name, app) = TOOLS[a.tool];
        let last = a.last_login.map(days_before).unwrap_or_default();
        let unassigned = if a.unassigned {
            "2026-10-01T00:00:00.000Z"
        } else {
            ""
        };
        s.push_str(&format!(
            "User {},{email},{app},{name} - Example,{email},2024-01-01T00:00:00.000Z,{unassigned},{last}\n",
            a.user
        ));
    }
    s
}

fn spend_csv(charges: &[Charge]) -> String {
    let mut s = String::from("Date,Vendor,Amount,Currency\n");
    for c in charges {
        let sign = if c.refund { "-" } else { "" };
        s.push_str(&format!(
            "2026-10-{:02},{},{sign}{}.{:02},USD\n",
            c.day,
            TOOLS[c.tool].0,
            c.cents / 100,
            c.cents % 100
        ));
    }
    s
}

fn read(name: &str, text: &str) -> Inspection {
    read_records_bytes(name, text.as_bytes(), &Options::default())
}

fn in_unit(x: Option<f64>) -> bool {
    x.is_none_or(|x| (0.0..=1.0).contains(&x))
}

fn check_report(r: &Report) -> Result<(), TestCaseError> {
    // No NaN or infinity anywhere (serde_json would silently write them as null, so look at the values).
    let debug = format!("{r:?}");
    for bad in ["NaN", "inf,", "inf)", "inf "] {
        prop_assert!(!debug.contains(bad), "{} in the report", bad);
    }
    let json = serde_json::to_string(r).unwrap();
    prop_assert!(!json.contains("NaN") && !json.contains("Infinity"));

    for t in &r.tools {
        if let (Some(seats), Some(assigned)) = (t.seats, t.assigned) {
            let held = t.active.unwrap()
                + t.inactive.unwrap()
                + t.never_active.unwrap()
                + t.activity_unknown.unwrap()
                + t.orphaned.unwrap();
            prop_assert_eq!(
                held,
                assigned,
                "{}: every held account in one state",
                &t.tool
            );
            let states = held as f64 + t.unassigned.unwrap();
            prop_assert_eq!(
                states,
                seats.max(assigned as f64),
                "{}: states add up to max(seats, assigned)",
                &t.tool
            );
        }
        for (name, share) in [
            ("seat_utilisation", t.seat_utilisation),
            ("allocation", t.allocation),
            ("active_share", t.active_share),
        ] {
            prop_assert!(in_unit(share), "{}: {} = {:?}", &t.tool, name, share);
        }
    }
    prop_assert!(in_unit(r.summary.seat_utilisation));
    prop_assert!(in_unit(r.summary.usage_coverage));

    // Spend by tool sums to the software spend.
    let by_tool: f64 = r.spend.by_tool.iter().map(|b| b.amount).sum();
    match r.summary.software_spend {
        Some(total) => prop_assert!(
            (by_tool - total).abs() <= 1e-6,
            "by_tool {} vs software spend {}",
            by_tool,
            total
        ),
        None => prop_assert!(by_tool.abs() <= 1e-6),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Contracts + Okta assignments + spend, read and analysed as the page does.
    #[test]
    fn metrics_invariants_hold_through_the_real_pipeline(
        contracts in proptest::collection::vec(arb_contract(), 0..6),
        assignments in proptest::collection::vec(arb_assignment(), 0..40),
        charges in proptest::collection::vec(arb_charge(), 0..15),
    ) {
        let files = vec![
            read("contracts.csv", &contracts_csv(&contracts)),
            read("okta_assignments.csv", &assignments_csv(&assignments)),
            read("spend.csv", &spend_csv(&charges)),
        ];
        for f in &files {
            prop_assert_eq!(f.rows, f.rows_used + f.rows_skipped);
        }
        let analysis = analyze_files(&files, &AnalysisOptions::default());
        check_report(&analysis.report)?;
    }

    /// Rows read = rows used + rows skipped, whatever the text (blank lines, totals, footers, ragged rows).
    #[test]
    fn every_row_read_is_used_or_skipped(
        lines in proptest::collection::vec(
            prop_oneof![
                "[A-Za-z ]{0,8}(,[A-Za-z0-9 .\"-]{0,8}){0,4}",
                "[0-9]{1,4}[,;|\t][0-9.,]{0,6}",
                Just(String::new()),
                Just("Total,,1234.50".to_string()),
                Just("Accrual basis Sunday, November 1, 2026".to_string()),
                Just("\"unclosed,quote".to_string()),
                "\\PC{0,12}",
            ],
            0..30,
        ),
        header in prop_oneof![Just("Tool,Seats,Annual cost\n"), Just("Date;Vendor;Amount\n"), Just("")],
        crlf in any::<bool>(),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let text = format!("{header}{}", lines.join(eol));
        let f = read("random.csv", &text);
        prop_assert_eq!(f.rows, f.rows_used + f.rows_skipped);
        let first = stackscope::ingest::inspect_bytes("random.csv", text.as_bytes(), &Options::default());
        prop_assert_eq!(first.rows, first.rows_used + first.rows_skipped);
    }
}

/// The generated files are understood as what they claim to be, so the properties above are not vacuous.
#[test]
fn generated_files_are_read_as_contracts_usage_and_spend() {
    let contracts = contracts_csv(&[Contract {
        tool: 0,
        seats: Some(10),
        cost: Some(1200),
    }]);
    let usage = assignments_csv(&[
        Assignment {
            tool: 0,
            user: 1,
            last_login: Some(3),
            unassigned: false,
        },
        Assignment {
            tool: 0,
            user: 2,
            last_login: None,
            unassigned: false,
        },
    ]);
    let spend = spend_csv(&[Charge {
        tool: 0,
        day: 3,
        cents: 10_000,
        refund: false,
    }]);
    let files = vec![
        read("contracts.csv", &contracts),
        read("okta_assignments.csv", &usage),
        read("spend.csv", &spend),
    ];
    for f in &files {
        assert!(f.error.is_none(), "{}: {:?}", f.file, f.error);
        assert!(f.records.is_some(), "{}: records", f.file);
    }
    let r = analyze_files(&files, &AnalysisOptions::default()).report;
    let slack = r
        .tools
        .iter()
        .find(|t| t.tool == "Slack")
        .expect("Slack is a tool");
    assert_eq!(slack.seats, Some(10.0));
    assert_eq!(slack.assigned, Some(2));
    assert_eq!(slack.active, Some(1));
    assert_eq!(r.summary.software_spend, Some(100.0));
}
