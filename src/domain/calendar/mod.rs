//! The content calendar: what falls on which day (holidays, solar terms,
//! retail dates, local events, campaigns), where planned content repeats,
//! which occasions still have nothing planned, which channels have gone
//! quiet, and the calendar's URL state.

pub mod ics;
pub mod model;

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::model::{
    ContentChannel, ContentItem, ContentStatus, ContentType, LocalEvent, Recurrence,
};
use crate::domain::campaigns::model::Campaign;
use crate::domain::chinese_calendar::holidays::{holidays, retail_dates};
use crate::domain::chinese_calendar::solar_terms::solar_terms;
use crate::domain::shared::labelled::labelled_enum;
use crate::i18n::Lang;

/// `d` moved by `n` days; dates at chrono's limits stay put rather than
/// panic (they never occur on a content calendar).
fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// Every date of `from..=to` (empty when `to < from`).
fn days_between(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

// --------------------------------------------------------------- markers --

labelled_enum! {
    MarkerKind {
        Holiday = "holiday", "法定节假日", "Public holiday";
        MakeupWorkday = "makeup_workday", "调休上班", "Make-up workday";
        SolarTerm = "solar_term", "节气", "Solar term";
        Retail = "retail", "营销节点", "Retail date";
        LocalEvent = "local_event", "本地活动", "Local event";
        Campaign = "campaign", "营销活动", "Campaign";
    }
}

/// Something worth knowing about a day, named in the requested language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub date: NaiveDate,
    pub kind: MarkerKind,
    pub name: String,
    /// True for holidays whose official schedule is not yet published.
    pub estimated: bool,
}

/// Local-event (and campaign) markers shown per day before the rest are
/// summed up as "另有 N 个".
pub const MAX_MARKERS_PER_DAY: usize = 8;

/// The markers of one day, from markers sorted by date (as [`markers`]
/// returns them): a binary search, not a scan, per calendar cell.
pub fn on_day(markers: &[Marker], day: NaiveDate) -> &[Marker] {
    let start = markers.partition_point(|m| m.date < day);
    let end = markers.partition_point(|m| m.date <= day);
    markers.get(start..end).unwrap_or_default()
}

/// Every marker in `from..=to`, sorted by date (then kind, then name).
/// Multi-day holidays and local events give one marker per day; a campaign
/// gives its first and last day.
pub fn markers(
    from: NaiveDate,
    to: NaiveDate,
    events: &[LocalEvent],
    campaigns: &[Campaign],
    lang: Lang,
) -> Vec<Marker> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    let inside = |d: NaiveDate| from <= d && d <= to;
    let mut push = |date: NaiveDate, kind: MarkerKind, name: String, estimated: bool| {
        if inside(date) {
            out.push(Marker {
                date,
                kind,
                name,
                estimated,
            });
        }
    };
    // A holiday is filed under the year it starts in, but a break can run
    // into January and a make-up day can fall in the December before.
    for year in from.year() - 1..=to.year() + 1 {
        for h in holidays(year) {
            let name = lang.tr(h.name_zh, h.name_en);
            for day in h.days() {
                push(day, MarkerKind::Holiday, name.to_string(), h.estimated);
            }
            for day in &h.makeup_workdays {
                let label = match lang {
                    Lang::Zh => format!("调休上班（{name}）"),
                    Lang::En => format!("Make-up workday ({name})"),
                };
                push(*day, MarkerKind::MakeupWorkday, label, h.estimated);
            }
        }
    }
    for year in from.year()..=to.year() {
        for (day, term) in solar_terms(year) {
            push(
                day,
                MarkerKind::SolarTerm,
                term.label(lang).to_string(),
                false,
            );
        }
        for (day, zh, en) in retail_dates(year) {
            push(day, MarkerKind::Retail, lang.tr(zh, en).to_string(), false);
        }
    }
    // Events and campaigns come from the backend in any number: past
    // MAX_MARKERS_PER_DAY of a kind on one day, the rest are summed up in
    // one marker, so a flood of them cannot flood the page.
    let mut per_day: BTreeMap<(NaiveDate, MarkerKind), usize> = BTreeMap::new();
    let mut capped = |date: NaiveDate, kind: MarkerKind, name: &dyn Fn() -> String| {
        if !inside(date) {
            return;
        }
        let n = per_day.entry((date, kind)).or_insert(0);
        *n += 1;
        if *n <= MAX_MARKERS_PER_DAY {
            out.push(Marker {
                date,
                kind,
                name: name(),
                estimated: false,
            });
        }
    };
    for e in events {
        for day in days_between(e.start.max(from), e.end.min(to)) {
            capped(day, MarkerKind::LocalEvent, &|| e.name.clone());
        }
    }
    for c in campaigns {
        capped(c.start, MarkerKind::Campaign, &|| match lang {
            Lang::Zh => format!("{}开始", c.name),
            Lang::En => format!("{} starts", c.name),
        });
        // A one-day campaign needs one marker, not two.
        if c.end > c.start {
            capped(c.end, MarkerKind::Campaign, &|| match lang {
                Lang::Zh => format!("{}结束", c.name),
                Lang::En => format!("{} ends", c.name),
            });
        }
    }
    for ((date, kind), n) in per_day {
        if let Some(more) = n.checked_sub(MAX_MARKERS_PER_DAY).filter(|m| *m > 0) {
            let name = match (kind, lang) {
                (MarkerKind::Campaign, Lang::Zh) => format!("另有 {more} 个活动节点"),
                (MarkerKind::Campaign, Lang::En) => format!("{more} more campaign dates"),
                (_, Lang::Zh) => format!("另有 {more} 个本地活动"),
                (_, Lang::En) => format!("{more} more local events"),
            };
            out.push(Marker {
                date,
                kind,
                name,
                estimated: false,
            });
        }
    }
    out.sort_by(|a, b| (a.date, a.kind, &a.name).cmp(&(b.date, b.kind, &b.name)));
    out
}

// ----------------------------------------------------------- occurrences --

/// One appearance of a content item on the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub item_id: String,
    pub date_time: NaiveDateTime,
    /// False for the item's own `publish_at`, true for later repeats.
    pub is_repeat: bool,
}

/// At most this many occurrences per item, so a weekly item and a wide
/// range cannot flood the view (about ten years of weekly repeats).
pub const MAX_OCCURRENCES_PER_ITEM: usize = 520;

/// The occurrences of `items` on days in `from..=to`, sorted by time then
/// item id. Weekly items repeat every 7 days from `publish_at`; monthly
/// items on the same day of the month, skipping months without it (the
/// 31st skips April; RFC 5545 does the same, so the .ics export agrees).
pub fn expand(items: &[ContentItem], from: NaiveDate, to: NaiveDate) -> Vec<Occurrence> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    for item in items {
        let mut push = |date_time: NaiveDateTime| {
            out.push(Occurrence {
                item_id: item.id.clone(),
                date_time,
                is_repeat: date_time != item.publish_at,
            });
        };
        let first = item.publish_at;
        let time = first.time();
        match item.repeat {
            Recurrence::None => {
                if from <= first.date() && first.date() <= to {
                    push(first);
                }
            }
            Recurrence::Weekly => {
                // Jump straight to the first week on or after `from`.
                let behind = (from - first.date()).num_days().max(0);
                let skip_weeks = (behind + 6) / 7;
                let mut date = add_days(first.date(), skip_weeks * 7);
                for _ in 0..MAX_OCCURRENCES_PER_ITEM {
                    if date > to {
                        break;
                    }
                    push(date.and_time(time));
                    let next = add_days(date, 7);
                    if next == date {
                        break;
                    }
                    date = next;
                }
            }
            Recurrence::Monthly => {
                let day = first.day();
                let first_month = first.date().with_day(1).unwrap_or(first.date());
                let from_month = from.with_day(1).unwrap_or(from);
                let skip_months = month_index(from_month) - month_index(first_month);
                let mut month = first_month
                    .checked_add_months(Months::new(u32::try_from(skip_months).unwrap_or(0)))
                    .unwrap_or(first_month);
                let mut found = 0;
                // Bounded by months walked too: a day-31 item meets only 7
                // valid months a year.
                for _ in 0..MAX_OCCURRENCES_PER_ITEM * 2 {
                    if month > to || found >= MAX_OCCURRENCES_PER_ITEM {
                        break;
                    }
                    if let Some(date) = month.with_day(day) {
                        if from <= date && date <= to && date >= first.date() {
                            push(date.and_time(time));
                            found += 1;
                        }
                    }
                    match month.checked_add_months(Months::new(1)) {
                        Some(next) => month = next,
                        None => break,
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| (a.date_time, &a.item_id).cmp(&(b.date_time, &b.item_id)));
    out
}

/// Months since year 0, to count whole months between two dates.
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// The latest day on or before `day` that `item` appears on, if any.
fn last_occurrence_on_or_before(item: &ContentItem, day: NaiveDate) -> Option<NaiveDate> {
    let first = item.publish_at.date();
    if first > day {
        return None;
    }
    match item.repeat {
        Recurrence::None => Some(first),
        Recurrence::Weekly => {
            let weeks = (day - first).num_days() / 7;
            Some(add_days(first, weeks * 7))
        }
        Recurrence::Monthly => {
            // Any day of the month recurs at least every other month (the
            // 31st: Aug → Oct), so a few steps back always find one; the
            // series' own first day ends the walk.
            let first_month = first.with_day(1)?;
            let mut month = day.with_day(1)?;
            while month >= first_month {
                if let Some(d) = month.with_day(first.day()) {
                    if first <= d && d <= day {
                        return Some(d);
                    }
                }
                month = month.checked_sub_months(Months::new(1))?;
            }
            Some(first)
        }
    }
}

// -------------------------------------------------------------- planning --

/// Occasions within `horizon_days` of `today` (inclusive) that no content
/// prepares for: no occurrence on the day or in the 3 days before it.
///
/// Consecutive days of one occasion (a 7-day holiday, a 3-day event) count
/// as one: it is covered when something appears from 3 days before its
/// first day in the horizon up to its last, and it is reported once, on that
/// first day. Otherwise every day after the fourth would look unplanned.
/// Make-up workdays and campaigns are not occasions to post about.
pub fn unplanned_markers(
    today: NaiveDate,
    markers: &[Marker],
    occurrences: &[Occurrence],
    horizon_days: u32,
) -> Vec<Marker> {
    let last_day = add_days(today, i64::from(horizon_days));
    let mut relevant: Vec<&Marker> = markers
        .iter()
        .filter(|m| today <= m.date && m.date <= last_day)
        .filter(|m| {
            matches!(
                m.kind,
                MarkerKind::Holiday
                    | MarkerKind::SolarTerm
                    | MarkerKind::Retail
                    | MarkerKind::LocalEvent
            )
        })
        .collect();
    relevant.sort_by(|a, b| (a.kind, &a.name, a.date).cmp(&(b.kind, &b.name, b.date)));

    // Runs of the same kind and name on consecutive days: (first, last day).
    let mut runs: Vec<(&Marker, NaiveDate)> = Vec::new();
    for m in relevant {
        match runs.last_mut() {
            Some((first, end))
                if first.kind == m.kind && first.name == m.name && add_days(*end, 1) == m.date =>
            {
                *end = m.date;
            }
            _ => runs.push((m, m.date)),
        }
    }
    let mut out: Vec<Marker> = runs
        .into_iter()
        .filter(|(first, end)| {
            let lead = add_days(first.date, -3);
            !occurrences.iter().any(|o| {
                let d = o.date_time.date();
                lead <= d && d <= *end
            })
        })
        .map(|(first, _)| first.clone())
        .collect();
    out.sort_by(|a, b| (a.date, a.kind, &a.name).cmp(&(b.date, b.kind, &b.name)));
    out
}

/// A channel that has been silent for longer than its cadence allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub channel: ContentChannel,
    /// The last day something was published there; `None` if never.
    pub last_published: Option<NaiveDate>,
    /// Days since `last_published`; for a channel that never published,
    /// days since the calendar's earliest item (all we know of).
    pub days_silent: u32,
    pub max_gap: u32,
}

/// How many days each channel may stay silent before it is flagged: the
/// feeds people scroll daily need frequent posts, the in-store material is
/// changed monthly.
pub fn default_max_gaps() -> BTreeMap<ContentChannel, u32> {
    BTreeMap::from([
        (ContentChannel::MiniHome, 7),
        (ContentChannel::OfficialAccount, 7),
        (ContentChannel::Channels, 5),
        (ContentChannel::Xiaohongshu, 5),
        (ContentChannel::Douyin, 5),
        (ContentChannel::WechatGroups, 3),
        (ContentChannel::InStore, 30),
    ])
}

/// The channels in `max_gap_days` whose last published content is older
/// than their gap, most overdue first. Only status Published on or before
/// `today` counts, and a published repeating item counts on each repeat (a
/// weekly column keeps its channel alive). With no items at all there is
/// nothing to judge and no gap.
pub fn cadence_gaps(
    items: &[ContentItem],
    today: NaiveDate,
    max_gap_days: &BTreeMap<ContentChannel, u32>,
) -> Vec<Gap> {
    let Some(earliest) = items.iter().map(|i| i.publish_at.date()).min() else {
        return Vec::new();
    };
    let days_to_today = |d: NaiveDate| u32::try_from((today - d).num_days().max(0)).unwrap_or(0);
    let mut out: Vec<Gap> = max_gap_days
        .iter()
        .filter_map(|(&channel, &max_gap)| {
            let last_published = items
                .iter()
                .filter(|i| i.status == ContentStatus::Published && i.channels.contains(&channel))
                .filter_map(|i| last_occurrence_on_or_before(i, today))
                .max();
            let days_silent = days_to_today(last_published.unwrap_or(earliest));
            (days_silent > max_gap).then_some(Gap {
                channel,
                last_published,
                days_silent,
                max_gap,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let over = |g: &Gap| i64::from(g.days_silent) - i64::from(g.max_gap);
        over(b).cmp(&over(a)).then(a.channel.cmp(&b.channel))
    });
    out
}

/// Occurrences per week (keyed by Monday) for every week touching
/// `from..=to`, empty weeks included, counting only days in the range.
pub fn weekly_counts(
    occurrences: &[Occurrence],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, u32)> {
    if to < from {
        return Vec::new();
    }
    let mut weeks: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut monday = week_start(from);
    while monday <= to {
        weeks.insert(monday, 0);
        let next = add_days(monday, 7);
        if next == monday {
            break;
        }
        monday = next;
    }
    for o in occurrences {
        let d = o.date_time.date();
        if from <= d && d <= to {
            if let Some(n) = weeks.get_mut(&week_start(d)) {
                *n += 1;
            }
        }
    }
    weeks.into_iter().collect()
}

// ----------------------------------------------------------------- grids --

/// The Monday of `date`'s week.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    add_days(date, -i64::from(date.weekday().num_days_from_monday()))
}

/// Monday … Sunday of `date`'s week.
pub fn week_days(date: NaiveDate) -> [NaiveDate; 7] {
    let monday = week_start(date);
    std::array::from_fn(|i| add_days(monday, i as i64))
}

/// The weeks (Monday first) that cover `month` of `year`: 4 to 6 rows, with
/// the neighbouring months' days filling the first and last row. Empty for
/// an invalid month.
pub fn month_grid(year: i32, month: u32) -> Vec<[NaiveDate; 7]> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let last = first
        .checked_add_months(Months::new(1))
        .map_or(first, |d| add_days(d, -1));
    let mut out = Vec::new();
    let mut monday = week_start(first);
    while monday <= last && out.len() < 6 {
        out.push(week_days(monday));
        monday = add_days(monday, 7);
    }
    out
}

// ------------------------------------------------------------- URL state --

labelled_enum! {
    CalendarView {
        Month = "month", "月", "Month";
        Week = "week", "周", "Week";
        Agenda = "agenda", "列表", "Agenda";
    }
}

labelled_enum! {
    /// What the colour of an entry stands for.
    ColorBy {
        Type = "type", "按类型着色", "Colour by type";
        Channel = "channel", "按渠道着色", "Colour by channel";
    }
}

/// Which content the calendar shows. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentFilter {
    pub channel: Option<ContentChannel>,
    pub kind: Option<ContentType>,
    pub status: Option<ContentStatus>,
    /// Matched exactly, ignoring surrounding spaces and ASCII case.
    pub owner: Option<String>,
}

impl ContentFilter {
    pub fn is_empty(&self) -> bool {
        *self == ContentFilter::default()
    }

    pub fn matches(&self, item: &ContentItem) -> bool {
        self.channel.is_none_or(|c| item.channels.contains(&c))
            && self.kind.is_none_or(|k| item.kind == k)
            && self.status.is_none_or(|s| item.status == s)
            && self
                .owner
                .as_deref()
                .is_none_or(|o| item.owner.trim().eq_ignore_ascii_case(o.trim()))
    }
}

/// The calendar's state as kept in the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarQuery {
    pub view: CalendarView,
    /// The day the view is anchored on (its month or week is shown).
    pub date: NaiveDate,
    pub filter: ContentFilter,
    pub color: ColorBy,
    /// The id of the item open in the side panel.
    pub selected: Option<String>,
}

impl CalendarQuery {
    /// Reads URL parameters; a missing or unknown value falls back to its
    /// default (the anchor to `today`), so a stale link still opens.
    pub fn from_params(params: &BTreeMap<String, String>, today: NaiveDate) -> CalendarQuery {
        let get = |k: &str| params.get(k).map(|v| v.trim()).unwrap_or("");
        let text = |k: &str| Some(get(k).to_string()).filter(|s| !s.is_empty());
        CalendarQuery {
            view: CalendarView::from_id(get("view")).unwrap_or(CalendarView::Month),
            // A date chrono can hold but the calendar cannot page around
            // (year 262142) is as unusable as a malformed one.
            date: NaiveDate::parse_from_str(get("date"), "%Y-%m-%d")
                .ok()
                .filter(crate::domain::shared::dates::in_range)
                .unwrap_or(today),
            filter: ContentFilter {
                channel: ContentChannel::from_id(get("channel")),
                kind: ContentType::from_id(get("type")),
                status: ContentStatus::from_id(get("status")),
                owner: text("owner"),
            },
            color: ColorBy::from_id(get("color")).unwrap_or(ColorBy::Type),
            selected: text("selected"),
        }
    }

    /// The parameters for this state. The anchor date is always written so
    /// a shared link opens on the same month; other defaults are left out.
    pub fn to_params(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            out.insert(k.to_string(), v);
        };
        if self.view != CalendarView::Month {
            put("view", self.view.id().into());
        }
        put("date", ymd(self.date));
        if let Some(c) = self.filter.channel {
            put("channel", c.id().into());
        }
        if let Some(t) = self.filter.kind {
            put("type", t.id().into());
        }
        if let Some(s) = self.filter.status {
            put("status", s.id().into());
        }
        if let Some(o) = self.filter.owner.as_deref().map(str::trim) {
            if !o.is_empty() {
                put("owner", o.to_string());
            }
        }
        if self.color != ColorBy::Type {
            put("color", self.color.id().into());
        }
        if let Some(id) = self.selected.as_deref().filter(|s| !s.is_empty()) {
            put("selected", id.to_string());
        }
        out
    }

    /// The days the current view spans: the month grid, the week, or for the
    /// agenda the anchor day and the 4 weeks after it.
    pub fn range(&self) -> (NaiveDate, NaiveDate) {
        match self.view {
            CalendarView::Month => {
                let grid = month_grid(self.date.year(), self.date.month());
                let first = grid.first().and_then(|w| w.first()).copied();
                let last = grid.last().and_then(|w| w.last()).copied();
                (first.unwrap_or(self.date), last.unwrap_or(self.date))
            }
            CalendarView::Week => {
                let monday = week_start(self.date);
                (monday, add_days(monday, 6))
            }
            CalendarView::Agenda => (self.date, add_days(self.date, 27)),
        }
    }
}

// ---------------------------------------------------------------- editing --

/// `item` rescheduled to `new_date` at the same time of day (drag and drop).
pub fn move_to(item: &ContentItem, new_date: NaiveDate) -> ContentItem {
    ContentItem {
        publish_at: new_date.and_time(item.publish_at.time()),
        ..item.clone()
    }
}

labelled_enum! {
    /// Why a link was refused.
    LinkError {
        Scheme = "scheme", "仅支持 http:// 或 https:// 开头的链接", "Only http:// and https:// links are allowed";
        NoHost = "no_host", "链接缺少域名", "The link has no host";
        Whitespace = "whitespace", "链接中不能有空格或换行", "Links cannot contain spaces or line breaks";
        TooLong = "too_long", "链接过长(最多 2000 个字符)", "The link is too long (2,000 characters at most)";
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

impl std::error::Error for LinkError {}

/// Checks a link typed by an operator. Empty means no link. Only absolute
/// http(s) URLs with a host pass: `javascript:` and `data:` would run or
/// smuggle content when clicked, and a relative link resolves against the
/// cockpit, not the article. Returns the trimmed link.
pub fn validate_link(s: &str) -> Result<Option<String>, LinkError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > 2000 {
        return Err(LinkError::TooLong);
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(LinkError::Whitespace);
    }
    let lower = s.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| s.get(p.len()..)).flatten())
        .ok_or(LinkError::Scheme)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // Credentials in a link (`user@host`) are a phishing trick; the host is
    // what follows the last `@`.
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        // IPv6 literal, e.g. [::1]:8080
        host_port
            .split(']')
            .next()
            .map_or("", |h| h.trim_start_matches('['))
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let valid = !host.is_empty()
        && !host.starts_with('.')
        && !host.starts_with('-')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
    if !valid {
        return Err(LinkError::NoHost);
    }
    Ok(Some(s.to_string()))
}

// -------------------------------------------------------------------- CSV --

/// The content items as RFC 4180 CSV (header + one row each, CRLF line
/// ends, formula cells neutralised: see `domain::csv`), labels in `lang`.
/// A UI saving it for Excel should prepend a UTF-8 BOM.
pub fn content_csv(items: &[ContentItem], lang: Lang) -> String {
    let mut out = String::with_capacity(256 + items.len() * 128);
    let header = match lang {
        Lang::Zh => [
            "编号",
            "标题",
            "类型",
            "渠道",
            "状态",
            "负责人",
            "发布时间",
            "重复",
            "标签",
            "链接",
            "备注",
        ],
        Lang::En => [
            "ID",
            "Title",
            "Type",
            "Channels",
            "Status",
            "Owner",
            "Publish at",
            "Repeat",
            "Tags",
            "Link",
            "Notes",
        ],
    };
    crate::domain::shared::csv::line(&mut out, header);
    let list_sep = lang.tr("、", "; ");
    for item in items {
        let channels: Vec<&str> = item.channels.iter().map(|c| c.label(lang)).collect();
        crate::domain::shared::csv::line(
            &mut out,
            [
                item.id.clone(),
                item.title.clone(),
                item.kind.label(lang).to_string(),
                channels.join(list_sep),
                item.status.label(lang).to_string(),
                item.owner.clone(),
                item.publish_at.format("%Y-%m-%d %H:%M").to_string(),
                item.repeat.label(lang).to_string(),
                item.tags.join(list_sep),
                item.link.clone().unwrap_or_default(),
                item.notes.clone(),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaigns::model::{
        Audience, CampaignFigures, CampaignGoal, CampaignStatus, CampaignType,
    };
    use chrono::Timelike;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, min, 0).unwrap()
    }

    fn item(id: &str, publish_at: NaiveDateTime) -> ContentItem {
        ContentItem {
            id: id.into(),
            title: format!("标题 {id}"),
            kind: ContentType::ProductLaunch,
            channels: vec![ContentChannel::OfficialAccount],
            status: ContentStatus::Scheduled,
            owner: "王芳".into(),
            publish_at,
            notes: String::new(),
            tags: Vec::new(),
            link: None,
            repeat: Recurrence::None,
        }
    }

    fn campaign(id: &str, name: &str, start: NaiveDate, end: NaiveDate) -> Campaign {
        Campaign {
            id: id.into(),
            name: name.into(),
            kind: CampaignType::Discount,
            goal: CampaignGoal::Activation,
            audience: Audience::All,
            districts: Vec::new(),
            channels: Vec::new(),
            start,
            end,
            budget: 1000.0,
            targets: CampaignFigures::default(),
            status: CampaignStatus::Planned,
            review: None,
        }
    }

    fn event(name: &str, start: NaiveDate, end: NaiveDate) -> LocalEvent {
        LocalEvent {
            id: "e1".into(),
            name: name.into(),
            start,
            end,
            district: None,
            note: String::new(),
        }
    }

    fn at_date(ms: &[Marker], date: NaiveDate) -> Vec<(MarkerKind, &str)> {
        ms.iter()
            .filter(|m| m.date == date)
            .map(|m| (m.kind, m.name.as_str()))
            .collect()
    }

    #[test]
    fn markers_of_golden_week_2026() {
        let events = [event("天津国际车展", d(2026, 9, 28), d(2026, 10, 3))];
        let campaigns = [campaign("c1", "国庆狂欢", d(2026, 9, 30), d(2026, 10, 7))];
        let ms = markers(
            d(2026, 9, 15),
            d(2026, 10, 12),
            &events,
            &campaigns,
            Lang::Zh,
        );
        assert!(ms.windows(2).all(|w| w[0].date <= w[1].date));
        assert!(ms
            .iter()
            .all(|m| d(2026, 9, 15) <= m.date && m.date <= d(2026, 10, 12)));

        let oct1 = at_date(&ms, d(2026, 10, 1));
        assert!(oct1.contains(&(MarkerKind::Holiday, "国庆节")));
        assert!(oct1.contains(&(MarkerKind::LocalEvent, "天津国际车展")));
        // Every day of the break is named.
        let national = ms.iter().filter(|m| m.name == "国庆节").count();
        assert_eq!(national, 7);
        assert_eq!(
            at_date(&ms, d(2026, 9, 20)),
            vec![(MarkerKind::MakeupWorkday, "调休上班（国庆节）")]
        );
        assert!(at_date(&ms, d(2026, 10, 10))
            .contains(&(MarkerKind::MakeupWorkday, "调休上班（国庆节）")));
        assert!(at_date(&ms, d(2026, 9, 25)).contains(&(MarkerKind::Holiday, "中秋节")));
        assert_eq!(
            at_date(&ms, d(2026, 9, 23)),
            vec![(MarkerKind::SolarTerm, "秋分")]
        );
        assert!(at_date(&ms, d(2026, 10, 8)).contains(&(MarkerKind::SolarTerm, "寒露")));
        assert!(at_date(&ms, d(2026, 9, 30)).contains(&(MarkerKind::Campaign, "国庆狂欢开始")));
        assert!(at_date(&ms, d(2026, 10, 7)).contains(&(MarkerKind::Campaign, "国庆狂欢结束")));
        assert_eq!(
            ms.iter()
                .filter(|m| m.kind == MarkerKind::LocalEvent)
                .count(),
            6
        );
        assert!(ms.iter().all(|m| !m.estimated));

        let en = markers(d(2026, 10, 1), d(2026, 10, 1), &[], &campaigns, Lang::En);
        assert_eq!(en[0].name, "National Day");
        let en = markers(d(2026, 9, 30), d(2026, 9, 30), &[], &campaigns, Lang::En);
        assert!(en.iter().any(|m| m.name == "国庆狂欢 starts"));
    }

    #[test]
    fn a_flood_of_events_is_capped_per_day_and_indexed_by_date() {
        // 50,000 events, all on 1–3 March 2026 (one of them on 2 March only).
        let mut events: Vec<LocalEvent> = (0..50_000)
            .map(|i| event(&format!("e{i}"), d(2026, 3, 1), d(2026, 3, 3)))
            .collect();
        events.push(event("solo", d(2026, 3, 5), d(2026, 3, 5)));
        let started = std::time::Instant::now();
        let ms = markers(d(2026, 2, 23), d(2026, 4, 5), &events, &[], Lang::Zh);
        assert!(started.elapsed().as_secs() < 2);
        assert!(ms.windows(2).all(|w| w[0].date <= w[1].date));
        let day = on_day(&ms, d(2026, 3, 2));
        let local: Vec<&Marker> = day
            .iter()
            .filter(|m| m.kind == MarkerKind::LocalEvent)
            .collect();
        assert_eq!(local.len(), MAX_MARKERS_PER_DAY + 1);
        assert!(local
            .iter()
            .any(|m| m.name == format!("另有 {} 个本地活动", 50_000 - MAX_MARKERS_PER_DAY)));
        assert!(day.iter().all(|m| m.date == d(2026, 3, 2)));
        // A day under the cap is untouched; a day with nothing is empty.
        assert_eq!(
            on_day(&ms, d(2026, 3, 5))
                .iter()
                .filter(|m| m.kind == MarkerKind::LocalEvent)
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>(),
            vec!["solo"]
        );
        assert!(on_day(&ms, d(2026, 3, 4))
            .iter()
            .all(|m| m.kind != MarkerKind::LocalEvent));
        assert!(on_day(&ms, d(2030, 1, 1)).is_empty());
        // Campaigns are capped the same way, in English too.
        let many: Vec<Campaign> = (0..20)
            .map(|i| campaign(&format!("c{i}"), "促销", d(2026, 3, 9), d(2026, 3, 9)))
            .collect();
        let ms = markers(d(2026, 3, 9), d(2026, 3, 9), &[], &many, Lang::En);
        let c: Vec<&Marker> = ms
            .iter()
            .filter(|m| m.kind == MarkerKind::Campaign)
            .collect();
        assert_eq!(c.len(), MAX_MARKERS_PER_DAY + 1);
        assert!(c.iter().any(|m| m.name == "12 more campaign dates"));
    }

    #[test]
    fn markers_clip_span_years_and_flag_estimates() {
        let events = [event("跨年灯会", d(2026, 12, 20), d(2027, 1, 10))];
        let ms = markers(d(2026, 12, 30), d(2027, 1, 2), &events, &[], Lang::En);
        assert_eq!(
            ms.iter()
                .filter(|m| m.kind == MarkerKind::LocalEvent)
                .count(),
            4
        );
        let ny = ms
            .iter()
            .find(|m| m.date == d(2027, 1, 1) && m.kind == MarkerKind::Holiday);
        assert!(ny.unwrap().estimated);
        assert!(markers(d(2026, 2, 1), d(2026, 1, 1), &events, &[], Lang::Zh).is_empty());
        // A one-day campaign gets a single marker.
        let one = [campaign("c", "快闪", d(2026, 3, 3), d(2026, 3, 3))];
        assert_eq!(
            markers(d(2026, 3, 1), d(2026, 3, 31), &[], &one, Lang::Zh)
                .iter()
                .filter(|m| m.kind == MarkerKind::Campaign)
                .count(),
            1
        );
        // Retail dates and 2026 Qixi.
        let summer = markers(d(2026, 5, 1), d(2026, 8, 31), &[], &[], Lang::Zh);
        assert!(at_date(&summer, d(2026, 6, 18)).contains(&(MarkerKind::Retail, "618年中大促")));
        assert!(at_date(&summer, d(2026, 8, 19)).contains(&(MarkerKind::Retail, "七夕")));
    }

    #[test]
    fn weekly_repeats_every_seven_days() {
        let mut weekly = item("w", at(2026, 3, 2, 10, 30));
        weekly.repeat = Recurrence::Weekly;
        let occ = expand(
            std::slice::from_ref(&weekly),
            d(2026, 3, 10),
            d(2026, 3, 31),
        );
        let dates: Vec<NaiveDateTime> = occ.iter().map(|o| o.date_time).collect();
        assert_eq!(
            dates,
            vec![
                at(2026, 3, 16, 10, 30),
                at(2026, 3, 23, 10, 30),
                at(2026, 3, 30, 10, 30)
            ]
        );
        assert!(occ.iter().all(|o| o.is_repeat && o.item_id == "w"));

        let occ = expand(std::slice::from_ref(&weekly), d(2026, 2, 1), d(2026, 3, 9));
        assert_eq!(occ.len(), 2);
        assert!(!occ[0].is_repeat);
        assert_eq!(occ[0].date_time, weekly.publish_at);
        assert!(occ[1].is_repeat);
        // Nothing before the first publication.
        assert!(expand(&[weekly.clone()], d(2026, 1, 1), d(2026, 3, 1)).is_empty());
        // A century of weekly repeats is capped.
        let mut old = weekly;
        old.publish_at = at(2000, 1, 3, 9, 0);
        assert_eq!(
            expand(&[old], d(2000, 1, 1), d(2099, 12, 31)).len(),
            MAX_OCCURRENCES_PER_ITEM
        );
    }

    #[test]
    fn monthly_on_the_31st_skips_short_months() {
        let mut monthly = item("m", at(2026, 1, 31, 20, 0));
        monthly.repeat = Recurrence::Monthly;
        let occ = expand(
            std::slice::from_ref(&monthly),
            d(2026, 1, 1),
            d(2026, 12, 31),
        );
        let months: Vec<u32> = occ.iter().map(|o| o.date_time.month()).collect();
        assert_eq!(months, vec![1, 3, 5, 7, 8, 10, 12]);
        assert!(occ
            .iter()
            .all(|o| o.date_time.day() == 31 && o.date_time.hour() == 20));
        assert_eq!(occ.iter().filter(|o| !o.is_repeat).count(), 1);
        // A window starting later jumps straight to it.
        let occ = expand(&[monthly.clone()], d(2027, 4, 1), d(2027, 6, 30));
        assert_eq!(occ.len(), 1);
        assert_eq!(occ[0].date_time, at(2027, 5, 31, 20, 0));
        // The 15th appears every month, merged in time order with others.
        let mut mid = item("a", at(2026, 1, 15, 9, 0));
        mid.repeat = Recurrence::Monthly;
        let single = item("b", at(2026, 2, 1, 8, 0));
        let occ = expand(&[mid, single], d(2026, 1, 1), d(2026, 2, 28));
        let ids: Vec<&str> = occ.iter().map(|o| o.item_id.as_str()).collect();
        assert_eq!(ids, vec!["a", "b", "a"]);
    }

    #[test]
    fn unplanned_markers_need_content_on_or_just_before() {
        let ms = markers(d(2026, 9, 1), d(2026, 10, 31), &[], &[], Lang::Zh);
        let today = d(2026, 9, 14);
        // Nothing planned: 秋分 and the Mid-Autumn break (once), not the
        // make-up workday on 9-20 and nothing beyond the horizon (9-28).
        let none = unplanned_markers(today, &ms, &[], 14);
        let names: Vec<(NaiveDate, &str)> =
            none.iter().map(|m| (m.date, m.name.as_str())).collect();
        assert_eq!(
            names,
            vec![(d(2026, 9, 23), "秋分"), (d(2026, 9, 25), "中秋节")]
        );

        // A post on 9-21 prepares 秋分 (two days before) but not 中秋 (four).
        let occ = expand(&[item("x", at(2026, 9, 21, 9, 0))], today, d(2026, 9, 28));
        let left = unplanned_markers(today, &ms, &occ, 14);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].name, "中秋节");
        // One on the last day of the break covers the whole break.
        let mut occ2 = occ.clone();
        occ2.extend(expand(
            &[item("y", at(2026, 9, 27, 9, 0))],
            today,
            d(2026, 9, 28),
        ));
        assert!(unplanned_markers(today, &ms, &occ2, 14).is_empty());
        // Three days before is still in time; four is not.
        let three = expand(&[item("z", at(2026, 9, 20, 9, 0))], today, d(2026, 9, 28));
        let left = unplanned_markers(today, &ms, &three, 14);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].name, "中秋节");
        // A shorter horizon sees less.
        assert_eq!(unplanned_markers(today, &ms, &[], 5).len(), 0);
    }

    #[test]
    fn cadence_gaps_flag_quiet_channels() {
        let today = d(2026, 3, 31);
        let mut published = item("p", at(2026, 3, 20, 9, 0));
        published.status = ContentStatus::Published;
        published.channels = vec![ContentChannel::OfficialAccount, ContentChannel::Channels];
        // Drafts and future posts do not keep a channel alive.
        let mut draft = item("d", at(2026, 3, 30, 9, 0));
        draft.status = ContentStatus::Draft;
        draft.channels = vec![ContentChannel::Channels];
        let mut future = item("f", at(2026, 4, 2, 9, 0));
        future.status = ContentStatus::Published;
        future.channels = vec![ContentChannel::Channels];
        // A published weekly column counts on each repeat.
        let mut column = item("c", at(2026, 1, 5, 12, 0));
        column.status = ContentStatus::Published;
        column.channels = vec![ContentChannel::MiniHome];
        column.repeat = Recurrence::Weekly;

        let items = [published, draft, future, column];
        let gaps = cadence_gaps(&items, today, &default_max_gaps());
        let by: BTreeMap<ContentChannel, &Gap> = gaps.iter().map(|g| (g.channel, g)).collect();
        // Official account: 11 days > 7.
        assert_eq!(by[&ContentChannel::OfficialAccount].days_silent, 11);
        assert_eq!(
            by[&ContentChannel::OfficialAccount].last_published,
            Some(d(2026, 3, 20))
        );
        assert_eq!(by[&ContentChannel::Channels].days_silent, 11);
        // Mini home repeated on 3-30 (a Monday): fine.
        assert!(!by.contains_key(&ContentChannel::MiniHome));
        // Never published: silent since the first item we know of (1-5).
        let x = by[&ContentChannel::Xiaohongshu];
        assert_eq!(x.last_published, None);
        assert_eq!(x.days_silent, 85);
        // In-store allows 30 days; silent 85.
        assert!(by.contains_key(&ContentChannel::InStore));
        // Most overdue first.
        let over: Vec<i64> = gaps
            .iter()
            .map(|g| i64::from(g.days_silent) - i64::from(g.max_gap))
            .collect();
        assert!(over.windows(2).all(|w| w[0] >= w[1]));
        // Exactly at the limit is not a gap.
        let mut limits = BTreeMap::new();
        limits.insert(ContentChannel::OfficialAccount, 11);
        assert!(cadence_gaps(&items, today, &limits).is_empty());
        assert!(cadence_gaps(&[], today, &default_max_gaps()).is_empty());
        assert_eq!(default_max_gaps().len(), ContentChannel::ALL.len());
        assert_eq!(default_max_gaps()[&ContentChannel::WechatGroups], 3);
    }

    #[test]
    fn monthly_series_keeps_cadence_alive() {
        let mut monthly = item("m", at(2026, 1, 31, 9, 0));
        monthly.status = ContentStatus::Published;
        monthly.repeat = Recurrence::Monthly;
        assert_eq!(
            last_occurrence_on_or_before(&monthly, d(2026, 4, 30)),
            Some(d(2026, 3, 31))
        );
        assert_eq!(
            last_occurrence_on_or_before(&monthly, d(2026, 1, 31)),
            Some(d(2026, 1, 31))
        );
        assert_eq!(last_occurrence_on_or_before(&monthly, d(2026, 1, 30)), None);
        let mut weekly = monthly.clone();
        weekly.repeat = Recurrence::Weekly;
        assert_eq!(
            last_occurrence_on_or_before(&weekly, d(2026, 2, 13)),
            Some(d(2026, 2, 7))
        );
    }

    #[test]
    fn weekly_counts_cover_empty_weeks() {
        let mut weekly = item("w", at(2026, 3, 4, 9, 0));
        weekly.repeat = Recurrence::Weekly;
        let items = [
            weekly,
            item("a", at(2026, 3, 5, 9, 0)),
            item("b", at(2026, 4, 1, 9, 0)),
        ];
        let occ = expand(&items, d(2026, 3, 1), d(2026, 3, 20));
        let counts = weekly_counts(&occ, d(2026, 3, 1), d(2026, 3, 20));
        assert_eq!(
            counts,
            vec![
                (d(2026, 2, 23), 0),
                (d(2026, 3, 2), 2),
                (d(2026, 3, 9), 1),
                (d(2026, 3, 16), 1),
            ]
        );
        assert!(weekly_counts(&occ, d(2026, 3, 2), d(2026, 3, 1)).is_empty());
    }

    #[test]
    fn grids_start_on_monday() {
        let feb = month_grid(2026, 2);
        assert_eq!(feb.len(), 5);
        assert_eq!(feb[0][0], d(2026, 1, 26));
        assert_eq!(feb[4][6], d(2026, 3, 1));
        let mar = month_grid(2026, 3);
        assert_eq!(mar.len(), 6);
        assert_eq!(mar[5][1], d(2026, 3, 31));
        // February 2021 starts on a Monday and fills exactly four rows.
        assert_eq!(month_grid(2021, 2).len(), 4);
        assert!(month_grid(2026, 13).is_empty());
        let week = week_days(d(2026, 10, 1));
        assert_eq!(week[0], d(2026, 9, 28));
        assert_eq!(week[6], d(2026, 10, 4));
        assert_eq!(week_days(d(2026, 9, 28)), week);
        assert_eq!(week_start(d(2026, 10, 4)), d(2026, 9, 28));
    }

    #[test]
    fn query_round_trips_and_ignores_junk() {
        let today = d(2026, 5, 6);
        let q = CalendarQuery::from_params(&BTreeMap::new(), today);
        assert_eq!(q.view, CalendarView::Month);
        assert_eq!(q.date, today);
        assert!(q.filter.is_empty());
        assert_eq!(q.color, ColorBy::Type);
        assert_eq!(q.to_params().len(), 1);

        let p: BTreeMap<String, String> = [
            ("view", "week"),
            ("date", "2026-10-01"),
            ("channel", "douyin"),
            ("type", "menu_update"),
            ("status", "draft"),
            ("owner", "李强"),
            ("color", "channel"),
            ("selected", "ct-12"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let q = CalendarQuery::from_params(&p, today);
        assert_eq!(q.view, CalendarView::Week);
        assert_eq!(q.date, d(2026, 10, 1));
        assert_eq!(q.filter.channel, Some(ContentChannel::Douyin));
        assert_eq!(q.filter.kind, Some(ContentType::MenuUpdate));
        assert_eq!(q.filter.status, Some(ContentStatus::Draft));
        assert_eq!(q.filter.owner.as_deref(), Some("李强"));
        assert_eq!(q.selected.as_deref(), Some("ct-12"));
        assert_eq!(q.to_params(), p);
        assert_eq!(CalendarQuery::from_params(&q.to_params(), today), q);
        assert_eq!(q.range(), (d(2026, 9, 28), d(2026, 10, 4)));

        let junk: BTreeMap<String, String> = [
            ("view", "year"),
            ("date", "2026-02-30"),
            ("channel", "weibo"),
            ("color", "rainbow"),
            ("owner", "  "),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            CalendarQuery::from_params(&junk, today),
            CalendarQuery::from_params(&BTreeMap::new(), today)
        );
        for edge in ["+262142-12-31", "-262143-01-01", "9999-01-01"] {
            let p: BTreeMap<String, String> = [("date".to_string(), edge.to_string())].into();
            assert_eq!(CalendarQuery::from_params(&p, today).date, today, "{edge}");
        }
        let month = CalendarQuery::from_params(&BTreeMap::new(), d(2026, 3, 15));
        assert_eq!(month.range(), (d(2026, 2, 23), d(2026, 4, 5)));
        assert_eq!(CalendarView::Agenda.label(Lang::Zh), "列表");
    }

    #[test]
    fn filter_matches_any_channel_type_status_owner() {
        let mut it = item("1", at(2026, 3, 3, 9, 0));
        it.channels = vec![ContentChannel::Douyin, ContentChannel::Xiaohongshu];
        assert!(ContentFilter::default().matches(&it));
        let by_channel = ContentFilter {
            channel: Some(ContentChannel::Xiaohongshu),
            ..ContentFilter::default()
        };
        assert!(by_channel.matches(&it));
        let other = ContentFilter {
            channel: Some(ContentChannel::InStore),
            ..ContentFilter::default()
        };
        assert!(!other.matches(&it));
        let all = ContentFilter {
            channel: Some(ContentChannel::Douyin),
            kind: Some(ContentType::ProductLaunch),
            status: Some(ContentStatus::Scheduled),
            owner: Some(" 王芳 ".into()),
        };
        assert!(all.matches(&it));
        let wrong_owner = ContentFilter {
            owner: Some("李强".into()),
            ..all.clone()
        };
        assert!(!wrong_owner.matches(&it));
        let wrong_status = ContentFilter {
            status: Some(ContentStatus::Published),
            ..all
        };
        assert!(!wrong_status.matches(&it));
    }

    #[test]
    fn moving_keeps_the_time_of_day() {
        let it = item("1", at(2026, 3, 3, 18, 45));
        let moved = move_to(&it, d(2026, 3, 10));
        assert_eq!(moved.publish_at, at(2026, 3, 10, 18, 45));
        assert_eq!(moved.title, it.title);
        assert_eq!(moved.id, "1");
    }

    #[test]
    fn links_must_be_absolute_http() {
        assert_eq!(validate_link(""), Ok(None));
        assert_eq!(validate_link("   "), Ok(None));
        assert_eq!(
            validate_link(" https://mp.weixin.qq.com/s/abc?x=1#top "),
            Ok(Some("https://mp.weixin.qq.com/s/abc?x=1#top".into()))
        );
        assert!(validate_link("HTTP://Example.com").is_ok());
        assert!(validate_link("http://localhost:8080/a").is_ok());
        assert!(validate_link("http://[::1]:8080/").is_ok());
        assert!(validate_link("https://天津.中国/活动").is_ok());
        assert_eq!(validate_link("javascript:alert(1)"), Err(LinkError::Scheme));
        assert_eq!(
            validate_link("JavaScript://example.com/%0aalert(1)"),
            Err(LinkError::Scheme)
        );
        assert_eq!(
            validate_link("data:text/html,<b>x</b>"),
            Err(LinkError::Scheme)
        );
        assert_eq!(validate_link("/relative/path"), Err(LinkError::Scheme));
        assert_eq!(validate_link("//example.com"), Err(LinkError::Scheme));
        assert_eq!(validate_link("ftp://example.com"), Err(LinkError::Scheme));
        assert_eq!(validate_link("www.example.com"), Err(LinkError::Scheme));
        assert_eq!(validate_link("https://"), Err(LinkError::NoHost));
        assert_eq!(validate_link("https:///path"), Err(LinkError::NoHost));
        assert_eq!(validate_link("http://:80/"), Err(LinkError::NoHost));
        assert_eq!(
            validate_link("https://exa<mple.com"),
            Err(LinkError::NoHost)
        );
        assert_eq!(
            validate_link("https://a.com/x y"),
            Err(LinkError::Whitespace)
        );
        assert_eq!(
            validate_link("https://a.com/\r\nX: y"),
            Err(LinkError::Whitespace)
        );
        let long = format!("https://a.com/{}", "x".repeat(2000));
        assert_eq!(validate_link(&long), Err(LinkError::TooLong));
        assert!(!LinkError::Scheme.label(Lang::Zh).is_empty());
        assert_eq!(LinkError::NoHost.to_string(), "The link has no host");
    }

    #[test]
    fn content_csv_quotes_per_rfc_4180() {
        let mut it = item("ct-1", at(2026, 3, 3, 9, 5));
        it.title = "新品上市, \"煎饼果子\"".into();
        it.notes = "第一行\n第二行".into();
        it.channels = vec![ContentChannel::OfficialAccount, ContentChannel::Douyin];
        it.tags = vec!["早餐".into(), "津味".into()];
        it.link = Some("https://example.com/a,b".into());
        let csv = content_csv(&[it.clone()], Lang::Zh);
        assert!(csv.starts_with("编号,标题,类型,渠道,状态,负责人,发布时间,重复,标签,链接,备注\r\n"));
        assert!(csv.contains(
            "ct-1,\"新品上市, \"\"煎饼果子\"\"\",商品上新,公众号、抖音,已排期,王芳,2026-03-03 09:05,不重复,早餐、津味,\"https://example.com/a,b\",\"第一行\n第二行\"\r\n"
        ));
        assert!(csv.ends_with("\r\n"));
        let en = content_csv(&[it], Lang::En);
        assert!(en.starts_with(
            "ID,Title,Type,Channels,Status,Owner,Publish at,Repeat,Tags,Link,Notes\r\n"
        ));
        assert!(en.contains("Product launch,Official account; Douyin,Scheduled"));
        assert_eq!(content_csv(&[], Lang::En).lines().count(), 1);
    }

    #[test]
    fn content_csv_neutralises_formulas() {
        let mut it = item("ct-2", at(2026, 3, 3, 9, 5));
        it.title = "=HYPERLINK(\"http://x.example\",\"点我\")".into();
        it.owner = "@王芳".into();
        it.tags = vec!["+1".into(), "-满减".into()];
        it.notes = "\tcmd".into();
        let csv = content_csv(&[it], Lang::Zh);
        let row = csv.lines().nth(1).unwrap();
        assert!(
            row.starts_with(
                "ct-2,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"点我\"\")\",商品上新,"
            ),
            "{row}"
        );
        assert!(row.contains(",'@王芳,"), "{row}");
        // Tags are joined first, so only the cell's first character counts.
        assert!(row.contains(",'+1、-满减,"), "{row}");
        assert!(row.ends_with(",'\tcmd"), "{row}");
    }
}
