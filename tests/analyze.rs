//! End to end: the demo company's exports (real layouts: Ramp, QuickBooks, Okta, Slack, Google Workspace, a
//! contract register, rates and values) read, reconciled and measured. Headline figures are checked against
//! values worked out by hand from how the demo is generated (src/demo.rs); the whole report is also kept as a
//! golden file (`tests/analysis/demo/report.json`, regenerate with STACKSCOPE_BLESS=1).

use stackscope::analysis::{analyze_files, AnalysisOptions};
use stackscope::demo::demo_files;
use stackscope::ingest::{read_records_bytes, Options};
use stackscope::report::Report;

fn demo_report(options: &AnalysisOptions) -> Report {
    let files: Vec<_> = demo_files()
        .iter()
        .map(|f| read_records_bytes(f.name, &f.bytes, &Options::default()))
        .collect();
    analyze_files(&files, options).report
}

fn tool<'a>(r: &'a Report, name: &str) -> &'a stackscope::report::ToolReport {
    r.tools
        .iter()
        .find(|t| t.tool == name)
        .unwrap_or_else(|| panic!("no tool {name}"))
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 0.005)
}

#[test]
fn demo_headline_figures_match_the_hand_computation() {
    let r = demo_report(&AnalysisOptions::default());
    assert_eq!(r.currency, "USD");
    assert_eq!(
        r.as_of.map(|d| d.to_string()).as_deref(),
        Some("2026-11-20"),
        "latest date in the data"
    );
    // Salesforce: 30 seats × 165 a month × 12.
    let sf = tool(&r, "Salesforce");
    assert_eq!(sf.seats, Some(30.0));
    assert!(close(sf.annual_cost, 59_400.0));
    assert!(close(sf.price_per_seat, 1_980.0));
    // Brevo: 4,800 EUR × 1.08 (fx.csv).
    assert!(close(tool(&r, "Brevo").annual_cost, 5_184.0));
    // Brevo has no usage source: utilisation unknown, never 0.
    assert_eq!(tool(&r, "Brevo").seat_utilisation, None);
    assert!(!tool(&r, "Brevo").has_usage_data);
    // Advertising: Google Ads 12 × 11,800 + 150 × (12 + 1 + … + 11) = 153,300; LinkedIn 12 × 3,900 = 46,800.
    assert!(close(r.summary.non_software_spend, 200_100.0));
    // Shadow IT: PixelBakery, 12 × 49.
    assert!(close(r.summary.unmatched_spend, 588.0));
    assert_eq!(r.spend.unmatched[0].vendor, "PixelBakery");
    // Zoom's card spend nets its refund: 12 × 60 × 12.49 − 149.90.
    let zoom_spend = r
        .spend
        .by_tool
        .iter()
        .find(|b| b.key.as_deref() == Some("Zoom"))
        .unwrap()
        .amount;
    assert!((zoom_spend - 8_842.90).abs() < 0.005, "{zoom_spend}");
    // Figma's October charge is on the card feed and in QuickBooks: flagged, not removed.
    assert!(
        r.spend.duplicates.iter().any(|d| d.tool == "Figma"),
        "{:?}",
        r.spend.duplicates
    );
    // Every seat state adds up.
    for t in r
        .tools
        .iter()
        .filter(|t| t.seats.is_some() && t.assigned.is_some())
    {
        let parts = t.active.unwrap_or(0)
            + t.inactive.unwrap_or(0)
            + t.never_active.unwrap_or(0)
            + t.activity_unknown.unwrap_or(0)
            + t.orphaned.unwrap_or(0);
        let total = parts as f64 + t.unassigned.unwrap_or(0.0);
        assert!(
            (total - t.seats.unwrap().max(t.assigned.unwrap() as f64)).abs() < 1e-9,
            "{}",
            t.tool
        );
    }
    // Overlaps of the demo: Asana/monday.com, Zoom/Webex, Hootsuite/Sprout Social, Semrush/Ahrefs.
    for (a, b) in [
        ("Asana", "monday.com"),
        ("Webex", "Zoom"),
        ("Hootsuite", "Sprout Social"),
        ("Ahrefs", "Semrush"),
    ] {
        assert!(
            r.overlap
                .pairs
                .iter()
                .any(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a)),
            "pair {a}/{b}"
        );
    }
    // ROI where a value was given: Salesforce's value is 420,000 a year.
    assert!(close(sf.value, 420_000.0));
    assert!(sf.roi.is_some());
    assert_eq!(tool(&r, "Zoom").roi, None, "no value input: ROI unknown");
}

#[test]
fn settings_change_the_figures_without_reading_again() {
    let base = demo_report(&AnalysisOptions::default());
    let mut opts = AnalysisOptions::default();
    opts.settings.window_days = 90;
    let wide = demo_report(&opts);
    let a = tool(&base, "Miro").active.unwrap();
    let b = tool(&wide, "Miro").active.unwrap();
    assert!(
        b > a,
        "a wider window counts more people active ({a} → {b})"
    );
}

#[test]
fn alias_rules_map_a_shadow_it_vendor() {
    let opts = AnalysisOptions {
        alias_rules: Some("match,action,tool,category,subcategory\nPixelBakery,map,PixelBakery Studio,content & experience,design\n".into()),
        ..AnalysisOptions::default()
    };
    let r = demo_report(&opts);
    assert!(r.spend.unmatched.is_empty(), "{:?}", r.spend.unmatched);
    assert!(r.tools.iter().any(|t| t.tool == "PixelBakery Studio"));
}

#[test]
fn the_demo_report_matches_its_golden_file() {
    let r = demo_report(&AnalysisOptions::default());
    let mut r = r;
    r.inputs.clear();
    let actual = serde_json::to_string_pretty(&r).unwrap() + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/analysis/demo/report.json");
    if std::env::var_os("STACKSCOPE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{} differs from line {}:\n- {}\n+ {}\n(run with STACKSCOPE_BLESS=1 to accept, then review the diff)",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or(""),
            actual.lines().nth(first).unwrap_or("")
        );
    }
}

/// People joined across a roster and two usage files: the roster's department wins over a usage record's, a
/// department only a usage file gives is used, and every file a person appears in is listed — even past the
/// first 8 lines of one file.
#[test]
fn people_are_joined_across_files_with_departments_and_sources() {
    let roster = "Email,Name,Department,Status\nada@co.test,Ada Okafor,Finance,active\nbo@co.test,Bo Li,Sales,suspended\ncy@co.test,Cy Park,,active\n";
    let mut sso = String::from("Email,Application,Last login\n");
    // Ada on 9 apps: 9 lines of sso.csv before zoom.csv is read.
    for app in [
        "Slack", "Notion", "Figma", "Miro", "Asana", "Trello", "Jira", "Dropbox", "Airtable",
    ] {
        sso.push_str(&format!("ada@co.test,{app},2026-11-20\n"));
    }
    sso.push_str("bo@co.test,Slack,2026-10-01\ncy@co.test,Slack,2026-01-19\n");
    let zoom = "User,Tool,Last active,Department\nada,Zoom,2026-11-18,Ops\ndee@co.test,Zoom,2026-11-18,Ops\n";
    let files: Vec<_> = [
        ("roster.csv", roster.as_bytes()),
        ("sso.csv", sso.as_bytes()),
        ("zoom.csv", zoom.as_bytes()),
    ]
    .iter()
    .map(|(n, b)| read_records_bytes(n, b, &Options::default()))
    .collect();
    let r = analyze_files(&files, &AnalysisOptions::default()).report;
    assert_eq!(
        r.as_of.map(|d| d.to_string()).as_deref(),
        Some("2026-11-20")
    );
    let list = &r.people.list;
    let who: Vec<&str> = list.iter().map(|p| p.person.as_str()).collect();
    // dee has only a username (the "User" column) and is listed by it.
    assert_eq!(
        who,
        ["ada@co.test", "bo@co.test", "cy@co.test", "dee@co.test"]
    );
    let ada = &list[0];
    assert_eq!(
        ada.department.as_deref(),
        Some("Finance"),
        "the roster wins"
    );
    assert_eq!(ada.sources, ["roster.csv", "sso.csv", "zoom.csv"]);
    assert_eq!(ada.accounts.active.len(), 10, "9 SSO apps and Zoom");
    assert!(ada.accounts.active.contains(&"Zoom".to_string()));
    let bo = &list[1];
    assert!(bo.leaver);
    assert_eq!(bo.accounts.orphaned, ["Slack"]);
    assert_eq!(list[2].department, None);
    assert_eq!(list[2].accounts.inactive, ["Slack"]);
    assert_eq!(list[3].department.as_deref(), Some("Ops"));
    assert_eq!(list[3].sources, ["zoom.csv"]);

    // Slack: Ada (Finance, active), Bo (Sales, orphaned), Cy (unknown, inactive).
    let slack = tool(&r, "Slack");
    let got: Vec<(Option<&str>, u64, Option<u64>)> = slack
        .departments
        .iter()
        .map(|d| (d.department.as_deref(), d.accounts, d.active))
        .collect();
    assert_eq!(
        got,
        [
            (Some("Finance"), 1, Some(1)),
            (Some("Sales"), 1, Some(0)),
            (None, 1, Some(0))
        ]
    );
    // Zoom: Ada (Finance) and Dee (Ops, from the usage file), both active.
    let zoom = tool(&r, "Zoom");
    let got: Vec<(Option<&str>, u64, Option<u64>)> = zoom
        .departments
        .iter()
        .map(|d| (d.department.as_deref(), d.accounts, d.active))
        .collect();
    assert_eq!(
        got,
        [(Some("Finance"), 1, Some(1)), (Some("Ops"), 1, Some(1))]
    );
}
