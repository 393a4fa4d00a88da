//! Language selection and locale-aware formatting of numbers and dates.
//!
//! Translations sit next to the text they translate (`lang.tr("中文", "English")`),
//! so a label can never exist in one language only.

use chrono::{Datelike, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

pub mod words;

#[cfg(test)]
mod consistency;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn tr(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" | "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Groups digits in threes: 1234567 → "1,234,567".
fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Strips a trailing ".0" so "12.0万" reads "12万".
fn trim_zero(s: String) -> String {
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// A count, abbreviated the way each locale reads large numbers:
/// 万/亿 in Chinese, K/M in English. Small numbers keep every digit.
pub fn format_count(n: f64, lang: Lang) -> String {
    if !n.is_finite() {
        return "—".into();
    }
    let sign = if n < 0.0 { "-" } else { "" };
    let a = n.abs();
    let body = match lang {
        Lang::Zh if a >= 1e8 => trim_zero(format!("{:.1}", a / 1e8)) + "亿",
        Lang::Zh if a >= 1e5 => trim_zero(format!("{:.1}", a / 1e4)) + "万",
        Lang::En if a >= 1e6 => trim_zero(format!("{:.1}", a / 1e6)) + "M",
        Lang::En if a >= 1e5 => trim_zero(format!("{:.1}", a / 1e3)) + "K",
        _ => group_digits(a.round() as u64),
    };
    format!("{sign}{body}")
}

/// Money in yuan: "¥1,234.50", or "¥12.3万" once it is large.
pub fn format_money(yuan: f64, lang: Lang) -> String {
    if !yuan.is_finite() {
        return "—".into();
    }
    let sign = if yuan < 0.0 { "-" } else { "" };
    let a = yuan.abs();
    if a >= 1e5 {
        return format!("{sign}¥{}", format_count(a, lang));
    }
    let cents = (a * 100.0).round() as u64;
    format!("{sign}¥{}.{:02}", group_digits(cents / 100), cents % 100)
}

/// A ratio as a percentage with one decimal; `None` (a zero denominator) is "—".
pub fn format_percent(ratio: Option<f64>) -> String {
    // Checked after ×100: a finite 1e308 would otherwise print "inf%".
    match ratio.map(|r| r * 100.0) {
        Some(p) if p.is_finite() => format!("{p:.1}%"),
        _ => "—".into(),
    }
}

/// A signed change, e.g. "+12.5%" or "-3.0%".
pub fn format_change(ratio: Option<f64>) -> String {
    match ratio.map(|r| r * 100.0) {
        Some(p) if p.is_finite() => format!("{p:+.1}%"),
        _ => "—".into(),
    }
}

/// A duration in seconds: "2分05秒" / "2m 05s".
pub fn format_duration(seconds: Option<f64>, lang: Lang) -> String {
    let Some(s) = seconds.filter(|s| s.is_finite() && *s >= 0.0) else {
        return "—".into();
    };
    let total = s.round() as u64;
    let (m, s) = (total / 60, total % 60);
    match (lang, m) {
        (Lang::Zh, 0) => format!("{s}秒"),
        (Lang::Zh, _) => format!("{m}分{s:02}秒"),
        (Lang::En, 0) => format!("{s}s"),
        (Lang::En, _) => format!("{m}m {s:02}s"),
    }
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn en_month(month: u32) -> &'static str {
    EN_MONTHS
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// A calendar date: "2026年11月25日" / "25 Nov 2026".
pub fn format_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => format!("{} {} {}", d.day(), en_month(d.month()), d.year()),
    }
}

/// A local date and time to the minute.
pub fn format_datetime(dt: chrono::NaiveDateTime, lang: Lang) -> String {
    format!(
        "{} {:02}:{:02}",
        format_date(dt.date(), lang),
        dt.hour(),
        dt.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_wan_in_chinese_and_k_in_english() {
        assert_eq!(format_count(1234.0, Lang::Zh), "1,234");
        assert_eq!(format_count(99_999.0, Lang::Zh), "99,999");
        assert_eq!(format_count(123_456.0, Lang::Zh), "12.3万");
        assert_eq!(format_count(120_000.0, Lang::Zh), "12万");
        assert_eq!(format_count(350_000_000.0, Lang::Zh), "3.5亿");
        assert_eq!(format_count(123_456.0, Lang::En), "123.5K");
        assert_eq!(format_count(2_500_000.0, Lang::En), "2.5M");
        assert_eq!(format_count(-1500.0, Lang::En), "-1,500");
        assert_eq!(format_count(f64::NAN, Lang::Zh), "—");
    }

    #[test]
    fn money_has_yuan_sign_and_cents() {
        assert_eq!(format_money(1234.5, Lang::Zh), "¥1,234.50");
        assert_eq!(format_money(0.0, Lang::En), "¥0.00");
        assert_eq!(format_money(1_234_567.0, Lang::Zh), "¥123.5万");
        assert_eq!(format_money(-20.0, Lang::Zh), "-¥20.00");
        assert_eq!(format_money(f64::INFINITY, Lang::Zh), "—");
    }

    #[test]
    fn percentages_and_changes() {
        assert_eq!(format_percent(Some(0.1234)), "12.3%");
        assert_eq!(format_percent(None), "—");
        assert_eq!(format_percent(Some(f64::NAN)), "—");
        assert_eq!(format_change(Some(0.125)), "+12.5%");
        assert_eq!(format_change(Some(-0.03)), "-3.0%");
        assert_eq!(format_change(Some(1e308)), "—");
        assert_eq!(format_percent(Some(1e308)), "—");
    }

    #[test]
    fn durations_and_dates() {
        assert_eq!(format_duration(Some(125.0), Lang::Zh), "2分05秒");
        assert_eq!(format_duration(Some(42.4), Lang::En), "42s");
        assert_eq!(format_duration(None, Lang::En), "—");
        let d = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
        assert_eq!(format_date(d, Lang::Zh), "2026年11月5日");
        assert_eq!(format_date(d, Lang::En), "5 Nov 2026");
    }
}
