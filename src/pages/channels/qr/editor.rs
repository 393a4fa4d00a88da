//! Creating and editing a QR code (`code=<id>` or `code=new` in the URL):
//! the scene is checked as it is typed against WeChat's rules for the
//! unlimited mini-program code, and the form says which rule failed.
//! Retire and delete go through the outbox like every edit.

use leptos::prelude::*;

use super::last_day;
use crate::components::form::{
    ConfirmDelete, DateField, Dialog, EnumSelect, Field, NumberInput, TextArea, TextInput,
};
use crate::data::outbox::Op;
use crate::domain::channels::qr::model::{QrCode, QrKind, QrStatus};
use crate::domain::channels::qr::{build_scene, location_of, stores};
use crate::domain::channels::scene::{validate, MAX_SCENE_CHARS, SCENE_PUNCTUATION};
use crate::domain::cockpit::dimensions::{Channel, District};
use crate::i18n::{words, Lang};
use crate::state::context::{use_ctx, Ctx};
use crate::state::edits::{new_id, submit};
use crate::state::loading::ListResource;

fn close(ctx: Ctx) {
    ctx.url().clear(["code"]);
}

#[component]
pub fn CodeEditor(items: Memo<Vec<QrCode>>, codes: ListResource<QrCode>) -> impl IntoView {
    let ctx = use_ctx();
    let on_close = Callback::new(move |()| close(ctx));
    let selected = Memo::new(move |_| ctx.url().get("code").filter(|c| !c.is_empty()));
    move || {
        let id = selected.get()?;
        let item = if id == "new" {
            blank()
        } else {
            items.with_untracked(|all| all.iter().find(|c| c.id == id).cloned())?
        };
        Some(view! { <Form item items codes on_close /> })
    }
}

fn blank() -> QrCode {
    QrCode {
        id: String::new(),
        store: String::new(),
        district: District::Heping,
        kind: QrKind::TableCard,
        channel: Channel::OfflineQr,
        placement: "门店桌贴二维码".into(),
        page_path: "pages/index/index".into(),
        scene: String::new(),
        created: last_day(&[]).succ_opt().unwrap_or_else(|| last_day(&[])),
        status: QrStatus::Active,
        print_cost: 0.0,
        notes: String::new(),
    }
}

/// What is wrong with a page path, if anything: WeChat wants a published
/// page such as `pages/index/index`, without a leading `/` or a query.
fn page_error(path: &str, lang: Lang) -> Option<String> {
    let path = path.trim();
    let bad = path
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "/_-.".contains(*c)));
    let message = if path.is_empty() {
        lang.tr(
            "请填写小程序页面路径。",
            "Enter the mini-program page path.",
        )
    } else if path.starts_with('/') {
        lang.tr(
            "页面路径不能以“/”开头,如 pages/index/index。",
            "The page path must not start with ‘/’, e.g. pages/index/index.",
        )
    } else if bad.is_some() {
        lang.tr(
            "页面路径只能包含英文字母、数字和 / _ - .,参数请放在 scene 里。",
            "The page path may hold letters, digits and / _ - . only; put parameters in the scene.",
        )
    } else {
        return None;
    };
    Some(message.to_string())
}

#[component]
fn Form(
    item: QrCode,
    items: Memo<Vec<QrCode>>,
    codes: ListResource<QrCode>,
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let is_new = item.id.is_empty();
    let original = StoredValue::new(item.clone());
    let store = RwSignal::new(item.store.clone());
    let district = RwSignal::new(item.district);
    let kind = RwSignal::new(item.kind);
    let channel = RwSignal::new(item.channel);
    let placement = RwSignal::new(item.placement.clone());
    let page = RwSignal::new(item.page_path.clone());
    let location = RwSignal::new(location_of(&item.scene).unwrap_or_default().to_string());
    let scene = RwSignal::new(item.scene.clone());
    let created = RwSignal::new(Some(item.created));
    let status = RwSignal::new(item.status);
    let cost = RwSignal::new(item.print_cost.to_string());
    let notes = RwSignal::new(item.notes.clone());
    // Rules are shown once the field holds something, or after Save.
    let tried = RwSignal::new(false);
    let location_error: RwSignal<Option<String>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    // A refused save's message goes once the user changes what it was about.
    Effect::new(move |_| {
        for text in [store, page, scene, cost] {
            text.track();
        }
        created.track();
        error.set(None);
    });

    let scene_error = Signal::derive(move || {
        let lang = ctx.lang.get();
        let s = scene.get();
        if s.is_empty() && !tried.get() {
            return None;
        }
        if let Err(e) = validate(&s) {
            return Some(e.message(lang));
        }
        let own = original.with_value(|o| o.id.clone());
        let twin = items.with(|all| {
            all.iter()
                .find(|c| c.scene == s && c.id != own)
                .map(|c| c.id.clone())
        })?;
        Some(match lang {
            Lang::Zh => format!("二维码 {twin} 已使用这个 scene,扫码时无法区分。"),
            Lang::En => {
                format!("QR code {twin} already carries this scene; scans could not be told apart.")
            }
        })
    });
    let page_err = Signal::derive(move || {
        let p = page.get();
        (tried.get() || !p.is_empty()).then(|| page_error(&p, ctx.lang.get()))?
    });
    let store_err = Signal::derive(move || {
        (tried.get() && store.with(|s| s.trim().is_empty()))
            .then(|| ctx.tr("请填写门店。", "Enter the store.").to_string())
    });
    let generate = move |_| match build_scene(
        channel.get_untracked(),
        kind.get_untracked(),
        &location.get_untracked(),
    ) {
        Ok(s) => {
            location_error.set(None);
            scene.set(s);
        }
        Err(e) => location_error.set(Some(e.message(ctx.lang.get_untracked()))),
    };

    let build = move |retire: bool| -> Result<QrCode, String> {
        tried.set(true);
        let lang = ctx.lang.get_untracked();
        if let Some(e) = store_err.get_untracked() {
            return Err(e);
        }
        if let Some(e) = page_err.get_untracked() {
            return Err(e);
        }
        if let Some(e) = scene_error.get_untracked() {
            return Err(e);
        }
        let created = created.get_untracked().ok_or_else(|| {
            lang.tr("创建日期无效。", "Invalid creation date.")
                .to_string()
        })?;
        let cost_text = cost.get_untracked();
        let print_cost = if cost_text.trim().is_empty() {
            0.0
        } else {
            cost_text
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0)
                .ok_or_else(|| {
                    lang.tr(
                        "印制成本须为非负数字。",
                        "Print cost must be a non-negative number.",
                    )
                    .to_string()
                })?
        };
        let mut c = original.get_value();
        if c.id.is_empty() {
            c.id = new_id("qr");
        }
        c.store = store.get_untracked().trim().to_string();
        c.district = district.get_untracked();
        c.kind = kind.get_untracked();
        c.channel = channel.get_untracked();
        c.placement = placement.get_untracked().trim().to_string();
        c.page_path = page.get_untracked().trim().to_string();
        c.scene = scene.get_untracked();
        c.created = created;
        c.status = if retire {
            QrStatus::Retired
        } else {
            status.get_untracked()
        };
        c.print_cost = print_cost;
        c.notes = notes.get_untracked().trim().to_string();
        Ok(c)
    };
    let commit = move |retire: bool| match build(retire) {
        Ok(c) => {
            let op = if is_new { Op::Create } else { Op::Update };
            let label = format!("{} {}", c.store, c.scene);
            submit(ctx, op, c.id.clone(), Some(c), label, Some(codes));
            on_close.run(());
        }
        Err(e) => error.set(Some(e)),
    };
    let delete = Callback::new(move |()| {
        let c = original.get_value();
        let label = format!("{} {}", c.store, c.scene);
        submit::<QrCode>(ctx, Op::Delete, c.id.clone(), None, label, Some(codes));
        on_close.run(());
    });
    let known_stores = items.with_untracked(|c| stores(c));
    let heading = move || {
        if is_new {
            ctx.tr("新建二维码", "New QR code")
        } else {
            ctx.tr("编辑二维码", "Edit QR code")
        }
    };
    let scene_hint = move || {
        match ctx.lang.get() {
        Lang::Zh => format!("最多 {MAX_SCENE_CHARS} 个字符,只能用数字、英文字母和 {SCENE_PUNCTUATION};格式为 渠道.投放位.位置,如 q.tc.hpl1。"),
        Lang::En => format!("At most {MAX_SCENE_CHARS} characters: digits, letters and {SCENE_PUNCTUATION}; shaped channel.placement.location, e.g. q.tc.hpl1."),
    }
    };
    let was_active = item.status == QrStatus::Active;
    view! {
        <Dialog title_id="qr-editor-title" title=heading on_close wide=true>
            <form class="content-form" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); commit(false) }>
                <datalist id="qr-store-list">
                    {known_stores.into_iter().map(|s| view! { <option value=s></option> }).collect_view()}
                </datalist>
                <div class="form-row">
                    <Field id="qr-store" label=move || ctx.tr("门店", "Store") error=store_err>
                        <TextInput value=store required=true maxlength=40 list="qr-store-list" autofocus=true />
                    </Field>
                    <Field id="qr-district" label=move || words::district(ctx.lang.get())><EnumSelect value=district /></Field>
                    <Field id="qr-kind" label=move || ctx.tr("类型", "Type")><EnumSelect value=kind /></Field>
                    <Field id="qr-status" label=move || ctx.tr("状态", "Status")><EnumSelect value=status /></Field>
                </div>
                <div class="form-row">
                    <Field id="qr-channel" label=move || ctx.tr("渠道", "Channel")><EnumSelect value=channel /></Field>
                    <Field id="qr-placement" label=move || ctx.tr("投放位", "Placement")>
                        <TextInput value=placement maxlength=40 />
                    </Field>
                    <Field id="qr-page" label=move || ctx.tr("小程序页面路径", "Mini-program page path") error=page_err>
                        <TextInput value=page required=true maxlength=128 />
                    </Field>
                </div>
                <div class="form-row qr-scene-row">
                    <Field id="qr-location" label=move || ctx.tr("位置代码", "Location code")
                        hint=move || ctx.tr("如 hpl1(门店拼音缩写 + 序号)", "e.g. hpl1 (store initials + number)")
                        error=location_error>
                        <TextInput value=location maxlength=32 />
                    </Field>
                    <button type="button" class="btn" data-testid="qr-build-scene" on:click=generate>
                        {move || ctx.tr("由渠道、类型和位置生成 scene", "Build the scene from channel, kind and location")}
                    </button>
                </div>
                <Field id="qr-scene" label=move || "scene" hint=scene_hint error=scene_error>
                    <TextInput value=scene required=true />
                </Field>
                <p class="muted small" aria-live="polite" data-testid="qr-scene-count">{move || {
                    let n = scene.with(|s| s.chars().count());
                    match ctx.lang.get() {
                        Lang::Zh => format!("{n} / {MAX_SCENE_CHARS} 个字符"),
                        Lang::En => format!("{n} / {MAX_SCENE_CHARS} characters"),
                    }
                }}</p>
                <div class="form-row">
                    <Field id="qr-created" label=move || ctx.tr("创建日期", "Created")><DateField value=created /></Field>
                    <Field id="qr-cost" label=move || ctx.tr("印制成本(元)", "Print cost (¥)")><NumberInput value=cost /></Field>
                </div>
                <Field id="qr-notes" label=move || ctx.tr("备注", "Notes")><TextArea value=notes rows=2 maxlength=500 /></Field>
                {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{move || ctx.tr("保存", "Save")}</button>
                    {(!is_new && was_active).then(|| view! {
                        <button type="button" class="btn" data-testid="qr-retire" on:click=move |_| commit(true)>{move || ctx.tr("停用", "Retire")}</button>
                    })}
                    {(!is_new).then(|| view! {
                        <ConfirmDelete question=move || ctx.tr("确定删除这个二维码吗?它的访问数据将显示为未登记的码。", "Delete this QR code? Its visits will be listed as an unknown code.") on_confirm=delete />
                    })}
                </div>
            </form>
        </Dialog>
    }
}
