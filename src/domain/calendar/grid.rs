//! The month and week grids (Monday first).

use chrono::{Months, NaiveDate};

use crate::domain::shared::dates::{add_days, week_start};

/// Monday … Sunday of `date`'s week.
pub fn week_days(date: NaiveDate) -> [NaiveDate; 7] {
    let monday = week_start(date);
    std::array::from_fn(|i| add_days(monday, i as i64))
}

/// The weeks (Monday first) that cover `month` of `year`: 4 to 6 rows, with
/// the neighbouring months' days filling the first and last row. Empty for
/// an invalid month.
pub fn month_grid(year: i32, month: u32) -> Vec<[NaiveDate; 7]> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let last = first
        .checked_add_months(Months::new(1))
        .map_or(first, |d| add_days(d, -1));
    let mut out = Vec::new();
    let mut monday = week_start(first);
    while monday <= last && out.len() < 6 {
        out.push(week_days(monday));
        monday = add_days(monday, 7);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::test_support::d;

    #[test]
    fn grids_start_on_monday() {
        let feb = month_grid(2026, 2);
        assert_eq!(feb.len(), 5);
        assert_eq!(feb[0][0], d(2026, 1, 26));
        assert_eq!(feb[4][6], d(2026, 3, 1));
        let mar = month_grid(2026, 3);
        assert_eq!(mar.len(), 6);
        assert_eq!(mar[5][1], d(2026, 3, 31));
        // February 2021 starts on a Monday and fills exactly four rows.
        assert_eq!(month_grid(2021, 2).len(), 4);
        assert!(month_grid(2026, 13).is_empty());
        let week = week_days(d(2026, 10, 1));
        assert_eq!(week[0], d(2026, 9, 28));
        assert_eq!(week[6], d(2026, 10, 4));
        assert_eq!(week_days(d(2026, 9, 28)), week);
        assert_eq!(week_start(d(2026, 10, 4)), d(2026, 9, 28));
    }
}
