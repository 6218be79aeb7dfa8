//! Seats and their states: every held account is in exactly one of active, inactive, never active, activity
//! unknown or orphaned; seats nobody holds are unassigned.

use super::{name_key, num, opt_date, pct_opt, ratio, Clean, Settings};
use crate::model::{AccountStatus, Date, LastActivity};
use crate::stack::{Account, Person, Stack, StackLicence, Tool};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The state of one account in one tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatState {
    /// Last activity on or after the window start (A − (W − 1)); activity after A also counts.
    Active,
    /// Last activity before the window start.
    Inactive,
    /// The export says the account never signed in.
    NeverActive,
    /// No activity signal for the account.
    ActivityUnknown,
    /// Held by a leaver (roster deleted/suspended), or the account itself is deleted, suspended, unassigned
    /// with an end date, or has an end date on or before A.
    Orphaned,
    /// Unassigned with no end date: holds no seat.
    Removed,
}

/// Whether an account holds a seat (every state but [`SeatState::Removed`]).
pub(crate) fn holds_seat(a: &Account) -> bool {
    !(a.status == AccountStatus::Unassigned && a.ended_on.is_none())
}

/// Classifies one account. `window_start` is A − (W − 1); `None` when A is unknown.
pub fn classify(
    account: &Account,
    person: Option<&Person>,
    as_of: Option<Date>,
    window_start: Option<Date>,
) -> SeatState {
    if !holds_seat(account) {
        return SeatState::Removed;
    }
    let roster_leaver = person
        .is_some_and(|p| matches!(p.status, AccountStatus::Deleted | AccountStatus::Suspended));
    let account_gone = matches!(
        account.status,
        AccountStatus::Deleted | AccountStatus::Suspended | AccountStatus::Unassigned
    );
    let ended = matches!((account.ended_on, as_of), (Some(e), Some(a)) if e <= a);
    if roster_leaver || account_gone || ended {
        return SeatState::Orphaned;
    }
    match account.last_activity {
        LastActivity::On(d) => match window_start {
            Some(ws) if d >= ws => SeatState::Active,
            Some(_) => SeatState::Inactive,
            None => SeatState::ActivityUnknown,
        },
        LastActivity::Never => SeatState::NeverActive,
        LastActivity::Unknown => SeatState::ActivityUnknown,
    }
}

/// The person's department as written, trimmed; `None` when unknown or blank.
pub(crate) fn department_of(p: &Person) -> Option<String> {
    p.department
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
}

/// A licence counts unless its term ended before A and it does not auto-renew.
pub(crate) fn is_current(l: &StackLicence, as_of: Option<Date>) -> bool {
    match (l.licence.term_end, as_of) {
        (Some(end), Some(a)) => end >= a || l.licence.auto_renew == Some(true),
        _ => true,
    }
}

pub(crate) fn clean_seats(x: Option<f64>) -> Option<f64> {
    x.filter(|s| s.is_finite() && *s >= 0.0)
}

/// Seat figures for one tool.
#[derive(Clone, Debug, Default)]
pub(crate) struct ToolSeats {
    pub window_days: u32,
    pub seats: Option<f64>,
    pub assigned: Option<u64>,
    pub active: Option<u64>,
    pub inactive: Option<u64>,
    pub never_active: Option<u64>,
    pub activity_unknown: Option<u64>,
    pub orphaned: Option<u64>,
    pub service_accounts: Option<u64>,
    pub removed: Option<u64>,
    pub has_usage_data: bool,
    /// People (not service accounts) holding a seat.
    pub held_people: BTreeSet<usize>,
    /// People (not service accounts) active.
    pub active_people: BTreeSet<usize>,
    /// The state of each of the tool's accounts, in the order of `Tool::accounts`.
    pub states: Vec<SeatState>,
    /// Seat-holding accounts by the holder's department (`None`: unknown): (accounts, active).
    pub departments: BTreeMap<Option<String>, (u64, u64)>,
    pub explain: BTreeMap<String, String>,
}

impl ToolSeats {
    pub fn unassigned(&self, seats: Option<f64>) -> Option<f64> {
        Some((seats? - self.assigned? as f64).max(0.0))
    }
    pub fn over_assigned(&self, seats: Option<f64>) -> Option<f64> {
        Some((self.assigned? as f64 - seats?).max(0.0))
    }
    /// max(seats, assigned): the number every seat state sums to.
    pub fn capacity(&self, seats: Option<f64>) -> Option<f64> {
        let s = seats.filter(|s| *s > 0.0)?;
        Some(s.max(self.assigned? as f64))
    }
    pub fn seat_utilisation(&self, seats: Option<f64>) -> Option<f64> {
        if !self.has_usage_data {
            return None;
        }
        ratio(self.active? as f64, self.capacity(seats)?)
    }
    pub fn allocation(&self, seats: Option<f64>) -> Option<f64> {
        ratio(self.assigned? as f64, self.capacity(seats)?)
    }
    pub fn active_share(&self) -> Option<f64> {
        if !self.has_usage_data {
            return None;
        }
        ratio(self.active? as f64, self.assigned? as f64)
    }
}

/// The window for one tool: settings override, else the tool's own, else the default.
pub(crate) fn window_for(tool: &Tool, settings: &Settings, clean: &Clean) -> u32 {
    let key = name_key(&tool.name);
    settings
        .window_overrides
        .iter()
        .find(|(k, _)| name_key(k) == key)
        .map(|(_, w)| *w)
        .or(tool.window_days)
        .unwrap_or(clean.window_days)
        .clamp(1, 36_500)
}

pub(crate) fn compute(
    stack: &Stack,
    settings: &Settings,
    clean: &Clean,
    as_of: Option<Date>,
) -> Vec<ToolSeats> {
    stack
        .tools
        .iter()
        .map(|tool| one(stack, tool, settings, clean, as_of))
        .collect()
}

fn one(
    stack: &Stack,
    tool: &Tool,
    settings: &Settings,
    clean: &Clean,
    as_of: Option<Date>,
) -> ToolSeats {
    let window = window_for(tool, settings, clean);
    let window_start = as_of.and_then(|a| a.add_days(-(i64::from(window) - 1)));
    let mut t = ToolSeats {
        window_days: window,
        ..ToolSeats::default()
    };
    let mut ex = BTreeMap::new();

    // Seats: current licences only.
    let mut seat_parts = Vec::new();
    let mut expired = Vec::new();
    let mut seats_total = 0.0;
    let mut any_seats = false;
    for l in &tool.licences {
        if !is_current(l, as_of) {
            expired.push(format!(
                "{} line {} (term ended {})",
                l.licence.source.file,
                l.licence.source.line,
                opt_date(l.licence.term_end)
            ));
            continue;
        }
        if let Some(s) = clean_seats(l.licence.seats) {
            any_seats = true;
            seats_total += s;
            seat_parts.push(format!(
                "{} ({} line {})",
                num(s),
                l.licence.source.file,
                l.licence.source.line
            ));
        }
    }
    t.seats = if any_seats && seats_total.is_finite() {
        Some(seats_total)
    } else {
        None
    };
    let expired_note = if expired.is_empty() {
        String::new()
    } else {
        format!(
            "; not counted, ended before the as-of date without auto-renewal: {}",
            expired.join(", ")
        )
    };
    ex.insert(
        "seats".into(),
        match t.seats {
            Some(s) => format!(
                "Σ seats of current licences: {} = {}{expired_note}",
                seat_parts.join(" + "),
                num(s)
            ),
            None => format!("unknown: no current licence states a seat count{expired_note}"),
        },
    );
    ex.insert(
        "window_days".into(),
        format!(
            "{window} days ({})",
            if settings
                .window_overrides
                .keys()
                .any(|k| name_key(k) == name_key(&tool.name))
            {
                "override in settings"
            } else if tool.window_days.is_some() {
                "the tool's own window"
            } else {
                "default"
            }
        ),
    );

    if tool.accounts.is_empty() {
        let why = "unknown: no usage source lists accounts for this tool".to_string();
        for k in [
            "assigned",
            "active",
            "inactive",
            "never_active",
            "activity_unknown",
            "orphaned",
            "unassigned",
            "over_assigned",
            "seat_utilisation",
            "allocation",
            "active_share",
        ] {
            ex.insert(k.into(), why.clone());
        }
        ex.insert("has_usage_data".into(), "no accounts listed".into());
        t.explain = ex;
        return t;
    }

    let (mut active, mut inactive, mut never, mut unknown, mut orphaned, mut removed, mut service) =
        (0u64, 0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    for a in &tool.accounts {
        let person = stack.people.get(a.person);
        let state = classify(a, person, as_of, window_start);
        t.states.push(state);
        let is_service = person.is_some_and(|p| p.is_service_account);
        if state != SeatState::Removed {
            let dept = t
                .departments
                .entry(person.and_then(department_of))
                .or_default();
            dept.0 += 1;
            if state == SeatState::Active {
                dept.1 += 1;
            }
            if is_service {
                service += 1;
            } else {
                t.held_people.insert(a.person);
            }
            if matches!(a.last_activity, LastActivity::On(_) | LastActivity::Never) {
                t.has_usage_data = true;
            }
        }
        match state {
            SeatState::Active => {
                active += 1;
                if !is_service {
                    t.active_people.insert(a.person);
                }
            }
            SeatState::Inactive => inactive += 1,
            SeatState::NeverActive => never += 1,
            SeatState::ActivityUnknown => unknown += 1,
            SeatState::Orphaned => orphaned += 1,
            SeatState::Removed => removed += 1,
        }
    }
    let assigned = active + inactive + never + unknown + orphaned;
    t.assigned = Some(assigned);
    t.active = Some(active);
    t.inactive = Some(inactive);
    t.never_active = Some(never);
    t.activity_unknown = Some(unknown);
    t.orphaned = Some(orphaned);
    t.removed = Some(removed);
    t.service_accounts = Some(service);

    let win = match (window_start, as_of) {
        (Some(ws), Some(a)) => format!(
            "last activity on or after {ws} (window {window} days to {a}; later dates count as active)"
        ),
        _ => "unknown as-of date: dated activity cannot be classified".into(),
    };
    ex.insert(
        "assigned".into(),
        format!(
            "{assigned} accounts holding a seat = {active} active + {inactive} inactive + {never} never active + {unknown} activity unknown + {orphaned} orphaned ({removed} unassigned without an end date hold no seat; {service} service accounts included)"
        ),
    );
    ex.insert("active".into(), format!("{active} accounts with {win}"));
    ex.insert(
        "inactive".into(),
        format!(
            "{inactive} accounts whose last activity is before {}",
            opt_date(window_start)
        ),
    );
    ex.insert(
        "never_active".into(),
        format!("{never} accounts the export says never signed in"),
    );
    ex.insert(
        "activity_unknown".into(),
        format!("{unknown} accounts with no activity signal (not counted as waste)"),
    );
    ex.insert(
        "orphaned".into(),
        format!(
            "{orphaned} accounts held by leavers (roster deleted or suspended) or deleted, suspended, unassigned-with-end-date, or ended on or before {}",
            opt_date(as_of)
        ),
    );
    ex.insert(
        "removed".into(),
        format!("{removed} accounts unassigned without an end date: no seat held"),
    );
    ex.insert(
        "service_accounts".into(),
        format!("{service} held accounts belong to service, integration or shared accounts; they hold seats and are counted in the states above, but not in overlap"),
    );
    ex.insert(
        "has_usage_data".into(),
        if t.has_usage_data {
            "at least one held account has a last-activity date or a never-signed-in flag".into()
        } else {
            "no held account has an activity signal: utilisation is unknown".into()
        },
    );
    let seats = t.seats;
    ex.insert(
        "unassigned".into(),
        match t.unassigned(seats) {
            Some(u) => format!(
                "max({} seats − {assigned} assigned, 0) = {}",
                num(seats.unwrap_or(0.0)),
                num(u)
            ),
            None => "unknown: seat count unknown".into(),
        },
    );
    ex.insert(
        "over_assigned".into(),
        match t.over_assigned(seats) {
            Some(o) => format!(
                "max({assigned} assigned − {} seats, 0) = {}",
                num(seats.unwrap_or(0.0)),
                num(o)
            ),
            None => "unknown: seat count unknown".into(),
        },
    );
    let denom = |what: &str| -> String {
        match (seats, t.capacity(seats)) {
            (Some(s), Some(c)) if c > s => format!(
                "{} ({assigned} accounts held exceed {} seats)",
                num(c),
                num(s)
            ),
            (Some(s), Some(_)) => format!("{} seats", num(s)),
            _ => what.to_string(),
        }
    };
    let no_seats = match seats {
        Some(_) => "unknown: 0 seats",
        None => "unknown: seat count unknown",
    };
    ex.insert(
        "seat_utilisation".into(),
        match t.seat_utilisation(seats) {
            Some(u) => format!(
                "{active} active ÷ {} = {}; active = {win}",
                denom(""),
                pct_opt(Some(u))
            ),
            None if !t.has_usage_data => "unknown: no activity data for this tool".into(),
            None => no_seats.into(),
        },
    );
    ex.insert(
        "allocation".into(),
        match t.allocation(seats) {
            Some(u) => format!("{assigned} assigned ÷ {} = {}", denom(""), pct_opt(Some(u))),
            None => no_seats.into(),
        },
    );
    ex.insert(
        "active_share".into(),
        match t.active_share() {
            Some(u) => format!(
                "{active} active ÷ {assigned} assigned = {}",
                pct_opt(Some(u))
            ),
            None if !t.has_usage_data => "unknown: no activity data for this tool".into(),
            None => "unknown: no account holds a seat".into(),
        },
    );
    t.explain = ex;
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acc(last: LastActivity, status: AccountStatus, ended_on: Option<Date>) -> Account {
        Account {
            person: 0,
            last_activity: last,
            events: None,
            status,
            ended_on,
            sources: vec![],
        }
    }

    #[test]
    fn window_boundaries() {
        let a = Date::new(2026, 11, 22).unwrap();
        // W = 30: window start = A − 29 = 2026-10-24.
        let ws = a.add_days(-29);
        assert_eq!(ws, Date::new(2026, 10, 24));
        let on = |y, m, d| {
            acc(
                LastActivity::On(Date::new(y, m, d).unwrap()),
                AccountStatus::Active,
                None,
            )
        };
        assert_eq!(
            classify(&on(2026, 10, 24), None, Some(a), ws),
            SeatState::Active
        );
        assert_eq!(
            classify(&on(2026, 10, 23), None, Some(a), ws),
            SeatState::Inactive
        );
        // After A still counts as active.
        assert_eq!(
            classify(&on(2026, 12, 1), None, Some(a), ws),
            SeatState::Active
        );
        // Unknown A: a date cannot be classified.
        assert_eq!(
            classify(&on(2026, 11, 1), None, None, None),
            SeatState::ActivityUnknown
        );
        let never = acc(LastActivity::Never, AccountStatus::Active, None);
        assert_eq!(classify(&never, None, Some(a), ws), SeatState::NeverActive);
    }

    #[test]
    fn removed_and_orphaned() {
        let a = Date::new(2026, 11, 22).unwrap();
        let ws = a.add_days(-29);
        let recent = LastActivity::On(a);
        let removed = acc(recent, AccountStatus::Unassigned, None);
        assert_eq!(classify(&removed, None, Some(a), ws), SeatState::Removed);
        assert!(!holds_seat(&removed));
        let ended = acc(recent, AccountStatus::Unassigned, Date::new(2026, 1, 1));
        assert_eq!(classify(&ended, None, Some(a), ws), SeatState::Orphaned);
        let suspended = acc(recent, AccountStatus::Suspended, None);
        assert_eq!(classify(&suspended, None, Some(a), ws), SeatState::Orphaned);
        let future_end = acc(recent, AccountStatus::Active, Date::new(2027, 1, 1));
        assert_eq!(classify(&future_end, None, Some(a), ws), SeatState::Active);
    }
}
