//! The embedded backend's demo-data worker (built by Trunk as its own wasm,
//! `data-type="worker"` in index.html): see `haihe::data::embedded::worker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    haihe::data::embedded::worker::serve::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("demo-worker runs in the browser: `trunk build` builds it as a web worker.");
}
