//! The experience screen's number formats beyond the shared ones:
//! percentage points, milliseconds, p-values and intervals.

use crate::domain::shared::stats::proportions::Interval;
use crate::i18n::{format_count, format_percent, Lang};

/// A signed difference of two rates in percentage points: "+1.2 个百分点" /
/// "+1.2 pp".
pub fn points(diff: Option<f64>, lang: Lang) -> String {
    match diff.map(|d| d * 100.0) {
        Some(p) if p.is_finite() => match lang {
            Lang::Zh => format!("{p:+.1} 个百分点"),
            Lang::En => format!("{p:+.1} pp"),
        },
        _ => "—".into(),
    }
}

/// A small ratio (an error rate) with two decimals: "0.60%".
pub fn fine_percent(ratio: Option<f64>) -> String {
    match ratio.map(|r| r * 100.0) {
        Some(p) if p.is_finite() => format!("{p:.2}%"),
        _ => "—".into(),
    }
}

/// Milliseconds: "2,460 ms".
pub fn ms(value: u32, lang: Lang) -> String {
    format!("{} ms", format_count(f64::from(value), lang))
}

/// A p-value: three decimals, or "< 0.001".
pub fn p_value(p: Option<f64>) -> String {
    match p {
        Some(p) if p.is_finite() && p < 0.001 => "< 0.001".into(),
        Some(p) if p.is_finite() => format!("{p:.3}"),
        _ => "—".into(),
    }
}

/// "p = 0.021" or "p < 0.001".
pub fn p_equals(p: Option<f64>) -> String {
    let shown = p_value(p);
    if shown.starts_with('<') {
        format!("p {shown}")
    } else {
        format!("p = {shown}")
    }
}

/// An interval of rates: "9.4% – 10.6%".
pub fn rate_interval(interval: Option<Interval>) -> String {
    interval.map_or_else(
        || "—".into(),
        |i| {
            format!(
                "{} – {}",
                format_percent(Some(i.low)),
                format_percent(Some(i.high))
            )
        },
    )
}

/// An interval of differences in points: "+0.4 – +2.1 pp".
pub fn points_interval(interval: Option<Interval>, lang: Lang) -> String {
    interval.map_or_else(
        || "—".into(),
        |i| {
            let number = |v: f64| format!("{:+.1}", v * 100.0);
            match lang {
                Lang::Zh => format!("{} – {} 个百分点", number(i.low), number(i.high)),
                Lang::En => format!("{} – {} pp", number(i.low), number(i.high)),
            }
        },
    )
}

/// An interval of relative changes: "+3.1% – +18.0%".
pub fn change_interval(interval: Option<Interval>) -> String {
    interval.map_or_else(
        || "—".into(),
        |i| {
            format!(
                "{} – {}",
                crate::i18n::format_change(Some(i.low)),
                crate::i18n::format_change(Some(i.high))
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_points_ms_and_p_values() {
        assert_eq!(points(Some(0.0123), Lang::Zh), "+1.2 个百分点");
        assert_eq!(points(Some(-0.001), Lang::En), "-0.1 pp");
        assert_eq!(points(None, Lang::En), "—");
        assert_eq!(p_value(Some(0.0004)), "< 0.001");
        assert_eq!(p_value(Some(0.0456)), "0.046");
        assert_eq!(
            rate_interval(Some(Interval {
                low: 0.094,
                high: 0.106
            })),
            "9.4% – 10.6%"
        );
    }
}
