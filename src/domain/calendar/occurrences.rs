//! Where planned content appears: an item's own date and its weekly or
//! monthly repeats.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};

use crate::domain::calendar::model::{ContentItem, Recurrence};
use crate::domain::shared::dates::add_days;

/// One appearance of a content item on the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub item_id: String,
    pub date_time: NaiveDateTime,
    /// False for the item's own `publish_at`, true for later repeats.
    pub is_repeat: bool,
}

/// At most this many occurrences per item, so a weekly item and a wide
/// range cannot flood the view (about ten years of weekly repeats).
pub const MAX_OCCURRENCES_PER_ITEM: usize = 520;

/// The occurrences of `items` on days in `from..=to`, sorted by time then
/// item id. Weekly items repeat every 7 days from `publish_at`; monthly
/// items on the same day of the month, skipping months without it (the
/// 31st skips April; RFC 5545 does the same, so the .ics export agrees).
pub fn expand(items: &[ContentItem], from: NaiveDate, to: NaiveDate) -> Vec<Occurrence> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    for item in items {
        let mut push = |date_time: NaiveDateTime| {
            out.push(Occurrence {
                item_id: item.id.clone(),
                date_time,
                is_repeat: date_time != item.publish_at,
            });
        };
        let first = item.publish_at;
        let time = first.time();
        match item.repeat {
            Recurrence::None => {
                if from <= first.date() && first.date() <= to {
                    push(first);
                }
            }
            Recurrence::Weekly => {
                // Jump straight to the first week on or after `from`.
                let behind = (from - first.date()).num_days().max(0);
                let skip_weeks = (behind + 6) / 7;
                let mut date = add_days(first.date(), skip_weeks * 7);
                for _ in 0..MAX_OCCURRENCES_PER_ITEM {
                    if date > to {
                        break;
                    }
                    push(date.and_time(time));
                    let next = add_days(date, 7);
                    if next == date {
                        break;
                    }
                    date = next;
                }
            }
            Recurrence::Monthly => {
                let day = first.day();
                let first_month = first.date().with_day(1).unwrap_or(first.date());
                let from_month = from.with_day(1).unwrap_or(from);
                let skip_months = month_index(from_month) - month_index(first_month);
                let mut month = first_month
                    .checked_add_months(Months::new(u32::try_from(skip_months).unwrap_or(0)))
                    .unwrap_or(first_month);
                let mut found = 0;
                // Bounded by months walked too: a day-31 item meets only 7
                // valid months a year.
                for _ in 0..MAX_OCCURRENCES_PER_ITEM * 2 {
                    if month > to || found >= MAX_OCCURRENCES_PER_ITEM {
                        break;
                    }
                    if let Some(date) = month.with_day(day) {
                        if from <= date && date <= to && date >= first.date() {
                            push(date.and_time(time));
                            found += 1;
                        }
                    }
                    match month.checked_add_months(Months::new(1)) {
                        Some(next) => month = next,
                        None => break,
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| (a.date_time, &a.item_id).cmp(&(b.date_time, &b.item_id)));
    out
}

/// Months since year 0, to count whole months between two dates.
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// The latest day on or before `day` that `item` appears on, if any.
pub(super) fn last_occurrence_on_or_before(
    item: &ContentItem,
    day: NaiveDate,
) -> Option<NaiveDate> {
    let first = item.publish_at.date();
    if first > day {
        return None;
    }
    match item.repeat {
        Recurrence::None => Some(first),
        Recurrence::Weekly => {
            let weeks = (day - first).num_days() / 7;
            Some(add_days(first, weeks * 7))
        }
        Recurrence::Monthly => {
            // Any day of the month recurs at least every other month (the
            // 31st: Aug → Oct), so a few steps back always find one; the
            // series' own first day ends the walk.
            let first_month = first.with_day(1)?;
            let mut month = day.with_day(1)?;
            while month >= first_month {
                if let Some(d) = month.with_day(first.day()) {
                    if first <= d && d <= day {
                        return Some(d);
                    }
                }
                month = month.checked_sub_months(Months::new(1))?;
            }
            Some(first)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::test_support::{at, d, item};
    use chrono::Datelike;
    use chrono::Timelike;

    #[test]
    fn weekly_repeats_every_seven_days() {
        let mut weekly = item("w", at(2026, 3, 2, 10, 30));
        weekly.repeat = Recurrence::Weekly;
        let occ = expand(
            std::slice::from_ref(&weekly),
            d(2026, 3, 10),
            d(2026, 3, 31),
        );
        let dates: Vec<NaiveDateTime> = occ.iter().map(|o| o.date_time).collect();
        assert_eq!(
            dates,
            vec![
                at(2026, 3, 16, 10, 30),
                at(2026, 3, 23, 10, 30),
                at(2026, 3, 30, 10, 30)
            ]
        );
        assert!(occ.iter().all(|o| o.is_repeat && o.item_id == "w"));

        let occ = expand(std::slice::from_ref(&weekly), d(2026, 2, 1), d(2026, 3, 9));
        assert_eq!(occ.len(), 2);
        assert!(!occ[0].is_repeat);
        assert_eq!(occ[0].date_time, weekly.publish_at);
        assert!(occ[1].is_repeat);
        // Nothing before the first publication.
        assert!(expand(&[weekly.clone()], d(2026, 1, 1), d(2026, 3, 1)).is_empty());
        // A century of weekly repeats is capped.
        let mut old = weekly;
        old.publish_at = at(2000, 1, 3, 9, 0);
        assert_eq!(
            expand(&[old], d(2000, 1, 1), d(2099, 12, 31)).len(),
            MAX_OCCURRENCES_PER_ITEM
        );
    }

    #[test]
    fn monthly_on_the_31st_skips_short_months() {
        let mut monthly = item("m", at(2026, 1, 31, 20, 0));
        monthly.repeat = Recurrence::Monthly;
        let occ = expand(
            std::slice::from_ref(&monthly),
            d(2026, 1, 1),
            d(2026, 12, 31),
        );
        let months: Vec<u32> = occ.iter().map(|o| o.date_time.month()).collect();
        assert_eq!(months, vec![1, 3, 5, 7, 8, 10, 12]);
        assert!(occ
            .iter()
            .all(|o| o.date_time.day() == 31 && o.date_time.hour() == 20));
        assert_eq!(occ.iter().filter(|o| !o.is_repeat).count(), 1);
        // A window starting later jumps straight to it.
        let occ = expand(&[monthly.clone()], d(2027, 4, 1), d(2027, 6, 30));
        assert_eq!(occ.len(), 1);
        assert_eq!(occ[0].date_time, at(2027, 5, 31, 20, 0));
        // The 15th appears every month, merged in time order with others.
        let mut mid = item("a", at(2026, 1, 15, 9, 0));
        mid.repeat = Recurrence::Monthly;
        let single = item("b", at(2026, 2, 1, 8, 0));
        let occ = expand(&[mid, single], d(2026, 1, 1), d(2026, 2, 28));
        let ids: Vec<&str> = occ.iter().map(|o| o.item_id.as_str()).collect();
        assert_eq!(ids, vec!["a", "b", "a"]);
    }
}
