//! The terms check: reads every `.rs` file under `src/`, takes each
//! `tr("中文", "English")` pair of string literals, and fails when one Chinese
//! string has two English translations or one English string two Chinese ones.
//!
//! Two rules keep it about words, not typography:
//! - English is compared ignoring case ("Delete" as a button, "delete" inside a
//!   sentence are one term);
//! - pairs with no letter on a side (separators such as "、" / ", " or "; ")
//!   are skipped on that side: a list separator depends on where the list sits.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Chinese strings allowed more than one English translation, each with why.
const SAME_CHINESE_ALLOWED: &[(&str, &str)] = &[(
    "次",
    "the measure word counts both visits and page views; English names what is counted",
)];

/// One `tr(…)` pair and where it stands.
#[derive(Debug, Clone, PartialEq)]
struct Pair {
    zh: String,
    en: String,
    at: String,
}

/// Reads one string literal (`"…"`, escapes kept as written) at the start of
/// `s`; returns it and the rest.
fn string_literal(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some((&body[..i], &body[i + 1..])),
            _ => {}
        }
    }
    None
}

/// The pair of literals of a call whose text after `tr(` is `s`, or None when
/// the arguments are not two literals (`tr(zh, en)` passes variables on).
fn call_arguments(s: &str) -> Option<(&str, &str)> {
    let (zh, rest) = string_literal(s.trim_start())?;
    let rest = rest.trim_start().strip_prefix(',')?;
    let (en, rest) = string_literal(rest.trim_start())?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    rest.starts_with(')').then_some((zh, en))
}

/// Every literal `tr("…", "…")` pair in `source` (a call may span lines).
fn pairs_in(source: &str, file: &str) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, _) in source.match_indices("tr(") {
        let before = source[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `str(`, `attr(` …
        }
        if let Some((zh, en)) = call_arguments(&source[i + 3..]) {
            let line = source[..i].matches('\n').count() + 1;
            out.push(Pair {
                zh: zh.to_string(),
                en: en.to_string(),
                at: format!("{file}:{line}"),
            });
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// The terms given more than one translation, one line each:
/// `"目标": "Goal" (src/…:12), "Target" (src/…:40)`.
fn conflicts(pairs: &[Pair]) -> Vec<String> {
    // key → (translation as compared → where each spelling stands)
    type Index = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;
    let mut by_zh: Index = BTreeMap::new();
    let mut by_en: Index = BTreeMap::new();
    for p in pairs {
        let (zh_word, en_word) = (has_letter(&p.zh), has_letter(&p.en));
        let at = format!("{:?} ({})", p.en, p.at);
        if zh_word && en_word {
            by_zh
                .entry(p.zh.clone())
                .or_default()
                .entry(p.en.to_lowercase())
                .or_default()
                .insert(at);
            let at = format!("{:?} ({})", p.zh, p.at);
            by_en
                .entry(p.en.to_lowercase())
                .or_default()
                .entry(p.zh.clone())
                .or_default()
                .insert(at);
        }
    }
    let allowed: BTreeSet<&str> = SAME_CHINESE_ALLOWED.iter().map(|(zh, _)| *zh).collect();
    let mut out = Vec::new();
    for (zh, ens) in &by_zh {
        if ens.len() > 1 && !allowed.contains(zh.as_str()) {
            let all: Vec<String> = ens.values().flatten().cloned().collect();
            out.push(format!("{zh:?} → {}", all.join(", ")));
        }
    }
    for (en, zhs) in &by_en {
        if zhs.len() > 1 {
            let all: Vec<String> = zhs.values().flatten().cloned().collect();
            out.push(format!("{en:?} ← {}", all.join(", ")));
        }
    }
    out
}

#[test]
fn every_term_has_one_translation_each_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let this_file = Path::new(file!());
    let mut pairs = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(root).unwrap_or(path);
        if relative == this_file {
            continue; // the examples below are not UI text
        }
        let source = std::fs::read_to_string(path).expect("a source file reads");
        pairs.extend(pairs_in(&source, &relative.display().to_string()));
    }
    assert!(
        pairs.len() > 300,
        "found only {} tr pairs: is the parser broken?",
        pairs.len()
    );
    let found = conflicts(&pairs);
    assert!(
        found.is_empty(),
        "terms with two translations (use one term, or a distinct Chinese string for a different meaning; \
         shared terms live in src/i18n/words.rs):\n{}",
        found.join("\n")
    );
    for (zh, reason) in SAME_CHINESE_ALLOWED {
        assert!(
            pairs.iter().any(|p| p.zh == *zh),
            "allowed {zh:?} ({reason}) is no longer used"
        );
    }
}

#[test]
fn reads_literals_with_escapes_over_several_lines() {
    let source = "x.tr(\"甲\", \"A\"); lang.tr(\n    \"说\\\"好\\\"\",\n    \"say \\\"ok\\\"\",\n)\nattr(\"x\", \"y\") tr(zh, en)";
    let pairs = pairs_in(source, "f.rs");
    let got: Vec<(&str, &str, &str)> = pairs
        .iter()
        .map(|p| (p.zh.as_str(), p.en.as_str(), p.at.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("甲", "A", "f.rs:1"),
            ("说\\\"好\\\"", "say \\\"ok\\\"", "f.rs:1")
        ]
    );
}

#[test]
fn finds_drift_both_ways_ignoring_case_and_punctuation() {
    let pair = |zh: &str, en: &str| Pair {
        zh: zh.into(),
        en: en.into(),
        at: "f.rs:1".into(),
    };
    let pairs = [
        pair("删除", "Delete"),
        pair("删除", "delete"),
        pair("、", ", "),
        pair("、", "; "),
        pair("开始", "From"),
        pair("开始", "Start"),
        pair("起始日期", "From"),
    ];
    let found = conflicts(&pairs);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("\"开始\" → \"From\""), "{found:?}");
    assert!(found[1].starts_with("\"from\" ← \"开始\""), "{found:?}");
}
