//! How traffic splits across districts, channels and platforms, and how
//! visits from each behave (bounce, new visitors, conversion, order value).

use crate::domain::cockpit::dimensions::{Channel, District, Platform};
use crate::domain::shared::ratio::ratio;

/// Districts with at least one store. Without a store there are no table
/// QR codes and no delivery.
pub(super) fn has_store(d: District) -> bool {
    !matches!(
        d,
        District::Baodi | District::Ninghe | District::Jinghai | District::Jizhou
    )
}

/// Paid ads are geo-targeted to the six central districts and Binhai, where
/// stores and delivery coverage are dense enough to pay back the clicks.
pub(super) fn paid_targeted(d: District) -> bool {
    matches!(
        d,
        District::Heping
            | District::Hedong
            | District::Hexi
            | District::Nankai
            | District::Hebei
            | District::Hongqiao
            | District::Binhai
    )
}

/// A food chain's traffic follows its stores: the old city centre and the
/// dense inner districts are over-weighted against their population, the
/// outer districts (one store in Wuqing, none further out) far under.
fn district_weight(d: District) -> f64 {
    let centrality = match d {
        District::Heping => 3.4,
        District::Nankai => 2.3,
        District::Hexi => 2.3,
        District::Hedong => 1.5,
        District::Hebei => 1.4,
        District::Hongqiao => 1.3,
        District::Binhai => 1.0,
        District::Xiqing => 0.9,
        District::Dongli => 0.8,
        District::Beichen => 0.75,
        District::Jinnan => 0.7,
        District::Wuqing => 0.2,
        District::Jinghai => 0.02,
        District::Jizhou => 0.02,
        District::Ninghe => 0.02,
        District::Baodi => 0.02,
    };
    d.population_wan() * centrality
}

pub(super) fn district_shares() -> Vec<(District, f64)> {
    let total: f64 = District::ALL.iter().map(|d| district_weight(*d)).sum();
    District::ALL
        .iter()
        .map(|d| (*d, ratio(district_weight(*d), total).unwrap_or(0.0)))
        .collect()
}

/// Channel mix at `t` (0 = window start, 1 = a year later): content
/// platforms slowly take share from direct visits. Paid ads run on about
/// half the days (see [`paid_flight`]) and only in some districts, so their
/// share where they run is higher than the ~9% they average.
pub(super) fn channel_share(c: Channel, t: f64) -> f64 {
    match c {
        Channel::Direct => 0.32 - 0.04 * t,
        Channel::Social => 0.25,
        Channel::Content => 0.18 + 0.04 * t,
        Channel::OfflineQr => 0.15,
        Channel::PaidAds => 0.22,
    }
}

/// Platform mix at `t`: HarmonyOS NEXT phones slowly replace Android ones.
pub(super) fn platform_share(p: Platform, t: f64) -> f64 {
    match p {
        Platform::Android => 0.57 - 0.04 * t,
        Platform::Ios => 0.38,
        Platform::Harmony => 0.05 + 0.04 * t,
    }
}

/// Behaviour that differs by where a visit came from.
pub(super) struct ChannelProfile {
    pub(super) bounce: f64,
    pub(super) new_share: f64,
    pub(super) conversion: f64,
    pub(super) repurchase: f64,
    pub(super) aov: f64,
}

pub(super) fn profile(c: Channel) -> ChannelProfile {
    match c {
        Channel::Direct => ChannelProfile {
            bounce: 0.26,
            new_share: 0.06,
            conversion: 0.075,
            repurchase: 0.48,
            aov: 1.0,
        },
        Channel::Social => ChannelProfile {
            bounce: 0.38,
            new_share: 0.28,
            conversion: 0.045,
            repurchase: 0.32,
            aov: 0.98,
        },
        Channel::Content => ChannelProfile {
            bounce: 0.44,
            new_share: 0.32,
            conversion: 0.028,
            repurchase: 0.28,
            aov: 1.02,
        },
        // Scanned at the table or counter: people are there to order.
        Channel::OfflineQr => ChannelProfile {
            bounce: 0.20,
            new_share: 0.30,
            conversion: 0.11,
            repurchase: 0.36,
            aov: 1.1,
        },
        Channel::PaidAds => ChannelProfile {
            bounce: 0.50,
            new_share: 0.45,
            conversion: 0.03,
            repurchase: 0.22,
            aov: 0.95,
        },
    }
}

pub(super) fn platform_tweak(p: Platform) -> (f64, f64) {
    // (conversion, AOV) multipliers.
    match p {
        Platform::Ios => (1.05, 1.08),
        Platform::Android => (1.0, 0.97),
        Platform::Harmony => (0.97, 0.98),
    }
}

pub(super) fn district_aov(d: District) -> f64 {
    match d {
        District::Heping => 1.1,
        District::Hexi | District::Nankai => 1.05,
        District::Binhai => 1.02,
        District::Baodi | District::Jizhou | District::Ninghe | District::Jinghai => 0.92,
        _ => 1.0,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::data;
    use crate::domain::cockpit::model::MetricFact;
    use std::collections::BTreeMap;

    #[test]
    fn districts_follow_stores_and_population() {
        let ds = data();
        let mut by_district: BTreeMap<District, u64> = BTreeMap::new();
        for f in &ds.metrics {
            *by_district.entry(f.district).or_default() += u64::from(f.visits);
        }
        assert_eq!(by_district.len(), 16);
        let per_capita = |d: District| by_district[&d] as f64 / d.population_wan();
        assert!(per_capita(District::Heping) > 2.0 * per_capita(District::Jizhou));
        assert!(per_capita(District::Nankai) > 2.0 * per_capita(District::Jizhou));
        assert!(per_capita(District::Hexi) > per_capita(District::Baodi));
        // Channel and platform mix close to the brief.
        let total: u64 = by_district.values().sum();
        let share = |pred: &dyn Fn(&MetricFact) -> bool| {
            ds.metrics
                .iter()
                .filter(|f| pred(f))
                .map(|f| u64::from(f.visits))
                .sum::<u64>() as f64
                / total as f64
        };
        let direct = share(&|f| f.channel == Channel::Direct);
        let paid = share(&|f| f.channel == Channel::PaidAds);
        let android = share(&|f| f.platform == Platform::Android);
        let harmony = share(&|f| f.platform == Platform::Harmony);
        assert!((0.25..0.35).contains(&direct), "direct {direct}");
        assert!((0.08..0.14).contains(&paid), "paid {paid}");
        assert!((0.5..0.6).contains(&android), "android {android}");
        assert!((0.04..0.1).contains(&harmony), "harmony {harmony}");
    }
}
