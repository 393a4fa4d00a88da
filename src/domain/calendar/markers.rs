//! What falls on which day: holidays and make-up workdays, solar terms,
//! retail dates, local events and campaigns, as calendar markers.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::model::LocalEvent;
use crate::domain::campaigns::model::Campaign;
use crate::domain::chinese_calendar::holidays::{holidays, retail_dates};
use crate::domain::chinese_calendar::solar_terms::solar_terms;
use crate::domain::shared::dates::days_between;
use crate::domain::shared::labelled::labelled_enum;
use crate::i18n::Lang;

labelled_enum! {
    MarkerKind {
        Holiday = "holiday", "法定节假日", "Public holiday";
        MakeupWorkday = "makeup_workday", "调休上班", "Make-up workday";
        SolarTerm = "solar_term", "节气", "Solar term";
        Retail = "retail", "营销节点", "Retail date";
        LocalEvent = "local_event", "本地活动", "Local event";
        Campaign = "campaign", "营销活动", "Campaign";
    }
}

/// Something worth knowing about a day, named in the requested language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub date: NaiveDate,
    pub kind: MarkerKind,
    pub name: String,
    /// True for holidays whose official schedule is not yet published.
    pub estimated: bool,
}

/// Local-event (and campaign) markers shown per day before the rest are
/// summed up as "另有 N 个".
pub const MAX_MARKERS_PER_DAY: usize = 8;

/// The markers of one day, from markers sorted by date (as [`markers`]
/// returns them): a binary search, not a scan, per calendar cell.
pub fn on_day(markers: &[Marker], day: NaiveDate) -> &[Marker] {
    let start = markers.partition_point(|m| m.date < day);
    let end = markers.partition_point(|m| m.date <= day);
    markers.get(start..end).unwrap_or_default()
}

/// Every marker in `from..=to`, sorted by date (then kind, then name).
/// Multi-day holidays and local events give one marker per day; a campaign
/// gives its first and last day.
pub fn markers(
    from: NaiveDate,
    to: NaiveDate,
    events: &[LocalEvent],
    campaigns: &[Campaign],
    lang: Lang,
) -> Vec<Marker> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    let inside = |d: NaiveDate| from <= d && d <= to;
    let mut push = |date: NaiveDate, kind: MarkerKind, name: String, estimated: bool| {
        if inside(date) {
            out.push(Marker {
                date,
                kind,
                name,
                estimated,
            });
        }
    };
    // A holiday is filed under the year it starts in, but a break can run
    // into January and a make-up day can fall in the December before.
    for year in from.year() - 1..=to.year() + 1 {
        for h in holidays(year) {
            let name = lang.tr(h.name_zh, h.name_en);
            for day in h.days() {
                push(day, MarkerKind::Holiday, name.to_string(), h.estimated);
            }
            for day in &h.makeup_workdays {
                let label = match lang {
                    Lang::Zh => format!("调休上班（{name}）"),
                    Lang::En => format!("Make-up workday ({name})"),
                };
                push(*day, MarkerKind::MakeupWorkday, label, h.estimated);
            }
        }
    }
    for year in from.year()..=to.year() {
        for (day, term) in solar_terms(year) {
            push(
                day,
                MarkerKind::SolarTerm,
                term.label(lang).to_string(),
                false,
            );
        }
        for (day, zh, en) in retail_dates(year) {
            push(day, MarkerKind::Retail, lang.tr(zh, en).to_string(), false);
        }
    }
    // Events and campaigns come from the backend in any number: past
    // MAX_MARKERS_PER_DAY of a kind on one day, the rest are summed up in
    // one marker, so a flood of them cannot flood the page.
    let mut per_day: BTreeMap<(NaiveDate, MarkerKind), usize> = BTreeMap::new();
    let mut capped = |date: NaiveDate, kind: MarkerKind, name: &dyn Fn() -> String| {
        if !inside(date) {
            return;
        }
        let n = per_day.entry((date, kind)).or_insert(0);
        *n += 1;
        if *n <= MAX_MARKERS_PER_DAY {
            out.push(Marker {
                date,
                kind,
                name: name(),
                estimated: false,
            });
        }
    };
    for e in events {
        for day in days_between(e.start.max(from), e.end.min(to)) {
            capped(day, MarkerKind::LocalEvent, &|| e.name.clone());
        }
    }
    for c in campaigns {
        capped(c.start, MarkerKind::Campaign, &|| match lang {
            Lang::Zh => format!("{}开始", c.name),
            Lang::En => format!("{} starts", c.name),
        });
        // A one-day campaign needs one marker, not two.
        if c.end > c.start {
            capped(c.end, MarkerKind::Campaign, &|| match lang {
                Lang::Zh => format!("{}结束", c.name),
                Lang::En => format!("{} ends", c.name),
            });
        }
    }
    for ((date, kind), n) in per_day {
        if let Some(more) = n.checked_sub(MAX_MARKERS_PER_DAY).filter(|m| *m > 0) {
            let name = match (kind, lang) {
                (MarkerKind::Campaign, Lang::Zh) => format!("另有 {more} 个活动节点"),
                (MarkerKind::Campaign, Lang::En) => format!("{more} more campaign dates"),
                (_, Lang::Zh) => format!("另有 {more} 个本地活动"),
                (_, Lang::En) => format!("{more} more local events"),
            };
            out.push(Marker {
                date,
                kind,
                name,
                estimated: false,
            });
        }
    }
    out.sort_by(|a, b| (a.date, a.kind, &a.name).cmp(&(b.date, b.kind, &b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::test_support::{at_date, campaign, d, event};

    #[test]
    fn markers_of_golden_week_2026() {
        let events = [event("天津国际车展", d(2026, 9, 28), d(2026, 10, 3))];
        let campaigns = [campaign("c1", "国庆狂欢", d(2026, 9, 30), d(2026, 10, 7))];
        let ms = markers(
            d(2026, 9, 15),
            d(2026, 10, 12),
            &events,
            &campaigns,
            Lang::Zh,
        );
        assert!(ms.windows(2).all(|w| w[0].date <= w[1].date));
        assert!(ms
            .iter()
            .all(|m| d(2026, 9, 15) <= m.date && m.date <= d(2026, 10, 12)));

        let oct1 = at_date(&ms, d(2026, 10, 1));
        assert!(oct1.contains(&(MarkerKind::Holiday, "国庆节")));
        assert!(oct1.contains(&(MarkerKind::LocalEvent, "天津国际车展")));
        // Every day of the break is named.
        let national = ms.iter().filter(|m| m.name == "国庆节").count();
        assert_eq!(national, 7);
        assert_eq!(
            at_date(&ms, d(2026, 9, 20)),
            vec![(MarkerKind::MakeupWorkday, "调休上班（国庆节）")]
        );
        assert!(at_date(&ms, d(2026, 10, 10))
            .contains(&(MarkerKind::MakeupWorkday, "调休上班（国庆节）")));
        assert!(at_date(&ms, d(2026, 9, 25)).contains(&(MarkerKind::Holiday, "中秋节")));
        assert_eq!(
            at_date(&ms, d(2026, 9, 23)),
            vec![(MarkerKind::SolarTerm, "秋分")]
        );
        assert!(at_date(&ms, d(2026, 10, 8)).contains(&(MarkerKind::SolarTerm, "寒露")));
        assert!(at_date(&ms, d(2026, 9, 30)).contains(&(MarkerKind::Campaign, "国庆狂欢开始")));
        assert!(at_date(&ms, d(2026, 10, 7)).contains(&(MarkerKind::Campaign, "国庆狂欢结束")));
        assert_eq!(
            ms.iter()
                .filter(|m| m.kind == MarkerKind::LocalEvent)
                .count(),
            6
        );
        assert!(ms.iter().all(|m| !m.estimated));

        let en = markers(d(2026, 10, 1), d(2026, 10, 1), &[], &campaigns, Lang::En);
        assert_eq!(en[0].name, "National Day");
        let en = markers(d(2026, 9, 30), d(2026, 9, 30), &[], &campaigns, Lang::En);
        assert!(en.iter().any(|m| m.name == "国庆狂欢 starts"));
    }

    #[test]
    fn a_flood_of_events_is_capped_per_day_and_indexed_by_date() {
        // 50,000 events, all on 1–3 March 2026 (one of them on 2 March only).
        let mut events: Vec<LocalEvent> = (0..50_000)
            .map(|i| event(&format!("e{i}"), d(2026, 3, 1), d(2026, 3, 3)))
            .collect();
        events.push(event("solo", d(2026, 3, 5), d(2026, 3, 5)));
        let started = std::time::Instant::now();
        let ms = markers(d(2026, 2, 23), d(2026, 4, 5), &events, &[], Lang::Zh);
        assert!(started.elapsed().as_secs() < 2);
        assert!(ms.windows(2).all(|w| w[0].date <= w[1].date));
        let day = on_day(&ms, d(2026, 3, 2));
        let local: Vec<&Marker> = day
            .iter()
            .filter(|m| m.kind == MarkerKind::LocalEvent)
            .collect();
        assert_eq!(local.len(), MAX_MARKERS_PER_DAY + 1);
        assert!(local
            .iter()
            .any(|m| m.name == format!("另有 {} 个本地活动", 50_000 - MAX_MARKERS_PER_DAY)));
        assert!(day.iter().all(|m| m.date == d(2026, 3, 2)));
        // A day under the cap is untouched; a day with nothing is empty.
        assert_eq!(
            on_day(&ms, d(2026, 3, 5))
                .iter()
                .filter(|m| m.kind == MarkerKind::LocalEvent)
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>(),
            vec!["solo"]
        );
        assert!(on_day(&ms, d(2026, 3, 4))
            .iter()
            .all(|m| m.kind != MarkerKind::LocalEvent));
        assert!(on_day(&ms, d(2030, 1, 1)).is_empty());
        // Campaigns are capped the same way, in English too.
        let many: Vec<Campaign> = (0..20)
            .map(|i| campaign(&format!("c{i}"), "促销", d(2026, 3, 9), d(2026, 3, 9)))
            .collect();
        let ms = markers(d(2026, 3, 9), d(2026, 3, 9), &[], &many, Lang::En);
        let c: Vec<&Marker> = ms
            .iter()
            .filter(|m| m.kind == MarkerKind::Campaign)
            .collect();
        assert_eq!(c.len(), MAX_MARKERS_PER_DAY + 1);
        assert!(c.iter().any(|m| m.name == "12 more campaign dates"));
    }

    #[test]
    fn markers_clip_span_years_and_flag_estimates() {
        let events = [event("跨年灯会", d(2026, 12, 20), d(2027, 1, 10))];
        let ms = markers(d(2026, 12, 30), d(2027, 1, 2), &events, &[], Lang::En);
        assert_eq!(
            ms.iter()
                .filter(|m| m.kind == MarkerKind::LocalEvent)
                .count(),
            4
        );
        let ny = ms
            .iter()
            .find(|m| m.date == d(2027, 1, 1) && m.kind == MarkerKind::Holiday);
        assert!(ny.unwrap().estimated);
        assert!(markers(d(2026, 2, 1), d(2026, 1, 1), &events, &[], Lang::Zh).is_empty());
        // A one-day campaign gets a single marker.
        let one = [campaign("c", "快闪", d(2026, 3, 3), d(2026, 3, 3))];
        assert_eq!(
            markers(d(2026, 3, 1), d(2026, 3, 31), &[], &one, Lang::Zh)
                .iter()
                .filter(|m| m.kind == MarkerKind::Campaign)
                .count(),
            1
        );
        // Retail dates and 2026 Qixi.
        let summer = markers(d(2026, 5, 1), d(2026, 8, 31), &[], &[], Lang::Zh);
        assert!(at_date(&summer, d(2026, 6, 18)).contains(&(MarkerKind::Retail, "618年中大促")));
        assert!(at_date(&summer, d(2026, 8, 19)).contains(&(MarkerKind::Retail, "七夕")));
    }
}
