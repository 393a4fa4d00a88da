//! The security routine: when each check is next due, and which are overdue.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::health::model::SecurityCheck;
use crate::domain::shared::labelled::labelled_enum;

/// A certificate must be renewed this many days before it expires.
pub const CERTIFICATE_MARGIN_DAYS: u64 = 30;
/// A check due within this many days is "due soon".
pub const DUE_SOON_DAYS: i64 = 7;

labelled_enum! {
    /// Where a check stands today.
    CheckState {
        Overdue = "overdue", "已逾期", "Overdue";
        DueSoon = "due_soon", "即将到期", "Due soon";
        Ok = "ok", "按计划", "On schedule";
        Unscheduled = "unscheduled", "未排期", "Not scheduled";
    }
}

/// The day the check is next due: last done plus its interval (never done:
/// due now), and for a certificate no later than 30 days before it expires.
pub fn due_date(c: &SecurityCheck, today: NaiveDate) -> Option<NaiveDate> {
    let by_interval = if c.interval_days == 0 {
        None
    } else {
        Some(match c.last_done {
            Some(d) => d
                .checked_add_days(Days::new(u64::from(c.interval_days)))
                .unwrap_or(NaiveDate::MAX),
            None => today,
        })
    };
    let by_expiry = c
        .expires
        .and_then(|e| e.checked_sub_days(Days::new(CERTIFICATE_MARGIN_DAYS)));
    match (by_interval, by_expiry) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The state and the days until due (negative: days overdue).
pub fn state(c: &SecurityCheck, today: NaiveDate) -> (CheckState, Option<i64>) {
    let Some(due) = due_date(c, today) else {
        return (CheckState::Unscheduled, None);
    };
    let days = (due - today).num_days();
    let state = if days < 0 || (c.last_done.is_none() && c.interval_days > 0) {
        CheckState::Overdue
    } else if days <= DUE_SOON_DAYS {
        CheckState::DueSoon
    } else {
        CheckState::Ok
    };
    (state, Some(days))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::health::model::SecurityCheckKind;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn check(interval: u32, last: Option<NaiveDate>, expires: Option<NaiveDate>) -> SecurityCheck {
        SecurityCheck {
            id: "s".into(),
            name: "s".into(),
            kind: SecurityCheckKind::VulnerabilityScan,
            interval_days: interval,
            last_done: last,
            expires,
            owner: String::new(),
            note: String::new(),
        }
    }

    #[test]
    fn due_dates_and_states() {
        let today = d(11, 28);
        // Monthly scan last run 10-20: due 11-19, 9 days overdue.
        assert_eq!(
            state(&check(30, Some(d(10, 20)), None), today),
            (CheckState::Overdue, Some(-9))
        );
        // Quarterly review done 11-01: due 01-30, fine.
        assert_eq!(
            state(&check(90, Some(d(11, 1)), None), today).0,
            CheckState::Ok
        );
        // Due in 5 days.
        assert_eq!(
            state(&check(30, Some(d(11, 3)), None), today),
            (CheckState::DueSoon, Some(5))
        );
        // Never done: overdue now.
        assert_eq!(
            state(&check(30, None, None), today),
            (CheckState::Overdue, Some(0))
        );
        // Certificate expiring 12-20: renew by 11-20, whatever the interval says.
        let cert = check(365, Some(d(1, 5)), Some(d(12, 20)));
        assert_eq!(due_date(&cert, today), Some(d(11, 20)));
        assert_eq!(state(&cert, today).0, CheckState::Overdue);
        assert_eq!(
            state(&check(0, None, None), today),
            (CheckState::Unscheduled, None)
        );
    }
}
