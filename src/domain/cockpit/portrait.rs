//! The user portrait: the gender/age shares that scale facts under a
//! gender or age filter, and the portrait's breakdown for the charts.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::cockpit::dimensions::{AgeBand, District, Gender};
use crate::domain::cockpit::filter::Filter;
use crate::domain::cockpit::model::PortraitRow;
use crate::domain::shared::period::Period;
use crate::domain::shared::ratio::ratio;

const DISTRICTS: usize = District::ALL.len();

/// Months as a running number, so "2026-11" needs no string per lookup.
fn month_number(year: i32, month: u32) -> i32 {
    year * 12 + month as i32 - 1
}

fn parse_month(s: &str) -> Option<i32> {
    let (y, m) = s.split_once('-')?;
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (1..=12).contains(&m).then(|| month_number(y, m))
}

fn date_month(d: NaiveDate) -> i32 {
    month_number(d.year(), d.month())
}

/// For each (month, district): the share of the portrait's visitors in the
/// selected gender and/or age band. Facts have no gender or age, so a
/// gender/age filter scales each fact by this share. Absent → 0.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PortraitShares {
    /// Sorted by month number.
    months: Vec<(i32, [f64; DISTRICTS])>,
}

impl PortraitShares {
    pub fn build(portrait: &[PortraitRow], gender: Option<Gender>, age: Option<AgeBand>) -> Self {
        let mut sums: BTreeMap<i32, [(f64, f64); DISTRICTS]> = BTreeMap::new();
        for r in portrait {
            let Some(m) = parse_month(&r.month) else {
                continue;
            };
            let cells = sums.entry(m).or_insert([(0.0, 0.0); DISTRICTS]);
            if let Some((hit, all)) = cells.get_mut(r.district as usize) {
                let v = f64::from(r.visitors);
                *all += v;
                if gender.is_none_or(|g| g == r.gender) && age.is_none_or(|a| a == r.age_band) {
                    *hit += v;
                }
            }
        }
        let months = sums
            .into_iter()
            .map(|(m, cells)| (m, cells.map(|(hit, all)| ratio(hit, all).unwrap_or(0.0))))
            .collect();
        PortraitShares { months }
    }

    pub(super) fn month_row(&self, date: NaiveDate) -> Option<&[f64; DISTRICTS]> {
        let m = date_month(date);
        let i = self.months.binary_search_by_key(&m, |(k, _)| *k).ok()?;
        self.months.get(i).map(|(_, row)| row)
    }

    /// The share for `district` in the month of `date`; 0 when unknown.
    pub fn share(&self, date: NaiveDate, district: District) -> f64 {
        self.month_row(date)
            .and_then(|row| row.get(district as usize))
            .copied()
            .unwrap_or(0.0)
    }
}

/// Portrait visitors by gender and by age band, every slice listed.
pub type PortraitSplit = (Vec<(Gender, u64)>, Vec<(AgeBand, u64)>);

/// Portrait visitors by gender and by age band over the months `period`
/// touches, for the district filter. Cross-filter rule: the gender split
/// applies the age filter but not its own, the age split the reverse, so
/// each chart keeps showing every slice. Channel and platform are not
/// portrait dimensions and do not apply.
pub fn portrait_breakdown(
    portrait: &[PortraitRow],
    period: &Period,
    filter: &Filter,
) -> PortraitSplit {
    let (first, last) = (date_month(period.start), date_month(period.end));
    let mut genders: Vec<(Gender, u64)> = Gender::ALL.iter().map(|g| (*g, 0)).collect();
    let mut ages: Vec<(AgeBand, u64)> = AgeBand::ALL.iter().map(|a| (*a, 0)).collect();
    for r in portrait {
        if filter.district.is_some_and(|d| d != r.district) {
            continue;
        }
        if !parse_month(&r.month).is_some_and(|m| first <= m && m <= last) {
            continue;
        }
        let v = u64::from(r.visitors);
        if filter.age.is_none_or(|a| a == r.age_band) {
            if let Some((_, n)) = genders.get_mut(r.gender as usize) {
                *n += v;
            }
        }
        if filter.gender.is_none_or(|g| g == r.gender) {
            if let Some((_, n)) = ages.get_mut(r.age_band as usize) {
                *n += v;
            }
        }
    }
    (genders, ages)
}
