//! Pseudonymised mode: show or share a real analysis without showing who or (optionally) which vendors.
//!
//! - People: every email, username and display name becomes a stable pseudonym derived from a key the caller
//!   chooses (the page draws a fresh random key on each load). The same person gets the same pseudonym in every
//!   file, so joins and overlaps are unchanged; without the key the pseudonyms cannot be traced back.
//! - Amounts (optional): every amount is multiplied by one factor, so proportions stay true and absolutes do
//!   not leak.
//! - Vendors (optional): after the analysis, every tool and vendor name in the report becomes `Tool A`,
//!   `Tool B`… (longest names first, everywhere they appear in text).
//! - Raw cell values are removed from diagnostics.

use crate::ingest::Inspection;
use crate::report::Report;
use serde::{Deserialize, Serialize};

/// What to hide.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PseudonymOptions {
    /// The secret the pseudonyms derive from.
    pub key: u64,
    /// Replace tool and vendor names in the report.
    pub mask_vendors: bool,
    /// Multiply every amount by this factor.
    pub scale_amounts: Option<f64>,
}

/// 64-bit FNV-1a over the key and the text, then a final mix: stable, fast, and keyed.
fn keyed_hash(key: u64, text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ key;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "da", "fe", "go", "hu", "ji", "pe", "zu", "ba",
];

/// A pronounceable pseudonym for a normalised identifier: `Kalomi Nesa`.
fn pseudonym(key: u64, id: &str) -> (String, String) {
    let h = keyed_hash(key, id);
    let syl = |shift: u32| SYLLABLES[((h >> shift) & 15) as usize];
    let first = format!("{}{}{}", syl(0), syl(4), syl(8));
    let last = format!("{}{}", syl(12), syl(16));
    let cap = |s: &str| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    (
        format!("{} {} {:03}", cap(&first), cap(&last), (h >> 20) % 1000),
        format!("{first}.{last}{:03}", (h >> 20) % 1000),
    )
}

/// The email's pseudonym keeps the join with usernames equal to its local part.
fn mask_email(key: u64, email: &str) -> String {
    let e = email.trim().to_lowercase();
    let (local, _) = e.split_once('@').unwrap_or((&e, ""));
    format!("{}@example.invalid", pseudonym(key, local).1)
}

/// Pseudonymises people and scales amounts in every file's records; drops raw values from diagnostics.
pub fn pseudonymise_files(files: &[Inspection], options: &PseudonymOptions) -> Vec<Inspection> {
    let key = options.key;
    let scale = options.scale_amounts.filter(|f| f.is_finite() && *f > 0.0);
    files
        .iter()
        .map(|f| {
            let mut f = f.clone();
            for d in &mut f.diagnostics {
                d.raw = None;
            }
            if let Some(r) = f.records.as_mut() {
                let name = |n: &mut Option<String>| {
                    if let Some(v) = n.as_mut() {
                        *v = pseudonym(key, &v.trim().to_lowercase()).0;
                    }
                };
                for u in &mut r.usage {
                    if let Some(e) = u.email.as_mut() {
                        *e = mask_email(key, e).into();
                    }
                    let Some(d) = u.details.as_mut() else {
                        continue;
                    };
                    if let Some(v) = d.username.as_mut() {
                        let local = v.trim().to_lowercase();
                        let local = local.split('@').next().unwrap_or("").to_string();
                        *v = pseudonym(key, &local).1;
                    }
                    name(&mut d.display_name);
                }
                for p in &mut r.people {
                    if let Some(e) = p.email.as_mut() {
                        *e = mask_email(key, e);
                    }
                    if let Some(v) = p.username.as_mut() {
                        let local = v.trim().to_lowercase();
                        *v = pseudonym(key, local.split('@').next().unwrap_or("")).1;
                    }
                    name(&mut p.display_name);
                }
                if let Some(k) = scale {
                    for s in &mut r.spend {
                        s.amount.amount *= k;
                    }
                    for l in &mut r.licences {
                        for m in [l.annual_cost.as_mut(), l.price_per_seat.as_mut()]
                            .into_iter()
                            .flatten()
                        {
                            m.amount *= k;
                        }
                    }
                    for v in &mut r.values {
                        v.value *= k;
                    }
                }
            }
            f
        })
        .collect()
}

/// Replaces every tool and vendor name in the report with `Tool A`, `Tool B`… (in order of annual cost).
pub fn mask_vendors(report: &Report) -> Report {
    let mut names: Vec<(String, String)> = Vec::new();
    let mut tools: Vec<&crate::report::ToolReport> = report.tools.iter().collect();
    tools.sort_by(|a, b| {
        b.annual_cost
            .unwrap_or(0.0)
            .total_cmp(&a.annual_cost.unwrap_or(0.0))
            .then_with(|| a.tool.cmp(&b.tool))
    });
    for (i, t) in tools.iter().enumerate() {
        names.push((t.tool.clone(), format!("Tool {}", letters(i))));
        if let Some(v) = &t.vendor {
            names.push((v.clone(), format!("Vendor of Tool {}", letters(i))));
        }
    }
    for (i, u) in report.spend.unmatched.iter().enumerate() {
        names.push((u.vendor.clone(), format!("Unmatched vendor {}", i + 1)));
    }
    for (i, n) in report.spend.non_software.iter().enumerate() {
        names.push((n.vendor.clone(), format!("Other payee {}", i + 1)));
    }
    // Longest first, so "HubSpot Marketing Hub" is replaced before "HubSpot".
    names.retain(|(n, _)| n.chars().count() >= 2);
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    names.dedup_by(|a, b| a.0 == b.0);
    let Ok(mut value) = serde_json::to_value(report) else {
        return report.clone();
    };
    replace_strings(&mut value, &names);
    serde_json::from_value(value).unwrap_or_else(|_| report.clone())
}

fn letters(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (i % 26) as u8) as char);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s
}

fn replace_strings(v: &mut serde_json::Value, names: &[(String, String)]) {
    // Tool names repeat across the people list (one per account): each distinct string is replaced once.
    let mut done: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    replace_in(v, names, &mut done);
}

fn replace_in(
    v: &mut serde_json::Value,
    names: &[(String, String)],
    done: &mut std::collections::HashMap<String, String>,
) {
    match v {
        serde_json::Value::String(s) => {
            if let Some(out) = done.get(s.as_str()) {
                *s = out.clone();
                return;
            }
            // Replace through placeholders so a mask is never itself replaced.
            let mut out = s.clone();
            for (i, (from, _)) in names.iter().enumerate() {
                if out.contains(from.as_str()) {
                    out = out.replace(from.as_str(), &format!("\u{1}{i}\u{2}"));
                }
            }
            for (i, (_, to)) in names.iter().enumerate() {
                out = out.replace(&format!("\u{1}{i}\u{2}"), to);
            }
            done.insert(s.clone(), out.clone());
            *s = out;
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| replace_in(x, names, done)),
        serde_json::Value::Object(o) => o.values_mut().for_each(|x| replace_in(x, names, done)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_stable_per_key_and_differ_across_keys() {
        assert_eq!(pseudonym(7, "ada.okafor"), pseudonym(7, "ada.okafor"));
        assert_ne!(pseudonym(7, "ada.okafor"), pseudonym(8, "ada.okafor"));
        assert_eq!(
            mask_email(7, "Ada.Okafor@Larkspur.example"),
            mask_email(7, "ada.okafor@larkspur.example")
        );
        assert!(!mask_email(7, "ada.okafor@larkspur.example").contains("okafor"));
    }

    #[test]
    fn masked_vendors_are_masked_in_the_people_list_and_departments_stay() {
        use crate::report::{PersonAccounts, PersonRow, ToolReport};
        let mut r = Report::default();
        for name in ["Slack", "Slack Huddles"] {
            r.tools.push(ToolReport {
                tool: name.into(),
                ..ToolReport::default()
            });
        }
        r.people.list.push(PersonRow {
            person: "kalo.misa001@example.invalid".into(),
            department: Some("Sales".into()),
            accounts: PersonAccounts {
                active: vec!["Slack".into(), "Slack Huddles".into()],
                ..PersonAccounts::default()
            },
            ..PersonRow::default()
        });
        let masked = mask_vendors(&r);
        let p = &masked.people.list[0];
        // Both cost nothing: ordered by name, so Slack is Tool A and Slack Huddles Tool B (longest replaced first).
        assert_eq!(p.accounts.active, ["Tool A", "Tool B"]);
        assert_eq!(p.department.as_deref(), Some("Sales"));
        assert_eq!(p.person, "kalo.misa001@example.invalid");
    }

    #[test]
    fn letters_count_like_spreadsheet_columns() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
    }
}
