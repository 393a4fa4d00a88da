//! How busy a day is: growth over the window, the week's rhythm, the
//! seasons, public holidays and their make-up workdays, Spring Festival and
//! the retail dates, all read from the Chinese calendar around the window.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::domain::chinese_calendar::holidays::{self, Holiday};
use crate::domain::shared::dates::add_days;

/// Year-over-year traffic growth.
const GROWTH_PER_YEAR: f64 = 0.16;

/// Holidays, make-up workdays, retail dates and Lunar New Years around the
/// window.
pub(super) struct Calendar {
    pub(super) holidays: Vec<Holiday>,
    makeup: BTreeSet<NaiveDate>,
    pub(super) retail: Vec<(NaiveDate, &'static str)>,
    lunar_new_years: Vec<NaiveDate>,
}

impl Calendar {
    pub(super) fn new(start: NaiveDate, until: NaiveDate) -> Self {
        let years = (start.year() - 1)..=(until.year() + 1);
        let holidays: Vec<Holiday> = years.clone().flat_map(holidays::holidays).collect();
        let makeup = holidays
            .iter()
            .flat_map(|h| h.makeup_workdays.iter().copied())
            .collect();
        let retail = years
            .clone()
            .flat_map(holidays::retail_dates)
            .map(|(d, zh, _)| (d, zh))
            .collect();
        let lunar_new_years = years.filter_map(holidays::lunar_new_year).collect();
        Calendar {
            holidays,
            makeup,
            retail,
            lunar_new_years,
        }
    }

    fn holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays.iter().find(|h| h.contains(date))
    }

    /// The latest holiday with this Chinese name that starts on or before
    /// `date` (names such as "国庆节、中秋节" match "国庆节").
    pub(super) fn latest_holiday(&self, name: &str, date: NaiveDate) -> Option<&Holiday> {
        self.holidays
            .iter()
            .filter(|h| h.name_zh.contains(name) && h.start <= date)
            .max_by_key(|h| h.start)
    }

    fn retail_on(&self, date: NaiveDate) -> Option<&'static str> {
        self.retail.iter().find(|r| r.0 == date).map(|r| r.1)
    }

    /// Days from the nearest Lunar New Year (negative before it).
    fn lunar_offset(&self, date: NaiveDate) -> Option<i64> {
        self.lunar_new_years
            .iter()
            .map(|lny| (date - *lny).num_days())
            .min_by_key(|off| off.abs())
    }

    /// The latest Lunar New Year whose run-up (three weeks) has begun by `date`.
    pub(super) fn latest_lunar_new_year(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.lunar_new_years
            .iter()
            .copied()
            .filter(|lny| add_days(*lny, -21) <= date)
            .max()
    }
}

/// How busy a day is relative to an ordinary day at the window start.
pub(super) fn day_factor(date: NaiveDate, start: NaiveDate, cal: &Calendar) -> f64 {
    let years = (date - start).num_days() as f64 / 365.0;
    let trend = 1.0 + GROWTH_PER_YEAR * years;

    let holiday = cal.holiday(date);
    let weekday = if holiday.is_some() {
        // Days off behave like weekends: families eat out and order in.
        1.18
    } else if cal.makeup.contains(&date) {
        0.95
    } else {
        match date.weekday() {
            Weekday::Mon => 0.92,
            Weekday::Tue => 0.90,
            Weekday::Wed => 0.93,
            Weekday::Thu => 0.96,
            Weekday::Fri => 1.06,
            Weekday::Sat => 1.28,
            Weekday::Sun => 1.22,
        }
    };

    // Summer is the peak for a snack and drinks chain; winter is quieter.
    let season = match date.month() {
        1 => 0.96,
        2 => 0.95,
        3 => 0.98,
        4 => 1.0,
        5 => 1.03,
        6 => 1.06,
        7 => 1.13,
        8 => 1.15,
        9 => 1.04,
        10 => 1.02,
        11 => 0.98,
        _ => 0.97,
    };

    let holiday_bonus = match holiday.map(|h| h.name_zh) {
        Some(name) if name.contains("国庆") => 1.2,
        Some(name) if name.contains("劳动") => 1.16,
        Some(name) if name.contains("中秋") => 1.12,
        Some(name) if name.contains("端午") => 1.1,
        Some(name) if name.contains("元旦") => 1.08,
        Some(name) if name.contains("清明") => 1.03,
        _ => 1.0,
    };

    // Spring Festival: the 年货 run-up peaks, the festival days stay busy,
    // then offices and schools restart slowly and traffic dips for weeks.
    let spring = match cal.lunar_offset(date) {
        Some(off @ -21..=-8) => 1.0 + 0.22 * (off + 21) as f64 / 13.0,
        Some(-7..=-2) => 1.25,
        Some(-1..=6) => 1.1,
        Some(off @ 7..=27) => 0.84 + 0.14 * (off - 7) as f64 / 20.0,
        _ => 1.0,
    };

    let retail = match cal.retail_on(date) {
        Some("双11") => 1.15,
        Some("618年中大促") => 1.12,
        Some("七夕") => 1.12,
        Some("520") => 1.1,
        Some(_) => 1.06,
        None => 1.0,
    };

    trend * weekday * season * holiday_bonus * spring * retail
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::{d, daily_visits, data};

    fn mean(xs: &[u64]) -> f64 {
        xs.iter().sum::<u64>() as f64 / xs.len().max(1) as f64
    }

    #[test]
    fn weekly_rhythm_and_holidays_show() {
        let daily = daily_visits(data());
        let pick = |pred: &dyn Fn(NaiveDate) -> bool| -> Vec<u64> {
            daily
                .iter()
                .filter(|(d, _)| pred(**d))
                .map(|(_, v)| *v)
                .collect()
        };
        let weekend = mean(&pick(&|d| d.weekday().number_from_monday() >= 6));
        let weekday = mean(&pick(&|d| d.weekday().number_from_monday() <= 5));
        assert!(
            weekend > weekday * 1.15,
            "weekend {weekend} weekday {weekday}"
        );

        let holiday = mean(&pick(&holidays::is_holiday));
        let workday = mean(&pick(&|d| holidays::is_workday(d)));
        assert!(
            holiday > workday * 1.2,
            "holiday {holiday} workday {workday}"
        );

        // National Day beats the ordinary weeks around it.
        let golden = mean(&pick(&|x| (d(2026, 10, 1)..=d(2026, 10, 7)).contains(&x)));
        let september = mean(&pick(&|x| (d(2026, 9, 1)..=d(2026, 9, 14)).contains(&x)));
        assert!(
            golden > september * 1.2,
            "golden {golden} september {september}"
        );

        // The weeks after Spring Festival dip below the run-up.
        let runup = mean(&pick(&|x| (d(2026, 2, 1)..=d(2026, 2, 14)).contains(&x)));
        let after = mean(&pick(&|x| (d(2026, 2, 26)..=d(2026, 3, 10)).contains(&x)));
        assert!(runup > after * 1.2, "run-up {runup} after {after}");
    }
}
