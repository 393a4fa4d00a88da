//! Date helpers every area uses, and the check on dates from outside.
//!
//! Dates from outside (backend, stored data) are checked when they are
//! decoded: chrono holds years up to ±262,143, but the calendar arithmetic
//! and time-zone conversions overflow (and panic) near those limits. A date
//! outside [`MIN_YEAR`]..=[`MAX_YEAR`] is a decode error naming the field,
//! like any other value that does not fit the contract.
//!
//! Every date field of the areas' `model.rs` uses [`checked`] or
//! [`checked_opt`] as its `deserialize_with`; a test in `data/date_checks.rs`
//! walks every collection to prove none is missed.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone};
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{Deserializer, Error, Visitor};

/// The accepted years: wide enough for any business record, narrow enough
/// that adding years, months or time zones can never overflow.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

/// A date-like value with a calendar year.
pub trait HasYear {
    fn year_of(&self) -> i32;
}

impl HasYear for NaiveDate {
    fn year_of(&self) -> i32 {
        self.year()
    }
}

impl HasYear for NaiveDateTime {
    fn year_of(&self) -> i32 {
        self.year()
    }
}

impl<Tz: TimeZone> HasYear for DateTime<Tz> {
    fn year_of(&self) -> i32 {
        // The UTC year: a zone offset cannot move it across the bounds by
        // more than a day, which the margins above absorb.
        self.naive_utc().year()
    }
}

/// True when the value's year is inside the accepted range.
pub fn in_range<T: HasYear>(value: &T) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&value.year_of())
}

fn check<T: HasYear, E: Error>(value: T) -> Result<T, E> {
    if in_range(&value) {
        Ok(value)
    } else {
        Err(E::custom(format!(
            "year {} is outside the accepted range {MIN_YEAR}–{MAX_YEAR}",
            value.year_of()
        )))
    }
}

/// Reads the date from its text and checks it inside the visitor, so that the
/// JSON decoder places a failure at the value and the error names the field
/// (`json_decode`). chrono's own `Deserialize` parses the same text with the
/// same `FromStr`.
struct CheckedVisitor<T>(PhantomData<T>);

impl<'de, T> Visitor<'de> for CheckedVisitor<T>
where
    T: FromStr + HasYear,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date or date-time string")
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<T, E> {
        check(v.parse::<T>().map_err(E::custom)?)
    }
}

/// `deserialize_with` for a required date or date-time field.
pub fn checked<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr + HasYear,
    T::Err: fmt::Display,
{
    deserializer.deserialize_str(CheckedVisitor(PhantomData))
}

struct CheckedOptVisitor<T>(PhantomData<T>);

impl<'de, T> Visitor<'de> for CheckedOptVisitor<T>
where
    T: FromStr + HasYear,
    T::Err: fmt::Display,
{
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date or date-time string, or null")
    }

    fn visit_none<E: Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        checked(d).map(Some)
    }
}

/// `deserialize_with` for an optional one (pair it with `#[serde(default)]`).
pub fn checked_opt<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr + HasYear,
    T::Err: fmt::Display,
{
    deserializer.deserialize_option(CheckedOptVisitor(PhantomData))
}

/// `d` moved by `n` days; dates at chrono's limits stay put rather than
/// panic (checked dates never get near them).
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// Every date of `from..=to` (empty when `to < from`).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// The Monday of `d`'s week (weeks run Monday to Sunday, as in China).
pub fn week_start(d: NaiveDate) -> NaiveDate {
    add_days(d, -i64::from(d.weekday().num_days_from_monday()))
}

/// The first day of `d`'s month.
pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// `YYYY-MM-DD`, as in URLs and exports.
pub fn iso_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bounds_are_inclusive() {
        assert!(in_range(&d(MIN_YEAR, 1, 1)));
        assert!(in_range(&d(MAX_YEAR, 12, 31)));
        assert!(!in_range(&d(MIN_YEAR - 1, 12, 31)));
        assert!(!in_range(&d(MAX_YEAR + 1, 1, 1)));
        assert!(!in_range(&NaiveDate::MAX));
        assert!(!in_range(&NaiveDate::MIN));
    }
}
