//! The demo company: a fictional 120-person marketing agency, "Larkspur Media", and the exports its systems
//! would give — a Ramp card feed, a QuickBooks Online transaction report, a contract register, an Okta
//! assignments report, a Slack member analytics export and a Google Workspace user download — in those
//! systems' real layouts, with overlaps, shelfware, leavers, refunds, a duplicate, advertising spend, a euro
//! contract and vendor-name variants.
//!
//! Everything is generated from a fixed seed: the same bytes every time, everywhere (page, CLI, tests).
//! All names, emails and figures are invented.

use crate::model::Date;

/// One generated export.
pub struct DemoFile {
    pub name: &'static str,
    pub description: &'static str,
    pub bytes: Vec<u8>,
}

/// The day the demo data ends (its natural as-of date).
pub const DEMO_AS_OF: Date = Date {
    year: 2026,
    month: 11,
    day: 20,
};
const DOMAIN: &str = "larkspur.example";

/// A small deterministic generator (xorshift64*), so the demo needs no clock and no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

struct Employee {
    first: &'static str,
    last: &'static str,
    email: String,
    department: &'static str,
    leaver: bool,
}

const FIRST: [&str; 40] = [
    "Ada", "Ben", "Chloé", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemi",
    "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera",
    "Wes", "Xin", "Yara", "Zane", "Aiko", "Bruno", "Carmen", "Dmitri", "Esme", "Felix", "Gita",
    "Hamza", "Isla", "Jasper", "Kofi", "Lena", "Mateo", "Nadia",
];
const LAST: [&str; 30] = [
    "Okafor", "Larsen", "Martin", "Patel", "Rossi", "Haddad", "Kim", "Dubois", "Silva", "Berg",
    "Adeyemi", "Walsh", "Cohen", "Nakamura", "Ivanova", "Shah", "Moreau", "Garcia", "Jensen",
    "Osei", "Novak", "Reyes", "Fischer", "Lund", "Mensah", "Costa", "Brennan", "Yilmaz", "Horvat",
    "Ahmed",
];
const DEPARTMENTS: [(&str, usize); 6] = [
    ("Marketing", 32),
    ("Sales", 24),
    ("Engineering", 26),
    ("Design", 12),
    ("Customer Success", 16),
    ("Operations", 10),
];

fn employees(rng: &mut Rng) -> Vec<Employee> {
    let mut out: Vec<Employee> = Vec::new();
    let mut n = 0usize;
    for (dept, count) in DEPARTMENTS {
        for _ in 0..count {
            let first = FIRST[n % FIRST.len()];
            let last = LAST[(n * 7 + n / FIRST.len()) % LAST.len()];
            let local = format!("{}.{}", ascii_lower(first), ascii_lower(last));
            let mut email = format!("{local}@{DOMAIN}");
            if out.iter().any(|e| e.email == email) {
                email = format!("{local}{}@{DOMAIN}", n);
            }
            out.push(Employee {
                first,
                last,
                email,
                department: dept,
                leaver: false,
            });
            n += 1;
        }
    }
    // Nine people left this year; their accounts linger in several tools.
    for _ in 0..9 {
        let i = rng.below(out.len() as u64) as usize;
        out[i].leaver = true;
    }
    out
}

fn ascii_lower(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' | 'è' => 'e',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A tool of the demo stack.
struct DemoTool {
    /// Name in the contract register.
    contract_name: &'static str,
    vendor: &'static str,
    /// Application name and instance as Okta shows them; `None` when not behind SSO.
    okta: Option<(&'static str, &'static str)>,
    /// Card descriptor and merchant name on the Ramp feed for monthly charges; `None` when billed annually.
    card: Option<(&'static str, &'static str)>,
    seats: u32,
    /// Price per seat per month in the contract currency.
    monthly_price: f64,
    currency: &'static str,
    /// Who gets an account.
    departments: &'static [&'static str],
    /// Share of account holders active in the last 30 days.
    active_share: f64,
    /// Share never signed in.
    never_share: f64,
    renewal: (i32, u8, u8),
    notice_days: u32,
    auto_renew: bool,
}

const ALL: &[&str] = &[
    "Marketing",
    "Sales",
    "Engineering",
    "Design",
    "Customer Success",
    "Operations",
];

fn stack() -> Vec<DemoTool> {
    let t = |contract_name,
             vendor,
             okta,
             card,
             seats,
             monthly_price,
             departments,
             active_share,
             never_share,
             renewal,
             notice_days,
             auto_renew| DemoTool {
        contract_name,
        vendor,
        okta,
        card,
        seats,
        monthly_price,
        currency: "USD",
        departments,
        active_share,
        never_share,
        renewal,
        notice_days,
        auto_renew,
    };
    vec![
        t(
            "Salesforce Sales Cloud",
            "Salesforce, Inc.",
            Some(("salesforce", "Salesforce.com")),
            None,
            30,
            165.0,
            &["Sales"],
            0.85,
            0.0,
            (2027, 2, 1),
            60,
            true,
        ),
        t(
            "HubSpot Marketing Hub",
            "HubSpot, Inc.",
            Some(("hubspot", "HubSpot")),
            None,
            20,
            180.0,
            &["Marketing"],
            0.7,
            0.05,
            (2027, 1, 15),
            30,
            true,
        ),
        t(
            "Asana",
            "Asana, Inc.",
            Some(("asana", "Asana")),
            Some(("ASANA.COM", "Asana")),
            50,
            13.49,
            &["Marketing", "Design", "Operations"],
            0.6,
            0.1,
            (2027, 3, 31),
            30,
            true,
        ),
        t(
            "Monday.com",
            "monday.com Ltd.",
            Some(("mondaycom", "monday.com")),
            Some(("MONDAY.COM", "monday.com")),
            40,
            12.0,
            &["Marketing", "Customer Success"],
            0.35,
            0.15,
            (2026, 12, 31),
            30,
            true,
        ),
        t(
            "Zoom",
            "Zoom Video Communications",
            Some(("zoomus", "Zoom")),
            Some(("ZOOM.US 888-799-9666", "Zoom")),
            60,
            12.49,
            ALL,
            0.75,
            0.05,
            (2027, 4, 1),
            30,
            true,
        ),
        t(
            "Webex",
            "Cisco Systems",
            Some(("webex", "Cisco Webex Meetings")),
            Some(("CISCO WEBEX", "Webex")),
            20,
            12.0,
            &["Sales", "Customer Success"],
            0.25,
            0.2,
            (2026, 12, 10),
            30,
            true,
        ),
        t(
            "Figma",
            "Figma, Inc.",
            Some(("figma", "Figma")),
            Some(("FIGMA MONTHLY", "Figma")),
            15,
            45.0,
            &["Design", "Engineering"],
            0.8,
            0.0,
            (2027, 5, 1),
            30,
            true,
        ),
        t(
            "Canva",
            "Canva Pty Ltd",
            Some(("canva", "Canva")),
            Some(("CANVA* 104-1234567", "Canva")),
            25,
            10.0,
            &["Marketing", "Design"],
            0.55,
            0.1,
            (2027, 6, 1),
            0,
            true,
        ),
        t(
            "Adobe Creative Cloud",
            "Adobe Inc.",
            Some(("adobe_cc", "Adobe Creative Cloud")),
            Some(("ADOBE *CREATIVE CLD 800-833-6687 CA", "Adobe")),
            12,
            89.99,
            &["Design", "Marketing"],
            0.65,
            0.0,
            (2027, 1, 31),
            14,
            true,
        ),
        t(
            "Hootsuite",
            "Hootsuite Inc.",
            Some(("hootsuite", "Hootsuite")),
            Some(("HOOTSUITE MEDIA INC", "Hootsuite")),
            8,
            99.0,
            &["Marketing"],
            0.5,
            0.0,
            (2027, 2, 28),
            30,
            true,
        ),
        t(
            "Sprout Social",
            "Sprout Social, Inc.",
            Some(("sproutsocial", "Sprout Social")),
            Some(("SPROUT SOCIAL", "Sprout Social")),
            6,
            249.0,
            &["Marketing"],
            0.6,
            0.0,
            (2026, 12, 20),
            30,
            true,
        ),
        t(
            "Semrush",
            "Semrush Inc.",
            Some(("semrush", "Semrush")),
            Some(("SEMRUSH", "Semrush")),
            5,
            129.95,
            &["Marketing"],
            0.8,
            0.0,
            (2027, 3, 15),
            0,
            true,
        ),
        t(
            "Ahrefs",
            "Ahrefs Pte. Ltd.",
            Some(("ahrefs", "Ahrefs")),
            Some(("AHREFS.COM", "Ahrefs")),
            3,
            129.0,
            &["Marketing"],
            0.34,
            0.0,
            (2027, 1, 5),
            0,
            true,
        ),
        t(
            "FullStory",
            "FullStory, Inc.",
            Some(("fullstory", "FullStory")),
            None,
            10,
            100.0,
            &["Engineering", "Marketing"],
            0.3,
            0.2,
            (2027, 1, 10),
            60,
            true,
        ),
        t(
            "Notion",
            "Notion Labs, Inc.",
            Some(("notion", "Notion")),
            Some(("NOTION LABS, INC.", "Notion")),
            60,
            10.0,
            ALL,
            0.7,
            0.05,
            (2027, 8, 1),
            30,
            true,
        ),
        t(
            "Miro",
            "Miro (RealtimeBoard Inc.)",
            Some(("miro", "Miro")),
            Some(("MIRO.COM", "Miro")),
            40,
            8.0,
            ALL,
            0.2,
            0.3,
            (2026, 12, 15),
            30,
            true,
        ),
        t(
            "Loom",
            "Loom, Inc.",
            Some(("loom", "Loom")),
            Some(("LOOM SUBSCRIPTION", "Loom")),
            30,
            12.5,
            ALL,
            0.3,
            0.25,
            (2027, 2, 15),
            30,
            true,
        ),
        t(
            "Zendesk",
            "Zendesk, Inc.",
            Some(("zendesk", "Zendesk")),
            None,
            15,
            115.0,
            &["Customer Success"],
            0.9,
            0.0,
            (2027, 4, 30),
            60,
            true,
        ),
        t(
            "Gong",
            "Gong.io Ltd",
            Some(("gong", "Gong")),
            None,
            20,
            133.0,
            &["Sales"],
            0.75,
            0.0,
            (2027, 6, 30),
            90,
            false,
        ),
        // Billed annually, no SSO app: usage comes from Slack's and Google's own exports.
        t(
            "Slack Business+",
            "Slack Technologies, LLC",
            None,
            None,
            130,
            12.50,
            &[],
            0.0,
            0.0,
            (2027, 3, 1),
            30,
            true,
        ),
        t(
            "Google Workspace Business Standard",
            "Google LLC",
            None,
            None,
            125,
            14.40,
            &[],
            0.0,
            0.0,
            (2027, 5, 15),
            30,
            true,
        ),
    ]
}

fn money(v: f64) -> String {
    // US style with thousands separators, as card feeds and QuickBooks write it.
    let cents = (v * 100.0).round() as i64;
    let (neg, cents) = (cents < 0, cents.abs());
    let whole = cents / 100;
    let mut digits = whole.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    format!(
        "{}{digits}{grouped}.{:02}",
        if neg { "-" } else { "" },
        cents % 100
    )
}

fn mdy(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.month, d.day, d.year)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn row(fields: &[String]) -> String {
    let mut s = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    s.push_str("\r\n");
    s
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap_or(DEMO_AS_OF)
}

/// Every demo export, in a fixed order.
pub fn demo_files() -> Vec<DemoFile> {
    let mut rng = Rng(0x5EED_2026_1120_0001);
    let people = employees(&mut rng);
    let tools = stack();
    let mut files = Vec::new();

    // --- Contract register (generic contracts layout).
    let mut contracts = String::from("Tool,Vendor,Seats,Annual cost,Currency,Start date,Renewal date,Notice period (days),Auto-renew,Owner\r\n");
    for (i, t) in tools.iter().enumerate() {
        let owner = &people[(i * 13) % people.len()];
        let (y, m, d) = t.renewal;
        let renewal = date(y, m, d);
        let start = date(y - 1, m, d).add_days(1).unwrap_or(renewal);
        contracts.push_str(&row(&[
            t.contract_name.into(),
            t.vendor.into(),
            t.seats.to_string(),
            money(t.monthly_price * 12.0 * f64::from(t.seats)),
            t.currency.into(),
            start.to_string(),
            renewal.to_string(),
            t.notice_days.to_string(),
            if t.auto_renew {
                "Yes".into()
            } else {
                "No".into()
            },
            format!("{} {}", owner.first, owner.last),
        ]));
    }
    // A euro contract: Brevo, billed annually in EUR.
    contracts.push_str(&row(&[
        "Brevo".into(),
        "Sendinblue SAS".into(),
        "10".into(),
        money(4_800.0),
        "EUR".into(),
        "2026-03-01".into(),
        "2027-02-28".into(),
        "60".into(),
        "Yes".into(),
        "Esme Cohen".into(),
    ]));
    files.push(DemoFile {
        name: "contracts.csv",
        description: "Contract register (seats, annual cost, renewal, notice, auto-renew)",
        bytes: contracts.into_bytes(),
    });

    // --- Okta "Current Assignments" report.
    let mut okta = String::from("User,Login,Application name,Application instance,Application login,Assigned on,Unassigned on,Last login\r\n");
    for t in &tools {
        let Some((app, instance)) = t.okta else {
            continue;
        };
        let holders: Vec<&Employee> = people
            .iter()
            .filter(|p| t.departments.contains(&p.department))
            .collect();
        // Assign up to the seat count (some tools are over- or under-assigned on purpose).
        let take = ((t.seats as f64) * 0.9).round() as usize;
        for p in holders.iter().take(take.max(1)) {
            let assigned = DEMO_AS_OF
                .add_days(-(200 + rng.below(500) as i64))
                .unwrap_or(DEMO_AS_OF);
            let last_login = if p.leaver {
                DEMO_AS_OF
                    .add_days(-(60 + rng.below(200) as i64))
                    .map(|d| format!("{d}T09:{:02}:00.000Z", rng.below(60)))
            } else if rng.chance(t.never_share) {
                None
            } else if rng.chance(t.active_share / (1.0 - t.never_share).max(0.01)) {
                DEMO_AS_OF
                    .add_days(-(rng.below(25) as i64))
                    .map(|d| format!("{d}T{:02}:{:02}:00.000Z", 8 + rng.below(10), rng.below(60)))
            } else {
                DEMO_AS_OF
                    .add_days(-(40 + rng.below(150) as i64))
                    .map(|d| format!("{d}T14:{:02}:00.000Z", rng.below(60)))
            };
            okta.push_str(&row(&[
                format!("{} {}", p.first, p.last),
                p.email.clone(),
                app.into(),
                instance.into(),
                p.email.clone(),
                format!("{assigned}T10:00:00.000Z"),
                String::new(),
                last_login.unwrap_or_default(),
            ]));
        }
    }
    // Two people removed from Monday.com: unassigned rows.
    for p in people.iter().filter(|p| p.department == "Sales").take(2) {
        okta.push_str(&row(&[
            format!("{} {}", p.first, p.last),
            p.email.clone(),
            "mondaycom".into(),
            "monday.com".into(),
            p.email.clone(),
            "2025-04-01T10:00:00.000Z".into(),
            "2026-09-30T16:00:00.000Z".into(),
            "2026-08-12T10:12:00.000Z".into(),
        ]));
    }
    files.push(DemoFile {
        name: "okta_current_assignments.csv",
        description: "Okta Current Assignments report (who holds which app, last login)",
        bytes: okta.into_bytes(),
    });

    // --- Slack member analytics export.
    let mut slack = String::from("Name,What I Do,User ID,Username,Display name,Email,Account type,Account created (UTC),Claimed Date (UTC),Deactivated date (UTC),Days active,Days active (Desktop),Days active (Android),Days active (iOS),Messages posted,Messages posted in channels,Reactions added,Last active (UTC),Last active (Desktop) (UTC),Last active (Android) (UTC),Last active (iOS) (UTC)\r\n");
    for (i, p) in people.iter().enumerate() {
        let account_type = if i == 0 {
            "Primary Owner"
        } else if i < 4 {
            "Admin"
        } else {
            "Member"
        };
        let deactivated = if p.leaver {
            DEMO_AS_OF.add_days(-(30 + rng.below(200) as i64))
        } else {
            None
        };
        let last = match deactivated {
            Some(d) => d.add_days(-1),
            None if rng.chance(0.9) => DEMO_AS_OF.add_days(-(rng.below(20) as i64)),
            None => DEMO_AS_OF.add_days(-(35 + rng.below(90) as i64)),
        };
        let fmt = |d: Option<Date>| d.map(slack_date).unwrap_or_default();
        let messages = rng.below(3000);
        slack.push_str(&row(&[
            format!("{} {}", p.first, p.last),
            p.department.into(),
            format!("U0{:08}", 1000 + i),
            p.email.split('@').next().unwrap_or("").into(),
            p.first.into(),
            p.email.clone(),
            account_type.into(),
            "Mar 1, 2022".into(),
            "Mar 1, 2022".into(),
            fmt(deactivated),
            rng.below(240).to_string(),
            rng.below(200).to_string(),
            "0".into(),
            rng.below(90).to_string(),
            group_thousands(messages),
            group_thousands(messages / 2),
            rng.below(900).to_string(),
            fmt(last),
            fmt(last),
            String::new(),
            String::new(),
        ]));
    }
    for (i, guest) in [
        "pat.agency@studio-partner.example",
        "lee.freelance@contractor.example",
    ]
    .iter()
    .enumerate()
    {
        slack.push_str(&row(&[
            format!("Guest {}", i + 1),
            String::new(),
            format!("U0G{:07}", i),
            guest.split('@').next().unwrap_or("").into(),
            String::new(),
            (*guest).into(),
            "Single-Channel Guest".into(),
            "Jun 2, 2026".into(),
            "Jun 2, 2026".into(),
            String::new(),
            "4".into(),
            "4".into(),
            "0".into(),
            "0".into(),
            "12".into(),
            "12".into(),
            "3".into(),
            "Oct 2, 2026".into(),
            "Oct 2, 2026".into(),
            String::new(),
            String::new(),
        ]));
    }
    files.push(DemoFile {
        name: "slack_members.csv",
        description: "Slack analytics, Members tab export",
        bytes: slack.into_bytes(),
    });

    // --- Google Workspace user download (the roster: leavers are suspended).
    let mut gw = String::from("First Name [Required],Last Name [Required],Email Address [Required],Password [Required],Org Unit Path [Required],Status [READ ONLY],Last Sign In [READ ONLY],Employee ID,Department,Cost Center\r\n");
    for (i, p) in people.iter().enumerate() {
        let last = if p.leaver {
            DEMO_AS_OF.add_days(-(45 + rng.below(200) as i64))
        } else {
            DEMO_AS_OF.add_days(-(rng.below(6) as i64))
        };
        gw.push_str(&row(&[
            p.first.into(),
            p.last.into(),
            p.email.clone(),
            "****".into(),
            format!("/{}", p.department),
            if p.leaver {
                "Suspended".into()
            } else {
                "Active".into()
            },
            last.map(|d| {
                format!(
                    "{}/{:02}/{:02} 09:{:02}:00",
                    d.year,
                    d.month,
                    d.day,
                    rng.below(60)
                )
            })
            .unwrap_or_else(|| "Never logged in".into()),
            format!("LM-{:04}", i + 1),
            p.department.into(),
            format!(
                "CC-{}",
                100 + DEPARTMENTS
                    .iter()
                    .position(|(d, _)| *d == p.department)
                    .unwrap_or(0)
                    * 100
            ),
        ]));
    }
    for shared in ["marketing", "noreply"] {
        gw.push_str(&row(&[
            shared.into(),
            "Mailbox".into(),
            format!("{shared}@{DOMAIN}"),
            "****".into(),
            "/Shared".into(),
            "Active".into(),
            "2026/11/19 07:00:00".into(),
            String::new(),
            String::new(),
            String::new(),
        ]));
    }
    files.push(DemoFile {
        name: "google_workspace_users.csv",
        description: "Google Workspace Admin → Users → Download (the staff roster)",
        bytes: gw.into_bytes(),
    });

    // --- Ramp card transactions: monthly SaaS, ads, a refund, a shadow-IT vendor.
    let mut ramp = String::from("Transaction Date,Clearing Date,Amount,User,Merchant Description,Merchant Name,Ramp Category,Ramp Department,Card Last 4,Memo\r\n");
    let months: Vec<(i32, u8)> = (0..12)
        .map(|i| if i < 1 { (2025, 12) } else { (2026, i as u8) })
        .collect();
    for &(y, m) in &months {
        for t in &tools {
            let Some((descriptor, merchant)) = t.card else {
                continue;
            };
            let day = 1 + (t.contract_name.len() as u8 % 20);
            let d = date(y, m, day);
            let amount = t.monthly_price * f64::from(t.seats);
            ramp.push_str(&row(&[
                mdy(d),
                d.add_days(1).map(mdy).unwrap_or_default(),
                money(amount),
                "Esme Cohen".into(),
                descriptor.into(),
                merchant.into(),
                "SaaS / Software".into(),
                "Operations".into(),
                "4034".into(),
                format!("{} {}", t.contract_name, month_name(m)),
            ]));
        }
        for (descriptor, merchant, amount) in [
            (
                "GOOGLE *ADS8823190",
                "Google Ads",
                11_800.0 + f64::from(m) * 150.0,
            ),
            ("LINKEDIN *ADS 650-687-3600", "LinkedIn Ads", 3_900.0),
        ] {
            let d = date(y, m, 3);
            ramp.push_str(&row(&[
                mdy(d),
                d.add_days(1).map(mdy).unwrap_or_default(),
                money(amount),
                "Tara Osei".into(),
                descriptor.into(),
                merchant.into(),
                "Advertising".into(),
                "Marketing".into(),
                "7711".into(),
                "Paid media".into(),
            ]));
        }
        // Mailchimp and Hotjar: card only, no contract and no SSO (no usage data).
        for (descriptor, merchant, amount) in [
            ("MAILCHIMP *MONTHLY", "Mailchimp", 350.0),
            ("HOTJAR LTD", "Hotjar", 213.0),
            ("PIXELBAKERY DESIGN TOOLS", "PixelBakery", 49.0),
        ] {
            let d = date(y, m, 12);
            ramp.push_str(&row(&[
                mdy(d),
                d.add_days(1).map(mdy).unwrap_or_default(),
                money(amount),
                "Maya Cohen".into(),
                descriptor.into(),
                merchant.into(),
                "SaaS / Software".into(),
                "Marketing".into(),
                "7711".into(),
                String::new(),
            ]));
        }
    }
    // A Zoom refund, and a pending row with no clearing date.
    ramp.push_str(&row(&[
        mdy(date(2026, 10, 18)),
        mdy(date(2026, 10, 19)),
        money(-149.90),
        "Esme Cohen".into(),
        "ZOOM.US 888-799-9666".into(),
        "Zoom".into(),
        "SaaS / Software".into(),
        "Operations".into(),
        "4034".into(),
        "Refund: duplicate add-on".into(),
    ]));
    ramp.push_str(&row(&[
        mdy(date(2026, 11, 19)),
        String::new(),
        money(59.99),
        "Ines Silva".into(),
        "ADOBE *STOCK 800-833-6687 CA".into(),
        "Adobe".into(),
        "SaaS / Software".into(),
        "Design".into(),
        "5120".into(),
        String::new(),
    ]));
    files.push(DemoFile {
        name: "ramp_transactions.csv",
        description: "Ramp card transactions export",
        bytes: ramp.into_bytes(),
    });

    // --- QuickBooks Online "Transaction Detail by Account": annual contracts paid by bill, one duplicate.
    let mut qbo = String::from("Transaction Detail by Account\r\nLarkspur Media\r\n\"December 2025 - November 2026\"\r\n\r\n,Date,Transaction Type,Num,Name,Memo/Description,Split,Amount,Balance\r\n6100 Software & Subscriptions,,,,,,,,\r\n");
    let mut balance = 0.0;
    let mut total = 0.0;
    for t in tools.iter().filter(|t| t.card.is_none()) {
        let (y, m, d) = t.renewal;
        let paid = date(y - 1, m, d).add_days(3).unwrap_or(DEMO_AS_OF);
        let amount = t.monthly_price * 12.0 * f64::from(t.seats);
        balance += amount;
        total += amount;
        qbo.push_str(&row(&[
            String::new(),
            mdy(paid),
            "Bill Payment (Check)".into(),
            format!("{}", 1040 + t.seats),
            t.vendor.into(),
            format!("{} annual subscription", t.contract_name),
            "1000 Operating Account".into(),
            money(amount),
            money(balance),
        ]));
    }
    // The Figma charge for October also booked from the card statement: a duplicate of the Ramp line.
    let figma = 45.0 * 15.0;
    balance += figma;
    total += figma;
    qbo.push_str(&row(&[
        String::new(),
        mdy(date(2026, 10, 7)),
        "Expense".into(),
        String::new(),
        "Figma".into(),
        "Figma Organization monthly".into(),
        "2020 Ramp Card".into(),
        money(figma),
        money(balance),
    ]));
    qbo.push_str(&row(&[
        "Total for 6100 Software & Subscriptions".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        money(total),
        String::new(),
    ]));
    qbo.push_str(&row(&[
        "TOTAL".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        money(total),
        String::new(),
    ]));
    qbo.push_str(
        "\r\n\r\n\r\n\"Accrual basis Friday, November 20, 2026 06:12 PM GMT-08:00\",,,,,,,,\r\n",
    );
    files.push(DemoFile {
        name: "quickbooks_transaction_detail.csv",
        description: "QuickBooks Online Transaction Detail by Account report",
        bytes: qbo.into_bytes(),
    });

    // --- Exchange rates and ROI values: the small inputs a user adds by hand.
    files.push(DemoFile {
        name: "fx.csv",
        description: "Exchange rates to USD",
        bytes: b"currency,rate\r\nEUR,1.08\r\nGBP,1.27\r\n".to_vec(),
    });
    files.push(DemoFile {
        name: "values.csv",
        description: "Value attributed to tools (for ROI)",
        bytes: b"tool,value,period,note\r\nSalesforce,420000,annual,Pipeline influenced x 10% margin\r\nHubSpot Marketing Hub,96000,annual,Attributed closed-won revenue x margin\r\nGong,3000,monthly,Hours saved x loaded rate\r\n".to_vec(),
    });
    files
}

fn slack_date(d: Date) -> String {
    format!("{} {}, {}", month_name(d.month), d.day, d.year)
}

fn month_name(m: u8) -> &'static str {
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .get(usize::from(m).wrapping_sub(1))
    .copied()
    .unwrap_or("")
}

fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    if s.len() > 3 {
        format!("{},{}", &s[..s.len() - 3], &s[s.len() - 3..])
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_is_the_same_every_time() {
        let a: Vec<Vec<u8>> = demo_files().into_iter().map(|f| f.bytes).collect();
        let b: Vec<Vec<u8>> = demo_files().into_iter().map(|f| f.bytes).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn money_is_written_us_style() {
        assert_eq!(money(1234.5), "1,234.50");
        assert_eq!(money(-149.9), "-149.90");
        assert_eq!(money(59400.0), "59,400.00");
        assert_eq!(money(0.0), "0.00");
    }
}
