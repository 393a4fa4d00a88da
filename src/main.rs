//! Mounts the app; everything else lives in the library.

fn main() {
    haihe::app::panic::install();
    leptos::mount::mount_to_body(haihe::app::App);
}
