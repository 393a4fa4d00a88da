//! Saving generated text (CSV, iCalendar) as a file the user downloads.

use wasm_bindgen::JsCast;

/// Offers `content` as a download; `None` if the browser refused any step.
pub fn download(filename: &str, mime: &str, content: &str) -> Option<()> {
    let parts = js_sys::Array::new();
    parts.push(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let doc = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(filename);
    doc.body()?.append_child(&a).ok()?;
    a.click();
    a.remove();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}
