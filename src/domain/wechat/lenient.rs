//! WeChat's lenient numbers: a JSON number or a numeric string, `null` (and
//! for decimals `""`) being absent; a negative or non-numeric count is a
//! decode error naming the field. The `deserialize_with` helpers of raw.rs.

use serde::Deserializer;

/// A lenient number as WeChat sends it: a JSON number or a numeric string,
/// `null` (and for decimals `""`) being absent. Checked inside a visitor, so
/// the JSON decoder places a failure at the value and the error names the
/// field (`json_decode`).
#[derive(Clone, Copy)]
enum Lenient {
    /// A count: a non-negative integer, also accepted as `12.0` or `"12"`.
    Count,
    /// A finite decimal.
    Decimal,
    /// An integer id or key (may be negative in principle).
    Signed,
}

/// What a lenient field held.
#[derive(Clone, Copy)]
enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

impl Lenient {
    fn expected(self) -> &'static str {
        match self {
            Lenient::Count => "a count ≥ 0",
            Lenient::Decimal => "a number",
            Lenient::Signed => "an integer id",
        }
    }

    fn parse_text(self, s: &str) -> Option<Option<Number>> {
        let s = s.trim();
        match self {
            Lenient::Count => s.parse::<u64>().ok().map(|n| Some(Number::Unsigned(n))),
            Lenient::Decimal if s.is_empty() => Some(None),
            Lenient::Decimal => s.parse::<f64>().ok().map(|f| Some(Number::Float(f))),
            Lenient::Signed => s.parse::<i64>().ok().map(|n| Some(Number::Signed(n))),
        }
    }
}

/// Reads one lenient field and converts it with `fit`; a value that does not
/// fit is an error at the value.
fn lenient<'de, D: Deserializer<'de>, T>(
    d: D,
    kind: Lenient,
    fit: impl Fn(Number) -> Option<T>,
) -> Result<Option<T>, D::Error> {
    struct Fitted<F>(Lenient, F);
    impl<'de, T, F: Fn(Number) -> Option<T>> serde::de::Visitor<'de> for Fitted<F> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.0.expected())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.fit(Number::Unsigned(v), &v)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.fit(Number::Signed(v), &v)
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            self.fit(Number::Float(v), &v)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match self.0.parse_text(v) {
                Some(None) => Ok(None),
                Some(Some(n)) => self.fit(n, &format!("{v:?}")),
                None => Err(self.refuse(&format!("{v:?}"))),
            }
        }
    }
    impl<F> Fitted<F> {
        fn refuse<E: serde::de::Error>(&self, got: &dyn std::fmt::Display) -> E {
            E::custom(format!("expected {}, got {got}", self.0.expected()))
        }
        fn fit<T, E: serde::de::Error>(
            &self,
            n: Number,
            got: &dyn std::fmt::Display,
        ) -> Result<Option<T>, E>
        where
            F: Fn(Number) -> Option<T>,
        {
            (self.1)(n).map(Some).ok_or_else(|| self.refuse(got))
        }
    }
    d.deserialize_option(Fitted(kind, fit))
}

pub(super) fn count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    lenient(d, Lenient::Count, |n| match n {
        Number::Unsigned(n) => Some(n),
        Number::Signed(n) => u64::try_from(n).ok(),
        Number::Float(f) => (f.is_finite() && f >= 0.0 && f.fract() == 0.0).then_some(f as u64),
    })
}

pub(super) fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    lenient(d, Lenient::Decimal, |n| {
        let f = match n {
            Number::Unsigned(n) => n as f64,
            Number::Signed(n) => n as f64,
            Number::Float(f) => f,
        };
        f.is_finite().then_some(f)
    })
}

pub(super) fn signed<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    lenient(d, Lenient::Signed, |n| match n {
        Number::Unsigned(n) => i64::try_from(n).ok(),
        Number::Signed(n) => Some(n),
        // An id written as 7.0 was not accepted before either.
        Number::Float(_) => None,
    })
}
