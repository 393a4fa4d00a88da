//! The monthly visitor portrait: gender and age per district, from the
//! month's visitors.

use super::{Aggregates, S_PORTRAIT};
use crate::data::embedded::rng::Rng;
use crate::domain::cockpit::dimensions::{AgeBand, District, Gender};
use crate::domain::cockpit::model::PortraitRow;
use crate::domain::shared::ratio::ratio;

pub(super) fn gen_portrait(seed: u64, agg: &Aggregates) -> Vec<PortraitRow> {
    let mut rng = Rng::derive(seed, S_PORTRAIT);
    let genders = [
        (Gender::Female, 0.55),
        (Gender::Male, 0.40),
        (Gender::Unknown, 0.05),
    ];
    let mut out = Vec::new();
    for (month, m) in &agg.monthly {
        for (district, t) in &m.by_district {
            // Daily visitors repeat across a month; roughly 40% are distinct.
            let monthly_uv = t.visitors as f64 * 0.4;
            let ages = age_mix(*district);
            let age_total: f64 = ages.iter().map(|a| a.1).sum();
            for &(gender, g_share) in &genders {
                for &(age, a_weight) in &ages {
                    let expected = monthly_uv
                        * g_share
                        * ratio(a_weight, age_total).unwrap_or(0.0)
                        * rng.jitter(0.08);
                    out.push(PortraitRow {
                        month: month.clone(),
                        district: *district,
                        gender,
                        age_band: age,
                        visitors: rng.round_stochastic(expected),
                    });
                }
            }
        }
    }
    out
}

/// Age mix of a district's visitors: students around the university towns
/// (西青大学城, 海河教育园区 in 津南), office workers downtown, older users in
/// the outer districts.
fn age_mix(d: District) -> Vec<(AgeBand, f64)> {
    let (young, prime, older) = match d {
        District::Xiqing | District::Jinnan => (1.6, 1.0, 0.9),
        District::Heping | District::Hexi | District::Nankai => (1.0, 1.15, 0.9),
        District::Jizhou | District::Baodi | District::Ninghe | District::Jinghai => {
            (0.8, 0.9, 1.35)
        }
        _ => (1.0, 1.0, 1.0),
    };
    vec![
        (AgeBand::Under18, 0.04 * young),
        (AgeBand::From18To24, 0.18 * young),
        (AgeBand::From25To34, 0.34 * prime),
        (AgeBand::From35To44, 0.24),
        (AgeBand::From45To54, 0.12 * older),
        (AgeBand::Over55, 0.08 * older),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::data::embedded::generator::fixture::data;

    #[test]
    fn one_row_per_month_district_gender_and_age() {
        assert_eq!(data().portrait.len(), 13 * 16 * 3 * 6);
    }
}
