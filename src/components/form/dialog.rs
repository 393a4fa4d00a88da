//! `Dialog`: the modal every editor opens in, with what a modal owes keyboard
//! and screen-reader users: `role=dialog`, `aria-modal`, a labelling heading,
//! Escape to close, focus moved in on open, kept inside while open and given
//! back to the opener on close.

use leptos::ev::KeyboardEvent;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::state::context::use_ctx;

/// A modal with a heading and a Close button:
/// `<Dialog title_id="dlg-title" title=move || ctx.tr("编辑内容", "Edit content")
/// on_close=Callback::new(move |()| close(ctx))>…</Dialog>`. Render it only
/// while open (closing is the caller's job: `on_close` runs on Close and on
/// Escape). Focus goes to the first element marked `data-autofocus` (kit
/// inputs take `autofocus=true`), else to the first focusable one.
#[component]
pub fn Dialog(
    /// The heading's id, for `aria-labelledby` (tests may use it).
    title_id: &'static str,
    #[prop(into)] title: TextProp,
    on_close: Callback<()>,
    /// The wider layout for long forms.
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    let ctx = use_ctx();
    let dialog = NodeRef::<Div>::new();
    // Whatever had focus before the dialog rendered is what opened it.
    let opener = send_wrapper::SendWrapper::new(active_element());
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            focus_initial(&el);
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        match ev.key().as_str() {
            "Escape" => {
                on_close.try_run(());
            }
            "Tab" => {
                if let Some(el) = dialog.try_get_untracked().flatten() {
                    keep_focus_inside(&el, &ev);
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || {
        keys.remove();
        if let Some(el) = opener.take() {
            if el.is_connected() {
                if let Ok(el) = el.dyn_into::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    });
    view! {
        <div class="dialog-backdrop">
            <div class="dialog" class:dialog-wide=wide role="dialog" aria-modal="true" aria-labelledby=title_id node_ref=dialog>
                <header class="detail-header">
                    <h2 id=title_id>{move || title.get()}</h2>
                    <button type="button" class="btn btn-ghost" on:click=move |_| on_close.run(())>{move || ctx.tr("关闭", "Close")}</button>
                </header>
                {children()}
            </div>
        </div>
    }
}

fn active_element() -> Option<Element> {
    web_sys::window()?
        .document()?
        .active_element()
        .filter(|el| el.tag_name() != "BODY")
}

/// The elements Tab can reach inside `root`, in document order.
fn focusables(root: &Element) -> Vec<HtmlElement> {
    let all = root.get_elements_by_tag_name("*");
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|el| el.dyn_into::<HtmlElement>().ok())
        .filter(is_focusable)
        .collect()
}

fn is_focusable(el: &HtmlElement) -> bool {
    let tabbable = match el.tag_name().as_str() {
        "INPUT" => el.get_attribute("type").as_deref() != Some("hidden"),
        "BUTTON" | "SELECT" | "TEXTAREA" | "SUMMARY" => true,
        "A" => el.has_attribute("href"),
        _ => false,
    } || el
        .get_attribute("tabindex")
        .and_then(|t| t.parse::<i32>().ok())
        .is_some_and(|t| t >= 0);
    // No layout box (hidden, in a closed <details>): Tab skips it.
    tabbable && !el.has_attribute("disabled") && el.offset_parent().is_some()
}

fn focus_initial(root: &Element) {
    let marked = root
        .query_selector("[data-autofocus]")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(el) = marked.or_else(|| focusables(root).into_iter().next()) {
        let _ = el.focus();
    }
}

/// Tab from the last focusable element wraps to the first, Shift+Tab from the
/// first to the last, and Tab from outside the dialog comes back into it.
fn keep_focus_inside(root: &Element, ev: &KeyboardEvent) {
    let list = focusables(root);
    let (Some(first), Some(last)) = (list.first(), list.last()) else {
        return;
    };
    let active = active_element();
    let inside = active
        .as_ref()
        .is_some_and(|a| root.contains(Some(a.as_ref())));
    let at = |el: &HtmlElement| active.as_ref() == Some(el.unchecked_ref::<Element>());
    let target = if !inside {
        Some(if ev.shift_key() { last } else { first })
    } else if ev.shift_key() && at(first) {
        Some(last)
    } else if !ev.shift_key() && at(last) {
        Some(first)
    } else {
        None
    };
    if let Some(el) = target {
        ev.prevent_default();
        let _ = el.focus();
    }
}
