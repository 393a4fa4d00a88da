//! Endpoints against their thresholds: one summary per endpoint over a
//! period, worst first. Ratios come from summed counts (errors / requests
//! over the whole period), and percentiles are never averaged across days:
//! the table shows the median of the daily p50s and the worst day's p95.
//!
//! Default thresholds come from WeChat's published performance targets for
//! mini-programs: launch within 3.7 s (Android) / 1.8 s (iOS) when the code
//! package is downloaded, 2.6 s / 0.9 s from a local package, and network
//! requests under 1 s. The 1 % error-rate limit is ours, not WeChat's.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::health::model::HealthSample;
use crate::domain::shared::labelled::labelled_enum;
use crate::domain::shared::ratio::ratio;

/// The endpoint names of the launch figures (one row a day each).
pub const LAUNCH_ANDROID_DOWNLOAD: &str = "launch_android_download";
pub const LAUNCH_IOS_DOWNLOAD: &str = "launch_ios_download";
pub const LAUNCH_ANDROID_LOCAL: &str = "launch_android_local";
pub const LAUNCH_IOS_LOCAL: &str = "launch_ios_local";
pub const PAGE_LOAD: &str = "page_load";

/// Error rate above which an endpoint is in breach, by default.
pub const DEFAULT_ERROR_RATE_LIMIT: f64 = 0.01;

/// What an endpoint is held to: its p95 latency and its error rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    pub p95_ms: u32,
    pub error_rate: f64,
}

/// The default threshold of an endpoint, from WeChat's targets (see the
/// module comment). Page loading is held to the local-package launch target
/// on Android (2.6 s), the slower of the two platforms.
pub fn default_threshold(endpoint: &str) -> Threshold {
    let p95_ms = match endpoint {
        LAUNCH_ANDROID_DOWNLOAD => 3_700,
        LAUNCH_IOS_DOWNLOAD => 1_800,
        LAUNCH_ANDROID_LOCAL | PAGE_LOAD => 2_600,
        LAUNCH_IOS_LOCAL => 900,
        _ => 1_000,
    };
    Threshold {
        p95_ms,
        error_rate: DEFAULT_ERROR_RATE_LIMIT,
    }
}

/// A readable name for the launch and page-load rows (API paths read as is).
pub fn endpoint_label(endpoint: &str, zh: bool) -> String {
    let (z, e) = match endpoint {
        LAUNCH_ANDROID_DOWNLOAD => (
            "启动耗时 · 安卓 · 下载代码包",
            "Launch · Android · package download",
        ),
        LAUNCH_IOS_DOWNLOAD => (
            "启动耗时 · iOS · 下载代码包",
            "Launch · iOS · package download",
        ),
        LAUNCH_ANDROID_LOCAL => (
            "启动耗时 · 安卓 · 本地代码包",
            "Launch · Android · local package",
        ),
        LAUNCH_IOS_LOCAL => (
            "启动耗时 · iOS · 本地代码包",
            "Launch · iOS · local package",
        ),
        PAGE_LOAD => ("页面加载", "Page loading"),
        other => return other.to_string(),
    };
    if zh { z } else { e }.to_string()
}

labelled_enum! {
    /// Where an endpoint stands against its threshold over the period.
    EndpointStatus {
        Breach = "breach", "超出阈值", "Over threshold";
        Ok = "ok", "达标", "Within threshold";
        NoData = "no_data", "无数据", "No data";
    }
}

/// One endpoint over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointSummary {
    pub endpoint: String,
    pub requests: u64,
    pub errors: u64,
    /// Summed errors / summed requests.
    pub error_rate: Option<f64>,
    /// The median of the daily p50s.
    pub p50_median_ms: Option<u32>,
    /// The worst day's p95, and that day.
    pub p95_worst: Option<(NaiveDate, u32)>,
    /// Days with a row, and days over either threshold.
    pub days: usize,
    pub breach_days: usize,
    pub threshold: Threshold,
    pub status: EndpointStatus,
}

impl EndpointSummary {
    /// How far past its threshold the endpoint is (1.0 = exactly at it): the
    /// larger of the p95 and error-rate ratios. Ranks "worst first".
    pub fn severity(&self) -> f64 {
        let latency = self
            .p95_worst
            .map(|(_, p)| f64::from(p) / f64::from(self.threshold.p95_ms.max(1)))
            .unwrap_or(0.0);
        let errors = self
            .error_rate
            .map(|r| r / self.threshold.error_rate.max(f64::EPSILON))
            .unwrap_or(0.0);
        latency.max(errors)
    }
}

fn breaches(s: &HealthSample, t: Threshold) -> bool {
    let rate = ratio(f64::from(s.errors), f64::from(s.requests)).unwrap_or(0.0);
    s.p95_ms > t.p95_ms || rate > t.error_rate
}

/// Summaries of every endpoint with rows in `from..=to`, worst first.
pub fn summarise(rows: &[HealthSample], from: NaiveDate, to: NaiveDate) -> Vec<EndpointSummary> {
    let mut by_endpoint: BTreeMap<&str, Vec<&HealthSample>> = BTreeMap::new();
    for r in rows.iter().filter(|r| from <= r.date && r.date <= to) {
        by_endpoint.entry(r.endpoint.as_str()).or_default().push(r);
    }
    // An endpoint known from other days still gets a "no data" row.
    for r in rows {
        by_endpoint.entry(r.endpoint.as_str()).or_default();
    }
    let mut out: Vec<EndpointSummary> = by_endpoint
        .into_iter()
        .map(|(endpoint, days)| summary(endpoint, &days))
        .collect();
    sort(&mut out, EndpointSort::Worst, true);
    out
}

fn summary(endpoint: &str, days: &[&HealthSample]) -> EndpointSummary {
    let threshold = default_threshold(endpoint);
    let requests: u64 = days.iter().map(|d| u64::from(d.requests)).sum();
    let errors: u64 = days.iter().map(|d| u64::from(d.errors)).sum();
    let mut p50s: Vec<u32> = days.iter().map(|d| d.p50_ms).collect();
    p50s.sort_unstable();
    // The lower median for an even count: a day's value, not an average.
    let p50_median_ms = p50s.get(p50s.len().saturating_sub(1) / 2).copied();
    let p95_worst = days
        .iter()
        .map(|d| (d.date, d.p95_ms))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    let breach_days = days.iter().filter(|d| breaches(d, threshold)).count();
    let error_rate = ratio(errors as f64, requests as f64);
    let status = if days.is_empty() {
        EndpointStatus::NoData
    } else if p95_worst.is_some_and(|(_, p)| p > threshold.p95_ms)
        || error_rate.is_some_and(|r| r > threshold.error_rate)
    {
        EndpointStatus::Breach
    } else {
        EndpointStatus::Ok
    };
    EndpointSummary {
        endpoint: endpoint.to_string(),
        requests,
        errors,
        error_rate,
        p50_median_ms,
        p95_worst,
        days: days.len(),
        breach_days,
        threshold,
        status,
    }
}

labelled_enum! {
    /// The endpoints table's sort keys (in the URL as `sort`).
    EndpointSort {
        Worst = "worst", "最差优先", "Worst first";
        Name = "name", "接口", "Endpoint";
        Requests = "requests", "请求数", "Requests";
        ErrorRate = "error_rate", "错误率", "Error rate";
        P50 = "p50", "p50 中位数", "p50 median";
        P95 = "p95", "最差一天 p95", "Worst-day p95";
    }
}

/// Sorts in place; `desc` puts the largest (or, for names, Z) first. Rows
/// without a figure go last either way.
pub fn sort(rows: &mut [EndpointSummary], by: EndpointSort, desc: bool) {
    let key = |s: &EndpointSummary| -> Option<f64> {
        if s.status == EndpointStatus::NoData {
            return None;
        }
        match by {
            EndpointSort::Worst => Some(s.severity()),
            EndpointSort::Name => None,
            EndpointSort::Requests => Some(s.requests as f64),
            EndpointSort::ErrorRate => s.error_rate,
            EndpointSort::P50 => s.p50_median_ms.map(f64::from),
            EndpointSort::P95 => s.p95_worst.map(|(_, p)| f64::from(p)),
        }
    };
    rows.sort_by(|a, b| {
        if by == EndpointSort::Name || (key(a).is_none() && key(b).is_none()) {
            let o = a.endpoint.cmp(&b.endpoint);
            return if desc { o.reverse() } else { o };
        }
        match (key(a), key(b)) {
            (Some(x), Some(y)) => {
                let o = x.total_cmp(&y);
                let o = if desc { o.reverse() } else { o };
                o.then_with(|| a.endpoint.cmp(&b.endpoint))
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    fn row(
        day: u32,
        endpoint: &str,
        requests: u32,
        errors: u32,
        p50: u32,
        p95: u32,
    ) -> HealthSample {
        HealthSample {
            date: d(day),
            endpoint: endpoint.into(),
            requests,
            errors,
            p50_ms: p50,
            p95_ms: p95,
        }
    }

    #[test]
    fn wechat_targets_are_the_defaults() {
        assert_eq!(default_threshold(LAUNCH_ANDROID_DOWNLOAD).p95_ms, 3_700);
        assert_eq!(default_threshold(LAUNCH_IOS_DOWNLOAD).p95_ms, 1_800);
        assert_eq!(default_threshold(LAUNCH_ANDROID_LOCAL).p95_ms, 2_600);
        assert_eq!(default_threshold(LAUNCH_IOS_LOCAL).p95_ms, 900);
        assert_eq!(default_threshold("/api/pay").p95_ms, 1_000);
        assert_eq!(default_threshold("/api/pay").error_rate, 0.01);
    }

    #[test]
    fn error_rate_is_summed_counts_and_p95_is_the_worst_day() {
        // /api/pay: 1000 + 3000 requests, 5 + 75 errors → 80 / 4000 = 2 %
        // (the mean of the daily rates, 0.5 % and 2.5 %, would be 1.5 %).
        // p50s 200, 300, 250 → median 250; worst p95 1200 on the 2nd.
        let rows = vec![
            row(1, "/api/pay", 1000, 5, 200, 800),
            row(2, "/api/pay", 3000, 75, 300, 1200),
            row(3, "/api/pay", 0, 0, 250, 700),
            row(2, "/api/menu", 5000, 5, 60, 300),
            row(3, "/api/menu", 5000, 5, 70, 310),
            row(20, "/api/old", 10, 0, 50, 90),
        ];
        let s = summarise(&rows, d(1), d(3));
        assert_eq!(s.len(), 3);
        let pay = &s[0];
        assert_eq!(pay.endpoint, "/api/pay");
        assert_eq!((pay.requests, pay.errors), (4000, 80));
        assert!((pay.error_rate.unwrap() - 0.02).abs() < 1e-12);
        assert_eq!(pay.p50_median_ms, Some(250));
        assert_eq!(pay.p95_worst, Some((d(2), 1200)));
        assert_eq!(pay.breach_days, 1);
        assert_eq!(pay.status, EndpointStatus::Breach);
        assert!((pay.severity() - 2.0).abs() < 1e-12);
        assert_eq!(s[1].endpoint, "/api/menu");
        assert_eq!(s[1].status, EndpointStatus::Ok);
        assert_eq!(s[1].p50_median_ms, Some(60), "lower median of two days");
        assert_eq!(s[2].status, EndpointStatus::NoData);
    }

    #[test]
    fn sorting_keeps_missing_figures_last() {
        let rows = vec![
            row(1, "/b", 10, 1, 100, 500),
            row(1, "/a", 30, 0, 100, 900),
            row(9, "/c", 5, 0, 100, 100),
        ];
        let mut s = summarise(&rows, d(1), d(1));
        sort(&mut s, EndpointSort::Requests, false);
        let names: Vec<&str> = s.iter().map(|s| s.endpoint.as_str()).collect();
        assert_eq!(names, ["/b", "/a", "/c"]);
        sort(&mut s, EndpointSort::P95, true);
        let names: Vec<&str> = s.iter().map(|s| s.endpoint.as_str()).collect();
        assert_eq!(names, ["/a", "/b", "/c"]);
        sort(&mut s, EndpointSort::Name, true);
        assert_eq!(s[0].endpoint, "/c");
    }
}
