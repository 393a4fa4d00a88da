//! Small helpers every section of the generator uses: moving and building
//! dates, month and quarter keys, money in fen precision, counts from
//! floats, picking from a list with a fallback. Ratios come from the
//! domain (`domain::shared::ratio`, zero where it has none), and so does moving a
//! date (`domain::shared::dates::add_days`), so the demo
//! divides the way the cockpit does.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::data::embedded::rng::Rng;
use crate::domain::shared::dates::add_days;

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(super) fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

pub(super) fn quarter_key(date: NaiveDate, offset: i32) -> String {
    let index = date.year() * 4 + (date.month0() / 3) as i32 + offset;
    format!("{}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1)
}

pub(super) fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default())
}

/// Money is shown in yuan with fen precision.
pub(super) fn money(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub(super) fn to_u32(x: f64) -> u32 {
    x.round().clamp(0.0, f64::from(u32::MAX)) as u32
}

pub(super) fn pick_or<T: Copy>(rng: &mut Rng, items: &[T], fallback: T) -> T {
    rng.pick(items).copied().unwrap_or(fallback)
}

/// The most recent occurrence (start not after `end`) of a yearly window
/// given as month/day pairs.
pub(super) fn recent_yearly(
    end: NaiveDate,
    from: (u32, u32),
    to: (u32, u32),
) -> (NaiveDate, NaiveDate) {
    for year in [end.year(), end.year() - 1] {
        if let (Some(s), Some(e)) = (ymd(year, from.0, from.1), ymd(year, to.0, to.1)) {
            if s <= end {
                return (s, e);
            }
        }
    }
    (add_days(end, -30), add_days(end, -20))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::d;

    #[test]
    fn quarter_keys_step_across_years() {
        assert_eq!(quarter_key(d(2026, 11, 24), 0), "2026-Q4");
        assert_eq!(quarter_key(d(2026, 11, 24), 1), "2027-Q1");
        assert_eq!(quarter_key(d(2026, 1, 5), -1), "2025-Q4");
    }
}
