//! Rescheduling a campaign by dragging its bar on the timeline: how many
//! whole days a drag of some pixels means, which campaigns may move, and the
//! campaign moved. Pure, so the page only measures pixels and saves.

use chrono::Days;

use crate::domain::campaigns::model::{Campaign, CampaignStatus};

/// Whole days a horizontal drag of `dx` pixels moves a bar on a timeline
/// `width` pixels wide that shows `days` days (to the nearest day; none for
/// a timeline of no width).
pub fn drag_days(dx: f64, width: f64, days: i64) -> i64 {
    if !(width > 0.0 && dx.is_finite()) || days <= 0 {
        return 0;
    }
    (dx / width * days as f64).round() as i64
}

/// Planned and running campaigns move; an ended or reviewed one keeps its
/// dates, which its review (复盘) was measured against.
pub fn can_reschedule(c: &Campaign) -> bool {
    matches!(c.status, CampaignStatus::Planned | CampaignStatus::Running)
}

/// `c` with start and end moved by `days` together (its length kept); none
/// when a date would leave the calendar chrono can hold.
pub fn shifted_by(c: &Campaign, days: i64) -> Option<Campaign> {
    let shift = |d: chrono::NaiveDate| {
        if days >= 0 {
            d.checked_add_days(Days::new(days.unsigned_abs()))
        } else {
            d.checked_sub_days(Days::new(days.unsigned_abs()))
        }
    };
    Some(Campaign {
        start: shift(c.start)?,
        end: shift(c.end)?,
        ..c.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::test_support;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn campaign(start: &str, end: &str, status: CampaignStatus) -> Campaign {
        Campaign {
            status,
            ..test_support::campaign("c", "c", d(start), d(end))
        }
    }

    #[test]
    fn pixels_to_days_round_to_the_nearest_day() {
        // A half-year window (182 days) 910 px wide: 5 px a day.
        assert_eq!(drag_days(0.0, 910.0, 182), 0);
        assert_eq!(drag_days(2.4, 910.0, 182), 0);
        assert_eq!(drag_days(2.6, 910.0, 182), 1);
        assert_eq!(drag_days(51.0, 910.0, 182), 10);
        assert_eq!(drag_days(-51.0, 910.0, 182), -10);
        // Nothing to measure against: no move.
        assert_eq!(drag_days(50.0, 0.0, 182), 0);
        assert_eq!(drag_days(f64::NAN, 910.0, 182), 0);
        assert_eq!(drag_days(50.0, 910.0, 0), 0);
    }

    #[test]
    fn a_shift_keeps_the_length_across_month_and_year_ends() {
        let c = campaign("2026-12-28", "2027-01-03", CampaignStatus::Planned);
        let later = shifted_by(&c, 5).unwrap();
        assert_eq!((later.start, later.end), (d("2027-01-02"), d("2027-01-08")));
        let earlier = shifted_by(&c, -30).unwrap();
        assert_eq!(
            (earlier.start, earlier.end),
            (d("2026-11-28"), d("2026-12-04"))
        );
        // Into 29 February of a leap year.
        let feb = shifted_by(
            &campaign("2028-02-27", "2028-02-28", CampaignStatus::Running),
            2,
        )
        .unwrap();
        assert_eq!((feb.start, feb.end), (d("2028-02-29"), d("2028-03-01")));
        assert_eq!(later.id, c.id);
        assert_eq!(shifted_by(&c, 0).unwrap(), c);
        // Off chrono's calendar: no campaign rather than a panic.
        assert!(shifted_by(&c, i64::MAX).is_none());
        assert!(shifted_by(&c, i64::MIN).is_none());
    }

    #[test]
    fn only_planned_and_running_campaigns_move() {
        let at = |s| can_reschedule(&campaign("2026-12-01", "2026-12-07", s));
        assert!(at(CampaignStatus::Planned));
        assert!(at(CampaignStatus::Running));
        assert!(!at(CampaignStatus::Ended));
        assert!(!at(CampaignStatus::Reviewed));
    }
}
