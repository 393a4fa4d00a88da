//! Chinese public holidays and retail dates, as data.
//!
//! The State Council publishes each year's schedule (放假安排) in late
//! autumn of the year before, including the weekend days that become
//! make-up workdays (调休上班). Those cannot be computed, so they are listed
//! here. 2024–2026 follow the official notices; 2027 is an estimate from the
//! traditional (lunar) dates and is flagged `estimated` until published.

use chrono::{Datelike, Duration, NaiveDate};

/// One public holiday period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// First day off (inclusive).
    pub start: NaiveDate,
    /// Last day off (inclusive).
    pub end: NaiveDate,
    /// Weekend days that are workdays to pay for the bridge days.
    pub makeup_workdays: Vec<NaiveDate>,
    /// True when the official schedule was not yet published.
    pub estimated: bool,
}

impl Holiday {
    /// Every day off, in order.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.start
            .iter_days()
            .take_while(|d| *d <= self.end)
            .collect()
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Number of days off.
    pub fn len_days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

type Ymd = (i32, u32, u32);

/// (zh, en, first day, last day, make-up workdays, estimated)
type Row = (&'static str, &'static str, Ymd, Ymd, &'static [Ymd], bool);

const NEW_YEAR: (&str, &str) = ("元旦", "New Year's Day");
const SPRING: (&str, &str) = ("春节", "Spring Festival");
const QINGMING: (&str, &str) = ("清明节", "Qingming Festival");
const LABOUR: (&str, &str) = ("劳动节", "Labour Day");
const DRAGON: (&str, &str) = ("端午节", "Dragon Boat Festival");
const MID_AUTUMN: (&str, &str) = ("中秋节", "Mid-Autumn Festival");
const NATIONAL: (&str, &str) = ("国庆节", "National Day");
const NATIONAL_MID: (&str, &str) = ("国庆节、中秋节", "National Day & Mid-Autumn Festival");

#[rustfmt::skip]
const SCHEDULE: &[Row] = &[
    // 2024
    (NEW_YEAR.0, NEW_YEAR.1, (2024, 1, 1), (2024, 1, 1), &[], false),
    (SPRING.0, SPRING.1, (2024, 2, 10), (2024, 2, 17), &[(2024, 2, 4), (2024, 2, 18)], false),
    (QINGMING.0, QINGMING.1, (2024, 4, 4), (2024, 4, 6), &[(2024, 4, 7)], false),
    (LABOUR.0, LABOUR.1, (2024, 5, 1), (2024, 5, 5), &[(2024, 4, 28), (2024, 5, 11)], false),
    (DRAGON.0, DRAGON.1, (2024, 6, 8), (2024, 6, 10), &[], false),
    (MID_AUTUMN.0, MID_AUTUMN.1, (2024, 9, 15), (2024, 9, 17), &[(2024, 9, 14)], false),
    (NATIONAL.0, NATIONAL.1, (2024, 10, 1), (2024, 10, 7), &[(2024, 9, 29), (2024, 10, 12)], false),
    // 2025
    (NEW_YEAR.0, NEW_YEAR.1, (2025, 1, 1), (2025, 1, 1), &[], false),
    (SPRING.0, SPRING.1, (2025, 1, 28), (2025, 2, 4), &[(2025, 1, 26), (2025, 2, 8)], false),
    (QINGMING.0, QINGMING.1, (2025, 4, 4), (2025, 4, 6), &[], false),
    (LABOUR.0, LABOUR.1, (2025, 5, 1), (2025, 5, 5), &[(2025, 4, 27)], false),
    (DRAGON.0, DRAGON.1, (2025, 5, 31), (2025, 6, 2), &[], false),
    (NATIONAL_MID.0, NATIONAL_MID.1, (2025, 10, 1), (2025, 10, 8), &[(2025, 9, 28), (2025, 10, 11)], false),
    // 2026
    (NEW_YEAR.0, NEW_YEAR.1, (2026, 1, 1), (2026, 1, 3), &[(2026, 1, 4)], false),
    (SPRING.0, SPRING.1, (2026, 2, 15), (2026, 2, 23), &[(2026, 2, 14), (2026, 2, 28)], false),
    (QINGMING.0, QINGMING.1, (2026, 4, 4), (2026, 4, 6), &[], false),
    (LABOUR.0, LABOUR.1, (2026, 5, 1), (2026, 5, 5), &[(2026, 5, 9)], false),
    (DRAGON.0, DRAGON.1, (2026, 6, 19), (2026, 6, 21), &[], false),
    (MID_AUTUMN.0, MID_AUTUMN.1, (2026, 9, 25), (2026, 9, 27), &[], false),
    (NATIONAL.0, NATIONAL.1, (2026, 10, 1), (2026, 10, 7), &[(2026, 9, 20), (2026, 10, 10)], false),
    // 2027: estimated from the traditional dates (春节 2027-02-06, 清明
    // 04-05, 端午 06-09, 中秋 09-15); make-up workdays are unknown.
    (NEW_YEAR.0, NEW_YEAR.1, (2027, 1, 1), (2027, 1, 3), &[], true),
    (SPRING.0, SPRING.1, (2027, 2, 5), (2027, 2, 12), &[], true),
    (QINGMING.0, QINGMING.1, (2027, 4, 3), (2027, 4, 5), &[], true),
    (LABOUR.0, LABOUR.1, (2027, 5, 1), (2027, 5, 5), &[], true),
    (DRAGON.0, DRAGON.1, (2027, 6, 9), (2027, 6, 9), &[], true),
    (MID_AUTUMN.0, MID_AUTUMN.1, (2027, 9, 15), (2027, 9, 15), &[], true),
    (NATIONAL.0, NATIONAL.1, (2027, 10, 1), (2027, 10, 7), &[], true),
];

/// Lunar New Year's Day (正月初一), which anchors festival-driven seasonality.
const LUNAR_NEW_YEAR: &[Ymd] = &[
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
];

/// 七夕 (7th day of the 7th lunar month).
const QIXI: &[Ymd] = &[
    (2024, 8, 10),
    (2025, 8, 29),
    (2026, 8, 19),
    (2027, 8, 8),
    (2028, 8, 26),
    (2029, 8, 16),
    (2030, 8, 5),
];

fn ymd((y, m, d): Ymd) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The holidays of `year` (empty for years without data).
pub fn holidays(year: i32) -> Vec<Holiday> {
    SCHEDULE
        .iter()
        .filter(|row| row.2 .0 == year)
        .filter_map(|&(name_zh, name_en, start, end, makeup, estimated)| {
            Some(Holiday {
                name_zh,
                name_en,
                start: ymd(start)?,
                end: ymd(end)?,
                makeup_workdays: makeup.iter().filter_map(|d| ymd(*d)).collect(),
                estimated,
            })
        })
        .collect()
}

/// The holiday period that `date` falls in, if any.
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    holidays(date.year()).into_iter().find(|h| h.contains(date))
}

/// True on a statutory day off (weekends alone do not count).
pub fn is_holiday(date: NaiveDate) -> bool {
    holiday_on(date).is_some()
}

/// True on a weekend day that is a workday (调休上班).
pub fn is_makeup_workday(date: NaiveDate) -> bool {
    holidays(date.year())
        .iter()
        .any(|h| h.makeup_workdays.contains(&date))
}

/// True when offices are open: Monday–Friday outside holidays, plus make-up
/// weekend days.
pub fn is_workday(date: NaiveDate) -> bool {
    if is_holiday(date) {
        return false;
    }
    date.weekday().number_from_monday() <= 5 || is_makeup_workday(date)
}

/// 正月初一 of `year`, where known.
pub fn lunar_new_year(year: i32) -> Option<NaiveDate> {
    LUNAR_NEW_YEAR
        .iter()
        .find(|d| d.0 == year)
        .and_then(|d| ymd(*d))
}

/// 元宵节 (15th day of the 1st lunar month) of `year`, where known.
pub fn lantern_festival(year: i32) -> Option<NaiveDate> {
    lunar_new_year(year).map(|d| d + Duration::days(14))
}

/// Shopping dates the food & retail trade plans campaigns around:
/// (date, Chinese name, English name), in date order. 七夕 is lunar and is
/// only listed for years in the table.
pub fn retail_dates(year: i32) -> Vec<(NaiveDate, &'static str, &'static str)> {
    let mut out: Vec<(NaiveDate, &'static str, &'static str)> = [
        ((year, 5, 20), "520", "520 (\"I love you\" day)"),
        ((year, 6, 18), "618年中大促", "618 mid-year sale"),
        ((year, 11, 11), "双11", "Singles' Day (11.11)"),
        ((year, 12, 12), "双12", "Double 12 (12.12)"),
    ]
    .iter()
    .filter_map(|&(d, zh, en)| Some((ymd(d)?, zh, en)))
    .collect();
    if let Some(qixi) = QIXI.iter().find(|d| d.0 == year).and_then(|d| ymd(*d)) {
        out.push((qixi, "七夕", "Qixi (Chinese Valentine's Day)"));
    }
    out.sort_by_key(|r| r.0);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn find(year: i32, zh: &str) -> Holiday {
        holidays(year)
            .into_iter()
            .find(|h| h.name_zh == zh)
            .unwrap()
    }

    #[test]
    fn schedule_rows_are_all_valid_dates() {
        let rows = SCHEDULE.len();
        let parsed: usize = (2024..=2027).map(|y| holidays(y).len()).sum();
        assert_eq!(rows, parsed);
        for y in 2024..=2027 {
            for h in holidays(y) {
                assert!(h.start <= h.end, "{h:?}");
                for m in &h.makeup_workdays {
                    // Make-up workdays are always weekend days outside the break.
                    assert!(
                        matches!(m.weekday(), Weekday::Sat | Weekday::Sun),
                        "{m} of {}",
                        h.name_zh
                    );
                    assert!(!h.contains(*m));
                }
            }
        }
    }

    #[test]
    fn national_day_2026() {
        let h = find(2026, "国庆节");
        assert_eq!((h.start, h.end), (d(2026, 10, 1), d(2026, 10, 7)));
        assert_eq!(h.len_days(), 7);
        assert_eq!(h.makeup_workdays, vec![d(2026, 9, 20), d(2026, 10, 10)]);
        assert!(!h.estimated);
        assert!(is_holiday(d(2026, 10, 7)));
        assert!(!is_holiday(d(2026, 10, 8)));
        assert!(is_makeup_workday(d(2026, 10, 10)));
        assert!(is_workday(d(2026, 9, 20)));
    }

    #[test]
    fn spring_festival_2026() {
        let h = find(2026, "春节");
        assert_eq!(h.days().len(), 9);
        assert_eq!(h.days()[0], d(2026, 2, 15));
        assert_eq!(h.days()[8], d(2026, 2, 23));
        assert_eq!(h.makeup_workdays, vec![d(2026, 2, 14), d(2026, 2, 28)]);
        assert!(h.contains(lunar_new_year(2026).unwrap()));
        assert_eq!(lantern_festival(2026), Some(d(2026, 3, 3)));
    }

    #[test]
    fn the_rest_of_2026() {
        let ny = find(2026, "元旦");
        assert_eq!((ny.start, ny.end), (d(2026, 1, 1), d(2026, 1, 3)));
        assert_eq!(ny.makeup_workdays, vec![d(2026, 1, 4)]);
        assert_eq!(find(2026, "清明节").start, d(2026, 4, 4));
        let labour = find(2026, "劳动节");
        assert_eq!((labour.start, labour.end), (d(2026, 5, 1), d(2026, 5, 5)));
        assert_eq!(labour.makeup_workdays, vec![d(2026, 5, 9)]);
        assert_eq!(find(2026, "端午节").end, d(2026, 6, 21));
        assert_eq!(find(2026, "中秋节").start, d(2026, 9, 25));
        assert_eq!(holidays(2026).len(), 7);
    }

    #[test]
    fn schedule_2025() {
        assert_eq!(find(2025, "元旦").len_days(), 1);
        let spring = find(2025, "春节");
        assert_eq!((spring.start, spring.end), (d(2025, 1, 28), d(2025, 2, 4)));
        assert_eq!(spring.makeup_workdays, vec![d(2025, 1, 26), d(2025, 2, 8)]);
        assert_eq!(find(2025, "劳动节").makeup_workdays, vec![d(2025, 4, 27)]);
        let dragon = find(2025, "端午节");
        assert_eq!((dragon.start, dragon.end), (d(2025, 5, 31), d(2025, 6, 2)));
        let golden = find(2025, "国庆节、中秋节");
        assert_eq!(golden.len_days(), 8);
        assert_eq!(
            golden.makeup_workdays,
            vec![d(2025, 9, 28), d(2025, 10, 11)]
        );
        // Qingming 2025 fell on Fri–Sun and needed no make-up day.
        assert!(find(2025, "清明节").makeup_workdays.is_empty());
        assert_eq!(holidays(2025).len(), 6);
    }

    #[test]
    fn estimates_are_flagged() {
        let h = find(2027, "春节");
        assert!(h.estimated);
        assert!(h.contains(d(2027, 2, 6)));
        assert!(holidays(2027).iter().all(|h| h.estimated));
        assert!(holidays(2026).iter().all(|h| !h.estimated));
        assert!(holidays(2030).is_empty());
        assert!(!is_holiday(d(2030, 10, 1)));
    }

    #[test]
    fn workdays() {
        // An ordinary Wednesday and Saturday.
        assert!(is_workday(d(2026, 3, 11)));
        assert!(!is_workday(d(2026, 3, 14)));
        assert!(!is_workday(d(2026, 2, 18)));
        assert!(is_workday(d(2026, 2, 28)));
    }

    #[test]
    fn retail_calendar() {
        let r = retail_dates(2026);
        assert_eq!(r.len(), 5);
        assert_eq!(r[0].0, d(2026, 5, 20));
        assert!(r.iter().any(|x| x.0 == d(2026, 8, 19) && x.1 == "七夕"));
        assert!(r.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(retail_dates(2027).iter().any(|x| x.0 == d(2027, 8, 8)));
        assert!(retail_dates(2025).iter().any(|x| x.0 == d(2025, 8, 29)));
        // Without lunar data, only the Gregorian dates remain.
        assert_eq!(retail_dates(2031).len(), 4);
    }
}
