//! The channel screen over WeChat's files (`#/channels` when `metrics` is
//! WeChat-shaped): sessions per channel family over a period, from
//! getVisitDistribution's `access_source_session_cnt`, each access source
//! mapped through the one dictionary in [`super::scenes`] (unknown ids →
//! `Other`). Each family lists the sources that make it up, and each day of
//! the period says whether its file had data, was an error or is missing.
//!
//! Files are merged and de-duplicated by date in [`super::dataset`], as for
//! the cockpit. WeChat has no cost, orders or revenue per source: those
//! columns are [`NOT_PROVIDED_COLUMNS`], said in words, never 0.

use chrono::NaiveDate;

use super::dataset::WechatData;
use super::error::WechatError;
use super::figures::sources;
use super::scenes::SourceFamily;
use super::Interface;
use crate::domain::channels::table::Column;
use crate::domain::shared::ratio::ratio;

/// The channel table's columns that WeChat's analytics cannot fill.
pub const NOT_PROVIDED_COLUMNS: &[Column] = &[
    Column::Cost,
    Column::NewUsers,
    Column::Orders,
    Column::Conversion,
    Column::Revenue,
    Column::Roi,
];

/// One access source (访问来源) over the period.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceSessions {
    /// WeChat's key in `access_source_session_cnt` (1–57; others are unknown).
    pub key: i64,
    /// WeChat's name of the source; `None` for an id WeChat has not published.
    pub name: Option<&'static str>,
    pub sessions: u64,
}

/// One channel family over the period, largest sources first.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilySessions {
    pub family: SourceFamily,
    pub sessions: u64,
    /// Of all sessions with a known source file in the period.
    pub share: Option<f64>,
    pub sources: Vec<SourceSessions>,
}

/// What one day of the period holds.
#[derive(Debug, Clone, PartialEq)]
pub enum DayState {
    /// The day's sessions, summed over its access sources.
    Sessions(u64),
    /// The day's file was an errcode body or could not be read.
    Error(WechatError),
    /// No file covers the day: a gap, never a zero.
    Missing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelSessions {
    /// Largest family first; families with no session are left out.
    pub families: Vec<FamilySessions>,
    pub total: u64,
    pub days: Vec<(NaiveDate, DayState)>,
}

impl ChannelSessions {
    pub fn family(&self, family: SourceFamily) -> Option<&FamilySessions> {
        self.families.iter().find(|f| f.family == family)
    }

    /// Days whose file was an error, with the error.
    pub fn errors(&self) -> impl Iterator<Item = (NaiveDate, &WechatError)> {
        self.days.iter().filter_map(|(d, s)| match s {
            DayState::Error(e) => Some((*d, e)),
            _ => None,
        })
    }
}

/// Sessions per channel family between `from` and `to` (both included).
pub fn channel_sessions(data: &WechatData, from: NaiveDate, to: NaiveDate) -> ChannelSessions {
    let mut families: Vec<FamilySessions> = Vec::new();
    // `sources` comes largest first, so each family's list does too.
    for (key, name, family, n) in sources(data, from, to) {
        let source = SourceSessions {
            key,
            name,
            sessions: n,
        };
        match families.iter_mut().find(|f| f.family == family) {
            Some(f) => {
                f.sessions += n;
                f.sources.push(source);
            }
            None => families.push(FamilySessions {
                family,
                sessions: n,
                share: None,
                sources: vec![source],
            }),
        }
    }
    families.retain(|f| f.sessions > 0);
    let total: u64 = families.iter().map(|f| f.sessions).sum();
    for f in &mut families {
        f.share = ratio(f.sessions as f64, total as f64);
    }
    // Largest first; ties in the dictionary's family order.
    let rank = |f: SourceFamily| SourceFamily::ALL.iter().position(|x| *x == f);
    families.sort_by(|a, b| {
        b.sessions
            .cmp(&a.sessions)
            .then(rank(a.family).cmp(&rank(b.family)))
    });
    let days = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|day| (day, day_state(data, day)))
        .collect();
    ChannelSessions {
        families,
        total,
        days,
    }
}

fn day_state(data: &WechatData, day: NaiveDate) -> DayState {
    if let Some(list) = data.distribution.get(&day) {
        let sessions = list
            .iter()
            .filter(|d| d.index == "access_source_session_cnt")
            .flat_map(|d| &d.item_list)
            .map(|kv| kv.value.unwrap_or(0))
            .sum();
        return DayState::Sessions(sessions);
    }
    match data.problems_on(Interface::VisitDistribution, day).first() {
        Some(p) => DayState::Error(p.error.clone()),
        None => DayState::Missing,
    }
}

#[cfg(test)]
mod tests;
