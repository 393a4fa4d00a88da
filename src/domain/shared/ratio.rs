//! Ratios and changes that never show NaN or infinity: a zero denominator
//! or a missing value gives `None`.

/// `num / den`, or `None` when the denominator is zero (or the result would
/// not be a finite number), so no NaN or infinity ever reaches the screen.
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    if den > 0.0 {
        Some(num / den).filter(|r| r.is_finite())
    } else {
        None
    }
}

/// Relative change `(current − previous) / previous`; `None` when either is
/// missing or the previous value is zero.
pub fn change(current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    let (c, p) = (current?, previous?);
    if p == 0.0 {
        return None;
    }
    Some((c - p) / p).filter(|r| r.is_finite())
}

/// Changes smaller than this (0.5 %) read as flat: noise, not news.
pub const FLAT_THRESHOLD: f64 = 0.005;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trend {
    Up,
    Down,
    Flat,
}

impl Trend {
    pub fn of(change: Option<f64>) -> Option<Trend> {
        let c = change?;
        Some(if c.abs() < FLAT_THRESHOLD {
            Trend::Flat
        } else if c > 0.0 {
            Trend::Up
        } else {
            Trend::Down
        })
    }
}
