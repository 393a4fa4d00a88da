//! The cockpit's one-pass aggregation ([`Cockpit::compute`]) and what it
//! yields ([`CockpitData`]).
//!
//! It runs on every filter change over ~90,000 facts in wasm, so it is one
//! pass over the date-sorted facts of the periods involved, into fixed-size
//! accumulators, without per-fact allocation.

use chrono::NaiveDate;

use crate::domain::cockpit::anomalies::{anomalies, ANOMALY_WINDOW};
use crate::domain::cockpit::dimensions::{AgeBand, Channel, District, Gender, Platform};
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::cockpit::model::{MetricFact, PortraitRow};
use crate::domain::cockpit::portrait::{portrait_breakdown, PortraitShares};
use crate::domain::cockpit::query::CockpitQuery;
use crate::domain::cockpit::totals::{Acc, Totals};
use crate::domain::shared::period::Period;
use crate::domain::shared::ratio::change;

const DISTRICTS: usize = District::ALL.len();
const CHANNELS: usize = Channel::ALL.len();
const PLATFORMS: usize = Platform::ALL.len();

/// Everything the cockpit page shows for one query.
#[derive(Debug, Clone, PartialEq)]
pub struct CockpitData {
    pub query: CockpitQuery,
    pub last_day: NaiveDate,
    pub period: Period,
    pub comparison: Option<Period>,
    pub current: Totals,
    /// `Some` whenever there is a comparison period (zero if it has no data).
    pub previous: Option<Totals>,
    /// One entry per bucket of the query's granularity, keyed by the
    /// bucket's first day (see `Granularity::buckets`).
    pub series: Vec<(NaiveDate, Totals)>,
    /// Same length as `series`, entry k holding the comparison days at the
    /// same positions as bucket k's days, so it overlays directly; keyed by
    /// the comparison date matching the first day of bucket k. Empty
    /// without a comparison.
    pub comparison_series: Vec<(NaiveDate, Totals)>,
    /// One entry per day, from `ANOMALY_WINDOW` days before the period
    /// (or the first day with data, if later) to the period's end.
    pub daily: Vec<(NaiveDate, Totals)>,
    /// Cross-filter rule: each breakdown applies every filter except its own
    /// dimension, so the chart keeps all its bars and the UI highlights the
    /// selected one. All 16 districts / 5 channels / 3 platforms, in `ALL`
    /// order, zeros included.
    pub by_district: Vec<(District, Totals)>,
    pub by_channel: Vec<(Channel, Totals)>,
    pub by_platform: Vec<(Platform, Totals)>,
    /// Comparison period by district (same rule); empty without comparison.
    pub previous_by_district: Vec<(District, Totals)>,
    /// Portrait visitors (see [`portrait_breakdown`]).
    pub by_gender: Vec<(Gender, u64)>,
    pub by_age: Vec<(AgeBand, u64)>,
    /// True when a gender/age filter made every figure an estimate.
    pub estimated: bool,
}

impl CockpitData {
    pub fn value(&self, kpi: Kpi) -> Option<f64> {
        kpi.value(&self.current)
    }

    pub fn previous_value(&self, kpi: Kpi) -> Option<f64> {
        self.previous.as_ref().and_then(|t| kpi.value(t))
    }

    /// Relative change against the comparison period.
    pub fn change(&self, kpi: Kpi) -> Option<f64> {
        change(self.value(kpi), self.previous_value(kpi))
    }

    /// Anomalous days inside the period (see [`anomalies`]).
    pub fn anomalies(&self, kpi: Kpi) -> Vec<(NaiveDate, f64, f64, f64)> {
        let mut out = anomalies(&self.daily, kpi);
        out.retain(|(d, ..)| self.period.contains(*d));
        out
    }
}

/// Namespace for the one-pass aggregation.
pub struct Cockpit;

/// The facts (sorted by date) dated within `from..=to`.
fn slice_dates(facts: &[MetricFact], from: NaiveDate, to: NaiveDate) -> &[MetricFact] {
    let a = facts.partition_point(|f| f.date < from);
    let b = facts.partition_point(|f| f.date <= to);
    facts.get(a..b).unwrap_or(&[])
}

fn day_offset(from: NaiveDate, d: NaiveDate) -> usize {
    usize::try_from((d - from).num_days()).unwrap_or(usize::MAX)
}

/// The accumulators of `p`'s days, `days` starting on `lo`.
fn day_range<'a>(days: &'a [Acc], lo: NaiveDate, p: &Period) -> &'a [Acc] {
    let a = day_offset(lo, p.start);
    let b = day_offset(lo, p.end).saturating_add(1);
    days.get(a..b).unwrap_or(&[])
}

fn sum_days(days: &[Acc]) -> Acc {
    let mut acc = Acc::default();
    for d in days {
        acc.merge(d);
    }
    acc
}

impl Cockpit {
    /// Aggregates `facts` (sorted by date, ascending) for `query`, with
    /// periods anchored on `last_day`, the last day with data.
    pub fn compute(
        facts: &[MetricFact],
        portrait: &[PortraitRow],
        query: &CockpitQuery,
        last_day: NaiveDate,
    ) -> CockpitData {
        let filter = query.filter;
        let period = query.period(last_day);
        let comparison = query.compare.period(&period);
        let estimated = filter.is_estimated();
        let shares = if estimated {
            PortraitShares::build(portrait, filter.gender, filter.age)
        } else {
            PortraitShares::default()
        };

        // Days before the data starts would only add zeros to the window.
        let window_start = period
            .start
            .checked_sub_days(chrono::Days::new(ANOMALY_WINDOW as u64))
            .unwrap_or(period.start);
        let first_data = facts.first().map_or(period.start, |f| f.date);
        let daily_start = window_start.max(first_data).min(period.start);

        // One accumulator per day from the earliest day needed to the end.
        let lo = comparison.map_or(daily_start, |c| c.start.min(daily_start));
        let span = day_offset(lo, period.end).saturating_add(1);
        let mut days = vec![Acc::default(); span];
        let mut by_district = [Acc::default(); DISTRICTS];
        let mut by_channel = [Acc::default(); CHANNELS];
        let mut by_platform = [Acc::default(); PLATFORMS];
        let mut prev_district = [Acc::default(); DISTRICTS];

        // The date ranges to read: the comparison, and the anomaly window
        // through the period's end; merged when they touch, so no fact is
        // read twice.
        let main = (daily_start, period.end);
        let ranges: [Option<(NaiveDate, NaiveDate)>; 2] = match comparison {
            Some(c) if c.end.succ_opt().is_some_and(|n| n >= daily_start) => [
                Some((c.start.min(daily_start), period.end.max(c.end))),
                None,
            ],
            Some(c) => [Some((c.start, c.end)), Some(main)],
            None => [Some(main), None],
        };

        for (from, to) in ranges.into_iter().flatten() {
            let mut date = None;
            let mut slot = usize::MAX;
            let (mut in_cur, mut in_cmp) = (false, false);
            let mut row: Option<&[f64; DISTRICTS]> = None;
            for f in slice_dates(facts, from, to) {
                let md = filter.district.is_none_or(|d| f.district == d);
                let mc = filter.channel.is_none_or(|c| f.channel == c);
                let mp = filter.platform.is_none_or(|p| f.platform == p);
                // A fact failing two filters counts nowhere.
                if u8::from(!md) + u8::from(!mc) + u8::from(!mp) > 1 {
                    continue;
                }
                if date != Some(f.date) {
                    date = Some(f.date);
                    slot = day_offset(lo, f.date);
                    in_cur = period.contains(f.date);
                    in_cmp = comparison.is_some_and(|c| c.contains(f.date));
                    if estimated {
                        row = shares.month_row(f.date);
                    }
                }
                let k = if estimated {
                    row.and_then(|r| r.get(f.district as usize))
                        .copied()
                        .unwrap_or(0.0)
                } else {
                    1.0
                };
                let d = f.district as usize;
                if md && mc && mp {
                    if let Some(acc) = days.get_mut(slot) {
                        acc.add(f, k);
                    }
                }
                if in_cur {
                    if mc && mp {
                        if let Some(acc) = by_district.get_mut(d) {
                            acc.add(f, k);
                        }
                    }
                    if md && mp {
                        if let Some(acc) = by_channel.get_mut(f.channel as usize) {
                            acc.add(f, k);
                        }
                    }
                    if md && mc {
                        if let Some(acc) = by_platform.get_mut(f.platform as usize) {
                            acc.add(f, k);
                        }
                    }
                }
                if in_cmp && mc && mp {
                    if let Some(acc) = prev_district.get_mut(d) {
                        acc.add(f, k);
                    }
                }
            }
        }

        // Everything below reads the per-day accumulators only.
        let cur_days = day_range(&days, lo, &period);
        let current = sum_days(cur_days).totals();

        let buckets = query.grain.buckets(&period);
        // bucket_of[i]: the bucket of the period's i-th day;
        // bucket_first[k]: the position of bucket k's first day.
        let mut bucket_of = Vec::with_capacity(cur_days.len());
        let mut bucket_first = Vec::with_capacity(buckets.len());
        let mut series_acc = vec![Acc::default(); buckets.len()];
        let mut k = 0usize;
        for (i, d) in period.iter_days().enumerate() {
            while buckets.get(k + 1).is_some_and(|next| *next <= d) {
                k += 1;
            }
            bucket_of.push(k);
            if bucket_first.len() <= k {
                bucket_first.push(i);
            }
            if let (Some(s), Some(day)) = (series_acc.get_mut(k), cur_days.get(i)) {
                s.merge(day);
            }
        }
        let series: Vec<(NaiveDate, Totals)> = buckets
            .iter()
            .zip(&series_acc)
            .map(|(b, a)| (*b, a.totals()))
            .collect();

        let (previous, comparison_series, previous_by_district) = match comparison {
            Some(c) => {
                let cmp_days = day_range(&days, lo, &c);
                let mut acc = vec![Acc::default(); buckets.len()];
                let last_bucket = bucket_of.len().saturating_sub(1);
                for (j, day) in cmp_days.iter().enumerate() {
                    // A year-ago period can be a day longer (Feb 29); the
                    // extra day joins the last bucket.
                    let b = bucket_of.get(j.min(last_bucket)).copied().unwrap_or(0);
                    if let Some(a) = acc.get_mut(b) {
                        a.merge(day);
                    }
                }
                // Key each bucket by the comparison date aligned with its first day.
                let last_pos = c.days().saturating_sub(1) as usize;
                let keyed = acc
                    .iter()
                    .zip(&bucket_first)
                    .map(|(a, first)| {
                        let offset = (*first).min(last_pos) as u64;
                        let key = c
                            .start
                            .checked_add_days(chrono::Days::new(offset))
                            .unwrap_or(c.start);
                        (key, a.totals())
                    })
                    .collect();
                let by_d = District::ALL
                    .iter()
                    .zip(&prev_district)
                    .map(|(d, a)| (*d, a.totals()))
                    .collect();
                (Some(sum_days(cmp_days).totals()), keyed, by_d)
            }
            None => (None, Vec::new(), Vec::new()),
        };

        let daily_period = Period {
            start: daily_start,
            end: period.end,
        };
        let daily = day_range(&days, lo, &daily_period)
            .iter()
            .zip(daily_start.iter_days())
            .map(|(a, d)| (d, a.totals()))
            .collect();

        let (by_gender, by_age) = portrait_breakdown(portrait, &period, &filter);

        CockpitData {
            query: query.clone(),
            last_day,
            period,
            comparison,
            current,
            previous,
            series,
            comparison_series,
            daily,
            by_district: District::ALL
                .iter()
                .zip(&by_district)
                .map(|(d, a)| (*d, a.totals()))
                .collect(),
            by_channel: Channel::ALL
                .iter()
                .zip(&by_channel)
                .map(|(c, a)| (*c, a.totals()))
                .collect(),
            by_platform: Platform::ALL
                .iter()
                .zip(&by_platform)
                .map(|(p, a)| (*p, a.totals()))
                .collect(),
            previous_by_district,
            by_gender,
            by_age,
            estimated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::filter::Filter;
    use crate::domain::cockpit::test_support::{cube, d, fact, query};
    use crate::domain::cockpit::totals::{aov, bounce_rate, conversion_rate};
    use crate::domain::shared::period::{Comparison, Granularity, Preset};
    use crate::i18n::Lang;

    #[test]
    fn ratios_come_from_summed_counts_not_daily_averages() {
        let day1 = MetricFact {
            visitors: 100,
            paying_users: 10,
            sessions: 100,
            bounces: 50,
            orders: 1,
            revenue: 100.0,
            ..fact(
                d(2026, 11, 1),
                District::Heping,
                Channel::Direct,
                Platform::Ios,
                0,
            )
        };
        let day2 = MetricFact {
            date: d(2026, 11, 2),
            visitors: 900,
            paying_users: 9,
            sessions: 900,
            bounces: 90,
            orders: 9,
            revenue: 90.0,
            ..day1.clone()
        };
        let mut t = Totals::default();
        t.add(&day1);
        t.add(&day2);
        // Daily rates 10 % and 1 % average to 5.5 %; the true rate is 1.9 %.
        assert_eq!(conversion_rate(&t), Some(19.0 / 1000.0));
        // Bounce: 50 % and 10 % average to 30 %; the true rate is 14 %.
        assert_eq!(bounce_rate(&t), Some(0.14));
        // AOV: ¥100 and ¥10 average to ¥55; the true value is ¥19.
        assert_eq!(aov(&t), Some(19.0));
        // The cockpit sums the same way.
        let facts = vec![day1, day2];
        let q = CockpitQuery {
            preset: Preset::Custom,
            from: Some(d(2026, 11, 1)),
            to: Some(d(2026, 11, 2)),
            ..Default::default()
        };
        let data = Cockpit::compute(&facts, &[], &q, d(2026, 11, 2));
        assert_eq!(data.value(Kpi::ConversionRate), Some(0.019));
        assert_eq!(data.current, t);
    }

    #[test]
    fn empty_period_computes_zeros_and_dashes() {
        let q = query(Preset::Last30, Comparison::Previous);
        let data = Cockpit::compute(&[], &[], &q, d(2026, 11, 25));
        assert_eq!(data.current, Totals::default());
        assert_eq!(data.previous, Some(Totals::default()));
        assert_eq!(data.series.len(), 30);
        assert_eq!(data.comparison_series.len(), 30);
        assert_eq!(data.by_district.len(), 16);
        assert_eq!(data.by_channel.len(), 5);
        assert_eq!(data.by_platform.len(), 3);
        assert_eq!(data.daily.len(), 30);
        for &k in Kpi::ALL {
            assert_eq!(data.change(k), None);
            if !k.additive() {
                assert_eq!(k.format(data.value(k), Lang::Zh), "—");
            }
        }
        assert!(crate::domain::cockpit::funnel::funnel(&data.current)
            .iter()
            .all(|s| s.from_first.is_none()));
        // Facts outside the period change nothing either.
        let far = cube(d(2020, 1, 1), d(2020, 1, 2), 10);
        let data = Cockpit::compute(&far, &[], &q, d(2026, 11, 25));
        assert_eq!(data.current, Totals::default());
    }

    #[test]
    fn single_day_and_previous_day() {
        let mut facts = cube(d(2026, 11, 24), d(2026, 11, 24), 10);
        facts.extend(cube(d(2026, 11, 25), d(2026, 11, 25), 20));
        let q = query(Preset::Yesterday, Comparison::Previous);
        let data = Cockpit::compute(&facts, &[], &q, d(2026, 11, 25));
        assert_eq!(data.period.days(), 1);
        assert_eq!(data.current.visitors, 240 * 20);
        assert_eq!(data.previous.map(|p| p.visitors), Some(240 * 10));
        assert_eq!(data.change(Kpi::Visitors), Some(1.0));
        assert_eq!(data.series.len(), 1);
        assert_eq!(
            data.comparison_series,
            vec![(d(2026, 11, 24), data.previous.unwrap())]
        );
        // The daily window starts where the data does.
        assert_eq!(data.daily.first().map(|x| x.0), Some(d(2026, 11, 24)));
        assert_eq!(data.daily.len(), 2);
    }

    #[test]
    fn compute_filters_breakdowns_and_series() {
        let facts = cube(d(2026, 10, 1), d(2026, 11, 30), 40);
        let last = d(2026, 11, 30);
        let mut q = query(Preset::ThisMonth, Comparison::Previous);
        q.grain = Granularity::Week;
        let all = Cockpit::compute(&facts, &[], &q, last);
        assert_eq!(all.current.visitors, 30 * 240 * 40);
        let sum = |v: &[(NaiveDate, Totals)]| v.iter().map(|x| x.1.visitors).sum::<u64>();
        assert_eq!(sum(&all.series), all.current.visitors);
        assert_eq!(all.series.len(), 6);
        assert_eq!(all.series.first().map(|x| x.0), Some(d(2026, 10, 26)));
        // The previous period: Oct 2–31, aligned by position.
        assert_eq!(
            all.comparison,
            Some(Period::new(d(2026, 10, 2), d(2026, 10, 31)))
        );
        assert_eq!(all.comparison_series.len(), 6);
        assert_eq!(sum(&all.comparison_series), all.previous.unwrap().visitors);
        assert_eq!(
            all.comparison_series.first().map(|x| x.0),
            Some(d(2026, 10, 2))
        );
        // Bucket 0 (week of Oct 26) holds only Sunday Nov 1, so bucket 1
        // (Nov 2–8) starts at position 1: Oct 3 in the comparison.
        assert_eq!(
            all.comparison_series.get(1).map(|x| x.0),
            Some(d(2026, 10, 3))
        );
        assert_eq!(all.series.first().unwrap().1.visitors, 240 * 40);
        assert_eq!(all.comparison_series.first().unwrap().1.visitors, 240 * 40);
        // Breakdowns sum to the total without filters.
        let by = all.by_district.iter().map(|x| x.1.visitors).sum::<u64>();
        assert_eq!(by, all.current.visitors);
        assert_eq!(
            all.by_channel.iter().map(|x| x.1.orders).sum::<u64>(),
            all.current.orders
        );
        // The daily window: 28 days before Nov 1 through Nov 30.
        assert_eq!(all.daily.len(), 28 + 30);
        assert_eq!(all.daily.first().map(|x| x.0), Some(d(2026, 10, 4)));

        q.filter.district = Some(District::Heping);
        q.filter.platform = Some(Platform::Ios);
        let f = Cockpit::compute(&facts, &[], &q, last);
        assert_eq!(f.current.visitors, 30 * 5 * 40);
        // The district breakdown ignores its own filter, not the others.
        assert_eq!(f.by_district.len(), 16);
        assert!(f.by_district.iter().all(|(_, t)| t.visitors == 30 * 5 * 40));
        let heping = f
            .by_district
            .iter()
            .find(|x| x.0 == District::Heping)
            .unwrap();
        assert_eq!(heping.1, f.current);
        // Channels apply both filters; platforms ignore the platform one.
        assert_eq!(
            f.by_channel.iter().map(|x| x.1.visitors).sum::<u64>(),
            f.current.visitors
        );
        assert!(f.by_platform.iter().all(|(_, t)| t.visitors == 30 * 5 * 40));
        assert_eq!(f.previous_by_district.len(), 16);
        assert_eq!(sum(&f.daily), (28 + 30) * 5 * 40);
    }

    #[test]
    fn zero_districts_still_listed() {
        let facts = vec![fact(
            d(2026, 11, 25),
            District::Jizhou,
            Channel::Direct,
            Platform::Ios,
            8,
        )];
        let q = query(Preset::Last7, Comparison::None);
        let data = Cockpit::compute(&facts, &[], &q, d(2026, 11, 25));
        assert_eq!(data.by_district.len(), 16);
        assert_eq!(
            data.by_district.iter().filter(|x| x.1.visitors > 0).count(),
            1
        );
        assert_eq!(data.previous, None);
        assert!(data.comparison_series.is_empty());
        assert!(data.previous_by_district.is_empty());
    }

    #[test]
    fn year_ago_comparison_reads_two_ranges() {
        let mut facts = cube(d(2025, 11, 1), d(2025, 11, 30), 10);
        facts.extend(cube(d(2026, 11, 1), d(2026, 11, 30), 30));
        let mut q = query(Preset::LastMonth, Comparison::YearAgo);
        q.grain = Granularity::Month;
        let data = Cockpit::compute(&facts, &[], &q, d(2026, 12, 5));
        assert_eq!(data.period, Period::new(d(2026, 11, 1), d(2026, 11, 30)));
        assert_eq!(data.current.visitors, 30 * 240 * 30);
        assert_eq!(data.previous.unwrap().visitors, 30 * 240 * 10);
        assert_eq!(data.series.len(), 1);
        assert_eq!(
            data.comparison_series,
            vec![(d(2025, 11, 1), data.previous.unwrap())]
        );
        assert_eq!(data.change(Kpi::Visitors), Some(2.0));
        let prev_sum: u64 = data.previous_by_district.iter().map(|x| x.1.visitors).sum();
        assert_eq!(prev_sum, 30 * 240 * 10);
    }

    fn portrait_row(
        month: &str,
        district: District,
        gender: Gender,
        age: AgeBand,
        v: u32,
    ) -> PortraitRow {
        PortraitRow {
            month: month.into(),
            district,
            gender,
            age_band: age,
            visitors: v,
        }
    }

    #[test]
    fn gender_and_age_filters_estimate_from_portrait_shares() {
        let portrait = vec![
            portrait_row(
                "2026-11",
                District::Heping,
                Gender::Female,
                AgeBand::From25To34,
                60,
            ),
            portrait_row(
                "2026-11",
                District::Heping,
                Gender::Male,
                AgeBand::From25To34,
                30,
            ),
            portrait_row(
                "2026-11",
                District::Heping,
                Gender::Male,
                AgeBand::Over55,
                10,
            ),
            portrait_row(
                "2026-11",
                District::Hexi,
                Gender::Female,
                AgeBand::Over55,
                25,
            ),
            portrait_row("2026-11", District::Hexi, Gender::Male, AgeBand::Over55, 75),
            portrait_row(
                "bad-month",
                District::Hexi,
                Gender::Male,
                AgeBand::Over55,
                999,
            ),
        ];
        let shares = PortraitShares::build(&portrait, Some(Gender::Female), None);
        assert_eq!(shares.share(d(2026, 11, 3), District::Heping), 0.6);
        assert_eq!(shares.share(d(2026, 11, 3), District::Hexi), 0.25);
        assert_eq!(
            shares.share(d(2026, 11, 3), District::Nankai),
            0.0,
            "absent → 0"
        );
        assert_eq!(shares.share(d(2026, 10, 3), District::Heping), 0.0);
        let both = PortraitShares::build(&portrait, Some(Gender::Male), Some(AgeBand::Over55));
        assert_eq!(both.share(d(2026, 11, 30), District::Heping), 0.1);

        let facts = vec![
            fact(
                d(2026, 11, 2),
                District::Heping,
                Channel::Direct,
                Platform::Ios,
                100,
            ),
            fact(
                d(2026, 11, 2),
                District::Hexi,
                Channel::Direct,
                Platform::Ios,
                100,
            ),
            fact(
                d(2026, 11, 3),
                District::Heping,
                Channel::Social,
                Platform::Ios,
                100,
            ),
        ];
        let mut q = query(Preset::ThisMonth, Comparison::None);
        q.filter.gender = Some(Gender::Female);
        let data = Cockpit::compute(&facts, &portrait, &q, d(2026, 11, 3));
        assert!(data.estimated);
        // 100 × 0.6 + 100 × 0.25 + 100 × 0.6.
        assert_eq!(data.current.visitors, 145);
        // 10 × 0.6 + 10 × 0.25 + 10 × 0.6 = 14.5 orders, rounded once.
        assert_eq!(data.current.orders, 15);
        assert!((data.current.revenue - 725.0).abs() < 1e-9);
        // Small facts: four Hexi facts of 1 order × 0.25 make 1 order, where
        // rounding each fact would make 0.
        let small: Vec<MetricFact> = Channel::ALL[..4]
            .iter()
            .map(|c| fact(d(2026, 11, 2), District::Hexi, *c, Platform::Ios, 10))
            .collect();
        let s = Cockpit::compute(&small, &portrait, &q, d(2026, 11, 3));
        assert_eq!(s.current.orders, 1);
        let mut per_fact = Totals::default();
        for f in &small {
            per_fact.add_scaled(f, 0.25);
        }
        assert_eq!(per_fact.orders, 0);

        let (genders, ages) = portrait_breakdown(&portrait, &data.period, &q.filter);
        // The gender split ignores the gender filter.
        assert_eq!(
            genders,
            vec![
                (Gender::Female, 85),
                (Gender::Male, 115),
                (Gender::Unknown, 0)
            ]
        );
        // The age split applies it.
        let age = |a| ages.iter().find(|x| x.0 == a).unwrap().1;
        assert_eq!(age(AgeBand::From25To34), 60);
        assert_eq!(age(AgeBand::Over55), 25);
        assert_eq!(data.by_gender, genders);
        let heping = Filter {
            district: Some(District::Heping),
            ..Default::default()
        };
        let (g, _) = portrait_breakdown(&portrait, &data.period, &heping);
        assert_eq!(g.iter().map(|x| x.1).sum::<u64>(), 100);
        let oct = Period::new(d(2026, 10, 1), d(2026, 10, 31));
        let (g, _) = portrait_breakdown(&portrait, &oct, &Filter::default());
        assert!(g.iter().all(|x| x.1 == 0));
    }

    #[test]
    fn cockpit_anomalies_only_within_period() {
        let mut facts = cube(d(2026, 10, 1), d(2026, 11, 30), 20);
        // A spike on Nov 20 in one district lifts that day above the range.
        for f in facts.iter_mut() {
            if f.date == d(2026, 11, 20) && f.district == District::Binhai {
                f.visitors = 400;
            }
        }
        let q = query(Preset::ThisMonth, Comparison::Previous);
        let data = Cockpit::compute(&facts, &[], &q, d(2026, 11, 30));
        let a = data.anomalies(Kpi::Visitors);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0, d(2026, 11, 20));
        // Nov 21 compares with a window holding the spike: no flag.
        assert!(data.anomalies(Kpi::Orders).is_empty());
    }

    #[test]
    #[ignore]
    fn bench_cockpit_compute() {
        use std::time::Instant;
        let first = d(2025, 10, 28);
        let last = first + chrono::Days::new(394);
        let mut facts = Vec::with_capacity(395 * 240);
        let mut seed = 7u64;
        for day in Period::new(first, last).iter_days() {
            for dist in District::ALL {
                for c in Channel::ALL {
                    for p in Platform::ALL {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        facts.push(fact(day, *dist, *c, *p, 20 + (seed >> 58) as u32 * 10));
                    }
                }
            }
        }
        assert_eq!(facts.len(), 94_800);
        let mut portrait = Vec::new();
        for m in Granularity::Month.buckets(&Period::new(first, last)) {
            for dist in District::ALL {
                for g in Gender::ALL {
                    for a in AgeBand::ALL {
                        portrait.push(portrait_row(
                            &m.format("%Y-%m").to_string(),
                            *dist,
                            *g,
                            *a,
                            50,
                        ));
                    }
                }
            }
        }
        let run = |label: &str, q: CockpitQuery| {
            let mut times = Vec::new();
            let mut sink = 0u64;
            for _ in 0..20 {
                let t = Instant::now();
                let data = Cockpit::compute(&facts, &portrait, &q, last);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                sink += data.current.visitors;
            }
            times.sort_by(|a, b| a.partial_cmp(b).unwrap());
            eprintln!("{label:<40} median {:.3} ms (sink {sink})", times[10]);
        };
        let heping = Filter {
            district: Some(District::Heping),
            ..Default::default()
        };
        let female = Filter {
            gender: Some(Gender::Female),
            ..Default::default()
        };
        for preset in [Preset::Last30, Preset::Last90] {
            let base = CockpitQuery {
                preset,
                ..Default::default()
            };
            run(&format!("{} previous", preset.id()), base.clone());
            run(
                &format!("{} previous, district filter", preset.id()),
                CockpitQuery {
                    filter: heping,
                    ..base.clone()
                },
            );
            run(
                &format!("{} previous, gender filter (estimate)", preset.id()),
                CockpitQuery {
                    filter: female,
                    ..base.clone()
                },
            );
            run(
                &format!("{} year ago, week buckets", preset.id()),
                CockpitQuery {
                    compare: Comparison::YearAgo,
                    grain: Granularity::Week,
                    ..base.clone()
                },
            );
        }
    }
}
