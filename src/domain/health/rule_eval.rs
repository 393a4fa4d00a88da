//! Evaluates one alert rule over a daily series, pure and panic-free: the
//! caller builds `[(date, value, volume)]` from whatever rows the rule
//! watches, so this file never knows where numbers come from.
//!
//! The walk goes day by day up to `as_of` and keeps a small state machine:
//! - a day **breaches** past the fire threshold; N breaching days in a row
//!   fire the rule (fewer are *pending*);
//! - a firing rule **resolves** only on a day back past the clear threshold;
//!   a day between the two thresholds keeps it firing (hysteresis);
//! - a day below the minimum volume, or (for baseline conditions) a day the
//!   rule skips, is *inconclusive*: it breaks a pending streak but neither
//!   fires nor resolves, because it is no evidence either way;
//! - a **missing** day (no value, NaN, absent, or no usable baseline) also
//!   breaks a pending streak and keeps a firing rule firing; when `as_of`
//!   itself is missing the state reads *no data*, from the first day of that
//!   gap, and the walk resumes from the held state once data returns.
//!
//! Baseline: the **median** of the trailing 28 valid days before the day
//! (skip dates, missing and low-volume days left out), looked for within 56
//! calendar days and needing at least 14. Median, not mean, because one
//! unmarked outage or flash-sale day would drag a mean for four weeks, and a
//! rule that has just fired would raise its own baseline; the median ignores
//! a few such days.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::health::alert_rules::{AlertCondition, AlertRule};
use crate::domain::shared::labelled::labelled_enum;
use crate::domain::shared::ratio::change;

/// One day of the watched figure: its value (`None` when it could not be
/// computed, e.g. a rate over zero requests) and the volume behind it
/// (requests, starts, visits …; for a count, the count itself).
pub type DailyPoint = (NaiveDate, Option<f64>, u64);

/// Valid days the baseline uses at most.
pub const BASELINE_DAYS: usize = 28;
/// Fewer valid days than this give no baseline (no data for that day).
pub const MIN_BASELINE_DAYS: usize = 14;
/// How far back the baseline looks for its valid days, so a long gap does
/// not compare today with last season.
pub const BASELINE_LOOKBACK_DAYS: i64 = 56;
/// How far back the walk starts: a year is enough history for any state and
/// keeps a stray 1970 date from making it walk for decades.
pub const MAX_WALK_DAYS: i64 = 366;

labelled_enum! {
    /// Where a rule stands on the evaluated day.
    AlertState {
        Ok = "ok", "正常", "OK";
        Pending = "pending", "待确认", "Pending";
        Firing = "firing", "告警中", "Firing";
        Resolved = "resolved", "已恢复", "Resolved";
        NoData = "no_data", "无数据", "No data";
    }
}

/// The result for one rule on `as_of`. Values and thresholds are in the
/// rule's measure: the figure itself for above/below, the signed change in
/// percent against the baseline for the baseline conditions (a fall of 40 %
/// reads −40, its fire threshold −30).
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub state: AlertState,
    /// The first day of the current state (`None` for an empty series).
    pub since: Option<NaiveDate>,
    /// The measure on `as_of`, when it has one.
    pub value: Option<f64>,
    /// The baseline on `as_of` (baseline conditions only).
    pub baseline: Option<f64>,
    /// The threshold that decides the next change: the clear threshold
    /// while firing, the fire threshold otherwise.
    pub threshold: f64,
    /// While pending or firing: the worst breaching day of this episode and
    /// its measure, for the panel's "links to the view that shows it".
    pub worst: Option<(NaiveDate, f64)>,
}

/// What one day says about the rule.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    Missing,
    Inconclusive,
    Breach(f64),
    /// Not breaching; `true` when also past the clear threshold.
    Calm(bool),
}

/// The rule's thresholds turned into the measure's space, with the clear
/// threshold never on the wrong side of the fire threshold.
#[derive(Debug, Clone, Copy)]
struct Thresholds {
    upward: bool,
    fire: f64,
    clear: f64,
}

impl Thresholds {
    fn of(rule: &AlertRule) -> Thresholds {
        let upward = rule.condition.fires_upward();
        let sign = if rule.condition == AlertCondition::FallVsBaseline {
            -1.0
        } else {
            1.0
        };
        let fire = sign * rule.fire_threshold;
        let clear = sign * rule.clear_threshold.unwrap_or(rule.fire_threshold);
        // A clear threshold past the fire threshold would resolve on a
        // breaching day; clamp it (f64::min/max also drop a NaN clear).
        let clear = if upward {
            clear.min(fire)
        } else {
            clear.max(fire)
        };
        Thresholds {
            upward,
            fire,
            clear,
        }
    }

    fn judge(self, measure: f64) -> Verdict {
        let (breach, clear) = if self.upward {
            (measure > self.fire, measure <= self.clear)
        } else {
            (measure < self.fire, measure >= self.clear)
        };
        if breach {
            Verdict::Breach(measure)
        } else {
            Verdict::Calm(clear)
        }
    }

    /// True when `a` is worse than `b` for this rule.
    fn worse(self, a: f64, b: f64) -> bool {
        if self.upward {
            a > b
        } else {
            a < b
        }
    }
}

/// The series' usable days: finite values only, the first row of a date
/// winning over later duplicates.
fn usable_days(series: &[DailyPoint]) -> BTreeMap<NaiveDate, (f64, u64)> {
    let mut days = BTreeMap::new();
    for &(date, value, volume) in series {
        if let Some(v) = value.filter(|v| v.is_finite()) {
            days.entry(date).or_insert((v, volume));
        }
    }
    days
}

/// `day` minus `n` days, saturating at chrono's earliest date instead of
/// panicking on a date from outside data.
fn days_before(day: NaiveDate, n: i64) -> NaiveDate {
    day.checked_sub_signed(Duration::days(n))
        .unwrap_or(NaiveDate::MIN)
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => values.get(mid).copied(),
        _ => Some((values.get(mid - 1)? + values.get(mid)?) / 2.0),
    }
}

/// The median of the trailing valid days before `day` (see the module
/// comment), or `None` when fewer than [`MIN_BASELINE_DAYS`] are found.
fn baseline(
    days: &BTreeMap<NaiveDate, (f64, u64)>,
    day: NaiveDate,
    skip: &BTreeSet<NaiveDate>,
    min_volume: u64,
) -> Option<f64> {
    let earliest = days_before(day, BASELINE_LOOKBACK_DAYS);
    let values: Vec<f64> = days
        .range(earliest..day)
        .rev()
        .filter(|(date, (_, volume))| !skip.contains(date) && *volume >= min_volume)
        .map(|(_, (value, _))| *value)
        .take(BASELINE_DAYS)
        .collect();
    if values.len() < MIN_BASELINE_DAYS {
        return None;
    }
    median(values)
}

/// The running state of the walk.
struct Walk {
    state: AlertState,
    since: Option<NaiveDate>,
    streak: u32,
    worst: Option<(NaiveDate, f64)>,
    missing_since: Option<NaiveDate>,
}

impl Walk {
    fn set(&mut self, state: AlertState, day: NaiveDate) {
        if self.state != state {
            self.state = state;
            self.since = Some(day);
        }
        if !matches!(state, AlertState::Pending | AlertState::Firing) {
            self.worst = None;
        }
    }

    /// Moves the state machine by one day's verdict.
    fn step(&mut self, day: NaiveDate, verdict: Verdict, needed: u32, thresholds: Thresholds) {
        if verdict == Verdict::Missing {
            self.missing_since.get_or_insert(day);
        } else {
            self.missing_since = None;
        }
        match verdict {
            Verdict::Missing | Verdict::Inconclusive => self.break_streak(day),
            Verdict::Breach(measure) => {
                self.streak = self.streak.saturating_add(1);
                if self.state != AlertState::Firing {
                    let state = if self.streak >= needed {
                        AlertState::Firing
                    } else {
                        AlertState::Pending
                    };
                    self.set(state, day);
                }
                if self.worst.is_none_or(|(_, w)| thresholds.worse(measure, w)) {
                    self.worst = Some((day, measure));
                }
            }
            Verdict::Calm(past_clear) => {
                self.streak = 0;
                match self.state {
                    AlertState::Firing if past_clear => self.set(AlertState::Resolved, day),
                    AlertState::Pending => self.set(AlertState::Ok, day),
                    _ => {}
                }
            }
        }
    }

    /// A day that breaks a pending streak without firing or resolving.
    fn break_streak(&mut self, day: NaiveDate) {
        self.streak = 0;
        if self.state == AlertState::Pending {
            self.set(AlertState::Ok, day);
        }
    }
}

/// Evaluates `rule` on `as_of` over `series` (any order; days after `as_of`
/// are ignored). `skip` holds the dates the baseline leaves out (see
/// `alert_rules::baseline_skip_dates`); for baseline conditions those days
/// are also not judged. Above/below conditions ignore `skip`.
pub fn evaluate(
    rule: &AlertRule,
    series: &[DailyPoint],
    skip: &BTreeSet<NaiveDate>,
    as_of: NaiveDate,
) -> Evaluation {
    let thresholds = Thresholds::of(rule);
    let needed = rule.consecutive_days.max(1);
    let uses_baseline = rule.condition.uses_baseline();
    let days = usable_days(series);
    // The walk starts at the earliest row (at most a year back); no row up
    // to `as_of` means nothing to say.
    let Some(first) = series
        .iter()
        .map(|(date, _, _)| *date)
        .filter(|date| *date <= as_of)
        .min()
        .map(|date| date.max(days_before(as_of, MAX_WALK_DAYS)))
    else {
        return no_data(None, thresholds.fire);
    };
    let mut walk = Walk {
        state: AlertState::Ok,
        since: Some(first),
        streak: 0,
        worst: None,
        missing_since: None,
    };
    let (mut value, mut base) = (None, None);
    // A hand-made walk: chrono's `iter_days` stops short of its last date.
    let mut next = Some(first);
    while let Some(day) = next.filter(|day| *day <= as_of) {
        next = day.succ_opt();
        let today = days.get(&day).copied();
        base = if uses_baseline {
            baseline(&days, day, skip, rule.min_volume)
        } else {
            None
        };
        value = today.and_then(|(v, _)| {
            if uses_baseline {
                change(Some(v), base).map(|c| c * 100.0)
            } else {
                Some(v)
            }
        });
        let verdict = match (today, value) {
            (Some((_, volume)), Some(measure)) => {
                if volume < rule.min_volume || (uses_baseline && skip.contains(&day)) {
                    Verdict::Inconclusive
                } else {
                    thresholds.judge(measure)
                }
            }
            _ => Verdict::Missing,
        };
        walk.step(day, verdict, needed, thresholds);
    }
    if let Some(gap) = walk.missing_since {
        return no_data(Some(gap), thresholds.fire);
    }
    Evaluation {
        state: walk.state,
        since: walk.since,
        value,
        baseline: base,
        threshold: if walk.state == AlertState::Firing {
            thresholds.clear
        } else {
            thresholds.fire
        },
        worst: walk.worst,
    }
}

fn no_data(since: Option<NaiveDate>, threshold: f64) -> Evaluation {
    Evaluation {
        state: AlertState::NoData,
        since,
        value: None,
        baseline: None,
        threshold,
        worst: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::kpi::Kpi;
    use crate::domain::health::alert_rules::{
        baseline_skip_dates, AlertSeverity, AlertWatch, BaselineSkip, EndpointFigure,
    };

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn rule(condition: AlertCondition, fire: f64, clear: Option<f64>, days: u32) -> AlertRule {
        AlertRule {
            id: "r".into(),
            name: "test".into(),
            watch: AlertWatch::Endpoint {
                endpoint: "/api/pay".into(),
                figure: EndpointFigure::ErrorRate,
            },
            condition,
            fire_threshold: fire,
            clear_threshold: clear,
            consecutive_days: days,
            severity: AlertSeverity::Warning,
            min_volume: 0,
            baseline_skip: BaselineSkip::default(),
            enabled: true,
        }
    }

    /// Consecutive days from `start`, each with volume 1000.
    fn series(start: NaiveDate, values: &[f64]) -> Vec<DailyPoint> {
        start
            .iter_days()
            .zip(values)
            .map(|(date, v)| (date, Some(*v), 1000))
            .collect()
    }

    fn last_day(series: &[DailyPoint]) -> NaiveDate {
        series.last().unwrap().0
    }

    fn run(rule: &AlertRule, series: &[DailyPoint]) -> Evaluation {
        evaluate(rule, series, &BTreeSet::new(), last_day(series))
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn above_fires_past_the_value_not_at_it() {
        let r = rule(AlertCondition::Above, 0.05, None, 1);
        let s = series(d(11, 1), &[0.01, 0.05, 0.08]);
        // 0.05 is not above 0.05: nothing has happened by 2 November.
        let on_2nd = evaluate(&r, &s, &BTreeSet::new(), d(11, 2));
        assert_eq!(
            (on_2nd.state, on_2nd.since),
            (AlertState::Ok, Some(d(11, 1)))
        );
        // 0.08 > 0.05 on the 3rd; without a clear threshold it is the fire one.
        let e = run(&r, &s);
        assert_eq!((e.state, e.since), (AlertState::Firing, Some(d(11, 3))));
        assert!(close(e.value, 0.08) && e.threshold == 0.05);
        assert_eq!(e.worst, Some((d(11, 3), 0.08)));
    }

    #[test]
    fn below_fires_under_the_value() {
        let r = rule(AlertCondition::Below, 0.02, None, 1);
        let e = run(&r, &series(d(11, 1), &[0.03, 0.015]));
        assert_eq!((e.state, e.since), (AlertState::Firing, Some(d(11, 2))));
        assert_eq!(
            run(&r, &series(d(11, 1), &[0.03, 0.025])).state,
            AlertState::Ok
        );
    }

    /// 28 days at 100 (1–28 October) with one 1000 on 10 October, then `last`.
    fn flat_then(last: f64) -> Vec<DailyPoint> {
        let mut values = vec![100.0; 28];
        values[9] = 1000.0;
        values.push(last);
        series(d(10, 1), &values)
    }

    #[test]
    fn rise_against_the_median_baseline() {
        let r = rule(AlertCondition::RiseVsBaseline, 30.0, None, 1);
        // Baseline on 29 October: 27 × 100 and one 1000, sorted the 14th and
        // 15th are 100 → median 100; 140 is +40 % > 30 %. (A mean, 132.1,
        // would make it +6 % and miss the rise: why the median.)
        let e = run(&r, &flat_then(140.0));
        assert_eq!((e.state, e.since), (AlertState::Firing, Some(d(10, 29))));
        assert!(close(e.baseline, 100.0) && close(e.value, 40.0));
        // 125 is +25 %: under 30 %.
        assert_eq!(run(&r, &flat_then(125.0)).state, AlertState::Ok);
    }

    #[test]
    fn fall_against_the_baseline_reads_negative() {
        let r = rule(AlertCondition::FallVsBaseline, 30.0, None, 1);
        // 60 against 100 is −40 % < −30 %; the threshold shown is −30.
        let e = run(&r, &flat_then(60.0));
        assert_eq!(e.state, AlertState::Firing);
        assert!(close(e.value, -40.0) && e.threshold == -30.0);
        // 80 is −20 %: a fall, but less than 30 %.
        assert_eq!(run(&r, &flat_then(80.0)).state, AlertState::Ok);
        // A rise never fires a fall rule: 200 is +100 %.
        assert_eq!(run(&r, &flat_then(200.0)).state, AlertState::Ok);
    }

    #[test]
    fn n_consecutive_days_pend_then_fire() {
        let r = rule(AlertCondition::Above, 5.0, None, 3);
        // Two breaching days of three needed: pending since the first.
        let e = run(&r, &series(d(11, 1), &[1.0, 1.0, 9.0, 9.0]));
        assert_eq!((e.state, e.since), (AlertState::Pending, Some(d(11, 3))));
        assert_eq!(e.worst, Some((d(11, 3), 9.0)));
        // The third day in a row fires, on that day.
        let e = run(&r, &series(d(11, 1), &[1.0, 1.0, 9.0, 9.0, 9.0]));
        assert_eq!((e.state, e.since), (AlertState::Firing, Some(d(11, 5))));
        // A calm day breaks the streak: 2, 3 breach, 4 calm (OK again),
        // 5 and 6 breach → pending since the 5th, not firing.
        let e = run(&r, &series(d(11, 1), &[1.0, 9.0, 9.0, 1.0, 9.0, 9.0]));
        assert_eq!((e.state, e.since), (AlertState::Pending, Some(d(11, 5))));
    }

    #[test]
    fn between_fire_and_clear_stays_firing_then_resolves() {
        let r = rule(AlertCondition::Above, 0.05, Some(0.02), 1);
        // 0.08 fires; 0.04 and 0.03 lie between clear and fire: still firing,
        // and what would resolve it now is the clear threshold.
        let e = run(&r, &series(d(11, 1), &[0.08, 0.04, 0.03]));
        assert_eq!((e.state, e.since), (AlertState::Firing, Some(d(11, 1))));
        assert!(e.threshold == 0.02 && close(e.value, 0.03));
        // 0.01 ≤ 0.02 resolves, on the 4th; the fire threshold is next.
        let e = run(&r, &series(d(11, 1), &[0.08, 0.04, 0.03, 0.01]));
        assert_eq!((e.state, e.since), (AlertState::Resolved, Some(d(11, 4))));
        assert!(e.threshold == 0.05 && e.worst.is_none());
        // Never firing, the band alone fires nothing.
        assert_eq!(
            run(&r, &series(d(11, 1), &[0.01, 0.04])).state,
            AlertState::Ok
        );
    }

    #[test]
    fn a_clear_threshold_past_the_fire_threshold_is_clamped() {
        // Clear 0.09 for "above 0.05" would resolve on a breaching day; it
        // reads as 0.05: 0.06 still breaches, 0.05 resolves.
        let r = rule(AlertCondition::Above, 0.05, Some(0.09), 1);
        assert_eq!(
            run(&r, &series(d(11, 1), &[0.08, 0.06])).state,
            AlertState::Firing
        );
        assert_eq!(
            run(&r, &series(d(11, 1), &[0.08, 0.05])).state,
            AlertState::Resolved
        );
    }

    #[test]
    fn resolved_rules_pend_and_fire_again() {
        let r = rule(AlertCondition::Above, 5.0, None, 2);
        // Fires on the 2nd, resolves on the 3rd, breaches again on the 4th:
        // pending (one day of two) since the 4th.
        let e = run(&r, &series(d(11, 1), &[9.0, 9.0, 1.0, 9.0]));
        assert_eq!((e.state, e.since), (AlertState::Pending, Some(d(11, 4))));
        let e = run(&r, &series(d(11, 1), &[9.0, 9.0, 1.0, 9.0, 9.0]));
        assert_eq!((e.state, e.since), (AlertState::Firing, Some(d(11, 5))));
        // Resolved lasts while calm, from the day it resolved.
        let e = run(&r, &series(d(11, 1), &[9.0, 9.0, 1.0, 1.0]));
        assert_eq!((e.state, e.since), (AlertState::Resolved, Some(d(11, 3))));
    }

    #[test]
    fn minimum_volume_blocks_firing_and_resolving() {
        let mut r = rule(AlertCondition::Above, 0.05, None, 1);
        r.min_volume = 100;
        // 3 errors out of 5 requests: a rate of 0.6, but 5 < 100 requests.
        let tiny = [(d(11, 1), Some(0.6), 5)];
        let e = run(&r, &tiny);
        assert_eq!(e.state, AlertState::Ok);
        assert!(close(e.value, 0.6));
        // The same rate over 500 requests fires.
        assert_eq!(
            run(&r, &[(d(11, 1), Some(0.6), 500)]).state,
            AlertState::Firing
        );
        // A quiet day with no errors over 3 requests does not resolve it.
        let quiet = [(d(11, 1), Some(0.08), 1000), (d(11, 2), Some(0.0), 3)];
        let e = run(&r, &quiet);
        assert_eq!((e.state, e.since), (AlertState::Firing, Some(d(11, 1))));
    }

    /// 1 January–9 March 2026: 100 a day; 40 on the Spring Festival days
    /// off (15–23 February) and both make-up workdays (14 and 28 February);
    /// 80 on the other days from 24 February (a slow restart).
    fn spring_festival() -> Vec<DailyPoint> {
        let slump = |day: NaiveDate| (d(2, 14) <= day && day <= d(2, 23)) || day == d(2, 28);
        d(1, 1)
            .iter_days()
            .take_while(|day| *day <= d(3, 9))
            .map(|day| {
                let v = if slump(day) {
                    40.0
                } else if day >= d(2, 24) {
                    80.0
                } else {
                    100.0
                };
                (day, Some(v), 1000)
            })
            .collect()
    }

    #[test]
    fn skipping_holidays_keeps_the_slump_out_of_the_baseline() {
        let r = rule(AlertCondition::FallVsBaseline, 15.0, None, 1);
        let s = spring_festival();
        let skip_flags = BaselineSkip {
            holidays: true,
            makeup_workdays: true,
            campaign_days: false,
        };
        let skip = baseline_skip_dates(skip_flags, d(1, 1), d(3, 9), []);
        // Without skipping, 9 March's window is 9 Feb–8 Mar: 5 × 100,
        // 11 × 40, 12 × 80 → sorted, 14th and 15th are 80: median 80, and
        // 80 is 0 %. The festival itself fired (40 against 100 on 14 Feb);
        // from 1 March (window 1–28 Feb: 13 × 100, 11 × 40, 4 × 80, median
        // 80) 80 reads 0 %: resolved since 1 March.
        let plain = evaluate(&r, &s, &BTreeSet::new(), d(3, 9));
        assert_eq!(
            (plain.state, plain.since),
            (AlertState::Resolved, Some(d(3, 1)))
        );
        assert!(close(plain.baseline, 80.0) && close(plain.value, 0.0));
        // Skipping the 11 festival dates, the 28 valid days reach back to
        // 29 January: 16 × 100 and 12 × 80 → median 100, and 80 is −20 %:
        // still firing, since 24 Feb (festival days are not judged).
        let skipped = evaluate(&r, &s, &skip, d(3, 9));
        assert_eq!(
            (skipped.state, skipped.since),
            (AlertState::Firing, Some(d(2, 24)))
        );
        assert!(close(skipped.baseline, 100.0) && close(skipped.value, -20.0));
        assert_eq!(skipped.worst, Some((d(2, 24), -20.0)));
    }

    #[test]
    fn empty_nan_and_missing_days_read_no_data_without_panicking() {
        let r = rule(AlertCondition::Above, 0.05, None, 1);
        let none = BTreeSet::new();
        let e = evaluate(&r, &[], &none, d(11, 1));
        assert_eq!(
            (e.state, e.since, e.value),
            (AlertState::NoData, None, None)
        );
        // NaN and infinity are no value.
        let bad = [
            (d(11, 1), Some(f64::NAN), 10),
            (d(11, 2), Some(f64::INFINITY), 10),
        ];
        let e = run(&r, &bad);
        assert_eq!((e.state, e.since), (AlertState::NoData, Some(d(11, 1))));
        // Data up to the 2nd, evaluated on the 4th: no data since the 3rd.
        let s = series(d(11, 1), &[0.01, 0.08]);
        let e = evaluate(&r, &s, &none, d(11, 4));
        assert_eq!((e.state, e.since), (AlertState::NoData, Some(d(11, 3))));
        // A gap holds the state: firing on the 2nd, no value on the 3rd, a
        // breach again on the 4th → still firing since the 2nd.
        let mut gap = s.clone();
        gap.push((d(11, 3), None, 0));
        gap.push((d(11, 4), Some(0.07), 1000));
        let e = run(&r, &gap);
        assert_eq!((e.state, e.since), (AlertState::Firing, Some(d(11, 2))));
        // Only rows after the evaluated day, or an extreme date: no panic.
        assert_eq!(evaluate(&r, &s, &none, d(10, 1)).state, AlertState::NoData);
        let odd = [
            (NaiveDate::MIN, Some(1.0), 1),
            (NaiveDate::MAX, Some(1.0), 1),
        ];
        assert_eq!(
            evaluate(&r, &odd, &none, NaiveDate::MAX).state,
            AlertState::Firing
        );
        // A baseline rule with 10 days of history has no baseline: no data.
        let rise = rule(AlertCondition::RiseVsBaseline, 30.0, None, 1);
        let e = run(&rise, &series(d(11, 1), &[100.0; 10]));
        assert_eq!(e.state, AlertState::NoData);
        // A zero baseline gives no percentage either.
        let e = run(&rise, &series(d(11, 1), &[0.0; 20]));
        assert_eq!(e.state, AlertState::NoData);
    }

    #[test]
    fn a_kpi_rule_evaluates_the_same_way() {
        // The watch only tells the caller which series to build.
        let mut r = rule(AlertCondition::Below, 0.03, None, 2);
        r.watch = AlertWatch::Kpi {
            kpi: Kpi::ConversionRate,
        };
        let e = run(&r, &series(d(11, 1), &[0.04, 0.02, 0.02]));
        assert_eq!((e.state, e.since), (AlertState::Firing, Some(d(11, 3))));
    }
}
