//! The one CSV writer behind every export (cockpit, content calendar):
//! RFC 4180 quoting and CRLF line ends, plus formula neutralisation.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and,
//! in some, a tab or carriage return) as a formula, so a content title like
//! `=HYPERLINK("http://evil", "点我")` would become a live link or worse
//! ("CSV injection"). As OWASP recommends, such cells get a leading `'`,
//! which spreadsheets read as "this is text". Plain numbers ("-3.40",
//! "+12") are the one exception: they cannot run anything, and prefixing
//! them would turn an analyst's negative changes into text.

use std::borrow::Cow;

/// The characters that make a spreadsheet treat a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `s` is a plain decimal number: an optional sign, digits, and at
/// most one decimal point with digits on both sides ("-3.40", "+12", "0.5").
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    digits(int) && parts.next().is_none_or(digits)
}

/// The cell as a spreadsheet should see it: prefixed with `'` when it
/// begins with a formula trigger (and is not a plain number).
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if s.starts_with(TRIGGERS) && !is_plain_number(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// One field: neutralised, then quoted when it holds a comma, quote or line
/// break (quotes doubled).
pub fn field(out: &mut String, s: &str) {
    let s = neutralise(s);
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&s);
    }
}

/// One record: the fields separated by commas, then CRLF.
pub fn line<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f.as_ref());
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> String {
        let mut out = String::new();
        field(&mut out, s);
        out
    }

    #[test]
    fn fields_follow_rfc_4180() {
        let mut s = String::new();
        line(&mut s, ["plain", "a,b", "say \"hi\"", "two\nlines", ""]);
        assert_eq!(s, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
        let mut owned = String::new();
        line(&mut owned, vec![String::from("x"), String::from("y")]);
        assert_eq!(owned, "x,y\r\n");
    }

    #[test]
    fn formula_triggers_get_a_quote_prefix() {
        assert_eq!(one("=1+2"), "'=1+2");
        assert_eq!(one("+86 138"), "'+86 138");
        assert_eq!(one("-30%大促"), "'-30%大促");
        assert_eq!(one("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(one("\tcmd"), "'\tcmd");
        // A carriage return also needs quoting, after the prefix.
        assert_eq!(one("\r=cmd"), "\"'\r=cmd\"");
        // With a quote or comma inside: prefixed, then quoted as usual.
        assert_eq!(
            one("=HYPERLINK(\"http://x.example\",\"点我\")"),
            "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"点我\"\")\""
        );
        assert_eq!(one("-1+2"), "'-1+2");
        assert_eq!(one("-"), "'-");
        assert_eq!(one("-.5"), "'-.5");
        // Not at the start: left alone.
        assert_eq!(one("a=b"), "a=b");
        assert_eq!(one(" =1"), " =1");
        assert_eq!(one("煎饼果子 -30%"), "煎饼果子 -30%");
    }

    #[test]
    fn plain_numbers_stay_numbers() {
        for n in ["-3.40", "+12", "-0", "0.5", "1234", "-28.20"] {
            assert_eq!(one(n), n, "{n}");
        }
        assert!(!is_plain_number("1."));
        assert!(!is_plain_number("1.2.3"));
        assert!(!is_plain_number("-1e5"));
        assert!(!is_plain_number(""));
    }
}
