//! The cockpit's cross-filters. With `kpi` it is the bottom of the
//! cockpit: nothing it imports imports it back.

use crate::domain::cockpit::dimensions::{AgeBand, Channel, District, Gender, Platform};
use crate::domain::cockpit::model::MetricFact;

/// The cockpit's cross-filters. District, channel and platform are fact
/// dimensions; gender and age are estimated from the portrait (see
/// [`PortraitShares`](crate::domain::cockpit::portrait::PortraitShares)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub district: Option<District>,
    pub channel: Option<Channel>,
    pub platform: Option<Platform>,
    pub gender: Option<Gender>,
    pub age: Option<AgeBand>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// True when figures are estimates (a gender or age filter is set).
    pub fn is_estimated(&self) -> bool {
        self.gender.is_some() || self.age.is_some()
    }

    /// Whether a fact passes the district, channel and platform filters.
    pub fn matches(&self, f: &MetricFact) -> bool {
        self.district.is_none_or(|d| f.district == d)
            && self.channel.is_none_or(|c| f.channel == c)
            && self.platform.is_none_or(|p| f.platform == p)
    }
}
