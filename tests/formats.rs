//! Every fixture under `tests/cases/<folder>/input.*` is recognised as its known export, with the expected
//! kind, header line, row counts and key column roles.
//!
//! Fixtures are built from each system's public documentation of its columns with invented values; each folder's
//! `SOURCE.md` says where the layout is documented.

use stackscope::ingest::formats::{self, FORMATS};
use stackscope::ingest::{inspect_bytes, FileReader, Inspection, Mapping, Options};
use stackscope::model::{Kind, Role};
use std::path::{Path, PathBuf};

/// What one fixture must read as.
struct Expect {
    folder: &'static str,
    format: &'static str,
    kind: Kind,
    encoding: &'static str,
    delimiter: &'static str,
    header_line: u64,
    rows: u64,
    rows_skipped: u64,
    /// Column name (as in the header) → role.
    roles: &'static [(&'static str, Role)],
}

const EXPECT: &[Expect] = &[
    Expect {
        folder: "m365_active_users",
        format: "m365_active_users",
        kind: Kind::Usage,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 15,
        rows_skipped: 0,
        roles: &[
            ("User Principal Name", Role::UserEmail),
            ("Display Name", Role::DisplayName),
            ("Is Deleted", Role::Status),
            ("Deleted Date", Role::EndedOn),
            ("Exchange Last Activity Date", Role::LastActivity),
            ("Assigned Products", Role::Tool),
        ],
    },
    Expect {
        folder: "okta_current_assignments",
        format: "okta_current_assignments",
        kind: Kind::Usage,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 15,
        rows_skipped: 0,
        roles: &[
            ("User", Role::DisplayName),
            ("Login", Role::UserEmail),
            ("Application instance", Role::Tool),
            ("Application login", Role::Username),
            ("Unassigned on", Role::EndedOn),
            ("Last login", Role::LastActivity),
        ],
    },
    Expect {
        folder: "okta_app_usage",
        format: "okta_app_usage",
        kind: Kind::Usage,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 14,
        rows_skipped: 0,
        roles: &[
            ("Person", Role::DisplayName),
            ("Login", Role::UserEmail),
            ("Application Username", Role::Username),
            ("Instance Name", Role::Tool),
            ("Login Date_ISO8601", Role::Date),
        ],
    },
    Expect {
        folder: "google_workspace_users",
        format: "google_workspace_users",
        kind: Kind::Usage,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 15,
        rows_skipped: 0,
        roles: &[
            ("Email Address [Required]", Role::UserEmail),
            ("First Name [Required]", Role::DisplayName),
            ("Status [READ ONLY]", Role::Status),
            ("Last Sign In [READ ONLY]", Role::LastActivity),
            ("Department", Role::Department),
        ],
    },
    Expect {
        folder: "slack_members",
        format: "slack_members",
        kind: Kind::Usage,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 15,
        rows_skipped: 0,
        roles: &[
            ("Email", Role::UserEmail),
            ("Username", Role::Username),
            ("Name", Role::DisplayName),
            ("Account type", Role::Status),
            ("Deactivated date (UTC)", Role::EndedOn),
            ("Days active", Role::Events),
            ("Last active (UTC)", Role::LastActivity),
        ],
    },
    Expect {
        folder: "adobe_admin_users",
        format: "adobe_admin_users",
        kind: Kind::Usage,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 14,
        rows_skipped: 0,
        roles: &[
            ("Email", Role::UserEmail),
            ("Username", Role::Username),
            ("First Name", Role::DisplayName),
            ("Product Configurations", Role::Tool),
        ],
    },
    Expect {
        folder: "adobe_admin_users_unicode_text",
        format: "adobe_admin_users",
        kind: Kind::Usage,
        encoding: "UTF-16LE",
        delimiter: "tab",
        header_line: 1,
        rows: 14,
        rows_skipped: 0,
        roles: &[
            ("Email", Role::UserEmail),
            ("Username", Role::Username),
            ("First Name", Role::DisplayName),
            ("Product Configurations", Role::Tool),
        ],
    },
    Expect {
        folder: "salesforce_users",
        format: "salesforce_users",
        kind: Kind::Usage,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 12,
        rows_skipped: 0,
        roles: &[
            ("EMAIL", Role::UserEmail),
            ("USERNAME", Role::Username),
            ("NAME", Role::DisplayName),
            ("ISACTIVE", Role::Status),
            ("LASTLOGINDATE", Role::LastActivity),
            ("DEPARTMENT", Role::Department),
        ],
    },
    Expect {
        folder: "hubspot_users",
        format: "hubspot_users",
        kind: Kind::Usage,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 10,
        rows_skipped: 0,
        roles: &[
            ("Email address", Role::UserEmail),
            ("First name", Role::DisplayName),
            ("Last login date", Role::LastActivity),
            ("Assigned teams", Role::Department),
        ],
    },
    Expect {
        folder: "ramp_transactions",
        format: "ramp_transactions",
        kind: Kind::Spend,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 13,
        rows_skipped: 0,
        roles: &[
            ("Merchant Name", Role::Vendor),
            ("Amount", Role::Amount),
            ("Transaction Date", Role::Date),
            ("User", Role::DisplayName),
            ("Ramp Category", Role::Category),
            ("Memo", Role::Description),
        ],
    },
    Expect {
        folder: "brex_transactions",
        format: "brex_transactions",
        kind: Kind::Spend,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 13,
        rows_skipped: 0,
        roles: &[
            ("Merchant Name", Role::Vendor),
            ("Amount", Role::Amount),
            ("Swipe Date (UTC)", Role::Date),
            ("Brex Category", Role::Category),
            ("Memo", Role::Description),
        ],
    },
    Expect {
        folder: "amex_activity",
        format: "amex_activity",
        kind: Kind::Spend,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 14,
        rows_skipped: 0,
        roles: &[
            ("Description", Role::Vendor),
            ("Amount", Role::Amount),
            ("Date", Role::Date),
            ("Extended Details", Role::Description),
            ("Category", Role::Category),
        ],
    },
    Expect {
        folder: "quickbooks_transaction_detail",
        format: "quickbooks_transaction_detail",
        kind: Kind::Spend,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 5,
        // 12 transactions + 3 account section lines + 3 `Total for …` + `TOTAL` + the basis footer.
        rows: 20,
        rows_skipped: 8,
        roles: &[
            ("Date", Role::Date),
            ("Name", Role::Vendor),
            ("Amount", Role::Amount),
            ("Memo/Description", Role::Description),
        ],
    },
    Expect {
        folder: "quickbooks_expenses_by_vendor",
        format: "quickbooks_expenses_by_vendor",
        kind: Kind::Spend,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 5,
        // 14 vendors + `TOTAL` + the basis footer.
        rows: 16,
        rows_skipped: 2,
        roles: &[("column 1", Role::Vendor), ("Total", Role::Amount)],
    },
    Expect {
        folder: "xero_account_transactions",
        format: "xero_account_transactions",
        kind: Kind::Spend,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 5,
        // 9 transactions + 4 opening/closing balance lines (kept, excluded by the format's rules) + 2 account
        // section lines + 2 account totals + the grand total.
        rows: 18,
        rows_skipped: 5,
        roles: &[
            ("Date", Role::Date),
            ("Contact", Role::Vendor),
            ("Description", Role::Description),
            ("Debit (GBP)", Role::Amount),
        ],
    },
    Expect {
        folder: "expensify_export",
        format: "expensify_export",
        kind: Kind::Spend,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 11,
        rows_skipped: 0,
        roles: &[
            ("Merchant", Role::Vendor),
            ("Amount", Role::Amount),
            ("Timestamp", Role::Date),
            ("Category", Role::Category),
            ("Comment", Role::Description),
        ],
    },
    Expect {
        folder: "snipeit_licenses",
        format: "snipeit_licenses",
        kind: Kind::Licences,
        encoding: "UTF-8",
        delimiter: ",",
        header_line: 1,
        rows: 12,
        rows_skipped: 0,
        roles: &[
            ("Item name", Role::Tool),
            ("manufacturer", Role::Vendor),
            ("seats", Role::Seats),
            ("purchase cost", Role::ContractValue),
            ("expiration date", Role::TermEnd),
            ("Email", Role::UserEmail),
        ],
    },
    Expect {
        folder: "generic_contracts_eu",
        format: "generic_contracts_eu",
        kind: Kind::Licences,
        encoding: "windows-1252",
        delimiter: ";",
        header_line: 1,
        rows: 12,
        rows_skipped: 0,
        roles: &[
            ("Tool", Role::Tool),
            ("Vendor", Role::Vendor),
            ("Seats", Role::Seats),
            ("Annual cost", Role::ContractValue),
            ("Currency", Role::Currency),
            ("Start date", Role::TermStart),
            ("Renewal date", Role::RenewalDate),
            ("Notice period (days)", Role::NoticePeriod),
            ("Auto-renew", Role::AutoRenew),
        ],
    },
];

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// The folders under `tests/cases`.
/// Folders of real-export fixtures: those with a SOURCE.md (the other cases exercise generic quirks).
fn folders() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("tests/cases exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir() && e.path().join("SOURCE.md").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// The `input.*` file of a fixture folder, and its bytes.
fn input(folder: &str) -> (String, Vec<u8>) {
    let dir = cases_dir().join(folder);
    let path = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_stem().is_some_and(|s| s == "input")
                && p.extension().is_some_and(|x| x == "csv" || x == "txt")
        })
        .unwrap_or_else(|| panic!("{folder}: no input.csv or input.txt"));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(&path).expect("readable input");
    (name, bytes)
}

fn role_of(found: &Inspection, column: &str) -> Option<Role> {
    found
        .columns
        .iter()
        .find(|c| c.name == column)
        .unwrap_or_else(|| panic!("{}: no column '{column}'", found.file))
        .role
}

#[test]
fn every_fixture_folder_is_expected_and_every_format_has_a_fixture() {
    let folders = folders();
    for f in &folders {
        assert!(
            EXPECT.iter().any(|e| e.folder == f),
            "tests/cases/{f} has no entry in EXPECT"
        );
    }
    for e in EXPECT {
        assert!(
            folders.iter().any(|f| f == e.folder),
            "missing tests/cases/{}",
            e.folder
        );
        let dir = cases_dir().join(e.folder);
        assert!(
            dir.join("SOURCE.md").is_file(),
            "{}: no SOURCE.md",
            e.folder
        );
    }
    for f in FORMATS {
        assert!(
            EXPECT.iter().any(|e| e.format == f.id && e.folder == f.id),
            "format {} has no fixture folder tests/cases/{}",
            f.id,
            f.id
        );
    }
}

#[test]
fn every_fixture_is_recognised_with_its_meaning() {
    for e in EXPECT {
        let (name, bytes) = input(e.folder);
        let found = inspect_bytes(&name, &bytes, &Options::default());
        let at = e.folder;
        assert!(found.error.is_none(), "{at}: {:?}", found.error);
        assert_eq!(found.format, e.format, "{at}: format");
        assert_eq!(found.kind, e.kind, "{at}: kind");
        assert_eq!(
            found.encoding.as_deref(),
            Some(e.encoding),
            "{at}: encoding"
        );
        assert_eq!(
            found.delimiter.as_deref(),
            Some(e.delimiter),
            "{at}: delimiter"
        );
        assert_eq!(found.header_line, Some(e.header_line), "{at}: header line");
        assert_eq!(found.rows, e.rows, "{at}: rows");
        assert_eq!(found.rows_skipped, e.rows_skipped, "{at}: rows skipped");
        assert_eq!(found.rows_used, e.rows - e.rows_skipped, "{at}: rows used");
        for (column, role) in e.roles {
            assert_eq!(
                role_of(&found, column),
                Some(*role),
                "{at}: role of '{column}'"
            );
        }
        // Each role is on at most one column.
        let mut roles: Vec<Role> = found.columns.iter().filter_map(|c| c.role).collect();
        let n = roles.len();
        roles.sort();
        roles.dedup();
        assert_eq!(roles.len(), n, "{at}: a role is on two columns");
        // A known export settles the day/month order of its dates.
        assert!(
            !found
                .diagnostics
                .iter()
                .any(|d| d.code == "ambiguous_date_order"),
            "{at}: ambiguous date order reported"
        );
    }
}

#[test]
fn recognition_does_not_depend_on_chunking() {
    for e in EXPECT {
        let (name, bytes) = input(e.folder);
        for size in [1usize, 7, 64] {
            let mut r = FileReader::new(&name, Options::default());
            for c in bytes.chunks(size) {
                r.push(c);
            }
            let found = r.finish();
            assert_eq!(found.format, e.format, "{} in chunks of {size}", e.folder);
            assert_eq!(found.rows, e.rows, "{} in chunks of {size}", e.folder);
            assert_eq!(
                found.rows_skipped, e.rows_skipped,
                "{} in chunks of {size}",
                e.folder
            );
        }
    }
}

#[test]
fn truncated_fixtures_never_panic() {
    for e in EXPECT {
        let (name, bytes) = input(e.folder);
        for cut in (0..bytes.len()).step_by(37) {
            let found = inspect_bytes(&name, &bytes[..cut], &Options::default());
            // Whatever was found, the roles stay one per column and the format is a known id or generic.
            assert!(
                found.format == "generic" || FORMATS.iter().any(|f| f.id == found.format),
                "{}: cut at {cut}",
                e.folder
            );
        }
    }
}

#[test]
fn the_users_mapping_wins_over_a_known_format() {
    let (name, bytes) = input("ramp_transactions");
    let mut mapping = Mapping {
        kind: Some(Kind::Licences),
        ..Mapping::default()
    };
    mapping
        .roles
        .insert("Merchant Description".into(), Role::Vendor);
    mapping.roles.insert("Memo".into(), Role::Ignored);
    let found = inspect_bytes(
        &name,
        &bytes,
        &Options {
            mapping: Some(mapping),
            ..Options::default()
        },
    );
    assert_eq!(found.format, "ramp_transactions");
    assert_eq!(found.kind, Kind::Licences);
    assert_eq!(role_of(&found, "Merchant Description"), Some(Role::Vendor));
    assert_eq!(role_of(&found, "Merchant Name"), None);
    assert_eq!(role_of(&found, "Memo"), None);
    assert_eq!(role_of(&found, "Amount"), Some(Role::Amount));
}

#[test]
fn a_file_like_no_known_export_stays_generic() {
    let found = inspect_bytes(
        "tools.csv",
        b"Tool,Seats,Renewal date\nSlack,10,2027-01-31\nZoom,5,2027-03-01\n",
        &Options::default(),
    );
    assert_eq!(found.format, "generic");
    assert_eq!(found.kind, Kind::Licences);
    assert_eq!(role_of(&found, "Seats"), Some(Role::Seats));
}

/// Regression: a QuickBooks summary report's header leaves the corner cell blank (`,Total`), so it has only
/// one label and was not found at all ("no header row").
#[test]
fn quickbooks_summary_header_with_blank_corner_cell_is_found() {
    let text = "Profit and Loss\nNorthwind Labs\n\"January - October, 2026\"\n\n,Total\nIncome,\nServices,\"12,000.00\"\nTotal Income,\"$12,000.00\"\n";
    let found = inspect_bytes("pl.csv", text.as_bytes(), &Options::default());
    assert!(found.error.is_none(), "{:?}", found.error);
    assert_eq!(found.header_line, Some(5));
    assert_eq!(found.lines_above_header, 3);
    assert_eq!(found.columns.len(), 2);
    assert_eq!(found.columns[1].name, "Total");
    // A title line with a comma in it, or a first data row, is not taken for the header.
    let plain = inspect_bytes("t.csv", b",a,b\nx,1,2\n", &Options::default());
    assert_eq!(plain.header_line, Some(1));
}

/// Regression: the footer `Accrual basis <date> <time>` below a two-column report was counted as a data row
/// (the single-value-line rule only applied to reports of three or more columns).
#[test]
fn report_footer_below_a_two_column_report_is_not_data() {
    let text = "Expenses by Vendor Summary\nNorthwind Labs\n\n,Total\nAdobe,\"1,200.00\"\nTOTAL,\"$1,200.00\"\n\n\"Cash Basis Sunday, November 22, 2026 10:16 AM GMT-08:00\",\n";
    let found = inspect_bytes("v.csv", text.as_bytes(), &Options::default());
    assert_eq!(found.rows, 3);
    assert_eq!(found.rows_skipped, 2);
    assert!(found.diagnostics.iter().any(|d| d.code == "footer_line"));
    assert_eq!(found.format, "quickbooks_expenses_by_vendor");
}

#[test]
fn format_semantics_apply_to_fixture_rows() {
    // A few rows copied from the fixtures, judged by the format's typed rules.
    let ramp = FORMATS
        .iter()
        .find(|f| f.id == "ramp_transactions")
        .expect("ramp");
    let h: Vec<String> = ["Transaction Date", "Clearing Date", "Amount"]
        .iter()
        .map(|s| stackscope::ingest::roles::normalise_header(s))
        .collect();
    let pending: Vec<String> = ["10/30/26", "", "29.00"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let cleared: Vec<String> = ["10/01/26", "10/02/26", "1050.00"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        ramp.excluded(&h, &pending).map(|r| r.excluded),
        Some(formats::Excluded::NotSpend)
    );
    assert!(ramp.excluded(&h, &cleared).is_none());
}

/// The fixture's records (all fields, quotes resolved) below its header, with the normalised header, read
/// independently of the ingest code (csv-core directly) so the format's row rules can be checked on real rows.
fn fixture_rows(folder: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let (name, bytes) = input(folder);
    let found = inspect_bytes(&name, &bytes, &Options::default());
    let delimiter = match found.delimiter.as_deref() {
        Some("tab") => b'\t',
        Some(";") => b';',
        _ => b',',
    };
    let (text, _) = stackscope::decode::decode_all(&bytes, None).expect("decodable fixture");
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = text.as_bytes();
    let mut out = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 256];
    let mut records: Vec<Vec<String>> = Vec::new();
    loop {
        let (res, nin, _, nend) = reader.read_record(input, &mut out, &mut ends);
        input = &input[nin..];
        match res {
            csv_core::ReadRecordResult::Record => {
                let mut start = 0;
                let mut rec = Vec::new();
                for &end in &ends[..nend] {
                    rec.push(String::from_utf8_lossy(&out[start..end]).into_owned());
                    start = end;
                }
                if rec.iter().any(|c| !c.trim().is_empty()) {
                    records.push(rec);
                }
            }
            csv_core::ReadRecordResult::End => break,
            csv_core::ReadRecordResult::InputEmpty => continue,
            other => panic!("{folder}: {other:?}"),
        }
    }
    let h = found.lines_above_header as usize;
    let header = found
        .columns
        .iter()
        .map(|c| stackscope::ingest::roles::normalise_header(&c.name))
        .collect();
    (header, records.split_off(h + 1))
}

fn format(id: &str) -> &'static formats::KnownFormat {
    FORMATS
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no format {id}"))
}

fn count_excluded(id: &str, why: formats::Excluded) -> usize {
    let f = format(id);
    let (h, rows) = fixture_rows(id);
    rows.iter()
        .filter(|r| f.excluded(&h, r).map(|x| x.excluded) == Some(why))
        .count()
}

fn count_state(id: &str, state: formats::PersonState) -> usize {
    let f = format(id);
    let (h, rows) = fixture_rows(id);
    rows.iter()
        .filter(|r| f.person_state(&h, r) == Some(state))
        .count()
}

fn count_never_active(id: &str) -> usize {
    let f = format(id);
    let (h, rows) = fixture_rows(id);
    rows.iter().filter(|r| f.never_active(&h, r)).count()
}

#[test]
fn fixture_rows_read_with_their_format_semantics() {
    use formats::{Excluded, PersonState};
    // Spend: card payments, pending charges, balance lines, non-reimbursable duplicates.
    assert_eq!(count_excluded("ramp_transactions", Excluded::NotSpend), 2);
    assert_eq!(count_excluded("brex_transactions", Excluded::NotSpend), 2);
    assert_eq!(count_excluded("amex_activity", Excluded::NotSpend), 1);
    assert_eq!(
        count_excluded("xero_account_transactions", Excluded::NotSpend),
        4
    );
    assert_eq!(
        count_excluded("quickbooks_transaction_detail", Excluded::NotSpend),
        0
    );
    assert_eq!(count_excluded("expensify_export", Excluded::Duplicate), 1);
    // People: never active, gone, guests, free licences.
    assert_eq!(count_never_active("m365_active_users"), 2);
    assert_eq!(count_state("m365_active_users", PersonState::Deleted), 2);
    assert_eq!(count_never_active("okta_current_assignments"), 3);
    assert_eq!(
        count_state("okta_current_assignments", PersonState::Deactivated),
        3
    );
    assert_eq!(count_never_active("google_workspace_users"), 3);
    assert_eq!(
        count_state("google_workspace_users", PersonState::Suspended),
        2
    );
    assert_eq!(count_never_active("slack_members"), 2);
    assert_eq!(count_state("slack_members", PersonState::Guest), 2);
    assert_eq!(count_state("slack_members", PersonState::Deactivated), 2);
    assert_eq!(count_never_active("salesforce_users"), 2);
    assert_eq!(count_state("salesforce_users", PersonState::Deactivated), 2);
    assert_eq!(count_state("salesforce_users", PersonState::Unlicensed), 2);
    assert_eq!(count_state("salesforce_users", PersonState::Guest), 1);
    assert_eq!(count_never_active("hubspot_users"), 2);
    // Licences: repeated Snipe-IT rows are seat checkouts of the same licence.
    let snipe = format("snipeit_licenses");
    let (h, rows) = fixture_rows("snipeit_licenses");
    let key_cols: Vec<usize> = snipe
        .same_item
        .iter()
        .filter_map(|k| h.iter().position(|c| c == k))
        .collect();
    assert_eq!(key_cols.len(), 2);
    let mut items: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| key_cols.iter().map(|&i| r[i].as_str()).collect())
        .collect();
    items.sort();
    items.dedup();
    assert_eq!((rows.len(), items.len()), (12, 6));
}
