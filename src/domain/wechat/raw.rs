//! The datacube response bodies, field for field as WeChat documents them.
//!
//! Reading is lenient where WeChat is loose and strict where a wrong value
//! would mislead: unknown fields are ignored, a missing list is an empty list
//! (a portrait without `genders` shows the rest), a missing count is absent
//! (`None`, shown as a gap, never 0), counts may arrive as `12.0` or `"12"`,
//! but a negative or non-numeric count is a decode error naming the field.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use super::error::WechatError;
use super::lenient::{count, decimal, signed};
use super::Interface;
use crate::domain::shared::json_decode::decode_json;

/// `{"list": [...]}` of getDailySummary.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SummaryResponse {
    pub list: Vec<SummaryRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SummaryRow {
    pub ref_date: String,
    /// 累计用户数 (users since launch).
    #[serde(deserialize_with = "count")]
    pub visit_total: Option<u64>,
    /// 转发次数.
    #[serde(deserialize_with = "count")]
    pub share_pv: Option<u64>,
    /// 转发人数.
    #[serde(deserialize_with = "count")]
    pub share_uv: Option<u64>,
}

/// `{"list": [...]}` of get{Daily,Weekly,Monthly}VisitTrend.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TrendResponse {
    pub list: Vec<TrendRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TrendRow {
    pub ref_date: String,
    /// 打开次数 (sessions).
    #[serde(deserialize_with = "count")]
    pub session_cnt: Option<u64>,
    /// 访问次数: page visits, i.e. Haihe's page views.
    #[serde(deserialize_with = "count")]
    pub visit_pv: Option<u64>,
    /// 访问人数.
    #[serde(deserialize_with = "count")]
    pub visit_uv: Option<u64>,
    /// 新用户数.
    #[serde(deserialize_with = "count")]
    pub visit_uv_new: Option<u64>,
    /// 人均停留时长, seconds.
    #[serde(deserialize_with = "decimal")]
    pub stay_time_uv: Option<f64>,
    /// 次均停留时长, seconds.
    #[serde(deserialize_with = "decimal")]
    pub stay_time_session: Option<f64>,
    /// 平均访问深度 (pages per session).
    #[serde(deserialize_with = "decimal")]
    pub visit_depth: Option<f64>,
}

/// getUserPortrait: a rolling window (`ref_date` "yyyymmdd-yyyymmdd", or one day).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PortraitResponse {
    pub ref_date: String,
    /// 新用户画像.
    pub visit_uv_new: PortraitGroup,
    /// 活跃用户画像.
    pub visit_uv: PortraitGroup,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PortraitGroup {
    pub province: Vec<PortraitItem>,
    pub city: Vec<PortraitItem>,
    pub genders: Vec<PortraitItem>,
    pub platforms: Vec<PortraitItem>,
    pub devices: Vec<PortraitItem>,
    pub ages: Vec<PortraitItem>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PortraitItem {
    /// Absent for `devices`.
    #[serde(deserialize_with = "signed")]
    pub id: Option<i64>,
    pub name: String,
    /// One version of the docs calls it `access_source_visit_uv`.
    #[serde(deserialize_with = "count", alias = "access_source_visit_uv")]
    pub value: Option<u64>,
}

/// getVisitDistribution: one day, several distributions by `index`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DistributionResponse {
    pub ref_date: String,
    pub list: Vec<Distribution>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Distribution {
    /// `access_source_session_cnt`, `access_staytime_info`, `access_depth_info`
    /// (and the undocumented `access_source_visit_uv`, kept but unused).
    pub index: String,
    pub item_list: Vec<KeyValue>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct KeyValue {
    #[serde(deserialize_with = "signed")]
    pub key: Option<i64>,
    #[serde(deserialize_with = "count")]
    pub value: Option<u64>,
}

/// getVisitPage: the top 200 pages of one day by `page_visit_pv`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VisitPageResponse {
    pub ref_date: String,
    pub list: Vec<PageRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PageRow {
    pub page_path: String,
    #[serde(deserialize_with = "count")]
    pub page_visit_pv: Option<u64>,
    #[serde(deserialize_with = "count")]
    pub page_visit_uv: Option<u64>,
    /// 次均停留时长, seconds.
    #[serde(deserialize_with = "decimal")]
    pub page_staytime_pv: Option<f64>,
    #[serde(deserialize_with = "count")]
    pub entrypage_pv: Option<u64>,
    #[serde(deserialize_with = "count")]
    pub exitpage_pv: Option<u64>,
    #[serde(deserialize_with = "count")]
    pub page_share_pv: Option<u64>,
    #[serde(deserialize_with = "count")]
    pub page_share_uv: Option<u64>,
}

/// get{Daily,Weekly,Monthly}Retain: key 0 is the cohort (new or active users
/// of `ref_date`), key k those still there k days/weeks/months later.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RetainResponse {
    pub ref_date: String,
    pub visit_uv_new: Vec<KeyValue>,
    pub visit_uv: Vec<KeyValue>,
}

/// getPerformanceData: `data.body.tables[]` of daily lines.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PerformanceResponse {
    pub data: PerformanceData,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PerformanceData {
    pub body: PerformanceBody,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PerformanceBody {
    pub tables: Vec<PerformanceTable>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PerformanceTable {
    pub id: String,
    /// The figure's Chinese name.
    pub zh: String,
    pub lines: Vec<PerformanceLine>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PerformanceLine {
    pub fields: Vec<PerformanceField>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PerformanceField {
    pub refdate: String,
    /// A number sent as a string.
    #[serde(deserialize_with = "decimal")]
    pub value: Option<f64>,
}

/// One parsed response of any interface.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    Summary(SummaryResponse),
    Trend(TrendResponse),
    // Boxed: a portrait is much larger than the other responses.
    Portrait(Box<PortraitResponse>),
    Distribution(DistributionResponse),
    Pages(VisitPageResponse),
    Retain(RetainResponse),
    Performance(PerformanceResponse),
}

/// Reads one saved body. An `errcode` other than 0 is WeChat's refusal and
/// becomes [`WechatError::Api`]; `file` only names the file in errors.
pub fn parse(interface: Interface, file: &str, text: &str) -> Result<Response, WechatError> {
    let value: Value = serde_json::from_str(text).map_err(|e| WechatError::Decode {
        file: file.to_string(),
        path: "(root)".into(),
        detail: e.to_string(),
    })?;
    if let Some(code) = value.get("errcode").and_then(Value::as_i64) {
        if code != 0 {
            let errmsg = value
                .get("errmsg")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            return Err(WechatError::Api { code, errmsg });
        }
    }
    if !value.is_object() {
        return Err(WechatError::Decode {
            file: file.to_string(),
            path: "(root)".into(),
            detail: "not a JSON object".into(),
        });
    }
    Ok(match interface {
        Interface::DailySummary => Response::Summary(decode(file, text)?),
        Interface::DailyVisitTrend | Interface::WeeklyVisitTrend | Interface::MonthlyVisitTrend => {
            Response::Trend(decode(file, text)?)
        }
        Interface::UserPortrait => Response::Portrait(Box::new(decode(file, text)?)),
        Interface::VisitDistribution => Response::Distribution(decode(file, text)?),
        Interface::VisitPage => Response::Pages(decode(file, text)?),
        Interface::DailyRetain | Interface::WeeklyRetain | Interface::MonthlyRetain => {
            Response::Retain(decode(file, text)?)
        }
        Interface::Performance => Response::Performance(decode(file, text)?),
    })
}

fn decode<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, WechatError> {
    decode_json(text).map_err(|e| WechatError::Decode {
        file: file.to_string(),
        path: e.path,
        detail: e.detail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(path: &str) -> String {
        let full = format!(
            "{}/tests/fixtures/wechat/{path}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
    }

    #[test]
    fn documented_examples_parse_field_for_field() {
        // The example bodies of WeChat's docs (20170313).
        let Response::Trend(t) = parse(
            Interface::DailyVisitTrend,
            "doc",
            r#"{"list":[{"ref_date":"20170313","session_cnt":142549,"visit_pv":472351,"visit_uv":55500,"visit_uv_new":5464,"stay_time_session":0,"visit_depth":1.9838}]}"#,
        )
        .unwrap() else {
            panic!("not a trend")
        };
        let row = &t.list[0];
        assert_eq!(row.session_cnt, Some(142_549));
        assert_eq!(row.visit_pv, Some(472_351));
        assert_eq!(
            row.stay_time_uv, None,
            "absent in the example: absent here, not 0"
        );
        assert_eq!(row.visit_depth, Some(1.9838));
        let Response::Summary(s) = parse(
            Interface::DailySummary,
            "doc",
            r#"{"list":[{"ref_date":"20170313","visit_total":391,"share_pv":572,"share_uv":383}]}"#,
        )
        .unwrap() else {
            panic!("not a summary")
        };
        assert_eq!(s.list[0].share_uv, Some(383));
    }

    #[test]
    fn every_fixture_parses_or_is_an_errcode() {
        let files = [
            ("getDailySummary/20261127.json", Interface::DailySummary),
            (
                "getDailyVisitTrend/20261127.json",
                Interface::DailyVisitTrend,
            ),
            (
                "getDailyVisitTrend/20261123-20261125.json",
                Interface::DailyVisitTrend,
            ),
            (
                "getWeeklyVisitTrend/20261116-20261122.json",
                Interface::WeeklyVisitTrend,
            ),
            (
                "getMonthlyVisitTrend/20261001-20261031.json",
                Interface::MonthlyVisitTrend,
            ),
            (
                "getUserPortrait/20261121-20261127.json",
                Interface::UserPortrait,
            ),
            (
                "getVisitDistribution/20261127.json",
                Interface::VisitDistribution,
            ),
            ("getVisitPage/20261127.json", Interface::VisitPage),
            ("getDailyRetain/20261120.json", Interface::DailyRetain),
            (
                "getWeeklyRetain/20261116-20261122.json",
                Interface::WeeklyRetain,
            ),
            (
                "getMonthlyRetain/20261001-20261031.json",
                Interface::MonthlyRetain,
            ),
            ("getPerformanceData/20261127.json", Interface::Performance),
        ];
        for (path, interface) in files {
            assert!(parse(interface, path, &fixture(path)).is_ok(), "{path}");
        }
        let err = parse(
            Interface::DailyVisitTrend,
            "x",
            &fixture("getDailyVisitTrend/20261126.json"),
        )
        .unwrap_err();
        assert_eq!(err.code(), Some(45009));
    }

    #[test]
    fn portrait_without_genders_keeps_the_rest() {
        let path = "getUserPortrait/20261121-20261127.json";
        let Response::Portrait(p) = parse(Interface::UserPortrait, path, &fixture(path)).unwrap()
        else {
            panic!("not a portrait")
        };
        assert!(p.visit_uv.genders.is_empty());
        assert_eq!(p.visit_uv.platforms.len(), 3);
        assert_eq!(p.visit_uv.devices[0].id, None);
        assert_eq!(p.ref_date, "20261121-20261127");
    }

    #[test]
    fn lenient_numbers_strict_on_nonsense() {
        let ok = r#"{"list":[{"ref_date":"20261127","visit_uv":"3188","session_cnt":5608.0,"extra":{"x":1}}]}"#;
        let Response::Trend(t) = parse(Interface::DailyVisitTrend, "f", ok).unwrap() else {
            panic!()
        };
        assert_eq!(
            (t.list[0].visit_uv, t.list[0].session_cnt),
            (Some(3188), Some(5608))
        );
        let bad = r#"{"list":[{"ref_date":"20261127","visit_uv":-3}]}"#;
        match parse(Interface::DailyVisitTrend, "f.json", bad) {
            Err(WechatError::Decode { path, file, .. }) => {
                assert_eq!(path, "list[0].visit_uv");
                assert_eq!(file, "f.json");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse(Interface::DailySummary, "f", "<html>502</html>"),
            Err(WechatError::Decode { .. })
        ));
        assert!(matches!(
            parse(Interface::DailySummary, "f", "[1]"),
            Err(WechatError::Decode { .. })
        ));
        // errcode 0 is success (getPerformanceData always carries it).
        assert!(parse(Interface::DailySummary, "f", r#"{"errcode":0,"list":[]}"#).is_ok());
    }
}
