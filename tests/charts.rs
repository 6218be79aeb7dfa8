//! Golden tests for the charts (resvg style): every case renders every chart and compares it with
//! `tests/charts/<case>/<chart>.svg`. `STACKSCOPE_BLESS=1 cargo test --test charts` (re)writes them.
//! Plus: well-formed XML, escaping of hostile names, determinism, "never panics", wasm-safety.

use stackscope::charts::*;
use std::path::{Path, PathBuf};

pub(crate) type Rendered = Vec<(&'static str, String)>;

struct Data {
    spend: Vec<SpendBar>,
    util: Vec<UtilisationBar>,
    monthly: Vec<MonthlySpend>,
    overlap: OverlapMatrix,
    cost: Vec<CostPoint>,
    renewals: Vec<RenewalItem>,
    as_of: String,
    roi: Vec<RoiItem>,
}

fn render_all(d: &Data, o: &ChartOptions) -> Rendered {
    vec![
        ("spend_by_tool", spend_by_tool(&d.spend, o)),
        ("spend_by_category", spend_by_category(&d.spend, o)),
        ("seat_utilisation", seat_utilisation(&d.util, o)),
        ("spend_over_time", spend_over_time(&d.monthly, o)),
        ("overlap_matrix", overlap_matrix(&d.overlap, o)),
        ("cost_vs_utilisation", cost_vs_utilisation(&d.cost, o)),
        (
            "renewal_timeline",
            renewal_timeline(&d.renewals, &d.as_of, o),
        ),
        ("roi", roi(&d.roi, o)),
    ]
}

/// (name, category, annual cost, seats, active, inactive, never active, unassigned, orphaned, util known)
type Tool = (
    &'static str,
    &'static str,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
    bool,
);

const DEMO: [Tool; 15] = [
    (
        "Salesforce Sales Cloud",
        "CRM",
        312_000.0,
        260.0,
        181.0,
        31.0,
        12.0,
        28.0,
        8.0,
        true,
    ),
    (
        "HubSpot Marketing Hub",
        "Marketing automation",
        96_000.0,
        40.0,
        22.0,
        9.0,
        4.0,
        5.0,
        0.0,
        true,
    ),
    (
        "Marketo Engage",
        "Marketing automation",
        84_500.0,
        25.0,
        6.0,
        7.0,
        8.0,
        4.0,
        2.0,
        true,
    ),
    (
        "Slack",
        "Collaboration",
        74_400.0,
        620.0,
        548.0,
        30.0,
        12.0,
        22.0,
        8.0,
        true,
    ),
    (
        "Microsoft Teams",
        "Collaboration",
        41_000.0,
        600.0,
        140.0,
        210.0,
        190.0,
        40.0,
        20.0,
        true,
    ),
    (
        "Zoom", "Video", 28_800.0, 300.0, 170.0, 60.0, 35.0, 30.0, 5.0, true,
    ),
    (
        "Google Workspace",
        "Productivity",
        86_400.0,
        600.0,
        571.0,
        12.0,
        2.0,
        10.0,
        5.0,
        true,
    ),
    (
        "Notion",
        "Productivity",
        19_200.0,
        160.0,
        72.0,
        40.0,
        30.0,
        14.0,
        4.0,
        true,
    ),
    (
        "Confluence",
        "Productivity",
        22_000.0,
        220.0,
        118.0,
        50.0,
        25.0,
        20.0,
        7.0,
        true,
    ),
    (
        "Jira Software",
        "Engineering",
        38_500.0,
        210.0,
        188.0,
        10.0,
        4.0,
        6.0,
        2.0,
        true,
    ),
    (
        "GitHub Enterprise",
        "Engineering",
        52_800.0,
        200.0,
        182.0,
        8.0,
        3.0,
        5.0,
        2.0,
        true,
    ),
    (
        "Figma", "Design", 27_000.0, 60.0, 38.0, 10.0, 5.0, 6.0, 1.0, true,
    ),
    (
        "Canva for Teams",
        "Design",
        6_000.0,
        50.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        false,
    ),
    (
        "Gong", "Sales", 64_000.0, 45.0, 0.0, 0.0, 0.0, 0.0, 0.0, false,
    ),
    (
        "DocuSign", "Sales", 18_900.0, 35.0, 24.0, 4.0, 3.0, 3.0, 1.0, true,
    ),
];

fn demo() -> Data {
    let spend = DEMO
        .iter()
        .map(|t| SpendBar {
            label: t.0.to_string(),
            category: Some(t.1.to_string()),
            amount: t.2,
        })
        .collect();
    let util = DEMO
        .iter()
        .map(|t| {
            if t.9 {
                UtilisationBar {
                    tool: t.0.to_string(),
                    seats: Some(t.3),
                    active: Some(t.4),
                    inactive: Some(t.5),
                    never_active: Some(t.6),
                    unassigned: Some(t.7),
                    orphaned: Some(t.8),
                    seat_utilisation: Some(t.4 / t.3),
                }
            } else {
                UtilisationBar {
                    tool: t.0.to_string(),
                    seats: Some(t.3),
                    ..Default::default()
                }
            }
        })
        .collect();
    // Monthly spend by category over 14 months with a price rise and a new tool.
    let cats = [
        "CRM",
        "Marketing automation",
        "Collaboration",
        "Productivity",
        "Engineering",
        "Design",
        "Sales",
        "Video",
    ];
    let monthly = (0..14)
        .map(|i| {
            let month = format!("{}-{:02}", 2025 + (i + 9) / 12, (i + 9) % 12 + 1);
            let series = cats
                .iter()
                .map(|c| {
                    let annual: f64 = DEMO.iter().filter(|t| t.1 == *c).map(|t| t.2).sum();
                    let growth = 1.0 + 0.012 * i as f64;
                    let bump = if *c == "Sales" && i < 5 { 0.55 } else { 1.0 };
                    (c.to_string(), (annual / 12.0 * growth * bump).round())
                })
                .collect();
            MonthlySpend { month, series }
        })
        .collect();
    let mut order: Vec<&Tool> = DEMO.iter().collect();
    order.sort_by(|a, b| a.1.cmp(b.1));
    let tools: Vec<String> = DEMO.iter().map(|t| t.0.to_string()).collect();
    let categories: Vec<String> = DEMO.iter().map(|t| t.1.to_string()).collect();
    let values = DEMO
        .iter()
        .enumerate()
        .map(|(i, a)| {
            DEMO.iter()
                .enumerate()
                .map(|(j, b)| {
                    if i == j {
                        1.0
                    } else if a.1 == b.1 {
                        0.35 + 0.05 * ((i * 7 + j * 7) % 9) as f64
                    } else {
                        0.02 * ((i * 3 + j * 3) % 8) as f64
                    }
                })
                .collect()
        })
        .collect();
    let overlap = OverlapMatrix {
        tools,
        categories,
        values,
        measure: OverlapMeasure::Jaccard,
    };
    let cost = DEMO
        .iter()
        .map(|t| CostPoint {
            tool: t.0.to_string(),
            seat_utilisation: if t.9 { Some(t.4 / t.3) } else { None },
            annual_cost: t.2,
            seats: t.3,
        })
        .collect();
    let dates = [
        "2027-01-31",
        "2027-03-15",
        "2026-12-01",
        "2027-06-30",
        "2027-09-01",
        "2027-02-14",
        "2027-10-01",
        "2027-04-20",
        "2027-05-05",
        "2027-08-12",
        "2027-07-01",
        "2026-12-20",
        "2028-01-10",
        "2027-11-15",
        "2026-11-30",
    ];
    let renewals = DEMO
        .iter()
        .zip(dates)
        .enumerate()
        .map(|(i, (t, d))| RenewalItem {
            tool: t.0.to_string(),
            renewal_date: d.to_string(),
            cancel_by: if i % 4 == 3 {
                None
            } else {
                // 30, 60 or 90 days' notice, computed roughly by month.
                let (y, m): (i32, i32) = (d[0..4].parse().unwrap(), d[5..7].parse().unwrap());
                let back = (i % 3) as i32 + 1;
                let idx = y * 12 + m - 1 - back;
                Some(format!(
                    "{}-{:02}-{}",
                    idx / 12,
                    idx % 12 + 1,
                    &d[8..10].replace("31", "28").replace("30", "28")
                ))
            },
            auto_renew: match i % 3 {
                0 => Some(true),
                1 => Some(false),
                _ => None,
            },
            annual_cost: Some(t.2),
        })
        .collect();
    let roi = DEMO
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let value = t.2 * (0.4 + 0.23 * ((i * 5) % 11) as f64);
            RoiItem {
                tool: t.0.to_string(),
                roi: (value - t.2) / t.2,
                value,
                tco: t.2,
            }
        })
        .collect();
    let _ = order;
    Data {
        spend,
        util,
        monthly,
        overlap,
        cost,
        renewals,
        as_of: "2026-11-22".to_string(),
        roi,
    }
}

fn empty() -> Data {
    Data {
        spend: vec![],
        util: vec![],
        monthly: vec![],
        overlap: OverlapMatrix {
            tools: vec![],
            categories: vec![],
            values: vec![],
            measure: OverlapMeasure::SharedUsers,
        },
        cost: vec![],
        renewals: vec![],
        as_of: "2026-11-22".to_string(),
        roi: vec![],
    }
}

/// Keeps only the tools whose index satisfies `keep` (the demo's shape, fewer tools).
fn subset(d: Data, keep: impl Fn(usize) -> bool) -> Data {
    let pick = |n: usize| (0..n).filter(|i| keep(*i)).collect::<Vec<_>>();
    let idx = pick(d.overlap.tools.len());
    Data {
        spend: d
            .spend
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|x| x.1)
            .collect(),
        util: d
            .util
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|x| x.1)
            .collect(),
        monthly: d
            .monthly
            .into_iter()
            .map(|m| MonthlySpend {
                month: m.month,
                series: m.series.into_iter().take(1).collect(),
            })
            .collect(),
        overlap: OverlapMatrix {
            tools: idx.iter().map(|i| d.overlap.tools[*i].clone()).collect(),
            categories: idx
                .iter()
                .map(|i| d.overlap.categories[*i].clone())
                .collect(),
            values: idx
                .iter()
                .map(|i| idx.iter().map(|j| d.overlap.values[*i][*j]).collect())
                .collect(),
            measure: d.overlap.measure,
        },
        cost: d
            .cost
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|x| x.1)
            .collect(),
        renewals: d
            .renewals
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|x| x.1)
            .collect(),
        as_of: d.as_of,
        roi: d
            .roi
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|x| x.1)
            .collect(),
    }
}

/// A deterministic pseudo-random sequence (no `rand` dependency, same on every platform).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn many(n: usize) -> Data {
    let mut r = Lcg(42);
    let cats = [
        "CRM",
        "Marketing",
        "Collaboration",
        "Productivity",
        "Engineering",
        "Design",
        "Sales",
        "HR",
        "Finance",
        "Security",
    ];
    let names: Vec<String> = (0..n)
        .map(|i| {
            if i % 17 == 0 {
                format!("Extremely Long Enterprise Product Name Suite Edition Number {i}")
            } else {
                format!("Tool {i:03}")
            }
        })
        .collect();
    let mut d = empty();
    for (i, name) in names.iter().enumerate() {
        let cost = (r.next().powi(3) * 400_000.0 + 500.0).round();
        let seats = (r.next() * 800.0 + 5.0).round();
        let active = (seats * r.next()).round();
        let known = i % 9 != 0;
        d.spend.push(SpendBar {
            label: name.clone(),
            category: Some(cats[i % cats.len()].to_string()),
            amount: cost,
        });
        d.util.push(UtilisationBar {
            tool: name.clone(),
            seats: Some(seats),
            active: known.then_some(active),
            inactive: known.then_some(((seats - active) * 0.5).round()),
            never_active: known.then_some(((seats - active) * 0.3).round()),
            unassigned: known.then_some(((seats - active) * 0.2).round()),
            orphaned: None,
            seat_utilisation: known.then_some(active / seats),
        });
        d.cost.push(CostPoint {
            tool: name.clone(),
            seat_utilisation: known.then_some(active / seats),
            annual_cost: cost,
            seats,
        });
        let day = (r.next() * 420.0) as i32;
        let date = add_days("2026-11-22", day);
        d.renewals.push(RenewalItem {
            tool: name.clone(),
            renewal_date: date.clone(),
            cancel_by: (i % 2 == 0).then(|| add_days("2026-11-22", (day - 45).max(0))),
            auto_renew: Some(i % 3 == 0),
            annual_cost: Some(cost),
        });
        let value = cost * r.next() * 3.0;
        d.roi.push(RoiItem {
            tool: name.clone(),
            roi: (value - cost) / cost,
            value,
            tco: cost,
        });
    }
    d.monthly = (0..24)
        .map(|m| MonthlySpend {
            month: format!("{}-{:02}", 2025 + m / 12, m % 12 + 1),
            series: names
                .iter()
                .map(|t| (t.clone(), (r.next() * 5000.0).round()))
                .collect(),
        })
        .collect();
    d.overlap = OverlapMatrix {
        tools: names.clone(),
        categories: (0..n).map(|i| cats[i % cats.len()].to_string()).collect(),
        values: (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| {
                        if i == j {
                            100.0
                        } else {
                            (r.next() * 60.0).round()
                        }
                    })
                    .collect()
            })
            .collect(),
        measure: OverlapMeasure::SharedUsers,
    };
    d
}

fn add_days(iso: &str, days: i32) -> String {
    let (mut y, mut m, mut dd): (i32, u32, u32) = (
        iso[0..4].parse().unwrap(),
        iso[5..7].parse().unwrap(),
        iso[8..10].parse().unwrap(),
    );
    for _ in 0..days {
        let dim = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if y % 4 == 0 => 29,
            _ => 28,
        };
        dd += 1;
        if dd > dim {
            dd = 1;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
    }
    format!("{y:04}-{m:02}-{dd:02}")
}

const HOSTILE: [&str; 6] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "Tom & Jerry's <b>Tools</b>",
    "]]><!-- --><![CDATA[",
    "\u{0}\u{1b}[31mred\u{7}",
    "",
];

fn hostile() -> Data {
    let mut d = subset(demo(), |i| i < HOSTILE.len());
    let name = |i: usize| HOSTILE[i % HOSTILE.len()].to_string();
    for (i, s) in d.spend.iter_mut().enumerate() {
        s.label = name(i);
        s.category = Some(name(i + 1));
    }
    for (i, s) in d.util.iter_mut().enumerate() {
        s.tool = name(i);
    }
    for m in d.monthly.iter_mut() {
        m.series = (0..HOSTILE.len())
            .map(|i| (name(i), 1000.0 + i as f64))
            .collect();
    }
    d.overlap.tools = (0..d.overlap.tools.len()).map(name).collect();
    d.overlap.categories = (0..d.overlap.tools.len()).map(|i| name(i + 2)).collect();
    for (i, s) in d.cost.iter_mut().enumerate() {
        s.tool = name(i);
    }
    for (i, s) in d.renewals.iter_mut().enumerate() {
        s.tool = name(i);
    }
    for (i, s) in d.roi.iter_mut().enumerate() {
        s.tool = name(i);
    }
    d
}

fn no_usage(d: Data) -> Data {
    let mut d = d;
    for u in d.util.iter_mut() {
        *u = UtilisationBar {
            tool: u.tool.clone(),
            seats: u.seats,
            ..Default::default()
        };
    }
    for c in d.cost.iter_mut() {
        c.seat_utilisation = None;
    }
    d
}

pub(crate) fn cases() -> Vec<(&'static str, Rendered)> {
    let o = ChartOptions::default();
    let dark = ChartOptions {
        theme: Theme::Dark,
        accent: Some("#E69F00".to_string()),
        currency: "EUR".to_string(),
        top_n: 10,
        ..ChartOptions::default()
    };
    vec![
        ("demo", render_all(&demo(), &o)),
        ("empty", render_all(&empty(), &o)),
        ("one_tool", render_all(&subset(demo(), |i| i == 0), &o)),
        (
            "many_tools_300",
            render_all(
                &many(300),
                &ChartOptions {
                    top_n: 300,
                    ..ChartOptions::default()
                },
            ),
        ),
        ("no_usage_data", render_all(&no_usage(demo()), &o)),
        ("hostile_names", render_all(&hostile(), &o)),
        ("dark_accent", render_all(&demo(), &dark)),
    ]
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("charts")
}

/// Element ids end in a hash of the whole document (`stackscope-<chart>-<12 hex>-title`), so any change
/// changes them: the diff ignores that hash to point at the real difference.
fn normalise_ids(line: &str) -> String {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < b.len() {
        let run = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            .count();
        if run == 12 && i > 0 && b[i - 1] == b'-' && b.get(i + 12) == Some(&b'-') {
            out.push_str("<id>");
            i += 12;
        } else {
            let ch = line[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// A readable line diff: the first differing lines (ignoring the id hash) with a little context.
fn line_diff(expected: &str, actual: &str) -> String {
    let e: Vec<String> = expected.lines().map(normalise_ids).collect();
    let a: Vec<String> = actual.lines().map(normalise_ids).collect();
    let first = e
        .iter()
        .zip(a.iter())
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let mut out = format!(
        "  expected {} lines, got {}; first difference at line {}\n",
        e.len(),
        a.len(),
        first + 1
    );
    let from = first.saturating_sub(2);
    for i in from..(first + 6) {
        match (e.get(i), a.get(i)) {
            (Some(x), Some(y)) if x == y => out.push_str(&format!("    {:>5}   {}\n", i + 1, x)),
            (x, y) => {
                if let Some(x) = x {
                    out.push_str(&format!("  - {:>5}   {}\n", i + 1, x));
                }
                if let Some(y) = y {
                    out.push_str(&format!("  + {:>5}   {}\n", i + 1, y));
                }
            }
        }
    }
    out
}

#[test]
fn golden_svgs() {
    let bless = std::env::var("STACKSCOPE_BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for (case, charts) in cases() {
        let dir = golden_dir().join(case);
        for (chart, svg) in charts {
            let path = dir.join(format!("{chart}.svg"));
            if bless {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &svg).unwrap();
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(expected) if expected == svg => {}
                Ok(expected) => failures.push(format!(
                    "{} differs from the rendering:\n{}",
                    path.display(),
                    line_diff(&expected, &svg)
                )),
                Err(e) => failures.push(format!(
                    "{}: {e} (run with STACKSCOPE_BLESS=1)",
                    path.display()
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ (re-bless with STACKSCOPE_BLESS=1 cargo test --test charts if intended):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every chart of every case is well-formed XML with the accessible root, a title and a desc.
#[test]
fn every_chart_is_well_formed_and_accessible() {
    for (case, charts) in cases() {
        for (chart, svg) in charts {
            let doc = roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("{case}/{chart}: not well-formed XML: {e}"));
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg", "{case}/{chart}");
            assert_eq!(root.attribute("role"), Some("img"), "{case}/{chart}");
            assert_eq!(
                root.attribute("font-family"),
                Some("Open Sans"),
                "{case}/{chart}"
            );
            let ids: Vec<&str> = root
                .attribute("aria-labelledby")
                .unwrap()
                .split(' ')
                .collect();
            let first = root.children().find(|n| n.is_element()).unwrap();
            assert_eq!(first.tag_name().name(), "title", "{case}/{chart}");
            assert_eq!(first.attribute("id"), Some(ids[0]));
            let desc = first.next_sibling_element().unwrap();
            assert_eq!(desc.tag_name().name(), "desc", "{case}/{chart}");
            assert_eq!(desc.attribute("id"), Some(ids[1]));
            assert!(
                !desc.text().unwrap_or("").is_empty(),
                "{case}/{chart}: empty desc"
            );
            // Every drawn text has a font size and lies inside the canvas horizontally (roughly).
            let w: f64 = root.attribute("width").unwrap().parse().unwrap();
            for t in root.descendants().filter(|n| n.has_tag_name("text")) {
                let x: f64 = t.attribute("x").unwrap().parse().unwrap();
                assert!((0.0..=w).contains(&x), "{case}/{chart}: text at x={x}");
            }
            let no_data = desc.text().unwrap_or("").contains(": no data.");
            if case != "empty" && !no_data {
                assert!(
                    root.descendants()
                        .any(|n| n.has_tag_name("title") && n.parent() != Some(root)),
                    "{case}/{chart}: no mark carries a <title>"
                );
            }
        }
    }
}

#[test]
fn hostile_names_render_as_text() {
    let (_, charts) = cases()
        .into_iter()
        .find(|c| c.0 == "hostile_names")
        .unwrap();
    for (chart, svg) in charts {
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{chart}: {e}"));
        for n in doc.descendants().filter(|n| n.is_element()) {
            let name = n.tag_name().name();
            assert!(
                !["script", "img", "b", "foreignObject", "iframe"].contains(&name),
                "{chart}: <{name}> element"
            );
            for a in n.attributes() {
                assert!(
                    !a.name().to_ascii_lowercase().starts_with("on"),
                    "{chart}: attribute {}",
                    a.name()
                );
                assert!(!a.value().contains("javascript:"), "{chart}");
            }
        }
        assert!(!svg.contains("<script"), "{chart}");
        assert!(!svg.contains("<img"), "{chart}");
        assert!(
            !svg.contains('\u{0}') && !svg.contains('\u{1b}'),
            "{chart}: control characters"
        );
        // The hostile names are there, as text.
        let all_text: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .map(|n| n.text().unwrap_or(""))
            .collect();
        let hostile_seen = ["<script>", "onerror=alert(1)>"]
            .iter()
            .any(|h| all_text.contains(h));
        assert!(hostile_seen, "{chart}: hostile names should appear as text");
    }
}

#[test]
fn rendering_is_deterministic() {
    let a = cases();
    let b = cases();
    for ((case, ca), (_, cb)) in a.iter().zip(b.iter()) {
        for ((chart, x), (_, y)) in ca.iter().zip(cb.iter()) {
            assert_eq!(x, y, "{case}/{chart}");
        }
    }
}

/// plotters 0.3.7 measures text through the DOM on wasm32 unless the backend answers. Indirect checks:
/// the backend's own measurement is used, and the chart code never calls plotters APIs that measure
/// without asking the backend (multi-line text, series legends, `box_size`/`layout_box`).
#[test]
fn text_measurement_never_reaches_plotters_fonts() {
    use plotters::prelude::*;
    use stackscope::charts::backend::{text_queries, MeasuredSvg, PLOTTERS_FONT_SCALE};
    let mut buf = String::new();
    {
        let root = MeasuredSvg::with_string(&mut buf, (100, 100)).into_drawing_area();
        let before = text_queries();
        let style = TextStyle::from(("Open Sans", 12.0 * PLOTTERS_FONT_SCALE).into_font());
        let (w, _) = root.estimate_text_size("Salesforce", &style).unwrap();
        assert_eq!(text_queries(), before + 1);
        let expected = stackscope::charts::text::text_width("Salesforce", 12.0).ceil() as u32;
        assert_eq!(w, expected);
    }
    let forbidden = [
        "MultiLineText",
        "configure_series_labels",
        ".legend(",
        "box_size",
        "layout_box",
        "register_font",
        ".caption(",
        ".titled(",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("charts");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        // Code only: comments may name the APIs to explain why they are avoided.
        let src: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for f in forbidden {
            assert!(
                !src.contains(f),
                "{} uses {f}, which measures text without the backend",
                path.display()
            );
        }
    }
}

/// Renders every chart for 300 tools (timings are in docs/charts.md; no timed assertion here).
#[test]
fn renders_300_tools() {
    let d = many(300);
    let o = ChartOptions {
        top_n: 300,
        ..ChartOptions::default()
    };
    for (chart, svg) in render_all(&d, &o) {
        assert!(svg.len() > 1000, "{chart}");
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{chart}: {e}"));
    }
    // The smallest canvas with 300 tools and with the demo: cramped, but drawn.
    let tiny = ChartOptions {
        width: 1,
        height: 1,
        top_n: 300,
        ..ChartOptions::default()
    };
    for data in [d, demo()] {
        for (chart, svg) in render_all(&data, &tiny) {
            roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("tiny {chart}: {e}"));
            assert!(!svg.contains("could not be drawn"), "tiny {chart}");
        }
    }
}

/// Hostile numbers and strings: no panic, always a well-formed document.
#[test]
fn hostile_models_never_panic() {
    let nums = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        0.0,
        1e300,
        -1e300,
        f64::MIN_POSITIVE,
        5e-324,
        1.0,
    ];
    let strs = [
        "",
        " ",
        "\u{0}",
        "x",
        "2026-13-45",
        "9999-12-31",
        "0000-00-00",
        "2026-02-29",
        "💥💥💥",
        "a\u{301}",
    ];
    let mut r = Lcg(7);
    for round in 0..60 {
        let mut pick = |n: usize| (r.next() * n as f64) as usize;
        let mut d = empty();
        let k = pick(6);
        for i in 0..k {
            let v = nums[pick(nums.len())];
            let s = strs[pick(strs.len())].to_string();
            let opt = |x: usize| {
                if x.is_multiple_of(3) {
                    None
                } else {
                    Some(nums[x % nums.len()])
                }
            };
            d.spend.push(SpendBar {
                label: s.clone(),
                category: (i % 2 == 0).then(|| s.clone()),
                amount: v,
            });
            d.util.push(UtilisationBar {
                tool: s.clone(),
                seats: opt(pick(30)),
                active: opt(pick(30)),
                inactive: opt(pick(30)),
                never_active: opt(pick(30)),
                unassigned: opt(pick(30)),
                orphaned: opt(pick(30)),
                seat_utilisation: opt(pick(30)),
            });
            d.monthly.push(MonthlySpend {
                month: strs[pick(strs.len())].chars().take(7).collect::<String>()
                    + if i % 2 == 0 { "" } else { "2026-0" },
                series: vec![(s.clone(), v), (String::new(), nums[pick(nums.len())])],
            });
            d.cost.push(CostPoint {
                tool: s.clone(),
                seat_utilisation: opt(pick(30)),
                annual_cost: v,
                seats: nums[pick(nums.len())],
            });
            d.renewals.push(RenewalItem {
                tool: s.clone(),
                renewal_date: strs[pick(strs.len())].to_string(),
                cancel_by: Some(strs[pick(strs.len())].to_string()),
                auto_renew: Some(i % 2 == 0),
                annual_cost: opt(pick(30)),
            });
            d.roi.push(RoiItem {
                tool: s.clone(),
                roi: v,
                value: nums[pick(nums.len())],
                tco: nums[pick(nums.len())],
            });
            d.overlap.tools.push(s);
        }
        // Ragged, mismatched overlap matrices.
        d.overlap.values = (0..pick(k + 2))
            .map(|_| (0..pick(k + 2)).map(|_| nums[pick(nums.len())]).collect())
            .collect();
        d.overlap.categories = (0..pick(k + 1))
            .map(|_| strs[pick(strs.len())].to_string())
            .collect();
        d.as_of = strs[pick(strs.len())].to_string();
        if round % 2 == 0 {
            d.as_of = "2026-11-22".to_string();
            for (j, item) in d.renewals.iter_mut().enumerate() {
                item.renewal_date = add_days("2026-11-22", (j * 97) as i32 % 500);
            }
        }
        let o = ChartOptions {
            width: [0, 1, 240, 900, u32::MAX][pick(5)],
            height: [0, 1, 180, 560, u32::MAX / 2][pick(5)],
            theme: if round % 2 == 0 {
                Theme::Light
            } else {
                Theme::Dark
            },
            accent: [
                None,
                Some("#zzzzzz".to_string()),
                Some("#123456".to_string()),
                Some(String::new()),
            ][pick(4)]
            .clone(),
            currency: ["", "usd", "€€€", "JPY", "<x>"][pick(5)].to_string(),
            top_n: [0, 1, 2, 1000, usize::MAX][pick(5)],
        };
        for (chart, svg) in render_all(&d, &o) {
            roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("round {round} {chart}: {e}"));
            assert!(
                !svg.contains("NaN") && !svg.contains("=\"inf") && !svg.contains("=\"-inf"),
                "round {round} {chart}"
            );
        }
    }
}

/// Prints render times for 300 tools: `cargo test --release --test charts -- --ignored --nocapture`.
/// Informational only (no timed assertion); results are recorded in docs/charts.md.
#[test]
#[ignore]
fn print_render_times_300_tools() {
    let d = many(300);
    for top_n in [15, 300] {
        let o = ChartOptions {
            top_n,
            ..ChartOptions::default()
        };
        let charts = render_all(&d, &o);
        let names: Vec<&str> = charts.iter().map(|c| c.0).collect();
        for (k, name) in names.iter().enumerate() {
            let runs = 20;
            let start = std::time::Instant::now();
            let mut bytes = 0;
            for _ in 0..runs {
                bytes = render_all_one(&d, &o, k).len();
            }
            let per = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;
            println!("top_n={top_n:>3} {name:<20} {per:>7.2} ms  {bytes:>8} bytes");
        }
    }
}

fn render_all_one(d: &Data, o: &ChartOptions, k: usize) -> String {
    match k {
        0 => spend_by_tool(&d.spend, o),
        1 => spend_by_category(&d.spend, o),
        2 => seat_utilisation(&d.util, o),
        3 => spend_over_time(&d.monthly, o),
        4 => overlap_matrix(&d.overlap, o),
        5 => cost_vs_utilisation(&d.cost, o),
        6 => renewal_timeline(&d.renewals, &d.as_of, o),
        _ => roi(&d.roi, o),
    }
}

/// No two horizontal texts of any golden chart overlap (boxes from the embedded font's metrics; rotated
/// texts are skipped).
#[test]
fn texts_never_overlap() {
    use stackscope::charts::text::text_width;
    let mut problems = Vec::new();
    let mut measured = 0;
    let mut all = cases();
    // Small and wide canvases too (not golden files).
    for (name, w, h) in [("small_360x260", 360, 260), ("wide_1600x400", 1600, 400)] {
        let o = ChartOptions {
            width: w,
            height: h,
            ..ChartOptions::default()
        };
        all.push((name, render_all(&demo(), &o)));
    }
    for (case, charts) in all {
        for (chart, svg) in charts {
            if let Ok(dir) = std::env::var("STACKSCOPE_DUMP_SMALL") {
                let _ = std::fs::write(format!("{dir}/{case}-{chart}.svg"), &svg);
            }
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let mut boxes: Vec<(f64, f64, f64, f64, String)> = Vec::new();
            for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
                if t.attribute("transform").is_some() {
                    continue;
                }
                let content = t.text().unwrap_or("").trim().to_string();
                if content.is_empty() {
                    continue;
                }
                let num = |a: &str| {
                    t.attribute(a)
                        .and_then(|v| v.parse::<f64>().ok())
                        .unwrap_or(0.0)
                };
                let (x, y, size) = (num("x"), num("y"), num("font-size"));
                let w = text_width(&content, size);
                let x0 = match t.attribute("text-anchor") {
                    Some("middle") => x - w / 2.0,
                    Some("end") => x - w,
                    _ => x,
                };
                let baseline = match t.attribute("dy") {
                    Some("0.76em") => y + 0.76 * size,
                    Some("0.5ex") => y + 0.27 * size,
                    Some("-0.5ex") => y - 0.27 * size,
                    _ => y,
                };
                boxes.push((
                    x0 + 0.5,
                    baseline - 0.72 * size + 0.5,
                    x0 + w - 0.5,
                    baseline + 0.2 * size - 0.5,
                    content,
                ));
            }
            measured += boxes.len();
            for i in 0..boxes.len() {
                for j in i + 1..boxes.len() {
                    let (a, b) = (&boxes[i], &boxes[j]);
                    if a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3 {
                        problems.push(format!("{case}/{chart}: {:?} overlaps {:?}", a.4, b.4));
                    }
                }
            }
        }
    }
    assert!(measured > 1000, "only {measured} texts measured");
    assert!(
        problems.is_empty(),
        "{} overlaps:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[cfg(test)]
mod prop {
    use super::*;
    use proptest::prelude::*;

    fn any_f64() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-0.0),
            -1e6..1e9f64,
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Arbitrary names and numbers never panic and always give well-formed XML.
        #[test]
        fn arbitrary_models_render(
            names in proptest::collection::vec(".{0,40}", 0..12),
            nums in proptest::collection::vec(any_f64(), 12),
            opt in proptest::collection::vec(proptest::option::of(any_f64()), 12),
            top_n in 0usize..20,
            width in 0u32..3000,
        ) {
            let o = ChartOptions { top_n, width, ..ChartOptions::default() };
            let spend: Vec<SpendBar> = names.iter().enumerate().map(|(i, n)| SpendBar {
                label: n.clone(), category: Some(n.chars().rev().collect()), amount: nums[i % 12],
            }).collect();
            let util: Vec<UtilisationBar> = names.iter().enumerate().map(|(i, n)| UtilisationBar {
                tool: n.clone(), seats: opt[i % 12], active: opt[(i + 1) % 12], inactive: opt[(i + 2) % 12],
                never_active: opt[(i + 3) % 12], unassigned: opt[(i + 4) % 12], orphaned: opt[(i + 5) % 12],
                seat_utilisation: opt[(i + 6) % 12],
            }).collect();
            let cost: Vec<CostPoint> = names.iter().enumerate().map(|(i, n)| CostPoint {
                tool: n.clone(), seat_utilisation: opt[i % 12], annual_cost: nums[(i + 1) % 12], seats: nums[(i + 2) % 12],
            }).collect();
            let rois: Vec<RoiItem> = names.iter().enumerate().map(|(i, n)| RoiItem {
                tool: n.clone(), roi: nums[i % 12], value: nums[(i + 3) % 12], tco: nums[(i + 4) % 12],
            }).collect();
            let overlap = OverlapMatrix {
                tools: names.clone(),
                categories: names.iter().map(|n| n.chars().take(3).collect()).collect(),
                values: names.iter().enumerate().map(|(i, _)| (0..names.len()).map(|j| nums[(i + j) % 12]).collect()).collect(),
                measure: OverlapMeasure::Jaccard,
            };
            for svg in [
                spend_by_tool(&spend, &o),
                spend_by_category(&spend, &o),
                seat_utilisation(&util, &o),
                cost_vs_utilisation(&cost, &o),
                roi(&rois, &o),
                overlap_matrix(&overlap, &o),
            ] {
                prop_assert!(roxmltree::Document::parse(&svg).is_ok());
            }
        }
    }
}
