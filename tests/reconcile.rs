//! Vendor reconciliation against the built-in catalogue: the examples of the issue, the catalogue's integrity,
//! user rules, spend classification, and no panics on arbitrary input.

use proptest::prelude::*;
use stackscope::reconcile::{
    normalise_vendor, Catalogue, CatalogueError, MatchHow, MatchResult, RuleError, SpendClass,
    SpendType, UserRules, CATEGORIES,
};
use std::collections::HashSet;
use std::sync::OnceLock;

fn cat() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| match Catalogue::builtin() {
        Ok(c) => c,
        Err(e) => panic!("the built-in catalogue is invalid:\n{e}"),
    })
}

fn name_of(r: &MatchResult) -> Option<&'static str> {
    r.tool_index().map(|i| cat().tools()[i].name.as_str())
}

fn matched_name(raw: &str) -> Option<&'static str> {
    name_of(&cat().match_vendor(raw))
}

#[test]
fn builtin_catalogue_is_valid_and_large() {
    let c = cat();
    assert!(c.len() >= 170, "only {} tools", c.len());
    let mut names = HashSet::new();
    for t in c.tools() {
        assert!(
            names.insert(normalise_vendor(&t.name)),
            "duplicate tool {}",
            t.name
        );
        assert!(
            CATEGORIES.contains(&t.category.as_str()),
            "{}: {}",
            t.name,
            t.category
        );
        assert!(
            !t.subcategory.is_empty() && !t.vendor.is_empty(),
            "{}",
            t.name
        );
    }
}

#[test]
fn every_name_and_alias_of_a_tool_matches_that_tool() {
    let c = cat();
    for (i, t) in c.tools().iter().enumerate() {
        for n in std::iter::once(&t.name).chain(&t.aliases) {
            match c.match_vendor(n) {
                MatchResult::Matched { tool_index, .. } => {
                    assert_eq!(
                        tool_index,
                        i,
                        "`{n}` matched `{}`, not `{}`",
                        c.tools()[tool_index].name,
                        t.name
                    )
                }
                // A flagship's alias equal to its parent's name is fine only when it resolves to the flagship.
                other => panic!("`{n}` of `{}` gave {other:?}", t.name),
            }
        }
    }
}

#[test]
fn salesforce_spellings() {
    for raw in [
        "SALESFORCE.COM INC",
        "SFDC*ANNUAL",
        "Salesforce, Inc.",
        "Salesforce.com",
        "SFDC * 123456 CA",
    ] {
        assert_eq!(matched_name(raw), Some("Salesforce"), "{raw}");
    }
}

#[test]
fn short_names_do_not_over_match() {
    assert_eq!(matched_name("Box"), Some("Box"));
    assert_eq!(matched_name("BOX.COM"), Some("Box"));
    assert_eq!(matched_name("Box, Inc."), Some("Box"));
    assert_eq!(matched_name("DROPBOX*"), Some("Dropbox"));
    assert_eq!(
        matched_name("DROPBOX*7XK2P SAN FRANCISCO CA"),
        Some("Dropbox")
    );
    assert_eq!(matched_name("XBOX LIVE"), None);
    assert_eq!(matched_name("BOX HILL CAFE"), None);
    assert_eq!(matched_name("Zoom"), Some("Zoom"));
    assert_eq!(matched_name("ZOOM.US 888-799-9666 CA"), Some("Zoom"));
    assert_eq!(matched_name("ZOOMINFO"), Some("ZoomInfo"));
    assert_eq!(matched_name("ZoomInfo Technologies LLC"), Some("ZoomInfo"));
    assert_eq!(matched_name("ZOOM CAR RENTAL"), None);
    assert_eq!(matched_name("LATER GATOR BAR"), None);
    assert_eq!(matched_name("FRONT STREET DELI"), None);
    for generic in [
        "ASANA YOGA STUDIO",
        "GUSTO PIZZA 1234",
        "SNOWFLAKE BAKERY",
        "TABLEAU RESTAURANT",
        "DRIFT SURF SHOP",
        "MONDAY MARKET",
        "LOOM FABRICS",
        "IMPACT FITNESS",
        "CONCUR HOTEL",
        "BUFFER BAR",
        "MIRO CAFE",
        // Consumer subscriptions of companies whose only catalogue tool is their ad platform.
        "SPOTIFY USA",
        "Spotify AB",
        "REDDIT",
        "TIKTOK",
        "X CORP. PAID FEATURES",
    ] {
        assert_eq!(matched_name(generic), None, "{generic}");
    }
    // Suggestions are offered but never applied.
    match cat().match_vendor("BOX HILL CAFE") {
        MatchResult::Unmatched { suggestions } => assert!(suggestions.len() <= 5),
        other => panic!("{other:?}"),
    }
}

#[test]
fn parent_companies_are_ambiguous() {
    for (raw, must_include) in [
        ("Microsoft", "Microsoft 365"),
        ("MICROSOFT CORP", "Microsoft Teams"),
        ("MSFT *E0400ABCDE", "Power BI"),
        ("Google", "Google Workspace"),
        ("Google LLC", "Google Ads"),
        ("Adobe Inc.", "Adobe Creative Cloud"),
        ("ADOBE", "Adobe Acrobat"),
        ("Atlassian Pty Ltd", "Jira"),
        ("HubSpot, Inc.", "HubSpot Marketing Hub"),
        ("HUBSPOT INC 888-482-7768 MA", "HubSpot Sales Hub"),
        ("LINKEDIN 7183543 MOUNTAIN VIEW CA", "LinkedIn Ads"),
    ] {
        match cat().match_vendor(raw) {
            MatchResult::Ambiguous { candidates } => {
                assert!(candidates.len() >= 2, "{raw}");
                let names: Vec<&str> = candidates
                    .iter()
                    .map(|&i| cat().tools()[i].name.as_str())
                    .collect();
                assert!(names.contains(&must_include), "{raw}: {names:?}");
            }
            other => panic!("{raw}: {other:?}"),
        }
    }
}

#[test]
fn google_and_adobe_descriptors() {
    let ads = cat().match_vendor("GOOGLE *ADS1234");
    assert_eq!(name_of(&ads), Some("Google Ads"));
    let t = &cat().tools()[ads.tool_index().unwrap()];
    assert_eq!(t.spend_type, SpendType::Advertising);
    assert_eq!(
        cat().classify_spend("GOOGLE *ADS1234", None, None),
        SpendClass::Advertising
    );
    assert_eq!(
        matched_name("GOOGLE *GSUITE_acme.com"),
        Some("Google Workspace")
    );
    assert_eq!(
        matched_name("GOOGLE *GSUITE_acme.com g.co/helppay# CA"),
        Some("Google Workspace")
    );
    assert_eq!(matched_name("GOOGLE*CLOUD 4D6F2A"), Some("Google Cloud"));
    assert_eq!(
        matched_name("ADOBE *CREATIVE CLD"),
        Some("Adobe Creative Cloud")
    );
    assert_eq!(
        matched_name("ADOBE *CREATIVE CLD 800-833-6687 CA"),
        Some("Adobe Creative Cloud")
    );
    assert_eq!(
        matched_name("ADOBE *ACROPRO SUBS 408-536-6000 CA"),
        Some("Adobe Acrobat")
    );
    assert_eq!(
        matched_name("SLACK T12345678 SAN FRANCISCO CA"),
        Some("Slack")
    );
    assert_eq!(matched_name("FACEBK *K2LMN8PQR2"), Some("Meta Ads"));
    assert_eq!(matched_name("PAYPAL *HOOTSUITE"), Some("Hootsuite"));
    assert_eq!(matched_name("SQSP* INV12345678"), Some("Squarespace"));
    assert_eq!(matched_name("OPENAI *CHATGPT SUBSCR"), Some("ChatGPT"));
}

#[test]
fn domains_match() {
    let r = cat().match_vendor("https://acme.slack.com/admin");
    assert!(
        matches!(
            r,
            MatchResult::Matched {
                how: MatchHow::ExactName | MatchHow::Domain,
                ..
            }
        ),
        "{r:?}"
    );
    let r = cat().match_vendor("app.hubspot.com");
    assert!(matches!(r, MatchResult::Ambiguous { .. }), "{r:?}");
    let r = cat().match_vendor("billing@figma.com");
    assert_eq!(name_of(&r), Some("Figma"));
}

#[test]
fn spend_classes() {
    let c = cat();
    assert_eq!(
        c.classify_spend("AUTOPAY PAYMENT - THANK YOU", None, None),
        SpendClass::Payment
    );
    assert_eq!(
        c.classify_spend("PAYMENT - THANK YOU", None, None),
        SpendClass::Payment
    );
    assert_eq!(
        c.classify_spend("ONLINE TRANSFER TO CHK ...1234", None, None),
        SpendClass::Transfer
    );
    assert_eq!(
        c.classify_spend("HOOTSUITE", Some("REFUND"), None),
        SpendClass::Refund
    );
    assert_eq!(
        c.classify_spend("LINKEDIN ADS 123", None, None),
        SpendClass::Advertising
    );
    assert_eq!(
        c.classify_spend("FACEBK *ABCDEF", None, None),
        SpendClass::Advertising
    );
    assert_eq!(
        c.classify_spend("TIKTOK ADS", None, None),
        SpendClass::Advertising
    );
    assert_eq!(
        c.classify_spend("SLACK T12345678", None, None),
        SpendClass::Software
    );
    assert_eq!(
        c.classify_spend("UNITED AIRLINES", None, Some("Travel")),
        SpendClass::Other
    );
    assert_eq!(
        c.classify_spend("ACME WIDGETS", None, Some("Software & Subscriptions")),
        SpendClass::Software
    );
    assert_eq!(
        c.classify_spend("ACME WIDGETS", None, None),
        SpendClass::Unknown
    );
}

const RULES: &str = "\
# My aliases
match,action,tool,category,subcategory
SALESFORCE.COM,map,HubSpot Sales Hub,,
ACME DESIGN*,map,Acme Studio,design,agency
Salesforce,rename,Salesforce CRM,,
Miro,recategorise,,collaboration,
BOX HILL CAFE,ignore,,meals,
UBER *,ignore,,travel,
";

#[test]
fn user_rules_win_over_the_catalogue() {
    let rules = UserRules::parse(RULES).unwrap();
    let c = cat().with_rules(&rules).unwrap();
    let name = |raw: &str| {
        c.match_vendor(raw)
            .tool_index()
            .map(|i| c.tools()[i].name.clone())
    };
    // The rule beats the catalogue's own name for Salesforce.
    let r = c.match_vendor("SALESFORCE.COM INC");
    assert!(
        matches!(
            r,
            MatchResult::Matched {
                how: MatchHow::UserRule,
                ..
            }
        ),
        "{r:?}"
    );
    assert_eq!(
        name("SALESFORCE.COM INC").as_deref(),
        Some("HubSpot Sales Hub")
    );
    // Renamed: the new name is shown, the old keys still match.
    assert_eq!(name("SFDC*ANNUAL").as_deref(), Some("Salesforce CRM"));
    assert_eq!(name("Salesforce CRM").as_deref(), Some("Salesforce CRM"));
    // A new tool.
    let i = c
        .match_vendor("ACME DESIGN LTD LONDON")
        .tool_index()
        .unwrap();
    assert_eq!(c.tools()[i].name, "Acme Studio");
    assert_eq!(c.tools()[i].category, "design");
    assert_eq!(name("Acme Studio").as_deref(), Some("Acme Studio"));
    // Recategorised.
    assert_eq!(
        c.tools()[c.find_tool("Miro").unwrap()].category,
        "collaboration"
    );
    // Ignored.
    assert_eq!(
        c.match_vendor("BOX HILL CAFE"),
        MatchResult::Ignored {
            rule_line: 7,
            reason: Some("meals".into())
        }
    );
    assert!(matches!(
        c.match_vendor("UBER *TRIP HELP.UBER.COM"),
        MatchResult::Ignored { rule_line: 8, .. }
    ));
    assert_eq!(
        c.classify_spend("UBER *EATS", None, None),
        SpendClass::Other
    );
    // The built-in catalogue is unchanged.
    assert_eq!(matched_name("SALESFORCE.COM INC"), Some("Salesforce"));
}

#[test]
fn rule_errors_have_lines_and_columns() {
    let text = "match,action,tool,category,subcategory\n\
                ,map,Figma,,\n\
                FOO*BAR,map,Figma,,\n\
                Slack,explode,,,\n\
                Zoom,map,,,\n\
                Miro,recategorise,,,\n\
                X,map,Y,,,extra\n\
                Zoom*,rename,Zoom Meetings,,\n";
    let errors = UserRules::parse(text).unwrap_err();
    let positions: Vec<(Option<u64>, Option<u32>)> =
        errors.iter().map(|e| (e.line(), e.column())).collect();
    assert_eq!(
        positions,
        vec![
            (Some(2), Some(1)),
            (Some(3), Some(1)),
            (Some(4), Some(2)),
            (Some(5), Some(3)),
            (Some(6), Some(4)),
            (Some(7), Some(6)),
            (Some(8), Some(1)),
        ],
        "{errors:#?}"
    );
    assert!(matches!(errors[2], RuleError::UnknownAction { .. }));
    assert_eq!(errors[0].to_string(), "line 2, column 1: `match` is blank");
    // Errors that need the catalogue.
    let rules =
        UserRules::parse("match,action,tool\nNo Such Tool,rename,X\nSlack,rename,Zoom\n").unwrap();
    let errors = cat().with_rules(&rules).unwrap_err();
    assert!(
        matches!(
            errors[0],
            RuleError::UnknownTool {
                line: 2,
                column: 1,
                ..
            }
        ),
        "{errors:?}"
    );
    assert!(
        matches!(
            errors[1],
            RuleError::NameTaken {
                line: 3,
                column: 3,
                ..
            }
        ),
        "{errors:?}"
    );
    assert_eq!(
        UserRules::parse("# only a comment\n"),
        Err(vec![RuleError::MissingHeader])
    );
    assert!(matches!(
        UserRules::parse("match,action\n\"open,map\n").unwrap_err()[0],
        RuleError::Syntax {
            line: 2,
            column: 1,
            ..
        }
    ));
}

#[test]
fn duplicate_aliases_across_tools_are_reported() {
    let header = "tool,vendor,category,subcategory,spend_type,aliases,merchant_patterns,capabilities,domains\n";
    let text = format!(
        "{header}Alpha,Alpha Inc.,data,BI,software,Shared Name|A1,ALPHA *,bi,alpha.com\n\
         Beta,Beta Inc.,data,BI,software,shared-name,ALPHA *,bi,beta.com\n\
         Gamma,Gamma Inc.,data,BI,advert,,,Not A Slug,https://gamma.com\n\
         Gamma,Gamma Inc.,nonsense,BI,software,,BAD*PATTERN,,\n"
    );
    let errors = Catalogue::parse(&text, "").unwrap_err().0;
    let has = |f: &dyn Fn(&CatalogueError) -> bool| errors.iter().any(f);
    assert!(
        has(&|e| matches!(e, CatalogueError::BadSpendType { line: 4, .. })),
        "{errors:#?}"
    );
    assert!(has(&|e| matches!(
        e,
        CatalogueError::BadCapability { line: 4, .. }
    )));
    assert!(has(&|e| matches!(
        e,
        CatalogueError::BadDomain { line: 4, .. }
    )));
    assert!(has(&|e| matches!(
        e,
        CatalogueError::BadCategory { line: 5, .. }
    )));
    assert!(has(&|e| matches!(
        e,
        CatalogueError::DuplicateTool {
            line: 5,
            first_line: 4,
            ..
        }
    )));
    let text = format!(
        "{header}Alpha,Alpha Inc.,data,BI,software,Shared Name|A1,ALPHA *,bi,alpha.com\n\
         Beta,Beta Inc.,data,BI,software,shared-name,ALPHA *,bi,beta.com\n"
    );
    let errors = Catalogue::parse(&text, "").unwrap_err().0;
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, CatalogueError::DuplicateKey { key, .. } if key == "shared name")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, CatalogueError::DuplicateKey { key, .. } if key == "alpha*")),
        "{errors:#?}"
    );
    // A broken vendors file.
    assert!(Catalogue::parse(
        &format!("{header}A,A Inc.,data,BI,software,,,,\n"),
        "vendor,aliases\nNobody,X\n"
    )
    .is_err());
    // A parent-company name claimed as an alias by one of two tools of another vendor.
    let text = format!(
        "{header}One,Mega Corp,data,BI,software,,,,\nTwo,Mega Corp,data,BI,software,,,,\nThree,Tiny Inc.,data,BI,software,Mega,,,\n"
    );
    let errors = Catalogue::parse(&text, "").unwrap_err().0;
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, CatalogueError::AliasIsParent { .. })),
        "{errors:#?}"
    );
}

#[test]
fn the_documented_example_is_valid() {
    let doc = include_str!("../docs/aliases.md");
    let start = doc.find("```csv\n").expect("an example block") + "```csv\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let rules = UserRules::parse(example).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(rules.rules.len(), 7);
    let c = cat().with_rules(&rules).unwrap_or_else(|e| panic!("{e:?}"));
    let name = |raw: &str| {
        c.match_vendor(raw)
            .tool_index()
            .map(|i| c.tools()[i].name.clone())
    };
    assert_eq!(name("Google").as_deref(), Some("Google Workspace"));
    assert_eq!(name("SOFTCAT PLC").as_deref(), Some("Microsoft 365"));
    assert_eq!(name("SFDC*ANNUAL").as_deref(), Some("Sales Cloud CRM"));
    assert_eq!(name("ACME DESIGN 4411").as_deref(), Some("Acme Studio"));
    assert!(matches!(
        c.match_vendor("UBER *EATS"),
        MatchResult::Ignored { .. }
    ));
}

#[test]
fn a_malformed_catalogue_is_an_error_not_a_panic() {
    let header = "tool,vendor,category,subcategory,spend_type,aliases,merchant_patterns,capabilities,domains\n";
    let errors = Catalogue::parse(&format!("{header}A,\"Open Inc,data,BI,software,,,,\n"), "")
        .unwrap_err()
        .0;
    assert!(
        matches!(
            errors[0],
            CatalogueError::Syntax {
                line: 2,
                column: 2,
                ..
            }
        ),
        "{errors:?}"
    );
    let errors = Catalogue::parse("tool,vendor\nA,B\n", "").unwrap_err().0;
    assert!(matches!(errors[0], CatalogueError::BadHeader { .. }));
    let errors = Catalogue::parse(&format!("{header}A,B,data\n"), "")
        .unwrap_err()
        .0;
    assert!(matches!(
        errors[0],
        CatalogueError::FieldCount {
            line: 2,
            expected: 9,
            found: 3
        }
    ));
    let errors = Catalogue::parse(&format!("{header}A,,data,BI,software,,,,\n"), "")
        .unwrap_err()
        .0;
    assert!(matches!(
        errors[0],
        CatalogueError::EmptyField { line: 2, column: 2 }
    ));
    assert!(Catalogue::parse("", "").is_err());
}

#[test]
fn people_helpers_are_exported() {
    use stackscope::reconcile::{
        email_local_part, is_service_account, normalise_email, normalise_person_name,
    };
    assert_eq!(
        normalise_email("mailto:Ana@Acme.io").as_deref(),
        Some("ana@acme.io")
    );
    assert_eq!(email_local_part("Ana+x@acme.io").as_deref(), Some("ana"));
    assert!(is_service_account("no-reply@acme.io"));
    assert!(!is_service_account("albert@acme.io"));
    assert_eq!(normalise_person_name("García, Ana"), "ana garcia");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,60}") {
        let n = normalise_vendor(&s);
        prop_assert_eq!(normalise_vendor(&n), n.clone(), "normalisation is idempotent on its output");
        let _ = cat().match_vendor(&s);
        let _ = cat().classify_spend(&s, Some(&s), Some(&s));
        let _ = UserRules::parse(&s);
    }

    #[test]
    fn never_panics_on_descriptor_like_text(s in "[A-Za-z0-9 *#.,&'/_()+-]{0,40}") {
        let _ = cat().match_vendor(&s);
        let _ = stackscope::reconcile::is_service_account(&s);
        let _ = stackscope::reconcile::normalise_person_name(&s);
        let _ = stackscope::reconcile::normalise_email(&s);
    }
}
