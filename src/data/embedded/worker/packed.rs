//! The daily metric facts, packed as plain numbers for the trip from the
//! worker to the app.
//!
//! They are nine tenths of the demo data (about 69,000 rows, 18.9 MB as
//! JSON), and decoding that JSON on the main thread took five times as
//! long as generating it. As a `Float64Array` the rows cross in one transfer
//! and unpack in a single pass. Every field is a whole number below 2^53 or
//! the revenue, so f64 carries each one exactly.

use chrono::NaiveDate;

use crate::data::error::ApiError;
use crate::domain::cockpit::dimensions::{Channel, District, Platform};
use crate::domain::cockpit::model::MetricFact;

/// Numbers per row: date, three dimensions, 13 measures.
pub const WIDTH: usize = 17;

fn index_of<T: PartialEq>(all: &[T], value: &T) -> f64 {
    all.iter().position(|v| v == value).unwrap_or(0) as f64
}

pub fn pack_metrics(rows: &[MetricFact]) -> Vec<f64> {
    let mut out = Vec::with_capacity(rows.len() * WIDTH);
    for r in rows {
        out.extend_from_slice(&[
            f64::from(chrono::Datelike::num_days_from_ce(&r.date)),
            index_of(District::ALL, &r.district),
            index_of(Channel::ALL, &r.channel),
            index_of(Platform::ALL, &r.platform),
            f64::from(r.visits),
            f64::from(r.visitors),
            f64::from(r.new_visitors),
            f64::from(r.sessions),
            r.stay_seconds as f64,
            f64::from(r.page_views),
            f64::from(r.bounces),
            f64::from(r.product_views),
            f64::from(r.carts),
            f64::from(r.orders),
            f64::from(r.paying_users),
            f64::from(r.repeat_buyers),
            r.revenue,
        ]);
    }
    out
}

fn broken(row: usize, what: &str) -> ApiError {
    ApiError::Decode {
        resource: "metrics".into(),
        path: format!("[{row}].{what}"),
        detail: "packed demo data out of range".into(),
    }
}

/// The rows back; a number out of range (a worker of another version) is
/// a decode error naming the row, never a panic.
pub fn unpack_metrics(numbers: &[f64]) -> Result<Vec<MetricFact>, ApiError> {
    if !numbers.len().is_multiple_of(WIDTH) {
        return Err(broken(numbers.len() / WIDTH, "length"));
    }
    let count = |x: f64, row: usize, what: &str| -> Result<u32, ApiError> {
        if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) {
            Ok(x as u32)
        } else {
            Err(broken(row, what))
        }
    };
    let pick = |all_len: usize, x: f64, row: usize, what: &str| -> Result<usize, ApiError> {
        let i = count(x, row, what)? as usize;
        if i < all_len {
            Ok(i)
        } else {
            Err(broken(row, what))
        }
    };
    numbers
        .chunks_exact(WIDTH)
        .enumerate()
        .map(|(i, c)| {
            let &[date, district, channel, platform, visits, visitors, new_visitors, sessions, stay, page_views, bounces, product_views, carts, orders, paying_users, repeat_buyers, revenue] =
                c
            else {
                return Err(broken(i, "length"));
            };
            let date = i32::try_from(count(date, i, "date")?)
                .ok()
                .and_then(NaiveDate::from_num_days_from_ce_opt)
                .ok_or_else(|| broken(i, "date"))?;
            let district = District::ALL
                .get(pick(District::ALL.len(), district, i, "district")?)
                .copied()
                .ok_or_else(|| broken(i, "district"))?;
            let channel = Channel::ALL
                .get(pick(Channel::ALL.len(), channel, i, "channel")?)
                .copied()
                .ok_or_else(|| broken(i, "channel"))?;
            let platform = Platform::ALL
                .get(pick(Platform::ALL.len(), platform, i, "platform")?)
                .copied()
                .ok_or_else(|| broken(i, "platform"))?;
            let whole_seconds = stay.fract() == 0.0 && (0.0..9.0e15).contains(&stay);
            if !(whole_seconds && revenue.is_finite()) {
                return Err(broken(i, "stay_seconds/revenue"));
            }
            Ok(MetricFact {
                date,
                district,
                channel,
                platform,
                visits: count(visits, i, "visits")?,
                visitors: count(visitors, i, "visitors")?,
                new_visitors: count(new_visitors, i, "newVisitors")?,
                sessions: count(sessions, i, "sessions")?,
                stay_seconds: stay as u64,
                page_views: count(page_views, i, "pageViews")?,
                bounces: count(bounces, i, "bounces")?,
                product_views: count(product_views, i, "productViews")?,
                carts: count(carts, i, "carts")?,
                orders: count(orders, i, "orders")?,
                paying_users: count(paying_users, i, "payingUsers")?,
                repeat_buyers: count(repeat_buyers, i, "repeatBuyers")?,
                revenue,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::{generate, DEFAULT_SEED};

    #[test]
    fn the_demo_metrics_survive_packing_exactly() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let rows = generate(DEFAULT_SEED, end).metrics;
        let packed = pack_metrics(&rows);
        assert_eq!(packed.len(), rows.len() * WIDTH);
        assert_eq!(unpack_metrics(&packed).unwrap(), rows);
    }

    #[test]
    fn numbers_out_of_range_are_decode_errors_naming_the_row() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let rows: Vec<MetricFact> = generate(DEFAULT_SEED, end)
            .metrics
            .into_iter()
            .take(3)
            .collect();
        let packed = pack_metrics(&rows);
        let path = |numbers: &[f64]| match unpack_metrics(numbers) {
            Err(ApiError::Decode { path, .. }) => path,
            other => panic!("{other:?}"),
        };
        let mut bad = packed.clone();
        bad[WIDTH + 1] = 99.0;
        assert_eq!(path(&bad), "[1].district");
        let mut bad = packed.clone();
        bad[2 * WIDTH + 4] = -1.0;
        assert_eq!(path(&bad), "[2].visits");
        let mut bad = packed.clone();
        bad[16] = f64::NAN;
        assert_eq!(path(&bad), "[0].stay_seconds/revenue");
        assert_eq!(path(&packed[..WIDTH + 3]), "[1].length");
        assert_eq!(unpack_metrics(&[]).unwrap(), vec![]);
    }
}
