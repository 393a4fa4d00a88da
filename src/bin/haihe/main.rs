//! Mounts the app with its pages, each area's code split into a wasm module of
//! its own (areas.rs); everything else lives in the library.

mod areas;

use leptos::prelude::*;

fn main() {
    haihe::app::panic::install();
    let areas = haihe::app::AreaCode {
        page: areas::area_page,
        prefetch: areas::prefetch,
    };
    leptos::mount::mount_to_body(move || view! { <haihe::app::App areas /> });
}
