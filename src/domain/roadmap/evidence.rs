//! What a card shows of its evidence on the board, without opening it: the
//! latest linked quote (short) and the districts the linked feedback came
//! from, most first ("和平区 · 南开区 +2").

use crate::domain::cockpit::dimensions::District;
use crate::domain::feedback::model::Feedback;
use crate::i18n::Lang;

/// Characters of the latest quote shown on a card.
pub const QUOTE_CHARS: usize = 28;
/// Districts named on a card; the rest are counted.
pub const DISTRICTS_NAMED: usize = 2;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CardEvidence {
    /// The newest linked feedback's text, cut to [`QUOTE_CHARS`].
    pub latest_quote: Option<String>,
    /// Districts of the linked feedback, most items first (ties in the
    /// districts' own order); items without a district are not counted.
    pub districts: Vec<District>,
}

/// `text` cut to `max` characters (not bytes: the quotes are Chinese), with
/// "…" when something was cut.
pub fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The evidence summary of a card linked to `ids` among `feedback` (ids
/// with no row are skipped: the dialog lists them as broken).
pub fn card_evidence(ids: &[String], feedback: &[Feedback]) -> CardEvidence {
    let linked: Vec<&Feedback> = feedback.iter().filter(|f| ids.contains(&f.id)).collect();
    let latest_quote = linked
        .iter()
        .max_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| b.id.cmp(&a.id))
        })
        .map(|f| truncate(&f.text, QUOTE_CHARS))
        .filter(|q| !q.is_empty());
    let mut counts: Vec<(District, usize)> = Vec::new();
    for d in linked.iter().filter_map(|f| f.district) {
        match counts.iter_mut().find(|(x, _)| *x == d) {
            Some((_, n)) => *n += 1,
            None => counts.push((d, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    CardEvidence {
        latest_quote,
        districts: counts.into_iter().map(|(d, _)| d).collect(),
    }
}

/// "和平区 · 南开区 +2" / "Heping · Nankai +2"; empty with no districts.
pub fn districts_label(districts: &[District], lang: Lang) -> String {
    let named: Vec<&str> = districts
        .iter()
        .take(DISTRICTS_NAMED)
        .map(|d| d.label(lang))
        .collect();
    let rest = districts.len().saturating_sub(DISTRICTS_NAMED);
    let mut label = named.join(" · ");
    if rest > 0 {
        label.push_str(&format!(" +{rest}"));
    }
    label
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn fb(id: &str, day: u32, district: Option<&str>, text: &str) -> Feedback {
        let district = district.map_or("null".to_string(), |d| format!("\"{d}\""));
        serde_json::from_str(&format!(
            r#"{{"id":"{id}","createdAt":"2026-11-{day:02}T08:00:00Z","source":"in_app",
            "category":"delivery","district":{district},"text":"{text}","status":"new"}}"#
        ))
        .unwrap()
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_latest_quote_cut_short_and_districts_most_first() {
        let rows = [
            fb("a", 3, Some("nankai"), "早高峰配送太慢"),
            fb(
                "b",
                9,
                Some("heping"),
                "早上八点下单,配送一个多小时才到,豆浆都凉了,希望早高峰多安排骑手",
            ),
            fb("c", 5, Some("heping"), "凉了"),
            fb("d", 6, Some("hexi"), "送到了隔壁"),
            fb("e", 7, None, "没有地区"),
            fb("f", 8, Some("jinnan"), "咸水沽不配送"),
            fb("x", 20, Some("beichen"), "not linked"),
        ];
        let e = card_evidence(&ids(&["a", "b", "c", "d", "e", "f", "gone"]), &rows);
        let quote = e.latest_quote.unwrap();
        assert_eq!(quote.chars().count(), QUOTE_CHARS);
        assert!(
            quote.starts_with("早上八点下单") && quote.ends_with('…'),
            "{quote}"
        );
        // heping twice, then one each in the districts' order
        assert_eq!(
            e.districts,
            [
                District::Heping,
                District::Hexi,
                District::Nankai,
                District::Jinnan
            ]
        );
        assert_eq!(
            districts_label(&e.districts, Lang::Zh),
            "和平区 · 河西区 +2"
        );
        assert_eq!(districts_label(&e.districts, Lang::En), "Heping · Hexi +2");
        assert_eq!(districts_label(&e.districts[..1], Lang::Zh), "和平区");
        assert_eq!(districts_label(&[], Lang::Zh), "");
    }

    #[test]
    fn nothing_linked_shows_nothing_and_short_quotes_stay_whole() {
        assert_eq!(card_evidence(&[], &[]), CardEvidence::default());
        let rows = [fb("a", 3, None, " 凉了 ")];
        let e = card_evidence(&ids(&["a"]), &rows);
        assert_eq!(e.latest_quote.as_deref(), Some("凉了"));
        assert!(e.districts.is_empty());
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
    }
}
