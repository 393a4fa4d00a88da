//! The content items as CSV.

use crate::domain::calendar::model::ContentItem;
use crate::i18n::Lang;

/// The content items as RFC 4180 CSV (header + one row each, CRLF line
/// ends, formula cells neutralised: see `domain::shared::csv`), labels in `lang`.
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
    use crate::domain::calendar::model::ContentChannel;
    use crate::domain::calendar::test_support::{at, item};

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
