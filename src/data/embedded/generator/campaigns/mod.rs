//! Campaigns: the effect each one has on the traffic it covers (the metric
//! facts are generated with it), and the campaign records with targets and
//! reviews computed from those facts afterwards. The plan itself, which
//! campaigns run when, is in [`specs`].

use chrono::{Datelike, NaiveDate};

use super::common::{money, to_u32};
use super::S_CAMPAIGNS;
use crate::data::embedded::rng::Rng;
use crate::domain::campaigns::model::{
    Audience, Campaign, CampaignFigures, CampaignGoal, CampaignReview, CampaignStatus, CampaignType,
};
use crate::domain::cockpit::dimensions::{Channel, District};
use crate::domain::cockpit::model::MetricFact;
use crate::domain::cockpit::totals::Totals;
use crate::domain::shared::dates::add_days;

pub(super) mod specs;

/// Multipliers a campaign applies to the rows it covers.
#[derive(Debug, Clone, Copy)]
pub(super) struct Effect {
    pub(super) visits: f64,
    pub(super) conversion: f64,
    pub(super) new_share: f64,
    pub(super) aov: f64,
}

impl Effect {
    pub(super) const NONE: Effect = Effect {
        visits: 1.0,
        conversion: 1.0,
        new_share: 1.0,
        aov: 1.0,
    };

    pub(super) fn combine(self, o: Effect) -> Effect {
        Effect {
            visits: self.visits * o.visits,
            conversion: self.conversion * o.conversion,
            new_share: self.new_share * o.new_share,
            aov: self.aov * o.aov,
        }
    }
}

pub(super) struct Spec {
    pub(super) name: &'static str,
    kind: CampaignType,
    goal: CampaignGoal,
    audience: Audience,
    districts: Vec<District>,
    pub(super) channels: Vec<Channel>,
    pub(super) start: NaiveDate,
    pub(super) end: NaiveDate,
    budget: f64,
    /// Only Monday–Friday (e.g. weekday lunch offers).
    weekdays_only: bool,
    /// Reviewed once over; `notes` are the review's worked / to-change text.
    review: bool,
    notes: Option<(&'static str, &'static str)>,
}

impl Spec {
    pub(super) fn active(&self, date: NaiveDate) -> bool {
        self.start <= date
            && date <= self.end
            && !(self.weekdays_only && date.weekday().number_from_monday() > 5)
    }

    pub(super) fn covers(&self, d: District, c: Channel) -> bool {
        (self.districts.is_empty() || self.districts.contains(&d))
            && (self.channels.is_empty() || self.channels.contains(&c))
    }

    pub(super) fn effect(&self) -> Effect {
        let (visits, conversion, new_share, aov) = match self.kind {
            CampaignType::Discount => (1.12, 1.18, 1.0, 0.93),
            CampaignType::GroupBuy => (1.2, 1.1, 1.3, 1.05),
            CampaignType::FlashSale => (1.28, 1.15, 1.1, 0.9),
            CampaignType::CouponPack => (1.15, 1.2, 1.15, 1.0),
            CampaignType::CheckIn => (1.12, 1.02, 1.0, 1.0),
            CampaignType::Points => (1.06, 1.05, 1.0, 1.02),
            CampaignType::Lottery => (1.15, 1.03, 1.15, 1.0),
        };
        let goal = match self.goal {
            CampaignGoal::Acquisition => Effect {
                new_share: 1.4,
                ..Effect::NONE
            },
            CampaignGoal::RaiseAov => Effect {
                aov: 1.1,
                ..Effect::NONE
            },
            CampaignGoal::ClearStock => Effect {
                conversion: 1.05,
                ..Effect::NONE
            },
            CampaignGoal::Activation => Effect::NONE,
        };
        Effect {
            visits,
            conversion,
            new_share,
            aov,
        }
        .combine(goal)
    }

    /// Share of the covered traffic that took part in the campaign.
    fn participation(&self) -> f64 {
        match self.kind {
            CampaignType::CheckIn | CampaignType::Lottery => 0.3,
            CampaignType::FlashSale | CampaignType::CouponPack => 0.22,
            _ => 0.15,
        }
    }
}

pub(super) fn gen_campaigns(
    seed: u64,
    end: NaiveDate,
    specs: &[Spec],
    facts: &[MetricFact],
) -> Vec<Campaign> {
    let mut rng = Rng::derive(seed, S_CAMPAIGNS);
    let mut out = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        let scope = |from: NaiveDate, to: NaiveDate| {
            let mut t = Totals::default();
            for f in facts.iter().filter(|f| {
                from <= f.date
                    && f.date <= to
                    && s.covers(f.district, f.channel)
                    && !(s.weekdays_only && f.date.weekday().number_from_monday() > 5)
            }) {
                t.add(f);
            }
            t
        };
        let figures = |t: &Totals, scale: f64| CampaignFigures {
            participants: to_u32(t.visitors as f64 * s.participation() * scale),
            new_users: to_u32(t.new_visitors as f64 * 0.4 * scale),
            // Orders that used the campaign (its coupon, group or price): a
            // slice of all orders in scope, so ROI lands where real ones do.
            orders: to_u32(t.orders as f64 * 0.12 * scale),
            revenue: money(t.revenue * 0.12 * scale),
        };

        let status = if s.start > end {
            CampaignStatus::Planned
        } else if s.end >= end {
            CampaignStatus::Running
        } else if s.review && (end - s.end).num_days() > 7 {
            CampaignStatus::Reviewed
        } else {
            CampaignStatus::Ended
        };

        // Targets were set from the four weeks before the campaign, scaled
        // to its length and the hoped-for lift.
        let days = (s.end - s.start).num_days() + 1;
        let before = scope(
            add_days(s.start.min(end), -28),
            add_days(s.start.min(end), -1),
        );
        let targets = figures(&before, days as f64 / 28.0 * s.effect().visits * 1.1);

        let review = (status == CampaignStatus::Reviewed).then(|| {
            let actual = figures(&scope(s.start, s.end), rng.jitter(0.05));
            let (worked, to_change) = s.notes.unwrap_or(("", ""));
            CampaignReview {
                actual,
                cost: money(s.budget * rng.range(0.82, 1.04)),
                derived: false,
                worked: worked.to_string(),
                to_change: to_change.to_string(),
            }
        });

        out.push(Campaign {
            id: format!("spec-{i:02}"),
            name: s.name.to_string(),
            kind: s.kind,
            goal: s.goal,
            audience: s.audience,
            districts: s.districts.clone(),
            channels: s.channels.clone(),
            start: s.start,
            end: s.end,
            budget: s.budget,
            targets,
            status,
            review,
        });
    }
    // Number them in start order, oldest first.
    out.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));
    for (i, c) in out.iter_mut().enumerate() {
        c.id = format!("cmp-{:02}", i + 1);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::{d, data, end};
    use std::collections::HashSet;

    #[test]
    fn campaigns_lift_their_channels() {
        let ds = data();
        let c = ds
            .campaigns
            .iter()
            .find(|c| c.name == "津门新人礼")
            .unwrap();
        assert_eq!(c.status, CampaignStatus::Running);
        let covered = |f: &MetricFact| c.channels.contains(&f.channel);
        let ratio_in = |from: NaiveDate, to: NaiveDate| {
            let (mut inside, mut outside) = (0u64, 0u64);
            for f in ds.metrics.iter().filter(|f| from <= f.date && f.date <= to) {
                if covered(f) {
                    inside += u64::from(f.new_visitors);
                } else {
                    outside += u64::from(f.new_visitors);
                }
            }
            inside as f64 / outside as f64
        };
        let during = ratio_in(c.start, end());
        let before = ratio_in(add_days(c.start, -28), add_days(c.start, -1));
        assert!(during > before * 1.3, "during {during} before {before}");
    }

    #[test]
    fn campaign_records_cover_every_stage() {
        let ds = data();
        assert!((15..=20).contains(&ds.campaigns.len()));
        for status in CampaignStatus::ALL {
            assert!(
                ds.campaigns.iter().any(|c| c.status == *status),
                "no {status:?} campaign"
            );
        }
        for name in [
            "午市特惠",
            "618年中秒杀",
            "双11美食囤券节",
            "年货节·津味礼盒拼团",
        ] {
            assert!(ds.campaigns.iter().any(|c| c.name == name), "{name}");
        }
        // Late November: the next Spring Festival (2027-02-06) is planned.
        let spring = ds
            .campaigns
            .iter()
            .find(|c| c.name == "新春年货节·津味礼盒预售")
            .expect("the Spring Festival plan");
        assert_eq!(spring.status, CampaignStatus::Planned);
        assert!(spring.start > end() && spring.end < d(2027, 2, 6));
        assert!(ds
            .campaigns
            .iter()
            .any(|c| c.name == "元宵节汤圆拼团" && c.start > d(2027, 2, 6)));
        assert!(ds
            .campaigns
            .iter()
            .any(|c| c.name == "跨年夜宵套餐" && c.end == d(2027, 1, 2)));
        let mut ids = HashSet::new();
        for c in &ds.campaigns {
            assert!(ids.insert(c.id.clone()));
            assert!(c.start <= c.end);
            assert!((3_000.0..=80_000.0).contains(&c.budget));
            assert_eq!(
                c.review.is_some(),
                c.status == CampaignStatus::Reviewed,
                "{c:?}"
            );
            if c.status == CampaignStatus::Planned {
                assert!(c.start > end());
            }
            if let Some(r) = &c.review {
                assert!(r.actual.orders > 0 && r.actual.revenue > 0.0, "{c:?}");
                assert!(r.cost > 0.0 && r.cost <= c.budget * 1.05);
            }
            assert!(c.targets.participants > 0, "{c:?}");
        }
        assert!(ds
            .campaigns
            .iter()
            .any(|c| c.review.as_ref().is_some_and(|r| !r.worked.is_empty())));
    }
}
