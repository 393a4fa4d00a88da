//! Free is not free: organic placements (social sharing, content, table cards)
//! cost staff time. An editable assumption per placement, hours per month ×
//! an hourly rate, turns that time into yuan, prorated to the days of the
//! period shown, so the table can compare money only or money + time.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::channels::model::ChannelRef;
pub use crate::domain::channels::model::StaffTime;
use crate::domain::channels::ratios::Figures;
use crate::domain::shared::dates::{add_days, first_of_month};
use crate::domain::shared::labelled::labelled_enum;

impl StaffTime {
    /// Yuan per calendar month. Negative or non-finite inputs (a half-typed
    /// form, bad stored data) count as zero rather than a negative cost.
    pub fn monthly_cost(&self) -> f64 {
        non_negative(self.hours_per_month) * non_negative(self.hourly_rate)
    }

    /// The cost of `from..=to`: each month contributes its share of days, so
    /// a whole month costs exactly one month's figure whatever its length.
    pub fn cost_between(&self, from: NaiveDate, to: NaiveDate) -> f64 {
        let monthly = self.monthly_cost();
        let mut cost = 0.0;
        let mut day = from;
        while day <= to {
            let first = first_of_month(day);
            let next = first_of_month(add_days(first, 32));
            if next <= day {
                // Only at chrono's far limit; stop rather than loop for ever.
                break;
            }
            let month_days = (next - first).num_days() as f64;
            let last = to.min(add_days(next, -1));
            let days = ((last - day).num_days() + 1) as f64;
            cost += monthly * days / month_days;
            day = next;
        }
        cost
    }
}

fn non_negative(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        x
    } else {
        0.0
    }
}

labelled_enum! {
    /// What the table counts as cost.
    CostBasis {
        MoneyOnly = "money", "仅计现金", "Money only";
        MoneyAndTime = "money_time", "现金加人工时间", "Money + staff time";
    }
}

/// The staff-time cost of one placement over `from..=to`; zero when no
/// assumption names it (several for one placement add up).
pub fn staff_cost(
    assumptions: &[StaffTime],
    channel: &ChannelRef,
    placement: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> f64 {
    assumptions
        .iter()
        .filter(|a| &a.channel == channel && a.placement == placement)
        .map(|a| a.cost_between(from, to))
        .sum()
}

/// `figures` with the staff cost added when the basis counts time.
pub fn with_staff_time(figures: &Figures, staff_cost: f64, basis: CostBasis) -> Figures {
    match basis {
        CostBasis::MoneyOnly => *figures,
        CostBasis::MoneyAndTime => Figures {
            cost: figures.cost + non_negative(staff_cost),
            ..*figures
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channels::ratios::CostPer;
    use crate::domain::cockpit::dimensions::Channel;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn table_cards() -> StaffTime {
        // 8 hours a month at ¥50 an hour = ¥400 a month.
        StaffTime {
            id: "st-1".into(),
            channel: Channel::OfflineQr.into(),
            placement: "和平路店桌贴".into(),
            hours_per_month: 8.0,
            hourly_rate: 50.0,
            note: String::new(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn whole_months_cost_one_month_whatever_their_length() {
        let a = table_cards();
        assert_eq!(a.monthly_cost(), 400.0);
        // November 2026 (30 days) and February 2026 (28 days): ¥400 each.
        assert!(close(
            a.cost_between(date("2026-11-01"), date("2026-11-30")),
            400.0
        ));
        assert!(close(
            a.cost_between(date("2026-02-01"), date("2026-02-28")),
            400.0
        ));
        // A whole year: 12 × 400 = 4800.
        assert!(close(
            a.cost_between(date("2026-01-01"), date("2026-12-31")),
            4800.0
        ));
    }

    #[test]
    fn part_months_are_prorated_by_their_days() {
        let a = table_cards();
        // Nov 16–30: 15 / 30 × 400 = 200.
        assert!(close(
            a.cost_between(date("2026-11-16"), date("2026-11-30")),
            200.0
        ));
        // Oct 17–Nov 15: 15/31 × 400 + 15/30 × 400 = 193.548387… + 200.
        let expected = 15.0 / 31.0 * 400.0 + 200.0;
        assert!(close(
            a.cost_between(date("2026-10-17"), date("2026-11-15")),
            expected
        ));
        // One day in February 2026: 400 / 28 = 14.2857…
        assert!(close(
            a.cost_between(date("2026-02-10"), date("2026-02-10")),
            400.0 / 28.0
        ));
        // An empty period costs nothing.
        assert_eq!(a.cost_between(date("2026-11-02"), date("2026-11-01")), 0.0);
    }

    #[test]
    fn bad_inputs_cost_nothing_rather_than_negative() {
        let mut a = table_cards();
        a.hours_per_month = -3.0;
        assert_eq!(a.monthly_cost(), 0.0);
        a.hours_per_month = 8.0;
        a.hourly_rate = f64::NAN;
        assert_eq!(a.monthly_cost(), 0.0);
    }

    #[test]
    fn money_only_versus_money_and_time() {
        let assumptions = vec![
            table_cards(),
            // A second assumption for the same placement adds: 2 h × ¥50 = ¥100.
            StaffTime {
                hours_per_month: 2.0,
                ..table_cards()
            },
            StaffTime {
                id: "st-2".into(),
                channel: Channel::Content.into(),
                placement: "小红书探店笔记".into(),
                hours_per_month: 20.0,
                hourly_rate: 60.0,
                note: String::new(),
            },
        ];
        let (from, to) = (date("2026-11-01"), date("2026-11-30"));
        let staff = staff_cost(
            &assumptions,
            &Channel::OfflineQr.into(),
            "和平路店桌贴",
            from,
            to,
        );
        assert!(close(staff, 500.0));
        assert_eq!(
            staff_cost(
                &assumptions,
                &Channel::OfflineQr.into(),
                "无此桌贴",
                from,
                to
            ),
            0.0
        );
        // Cards printed for ¥100 brought 60 new users.
        let figures = Figures {
            cost: 100.0,
            new_users: 60,
            ..Default::default()
        };
        // Money only: 100 / 60 = 1.666…; money + time: 600 / 60 = 10.
        let money = with_staff_time(&figures, staff, CostBasis::MoneyOnly);
        assert!(close(money.cpa().yuan().unwrap(), 100.0 / 60.0));
        let both = with_staff_time(&figures, staff, CostBasis::MoneyAndTime);
        assert_eq!(both.cpa(), CostPer::Yuan(10.0));
        // A free placement with time counted is free no longer: 1200 / 40 = 30.
        let organic = Figures {
            new_users: 40,
            ..Default::default()
        };
        let content = staff_cost(
            &assumptions,
            &Channel::Content.into(),
            "小红书探店笔记",
            from,
            to,
        );
        assert_eq!(organic.cpa(), CostPer::Free);
        assert_eq!(
            with_staff_time(&organic, content, CostBasis::MoneyAndTime).cpa(),
            CostPer::Yuan(30.0)
        );
    }
}
