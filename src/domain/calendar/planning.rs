//! Planning aids: occasions with nothing planned, channels gone quiet and
//! the weekly rhythm of content.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::calendar::markers::{Marker, MarkerKind};
use crate::domain::calendar::model::{ContentChannel, ContentItem, ContentStatus};
use crate::domain::calendar::occurrences::{last_occurrence_on_or_before, Occurrence};
use crate::domain::shared::dates::add_days;
use crate::domain::shared::dates::week_start;

/// Occasions within `horizon_days` of `today` (inclusive) that no content
/// prepares for: no occurrence on the day or in the 3 days before it.
///
/// Consecutive days of one occasion (a 7-day holiday, a 3-day event) count
/// as one: it is covered when something appears from 3 days before its
/// first day in the horizon up to its last, and it is reported once, on that
/// first day. Otherwise every day after the fourth would look unplanned.
/// Make-up workdays and campaigns are not occasions to post about.
pub fn unplanned_markers(
    today: NaiveDate,
    markers: &[Marker],
    occurrences: &[Occurrence],
    horizon_days: u32,
) -> Vec<Marker> {
    let last_day = add_days(today, i64::from(horizon_days));
    let mut relevant: Vec<&Marker> = markers
        .iter()
        .filter(|m| today <= m.date && m.date <= last_day)
        .filter(|m| {
            matches!(
                m.kind,
                MarkerKind::Holiday
                    | MarkerKind::SolarTerm
                    | MarkerKind::Retail
                    | MarkerKind::LocalEvent
            )
        })
        .collect();
    relevant.sort_by(|a, b| (a.kind, &a.name, a.date).cmp(&(b.kind, &b.name, b.date)));

    // Runs of the same kind and name on consecutive days: (first, last day).
    let mut runs: Vec<(&Marker, NaiveDate)> = Vec::new();
    for m in relevant {
        match runs.last_mut() {
            Some((first, end))
                if first.kind == m.kind && first.name == m.name && add_days(*end, 1) == m.date =>
            {
                *end = m.date;
            }
            _ => runs.push((m, m.date)),
        }
    }
    let mut out: Vec<Marker> = runs
        .into_iter()
        .filter(|(first, end)| {
            let lead = add_days(first.date, -3);
            !occurrences.iter().any(|o| {
                let d = o.date_time.date();
                lead <= d && d <= *end
            })
        })
        .map(|(first, _)| first.clone())
        .collect();
    out.sort_by(|a, b| (a.date, a.kind, &a.name).cmp(&(b.date, b.kind, &b.name)));
    out
}

/// A channel that has been silent for longer than its cadence allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub channel: ContentChannel,
    /// The last day something was published there; `None` if never.
    pub last_published: Option<NaiveDate>,
    /// Days since `last_published`; for a channel that never published,
    /// days since the calendar's earliest item (all we know of).
    pub days_silent: u32,
    pub max_gap: u32,
}

/// How many days each channel may stay silent before it is flagged: the
/// feeds people scroll daily need frequent posts, the in-store material is
/// changed monthly.
pub fn default_max_gaps() -> BTreeMap<ContentChannel, u32> {
    BTreeMap::from([
        (ContentChannel::MiniHome, 7),
        (ContentChannel::OfficialAccount, 7),
        (ContentChannel::Channels, 5),
        (ContentChannel::Xiaohongshu, 5),
        (ContentChannel::Douyin, 5),
        (ContentChannel::WechatGroups, 3),
        (ContentChannel::InStore, 30),
    ])
}

/// The channels in `max_gap_days` whose last published content is older
/// than their gap, most overdue first. Only status Published on or before
/// `today` counts, and a published repeating item counts on each repeat (a
/// weekly column keeps its channel alive). With no items at all there is
/// nothing to judge and no gap.
pub fn cadence_gaps(
    items: &[ContentItem],
    today: NaiveDate,
    max_gap_days: &BTreeMap<ContentChannel, u32>,
) -> Vec<Gap> {
    let Some(earliest) = items.iter().map(|i| i.publish_at.date()).min() else {
        return Vec::new();
    };
    let days_to_today = |d: NaiveDate| u32::try_from((today - d).num_days().max(0)).unwrap_or(0);
    let mut out: Vec<Gap> = max_gap_days
        .iter()
        .filter_map(|(&channel, &max_gap)| {
            let last_published = items
                .iter()
                .filter(|i| i.status == ContentStatus::Published && i.channels.contains(&channel))
                .filter_map(|i| last_occurrence_on_or_before(i, today))
                .max();
            let days_silent = days_to_today(last_published.unwrap_or(earliest));
            (days_silent > max_gap).then_some(Gap {
                channel,
                last_published,
                days_silent,
                max_gap,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let over = |g: &Gap| i64::from(g.days_silent) - i64::from(g.max_gap);
        over(b).cmp(&over(a)).then(a.channel.cmp(&b.channel))
    });
    out
}

/// Occurrences per week (keyed by Monday) for every week touching
/// `from..=to`, empty weeks included, counting only days in the range.
pub fn weekly_counts(
    occurrences: &[Occurrence],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, u32)> {
    if to < from {
        return Vec::new();
    }
    let mut weeks: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut monday = week_start(from);
    while monday <= to {
        weeks.insert(monday, 0);
        let next = add_days(monday, 7);
        if next == monday {
            break;
        }
        monday = next;
    }
    for o in occurrences {
        let d = o.date_time.date();
        if from <= d && d <= to {
            if let Some(n) = weeks.get_mut(&week_start(d)) {
                *n += 1;
            }
        }
    }
    weeks.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::markers::markers;
    use crate::domain::calendar::model::Recurrence;
    use crate::domain::calendar::occurrences::expand;
    use crate::domain::calendar::test_support::{at, d, item};
    use crate::i18n::Lang;

    #[test]
    fn unplanned_markers_need_content_on_or_just_before() {
        let ms = markers(d(2026, 9, 1), d(2026, 10, 31), &[], &[], Lang::Zh);
        let today = d(2026, 9, 14);
        // Nothing planned: 秋分 and the Mid-Autumn break (once), not the
        // make-up workday on 9-20 and nothing beyond the horizon (9-28).
        let none = unplanned_markers(today, &ms, &[], 14);
        let names: Vec<(NaiveDate, &str)> =
            none.iter().map(|m| (m.date, m.name.as_str())).collect();
        assert_eq!(
            names,
            vec![(d(2026, 9, 23), "秋分"), (d(2026, 9, 25), "中秋节")]
        );

        // A post on 9-21 prepares 秋分 (two days before) but not 中秋 (four).
        let occ = expand(&[item("x", at(2026, 9, 21, 9, 0))], today, d(2026, 9, 28));
        let left = unplanned_markers(today, &ms, &occ, 14);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].name, "中秋节");
        // One on the last day of the break covers the whole break.
        let mut occ2 = occ.clone();
        occ2.extend(expand(
            &[item("y", at(2026, 9, 27, 9, 0))],
            today,
            d(2026, 9, 28),
        ));
        assert!(unplanned_markers(today, &ms, &occ2, 14).is_empty());
        // Three days before is still in time; four is not.
        let three = expand(&[item("z", at(2026, 9, 20, 9, 0))], today, d(2026, 9, 28));
        let left = unplanned_markers(today, &ms, &three, 14);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].name, "中秋节");
        // A shorter horizon sees less.
        assert_eq!(unplanned_markers(today, &ms, &[], 5).len(), 0);
    }

    #[test]
    fn cadence_gaps_flag_quiet_channels() {
        let today = d(2026, 3, 31);
        let mut published = item("p", at(2026, 3, 20, 9, 0));
        published.status = ContentStatus::Published;
        published.channels = vec![ContentChannel::OfficialAccount, ContentChannel::Channels];
        // Drafts and future posts do not keep a channel alive.
        let mut draft = item("d", at(2026, 3, 30, 9, 0));
        draft.status = ContentStatus::Draft;
        draft.channels = vec![ContentChannel::Channels];
        let mut future = item("f", at(2026, 4, 2, 9, 0));
        future.status = ContentStatus::Published;
        future.channels = vec![ContentChannel::Channels];
        // A published weekly column counts on each repeat.
        let mut column = item("c", at(2026, 1, 5, 12, 0));
        column.status = ContentStatus::Published;
        column.channels = vec![ContentChannel::MiniHome];
        column.repeat = Recurrence::Weekly;

        let items = [published, draft, future, column];
        let gaps = cadence_gaps(&items, today, &default_max_gaps());
        let by: BTreeMap<ContentChannel, &Gap> = gaps.iter().map(|g| (g.channel, g)).collect();
        // Official account: 11 days > 7.
        assert_eq!(by[&ContentChannel::OfficialAccount].days_silent, 11);
        assert_eq!(
            by[&ContentChannel::OfficialAccount].last_published,
            Some(d(2026, 3, 20))
        );
        assert_eq!(by[&ContentChannel::Channels].days_silent, 11);
        // Mini home repeated on 3-30 (a Monday): fine.
        assert!(!by.contains_key(&ContentChannel::MiniHome));
        // Never published: silent since the first item we know of (1-5).
        let x = by[&ContentChannel::Xiaohongshu];
        assert_eq!(x.last_published, None);
        assert_eq!(x.days_silent, 85);
        // In-store allows 30 days; silent 85.
        assert!(by.contains_key(&ContentChannel::InStore));
        // Most overdue first.
        let over: Vec<i64> = gaps
            .iter()
            .map(|g| i64::from(g.days_silent) - i64::from(g.max_gap))
            .collect();
        assert!(over.windows(2).all(|w| w[0] >= w[1]));
        // Exactly at the limit is not a gap.
        let mut limits = BTreeMap::new();
        limits.insert(ContentChannel::OfficialAccount, 11);
        assert!(cadence_gaps(&items, today, &limits).is_empty());
        assert!(cadence_gaps(&[], today, &default_max_gaps()).is_empty());
        assert_eq!(default_max_gaps().len(), ContentChannel::ALL.len());
        assert_eq!(default_max_gaps()[&ContentChannel::WechatGroups], 3);
    }

    #[test]
    fn monthly_series_keeps_cadence_alive() {
        let mut monthly = item("m", at(2026, 1, 31, 9, 0));
        monthly.status = ContentStatus::Published;
        monthly.repeat = Recurrence::Monthly;
        assert_eq!(
            last_occurrence_on_or_before(&monthly, d(2026, 4, 30)),
            Some(d(2026, 3, 31))
        );
        assert_eq!(
            last_occurrence_on_or_before(&monthly, d(2026, 1, 31)),
            Some(d(2026, 1, 31))
        );
        assert_eq!(last_occurrence_on_or_before(&monthly, d(2026, 1, 30)), None);
        let mut weekly = monthly.clone();
        weekly.repeat = Recurrence::Weekly;
        assert_eq!(
            last_occurrence_on_or_before(&weekly, d(2026, 2, 13)),
            Some(d(2026, 2, 7))
        );
    }

    #[test]
    fn weekly_counts_cover_empty_weeks() {
        let mut weekly = item("w", at(2026, 3, 4, 9, 0));
        weekly.repeat = Recurrence::Weekly;
        let items = [
            weekly,
            item("a", at(2026, 3, 5, 9, 0)),
            item("b", at(2026, 4, 1, 9, 0)),
        ];
        let occ = expand(&items, d(2026, 3, 1), d(2026, 3, 20));
        let counts = weekly_counts(&occ, d(2026, 3, 1), d(2026, 3, 20));
        assert_eq!(
            counts,
            vec![
                (d(2026, 2, 23), 0),
                (d(2026, 3, 2), 2),
                (d(2026, 3, 9), 1),
                (d(2026, 3, 16), 1),
            ]
        );
        assert!(weekly_counts(&occ, d(2026, 3, 2), d(2026, 3, 1)).is_empty());
    }
}
