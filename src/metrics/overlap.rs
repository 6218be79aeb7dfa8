//! Tools that do the same job (same subcategory), how much their people overlap, and which could be merged.

use super::cost::ToolCost;
use super::utilisation::ToolSeats;
use super::{finite, money, money_opt, pct, pct_opt, ratio, sum_known, Clean};
use crate::report::{Consolidation, OverlapGroup, OverlapPair, OverlapReport};
use crate::stack::Stack;
use std::collections::{BTreeMap, BTreeSet};

fn subcat(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Jaccard |A∩B| ÷ |A∪B| and overlap coefficient |A∩B| ÷ min(|A|, |B|), from the set sizes.
pub fn jaccard_and_overlap(a: u64, b: u64, shared: u64) -> (Option<f64>, Option<f64>) {
    let union = (a + b).saturating_sub(shared);
    (
        ratio(shared as f64, union as f64),
        ratio(shared as f64, a.min(b) as f64),
    )
}

pub(crate) fn compute(
    stack: &Stack,
    seats: &[ToolSeats],
    costs: &[ToolCost],
    clean: &Clean,
    cur: &str,
) -> OverlapReport {
    let mut out = OverlapReport::default();
    // Tool indices in name order.
    let mut order: Vec<usize> = (0..stack.tools.len()).collect();
    order.sort_by(|&a, &b| {
        stack.tools[a]
            .name
            .cmp(&stack.tools[b].name)
            .then(a.cmp(&b))
    });

    // Groups.
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        if let Some(s) = subcat(&stack.tools[i].subcategory) {
            groups.entry(s).or_default().push(i);
        }
    }
    for (sub, tools) in groups {
        if tools.len() < 2 {
            continue;
        }
        out.groups.push(OverlapGroup {
            subcategory: sub,
            tools: tools.iter().map(|&i| stack.tools[i].name.clone()).collect(),
            combined_annual_cost: sum_known(tools.iter().map(|&i| costs[i].annual_cost)),
            cost_unknown_for: tools
                .iter()
                .filter(|&&i| costs[i].annual_cost.is_none())
                .map(|&i| stack.tools[i].name.clone())
                .collect(),
        });
    }

    // Pairs.
    for (x, &i) in order.iter().enumerate() {
        for &j in &order[x + 1..] {
            let (si, sj) = (&seats[i], &seats[j]);
            let shared_assigned = si.held_people.intersection(&sj.held_people).count() as u64;
            if shared_assigned == 0 {
                continue;
            }
            let (na, nb) = (&stack.tools[i].name, &stack.tools[j].name);
            let same = match (
                subcat(&stack.tools[i].subcategory),
                subcat(&stack.tools[j].subcategory),
            ) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            };
            let mut pair = OverlapPair {
                a: na.clone(),
                b: nb.clone(),
                shared_assigned,
                same_subcategory: same,
                ..OverlapPair::default()
            };
            if si.has_usage_data && sj.has_usage_data {
                let a = si.active_people.len() as u64;
                let b = sj.active_people.len() as u64;
                let shared = si.active_people.intersection(&sj.active_people).count() as u64;
                let (jac, ov) = jaccard_and_overlap(a, b, shared);
                pair.shared_active = Some(shared);
                pair.active_a = Some(a);
                pair.active_b = Some(b);
                pair.jaccard = jac;
                pair.overlap_coefficient = ov;
                pair.share_of_a_in_b = ratio(shared as f64, a as f64);
                pair.share_of_b_in_a = ratio(shared as f64, b as f64);
                pair.explain = format!(
                    "{shared_assigned} people hold seats in both; active people: {na} {a}, {nb} {b}, both {shared}; Jaccard {shared} ÷ ({a} + {b} − {shared}) = {}; overlap coefficient {shared} ÷ min({a}, {b}) = {}",
                    pct_opt(jac),
                    pct_opt(ov)
                );
            } else {
                pair.explain = format!(
                    "{shared_assigned} people hold seats in both; active overlap unknown: {} has no activity data",
                    if si.has_usage_data { nb } else { na }
                );
            }
            out.pairs.push(pair);
        }
    }

    // Consolidation candidates.
    let index: BTreeMap<&str, usize> = order
        .iter()
        .map(|&i| (stack.tools[i].name.as_str(), i))
        .collect();
    for p in &out.pairs {
        let Some(ov) = p.overlap_coefficient else {
            continue;
        };
        if !p.same_subcategory || ov < clean.overlap_threshold {
            continue;
        }
        let (Some(&i), Some(&j)) = (index.get(p.a.as_str()), index.get(p.b.as_str())) else {
            continue;
        };
        let size = |k: usize| (seats[k].active_people.len(), seats[k].held_people.len());
        // The smaller moves into the larger; on a tie, `b` (later by name) moves into `a`.
        let (from, into) = if size(i) < size(j) { (i, j) } else { (j, i) };
        let moving: BTreeSet<usize> = seats[from]
            .active_people
            .difference(&seats[into].held_people)
            .copied()
            .collect();
        let users_moving = moving.len() as u64;
        let (fname, iname) = (&stack.tools[from].name, &stack.tools[into].name);
        let from_cost = costs[from].annual_cost;
        let into_price = costs[into].price_per_seat;
        let saving = match (from_cost, into_price, users_moving) {
            (Some(c), _, 0) => Some(c),
            (Some(c), Some(p), n) => finite(c - n as f64 * p),
            _ => None,
        };
        if matches!(saving, Some(s) if s <= 0.0) {
            continue;
        }
        let explain = format!(
            "{fname} and {iname} are both {}; overlap coefficient {} ≥ threshold {}; {fname} is smaller ({} active) and moves into {iname} ({} active); {users_moving} of {fname}'s active people hold no {iname} seat; saving = {} annual cost of {fname} − {users_moving} × {} per {iname} seat = {}",
            subcat(&stack.tools[from].subcategory).unwrap_or_default(),
            pct(ov),
            pct(clean.overlap_threshold),
            seats[from].active_people.len(),
            seats[into].active_people.len(),
            money_opt(from_cost, cur),
            money_opt(into_price, cur),
            saving.map_or_else(|| "unknown".into(), |s| money(s, cur)),
        );
        out.consolidation.push(Consolidation {
            from: fname.clone(),
            into: iname.clone(),
            subcategory: subcat(&stack.tools[from].subcategory).unwrap_or_default(),
            overlap_coefficient: ov,
            users_moving,
            saving,
            explain,
        });
    }
    out.consolidation.sort_by(|a, b| {
        b.saving
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.saving.unwrap_or(f64::NEG_INFINITY))
            .then_with(|| a.from.cmp(&b.from))
            .then_with(|| a.into.cmp(&b.into))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::jaccard_and_overlap;

    #[test]
    fn jaccard_and_overlap_from_set_sizes() {
        // |A| = 6, |B| = 7, |A∩B| = 3: Jaccard 3 ÷ 10, overlap 3 ÷ 6.
        assert_eq!(jaccard_and_overlap(6, 7, 3), (Some(0.3), Some(0.5)));
        // Identical sets: both 1.
        assert_eq!(jaccard_and_overlap(4, 4, 4), (Some(1.0), Some(1.0)));
        // Both empty: unknown, not 0 and not a division by zero.
        assert_eq!(jaccard_and_overlap(0, 0, 0), (None, None));
        // One empty: Jaccard 0 ÷ 5 = 0, overlap unknown (min is 0).
        assert_eq!(jaccard_and_overlap(0, 5, 0), (Some(0.0), None));
    }
}
