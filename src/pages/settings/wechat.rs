//! The WeChat parts of Settings' data source card: the "WeChat files" preset
//! (a folder of raw datacube files beside the site, docs/wechat.md) and the
//! shape of each resource that can be read from such files. Nothing is saved
//! here: the card's "Save and use" does that.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::components::form::{EnumSelect, Field, TextInput};
use crate::data::config::{BackendKind, RestConfig, Shape};
use crate::data::resource::Resource;
use crate::i18n::Lang;
use crate::state::context::use_ctx;

/// The resources `data::wechat` can fill from WeChat files.
pub const WECHAT_READABLE: &[Resource] = &[Resource::Metrics];

/// The folder the app was served from (`https://cdn.example.cn/haihe/` for
/// `https://cdn.example.cn/haihe/index.html#/settings`): where the fetch
/// script's folder usually sits.
pub fn page_folder(href: &str) -> String {
    let end = href.find(['#', '?']).unwrap_or(href.len());
    let page = href.get(..end).unwrap_or(href);
    match page.rfind('/') {
        Some(i) if i + 1 > page.find("://").map_or(0, |p| p + 3) => {
            page.get(..=i).unwrap_or(page).to_string()
        }
        _ => format!("{page}/"),
    }
}

/// The preset keeps a base URL the user or config.json chose; the built-in
/// placeholder (a local dev server) or nothing means "the site itself".
pub fn preset_base(current: &str, page_folder: &str) -> String {
    let current = current.trim();
    if current.is_empty() || current == RestConfig::default().base_url {
        page_folder.to_string()
    } else {
        current.to_string()
    }
}

/// The path overrides after the preset: the preset's paths over the ones
/// already typed (unreadable text is replaced).
pub fn preset_paths(
    typed: Result<BTreeMap<String, String>, String>,
    preset: &RestConfig,
) -> BTreeMap<String, String> {
    let mut paths = typed.unwrap_or_default();
    paths.extend(preset.paths.clone());
    paths
}

/// `shapes` with one resource's shape set; Haihe (the default) is left out so
/// that plain configs stay plain.
pub fn with_shape(
    mut shapes: BTreeMap<String, Shape>,
    resource: Resource,
    shape: Shape,
) -> BTreeMap<String, Shape> {
    match shape {
        Shape::Haihe => shapes.remove(resource.key()),
        Shape::Wechat => shapes.insert(resource.key().to_string(), shape),
    };
    shapes
}

/// What the preset did, in words.
pub fn preset_summary(lang: Lang, preset: &RestConfig) -> String {
    let sep = crate::i18n::words::list_separator(lang);
    let names: Vec<&str> = WECHAT_READABLE.iter().map(|r| r.label(lang)).collect();
    let names = names.join(sep);
    let folder = preset.collection_url(Resource::Metrics);
    let orders = preset
        .paths
        .contains_key(Resource::Orders.key())
        .then(|| preset.collection_url(Resource::Orders));
    match (lang, orders) {
        (Lang::Zh, None) => format!(
            "已填入“微信数据文件”预设:{names}将读取 {folder} 中的微信数据文件,其他资源仍使用海河 JSON 接口。按“保存并使用”后生效。"
        ),
        (Lang::En, None) => format!(
            "Filled in the “WeChat files” preset: {names} will read the WeChat files in {folder}; the other resources still use the Haihe JSON contract. Press “Save and use” to apply."
        ),
        (Lang::Zh, Some(orders)) => format!(
            "已填入“微信数据文件”预设:{names}将读取 {folder} 中的微信数据文件,订单读取 {orders} 并与微信流量合并,其他资源仍使用海河 JSON 接口。按“保存并使用”后生效。"
        ),
        (Lang::En, Some(orders)) => format!(
            "Filled in the “WeChat files” preset: {names} will read the WeChat files in {folder}, orders will be read from {orders} and combined with WeChat's traffic; the other resources still use the Haihe JSON contract. Press “Save and use” to apply."
        ),
    }
}

/// The signals of the data source card that the WeChat controls change.
#[derive(Clone, Copy)]
pub struct SourceForm {
    pub kind: RwSignal<BackendKind>,
    pub base_url: RwSignal<String>,
    pub paths: RwSignal<String>,
    pub metrics_shape: RwSignal<Shape>,
    pub message: RwSignal<Option<(bool, String)>>,
}

/// The preset: a folder name and the button that fills the form from it.
#[component]
pub fn WechatPreset(
    form: SourceForm,
    parse_paths: fn(&str) -> Result<BTreeMap<String, String>, String>,
    format_paths: fn(&BTreeMap<String, String>) -> String,
) -> impl IntoView {
    let ctx = use_ctx();
    let folder = RwSignal::new("wechat".to_string());
    // Optional: the merchant's own daily orders (docs/api.md `orders`).
    let orders = RwSignal::new(String::new());
    let apply = move |_| {
        let here = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|href| page_folder(&href))
            .unwrap_or_else(|| "/".into());
        let base = preset_base(&form.base_url.get_untracked(), &here);
        let name = folder.get_untracked().trim().to_string();
        let name = if name.is_empty() {
            "wechat".into()
        } else {
            name
        };
        let preset = RestConfig::wechat_preset(&base, &name).with_orders(&orders.get_untracked());
        let paths = preset_paths(parse_paths(&form.paths.get_untracked()), &preset);
        form.base_url.set(base);
        form.paths.set(format_paths(&paths));
        form.metrics_shape.set(preset.shape(Resource::Metrics));
        form.kind.set(BackendKind::Rest);
        form.message.set(Some((
            true,
            preset_summary(ctx.lang.get_untracked(), &preset),
        )));
    };
    view! {
        <fieldset class="wechat-preset">
            <legend>{move || ctx.tr("微信数据文件", "WeChat files")}</legend>
            <p class="muted">{move || ctx.tr(
                "每日由 scripts/wechat-fetch 写入站点旁文件夹的微信数据分析原始文件(见 docs/wechat.md)。",
                "The raw WeChat analytics files that scripts/wechat-fetch writes daily to a folder beside the site (see docs/wechat.md).",
            )}</p>
            <Field id="wechat-folder" label=move || ctx.tr("文件夹", "Folder")>
                <TextInput value=folder />
            </Field>
            <Field
                id="wechat-orders"
                label=move || ctx.tr("订单数据路径(可选)", "Orders path (optional)")
                hint=move || ctx.tr(
                    "商家后台或导出文件的每日订单(docs/api.md 的 orders),如 /shop/orders.json;留空则订单指标显示“微信数据不提供此指标”。",
                    "Daily orders from your backend or an exported file (orders in docs/api.md), e.g. /shop/orders.json; left empty, the order tiles say WeChat's data does not include them.",
                )
            >
                <TextInput value=orders />
            </Field>
            <button type="button" class="btn" id="wechat-preset" on:click=apply>
                {move || ctx.tr("套用“微信数据文件”预设", "Apply the “WeChat files” preset")}
            </button>
        </fieldset>
    }
}

/// The shape of each WeChat-readable resource, beside the path overrides.
#[component]
pub fn ShapeFields(form: SourceForm) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <Field
            id="rest-shape-metrics"
            label=move || {
                let lang = ctx.lang.get();
                match lang {
                    Lang::Zh => format!("{}的数据格式", Resource::Metrics.label(lang)),
                    Lang::En => format!("Format of {}", Resource::Metrics.label(lang)),
                }
            }
        >
            <EnumSelect value=form.metrics_shape />
        </Field>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_folder_drops_the_file_query_and_hash() {
        assert_eq!(
            page_folder("https://cdn.example.cn/haihe/index.html?x=1#/settings"),
            "https://cdn.example.cn/haihe/"
        );
        assert_eq!(
            page_folder("http://127.0.0.1:8080/team/haihe/#/settings"),
            "http://127.0.0.1:8080/team/haihe/"
        );
        assert_eq!(
            page_folder("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/"
        );
    }

    #[test]
    fn the_preset_keeps_a_chosen_base_and_other_paths() {
        let here = "https://cdn.example.cn/haihe/";
        assert_eq!(preset_base("", here), here);
        assert_eq!(preset_base("http://127.0.0.1:3000", here), here);
        assert_eq!(
            preset_base(" https://api.shop.cn ", here),
            "https://api.shop.cn"
        );
        let preset = RestConfig::wechat_preset(here, "wechat");
        let mut typed = BTreeMap::new();
        typed.insert("feedback".to_string(), "/api/fb".to_string());
        let paths = preset_paths(Ok(typed), &preset);
        assert_eq!(paths.get("feedback").map(String::as_str), Some("/api/fb"));
        assert_eq!(paths.get("metrics").map(String::as_str), Some("wechat"));
        assert_eq!(preset_paths(Err("bad".into()), &preset), preset.paths);
        let zh = preset_summary(Lang::Zh, &preset);
        assert!(
            zh.contains("每日指标将读取 https://cdn.example.cn/haihe/wechat"),
            "{zh}"
        );
        assert!(preset_summary(Lang::En, &preset).contains("Haihe JSON contract"));
        assert!(!zh.contains("订单"), "no orders path, no word of orders");
    }

    #[test]
    fn the_preset_can_add_the_merchants_orders() {
        let here = "https://cdn.example.cn/haihe/";
        let preset = RestConfig::wechat_preset(here, "wechat").with_orders("shop/orders.json");
        let paths = preset_paths(Ok(BTreeMap::new()), &preset);
        assert_eq!(
            paths.get("orders").map(String::as_str),
            Some("shop/orders.json")
        );
        assert_eq!(preset.shape(Resource::Orders), Shape::Haihe);
        let zh = preset_summary(Lang::Zh, &preset);
        assert!(
            zh.contains("订单读取 https://cdn.example.cn/haihe/shop/orders.json 并与微信流量合并"),
            "{zh}"
        );
        let en = preset_summary(Lang::En, &preset);
        assert!(
            en.contains("orders will be read from https://cdn.example.cn/haihe/shop/orders.json"),
            "{en}"
        );
    }

    #[test]
    fn only_wechat_shapes_are_written() {
        let shapes = with_shape(BTreeMap::new(), Resource::Metrics, Shape::Wechat);
        assert_eq!(shapes.get("metrics"), Some(&Shape::Wechat));
        assert!(with_shape(shapes, Resource::Metrics, Shape::Haihe).is_empty());
    }
}
