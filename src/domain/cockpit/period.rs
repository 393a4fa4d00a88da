//! Reporting periods, the period they are compared with, chart buckets and
//! the cockpit's view state as it is kept in the URL.
//!
//! Daily statistics arrive T+1, so every relative period is anchored on the
//! last day that has data rather than on the wall clock: "yesterday" is that
//! day, and a 30-day view ends on it.

use std::collections::BTreeMap;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::shared::dates::{first_of_month, week_start};

use crate::domain::cockpit::filter::Filter;
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    /// The period picker's choices.
    Preset {
        Yesterday = "yesterday", "昨天", "Yesterday";
        Last7 = "7d", "近7天", "Last 7 days";
        Last30 = "30d", "近30天", "Last 30 days";
        Last90 = "90d", "近90天", "Last 90 days";
        ThisMonth = "this_month", "本月", "This month";
        LastMonth = "last_month", "上月", "Last month";
        Custom = "custom", "自定义", "Custom";
    }
}

// `#[default]` on a variant cannot pass through `labelled_enum!`.
#[allow(clippy::derivable_impls)]
impl Default for Preset {
    fn default() -> Self {
        Preset::Last30
    }
}

labelled_enum! {
    /// What the current period is compared with.
    Comparison {
        Previous = "previous", "上一周期", "Previous period";
        YearAgo = "year", "去年同期", "Same period last year";
        None = "none", "不对比", "No comparison";
    }
}

// `#[default]` on a variant cannot pass through `labelled_enum!`.
#[allow(clippy::derivable_impls)]
impl Default for Comparison {
    fn default() -> Self {
        Comparison::Previous
    }
}

impl Comparison {
    /// The period to compare `p` with, if any.
    pub fn period(self, p: &Period) -> Option<Period> {
        match self {
            Comparison::Previous => Some(p.previous()),
            Comparison::YearAgo => Some(p.year_ago()),
            Comparison::None => None,
        }
    }
}

labelled_enum! {
    /// The step of the trend chart's x axis.
    Granularity {
        Day = "day", "按日", "By day";
        Week = "week", "按周", "By week";
        Month = "month", "按月", "By month";
    }
}

// `#[default]` on a variant cannot pass through `labelled_enum!`.
#[allow(clippy::derivable_impls)]
impl Default for Granularity {
    fn default() -> Self {
        Granularity::Day
    }
}

impl Granularity {
    /// The bucket `d` falls in, named by its first day: the date itself, the
    /// Monday of its ISO week, or the 1st of its month.
    pub fn bucket(self, d: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Day => d,
            Granularity::Week => week_start(d),
            Granularity::Month => first_of_month(d),
        }
    }

    /// The first day of the bucket after the one starting on `bucket`.
    fn next(self, bucket: NaiveDate) -> Option<NaiveDate> {
        match self {
            Granularity::Day => bucket.succ_opt(),
            Granularity::Week => bucket.checked_add_days(Days::new(7)),
            Granularity::Month => first_of_month(bucket).checked_add_months(Months::new(1)),
        }
    }

    /// Every bucket that overlaps `p`, in order. The first may start before
    /// `p.start` (a week or month already under way); it still only holds
    /// the period's own days.
    pub fn buckets(self, p: &Period) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut b = self.bucket(p.start);
        while b <= p.end {
            out.push(b);
            match self.next(b) {
                Some(n) => b = n,
                None => break,
            }
        }
        out
    }
}

/// Longest custom period accepted from a URL; keeps a hand-edited link
/// from asking for millions of chart buckets.
pub const MAX_CUSTOM_DAYS: u32 = 1096;

/// An inclusive range of calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// The period between two days, in whichever order they come.
    pub fn new(a: NaiveDate, b: NaiveDate) -> Period {
        Period {
            start: a.min(b),
            end: a.max(b),
        }
    }

    /// The `days` days ending on `end` (at least one).
    pub fn ending(end: NaiveDate, days: u32) -> Period {
        let back = u64::from(days.max(1) - 1);
        Period {
            start: end.checked_sub_days(Days::new(back)).unwrap_or(end),
            end,
        }
    }

    /// Number of days, both ends included (0 if the ends are reversed).
    pub fn days(&self) -> u32 {
        u32::try_from((self.end - self.start).num_days() + 1).unwrap_or(0)
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Every day of the period in order.
    pub fn iter_days(&self) -> impl Iterator<Item = NaiveDate> {
        self.start.iter_days().take(self.days() as usize)
    }

    /// The period of the same length that ends the day before this starts.
    pub fn previous(&self) -> Period {
        let end = self.start.pred_opt().unwrap_or(self.start);
        Period::ending(end, self.days())
    }

    /// The same calendar dates one year earlier; Feb 29 becomes Feb 28.
    pub fn year_ago(&self) -> Period {
        let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
        Period {
            start: back(self.start),
            end: back(self.end),
        }
    }

    /// The period a preset stands for, given the last day with data.
    /// Custom dates later than `last_day` are pulled back to it, reversed
    /// dates are swapped, a missing end is `last_day`, a missing start gives
    /// 30 days, and the length is capped at [`MAX_CUSTOM_DAYS`].
    pub fn resolve(
        preset: Preset,
        last_day: NaiveDate,
        custom_from: Option<NaiveDate>,
        custom_to: Option<NaiveDate>,
    ) -> Period {
        match preset {
            Preset::Yesterday => Period::ending(last_day, 1),
            Preset::Last7 => Period::ending(last_day, 7),
            Preset::Last30 => Period::ending(last_day, 30),
            Preset::Last90 => Period::ending(last_day, 90),
            Preset::ThisMonth => Period {
                start: first_of_month(last_day),
                end: last_day,
            },
            Preset::LastMonth => {
                let this_month = first_of_month(last_day);
                let end = this_month.pred_opt().unwrap_or(this_month);
                Period {
                    start: first_of_month(end),
                    end,
                }
            }
            Preset::Custom => {
                let clamp = |d: NaiveDate| d.min(last_day);
                let p = match (custom_from, custom_to) {
                    (Some(f), Some(t)) => Period::new(clamp(f), clamp(t)),
                    (Some(f), None) => Period::new(clamp(f), last_day),
                    (None, Some(t)) => Period::ending(clamp(t), 30),
                    (None, None) => Period::ending(last_day, 30),
                };
                if p.days() > MAX_CUSTOM_DAYS {
                    Period::ending(p.end, MAX_CUSTOM_DAYS)
                } else {
                    p
                }
            }
        }
    }
}

/// Every URL parameter the cockpit owns, so a page can clear them all.
pub const COCKPIT_PARAMS: &[&str] = &[
    "period", "from", "to", "compare", "grain", "metric", "metric2", "district", "channel",
    "platform", "gender", "age",
];

/// The cockpit's whole view state, read from and written to URL parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct CockpitQuery {
    pub preset: Preset,
    /// Only kept for [`Preset::Custom`].
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub compare: Comparison,
    pub grain: Granularity,
    /// The trend chart's metric and an optional second one.
    pub metric: Kpi,
    pub metric2: Option<Kpi>,
    pub filter: Filter,
}

impl Default for CockpitQuery {
    fn default() -> Self {
        CockpitQuery {
            preset: Preset::default(),
            from: None,
            to: None,
            compare: Comparison::default(),
            grain: Granularity::default(),
            metric: Kpi::Visitors,
            metric2: None,
            filter: Filter::default(),
        }
    }
}

impl CockpitQuery {
    /// Reads URL parameters. A missing or unknown value falls back to its
    /// default: a stale or hand-edited link still opens a sensible view.
    pub fn from_params(params: &BTreeMap<String, String>) -> CockpitQuery {
        let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
        let date = |k: &str| NaiveDate::parse_from_str(get(k), "%Y-%m-%d").ok();
        let preset = Preset::from_id(get("period")).unwrap_or_default();
        let custom = preset == Preset::Custom;
        let metric = Kpi::from_key(get("metric")).unwrap_or(Kpi::Visitors);
        CockpitQuery {
            preset,
            from: date("from").filter(|_| custom),
            to: date("to").filter(|_| custom),
            compare: Comparison::from_id(get("compare")).unwrap_or_default(),
            grain: Granularity::from_id(get("grain")).unwrap_or_default(),
            metric,
            // Plotting a metric against itself says nothing.
            metric2: Kpi::from_key(get("metric2")).filter(|k| *k != metric),
            filter: Filter::from_params(get),
        }
    }

    /// The parameters for this view; defaults are left out so links stay short
    /// and equal views give equal links.
    pub fn to_params(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            out.insert(k.to_string(), v);
        };
        if self.preset != Preset::default() {
            put("period", self.preset.id().into());
        }
        if self.preset == Preset::Custom {
            if let Some(f) = self.from {
                put("from", f.format("%Y-%m-%d").to_string());
            }
            if let Some(t) = self.to {
                put("to", t.format("%Y-%m-%d").to_string());
            }
        }
        if self.compare != Comparison::default() {
            put("compare", self.compare.id().into());
        }
        if self.grain != Granularity::default() {
            put("grain", self.grain.id().into());
        }
        if self.metric != Kpi::Visitors {
            put("metric", self.metric.key().into());
        }
        if let Some(m) = self.metric2 {
            put("metric2", m.key().into());
        }
        self.filter.put_params(put);
        out
    }

    /// The period this view shows.
    pub fn period(&self, last_day: NaiveDate) -> Period {
        Period::resolve(self.preset, last_day, self.from, self.to)
    }

    /// The period it is compared with, if any.
    pub fn comparison_period(&self, last_day: NaiveDate) -> Option<Period> {
        self.compare.period(&self.period(last_day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::dimensions::{AgeBand, District};
    use crate::i18n::Lang;
    use chrono::Datelike;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn ids_and_labels() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_id(p.id()), Some(*p));
        }
        assert_eq!(Preset::Last7.id(), "7d");
        assert_eq!(Preset::ThisMonth.label(Lang::Zh), "本月");
        assert_eq!(Preset::LastMonth.label(Lang::Zh), "上月");
        assert_eq!(Comparison::YearAgo.id(), "year");
        assert_eq!(Comparison::Previous.label(Lang::Zh), "上一周期");
        assert_eq!(Comparison::None.label(Lang::Zh), "不对比");
        assert_eq!(Granularity::Week.label(Lang::Zh), "按周");
        assert_eq!(Granularity::from_id("hour"), None);
    }

    #[test]
    fn period_basics() {
        let p = Period::new(d(2026, 11, 30), d(2026, 11, 1));
        assert_eq!(p.start, d(2026, 11, 1));
        assert_eq!(p.days(), 30);
        assert!(p.contains(d(2026, 11, 1)) && p.contains(d(2026, 11, 30)));
        assert!(!p.contains(d(2026, 12, 1)));
        assert_eq!(p.iter_days().count(), 30);
        let prev = p.previous();
        assert_eq!(prev, Period::new(d(2026, 10, 2), d(2026, 10, 31)));
        assert_eq!(prev.days(), 30);
        let single = Period::ending(d(2026, 3, 1), 1);
        assert_eq!(single.days(), 1);
        assert_eq!(single.previous(), Period::ending(d(2026, 2, 28), 1));
        let reversed = Period {
            start: d(2026, 1, 2),
            end: d(2026, 1, 1),
        };
        assert_eq!(reversed.days(), 0);
    }

    #[test]
    fn year_ago_maps_feb_29_to_feb_28() {
        let p = Period::new(d(2024, 2, 29), d(2024, 3, 10));
        let y = p.year_ago();
        assert_eq!(y, Period::new(d(2023, 2, 28), d(2023, 3, 10)));
        let q = Period::new(d(2025, 11, 1), d(2025, 11, 30)).year_ago();
        assert_eq!(q, Period::new(d(2024, 11, 1), d(2024, 11, 30)));
        assert_eq!(
            Comparison::YearAgo.period(&p),
            Some(y),
            "the comparison uses the same rule"
        );
        assert_eq!(Comparison::None.period(&p), None);
    }

    #[test]
    fn presets_relative_to_last_day() {
        let last = d(2026, 11, 25);
        let r = |p| Period::resolve(p, last, None, None);
        assert_eq!(r(Preset::Yesterday), Period::new(last, last));
        assert_eq!(r(Preset::Last7), Period::new(d(2026, 11, 19), last));
        assert_eq!(r(Preset::Last30), Period::new(d(2026, 10, 27), last));
        assert_eq!(r(Preset::Last90).days(), 90);
        assert_eq!(r(Preset::Last90).end, last);
        assert_eq!(r(Preset::ThisMonth), Period::new(d(2026, 11, 1), last));
        assert_eq!(
            r(Preset::LastMonth),
            Period::new(d(2026, 10, 1), d(2026, 10, 31))
        );
        // January's "last month" is the previous year's December.
        assert_eq!(
            Period::resolve(Preset::LastMonth, d(2027, 1, 3), None, None),
            Period::new(d(2026, 12, 1), d(2026, 12, 31))
        );
        // On the 1st, "this month" is that one day.
        assert_eq!(
            Period::resolve(Preset::ThisMonth, d(2026, 12, 1), None, None).days(),
            1
        );
    }

    #[test]
    fn custom_periods_clamp_and_swap() {
        let last = d(2026, 11, 25);
        let c = |f, t| Period::resolve(Preset::Custom, last, f, t);
        assert_eq!(
            c(Some(d(2026, 11, 10)), Some(d(2026, 11, 1))),
            Period::new(d(2026, 11, 1), d(2026, 11, 10))
        );
        assert_eq!(
            c(Some(d(2026, 11, 20)), Some(d(2027, 5, 1))),
            Period::new(d(2026, 11, 20), last)
        );
        assert_eq!(
            c(Some(d(2026, 11, 20)), None),
            Period::new(d(2026, 11, 20), last)
        );
        assert_eq!(c(None, None), Period::ending(last, 30));
        assert_eq!(
            c(None, Some(d(2026, 6, 30))),
            Period::ending(d(2026, 6, 30), 30)
        );
        let huge = c(Some(d(1900, 1, 1)), None);
        assert_eq!(huge.days(), MAX_CUSTOM_DAYS);
        assert_eq!(huge.end, last);
        // Both ends in the future collapse onto the last day.
        assert_eq!(
            c(Some(d(2030, 1, 1)), Some(d(2031, 1, 1))),
            Period::new(last, last)
        );
    }

    #[test]
    fn week_buckets_start_on_monday() {
        // 2026-11-25 is a Wednesday.
        assert_eq!(Granularity::Week.bucket(d(2026, 11, 25)), d(2026, 11, 23));
        assert_eq!(Granularity::Week.bucket(d(2026, 11, 23)), d(2026, 11, 23));
        assert_eq!(Granularity::Week.bucket(d(2026, 11, 29)), d(2026, 11, 23));
        // A week crossing the new year belongs to its Monday.
        assert_eq!(Granularity::Week.bucket(d(2027, 1, 1)), d(2026, 12, 28));
        let p = Period::new(d(2026, 11, 1), d(2026, 11, 30));
        let weeks = Granularity::Week.buckets(&p);
        assert_eq!(weeks.first(), Some(&d(2026, 10, 26)));
        assert_eq!(weeks.last(), Some(&d(2026, 11, 30)));
        assert_eq!(weeks.len(), 6);
        assert!(weeks.iter().all(|w| w.weekday() == chrono::Weekday::Mon));
    }

    #[test]
    fn day_and_month_buckets() {
        let p = Period::new(d(2026, 10, 15), d(2027, 1, 2));
        assert_eq!(Granularity::Day.buckets(&p).len(), p.days() as usize);
        assert_eq!(
            Granularity::Month.buckets(&p),
            vec![
                d(2026, 10, 1),
                d(2026, 11, 1),
                d(2026, 12, 1),
                d(2027, 1, 1)
            ]
        );
        assert_eq!(Granularity::Month.bucket(d(2026, 2, 28)), d(2026, 2, 1));
        let one = Period::new(d(2026, 3, 4), d(2026, 3, 4));
        assert_eq!(Granularity::Day.buckets(&one), vec![d(2026, 3, 4)]);
    }

    #[test]
    fn query_defaults_and_unknown_values() {
        let q = CockpitQuery::from_params(&BTreeMap::new());
        assert_eq!(q, CockpitQuery::default());
        assert_eq!(q.preset, Preset::Last30);
        assert_eq!(q.compare, Comparison::Previous);
        assert_eq!(q.grain, Granularity::Day);
        assert_eq!(q.metric, Kpi::Visitors);
        assert_eq!(q.metric2, None);
        assert!(q.to_params().is_empty());

        let bad = params(&[
            ("period", "fortnight"),
            ("compare", "decade"),
            ("grain", "hour"),
            ("metric", "likes"),
            ("metric2", "none"),
            ("district", "atlantis"),
            ("age", "99"),
            ("from", "2026-13-01"),
            ("unrelated", "x"),
        ]);
        assert_eq!(CockpitQuery::from_params(&bad), CockpitQuery::default());
        // Dates only count for a custom period.
        let not_custom = params(&[("period", "7d"), ("from", "2026-01-01")]);
        assert_eq!(CockpitQuery::from_params(&not_custom).from, None);
        // A second metric equal to the first is dropped.
        let same = params(&[("metric", "orders"), ("metric2", "orders")]);
        assert_eq!(CockpitQuery::from_params(&same).metric2, None);
    }

    #[test]
    fn query_round_trip() {
        let p = params(&[
            ("period", "custom"),
            ("from", "2026-10-01"),
            ("to", "2026-10-31"),
            ("compare", "year"),
            ("grain", "week"),
            ("metric", "revenue"),
            ("metric2", "conversionRate"),
            ("district", "heping"),
            ("channel", "offline_qr"),
            ("platform", "harmony"),
            ("gender", "female"),
            ("age", "25_34"),
        ]);
        let q = CockpitQuery::from_params(&p);
        assert_eq!(q.preset, Preset::Custom);
        assert_eq!(q.from, Some(d(2026, 10, 1)));
        assert_eq!(q.compare, Comparison::YearAgo);
        assert_eq!(q.metric2, Some(Kpi::ConversionRate));
        assert_eq!(q.filter.district, Some(District::Heping));
        assert_eq!(q.filter.age, Some(AgeBand::From25To34));
        assert_eq!(q.to_params(), p);
        assert_eq!(CockpitQuery::from_params(&q.to_params()), q);
        assert!(q
            .to_params()
            .keys()
            .all(|k| COCKPIT_PARAMS.contains(&k.as_str())));
        let last = d(2026, 11, 25);
        assert_eq!(q.period(last), Period::new(d(2026, 10, 1), d(2026, 10, 31)));
        assert_eq!(
            q.comparison_period(last),
            Some(Period::new(d(2025, 10, 1), d(2025, 10, 31)))
        );
    }
}
