//! The cockpit's daily KPI targets and warning lines, set from the last
//! four weeks of facts.

use super::Aggregates;
use crate::domain::cockpit::model::Target;
use crate::domain::shared::ratio::ratio;

/// Rounds to a "nice" target, e.g. 7,384 → 7,400 or 0.3163 → 0.32.
fn round_to(x: f64, step: f64) -> f64 {
    if step < 1.0 {
        // Divide by the inverse so 0.32 comes out as 0.32, not 0.32000000000000006.
        let inverse = (1.0 / step).round();
        (x * inverse).round() / inverse
    } else {
        (x / step).round() * step
    }
}

/// Daily KPI targets a little above the last four weeks, with warning
/// thresholds below (or, for the bounce rate, above) them.
pub(super) fn gen_targets(agg: &Aggregates) -> Vec<Target> {
    let (t, n) = agg.last_days(28);
    let days = f64::from(n.max(1));
    let per_day = |x: u64| x as f64 / days;
    // Ambition differs by KPI, as a real plan's would: some are already met,
    // some are stretch goals, and the repurchase goal sits past its warning
    // line, so the cockpit shows every status.
    let count = |id: &str, daily: f64, up: f64, step: f64| Target {
        id: id.to_string(),
        target: round_to(daily * up, step),
        warning: round_to(daily * (up - 0.2), step),
    };
    let rate = |id: &str, value: f64, up: f64, down: f64, step: f64| Target {
        id: id.to_string(),
        target: round_to(value * up, step),
        warning: round_to(value * down, step),
    };
    let bounce = ratio(t.bounces as f64, t.sessions as f64).unwrap_or(0.0);
    vec![
        count("visitors", per_day(t.visitors), 0.95, 100.0),
        count("visits", per_day(t.visits), 1.08, 100.0),
        count("newVisitors", per_day(t.new_visitors), 0.9, 10.0),
        count("pageViews", per_day(t.page_views), 1.05, 1_000.0),
        rate(
            "avgStay",
            ratio(t.stay_seconds as f64, t.sessions as f64).unwrap_or(0.0),
            0.95,
            0.8,
            5.0,
        ),
        rate(
            "visitDepth",
            ratio(t.page_views as f64, t.visits as f64).unwrap_or(0.0),
            1.05,
            0.85,
            0.1,
        ),
        Target {
            id: "bounceRate".into(),
            target: round_to(bounce * 0.95, 0.01),
            warning: round_to(bounce + 0.06, 0.01),
        },
        count("orders", per_day(t.orders), 1.1, 10.0),
        count("payingUsers", per_day(t.paying_users), 1.1, 10.0),
        rate(
            "conversionRate",
            ratio(t.paying_users as f64, t.visitors as f64).unwrap_or(0.0),
            1.1,
            0.85,
            0.001,
        ),
        rate(
            "aov",
            ratio(t.revenue, t.orders as f64).unwrap_or(0.0),
            0.95,
            0.85,
            1.0,
        ),
        count("revenue", t.revenue / days, 1.12, 1_000.0),
        rate(
            "repurchaseRate",
            ratio(t.repeat_buyers as f64, t.paying_users as f64).unwrap_or(0.0),
            1.3,
            1.05,
            0.01,
        ),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::data::embedded::generator::fixture::data;

    #[test]
    fn targets_cover_every_kpi() {
        let ds = data();
        let keys = [
            "visitors",
            "visits",
            "newVisitors",
            "pageViews",
            "avgStay",
            "visitDepth",
            "bounceRate",
            "orders",
            "payingUsers",
            "conversionRate",
            "aov",
            "revenue",
            "repurchaseRate",
        ];
        assert_eq!(ds.targets.len(), keys.len());
        for (t, key) in ds.targets.iter().zip(keys) {
            assert_eq!(t.id, key);
            assert!(t.target > 0.0 && t.warning > 0.0, "{t:?}");
            if key == "bounceRate" {
                assert!(t.warning > t.target && t.target < 1.0);
            } else {
                assert!(t.warning < t.target, "{t:?}");
            }
        }
        let get = |k: &str| ds.targets.iter().find(|t| t.id == k).unwrap().target;
        assert!((0.02..0.1).contains(&get("conversionRate")));
        assert!((60.0..240.0).contains(&get("avgStay")));
        eprintln!("targets: {:?}", ds.targets);
    }
}
