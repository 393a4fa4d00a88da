//! The cockpit's cross-filters. With `kpi` it is the bottom of the
//! cockpit: nothing it imports imports it back.

use crate::domain::cockpit::dimensions::{AgeBand, Channel, District, Gender, Platform};
use crate::domain::cockpit::model::MetricFact;

/// Declares [`Filter`] and its URL parameters from one list of the
/// cross-filter dimensions (field: type = URL key), so a new dimension is
/// one line here.
macro_rules! filter_dimensions {
    ($($field:ident: $ty:ident = $key:literal,)+) => {
        /// The cockpit's cross-filters. District, channel and platform are
        /// fact dimensions; gender and age are estimated from the portrait
        /// (see [`PortraitShares`](crate::domain::cockpit::portrait::PortraitShares)).
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct Filter {
            $(pub $field: Option<$ty>,)+
        }

        impl Filter {
            /// The URL parameter of each dimension.
            pub const PARAMS: &'static [&'static str] = &[$($key,)+];

            /// Reads the filters from URL parameters (`get` gives "" for a
            /// missing one); an unknown id leaves that dimension unfiltered.
            pub fn from_params<'a>(get: impl Fn(&str) -> &'a str) -> Filter {
                Filter {
                    $($field: $ty::from_id(get($key)),)+
                }
            }

            /// Writes the set filters as URL parameters.
            pub fn put_params(&self, mut put: impl FnMut(&str, String)) {
                $(if let Some(v) = self.$field {
                    put($key, v.id().into());
                })+
            }
        }
    };
}

filter_dimensions! {
    district: District = "district",
    channel: Channel = "channel",
    platform: Platform = "platform",
    gender: Gender = "gender",
    age: AgeBand = "age",
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
