//! The seeded demo generator: 13 months of plausible data for 津味坊, a
//! Tianjin food & retail chain selling through its WeChat mini-program.
//!
//! Everything is derived from one seed and the last day with data, so the
//! same inputs always give the same `Dataset` (on native and on wasm).
//! Each collection draws from its own RNG stream (the salts below), so
//! tuning one collection does not reshuffle the others. The daily metric
//! facts are generated first; the monthly and derived collections
//! (portrait, hourly, pages, channel spend, experience, health, targets,
//! campaign reviews) are then computed from them, through [`Aggregates`],
//! so every page of the app tells the same story.
//!
//! One file per collection, named like the domain areas; `seasonality`,
//! `districts`, `events` and the campaign plan shape the daily traffic.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::cockpit::dimensions::{Channel, District};
use crate::domain::cockpit::model::MetricFact;
use crate::domain::cockpit::totals::Totals;
use crate::domain::dataset::Dataset;
use crate::domain::shared::dates::add_days;

mod behaviour;
mod calendar;
mod campaigns;
mod channels;
mod cockpit;
mod common;
mod districts;
mod events;
mod experience;
mod experiments;
mod feedback;
mod health;
mod health_ops;
mod orders;
mod portrait;
mod qr_codes;
mod roadmap;
mod seasonality;
mod targets;

use common::month_key;

/// The seed the app uses unless the user picks another one.
pub const DEFAULT_SEED: u64 = 20_260_101;

/// Days of operational data (feedback, experience, health).
const RECENT_DAYS: i64 = 90;

// Salts for the per-collection RNG streams.
const S_METRICS: u64 = 1;
const S_RETENTION: u64 = 101;
const S_PORTRAIT: u64 = 2;
const S_HOURLY: u64 = 3;
const S_PAGES: u64 = 4;
const S_FEEDBACK: u64 = 5;
const S_CONTENT: u64 = 6;
const S_CAMPAIGNS: u64 = 7;
const S_CHANNELS: u64 = 8;
const S_ROADMAP: u64 = 9;
const S_EXPERIENCE: u64 = 10;
const S_HEALTH: u64 = 11;
const S_EXPERIMENTS: u64 = 12;
const S_INCIDENTS: u64 = 13;

/// First day with data: the 1st of the month twelve months before `end`'s
/// month, so the window always holds 12 full months plus the current one.
pub fn window_start(end: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(end.year(), end.month(), 1)
        .and_then(|d| d.checked_sub_months(Months::new(12)))
        .unwrap_or_else(|| add_days(end, -395))
}

/// The whole demo dataset for `seed`, with data from [`window_start`]
/// through `end` (inclusive) and plans reaching a few weeks past it.
pub fn generate(seed: u64, end: NaiveDate) -> Dataset {
    let start = window_start(end);
    let days: Vec<NaiveDate> = start.iter_days().take_while(|d| *d <= end).collect();
    let calendar = seasonality::Calendar::new(start, add_days(end, 120));
    let specs = campaigns::specs::campaign_specs(end, &calendar);
    let events = events::event_specs(start, add_days(end, 92), &calendar);

    let metrics = cockpit::gen_metrics(seed, start, &days, &calendar, &specs, &events);
    let agg = Aggregates::from_facts(&metrics);
    let incidents = health::incident_days(seed, end);
    let (qr_codes, qr_results) = qr_codes::gen_qr(seed, start, end);
    let mut feedback = feedback::gen_feedback(seed, end);
    let roadmap = roadmap::gen_roadmap(seed, end, &feedback);
    roadmap::mark_shipped_feedback(&roadmap, &mut feedback);
    let roadmap_plans = roadmap::gen_plans(end, &roadmap);

    let experience = experience::gen_experience(seed, end, &agg, &incidents);
    Dataset {
        retention: behaviour::gen_retention(seed, end, &metrics),
        portrait: portrait::gen_portrait(seed, &agg),
        hourly: behaviour::gen_hourly(seed, &agg),
        pages: behaviour::gen_pages(seed, &agg),
        feedback,
        content: calendar::gen_content(seed, start, end, &specs, &calendar),
        campaigns: campaigns::gen_campaigns(seed, end, &specs, &metrics),
        channels: channels::gen_channels(seed, &agg),
        staff_time: channels::gen_staff_time(),
        roadmap_boards: roadmap::gen_boards(),
        roadmap_reviews: roadmap::gen_reviews(end, &roadmap, &roadmap_plans, &metrics),
        roadmap_plans,
        roadmap,
        task_targets: experience::gen_task_targets(&experience),
        experience,
        health: health::gen_health(seed, end, &agg, &incidents),
        experiments: experiments::gen_experiments(seed, end, &agg),
        targets: targets::gen_targets(&agg),
        events: events
            .iter()
            .enumerate()
            .map(|(i, e)| e.to_event(i))
            .collect(),
        qr_codes,
        qr_results,
        incidents: health_ops::gen_incidents(end, &incidents),
        security_checks: health_ops::gen_security_checks(end),
        alert_rules: health_ops::gen_alert_rules(),
        orders: orders::gen_orders(&agg),
        metrics,
    }
}

// ---------------------------------------------------------------------------
// Aggregates of the metric facts, which the derived collections read

#[derive(Default)]
struct MonthAgg {
    total: Totals,
    days: u32,
    by_district: BTreeMap<District, Totals>,
    by_channel: BTreeMap<Channel, Totals>,
    /// Visits by ISO weekday (1 = Monday).
    by_weekday: BTreeMap<u32, u64>,
}

struct Aggregates {
    daily: BTreeMap<NaiveDate, Totals>,
    monthly: BTreeMap<String, MonthAgg>,
}

impl Aggregates {
    fn from_facts(facts: &[MetricFact]) -> Self {
        let mut daily: BTreeMap<NaiveDate, Totals> = BTreeMap::new();
        let mut monthly: BTreeMap<String, MonthAgg> = BTreeMap::new();
        for f in facts {
            daily.entry(f.date).or_default().add(f);
            let m = monthly.entry(month_key(f.date)).or_default();
            m.by_district.entry(f.district).or_default().add(f);
            m.by_channel.entry(f.channel).or_default().add(f);
        }
        for (date, t) in &daily {
            let m = monthly.entry(month_key(*date)).or_default();
            m.total.merge(t);
            m.days += 1;
            *m.by_weekday
                .entry(date.weekday().number_from_monday())
                .or_default() += t.visits;
        }
        Aggregates { daily, monthly }
    }

    /// Summed totals of the days in `[from, to]`, and how many days had data.
    fn range(&self, from: NaiveDate, to: NaiveDate) -> (Totals, u32) {
        let mut sum = Totals::default();
        let mut n = 0;
        if from > to {
            return (sum, n);
        }
        for t in self.daily.range(from..=to).map(|(_, t)| t) {
            sum.merge(t);
            n += 1;
        }
        (sum, n)
    }

    fn last_days(&self, n: i64) -> (Totals, u32) {
        match self.daily.keys().next_back() {
            Some(last) => self.range(add_days(*last, 1 - n), *last),
            None => (Totals::default(), 0),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod fixture {
    //! One generated dataset that every section's tests read.

    use std::collections::BTreeMap;
    use std::sync::OnceLock;
    use std::time::Instant;

    use chrono::NaiveDate;

    use super::{generate, DEFAULT_SEED};
    use crate::domain::dataset::Dataset;

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub fn end() -> NaiveDate {
        d(2026, 11, 24)
    }

    /// One generation shared by the tests (debug builds are slow).
    pub fn data() -> &'static Dataset {
        static DATA: OnceLock<Dataset> = OnceLock::new();
        DATA.get_or_init(|| {
            let t = Instant::now();
            let ds = generate(DEFAULT_SEED, end());
            eprintln!(
                "generate(): {:?} for {} metric rows",
                t.elapsed(),
                ds.metrics.len()
            );
            ds
        })
    }

    pub fn daily_visits(ds: &Dataset) -> BTreeMap<NaiveDate, u64> {
        let mut out = BTreeMap::new();
        for f in &ds.metrics {
            *out.entry(f.date).or_default() += u64::from(f.visits);
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::fixture::{d, daily_visits, data, end};
    use super::*;
    use std::collections::BTreeSet;
    use std::time::Instant;

    #[test]
    fn deterministic_for_the_same_seed_and_end() {
        let again = generate(DEFAULT_SEED, end());
        assert!(again == *data(), "same inputs must give the same dataset");
        let other = generate(DEFAULT_SEED + 1, end());
        assert_ne!(other.metrics, data().metrics);
        assert_ne!(other.feedback, data().feedback);
    }

    #[test]
    fn window_spans_thirteen_months() {
        assert_eq!(window_start(d(2026, 11, 24)), d(2025, 11, 1));
        assert_eq!(window_start(d(2026, 1, 1)), d(2025, 1, 1));
        assert_eq!(window_start(d(2024, 2, 29)), d(2023, 2, 1));
        let ds = data();
        let first = ds.metrics.iter().map(|f| f.date).min().unwrap();
        let last = ds.metrics.iter().map(|f| f.date).max().unwrap();
        assert_eq!((first, last), (d(2025, 11, 1), end()));
        let months: BTreeSet<String> = ds.metrics.iter().map(|f| month_key(f.date)).collect();
        assert_eq!(months.len(), 13);
        // Every day has data.
        assert_eq!(daily_visits(ds).len() as i64, (last - first).num_days() + 1);
        let hourly_months: BTreeSet<&str> = ds.hourly.iter().map(|h| h.month.as_str()).collect();
        assert_eq!(hourly_months.len(), 13);
    }

    #[test]
    fn json_round_trip_and_size() {
        let ds = data();
        let t = Instant::now();
        let metrics_json = serde_json::to_string(&ds.metrics).unwrap();
        let json = serde_json::to_string(ds).unwrap();
        eprintln!(
            "metrics: {} rows, {:.1} MB JSON; whole dataset {:.1} MB ({:?} to serialise)",
            ds.metrics.len(),
            metrics_json.len() as f64 / 1e6,
            json.len() as f64 / 1e6,
            t.elapsed()
        );
        assert!(metrics_json.len() < 20_000_000);
        let back: Dataset = serde_json::from_str(&json).unwrap();
        assert!(back == *ds, "round trip changed the dataset");

        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut expected = vec![
            "metrics",
            "portrait",
            "hourly",
            "retention",
            "pages",
            "feedback",
            "content",
            "campaigns",
            "channels",
            "roadmap",
            "experience",
            "health",
            "experiments",
            "targets",
            "events",
            "taskTargets",
            "qr_codes",
            "qr_results",
            "staff_time",
            "roadmapBoards",
            "roadmapReviews",
            "incidents",
            "security_checks",
            "alert_rules",
            "orders",
            "roadmapPlans",
        ];
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
        for (k, v) in value.as_object().unwrap() {
            assert!(!v.as_array().unwrap().is_empty(), "{k} is empty");
        }
    }

    /// `cargo test --release --lib bench_generate -- --ignored --nocapture`
    /// (run by scripts/bench): what the embedded backend costs at start-up,
    /// and what decoding the same data costs when a REST backend serves it.
    #[test]
    #[ignore]
    fn bench_generate_and_decode() {
        use std::time::Instant;
        let end = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let median = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let gen: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(generate(DEFAULT_SEED, end));
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        let data = generate(DEFAULT_SEED, end);
        let json = serde_json::to_string(&data.metrics).unwrap();
        let decode: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                let rows: Vec<MetricFact> = crate::data::resource::decode_text(
                    &json,
                    None,
                    crate::data::resource::Resource::Metrics,
                )
                .unwrap();
                std::hint::black_box(rows);
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        eprintln!(
            "generate demo dataset: median {:.1} ms ({} metric rows); decode metrics JSON ({:.1} MB): median {:.1} ms",
            median(gen),
            data.metrics.len(),
            json.len() as f64 / 1e6,
            median(decode)
        );
    }
}
