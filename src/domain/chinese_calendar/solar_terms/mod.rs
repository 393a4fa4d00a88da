//! The 24 solar terms (二十四节气), computed rather than tabulated.
//!
//! A term begins when the Sun's apparent geocentric ecliptic longitude
//! reaches a multiple of 15° (立春 = 315°, 春分 = 0°, …). The Sun's position
//! comes from the truncated VSOP87 Earth series of Meeus, *Astronomical
//! Algorithms* (2nd ed., ch. 25 and appendix III), plus nutation, aberration
//! and the FK5 correction (all in `sun.rs`): good to about a second of arc, i.e. under a
//! minute of time. That matters because the published calendar date is the
//! China Standard Time (UTC+8) date of the instant, and a cheap ±0.01°
//! formula (±15 min) would put terms that fall near midnight on the wrong day.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::shared::labelled::labelled_enum;

mod sun;

use sun::apparent_longitude;

labelled_enum! {
    /// In traditional order, from 立春 (longitude 315°) to 大寒 (300°).
    SolarTerm {
        StartOfSpring = "lichun", "立春", "Start of Spring";
        RainWater = "yushui", "雨水", "Rain Water";
        AwakeningOfInsects = "jingzhe", "惊蛰", "Awakening of Insects";
        SpringEquinox = "chunfen", "春分", "Spring Equinox";
        ClearAndBright = "qingming", "清明", "Clear and Bright";
        GrainRain = "guyu", "谷雨", "Grain Rain";
        StartOfSummer = "lixia", "立夏", "Start of Summer";
        GrainBuds = "xiaoman", "小满", "Grain Buds";
        GrainInEar = "mangzhong", "芒种", "Grain in Ear";
        SummerSolstice = "xiazhi", "夏至", "Summer Solstice";
        MinorHeat = "xiaoshu", "小暑", "Minor Heat";
        MajorHeat = "dashu", "大暑", "Major Heat";
        StartOfAutumn = "liqiu", "立秋", "Start of Autumn";
        EndOfHeat = "chushu", "处暑", "End of Heat";
        WhiteDew = "bailu", "白露", "White Dew";
        AutumnEquinox = "qiufen", "秋分", "Autumn Equinox";
        ColdDew = "hanlu", "寒露", "Cold Dew";
        FrostsDescent = "shuangjiang", "霜降", "Frost's Descent";
        StartOfWinter = "lidong", "立冬", "Start of Winter";
        MinorSnow = "xiaoxue", "小雪", "Minor Snow";
        MajorSnow = "daxue", "大雪", "Major Snow";
        WinterSolstice = "dongzhi", "冬至", "Winter Solstice";
        MinorCold = "xiaohan", "小寒", "Minor Cold";
        MajorCold = "dahan", "大寒", "Major Cold";
    }
}

impl SolarTerm {
    /// Position in the traditional order (立春 = 0 … 大寒 = 23).
    fn ordinal(self) -> u32 {
        SolarTerm::ALL
            .iter()
            .position(|t| *t == self)
            .map_or(0, |i| i as u32)
    }

    /// The apparent solar longitude, in degrees, at which the term begins.
    pub fn longitude(self) -> f64 {
        f64::from((315 + 15 * self.ordinal()) % 360)
    }
}

/// The years the ΔT model below is fitted for; outside them the dates
/// would be guesses, so none are given.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;

/// The terms of `year` with the China Standard Time (UTC+8) instant each
/// begins at, in date order (小寒 in early January … 冬至 in December).
/// Empty outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn solar_term_times(year: i32) -> Vec<(NaiveDateTime, SolarTerm)> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Vec::new();
    }
    // A calendar year opens with 小寒 (285°) and closes with 冬至 (270°).
    let in_year_order = SolarTerm::ALL
        .iter()
        .skip(22)
        .chain(SolarTerm::ALL.iter().take(22));
    in_year_order
        .filter_map(|&term| {
            let jde = crossing_jde(year, term.longitude())?;
            let cst = jde - delta_t_seconds(year_fraction(jde)) / 86_400.0 + 8.0 / 24.0;
            Some((jd_to_datetime(cst)?, term))
        })
        .collect()
}

/// The date (China Standard Time) each term of `year` begins on, in date
/// order. Empty outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn solar_terms(year: i32) -> Vec<(NaiveDate, SolarTerm)> {
    solar_term_times(year)
        .into_iter()
        .map(|(t, term)| (t.date(), term))
        .collect()
}

// ------------------------------------------------------------ astronomy --

const J2000: f64 = 2_451_545.0;
/// Julian Day of 0001-01-01T00:00 (proleptic Gregorian), i.e. day 1 of
/// chrono's `num_days_from_ce`.
const JD_CE_EPOCH: f64 = 1_721_425.5;
/// Mean motion of the Sun in longitude, degrees per day.
const MEAN_MOTION: f64 = 360.0 / 365.242_2;

fn jd_of(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce() - 1) + JD_CE_EPOCH
}

/// A Julian Day (already shifted to the wanted time zone) as wall-clock
/// time, to the second.
fn jd_to_datetime(jd: f64) -> Option<NaiveDateTime> {
    if !jd.is_finite() {
        return None;
    }
    let days = jd - JD_CE_EPOCH;
    let whole = days.floor();
    let seconds = ((days - whole) * 86_400.0).round() as i64;
    let date = NaiveDate::from_num_days_from_ce_opt(whole as i32 + 1)?;
    date.and_hms_opt(0, 0, 0)?
        .checked_add_signed(Duration::seconds(seconds))
}

/// Decimal year of a Julian Day, for ΔT.
fn year_fraction(jd: f64) -> f64 {
    2000.0 + (jd - J2000) / 365.25
}

/// ΔT = TT − UT in seconds: the polynomial fits of Espenak & Meeus (NASA
/// eclipse site). Seconds of error here are harmless at day resolution.
fn delta_t_seconds(y: f64) -> f64 {
    if y < 1920.0 {
        let t = y - 1900.0;
        -2.79 + 1.494_119 * t - 0.059_893_9 * t.powi(2) + 0.006_196_6 * t.powi(3)
            - 0.000_197 * t.powi(4)
    } else if y < 1941.0 {
        let t = y - 1920.0;
        21.20 + 0.844_93 * t - 0.076_100 * t.powi(2) + 0.002_093_6 * t.powi(3)
    } else if y < 1961.0 {
        let t = y - 1950.0;
        29.07 + 0.407 * t - t.powi(2) / 233.0 + t.powi(3) / 2547.0
    } else if y < 1986.0 {
        let t = y - 1975.0;
        45.45 + 1.067 * t - t.powi(2) / 260.0 - t.powi(3) / 718.0
    } else if y < 2005.0 {
        let t = y - 2000.0;
        63.86 + 0.3345 * t - 0.060_374 * t.powi(2)
            + 0.001_727_5 * t.powi(3)
            + 0.000_651_814 * t.powi(4)
            + 0.000_023_735_99 * t.powi(5)
    } else if y < 2050.0 {
        let t = y - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t.powi(2)
    } else {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y)
    }
}

/// The Julian Ephemeris Day (TT) in `year` at which the apparent solar
/// longitude equals `target` degrees.
fn crossing_jde(year: i32, target: f64) -> Option<f64> {
    // Start from the mean motion, counted from the March equinox (≈ Mar 20).
    let equinox = jd_of(NaiveDate::from_ymd_opt(year, 3, 20)?);
    // 小寒 (285°) … 惊蛰 (345°) come before the equinox in the same
    // calendar year; 冬至 (270°) is the year's last term.
    let offset = if target > 270.0 {
        target - 360.0
    } else {
        target
    };
    let mut jde = equinox + offset / MEAN_MOTION;
    // Newton's method with the mean slope: the true slope differs by at
    // most ~3.4 %, so each step shrinks the error ~30-fold.
    for _ in 0..12 {
        let diff = wrap_degrees(target - apparent_longitude(jde));
        let step = diff / MEAN_MOTION;
        jde += step;
        if step.abs() < 1e-7 {
            break;
        }
    }
    Some(jde)
}

/// Into (−180°, 180°].
fn wrap_degrees(d: f64) -> f64 {
    let r = d.rem_euclid(360.0);
    if r > 180.0 {
        r - 360.0
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use chrono::Timelike;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// (month, day) of 小寒 … 冬至 in date order, as published by the Hong
    /// Kong Observatory / Purple Mountain Observatory (Beijing time).
    fn check(year: i32, expected: [(u32, u32); 24]) {
        let got = solar_terms(year);
        assert_eq!(got.len(), 24);
        for ((date, term), (m, day)) in got.iter().zip(expected) {
            assert_eq!(*date, d(year, m, day), "{year} {}", term.label(Lang::Zh));
        }
    }

    #[test]
    #[rustfmt::skip]
    fn published_dates_2025() {
        check(
            2025,
            [
                (1, 5), (1, 20), (2, 3), (2, 18), (3, 5), (3, 20),
                (4, 4), (4, 20), (5, 5), (5, 21), (6, 5), (6, 21),
                (7, 7), (7, 22), (8, 7), (8, 23), (9, 7), (9, 23),
                (10, 8), (10, 23), (11, 7), (11, 22), (12, 7), (12, 21),
            ],
        );
    }

    #[test]
    #[rustfmt::skip]
    fn published_dates_2026() {
        check(
            2026,
            [
                (1, 5), (1, 20), (2, 4), (2, 18), (3, 5), (3, 20),
                (4, 5), (4, 20), (5, 5), (5, 21), (6, 5), (6, 21),
                (7, 7), (7, 23), (8, 7), (8, 23), (9, 7), (9, 23),
                (10, 8), (10, 23), (11, 7), (11, 22), (12, 7), (12, 22),
            ],
        );
    }

    #[test]
    #[rustfmt::skip]
    fn published_dates_2027() {
        check(
            2027,
            [
                (1, 5), (1, 20), (2, 4), (2, 19), (3, 6), (3, 21),
                (4, 5), (4, 20), (5, 6), (5, 21), (6, 6), (6, 21),
                (7, 7), (7, 23), (8, 8), (8, 23), (9, 8), (9, 23),
                (10, 8), (10, 23), (11, 7), (11, 22), (12, 7), (12, 22),
            ],
        );
    }

    #[test]
    fn instants_agree_with_published_times_to_a_minute() {
        let near = |year: i32, term: SolarTerm, expected: NaiveDateTime| {
            let (t, _) = solar_term_times(year)
                .into_iter()
                .find(|(_, x)| *x == term)
                .unwrap();
            let off = (t - expected).num_seconds().abs();
            assert!(off <= 60, "{} {t} vs {expected}", term.label(Lang::Zh));
        };
        let at = |y, m, day, h, min, s| d(y, m, day).and_hms_opt(h, min, s).unwrap();
        near(2024, SolarTerm::StartOfSpring, at(2024, 2, 4, 16, 26, 53));
        near(2025, SolarTerm::SpringEquinox, at(2025, 3, 20, 17, 1, 25));
        // Twenty minutes after midnight: the case a low-precision formula
        // puts on the wrong day.
        near(2023, SolarTerm::FrostsDescent, at(2023, 10, 24, 0, 20, 39));
        // Eight minutes before midnight (published to the minute).
        near(2026, SolarTerm::RainWater, at(2026, 2, 18, 23, 52, 0));
    }

    #[test]
    fn every_supported_year_has_24_ordered_terms() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let terms = solar_term_times(year);
            assert_eq!(terms.len(), 24, "{year}");
            assert_eq!(terms[0].1, SolarTerm::MinorCold);
            assert_eq!(terms[23].1, SolarTerm::WinterSolstice);
            assert!(terms.iter().all(|(t, _)| t.year() == year), "{year}");
            for w in terms.windows(2) {
                let gap = (w[1].0 - w[0].0).num_hours();
                // The Sun moves 15° in 14.7 (perihelion) to 15.7 days.
                assert!((14 * 24..=16 * 24).contains(&gap), "{year} {w:?}");
            }
            let solstice = terms[23].0.date();
            assert!(solstice.month() == 12 && (20..=23).contains(&solstice.day()));
        }
        assert!(solar_terms(FIRST_YEAR - 1).is_empty());
        assert!(solar_terms(LAST_YEAR + 1).is_empty());
    }

    #[test]
    fn the_longitude_is_reached_at_the_instant() {
        for (t, term) in solar_term_times(2026) {
            let jd = jd_of(t.date()) + f64::from(t.time().num_seconds_from_midnight()) / 86_400.0
                - 8.0 / 24.0
                + delta_t_seconds(2026.5) / 86_400.0;
            let err = wrap_degrees(apparent_longitude(jd) - term.longitude());
            assert!(err.abs() < 1e-4, "{} {err}", term.label(Lang::En));
        }
    }

    #[test]
    fn labels_and_longitudes() {
        assert_eq!(SolarTerm::ALL.len(), 24);
        assert_eq!(SolarTerm::StartOfSpring.longitude(), 315.0);
        assert_eq!(SolarTerm::SpringEquinox.longitude(), 0.0);
        assert_eq!(SolarTerm::WinterSolstice.longitude(), 270.0);
        assert_eq!(SolarTerm::MajorCold.longitude(), 300.0);
        assert_eq!(SolarTerm::ClearAndBright.label(Lang::Zh), "清明");
        assert_eq!(SolarTerm::MajorCold.label(Lang::En), "Major Cold");
        assert_eq!(
            SolarTerm::from_id("dongzhi"),
            Some(SolarTerm::WinterSolstice)
        );
    }
}
