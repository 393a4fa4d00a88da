//! The QR codes' print cost counted in the channel table: a code's print
//! cost belongs to the month it was made, on the `channels` row of the same
//! month, channel and placement (e.g. 门店桌贴二维码), so the offline-QR rows'
//! cost, CPA and ROI include what the table cards cost to print.

use super::model::QrCode;
use crate::domain::channels::model::{ChannelRef, ChannelSpend};

/// Adds each code's print cost to its month's spend row and returns how
/// much found no row (a placement or month the `channels` rows lack), so
/// the screen can say so rather than drop it silently.
pub fn add_print_costs(rows: &mut [ChannelSpend], codes: &[QrCode]) -> f64 {
    let mut unmatched = 0.0;
    for code in codes {
        let cost = if code.print_cost.is_finite() && code.print_cost > 0.0 {
            code.print_cost
        } else {
            continue;
        };
        let month = code.created.format("%Y-%m").to_string();
        let row = rows.iter_mut().find(|r| {
            r.month == month
                && r.placement == code.placement
                && r.channel == ChannelRef::Known(code.channel)
        });
        match row {
            Some(r) => r.cost += cost,
            None => unmatched += cost,
        }
    }
    unmatched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channels::qr::model::{QrKind, QrStatus};
    use crate::domain::channels::ratios::row;
    use crate::domain::cockpit::dimensions::{Channel, District};
    use chrono::NaiveDate;

    fn code(created: &str, placement: &str, cost: f64) -> QrCode {
        QrCode {
            id: format!("qr-{created}-{placement}"),
            store: "和平路店".into(),
            district: District::Heping,
            kind: QrKind::TableCard,
            channel: Channel::OfflineQr,
            placement: placement.into(),
            page_path: "pages/index/index".into(),
            scene: "q.tc.hpl1".into(),
            created: NaiveDate::parse_from_str(created, "%Y-%m-%d").unwrap(),
            status: QrStatus::Active,
            print_cost: cost,
            notes: String::new(),
        }
    }

    #[test]
    fn print_cost_lands_on_its_month_and_placement() {
        let counts = [100.0, 0.0, 0.0, 10.0, 5.0, 2.0, 80.0];
        let mut rows = vec![
            row("2026-11", Channel::OfflineQr, "门店桌贴二维码", counts),
            row("2026-10", Channel::OfflineQr, "门店桌贴二维码", counts),
        ];
        let codes = [
            code("2026-11-03", "门店桌贴二维码", 12.5),
            code("2026-11-20", "门店桌贴二维码", 7.5),
            code("2026-10-31", "门店桌贴二维码", 3.0),
            // No row for this placement: reported, not dropped.
            code("2026-11-05", "橱窗海报", 40.0),
            // A code with no (or a broken) print cost adds nothing.
            code("2026-11-06", "门店桌贴二维码", f64::NAN),
        ];
        let unmatched = add_print_costs(&mut rows, &codes);
        assert_eq!(rows[0].cost, 120.0);
        assert_eq!(rows[1].cost, 103.0);
        assert_eq!(unmatched, 40.0);
    }
}
