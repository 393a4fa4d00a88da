//! A QR image drawn in the browser as SVG: the `qrcode` crate (default
//! features off: no `image` dependency) gives the module matrix, and the
//! dark modules become one `<path>`, one rectangle per horizontal run, so
//! a code is a single small element and nothing is injected as markup.

use leptos::prelude::*;
use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code, as the QR standard asks for.
const QUIET_ZONE: usize = 4;

/// The SVG path of the dark modules of `text` (quiet zone included) and
/// the side of the square in modules; `None` if the text does not fit in a
/// QR code. Error correction M: a table card gets scratched and stained.
pub fn qr_path(text: &str) -> Option<(usize, String)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < row.len() {
            let dark = |i: usize| row.get(i).is_some_and(|c| *c == Color::Dark);
            if !dark(x) {
                x += 1;
                continue;
            }
            let start = x;
            while dark(x) {
                x += 1;
            }
            let run = x - start;
            d.push_str(&format!(
                "M{} {}h{run}v1h-{run}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
    }
    Some((width + 2 * QUIET_ZONE, d))
}

/// The QR image of `text`, `label` read out for it; a notice when the text
/// is too long for a QR code.
#[component]
pub fn QrImage(text: String, #[prop(into)] label: String) -> impl IntoView {
    match qr_path(&text) {
        Some((side, d)) => {
            let view_box = format!("0 0 {side} {side}");
            view! {
                <svg class="qr-image" viewBox=view_box role="img" aria-label=label data-text=text
                    xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">
                    <rect width=side height=side fill="#fff"></rect>
                    <path d=d fill="#000"></path>
                </svg>
            }
            .into_any()
        }
        None => view! { <p class="notice notice-error">"QR?"</p> }.into_any(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn paths_cover_the_dark_modules_inside_the_quiet_zone() {
        let (side, d) = qr_path("pages/order/index?scene=q.tc.hpl1").unwrap();
        // Version 3 (29 modules): version 2 holds only 26 bytes at level M;
        // plus 2 × 4 quiet modules.
        assert_eq!(side, 29 + 8);
        // The top-left finder starts at (4, 4) with a run of seven dark modules.
        assert!(d.starts_with("M4 4h7v1h-7z"), "{}", &d[..40]);
        // Every run stays inside the code.
        for part in d.split('M').filter(|p| !p.is_empty()) {
            let nums: Vec<usize> = part
                .trim_end_matches('z')
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            let (x, y, run) = (nums[0], nums[1], nums[2]);
            assert!(
                x >= 4 && y >= 4 && x + run <= side - 4 && y < side - 4,
                "{part}"
            );
        }
        // Far too long for any QR code: no image rather than a panic.
        assert!(qr_path(&"x".repeat(8000)).is_none());
    }
}
