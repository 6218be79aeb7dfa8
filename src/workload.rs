//! The reference "utilisation + overlap" computation over usage records (see `docs/performance.md`): per tool,
//! accounts active in the last 30 days of the data, accounts over the whole period, events, active ÷ seats;
//! and the tool × tool matrix of accounts active in both in the last 90 days. Everything follows from the
//! per-(tool, account) records (latest date, events), so it is cheap next to reading the rows.

use crate::model::{LastActivity, Licence, Usage};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// One tool's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ToolUtilisation {
    pub tool: String,
    /// Accounts with activity on or after `max − 29`.
    pub active_30: u64,
    /// Accounts seen at all.
    pub users: u64,
    pub events: f64,
    pub seats: Option<f64>,
    /// `active_30 / seats`, rounded to 4 decimals.
    pub active_per_seat: Option<f64>,
}

/// The whole result; tools sorted by name (case-insensitive, as grouped).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Utilisation {
    /// The latest activity date in the data (`YYYY-MM-DD`).
    pub max_date: Option<String>,
    pub tools: Vec<ToolUtilisation>,
    /// `overlap[i][j]`: accounts active in the last 90 days in both tool `i` and tool `j`.
    pub overlap: Vec<Vec<u64>>,
}

/// Computes the workload from merged usage records and licence records.
///
/// One pass over the records, with no hashing of strings per record: records of one file share their tool
/// spelling's and their account's `Arc`, so each record's tool and account are found by the `Arc`'s address
/// (a string is hashed only the first time an address is seen). Dates are compared as dates, not converted.
pub fn utilisation(usage: &[Usage], licences: &[Licence]) -> Utilisation {
    let max = usage
        .iter()
        .filter_map(|u| match u.last_activity {
            LastActivity::On(d) => Some(d),
            _ => None,
        })
        .max();
    // The first days of the last 30 and 90 days (`max − 29`, `max − 89`); before year 1, every date counts.
    let first_day = |back: i64| {
        max.map(|m| {
            m.add_days(-back).unwrap_or(crate::model::Date {
                year: i32::MIN,
                month: 1,
                day: 1,
            })
        })
    };
    let (from_30, from_90) = (first_day(29), first_day(89));
    // Tools by lower-case name, in name order (each distinct spelling lower-cased once).
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut lowered: HashMap<&str, String> = HashMap::default();
    for u in usage {
        if let Some(t) = &u.tool {
            if !lowered.contains_key(&**t) {
                let lower = t.to_lowercase();
                names.entry(lower.clone()).or_insert_with(|| t.to_string());
                lowered.insert(&**t, lower);
            }
        }
    }
    let index: HashMap<&str, usize> = names
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let by_spelling: HashMap<&str, usize> = lowered
        .iter()
        .map(|(s, lower)| (*s, index[lower.as_str()]))
        .collect();
    let n = names.len();
    let mut tools: Vec<ToolUtilisation> = names
        .values()
        .map(|t| ToolUtilisation {
            tool: t.clone(),
            active_30: 0,
            users: 0,
            events: 0.0,
            seats: None,
            active_per_seat: None,
        })
        .collect();
    // Each account active in the last 90 days: the tools it was active in, as a bit set of `words` words.
    let words = n.div_ceil(64).max(1);
    let mut recent_bits: Vec<u64> = Vec::new();
    let mut person_of: HashMap<&str, usize> = HashMap::default();
    let mut tool_at: HashMap<(usize, usize), usize> = HashMap::default();
    let mut person_at: HashMap<(usize, usize), usize> = HashMap::default();
    for u in usage {
        let Some(t) = u.tool.as_deref() else {
            continue;
        };
        let i = *tool_at
            .entry((t.as_ptr() as usize, t.len()))
            .or_insert_with(|| by_spelling[t]);
        let tool = &mut tools[i];
        tool.users += 1;
        tool.events += u.events.unwrap_or(0.0);
        let LastActivity::On(d) = u.last_activity else {
            continue;
        };
        if from_30.is_some_and(|f| d >= f) {
            tool.active_30 += 1;
        }
        if from_90.is_some_and(|f| d >= f) {
            let who = u
                .email
                .as_deref()
                .or(u.username())
                .or(u.display_name())
                .unwrap_or_default();
            // By address first; two addresses with the same text are one person.
            let p = match person_at.get(&(who.as_ptr() as usize, who.len())) {
                Some(&p) => p,
                _ => {
                    let next = person_of.len();
                    let p = *person_of.entry(who).or_insert(next);
                    if p == next {
                        recent_bits.resize(recent_bits.len() + words, 0);
                    }
                    // (An empty name has no address of its own: it is always looked up by its text.)
                    if !who.is_empty() {
                        person_at.insert((who.as_ptr() as usize, who.len()), p);
                    }
                    p
                }
            };
            recent_bits[p * words + i / 64] |= 1 << (i % 64);
        }
    }
    let mut overlap = vec![vec![0u64; n]; n];
    let mut list = Vec::with_capacity(n);
    for bits in recent_bits.chunks_exact(words) {
        list.clear();
        for (w, &word) in bits.iter().enumerate() {
            let mut m = word;
            while m != 0 {
                list.push(w * 64 + m.trailing_zeros() as usize);
                m &= m - 1;
            }
        }
        for &a in &list {
            for &b in &list {
                overlap[a][b] += 1;
            }
        }
    }
    for l in licences {
        if let Some(&i) = index.get(l.tool.to_lowercase().as_str()) {
            let t = &mut tools[i];
            t.seats = l.seats;
            t.active_per_seat = l
                .seats
                .filter(|s| *s > 0.0)
                .map(|s| (t.active_30 as f64 / s * 10_000.0).round() / 10_000.0);
        }
    }
    Utilisation {
        max_date: max.map(|d| d.to_string()),
        tools,
        overlap,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountStatus, Date, Source, UsageDetails};
    use std::sync::Arc;

    fn reference(usage: &[Usage], licences: &[Licence]) -> Utilisation {
        let max = usage
            .iter()
            .filter_map(|u| match u.last_activity {
                LastActivity::On(d) => Some(d.days_since_epoch()),
                _ => None,
            })
            .max();
        // Tools by lower-case name, in name order (each spelling lower-cased once).
        let mut spelled: HashMap<&str, String> = HashMap::default();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for u in usage {
            if let Some(t) = &u.tool {
                if !spelled.contains_key(&**t) {
                    let lower = t.to_lowercase();
                    names.entry(lower.clone()).or_insert_with(|| t.to_string());
                    spelled.insert(&**t, lower);
                }
            }
        }
        let index: HashMap<&str, usize> = names
            .keys()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let by_spelling: HashMap<&str, usize> = spelled
            .iter()
            .filter_map(|(s, lower)| index.get(lower.as_str()).map(|&i| (*s, i)))
            .collect();
        let n = names.len();
        let mut tools: Vec<ToolUtilisation> = names
            .values()
            .map(|t| ToolUtilisation {
                tool: t.clone(),
                active_30: 0,
                users: 0,
                events: 0.0,
                seats: None,
                active_per_seat: None,
            })
            .collect();
        let mut recent: HashMap<&str, Vec<usize>> = HashMap::default();
        for u in usage {
            let Some(&i) = u.tool.as_deref().and_then(|t| by_spelling.get(t)) else {
                continue;
            };
            let tool = &mut tools[i];
            tool.users += 1;
            tool.events += u.events.unwrap_or(0.0);
            if let (LastActivity::On(d), Some(max)) = (u.last_activity, max) {
                let day = d.days_since_epoch();
                if day >= max - 29 {
                    tool.active_30 += 1;
                }
                if day >= max - 89 {
                    let who = u
                        .email
                        .as_deref()
                        .or(u.username())
                        .or(u.display_name())
                        .unwrap_or_default();
                    recent.entry(who).or_default().push(i);
                }
            }
        }
        let mut overlap = vec![vec![0u64; n]; n];
        for list in recent.values_mut() {
            list.sort_unstable();
            list.dedup();
            for &a in list.iter() {
                for &b in list.iter() {
                    overlap[a][b] += 1;
                }
            }
        }
        for l in licences {
            if let Some(&i) = index.get(l.tool.to_lowercase().as_str()) {
                let t = &mut tools[i];
                t.seats = l.seats;
                t.active_per_seat = l
                    .seats
                    .filter(|s| *s > 0.0)
                    .map(|s| (t.active_30 as f64 / s * 10_000.0).round() / 10_000.0);
            }
        }
        Utilisation {
            max_date: max
                .and_then(crate::model::Date::from_days_since_epoch)
                .map(|d| d.to_string()),
            tools,
            overlap,
        }
    }

    /// Records of every shape the workload meets: tools spelled several ways (and the same text in distinct
    /// `Arc`s), accounts by email, username or display name only, or none; activity on a date, never, unknown;
    /// events or none.
    fn records(seed: u64, n: usize) -> Vec<Usage> {
        let mut x = seed | 1;
        let mut next = move |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        let file: Arc<str> = Arc::from("u.csv");
        let spellings: Vec<Arc<str>> = [
            "Slack", "slack", "SLACK", "Zoom", "Figma", "figma", "Notion",
        ]
        .iter()
        .map(|s| Arc::from(*s))
        .collect();
        let emails: Vec<Arc<str>> = (0..40)
            .map(|i| Arc::from(format!("p{i}@x.example")))
            .collect();
        (0..n)
            .map(|line| {
                let tool = match next(10) {
                    0 => None,
                    // The same text in a fresh Arc.
                    1 => Some(Arc::from(&*spellings[next(7) as usize])),
                    _ => Some(spellings[next(7) as usize].clone()),
                };
                let who = next(40) as usize;
                let (email, username, display_name) = match next(6) {
                    0 => (None, Some(format!("p{who}@x.example")), None),
                    1 => (None, None, Some(format!("Person {who}"))),
                    2 => (None, None, None),
                    3 => (Some(Arc::from(&*emails[who])), None, None),
                    _ => (Some(emails[who].clone()), None, None),
                };
                let last_activity = match next(8) {
                    0 => LastActivity::Never,
                    1 => LastActivity::Unknown,
                    _ => LastActivity::On(
                        Date::from_days_since_epoch(20_000 + next(200) as i64).unwrap(),
                    ),
                };
                Usage {
                    source: Source {
                        file: file.clone(),
                        line: line as u64 + 2,
                    },
                    tool,
                    email,
                    last_activity,
                    events: (next(4) != 0).then(|| next(50) as f64),
                    status: AccountStatus::Unknown,
                    details: UsageDetails::boxed(username, display_name, None, None),
                }
            })
            .collect()
    }

    #[test]
    fn the_one_pass_reading_equals_the_plain_reading() {
        let licences = Vec::new();
        for seed in 1..60 {
            let usage = records(seed, (seed as usize * 37) % 900);
            assert_eq!(
                utilisation(&usage, &licences),
                reference(&usage, &licences),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn dates_near_the_start_of_the_calendar_count_as_recent() {
        let mut usage = records(7, 50);
        for (k, u) in usage.iter_mut().enumerate() {
            u.last_activity = LastActivity::On(Date::new(1, 1, 1 + (k % 28) as u8).unwrap());
        }
        assert_eq!(utilisation(&usage, &[]), reference(&usage, &[]));
    }
}
