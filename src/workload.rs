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
pub fn utilisation(usage: &[Usage], licences: &[Licence]) -> Utilisation {
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
                    .or(u.username.as_deref())
                    .or(u.display_name.as_deref())
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
