//! The cockpit's view state as it is kept in the URL: the shared period
//! controls plus the trend metrics and the cross-filters.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::cockpit::filter::Filter;
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::shared::period::{Comparison, Granularity, Period, PeriodQuery, Preset};

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
        let period = PeriodQuery::from_params(params);
        let metric = Kpi::from_key(get("metric")).unwrap_or(Kpi::Visitors);
        CockpitQuery {
            preset: period.preset,
            from: period.from,
            to: period.to,
            compare: period.compare,
            grain: period.grain,
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
        self.period_query().period(last_day)
    }

    /// The shared period part of this view.
    pub fn period_query(&self) -> PeriodQuery {
        PeriodQuery {
            preset: self.preset,
            from: self.from,
            to: self.to,
            compare: self.compare,
            grain: self.grain,
        }
    }

    /// The period it is compared with, if any.
    pub fn comparison_period(&self, last_day: NaiveDate) -> Option<Period> {
        self.period_query().comparison_period(last_day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::dimensions::{AgeBand, District};
    use crate::domain::shared::period::MAX_CUSTOM_DAYS;
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
