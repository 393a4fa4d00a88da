//! `DateField`: a native date input bound to an `Option<NaiveDate>`. The form
//! reads a typed date (or `None` for empty or unparsable), never a string,
//! and parsing never panics.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::field::control_attrs;

/// The `YYYY-MM-DD` of a date input's value; `None` for empty or anything
/// else (the input reports "" while a date is half typed).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// What a date input shows for a value.
pub fn format_date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A date input bound to a date: `<Field id="cp-start" label=…><DateField
/// value=start /></Field>`. Typing sets `value` to the parsed date, or `None`
/// while the input holds no whole date; setting `value` from code shows it.
#[component]
pub fn DateField(
    value: RwSignal<Option<NaiveDate>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let a = control_attrs();
    // The input's own text, so that a half-typed date (reported as "") does
    // not make the input clear itself while the value is `None`.
    let text = RwSignal::new(format_date(value.get_untracked()));
    Effect::new(move |_| {
        let v = value.get();
        if text.with_untracked(|t| parse_date(t)) != v {
            text.set(format_date(v));
        }
    });
    let write = SignalSetter::<String>::map(move |t: String| {
        value.set(parse_date(&t));
        text.set(t);
    });
    view! {
        <input id=a.id type="date" required=required
            aria-describedby=move || a.described_by.get() aria-invalid=move || a.invalid.get()
            bind:value=(text, write) />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_inputs_format_and_nothing_else() {
        assert_eq!(
            parse_date("2026-11-28"),
            NaiveDate::from_ymd_opt(2026, 11, 28)
        );
        assert_eq!(
            parse_date(" 2026-02-01 "),
            NaiveDate::from_ymd_opt(2026, 2, 1)
        );
        for bad in [
            "",
            "2026-02-30",
            "28/11/2026",
            "2026-11",
            "тест",
            "9999999-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats_what_it_parses() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5);
        assert_eq!(format_date(d), "2026-01-05");
        assert_eq!(parse_date(&format_date(d)), d);
        assert_eq!(format_date(None), "");
    }
}
