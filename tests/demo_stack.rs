//! The demo company's exports, read and reconciled: tools found across sources, spend classified, people
//! joined. (Figures computed from the stack are tested in the analysis tests.)

use stackscope::demo::demo_files;
use stackscope::ingest::{read_records_bytes, Options};
use stackscope::reconcile::build::{build_stack, BuildOptions, FileInput};
use stackscope::reconcile::Catalogue;
use stackscope::stack::{SpendClass, Stack};

fn demo_stack() -> Stack {
    let found: Vec<_> = demo_files()
        .iter()
        .map(|f| read_records_bytes(f.name, &f.bytes, &Options::default()))
        .collect();
    for f in &found {
        assert!(f.error.is_none(), "{}: {:?}", f.file, f.error);
        assert_eq!(f.rows, f.rows_used + f.rows_skipped, "{}", f.file);
    }
    let inputs: Vec<FileInput> = found
        .iter()
        .map(|f| FileInput {
            file: &f.file,
            format: &f.format,
            records: f.records.as_ref().unwrap(),
        })
        .collect();
    let catalogue = Catalogue::builtin().unwrap();
    build_stack(&inputs, &catalogue, &BuildOptions::default()).0
}

fn tool<'a>(s: &'a Stack, name: &str) -> &'a stackscope::stack::Tool {
    s.tools.iter().find(|t| t.name == name).unwrap_or_else(|| {
        panic!(
            "no tool {name}; tools: {:?}",
            s.tools.iter().map(|t| &t.name).collect::<Vec<_>>()
        )
    })
}

#[test]
fn demo_tools_are_found_across_contracts_sso_and_cards() {
    let s = demo_stack();
    let names: Vec<&str> = s.tools.iter().map(|t| t.name.as_str()).collect();
    eprintln!("tools: {names:?}");
    let sf = tool(&s, "Salesforce");
    assert_eq!(sf.licences.len(), 1);
    assert!(
        !sf.accounts.is_empty(),
        "Okta accounts joined to the contract's tool"
    );
    let zoom = tool(&s, "Zoom");
    assert!(
        s.spend.iter().any(|l| l.tool
            == Some(s.tools.iter().position(|t| t.name == "Zoom").unwrap())
            && l.line.amount.amount < 0.0),
        "the Zoom refund nets against Zoom"
    );
    assert!(!zoom.accounts.is_empty());
    assert!(tool(&s, "Slack").accounts.len() >= 120);
    assert!(tool(&s, "Google Workspace").accounts.len() >= 120);
}

#[test]
fn demo_spend_is_classified() {
    let s = demo_stack();
    let ads: Vec<_> = s
        .spend
        .iter()
        .filter(|l| l.class == SpendClass::Advertising)
        .collect();
    assert_eq!(ads.len(), 24, "Google Ads and LinkedIn Ads, monthly");
    assert!(
        s.unmatched.iter().any(|u| u.vendor == "PixelBakery"),
        "unmatched: {:?}",
        s.unmatched
    );
    assert_eq!(s.currency, "USD");
    assert!(
        s.missing_rates.is_empty(),
        "EUR has a rate in fx.csv: {:?}",
        s.missing_rates
    );
    let brevo = tool(&s, "Brevo");
    assert_eq!(
        brevo.licences[0]
            .annual_cost
            .map(|c| (c * 100.0).round() / 100.0),
        Some(5184.0)
    );
}

#[test]
fn demo_people_are_joined_and_leavers_known() {
    let s = demo_stack();
    let staff = s.people.iter().filter(|p| !p.is_service_account).count();
    assert!((120..=125).contains(&staff), "staff {staff}");
    assert_eq!(s.people.iter().filter(|p| p.is_service_account).count(), 2);
    let leavers = s
        .people
        .iter()
        .filter(|p| p.status == stackscope::model::AccountStatus::Suspended)
        .count();
    assert!((5..=9).contains(&leavers), "leavers {leavers}");
}
