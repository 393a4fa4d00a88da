//! The local calendar day, read once here for every page. Daily figures
//! arrive a day late (T+1), so "the last day with data" is yesterday. In
//! browser tests the page's clock is pinned, and these follow it.

use chrono::{Days, Local, NaiveDate};

/// Today on the local calendar.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Yesterday: the last day daily figures can cover.
pub fn last_data_day() -> NaiveDate {
    let today = today();
    today.checked_sub_days(Days::new(1)).unwrap_or(today)
}
