//! iCalendar (RFC 5545) export of the content calendar and campaigns, for
//! subscribing from Outlook, Apple Calendar, DingTalk or Feishu.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::domain::calendar::editing::validate_link;
use crate::domain::calendar::model::{ContentItem, ContentStatus, Recurrence};
use crate::domain::campaigns::model::Campaign;
use crate::i18n::words;
use crate::i18n::{format_money, Lang};

/// The one time zone content times are in. China has had no daylight
/// saving since 1991, so a single STANDARD rule describes it fully and
/// clients without a tz database still place events correctly.
const TZID: &str = "Asia/Shanghai";

/// Longest physical line, in octets, excluding the CRLF (RFC 5545 §3.1).
const FOLD_AT: usize = 75;

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma
/// and line breaks (any of CRLF, CR, LF becomes `\n`).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no physical line exceeds 75
/// octets. Breaks fall between characters, never inside a UTF-8 sequence;
/// each continuation starts with a space, which counts toward its 75.
pub fn push_folded(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > FOLD_AT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

/// Undoes [`push_folded`] and splits into logical lines (for tests and
/// for anyone reading an export back).
pub fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn date_value(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The calendar as an `.ics` document with CRLF line ends: one 30-minute
/// event per content item at its local publish time (weekly and monthly
/// items carry an RRULE), and one all-day event per campaign. `now_utc`
/// stamps every event (DTSTAMP).
pub fn to_ics(
    items: &[ContentItem],
    campaigns: &[Campaign],
    lang: Lang,
    now_utc: DateTime<Utc>,
) -> String {
    let mut out = String::with_capacity(1024 + 512 * (items.len() + campaigns.len()));
    let mut line = |s: &str| push_folded(&mut out, s);
    let stamp = utc_stamp(now_utc);

    line("BEGIN:VCALENDAR");
    line(&format!(
        "PRODID:-//Haihe//Content Calendar//{}",
        lang.code().to_uppercase()
    ));
    line("VERSION:2.0");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!(
        "X-WR-CALNAME:{}",
        escape_text(lang.tr("海河·内容与活动日历", "Haihe content & campaign calendar"))
    ));
    line(&format!("X-WR-TIMEZONE:{TZID}"));
    line("BEGIN:VTIMEZONE");
    line(&format!("TZID:{TZID}"));
    line("BEGIN:STANDARD");
    line("DTSTART:19700101T000000");
    line("TZOFFSETFROM:+0800");
    line("TZOFFSETTO:+0800");
    line("TZNAME:CST");
    line("END:STANDARD");
    line("END:VTIMEZONE");

    let list_sep = words::list_separator(lang);
    for item in items {
        let channels: Vec<&str> = item.channels.iter().map(|c| c.label(lang)).collect();
        let mut description = vec![
            format!("{}{}", lang.tr("类型：", "Type: "), item.kind.label(lang)),
            format!(
                "{}{}",
                lang.tr("渠道：", "Channels: "),
                channels.join(list_sep)
            ),
            format!(
                "{}{}",
                lang.tr("状态：", "Status: "),
                item.status.label(lang)
            ),
            format!("{}{}", lang.tr("负责人：", "Owner: "), item.owner),
        ];
        if !item.notes.trim().is_empty() {
            description.push(format!("{}{}", lang.tr("备注：", "Notes: "), item.notes));
        }
        line("BEGIN:VEVENT");
        line(&format!("UID:{}@haihe", escape_text(&item.id)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!(
            "DTSTART;TZID={TZID}:{}",
            item.publish_at.format("%Y%m%dT%H%M%S")
        ));
        line("DURATION:PT30M");
        match item.repeat {
            Recurrence::None => {}
            // The day of week / month is implied by DTSTART; a monthly
            // series on the 31st skips shorter months, as `expand` does.
            Recurrence::Weekly => line("RRULE:FREQ=WEEKLY"),
            Recurrence::Monthly => line("RRULE:FREQ=MONTHLY"),
        }
        line(&format!("SUMMARY:{}", escape_text(&item.title)));
        line(&format!(
            "DESCRIPTION:{}",
            escape_text(&description.join("\n"))
        ));
        // Only links that pass validation: a URL value is not escaped, so
        // anything else could break the line structure.
        if let Some(Ok(Some(url))) = item.link.as_deref().map(validate_link) {
            line(&format!("URL:{url}"));
        }
        let categories: Vec<String> = std::iter::once(item.kind.label(lang))
            .chain(channels.iter().copied())
            .map(escape_text)
            .collect();
        line(&format!("CATEGORIES:{}", categories.join(",")));
        line(match item.status {
            ContentStatus::Scheduled | ContentStatus::Published => "STATUS:CONFIRMED",
            _ => "STATUS:TENTATIVE",
        });
        line("END:VEVENT");
    }

    for c in campaigns {
        let districts: Vec<&str> = c.districts.iter().map(|d| d.label(lang)).collect();
        let districts = if districts.is_empty() {
            words::all(lang).to_string()
        } else {
            districts.join(list_sep)
        };
        let description = [
            format!("{}{}", lang.tr("类型：", "Type: "), c.kind.label(lang)),
            format!("{}{}", lang.tr("目标：", "Goal: "), c.goal.label(lang)),
            format!(
                "{}{}",
                lang.tr("人群：", "Audience: "),
                c.audience.label(lang)
            ),
            format!("{}{}", lang.tr("区域：", "Districts: "), districts),
            format!(
                "{}{}",
                lang.tr("预算：", "Budget: "),
                format_money(c.budget, lang)
            ),
            format!("{}{}", lang.tr("状态：", "Status: "), c.status.label(lang)),
        ];
        // DTEND of an all-day event is exclusive: the day after the last.
        let last = c.end.max(c.start);
        let end = last.checked_add_signed(Duration::days(1)).unwrap_or(last);
        line("BEGIN:VEVENT");
        line(&format!("UID:campaign-{}@haihe", escape_text(&c.id)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", date_value(c.start)));
        line(&format!("DTEND;VALUE=DATE:{}", date_value(end)));
        line(&format!("SUMMARY:{}", escape_text(&c.name)));
        line(&format!(
            "DESCRIPTION:{}",
            escape_text(&description.join("\n"))
        ));
        line(&format!(
            "CATEGORIES:{},{}",
            escape_text(lang.tr("营销活动", "Campaign")),
            escape_text(c.kind.label(lang))
        ));
        // An all-day campaign should not show the team as busy.
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::model::{ContentChannel, ContentType};
    use crate::domain::campaigns::model::{
        Audience, CampaignFigures, CampaignGoal, CampaignStatus, CampaignType,
    };
    use crate::domain::cockpit::dimensions::District;
    use chrono::{NaiveDateTime, TimeZone};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 2, 3, 4).unwrap()
    }

    fn item() -> ContentItem {
        ContentItem {
            id: "ct-7".into(),
            title: "春季新品：煎饼果子, 锅巴菜; 耳朵眼炸糕\\套餐".into(),
            kind: ContentType::ProductLaunch,
            channels: vec![ContentChannel::OfficialAccount, ContentChannel::Channels],
            status: ContentStatus::Scheduled,
            owner: "王芳".into(),
            publish_at: at(2026, 3, 18, 19, 30),
            notes: "第一行\n第二行".into(),
            tags: vec![],
            link: Some("https://mp.weixin.qq.com/s/abc".into()),
            repeat: Recurrence::None,
        }
    }

    fn campaign() -> Campaign {
        Campaign {
            id: "cp-1".into(),
            name: "津门新人礼".into(),
            kind: CampaignType::CouponPack,
            goal: CampaignGoal::Acquisition,
            audience: Audience::New,
            districts: vec![District::Heping, District::Nankai],
            channels: vec![],
            start: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2026, 3, 14).unwrap(),
            budget: 20_000.0,
            targets: CampaignFigures::default(),
            status: CampaignStatus::Planned,
            review: None,
        }
    }

    /// The logical lines of the event with `uid`.
    fn event(ics: &str, uid: &str) -> Vec<String> {
        let lines = unfold(ics);
        let start = lines
            .iter()
            .position(|l| l == &format!("UID:{uid}"))
            .unwrap();
        let begin = lines[..start]
            .iter()
            .rposition(|l| l == "BEGIN:VEVENT")
            .unwrap();
        let end = begin
            + lines[begin..]
                .iter()
                .position(|l| l == "END:VEVENT")
                .unwrap();
        lines[begin..=end].to_vec()
    }

    #[test]
    fn calendar_envelope_and_timezone() {
        let ics = to_ics(&[], &[], Lang::Zh, now());
        let lines = unfold(&ics);
        assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
        assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
        for l in [
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "PRODID:-//Haihe//Content Calendar//ZH",
            "BEGIN:VTIMEZONE",
            "TZID:Asia/Shanghai",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0800",
            "TZOFFSETTO:+0800",
            "TZNAME:CST",
            "END:STANDARD",
            "END:VTIMEZONE",
        ] {
            assert!(lines.iter().any(|x| x == l), "missing {l}");
        }
        // CRLF only: no bare LF or CR anywhere.
        assert!(ics.ends_with("\r\n"));
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
        assert_eq!(ics.matches('\r').count(), ics.matches("\r\n").count());
    }

    #[test]
    fn content_event_fields() {
        let ics = to_ics(&[item()], &[], Lang::Zh, now());
        let ev = event(&ics, "ct-7@haihe");
        let has = |l: &str| ev.iter().any(|x| x == l);
        assert!(has("DTSTAMP:20260301T020304Z"));
        assert!(has("DTSTART;TZID=Asia/Shanghai:20260318T193000"));
        assert!(has("DURATION:PT30M"));
        assert!(has(
            "SUMMARY:春季新品：煎饼果子\\, 锅巴菜\\; 耳朵眼炸糕\\\\套餐"
        ));
        assert!(has(
            "DESCRIPTION:类型：商品上新\\n渠道：公众号、视频号\\n状态：已排期\\n负责人：王芳\\n备注：第一行\\n第二行"
        ));
        assert!(has("URL:https://mp.weixin.qq.com/s/abc"));
        assert!(has("CATEGORIES:商品上新,公众号,视频号"));
        assert!(has("STATUS:CONFIRMED"));
        assert!(!ev.iter().any(|l| l.starts_with("RRULE")));

        let en = to_ics(&[item()], &[], Lang::En, now());
        let ev = event(&en, "ct-7@haihe");
        assert!(ev.iter().any(|l| l.starts_with(
            "DESCRIPTION:Type: Product launch\\nChannels: Official account\\, Channels\\n"
        )));
    }

    #[test]
    fn repeats_become_rrules_and_bad_links_are_dropped() {
        let mut weekly = item();
        weekly.id = "w".into();
        weekly.repeat = Recurrence::Weekly;
        weekly.link = Some("javascript:alert(1)".into());
        weekly.status = ContentStatus::Draft;
        let mut monthly = item();
        monthly.id = "m".into();
        monthly.repeat = Recurrence::Monthly;
        let ics = to_ics(&[weekly, monthly], &[], Lang::Zh, now());
        let w = event(&ics, "w@haihe");
        assert!(w.iter().any(|l| l == "RRULE:FREQ=WEEKLY"));
        assert!(!w.iter().any(|l| l.starts_with("URL")));
        assert!(w.iter().any(|l| l == "STATUS:TENTATIVE"));
        assert!(event(&ics, "m@haihe")
            .iter()
            .any(|l| l == "RRULE:FREQ=MONTHLY"));
    }

    #[test]
    fn campaigns_are_all_day_with_exclusive_end() {
        let ics = to_ics(&[], &[campaign()], Lang::Zh, now());
        let ev = event(&ics, "campaign-cp-1@haihe");
        let has = |l: &str| ev.iter().any(|x| x == l);
        assert!(has("DTSTART;VALUE=DATE:20260301"));
        assert!(has("DTEND;VALUE=DATE:20260315"));
        assert!(has("SUMMARY:津门新人礼"));
        assert!(has("DTSTAMP:20260301T020304Z"));
        assert!(has("TRANSP:TRANSPARENT"));
        assert!(ev.iter().any(|l| l.contains("区域：和平区、南开区")));
        // The thousands separator is a TEXT comma, so it is escaped.
        assert!(ev.iter().any(|l| l.contains("预算：¥20\\,000.00")));
        // Month and year ends roll over.
        let mut c = campaign();
        c.start = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        c.end = c.start;
        let ics = to_ics(&[], &[c], Lang::En, now());
        assert!(unfold(&ics)
            .iter()
            .any(|l| l == "DTEND;VALUE=DATE:20270101"));
    }

    #[test]
    fn long_chinese_lines_fold_at_75_octets() {
        let mut it = item();
        it.title = "海河之夜·天津老字号联名美食节，".repeat(12);
        let ics = to_ics(&[it.clone()], &[], Lang::Zh, now());
        for physical in ics.split("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        // Continuations exist, start with one space, and unfold back.
        assert!(ics.contains("\r\n "));
        let summary = format!("SUMMARY:{}", escape_text(&it.title));
        assert!(summary.len() > 300);
        assert!(unfold(&ics).contains(&summary));

        // Exactly 75 octets is not folded; 76 is.
        let mut out = String::new();
        push_folded(&mut out, &"a".repeat(75));
        assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
        let mut out = String::new();
        push_folded(&mut out, &"a".repeat(76));
        assert_eq!(out, format!("{}\r\n a\r\n", "a".repeat(75)));
        // A 3-octet character that would straddle octet 75 moves down whole.
        let mut out = String::new();
        let line = format!("{}海河", "a".repeat(73));
        push_folded(&mut out, &line);
        assert_eq!(out, format!("{}\r\n 海河\r\n", "a".repeat(73)));
    }

    #[test]
    fn text_escaping() {
        assert_eq!(escape_text("a,b;c\\d"), "a\\,b\\;c\\\\d");
        assert_eq!(escape_text("x\r\ny\nz\rw"), "x\\ny\\nz\\nw");
        assert_eq!(escape_text("tab\there\u{7}"), "tabhere");
        assert_eq!(escape_text("天津：海河"), "天津：海河");
    }
}
