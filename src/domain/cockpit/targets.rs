//! A KPI's standing against its target over a period.

use serde::{Deserialize, Serialize};

use crate::domain::cockpit::kpi::Kpi;
use crate::domain::cockpit::model::Target;
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    /// A KPI's standing against its target.
    TargetStatus {
        Met = "met", "达标", "On target";
        BelowTarget = "below", "未达标", "Off target";
        Alert = "alert", "预警", "Alert";
        NoTarget = "none", "无目标", "No target";
    }
}

/// The target and warning threshold for a period of `days` days: targets of
/// additive KPIs are per day and scale with the days; ratios don't.
pub fn scaled_target(kpi: Kpi, target: &Target, days: u32) -> (f64, f64) {
    if kpi.additive() {
        let n = f64::from(days);
        (target.target * n, target.warning * n)
    } else {
        (target.target, target.warning)
    }
}

/// [`scaled_target`], or `None` when either number cannot be shown (see
/// [`Kpi::shown`]; e.g. a stored 1e308): such a target is ignored rather
/// than judged against, so no "inf" reaches a tile, note or export.
pub fn usable_target(kpi: Kpi, target: &Target, days: u32) -> Option<(f64, f64)> {
    let (goal, warning) = scaled_target(kpi, target, days);
    Some((kpi.shown(goal)?, kpi.shown(warning)?))
}

/// Where `value` stands against `target` over a period of `days` days.
/// Meeting the target wins over the warning check, so a misconfigured pair
/// still gives a single answer.
pub fn target_status(
    kpi: Kpi,
    value: Option<f64>,
    target: Option<&Target>,
    days: u32,
) -> TargetStatus {
    let (Some(v), Some((goal, warning))) =
        (value, target.and_then(|t| usable_target(kpi, t, days)))
    else {
        return TargetStatus::NoTarget;
    };
    if kpi.higher_is_better() {
        if v >= goal {
            TargetStatus::Met
        } else if v < warning {
            TargetStatus::Alert
        } else {
            TargetStatus::BelowTarget
        }
    } else if v <= goal {
        TargetStatus::Met
    } else if v > warning {
        TargetStatus::Alert
    } else {
        TargetStatus::BelowTarget
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::test_support::target;
    use crate::i18n::Lang;

    #[test]
    fn targets_scale_by_days_for_additive_kpis() {
        let visitors = target("visitors", 1000.0, 800.0);
        // 30 days: target 30,000, warning 24,000.
        assert_eq!(
            scaled_target(Kpi::Visitors, &visitors, 30),
            (30_000.0, 24_000.0)
        );
        let st = |v| target_status(Kpi::Visitors, Some(v), Some(&visitors), 30);
        assert_eq!(st(30_000.0), TargetStatus::Met);
        assert_eq!(st(25_000.0), TargetStatus::BelowTarget);
        assert_eq!(st(24_000.0), TargetStatus::BelowTarget);
        assert_eq!(st(23_999.0), TargetStatus::Alert);
        // One day: the daily figures.
        assert_eq!(
            target_status(Kpi::Visitors, Some(900.0), Some(&visitors), 1),
            TargetStatus::BelowTarget
        );
        // Ratios do not scale.
        let conv = target("conversionRate", 0.03, 0.02);
        assert_eq!(scaled_target(Kpi::ConversionRate, &conv, 30), (0.03, 0.02));
        assert_eq!(
            target_status(Kpi::ConversionRate, Some(0.031), Some(&conv), 30),
            TargetStatus::Met
        );
        assert_eq!(
            target_status(Kpi::ConversionRate, Some(0.019), Some(&conv), 90),
            TargetStatus::Alert
        );
        assert_eq!(
            target_status(Kpi::ConversionRate, None, Some(&conv), 30),
            TargetStatus::NoTarget
        );
        assert_eq!(
            target_status(Kpi::ConversionRate, Some(0.5), None, 30),
            TargetStatus::NoTarget
        );
        let targets = vec![visitors.clone(), conv.clone()];
        assert_eq!(Kpi::ConversionRate.target(&targets), Some(&conv));
        assert_eq!(Kpi::Orders.target(&targets), None);
    }

    #[test]
    fn bounce_rate_is_lower_is_better() {
        let b = target("bounceRate", 0.30, 0.40);
        let st = |v| target_status(Kpi::BounceRate, Some(v), Some(&b), 30);
        assert_eq!(st(0.25), TargetStatus::Met);
        assert_eq!(st(0.30), TargetStatus::Met);
        assert_eq!(st(0.35), TargetStatus::BelowTarget);
        assert_eq!(st(0.40), TargetStatus::BelowTarget);
        assert_eq!(st(0.41), TargetStatus::Alert);
        assert_eq!(TargetStatus::Met.label(Lang::Zh), "达标");
    }

    #[test]
    fn values_that_cannot_be_shown_are_dashes_never_inf() {
        for k in Kpi::ALL {
            for v in [1e308, -1e308, f64::INFINITY, f64::NAN, 1e15] {
                let text = k.format(Some(v), Lang::Zh);
                assert_eq!(text, "—", "{k:?} {v}");
                assert_eq!(k.plain(Some(v)), "", "{k:?} {v}");
            }
        }
        // A rate is checked as displayed: 1e13 is fine as a count, not as
        // a percentage (1e15 %).
        assert_eq!(Kpi::Orders.plain(Some(1e13)), "10000000000000");
        assert_eq!(Kpi::ConversionRate.plain(Some(1e13)), "");
        // A target of 1e308 is ignored: no status, no scaled target.
        let huge = target("visitors", 1e308, 1e308);
        assert_eq!(usable_target(Kpi::Visitors, &huge, 30), None);
        assert_eq!(
            target_status(Kpi::Visitors, Some(10.0), Some(&huge), 30),
            TargetStatus::NoTarget
        );
        let conv = target("conversionRate", 1e308, 1e308);
        assert_eq!(
            target_status(Kpi::ConversionRate, Some(0.03), Some(&conv), 1),
            TargetStatus::NoTarget
        );
        let fine = target("conversionRate", 0.03, 0.02);
        assert_eq!(
            usable_target(Kpi::ConversionRate, &fine, 30),
            Some((0.03, 0.02))
        );
    }
}
