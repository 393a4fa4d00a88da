//! The last line of defence: a panic that still happens (the code denies
//! `unwrap` and friends, but a library can panic too) is logged with its
//! message and the user is told in words, with a reload button, instead of
//! being left with a silently frozen app.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const BANNER_ID: &str = "panic-banner";

/// Installs the hook; call once, before mounting.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        // "panicked at src/…: message", as the default hook would print it.
        let message = info.to_string();
        leptos::logging::error!("haihe {message}");
        show_banner();
    }));
}

/// Adds the banner with plain DOM calls: the reactive system may be the
/// thing that broke, so it is not used here.
fn show_banner() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id(BANNER_ID).is_some() {
        return;
    }
    let english = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .is_some_and(|l| l.starts_with("en"));
    let (text, button) = if english {
        (
            "Haihe hit an internal error and stopped responding. Your unsynced edits are kept on this device; reload to continue.",
            "Reload",
        )
    } else {
        (
            "海河遇到内部错误,页面已停止响应。未同步的修改仍保存在本机;请重新加载后继续。",
            "重新加载",
        )
    };
    let (Ok(banner), Ok(p), Ok(btn)) = (
        doc.create_element("div"),
        doc.create_element("p"),
        doc.create_element("button"),
    ) else {
        return;
    };
    let _ = banner.set_attribute("id", BANNER_ID);
    let _ = banner.set_attribute("class", "panic-banner");
    let _ = banner.set_attribute("role", "alert");
    p.set_text_content(Some(text));
    let _ = btn.set_attribute("type", "button");
    let _ = btn.set_attribute("class", "btn btn-primary");
    btn.set_text_content(Some(button));
    let reload = Closure::<dyn FnMut()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    let _ = btn.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
    // Lives as long as the page.
    reload.forget();
    let _ = banner.append_child(&p);
    let _ = banner.append_child(&btn);
    if let Some(body) = doc.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
    let _ = btn.dyn_ref::<web_sys::HtmlElement>().map(|b| b.focus());
}

/// Lets the browser tests prove the hook works (`window.wasmBindings` is
/// Trunk's handle on the exports): a real panic, on purpose.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = haiheTestPanic)]
#[allow(clippy::panic)]
pub fn test_panic() {
    panic!("deliberate panic requested by a test");
}
