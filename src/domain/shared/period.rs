//! Reporting periods, the period they are compared with, and chart buckets:
//! the period controls every area shares.
//!
//! Daily statistics arrive T+1, so every relative period is anchored on the
//! last day that has data rather than on the wall clock: "yesterday" is that
//! day, and a 30-day view ends on it.

use std::collections::BTreeMap;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::shared::dates::{first_of_month, week_start};
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

/// The URL parameters of the shared period controls.
pub const PERIOD_PARAMS: &[&str] = &["period", "from", "to", "compare", "grain"];

/// The period part of any area's view state, as kept in the URL: the
/// preset, custom dates, comparison and grain. Never fails to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodQuery {
    pub preset: Preset,
    /// Only kept for [`Preset::Custom`].
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub compare: Comparison,
    pub grain: Granularity,
}

impl PeriodQuery {
    /// Reads the parameters; a missing or unknown value takes its default.
    pub fn from_params(params: &BTreeMap<String, String>) -> PeriodQuery {
        let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
        let date = |k: &str| NaiveDate::parse_from_str(get(k), "%Y-%m-%d").ok();
        let preset = Preset::from_id(get("period")).unwrap_or_default();
        let custom = preset == Preset::Custom;
        PeriodQuery {
            preset,
            from: date("from").filter(|_| custom),
            to: date("to").filter(|_| custom),
            compare: Comparison::from_id(get("compare")).unwrap_or_default(),
            grain: Granularity::from_id(get("grain")).unwrap_or_default(),
        }
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

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn period_query_reads_custom_dates_only_for_custom() {
        let mut p = BTreeMap::new();
        p.insert("from".to_string(), "2026-11-01".to_string());
        p.insert("to".to_string(), "2026-11-10".to_string());
        assert_eq!(PeriodQuery::from_params(&p).from, None);
        p.insert("period".to_string(), "custom".to_string());
        p.insert("compare".to_string(), "year".to_string());
        p.insert("grain".to_string(), "nonsense".to_string());
        let q = PeriodQuery::from_params(&p);
        assert_eq!(
            q.period(d(2026, 11, 27)),
            Period::new(d(2026, 11, 1), d(2026, 11, 10))
        );
        assert_eq!(
            q.comparison_period(d(2026, 11, 27)),
            Some(Period::new(d(2025, 11, 1), d(2025, 11, 10)))
        );
        assert_eq!(q.grain, Granularity::Day);
    }
}
