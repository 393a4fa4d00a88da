//! Read-outs of hand-made tests whose numbers are worked out in the comments.

use chrono::NaiveDate;

use super::sample::{plan, Plan};
use super::*;
use crate::domain::shared::stats::assert_close;
use crate::domain::shared::stats::proportions::Counts;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// A concluded 20% → 25% (5 points) design, 1 to 28 November.
fn input(arms: &[(u64, u64)]) -> TestInput {
    TestInput {
        variants: arms
            .iter()
            .enumerate()
            .map(|(index, (visitors, conversions))| VariantInput {
                name: ["A", "B", "C", "D"].get(index).unwrap_or(&"X").to_string(),
                visitors: *visitors,
                conversions: *conversions,
            })
            .collect(),
        planned_split: Vec::new(),
        control: 0,
        minimum_effect: MinimumEffect::Absolute(0.05),
        power: 0.8,
        alpha: 0.05,
        baseline: None,
        daily_traffic: None,
        phase: Phase::Concluded,
        start: day(1),
        today: day(28),
        horizon_days: DEFAULT_HORIZON_DAYS,
    }
}

fn running(mut input: TestInput, start: u32) -> TestInput {
    input.phase = Phase::Running;
    input.start = day(start);
    input
}

#[test]
fn a_clear_winner() {
    // 400/2000 = 20% vs 500/2000 = 25%. Pooled 22.5%, SE = √(0.225·0.775·
    // (2/2000)) = 0.0132051, z = 3.7864, two-sided p = 1.53e−4. The sample
    // (1,031 per arm, see power.rs) is reached, the split is exact.
    let readout = read_out(&input(&[(2000, 400), (2000, 500)])).unwrap();
    let comparison = &readout.comparisons[0];
    assert_eq!(comparison.variant, 1);
    assert_close(comparison.absolute_lift.unwrap(), 0.05, 1e-12);
    assert_close(comparison.relative_lift.unwrap(), 0.25, 1e-12);
    assert_close(comparison.p_value.unwrap(), 1.53e-4, 0.01e-4);
    assert_eq!(comparison.adjusted_p_value, comparison.p_value);
    assert_eq!(comparison.outcome, Outcome::Better);
    assert!(comparison.absolute_interval.unwrap().contains(0.05));
    assert!(comparison.relative_interval.unwrap().low > 0.0);
    let control = &readout.variants[0];
    assert_close(control.rate.unwrap(), 0.2, 1e-15);
    let expected = proportions::wilson_interval(Counts::new(400, 2000).unwrap(), 0.05).unwrap();
    assert_eq!(control.interval, Some(expected));
    let srm = readout.srm.unwrap();
    assert_eq!(
        (srm.statistic, srm.p_value, srm.mismatch),
        (0.0, 1.0, false)
    );
    let sample = readout.sample.unwrap();
    assert_eq!(
        (sample.per_arm, sample.reached, sample.days_left),
        (1031, true, Some(0))
    );
    assert_eq!(readout.verdict, Verdict::Winner { variant: 1 });
}

#[test]
fn sample_ratio_mismatch_overrides_a_winner() {
    // 10,000 vs 9,000 visitors on a 50/50 plan: expected 9,500 each, χ² =
    // 2·500²/9500 = 52.63 (1 df), p ≈ 4e−13 < 0.001. The 20% → 25% lift
    // would be a winner, but the numbers can't be trusted.
    let readout = read_out(&input(&[(10_000, 2000), (9000, 2250)])).unwrap();
    let srm = readout.srm.unwrap();
    assert_close(srm.statistic, 52.6316, 1e-4);
    assert!(srm.mismatch && srm.p_value < 1e-12);
    assert_eq!(readout.comparisons[0].outcome, Outcome::Better);
    assert_eq!(
        readout.verdict,
        Verdict::Invalid {
            srm_p_value: srm.p_value
        }
    );
}

#[test]
fn a_planned_uneven_split_is_no_mismatch() {
    let mut uneven = input(&[(1000, 200), (2000, 400)]);
    uneven.planned_split = vec![1.0, 2.0];
    let srm = read_out(&uneven).unwrap().srm.unwrap();
    assert_eq!((srm.statistic, srm.mismatch), (0.0, false));
}

#[test]
fn a_running_test_under_its_sample_is_too_early_even_when_significant() {
    // 24–28 November = 5 days, 1,000 visitors → 200 a day, 100 per arm. Each
    // arm needs 1,031 at the control's 20%: 531 more, 6 days. 100/500 vs
    // 150/500 has p ≈ 0.001, but peeking does not call a fixed-sample test.
    let readout = read_out(&running(input(&[(500, 100), (500, 150)]), 24)).unwrap();
    assert!(readout.comparisons[0].p_value.unwrap() < 0.01);
    let sample = readout.sample.unwrap();
    assert_eq!((sample.per_arm, sample.reached), (1031, false));
    assert_eq!(readout.verdict, Verdict::TooEarly { days_left: Some(6) });
}

#[test]
fn a_running_test_that_can_never_reach_its_sample_is_underpowered() {
    // 19–28 November = 10 days, 100 visitors → 10 a day, 5 per arm. 981 more
    // per arm take 197 days: 207 days in all, beyond the 90-day horizon. By
    // day 90 each arm has 50 + 5·80 = 450 visitors.
    let readout = read_out(&running(input(&[(50, 10), (50, 12)]), 19)).unwrap();
    assert_eq!(readout.sample.unwrap().days_left, Some(197));
    let Verdict::Underpowered {
        detectable: Some(MinimumEffect::Absolute(detectable)),
    } = readout.verdict
    else {
        panic!("expected underpowered, got {:?}", readout.verdict);
    };
    let needed =
        power::sample_size_per_arm_exact(0.2, MinimumEffect::Absolute(detectable), 0.8, 0.05)
            .unwrap();
    assert_close(needed, 450.0, 1e-6);
    assert!(detectable > 0.05);
}

#[test]
fn a_concluded_test_short_of_its_sample_without_a_result_is_underpowered() {
    let readout = read_out(&input(&[(300, 60), (300, 66)])).unwrap();
    assert_eq!(readout.comparisons[0].outcome, Outcome::NoDifference);
    let Verdict::Underpowered {
        detectable: Some(MinimumEffect::Absolute(detectable)),
    } = readout.verdict
    else {
        panic!("expected underpowered, got {:?}", readout.verdict);
    };
    let at_300 = power::minimum_detectable_effect(0.2, 300, 0.8, 0.05);
    assert_eq!(Some(MinimumEffect::Absolute(detectable)), at_300);
}

#[test]
fn inconclusive_and_loser() {
    let readout = read_out(&input(&[(2000, 400), (2000, 410)])).unwrap();
    assert_eq!(readout.verdict, Verdict::Inconclusive);
    let readout = read_out(&input(&[(2000, 500), (2000, 400)])).unwrap();
    assert_eq!(readout.comparisons[0].outcome, Outcome::Worse);
    assert_eq!(readout.verdict, Verdict::Loser);
}

#[test]
fn holm_correction_with_three_variants() {
    // B: 455/2000 vs 400/2000: pooled 0.21375, SE = 0.012964, z = 2.1213,
    // p = 0.0339 < 0.05 on its own. C: 410/2000, p ≈ 0.43. Holm: 0.0339·2 =
    // 0.0678 for B, max(0.0678, 0.43·1) for C, so B is no longer significant.
    let readout = read_out(&input(&[(2000, 400), (2000, 455), (2000, 410)])).unwrap();
    let [b, c] = &readout.comparisons[..] else {
        panic!("two comparisons");
    };
    let (raw_b, raw_c) = (b.p_value.unwrap(), c.p_value.unwrap());
    assert_close(raw_b, 0.0339, 1e-4);
    assert_close(b.adjusted_p_value.unwrap(), 2.0 * raw_b, 1e-12);
    assert_close(c.adjusted_p_value.unwrap(), raw_c, 1e-12);
    assert_eq!(
        (b.outcome, c.outcome),
        (Outcome::NoDifference, Outcome::NoDifference)
    );
    assert_eq!(readout.verdict, Verdict::Inconclusive);
}

#[test]
fn the_best_significant_variant_wins() {
    let readout = read_out(&input(&[(2000, 400), (2000, 500), (2000, 560)])).unwrap();
    assert_eq!(readout.verdict, Verdict::Winner { variant: 2 });
}

#[test]
fn no_visitors_yet_is_too_early_without_panicking() {
    let readout = read_out(&running(input(&[(0, 0), (0, 0)]), 28)).unwrap();
    assert_eq!(readout.srm, None);
    assert_eq!(readout.sample, None);
    assert_eq!(readout.variants[0].rate, None);
    assert_eq!(readout.comparisons[0].outcome, Outcome::NoData);
    assert_eq!(readout.verdict, Verdict::TooEarly { days_left: None });
    // With a planned baseline the sample is known, the days are not.
    let mut planned = running(input(&[(0, 0), (0, 0)]), 28);
    planned.baseline = Some(0.2);
    let readout = read_out(&planned).unwrap();
    assert_eq!(readout.sample.unwrap().per_arm, 1031);
    assert_eq!(readout.verdict, Verdict::TooEarly { days_left: None });
}

#[test]
fn zero_traffic_or_odd_dates_do_not_panic() {
    let mut stalled = running(input(&[(100, 20), (100, 25)]), 1);
    stalled.daily_traffic = Some(0.0);
    let readout = read_out(&stalled).unwrap();
    assert_eq!(readout.sample.unwrap().days_left, None);
    assert!(matches!(readout.verdict, Verdict::Underpowered { .. }));
    let mut backwards = running(input(&[(500, 100), (500, 150)]), 28);
    backwards.today = day(1);
    assert!(read_out(&backwards).is_ok());
    let zero_control = read_out(&input(&[(100, 0), (100, 5)])).unwrap();
    assert_eq!(zero_control.comparisons[0].relative_lift, None);
    assert_eq!(zero_control.comparisons[0].relative_interval, None);
}

#[test]
fn invalid_input_is_a_typed_error() {
    assert_eq!(read_out(&input(&[])), Err(ReadoutError::TooFewVariants));
    assert_eq!(
        read_out(&input(&[(10, 1)])),
        Err(ReadoutError::TooFewVariants)
    );
    let mut unknown = input(&[(10, 1), (10, 2)]);
    unknown.control = 2;
    assert_eq!(read_out(&unknown), Err(ReadoutError::UnknownControl));
    assert_eq!(
        read_out(&input(&[(10, 1), (10, 11)])),
        Err(ReadoutError::MoreConversionsThanVisitors("B".to_string()))
    );
    let design = |change: fn(&mut TestInput)| {
        let mut broken = input(&[(10, 1), (10, 2)]);
        change(&mut broken);
        read_out(&broken)
    };
    assert_eq!(
        design(|i| i.planned_split = vec![1.0]),
        Err(ReadoutError::BadSplit)
    );
    assert_eq!(
        design(|i| i.planned_split = vec![1.0, f64::NAN]),
        Err(ReadoutError::BadSplit)
    );
    let range = Err(ReadoutError::Design(StatsError::ProbabilityOutOfRange));
    assert_eq!(design(|i| i.power = f64::NAN), range);
    assert_eq!(design(|i| i.alpha = 0.0), range);
    assert_eq!(
        design(|i| i.minimum_effect = MinimumEffect::Relative(0.0)),
        Err(ReadoutError::Design(StatsError::EffectOutOfRange))
    );
    assert_eq!(
        design(|i| i.daily_traffic = Some(-1.0)),
        Err(ReadoutError::BadTraffic)
    );
    assert_eq!(
        design(|i| i.daily_traffic = Some(f64::NAN)),
        Err(ReadoutError::BadTraffic)
    );
}

#[test]
fn planner_gives_visitors_and_days() {
    // 1,031 per arm (Evan Miller's 1,030.2 rounded up, see power.rs); two
    // arms = 2,062 visitors, at 500 a day 4.1 → 5 days; three arms 3,093 →
    // 6.2 → 7 days.
    let effect = MinimumEffect::Absolute(0.05);
    let two = plan(0.2, effect, 0.8, 0.05, 500.0, 2).unwrap();
    assert_eq!(
        two,
        Plan {
            per_arm: 1031,
            total: 2062,
            days: Some(5)
        }
    );
    assert_eq!(
        plan(0.2, effect, 0.8, 0.05, 500.0, 3).unwrap().days,
        Some(7)
    );
    assert_eq!(plan(0.2, effect, 0.8, 0.05, 0.0, 2).unwrap().days, None);
    assert_eq!(
        plan(0.2, effect, 0.8, 0.05, 500.0, 1),
        Err(ReadoutError::TooFewVariants)
    );
    assert_eq!(
        plan(0.2, effect, 0.8, 0.05, f64::NAN, 2),
        Err(ReadoutError::BadTraffic)
    );
    assert_eq!(
        plan(1.2, effect, 0.8, 0.05, 500.0, 2),
        Err(ReadoutError::Design(StatsError::ProbabilityOutOfRange))
    );
}
