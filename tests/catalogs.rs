//! The text catalogs, natively: their own unit tests (complete in every locale, same
//! placeholders, really translated), which live in a browser-only module and so would
//! otherwise not run, and a check that every key the screens use has its text.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../src/ui/text.rs"]
#[allow(dead_code)]
mod text;

use std::collections::BTreeSet;

/// String literals shaped like text keys ("account.heading", "admin.action.Unblock.named").
fn key_literals(source: &str) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            let mut parts = s.split('.');
            let first = parts.next().unwrap_or("");
            let rest: Vec<_> = parts.collect();
            !first.is_empty()
                && first.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && !rest.is_empty()
                && rest
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
        })
        .map(String::from)
        .collect()
}

/// Every `.rs` file under `dir`, as (path, source).
fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn every_key_the_screens_use_has_english_text() {
    let english: BTreeSet<&str> = text::EN.iter().map(|(k, _)| *k).collect();
    // Not text keys: where the mock keeps its directory.
    let not_keys = ["riskgate.mock"];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    for dir in ["ui", "embed", "review"] {
        sources(&root.join(dir), &mut files);
    }
    let mut missing = vec![];
    for (file, source) in files {
        // The catalogs themselves, and the reviewer's panel, which is English-only by design.
        if file.ends_with("text.rs") || file.ends_with("panel.rs") {
            continue;
        }
        for key in key_literals(&source) {
            if !english.contains(key.as_str()) && !not_keys.contains(&key.as_str()) {
                missing.push(format!("{file}: {key}"));
            }
        }
    }
    assert!(missing.is_empty(), "keys without text: {missing:?}");
}
