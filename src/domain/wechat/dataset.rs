//! Many saved WeChat responses merged into one dataset.
//!
//! Files are named `<interface>/<yyyymmdd>.json` (one day) or
//! `<interface>/<begin>-<end>.json` (a range), as `scripts/wechat-fetch`
//! writes them; any folders before `<interface>` are ignored. Rows are keyed
//! by their own `ref_date`, so a day that appears in a day file and in an
//! overlapping range file is counted once: the file listed later wins (the
//! manifest lists files in name order, so a day file beats the range file
//! that starts on or before it), and differing duplicates are reported in
//! `conflicts`. A file that holds an errcode body, or cannot be read, is kept
//! in `problems` with the days its name covers, so the screens can show that
//! day as an error next to the others.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::WechatError;
use super::raw::{
    parse, Distribution, PageRow, PerformanceResponse, PortraitResponse, Response, RetainResponse,
    SummaryRow, TrendRow,
};
use super::{Interface, RefDate};

/// `index.json` beside the files: static servers cannot list folders.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Manifest {
    /// Paths relative to the manifest, e.g. `getDailyVisitTrend/20261127.json`.
    pub files: Vec<String>,
    /// When the fetch script last ran (RFC 3339), for "数据更新于".
    pub updated_at: Option<String>,
}

/// A file that could not be used, and the days its name says it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct FileProblem {
    pub file: String,
    pub interface: Option<Interface>,
    pub covers: Option<RefDate>,
    pub error: WechatError,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct WechatData {
    pub summary: BTreeMap<NaiveDate, SummaryRow>,
    pub daily: BTreeMap<NaiveDate, TrendRow>,
    pub weekly: BTreeMap<RefDate, TrendRow>,
    pub monthly: BTreeMap<RefDate, TrendRow>,
    pub distribution: BTreeMap<NaiveDate, Vec<Distribution>>,
    pub pages: BTreeMap<NaiveDate, Vec<PageRow>>,
    pub daily_retain: BTreeMap<RefDate, RetainResponse>,
    pub weekly_retain: BTreeMap<RefDate, RetainResponse>,
    pub monthly_retain: BTreeMap<RefDate, RetainResponse>,
    /// Portraits by window; the screens show the latest.
    pub portraits: BTreeMap<RefDate, PortraitResponse>,
    /// Performance figure id → (Chinese name, value by day).
    pub performance: BTreeMap<String, (String, BTreeMap<NaiveDate, f64>)>,
    pub problems: Vec<FileProblem>,
    /// Same interface and date in two files with different values.
    pub conflicts: Vec<(Interface, NaiveDate)>,
}

/// The interface and covered dates a file name says, e.g.
/// `wechat/getDailyVisitTrend/20261123-20261125.json`.
pub fn classify(path: &str) -> (Option<Interface>, Option<RefDate>) {
    let mut parts = path.rsplit('/');
    let stem = parts
        .next()
        .map(|f| f.trim_end_matches(".json"))
        .unwrap_or_default();
    let interface = parts.next().and_then(Interface::from_dir);
    (interface, RefDate::parse(stem))
}

impl WechatData {
    /// Merges files given as (path, body), in the order given.
    pub fn merge<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> WechatData {
        let mut data = WechatData::default();
        for (path, text) in files {
            data.add(path, text);
        }
        data
    }

    pub fn add(&mut self, path: &str, text: &str) {
        let (interface, covers) = classify(path);
        let Some(interface) = interface else {
            self.problem(path, None, covers, bad_name(path));
            return;
        };
        match parse(interface, path, text) {
            Ok(response) => self.add_response(path, interface, covers, response),
            Err(error) => self.problem(path, Some(interface), covers, error),
        }
    }

    fn problem(
        &mut self,
        file: &str,
        interface: Option<Interface>,
        covers: Option<RefDate>,
        error: WechatError,
    ) {
        self.problems.push(FileProblem {
            file: file.to_string(),
            interface,
            covers,
            error,
        });
    }

    fn add_response(&mut self, path: &str, i: Interface, covers: Option<RefDate>, r: Response) {
        match r {
            Response::Summary(s) => {
                for row in s.list {
                    if let Some(day) = self.day_of(path, i, &row.ref_date) {
                        upsert(&mut self.summary, &mut self.conflicts, i, day, row);
                    }
                }
            }
            Response::Trend(t) => {
                for row in t.list {
                    let Some(rd) = self.ref_of(path, i, &row.ref_date) else {
                        continue;
                    };
                    match (i, rd) {
                        (Interface::DailyVisitTrend, RefDate::Day(day)) => {
                            upsert(&mut self.daily, &mut self.conflicts, i, day, row)
                        }
                        (Interface::WeeklyVisitTrend, _) => {
                            self.weekly.insert(rd, row);
                        }
                        (Interface::MonthlyVisitTrend, _) => {
                            self.monthly.insert(rd, row);
                        }
                        _ => self.problem(path, Some(i), covers, bad_date(&row.ref_date)),
                    }
                }
            }
            Response::Distribution(d) => {
                if let Some(day) = self.day_of(path, i, &d.ref_date) {
                    upsert(&mut self.distribution, &mut self.conflicts, i, day, d.list);
                }
            }
            Response::Pages(p) => {
                if let Some(day) = self.day_of(path, i, &p.ref_date) {
                    upsert(&mut self.pages, &mut self.conflicts, i, day, p.list);
                }
            }
            Response::Retain(r) => {
                if let Some(rd) = self.ref_of(path, i, &r.ref_date) {
                    let map = match i {
                        Interface::WeeklyRetain => &mut self.weekly_retain,
                        Interface::MonthlyRetain => &mut self.monthly_retain,
                        _ => &mut self.daily_retain,
                    };
                    map.insert(rd, r);
                }
            }
            Response::Portrait(p) => {
                if let Some(rd) = self.ref_of(path, i, &p.ref_date) {
                    self.portraits.insert(rd, *p);
                }
            }
            Response::Performance(p) => self.add_performance(p),
        }
    }

    fn add_performance(&mut self, p: PerformanceResponse) {
        for table in p.data.body.tables {
            let entry = self
                .performance
                .entry(table.id.clone())
                .or_insert_with(|| (table.zh.clone(), BTreeMap::new()));
            for field in table.lines.into_iter().flat_map(|l| l.fields) {
                if let (Some(day), Some(v)) = (super::parse_ymd(&field.refdate), field.value) {
                    entry.1.insert(day, v);
                }
            }
        }
    }

    fn ref_of(&mut self, path: &str, i: Interface, text: &str) -> Option<RefDate> {
        let parsed = RefDate::parse(text);
        if parsed.is_none() {
            let covers = classify(path).1;
            self.problem(path, Some(i), covers, bad_date(text));
        }
        parsed
    }

    fn day_of(&mut self, path: &str, i: Interface, text: &str) -> Option<NaiveDate> {
        match self.ref_of(path, i, text)? {
            RefDate::Day(d) => Some(d),
            _ => {
                self.problem(path, Some(i), classify(path).1, bad_date(text));
                None
            }
        }
    }

    /// The last day with daily traffic: WeChat's data is T+1, so this is
    /// "数据截至" (data up to and including).
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.daily
            .keys()
            .chain(self.summary.keys())
            .chain(self.distribution.keys())
            .max()
            .copied()
    }

    /// The newest portrait and its rolling window.
    pub fn latest_portrait(&self) -> Option<(RefDate, &PortraitResponse)> {
        self.portraits
            .iter()
            .max_by_key(|(rd, _)| (rd.last(), rd.days()))
            .map(|(rd, p)| (*rd, p))
    }

    /// Problems of `interface` whose file name covers `day`.
    pub fn problems_on(&self, interface: Interface, day: NaiveDate) -> Vec<&FileProblem> {
        self.problems
            .iter()
            .filter(|p| p.interface == Some(interface))
            .filter(|p| {
                p.covers
                    .is_some_and(|c| c.first() <= day && day <= c.last())
            })
            .collect()
    }
}

fn upsert<T: PartialEq>(
    map: &mut BTreeMap<NaiveDate, T>,
    conflicts: &mut Vec<(Interface, NaiveDate)>,
    i: Interface,
    day: NaiveDate,
    row: T,
) {
    if let Some(old) = map.insert(day, row) {
        if map.get(&day) != Some(&old) && !conflicts.contains(&(i, day)) {
            conflicts.push((i, day));
        }
    }
}

fn bad_date(text: &str) -> WechatError {
    WechatError::BadDate(text.chars().take(40).collect())
}

fn bad_name(path: &str) -> WechatError {
    WechatError::Decode {
        file: path.to_string(),
        path: "(file name)".into(),
        detail: "expected <interface>/<yyyymmdd>.json".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn fixtures() -> Vec<(String, String)> {
        let root = format!("{}/tests/fixtures/wechat", env!("CARGO_MANIFEST_DIR"));
        let manifest: Manifest =
            serde_json::from_str(&std::fs::read_to_string(format!("{root}/index.json")).unwrap())
                .unwrap();
        manifest
            .files
            .into_iter()
            .map(|f| {
                let text = std::fs::read_to_string(format!("{root}/{f}")).unwrap();
                (f, text)
            })
            .collect()
    }

    pub(crate) fn fixture_data() -> WechatData {
        let files = fixtures();
        WechatData::merge(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
    }

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    #[test]
    fn the_manifest_lists_every_fixture_file() {
        let root = format!("{}/tests/fixtures/wechat", env!("CARGO_MANIFEST_DIR"));
        let mut on_disk = Vec::new();
        for dir in std::fs::read_dir(&root).unwrap() {
            let dir = dir.unwrap();
            if dir.file_type().unwrap().is_dir() {
                for f in std::fs::read_dir(dir.path()).unwrap() {
                    let name = f.unwrap().file_name().into_string().unwrap();
                    on_disk.push(format!("{}/{name}", dir.file_name().into_string().unwrap()));
                }
            }
        }
        on_disk.sort();
        let listed: Vec<String> = fixtures().into_iter().map(|f| f.0).collect();
        assert_eq!(
            listed, on_disk,
            "index.json must list the files in name order"
        );
    }

    #[test]
    fn overlapping_files_count_each_day_once_and_the_day_file_wins() {
        let data = fixture_data();
        // 23–25 from the range file, 25 again from its own file, 26 is an errcode, 27.
        assert_eq!(
            data.daily.keys().copied().collect::<Vec<_>>(),
            vec![d(23), d(24), d(25), d(27)]
        );
        assert_eq!(
            data.daily[&d(25)].visit_uv,
            Some(3010),
            "the day file, not the range's 3001"
        );
        assert_eq!(data.conflicts, vec![(Interface::DailyVisitTrend, d(25))]);
        assert_eq!(data.as_of(), Some(d(27)));
    }

    #[test]
    fn an_errcode_day_is_a_problem_on_that_day_only() {
        let data = fixture_data();
        let on_26 = data.problems_on(Interface::DailyVisitTrend, d(26));
        assert_eq!(on_26.len(), 1);
        assert_eq!(on_26[0].error.code(), Some(45009));
        assert!(data
            .problems_on(Interface::DailyVisitTrend, d(27))
            .is_empty());
        assert!(!data.daily.contains_key(&d(26)), "a gap, not a zero row");
        // The 26th's visit distribution hit the same quota.
        assert_eq!(data.problems.len(), 2, "{:?}", data.problems);
        assert_eq!(
            data.problems_on(Interface::VisitDistribution, d(26))[0]
                .error
                .code(),
            Some(45009)
        );
        assert_eq!(
            data.distribution.keys().copied().collect::<Vec<_>>(),
            vec![d(25), d(27)]
        );
    }

    #[test]
    fn identical_duplicates_are_not_conflicts_and_order_decides() {
        let a = r#"{"list":[{"ref_date":"20261127","visit_uv":1}]}"#;
        let b = r#"{"list":[{"ref_date":"20261127","visit_uv":2}]}"#;
        let merged = WechatData::merge([
            ("getDailyVisitTrend/20261127.json", a),
            ("getDailyVisitTrend/20261127.json", a),
        ]);
        assert!(merged.conflicts.is_empty());
        let merged = WechatData::merge([
            ("getDailyVisitTrend/20261127.json", a),
            ("x/getDailyVisitTrend/20261120-20261127.json", b),
        ]);
        assert_eq!(merged.daily[&d(27)].visit_uv, Some(2));
        assert_eq!(merged.conflicts.len(), 1);
    }

    #[test]
    fn unknown_folders_and_bad_dates_are_reported_not_dropped_silently() {
        let merged = WechatData::merge([
            ("getSomething/20261127.json", "{}"),
            (
                "getDailyVisitTrend/20261127.json",
                r#"{"list":[{"ref_date":"2026-11-27"}]}"#,
            ),
            (
                "getVisitDistribution/20261127.json",
                r#"{"ref_date":"20261120-20261127","list":[]}"#,
            ),
        ]);
        assert_eq!(merged.problems.len(), 3, "{:?}", merged.problems);
        assert!(merged.daily.is_empty() && merged.distribution.is_empty());
    }

    #[test]
    fn portraits_weekly_monthly_retention_and_performance_are_kept() {
        let data = fixture_data();
        let (window, _) = data.latest_portrait().unwrap();
        assert_eq!(
            (window.first(), window.last(), window.days()),
            (d(21), d(27), 7)
        );
        assert_eq!(data.weekly.len(), 1);
        assert_eq!(data.monthly.keys().next().unwrap().days(), 31);
        assert_eq!(data.daily_retain.len(), 2);
        assert_eq!(data.weekly_retain.len(), 1);
        assert_eq!(data.monthly_retain.len(), 1);
        assert!(!data.performance.is_empty());
        assert_eq!(data.summary.len(), 4);
        assert_eq!(data.pages[&d(27)].len(), 5);
    }
}
