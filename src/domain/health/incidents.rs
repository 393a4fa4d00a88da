//! Incidents: how long each lasted, how long since the last one, and which
//! days each covers (for the chart markers on the health and cockpit trends).

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::health::model::Incident;

/// Minutes from start to end; `None` while the incident is open, or when
/// the end is before the start (bad data).
pub fn duration_minutes(i: &Incident) -> Option<i64> {
    let end = i.end?;
    let minutes = (end - i.start).num_minutes();
    (minutes >= 0).then_some(minutes)
}

/// Whole days since the most recent incident ended, as of `now`; 0 while
/// one is open (or ended today). `None` when there has been none.
pub fn days_since_last(incidents: &[Incident], now: NaiveDateTime) -> Option<i64> {
    incidents
        .iter()
        .filter(|i| i.start <= now)
        .map(|i| match i.end {
            Some(end) if end <= now => (now.date() - end.date()).num_days(),
            _ => 0,
        })
        .min()
}

/// The days an incident covers, as `(first, last)`; an open incident runs
/// to `today`.
pub fn span(i: &Incident, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = i.start.date();
    let last = i.end.map(|e| e.date()).unwrap_or(today).max(first);
    (first, last)
}

/// Newest first, for the list.
pub fn newest_first(incidents: &mut [Incident]) {
    incidents.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.id.cmp(&b.id)));
}

/// The incidents that overlap `from..=to`.
pub fn within(
    incidents: &[Incident],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Vec<Incident> {
    incidents
        .iter()
        .filter(|i| {
            let (a, b) = span(i, today);
            a <= to && b >= from
        })
        .cloned()
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::health::alert_rules::AlertSeverity;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, day)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn incident(id: &str, start: NaiveDateTime, end: Option<NaiveDateTime>) -> Incident {
        Incident {
            id: id.into(),
            title: id.into(),
            start,
            end,
            severity: AlertSeverity::Critical,
            affected: String::new(),
            cause: String::new(),
            fix: String::new(),
            follow_up: String::new(),
        }
    }

    #[test]
    fn duration_and_time_since() {
        let a = incident("a", at(1, 11, 40), Some(at(1, 13, 5)));
        let b = incident("b", at(20, 9, 0), Some(at(21, 1, 30)));
        assert_eq!(duration_minutes(&a), Some(85));
        assert_eq!(duration_minutes(&b), Some(16 * 60 + 30));
        let now = at(28, 10, 0);
        // b ended on the 21st: 7 days before the 28th.
        assert_eq!(days_since_last(&[a.clone(), b.clone()], now), Some(7));
        let open = incident("c", at(27, 8, 0), None);
        assert_eq!(duration_minutes(&open), None);
        assert_eq!(days_since_last(&[a.clone(), open.clone()], now), Some(0));
        assert_eq!(days_since_last(&[], now), None);
        let backwards = incident("d", at(5, 10, 0), Some(at(4, 10, 0)));
        assert_eq!(duration_minutes(&backwards), None);
        let today = at(28, 0, 0).date();
        assert_eq!(span(&open, today), (at(27, 0, 0).date(), today));
        assert_eq!(
            within(&[a, b, open], at(21, 0, 0).date(), today, today).len(),
            2
        );
    }
}
