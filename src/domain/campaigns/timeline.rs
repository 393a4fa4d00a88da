//! The campaign timeline's window: which months it shows (zoom and first
//! month, both in the URL), moving it, and "fit all". Pure, so the page only
//! draws; a parser that never fails, so a hand-edited URL falls back to the
//! default window instead of breaking the page.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::campaigns::model::Campaign;
use crate::domain::shared::dates::first_of_month;
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    /// How much of the calendar the timeline shows at once.
    Zoom {
        Month = "month", "月", "Month";
        Quarter = "quarter", "季度", "Quarter";
        HalfYear = "half", "半年", "Half-year";
        Fit = "fit", "全部", "Fit all";
    }
}

impl Zoom {
    /// Months shown; `Fit` takes its length from the campaigns.
    fn months(self) -> u32 {
        match self {
            Zoom::Month => 1,
            Zoom::Quarter => 3,
            Zoom::HalfYear | Zoom::Fit => 6,
        }
    }
}

/// The view of the timeline as the URL keeps it: `tl=<zoom>&tlfrom=YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineView {
    pub zoom: Zoom,
    /// First day of the first month shown (ignored by `Fit`).
    pub from: NaiveDate,
}

/// The days drawn, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

fn add_months(d: NaiveDate, n: i64) -> NaiveDate {
    let m = Months::new(u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX));
    if n >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
    .unwrap_or(d)
}

/// Last day of the month `months - 1` after `start`'s month.
fn month_span_end(start: NaiveDate, months: u32) -> NaiveDate {
    first_of_month(start)
        .checked_add_months(Months::new(months))
        .and_then(|d| d.checked_sub_days(Days::new(1)))
        .unwrap_or(start)
}

impl TimelineView {
    /// The default: half a year from last month, so that in late November the
    /// Spring Festival plans are on screen next to what just ran.
    pub fn default_for(today: NaiveDate) -> Self {
        Self::starting(Zoom::HalfYear, today)
    }

    /// `zoom` around `today`: month and quarter start at this month, the
    /// half-year one month back.
    pub fn starting(zoom: Zoom, today: NaiveDate) -> Self {
        let back = if zoom == Zoom::HalfYear { 1 } else { 0 };
        Self {
            zoom,
            from: add_months(first_of_month(today), -back),
        }
    }

    /// Reads the URL's values; anything missing or malformed falls back to
    /// the default for that part.
    pub fn parse(zoom: Option<&str>, from: Option<&str>, today: NaiveDate) -> Self {
        let zoom = zoom.and_then(Zoom::from_id).unwrap_or(Zoom::HalfYear);
        let default = Self::starting(zoom, today);
        let from = from
            .and_then(|s| NaiveDate::parse_from_str(&format!("{}-01", s.trim()), "%Y-%m-%d").ok())
            // Keep within what a plan can mean; also keeps chrono far from its limits.
            .filter(|d| (1900..=2200).contains(&d.year()))
            .unwrap_or(default.from);
        Self { zoom, from }
    }

    /// `tlfrom`'s value.
    pub fn from_param(&self) -> String {
        self.from.format("%Y-%m").to_string()
    }

    /// The days to draw. `Fit` covers every campaign, whole months, and falls
    /// back to the stored months when there is none.
    pub fn window(&self, campaigns: &[Campaign]) -> Window {
        if self.zoom == Zoom::Fit {
            let first = campaigns.iter().map(|c| c.start.min(c.end)).min();
            let last = campaigns.iter().map(|c| c.end.max(c.start)).max();
            if let (Some(first), Some(last)) = (first, last) {
                return Window {
                    start: first_of_month(first),
                    end: month_span_end(last, 1),
                };
            }
        }
        Window {
            start: self.from,
            end: month_span_end(self.from, self.zoom.months()),
        }
    }

    /// One page earlier (`steps` < 0) or later, by the zoom's length. A fitted
    /// view becomes a half-year view at the fitted window's start.
    pub fn shifted(&self, steps: i64, campaigns: &[Campaign]) -> Self {
        let (zoom, from) = match self.zoom {
            Zoom::Fit => (Zoom::HalfYear, self.window(campaigns).start),
            z => (z, self.from),
        };
        Self {
            zoom,
            from: add_months(from, steps * i64::from(zoom.months())),
        }
    }

    /// The same start with another zoom (`Fit` keeps the start for later).
    pub fn zoomed(&self, zoom: Zoom) -> Self {
        Self { zoom, ..*self }
    }
}

impl Window {
    pub fn days(&self) -> i64 {
        ((self.end - self.start).num_days() + 1).max(1)
    }

    /// Horizontal position of the start of `day`, in percent of the width,
    /// clamped to the window.
    pub fn position(&self, day: NaiveDate) -> f64 {
        let offset = (day - self.start).num_days() as f64;
        (offset / self.days() as f64 * 100.0).clamp(0.0, 100.0)
    }

    /// Left edge and width (percent) of a bar covering `start..=end`.
    pub fn bar(&self, start: NaiveDate, end: NaiveDate) -> (f64, f64) {
        let left = self.position(start);
        let right = self.position(end.checked_add_days(Days::new(1)).unwrap_or(end));
        (left, (right - left).max(0.0))
    }

    pub fn contains_any(&self, start: NaiveDate, end: NaiveDate) -> bool {
        end >= self.start && start <= self.end
    }

    /// The first day of every month that starts inside the window (and the
    /// window's own first month).
    pub fn months(&self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut m = first_of_month(self.start);
        // A window can span many years when fitted; a label a month stays readable
        // up to about three years, then only quarters are labelled.
        let step = if self.days() > 3 * 366 { 3 } else { 1 };
        while m <= self.end && out.len() < 400 {
            out.push(m);
            match m.checked_add_months(Months::new(step)) {
                Some(next) => m = next,
                None => break,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::test_support;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn campaign(start: &str, end: &str) -> Campaign {
        test_support::campaign("c", "c", d(start), d(end))
    }

    #[test]
    fn default_in_late_november_shows_spring_festival() {
        let v = TimelineView::default_for(d("2026-11-28"));
        let w = v.window(&[]);
        assert_eq!((w.start, w.end), (d("2026-10-01"), d("2027-03-31")));
        // Spring Festival 2027 is on 6 February.
        assert!(w.contains_any(d("2027-02-06"), d("2027-02-06")));
    }

    #[test]
    fn default_around_awkward_days() {
        let w = TimelineView::default_for(d("2026-12-31")).window(&[]);
        assert_eq!((w.start, w.end), (d("2026-11-01"), d("2027-04-30")));
        let w = TimelineView::default_for(d("2028-02-29")).window(&[]);
        assert_eq!((w.start, w.end), (d("2028-01-01"), d("2028-06-30")));
        let w = TimelineView::default_for(d("2027-01-31")).window(&[]);
        assert_eq!((w.start, w.end), (d("2026-12-01"), d("2027-05-31")));
    }

    #[test]
    fn parse_never_fails() {
        let today = d("2026-11-28");
        let def = TimelineView::default_for(today);
        assert_eq!(TimelineView::parse(None, None, today), def);
        assert_eq!(
            TimelineView::parse(Some("zoom!"), Some("garbage"), today),
            def
        );
        assert_eq!(
            TimelineView::parse(Some("half"), Some("262142-01"), today),
            def
        );
        assert_eq!(
            TimelineView::parse(Some("half"), Some("2026-13"), today),
            def
        );
        let q = TimelineView::parse(Some("quarter"), Some("2027-01"), today);
        assert_eq!(q.zoom, Zoom::Quarter);
        assert_eq!(q.window(&[]).end, d("2027-03-31"));
        assert_eq!(q.from_param(), "2027-01");
        // A zoom without a start starts at this month.
        assert_eq!(
            TimelineView::parse(Some("month"), None, today).window(&[]),
            Window {
                start: d("2026-11-01"),
                end: d("2026-11-30")
            }
        );
    }

    #[test]
    fn moves_by_its_length() {
        let today = d("2026-11-28");
        let m = TimelineView::starting(Zoom::Month, today);
        assert_eq!(m.shifted(1, &[]).from, d("2026-12-01"));
        assert_eq!(m.shifted(-11, &[]).from, d("2025-12-01"));
        let q = TimelineView::starting(Zoom::Quarter, today);
        assert_eq!(q.shifted(1, &[]).from, d("2027-02-01"));
        let h = TimelineView::default_for(today);
        assert_eq!(h.shifted(-1, &[]).from, d("2026-04-01"));
    }

    #[test]
    fn fit_covers_every_campaign_in_whole_months() {
        let today = d("2026-11-28");
        let all = [
            campaign("2025-12-20", "2026-01-05"),
            campaign("2027-02-01", "2027-02-28"),
        ];
        let fit = TimelineView::default_for(today).zoomed(Zoom::Fit);
        let w = fit.window(&all);
        assert_eq!((w.start, w.end), (d("2025-12-01"), d("2027-02-28")));
        assert!(all.iter().all(|c| w.contains_any(c.start, c.end)));
        // Moving a fitted view continues from its start, half a year at a time.
        let next = fit.shifted(1, &all);
        assert_eq!((next.zoom, next.from), (Zoom::HalfYear, d("2026-06-01")));
        // Nothing to fit: the stored months.
        assert_eq!(
            fit.window(&[]),
            TimelineView::default_for(today).window(&[])
        );
    }

    #[test]
    fn positions_and_bars() {
        let w = Window {
            start: d("2027-02-01"),
            end: d("2027-02-28"),
        };
        assert_eq!(w.days(), 28);
        assert_eq!(w.position(d("2027-02-01")), 0.0);
        assert_eq!(w.position(d("2027-02-15")), 50.0);
        assert_eq!(w.position(d("2026-01-01")), 0.0);
        assert_eq!(w.position(d("2028-01-01")), 100.0);
        let (left, width) = w.bar(d("2027-02-08"), d("2027-02-14"));
        assert_eq!((left, width), (25.0, 25.0));
        // A bar running past the window is cut at its edge.
        let (left, width) = w.bar(d("2027-02-22"), d("2027-03-10"));
        assert_eq!((left, width), (75.0, 25.0));
    }

    #[test]
    fn month_ticks() {
        let w = Window {
            start: d("2026-10-01"),
            end: d("2027-03-31"),
        };
        let m = w.months();
        assert_eq!(m.len(), 6);
        assert_eq!(m.first(), Some(&d("2026-10-01")));
        assert_eq!(m.last(), Some(&d("2027-03-01")));
        let long = Window {
            start: d("2020-01-01"),
            end: d("2026-12-31"),
        };
        assert_eq!(long.months().len(), 28);
    }
}
