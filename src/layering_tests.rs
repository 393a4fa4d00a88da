//! The layers import one way: app → pages → components → state → data →
//! domain → i18n. This test reads the sources and fails, with the import
//! matrix it found, when a module imports a layer above its own. Layers are
//! top-level modules of `src/`, so files may move inside a layer freely.
//! Test code (after `#[cfg(test)]`, or a `tests.rs`) is left out: a test may
//! build its fixtures from a higher layer (the demo generator's data).

use std::collections::BTreeMap;
use std::path::Path;

/// Highest first; each layer may import itself and the layers after it.
/// Each entry names the top-level modules (folder or file) in that layer.
const LAYERS: &[(&str, &[&str])] = &[
    ("app", &["app"]),
    ("pages", &["pages"]),
    ("components", &["components"]),
    ("state", &["state"]),
    ("data", &["data"]),
    ("domain", &["domain"]),
    ("i18n", &["i18n", "words"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&module))
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules named as `crate::<module>` in non-test code,
/// comments left out.
fn imported_modules(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        for (i, _) in line.match_indices("crate::") {
            let preceded_by_ident = line[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
            if preceded_by_ident {
                continue; // e.g. `$crate::` or `my_crate::`
            }
            let rest = &line[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push(name);
            }
        }
    }
    found
}

#[test]
fn imports_point_down_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    // (from layer, to layer) → number of imports; and the upward ones.
    let mut matrix: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut upward = Vec::new();
    let mut unplaced = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap_or(file);
        let mut parts = rel.iter().filter_map(|p| p.to_str());
        let top = parts.next().unwrap_or("").trim_end_matches(".rs");
        if rel.components().count() == 1 && matches!(top, "lib" | "main" | "layering_tests") {
            continue; // the crate root and this test sit above every layer
        }
        if top == "bin" || rel.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let Some(from) = layer_of(top) else {
            unplaced.push(rel.display().to_string());
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for module in imported_modules(&text) {
            let Some(to) = layer_of(&module) else {
                unplaced.push(format!("{} imports crate::{module}", rel.display()));
                continue;
            };
            *matrix.entry((from, to)).or_default() += 1;
            if to < from {
                upward.push(format!("{} imports crate::{module}", rel.display()));
            }
        }
    }
    let mut table = format!("{:>12}", "from \\ to");
    for (name, _) in LAYERS {
        table.push_str(&format!("{name:>11}"));
    }
    for (from, (name, _)) in LAYERS.iter().enumerate() {
        table.push_str(&format!("\n{name:>12}"));
        for to in 0..LAYERS.len() {
            match matrix.get(&(from, to)) {
                Some(n) => table.push_str(&format!("{n:>11}")),
                None => table.push_str(&format!("{:>11}", "·")),
            }
        }
    }
    assert!(
        upward.is_empty() && unplaced.is_empty(),
        "imports must point down app → pages → components → state → data → domain → i18n.\n\
         Upward: {upward:#?}\nNot in a layer (add it to LAYERS): {unplaced:#?}\n\
         Imports between layers (row imports column):\n{table}"
    );
}

#[test]
fn the_scanner_finds_crate_paths_outside_comments_and_tests() {
    let text = "use crate::state::url;\n// crate::app in a comment\nlet x = $crate::y; crate::data::f(crate::i18n::Lang::Zh);\n#[cfg(test)]\nuse crate::pages;";
    assert_eq!(imported_modules(text), ["state", "data", "i18n"]);
}
