//! The operations side of health: the incidents log (matching the bad days
//! in the health rows), the security routine seeded from the seed article's
//! recommendations (漏洞检查, 加密, 访问权限, 安全审计/渗透测试, 风控 …;
//! some overdue), and the alert rules (a dozen; the slow coupon service
//! makes one fire on any day the demo is generated for).

use chrono::{NaiveDate, NaiveDateTime};

use super::health::COUPON_SLOW_DAYS;
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::feedback::model::FeedbackCategory;
use crate::domain::health::alert_rules::{
    AlertCondition, AlertRule, AlertSeverity, AlertWatch, BaselineSkip, EndpointFigure, TaskFigure,
};
use crate::domain::health::endpoints::{LAUNCH_ANDROID_DOWNLOAD, LAUNCH_IOS_LOCAL, PAGE_LOAD};
use crate::domain::health::model::{Incident, SecurityCheck, SecurityCheckKind};
use crate::domain::shared::dates::add_days;

fn at(day: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    day.and_hms_opt(h, m, 0)
        .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN))
}

pub(super) fn gen_incidents(end: NaiveDate, incidents: &(NaiveDate, NaiveDate)) -> Vec<Incident> {
    let (outage, slow) = *incidents;
    let coupon = add_days(end, 1 - COUPON_SLOW_DAYS);
    let older = add_days(end, -140);
    let s = String::from;
    vec![
        Incident {
            id: s("inc-1"),
            title: s("支付回调中断,订单卡在“待支付”"),
            start: at(outage, 11, 42),
            end: Some(at(outage, 13, 7)),
            severity: AlertSeverity::Critical,
            affected: s("/api/pay, /api/order;节假日午市下单"),
            cause: s("支付平台证书轮换后,回调验签仍用旧证书,回调全部失败"),
            fix: s("更新平台证书并重放 1 小时内的回调;人工核对 63 笔订单"),
            follow_up: s("证书到期提醒纳入安全检查清单;回调失败率加告警规则"),
        },
        Incident {
            id: s("inc-2"),
            title: s("图片 CDN 变慢,菜单页加载超时"),
            start: at(slow, 18, 5),
            end: Some(at(slow, 21, 40)),
            severity: AlertSeverity::Warning,
            affected: s("page_load;商品图片"),
            cause: s("CDN 节点回源带宽打满,新品大图未压缩"),
            fix: s("切换备用 CDN 域名,图片转 WebP 并限制 200 KB"),
            follow_up: s("上传时自动压缩;页面加载 p95 告警规则"),
        },
        Incident {
            id: s("inc-3"),
            title: s("领券接口变慢(进行中)"),
            start: at(coupon, 10, 15),
            end: None,
            severity: AlertSeverity::Warning,
            affected: s("/api/coupon"),
            cause: s("优惠券表增长后查询未走索引"),
            fix: String::new(),
            follow_up: s("补索引并压测"),
        },
        Incident {
            id: s("inc-4"),
            title: s("数据库主备切换,下单短暂失败"),
            start: at(older, 3, 10),
            end: Some(at(older, 3, 32)),
            severity: AlertSeverity::Info,
            affected: s("/api/order"),
            cause: s("云数据库例行维护触发主备切换"),
            fix: s("自动恢复"),
            follow_up: s("维护窗口提前公告,重试逻辑覆盖下单接口"),
        },
    ]
}

pub(super) fn gen_security_checks(end: NaiveDate) -> Vec<SecurityCheck> {
    let check = |id: &str,
                 name: &str,
                 kind,
                 interval_days,
                 last: Option<i64>,
                 expires: Option<i64>,
                 owner: &str,
                 note: &str| SecurityCheck {
        id: id.to_string(),
        name: name.to_string(),
        kind,
        interval_days,
        last_done: last.map(|n| add_days(end, -n)),
        expires: expires.map(|n| add_days(end, n)),
        owner: owner.to_string(),
        note: note.to_string(),
    };
    use SecurityCheckKind as K;
    vec![
        check(
            "sec-1",
            "漏洞扫描(SQL 注入、跨站脚本)",
            K::VulnerabilityScan,
            30,
            Some(41),
            None,
            "技术组",
            "接口与后台全量扫描",
        ),
        check(
            "sec-2",
            "依赖与基础库更新",
            K::DependencyUpdates,
            30,
            Some(12),
            None,
            "技术组",
            "微信基础库、SDK 与服务端依赖",
        ),
        check(
            "sec-3",
            "后台与数据库访问权限审查",
            K::PermissionReview,
            90,
            Some(104),
            None,
            "运维",
            "离职与转岗账号、最小权限",
        ),
        check(
            "sec-4",
            "数据备份恢复演练",
            K::BackupRestore,
            90,
            Some(33),
            None,
            "运维",
            "从备份恢复到演练库并核对订单数",
        ),
        check(
            "sec-5",
            "HTTPS 证书到期",
            K::CertificateExpiry,
            365,
            Some(340),
            Some(21),
            "运维",
            "api 与图片域名的证书",
        ),
        check(
            "sec-6",
            "敏感信息加密检查(手机号、地址、支付信息)",
            K::Encryption,
            180,
            Some(62),
            None,
            "技术组",
            "传输与存储均加密",
        ),
        check(
            "sec-7",
            "安全审计与渗透测试",
            K::Other,
            365,
            Some(210),
            None,
            "外部机构",
            "",
        ),
        check(
            "sec-8",
            "优惠券套现与刷单风控规则复核",
            K::Other,
            30,
            Some(25),
            None,
            "运营",
            "领券频次、同设备多账号",
        ),
    ]
}

pub(super) fn gen_alert_rules() -> Vec<AlertRule> {
    let rule = |id: &str,
                name: &str,
                watch,
                condition,
                fire,
                clear: Option<f64>,
                days,
                severity,
                min_volume| AlertRule {
        id: id.to_string(),
        name: name.to_string(),
        watch,
        condition,
        fire_threshold: fire,
        clear_threshold: clear,
        consecutive_days: days,
        severity,
        min_volume,
        baseline_skip: BaselineSkip::default(),
        enabled: true,
    };
    let endpoint = |e: &str, figure| AlertWatch::Endpoint {
        endpoint: e.to_string(),
        figure,
    };
    let task = |t: &str, figure| AlertWatch::Task {
        task: t.to_string(),
        figure,
    };
    use AlertCondition as C;
    use AlertSeverity as S;
    let holidays_and_campaigns = BaselineSkip {
        holidays: true,
        makeup_workdays: true,
        campaign_days: true,
    };
    let mut visits = rule(
        "ar-5",
        "访问次数较基线下降 30%",
        AlertWatch::Kpi { kpi: Kpi::Visits },
        C::FallVsBaseline,
        30.0,
        Some(15.0),
        2,
        S::Warning,
        0,
    );
    visits.baseline_skip = holidays_and_campaigns;
    let mut revenue = rule(
        "ar-6",
        "销售额较基线下降 35%",
        AlertWatch::Kpi { kpi: Kpi::Revenue },
        C::FallVsBaseline,
        35.0,
        Some(20.0),
        2,
        S::Critical,
        0,
    );
    revenue.baseline_skip = holidays_and_campaigns;
    let app_issues = rule(
        "ar-11",
        "小程序故障反馈一天 2 条以上",
        AlertWatch::Feedback {
            category: FeedbackCategory::AppIssue,
        },
        C::Above,
        1.0,
        Some(0.0),
        1,
        S::Info,
        0,
    );
    let mut paused = rule(
        "ar-12",
        "iOS 本地启动 p95 超过 0.9 秒",
        endpoint(LAUNCH_IOS_LOCAL, EndpointFigure::LatencyP95),
        C::Above,
        900.0,
        Some(850.0),
        2,
        S::Info,
        100,
    );
    paused.enabled = false;
    vec![
        rule(
            "ar-1",
            "支付接口错误率超过 2%",
            endpoint("/api/pay", EndpointFigure::ErrorRate),
            C::Above,
            0.02,
            Some(0.01),
            1,
            S::Critical,
            200,
        ),
        rule(
            "ar-2",
            "领券接口 p95 超过 1 秒",
            endpoint("/api/coupon", EndpointFigure::LatencyP95),
            C::Above,
            1_000.0,
            Some(800.0),
            2,
            S::Warning,
            100,
        ),
        rule(
            "ar-3",
            "页面加载 p95 超过 2.6 秒",
            endpoint(PAGE_LOAD, EndpointFigure::LatencyP95),
            C::Above,
            2_600.0,
            Some(2_400.0),
            1,
            S::Warning,
            500,
        ),
        rule(
            "ar-4",
            "安卓首次启动 p95 超过 3.7 秒",
            endpoint(LAUNCH_ANDROID_DOWNLOAD, EndpointFigure::LatencyP95),
            C::Above,
            3_700.0,
            Some(3_500.0),
            2,
            S::Warning,
            50,
        ),
        visits,
        revenue,
        rule(
            "ar-7",
            "转化率低于 3%",
            AlertWatch::Kpi {
                kpi: Kpi::ConversionRate,
            },
            C::Below,
            0.03,
            Some(0.035),
            2,
            S::Warning,
            1_000,
        ),
        rule(
            "ar-8",
            "下单任务完成率低于 40%",
            task("下单", TaskFigure::CompletionRate),
            C::Below,
            0.4,
            Some(0.45),
            1,
            S::Critical,
            200,
        ),
        rule(
            "ar-9",
            "配送投诉一天 3 条以上",
            AlertWatch::Feedback {
                category: FeedbackCategory::Delivery,
            },
            C::Above,
            2.0,
            Some(1.0),
            1,
            S::Warning,
            0,
        ),
        rule(
            "ar-10",
            "下单接口 p95 超过 1 秒",
            endpoint("/api/order", EndpointFigure::LatencyP95),
            C::Above,
            1_000.0,
            Some(900.0),
            1,
            S::Critical,
            200,
        ),
        app_issues,
        paused,
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::data::embedded::generator::fixture::data;
    use crate::domain::chinese_calendar::holidays::holidays;
    use crate::domain::health::alerts::{evaluate_all, AlertInputs};
    use crate::domain::health::rule_eval::AlertState;
    use crate::domain::health::security::{state, CheckState};

    #[test]
    fn the_demo_has_incidents_overdue_checks_and_firing_rules() {
        let ds = data();
        let end = ds.metrics.iter().map(|m| m.date).max().unwrap();
        assert!(ds.alert_rules.len() >= 10);
        assert!(ds.incidents.len() >= 3);
        let outage = ds.incidents[0].start.date();
        let year = chrono::Datelike::year(&outage);
        assert!(
            holidays(year).iter().any(|h| h.contains(outage)),
            "the payment outage ({outage}) is on a public holiday"
        );
        let overdue = ds
            .security_checks
            .iter()
            .filter(|c| state(c, end).0 == CheckState::Overdue)
            .count();
        assert!((2..=5).contains(&overdue), "overdue {overdue}");
        let inputs = AlertInputs::new(
            &ds.metrics,
            ds.health.clone(),
            ds.experience.clone(),
            &ds.feedback,
            &ds.campaigns,
        );
        let statuses = evaluate_all(&ds.alert_rules, &inputs, end);
        for s in &statuses {
            eprintln!(
                "{:>6} {:<28} {:?} since {:?} value {:?}",
                s.rule.id, s.rule.name, s.eval.state, s.eval.since, s.eval.value
            );
        }
        let firing: Vec<&str> = statuses
            .iter()
            .filter(|s| s.firing())
            .map(|s| s.rule.id.as_str())
            .collect();
        assert!(
            firing.contains(&"ar-2"),
            "the slow coupon service fires: {firing:?}"
        );
        assert!(
            firing.contains(&"ar-4"),
            "the slow Android first launch fires: {firing:?}"
        );
        assert!(firing.len() <= 4, "{firing:?}");
        let pay = statuses.iter().find(|s| s.rule.id == "ar-1").unwrap();
        assert_eq!(pay.eval.state, AlertState::Resolved, "the outage is over");
    }
}
